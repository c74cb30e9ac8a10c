# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Results to tables: the Markdown report and the verdict on each target of the benchmark.

Everything here is computed from the results file alone, so a report can be rebuilt from an
earlier run with ``python benchmarks/run.py --report-only RESULTS.json``.
"""

from __future__ import annotations

from zoombench.report_writes_fleet import fleet_table, fleet_targets, writes_table, writes_targets
from zoombench.results import Results, fmt, ratio, span, table, times, verdict
from zoombench.scenarios import AUDIT_LISTING, BENCH_FIELDS, PACE_DEFAULT, PACE_NAMED

# The targets the collection is held to (docs/performance.md explains each; the writes' and the
# fleet's are in report_writes_fleet.py).
API_SPAN_FACTOR = 1.05
# The module keeping two fields: end to end against the floor, and per page against the uri loop.
FIELDS_FLOOR_FACTOR = 1.3
URI_PAGE_FACTOR = 25.0
# Memory at the largest size: with fields against the JSON returned and against the peak without
# fields; without fields against a module that only returns the same records.
FIELDS_MEMORY_FACTOR = 3.0
FIELDS_MEMORY_SHARE = 0.25
RECORDS_MEMORY_FACTOR = 1.1
RATE_SHARE = 0.90
RATE_429_SHARE = 0.01
DEFAULT_429_SHARE = 0.02
SITES_FACTOR = 0.25
AUDIT_LISTING_FACTOR = 1.2


REFERENCE_OF = {
    "module": "module returning the records",
    "lookup": "lookup returning the records",
    "inventory": "inventory plugin adding the hosts",
}


def breakdown(res, entry, size, latency_ms):
    """An entry point's time as Ansible's part (the same data from a file), the API and the rest.

    In wall time: the reference's wall time, the API span, and what remains. In CPU time, which
    other work on the machine disturbs less: the reference's CPU, the floor's CPU (requesting and
    parsing the same pages), and what remains.
    """
    result = res.usable("listing", entry, size, latency_ms)
    reference = res.usable("reference", REFERENCE_OF[entry], size)
    floor = res.usable("listing", "floor", size, latency_ms)
    if not result or not reference or span(result) is None:
        return None
    own = result["wall_s"] - reference["wall_s"] - span(result)
    parts = {"wall": result["wall_s"], "reference": reference["wall_s"], "api": span(result), "own": own,
             "own_share": own / result["wall_s"], "cpu": result["cpu_s"], "reference_cpu": reference["cpu_s"],
             "floor_cpu": None, "own_cpu": None}
    if floor:
        parts["floor_cpu"] = floor["cpu_s"]
        parts["own_cpu"] = result["cpu_s"] - reference["cpu_s"] - floor["cpu_s"]
    return parts


def listing_table(res):
    rows = []
    for size in res.sizes():
        for latency in res.latencies():
            floor = res.usable("listing", "floor", size, latency)
            for entry in ("floor", "module", "module process", "module, fields", "module process, fields", "lookup", "inventory", "uri loop"):
                result = res.find("listing", entry, size, latency)
                if result is None:
                    continue
                api = result["api"] or {}
                expected = result["expected"].get("list_requests")
                rows.append([
                    "{:,}".format(size), "%g ms" % latency, entry + (" (failed)" if result["problems"] else ""),
                    fmt(result["wall_s"]), times(ratio(result["wall_s"], floor and floor["wall_s"])), fmt(result["cpu_s"]),
                    fmt(span(result)), times(ratio(span(result), span(floor))),
                    "%s (%s)" % (api.get("list_requests", "n/a"), expected), str(api.get("token_requests", "n/a")),
                    fmt(result["peak_rss_mb"], 0),
                ])
    return table(["N", "latency", "entry point", "wall s", "wall vs floor", "CPU s", "API span s", "API span vs floor",
                  "list requests (expected)", "token requests", "peak RSS MB"], rows, left=3)


def fixed_table(res):
    rows = []
    for entry, what in (("no-op playbook", "`ansible-playbook` with one `debug` task"),
                        ("empty inventory", "`ansible-inventory --list` of an inventory without hosts")):
        rows.append([entry, what, "", fmt(res.fixed(entry)), fmt(res.fixed(entry, "cpu_s")), fmt(res.fixed(entry, "peak_rss_mb"), 0)])
    for size in res.sizes("reference"):
        for entry, what in (("module returning the records", "a module that returns the same records, read from a file, registered"),
                            ("module process returning the records", "that module's process run on its own"),
                            ("module returning two fields of the records", "the same module and playbook, with only `id` and `number` of each record"),
                            ("lookup returning the records", "a lookup that returns the same records, read from a file, counted"),
                            ("lookup result stored with set_fact", "the same lookup result stored as a fact with `set_fact`, then counted"),
                            ("inventory plugin adding the hosts", "an inventory plugin that builds the same hosts from a file, `--list`")):
            result = res.find("reference", entry, size)
            if result:
                rows.append([entry, what, "{:,}".format(size), fmt(result["wall_s"]), fmt(result["cpu_s"]), fmt(result["peak_rss_mb"], 0)])
    return table(["reference", "what it runs", "N", "wall s", "CPU s", "peak RSS MB"], rows, left=2)


def breakdown_table(res):
    rows = []
    for size in res.sizes():
        for latency in res.latencies():
            for entry in ("module", "lookup", "inventory"):
                parts = breakdown(res, entry, size, latency)
                if parts:
                    rows.append(["{:,}".format(size), "%g ms" % latency, entry, fmt(parts["wall"]), fmt(parts["reference"]),
                                 fmt(parts["api"]), fmt(parts["own"]), "%.0f%%" % (100 * parts["own_share"]),
                                 fmt(parts["cpu"]), fmt(parts["reference_cpu"]), fmt(parts["floor_cpu"]), fmt(parts["own_cpu"])])
    return table(["N", "latency", "entry point", "wall s", "Ansible's part s (same data from a file)", "API span s",
                  "the collection's own s", "own share of wall", "CPU s", "reference CPU s", "floor CPU s", "own CPU s"], rows, left=3)


def memory_table(res):
    rows = []
    for size in res.sizes():
        reference = res.usable("reference", "module process returning the records", size)
        for latency in res.latencies():
            result = res.usable("listing", "module process", size, latency)
            kept = res.usable("listing", "module process, fields", size, latency)
            playbook = res.usable("listing", "module", size, latency)
            if not result:
                continue
            json_mb = result["extra"].get("result_json_mb")
            kept_mb = kept and kept["extra"].get("result_json_mb")
            rows.append(["{:,}".format(size), "%g ms" % latency, fmt(json_mb, 1), fmt(result["peak_rss_mb"], 0),
                         times(ratio(result["peak_rss_mb"], json_mb)), fmt(reference and reference["peak_rss_mb"], 0),
                         times(ratio(result["peak_rss_mb"], reference and reference["peak_rss_mb"])),
                         fmt(kept_mb, 1), fmt(kept and kept["peak_rss_mb"], 0), times(ratio(kept and kept["peak_rss_mb"], kept_mb)),
                         fmt(ratio(kept and kept["peak_rss_mb"], result["peak_rss_mb"]), 3),
                         fmt(result["wall_s"]), fmt(reference and reference["wall_s"]), fmt(playbook and playbook["peak_rss_mb"], 0)])
    return table(["N", "latency", "result JSON MB", "module process peak RSS MB", "RSS / JSON",
                  "reference module process RSS MB", "RSS / reference", "with fields: JSON MB", "with fields: peak RSS MB",
                  "with fields: RSS / JSON", "with fields / without", "module process wall s", "reference process wall s",
                  "ansible-playbook run peak RSS MB (largest process)"], rows, left=2)


def inventory_table(res):
    rows = []
    for size in res.sizes():
        reference = res.usable("reference", "inventory plugin adding the hosts", size)
        for latency in res.latencies():
            result = res.usable("listing", "inventory", size, latency)
            if not result:
                continue
            own = result["wall_s"] - reference["wall_s"] - span(result) if reference else None
            rows.append(["{:,}".format(size), "%g ms" % latency, fmt(result["wall_s"]), fmt(1000.0 * result["wall_s"] / size, 3),
                         fmt(result["peak_rss_mb"], 0), fmt(1024.0 * result["peak_rss_mb"] / size, 1),
                         fmt(reference and reference["wall_s"]), fmt(reference and reference["peak_rss_mb"], 0),
                         fmt(span(result)), fmt(own),
                         fmt(result["peak_rss_mb"] - reference["peak_rss_mb"], 0) if reference else "n/a"])
    return table(["N", "latency", "wall s", "ms per host", "peak RSS MB", "KB per host", "reference wall s", "reference RSS MB",
                  "API span s", "plugin's own s", "plugin's own RSS MB"], rows, left=2)


def rate_table(res):
    rows = []
    for result in res.records:
        if result["group"] != "rate" or not result["api"] or not result["api"]["span_s"]:
            continue
        api, extra = result["api"], result["extra"]
        rate, share, errors = pacing(result)
        rows.append([result["entry"], "{:,}".format(result["size"]), "%g ms" % result["latency_ms"], "%g/s" % extra["rate_limit"],
                     "not set" if extra.get("rate_limit_option") is None else "%g" % extra["rate_limit_option"],
                     str(api["list_requests"]), str(api["rate_limited"]), "%.2f%%" % (100 * errors), fmt(api["span_s"]), fmt(rate),
                     "%.1f%%" % (100 * share), fmt(result["wall_s"])])
    if not rows:
        return ""
    sample = next(result for result in res.records if result["group"] == "rate")
    return ("The simulator's %s profile: quota headers without a type (%s a day), per-second 429s shaped by `qps_retry_after=%s`.\n\n" % (
        sample["extra"].get("profile"), sample["extra"].get("quota_headers"), sample["extra"].get("qps_retry_after")) +
        table(["run", "N", "latency", "account limit", "rate_limit", "list requests", "HTTP 429", "429 share", "API span s", "requests/s",
               "share of the limit", "wall s"], rows, left=5))


SITE_PAIRS = (
    ("module", "module, queries (concurrent)", "module, a task per site (sequential)"),
    ("lookup", "lookup, queries (concurrent)", "lookup, a call per site (sequential)"),
    ("inventory", "inventory, queries (concurrent)", "inventory, a source per site (sequential)"),
)


def sites_tables(res):
    rows, ratios = [], []
    for result in res.records:
        if result["group"] != "sites":
            continue
        api = result["api"] or {}
        rows.append([result["entry"] + (" (failed)" if result["problems"] else ""), fmt(result["wall_s"]), fmt(span(result)),
                     "%s (%s)" % (api.get("list_requests", "n/a"), result["expected"].get("list_requests")),
                     str(api.get("token_requests", "n/a")), str(api.get("peak_concurrency", "n/a"))])
    for name, concurrent, sequential in SITE_PAIRS:
        fast, slow = res.usable("sites", concurrent), res.usable("sites", sequential)
        if fast and slow:
            ratios.append([name, fmt(ratio(span(fast), span(slow)), 3), fmt(ratio(fast["wall_s"], slow["wall_s"]), 3)])
    if not rows:
        return ""
    return table(["entry point", "wall s", "API span s", "list requests (expected)", "token requests", "peak concurrency"], rows) + \
        "\n" + table(["entry point", "concurrent / sequential, API span", "concurrent / sequential, wall"], ratios)


def audit_table(res):
    result = res.find("audit", "audit role")
    if result is None:
        return ""
    if result["extra"].get("skipped"):
        return "Not measured: %s.\n" % result["extra"]["skipped"]
    rows = []
    for run in (result, res.find("audit", AUDIT_LISTING)):
        if run is None:
            continue
        extra, api = run["extra"], run["api"] or {}
        rows.append([run["entry"] + (" (failed)" if run["problems"] else ""), "{:,}".format(run["size"]), "%g ms" % run["latency_ms"],
                     fmt(run["wall_s"]), fmt(span(run)), fmt(extra.get("listing_s")), fmt(extra.get("evaluation_and_writing_s")),
                     fmt(extra.get("audit_task_s")), fmt(extra.get("other_tasks_s")), fmt(run["peak_rss_mb"], 0),
                     "%s (%s)" % (api.get("list_requests", "n/a"), run["expected"].get("list_requests")), str(api.get("token_requests", "n/a")),
                     ", ".join("%s %.1f MB" % (kind, size) for kind, size in sorted(extra.get("reports_mb", {}).items())) or "none"])
    return table(["run", "N", "latency", "wall s", "API span s", "listing s", "evaluation and writing s", "audit task s", "other tasks s",
                  "peak RSS MB", "list requests (expected)", "token requests", "reports"], rows, left=3)


def _number(value):
    return "{:,}".format(value)


def _cell(res):
    """The listing cell the speed targets are read at: 20,000 numbers and 20 ms, or the nearest this run has."""
    sizes, latencies = res.sizes(), res.latencies()
    size = 20000 if 20000 in sizes else (max(sizes) if sizes else None)
    latency = 20 if 20 in latencies else (max(latencies) if latencies else None)
    return size, latency


def _against(value, target):
    """How far a measured value is from its target, as a signed percentage of the target."""
    return "%+.0f%% against the target" % (100.0 * (value / target - 1))


def exact_targets(res):
    runs = [result for result in res.records if result["group"] in ("listing", "sites", "rate", "audit", "writes", "fleet") and result["api"]]
    exact = [result for result in runs if not any("requests" in problem for problem in result["problems"])]
    return [("Exactly the requests each run needs: ceil(N/page_size) list requests per listing, the fewest write batches, "
             "one token request per account",
             "%d of %d API runs exact" % (len(exact), len(runs)),
             verdict(len(exact) == len(runs), "every run checked against the simulator's counters"))]


def listing_targets(res):
    """The module's API span against the floor, its own cost, and (with fields) its speed end to end and per page."""
    found = []
    size, latency = _cell(res)
    module, floor = res.usable("listing", "module", size, latency), res.usable("listing", "floor", size, latency)
    if module and floor:
        factor = ratio(span(module), span(floor))
        found.append(("Module API span within %.2fx of the floor (N=%s, %g ms)" % (API_SPAN_FACTOR, _number(size), latency),
                      "%s s vs %s s = %s" % (fmt(span(module), 3), fmt(span(floor), 3), times(factor)),
                      verdict(factor <= API_SPAN_FACTOR, "%+.1f%% against the floor" % (100 * (factor - 1)))))
        parts = breakdown(res, "module", size, latency)
        if parts:
            found.append(("Module time beyond the API and Ansible's own cost of the result close to zero (N=%s, %g ms)" % (_number(size), latency),
                          "%s s of %s s wall (%.0f%%), %s CPU s; Ansible carrying the result: %s s beyond a no-op playbook" % (
                              fmt(parts["own"]), fmt(parts["wall"]), 100 * parts["own_share"], fmt(parts["own_cpu"]),
                              fmt(parts["reference"] - (res.fixed("no-op playbook") or 0))),
                          "reported"))
    fields = res.usable("listing", "module, fields", size, latency)
    if fields and floor:
        factor = fields["wall_s"] / floor["wall_s"]
        found.append(("Module with fields %s end to end within %gx of the floor (N=%s, %g ms)" % (
            "/".join(BENCH_FIELDS), FIELDS_FLOOR_FACTOR, _number(size), latency),
            "%s s vs %s s = %s" % (fmt(fields["wall_s"]), fmt(floor["wall_s"]), times(factor)),
            verdict(factor <= FIELDS_FLOOR_FACTOR, _against(factor, FIELDS_FLOOR_FACTOR))))
    uri = res.usable("listing", "uri loop", None, latency)
    if fields and uri:
        module_page = fields["wall_s"] / fields["expected"]["list_requests"]
        uri_page = uri["wall_s"] / uri["expected"]["list_requests"]
        factor = uri_page / module_page
        found.append(("Module with fields at least %gx faster per page than the uri loop (%g ms)" % (URI_PAGE_FACTOR, latency),
                      "%s ms per page (N=%s) vs %s ms per page for the uri loop (N=%s) = %s" % (
                          fmt(1000 * module_page, 1), _number(size), fmt(1000 * uri_page, 1), _number(uri["size"]), times(factor)),
                      verdict(factor >= URI_PAGE_FACTOR, "%s faster (%s)" % (times(factor), _against(factor, URI_PAGE_FACTOR)))))
    return found


