# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Writes and lookup lists go through the pipeline of the list endpoints: scopes from the one
table, token errors, string codes, tracking ids, rate-limit labels, Zoom Phone disabled, the
realistic profile, numbers of other products and the simulated clock."""

import json
import os
import re

import pytest

from zoomsim import operations, scopes
from zoomsim.number_updates import timestamp
from zoomsim.profiles import PROFILES

OPENAPI_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "openapi")
TRACKING = re.compile(r"v=2\.0;clid=us05;rid=WEB_[0-9a-f]{32}")
# A concrete path for each path parameter of the table's templates (nothing needs to exist:
# the scope check comes before the endpoint looks at anything).
_PARAM = re.compile(r"\{[^}]+\}")


def _concrete(template: str) -> str:
    """The /v2-relative path of a template with every parameter filled in."""
    return _PARAM.sub("X1", template)[len("/v2"):]


def _macro_scopes() -> set:
    """Every classic (macro) scope the vendored spec excerpts name."""
    found = set()
    for name in os.listdir(OPENAPI_DIR):
        with open(os.path.join(OPENAPI_DIR, name), encoding="utf-8") as handle:
            spec = json.load(handle)
        for methods in spec["paths"].values():
            for op in methods.values():
                found.update(op.get("x-extensions", {}).get("x-macro-scopes", ()))
    return found


def _user_and_spare(sim):
    """A user with a site, and an available unassigned number of that site."""
    user = next(item for item in sim.entity_truth("users") if "site" in item)
    spare = next(record for record in sim.truth(type="unassigned", site_id=user["site"]["id"], pending_numbers=False)
                 if record["status"] == "available")
    return user, spare


def _assign(api, user, number):
    return api.call("POST", f"/phone/users/{user['id']}/phone_numbers", json={"phone_numbers": [{"id": number["id"]}]})


# -- one table ---------------------------------------------------------------------------------

def test_operations_take_their_scopes_from_the_scope_table():
    """operations.py declares no scopes of its own: every operation's are the table's entry."""
    assert {(op.method, op.template) for op in operations.OPERATIONS} == set(scopes.ENDPOINT_SCOPES)
    for op in operations.OPERATIONS:
        assert op.scopes is scopes.ENDPOINT_SCOPES[(op.method, op.template)]
        assert scopes.accepted_scopes(op.method, "/v2" + _concrete(op.template)) == op.scopes, op
    assert operations.WRITE_SCOPES == {key: value for key, value in scopes.ENDPOINT_SCOPES.items() if key[0] != "GET"}


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_profile_tokens_open_every_endpoint(profile):
    """Both profiles' default tokens hold an accepted scope of every endpoint the simulator serves."""
    granted = set(PROFILES[profile]["token_scopes"])
    for key, accepted in scopes.ENDPOINT_SCOPES.items():
        assert granted & set(accepted), (profile, key)


def test_realistic_tokens_hold_granular_scopes_only():
    """Realistic tokens carry no classic scope; classic tokens open every endpoint with a classic one."""
    macro = _macro_scopes()
    assert not macro & set(PROFILES["realistic"]["token_scopes"])
    classic = macro & set(PROFILES["classic"]["token_scopes"])
    for key, accepted in scopes.ENDPOINT_SCOPES.items():
        assert classic & set(accepted), key
    assert len(set(scopes.GRANULAR_SCOPES)) == len(scopes.GRANULAR_SCOPES)


# -- the scope check on writes and lookup lists -------------------------------------------------

@pytest.mark.parametrize("method, template", sorted(key for key in scopes.ENDPOINT_SCOPES if key[1] not in (
    "/v2/phone/numbers", "/v2/phone/sites", "/v2/number_management/numbers") or key[0] != "GET"))
def test_missing_scope_on_every_new_endpoint(make_client, zoom_simulator_factory, method, template):
    """A token with every other scope is refused with 400 code 4711 naming what the endpoint accepts;
    the endpoint's granular scope alone gets past the check."""
    accepted = scopes.ENDPOINT_SCOPES[(method, template)]
    everything = {scope for names in scopes.ENDPOINT_SCOPES.values() for scope in names}
    sim = zoom_simulator_factory(size=60, token_scopes=sorted(everything - set(accepted)))
    api = make_client(sim)
    api.fetch_token()
    response = api.call(method, _concrete(template), json={})
    assert response.status_code == 400, response.text
    assert response.json() == {"code": 4711,
                               "message": f"Invalid access token, does not contain scopes:[{', '.join(accepted)}]."}
    assert TRACKING.fullmatch(response.headers["x-zm-trackingid"])
    sim.configure(token_scopes=[accepted[-1]])
    api.fetch_token()
    answer = api.call(method, _concrete(template), json={})
    assert answer.status_code != 400 or answer.json()["code"] != 4711, answer.text


