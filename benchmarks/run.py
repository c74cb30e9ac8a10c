# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the ucops.zoom benchmark against the Zoom simulator and write its results.

    .venv/bin/python benchmarks/run.py                  # what `make benchmark` runs: every scenario
    .venv/bin/python benchmarks/run.py --smoke          # a tiny run that checks the harness itself
    .venv/bin/python benchmarks/run.py --report-only benchmarks/results/latest.json

See benchmarks/README.md for what is measured and how to read it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# pylint: disable=wrong-import-position
from zoombench import check, fleet, report, svg, writes  # noqa: E402
from zoombench.runner import REPO, Runner  # noqa: E402
from zoombench.scenarios import Bench, guarded_scenario  # noqa: E402
from zoombench.simulator import SimulatorProcess  # noqa: E402

RESULTS = os.path.join(REPO, "benchmarks", "results")
DOCS_BEGIN = "<!-- benchmark results: begin (written by benchmarks/run.py --update-docs) -->"
DOCS_END = "<!-- benchmark results: end -->"

FULL = {"sizes": [1000, 20000, 100000], "latencies": [0, 20], "uri_max": 1000, "repeat_fixed": 3,
        "sites_size": 20000, "sites_latency": 50, "audit_size": 100000, "audit_latency": 20,
        "rate_size": 20000, "rate_limit": 10, "rate_latency": 20,
        "writes_size": 8000, "writes_count": 1000, "writes_uri": 30, "writes_limit": 10, "writes_latency": 20,
        "fleet_accounts": 8, "fleet_size": 20000, "fleet_latency": 20}
SMOKE = {"sizes": [250], "latencies": [0], "uri_max": 250, "repeat_fixed": 1,
         "sites_size": 250, "sites_latency": 0, "audit_size": 250, "audit_latency": 0,
         "rate_size": 250, "rate_limit": 10, "rate_latency": 0,
         "writes_size": 400, "writes_count": 30, "writes_uri": 1, "writes_limit": 10, "writes_latency": 0,
         "fleet_accounts": 2, "fleet_size": 250, "fleet_latency": 0}
# The options that change one setting of the plan (each also a key of FULL and SMOKE).
PLAN_OPTIONS = ("sizes", "latencies", "uri_max", "sites_size", "sites_latency", "audit_size", "audit_latency", "rate_size",
                "rate_latency", "writes_size", "writes_count", "writes_uri", "writes_latency", "fleet_accounts", "fleet_size",
                "fleet_latency", "repeat_fixed")


def _numbers(text):
    return [int(float(item)) for item in text.split(",") if item.strip()]


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Benchmark ucops.zoom against the Zoom simulator.")
    parser.add_argument("--smoke", action="store_true", help="a tiny run that checks the harness (about half a minute)")
    parser.add_argument("--sizes", type=_numbers, help="numbers in the account, comma-separated (default 1000,20000,100000)")
    parser.add_argument("--latencies", type=_numbers, help="simulated network latency in ms, comma-separated (default 0,20)")
    parser.add_argument("--uri-max", type=int, help="largest size the ansible.builtin.uri loop is run at (default 1000)")
    parser.add_argument("--sites-size", type=int, help="account size of the several-sites scenario, 0 to skip (default 20000)")
    parser.add_argument("--sites-latency", type=int, help="latency of the several-sites scenario in ms (default 50)")
    parser.add_argument("--audit-size", type=int, help="account size of the audit role scenario, 0 to skip (default 100000)")
    parser.add_argument("--audit-latency", type=int, help="latency of the audit role scenario in ms (default 20)")
    parser.add_argument("--rate-size", type=int, help="account size of the rate-limited listings, 0 to skip (default 20000)")
    parser.add_argument("--rate-latency", type=int, help="latency of the rate-limited listings in ms (default 20)")
    parser.add_argument("--writes-size", type=int, help="account size of the writes scenario (default 8000)")
    parser.add_argument("--writes-count", type=int, help="numbers each change of the module makes, 0 to skip the writes (default 1000)")
    parser.add_argument("--writes-uri", type=int, help="numbers each change of the uri loop makes, 0 to skip it (default 30)")
    parser.add_argument("--writes-latency", type=int, help="latency of the writes scenario in ms (default 20)")
    parser.add_argument("--fleet-accounts", type=int, help="simulated accounts of the fleet audit, 0 to skip (default 8)")
    parser.add_argument("--fleet-size", type=int, help="numbers of each fleet account (default 20000)")
    parser.add_argument("--fleet-latency", type=int, help="latency of the fleet audit in ms (default 20)")
    parser.add_argument("--repeat-fixed", type=int, help="runs of each fixed-cost measurement, the median is used (default 3)")
    parser.add_argument("--results", default=RESULTS, help="where results go (default benchmarks/results)")
    parser.add_argument("--update-docs", metavar="FILE", help="replace the results section of this Markdown file (docs/performance.md)")
    parser.add_argument("--collection", metavar="CHECKOUT",
                        help="measure the collection of another checkout (for example a copy with a change to compare); "
                             "the simulator and this harness still come from here")
    parser.add_argument("--keep-workdir", action="store_true", help="keep the scratch folder with every command's output")
    parser.add_argument("--report-only", metavar="RESULTS_JSON", help="only rebuild the report from an earlier results file")
    return parser.parse_args(argv)


