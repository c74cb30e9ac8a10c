# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory plugin's pure helpers: host names, group names, and when a cached listing may be reused."""

from __future__ import annotations

import pytest

from ansible_collections.ucops.zoom.plugins.inventory.zoom_phone_numbers import (
    cache_fingerprint, default_group_names, host_names,
)

RECORD = {
    "id": "3vt4b7wtb79q4hqnu8fe7n",
    "number": "+14155550123",
    "display_name": "  Front desk ",
    "number_type": "tollfree",
    "status": "available",
    "source": "internal",
    "site": {"id": "s1", "name": "Main Site"},
    "assignee": {"id": "u1", "name": "Jill", "extension_number": 1001, "type": "callQueue"},
    "capability": ["incoming"],
}


@pytest.mark.parametrize("preferences, expected", [
    (["number"], "+14155550123"),
    (["display_name", "number"], "Front_desk"),
    (["site.name"], "Main_Site"),
    (["assignee.extension_number"], "1001"),
    (["carrier.name", "id"], "3vt4b7wtb79q4hqnu8fe7n"),
    (["capability", "site", "number"], "+14155550123"),
    (["missing"], "+14155550123"),
])
def test_the_first_usable_field_names_the_host(preferences, expected):
    assert host_names(RECORD, preferences)[0] == expected


def test_the_number_then_the_id_are_the_last_resorts_and_no_name_comes_twice():
    assert host_names(RECORD, ["display_name", "site.name", "number"]) == ["Front_desk", "Main_Site", "+14155550123", RECORD["id"]]
    assert host_names({"display_name": "x"}, ["display_name"]) == ["x"]
    assert host_names({}, ["display_name"]) == []


@pytest.mark.parametrize("value, expected", [
    ("db01", "db01"),
    ("web[1:3]", "web_1_3_"),
    ("a,b:c", "a_b_c"),
    ("two\nlines\r\tand tabs", "two_lines__and_tabs"),
    ("{{ lookup('env','HOME') }}", "___lookup__env___HOME_____"),
    ("!db01&~web*?", "_db01__web__"),
    ("Zo\u00eb \u6771\u4eac", "Zo\u00eb_\u6771\u4eac"),
    ("+1 (415) 555-0123", "+1__415__555-0123"),
    ("{{ }}", None),
])
def test_host_names_keep_only_letters_digits_and_safe_punctuation(value, expected):
    assert host_names({"display_name": value}, ["display_name"]) == ([expected] if expected else [])


def test_a_value_with_nothing_safe_left_falls_back_to_the_next_field():
    assert host_names({"display_name": "{{ }}", "number": "+14155550123"}, ["display_name", "number"]) == ["+14155550123"]


def test_blank_and_boolean_values_do_not_name_a_host():
    assert host_names({"display_name": "   ", "flag": True, "number": "+1"}, ["display_name", "flag", "number"]) == ["+1"]


def test_default_groups_are_safe_names_a_zoom_admin_sorts_by():
    assert default_group_names(RECORD) == [
        "zoom_numbers", "zoom_tollfree", "zoom_available", "zoom_internal", "zoom_assigned", "zoom_assignee_callqueue"]
    assert default_group_names({"id": "x", "status": "pending-port", "assignee": {}}) == [
        "zoom_numbers", "zoom_pending_port", "zoom_unassigned"]


BASE = {"account_id": "acc", "client_id": "cid", "client_secret": "secret-one", "api_url": "https://api.zoom.us/v2",
        "oauth_url": "https://zoom.us/oauth/token", "endpoint": "auto", "type": "assigned"}


@pytest.mark.parametrize("change", [
    {"account_id": "other-account"},
    {"api_url": "https://api.zoomgov.com/v2"},
    {"type": "unassigned"},
    {"where": "!assignee"},
    {"queries": [{"site_id": "a"}]},
    {"endpoint": "number_management"},
])
def test_another_account_url_or_filter_is_another_fingerprint(change):
    assert cache_fingerprint(dict(BASE, **change)) != cache_fingerprint(BASE)


def test_the_fingerprint_holds_no_secret_and_ignores_it():
    fingerprint = cache_fingerprint(BASE)
    assert "secret-one" not in fingerprint
    assert cache_fingerprint(dict(BASE, client_secret="secret-two", timeout=5)) == fingerprint
    assert cache_fingerprint(BASE, access_token="token-a") != cache_fingerprint(BASE, access_token="token-b")
