#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# The work is done by the action plugin of the same name (plugins/action/); this file carries its documentation.

from __future__ import annotations

DOCUMENTATION = r'''
module: zoom_phone_numbers_audit_rollup
short_description: Write the roll-up of audits of several Zoom accounts
version_added: 0.2.0
description:
  - Writes C(accounts.json) and C(accounts.md) into O(output_dir) on the controller - one line per account with its
    status, number of phone numbers, violations by severity and drift counts, and the fleet's totals.
  - An account that could not be audited stays in the roll-up with the reason.
  - Used by the playbook C(ucops.zoom.audit_accounts), which collects one outcome per account host; it sends no request
    to Zoom.
author:
  - ucops.zoom maintainers (@ucops)
options:
  accounts:
    description:
      - One outcome per account - C(account) (its inventory host name), C(status) (V(ok), V(gate_failed) or V(failed)),
        C(message), C(total) (numbers audited), C(violations) (counts by severity), C(drift) (C(added), C(removed),
        C(changed), or null without a baseline) and C(output_dir) (its reports).
    type: list
    elements: dict
    required: true
  output_dir:
    description:
      - The folder C(accounts.json) and C(accounts.md) are written to, created when missing. A relative path is taken
        from the directory C(ansible-playbook) was started in.
    type: path
    default: zoom-phone-audit
attributes:
  action:
    description: The work is done on the controller by an action plugin.
    support: full
  check_mode:
    description: In check mode the roll-up is computed and returned but not written.
    support: full
  diff_mode:
    description: Writes reports, not configuration.
    support: none
seealso:
  - module: ucops.zoom.zoom_phone_numbers_audit
  - name: Auditing many accounts
    description: The playbook ucops.zoom.audit_accounts and how it runs on automation controllers.
    link: https://github.com/ucops/ucops.zoom/blob/main/docs/scaling.md
'''

EXAMPLES = r'''
- name: Roll up the audits of every account host of the play
  ucops.zoom.zoom_phone_numbers_audit_rollup:
    accounts: "{{ ansible_play_hosts_all | map('extract', hostvars, 'audit_accounts_outcome') | list }}"
    output_dir: reports/fleet
  run_once: true
  delegate_to: localhost
'''

RETURN = r'''
files:
  description: The files written (empty in check mode).
  returned: success
  type: dict
  sample: {json: /srv/audit/zoom-phone-audit/accounts.json, md: /srv/audit/zoom-phone-audit/accounts.md}
totals:
  description: The fleet's totals - C(accounts), C(audited), C(failed), C(gate_failed), C(numbers), C(violations) by severity.
  returned: success
  type: dict
  sample: {accounts: 8, audited: 7, failed: 1, gate_failed: 2, numbers: 140212, violations: {critical: 3, high: 40, medium: 310, low: 9021}}
output_dir:
  description: The absolute path of the folder.
  returned: success
  type: str
  sample: /srv/audit/zoom-phone-audit
msg:
  description: One line for people.
  returned: always
  type: str
  sample: "8 accounts: 7 audited (2 over their gate), 1 failed."
'''
