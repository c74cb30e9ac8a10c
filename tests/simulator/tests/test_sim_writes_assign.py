# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Assigning numbers to users, call queues, auto receptionists, common areas and shared line
groups, and taking them back: success answers, limits, errors, repeats and sites."""

import pytest

# kind -> (list name, path segment, success status of an assignment, its body, batch limit, limit error)
KINDS = {
    "user": ("users", "users", 200, True, 10, (400, 300)),
    "callQueue": ("call_queues", "call_queues", 204, False, 5, (400, 300)),
    "autoReceptionist": ("auto_receptionists", "auto_receptionists", 204, False, None, None),
    "commonArea": ("common_areas", "common_areas", 201, True, 20, (400, 405)),
    "sharedLineGroup": ("shared_line_groups", "shared_line_groups", 201, False, 5, (400, 300)),
}
# kind -> (status, code) for: unknown entity on assignment, on unassignment; number held elsewhere;
# number not held (unassignment); unknown number on assignment.
ERRORS = {
    "user": ((404, 1001), (404, 1001), (400, 409), (400, 400), (400, 400)),
    "callQueue": ((400, 400), (400, 300), (400, 409), (404, 404), (400, 400)),
    "autoReceptionist": ((404, 404), (404, 404), (400, 400), (400, 400), (400, 400)),
    "commonArea": ((400, 404), (400, 404), (400, 409), (400, 400), (400, 400)),
    "sharedLineGroup": ((404, 404), (404, 404), (400, 409), (400, 300), (400, 400)),
}


def _entity(sim, kind, index=0, holding=None):
    """An entity of ``kind`` with a site (``holding``: True with numbers, False without)."""
    items = [item for item in sim.entity_truth(kind) if "site" in item
             and (holding is None or ("phone_numbers" in item) == holding)]
    return items[index]


def _spares(sim, site_id, count):
    """Unassigned numbers of a site."""
    spares = [record for record in sim.truth(type="unassigned", site_id=site_id) if record["status"] == "available"]
    assert len(spares) >= count
    return spares[:count]


def _held_ids(sim, kind, ident):
    entity = next(item for item in sim.entity_truth(kind) if item["id"] == ident)
    return [item["id"] for item in entity.get("phone_numbers", [])]


def _path(kind, ident, number=None):
    base = f"/phone/{KINDS[kind][1]}/{ident}/phone_numbers"
    return base if number is None else f"{base}/{number}"


def _error(response, status, code):
    assert (response.status_code, response.json()["code"]) == (status, code), response.text


@pytest.fixture
def sim(zoom_simulator_factory):
    """A simulator big enough to have spare numbers at every site."""
    return zoom_simulator_factory(size=900, seed=6)


@pytest.fixture
def api(sim, make_client):
    """A client of ``sim``."""
    return make_client(sim)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_assign_then_unassign(sim, api, kind):
    """Assignment by id and by number answers the spec's status; everything reflects it at once."""
    entity = _entity(sim, kind)
    first, second = _spares(sim, entity["site"]["id"], 2)
    response = api.call("POST", _path(kind, entity["id"]), json={"phone_numbers": [{"id": first["id"]},
                                                                                   {"number": second["number"]}]})
    status, answers = KINDS[kind][2], KINDS[kind][3]
    assert response.status_code == status, response.text
    expected = [{"id": first["id"], "number": first["number"]}, {"id": second["id"], "number": second["number"]}]
    assert (response.json() if answers else response.content) == ({"phone_numbers": expected} if answers else b"")
    name = entity.get("name", entity.get("display_name"))
    for number in (first, second):
        record = sim.number(number["id"])
        assert record["assignee"]["id"] == entity["id"] and record["assignee"]["type"] == kind
        assert record["assignee"]["name"] == name
        nm = sim.number(number["id"], endpoint="number_management")
        assert nm["assigned_list"][0]["assigned_to_id"] == entity["id"] and nm["allocated_product"] == "ZOOM_PHONE"
        assert number["id"] in _held_ids(sim, KINDS[kind][0], entity["id"])
        assert number["id"] in {item["id"] for item in sim.truth(type="assigned")}
    # Unassign the first by id: it is unassigned everywhere, the other stays.
    assert api.call("DELETE", _path(kind, entity["id"], first["id"])).status_code == 204
    assert "assignee" not in sim.number(first["id"])
    assert "assigned_list" not in sim.number(first["id"], endpoint="number_management")
    assert first["id"] not in _held_ids(sim, KINDS[kind][0], entity["id"])
    assert second["id"] in _held_ids(sim, KINDS[kind][0], entity["id"])
    # Unassigning it again is an error by default (repeat_writes=error).
    _error(api.call("DELETE", _path(kind, entity["id"], first["id"])), *ERRORS[kind][3])


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_batch_limit(sim, api, kind):
    """One over the limit is refused and changes nothing; at the limit it works (AR: no limit)."""
    entity = _entity(sim, kind)
    limit, error = KINDS[kind][4], KINDS[kind][5]
    count = (limit or 25) + 1
    spares = _spares(sim, entity["site"]["id"], count)
    body = {"phone_numbers": [{"id": number["id"]} for number in spares]}
    if limit is None:
        assert api.call("POST", _path(kind, entity["id"]), json=body).status_code == KINDS[kind][2]
        return
    _error(api.call("POST", _path(kind, entity["id"]), json=body), *error)
    assert all("assignee" not in sim.number(number["id"]) for number in spares)
    body["phone_numbers"].pop()
    assert api.call("POST", _path(kind, entity["id"]), json=body).status_code == KINDS[kind][2]


