# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""HTTP behaviour: latency, counters, concurrency, keep-alive, control endpoints, TLS, lifecycle."""

import http.client
import threading

import pytest
import requests

from zoomsim import Simulator
from zoomsim.clock import SimClock


def test_latency(make_client, zoom_simulator_factory):
    """latency_ms delays API and token answers, not control answers: the simulator reports each delay."""
    sim = zoom_simulator_factory(size=60, latency_ms=300)
    client = make_client(sim)
    client.fetch_token()
    assert client.get("/phone/numbers").status_code == 200
    for _index in range(3):
        assert requests.get(sim.url + "/_sim/stats", timeout=5).status_code == 200
    stats = sim.stats()
    assert stats["delays"] == {"latency": {"count": 2, "seconds": 0.6}}
    assert [entry["delayed"] for entry in stats["query_log"]] == [0.3, 0.3]
    sim.configure(latency_ms=0)
    client.get("/phone/numbers")
    assert "delayed" not in sim.stats()["query_log"][-1]
    assert sim.stats()["delays"]["latency"]["count"] == 2


def test_api_window_covers_every_api_request(client, zoom_simulator):
    """first_api_request_at/last_api_response_at span lookups after a listing; the token request is outside."""
    zoom_simulator.reset_stats()
    client.fetch_token()
    assert zoom_simulator.stats()["first_api_request_at"] is None
    client.get("/phone/numbers", page_size=5)
    client.get("/phone/users", page_size=5)
    stats = zoom_simulator.stats()
    assert stats["list_requests"] == 1
    assert stats["first_api_request_at"] <= stats["first_request_at"] <= stats["last_response_at"] <= stats["last_api_response_at"]
    # The window ends with the answer to the lookup, which came after the listing.
    assert stats["query_log"][-1]["path"] == "/v2/phone/users"
    zoom_simulator.reset_stats()
    assert zoom_simulator.stats()["first_api_request_at"] is None and zoom_simulator.stats()["last_api_response_at"] is None


def test_counters(client, zoom_simulator):
    """requests, by_path, by_status, token/list requests, the time span and the query log."""
    zoom_simulator.reset_stats()
    client.fetch_token()
    client.get("/phone/numbers", type="assigned", page_size=5)
    client.get("/number_management/numbers", keyword="")
    client.get("/phone/sites")
    client.get("/phone/numbers", token="bad")
    requests.get(zoom_simulator.url + "/_sim/truth", timeout=5)
    stats = zoom_simulator.stats()
    assert stats["requests"] == 5
    assert stats["token_requests"] == 1
    assert stats["list_requests"] == 3
    assert stats["by_path"] == {"/oauth/token": 1, "/v2/phone/numbers": 2, "/v2/number_management/numbers": 1, "/v2/phone/sites": 1}
    assert stats["by_status"] == {"200": 4, "401": 1}
    assert stats["first_request_at"] <= stats["last_response_at"]
    log = stats["query_log"]
    assert [entry["path"] for entry in log] == ["/oauth/token", "/v2/phone/numbers", "/v2/number_management/numbers",
                                                "/v2/phone/sites", "/v2/phone/numbers"]
    assert log[1] == {"method": "GET", "path": "/v2/phone/numbers", "query": {"type": ["assigned"], "page_size": ["5"]},
                      "raw_query": "type=assigned&page_size=5", "status": 200,
                      "user_agent": requests.utils.default_user_agent()}
    assert log[2]["query"] == {"keyword": [""]}
    assert log[4]["status"] == 401
    zoom_simulator.reset_stats()
    assert zoom_simulator.stats()["requests"] == 0 and zoom_simulator.stats()["query_log"] == []


def test_query_log_keeps_last_thousand(zoom_simulator):
    """The log holds the last 1,000 requests."""
    connection = http.client.HTTPConnection("127.0.0.1", zoom_simulator.port, timeout=5)
    for index in range(1005):
        connection.request("GET", f"/v2/phone/numbers?n={index}")
        connection.getresponse().read()
    connection.close()
    log = zoom_simulator.stats()["query_log"]
    assert len(log) == 1000
    assert log[0]["query"] == {"n": ["5"]} and log[-1]["query"] == {"n": ["1004"]}


