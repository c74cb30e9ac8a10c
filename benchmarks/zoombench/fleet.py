# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fleet of accounts: ``ucops.zoom.audit_accounts`` auditing them at once, and one after the other.

Each account is a simulator of its own (its own credentials, seed and counters), so the accounts
share nothing but the machine, as a service provider's customers share nothing but the
controller. The same playbook and inventory run twice: with one fork per account, and with one
fork (the accounts in turn). Each run is checked account by account: every number in its report
and the roll-up, exactly the listings its audit needs, one token.
"""

from __future__ import annotations

import contextlib
import json
import os

from zoombench.runner import REPO
from zoombench.scenarios import guarded, pages_for, record
from zoombench.simulator import SimulatorProcess

PARALLEL = "audit_accounts, a fork per account"
SERIAL = "audit_accounts, one account after the other (forks 1)"
ENTRIES = (PARALLEL, SERIAL)


def combined(stats):
    """The counters of several simulators as one run's: sums, and the window from the first request to the last answer."""
    def earliest(key):
        values = [item[key] for item in stats if item.get(key) is not None]
        return min(values) if values else None

    def latest(key):
        values = [item[key] for item in stats if item.get(key) is not None]
        return max(values) if values else None

    total = dict((key, sum(item.get(key) or 0 for item in stats))
                 for key in ("list_requests", "token_requests", "rate_limited", "requests", "write_requests"))
    total.update(peak_concurrency=max(item["peak_concurrency"] for item in stats), by_operation={},
                 first_request_at=earliest("first_request_at"), last_response_at=latest("last_response_at"),
                 first_api_request_at=earliest("first_api_request_at"), last_api_response_at=latest("last_api_response_at"))
    for item in stats:
        for operation, count in (item.get("by_operation") or {}).items():
            total["by_operation"][operation] = total["by_operation"].get(operation, 0) + count
    return total


def _inventory(path, sims):
    hosts = dict(("account%d" % (index + 1), {"phone_numbers_audit_connection": sim.connection()}) for index, sim in enumerate(sims))
    with open(path, "w", encoding="utf-8") as handle:
        json.dump({"all": {"hosts": hosts}}, handle, indent=1)
    return list(hosts)


def run_fleet(bench, results, accounts, size, latency_ms):
    """Start ``accounts`` simulators of ``size`` numbers and audit them with forks = accounts, then with one fork."""
    runner = bench.runner
    with contextlib.ExitStack() as stack:
        sims = [stack.enter_context(SimulatorProcess(runner.python, REPO, runner.workdir, size, seed=index + 1,
                                                     name="fleet-%d" % (index + 1), account="fleet%d" % (index + 1)))
                for index in range(accounts)]
        expected_of = []
        for sim in sims:
            sim.configure(latency_ms=latency_ms, rate_limit=None)
            total, byoc = sim.truth()["total"], sim.truth(type="byoc")["total"]
            # With the default rules each audit adds a type=byoc listing for the BYOC-only fields.
            expected_of.append({"count": total, "list_requests": pages_for(total) + (pages_for(byoc) if byoc else 0), "token_requests": 1})
        expected = dict((key, sum(item[key] for item in expected_of)) for key in ("count", "list_requests", "token_requests"))
        expected["rate_limited_max"] = 0
        inventory = os.path.join(runner.workdir, "fleet-accounts.json")
        names = _inventory(inventory, sims)

        def measured(entry, forks):
            def function():
                for sim in sims:
                    sim.reset()
                folder = runner.new_folder(entry)
                output = os.path.join(folder, "reports")
                # The accounts' own limits are not what is measured here (see the README): every audit
                # paces far above anything the simulators refuse, as every other run of the benchmark does.
                run = runner.playbook(entry, "ucops.zoom.audit_accounts", zoom={"ZOOM_RATE_LIMIT": "10000"}, inventory=inventory,
                                      folder=folder, args=["--forks", str(forks)],
                                      extra_vars={"phone_numbers_audit_output_dir": output})
                stats = [sim.stats() for sim in sims]
                problems, count = _check_accounts(run, output, names, expected_of, stats)
                return [record("fleet", entry, run, size, latency_ms, combined(stats), expected, count,
                               {"accounts": accounts, "forks": forks}, problems)]
            guarded(results, "fleet", entry, size, latency_ms, function)

        measured(PARALLEL, accounts)
        measured(SERIAL, 1)


def _check_accounts(run, output, names, expected_of, stats):
    """(problems, numbers in the roll-up): each account audited, complete, with exactly its own requests."""
    problems = []
    for name, expected, counters in zip(names, expected_of, stats):
        if counters["list_requests"] != expected["list_requests"] or counters["token_requests"] != expected["token_requests"]:
            problems.append("%s: %d list and %d token requests, expected %d and %d" % (
                name, counters["list_requests"], counters["token_requests"], expected["list_requests"], expected["token_requests"]))
    path = os.path.join(output, "accounts.json")
    if run.rc != 0 or not os.path.exists(path):
        return problems + ([] if run.rc != 0 else ["no roll-up accounts.json"]), None
    with open(path, encoding="utf-8") as handle:
        rollup = json.load(handle)
    found = dict((entry["account"], entry) for entry in rollup.get("accounts", []))
    for name, expected in zip(names, expected_of):
        entry = found.get(name)
        if entry is None or entry.get("status") != "ok" or entry.get("total") != expected["count"]:
            problems.append("%s: roll-up entry %s, expected status ok and %d numbers" % (
                name, json.dumps(entry)[:200] if entry else "missing", expected["count"]))
        elif not os.path.exists(os.path.join(output, name, "phone_numbers_audit.json")):
            problems.append("%s: no phone_numbers_audit.json" % name)
    return problems, rollup.get("totals", {}).get("numbers")