def inventory_targets(res):
    found = []
    sizes = res.sizes()
    biggest = max(sizes) if sizes else None
    for latency_ms in res.latencies():
        inventory = res.usable("listing", "inventory", biggest, latency_ms)
        reference = res.usable("reference", "inventory plugin adding the hosts", biggest)
        parts = breakdown(res, "inventory", biggest, latency_ms)
        if parts:
            found.append(("Inventory at N=%s, %g ms: time and memory per host; plugin's own cost close to Ansible's" % (_number(biggest), latency_ms),
                          "%s ms and %s KB per host; plugin's own %s s wall / %s CPU s on top of %s s / %s CPU s for Ansible's inventory "
                          "and %s s of API" % (
                              fmt(1000.0 * inventory["wall_s"] / biggest, 3), fmt(1024.0 * inventory["peak_rss_mb"] / biggest, 1),
                              fmt(parts["own"]), fmt(parts["own_cpu"]), fmt(reference["wall_s"]), fmt(reference["cpu_s"]),
                              fmt(span(inventory))),
                          "reported (%+.0f%% of the reference in wall time, %s in CPU time)" % (
                              100.0 * parts["own"] / reference["wall_s"],
                              "n/a" if parts["own_cpu"] is None else "%+.0f%%" % (100.0 * parts["own_cpu"] / reference["cpu_s"]))))
    return found


