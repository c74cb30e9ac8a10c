# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Dotted paths into records and counting by them."""

from __future__ import annotations

from ansible_collections.ucops.zoom.plugins.module_utils.record_fields import count_by, get_path

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
