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
    # A Unix time, as some 429s carry it: the moment, not a wait of decades.
    (str(int(NOW + 3)), 3.0),
    ("%.3f" % (NOW + 1.5), 1.5),
])
def test_retry_after_forms(header, expected):
    # 2027-01-15T08:00:00Z is NOW (1.8e9).
    assert zoom_retry.parse_retry_after(header, now=NOW) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("header", [None, "", "soon", "-", "nan", "inf"])
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


@pytest.mark.parametrize("headers, message, daily", [
    ({"X-RateLimit-Type": "Daily-limit"}, None, True),
    ({"X-RateLimit-Type": "daily_limit"}, None, True),
    ({"X-RateLimit-Type": "QPS"}, None, False),
    ({}, None, False),
    ({}, "You have reached the maximum per-second rate limit for this API. Try again later.", False),
    # Known only by its message: no type header, no Retry-After.
    ({"X-RateLimit-Limit": "6000"}, "You have exceeded the daily rate limit (6000) of Meeting API requests permitted for "
                                    "this particular user. Your daily rate limit will reset at 00:00 UTC", True),
    ({"X-RateLimit-Type": "QPS"}, "daily rate limit", False),
])
def test_daily_limit_detection(headers, message, daily):
    assert zoom_retry.is_daily_limit(headers, message) is daily


@pytest.mark.parametrize("headers, expected", [
    ({"Retry-After": "7"}, 7.0),
    ({"X-RateLimit-Reset": str(int(NOW + 4))}, 4.0),
    ({"X-RateLimit-Reset": "2"}, 2.0),
    ({"Retry-After": "5", "X-RateLimit-Reset": str(int(NOW + 30))}, 5.0),
    ({}, None),
])
def test_retry_wait_reads_retry_after_then_reset(headers, expected):
    assert zoom_retry.retry_wait(headers, now=NOW) == expected


def test_a_daily_limit_without_a_time_resets_at_the_next_utc_midnight():
    # NOW is 2027-01-15T08:00:00Z: sixteen hours to midnight.
    assert zoom_retry.daily_reset_wait({}, now=NOW) == 16 * 3600
    assert zoom_retry.daily_reset_wait({"Retry-After": "60"}, now=NOW) == 60


@pytest.mark.parametrize("url, family", [
    ("https://api.zoom.us/v2/phone/numbers", "phone"),
    ("https://api.zoom.us/v2/phone/sites?page_size=300", "phone"),
    ("https://api.zoom.us/v2/number_management/numbers?keyword=1205", "number_management"),
    ("https://zoom.us/oauth/token?grant_type=account_credentials", None),
])
def test_api_family(url, family):
    assert zoom_retry.api_family(url) == family


@pytest.mark.parametrize("headers, rate", [
    ({"X-RateLimit-Type": "QPS", "X-RateLimit-Limit": "20"}, 20.0),
    ({"X-RateLimit-Type": "Per-second-limit", "X-RateLimit-Limit": "40"}, 40.0),
    # Untyped: Zoom's daily quota on a 200, not a pace.
    ({"X-RateLimit-Limit": "6000", "X-RateLimit-Remaining": "5999"}, None),
    ({"X-RateLimit-Type": "Daily-limit", "X-RateLimit-Limit": "1000"}, None),
    # Held to sane bounds.
    ({"X-RateLimit-Type": "QPS", "X-RateLimit-Limit": "0.0001"}, zoom_retry.LEARNT_RATE_MIN),
    ({"X-RateLimit-Type": "QPS", "X-RateLimit-Limit": "6000"}, zoom_retry.LEARNT_RATE_MAX),
    ({"X-RateLimit-Type": "QPS", "X-RateLimit-Limit": "0"}, None),
    ({"X-RateLimit-Type": "QPS", "X-RateLimit-Limit": "many"}, None),
])
def test_per_second_limit_only_from_typed_headers(headers, rate):
    assert zoom_retry.per_second_limit(headers) == rate


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


def test_without_rate_limit_each_api_is_paced_at_its_default():
    clock = FakeClock()
    limiter = zoom_retry.RateLimiter(None, clock=clock.clock, sleep=clock.sleep)
    for dummy in range(11):
        limiter.acquire("phone")
    assert clock.now == pytest.approx(10 / (zoom_retry.DEFAULT_RATES["phone"] * zoom_retry.RateLimiter.DEFAULT_HEADROOM))
    start = clock.now
    limiter.acquire("number_management")
    limiter.acquire("number_management")
    assert clock.now - start == pytest.approx(
        1 / (zoom_retry.DEFAULT_RATES["number_management"] * zoom_retry.RateLimiter.DEFAULT_HEADROOM))
    start = clock.now
    limiter.acquire(None)
    limiter.acquire(None)
    assert clock.now == start, "the OAuth request is not paced without rate_limit"


