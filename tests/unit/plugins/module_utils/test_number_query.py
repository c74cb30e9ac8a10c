# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Query options: what is sent to Zoom, and what is refused before any request."""

from __future__ import annotations

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils.number_query import MAX_WHERE_DEPTH, NumberQuery, Where
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomConfigError


def one_set(options, endpoint="auto"):
    return NumberQuery.from_options(options, endpoint=endpoint).sets[0]


def test_only_set_options_are_sent_in_zoom_form():
    query_set = one_set({"type": "assigned", "extension_type": "callQueue", "pending_numbers": False,
                         "site_id": "x&type=all", "number_type": None})
    assert query_set.phone_params() == {"type": "assigned", "extension_type": "callQueue", "pending_numbers": "false",
                                        "site_id": "x&type=all"}
    # Typed inside: the Number Management translation reads a bool, not Zoom's text.
    assert query_set.values["pending_numbers"] is False


@pytest.mark.parametrize("raw, option", [
    ({"type": "everything"}, "type"),
    ({"type": "Assigned"}, "type"),
    ({"extension_type": "user"}, "extension_type"),
    ({"type": "all", "extension_type": "user"}, "extension_type"),
    ({"type": "assigned", "extension_type": "robot"}, "extension_type"),
    ({"number_type": "free"}, "number_type"),
    ({"pending_numbers": "perhaps"}, "pending_numbers"),
    ({"site_id": ""}, "site_id"),
    ({"site_id": "abc\x00def"}, "site_id"),
    ({"site_id": "s" * 300}, "site_id"),
    ({"site_id": 12}, "site_id"),
    ({"phone_number": "14155550123"}, "phone_number"),
    ({"phone_number": "+1 415 555 0123"}, "phone_number"),
    ({"colour": "red"}, "colour"),
    ({"queries": [{"siteid": "a"}]}, "queries[0].siteid"),
])
def test_invalid_query_names_the_option(raw, option):
    with pytest.raises(ZoomConfigError) as info:
        NumberQuery.from_options(raw)
    assert option in str(info.value)


@pytest.mark.parametrize("value, expected", [(None, 100), (1, 1), (100, 100), ("50", 50)])
def test_page_size(value, expected):
    query = NumberQuery.from_options({"page_size": value})
    assert query.page_size(query.sets[0], "phone") == expected


@pytest.mark.parametrize("value", [0, 101, -5, "ten", 2.5, True])
def test_page_size_invalid(value):
    with pytest.raises(ZoomConfigError, match="page_size must be an integer from 1 to 100"):
        NumberQuery.from_options({"page_size": value})


def test_an_unset_page_size_follows_the_endpoint_actually_used():
    query = NumberQuery.from_options({})
    assert query.page_size(query.sets[0], "phone") == 100
    assert query.page_size(query.sets[0], "number_management") == 200


def test_pending_numbers_is_always_sent_true_unless_set():
    # Zoom's default for an omitted pending_numbers is undocumented: the collection pins its own.
    assert one_set({}).phone_params() == {"pending_numbers": "true"}
    assert one_set({"pending_numbers": None}).values["pending_numbers"] is True
    query = NumberQuery.from_options({"pending_numbers": False, "queries": [{}, {"pending_numbers": True}]})
    assert [query_set.phone_params() for query_set in query.sets] == [{"pending_numbers": "false"}, {"pending_numbers": "true"}]


def test_queries_inherit_top_level_options_and_label_errors():
    query = NumberQuery.from_options({"type": "assigned", "page_size": 50,
                                      "queries": [{"site_id": "a"}, {"site_id": "b", "type": "unassigned"}]})
    assert [(query_set.phone_params(), query_set.page_size) for query_set in query.sets] == [
        ({"type": "assigned", "site_id": "a", "pending_numbers": "true"}, 50),
        ({"type": "unassigned", "site_id": "b", "pending_numbers": "true"}, 50)]
    with pytest.raises(ZoomConfigError, match=r"queries\[1\]\.number_type"):
        NumberQuery.from_options({"queries": [{}, {"number_type": "x"}]})
    with pytest.raises(ZoomConfigError, match=r"queries\[0\] must be a dict"):
        NumberQuery.from_options({"queries": ["site-a"]})
    with pytest.raises(ZoomConfigError, match="queries must be a non-empty list"):
        NumberQuery.from_options({"queries": []})


def test_a_label_names_options_nested_in_another():
    with pytest.raises(ZoomConfigError, match="Unknown query option filters.colour"):
        NumberQuery.from_options({"colour": "red"}, label="filters.")
    with pytest.raises(ZoomConfigError, match=r"Option filters\.where is not a valid JMESPath expression"):
        NumberQuery.from_options({"where": "status =="}, label="filters.")


RECORDS = [
    {"id": "a", "status": "pending", "number_type": "tollfree", "capability": ["incoming"]},
    {"id": "b", "status": "available", "number_type": "toll", "assignee": {"type": "user"}, "capability": []},
    {"id": "c", "status": "available", "number_type": "tollfree", "emergency_address_status": 0},
]


@pytest.mark.parametrize("expression, ids", [
    ("status == 'pending' && number_type == 'tollfree'", ["a"]),
    ("!assignee", ["a", "c"]),
    ("assignee.type", ["b"]),
    ("capability", ["a"]),
    ("emergency_address_status", ["c"]),
    ("contains(capability || `[]`, 'outgoing')", []),
])
def test_where_uses_jmespath_truthiness(expression, ids):
    assert [record["id"] for record in Where(expression).filter(RECORDS)] == ids