def test_token_without_a_write_scope_changes_nothing(make_client, zoom_simulator_factory):
    """A read-only token lists numbers but cannot assign one; the refusal is not rate limited,
    and the write log shows it."""
    sim = zoom_simulator_factory(size=600, seed=3, rate_limit=2, token_scopes=["phone:read:admin"])
    api = make_client(sim)
    user, spare = _user_and_spare(sim)
    assert api.get("/phone/users").status_code == 200
    for _attempt in range(3):
        refused = _assign(api, user, spare)
        assert refused.status_code == 400 and refused.json()["code"] == 4711
    assert "phone:write:user_number:admin" in refused.json()["message"]
    assert "assignee" not in sim.number(spare["id"])
    sim.configure(token_scopes=["phone:read:admin", "phone:write:admin"])
    api.fetch_token()
    assert _assign(api, user, spare).status_code == 200
    assert [entry["status"] for entry in sim.stats()["writes"]] == [400, 400, 400, 200]


def test_scopes_follow_the_token_not_the_setting(make_client, zoom_simulator_factory):
    """A token issued before token_scopes changed keeps its write scope."""
    sim = zoom_simulator_factory(size=600, seed=3)
    api = make_client(sim)
    user, spare = _user_and_spare(sim)
    old = api.fetch_token()
    sim.configure(token_scopes=["phone:read:admin"])
    api.fetch_token()
    assert _assign(api, user, spare).json()["code"] == 4711
    assert api.call("POST", f"/phone/users/{user['id']}/phone_numbers", token=old,
                    json={"phone_numbers": [{"id": spare["id"]}]}).status_code == 200


# -- the realistic profile on the write side -----------------------------------------------------

def test_realistic_profile_writes(make_client, zoom_simulator_factory):
    """With realistic defaults (granular tokens, string codes, tracking ids, 400 for bad tokens),
    every kind of write works, and its errors carry the realistic marks."""
    sim = zoom_simulator_factory(size=900, seed=6, profile="realistic")
    api = make_client(sim)
    user, spare = _user_and_spare(sim)
    assert api.get("/phone/users", page_size=5).status_code == 200
    assert _assign(api, user, spare).status_code == 200
    repeat = _assign(api, user, spare)
    assert repeat.status_code == 400 and repeat.json()["code"] == "409"
    assert TRACKING.fullmatch(repeat.headers["x-zm-trackingid"])
    assert repeat.headers["x-zm-trackingid"] in sim.stats()["tracking_ids"]
    assert api.call("DELETE", f"/phone/users/{user['id']}/phone_numbers/{spare['id']}").status_code == 204
    assert api.call("PATCH", f"/number_management/numbers/{spare['id']}", json={"display_name": "Lobby"}).status_code == 204
    assert api.call("PATCH", f"/phone/numbers/sites/{user['site']['id']}",
                    json={"phone_numbers": [spare["id"]]}).status_code == 204
    missing = api.call("DELETE", "/number_management/numbers", params={"numbers": "AAAAAAAAAAAAAAAAAAAAAA"})
    assert missing.status_code == 400 and missing.json()["code"] == "100002"
    assert api.call("DELETE", "/number_management/numbers", params={"numbers": spare["id"]}).status_code == 204
    bad = api.call("POST", f"/phone/users/{user['id']}/phone_numbers", token="bad", json={"phone_numbers": []})
    assert bad.status_code == 400 and bad.json() == {"code": "124", "message": "Invalid access token."}


