# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""GET /number_management/numbers: shape, 1:1 mapping to /phone/numbers, filters, errors, sunset."""

import pytest
import requests

NM = "/number_management/numbers"
SOURCE_TO_PHONE = {"Zoom": "internal", "ZoomPorted": "internal", "ZoomReserved": "internal",
                   "ThirdPartyNumber": "external", "BYOCCloud": "external", "BYOCPremises": "external"}


def _to_phone(item: dict) -> dict:
    """Map a Number Management record back to the /phone/numbers shape (as the README documents)."""
    phone = {"id": item["id"], "number": item["number"]}
    if "display_name" in item:
        phone["display_name"] = item["display_name"]
    location = item["location"]
    phone["location"] = ", ".join(location[key] for key in ("city", "state", "country") if key in location)
    phone["number_type"] = {"Toll": "toll", "TollFree": "tollfree"}[item["number_type"]]
    if "site" in item:
        phone["site"] = {"id": item["site"]["site_id"], "name": item["site"]["name"]}
    phone["capability"] = [value.lower() for value in item["capability"]]
    phone["source"] = SOURCE_TO_PHONE[item["source"]]
    phone["status"] = {"Normal": "available", "Pending": "pending"}[item["status"]]
    if item.get("assigned_list"):
        entry = item["assigned_list"][0]
        assignee = {"id": entry["assigned_to_id"], "name": entry["assigned_to_name"],
                    "type": entry["assigned_to_type"][0].lower() + entry["assigned_to_type"][1:]}
        if "extension_number" in entry:
            assignee["extension_number"] = int(entry["extension_number"])
        phone["assignee"] = assignee
    if "carrier" in item:
        phone["carrier"] = item["carrier"]
    if "sip_group" in item:
        phone["sip_group"] = {"id": item["sip_group"]["id"], "display_name": item["sip_group"]["name"]}
    if "emergency_address" in item:
        phone["emergency_address"] = item["emergency_address"]
    if "address_update_required" in item:
        phone["emergency_address_status"] = 1 if item["address_update_required"] else 2
    if "emergency_address_update_time" in item:
        phone["emergency_address_update_time"] = item["emergency_address_update_time"]
    return phone


@pytest.fixture
def nm_all(client):
    """The complete Number Management listing."""
    items, _calls, body = client.list_all(NM, page_size=200)
    assert "total_records" not in body
    return items


def test_shape_and_paging(client, zoom_simulator, nm_all):
    """No total_records; default page 30; pages equal the truth."""
    body = client.get(NM).json()
    assert set(body) == {"next_page_token", "page_size", "numbers"}
    assert body["page_size"] == 30 and len(body["numbers"]) == 30
    assert nm_all == zoom_simulator.truth(endpoint="number_management")
    assert len(nm_all) == 500


def test_maps_one_to_one_to_phone_numbers(make_client, zoom_simulator_factory):
    """Each record maps back to the /phone/numbers record with the same id, in the same order."""
    sim = zoom_simulator_factory(size=800, byoc_fields="always")
    client = make_client(sim)
    phone = client.list_all(page_size=100)[0]
    managed, calls, _unused = client.list_all(NM, page_size=200)
    assert calls == 4
    assert [_to_phone(item) for item in managed] == phone


def test_capitalised_values(nm_all):
    """Enums use the Number Management spelling."""
    for item in nm_all:
        assert item["number_type"] in ("Toll", "TollFree")
        assert item["status"] in ("Normal", "Pending")
        assert item["allocated_product"] in ("UNALLOCATED", "ZOOM_PHONE")
        assert set(item["capability"]) <= {"Incoming", "Outgoing"}
        for entry in item.get("assigned_list", []):
            assert entry["assigned_to_type"][0].isupper()
            assert isinstance(entry.get("extension_number", ""), str)
    assert {item["source"] for item in nm_all} >= {"Zoom", "ZoomPorted", "BYOCCloud", "BYOCPremises"}
    assert {item["address_update_required"] for item in nm_all if "address_update_required" in item} == {True, False}


