# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Per-account rate limits (a one-second sliding window and a UTC-day cap) and their answers.

``RateLimiter`` only counts and decides; the functions below shape what a 200 or a 429
carries, which depends on the settings (classic typed headers, or the untyped quota headers,
missing Retry-After and message-only daily refusals Zoom has been seen to send).
"""

import datetime
import math
import threading
import time
from collections import deque
from email.utils import formatdate
from typing import Optional

from .errors import ApiError

QPS_MESSAGE = "You have reached the maximum per-second rate limit for this API. Try again later."
DAILY_MESSAGE = (
    "You have reached the maximum daily rate limit for this API. "
    "Refer to the response header for details on when you can make the next request."
)
# The wording of the daily refusal that comes without any header saying what it is.
DAILY_QUOTA_MESSAGE = (
    "You have exceeded the daily rate limit ({limit}) of {api} API requests permitted for this "
    "particular account. You may resume these requests at GMT 00:00:00."
)


def http_date(timestamp: float) -> str:
    """Format a time as an HTTP date (RFC 7231), the form Retry-After may take."""
    return formatdate(timestamp, usegmt=True)


def next_utc_midnight(now: float) -> float:
    """The timestamp at which the current UTC day ends."""
    today = datetime.datetime.fromtimestamp(now, datetime.timezone.utc).date()
    tomorrow = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(), datetime.timezone.utc)
    return tomorrow.timestamp()


def limit_text(value) -> str:
    """Header text of a limit (integers without a decimal point)."""
    return str(int(value)) if float(value).is_integer() else str(value)


def _retry_headers(style: str, wait: int, retry_at: float) -> dict:
    """How a per-second 429 says when to come back (``style``: the qps_retry_after setting)."""
    # Times are rounded up: a client that waits until then must not be refused again.
    if style == "seconds":
        return {"Retry-After": str(wait)}
    if style == "reset":
        return {"X-RateLimit-Reset": str(math.ceil(retry_at))}
    if style == "epoch":
        return {"Retry-After": str(math.ceil(retry_at))}
    if style == "date":
        return {"Retry-After": http_date(math.ceil(retry_at))}
    return {}


def _limit_headers(settings, limit, remaining: int, day_count: int) -> dict:
    """X-RateLimit-Limit/Remaining: of the given limit, or of the daily quota when advertised."""
    if settings.quota_headers:
        # Zoom's untyped headers describe the day's quota whatever limit refused the request.
        quota = settings.quota_headers
        return {"X-RateLimit-Limit": str(quota), "X-RateLimit-Remaining": str(max(0, quota - day_count))}
    return {"X-RateLimit-Limit": limit_text(limit), "X-RateLimit-Remaining": str(max(0, int(remaining)))}


def qps_error(settings, category: str, limit, wait: int, now: float, day_count: int,
              style: Optional[str] = None) -> ApiError:
    """The 429 answer for too many requests in one second; ``style`` overrides qps_retry_after."""
    retry_at = now + wait
    headers = {"X-RateLimit-Category": category}
    if settings.qps_type_header:
        headers["X-RateLimit-Type"] = "QPS"
    headers.update(_limit_headers(settings, limit, 0, day_count))
    headers.update(_retry_headers(style or settings.qps_retry_after, wait, retry_at))
    return ApiError(429, {"code": 429, "message": QPS_MESSAGE}, headers, {"wait": wait, "retry_at": retry_at})


def daily_error(settings, category: str, limit, api_name: str, now: float, day_count: int) -> ApiError:
    """The 429 answer once the day's requests are used up; the next UTC midnight frees them."""
    midnight = next_utc_midnight(now)
    meta = {"wait": math.ceil(midnight - now), "retry_at": midnight}
    if settings.daily_limit_style == "message_only":
        # Neither a type header nor Retry-After: only the message tells it is the daily limit.
        headers = {"X-RateLimit-Category": category}
        if settings.quota_headers:
            headers.update(_limit_headers(settings, limit, 0, day_count))
        message = DAILY_QUOTA_MESSAGE.format(limit=limit_text(limit), api=api_name)
        return ApiError(429, {"code": 429, "message": message}, headers, meta)
    headers = {
        "Retry-After": http_date(midnight),
        "X-RateLimit-Category": category,
        "X-RateLimit-Type": "Daily-limit",
    }
    headers.update(_limit_headers(settings, limit, 0, day_count))
    return ApiError(429, {"code": 429, "message": DAILY_MESSAGE}, headers, meta)


def success_headers(settings, category: str, usage: "Usage") -> dict:
    """The X-RateLimit headers of an accepted request (none when nothing is limited or advertised)."""
    if settings.quota_headers:
        # A daily quota without a type: a per-second limit, if any, is enforced but not shown.
        return {"X-RateLimit-Category": category, **_limit_headers(settings, None, 0, usage.day_count)}
    if usage.per_second is not None:
        limit, remaining = usage.per_second, usage.per_second - usage.in_window
    elif usage.per_day is not None:
        limit, remaining = usage.per_day, usage.per_day - usage.day_count
    else:
        return {}
    return {"X-RateLimit-Category": category, **_limit_headers(settings, limit, remaining, usage.day_count)}


class Usage:  # pylint: disable=too-few-public-methods
    """What the limiter counted once a request was admitted."""

    __slots__ = ("per_second", "per_day", "in_window", "day_count")

    def __init__(self, per_second, per_day, in_window: int, day_count: int):
        self.per_second, self.per_day = per_second, per_day
        self.in_window, self.day_count = in_window, day_count


class Refused(Exception):
    """A request over a limit: ``kind`` is "qps" or "daily"; ``wait`` whole seconds for "qps"."""

    def __init__(self, kind: str, limit, wait: int, now: float, day_count: int):
        super().__init__(kind)
        self.kind, self.limit, self.wait, self.now, self.day_count = kind, limit, wait, now, day_count


class RateLimiter:
    """Counts accepted API requests; refused ones do not use up the window or the day."""

    def __init__(self, per_second: Optional[float] = None, per_day: Optional[int] = None, clock=None):
        self._lock = threading.Lock()
        self._window = deque()
        self._day = None
        self._day_count = 0
        self.per_second = per_second
        self.per_day = per_day
        self._now = clock.now if clock is not None else time.time

    def configure(self, per_second: Optional[float], per_day: Optional[int]) -> None:
        """Change the limits and start counting afresh."""
        with self._lock:
            self.per_second, self.per_day = per_second, per_day
            self._window.clear()
            self._day, self._day_count = None, 0

    def _roll_day(self, now: float) -> None:
        """Start a new count when the UTC day has changed (lock held)."""
        day = datetime.datetime.fromtimestamp(now, datetime.timezone.utc).date()
        if day != self._day:
            self._day, self._day_count = day, 0

    def day_count(self) -> int:
        """Requests accepted so far in the current UTC day."""
        with self._lock:
            self._roll_day(self._now())
            return self._day_count

    def acquire(self) -> Usage:
        """Admit one request, or raise Refused."""
        now = self._now()
        with self._lock:
            self._roll_day(now)
            if self.per_day is not None and self._day_count >= self.per_day:
                raise Refused("daily", self.per_day, 0, now, self._day_count)
            window = self._window
            if self.per_second is not None:
                while window and window[0] <= now - 1.0:
                    window.popleft()
                if len(window) >= self.per_second:
                    wait = max(1, math.ceil(window[0] + 1.0 - now))
                    raise Refused("qps", self.per_second, wait, now, self._day_count)
                window.append(now)
            self._day_count += 1
            return Usage(self.per_second, self.per_day, len(window), self._day_count)
