# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""When to retry, how long to wait, and how fast to go.

Pure policy: nothing here sends a request. ``zoom_http`` asks these functions what to do.
"""

from __future__ import annotations

import datetime
import email.utils
import random
import threading
import time

# Statuses that say "try again later"; 400/401/403/404 are answers, never retried.
RETRYABLE_STATUSES = frozenset((429, 500, 502, 503, 504))

BACKOFF_BASE = 0.5
BACKOFF_CAP = 20.0
# A Retry-After longer than this is not slept through inside a task: fail and say when.
MAX_RETRY_AFTER = 120.0


def backoff_delay(attempt, rng=random):
    """Capped exponential backoff with jitter for retry number ``attempt`` (0-based).

    The jitter keeps the forks of one playbook from retrying in lockstep against the
    account-wide rate limit.
    """
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt))
    return ceiling / 2 + rng.uniform(0, ceiling / 2)


def parse_retry_after(value, now=None):
    """Seconds to wait from a ``Retry-After`` header, or None when it cannot be read.

    Zoom sends a number of seconds, an ISO 8601 timestamp or an HTTP date.
    """
    if value is None:
        return None
    value = str(value).strip()
    if not value:
        return None
    now = time.time() if now is None else now
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    moment = _parse_http_date(value) or _parse_iso_date(value)
    if moment is None:
        return None
    return max(0.0, moment.timestamp() - now)


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


def is_daily_limit(headers):
    """True when a 429 is Zoom's daily cap rather than the per-second one."""
    kind = (headers.get("X-RateLimit-Type") or "").replace("_", "-").lower()
    return kind.startswith("daily")


class RateLimiter:
    """Spaces requests so that a process stays under a number of requests per second.

    Shared by every thread of one listing (``queries`` runs several at once). The rate is
    either the user's ``rate_limit`` or, when that is unset, learnt from Zoom's
    ``X-RateLimit-Limit`` header on a per-second (QPS) category. Pacing a little under the
    limit costs a few percent of throughput and saves the 429 round trips and back-off
    sleeps that bouncing off the limit costs.
    """

    HEADROOM = 0.95

    def __init__(self, rate=None, clock=time.monotonic, sleep=time.sleep):
        self._fixed = rate is not None
        self._interval = self._interval_for(rate)
        self._next_slot = 0.0
        self._last_slot = None
        self._lock = threading.Lock()
        self._clock = clock
        self._sleep = sleep

    def _interval_for(self, rate):
        if not rate:
            return 0.0
        return 1.0 / (float(rate) * self.HEADROOM)

    def acquire(self):
        """Block until this caller may send its next request."""
        if not self._interval:
            with self._lock:
                self._last_slot = self._clock()
            return
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_slot)
            self._next_slot = slot + self._interval
            self._last_slot = slot
        wait = slot - now
        if wait > 0:
            self._sleep(wait)

    def observe(self, headers):
        """Learn the per-second limit from a response's headers, unless the user set one."""
        if self._fixed:
            return
        kind = (headers.get("X-RateLimit-Type") or "QPS").upper()
        limit = headers.get("X-RateLimit-Limit")
        if kind != "QPS" or not limit:
            return
        try:
            rate = float(limit)
        except ValueError:
            return
        if rate > 0:
            with self._lock:
                self._interval = self._interval_for(rate)
                if self._last_slot is not None:
                    # Requests sent before the limit was known count too: space the next one from the last.
                    self._next_slot = max(self._next_slot, self._last_slot + self._interval)
