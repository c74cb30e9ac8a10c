# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The BYOC fields Zoom sends only to a type=byoc listing: which extra listing fetches them, and how they are merged."""

from __future__ import annotations

from ansible_collections.ucops.zoom.plugins.module_utils.number_query import NumberQuery
from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import byoc_sets, merge_byoc


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


def test_the_byoc_listing_keeps_the_filters_zoom_allows_with_it():
    query = NumberQuery.from_options({"type": "assigned", "extension_type": "user", "site_id": "s", "page_size": 50})
    twins = byoc_sets(query.sets)
    assert [(twin.phone_params(), twin.page_size) for twin in twins] == [({"type": "byoc", "site_id": "s", "pending_numbers": "true"}, 50)]
    sets = [{"extension_type": "user"}, {"extension_type": "callQueue"}, {"site_id": "b"}]
    query = NumberQuery.from_options({"type": "assigned", "queries": sets})
    assert [twin.phone_params() for twin in byoc_sets(query.sets)] == [
        {"type": "byoc", "pending_numbers": "true"}, {"type": "byoc", "site_id": "b", "pending_numbers": "true"}]