@pytest.mark.parametrize("name, values, compute", [
    ("allocated_product", ["UNALLOCATED", "ZOOM_PHONE", "ZOOM_CONTACT_CENTER"], lambda item, v: item["allocated_product"] == v),
    ("number_type", ["Toll", "TollFree", "Mobile", "ITFS"], lambda item, v: item["number_type"] == v),
    ("number_status", ["Normal", "Pending"], lambda item, v: item["status"] == v),
    ("number_source", ["Zoom", "ZoomPorted", "ZoomReserved", "ThirdPartyNumber", "BYOCCloud", "BYOCPremises"],
     lambda item, v: item["source"] == v),
    ("assigned_to_type", ["PhoneUnassigned", "User", "CallQueue", "AutoReceptionist", "SharedLineGroup", "CommonArea",
                          "EmergencyNumberPool", "CompanyLocation", "MeetingService", "DistributionGroup", "SMS"],
     lambda item, v: (not item.get("assigned_list")) if v == "PhoneUnassigned"
     else any(entry["assigned_to_type"] == v for entry in item.get("assigned_list", []))),
])
def test_filters(client, zoom_simulator, nm_all, name, values, compute):
    """Each enum filter selects what an independent computation expects."""
    for value in values:
        expected = [item for item in nm_all if compute(item, value)]
        items = client.list_all(NM, page_size=200, **{name: value})[0]
        assert items == expected, (name, value)
        assert zoom_simulator.truth(endpoint="number_management", **{name: value}) == expected


def test_site_and_keyword_filters(client, nm_all):
    """site_id selects a site; keyword is a number prefix, with or without the plus."""
    site_id = next(item["site"]["site_id"] for item in nm_all if "site" in item)
    items = client.list_all(NM, page_size=200, site_id=site_id)[0]
    assert items == [item for item in nm_all if item.get("site", {}).get("site_id") == site_id]
    for keyword in ("1", "+44", "4930", nm_all[5]["number"][1:8], "999999"):
        items = client.list_all(NM, page_size=200, keyword=keyword)[0]
        assert items == [item for item in nm_all if item["number"][1:].startswith(keyword.lstrip("+"))], keyword


@pytest.mark.parametrize("params", [
    {"number_type": "toll"}, {"number_status": "normal"}, {"number_source": "BYOC"},
    {"allocated_product": "PHONE"}, {"assigned_to_type": "user"}, {"page_size": "201"}, {"page_size": "0"},
])
def test_invalid_values(client, params):
    """Invalid values answer 400 code 999."""
    response = client.get(NM, **params)
    assert response.status_code == 400
    assert response.json()["code"] == 999


def test_page_size_200_allowed(client):
    """The maximum page size here is 200."""
    assert len(client.get(NM, page_size=200).json()["numbers"]) == 200


def test_unknown_site(client):
    """An unknown site answers 400 code 1002010."""
    response = client.get(NM, site_id="noSuchSite000000000000")
    assert response.status_code == 400
    assert response.json()["code"] == 1002010


def test_bad_page_token(client):
    """A bad or foreign token answers 400 code 1003100."""
    response = client.get(NM, next_page_token="garbage")
    assert response.status_code == 400
    assert response.json() == {"code": 1003100, "message": "The next page token is either invalid or has expired."}
    token = client.get(NM, page_size=10, number_type="Toll").json()["next_page_token"]
    assert client.get(NM, page_size=10, next_page_token=token).json()["code"] == 1003100


def test_needs_token(zoom_simulator):
    """Unauthenticated requests answer 401."""
    assert requests.get(zoom_simulator.api_url + NM, timeout=10).status_code == 401


def test_sunset_mode(client, zoom_simulator, make_client, zoom_simulator_factory):
    """phone_endpoint='gone': /phone/numbers answers 404, Number Management keeps working."""
    sim = zoom_simulator_factory(size=100, phone_endpoint="gone")
    gone_client = make_client(sim)
    response = gone_client.get("/phone/numbers")
    assert response.status_code == 404
    assert response.json() == {
        "code": 404, "message": "This API is deprecated and no longer available. Use GET /number_management/numbers."}
    assert gone_client.get(NM).status_code == 200
    assert gone_client.get("/phone/sites").status_code == 200
    assert len(sim.truth()) == 100
    # Switched at runtime, both ways.
    assert client.get("/phone/numbers").status_code == 200
    zoom_simulator.configure(phone_endpoint="gone")
    assert client.get("/phone/numbers").status_code == 404
    zoom_simulator.configure(phone_endpoint="ok")
    assert client.get("/phone/numbers").status_code == 200
