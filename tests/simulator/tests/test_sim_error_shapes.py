# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""How errors look: token error status and body style, string codes, tracking ids, Phone disabled."""

import re

import pytest
import requests

from zoomsim.stats import Stats

TRACKING = re.compile(r"v=2\.0;clid=us05;rid=WEB_[0-9a-f]{32}")
DISABLED = {"code": 2031, "message": "Zoom Phone has not been enabled for this account."}


def _expired_token(client, sim) -> str:
    token = client.fetch_token()
    sim.advance_clock(sim.settings.token_ttl)
    return token


@pytest.mark.parametrize("status", [401, 400])
def test_invalid_token_status(make_client, zoom_simulator_factory, status):
    """invalid_token_status chooses the HTTP status that carries code 124 (invalid and expired alike)."""
    sim = zoom_simulator_factory(size=60, invalid_token_status=status)
    client = make_client(sim)
    response = client.get("/phone/numbers", token="bad")
    assert response.status_code == status
    assert response.json() == {"code": 124, "message": "Invalid access token."}
    expired = client.get("/phone/numbers", token=_expired_token(client, sim))
    assert expired.status_code == status
    assert expired.json() == {"code": 124, "message": "Access token is expired."}


@pytest.mark.parametrize("status", [401, 400])
def test_status_errorcode_style(make_client, zoom_simulator_factory, status):
    """error_style='status_errorcode': token errors carry status false and errorCode, no code."""
    sim = zoom_simulator_factory(size=60, error_style="status_errorcode", invalid_token_status=status)
    client = make_client(sim)
    response = client.get("/phone/numbers", token="bad")
    assert response.status_code == status
    assert response.json() == {"status": False, "errorCode": 401, "errorMessage": "Invalid access token."}
    expired = client.get("/number_management/numbers", token=_expired_token(client, sim))
    assert expired.json() == {"status": False, "errorCode": 401, "errorMessage": "Access token is expired."}
    # Only token errors change style: others keep Zoom's usual body.
    client.fetch_token()
    assert client.get("/phone/numbers", page_size="0").json()["code"] == 300


def test_revoke_fault_uses_the_token_error_style(make_client, zoom_simulator_factory):
    """The revoke_tokens fault answers in the configured style too."""
    sim = zoom_simulator_factory(size=60, invalid_token_status=400, faults=[{"fault": "revoke_tokens", "when": {"nth": [2]}}])
    client = make_client(sim)
    client.fetch_token()
    assert client.get("/phone/numbers").status_code == 200
    response = client.get("/phone/numbers")
    assert response.status_code == 400 and response.json()["code"] == 124


def test_codes_as_strings(make_client, zoom_simulator_factory):
    """code_as_string sends every error code as a string; 200 bodies and OAuth errors are unchanged."""
    sim = zoom_simulator_factory(size=60, code_as_string=True, error_style="zoom", token_scopes=["phone:read:admin"],
                                 faults=[{"fault": "503", "path": "/v2/phone/sites", "when": {"first": 1}},
                                         {"fault": "429", "path": "/v2/phone/sites", "when": {"nth": [2]}}])
    client = make_client(sim)
    assert client.get("/phone/numbers", token="bad").json() == {"code": "124", "message": "Invalid access token."}
    client.fetch_token()
    assert client.get("/phone/numbers", page_size="0").json()["code"] == "300"
    assert client.get("/number_management/numbers").json()["code"] == "4711"
    assert client.get("/phone/sites").json()["code"] == "503"
    assert client.get("/phone/sites").json()["code"] == "429"
    assert isinstance(client.get("/phone/sites").json()["total_records"], int)
    sim.configure(token_scopes=None)
    client.fetch_token()
    assert client.get("/number_management/numbers", next_page_token="garbage").json()["code"] == "1003100"
    sim.configure(error_style="status_errorcode")
    assert client.get("/phone/numbers", token="bad").json()["errorCode"] == "401"
    oauth = requests.post(sim.oauth_url, auth=("sim-client", "wrong"), timeout=10)
    assert oauth.json() == {"reason": "Invalid client_id or client_secret", "error": "invalid_client"}


def test_tracking_id_on_every_error(make_client, zoom_simulator_factory):
    """Every JSON error answer, OAuth ones included, carries its own tracking id; stats list them in order."""
    sim = zoom_simulator_factory(size=60, faults=[
        {"fault": "429", "path": "/v2/phone/numbers", "when": {"nth": [3]}},
        {"fault": "500", "path": "/v2/phone/sites", "when": {"first": 1}},
        {"fault": "502", "path": "/v2/phone/sites", "when": {"nth": [2]}, "body": "html"}])
    client = make_client(sim)
    answers = [client.get("/phone/numbers", token="bad")]
    answers.append(requests.post(sim.oauth_url, auth=("sim-client", "wrong"), timeout=10))
    client.fetch_token()
    ok = client.get("/phone/numbers")
    assert ok.status_code == 200 and "x-zm-trackingid" not in ok.headers
    answers.append(client.get("/phone/numbers"))
    answers.append(client.get("/phone/sites"))
    html = client.get("/phone/sites")
    assert [answer.status_code for answer in answers] == [401, 401, 429, 500]
    ids = [answer.headers["x-zm-trackingid"] for answer in answers]
    assert all(TRACKING.fullmatch(value) for value in ids) and len(set(ids)) == 4
    # The HTML page stands for a proxy in front of Zoom, which sends no Zoom tracking id.
    assert html.status_code == 502 and "x-zm-trackingid" not in html.headers
    stats = sim.stats()
    assert stats["tracking_ids"] == ids
    logged = [entry.get("tracking_id") for entry in stats["query_log"] if entry["status"] != 200]
    assert logged == ids + [None]


def test_tracking_ids_can_be_switched_off_and_are_bounded(make_client, zoom_simulator):
    """tracking_id=False sends none; the stats keep the last 1,000."""
    client = make_client(zoom_simulator)
    zoom_simulator.configure(tracking_id=False)
    assert "x-zm-trackingid" not in client.get("/phone/numbers", token="bad").headers
    assert zoom_simulator.stats()["tracking_ids"] == []
    zoom_simulator.configure(tracking_id=True)
    assert client.get("/phone/numbers", token="bad").headers["x-zm-trackingid"]
    # The bound, checked on the counters themselves: 1,003 answers over HTTP would take seconds.
    stats = Stats()
    for index in range(1003):
        stats.begin("/v2/phone/numbers", False, False)
        stats.end({"path": "/v2/phone/numbers", "tracking_id": f"id-{index}"}, 400, False)
    ids = stats.snapshot()["tracking_ids"]
    assert len(ids) == 1000 and ids[0] == "id-3" and ids[-1] == "id-1002"


def test_phone_not_enabled(make_client, zoom_simulator_factory):
    """phone_enabled=False: every /phone/* path answers 403 code 2031; Number Management still works."""
    sim = zoom_simulator_factory(size=60, phone_enabled=False, rate_limit=100)
    client = make_client(sim)
    for path in ("/phone/numbers", "/phone/sites", "/phone/whatever"):
        response = client.get(path)
        assert response.status_code == 403 and response.json() == DISABLED, path
        assert response.headers["X-RateLimit-Category"] == "Medium"
    assert client.get("/number_management/numbers").status_code == 200
    assert client.get("/phone/numbers", token="bad").status_code == 401
    sim.configure(phone_enabled=True)
    assert client.get("/phone/numbers").status_code == 200
