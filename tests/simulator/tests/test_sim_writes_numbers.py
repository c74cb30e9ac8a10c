# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""One number: reading it, updating it through both APIs, moving it to a site, releasing it."""

import pytest


@pytest.fixture
def sim(zoom_simulator_factory):
    """A simulator with enough BYOC numbers of each kind."""
    return zoom_simulator_factory(size=900, seed=6)


@pytest.fixture
def api(sim, make_client):
    """A client of ``sim``."""
    return make_client(sim)


def _error(response, status, code, message=None):
    body = response.json()
    assert (response.status_code, body["code"]) == (status, code), response.text
    if message is not None:
        assert body["message"] == message


def _nm(sim, **wanted):
    """The first Number Management record with these field values."""
    return next(record for record in sim.truth(endpoint="number_management")
                if all(record.get(key) == value for key, value in wanted.items()))


def _unassigned(sim, **wanted):
    return next(record for record in sim.truth(type="unassigned")
                if all(record.get(key) == value for key, value in wanted.items()))


# -- reading one number ------------------------------------------------------------------------

def test_get_one_number(sim, api):
    """Both one-number reads answer the listing's record; the old one shows BYOC fields for BYOC numbers."""
    byoc = sim.truth(type="byoc")[0]
    response = api.get(f"/phone/numbers/{byoc['id']}")
    assert response.status_code == 200 and response.json() == byoc == sim.number(byoc["number"])
    assert "carrier" in response.json()
    plain = sim.truth(type="assigned")[0]
    assert api.get(f"/phone/numbers/{plain['id']}").json() == plain
    nm = sim.truth(endpoint="number_management")[3]
    assert api.get(f"/number_management/numbers/{nm['id']}").json() == nm == sim.number(nm["id"], endpoint="number_management")


def test_get_unknown_number(sim, api):
    """Unknown ids (and E.164 numbers, which these paths do not take) answer each spec's error."""
    unknown = "AAAAAAAAAAAAAAAAAAAAAA"
    _error(api.get(f"/phone/numbers/{unknown}"), 400, 400, f"Phone number does not exist, phonenumberId:{unknown}")
    number = sim.truth()[0]["number"]
    _error(api.get(f"/phone/numbers/{number}"), 400, 400)
    _error(api.get("/number_management/numbers/AAAAAAAAAAAAAAAAAAAAAA"), 404, 100002, "Phone number not found")
    assert sim.number("AAAAAAAAAAAAAAAAAAAAAA") is None
    with pytest.raises(ValueError):
        sim.number(number, endpoint="sites")


# -- PATCH /phone/numbers/{id} ---------------------------------------------------------------

def test_patch_phone_display_name_and_capability(sim, api):
    """display_name and capability change; an empty name removes it; nothing else moves."""
    record = sim.truth(type="assigned", number_type="toll")[0]
    path = f"/phone/numbers/{record['id']}"
    response = api.call("PATCH", path, json={"display_name": "Front desk", "capability": ["outgoing", "incoming"]})
    assert response.status_code == 204 and response.content == b""
    after = sim.number(record["id"])
    assert after["display_name"] == "Front desk" and after["capability"] == ["incoming", "outgoing"]
    assert after["assignee"] == record["assignee"] and after.get("site") == record.get("site")
    assert api.call("PATCH", path, json={"capability": ["incoming"]}).status_code == 204
    assert sim.number(record["id"], endpoint="number_management")["capability"] == ["Incoming"]
    assert api.call("PATCH", path, json={"display_name": ""}).status_code == 204
    assert "display_name" not in sim.number(record["id"])
    before = sim.number(record["id"])
    assert api.call("PATCH", path, json={}).status_code == 204
    assert sim.number(record["id"]) == before


@pytest.mark.parametrize("capability", [[], ["both"], ["incoming", "incoming"], ["incoming", "outgoing", "incoming"], "incoming"])
def test_patch_phone_bad_capability(sim, api, capability):
    """Invalid capability lists answer the spec's code 300 message."""
    record = sim.truth()[0]
    _error(api.call("PATCH", f"/phone/numbers/{record['id']}", json={"capability": capability}), 400, 300,
           "The value of capability is invalid. Provide a valid capability and try again.")


