# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Write requests under faults and rate limits, in the counters, the control endpoints, drift
mutations, settings, and the operations table checked against Zoom's spec excerpts."""

import json
import os
import re

import pytest
import requests

from zoomsim import Simulator, operations
from zoomsim.__main__ import parse_args

OPENAPI_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "openapi")


def _user_and_spares(sim, count=2):
    """A user with a site and unassigned numbers of that site."""
    user = next(item for item in sim.entity_truth("users") if "site" in item)
    spares = [record for record in sim.truth(type="unassigned", site_id=user["site"]["id"]) if record["status"] == "available"]
    return user, spares[:count]


def _assign(api, user, number, key="id"):
    return api.call("POST", f"/phone/users/{user['id']}/phone_numbers", json={"phone_numbers": [{key: number[key]}]})


# -- counters ----------------------------------------------------------------------------------

def test_writes_in_the_counters(make_client, zoom_simulator_factory):
    """Each write is logged with method, path, template, the numbers it names (as ids) and status."""
    sim = zoom_simulator_factory(size=600, seed=3)
    api = make_client(sim)
    user, (first, second) = _user_and_spares(sim)
    api.get("/phone/users", page_size=5)
    assert api.call("POST", f"/phone/users/{user['email']}/phone_numbers",
                    json={"phone_numbers": [{"number": first["number"]}, {"id": second["id"]}]}).status_code == 200
    assert api.call("DELETE", f"/phone/users/{user['id']}/phone_numbers/{first['number']}").status_code == 204
    assert api.call("DELETE", f"/phone/users/{user['id']}/phone_numbers/{first['number']}").status_code == 400
    assert api.call("DELETE", "/phone/numbers", params={"phone_numbers": first["number"]}).status_code == 204
    stats = sim.stats()
    assert stats["write_requests"] == 4
    assert [(entry["method"], entry["template"], entry["numbers"], entry["status"]) for entry in stats["writes"]] == [
        ("POST", "/v2/phone/users/{userId}/phone_numbers", [first["id"], second["id"]], 200),
        ("DELETE", "/v2/phone/users/{userId}/phone_numbers/{phoneNumberId}", [first["id"]], 204),
        ("DELETE", "/v2/phone/users/{userId}/phone_numbers/{phoneNumberId}", [first["id"]], 400),
        ("DELETE", "/v2/phone/numbers", [first["id"]], 204),
    ]
    assert stats["writes"][0]["path"] == f"/v2/phone/users/{user['email']}/phone_numbers"
    assert stats["by_operation"] == {
        "GET /v2/phone/users": 1, "POST /v2/phone/users/{userId}/phone_numbers": 1,
        "DELETE /v2/phone/users/{userId}/phone_numbers/{phoneNumberId}": 2, "DELETE /v2/phone/numbers": 1,
    }
    assert stats["list_requests"] == 0
    sim.reset_stats()
    assert sim.stats()["writes"] == [] and sim.stats()["write_requests"] == 0


def test_unassign_all_counts_the_numbers_it_takes(make_client, zoom_simulator_factory):
    """DELETE of all a call queue's numbers logs those numbers."""
    sim = zoom_simulator_factory(size=600, seed=3)
    queue = next(item for item in sim.entity_truth("call_queues") if "phone_numbers" in item)
    make_client(sim).call("DELETE", f"/phone/call_queues/{queue['id']}/phone_numbers")
    assert sim.stats()["writes"][0]["numbers"] == [item["id"] for item in queue["phone_numbers"]]


# -- faults and limits -------------------------------------------------------------------------

def test_fault_on_one_method(make_client, zoom_simulator_factory):
    """A rule with "method" counts and hits only that method; a replaced answer applies nothing."""
    sim = zoom_simulator_factory(size=600, seed=3, faults=[{"fault": "503", "method": "post", "when": {"first": 1}}])
    api = make_client(sim)
    user, (number, _other) = _user_and_spares(sim)
    assert api.get("/phone/numbers").status_code == 200
    assert _assign(api, user, number).status_code == 503
    assert "assignee" not in sim.number(number["id"])
    assert _assign(api, user, number).status_code == 200
    assert sim.stats()["faults"] == {"503": 1}
    assert [entry["status"] for entry in sim.stats()["writes"]] == [503, 200]


def test_fault_after_the_write(make_client, zoom_simulator_factory):
    """"after": true answers the fault once the write is done; the client's retry then meets an error."""
    sim = zoom_simulator_factory(size=600, seed=3, faults=[
        {"fault": "504", "method": "POST", "after": True, "when": {"first": 1}},
        {"fault": "reset", "method": "DELETE", "path": "/v2/phone/users", "after": True, "when": {"first": 1}},
    ])
    api = make_client(sim)
    user, (number, _other) = _user_and_spares(sim)
    assert _assign(api, user, number).status_code == 504
    assert sim.number(number["id"])["assignee"]["id"] == user["id"]
    retry = _assign(api, user, number)
    assert retry.status_code == 400 and retry.json()["code"] == 409
    with pytest.raises(requests.ConnectionError):
        api.call("DELETE", f"/phone/users/{user['id']}/phone_numbers/{number['id']}")
    assert "assignee" not in sim.number(number["id"])
    assert sim.stats()["writes"][-1]["status"] is None