def memory_targets(res):
    """The module process at the largest size: with fields against its JSON and against the peak without; without, against bench_records."""
    found = []
    sizes, latencies = res.sizes(), res.latencies()
    if not sizes or not latencies:
        return found
    size, latency = max(sizes), min(latencies)
    whole = res.usable("listing", "module process", size, latency)
    kept = res.usable("listing", "module process, fields", size, latency)
    reference = res.usable("reference", "module process returning the records", size)
    label = "/".join(BENCH_FIELDS)
    if kept and kept["extra"].get("result_json_mb"):
        factor = kept["peak_rss_mb"] / kept["extra"]["result_json_mb"]
        found.append(("Module process with fields %s at N=%s: peak memory at most %gx the JSON it returns" % (label, _number(size), FIELDS_MEMORY_FACTOR),
                      "%s MB for %s MB of JSON = %s" % (fmt(kept["peak_rss_mb"], 0), fmt(kept["extra"]["result_json_mb"], 1), times(factor)),
                      verdict(factor <= FIELDS_MEMORY_FACTOR, _against(factor, FIELDS_MEMORY_FACTOR))))
    if kept and whole:
        share = kept["peak_rss_mb"] / whole["peak_rss_mb"]
        found.append(("Module process with fields %s at N=%s: peak memory at most %g of the peak without fields" % (label, _number(size), FIELDS_MEMORY_SHARE),
                      "%s MB vs %s MB = %s" % (fmt(kept["peak_rss_mb"], 0), fmt(whole["peak_rss_mb"], 0), fmt(share, 3)),
                      verdict(share <= FIELDS_MEMORY_SHARE, _against(share, FIELDS_MEMORY_SHARE))))
    if whole and reference:
        factor = whole["peak_rss_mb"] / reference["peak_rss_mb"]
        found.append(("Module process without fields at N=%s: peak memory at most %gx a module that only returns the same records" % (
            _number(size), RECORDS_MEMORY_FACTOR),
            "%s MB vs %s MB (bench_records) = %s; the result's JSON: %s MB" % (
                fmt(whole["peak_rss_mb"], 0), fmt(reference["peak_rss_mb"], 0), times(factor), fmt(whole["extra"].get("result_json_mb"), 1)),
            verdict(factor <= RECORDS_MEMORY_FACTOR, _against(factor, RECORDS_MEMORY_FACTOR))))
    return found