def make_plan(args):
    plan = dict(SMOKE if args.smoke else FULL)
    for name in PLAN_OPTIONS:
        value = getattr(args, name)
        if value is not None:
            plan[name] = value
    return plan


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = 0.0
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    memory = int(line.split()[1]) / 1048576.0
    except OSError:
        pass
    import ansible.release  # pylint: disable=import-outside-toplevel
    import requests  # pylint: disable=import-outside-toplevel
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory, "system": platform.system(),
            "python": platform.python_version(), "ansible_core": ansible.release.__version__, "requests": requests.__version__}


def log(text):
    sys.stdout.write(text)
    sys.stdout.flush()


def run_benchmark(plan, workdir, collection=None):
    """Every measurement of the plan, simulator by simulator; returns the result records."""
    runner = Runner(workdir, log=log, collection=collection)
    bench = Bench(runner, repeat_fixed=plan["repeat_fixed"])
    results = []
    log("Ansible's fixed costs\n")
    bench.fixed_costs(results)
    sizes = set(plan["sizes"])
    if plan["sites_size"]:
        sizes.add(plan["sites_size"])
    if plan["audit_size"]:
        sizes.add(plan["audit_size"])
    if plan["rate_size"]:
        sizes.add(plan["rate_size"])
    for size in sorted(sizes):
        log("Simulator with %s numbers\n" % "{:,}".format(size))
        with SimulatorProcess(runner.python, REPO, workdir, size) as sim:
            total = sim.truth()["total"]
            if size in plan["sizes"]:
                records_file = os.path.join(workdir, "records-%d.json" % size)
                with open(records_file, "w", encoding="utf-8") as handle:
                    json.dump({"phone_numbers": sim.truth()["records"]}, handle)
                reference = bench.references(results, size, records_file, total)
                for latency in plan["latencies"]:
                    # Memory does not depend on latency: the module process keeping two fields is measured once.
                    bench.listing(results, sim, size, latency, total, reference, uri_loop=size <= plan["uri_max"],
                                  fields_process=latency == plan["latencies"][0])
                reference.clear()
                os.remove(records_file)
            if size == plan["sites_size"]:
                log(" several sites at once, %g ms\n" % plan["sites_latency"])
                bench.sites(results, sim, size, plan["sites_latency"])
            if size == plan["audit_size"]:
                log(" audit role, %g ms\n" % plan["audit_latency"])
                bench.audit(results, sim, size, plan["audit_latency"], total)
            if size == plan["rate_size"]:
                log(" rate limit %g/s, %g ms\n" % (plan["rate_limit"], plan["rate_latency"]))
                bench.pacing(results, sim, size, plan["rate_latency"], plan["rate_limit"], total)
    if plan["writes_count"]:
        log("Writes: %s numbers per change in an account of %s, %g requests/s, %g ms\n" % (
            "{:,}".format(plan["writes_count"]), "{:,}".format(plan["writes_size"]), plan["writes_limit"], plan["writes_latency"]))
        with SimulatorProcess(runner.python, REPO, workdir, plan["writes_size"], name="simulator-writes") as sim:
            guarded_scenario(results, "writes", writes.entries(plan["writes_uri"]), plan["writes_size"], plan["writes_latency"],
                             lambda: writes.run_writes(bench, results, sim, plan["writes_latency"], plan["writes_limit"],
                                                       plan["writes_count"], plan["writes_uri"]))
    if plan["fleet_accounts"]:
        log("Fleet: %d accounts of %s numbers, %g ms\n" % (plan["fleet_accounts"], "{:,}".format(plan["fleet_size"]), plan["fleet_latency"]))
        guarded_scenario(results, "fleet", fleet.ENTRIES, plan["fleet_size"], plan["fleet_latency"],
                         lambda: fleet.run_fleet(bench, results, plan["fleet_accounts"], plan["fleet_size"], plan["fleet_latency"]))
    return results


