# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The generated dataset: determinism, realism, coverage, hostile records and mutation."""

import json
import re
from collections import Counter

import pytest

from zoomsim import HOSTILE_DISPLAY_NAMES, Simulator
from zoomsim.dataset import Dataset
from zoomsim.shapes import phone_item

# Lengths of the national significant number (after the country code) per country code.
NSN_LENGTHS = {"1": {10}, "44": {10}, "49": {10}, "61": {9, 10}, "33": {9}, "81": {9}}
ASSIGNEE_TYPES = {"user", "callQueue", "autoReceptionist", "commonArea", "emergencyNumberPool",
                  "companyLocation", "meetingService", "sharedLineGroup"}


def _records(size, seed=1):
    return [phone_item(record, True) for record in Dataset(size, seed).records]


def test_same_seed_same_data():
    """Same (seed, size): identical records and sites."""
    first, second = Dataset(700, 5), Dataset(700, 5)
    assert [r.data for r in first.records] == [r.data for r in second.records]
    assert first.sites == second.sites


def test_other_seed_other_data():
    """Another seed gives other ids, numbers and order."""
    assert _records(300, 1) != _records(300, 2)
    assert not {r["id"] for r in _records(300, 1)} & {r["id"] for r in _records(300, 2)}


def test_generates_twenty_thousand():
    """A larger dataset is generated in full."""
    records = Dataset(20000, 3).records
    assert len(records) == 20000
    assert len({record.ident for record in records}) == 20000


def test_ids_numbers_unique_and_realistic():
    """22-character base64url ids; unique E.164 numbers of plausible length from several countries."""
    records = _records(5000)
    assert len({r["id"] for r in records}) == len({r["number"] for r in records}) == 5000
    countries = Counter()
    for record in records:
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", record["id"])
        assert re.fullmatch(r"\+[1-9][0-9]{7,14}", record["number"])
        code = next(code for code in sorted(NSN_LENGTHS, key=len, reverse=True) if record["number"][1:].startswith(code))
        assert len(record["number"]) - 1 - len(code) in NSN_LENGTHS[code], record["number"]
        countries[code] += 1
    assert set(countries) == set(NSN_LENGTHS)


def test_sites():
    """size/200 sites (at least 3) spanning several countries."""
    assert len(Dataset(100, 1).sites) == 3
    dataset = Dataset(4000, 1)
    assert len(dataset.sites) == 20
    assert len({site["country"]["code"] for site in dataset.sites}) >= 3
    assert len({site["id"] for site in dataset.sites}) == 20
    assert len({site["name"] for site in dataset.sites}) == 20


@pytest.mark.parametrize("seed", [1, 2, 99])
def test_coverage_at_minimum_size(seed):
    """With 50 numbers every case exists whatever the seed."""
    records = _records(50, seed)
    assert {r["assignee"]["type"] for r in records if "assignee" in r} == ASSIGNEE_TYPES
    assert any("assignee" not in r for r in records)
    byoc = [r for r in records if r["source"] == "external"]
    assert {r.get("emergency_address_status") for r in byoc} >= {1, 2, None}
    assert any(r["status"] == "pending" for r in records)
    assert any(r["number_type"] == "tollfree" for r in records)
    assert any("site" not in r for r in records)
    assert {r.get("display_name") for r in records} >= set(HOSTILE_DISPLAY_NAMES)


def test_hostile_records_served_verbatim(client):
    """The hostile display names come back unchanged through JSON."""
    items = client.list_all(page_size=100)[0]
    names = {item.get("display_name") for item in items}
    assert set(HOSTILE_DISPLAY_NAMES) <= names
    assert "{{ lookup('env','HOME') }}" in {item.get("assignee", {}).get("name") for item in items}
    assert any("\n" in name for name in HOSTILE_DISPLAY_NAMES)


def test_unicode_sent_as_utf8(client):
    """Bodies are UTF-8 JSON with the characters as they are."""
    response = client.get("/phone/numbers", page_size=100)
    assert response.headers["Content-Type"].lower().startswith("application/json")
    json.loads(response.content.decode("utf-8"))


def test_small_sizes():
    """Tiny datasets work (no forced records below 50)."""
    assert len(Dataset(0, 1).records) == 0
    assert len(Dataset(7, 1).records) == 7


def test_mutate():
    """mutate adds at random positions and removes; same seed, same change."""
    first, second = Dataset(200, 1), Dataset(200, 1)
    one = first.mutate(add=10, remove=30, seed=5)
    two = second.mutate(add=10, remove=30, seed=5)
    assert one == two
    assert one["size"] == 180 and len(one["added"]) == 10 and len(one["removed"]) == 30
    assert [r.data for r in first.records] == [r.data for r in second.records]
    positions = [index for index, record in enumerate(first.records) if record.ident in set(one["added"])]
    assert positions[-1] - positions[0] > 10, "additions should be spread out"
    assert len({r.data["number"] for r in first.records}) == 180


def test_mutate_invalidates_cache(zoom_simulator):
    """Filtered views follow the data after a mutation."""
    before = len(zoom_simulator.truth(type="assigned"))
    zoom_simulator.mutate(remove=500)
    assert zoom_simulator.truth(type="assigned") == []
    assert before > 0


def test_truth_returns_copies(zoom_simulator):
    """Changing what truth() returned does not change the served data."""
    records = zoom_simulator.truth()
    records[0]["number"] = "changed"
    assert zoom_simulator.truth()[0]["number"] != "changed"


def test_simulator_rejects_bad_settings():
    """Invalid constructor settings raise ValueError."""
    for kwargs in ({"byoc_fields": "sometimes"}, {"phone_endpoint": "maybe"}, {"latency_ms": -5}, {"rate_limit": 0}, {"size": -1}):
        with pytest.raises(ValueError):
            Simulator(**kwargs)
