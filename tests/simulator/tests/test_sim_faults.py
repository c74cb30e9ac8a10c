# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Every fault kind, every ``when`` selector, path filters and the token endpoint exemption."""

import http.client
import json
import math
import socket
from email.utils import parsedate_to_datetime

import pytest
import requests

from zoomsim import Simulator


def _sim(factory, *rules, **kwargs):
    """A small simulator with the given fault rules."""
    return factory(size=120, faults=list(rules), **kwargs)


def _statuses(client, count, path="/phone/numbers", **params):
    return [client.get(path, **params).status_code for _index in range(count)]


def test_429_first(make_client, zoom_simulator_factory):
    """429 on the first two requests with the given Retry-After, then normal answers."""
    sim = _sim(zoom_simulator_factory, {"fault": "429", "when": {"first": 2}, "retry_after": 3})
    client = make_client(sim)
    client.fetch_token()
    responses = [client.get("/phone/numbers") for _index in range(3)]
    assert [r.status_code for r in responses] == [429, 429, 200]
    assert responses[0].headers["Retry-After"] == "3"
    assert responses[0].headers["X-RateLimit-Type"] == "QPS"
    assert responses[0].json()["code"] == 429
    stats = sim.stats()
    assert stats["faults"] == {"429": 2} and stats["rate_limited"] == 2


def test_429_date(make_client, zoom_simulator_factory):
    """429_date sends Retry-After as an HTTP date: the moment the simulator reports, rounded up."""
    sim = _sim(zoom_simulator_factory, {"fault": "429_date", "when": {"first": 1}})
    response = make_client(sim).get("/phone/numbers")
    assert response.status_code == 429
    when = parsedate_to_datetime(response.headers["Retry-After"]).timestamp()
    entry = sim.stats()["query_log"][-1]
    # Two seconds counted from the next whole second, so never less than two seconds away.
    assert when == entry["retry_at"] == math.ceil(entry["retry_at"])
    assert entry["wait"] == 2


def test_daily_limit_fault(make_client, zoom_simulator_factory):
    """daily_limit answers a Daily-limit 429."""
    sim = _sim(zoom_simulator_factory, {"fault": "daily_limit", "when": {"first": 1}})
    response = make_client(sim).get("/number_management/numbers")
    assert response.status_code == 429
    assert response.headers["X-RateLimit-Type"] == "Daily-limit"
    assert response.headers["X-RateLimit-Category"] == "Light"
    assert parsedate_to_datetime(response.headers["Retry-After"]).hour == 0


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_json(make_client, zoom_simulator_factory, status):
    """5xx with a Zoom-like JSON body."""
    sim = _sim(zoom_simulator_factory, {"fault": str(status), "when": {"first": 1}})
    response = make_client(sim).get("/phone/numbers")
    assert response.status_code == status
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["code"] == status


@pytest.mark.parametrize("status", [502, 504])
def test_server_errors_html(make_client, zoom_simulator_factory, status):
    """5xx with a proxy's HTML page."""
    sim = _sim(zoom_simulator_factory, {"fault": str(status), "when": {"first": 1}, "body": "html"})
    response = make_client(sim).get("/phone/numbers")
    assert response.status_code == status
    assert response.headers["Content-Type"].startswith("text/html")
    assert "<html>" in response.text and str(status) in response.text
    with pytest.raises(ValueError):
        response.json()


def test_reset(make_client, zoom_simulator_factory):
    """reset closes the connection without an answer; the next request works."""
    sim = _sim(zoom_simulator_factory, {"fault": "reset", "when": {"first": 1}})
    client = make_client(sim)
    client.fetch_token()
    with pytest.raises(requests.ConnectionError):
        client.get("/phone/numbers")
    assert client.get("/phone/numbers").status_code == 200
    assert sim.stats()["faults"] == {"reset": 1}


def test_reset_is_a_tcp_reset(zoom_simulator_factory):
    """On a raw socket the reset shows as ECONNRESET, not a clean end of stream."""
    sim = _sim(zoom_simulator_factory, {"fault": "reset", "when": {"first": 1}})
    with socket.create_connection(("127.0.0.1", sim.port), timeout=5) as sock:
        sock.sendall(b"GET /v2/phone/numbers HTTP/1.1\r\nHost: x\r\n\r\n")
        with pytest.raises(ConnectionResetError):
            sock.recv(1024)