def test_rate_limiter_learns_qps_from_typed_headers_only_when_unset():
    clock = FakeClock()
    learnt = zoom_retry.RateLimiter(None, clock=clock.clock, sleep=clock.sleep, defaults={})
    learnt.acquire("phone")
    learnt.acquire("phone")
    before = clock.now
    learnt.observe("phone", {"X-RateLimit-Limit": "20", "X-RateLimit-Type": "QPS"})
    learnt.acquire("phone")
    learnt.acquire("phone")
    # The requests sent before the limit was known count: the next ones wait one interval each.
    assert clock.now - before == pytest.approx(2 / (20 * zoom_retry.RateLimiter.HEADROOM))
    fixed = zoom_retry.RateLimiter(5, clock=clock.clock, sleep=clock.sleep)
    fixed.observe("phone", {"X-RateLimit-Limit": "100", "X-RateLimit-Type": "QPS"})
    assert fixed.rate("phone") == pytest.approx(5 * zoom_retry.RateLimiter.HEADROOM)
    daily = zoom_retry.RateLimiter(None, clock=clock.clock, sleep=clock.sleep)
    daily.observe("phone", {"X-RateLimit-Limit": "6000", "X-RateLimit-Remaining": "5999"})
    assert daily.rate("phone") == pytest.approx(zoom_retry.DEFAULT_RATES["phone"] * zoom_retry.RateLimiter.DEFAULT_HEADROOM), \
        "an untyped daily quota is not a per-second pace"


def test_a_tiny_learnt_limit_is_held_to_the_minimum():
    clock = FakeClock()
    limiter = zoom_retry.RateLimiter(None, clock=clock.clock, sleep=clock.sleep)
    limiter.observe("phone", {"X-RateLimit-Limit": "0.0001", "X-RateLimit-Type": "QPS"})
    limiter.acquire("phone")
    limiter.acquire("phone")
    assert clock.now == pytest.approx(1 / (zoom_retry.LEARNT_RATE_MIN * zoom_retry.RateLimiter.HEADROOM))


def test_rate_learnt_from_the_first_answer_spaces_the_next_request_from_the_first():
    clock = FakeClock()
    limiter = zoom_retry.RateLimiter(None, clock=clock.clock, sleep=clock.sleep, defaults={})
    limiter.acquire("phone")     # sent at 0, before any limit is known
    clock.now = 0.02             # its answer arrives one round trip later, with the limit
    limiter.observe("phone", {"X-RateLimit-Limit": "10", "X-RateLimit-Type": "QPS"})
    limiter.acquire("phone")
    assert clock.now == pytest.approx(1 / (10 * zoom_retry.RateLimiter.HEADROOM)), "the first request counts against the limit"


def test_a_refusal_pauses_every_caller_of_that_api():
    clock = FakeClock()
    limiter = zoom_retry.RateLimiter(None, clock=clock.clock, sleep=clock.sleep)
    limiter.acquire("phone")
    paced = limiter.rate("phone")
    limiter.pause("phone", 2.0)
    limiter.acquire("phone")
    assert clock.now == pytest.approx(2.0)
    assert limiter.rate("phone") == pytest.approx(paced * zoom_retry.RateLimiter.SLOWDOWN), "and it slows down"
    for dummy in range(20):
        limiter.pause("phone", 0)
    assert limiter.rate("phone") == pytest.approx(paced * zoom_retry.RateLimiter.MAX_SLOWDOWN)
    start = clock.now
    limiter.acquire("number_management")
    assert clock.now == start, "another API's pace is its own"


class PausingClock(FakeClock):
    """A clock whose sleep lets another thread's refusal arrive in the middle."""

    def __init__(self, limiter_holder, at):
        super().__init__()
        self.holder = limiter_holder
        self.at = at

    def sleep(self, seconds):
        if self.at is not None and self.now <= self.at < self.now + seconds:
            self.now = self.at
            self.at = None
            self.holder[0].pause("phone", 1.0)
            return
        super().sleep(seconds)


def test_a_refusal_also_holds_back_callers_already_waiting_for_their_slot():
    holder = []
    clock = PausingClock(holder, at=0.05)
    limiter = zoom_retry.RateLimiter(10, clock=clock.clock, sleep=clock.sleep)
    holder.append(limiter)
    limiter.acquire("phone")         # at 0
    limiter.acquire("phone")         # its slot is at 0.105; a refusal at 0.05 pauses until 1.05
    assert clock.now >= 1.05