def test_patch_phone_refusals(sim, api):
    """Toll-free outgoing, names over 32 characters, unknown ids, non-JSON bodies."""
    tollfree = sim.truth(number_type="tollfree")[0]
    _error(api.call("PATCH", f"/phone/numbers/{tollfree['id']}", json={"capability": ["incoming", "outgoing"]}), 400, 300)
    assert sim.number(tollfree["id"])["capability"] == ["incoming"]
    _error(api.call("PATCH", f"/phone/numbers/{tollfree['id']}", json={"display_name": "x" * 33}), 400, 300)
    assert api.call("PATCH", f"/phone/numbers/{tollfree['id']}", json={"display_name": "x" * 32}).status_code == 204
    _error(api.call("PATCH", "/phone/numbers/AAAAAAAAAAAAAAAAAAAAAA", json={"display_name": "x"}), 404, 404,
           "Phone number does not exist. ID: AAAAAAAAAAAAAAAAAAAAAA.")
    _error(api.call("PATCH", f"/phone/numbers/{tollfree['id']}", data=b"{", headers={"Content-Type": "application/json"}),
           400, 300, "Request Body should be a valid JSON object.")


def test_patch_phone_byoc_fields(sim, api):
    """emergency_address_status=2 confirms a BYOC address; sip_group_id moves a BYOC number; both BYOC only."""
    waiting = next(record for record in sim.truth(type="byoc") if record.get("emergency_address_status") == 1)
    path = f"/phone/numbers/{waiting['id']}"
    assert api.call("PATCH", path, json={"emergency_address_status": 2}).status_code == 204
    after = sim.number(waiting["id"])
    assert after["emergency_address_status"] == 2
    assert after["emergency_address_update_time"] != waiting["emergency_address_update_time"]
    assert after["emergency_address"] == waiting["emergency_address"]
    assert sim.number(waiting["id"], endpoint="number_management")["address_update_required"] is False
    _error(api.call("PATCH", path, json={"emergency_address_status": 1}), 400, 300)
    group = next(item for item in sim.entity_truth("sip_groups") if item["id"] != waiting.get("sip_group", {}).get("id"))
    assert api.call("PATCH", path, json={"sip_group_id": group["id"]}).status_code == 204
    assert sim.number(waiting["id"])["sip_group"] == {"id": group["id"], "display_name": group["display_name"]}
    _error(api.call("PATCH", path, json={"sip_group_id": "no-such-group"}), 400, 300)
    plain = sim.truth(type="assigned")[0]
    for body in ({"emergency_address_status": 2}, {"sip_group_id": group["id"]}):
        _error(api.call("PATCH", f"/phone/numbers/{plain['id']}", json=body), 400, 300, "The phone number is not BYOC phone number.")
    unbound = next(record for record in sim.truth(type="byoc") if "emergency_address" not in record)
    _error(api.call("PATCH", f"/phone/numbers/{unbound['id']}", json={"emergency_address_status": 2}), 400, 300,
           "The phone number is not in binding.")


# -- PATCH /number_management/numbers/{id} -----------------------------------------------------

def test_patch_nm_display_name_and_capability(sim, api):
    """display_name up to 32 characters; capability as an object, only the given keys change."""
    record = _nm(sim, number_type="Toll", capability=["Incoming", "Outgoing"])
    path = f"/number_management/numbers/{record['id']}"
    assert api.call("PATCH", path, json={"display_name": "Lobby", "capability": {"outgoing": False}}).status_code == 204
    after = sim.number(record["id"], endpoint="number_management")
    assert after["display_name"] == "Lobby" and after["capability"] == ["Incoming"]
    assert after.get("assigned_list") == record.get("assigned_list") and after.get("site") == record.get("site")
    _error(api.call("PATCH", path, json={"display_name": "y" * 33}), 400, 999)
    _error(api.call("PATCH", path, json={"capability": {"incoming": False}}), 400, 200001, "The capability cannot be updated")
    for capability in (["incoming"], {"incoming": "yes"}, {"fax": True}, {}):
        _error(api.call("PATCH", path, json={"capability": capability}), 400, 999)
    tollfree = _nm(sim, number_type="TollFree")
    _error(api.call("PATCH", f"/number_management/numbers/{tollfree['id']}", json={"capability": {"outgoing": True}}),
           400, 200001)
    _error(api.call("PATCH", path, json={"caller_id_name": "Bob"}), 400, 999)
    _error(api.call("PATCH", "/number_management/numbers/AAAAAAAAAAAAAAAAAAAAAA", json={"display_name": "x"}), 404, 100002)