def pacing(result):
    """(list requests answered per second over the API span, share of the limit, share of 429s)."""
    api, limit = result["api"], result["extra"]["rate_limit"]
    rate = (api["list_requests"] - api["rate_limited"]) / api["span_s"]
    return rate, rate / limit, api["rate_limited"] / float(max(1, api["list_requests"]))


def pacing_targets(res):
    found = []
    named, default = res.find("rate", PACE_NAMED), res.find("rate", PACE_DEFAULT)
    if named and named["api"] and named["api"]["span_s"]:
        rate, share, errors = pacing(named)
        found.append(("Account limited to %g/s (%s simulator), rate_limit set to it (N=%s): >= %d%% of the limit, 429s < %d%%" % (
            named["extra"]["rate_limit"], named["extra"].get("profile"), _number(named["size"]), 100 * RATE_SHARE, 100 * RATE_429_SHARE),
            "%s requests/s (%.1f%%), %d 429s (%.2f%%)" % (fmt(rate), 100 * share, named["api"]["rate_limited"], 100 * errors),
            verdict(share >= RATE_SHARE and errors < RATE_429_SHARE, "throughput %.1f%%, 429s %.2f%%" % (100 * share, 100 * errors))))
    if default and default["api"] and default["api"]["span_s"]:
        rate, share, errors = pacing(default)
        found.append(("Account limited to %g/s (%s simulator), no rate_limit, the default pace (N=%s): 429s < %d%%" % (
            default["extra"]["rate_limit"], default["extra"].get("profile"), _number(default["size"]), 100 * DEFAULT_429_SHARE),
            "%s requests/s (%.1f%% of the limit), %d 429s (%.2f%%)" % (fmt(rate), 100 * share, default["api"]["rate_limited"], 100 * errors),
            verdict(errors < DEFAULT_429_SHARE, "429s %.2f%%" % (100 * errors))))
    return found