def test_realistic_quota_headers_and_429_on_writes(make_client, zoom_simulator_factory):
    """Writes carry the untyped quota headers and meet the realistic per-second 429."""
    sim = zoom_simulator_factory(size=600, seed=3, profile="realistic", rate_limit=1)
    sim.clock.freeze()
    api = make_client(sim)
    user, spare = _user_and_spare(sim)
    answer = _assign(api, user, spare)
    assert answer.status_code == 200
    assert answer.headers["X-RateLimit-Limit"] == "6000" and answer.headers["X-RateLimit-Remaining"] == "5999"
    assert answer.headers["X-RateLimit-Category"] == "Light" and "X-RateLimit-Type" not in answer.headers
    refused = api.call("DELETE", f"/phone/users/{user['id']}/phone_numbers/{spare['id']}")
    assert refused.status_code == 429 and refused.json()["code"] == "429"
    assert "Retry-After" not in refused.headers and "X-RateLimit-Type" not in refused.headers
    assert sim.number(spare["id"])["assignee"]["id"] == user["id"]
    sim.advance_clock(sim.stats()["query_log"][-1]["wait"])
    assert api.call("DELETE", f"/phone/users/{user['id']}/phone_numbers/{spare['id']}").status_code == 204


# -- labels, Zoom Phone disabled, faults ----------------------------------------------------------

@pytest.mark.parametrize("method, path, category", [
    ("GET", "/phone/users", "Medium"),
    ("GET", "/phone/sip_groups", "Light"),
    ("GET", "/number_management/sip_groups?allocated_product=ZOOM_PHONE", "Light"),
    ("POST", "/phone/users/X1/phone_numbers", "Light"),
    ("PATCH", "/phone/numbers/sites/X1", "Medium"),
    ("DELETE", "/number_management/numbers?numbers=X1", "Medium"),
    ("GET", "/phone/numbers/X1", "Light"),
])
def test_rate_limit_category_is_the_operation_label(make_client, zoom_simulator_factory, method, path, category):
    """X-RateLimit-Category names the operation's own label, on answers and on 429s alike."""
    sim = zoom_simulator_factory(size=60, rate_limit=1)
    sim.clock.freeze()
    api = make_client(sim)
    api.fetch_token()
    first = api.call(method, path, json={})
    second = api.call(method, path, json={})
    assert first.headers["X-RateLimit-Category"] == category
    assert second.status_code == 429 and second.headers["X-RateLimit-Category"] == category


def test_phone_disabled_refuses_phone_writes(make_client, zoom_simulator_factory):
    """phone_enabled=False: Phone writes and lookups answer 403 code 2031 and change nothing;
    Number Management writes keep working."""
    sim = zoom_simulator_factory(size=600, seed=3, phone_enabled=False)
    api = make_client(sim)
    user, spare = _user_and_spare(sim)
    for response in (_assign(api, user, spare), api.get("/phone/users"), api.get("/phone/sip_groups"),
                     api.call("PATCH", f"/phone/numbers/{spare['id']}", json={"display_name": "x"})):
        assert response.status_code == 403 and response.json()["code"] == 2031
    assert "assignee" not in sim.number(spare["id"])
    assert api.call("PATCH", f"/number_management/numbers/{spare['id']}", json={"display_name": "NM"}).status_code == 204
    assert sim.number(spare["id"])["display_name"] == "NM"


def test_fault_after_the_write_follows_the_settings(make_client, zoom_simulator_factory):
    """An "after" 429 is shaped like the simulator's own (here realistic: no Retry-After, string
    code, tracking id) and the write is applied all the same."""
    sim = zoom_simulator_factory(size=600, seed=3, profile="realistic",
                                 faults=[{"fault": "429", "method": "POST", "after": True, "when": {"first": 1}}])
    api = make_client(sim)
    user, spare = _user_and_spare(sim)
    lost = _assign(api, user, spare)
    assert lost.status_code == 429 and lost.json()["code"] == "429"
    assert "Retry-After" not in lost.headers and lost.headers["X-RateLimit-Category"] == "Light"
    assert TRACKING.fullmatch(lost.headers["x-zm-trackingid"])
    assert sim.number(spare["id"])["assignee"]["id"] == user["id"]


def test_latency_and_slow_faults_on_writes(make_client, zoom_simulator_factory):
    """Writes are delayed like every API answer; the delays show in the counters, not in timing."""
    sim = zoom_simulator_factory(size=600, seed=3, latency_ms=5,
                                 faults=[{"fault": "slow", "delay": 0.01, "method": "DELETE", "when": {"first": 1}}])
    api = make_client(sim)
    user, spare = _user_and_spare(sim)
    api.fetch_token()
    sim.reset_stats()
    assert _assign(api, user, spare).status_code == 200
    assert api.call("DELETE", f"/phone/users/{user['id']}/phone_numbers/{spare['id']}").status_code == 204
    delays = sim.stats()["delays"]
    assert delays["latency"] == {"count": 2, "seconds": 0.01}
    assert delays["slow"] == {"count": 1, "seconds": 0.01}
    assert [entry["delayed"] for entry in sim.stats()["query_log"]] == [0.005, 0.015]