def test_patch_nm_byoc_fields(sim, api):
    """confirm_address_update for BYOC Premises numbers; sip_group_id for BYOC numbers."""
    premises = _nm(sim, source="BYOCPremises", address_update_required=True)
    path = f"/number_management/numbers/{premises['id']}"
    assert api.call("PATCH", path, json={"confirm_address_update": False}).status_code == 204
    assert sim.number(premises["id"], endpoint="number_management")["address_update_required"] is True
    assert api.call("PATCH", path, json={"confirm_address_update": True}).status_code == 204
    assert sim.number(premises["id"], endpoint="number_management")["address_update_required"] is False
    assert sim.number(premises["id"])["emergency_address_status"] == 2
    cloud = _nm(sim, source="BYOCCloud", address_update_required=True)
    _error(api.call("PATCH", f"/number_management/numbers/{cloud['id']}", json={"confirm_address_update": True}), 400, 999)
    _error(api.call("PATCH", path, json={"confirm_address_update": "yes"}), 400, 999)
    group = sim.entity_truth("nm_sip_groups")[-1]
    assert api.call("PATCH", path, json={"sip_group_id": group["sip_group_id"]}).status_code == 204
    assert sim.number(premises["id"], endpoint="number_management")["sip_group"] == {
        "id": group["sip_group_id"], "name": group["display_name"]}
    _error(api.call("PATCH", path, json={"sip_group_id": "missing"}), 400, 100001, "Sip Group not found")
    plain = _nm(sim, source="Zoom")
    _error(api.call("PATCH", f"/number_management/numbers/{plain['id']}", json={"sip_group_id": group["sip_group_id"]}), 400, 999)
    _error(api.call("PATCH", f"/number_management/numbers/{plain['id']}", json={"confirm_address_update": True}), 400, 999)


# -- PATCH /phone/numbers/sites/{siteId} -----------------------------------------------------

def test_move_to_site(sim, api):
    """Unassigned numbers, by id or E.164, move; both listings and site filters follow."""
    sites = sim.truth(endpoint="sites")
    first = _unassigned(sim, site={"id": sites[0]["id"], "name": sites[0]["name"]})
    second = next(record for record in sim.truth(type="unassigned", site_id=sites[0]["id"]) if record["id"] != first["id"])
    target = sites[1]
    response = api.call("PATCH", f"/phone/numbers/sites/{target['id']}", json={"phone_numbers": [first["id"], second["number"]]})
    assert response.status_code == 204
    for record in (first, second):
        assert sim.number(record["id"])["site"] == {"id": target["id"], "name": target["name"]}
        assert sim.number(record["id"], endpoint="number_management")["site"] == {"site_id": target["id"], "name": target["name"]}
        assert record["id"] in {item["id"] for item in sim.truth(site_id=target["id"])}
    assert api.call("PATCH", f"/phone/numbers/sites/{target['id']}", json={"phone_numbers": [first["id"]]}).status_code == 204


def test_move_to_site_refusals(sim, api):
    """Assigned numbers, unknown sites and numbers, bad lists: 400 code 300, nothing moves."""
    sites = sim.truth(endpoint="sites")
    spare = _unassigned(sim, site={"id": sites[0]["id"], "name": sites[0]["name"]})
    held = sim.truth(type="assigned", site_id=sites[0]["id"])[0]
    path = f"/phone/numbers/sites/{sites[1]['id']}"
    _error(api.call("PATCH", path, json={"phone_numbers": [spare["id"], held["id"]]}), 400, 300)
    assert sim.number(spare["id"])["site"]["id"] == sites[0]["id"]
    _error(api.call("PATCH", "/phone/numbers/sites/no-such-site", json={"phone_numbers": [spare["id"]]}), 400, 300)
    _error(api.call("PATCH", path, json={"phone_numbers": ["AAAAAAAAAAAAAAAAAAAAAA"]}), 400, 300)
    for items in ([], [1], None, [spare["id"]] * 21):
        _error(api.call("PATCH", path, json={"phone_numbers": items}), 400, 300)


# -- releasing ---------------------------------------------------------------------------------