def test_slow(make_client, zoom_simulator_factory):
    """slow holds the chosen answers, which are then normal; the simulator reports each hold."""
    sim = _sim(zoom_simulator_factory, {"fault": "slow", "when": {"nth": [2, 3]}, "delay": 0.5})
    client = make_client(sim)
    client.fetch_token()
    assert [client.get("/phone/numbers").status_code for _index in range(4)] == [200] * 4
    stats = sim.stats()
    assert stats["faults"] == {"slow": 2}
    assert stats["delays"] == {"slow": {"count": 2, "seconds": 1.0}}
    api_entries = [entry for entry in stats["query_log"] if entry["path"] == "/v2/phone/numbers"]
    assert [entry.get("delayed") for entry in api_entries] == [None, 0.5, 0.5, None]


def _raw_get(sim, token, path="/v2/phone/numbers"):
    """A GET over http.client returning (status, headers, body bytes as received)."""
    connection = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=5)
    try:
        connection.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_truncated(make_client, zoom_simulator_factory):
    """truncated: 200, Content-Length matches what is sent, the JSON is cut short."""
    sim = _sim(zoom_simulator_factory, {"fault": "truncated", "when": {"first": 1}})
    token = make_client(sim).fetch_token()
    status, headers, body = _raw_get(sim, token)
    assert status == 200
    assert int(headers["Content-Length"]) == len(body) > 0
    with pytest.raises(ValueError):
        json.loads(body)
    status, headers, body = _raw_get(sim, token)
    assert json.loads(body)["phone_numbers"]


def test_empty_body(make_client, zoom_simulator_factory):
    """empty_body: 200 with nothing in it."""
    sim = _sim(zoom_simulator_factory, {"fault": "empty_body", "when": {"first": 1}})
    response = make_client(sim).get("/phone/numbers")
    assert response.status_code == 200
    assert response.content == b"" and response.headers["Content-Length"] == "0"


def test_revoke_tokens_fault(make_client, zoom_simulator_factory):
    """revoke_tokens: the request itself gets 401/124 and the old token stays dead."""
    sim = _sim(zoom_simulator_factory, {"fault": "revoke_tokens", "when": {"nth": [2]}})
    client = make_client(sim)
    old = client.fetch_token()
    assert client.get("/phone/numbers").status_code == 200
    response = client.get("/phone/numbers")
    assert response.status_code == 401 and response.json()["code"] == 124
    assert client.get("/phone/numbers", token=old).status_code == 401
    client.fetch_token()
    assert client.get("/phone/numbers").status_code == 200


def test_expire_page_token(make_client, zoom_simulator_factory):
    """expire_page_token only counts requests carrying a token; that request gets the expired answer."""
    sim = _sim(zoom_simulator_factory, {"fault": "expire_page_token", "when": {"first": 1}})
    client = make_client(sim)
    first = client.get("/phone/numbers", page_size=10).json()
    response = client.get("/phone/numbers", page_size=10, next_page_token=first["next_page_token"])
    assert response.status_code == 400
    assert response.json() == {"code": 300, "message": "The next page token is invalid or expired."}
    assert client.get("/phone/numbers", page_size=10, next_page_token=first["next_page_token"]).status_code == 200
    nm_sim = _sim(zoom_simulator_factory, {"fault": "expire_page_token"})
    nm_client = make_client(nm_sim)
    token = nm_client.get("/number_management/numbers", page_size=10).json()["next_page_token"]
    assert nm_client.get("/number_management/numbers", page_size=10, next_page_token=token).json()["code"] == 1003100


def test_add_and_remove_numbers(make_client, zoom_simulator_factory):
    """add_numbers/remove_numbers change the data just before the request is served."""
    sim = _sim(zoom_simulator_factory, {"fault": "add_numbers", "when": {"nth": [2]}, "count": 7},
               {"fault": "remove_numbers", "when": {"nth": [3]}, "count": 20})
    client = make_client(sim)
    totals = [client.get("/phone/numbers").json()["total_records"] for _index in range(4)]
    assert totals == [120, 127, 107, 107]
    assert sim.stats()["faults"] == {"add_numbers": 1, "remove_numbers": 1}


def test_missing_id(make_client, zoom_simulator_factory):
    """missing_id: exactly one record of the page lacks id."""
    sim = _sim(zoom_simulator_factory, {"fault": "missing_id", "when": {"first": 3}})
    client = make_client(sim)
    for path, field in (("/phone/numbers", "phone_numbers"), ("/number_management/numbers", "numbers"), ("/phone/sites", "sites")):
        items = client.get(path).json()[field]
        assert sum(1 for item in items if "id" not in item) == 1, path


def test_list_not_a_list(make_client, zoom_simulator_factory):
    """phone_numbers_not_list: the list field is an object."""
    sim = _sim(zoom_simulator_factory, {"fault": "phone_numbers_not_list", "when": {"first": 1}})
    body = make_client(sim).get("/phone/numbers").json()
    assert isinstance(body["phone_numbers"], dict)


