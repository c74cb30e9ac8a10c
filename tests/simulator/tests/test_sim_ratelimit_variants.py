# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Rate-limit answers as real Zoom sends them: untyped quota headers, per-second 429 variants,
daily refusals known only by their message.

The simulator's clock is frozen where a test needs several requests in one second, so a busy
machine cannot spread them over two windows.
"""

import math
from email.utils import parsedate_to_datetime

import pytest

QUOTA_MESSAGE = ("You have exceeded the daily rate limit ({limit}) of {api} API requests permitted for this "
                 "particular account. You may resume these requests at GMT 00:00:00.")


def _limit_headers(response) -> dict:
    return {name: value for name, value in response.headers.items()
            if name.lower().startswith("x-ratelimit") or name.lower() == "retry-after"}


def _started(make_client, factory, **settings):
    """A simulator with a frozen clock and a client holding a token."""
    sim = factory(size=60, **settings)
    sim.clock.freeze()
    client = make_client(sim)
    client.fetch_token()
    return sim, client


def test_quota_headers_without_limits(make_client, zoom_simulator_factory):
    """quota_headers: 200s advertise the daily quota, counting down, with no X-RateLimit-Type."""
    sim, client = _started(make_client, zoom_simulator_factory, quota_headers=6000)
    seen = [_limit_headers(client.get(path)) for path in ("/phone/numbers", "/phone/sites", "/number_management/numbers")]
    assert seen == [
        {"X-RateLimit-Category": "Medium", "X-RateLimit-Limit": "6000", "X-RateLimit-Remaining": "5999"},
        {"X-RateLimit-Category": "Medium", "X-RateLimit-Limit": "6000", "X-RateLimit-Remaining": "5998"},
        {"X-RateLimit-Category": "Light", "X-RateLimit-Limit": "6000", "X-RateLimit-Remaining": "5997"},
    ]
    sim.configure(quota_headers=0)
    assert _limit_headers(client.get("/phone/numbers")) == {}


def test_quota_headers_hide_the_per_second_limit(make_client, zoom_simulator_factory):
    """With a per-second limit too, it is enforced but the headers only ever show the daily quota."""
    sim, client = _started(make_client, zoom_simulator_factory, quota_headers=6000, rate_limit=2)
    assert [client.get("/phone/numbers").headers["X-RateLimit-Limit"] for _index in range(2)] == ["6000", "6000"]
    refused = client.get("/phone/numbers")
    assert refused.status_code == 429
    headers = _limit_headers(refused)
    assert headers["X-RateLimit-Limit"] == "6000" and headers["X-RateLimit-Remaining"] == "5998"
    sim.advance_clock(1)
    accepted = client.get("/phone/numbers")
    assert accepted.status_code == 200 and accepted.headers["X-RateLimit-Remaining"] == "5997"
    assert sim.stats()["rate_limited"] == 1


@pytest.mark.parametrize("style", ["seconds", "none", "reset", "epoch", "date"])
@pytest.mark.parametrize("with_type", [True, False])
def test_qps_429_variants(make_client, zoom_simulator_factory, style, with_type):
    """qps_retry_after and qps_type_header shape the per-second 429; the query log has the real wait."""
    sim, client = _started(make_client, zoom_simulator_factory, rate_limit=1, qps_retry_after=style,
                           qps_type_header=with_type)
    assert client.get("/phone/numbers").status_code == 200
    refused = client.get("/phone/numbers")
    assert refused.status_code == 429
    assert refused.json() == {"code": 429, "message": "You have reached the maximum per-second rate limit for this API. Try again later."}
    headers = _limit_headers(refused)
    entry = sim.stats()["query_log"][-1]
    wait, retry_at = entry["wait"], entry["retry_at"]
    assert wait == 1
    expected = {"X-RateLimit-Category": "Medium", "X-RateLimit-Limit": "1", "X-RateLimit-Remaining": "0"}
    if with_type:
        expected["X-RateLimit-Type"] = "QPS"
    if style == "seconds":
        expected["Retry-After"] = "1"
    elif style == "reset":
        expected["X-RateLimit-Reset"] = str(math.ceil(retry_at))
    elif style == "epoch":
        expected["Retry-After"] = str(math.ceil(retry_at))
    elif style == "date":
        assert parsedate_to_datetime(headers["Retry-After"]).timestamp() == math.ceil(retry_at)
        expected["Retry-After"] = headers["Retry-After"]
    assert headers == expected
    sim.advance_clock(wait)
    assert client.get("/phone/numbers").status_code == 200


@pytest.mark.parametrize("style", ["none", "epoch"])
def test_injected_429_follows_the_settings_unless_it_names_its_wait(make_client, zoom_simulator_factory, style):
    """A 429 fault without retry_after looks like the simulator's own; with retry_after it says so."""
    sim, client = _started(make_client, zoom_simulator_factory, qps_retry_after=style, qps_type_header=False, faults=[
        {"fault": "429", "when": {"first": 1}}, {"fault": "429", "when": {"nth": [2]}, "retry_after": 4}])
    plain, explicit = client.get("/phone/numbers"), client.get("/phone/numbers")
    assert "X-RateLimit-Type" not in plain.headers and "X-RateLimit-Type" not in explicit.headers
    first = sim.stats()["query_log"][-2]
    assert plain.headers.get("Retry-After") == (None if style == "none" else str(math.ceil(first["retry_at"])))
    assert explicit.headers["Retry-After"] == "4"


