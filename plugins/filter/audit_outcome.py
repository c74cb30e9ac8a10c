# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
name: audit_outcome
short_description: One account's audit as a line of the fleet roll-up
version_added: 0.2.0
author:
  - ucops.zoom maintainers (@ucops)
description:
  - Turns what the role C(ucops.zoom.phone_numbers_audit) left for one account (its registered audit result and the
    fact C(phone_numbers_audit)) into the small outcome M(ucops.zoom.zoom_phone_numbers_audit_rollup) rolls up -
    status, totals, violations by severity, drift counts and where the reports are.
  - Used by the playbook C(ucops.zoom.audit_accounts).
positional: account, audit, failure
options:
  _input:
    description: The registered result of the role's audit task (C(phone_numbers_audit_run)), or an empty dict.
    type: dict
    required: true
  account:
    description: The account's name, its inventory host name.
    type: str
    required: true
  audit:
    description: The fact C(phone_numbers_audit), when the audit ran.
    type: dict
  failure:
    description: Why the account's block failed, when it did (C(ansible_failed_result.msg)).
    type: str
'''

EXAMPLES = r'''
- name: Keep this account's outcome
  ansible.builtin.set_fact:
    audit_accounts_outcome: "{{ phone_numbers_audit_run | ucops.zoom.audit_outcome(inventory_hostname, phone_numbers_audit) }}"
'''

RETURN = r'''
_value:
  description:
    - C(account), C(status) (V(ok), V(gate_failed) when the audit ran and the role's gate failed the play, V(failed)
      when it could not run), C(message), C(total), C(violations) (by severity), C(drift) (C(added), C(removed),
      C(changed), or null) and C(output_dir).
  type: dict
'''


def audit_outcome(run, account, audit=None, failure=None):
    """The roll-up line of one account from the role's audit result, its fact and the failure, if any."""
    run = run if isinstance(run, dict) else {}
    audited = isinstance(audit, dict) and not run.get("failed") and "summary" in audit
    if not audited:
        return {"account": account, "status": "failed", "message": failure or run.get("msg") or "the audit did not run"}
    summary = audit["summary"]
    drift = audit.get("drift")
    return {
        "account": account,
        "status": "gate_failed" if failure else "ok",
        "message": failure or "",
        "total": summary.get("total"),
        "violations": (summary.get("violation_counts") or {}).get("by_severity") or {},
        "drift": dict((key, drift["counts"].get(key)) for key in ("added", "removed", "changed")) if drift else None,
        "output_dir": run.get("output_dir"),
    }


class FilterModule:
    """The fleet audit's filters of ucops.zoom."""

    def filters(self):
        return {"audit_outcome": audit_outcome}
