#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# The work is done by the action plugin of the same name (plugins/action/); this file carries its documentation.

from __future__ import annotations

DOCUMENTATION = r'''
module: zoom_phone_numbers_audit
short_description: Audit a Zoom Phone account's numbers against rules and write compliance reports
version_added: 0.1.0
description:
  - Lists the account's phone numbers with M(ucops.zoom.zoom_phone_numbers_info), evaluates rules over them, compares
    them with an earlier report when given one, and writes the reports (JSON, CSV, HTML, Markdown) on the controller.
  - Zoom sends the BYOC fields (C(carrier), C(sip_group), C(emergency_address), C(emergency_address_status),
    C(emergency_address_update_time)) only to a C(type=byoc) listing. When a rule or the C(where) of O(filters) names one of them
    and O(filters) do not already ask for BYOC numbers only, the numbers are listed a second time with C(type=byoc) and
    those fields are merged onto the first listing by id. No second listing is made when no rule needs them, or when
    the first listing holds no BYOC number.
  - The full list of numbers stays inside the plugin; the result holds the summary, the violations and the drift.
  - Usually run through the role C(ucops.zoom.phone_numbers_audit) or the playbook C(ucops.zoom.audit).
author:
  - ucops.zoom maintainers (@ucops)
requirements:
  - requests
  - jmespath
extends_documentation_fragment:
  - ucops.zoom.zoom
options:
  connection:
    description:
      - The connection options above as one dict (C(account_id), C(client_secret), C(api_url)...), for callers that
        keep them in one variable; the role passes C(phone_numbers_audit_connection) here.
      - They take precedence over the same options given directly. Options set in neither place come from
        C(module_defaults) or the C(ZOOM_*) environment variables, as for M(ucops.zoom.zoom_phone_numbers_info).
    type: dict
    default: {}
  filters:
    description:
      - Which numbers to audit, as the query options of M(ucops.zoom.zoom_phone_numbers_info)
        (C(type), C(extension_type), C(number_type), C(pending_numbers), C(site_id), C(phone_number), C(page_size),
        C(queries), and its Number Management filters) and C(where).
      - Names are checked here and values by the listing module, before any request.
      - C(where) is applied after the listings are merged, so it may test BYOC fields.
    type: dict
    default: {}
  rules:
    description:
      - The rules, each a dict with exactly the keys C(name), C(description), C(severity) and C(where).
      - C(name) is letters, digits, C(_), C(.) or C(-); C(severity) is one of V(low), V(medium), V(high), V(critical);
        C(where) is a JMESPath expression evaluated against each number, and the numbers for which it is true in
        JMESPath's sense (not V(false), V(null), or an empty string, list or object) break the rule.
      - The role passes its built-in rules here (see its C(defaults/main.yml)).
    type: list
    elements: dict
    required: true
  rules_extra:
    description:
      - More rules, added after O(rules). A rule with the name of one in O(rules) replaces it, for example to change
        its severity.
    type: list
    elements: dict
    default: []
  rules_disabled:
    description:
      - Names of rules to leave out. A name that matches no rule gives a warning.
    type: list
    elements: str
    default: []
  baseline:
    description:
      - The path of an earlier C(phone_numbers_audit.json). The report then lists the drift since it (numbers added,
        removed, and changed with each field's old and new value), matched by id.
      - A relative path is taken from the directory C(ansible-playbook) was started in.
      - It may be the report this task is about to replace; it is read before anything is written.
    type: path
  baseline_required:
    description:
      - What a O(baseline) path with no file means. V(true) fails the task; V(false) audits without drift and warns,
        for the first run of a job that always compares with its previous report.
      - A baseline file that exists but cannot be read or is not a report always fails the task.
    type: bool
    default: true
  output_dir:
    description:
      - The folder the reports are written to, on the controller; created when missing. Existing reports are replaced
        atomically.
      - A relative path is taken from the directory C(ansible-playbook) was started in (never the playbook's folder).
    type: path
    default: zoom-phone-audit
  formats:
    description:
      - Which reports to write. V(json) is C(phone_numbers_audit.json), the input of a later drift; V(csv), V(html)
        and V(md) are C(phone_numbers_audit.csv), C(.html) and C(.md).
    type: list
    elements: str
    choices: [json, csv, html, md]
    default: [json, csv, html, md]
  fail_severity:
    description:
      - The severity threshold of RV(gate). This plugin never fails because of violations; the role fails the play
        from RV(gate) when asked to.
    type: str
    choices: [low, medium, high, critical]
    default: high
  fail_on_violation:
    description:
      - Whether the gate is on. With V(true), C(gate.failed) is true when a violation is at or above O(fail_severity),
        and the reports show the gate's verdict; with V(false), the reports show the gate as off and C(gate.failed) is
        always false (C(gate.count) still counts the violations at or above the threshold).
      - This plugin itself never fails because of violations; the role sets this from
        C(phone_numbers_audit_fail_on_violation) and fails the play when C(gate.failed) is true.
    type: bool
    default: false
    version_added: 0.2.0
attributes:
  action:
    description: The work is done on the controller by an action plugin, which runs the listing module.
    support: full
  check_mode:
    description: In check mode the numbers are listed and audited and RV(audit) is returned, but no report is written.
    support: partial
  diff_mode:
    description: Writes reports, not configuration; there is nothing to diff.
    support: none
  action_group:
    description: Use C(group/ucops.zoom.zoom) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - ucops.zoom.zoom
notes:
  - "The reports name people and extensions: keep O(output_dir) where only the people who may see them can read it."
  - Values from Zoom are data, never templates. They are escaped in the HTML and Markdown reports; CSV cells that a
    spreadsheet would run as a formula (starting with V(=), V(+), V(-), V(@), a tab or a carriage return, E.164
    numbers included) are prefixed with an apostrophe.
seealso:
  - module: ucops.zoom.zoom_phone_numbers_info
  - name: The audit role and its reports
    description: Variables, rules and report formats of ucops.zoom.phone_numbers_audit.
    link: https://github.com/ucops/ucops.zoom/blob/main/docs/audit.md
'''

