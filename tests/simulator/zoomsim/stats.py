# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Request counters, concurrency tracking and the recent query log."""

import copy
import threading
import time
from collections import Counter, deque
from typing import Optional

QUERY_LOG_SIZE = 1000
TRACKING_IDS_KEPT = 1000
WRITE_LOG_SIZE = 10000


class Stats:
    """Thread-safe counters over API and token requests (control requests are not counted)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._in_flight = 0
        self._peak = 0
        self._first_request_at = None
        self._last_response_at = None
        self._first_api_request_at = None
        self._last_api_response_at = None
        self.reset()

    def reset(self) -> None:
        """Zero every counter; requests in flight keep counting towards peak concurrency."""
        with self._lock:
            self._requests = 0
            self._by_path = Counter()
            self._by_status = Counter()
            self._token_requests = 0
            self._list_requests = 0
            self._rate_limited = 0
            self._faults = Counter()
            self._delays = {}
            self._tracking_ids = deque(maxlen=TRACKING_IDS_KEPT)
            self._peak = self._in_flight
            self._first_request_at = None
            self._last_response_at = None
            self._first_api_request_at = None
            self._last_api_response_at = None
            self._log = deque(maxlen=QUERY_LOG_SIZE)
            self._by_operation = Counter()
            self._writes = deque(maxlen=WRITE_LOG_SIZE)
            self._write_requests = 0

    def begin(self, path: str, is_list: bool, is_token: bool) -> None:
        """Record a request arriving."""
        with self._lock:
            self._requests += 1
            self._by_path[path] += 1
            self._in_flight += 1
            self._peak = max(self._peak, self._in_flight)
            if is_token:
                self._token_requests += 1
            elif self._first_api_request_at is None:
                self._first_api_request_at = time.time()
            if is_list:
                self._list_requests += 1
                if self._first_request_at is None:
                    self._first_request_at = time.time()

    def end(self, entry: dict, status: Optional[int], is_list: bool, is_token: bool = False) -> None:
        """Record a request finished (``status`` None: the connection was reset)."""
        with self._lock:
            self._in_flight -= 1
            if not is_token:
                self._last_api_response_at = time.time()
            if "tracking_id" in entry:
                self._tracking_ids.append(entry["tracking_id"])
            if status is not None:
                self._by_status[str(status)] += 1
                if status == 429:
                    self._rate_limited += 1
            if is_list:
                self._last_response_at = time.time()
            entry["status"] = status
            self._log.append(entry)

    def operation(self, note: Optional[dict], status: Optional[int]) -> None:
        """Count a /v2 request by operation (``METHOD template``); log writes with their numbers."""
        if note is None:
            return
        with self._lock:
            if note["operation"]:
                self._by_operation[note["operation"]] += 1
            if note["write"]:
                self._write_requests += 1
                _method, _sep, template = (note["operation"] or "").partition(" ")
                self._writes.append({"method": note["method"], "path": note["path"], "template": template or None,
                                     "numbers": list(note["numbers"]), "status": status})

    def fault(self, kind: str) -> None:
        """Count a fired fault."""
        with self._lock:
            self._faults[kind] += 1

    def delay(self, kind: str, seconds: float) -> None:
        """Record a delay the simulator applied (``latency`` or a ``slow`` fault).

        Tests check these figures instead of timing answers, which a busy machine makes unreliable.
        """
        with self._lock:
            record = self._delays.setdefault(kind, {"count": 0, "seconds": 0.0})
            record["count"] += 1
            record["seconds"] = round(record["seconds"] + seconds, 6)

    def snapshot(self) -> dict:
        """Return every counter as plain JSON-ready data."""
        with self._lock:
            return {
                "requests": self._requests,
                "by_path": dict(self._by_path),
                "by_status": dict(self._by_status),
                "token_requests": self._token_requests,
                "list_requests": self._list_requests,
                "rate_limited": self._rate_limited,
                "faults": dict(self._faults),
                "peak_concurrency": self._peak,
                "in_flight": self._in_flight,
                "first_request_at": self._first_request_at,
                "last_response_at": self._last_response_at,
                "first_api_request_at": self._first_api_request_at,
                "last_api_response_at": self._last_api_response_at,
                "delays": copy.deepcopy(self._delays),
                "tracking_ids": list(self._tracking_ids),
                "query_log": copy.deepcopy(list(self._log)),
                "by_operation": dict(self._by_operation),
                "write_requests": self._write_requests,
                "writes": copy.deepcopy(list(self._writes)),
            }
