# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""When to retry, how long to wait, and how fast to go.

Pure policy: nothing here sends a request. ``zoom_http`` asks these functions what to do.
"""

from __future__ import annotations

import datetime
import email.utils
import math
import random
import re
import threading
import time

# Statuses that say "try again later"; 400/401/403/404 are answers, never retried.
RETRYABLE_STATUSES = frozenset((429, 500, 502, 503, 504))

BACKOFF_BASE = 0.5
BACKOFF_CAP = 20.0
# A Retry-After longer than this is not slept through inside a task: fail and say when.
MAX_RETRY_AFTER = 120.0
# A Retry-After or X-RateLimit-Reset number above this is a moment (Unix time), not a wait:
# some Zoom answers give the moment, and read as seconds it would be a wait of decades.
EPOCH_THRESHOLD = 1e9

# The pace when rate_limit is unset and Zoom has not said what the account's per-second limit
# is: the limits of a Pro account, the smallest plan with Zoom Phone. GET /phone/numbers and
# GET /phone/sites carry Zoom's MEDIUM label (10 requests per second on Pro, 20 on Business and
# above), GET /number_management/numbers the LIGHT one (20 and 40). Keyed by ``api_family``.
DEFAULT_RATES = {"phone": 10.0, "number_management": 20.0}
# What a per-second limit read from headers is held to: a header saying 0.0001 must not
# become a three-hour sleep, nor one saying 6000 turn pacing off.
LEARNT_RATE_MIN = 1.0
LEARNT_RATE_MAX = 100.0
# X-RateLimit-Type values that mean "per second"; anything else (a daily quota, or no type at
# all, which Zoom sends with its daily 6000) says nothing about the per-second limit.
PER_SECOND_TYPES = frozenset(("qps", "per-second-limit"))

_DAILY_WORDING = re.compile(r"\bdaily\b[^.]*\blimit\b|\bper day\b", re.IGNORECASE)
_SECONDS_PER_DAY = 86400


def backoff_delay(attempt, rng=random):
    """Capped exponential backoff with jitter for retry number ``attempt`` (0-based).

    The jitter keeps the forks of one playbook from retrying in lockstep against the
    account-wide rate limit.
    """
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt))
    return ceiling / 2 + rng.uniform(0, ceiling / 2)


def parse_retry_after(value, now=None):
    """Seconds to wait from a ``Retry-After`` (or ``X-RateLimit-Reset``) value, or None when it cannot be read.

    Zoom sends a number of seconds, a Unix time (a number above ``EPOCH_THRESHOLD``), an
    ISO 8601 timestamp or an HTTP date.
    """
    if value is None:
        return None
    value = str(value).strip()
    if not value:
        return None
    now = time.time() if now is None else now
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is not None:
        if not math.isfinite(number):
            return None
        return max(0.0, number - now if number > EPOCH_THRESHOLD else number)
    moment = _parse_http_date(value) or _parse_iso_date(value)
    if moment is None:
        return None
    return max(0.0, moment.timestamp() - now)


def retry_wait(headers, now=None):
    """Seconds a 429 or 5xx asks to wait: ``Retry-After``, else ``X-RateLimit-Reset``; None when neither says."""
    wait = parse_retry_after(headers.get("Retry-After"), now)
    if wait is None:
        wait = parse_retry_after(headers.get("X-RateLimit-Reset"), now)
    return wait


def _parse_http_date(value):
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment


def _parse_iso_date(value):
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment


def _limit_type(headers):
    return (headers.get("X-RateLimit-Type") or "").strip().replace("_", "-").lower()


def is_daily_limit(headers, message=None):
    """True when a 429 is Zoom's daily cap rather than the per-second one.

    Zoom says so with ``X-RateLimit-Type: Daily-limit``, or only in the message ("You have
    exceeded the daily rate limit (6000) of ..."), with no header at all.
    """
    kind = _limit_type(headers)
    if kind.startswith("daily"):
        return True
    if kind in PER_SECOND_TYPES:
        return False
    return bool(message and _DAILY_WORDING.search(message))


def daily_reset_wait(headers, now=None):
    """Seconds until a daily limit resets: what the headers say, else the next 00:00 UTC (when Zoom resets them)."""
    now = time.time() if now is None else now
    wait = retry_wait(headers, now)
    if wait is not None:
        return wait
    return _SECONDS_PER_DAY - (now % _SECONDS_PER_DAY)


def api_family(url):
    """Which of Zoom's APIs a URL belongs to, for pacing: ``phone``, ``number_management``, or None (OAuth, others)."""
    path = url.split("?", 1)[0]
    if "/number_management/" in path:
        return "number_management"
    if "/phone/" in path:
        return "phone"
    return None


def per_second_limit(headers):
    """The per-second limit a response states, within the sane bounds; None unless it is typed as per second."""
    if _limit_type(headers) not in PER_SECOND_TYPES:
        return None
    try:
        rate = float(headers.get("X-RateLimit-Limit") or "")
    except ValueError:
        return None
    if not math.isfinite(rate) or rate <= 0:
        return None
    return min(LEARNT_RATE_MAX, max(LEARNT_RATE_MIN, rate))


class _Schedule:
    """The pace of one family: the next free slot, when the last request went, and any pause."""

    __slots__ = ("next_slot", "last_slot", "paused_until", "slowdown")

    def __init__(self):
        self.next_slot = 0.0
        self.last_slot = None
        self.paused_until = 0.0
        self.slowdown = 1.0


class RateLimiter:
    """Spaces requests so that a process stays under a number of requests per second.

    Shared by every thread of one listing (``queries`` runs several at once). The rate is the
    user's ``rate_limit`` for every request when it is set. Otherwise each API family has
    its own pace: the per-second limit Zoom states in headers typed as per second, else the
    conservative ``DEFAULT_RATES``, kept further under (``DEFAULT_HEADROOM``) because the
    account's real limit and its other users are unknown. Pacing under the limit costs a few
    percent of throughput and saves the 429 round trips and back-off sleeps that bouncing off
    the limit costs. Each per-second refusal Zoom still sends pauses the family and slows it
    by a fifth (``SLOWDOWN``) for the rest of the task. Requests outside the APIs (the OAuth
    token) are only paced under ``rate_limit``.
    """

    HEADROOM = 0.95
    DEFAULT_HEADROOM = 0.8
    SLOWDOWN = 0.8
    # However many refusals, never slower than a quarter of the pace.
    MAX_SLOWDOWN = 0.25

    def __init__(self, rate=None, clock=time.monotonic, sleep=time.sleep, defaults=None):
        self._fixed = float(rate) if rate else None
        self._defaults = dict(DEFAULT_RATES if defaults is None else defaults)
        self._learnt = {}
        self._schedules = {}
        self._lock = threading.Lock()
        self._clock = clock
        self._sleep = sleep

    def rate(self, family):
        """Requests per second paced at for ``family`` (see ``api_family``), refusals included; None when not paced."""
        if self._fixed is not None:
            rate = self._fixed * self.HEADROOM
        elif self._learnt.get(family):
            rate = self._learnt[family] * self.HEADROOM
        elif self._defaults.get(family):
            rate = self._defaults[family] * self.DEFAULT_HEADROOM
        else:
            return None
        return rate * self._schedule(family).slowdown

    def _interval(self, family):
        rate = self.rate(family)
        return 1.0 / rate if rate else 0.0

    def _schedule(self, family):
        # Under rate_limit every request shares one pace.
        key = "rate_limit" if self._fixed is not None else family
        schedule = self._schedules.get(key)
        if schedule is None:
            schedule = self._schedules[key] = _Schedule()
        return schedule

    def acquire(self, family=None):
        """Block until this caller may send its next request of ``family``."""
        while True:
            with self._lock:
                now = self._clock()
                schedule = self._schedule(family)
                if now < schedule.paused_until:
                    slot = None
                    wait = schedule.paused_until - now
                else:
                    slot = max(now, schedule.next_slot)
                    schedule.next_slot = slot + self._interval(family)
                    schedule.last_slot = slot
                    wait = slot - now
            if wait > 0:
                self._sleep(wait)
            with self._lock:
                # A refusal that arrived while this caller waited for its slot holds it back too.
                if slot is not None and self._clock() >= schedule.paused_until:
                    return

    def observe(self, family, headers):
        """Learn the per-second limit of ``family`` from a response's headers, unless the user set one."""
        if self._fixed is not None or family is None:
            return
        rate = per_second_limit(headers)
        if rate is None:
            return
        with self._lock:
            self._learnt[family] = rate
            schedule = self._schedule(family)
            if schedule.last_slot is not None:
                # Requests sent before the limit was known count too: space the next one from the last.
                schedule.next_slot = max(schedule.next_slot, schedule.last_slot + self._interval(family))

    def pause(self, family, seconds):
        """Zoom refused a request of ``family`` for its rate: none of it goes out for ``seconds``, and it slows down.

        Without this, the other threads of a listing would keep sending into the limit while
        the refused one waits.
        """
        with self._lock:
            schedule = self._schedule(family)
            until = self._clock() + seconds
            schedule.paused_until = max(schedule.paused_until, until)
            schedule.next_slot = max(schedule.next_slot, until)
            schedule.slowdown = max(self.MAX_SLOWDOWN, schedule.slowdown * self.SLOWDOWN)
