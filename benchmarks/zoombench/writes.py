# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Writes at an account's rate limit: ``ucops.zoom.zoom_phone_number`` against a ``uri`` loop.

The module moves spare numbers to a site, assigns them to a user of that site, and releases
other spare numbers, each change in one task run first in check mode and then for real,
against a simulator that refuses more than ``limit`` requests per second. The simulator's
counters give the requests of each kind; its ground truth, read after each run, says whether
the account ended exactly as asked. The same changes made by ``ansible.builtin.uri``, one
request per number, on other spare numbers of the same account, are the comparison.
"""

from __future__ import annotations

import math

from zoombench.scenarios import guarded, pages_for, record

# Zoom's largest batches (docs/acting.md): a site move and a Phone API release take 20
# numbers, an assignment to a user 10.
BATCH = {"move": 20, "assign": 10, "release": 20}
OPERATIONS = ("move", "assign", "release")
URI_LOOP = "uri loop, a request per number"


def entry_name(operation, check_mode=False):
    return operation + (", check mode" if check_mode else "")


def entries(uri_count):
    """Every result the scenario records, in order."""
    return [entry_name(operation, check_mode) for operation in OPERATIONS for check_mode in (True, False)] + ([URI_LOOP] if uri_count else [])


def choose(sim, count, uri_count):
    """The site, the user and the spare numbers each run changes, from the simulator's ground truth.

    The user is an active one with a site; the spare numbers are unassigned, not pending, and not
    at that site, so every one of them needs a move: the minimal batches are then known exactly.
    """
    users = [user for user in sim.entities("users") if user.get("status") == "activate" and (user.get("site") or {}).get("id")]
    if not users:
        raise RuntimeError("the simulator has no active user with a site")
    user = users[0]
    site = user["site"]
    spare = [item["id"] for item in sim.truth()["records"]
             if not item.get("assignee") and item.get("status") != "pending" and (item.get("site") or {}).get("id") != site["id"]]
    needed = 2 * count + 2 * uri_count
    if len(spare) < needed:
        raise RuntimeError("%d spare numbers in the account, %d needed: choose a larger --writes-size" % (len(spare), needed))
    return {
        "site": site, "user": {"id": user["id"], "name": user.get("name")},
        "move": spare[:count], "release": spare[count:2 * count],
        "uri_move": spare[2 * count:2 * count + uri_count], "uri_release": spare[2 * count + uri_count:needed],
    }


def end_state(sim, chosen, moved, released):
    """Everything about the account that differs from what the changes should have left: empty when exact."""
    current = dict((item["id"], item) for item in sim.truth()["records"])
    problems = []
    for number_id in moved:
        item = current.get(number_id)
        if item is None or (item.get("site") or {}).get("id") != chosen["site"]["id"]:
            problems.append("%s is not at site %s" % (number_id, chosen["site"]["id"]))
    for number_id in released:
        if number_id in current:
            problems.append("%s was not released" % number_id)
    return problems[:5] + (["and %d more" % (len(problems) - 5)] if len(problems) > 5 else [])


def assigned_state(sim, chosen, numbers):
    current = dict((item["id"], item) for item in sim.truth()["records"])
    wrong = [number_id for number_id in numbers if (current.get(number_id, {}).get("assignee") or {}).get("id") != chosen["user"]["id"]]
    return ["%d numbers are not assigned to user %s, for example %s" % (len(wrong), chosen["user"]["id"], wrong[0])] if wrong else []


def task_vars(operation, chosen):
    """The module options of one change, as extra variables of playbooks/change_numbers.yml."""
    if operation == "move":
        return {"bench_numbers": chosen["move"], "bench_site": chosen["site"]["id"]}
    if operation == "assign":
        return {"bench_numbers": chosen["move"], "bench_state": "assigned", "bench_assignee": {"type": "user", "id": chosen["user"]["id"]}}
    return {"bench_numbers": chosen["release"], "bench_state": "absent"}


def run_writes(bench, results, sim, latency_ms, limit, count, uri_count):
    """The module's three changes (check mode, then for real) and the uri loop, at ``limit`` requests per second."""
    sim.configure(latency_ms=latency_ms, rate_limit=limit)
    zoom = dict(sim.environment(), ZOOM_RATE_LIMIT=str(limit))
    chosen = choose(sim, count, uri_count)
    size = sim.size

    def module_run(operation, check_mode):
        def function():
            total = sim.truth()["total"]
            numbers = task_vars(operation, chosen)["bench_numbers"]
            batches = int(math.ceil(len(numbers) / float(BATCH[operation])))
            expected = {"count": len(numbers), "write_requests": 0 if check_mode else batches, "planned_writes": batches,
                        "token_requests": 1, "rate_limited_max": None,
                        # The fewer of one GET per number and one listing of the account.
                        "reads_bound": min(len(numbers), pages_for(total))}
            sim.reset()
            name = entry_name(operation, check_mode)
            run = bench.runner.playbook("%s %d" % (name, len(numbers)), "change_numbers.yml", zoom=zoom,
                                        extra_vars=task_vars(operation, chosen), args=["--check"] if check_mode else [])
            stats = sim.stats()
            extra = {"rate_limit": limit, "account_size": total, "planned_writes": run.printed_count("BENCH_WRITES"),
                     "reported_reads": run.printed_count("BENCH_READS")}
            problems = []
            if run.rc == 0 and extra["planned_writes"] != batches:
                problems.append("%s write requests listed instead of %d" % (extra["planned_writes"], batches))
            if run.rc == 0 and not check_mode:
                if operation == "assign":
                    problems += assigned_state(sim, chosen, chosen["move"])
                else:
                    problems += end_state(sim, chosen, chosen["move"] if operation == "move" else [],
                                          chosen["release"] if operation == "release" else [])
            return [record("writes", name, run, size, latency_ms, stats, expected, run.printed_count(), extra, problems)]
        guarded(results, "writes", entry_name(operation, check_mode), size, latency_ms, function)

    def uri_loop():
        requests = 3 * uri_count
        expected = {"count": requests, "write_requests": requests, "planned_writes": requests, "token_requests": 1,
                    "rate_limited_max": None, "reads_bound": 0}
        sim.reset()
        run = bench.runner.playbook("uri changes %d" % uri_count, "uri_changes.yml", zoom=zoom, extra_vars={
            "bench_site_id": chosen["site"]["id"], "bench_user_id": chosen["user"]["id"],
            "bench_move": chosen["uri_move"], "bench_release": chosen["uri_release"]})
        stats = sim.stats()
        problems = []
        if run.rc == 0:
            problems += end_state(sim, chosen, chosen["uri_move"], chosen["uri_release"])
            problems += assigned_state(sim, chosen, chosen["uri_move"])
        return [record("writes", URI_LOOP, run, size, latency_ms, stats, expected, run.printed_count(),
                       {"rate_limit": limit, "numbers_per_change": uri_count}, problems)]

    try:
        for operation in OPERATIONS:
            for check_mode in (True, False):
                module_run(operation, check_mode)
        if uri_count:
            guarded(results, "writes", URI_LOOP, size, latency_ms, uri_loop)
    finally:
        sim.configure(rate_limit=None)
