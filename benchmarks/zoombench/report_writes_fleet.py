# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The report's part on writes at the rate limit and on the fleet of accounts: tables and targets."""

from __future__ import annotations

from zoombench.fleet import PARALLEL, SERIAL
from zoombench.results import fmt, ratio, table, times, verdict
from zoombench.writes import OPERATIONS, URI_LOOP, entry_name

# Writes: the share of the account's limit used, and the most 429s allowed, as for listings.
WRITE_SHARE = 0.90
WRITE_429_SHARE = 0.01
# The fleet: auditing the accounts at once at least this many times faster than in turn.
FLEET_FACTOR = 3.0


def throughput(result):
    """(answered API requests per second over the API window, share of the limit, share of 429s), or Nones."""
    api = result.get("api") or {}
    requests = api.get("requests", 0) - api.get("token_requests", 0)
    window = api.get("api_span_s")
    limit = result["extra"].get("rate_limit")
    if not window or not requests:
        return None, None, None
    rate = (requests - api["rate_limited"]) / window
    return rate, (rate / limit if limit else None), api["rate_limited"] / float(requests)


def writes_table(res):
    rows = []
    for result in res.records:
        if result["group"] != "writes" or not result.get("api"):
            continue
        api, expected = result["api"], result["expected"]
        rate, share, _errors = throughput(result)
        rows.append([result["entry"] + (" (failed)" if result["problems"] else ""), fmt(result["count"], 0),
                     "%s (%s)" % (api["write_requests"] - api.get("writes_refused", 0), expected.get("write_requests")),
                     "%s (at most %s)" % (api["number_reads"], expected.get("reads_bound")), str(api["lookups"]),
                     str(api["rate_limited"]), fmt(api["api_span_s"]), fmt(rate),
                     "n/a" if share is None else "%.1f%%" % (100 * share), fmt(result["wall_s"]),
                     fmt(ratio(result["wall_s"], result["count"]), 3)])
    if not rows:
        return ""
    sample = next(result for result in res.records if result["group"] == "writes")
    return ("An account of {:,} numbers limited to {:g} requests per second, {:g} ms per answer.\n\n".format(
        sample["size"], sample["extra"].get("rate_limit") or 0, sample["latency_ms"]) +
        table(["run", "numbers changed", "write requests answered (fewest)", "number reads answered", "lookups", "HTTP 429", "API window s",
               "requests/s", "share of the limit", "wall s", "wall s per number"], rows))


def writes_targets(res):
    """One row per change (batches, reads, pace), one for check mode, one for the comparison with the uri loop."""
    found = []
    for operation in OPERATIONS:
        result = res.find("writes", entry_name(operation))
        if result is None or not result.get("api"):
            continue
        api, expected = result["api"], result["expected"]
        rate, share, errors = throughput(result)
        missed = []
        answered = api["write_requests"] - api.get("writes_refused", 0)
        if answered != expected["write_requests"]:
            missed.append("%+d write requests" % (answered - expected["write_requests"]))
        extra_reads = api["number_reads"] - expected["reads_bound"]
        if extra_reads > 0:
            missed.append("%+d reads (%+.1f%%)" % (extra_reads, 100.0 * extra_reads / max(1, expected["reads_bound"])))
        if share is None or share < WRITE_SHARE:
            missed.append("%s of the limit" % ("no pace" if share is None else "%.1f%%" % (100 * share)))
        if errors is None or errors >= WRITE_429_SHARE:
            missed.append("%s 429s" % ("n/a" if errors is None else "%.2f%%" % (100 * errors)))
        if result["problems"]:
            missed.append("run not exact: " + result["problems"][0][:120])
        found.append((
            "%s {:,} numbers at {:g} requests/s: write requests = the fewest batches Zoom allows, number reads at most "
            "min(one GET per number, one listing of the account), >= %d%% of the limit, 429s < %d%%".format(
                expected["count"], result["extra"]["rate_limit"]) % (operation.capitalize(), 100 * WRITE_SHARE, 100 * WRITE_429_SHARE),
            "%d write requests (fewest %d), %d number reads (at most %d), %d lookups; %s requests/s (%s), %d 429s" % (
                answered, expected["write_requests"], api["number_reads"], expected["reads_bound"], api["lookups"],
                fmt(rate), "n/a" if share is None else "%.1f%%" % (100 * share), api["rate_limited"]),
            verdict(not missed, "; ".join(missed) if missed else "every batch full, reads and pace within the target")))
    checks = [res.find("writes", entry_name(operation, True)) for operation in OPERATIONS]
    checks = [result for result in checks if result and result.get("api")]
    if checks:
        writes = sum(result["api"]["write_requests"] for result in checks)
        names = [result["entry"].split(",")[0] for result in checks]
        found.append(("Check mode makes no write request (%s)" % ", ".join(names),
                      "; ".join("%s: %d write requests, %s listed" % (name, result["api"]["write_requests"], result["extra"].get("planned_writes"))
                                for name, result in zip(names, checks)),
                      verdict(writes == 0, "%d write requests" % writes)))
    found += _uri_comparison(res)
    return found


