# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Per-account rate limits: a one-second sliding window (QPS) and a UTC-day request cap."""

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


def http_date(timestamp: float) -> str:
    """Format a time as an HTTP date (RFC 7231), the form Retry-After may take."""
    return formatdate(timestamp, usegmt=True)


def next_utc_midnight(now: float) -> float:
    """The timestamp at which the current UTC day ends."""
    today = datetime.datetime.fromtimestamp(now, datetime.timezone.utc).date()
    tomorrow = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(), datetime.timezone.utc)
    return tomorrow.timestamp()


def qps_error(category: str, limit, retry_after) -> ApiError:
    """The 429 answer for too many requests in one second."""
    return ApiError(429, {"code": 429, "message": QPS_MESSAGE}, {
        "Retry-After": str(retry_after),
        "X-RateLimit-Category": category,
        "X-RateLimit-Type": "QPS",
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": "0",
    })


def daily_error(category: str, limit, now: Optional[float] = None) -> ApiError:
    """The 429 answer once the day's requests are used up; Retry-After is next UTC midnight."""
    now = time.time() if now is None else now
    return ApiError(429, {"code": 429, "message": DAILY_MESSAGE}, {
        "Retry-After": http_date(next_utc_midnight(now)),
        "X-RateLimit-Category": category,
        "X-RateLimit-Type": "Daily-limit",
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": "0",
    })


def _limit_text(value) -> str:
    """Header text of a limit (integers without a decimal point)."""
    return str(int(value)) if float(value).is_integer() else str(value)


class RateLimiter:
    """Counts accepted API requests; refused ones do not use up the window or the day."""

    def __init__(self, per_second: Optional[float] = None, per_day: Optional[int] = None):
        self._lock = threading.Lock()
        self._window = deque()
        self._day = None
        self._day_count = 0
        self.per_second = per_second
        self.per_day = per_day

    def configure(self, per_second: Optional[float], per_day: Optional[int]) -> None:
        """Change the limits and start counting afresh."""
        with self._lock:
            self.per_second, self.per_day = per_second, per_day
            self._window.clear()
            self._day, self._day_count = None, 0

    def acquire(self, category: str) -> dict:
        """Admit one request or raise its 429; return the X-RateLimit headers to send."""
        now = time.time()
        with self._lock:
            day = datetime.datetime.fromtimestamp(now, datetime.timezone.utc).date()
            if day != self._day:
                self._day, self._day_count = day, 0
            if self.per_day is not None and self._day_count >= self.per_day:
                raise daily_error(category, _limit_text(self.per_day), now)
            window = self._window
            if self.per_second is not None:
                while window and window[0] <= now - 1.0:
                    window.popleft()
                if len(window) >= self.per_second:
                    wait = max(1, math.ceil(window[0] + 1.0 - now))
                    raise qps_error(category, _limit_text(self.per_second), wait)
                window.append(now)
            self._day_count += 1
            if self.per_second is not None:
                limit, remaining = self.per_second, self.per_second - len(window)
            elif self.per_day is not None:
                limit, remaining = self.per_day, self.per_day - self._day_count
            else:
                return {}
        return {
            "X-RateLimit-Category": category,
            "X-RateLimit-Limit": _limit_text(limit),
            "X-RateLimit-Remaining": str(max(0, int(remaining))),
        }
