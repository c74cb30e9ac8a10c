# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The soak: 200 and more consecutive listings while about one request in five meets a fault.

The faults are drawn from a fixed seed, so every run sees the same sequence. Every listing must
end as the exact list, as a list that says the account changed (holding every number that
existed throughout, with a warning giving the counts), or as one clear line. Anything else is a
wrong result, and there must be none.
"""

from __future__ import annotations

import collections

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_connection
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomError

from ansible_runs import expected_numbers, module_result  # pylint: disable=import-error
import reliability_lib as lib

LISTINGS = 220
SIZE = 150
PAGE_SIZE = 50
FAULT_SEED = 20240617


def rule(kind, probability, **params):
    spec = {"fault": kind, "when": {"probability": probability}}
    spec.update(params)
    return spec


# About 20% of the API requests meet one of these; the token endpoint gets its own share.
SOAK_FAULTS = [
    rule("429", 0.008, retry_after=1),
    rule("429_date", 0.003, retry_after=1),
    rule("500", 0.02, body="json"),
    rule("502", 0.02, body="html"),
    rule("503", 0.02, body="json"),
    rule("504", 0.01, body="html"),
    rule("reset", 0.02),
    rule("slow", 0.01, delay=0.8),
    rule("truncated", 0.02),
    rule("empty_body", 0.01),
    rule("revoke_tokens", 0.015),
    rule("expire_page_token", 0.03),
    rule("remove_numbers", 0.025, count=1),
    rule("missing_id", 0.002),
    rule("phone_numbers_not_list", 0.002),
    rule("total_records_not_int", 0.002),
    rule("daily_limit", 0.001),
    {"fault": "503", "path": "/oauth", "when": {"probability": 0.1}},
]


def one_listing(sim, token_cache):
    options = lib.client_options(sim, token_cache=token_cache, page_size=PAGE_SIZE, timeout=0.5)
    warnings = []
    try:
        result = module_result(zoom_connection.connection_from_options(options), options, warn=warnings.append)
    except ZoomError as exc:
        return None, exc, warnings
    return result, None, warnings


def wrong(result, error, warnings, before, after, secrets):
    """Why this listing's outcome is wrong, or None."""
    if error is not None:
        problems = lib.clear_message_problems(str(error))
        if any(secret in str(error) for secret in secrets):
            problems.append("a secret in the message")
        return "; ".join(problems) or None
    records = result["phone_numbers"]
    if not result["changed_during_listing"]:
        return None if records == after else "a list reported as complete is not the ground truth"
    problems = lib.changed_problems(records, before, after)
    if not any("changed" in warning and str(len(after)) in warning for warning in warnings):
        problems.append("no warning with the counts")
    return "; ".join(problems) or None


def test_soak(zoom_simulator_factory, tmp_path):
    sim = zoom_simulator_factory(size=SIZE, seed=5, client_secret=lib.CLIENT_SECRET, faults=SOAK_FAULTS, fault_seed=FAULT_SEED)
    token_cache = str(tmp_path / "tokens")
    outcomes = collections.Counter()
    failures = collections.Counter()
    wrong_results = []
    for index in range(LISTINGS):
        before = expected_numbers(sim)
        result, error, warnings = one_listing(sim, token_cache)
        after = expected_numbers(sim)
        problem = wrong(result, error, warnings, before, after, [lib.CLIENT_SECRET] + lib.token_values(tmp_path))
        if problem:
            wrong_results.append("listing %d: %s" % (index + 1, problem))
        elif error is not None:
            outcomes["clear failure"] += 1
            failures[error.kind] += 1
        else:
            outcomes["changed, with a warning" if result["changed_during_listing"] else "exact"] += 1
    stats = sim.stats()
    api_requests = stats["requests"] - stats["token_requests"]
    fired = sum(count for kind, count in stats["faults"].items())
    figures = {
        "listings": LISTINGS, "outcomes": dict(outcomes), "clear_failures_by_kind": dict(failures),
        "wrong_results": len(wrong_results), "requests": stats["requests"], "token_requests": stats["token_requests"],
        "faults_fired": dict(stats["faults"]), "fault_rate": round(fired / float(stats["requests"]), 3),
        "api_requests": api_requests, "fault_seed": FAULT_SEED,
    }
    lib.record_figure("soak", figures)
    print(figures)
    assert not wrong_results, wrong_results[:10]
    assert sum(outcomes.values()) == LISTINGS
    assert outcomes["exact"] > LISTINGS // 2