def sites_targets(res):
    found = []
    for name, concurrent, sequential in SITE_PAIRS:
        fast, slow = res.usable("sites", concurrent), res.usable("sites", sequential)
        if fast and slow:
            factor = ratio(span(fast), span(slow))
            wall = ratio(fast["wall_s"], slow["wall_s"])
            found.append(("%s: %d sites concurrently in at most %g of the sequential time (%g ms)" % (
                name.capitalize(), fast["extra"].get("sites", 0), SITES_FACTOR, fast["latency_ms"]),
                "API span %s, wall %s of sequential" % (fmt(factor, 3), fmt(wall, 3)),
                verdict(factor <= SITES_FACTOR, "API span; the wall ratio includes Ansible's fixed cost, paid once either way")))
    return found


def audit_targets(res):
    found = []
    audit = res.usable("audit", "audit role")
    if audit and audit["extra"].get("evaluation_and_writing_s") is not None:
        after, listing = audit["extra"]["evaluation_and_writing_s"], audit["extra"]["listing_s"]
        found.append(("Audit role at N=%s with four reports, %g ms: evaluation and writing below the listing time" % (
            _number(audit["size"]), audit["latency_ms"]),
            "%s s in all; listing %s s (API span %s s); evaluation and writing %s s" % (
                fmt(audit["wall_s"]), fmt(listing), fmt(span(audit)), fmt(after)),
            verdict(after < listing, "%s of the listing time" % times(ratio(after, listing)))))
    alone = res.usable("audit", AUDIT_LISTING)
    if audit and alone:
        factor = audit["wall_s"] / alone["wall_s"]
        found.append(("Audit role at N=%s, %g ms: total time within %gx of its listing alone (the module with the same filters%s)" % (
            _number(audit["size"]), audit["latency_ms"], AUDIT_LISTING_FACTOR,
            ", and the type=byoc listing of the BYOC fields" if alone["extra"].get("byoc_numbers") else ""),
            "%s s vs %s s = %s" % (fmt(audit["wall_s"]), fmt(alone["wall_s"]), times(factor)),
            verdict(factor <= AUDIT_LISTING_FACTOR, _against(factor, AUDIT_LISTING_FACTOR))))
    return found