def test_limit_error_bodies(sim, api):
    """The limit errors carry Zoom's texts: "Validation Failed." with the field, or code 405."""
    user = _entity(sim, "users")
    too_many = {"phone_numbers": [{"id": f"n{index}"} for index in range(11)]}
    body = api.call("POST", _path("user", user["id"]), json=too_many).json()
    assert body["message"] == "Validation Failed." and body["errors"][0]["field"] == "phone_numbers"
    area = _entity(sim, "common_areas")
    body = api.call("POST", _path("commonArea", area["id"]), json={"phone_numbers": [{"id": "x"}] * 21}).json()
    assert body == {"code": 405, "message": "The number of items for phone_numbers must not exceed 20."}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_unknown_entity(sim, api, kind):
    """An entity id the account does not have: each endpoint's documented answer."""
    number = _spares(sim, sim.truth(endpoint="sites")[0]["id"], 1)[0]
    _error(api.call("POST", _path(kind, "no-such-id"), json={"phone_numbers": [{"id": number["id"]}]}), *ERRORS[kind][0])
    _error(api.call("DELETE", _path(kind, "no-such-id", number["id"])), *ERRORS[kind][1])


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_unknown_number(sim, api, kind):
    """A number id the account does not have."""
    entity = _entity(sim, kind)
    _error(api.call("POST", _path(kind, entity["id"]), json={"phone_numbers": [{"id": "AAAAAAAAAAAAAAAAAAAAAA"}]}),
           *ERRORS[kind][4])


def test_shared_line_group_foreign_number(sim, api):
    """A shared line group given a number (not an id) the account lacks answers 401 code 124."""
    group = _entity(sim, "shared_line_groups")
    response = api.call("POST", _path("sharedLineGroup", group["id"]), json={"phone_numbers": [{"number": "+12025550123"}]})
    assert response.status_code == 401
    assert response.json() == {"code": 124, "message": "Phone number does not belong to this account"}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_number_held_elsewhere(sim, api, kind):
    """Assigning a number another entity holds is refused; so is unassigning it from the wrong one."""
    entity = _entity(sim, kind)
    other = next(record for record in sim.truth(type="assigned", extension_type="user", site_id=entity["site"]["id"])
                 if record["assignee"]["id"] != entity["id"])
    _error(api.call("POST", _path(kind, entity["id"]), json={"phone_numbers": [{"id": other["id"]}]}), *ERRORS[kind][2])
    _error(api.call("DELETE", _path(kind, entity["id"], other["id"])), *ERRORS[kind][3])
    assert sim.number(other["id"])["assignee"] == other["assignee"]


def test_auto_receptionist_in_use_message(sim, api):
    """The auto receptionist's own wording, from its spec."""
    receptionist = _entity(sim, "auto_receptionists")
    held = sim.truth(type="assigned", extension_type="user")[0]
    body = api.call("POST", _path("autoReceptionist", receptionist["id"]), json={"phone_numbers": [{"id": held["id"]}]}).json()
    assert body == {"code": 400, "message": f"phoneNumber is used, phonenumberId:{held['number']}"}


