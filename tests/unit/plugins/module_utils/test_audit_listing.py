# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which listings the audit makes, and how the BYOC listing is merged onto the main one."""

from __future__ import annotations

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils.audit_errors import AuditError
from ansible_collections.ucops.zoom.plugins.module_utils.audit_listing import (
    byoc_query, connection_options, covers_byoc, may_hold_byoc, merge_byoc, split_filters,
)


def test_merged_listing_equals_what_zoom_would_send_if_every_answer_had_the_byoc_fields(zoom_simulator_factory):
    # The simulator can send the BYOC fields in every listing: that is the truth to merge towards.
    sim = zoom_simulator_factory(size=1500, seed=11, byoc_fields="always")
    everything = sim.truth()
    sim.configure(byoc_fields="byoc_only")
    records = sim.truth()
    byoc = sim.truth(type="byoc")
    assert records != everything
    assert merge_byoc(records, byoc) == len(byoc) > 0
    assert records == everything


def test_merge_only_enriches_numbers_of_the_main_listing(zoom_simulator):
    records = zoom_simulator.truth(type="unassigned")
    byoc = zoom_simulator.truth(type="byoc")
    merged = merge_byoc(records, byoc)
    assert merged == sum(1 for record in byoc if "assignee" not in record)
    assert len(records) == len(zoom_simulator.truth(type="unassigned"))


def test_where_is_kept_back_and_unknown_filters_are_refused():
    query, where = split_filters({"type": "assigned", "where": "emergency_address_status == `1`", "site_id": None})
    assert query == {"type": "assigned"}
    assert where.keeps({"emergency_address_status": 1}) and not where.keeps({})
    with pytest.raises(AuditError, match="filters has unknown option colour"):
        split_filters({"colour": "red"})
    with pytest.raises(AuditError, match=r"filters\.where is not a valid JMESPath expression"):
        split_filters({"where": "status =="})


@pytest.mark.parametrize("query, covered", [
    ({}, False), ({"type": "byoc"}, True), ({"type": "all"}, False),
    ({"type": "byoc", "queries": [{"site_id": "a"}, {"site_id": "b"}]}, True),
    ({"type": "byoc", "queries": [{"site_id": "a"}, {"type": "assigned"}]}, False),
])
def test_covers_byoc(query, covered):
    assert covers_byoc(query) is covered


def test_the_byoc_listing_keeps_the_filters_zoom_allows_with_it():
    assert byoc_query({"type": "assigned", "extension_type": "user", "site_id": "s", "page_size": 50}) == {
        "type": "byoc", "site_id": "s", "page_size": 50}
    assert byoc_query({"type": "assigned", "queries": [{"extension_type": "user"}, {"extension_type": "callQueue"}, {"site_id": "b"}]}) == {
        "type": "byoc", "queries": [{"type": "byoc"}, {"type": "byoc", "site_id": "b"}]}


def test_may_hold_byoc():
    assert not may_hold_byoc([{"id": "1", "source": "internal"}])
    assert may_hold_byoc([{"id": "1", "source": "internal"}, {"id": "2", "source": "external"}])
    assert may_hold_byoc([{"id": "1"}])


def test_connection_options_from_the_task_and_its_connection_dict():
    direct = {"account_id": "a", "client_secret": "old", "api_url": None, "filters": {}}
    assert connection_options(direct, {"client_secret": "new", "timeout": 5, "ca_path": None}) == {
        "account_id": "a", "client_secret": "new", "timeout": 5}
    with pytest.raises(AuditError, match="connection has unknown option secret; accepted: account_id"):
        connection_options({}, {"secret": "x"})
