# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""fields: only the data asked for, through every entry point, equal to the ground truth cut the same way."""

from __future__ import annotations

import json

from ansible_runs import expected_numbers  # pylint: disable=import-error


def cut(record, paths):
    """The ground truth's record with only ``id`` and ``paths`` (written here, not taken from the collection)."""
    kept = {"id": record["id"]}
    for path in paths:
        head, _dot, rest = path.partition(".")
        if head not in record:
            continue
        if not rest:
            kept[head] = record[head]
        elif isinstance(record[head], dict) and rest in record[head]:
            kept.setdefault(head, {})[rest] = record[head][rest]
    return kept


def test_module_and_lookup_keep_only_the_fields_asked_for(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=2500, seed=6)
    paths = ["number", "assignee.name", "site.id"]
    run = ansible.playbook("""
- name: Assigned numbers, three fields
  ucops.zoom.zoom_phone_numbers_info:
    type: assigned
    where: "status == 'available' && assignee.type == 'user'"
    fields: [number, assignee.name, site.id]
  register: listed

- name: The same through Number Management
  ucops.zoom.zoom_phone_numbers_info:
    type: assigned
    where: "status == 'available' && assignee.type == 'user'"
    fields: [number, assignee.name, site.id]
    endpoint: number_management
  register: replacement

- name: The same through the lookup
  ansible.builtin.set_fact:
    looked_up: "{{ query('ucops.zoom.zoom_phone_numbers', type='assigned', fields=['number', 'assignee.name', 'site.id'],
                   where=\\"status == 'available' && assignee.type == 'user'\\") }}"
  register: lookup
""", saves=["listed", "replacement", "lookup"], sim=sim)
    assert run.rc == 0, run.output
    truth = [record for record in expected_numbers(sim, type="assigned")
             if record.get("status") == "available" and record.get("assignee", {}).get("type") == "user"]
    expected = [cut(record, paths) for record in truth]
    assert truth and len(expected) < 2500
    listed = run.result("listed")
    assert listed["phone_numbers"] == expected
    assert listed["total_records"] == len(expected_numbers(sim, type="assigned"))
    assert run.result("replacement")["phone_numbers"] == expected
    assert run.result("lookup")["ansible_facts"]["looked_up"] == expected


def test_inventory_hosts_carry_only_the_fields_asked_for(ansible, zoom_simulator):
    source = ansible.tmp / "slim.zoom_phone_numbers.yml"
    source.write_text("plugin: ucops.zoom.zoom_phone_numbers\nfields: [number, status]\nhostnames: [id]\n", encoding="utf-8")
    completed, data = ansible.inventory_list(source, sim=zoom_simulator)
    assert completed.returncode == 0, completed.stderr
    hostvars = data["_meta"]["hostvars"]
    truth = expected_numbers(zoom_simulator)
    assert sorted(hostvars) == sorted(record["id"] for record in truth)
    for record in truth[:50]:
        variables = dict((key, value) for key, value in hostvars[record["id"]].items() if not key.startswith("ansible_"))
        plain = dict((key, value["__ansible_unsafe"] if isinstance(value, dict) and "__ansible_unsafe" in value else value)
                     for key, value in variables.items())
        assert plain == cut(record, ["number", "status"])


def test_the_audit_keeps_what_its_reports_and_rules_need(ansible, zoom_simulator):
    run = ansible.playbook("""
- name: Audit, keeping the number and its location of every number
  ansible.builtin.include_role:
    name: ucops.zoom.phone_numbers_audit
  vars:
    phone_numbers_audit_output_dir: "{{ out_dir }}/audit"
    phone_numbers_audit_filters:
      fields: [location]
""", sim=zoom_simulator)
    assert run.rc == 0, run.output
    report = json.loads((ansible.out_dir / "audit" / "phone_numbers_audit.json").read_text(encoding="utf-8"))
    truth = dict((record["id"], record) for record in expected_numbers(zoom_simulator))
    assert sorted(record["id"] for record in report["numbers"]) == sorted(truth)
    assert report["summary"]["total"] == len(truth)
    for record in report["numbers"]:
        source = truth[record["id"]]
        # Kept: what was asked for and what the reports and rules read; dropped: everything else.
        assert record.get("location") == source.get("location")
        assert record.get("assignee") == source.get("assignee") and record.get("site") == source.get("site")
        assert "capability" in record or "capability" not in source  # a built-in rule reads it
        assert "carrier" not in record