@pytest.mark.parametrize("expression", ["status ==", "", "   ", "foo[?"])
def test_where_invalid(expression):
    with pytest.raises(ZoomConfigError, match="Option where"):
        Where(expression)


@pytest.mark.parametrize("endpoint, options, chosen, page_size", [
    ("auto", {}, "auto", 100),
    ("auto", {"number_source": "BYOCCloud"}, "number_management", 200),
    ("number_management", {}, "number_management", 200),
    ("number_management", {"page_size": 150}, "number_management", 150),
    ("phone", {"type": "byoc"}, "phone", 100),
])
def test_endpoint_choice_and_page_size(endpoint, options, chosen, page_size):
    query = NumberQuery.from_options(options, endpoint=endpoint)
    assert query.endpoint == chosen
    assert query.page_size(query.sets[0], "phone" if chosen == "auto" else chosen) == page_size


@pytest.mark.parametrize("endpoint, options, fragment", [
    ("phone", {"number_source": "BYOCCloud"}, "number_source is a filter of Zoom's Number Management API"),
    ("auto", {"page_size": 150}, "page_size must be an integer from 1 to 100 (up to 200 with endpoint: number_management)"),
    ("number_management", {"page_size": 201}, "page_size must be an integer from 1 to 200, got 201"),
    ("auto", {"number_status": "Gone"}, "number_status must be one of Normal, Pending"),
    ("number_management", {"type": "unassigned", "assigned_to_type": "User"}, "type=unassigned conflicts with assigned_to_type=User"),
    ("number_management", {"pending_numbers": False, "number_status": "Pending"}, "pending_numbers=false conflicts"),
])
def test_endpoint_errors_name_the_option(endpoint, options, fragment):
    with pytest.raises(ZoomConfigError) as info:
        NumberQuery.from_options(options, endpoint=endpoint)
    assert fragment in str(info.value)


@pytest.mark.parametrize("where", [
    "(" * 5000 + "status" + ")" * 5000,
    "!" * 5000 + "status",
    " && ".join(["status"] * 2000),
    "[" * 3000 + "status" + "]" * 3000,
])
def test_a_where_nested_too_deeply_fails_with_a_message_not_a_traceback(where):
    with pytest.raises(ZoomConfigError) as failure:
        Where(where)
    assert str(failure.value).startswith("Option where nests more than %d levels deep" % MAX_WHERE_DEPTH)


def test_a_where_as_deep_as_allowed_still_works():
    where = Where(" || ".join(["status == 'x%d'" % index for index in range(MAX_WHERE_DEPTH - 5)] + ["status == 'available'"]))
    assert where.keeps({"id": "a", "status": "available"}) and not where.keeps({"id": "b", "status": "pending"})


def test_site_name_is_resolved_by_the_listing_never_sent_to_zoom():
    query_set = one_set({"site_name": "London Office", "type": "unassigned"})
    assert query_set.values["site_name"] == "London Office"
    assert "site_name" not in query_set.phone_params() and "site_id" not in query_set.phone_params()
    assert "site_name" not in query_set.number_management_filters()
    # Not a Number Management filter: it does not move the listing there.
    assert NumberQuery.from_options({"site_name": "London Office"}).endpoint == "auto"


@pytest.mark.parametrize("options, fragment", [
    ({"site_id": "a", "site_name": "b"}, "Options site_id and site_name cannot be used together"),
    ({"queries": [{"site_id": "a", "site_name": "b"}]}, "Options queries[0].site_id and queries[0].site_name"),
    ({"site_name": ""}, "Option site_name must not be empty"),
    ({"queries": [{"site_name": 7}]}, "Option queries[0].site_name must be a string"),
])
def test_site_name_errors(options, fragment):
    with pytest.raises(ZoomConfigError) as info:
        NumberQuery.from_options(options)
    assert fragment in str(info.value)


def test_a_query_entry_s_site_replaces_the_top_level_site_whichever_way_each_names_it():
    sets = NumberQuery.from_options({"site_name": "Main", "type": "assigned",
                                     "queries": [{}, {"site_id": "abc"}, {"site_name": "Other"}]}).sets
    assert [dict((key, value) for key, value in query_set.values.items() if key.startswith("site")) for query_set in sets] == [
        {"site_name": "Main"}, {"site_id": "abc"}, {"site_name": "Other"}]
    assert all(query_set.values["type"] == "assigned" for query_set in sets)


def test_a_literal_written_as_in_yaml_gets_the_backtick_hint():
    with pytest.raises(ZoomConfigError) as info:
        Where("emergency_address_status == 1")
    message = str(info.value)
    assert message.startswith("Option where is not a valid JMESPath expression: ")
    assert "literals in backticks (emergency_address_status == `1`)" in message


@pytest.mark.parametrize("value, fragment", [
    ([], "fields must be a non-empty list"),
    ("number", "fields must be a non-empty list"),
    (["number", "assignee name"], r"fields\[1\] must be a field path"),
    (["number", 3], r"fields\[1\] must be a field path"),
    (["a"] * 51, "fields has 51 paths; at most 50"),
])
def test_fields_must_be_field_paths(value, fragment):
    with pytest.raises(ZoomConfigError, match=fragment):
        NumberQuery.from_options({"fields": value})


def test_fields_are_kept_after_where_sees_the_whole_record():
    query = NumberQuery.from_options({"where": "status == 'pending'", "fields": ["number", "number", "site.name"]})
    assert query.fields == ("number", "site.name")
    assert query.shape({"id": "a", "status": "available", "number": "+1"}) is None
    assert query.shape({"id": "b", "status": "pending", "number": "+2", "site": {"id": "s", "name": "HQ"}}) == {
        "id": "b", "number": "+2", "site": {"name": "HQ"}}
