# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Per-second and daily rate limits, with Zoom's headers."""

from email.utils import parsedate_to_datetime

import requests

QPS_MESSAGE = "You have reached the maximum per-second rate limit for this API. Try again later."
DAILY_MESSAGE = ("You have reached the maximum daily rate limit for this API. "
                 "Refer to the response header for details on when you can make the next request.")


def test_qps_limit(make_client, zoom_simulator_factory):
    """Five requests pass with falling Remaining; the sixth in the same second gets 429 QPS."""
    sim = zoom_simulator_factory(size=60, rate_limit=5)
    client = make_client(sim)
    client.fetch_token()
    remaining = []
    for _index in range(5):
        response = client.get("/phone/numbers")
        assert response.status_code == 200
        assert response.headers["X-RateLimit-Limit"] == "5"
        assert response.headers["X-RateLimit-Category"] == "Medium"
        remaining.append(int(response.headers["X-RateLimit-Remaining"]))
    assert remaining == [4, 3, 2, 1, 0]
    response = client.get("/phone/numbers")
    assert response.status_code == 429
    assert response.json() == {"code": 429, "message": QPS_MESSAGE}
    headers = response.headers
    assert int(headers["Retry-After"]) >= 1
    assert headers["X-RateLimit-Type"] == "QPS"
    assert headers["X-RateLimit-Category"] == "Medium"
    assert headers["X-RateLimit-Limit"] == "5"
    assert headers["X-RateLimit-Remaining"] == "0"
    entry = sim.stats()["query_log"][-1]
    assert entry["status"] == 429 and entry["wait"] == int(headers["Retry-After"])
    # Once the advertised wait has passed (on the simulator's clock) the window has room again.
    sim.advance_clock(int(headers["Retry-After"]))
    assert client.get("/phone/numbers").status_code == 200
    assert sim.stats()["rate_limited"] == 1


def test_number_management_is_light(make_client, zoom_simulator_factory):
    """Number Management answers carry the Light category."""
    sim = zoom_simulator_factory(size=60, rate_limit=2)
    client = make_client(sim)
    client.fetch_token()
    assert client.get("/number_management/numbers").headers["X-RateLimit-Category"] == "Light"
    client.get("/number_management/numbers")
    response = client.get("/number_management/numbers")
    assert response.status_code == 429
    assert response.headers["X-RateLimit-Category"] == "Light"


def test_token_endpoint_not_limited(zoom_simulator_factory):
    """Token requests are not API requests: never rate limited."""
    sim = zoom_simulator_factory(size=60, rate_limit=1, daily_limit=1)
    for _index in range(5):
        response = requests.post(sim.oauth_url, params={"grant_type": "account_credentials", "account_id": "sim-account"},
                                 auth=("sim-client", "sim-secret"), timeout=10)
        assert response.status_code == 200


def test_no_headers_without_limit(client):
    """Without a configured limit no X-RateLimit headers are sent."""
    response = client.get("/phone/numbers")
    assert not [name for name in response.headers if name.lower().startswith("x-ratelimit")]


def test_daily_limit(make_client, zoom_simulator_factory):
    """After daily_limit requests: 429 Daily-limit with Retry-After as next UTC midnight."""
    sim = zoom_simulator_factory(size=60, daily_limit=3)
    client = make_client(sim)
    client.fetch_token()
    for expected in (2, 1, 0):
        response = client.get("/phone/numbers")
        assert response.status_code == 200
        assert response.headers["X-RateLimit-Remaining"] == str(expected)
    response = client.get("/phone/numbers")
    assert response.status_code == 429
    assert response.json() == {"code": 429, "message": DAILY_MESSAGE}
    assert response.headers["X-RateLimit-Type"] == "Daily-limit"
    retry = parsedate_to_datetime(response.headers["Retry-After"])
    entry = sim.stats()["query_log"][-1]
    assert retry.timestamp() == entry["retry_at"]
    assert 0 < entry["wait"] <= 86400
    assert (retry.hour, retry.minute, retry.second) == (0, 0, 0)
    # The next UTC day starts a new count (the access token has expired meanwhile).
    sim.advance_clock(entry["wait"])
    client.fetch_token()
    assert client.get("/phone/numbers").status_code == 200


def test_limits_changed_at_runtime(client, zoom_simulator):
    """configure(rate_limit=...) applies at once and can be lifted."""
    zoom_simulator.configure(rate_limit=1)
    assert client.get("/phone/numbers").status_code == 200
    assert client.get("/phone/numbers").status_code == 429
    zoom_simulator.configure(rate_limit=None)
    assert client.get("/phone/numbers").status_code == 200


def test_unauthenticated_requests_do_not_count(make_client, zoom_simulator_factory):
    """401 answers come before the limiter, so they do not use up the window."""
    sim = zoom_simulator_factory(size=60, rate_limit=2)
    client = make_client(sim)
    for _index in range(5):
        assert client.get("/phone/numbers", token="bad").status_code == 401
    client.fetch_token()
    assert client.get("/phone/numbers").status_code == 200
