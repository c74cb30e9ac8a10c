# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Is a results file complete and well formed? (What ``make benchmark-smoke`` asserts.)

Nothing here looks at how fast anything was: only that every planned measurement is there,
succeeded, returned every record, and sent exactly the requests a listing needs.
"""

from __future__ import annotations

from zoombench import fleet, writes
from zoombench.scenarios import AUDIT_LISTING, PACE_DEFAULT, PACE_NAMED

NUMBER_FIELDS = ("wall_s", "cpu_s", "peak_rss_mb")
API_FIELDS = ("span_s", "list_requests", "token_requests", "rate_limited", "peak_concurrency", "requests")
# Runs that write need the window of every API request (a uri loop lists nothing) and the write counters.
WRITE_FIELDS = ("api_span_s", "write_requests", "writes_refused", "number_reads", "lookups", "token_requests", "rate_limited", "requests")


def planned(plan):
    """(group, entry, size, latency_ms) of every result a run with this plan must contain."""
    keys = []
    keys += [("fixed", "no-op playbook", None, None), ("fixed", "empty inventory", None, None)] * plan["repeat_fixed"]
    for size in plan["sizes"]:
        for entry in ("module returning the records", "module process returning the records", "module returning two fields of the records",
                      "lookup returning the records", "lookup result stored with set_fact", "inventory plugin adding the hosts"):
            keys.append(("reference", entry, size, None))
        for latency in plan["latencies"]:
            for entry in ("floor", "module", "module process", "module, fields", "lookup", "inventory"):
                keys.append(("listing", entry, size, latency))
            if latency == plan["latencies"][0]:
                keys.append(("listing", "module process, fields", size, latency))
            if size <= plan["uri_max"]:
                keys.append(("listing", "uri loop", size, latency))
    if plan.get("sites_size"):
        for entry in ("module, queries (concurrent)", "module, a task per site (sequential)", "module, a fork per site (parallel)",
                      "lookup, queries (concurrent)", "lookup, a call per site (sequential)",
                      "inventory, queries (concurrent)", "inventory, a source per site (sequential)"):
            keys.append(("sites", entry, plan["sites_size"], plan["sites_latency"]))
    if plan.get("rate_size"):
        keys += [("rate", entry, plan["rate_size"], plan["rate_latency"]) for entry in (PACE_NAMED, PACE_DEFAULT)]
    if plan.get("audit_size"):
        keys += [("audit", entry, plan["audit_size"], plan["audit_latency"]) for entry in ("audit role", AUDIT_LISTING)]
    if plan.get("writes_count"):
        keys += [("writes", entry, plan["writes_size"], plan["writes_latency"]) for entry in writes.entries(plan["writes_uri"])]
    if plan.get("fleet_accounts"):
        keys += [("fleet", entry, plan["fleet_size"], plan["fleet_latency"]) for entry in fleet.ENTRIES]
    return keys


def verify(data):
    """A list of everything wrong with the results; empty when they are complete and exact."""
    errors = []
    for key in ("machine", "plan", "results", "command", "finished"):
        if key not in data:
            errors.append("the results have no %r" % key)
    if errors:
        return errors
    remaining = list(data["results"])
    for group, entry, size, latency in planned(data["plan"]):
        match = next((result for result in remaining if (result["group"], result["entry"], result["size"], result["latency_ms"]) ==
                      (group, entry, size, latency)), None)
        name = "%s %r N=%s latency=%s" % (group, entry, size, latency)
        if match is None:
            errors.append("missing: " + name)
            continue
        remaining.remove(match)
        if match["extra"].get("skipped"):
            continue
        errors.extend("%s: %s" % (name, problem) for problem in match["problems"])
        for field in NUMBER_FIELDS:
            if not isinstance(match.get(field), (int, float)) or match[field] <= 0:
                errors.append("%s: %s is %r" % (name, field, match.get(field)))
        if "count" in match["expected"] and match["count"] != match["expected"]["count"]:
            errors.append("%s: count %r, expected %r" % (name, match["count"], match["expected"]["count"]))
        if "list_requests" in match["expected"]:
            api = match.get("api") or {}
            missing = [field for field in API_FIELDS if not isinstance(api.get(field), (int, float))]
            if missing:
                errors.append("%s: API counters missing: %s" % (name, ", ".join(missing)))
            elif api["list_requests"] - api["rate_limited"] != match["expected"]["list_requests"] or \
                    api["token_requests"] != match["expected"]["token_requests"]:
                errors.append("%s: %d list and %d token requests, expected %d and %d" % (
                    name, api["list_requests"] - api["rate_limited"], api["token_requests"],
                    match["expected"]["list_requests"], match["expected"]["token_requests"]))
        if "write_requests" in match["expected"]:
            api = match.get("api") or {}
            missing = [field for field in WRITE_FIELDS if not isinstance(api.get(field), (int, float))]
            if missing:
                errors.append("%s: API counters missing: %s" % (name, ", ".join(missing)))
    for result in remaining:
        errors.append("unplanned result: %s %r" % (result["group"], result["entry"]))
    return errors