EXAMPLES = r'''
- name: Audit every number with two rules and write all four reports to ./zoom-phone-audit
  ucops.zoom.zoom_phone_numbers_audit:
    rules:
      - name: byoc_emergency_address_missing
        description: BYOC number without an emergency address
        severity: critical
        where: "source == 'external' && !emergency_address"
      - name: unassigned_number
        description: Available number assigned to nobody (idle cost)
        severity: low
        where: "!assignee && status != 'pending'"
  register: audit

- name: Fail when anything high or critical was found
  ansible.builtin.fail:
    msg: "{{ audit.gate.message }}"
  when: audit.gate.count > 0

- name: Toll-free numbers only, JSON and Markdown, with the drift since last week's report
  ucops.zoom.zoom_phone_numbers_audit:
    filters:
      number_type: tollfree
    rules: "{{ my_rules }}"
    formats: [json, md]
    baseline: reports/last-week/phone_numbers_audit.json
    output_dir: reports/today
    fail_severity: critical
'''

RETURN = r'''
audit:
  description:
    - What the role stores in the fact C(phone_numbers_audit) - the JSON report without its C(numbers).
  returned: success
  type: dict
  contains:
    report:
      description: When and how the audit ran - C(generated_at), C(api_url), C(filters), C(byoc_fields_listed),
        C(listings), C(rules) (each with its count of C(violations)), C(gate) and, with a baseline, C(baseline).
      type: dict
      sample:
        format_version: 1
        generator: ucops.zoom.phone_numbers_audit
        generated_at: "2026-05-04T07:00:12Z"
        api_url: https://api.zoom.us/v2
        filters: {}
        byoc_fields_listed: true
    summary:
      description: Counts of the audited numbers - C(total), C(by_number_type), C(by_assignment), C(by_assignee_type),
        C(by_site), C(by_status), C(by_source) - and C(violation_counts) (C(total), C(numbers), C(by_severity), C(by_rule)).
      type: dict
      sample:
        total: 2314
        by_number_type: {toll: 2130, tollfree: 184}
        by_assignment: {assigned: 1502, unassigned: 812}
        by_assignee_type: {user: 760, unassigned: 812, callQueue: 182}
        by_site: {Main Site: 1208, London Office: 1082, no site: 24}
        by_status: {available: 2221, pending: 93}
        by_source: {internal: 2080, external: 234}
        violation_counts:
          total: 950
          numbers: 941
          by_severity: {critical: 41, high: 52, medium: 75, low: 782}
          by_rule: {byoc_emergency_address_missing: 41, unassigned_number: 719}
    violations:
      description: Every violation, most severe rule first, then in rule order, then in API order.
      type: list
      elements: dict
      sample:
        - rule: byoc_emergency_address_missing
          severity: critical
          id: 3vt4b7wtb79q4hqnu8fe7n
          number: "+14155550123"
          message: "+14155550123 (Front desk): BYOC number without an emergency address"
    drift:
      description:
        - With O(baseline), the numbers C(added) and C(removed) (whole records), the C(changed) ones (C(id), C(number),
          C(kinds), C(changes) as C({field, old, new})), and C(counts); V(null) otherwise.
      type: dict
      sample:
        counts: {added: 1, removed: 0, changed: 1, by_kind: {reassigned: 1, site_moved: 0}}
        added: []
        removed: []
        changed:
          - id: 3vt4b7wtb79q4hqnu8fe7n
            number: "+14155550123"
            kinds: [reassigned]
            changes:
              - {field: assignee.name, old: Jill Chill, new: Bo Bright}
    files:
      description: The reports written, by format.
      type: dict
      sample: {json: /srv/audit/zoom-phone-audit/phone_numbers_audit.json}
msg:
  description: One line for people - how many numbers, the violations by severity and, with a baseline, the drift.
  returned: success
  type: str
  sample: "2,314 phone numbers audited, 950 violations (41 critical, 52 high, 75 medium, 782 low)."
files:
  description: The reports written, by format (empty in check mode).
  returned: success
  type: dict
  sample:
    json: /srv/audit/zoom-phone-audit/phone_numbers_audit.json
    csv: /srv/audit/zoom-phone-audit/phone_numbers_audit.csv
    html: /srv/audit/zoom-phone-audit/phone_numbers_audit.html
    md: /srv/audit/zoom-phone-audit/phone_numbers_audit.md
output_dir:
  description: The absolute path of the report folder.
  returned: success
  type: str
  sample: /srv/audit/zoom-phone-audit
gate:
  description:
    - The violations at or above O(fail_severity) - C(severity), C(enabled) (O(fail_on_violation)), C(failed) (whether
      the gate is on and there are any), C(count), C(by_rule), the C(first) ten, and a one-line C(message) that lists them.
  returned: success
  type: dict
  sample:
    severity: high
    enabled: true
    failed: true
    count: 2
    by_rule: {byoc_emergency_address_missing: 2}
    first:
      - {rule: byoc_emergency_address_missing, severity: critical, id: 3vt4b7wtb79q4hqnu8fe7n, number: "+14155550123",
         message: "+14155550123 (Front desk): BYOC number without an emergency address"}
    message: "Phone number audit: 2 violations at or above severity high (byoc_emergency_address_missing: 2). First 2: ..."
seconds:
  description: Seconds spent listing (C(listing)), and auditing and writing the reports (C(audit), and C(audit_cpu) in CPU time).
  returned: success
  type: dict
  sample: {listing: 3.2, audit: 1.4, audit_cpu: 1.3}
'''