# -- numbers of other products ------------------------------------------------------------------

def test_other_product_numbers_are_number_management_only(make_client, zoom_simulator_factory):
    """The Phone API does not know Contact Center or unallocated numbers: it cannot read, assign,
    update, move or release them; Number Management reads, updates and releases them."""
    sim = zoom_simulator_factory(size=600, seed=3, other_product_numbers=20)
    api = make_client(sim)
    other = next(record for record in sim.truth(endpoint="number_management")
                 if record["allocated_product"] != "ZOOM_PHONE")
    user = next(item for item in sim.entity_truth("users") if "site" in item)
    assert sim.number(other["id"]) is None and sim.number(other["number"]) is None
    assert api.get(f"/phone/numbers/{other['id']}").status_code == 400
    for key in ("id", "number"):
        refused = api.call("POST", f"/phone/users/{user['id']}/phone_numbers", json={"phone_numbers": [{key: other[key]}]})
        assert refused.status_code == 400 and refused.json()["code"] == 400, refused.text
    assert api.call("PATCH", f"/phone/numbers/{other['id']}", json={"display_name": "x"}).status_code == 404
    assert api.call("PATCH", f"/phone/numbers/sites/{user['site']['id']}",
                    json={"phone_numbers": [other["id"]]}).status_code == 400
    assert api.call("DELETE", "/phone/numbers", params={"phone_numbers": other["number"]}).status_code == 400
    assert api.get(f"/number_management/numbers/{other['id']}").json() == other
    assert api.call("PATCH", f"/number_management/numbers/{other['id']}", json={"display_name": "Desk"}).status_code == 204
    changed = sim.number(other["id"], endpoint="number_management")
    assert changed["display_name"] == "Desk" and changed["allocated_product"] == other["allocated_product"]
    assert all(record["id"] != other["id"] for record in sim.truth())
    assert api.call("DELETE", "/number_management/numbers", params={"numbers": other["id"]}).status_code == 204
    assert sim.number(other["id"], endpoint="number_management") is None


def test_drift_and_extra_numbers_leave_other_products_alone(zoom_simulator_factory):
    """mutate(change=N) and multi_number_users change only Zoom Phone numbers, and pick the same
    ones with or without numbers of other products."""
    plain = zoom_simulator_factory(size=600, seed=3, multi_number_users=5)
    mixed = zoom_simulator_factory(size=600, seed=3, multi_number_users=5, other_product_numbers=0.1)
    assert plain.truth() == mixed.truth()
    assert plain.mutate(change=30, seed=2)["changed"] == mixed.mutate(change=30, seed=2)["changed"]
    assert plain.truth() == mixed.truth()
    phone_ids = {record["id"] for record in mixed.truth()}
    others = [record for record in mixed.truth(endpoint="number_management") if record["id"] not in phone_ids]
    assert len(others) == 60
    assert all("assigned_list" not in record and not record.get("display_name", "").startswith("Renamed line")
               for record in others)


# -- the simulated clock --------------------------------------------------------------------------

def test_confirmed_address_is_dated_by_the_simulated_clock(make_client, zoom_simulator_factory):
    """emergency_address_update_time is the simulated time of the confirmation."""
    sim = zoom_simulator_factory(size=900, seed=6)
    sim.clock.freeze()
    sim.advance_clock(3 * 365 * 86400)
    api = make_client(sim)
    waiting = next(record for record in sim.truth(type="byoc") if record.get("emergency_address_status") == 1)
    assert api.call("PATCH", f"/phone/numbers/{waiting['id']}", json={"emergency_address_status": 2}).status_code == 204
    assert sim.number(waiting["id"])["emergency_address_update_time"] == timestamp(sim.clock.now())


def test_lookup_page_tokens_expire_on_the_simulated_clock(make_client, zoom_simulator_factory):
    """A lookup list's page token expires when the simulated clock passes page_token_ttl."""
    sim = zoom_simulator_factory(size=600, seed=3, page_token_ttl=60)
    api = make_client(sim)
    first = api.get("/phone/users", page_size=5).json()
    assert api.get("/phone/users", page_size=5, next_page_token=first["next_page_token"]).status_code == 200
    sim.advance_clock(61)
    expired = api.get("/phone/users", page_size=5, next_page_token=first["next_page_token"])
    assert expired.status_code == 400, expired.text