def _uri_comparison(res):
    uri = res.usable("writes", URI_LOOP)
    modules = [res.usable("writes", entry_name(operation)) for operation in OPERATIONS]
    if not uri or not all(modules):
        return []
    changes = sum(result["count"] for result in modules)
    module_per_change = sum(result["wall_s"] for result in modules) / changes
    uri_per_change = uri["wall_s"] / uri["count"]
    requests = sum(result["api"]["requests"] - result["api"]["token_requests"] for result in modules)
    return [("The same changes by a uri loop, one request per number and change (%d changes against %d)" % (uri["count"], changes),
             "module: %s s and %s requests per number changed; uri loop: %s s and %s requests" % (
                 fmt(module_per_change, 3), fmt(float(requests) / changes, 2), fmt(uri_per_change, 3),
                 fmt(float(uri["api"]["requests"] - uri["api"]["token_requests"]) / uri["count"], 2)),
             "reported: the module is %s faster per number changed" % times(ratio(uri_per_change, module_per_change)))]


def fleet_table(res):
    rows = []
    for entry in (PARALLEL, SERIAL):
        result = res.find("fleet", entry)
        if result is None:
            continue
        api = result.get("api") or {}
        rows.append([entry + (" (failed)" if result["problems"] else ""), str(result["extra"].get("accounts", "n/a")),
                     str(result["extra"].get("forks", "n/a")), fmt(result["wall_s"]), fmt(result["cpu_s"]), fmt(api.get("api_span_s")),
                     "%s (%s)" % (api.get("list_requests", "n/a"), result["expected"].get("list_requests")),
                     str(api.get("token_requests", "n/a")), fmt(result["count"], 0), fmt(result["peak_rss_mb"], 0)])
    if not rows:
        return ""
    return table(["run", "accounts", "forks", "wall s", "CPU s", "API window s", "list requests (expected)", "token requests",
                  "numbers audited", "peak RSS MB (largest process)"], rows)


def fleet_targets(res):
    fast, slow = res.usable("fleet", PARALLEL), res.usable("fleet", SERIAL)
    if not fast or not slow:
        return []
    speedup = slow["wall_s"] / fast["wall_s"]
    return [("Fleet: %d accounts of {:,} numbers at %g ms audited with a fork each at least %gx faster than one after the other".format(
        fast["size"]) % (fast["extra"]["accounts"], fast["latency_ms"], FLEET_FACTOR),
        "%s s with %d forks, %s s with one = %s" % (fmt(fast["wall_s"]), fast["extra"]["forks"], fmt(slow["wall_s"]), times(speedup)),
        verdict(speedup >= FLEET_FACTOR, "%s faster (%+.0f%% against the target)" % (times(speedup), 100 * (speedup / FLEET_FACTOR - 1))))]
