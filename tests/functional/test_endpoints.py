# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""GET /phone/numbers and its replacement give the same numbers; auto mode moves when the old one is gone.

The default simulator is the realistic one: Number Management also lists Contact Center and
unallocated numbers, a keyword with a "+" matches nothing, and GET /phone/numbers leaves pending
numbers out when pending_numbers is not sent.
"""

from __future__ import annotations

import itertools

import pytest

from ansible_runs import expected_numbers, module_result  # pylint: disable=import-error

EXTENSION_TYPES = ["user", "callQueue", "autoReceptionist", "commonArea", "emergencyNumberPool", "companyLocation", "meetingService"]


def filter_sets(site_id, phone_number):
    sets = [{}]
    kinds = [None, "all", "assigned", "unassigned", "byoc"]
    for kind, number_type, pending in itertools.product(kinds, [None, "toll", "tollfree"], [None, True, False]):
        pairs = (("type", kind), ("number_type", number_type), ("pending_numbers", pending))
        sets.append(dict((key, value) for key, value in pairs if value is not None))
    sets += [{"type": "assigned", "extension_type": extension} for extension in EXTENSION_TYPES]
    sets += [{"site_id": site_id}, {"site_id": site_id, "type": "unassigned", "pending_numbers": False},
             {"phone_number": phone_number}]
    return sets


def test_both_endpoints_list_the_same_numbers_for_every_mappable_filter_set(zoom_simulator_factory, zoom_connection, tmp_path):
    sim = zoom_simulator_factory(size=3000, seed=9)
    other_products = [record for record in sim.truth(endpoint="number_management") if record["allocated_product"] != "ZOOM_PHONE"]
    assert {record["allocated_product"] for record in other_products} == {"ZOOM_CONTACT_CENTER", "UNALLOCATED"}
    assert sim.settings.pending_default == "exclude" and sim.settings.keyword_plus == "no_match"
    everything = expected_numbers(sim)
    site_id = everything[10]["site"]["id"]
    sets = filter_sets(site_id, everything[42]["number"])
    assert len(sets) == 56
    # The simulator limits nothing here: the collection's default pace would only slow the test down.
    phone = zoom_connection(sim, tmp_path, endpoint="phone", rate_limit=10000)
    replacement = zoom_connection(sim, tmp_path, endpoint="number_management", rate_limit=10000)
    expected = {}
    for index, filters in enumerate(sets):
        truth = expected_numbers(sim, **filters)
        expected[index] = [record["id"] for record in truth]
        old = module_result(phone, dict(filters))
        new = module_result(replacement, dict(filters))
        assert old["endpoint"] == "phone" and new["endpoint"] == "number_management"
        assert [record["id"] for record in old["phone_numbers"]] == expected[index], filters
        assert [record["id"] for record in new["phone_numbers"]] == expected[index], filters
        assert new["total_records"] == len(truth)
        for phone_record, normalised in zip(old["phone_numbers"], new["phone_numbers"]):
            shared = dict((key, normalised.get(key)) for key in phone_record)
            assert shared == phone_record, (filters, phone_record["id"])
    sent = [entry["query"] for entry in sim.stats()["query_log"] if entry["path"] == "/v2/number_management/numbers"]
    assert sent and all(query["allocated_product"] == ["ZOOM_PHONE"] for query in sent)
    assert all(not value.startswith("+") for query in sent for value in query.get("keyword", []))
    # After the sunset, endpoint auto moves to the replacement: the same options still give the same numbers.
    sim.configure(phone_endpoint="gone")
    automatic = zoom_connection(sim, tmp_path, rate_limit=10000)
    sim.reset_stats()
    for index, filters in enumerate(sets):
        moved = module_result(automatic, dict(filters), warn=lambda message: None)
        assert moved["endpoint"] == "number_management" and moved["page_size"] == 200, filters
        assert [record["id"] for record in moved["phone_numbers"]] == expected[index], filters
    sizes = set(entry["query"]["page_size"][0] for entry in sim.stats()["query_log"] if entry["path"] == "/v2/number_management/numbers")
    assert sizes == {"200"}, "after the switch, the replacement's own maximum page size"


def test_number_management_pages_up_to_200_and_keeps_its_own_filters(zoom_simulator_factory, zoom_connection, tmp_path):
    sim = zoom_simulator_factory(size=1000, seed=5)
    sim.reset_stats()
    result = module_result(zoom_connection(sim, tmp_path), {"number_source": "BYOCCloud"})
    truth = expected_numbers(sim, endpoint="number_management", number_source="BYOCCloud")
    assert result["endpoint"] == "number_management"
    assert [record["id"] for record in result["phone_numbers"]] == [record["id"] for record in truth]
    assert all(record["number_source"] == "BYOCCloud" and record["source"] == "external" for record in result["phone_numbers"])
    assert result["page_size"] == 200
    assert sim.stats()["by_path"].get("/v2/phone/numbers", 0) == 0


def test_auto_moves_to_the_replacement_with_one_warning_when_the_old_endpoint_is_gone(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=800, seed=12, phone_endpoint="gone")
    run = ansible.playbook("""
- name: List with the default endpoint after the sunset
  ucops.zoom.zoom_phone_numbers_info:
    type: unassigned
    queries:
      - number_type: toll
      - number_type: tollfree
  register: listed

- name: List explicitly through the old endpoint
  ucops.zoom.zoom_phone_numbers_info:
    endpoint: phone
  register: old_only
  ignore_errors: true
""", saves=["listed", "old_only"], sim=sim)
    listed = run.result("listed")
    assert listed["endpoint"] == "number_management"
    expected = expected_numbers(sim, type="unassigned", number_type="toll") + expected_numbers(sim, type="unassigned", number_type="tollfree")
    assert [record["id"] for record in listed["phone_numbers"]] == [record["id"] for record in expected]
    assert len(listed["warnings"]) == 1
    assert "/number_management/numbers" in listed["warnings"][0] and "HTTP 404" in listed["warnings"][0]
    old_only = run.result("old_only")
    assert old_only["failed"] and old_only["status"] == 404


@pytest.mark.parametrize("endpoint", ["phone", "number_management"])
def test_playbook_through_each_endpoint_matches_ground_truth(ansible, zoom_simulator, endpoint):
    sim = zoom_simulator
    run = ansible.playbook("""
- name: Assigned call queue numbers
  ucops.zoom.zoom_phone_numbers_info:
    type: assigned
    extension_type: callQueue
  register: queues

- name: BYOC numbers that need a carrier update
  ucops.zoom.zoom_phone_numbers_info:
    type: byoc
    where: "emergency_address_status == `1`"
  register: e911
""", saves=["queues", "e911"], sim=sim, env={"ZOOM_ENDPOINT": endpoint})
    assert run.rc == 0, run.output
    queues = expected_numbers(sim, type="assigned", extension_type="callQueue")
    assert [record["id"] for record in run.result("queues")["phone_numbers"]] == [record["id"] for record in queues]
    e911 = [record for record in expected_numbers(sim, type="byoc") if record.get("emergency_address_status") == 1]
    assert [record["id"] for record in run.result("e911")["phone_numbers"]] == [record["id"] for record in e911]
    assert run.result("e911")["endpoint"] == endpoint