def test_peak_concurrency_and_parallel_clients(make_client, zoom_simulator_factory):
    """Eight clients at once: all get complete listings, and the server saw them in flight together."""
    sim = zoom_simulator_factory(size=400, latency_ms=250)
    truth = sim.truth()
    clients = [make_client(sim) for _index in range(8)]
    for client in clients:
        client.fetch_token()
    sim.reset_stats()
    barrier = threading.Barrier(8)
    results = [None] * 8

    def run(index):
        barrier.wait()
        results[index] = clients[index].list_all(page_size=100)[0]

    threads = [threading.Thread(target=run, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert all(result == truth for result in results)
    stats = sim.stats()
    assert stats["peak_concurrency"] == 8
    assert stats["list_requests"] == 32


def test_keep_alive(client, zoom_simulator):
    """Many requests over one HTTP/1.1 connection, each with Content-Length."""
    token = client.fetch_token()
    connection = http.client.HTTPConnection("127.0.0.1", zoom_simulator.port, timeout=5)
    for _index in range(5):
        connection.request("GET", "/v2/phone/numbers?page_size=100", headers={"Authorization": f"Bearer {token}"})
        response = connection.getresponse()
        assert response.version == 11
        assert int(response.getheader("Content-Length")) == len(response.read())
    connection.close()


def test_unknown_path_and_method(client):
    """Unknown API paths answer 404; other methods 405."""
    assert client.get("/phone/nothing").status_code == 404
    response = client.session.post(client.sim.api_url + "/phone/numbers", headers={"Authorization": f"Bearer {client.token}"})
    assert response.status_code == 405


def test_control_endpoints(client, zoom_simulator):
    """Credentials, truth, config, mutate, revoke and stats over HTTP."""
    base = zoom_simulator.url + "/_sim"
    credentials = requests.get(base + "/credentials", timeout=5).json()
    assert credentials == {"account_id": "sim-account", "client_id": "sim-client", "client_secret": "sim-secret",
                           "api_url": zoom_simulator.api_url, "oauth_url": zoom_simulator.oauth_url}
    assert (zoom_simulator.account_id, zoom_simulator.client_id, zoom_simulator.client_secret) == (
        "sim-account", "sim-client", "sim-secret")
    truth = requests.get(base + "/truth", params={"endpoint": "phone", "type": "byoc", "page_size": "3"}, timeout=5).json()
    assert truth["total"] == len(truth["records"]) == len(zoom_simulator.truth(type="byoc"))
    assert all("carrier" in record for record in truth["records"])
    nm_truth = requests.get(base + "/truth", params={"endpoint": "number_management", "number_status": "Pending"}, timeout=5).json()
    assert nm_truth["records"] == zoom_simulator.truth(endpoint="number_management", number_status="Pending")
    bad = requests.get(base + "/truth", params={"extension_type": "user"}, timeout=5)
    assert bad.status_code == 400 and bad.json()["api_error"]["code"] == 300
    assert requests.get(base + "/truth", params={"endpoint": "nope"}, timeout=5).status_code == 400
    config = requests.post(base + "/config", json={"latency_ms": 1, "rate_limit": 50}, timeout=5)
    assert config.status_code == 200 and config.json()["rate_limit"] == 50
    assert zoom_simulator.settings.latency_ms == 1
    assert requests.get(base + "/config", timeout=5).json()["latency_ms"] == 1
    assert requests.post(base + "/config", json={"size": 5}, timeout=5).status_code == 400
    assert requests.post(base + "/config", json={"latency_ms": -1}, timeout=5).status_code == 400
    assert requests.post(base + "/config", data="not json", timeout=5).status_code == 400
    mutated = requests.post(base + "/mutate", json={"add": 5, "remove": 2, "seed": 4}, timeout=5).json()
    assert len(mutated["added"]) == 5 and len(mutated["removed"]) == 2 and mutated["size"] == 503
    assert requests.get(base + "/stats", timeout=5).json()["requests"] == 0
    assert requests.post(base + "/reset", timeout=5).status_code == 200
    assert requests.get(base + "/nothing", timeout=5).status_code == 404
    assert requests.get(base + "/reset", timeout=5).status_code == 405


def test_control_never_limited_or_faulted(zoom_simulator_factory):
    """Control requests skip rate limits, faults and latency, and are not counted."""
    sim = zoom_simulator_factory(size=60, rate_limit=1, faults=[{"fault": "500", "path": "/"}])
    for _index in range(5):
        assert requests.get(sim.url + "/_sim/stats", timeout=5).status_code == 200
    assert sim.stats()["requests"] == 0 and sim.stats()["faults"] == {}


def test_tls(make_client, zoom_simulator_factory):
    """tls=True serves HTTPS; trusting the generated CA works, the system store does not."""
    sim = zoom_simulator_factory(size=60, tls=True)
    assert sim.url.startswith("https://127.0.0.1:")
    client = make_client(sim, verify=sim.ca_file)
    assert client.get("/phone/numbers").status_code == 200
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(sim.url + "/_sim/stats", timeout=5)
    assert requests.get(sim.url + "/_sim/stats", verify=sim.ca_file, timeout=5).status_code == 200


def test_context_manager_stops():
    """Leaving the with block stops the server and closes keep-alive connections."""
    with Simulator(size=10) as sim:
        url = sim.url
        session = requests.Session()
        assert session.get(url + "/_sim/stats", timeout=5).status_code == 200
    with pytest.raises(requests.ConnectionError):
        session.get(url + "/_sim/stats", timeout=5)
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/_sim/stats", timeout=5)


def test_advance_clock(make_client, zoom_simulator):
    """advance_clock (library and HTTP) lets time pass for tokens without waiting; it never goes back."""
    client = make_client(zoom_simulator)
    token = client.fetch_token()
    assert zoom_simulator.advance_clock(1800) == 1800
    assert client.get("/phone/numbers", token=token).status_code == 200
    response = requests.post(zoom_simulator.url + "/_sim/advance_clock", json={"seconds": 1800}, timeout=5)
    assert response.status_code == 200 and response.json() == {"offset": 3600}
    assert client.get("/phone/numbers", token=token).json() == {"code": 124, "message": "Access token is expired."}
    for body in ({"seconds": -1}, {"seconds": "1"}, {}, {"seconds": 1, "more": 2}):
        assert requests.post(zoom_simulator.url + "/_sim/advance_clock", json=body, timeout=5).status_code == 400
    assert zoom_simulator.clock.offset == 3600


def test_frozen_clock():
    """freeze() stops the clock for expiries and limits; thaw() lets it run on without going back."""
    clock = SimClock()
    clock.freeze()
    frozen = clock.now()
    assert clock.now() == frozen
    clock.advance(5)
    assert clock.now() == frozen + 5
    clock.thaw()
    assert clock.now() >= frozen + 5