@pytest.mark.parametrize("rule", [
    {"fault": "500", "method": 5}, {"fault": "500", "method": []}, {"fault": "500", "method": "GE T"},
    {"fault": "slow", "after": True}, {"fault": "500", "after": "yes"},
])
def test_bad_method_and_after_rejected(rule):
    """method must name HTTP methods; after is a boolean, only for kinds that replace the answer."""
    with pytest.raises(ValueError):
        Simulator(size=10, faults=[rule])


def test_truncated_answer_to_an_assignment(make_client, zoom_simulator_factory):
    """Body damage hits the 200 of a user assignment too; the numbers are assigned all the same."""
    sim = zoom_simulator_factory(size=600, seed=3, faults=[{"fault": "truncated", "method": "POST", "when": {"first": 1}}])
    api = make_client(sim)
    user, (number, _other) = _user_and_spares(sim)
    response = _assign(api, user, number)
    assert response.status_code == 200
    with pytest.raises(ValueError):
        json.loads(response.content)
    assert sim.number(number["id"])["assignee"]["id"] == user["id"]


def test_writes_use_up_the_rate_limit(make_client, zoom_simulator_factory):
    """Writes count in the per-second limit like any /v2 request; a refused write changes nothing."""
    sim = zoom_simulator_factory(size=600, seed=3, rate_limit=2)
    api = make_client(sim)
    user, (first, second) = _user_and_spares(sim)
    statuses = [api.get("/phone/users").status_code, _assign(api, user, first).status_code, _assign(api, user, second).status_code]
    assert statuses == [200, 200, 429]
    assert "assignee" not in sim.number(second["id"])


def test_change_numbers_fault(make_client, zoom_simulator_factory):
    """change_numbers changes existing numbers just before the request is served."""
    sim = zoom_simulator_factory(size=300, seed=3, faults=[{"fault": "change_numbers", "count": 25, "when": {"nth": [2]}}])
    api = make_client(sim)
    first = api.list_all(page_size=100)[0]
    second = api.list_all(page_size=100)[0]
    assert len(first) == len(second) == 300
    assert first != second and {record["id"] for record in first} == {record["id"] for record in second}
    assert sim.stats()["faults"] == {"change_numbers": 1}


# -- drift ---------------------------------------------------------------------------------

def test_mutate_change(zoom_simulator_factory):
    """mutate(change=N): reassign (same kind, same site), move (unassigned) or rename; reproducible."""
    sims = [zoom_simulator_factory(size=700, seed=9) for _index in range(2)]
    before = {record["id"]: record for record in sims[0].truth()}
    results = [sim.mutate(change=40, seed=4) for sim in sims]
    assert results[0] == results[1]
    result = results[0]
    assert result["added"] == [] and result["removed"] == [] and result["size"] == 700
    assert len(result["changed"]) == 40 and {entry["action"] for entry in result["changed"]} == {"reassign", "move", "rename"}
    for entry in result["changed"]:
        old, new = before[entry["id"]], sims[0].number(entry["id"])
        if entry["action"] == "reassign":
            assert new["assignee"]["type"] == old["assignee"]["type"] and new["assignee"]["id"] != old["assignee"]["id"]
        elif entry["action"] == "move":
            assert "assignee" not in new and new["site"]["id"] != old.get("site", {}).get("id")
        else:
            assert new["display_name"].startswith("Renamed line ")
    assert "changed" not in sims[0].mutate(add=1, seed=1)
    with pytest.raises(ValueError):
        sims[0].mutate(change=-1)


def test_mutate_change_over_http(zoom_simulator):
    """POST /_sim/mutate takes "change" too."""
    body = requests.post(zoom_simulator.url + "/_sim/mutate", json={"change": 3, "add": 2}, timeout=5).json()
    assert len(body["changed"]) == 3 and len(body["added"]) == 2 and body["size"] == 502


# -- control endpoints, settings, CLI ------------------------------------------------------

def test_number_control_endpoint(zoom_simulator):
    """GET /_sim/number answers one number by id or E.164 in either shape, or 404."""
    record = zoom_simulator.truth(type="byoc")[0]
    body = requests.get(zoom_simulator.url + "/_sim/number", params={"id": record["number"]}, timeout=5).json()
    assert body["record"] == record == zoom_simulator.number(record["id"])
    body = requests.get(zoom_simulator.url + "/_sim/number", params={"id": record["id"], "endpoint": "number_management"},
                        timeout=5).json()
    assert body["record"]["id"] == record["id"] and body["record"]["source"] in ("BYOCCloud", "BYOCPremises")
    assert ("assigned_list" in body["record"]) == ("assignee" in record)
    assert requests.get(zoom_simulator.url + "/_sim/number", params={"id": "+19995550100"}, timeout=5).status_code == 404
    assert requests.get(zoom_simulator.url + "/_sim/number", timeout=5).status_code == 400


