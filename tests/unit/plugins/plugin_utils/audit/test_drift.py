# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Drift: numbers added, removed and changed between a baseline and today, and reading the baseline."""

from __future__ import annotations

import copy
import json

import pytest

from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.drift import change_kind, compare, load_baseline
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.options import AuditError

# A small hand-written account: a user number, a BYOC number with an emergency address, a spare one.
BEFORE = [
    {"id": "a", "number": "+14155550100", "display_name": "Ann", "status": "available", "capability": ["incoming", "outgoing"],
     "site": {"id": "s1", "name": "San Jose"}, "assignee": {"id": "u1", "name": "Ann", "type": "user", "extension_number": 100}},
    {"id": "b", "number": "+14155550101", "status": "available", "source": "external", "site": {"id": "s1", "name": "San Jose"},
     "emergency_address": {"city": "San Jose", "address_line1": "1 Main St"}, "emergency_address_status": 2},
    {"id": "c", "number": "+14155550102", "status": "pending"},
]


def after():
    records = copy.deepcopy(BEFORE)
    records[0]["assignee"] = {"id": "u2", "name": "Bo", "type": "user", "extension_number": 100}
    records[0]["site"] = {"id": "s2", "name": "Austin"}
    records[0]["capability"] = ["outgoing", "incoming"]  # the same capabilities in another order
    records[1]["emergency_address"]["address_line1"] = "2 Main St"
    records[1]["emergency_address_status"] = 1
    del records[2]
    records.insert(0, {"id": "d", "number": "+14155550103", "status": "available"})
    return records


def test_added_removed_and_changed_with_old_and_new_values():
    drift = compare(BEFORE, after())
    assert [record["id"] for record in drift["added"]] == ["d"]
    assert [record["id"] for record in drift["removed"]] == ["c"]
    assert drift["changed"] == [
        {"id": "a", "number": "+14155550100", "kinds": ["reassigned", "assignee_details", "site_moved", "site_details"], "changes": [
            {"field": "assignee.id", "old": "u1", "new": "u2"},
            {"field": "assignee.name", "old": "Ann", "new": "Bo"},
            {"field": "site.id", "old": "s1", "new": "s2"},
            {"field": "site.name", "old": "San Jose", "new": "Austin"},
        ]},
        {"id": "b", "number": "+14155550101", "kinds": ["emergency_address"], "changes": [
            {"field": "emergency_address.address_line1", "old": "1 Main St", "new": "2 Main St"},
            {"field": "emergency_address_status", "old": 2, "new": 1},
        ]},
    ]
    assert drift["counts"]["added"] == 1 and drift["counts"]["removed"] == 1 and drift["counts"]["changed"] == 2
    assert drift["counts"]["by_kind"]["reassigned"] == 1 and drift["counts"]["by_kind"]["emergency_address"] == 1
    assert drift["counts"]["by_kind"]["status"] == 0


def test_unassigning_is_a_reassignment():
    now = copy.deepcopy(BEFORE)
    del now[0]["assignee"]
    changed = compare(BEFORE, now)["changed"]
    assert changed[0]["kinds"] == ["reassigned", "assignee_details"]
    assert {"field": "assignee.type", "old": "user", "new": None} in changed[0]["changes"]


def test_byoc_fields_are_left_out_when_only_one_audit_listed_them():
    now = copy.deepcopy(BEFORE)
    for key in ("emergency_address", "emergency_address_status"):
        del now[1][key]
    assert compare(BEFORE, now)["counts"]["changed"] == 1
    drift = compare(BEFORE, now, compare_byoc=False)
    assert drift["changed"] == [] and drift["byoc_fields_compared"] is False


@pytest.mark.parametrize("field, kind", [
    ("assignee", "reassigned"), ("assignee.extension_number", "assignee_details"), ("site", "site_moved"),
    ("emergency_address_update_time", "emergency_address"), ("sip_group.id", "carrier"), ("location", "other"),
    ("status", "status"), ("statuses", "other"),
])
def test_change_kinds(field, kind):
    assert change_kind(field) == kind


def test_baseline_round_trip(tmp_path):
    path = tmp_path / "phone_numbers_audit.json"
    path.write_text(json.dumps({"report": {"generated_at": "2026-01-01T00:00:00Z"}, "numbers": BEFORE}), encoding="utf-8")
    numbers, meta = load_baseline(str(path))
    assert numbers == BEFORE and meta["generated_at"] == "2026-01-01T00:00:00Z"


@pytest.mark.parametrize("content, message", [
    # A missing file says how to make the baseline optional (the first run of a job has none yet).
    (None, "There is no baseline report at .* or set phone_numbers_audit_baseline_required: false"),
    ("{not json", "is not valid JSON"),
    ('{"phone_numbers": []}', "has no list 'numbers'"),
    ('[1, 2]', "has no list 'numbers'"),
    ('{"numbers": [{"number": "+1"}]}', r"numbers\[0\] is not a number record with an id"),
    ("", "is not valid JSON"),
])
def test_unusable_baselines_are_refused_naming_the_file(tmp_path, content, message):
    path = tmp_path / "old.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(AuditError, match=message) as info:
        load_baseline(str(path))
    assert str(path) in str(info.value)


def test_an_unreadable_baseline_is_refused_naming_the_file(tmp_path):
    # A folder where the report should be: it exists, but cannot be read as a file.
    with pytest.raises(AuditError, match="Cannot read the baseline %s" % tmp_path):
        load_baseline(str(tmp_path))
