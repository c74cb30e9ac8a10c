# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Zoom's rate limits as real accounts meet them, against the default (realistic) simulator.

Untyped daily quota headers on every answer (never a per-second pace), per-second 429s with no
hint or with one in any of the forms seen, and a daily 429 known only by its message. The
figures are the simulator's counters, never times.
"""

from __future__ import annotations

import re

import pytest

from ansible_runs import expected_numbers, merged_truth, module_result  # pylint: disable=import-error

from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomRateLimitError
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_retry import BACKOFF_BASE

# Eight filter sets, each over most of the account, listed at once under one rate limiter.
EIGHT_QUERIES = [{}, {"type": "all"}, {"type": "assigned"}, {"type": "unassigned"}, {"number_type": "toll"},
                 {"number_type": "tollfree"}, {"pending_numbers": False}, {"type": "byoc"}]
_RETRY_DELAY = re.compile(r"-> 429 .*; retry \d+ of \d+ in ([0-9.]+) s$")


def ids(records):
    return [record["id"] for record in records]


def test_concurrent_queries_stay_under_a_real_limit_without_rate_limit(zoom_simulator_factory, zoom_connection, tmp_path):
    # Zoom's untyped daily 6000 on every answer, and a per-second limit of 10 that no header states.
    sim = zoom_simulator_factory(size=5000, seed=14, rate_limit=10)
    assert sim.settings.quota_headers == 6000 and not sim.settings.qps_type_header and sim.settings.qps_retry_after == "none"
    connection = zoom_connection(sim, tmp_path)
    assert connection.rate_limit is None
    result = module_result(connection, {"queries": EIGHT_QUERIES})
    assert ids(result["phone_numbers"]) == ids(merged_truth(sim, EIGHT_QUERIES))
    stats = sim.stats()
    assert stats["list_requests"] == result["pages"] + stats["rate_limited"] > 200
    assert stats["rate_limited"] < 0.02 * stats["list_requests"], stats["rate_limited"]


@pytest.mark.parametrize("style", ["none", "seconds", "date", "epoch", "reset"])
def test_every_form_of_per_second_429_is_waited_out(zoom_simulator_factory, zoom_connection, tmp_path, style):
    sim = zoom_simulator_factory(size=900, seed=3, qps_retry_after=style,
                                 faults=[{"fault": "429", "path": "/v2/phone", "when": {"nth": [2, 5]}}])
    lines = []
    result = module_result(zoom_connection(sim, tmp_path), {}, log=lines.append)
    assert ids(result["phone_numbers"]) == ids(expected_numbers(sim))
    assert result["retries"] == 2
    delays = [float(_RETRY_DELAY.search(line).group(1)) for line in lines if " -> 429 " in line]
    # Never shorter than the back-off, never read as decades (a Unix time taken for seconds).
    assert len(delays) == 2 and all(BACKOFF_BASE / 2 - 0.05 <= delay <= 3.0 for delay in delays), (style, lines)
    if style == "seconds":
        assert all(delay >= 1.0 for delay in delays), "Retry-After: 1 is obeyed"


def test_a_wait_beyond_the_tasks_patience_fails_at_once(zoom_simulator_factory, zoom_connection, tmp_path):
    sim = zoom_simulator_factory(size=300, faults=[{"fault": "429", "retry_after": 900, "path": "/v2/phone", "when": {"first": 1}}])
    with pytest.raises(ZoomRateLimitError) as failure:
        module_result(zoom_connection(sim, tmp_path), {})
    assert "too long to wait" in str(failure.value) and "15 min" in str(failure.value)
    assert sim.stats()["list_requests"] == 1


def test_retries_used_up_on_429_speak_of_the_rate_limit(zoom_simulator_factory, zoom_connection, tmp_path):
    sim = zoom_simulator_factory(size=300, faults=[{"fault": "429", "path": "/v2/phone"}])
    with pytest.raises(ZoomRateLimitError) as failure:
        module_result(zoom_connection(sim, tmp_path, max_retries=2), {})
    message = str(failure.value)
    assert "rate limit after 3 attempts" in message and "rate_limit" in message and "network" not in message
    assert failure.value.fail_kwargs()["error_kind"] == "rate_limit" and failure.value.status == 429
    assert failure.value.tracking_id == sim.stats()["tracking_ids"][-1]
    assert sim.stats()["list_requests"] == 3


def test_a_daily_limit_known_only_by_its_message_stops_the_listing_at_once(zoom_simulator_factory, zoom_connection, tmp_path):
    sim = zoom_simulator_factory(size=900, daily_limit=4)
    assert sim.settings.daily_limit_style == "message_only"
    with pytest.raises(ZoomRateLimitError) as failure:
        module_result(zoom_connection(sim, tmp_path), {})
    message = str(failure.value)
    assert "daily rate limit" in message and "resets in" in message and "00:00:00 UTC" in message
    assert sim.stats()["list_requests"] == 5, "four pages, then the refusal, which is not retried"
