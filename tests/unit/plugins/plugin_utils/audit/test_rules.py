# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Audit rules: validation, the built-in rules against the simulator's ground truth, and the gate."""

from __future__ import annotations

import pathlib

import pytest
import yaml

from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.options import AuditError
from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import merge_byoc
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.rules import build_rules, evaluate, gate

DEFAULTS = pathlib.Path(__file__).resolve().parents[5] / "roles" / "phone_numbers_audit" / "defaults" / "main.yml"
RULE = {"name": "pending", "description": "Pending number", "severity": "low", "where": "status == 'pending'"}


def builtin_rules():
    return yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))["phone_numbers_audit_rules"]


def merged_truth(sim):
    """What the audit sees: every number, with the BYOC fields of the type=byoc listing merged on."""
    records = sim.truth()
    merge_byoc(records, sim.truth(type="byoc"))
    return records


# The built-in rules restated in plain Python, to check the JMESPath versions against.
EXPECTED = {
    "byoc_emergency_address_missing": lambda r: r["source"] == "external" and not r.get("emergency_address"),
    "byoc_emergency_address_update_required": lambda r: r["source"] == "external" and r.get("emergency_address_status") == 1,
    "number_without_site": lambda r: not (r.get("site") or {}).get("id"),
    "assigned_without_outgoing_calls": lambda r: (r.get("assignee") or {}).get("type") in ("user", "commonArea", "sharedLineGroup")
    and r["number_type"] != "tollfree" and "outgoing" not in r.get("capability", []),
    "pending_number": lambda r: r["status"] == "pending",
    "unassigned_number": lambda r: not r.get("assignee") and r["status"] != "pending",
}


def test_builtin_rules_select_what_they_say_on_the_simulated_account(zoom_simulator_factory):
    sim = zoom_simulator_factory(size=3000, seed=5)
    records = merged_truth(sim)
    rules, warnings = build_rules(builtin_rules())
    assert warnings == []
    assert sorted(rule.name for rule in rules) == sorted(EXPECTED)
    violations, counts = evaluate(rules, records)
    for name, predicate in EXPECTED.items():
        expected = [record["id"] for record in records if predicate(record)]
        assert [entry["id"] for entry in violations if entry["rule"] == name] == expected, name
        assert counts[name] == len(expected)
    # The simulated account always holds BYOC numbers without an address and awaiting the carrier.
    assert counts["byoc_emergency_address_missing"] > 0 and counts["byoc_emergency_address_update_required"] > 0


def test_violations_come_most_severe_first_and_name_the_number(zoom_simulator):
    records = merged_truth(zoom_simulator)
    rules, dummy = build_rules(builtin_rules())
    violations, dummy = evaluate(rules, records)
    ranks = {"critical": 3, "high": 2, "medium": 1, "low": 0}
    assert [ranks[entry["severity"]] for entry in violations] == sorted((ranks[entry["severity"]] for entry in violations), reverse=True)
    by_id = dict((record["id"], record) for record in records)
    for entry in violations:
        assert set(entry) == {"rule", "severity", "id", "number", "message"}
        record = by_id[entry["id"]]
        assert entry["number"] == record["number"]
        assert entry["message"].startswith(record["number"] + " (")


def test_only_rules_on_byoc_fields_need_the_byoc_listing():
    rules, dummy = build_rules(builtin_rules() + [
        dict(RULE, name="carrier_x", where="carrier.code == 'X'"),
        dict(RULE, name="address_city", where="emergency_address.city == 'Paris'"),
    ])
    needs = dict((rule.name, rule.needs_byoc) for rule in rules)
    assert needs == {
        "byoc_emergency_address_missing": True, "byoc_emergency_address_update_required": True, "number_without_site": False,
        "assigned_without_outgoing_calls": False, "pending_number": False, "unassigned_number": False,
        "carrier_x": True, "address_city": True,
    }


def test_extra_rules_add_or_replace_and_disabled_rules_go():
    replaced = dict(RULE, severity="critical", description="Pending numbers are not allowed here")
    extra = dict(RULE, name="tollfree", where="number_type == 'tollfree'")
    rules, warnings = build_rules([RULE, dict(RULE, name="other")], [replaced, extra], ["other", "no_such_rule"])
    assert [(rule.name, rule.severity) for rule in rules] == [("pending", "critical"), ("tollfree", "low")]
    assert len(warnings) == 1 and "no_such_rule" in warnings[0]


@pytest.mark.parametrize("raw, message", [
    ("not a dict", r"rules\[0\] must be a dict"),
    (dict(RULE, colour="red"), r"rules\[0\] has unknown key colour"),
    (dict(RULE, severity="urgent"), r"rules\[0\]\.severity must be one of low, medium, high, critical"),
    (dict(RULE, where="status == "), r"rules\[0\]\.where is not a valid JMESPath expression"),
    (dict(RULE, where=""), r"rules\[0\] needs a non-empty string where"),
    (dict(RULE, description=None), r"rules\[0\] needs a non-empty string description"),
    (dict(RULE, name="bad name!"), r"rules\[0\] has the name 'bad name!'"),
])
def test_invalid_rules_are_refused_naming_the_rule(raw, message):
    with pytest.raises(AuditError, match=message):
        build_rules([raw])


def test_duplicate_names_are_refused():
    with pytest.raises(AuditError, match="two rules named pending"):
        build_rules([RULE, RULE])


def test_a_rule_that_fails_at_run_time_names_itself_and_the_number():
    rules, dummy = build_rules([dict(RULE, name="broken", where="abs(display_name) > `1`")])
    with pytest.raises(AuditError, match=r"Rule broken could not be evaluated: Option rules\[0\].where failed on number n1"):
        evaluate(rules, [{"id": "n1", "display_name": "text"}])


def test_jmespath_truthiness_matches_the_module_where():
    records = [{"id": str(index), "value": value} for index, value in enumerate([0, 1, "", "x", [], [1], {}, {"a": 1}, False, True, None])]
    rules, dummy = build_rules([dict(RULE, name="value", where="value")])
    violations, dummy = evaluate(rules, records + [{"id": "absent"}])
    assert [entry["id"] for entry in violations] == ["0", "1", "3", "5", "7", "9"]


def test_gate_counts_at_or_above_the_threshold_and_lists_the_first():
    violations = [
        {"rule": "a", "severity": "critical", "id": "1", "number": "+1", "message": "+1 (x): a"},
        {"rule": "b", "severity": "high", "id": "2", "number": "+2", "message": "+2 (y\nz): b"},
        {"rule": "c", "severity": "low", "id": "3", "number": "+3", "message": "+3 (z): c"},
    ]
    high = gate(violations, "high", examples=1)
    assert (high["failed"], high["count"], high["by_rule"]) == (True, 2, {"a": 1, "b": 1})
    assert high["first"] == violations[:1]
    assert high["message"].startswith("Phone number audit: 2 violations at or above severity high (a: 1, b: 1). First 1: [critical] a +1 (x): a")
    assert "\n" not in gate(violations, "low")["message"]
    critical = gate(violations[1:], "critical")
    assert (critical["failed"], critical["count"], critical["first"]) == (False, 0, [])
    assert critical["message"] == "Phone number audit: no violation at or above severity critical."


def test_a_gate_that_is_off_counts_but_does_not_fail():
    violations = [{"rule": "a", "severity": "critical", "id": "1", "number": "+1", "message": "+1 (x): a"}]
    off = gate(violations, "high", enabled=False)
    assert (off["enabled"], off["failed"], off["count"]) == (False, False, 1)
    on = gate(violations, "high")
    assert (on["enabled"], on["failed"], on["count"]) == (True, True, 1)