def test_daily_message_only(make_client, zoom_simulator_factory):
    """daily_limit_style='message_only': no type header, no Retry-After, only the message says daily."""
    sim, client = _started(make_client, zoom_simulator_factory, daily_limit=2, daily_limit_style="message_only")
    assert [client.get("/phone/numbers").status_code for _index in range(2)] == [200, 200]
    refused = client.get("/phone/numbers")
    assert refused.status_code == 429
    assert refused.json() == {"code": 429, "message": QUOTA_MESSAGE.format(limit=2, api="Phone")}
    assert _limit_headers(refused) == {"X-RateLimit-Category": "Medium"}
    nm = client.get("/number_management/numbers")
    assert nm.json()["message"] == QUOTA_MESSAGE.format(limit=2, api="Number Management")
    entry = sim.stats()["query_log"][-1]
    assert entry["retry_at"] % 86400 == 0 and 0 < entry["wait"] <= 86400
    sim.advance_clock(entry["wait"])
    client.fetch_token()
    assert client.get("/phone/numbers").status_code == 200


def test_daily_message_only_with_quota_headers(make_client, zoom_simulator_factory):
    """As reported: the refusal carries the quota headers, whose Remaining is far from zero."""
    _sim, client = _started(make_client, zoom_simulator_factory, daily_limit=2, daily_limit_style="message_only",
                            quota_headers=6000)
    for _index in range(2):
        client.get("/phone/numbers")
    refused = client.get("/phone/numbers")
    assert _limit_headers(refused) == {"X-RateLimit-Category": "Medium", "X-RateLimit-Limit": "6000",
                                       "X-RateLimit-Remaining": "5998"}


def test_daily_typed_with_quota_headers(make_client, zoom_simulator_factory):
    """A typed daily 429 keeps its type and Retry-After; Limit/Remaining describe the advertised quota."""
    _sim, client = _started(make_client, zoom_simulator_factory, daily_limit=1, quota_headers=6000)
    client.get("/phone/numbers")
    headers = _limit_headers(client.get("/phone/numbers"))
    assert headers["X-RateLimit-Type"] == "Daily-limit" and "Retry-After" in headers
    assert (headers["X-RateLimit-Limit"], headers["X-RateLimit-Remaining"]) == ("6000", "5999")


def test_daily_fault_follows_the_style(make_client, zoom_simulator_factory):
    """The daily_limit fault answers in the configured style (2000, Zoom's MEDIUM-day figure, without a limit)."""
    _sim, client = _started(make_client, zoom_simulator_factory, daily_limit_style="message_only",
                            faults=[{"fault": "daily_limit", "when": {"first": 1}}])
    refused = client.get("/phone/sites")
    assert refused.json()["message"] == QUOTA_MESSAGE.format(limit=2000, api="Phone")
    assert "Retry-After" not in refused.headers and "X-RateLimit-Type" not in refused.headers


def test_realistic_profile_429(make_client, zoom_simulator_factory):
    """Under the realistic profile a per-second 429 tells nothing but its message and status."""
    sim, client = _started(make_client, zoom_simulator_factory, profile="realistic", rate_limit=1)
    assert client.get("/phone/numbers").status_code == 200
    refused = client.get("/phone/numbers")
    assert refused.status_code == 429 and refused.json()["code"] == "429"
    assert _limit_headers(refused) == {"X-RateLimit-Category": "Medium", "X-RateLimit-Limit": "6000",
                                       "X-RateLimit-Remaining": "5999"}
    assert refused.headers["x-zm-trackingid"] == sim.stats()["tracking_ids"][-1]
