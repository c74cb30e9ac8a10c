# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Numbers of other products on Number Management only, keyword with a leading +, and the
default of an omitted pending_numbers on /phone/numbers."""

import hashlib
import json

import pytest

from zoomsim import Simulator
from zoomsim.dataset import Dataset
from zoomsim.shapes import nm_item, phone_item

NM = "/number_management/numbers"
# Digests of the Zoom Phone records (both shapes) of Dataset(700, 5) and Dataset(3000, 9) as
# generated before other products existed: adding them must not move a single Phone number.
# (Renewed once, when every Zoom Phone number became allocated to ZOOM_PHONE: the records,
# ids, order and sources stayed the same.)
PHONE_DIGESTS = {
    (700, 5): "b0df4d77c34391cd4eeddbb3e2a2df032687b15c44e9661354e19f852f454c1c",
    (3000, 9): "80a01c4aea4a6edbf21909e596ef549f019e998bf915f391ea264890cb9bfb4c",
}


def _digest(dataset: Dataset) -> str:
    records = [record for record in dataset.records if record.phone_listed]
    blob = json.dumps([[phone_item(record, True), nm_item(record)] for record in records], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("size, seed", sorted(PHONE_DIGESTS))
@pytest.mark.parametrize("other", [0, 0.03, 40])
def test_phone_numbers_unchanged_by_other_products(size, seed, other):
    """The Phone numbers are the same records, ids and order whatever other_product_numbers says."""
    dataset = Dataset(size, seed, other_products=other)
    assert _digest(dataset) == PHONE_DIGESTS[(size, seed)]
    assert len(dataset.records) == size + dataset.other_product_count(other)


def test_other_products_are_deterministic_and_spread():
    """Same seed, same extra numbers at the same places; they are unique and spread through the list."""
    first, second = Dataset(1000, 4, other_products=0.03), Dataset(1000, 4, other_products=0.03)
    assert [record.data for record in first.records] == [record.data for record in second.records]
    positions = [index for index, record in enumerate(first.records) if not record.phone_listed]
    assert len(positions) == 30 and positions[-1] - positions[0] > 500
    assert len({record.ident for record in first.records}) == len({record.data["number"] for record in first.records}) == 1030
    products = {record.allocated_product for record in first.records if not record.phone_listed}
    assert products == {"ZOOM_CONTACT_CENTER", "UNALLOCATED"}


def test_changing_the_setting_at_runtime_is_reproducible():
    """Going to 0 and back gives the same records again."""
    dataset = Dataset(500, 2, other_products=20)
    before = [record.data for record in dataset.records]
    dataset.set_other_products(0)
    assert len(dataset.records) == 500
    dataset.set_other_products(20)
    assert [record.data for record in dataset.records] == before


@pytest.fixture
def mixed(zoom_simulator_factory, make_client):
    """A simulator with Contact Center and unallocated numbers, and a client."""
    sim = zoom_simulator_factory(size=600, other_product_numbers=0.05)
    return sim, make_client(sim)


def test_only_number_management_lists_other_products(mixed):
    """/phone/numbers and its truth never show them; Number Management lists every product."""
    sim, client = mixed
    phone, _calls, body = client.list_all(page_size=100)
    assert len(phone) == body["total_records"] == 600
    assert phone == sim.truth()
    managed = client.list_all(NM, page_size=200)[0]
    assert managed == sim.truth(endpoint="number_management")
    assert len(managed) == 630
    phone_ids = {item["id"] for item in phone}
    others = [item for item in managed if item["id"] not in phone_ids]
    assert len(others) == 30
    assert {item["allocated_product"] for item in others} == {"ZOOM_CONTACT_CENTER", "UNALLOCATED"}
    assert not any("assigned_list" in item for item in others)
    assert client.get("/phone/numbers", phone_number=others[0]["number"]).json()["total_records"] == 0


def test_allocated_product_filter(mixed):
    """allocated_product selects them; ZOOM_PHONE never does."""
    sim, client = mixed
    managed = sim.truth(endpoint="number_management")
    for product in ("ZOOM_CONTACT_CENTER", "UNALLOCATED", "ZOOM_PHONE"):
        expected = [item for item in managed if item["allocated_product"] == product]
        assert expected, product
        assert client.list_all(NM, page_size=200, allocated_product=product)[0] == expected
    contact_center = sim.truth(endpoint="number_management", allocated_product="ZOOM_CONTACT_CENTER")
    assert all(item["display_name"].endswith("Contact Center") for item in contact_center)
    phone_ids = {item["id"] for item in sim.truth()}
    assert not phone_ids & {item["id"] for item in contact_center}


def test_unassigned_types_split_by_product(mixed):
    """Unassigned Contact Center numbers are ContactCenterUnassigned, not PhoneUnassigned."""
    sim, _client = mixed
    contact_center = sim.truth(endpoint="number_management", assigned_to_type="ContactCenterUnassigned")
    phone_unassigned = sim.truth(endpoint="number_management", assigned_to_type="PhoneUnassigned")
    assert contact_center and all(item["allocated_product"] == "ZOOM_CONTACT_CENTER" for item in contact_center)
    assert phone_unassigned and not any(item["allocated_product"] == "ZOOM_CONTACT_CENTER" for item in phone_unassigned)


def test_records_file_keeps_its_own_products(tmp_path):
    """A hand-written dataset is complete: nm_only (default for ZOOM_CONTACT_CENTER) keeps a number off Phone."""
    numbers = [
        {"id": "phone1", "number": "+12055550100", "number_type": "toll", "capability": ["incoming"], "source": "internal",
         "status": "available", "location": "Austin, Texas, United States"},
        {"id": "cc1", "number": "+12055550101", "number_type": "toll", "capability": ["incoming"], "source": "internal",
         "status": "available", "location": "Austin, Texas, United States", "allocated_product": "ZOOM_CONTACT_CENTER"},
        {"id": "spare1", "number": "+12055550102", "number_type": "toll", "capability": ["incoming"], "source": "internal",
         "status": "available", "location": "Austin, Texas, United States", "allocated_product": "UNALLOCATED",
         "nm_only": True},
    ]
    path = tmp_path / "numbers.json"
    path.write_text(json.dumps({"numbers": numbers}), encoding="utf-8")
    sim = Simulator(size=0, records_file=str(path), profile="realistic")
    assert [item["id"] for item in sim.truth()] == ["phone1"]
    assert [item["id"] for item in sim.truth(endpoint="number_management")] == ["phone1", "cc1", "spare1"]
    sim.configure(other_product_numbers=5)
    assert len(sim.truth(endpoint="number_management")) == 3


@pytest.mark.parametrize("mode", ["no_match", "match"])
def test_keyword_with_plus(make_client, zoom_simulator_factory, mode):
    """keyword is a digit prefix; a leading + matches nothing under no_match, the same digits under match."""
    sim = zoom_simulator_factory(size=300, keyword_plus=mode)
    client = make_client(sim)
    managed = sim.truth(endpoint="number_management")
    with_one = [item for item in managed if item["number"].startswith("+1")]
    assert with_one
    assert client.list_all(NM, page_size=200, keyword="1")[0] == with_one
    assert client.list_all(NM, page_size=200, keyword="+1")[0] == ([] if mode == "no_match" else with_one)
    assert sim.truth(endpoint="number_management", keyword="+1") == ([] if mode == "no_match" else with_one)


def test_keyword_mode_switch_does_not_reuse_cached_answers(make_client, zoom_simulator):
    """The same "+" keyword answers per the current mode after a switch at runtime."""
    client = make_client(zoom_simulator)
    assert client.get(NM, keyword="+1").json()["numbers"]
    zoom_simulator.configure(keyword_plus="no_match")
    assert client.get(NM, keyword="+1").json()["numbers"] == []


@pytest.mark.parametrize("default", ["exclude", "include"])
def test_pending_default(make_client, zoom_simulator_factory, default):
    """pending_default decides what an omitted pending_numbers lists; true and false are explicit."""
    sim = zoom_simulator_factory(size=500, pending_default=default)
    client = make_client(sim)
    everything = sim.truth(pending_numbers=True)
    available = [item for item in everything if item["status"] != "pending"]
    assert len(available) < len(everything)
    omitted, _calls, body = client.list_all(page_size=100)
    assert omitted == (available if default == "exclude" else everything)
    assert body["total_records"] == len(omitted)
    assert sim.truth() == omitted
    assert client.list_all(page_size=100, pending_numbers="true")[0] == everything
    assert client.list_all(page_size=100, pending_numbers="false")[0] == available


def test_pending_default_switch_at_runtime(make_client, zoom_simulator):
    """Switching the default changes the next answers (no stale cached list)."""
    client = make_client(zoom_simulator)
    included = client.get("/phone/numbers").json()["total_records"]
    zoom_simulator.configure(pending_default="exclude")
    excluded = client.get("/phone/numbers").json()["total_records"]
    assert excluded == len(zoom_simulator.truth(pending_numbers=False)) < included


def test_realistic_profile_listings_equal_truth(make_client, zoom_simulator_factory):
    """Under the realistic profile complete listings of both endpoints still equal the truth."""
    sim = zoom_simulator_factory(size=800, profile="realistic")
    client = make_client(sim)
    assert client.list_all(page_size=100)[0] == sim.truth()
    assert client.list_all(page_size=100, type="byoc", pending_numbers="true")[0] == sim.truth(type="byoc", pending_numbers=True)
    assert client.list_all(NM, page_size=200)[0] == sim.truth(endpoint="number_management")
    assert len(sim.truth(endpoint="number_management")) == 824
