# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Dotted paths into records and counting by them."""

from __future__ import annotations

from ansible_collections.ucops.zoom.plugins.module_utils.record_fields import count_by, get_path, project

RECORDS = [
    {"id": "1", "assignee": {"type": "user", "name": "Ann"}, "site": {"name": "Berlin"}},
    {"id": "2", "assignee": {"type": "user", "name": "Bo"}},
    {"id": "3", "site": None},
    {"id": "4", "assignee": {"type": "callQueue"}, "site": {"name": ""}, "capability": ["incoming"]},
]


def test_get_path():
    assert get_path(RECORDS[0], "assignee.name") == "Ann"
    assert get_path(RECORDS[1], "site.name") is None
    assert get_path(RECORDS[2], "site.name", "x") == "x"
    assert get_path(RECORDS[0], "assignee.name.first") is None
    assert get_path(RECORDS[3], "capability") == ["incoming"]


def test_count_by_orders_by_count_then_name_and_defaults_missing():
    assert list(count_by(RECORDS, "assignee.type", "unassigned").items()) == [("user", 2), ("callQueue", 1), ("unassigned", 1)]
    assert count_by(RECORDS, "site.name") == {"none": 3, "Berlin": 1}
    assert count_by(RECORDS, "capability") == {"none": 3, "['incoming']": 1}


def test_project_keeps_id_and_the_paths_where_they_were():
    record = {"id": "n1", "number": "+1", "site": {"id": "s", "name": "Main"}, "assignee": {"name": "Jo", "type": "user"}}
    assert project(record, ["number", "assignee.name", "carrier.name"]) == {"id": "n1", "number": "+1", "assignee": {"name": "Jo"}}
    assert project(record, ["site", "site.id"]) == {"id": "n1", "site": {"id": "s", "name": "Main"}}
    assert project(record, ["site.id", "site"]) == {"id": "n1", "site": {"id": "s", "name": "Main"}}
    assert record["site"] == {"id": "s", "name": "Main"}, "the listed record itself is never changed"