def test_total_records_not_int(make_client, zoom_simulator_factory):
    """total_records_not_int: total_records is a string."""
    sim = _sim(zoom_simulator_factory, {"fault": "total_records_not_int", "when": {"first": 1}})
    assert make_client(sim).get("/phone/numbers").json()["total_records"] == "many"


def test_every_and_nth(make_client, zoom_simulator_factory):
    """every: each Nth applicable request; nth: listed ordinals."""
    sim = _sim(zoom_simulator_factory, {"fault": "500", "when": {"every": 3}}, {"fault": "503", "when": {"nth": [2, 4]}})
    client = make_client(sim)
    client.fetch_token()
    assert _statuses(client, 7) == [200, 503, 500, 503, 200, 500, 200]


def test_probability_is_reproducible(make_client, zoom_simulator_factory):
    """probability draws from fault_seed: same seed, same requests faulted."""
    rule = {"fault": "500", "when": {"probability": 0.5}}
    runs = []
    for seed in (11, 11, 12):
        client = make_client(_sim(zoom_simulator_factory, rule, fault_seed=seed))
        client.fetch_token()
        runs.append(_statuses(client, 30))
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]
    assert 5 < runs[0].count(500) < 25


def test_path_filter(make_client, zoom_simulator_factory):
    """A rule with a path only touches requests under it."""
    sim = _sim(zoom_simulator_factory, {"fault": "500", "path": "/v2/number_management"})
    client = make_client(sim)
    assert client.get("/phone/numbers").status_code == 200
    assert client.get("/number_management/numbers").status_code == 500


def _token_status(sim):
    return requests.post(sim.oauth_url, params={"grant_type": "account_credentials", "account_id": "sim-account"},
                         auth=("sim-client", "sim-secret"), timeout=5).status_code


def test_token_endpoint_exempt_by_default(zoom_simulator_factory):
    """Rules without a path never touch /oauth/token."""
    sim = _sim(zoom_simulator_factory, {"fault": "500"}, {"fault": "reset"})
    assert _token_status(sim) == 200
    assert sim.stats()["faults"] == {}


def test_token_endpoint_faulted_when_named(zoom_simulator_factory):
    """A rule whose path names /oauth/token applies there (500, reset, slow)."""
    sim = _sim(zoom_simulator_factory, {"fault": "500", "path": "/oauth/token", "when": {"first": 1}},
               {"fault": "reset", "path": "/oauth/token", "when": {"nth": [2]}},
               {"fault": "slow", "path": "/oauth", "when": {"nth": [3]}, "delay": 0.3})
    assert _token_status(sim) == 500
    with pytest.raises(requests.ConnectionError):
        _token_status(sim)
    assert _token_status(sim) == 200
    stats = sim.stats()
    assert stats["faults"] == {"500": 1, "reset": 1, "slow": 1}
    assert stats["delays"] == {"slow": {"count": 1, "seconds": 0.3}}
    assert stats["query_log"][-1]["delayed"] == 0.3


@pytest.mark.parametrize("plan", [
    [{"fault": "teapot"}], [{"fault": "500", "when": {"sometimes": 1}}], [{"fault": "500", "when": {"first": 1, "every": 2}}],
    [{"fault": "500", "path": "v2"}], [{"fault": "500", "body": "xml"}], [{"fault": "500", "colour": 1}], "not-a-list",
])
def test_invalid_plans_rejected(zoom_simulator, plan):
    """Bad plans fail loudly, from the library and over HTTP, and leave the old plan in place."""
    with pytest.raises(ValueError):
        Simulator(size=10, faults=plan)
    response = requests.post(zoom_simulator.url + "/_sim/config", json={"faults": plan}, timeout=5)
    assert response.status_code == 400
    assert zoom_simulator.settings.faults is None


def test_plan_set_over_http(client, zoom_simulator):
    """POST /_sim/config installs a plan with fresh counters."""
    client.fetch_token()
    response = requests.post(zoom_simulator.url + "/_sim/config", json={"faults": [{"fault": "503", "when": {"first": 1}}]}, timeout=5)
    assert response.status_code == 200
    assert _statuses(client, 2) == [503, 200]
    requests.post(zoom_simulator.url + "/_sim/config", json={"faults": [{"fault": "503", "when": {"first": 1}}]}, timeout=5)
    assert _statuses(client, 2) == [503, 200]
    assert zoom_simulator.stats()["faults"] == {"503": 2}
