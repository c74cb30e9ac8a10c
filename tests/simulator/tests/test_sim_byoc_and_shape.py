# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Record shape of /phone/numbers: BYOC-only fields, optional keys, assignee types."""

import pytest

BYOC_KEYS = {"carrier", "sip_group", "emergency_address", "emergency_address_status", "emergency_address_update_time"}
ASSIGNEE_TYPES = {"user", "callQueue", "autoReceptionist", "commonArea", "emergencyNumberPool",
                  "companyLocation", "meetingService", "sharedLineGroup"}


def test_byoc_fields_with_type_byoc(client):
    """type=byoc: only external numbers, carrying carrier, SIP group and emergency address data."""
    items = client.list_all(type="byoc", page_size=100)[0]
    assert items and all(item["source"] == "external" for item in items)
    assert all("carrier" in item for item in items)
    statuses = {item.get("emergency_address_status") for item in items}
    assert {1, 2, None} <= statuses, "need both statuses and BYOC numbers without an emergency address"
    with_address = [item for item in items if "emergency_address" in item]
    assert all(set(item["emergency_address"]) >= {"address_line1", "city", "country", "state_code", "zip"} for item in with_address)
    assert all(len(item["emergency_address"]["country"]) == 2 for item in with_address)
    assert all(item["emergency_address_update_time"].endswith("Z") for item in with_address)
    assert any("assignee" in item for item in items) and any("assignee" not in item for item in items)


@pytest.mark.parametrize("params", [{}, {"type": "all"}, {"type": "assigned"}, {"type": "unassigned"}])
def test_no_byoc_fields_otherwise(client, params):
    """Without type=byoc no record carries BYOC-only fields, even external ones."""
    items = client.list_all(page_size=100, **params)[0]
    assert any(item["source"] == "external" for item in items)
    assert not any(BYOC_KEYS & set(item) for item in items)


def test_byoc_fields_always(make_client, zoom_simulator_factory):
    """byoc_fields='always' shows them on every BYOC number in every listing."""
    sim = zoom_simulator_factory(size=300, byoc_fields="always")
    items = make_client(sim).list_all(page_size=100)[0]
    external = [item for item in items if item["source"] == "external"]
    assert external and all("carrier" in item for item in external)
    assert not any(BYOC_KEYS & set(item) for item in items if item["source"] == "internal")


def test_byoc_fields_switch_at_runtime(client, zoom_simulator):
    """configure(byoc_fields=...) changes the next answers."""
    zoom_simulator.configure(byoc_fields="always")
    items = client.list_all(page_size=100)[0]
    assert any("carrier" in item for item in items)
    zoom_simulator.configure(byoc_fields="byoc_only")
    items = client.list_all(page_size=100)[0]
    assert not any("carrier" in item for item in items)


def test_assignee_only_on_assigned(client):
    """assignee appears exactly on assigned numbers; every enum type is present."""
    assigned = client.list_all(type="assigned", page_size=100)[0]
    unassigned = client.list_all(type="unassigned", page_size=100)[0]
    assert all("assignee" in item for item in assigned)
    assert not any("assignee" in item for item in unassigned)
    assert {item["assignee"]["type"] for item in assigned} == ASSIGNEE_TYPES
    for item in assigned:
        assignee = item["assignee"]
        assert isinstance(assignee["id"], str) and isinstance(assignee["name"], str)
        if "extension_number" in assignee:
            assert isinstance(assignee["extension_number"], int)


def test_optional_keys_absent_somewhere(client):
    """Clients must cope with absent keys: some numbers lack site, display_name or an extension."""
    items = client.list_all(page_size=100)[0]
    assert any("site" not in item for item in items)
    assert any("display_name" not in item for item in items)
    assert any("assignee" in item and "extension_number" not in item["assignee"] for item in items)


def test_values_in_spec_enums(client):
    """Enumerated fields only take spec values."""
    items = client.list_all(page_size=100)[0]
    for item in items:
        assert item["number_type"] in ("toll", "tollfree")
        assert item["source"] in ("internal", "external")
        assert item["status"] in ("pending", "available")
        assert item["capability"] and set(item["capability"]) <= {"incoming", "outgoing"}
        assert item["number"].startswith("+")
