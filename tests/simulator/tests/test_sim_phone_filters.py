# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Every filter of GET /phone/numbers, checked against an independent computation."""

import pytest

from zoomsim import ApiError

EXTENSION_TYPES = ["user", "callQueue", "autoReceptionist", "commonArea", "emergencyNumberPool", "companyLocation", "meetingService"]


@pytest.fixture(name="everything")
def fixture_everything(client):
    """The complete unfiltered listing, fetched over HTTP."""
    items, _calls, body = client.list_all(page_size=100)
    assert body["total_records"] == len(items) == 500
    return items


def _ids(items):
    return [item["id"] for item in items]


def _check(client, zoom_simulator, expected, **params):
    """The filtered listing (HTTP and truth) must equal ``expected`` in order."""
    items, _calls, body = client.list_all(page_size=100, **params)
    assert _ids(items) == _ids(expected)
    assert body["total_records"] == len(expected)
    assert _ids(zoom_simulator.truth(**params)) == _ids(expected)


def test_unfiltered_is_truth(everything, zoom_simulator):
    """Omitted type lists everything, in the truth order."""
    assert _ids(everything) == _ids(zoom_simulator.truth())


@pytest.mark.parametrize("kind, predicate", [
    ("all", lambda item: True),
    ("assigned", lambda item: "assignee" in item),
    ("unassigned", lambda item: "assignee" not in item),
    ("byoc", lambda item: item["source"] == "external"),
])
def test_type(client, zoom_simulator, everything, kind, predicate):
    """type selects by assignment, or BYOC numbers for byoc."""
    expected = [item for item in everything if predicate(item)]
    assert expected
    _check(client, zoom_simulator, expected, type=kind)


@pytest.mark.parametrize("extension", EXTENSION_TYPES)
def test_extension_type(client, zoom_simulator, everything, extension):
    """extension_type with type=assigned selects the assignee type."""
    expected = [item for item in everything if item.get("assignee", {}).get("type") == extension]
    assert expected
    _check(client, zoom_simulator, expected, type="assigned", extension_type=extension)


@pytest.mark.parametrize("kind", [None, "all", "unassigned", "byoc"])
def test_extension_type_needs_assigned(client, kind):
    """extension_type without type=assigned is a 400 code 300 naming the parameter."""
    params = {"extension_type": "user"}
    if kind:
        params["type"] = kind
    response = client.get("/phone/numbers", **params)
    assert response.status_code == 400
    assert response.json()["code"] == 300
    assert "extension_type" in response.json()["message"]


@pytest.mark.parametrize("number_type", ["toll", "tollfree"])
def test_number_type(client, zoom_simulator, everything, number_type):
    """number_type selects toll or toll-free numbers."""
    expected = [item for item in everything if item["number_type"] == number_type]
    assert expected
    _check(client, zoom_simulator, expected, number_type=number_type)


def test_pending_numbers(client, zoom_simulator, everything):
    """Omitted or true includes pending numbers; false excludes them."""
    pending = [item for item in everything if item["status"] == "pending"]
    assert pending
    _check(client, zoom_simulator, everything, pending_numbers="true")
    _check(client, zoom_simulator, [item for item in everything if item["status"] != "pending"], pending_numbers="false")
    assert zoom_simulator.truth(pending_numbers=False) == zoom_simulator.truth(pending_numbers="false")


def test_site_id(client, zoom_simulator, everything):
    """site_id selects one site's numbers; an unknown site lists nothing."""
    site_ids = {item["site"]["id"] for item in everything if "site" in item}
    assert len(site_ids) >= 3
    for site_id in sorted(site_ids):
        _check(client, zoom_simulator, [item for item in everything if item.get("site", {}).get("id") == site_id], site_id=site_id)
    _check(client, zoom_simulator, [], site_id="doesNotExist0000000000")


def test_phone_number(client, zoom_simulator, everything):
    """phone_number matches one E.164 number exactly."""
    target = everything[123]
    _check(client, zoom_simulator, [target], phone_number=target["number"])
    _check(client, zoom_simulator, [], phone_number="+19999999999")


@pytest.mark.parametrize("value", ["12025550100", "+0123", "+1 408 555", "abc"])
def test_phone_number_must_be_e164(client, value):
    """A phone_number that is not E.164 is rejected."""
    response = client.get("/phone/numbers", phone_number=value)
    assert response.status_code == 400
    assert "phone_number" in response.json()["message"]


def test_combined_filters(client, zoom_simulator, everything):
    """Filters combine with AND."""
    site_id = everything[0]["site"]["id"] if "site" in everything[0] else everything[1]["site"]["id"]
    expected = [item for item in everything if "assignee" in item and item["number_type"] == "toll"
                and item.get("site", {}).get("id") == site_id and item["status"] != "pending"]
    _check(client, zoom_simulator, expected, type="assigned", number_type="toll", site_id=site_id, pending_numbers="false")


@pytest.mark.parametrize("name, value", [
    ("type", "everything"), ("type", "Assigned"), ("number_type", "TOLL"), ("number_type", "Toll"),
    ("pending_numbers", "maybe"), ("pending_numbers", "1"),
])
def test_invalid_enum_values(client, name, value):
    """Values outside the enums answer 400 code 300 naming the parameter."""
    response = client.get("/phone/numbers", **{name: value})
    assert response.status_code == 400
    assert response.json() == {"code": 300, "message": f"Invalid parameter: {name}."}


def test_invalid_extension_type_value(client):
    """An unknown extension_type (even with type=assigned) is rejected."""
    response = client.get("/phone/numbers", type="assigned", extension_type="sharedLineGroup")
    assert response.status_code == 400
    assert response.json()["code"] == 300


@pytest.mark.parametrize("value", ["0", "101", "1000", "-1", "abc", "1.5", " 5"])
def test_page_size_bounds(client, value):
    """page_size must be an integer from 1 to 100."""
    response = client.get("/phone/numbers", page_size=value)
    assert response.status_code == 400
    assert response.json()["code"] == 300
    assert "page_size" in response.json()["message"]


@pytest.mark.parametrize("value, expected", [(None, 30), ("1", 1), ("100", 100), ("", 30)])
def test_page_size_accepted(client, value, expected):
    """Default 30; 1 and 100 are accepted; an empty value counts as omitted."""
    params = {} if value is None else {"page_size": value}
    body = client.get("/phone/numbers", **params).json()
    assert body["page_size"] == expected
    assert len(body["phone_numbers"]) == expected


def test_blank_and_unknown_parameters_ignored(client, everything):
    """type= (blank) and unknown parameters do not filter."""
    body = client.get("/phone/numbers", type="", page_size=100, colour="blue").json()
    assert body["total_records"] == len(everything)


def test_truth_rejects_bad_filters(zoom_simulator):
    """truth() validates like the endpoint."""
    with pytest.raises(ApiError) as info:
        zoom_simulator.truth(extension_type="user")
    assert info.value.body["code"] == 300
    with pytest.raises(ValueError):
        zoom_simulator.truth(endpoint="nonsense")