def test_batch_is_all_or_nothing(sim, api):
    """One bad item and nothing of the batch is assigned."""
    user = _entity(sim, "users")
    spare = _spares(sim, user["site"]["id"], 1)[0]
    held = sim.truth(type="assigned", extension_type="callQueue")[0]
    response = api.call("POST", _path("user", user["id"]), json={"phone_numbers": [{"id": spare["id"]}, {"id": held["id"]}]})
    assert response.status_code == 400
    assert "assignee" not in sim.number(spare["id"])


@pytest.mark.parametrize("mode", ["error", "ok"])
def test_repeated_writes(zoom_simulator_factory, make_client, mode):
    """repeat_writes: assigning what the entity holds / unassigning what nobody holds."""
    sim = zoom_simulator_factory(size=900, seed=6, repeat_writes=mode)
    api = make_client(sim)
    user = _entity(sim, "users", holding=True)
    mine = user["phone_numbers"][0]
    again = api.call("POST", _path("user", user["id"]), json={"phone_numbers": [{"id": mine["id"]}]})
    spare = _spares(sim, user["site"]["id"], 1)[0]
    duplicate = api.call("POST", _path("user", user["id"]), json={"phone_numbers": [{"id": spare["id"]}, {"number": spare["number"]}]})
    api.call("DELETE", _path("user", user["id"], spare["id"]))
    gone = api.call("DELETE", _path("user", user["id"], spare["id"]))
    if mode == "error":
        _error(again, 400, 409)
        _error(duplicate, 400, 409)
        _error(gone, 400, 400)
    else:
        assert again.status_code == 200 and again.json() == {"phone_numbers": [mine]}
        assert duplicate.status_code == 200 and duplicate.json() == {"phone_numbers": [{"id": spare["id"], "number": spare["number"]}]}
        assert gone.status_code == 204
    # Whatever the mode, someone else's number is never taken nor given back.
    other = next(record for record in sim.truth(type="assigned", extension_type="user") if record["assignee"]["id"] != user["id"])
    _error(api.call("POST", _path("user", user["id"]), json={"phone_numbers": [{"id": other["id"]}]}), 400, 409)
    _error(api.call("DELETE", _path("user", user["id"], other["id"])), 400, 400)


@pytest.mark.parametrize("mode", ["error", "keep", "follow"])
def test_assign_across_sites(zoom_simulator_factory, make_client, mode):
    """assign_site: a number of another site is refused, keeps its site, or takes the assignee's."""
    sim = zoom_simulator_factory(size=900, seed=6, assign_site=mode)
    api = make_client(sim)
    user = _entity(sim, "users")
    other_site = next(site for site in sim.truth(endpoint="sites") if site["id"] != user["site"]["id"])
    number = _spares(sim, other_site["id"], 1)[0]
    response = api.call("POST", _path("user", user["id"]), json={"phone_numbers": [{"id": number["id"]}]})
    if mode == "error":
        _error(response, 400, 300)
        assert "assignee" not in sim.number(number["id"])
        return
    assert response.status_code == 200
    expected = other_site["id"] if mode == "keep" else user["site"]["id"]
    assert sim.number(number["id"])["site"]["id"] == expected


def test_number_without_site_goes_anywhere(sim, api):
    """A number without a site can be assigned to an extension of any site."""
    spare = next((record for record in sim.truth(type="unassigned") if "site" not in record), None)
    if spare is None:
        pytest.skip("no unassigned number without a site in this dataset")
    user = _entity(sim, "users")
    assert api.call("POST", _path("user", user["id"]), json={"phone_numbers": [{"id": spare["id"]}]}).status_code == 200


def test_body_validation(sim, api):
    """Bodies that are not JSON objects, lack phone_numbers, or name nothing."""
    user, queue = _entity(sim, "users"), _entity(sim, "call_queues")
    spare = _spares(sim, user["site"]["id"], 2)
    for data in (b"not json", b"[1, 2]", b""):
        response = api.call("POST", _path("user", user["id"]), data=data, headers={"Content-Type": "application/json"})
        assert response.status_code == 400
        assert response.json() == {"code": 300, "message": "Request Body should be a valid JSON object."}
    _error(api.call("POST", _path("user", user["id"]), json={}), 400, 300)
    assert api.call("POST", _path("callQueue", queue["id"]), json={"phone_numbers": []}).json() == {
        "code": 400, "message": "Need to specify at least one phone number"}
    _error(api.call("POST", _path("user", user["id"]), json={"phone_numbers": [{"name": "x"}]}), 400, 300)
    _error(api.call("POST", _path("user", user["id"]), json={"phone_numbers": "+14085550100"}), 400, 300)
    mixed = {"phone_numbers": [{"id": spare[0]["id"], "number": spare[1]["number"]}]}
    _error(api.call("POST", _path("user", user["id"]), json=mixed), 400, 300)


