# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Token endpoint, token policies, expiry and the 401 answers of the API."""

import base64

import pytest
import requests

from zoomsim import Simulator

INVALID = {"code": 124, "message": "Invalid access token."}
EXPIRED = {"code": 124, "message": "Access token is expired."}
# The classic read scopes, then the classic write scopes (one of them opens every endpoint).
CLASSIC_SCOPE = ("phone:read:admin phone:read:list_numbers:admin number_management_numbers:read:admin "
                 "phone:write:admin number_management_numbers:write:admin number_management_numbers:write:master")


def _token(sim, grant="account_credentials", account=None, auth=None, **kwargs):
    """POST to the token endpoint with chosen parts."""
    params = {}
    if grant is not None:
        params["grant_type"] = grant
    params["account_id"] = sim.settings.account_id if account is None else account
    if auth is None:
        auth = (sim.settings.client_id, sim.settings.client_secret)
    return requests.post(sim.oauth_url, params=params, auth=auth or None, timeout=10, **kwargs)


def test_token_success(zoom_simulator):
    """A good request gets Zoom's token body with the simulator as api_url."""
    response = _token(zoom_simulator)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "scope", "api_url"}
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 3600
    assert body["scope"] == CLASSIC_SCOPE
    assert body["api_url"] == zoom_simulator.url
    assert len(body["access_token"]) >= 40


def test_tokens_are_distinct(zoom_simulator):
    """Every request gets a new random token."""
    tokens = {_token(zoom_simulator).json()["access_token"] for _index in range(5)}
    assert len(tokens) == 5


def test_form_body_accepted(zoom_simulator):
    """Parameters may also come as a form body."""
    response = requests.post(zoom_simulator.oauth_url, data={
        "grant_type": "account_credentials", "account_id": "sim-account",
    }, auth=("sim-client", "sim-secret"), timeout=10)
    assert response.status_code == 200


@pytest.mark.parametrize("grant", [None, "", "client_credentials", "password"])
def test_bad_grant_type(zoom_simulator, grant):
    """Missing or wrong grant_type: 400 unsupported_grant_type."""
    response = _token(zoom_simulator, grant=grant)
    assert response.status_code == 400
    assert response.json() == {"reason": "unsupported grant type", "error": "unsupported_grant_type"}


def test_wrong_account(zoom_simulator):
    """Another account id: 400 invalid_request."""
    response = _token(zoom_simulator, account="someone-else")
    assert response.status_code == 400
    assert response.json() == {"reason": "Invalid request : Bad Request", "error": "invalid_request"}


def test_missing_account(zoom_simulator):
    """No account id: 400 invalid_request."""
    response = _token(zoom_simulator, account="")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


@pytest.mark.parametrize("auth", [("sim-client", "wrong"), ("wrong", "sim-secret"), ("", "")])
def test_bad_credentials(zoom_simulator, auth):
    """Wrong client id or secret: 401 invalid_client."""
    response = _token(zoom_simulator, auth=auth)
    assert response.status_code == 401
    assert response.json() == {"reason": "Invalid client_id or client_secret", "error": "invalid_client"}


@pytest.mark.parametrize("header", [None, "Basic !!!notbase64", "Bearer abc",
                                    "Basic " + base64.b64encode(b"no-colon").decode()])
def test_missing_or_malformed_basic(zoom_simulator, header):
    """No usable Basic header: 401 invalid_client."""
    headers = {"Authorization": header} if header else {}
    response = requests.post(zoom_simulator.oauth_url, params={
        "grant_type": "account_credentials", "account_id": "sim-account"}, headers=headers, timeout=10)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_get_not_allowed(zoom_simulator):
    """The token endpoint only takes POST."""
    response = requests.get(zoom_simulator.oauth_url, timeout=10)
    assert response.status_code == 405


def test_api_without_token(zoom_simulator):
    """No Authorization header: 401 code 124."""
    response = requests.get(zoom_simulator.api_url + "/phone/numbers", timeout=10)
    assert response.status_code == 401
    assert response.json() == INVALID