def test_operations_control_endpoint(zoom_simulator):
    """GET /_sim/operations lists every operation with its scopes."""
    rows = requests.get(zoom_simulator.url + "/_sim/operations", timeout=5).json()["operations"]
    assert {"method": "DELETE", "path": "/v2/number_management/numbers",
            "scopes": ["number_management_numbers:write:master", "number_management:delete:numbers:admin"],
            "label": "MEDIUM", "deprecated": False} in rows


def test_new_settings(zoom_simulator):
    """repeat_writes and assign_site change at runtime and over /_sim/config; bad values are refused."""
    assert zoom_simulator.settings_dict()["repeat_writes"] == "error"
    assert zoom_simulator.settings_dict()["assign_site"] == "error"
    zoom_simulator.configure(repeat_writes="ok", assign_site="follow")
    assert zoom_simulator.settings.repeat_writes == "ok"
    response = requests.post(zoom_simulator.url + "/_sim/config", json={"assign_site": "keep"}, timeout=5)
    assert response.status_code == 200 and response.json()["assign_site"] == "keep"
    assert requests.post(zoom_simulator.url + "/_sim/config", json={"repeat_writes": "maybe"}, timeout=5).status_code == 400
    with pytest.raises(ValueError):
        Simulator(size=10, assign_site="move")


def test_cli_options():
    """The command line takes the new options."""
    args = parse_args(["--repeat-writes", "ok", "--assign-site", "keep", "--multi-number-users", "3"])
    assert (args.repeat_writes, args.assign_site, args.multi_number_users) == ("ok", "keep", 3)
    defaults = parse_args([])
    assert (defaults.repeat_writes, defaults.assign_site, defaults.multi_number_users) == ("error", "error", 0)


# -- the operations table against the spec ----------------------------------------------------

def _spec_operations():
    """(method, /v2 path) -> (scopes, label, deprecated) from every vendored spec excerpt."""
    found = {}
    for name in sorted(os.listdir(OPENAPI_DIR)):
        with open(os.path.join(OPENAPI_DIR, name), encoding="utf-8") as handle:
            spec = json.load(handle)
        for path, methods in spec["paths"].items():
            for method, op in methods.items():
                label = re.search(r"Rate Limit Label[^`]*`([A-Za-z]+)`", op.get("description", ""))
                found[(method.upper(), "/v2" + path)] = (
                    tuple(op["security"][0]["openapi_oauth"]), label.group(1).upper() if label else None, bool(op.get("deprecated")))
    return found


def test_operations_match_the_spec():
    """Scopes, labels and deprecation of every operation are the spec's."""
    spec = _spec_operations()
    for op in operations.OPERATIONS:
        assert (op.method, op.template) in spec, op
        assert spec[(op.method, op.template)] == (op.scopes, op.label, op.deprecated), op


def test_write_scopes_table():
    """WRITE_SCOPES holds exactly the write operations; scopes_for matches concrete paths."""
    assert all(method != "GET" for method, _path in operations.WRITE_SCOPES)
    assert len(operations.WRITE_SCOPES) == sum(1 for op in operations.OPERATIONS if op.method != "GET")
    assert operations.scopes_for("POST", "/v2/phone/users/a@b.example/phone_numbers") == (
        "phone:write", "phone:write:admin", "phone:write:user_number", "phone:write:user_number:admin")
    assert operations.scopes_for("PATCH", "/v2/phone/numbers/sites/S1") == ("phone:write:admin", "phone:update:site_number:admin")
    assert operations.scopes_for("PATCH", "/v2/phone/numbers/N1") == ("phone:write:admin", "phone:update:number:admin")
    assert operations.scopes_for("DELETE", "/v2/phone/robots") is None
    assert "number_management_numbers:write:master" in operations.ALL_WRITE_SCOPES


def test_racing_assignments(make_client, zoom_simulator_factory):
    """Two clients assigning the same number at once: exactly one wins, the other is told it is in use."""
    from concurrent.futures import ThreadPoolExecutor  # pylint: disable=import-outside-toplevel
    sim = zoom_simulator_factory(size=900, seed=6)
    site = sim.truth(endpoint="sites")[0]["id"]
    users = list(sim.entity_truth("users", site_id=site))[:2]
    spares = sim.truth(type="unassigned", site_id=site)[:8]
    clients = [make_client(sim), make_client(sim)]
    for client in clients:
        client.fetch_token()
    with ThreadPoolExecutor(max_workers=2) as pool:
        for spare in spares:
            futures = [pool.submit(_assign, client, user, spare) for client, user in zip(clients, users)]
            statuses = sorted(future.result().status_code for future in futures)
            assert statuses == [200, 400]
            winner = sim.number(spare["id"])["assignee"]["id"]
            assert winner in {user["id"] for user in users}
    held = sum(len(item.get("phone_numbers", [])) for item in sim.entity_truth("users", site_id=site) if item["id"] in
               {user["id"] for user in users})
    assert held == len(spares) + sum(len(user.get("phone_numbers", [])) for user in users)