def write_outputs(data, results_dir, smoke):
    os.makedirs(results_dir, exist_ok=True)
    stem = "smoke" if smoke else "benchmark-" + data["finished"].replace(":", "").replace("-", "").replace(" ", "-")
    paths = {"json": os.path.join(results_dir, stem + ".json")}
    with open(paths["json"], "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
    text = report.markdown(data)
    paths["md"] = os.path.join(results_dir, stem + ".md")
    with open(paths["md"], "w", encoding="utf-8") as handle:
        handle.write(text)
    picture = svg.chart(data)
    if picture:
        paths["svg"] = os.path.join(results_dir, stem + ".svg")
        with open(paths["svg"], "w", encoding="utf-8") as handle:
            handle.write(picture)
    if not smoke:
        for kind, path in paths.items():
            shutil.copyfile(path, os.path.join(results_dir, "latest." + kind))
    return paths, text


def update_docs(path, text):
    """Put the report between the markers of ``path``."""
    with open(path, encoding="utf-8") as handle:
        current = handle.read()
    if DOCS_BEGIN not in current or DOCS_END not in current:
        raise SystemExit("%s has no results markers (%s ... %s)" % (path, DOCS_BEGIN, DOCS_END))
    head, rest = current.split(DOCS_BEGIN, 1)
    tail = rest.split(DOCS_END, 1)[1]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(head + DOCS_BEGIN + "\n" + text + DOCS_END + tail)


def main(argv):
    args = parse_args(argv)
    if args.report_only:
        with open(args.report_only, encoding="utf-8") as handle:
            data = json.load(handle)
        text = report.markdown(data)
        sys.stdout.write(text)
        if args.update_docs:
            update_docs(args.update_docs, text)
        return 0
    plan = make_plan(args)
    started = time.time()
    load_at_start = os.getloadavg() if hasattr(os, "getloadavg") else None
    workdir = tempfile.mkdtemp(prefix="ucops-zoom-bench-")
    log("Scratch folder: %s\n" % workdir)
    try:
        results = run_benchmark(plan, workdir, args.collection)
    finally:
        if not args.keep_workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    data = {
        "command": " ".join(["benchmarks/run.py"] + [shlex.quote(arg) for arg in argv]),
        "started": datetime.datetime.fromtimestamp(started, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "finished": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "duration_s": time.time() - started,
        "machine": machine(),
        "load_average": {"start": load_at_start, "end": os.getloadavg() if hasattr(os, "getloadavg") else None},
        "plan": plan,
        "collection": os.path.abspath(args.collection) if args.collection else "this checkout",
        "results": results,
    }
    paths, text = write_outputs(data, args.results, args.smoke)
    log("\n" + text + "\nResults: %s\n" % ", ".join(sorted(paths.values())))
    if args.update_docs:
        update_docs(args.update_docs, text)
    errors = check.verify(data)
    if errors:
        log("\nThe benchmark is incomplete or not exact:\n" + "".join("  - %s\n" % error[:1000] for error in errors))
        return 1
    log("\nEvery planned measurement is complete and exact.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