def test_api_with_unknown_token(client):
    """A token the server never issued: 401 code 124."""
    response = client.get("/phone/numbers", token="not-a-real-token")
    assert response.status_code == 401
    assert response.json() == INVALID


def test_policy_multi(make_client, zoom_simulator_factory):
    """multi: every unexpired token keeps working."""
    sim = zoom_simulator_factory(size=60, token_policy="multi")
    client = make_client(sim)
    tokens = [client.fetch_token() for _index in range(4)]
    for token in tokens:
        assert client.get("/phone/numbers", token=token).status_code == 200


def test_policy_revoke_old(make_client, zoom_simulator_factory):
    """revoke_old: a new token invalidates every older one."""
    sim = zoom_simulator_factory(size=60, token_policy="revoke_old")
    client = make_client(sim)
    first = client.fetch_token()
    assert client.get("/phone/numbers", token=first).status_code == 200
    second = client.fetch_token()
    response = client.get("/phone/numbers", token=first)
    assert response.status_code == 401
    assert response.json() == INVALID
    assert client.get("/phone/numbers", token=second).status_code == 200


def test_policy_max_live(make_client, zoom_simulator_factory):
    """max_live:2: only the two newest tokens are valid."""
    sim = zoom_simulator_factory(size=60, token_policy="max_live:2")
    client = make_client(sim)
    tokens = [client.fetch_token() for _index in range(3)]
    assert client.get("/phone/numbers", token=tokens[0]).json() == INVALID
    assert client.get("/phone/numbers", token=tokens[1]).status_code == 200
    assert client.get("/phone/numbers", token=tokens[2]).status_code == 200


def test_policy_changed_at_runtime(make_client, zoom_simulator):
    """configure(token_policy=...) applies to tokens issued afterwards."""
    client = make_client(zoom_simulator)
    first = client.fetch_token()
    zoom_simulator.configure(token_policy="revoke_old")
    client.fetch_token()
    assert client.get("/phone/numbers", token=first).status_code == 401


def test_invalid_policy_rejected():
    """An unknown policy fails at construction."""
    with pytest.raises(ValueError):
        Simulator(size=10, token_policy="max_live:0")
    with pytest.raises(ValueError):
        Simulator(size=10, token_policy="sometimes")


def test_token_expiry(make_client, zoom_simulator_factory):
    """A token stops working after token_ttl seconds with the 'expired' message."""
    sim = zoom_simulator_factory(size=60, token_ttl=1)
    client = make_client(sim)
    response = requests.post(sim.oauth_url, params={"grant_type": "account_credentials", "account_id": "sim-account"},
                             auth=("sim-client", "sim-secret"), timeout=10)
    assert response.json()["expires_in"] == 1
    token = response.json()["access_token"]
    assert client.get("/phone/numbers", token=token).status_code == 200
    sim.advance_clock(1)
    response = client.get("/phone/numbers", token=token)
    assert response.status_code == 401
    assert response.json() == EXPIRED


def test_revoked_tokens(client, zoom_simulator):
    """revoke_tokens() (library and HTTP) invalidates issued tokens; new ones work."""
    token = client.fetch_token()
    zoom_simulator.revoke_tokens()
    assert client.get("/phone/numbers", token=token).json() == INVALID
    token = client.fetch_token()
    assert client.get("/phone/numbers", token=token).status_code == 200
    assert requests.post(zoom_simulator.url + "/_sim/revoke_tokens", timeout=10).status_code == 200
    assert client.get("/phone/numbers", token=token).json() == INVALID


def test_bearer_scheme_case_insensitive(client, zoom_simulator):
    """The Bearer scheme name is matched without regard to case."""
    token = client.fetch_token()
    response = requests.get(zoom_simulator.api_url + "/phone/numbers", headers={"Authorization": f"bearer {token}"}, timeout=10)
    assert response.status_code == 200