def test_release_phone(sim, api):
    """DELETE /phone/numbers removes unassigned numbers (ids or E.164) from the account."""
    spares = list(sim.truth(type="unassigned"))[:3]
    before = len(sim.truth())
    response = api.call("DELETE", "/phone/numbers", params={"phone_numbers": f"{spares[0]['id']},{spares[1]['number']}"})
    assert response.status_code == 204
    assert sim.number(spares[0]["id"]) is None and sim.number(spares[1]["id"]) is None
    assert len(sim.truth()) == before - 2
    assert api.get("/phone/numbers", page_size=1).json()["total_records"] == before - 2
    assert api.get(f"/number_management/numbers/{spares[0]['id']}").status_code == 404
    # Repeated parameters count as one list.
    third = api.call("DELETE", f"/phone/numbers?phone_numbers={spares[2]['id']}&phone_numbers=")
    assert third.status_code == 204 and sim.number(spares[2]["id"]) is None


def test_release_phone_refusals(sim, api):
    """Assigned numbers, unknown numbers and lists of 0 or over 20 are refused; nothing is removed."""
    spare = sim.truth(type="unassigned")[0]
    held = sim.truth(type="assigned")[0]
    _error(api.call("DELETE", "/phone/numbers", params={"phone_numbers": f"{spare['id']},{held['id']}"}), 400, 300)
    assert sim.number(spare["id"]) is not None
    _error(api.call("DELETE", "/phone/numbers", params={"phone_numbers": "AAAAAAAAAAAAAAAAAAAAAA"}), 400, 300)
    message = "The number of items for the query parameter phone_numbers must be between 1 and 20 inclusive."
    _error(api.call("DELETE", "/phone/numbers"), 400, 300, message)
    many = ",".join(record["id"] for record in sim.truth(type="unassigned")[:21])
    _error(api.call("DELETE", "/phone/numbers", params={"phone_numbers": many}), 400, 300, message)


def test_release_again_with_repeat_ok(zoom_simulator_factory, make_client):
    """repeat_writes=ok: releasing a number the account no longer has is a quiet 204 (old API only)."""
    sim = zoom_simulator_factory(size=300, seed=2, repeat_writes="ok")
    api = make_client(sim)
    spare = sim.truth(type="unassigned")[0]
    for _attempt in range(2):
        assert api.call("DELETE", "/phone/numbers", params={"phone_numbers": spare["id"]}).status_code == 204
    _error(api.call("DELETE", "/number_management/numbers", params={"numbers": spare["id"]}), 400, 100002)


def test_release_nm(sim, api):
    """DELETE /number_management/numbers: ids only, 1 to 10, unassigned only."""
    spares = sim.truth(type="unassigned")[:13]

    def release(*keys):
        return api.call("DELETE", "/number_management/numbers", params={"numbers": ",".join(keys)} if keys else None)

    assert release(spares[0]["id"], spares[1]["id"]).status_code == 204
    assert sim.number(spares[0]["id"]) is None and sim.number(spares[1]["id"]) is None
    _error(release(spares[0]["id"]), 400, 100002, "Phone number not found")
    _error(release(spares[2]["number"]), 400, 100002)
    _error(release(*(record["id"] for record in spares[2:13])), 400, 999)
    _error(release(), 400, 999)
    held = sim.truth(type="assigned")[0]
    _error(release(held["id"]), 400, 999)
    assert sim.number(held["id"]) is not None


# -- sunset ------------------------------------------------------------------------------------

def test_deprecated_operations_gone(zoom_simulator_factory, make_client):
    """phone_endpoint=gone: every deprecated Phone operation answers 404 naming its replacement."""
    sim = zoom_simulator_factory(size=200, seed=2, phone_endpoint="gone")
    api = make_client(sim)
    record = sim.truth(type="unassigned")[0]
    for method, path, replacement in (
            ("GET", f"/phone/numbers/{record['id']}", "GET /number_management/numbers/{phoneNumberId}"),
            ("PATCH", f"/phone/numbers/{record['id']}", "PATCH /number_management/numbers/{phoneNumberId}"),
            ("DELETE", f"/phone/numbers?phone_numbers={record['id']}", "DELETE /number_management/numbers"),
            ("GET", "/phone/sip_groups", "GET /number_management/sip_groups")):
        response = api.call(method, path, json={} if method == "PATCH" else None)
        assert response.status_code == 404 and replacement in response.json()["message"], path
    assert api.get(f"/number_management/numbers/{record['id']}").status_code == 200
    site = sim.truth(endpoint="sites")[1]["id"]
    assert api.call("PATCH", f"/phone/numbers/sites/{site}", json={"phone_numbers": [record["id"]]}).status_code == 204
    assert api.call("DELETE", "/number_management/numbers", params={"numbers": record["id"]}).status_code == 204