def test_ways_to_name_targets_and_numbers(sim, api):
    """Users by e-mail in any case; common areas by extension id; E.164 with or without +."""
    user = _entity(sim, "users")
    spare = _spares(sim, user["site"]["id"], 3)
    response = api.call("POST", _path("user", user["email"].upper()), json={"phone_numbers": [{"number": spare[0]["number"][1:]}]})
    assert response.status_code == 200 and response.json()["phone_numbers"][0]["id"] == spare[0]["id"]
    assert api.call("DELETE", _path("user", user["email"], spare[0]["number"])).status_code == 204
    area = _entity(sim, "common_areas")
    extension_id = sim.service.writes.directory.get("commonArea", area["id"]).extension_id
    area_spare = _spares(sim, area["site"]["id"], 1)[0]
    assert api.call("POST", _path("commonArea", extension_id), json={"phone_numbers": [{"id": area_spare["id"]}]}).status_code == 201
    assert api.call("DELETE", _path("commonArea", area["id"], area_spare["number"])).status_code == 204


@pytest.mark.parametrize("kind", ["callQueue", "sharedLineGroup"])
def test_unassign_by_id_only(sim, api, kind):
    """Call queues and shared line groups take a number id in the path, not an E.164 number."""
    entity = _entity(sim, kind, holding=True)
    held = entity["phone_numbers"][0]
    response = api.call("DELETE", _path(kind, entity["id"], held["number"]))
    assert response.status_code in (400, 404)
    assert sim.number(held["id"])["assignee"]["id"] == entity["id"]
    assert api.call("DELETE", _path(kind, entity["id"], held["id"])).status_code == 204


@pytest.mark.parametrize("kind", ["callQueue", "autoReceptionist", "sharedLineGroup"])
def test_unassign_all(sim, api, kind):
    """DELETE .../phone_numbers unassigns every number of the entity; again it is a no-op 204."""
    entity = _entity(sim, kind, holding=True)
    held = [item["id"] for item in entity["phone_numbers"]]
    assert api.call("DELETE", _path(kind, entity["id"])).status_code == 204
    assert all("assignee" not in sim.number(ident) for ident in held)
    assert "phone_numbers" not in next(item for item in sim.entity_truth(kind) if item["id"] == entity["id"])
    assert api.call("DELETE", _path(kind, entity["id"])).status_code == 204
    assert api.call("DELETE", _path(kind, "no-such-id")).status_code in (400, 404)


def test_pending_numbers_can_be_assigned(sim, api):
    """Zoom lets admins assign numbers that are still being ported."""
    pending = next(record for record in sim.truth(type="unassigned") if record["status"] == "pending" and "site" in record)
    user = next(item for item in sim.entity_truth("users") if item.get("site", {}).get("id") == pending["site"]["id"])
    assert api.call("POST", _path("user", user["id"]), json={"phone_numbers": [{"id": pending["id"]}]}).status_code == 200
    assert sim.number(pending["id"])["status"] == "pending"


def test_numbers_no_api_can_unassign(sim, api):
    """Emergency pool, company location and meeting service numbers can be neither taken nor given back."""
    for kind in ("emergencyNumberPool", "companyLocation", "meetingService"):
        record = sim.truth(type="assigned", extension_type=kind)[0]
        user = _entity(sim, "users")
        _error(api.call("POST", _path("user", user["id"]), json={"phone_numbers": [{"id": record["id"]}]}), 400, 409)
        _error(api.call("DELETE", _path("user", user["id"], record["id"])), 400, 400)


def test_methods_and_paths(sim, api):
    """A known path with another method is a 405; an unknown path a 404."""
    user = _entity(sim, "users")
    assert api.call("GET", _path("user", user["id"])).status_code == 405
    assert api.call("PUT", "/phone/numbers").status_code == 405
    assert api.call("POST", "/phone/robots/x/phone_numbers", json={}).status_code == 404