def targets(res):
    """[(target, measured, verdict)] for every target that this run measured."""
    return (exact_targets(res) + listing_targets(res) + inventory_targets(res) + memory_targets(res) + pacing_targets(res) +
            sites_targets(res) + audit_targets(res) + writes_targets(res) + fleet_targets(res))


def markdown(data):
    res = Results(data)
    machine = data["machine"]
    out = []
    out.append("Measured %s with `%s` in %.0f minutes.\n" % (data["finished"], data["command"], data["duration_s"] / 60.0))
    out.append("Machine: %s, %d cores, %.0f GB memory; Python %s, ansible-core %s, requests %s.\n" % (
        machine["cpu"], machine["cores"], machine["memory_gb"], machine["python"], machine["ansible_core"], machine["requests"]))
    problems = res.problems()
    if problems:
        out.append("\n**%d measurement(s) failed or were not exact** and are left out of the ratios: %s.\n" % (
            len(problems), "; ".join("%s %s N=%s: %s" % (item["group"], item["entry"], item["size"], item["problems"][0][:200]) for item in problems)))
    out.append("\n### Targets\n\n")
    out.append(table(["target", "measured", "verdict"], [list(item) for item in targets(res)], left=3))
    out.append("\n### Listing: every entry point against the floor\n\n")
    out.append(listing_table(res))
    out.append("\n### Ansible's own costs\n\n")
    out.append(fixed_table(res))
    out.append("\n### Where the time goes\n\n")
    out.append(breakdown_table(res))
    out.append("\n### Memory of the module process\n\n")
    out.append(memory_table(res))
    out.append("\n### Inventory per host\n\n")
    out.append(inventory_table(res))
    for title, text in (("Rate limit", rate_table(res)), ("Several sites at once", sites_tables(res)),
                        ("Audit role", audit_table(res)), ("Writes at the rate limit", writes_table(res)),
                        ("A fleet of accounts", fleet_table(res))):
        if text:
            out.append("\n### %s\n\n" % title)
            out.append(text)
    return "".join(out)
