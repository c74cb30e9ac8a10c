# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Scopes per token: the token's scope field, what each endpoint accepts, 400 code 4711."""

import pytest
import requests

from zoomsim import scopes

NM = "/number_management/numbers"
ACCEPTED = {
    "/phone/numbers": ["phone:read:admin", "phone:read:list_numbers:admin"],
    "/phone/sites": ["phone:read:admin", "phone:read:list_sites:admin"],
    NM: ["number_management_numbers:read:admin", "number_management:read:list_numbers:admin"],
}


def _token_body(sim) -> dict:
    response = requests.post(sim.oauth_url, params={"grant_type": "account_credentials", "account_id": "sim-account"},
                             auth=("sim-client", "sim-secret"), timeout=10)
    assert response.status_code == 200
    return response.json()


def _missing(path: str) -> dict:
    listed = ", ".join(ACCEPTED[path])
    return {"code": 4711, "message": f"Invalid access token, does not contain scopes:[{listed}]."}


def test_scope_field_follows_the_setting(zoom_simulator):
    """The token answer lists the configured scopes, space-separated, in order."""
    assert _token_body(zoom_simulator)["scope"] == " ".join(scopes.CLASSIC_SCOPES)
    zoom_simulator.configure(token_scopes=["phone:read:list_numbers:admin"])
    assert _token_body(zoom_simulator)["scope"] == "phone:read:list_numbers:admin"
    zoom_simulator.configure(token_scopes=[])
    assert _token_body(zoom_simulator)["scope"] == ""


@pytest.mark.parametrize("path", sorted(ACCEPTED))
def test_each_accepted_scope_opens_the_endpoint_alone(make_client, zoom_simulator, path):
    """Either the classic or the granular scope is enough."""
    client = make_client(zoom_simulator)
    for scope in ACCEPTED[path]:
        zoom_simulator.configure(token_scopes=[scope])
        client.fetch_token()
        assert client.get(path).status_code == 200, scope


@pytest.mark.parametrize("path", sorted(ACCEPTED))
def test_missing_scope_is_400_code_4711(make_client, zoom_simulator, path):
    """A token with scopes for the other endpoints only is refused with the scopes it lacks."""
    others = sorted({scope for other, names in ACCEPTED.items() if other != path for scope in names} - set(ACCEPTED[path]))
    zoom_simulator.configure(token_scopes=others)
    client = make_client(zoom_simulator)
    client.fetch_token()
    response = client.get(path)
    assert response.status_code == 400
    assert response.json() == _missing(path)
    assert response.headers["x-zm-trackingid"]


def test_scopes_bind_when_the_token_is_issued(make_client, zoom_simulator):
    """Changing token_scopes affects tokens issued afterwards; older tokens keep their scopes."""
    client = make_client(zoom_simulator)
    full = client.fetch_token()
    zoom_simulator.configure(token_scopes=["phone:read:list_sites:admin"])
    narrow = client.fetch_token()
    assert client.get("/phone/numbers", token=full).status_code == 200
    assert client.get("/phone/numbers", token=narrow).json()["code"] == 4711
    assert client.get("/phone/sites", token=narrow).status_code == 200


def test_token_validity_before_scopes_and_scopes_before_rate_limit(make_client, zoom_simulator_factory):
    """A bad token answers 124 (not 4711); a 4711 answer does not use up the rate limit."""
    sim = zoom_simulator_factory(size=60, rate_limit=1, token_scopes=["phone:read:list_sites:admin"])
    client = make_client(sim)
    assert client.get("/phone/numbers", token="bad").json()["code"] == 124
    client.fetch_token()
    for _index in range(3):
        assert client.get("/phone/numbers").json()["code"] == 4711
    assert client.get("/phone/sites").status_code == 200
    assert sim.stats()["by_status"] == {"200": 2, "401": 1, "400": 3}


def test_unknown_paths_and_methods_are_not_scope_checked(make_client, zoom_simulator_factory):
    """Paths the table does not name keep answering 404/405."""
    sim = zoom_simulator_factory(size=60, token_scopes=[])
    client = make_client(sim)
    client.fetch_token()
    assert client.get("/phone/nothing").status_code == 404
    response = client.session.post(sim.api_url + "/phone/numbers", headers={"Authorization": f"Bearer {client.token}"})
    assert response.status_code == 405


def test_realistic_profile_tokens_are_granular(make_client, zoom_simulator_factory):
    """Realistic tokens carry only granular scopes, which open every endpoint."""
    sim = zoom_simulator_factory(size=60, profile="realistic")
    body = _token_body(sim)
    assert body["scope"].split() == list(scopes.GRANULAR_SCOPES)
    client = make_client(sim)
    client.fetch_token()
    for path in ACCEPTED:
        assert client.get(path).status_code == 200


def test_table_accepts_new_endpoints_with_path_parameters(monkeypatch):
    """A future endpoint declares its scopes with one table line; "{name}" matches one segment."""
    monkeypatch.setitem(scopes.ENDPOINT_SCOPES, ("POST", "/v2/phone/users/{userId}/phone_numbers"),
                        ("phone:write:admin", "phone:write:user_number:admin"))
    assert scopes.accepted_scopes("POST", "/v2/phone/users/abc/phone_numbers") == (
        "phone:write:admin", "phone:write:user_number:admin")
    assert scopes.accepted_scopes("POST", "/v2/phone/users/abc/def/phone_numbers") is None
    assert scopes.accepted_scopes("GET", "/v2/phone/users/abc/phone_numbers") is None
    scopes.check_scopes({"phone:write:user_number:admin"}, "POST", "/v2/phone/users/abc/phone_numbers")
    with pytest.raises(scopes.ApiError) as info:
        scopes.check_scopes({"phone:read:admin"}, "POST", "/v2/phone/users/abc/phone_numbers")
    assert info.value.status == 400 and info.value.body["code"] == 4711
