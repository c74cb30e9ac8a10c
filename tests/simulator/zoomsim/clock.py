# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The simulator's clock: real time plus an offset that tests move forward instead of sleeping."""

import threading
import time


class SimClock:
    """Tells the time every expiry, window and quota is measured against.

    Access tokens, page tokens and rate limits read this clock, so a test can let an hour
    pass with ``advance(3600)`` and check what the simulator answers, without waiting.
    ``freeze()`` stops it, so that requests a busy machine spreads over seconds still fall
    in one rate-limit window. Latency and ``slow`` faults really sleep: they model time
    the client spends waiting.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._offset = 0.0
        self._frozen_at = None

    def now(self) -> float:
        """The current simulated time, as ``time.time()`` counts it."""
        with self._lock:
            base = time.time() if self._frozen_at is None else self._frozen_at
            return base + self._offset

    def freeze(self) -> None:
        """Stop the clock where it is; only advance() moves it until thaw()."""
        with self._lock:
            if self._frozen_at is None:
                self._frozen_at = time.time()

    def thaw(self) -> None:
        """Let the clock run again from the time it shows, so it never jumps back."""
        with self._lock:
            if self._frozen_at is not None:
                self._offset += self._frozen_at - time.time()
                self._frozen_at = None

    def advance(self, seconds: float) -> float:
        """Move the clock forward; return the total offset. Time never goes backwards."""
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
            raise ValueError(f"seconds must be a number >= 0, not {seconds!r}")
        with self._lock:
            self._offset += seconds
            return self._offset

    @property
    def offset(self) -> float:
        """How far the clock has been moved ahead of real time."""
        with self._lock:
            return self._offset
