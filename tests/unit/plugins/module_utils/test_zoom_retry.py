# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Retry policy: Retry-After in all of Zoom's forms, back-off bounds, pacing."""

from __future__ import annotations

import email.utils
import random

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_retry

NOW = 1_800_000_000.0


@pytest.mark.parametrize("header, expected", [
    ("3", 3.0),
    (" 0 ", 0.0),
    ("1.5", 1.5),
    (email.utils.formatdate(NOW + 42, usegmt=True), 42.0),
    ("2027-01-15T08:00:42Z", 42.0),
    ("2027-01-15T08:00:42+00:00", 42.0),
    ("2027-01-15T08:00:42", 42.0),
])
def test_retry_after_forms(header, expected):
    # 2027-01-15T08:00:00Z is NOW (1.8e9).
    assert zoom_retry.parse_retry_after(header, now=NOW) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("header", [None, "", "soon", "-"])
def test_retry_after_unreadable(header):
    assert zoom_retry.parse_retry_after(header, now=NOW) is None


def test_retry_after_in_the_past_is_zero():
    assert zoom_retry.parse_retry_after(email.utils.formatdate(NOW - 100, usegmt=True), now=NOW) == 0.0


def test_backoff_grows_is_capped_and_jittered():
    rng = random.Random(7)
    delays = [zoom_retry.backoff_delay(attempt, rng) for attempt in range(12)]
    for attempt, delay in enumerate(delays):
        ceiling = min(zoom_retry.BACKOFF_CAP, zoom_retry.BACKOFF_BASE * 2 ** attempt)
        assert ceiling / 2 <= delay <= ceiling
    assert len({round(d, 6) for d in delays[-4:]}) > 1, "jitter must spread retries of parallel workers"


@pytest.mark.parametrize("headers, daily", [
    ({"X-RateLimit-Type": "Daily-limit"}, True),
    ({"X-RateLimit-Type": "daily_limit"}, True),
    ({"X-RateLimit-Type": "QPS"}, False),
    ({}, False),
])
def test_daily_limit_detection(headers, daily):
    assert zoom_retry.is_daily_limit(headers) is daily


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.slept = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def test_rate_limiter_spaces_requests_under_the_limit():
    clock = FakeClock()
    limiter = zoom_retry.RateLimiter(10, clock=clock.clock, sleep=clock.sleep)
    for dummy in range(21):
        limiter.acquire()
    # 21 requests at 10/s with headroom take just over two seconds, never less.
    assert clock.now >= 2.0
    assert clock.now <= 2.0 / zoom_retry.RateLimiter.HEADROOM + 1e-9


def test_rate_limiter_learns_qps_from_headers_only_when_unset():
    clock = FakeClock()
    learnt = zoom_retry.RateLimiter(None, clock=clock.clock, sleep=clock.sleep)
    learnt.acquire()
    learnt.acquire()
    assert clock.now == 0.0
    learnt.observe({"X-RateLimit-Limit": "20", "X-RateLimit-Type": "QPS"})
    learnt.acquire()
    learnt.acquire()
    # The two requests sent before the limit was known count: the next two wait one interval each.
    assert clock.now == pytest.approx(2 / (20 * zoom_retry.RateLimiter.HEADROOM))
    fixed = zoom_retry.RateLimiter(5, clock=clock.clock, sleep=clock.sleep)
    fixed.observe({"X-RateLimit-Limit": "100"})
    daily = zoom_retry.RateLimiter(None, clock=clock.clock, sleep=clock.sleep)
    daily.observe({"X-RateLimit-Limit": "1000", "X-RateLimit-Type": "Daily-limit"})
    start = clock.now
    daily.acquire()
    daily.acquire()
    assert clock.now == start, "a daily quota is not a per-second pace"


def test_rate_learnt_from_the_first_answer_spaces_the_next_request_from_the_first():
    clock = FakeClock()
    limiter = zoom_retry.RateLimiter(None, clock=clock.clock, sleep=clock.sleep)
    limiter.acquire()            # sent at 0, before any limit is known
    clock.now = 0.02             # its answer arrives one round trip later, with the limit
    limiter.observe({"X-RateLimit-Limit": "10", "X-RateLimit-Type": "QPS"})
    limiter.acquire()
    assert clock.now == pytest.approx(1 / (10 * zoom_retry.RateLimiter.HEADROOM)), "the first request counts against the limit"
