# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Results to tables: the Markdown report and the verdict on each target of the benchmark.

Everything here is computed from the results file alone, so a report can be rebuilt from an
earlier run with ``python benchmarks/run.py --report-only RESULTS.json``.
"""

from __future__ import annotations

import statistics

# The targets the collection is held to (docs/performance.md explains each).
API_SPAN_FACTOR = 1.05
MEMORY_FACTOR = 3.0
RATE_SHARE = 0.90
RATE_429_SHARE = 0.01
SITES_FACTOR = 0.25


def _fmt(value, digits=2):
    if value is None:
        return "n/a"
    if isinstance(value, str):
        return value
    return "{:,.{}f}".format(value, digits)


def _ratio(value, base):
    if value is None or not base:
        return None
    return value / base


def _times(value):
    return "n/a" if value is None else "%sx" % _fmt(value, 2)


def _table(header, rows, left=1):
    """A Markdown table: the first ``left`` columns aligned left (labels), the others right (numbers)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if index < left else "---:" for index in range(len(header))) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


class Results:
    """Lookups over the result records of one run."""

    def __init__(self, data):
        self.data = data
        self.records = data["results"]

    def find(self, group, entry, size=None, latency_ms=None):
        for result in self.records:
            if result["group"] == group and result["entry"] == entry and \
                    (size is None or result["size"] == size) and (latency_ms is None or result["latency_ms"] == latency_ms):
                return result
        return None

    def usable(self, group, entry, size=None, latency_ms=None):
        """The result, when it exists and has nothing wrong with it."""
        result = self.find(group, entry, size, latency_ms)
        return result if result and not result["problems"] and result["wall_s"] is not None else None

    def fixed(self, entry, key="wall_s"):
        """Median over the repeated runs of a fixed cost."""
        values = [result[key] for result in self.records if result["group"] == "fixed" and result["entry"] == entry and not result["problems"]]
        return statistics.median(values) if values else None

    def sizes(self, group="listing"):
        return sorted(set(result["size"] for result in self.records if result["group"] == group and result["size"] is not None))

    def latencies(self, group="listing"):
        return sorted(set(result["latency_ms"] for result in self.records if result["group"] == group and result["latency_ms"] is not None))

    def problems(self):
        return [result for result in self.records if result["problems"]]


def span(result):
    return result["api"]["span_s"] if result and result.get("api") else None


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
            for entry in ("floor", "module", "module process", "lookup", "inventory", "uri loop"):
                result = res.find("listing", entry, size, latency)
                if result is None:
                    continue
                api = result["api"] or {}
                expected = result["expected"].get("list_requests")
                rows.append([
                    "{:,}".format(size), "%g ms" % latency, entry + (" (failed)" if result["problems"] else ""),
                    _fmt(result["wall_s"]), _times(_ratio(result["wall_s"], floor and floor["wall_s"])), _fmt(result["cpu_s"]),
                    _fmt(span(result)), _times(_ratio(span(result), span(floor))),
                    "%s (%s)" % (api.get("list_requests", "n/a"), expected), str(api.get("token_requests", "n/a")),
                    _fmt(result["peak_rss_mb"], 0),
                ])
    return _table(["N", "latency", "entry point", "wall s", "wall vs floor", "CPU s", "API span s", "API span vs floor",
                   "list requests (expected)", "token requests", "peak RSS MB"], rows, left=3)


def fixed_table(res):
    rows = []
    for entry, what in (("no-op playbook", "`ansible-playbook` with one `debug` task"),
                        ("empty inventory", "`ansible-inventory --list` of an inventory without hosts")):
        rows.append([entry, what, "", _fmt(res.fixed(entry)), _fmt(res.fixed(entry, "cpu_s")), _fmt(res.fixed(entry, "peak_rss_mb"), 0)])
    for size in res.sizes("reference"):
        for entry, what in (("module returning the records", "a module that returns the same records, read from a file, registered"),
                            ("module process returning the records", "that module's process run on its own"),
                            ("module returning two fields of the records", "the same module and playbook, with only `id` and `number` of each record"),
                            ("lookup returning the records", "a lookup that returns the same records, read from a file, counted"),
                            ("lookup result stored with set_fact", "the same lookup result stored as a fact with `set_fact`, then counted"),
                            ("inventory plugin adding the hosts", "an inventory plugin that builds the same hosts from a file, `--list`")):
            result = res.find("reference", entry, size)
            if result:
                rows.append([entry, what, "{:,}".format(size), _fmt(result["wall_s"]), _fmt(result["cpu_s"]), _fmt(result["peak_rss_mb"], 0)])
    return _table(["reference", "what it runs", "N", "wall s", "CPU s", "peak RSS MB"], rows, left=2)


def breakdown_table(res):
    rows = []
    for size in res.sizes():
        for latency in res.latencies():
            for entry in ("module", "lookup", "inventory"):
                parts = breakdown(res, entry, size, latency)
                if parts:
                    rows.append(["{:,}".format(size), "%g ms" % latency, entry, _fmt(parts["wall"]), _fmt(parts["reference"]),
                                 _fmt(parts["api"]), _fmt(parts["own"]), "%.0f%%" % (100 * parts["own_share"]),
                                 _fmt(parts["cpu"]), _fmt(parts["reference_cpu"]), _fmt(parts["floor_cpu"]), _fmt(parts["own_cpu"])])
    return _table(["N", "latency", "entry point", "wall s", "Ansible's part s (same data from a file)", "API span s",
                   "the collection's own s", "own share of wall", "CPU s", "reference CPU s", "floor CPU s", "own CPU s"], rows, left=3)


def memory_table(res):
    rows = []
    for size in res.sizes():
        reference = res.usable("reference", "module process returning the records", size)
        for latency in res.latencies():
            result = res.usable("listing", "module process", size, latency)
            playbook = res.usable("listing", "module", size, latency)
            if not result:
                continue
            json_mb = result["extra"].get("result_json_mb")
            rows.append(["{:,}".format(size), "%g ms" % latency, _fmt(json_mb, 1), _fmt(result["peak_rss_mb"], 0),
                         _times(_ratio(result["peak_rss_mb"], json_mb)), _fmt(reference and reference["peak_rss_mb"], 0),
                         _times(_ratio(reference and reference["peak_rss_mb"], json_mb)), _fmt(result["wall_s"]),
                         _fmt(reference and reference["wall_s"]), _fmt(playbook and playbook["peak_rss_mb"], 0)])
    return _table(["N", "latency", "result JSON MB", "module process peak RSS MB", "RSS / JSON",
                   "reference module process RSS MB", "reference RSS / JSON", "module process wall s", "reference process wall s",
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
            rows.append(["{:,}".format(size), "%g ms" % latency, _fmt(result["wall_s"]), _fmt(1000.0 * result["wall_s"] / size, 3),
                         _fmt(result["peak_rss_mb"], 0), _fmt(1024.0 * result["peak_rss_mb"] / size, 1),
                         _fmt(reference and reference["wall_s"]), _fmt(reference and reference["peak_rss_mb"], 0),
                         _fmt(span(result)), _fmt(own),
                         _fmt(result["peak_rss_mb"] - reference["peak_rss_mb"], 0) if reference else "n/a"])
    return _table(["N", "latency", "wall s", "ms per host", "peak RSS MB", "KB per host", "reference wall s", "reference RSS MB",
                   "API span s", "plugin's own s", "plugin's own RSS MB"], rows, left=2)


def rate_table(res):
    rows = []
    for result in res.records:
        if result["group"] != "rate" or not result["api"]:
            continue
        api = result["api"]
        answered = api["list_requests"] - api["rate_limited"]
        throughput = answered / api["span_s"] if api["span_s"] else None
        limit = result["extra"]["rate_limit"]
        rows.append(["{:,}".format(result["size"]), "%g ms" % result["latency_ms"], "%g/s" % limit, str(api["list_requests"]),
                     str(api["rate_limited"]), "%.2f%%" % (100.0 * api["rate_limited"] / max(1, api["list_requests"])),
                     _fmt(api["span_s"]), _fmt(throughput), "%.1f%%" % (100.0 * throughput / limit) if throughput else "n/a",
                     _fmt(result["wall_s"])])
    return _table(["N", "latency", "account limit", "list requests", "HTTP 429", "429 share", "API span s", "requests/s",
                   "share of the limit", "wall s"], rows, left=3) if rows else ""


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
        rows.append([result["entry"] + (" (failed)" if result["problems"] else ""), _fmt(result["wall_s"]), _fmt(span(result)),
                     "%s (%s)" % (api.get("list_requests", "n/a"), result["expected"].get("list_requests")),
                     str(api.get("token_requests", "n/a")), str(api.get("peak_concurrency", "n/a"))])
    for name, concurrent, sequential in SITE_PAIRS:
        fast, slow = res.usable("sites", concurrent), res.usable("sites", sequential)
        if fast and slow:
            ratios.append([name, _fmt(_ratio(span(fast), span(slow)), 3), _fmt(_ratio(fast["wall_s"], slow["wall_s"]), 3)])
    if not rows:
        return ""
    return _table(["entry point", "wall s", "API span s", "list requests (expected)", "token requests", "peak concurrency"], rows) + \
        "\n" + _table(["entry point", "concurrent / sequential, API span", "concurrent / sequential, wall"], ratios)


def audit_table(res):
    result = res.find("audit", "audit role")
    if result is None:
        return ""
    if result["extra"].get("skipped"):
        return "Not measured: %s.\n" % result["extra"]["skipped"]
    extra = result["extra"]
    api = result["api"] or {}
    rows = [["{:,}".format(result["size"]), "%g ms" % result["latency_ms"], _fmt(result["wall_s"]), _fmt(span(result)),
             _fmt(extra.get("listing_s")), _fmt(extra.get("evaluation_and_writing_s")), _fmt(extra.get("audit_task_s")),
             _fmt(extra.get("other_tasks_s")), _fmt(result["peak_rss_mb"], 0),
             "%s (%s)" % (api.get("list_requests", "n/a"), result["expected"].get("list_requests")), str(api.get("token_requests", "n/a")),
             ", ".join("%s %.1f MB" % (fmt, size) for fmt, size in sorted(extra.get("reports_mb", {}).items()))]]
    return _table(["N", "latency", "wall s", "API span s", "listing s", "evaluation and writing s", "audit task s", "other tasks s",
                   "peak RSS MB", "list requests (expected)", "token requests", "reports"], rows, left=2)


def _verdict(met, text):
    return ("met" if met else "**missed**") + ": " + text


def targets(res):
    """[(target, measured, verdict)] for every target that this run measured."""
    found = []
    listed = [result for result in res.records if result["group"] in ("listing", "sites", "rate", "audit") and result["api"]]
    exact = [result for result in listed if not any("requests" in problem for problem in result["problems"])]
    found.append(("Exactly ceil(N/page_size) list requests and one token request per run",
                  "%d of %d API runs exact" % (len(exact), len(listed)),
                  _verdict(len(exact) == len(listed), "every run checked against the simulator's counters")))
    sizes, latencies = res.sizes(), res.latencies()
    size = 20000 if 20000 in sizes else (max(sizes) if sizes else None)
    latency = 20 if 20 in latencies else (max(latencies) if latencies else None)
    module, floor = res.usable("listing", "module", size, latency), res.usable("listing", "floor", size, latency)
    if module and floor:
        ratio = _ratio(span(module), span(floor))
        found.append(("Module API span within %.2fx of the floor (N=%s, %g ms)" % (API_SPAN_FACTOR, "{:,}".format(size), latency),
                      "%s s vs %s s = %s" % (_fmt(span(module), 3), _fmt(span(floor), 3), _times(ratio)),
                      _verdict(ratio <= API_SPAN_FACTOR, "%+.1f%% against the floor" % (100 * (ratio - 1)))))
        parts = breakdown(res, "module", size, latency)
        if parts:
            found.append(("Module time beyond the API and Ansible's own cost of the result close to zero (N=%s, %g ms)" % ("{:,}".format(size), latency),
                          "%s s of %s s wall (%.0f%%), %s CPU s; Ansible carrying the result: %s s beyond a no-op playbook" % (
                              _fmt(parts["own"]), _fmt(parts["wall"]), 100 * parts["own_share"], _fmt(parts["own_cpu"]),
                              _fmt(parts["reference"] - (res.fixed("no-op playbook") or 0))),
                          "reported"))
    biggest = max(sizes) if sizes else None
    for latency_ms in latencies:
        inventory = res.usable("listing", "inventory", biggest, latency_ms)
        reference = res.usable("reference", "inventory plugin adding the hosts", biggest)
        parts = breakdown(res, "inventory", biggest, latency_ms)
        if parts:
            found.append(("Inventory at N=%s, %g ms: time and memory per host; plugin's own cost close to Ansible's" % ("{:,}".format(biggest), latency_ms),
                          "%s ms and %s KB per host; plugin's own %s s wall / %s CPU s on top of %s s / %s CPU s for Ansible's inventory "
                          "and %s s of API" % (
                              _fmt(1000.0 * inventory["wall_s"] / biggest, 3), _fmt(1024.0 * inventory["peak_rss_mb"] / biggest, 1),
                              _fmt(parts["own"]), _fmt(parts["own_cpu"]), _fmt(reference["wall_s"]), _fmt(reference["cpu_s"]),
                              _fmt(span(inventory))),
                          "reported (%+.0f%% of the reference in wall time, %s in CPU time)" % (
                              100.0 * parts["own"] / reference["wall_s"],
                              "n/a" if parts["own_cpu"] is None else "%+.0f%%" % (100.0 * parts["own_cpu"] / reference["cpu_s"]))))
    for size_n in sizes:
        process = res.usable("listing", "module process", size_n, min(latencies) if latencies else None)
        reference = res.usable("reference", "module process returning the records", size_n)
        if process and process["extra"].get("result_json_mb"):
            json_mb = process["extra"]["result_json_mb"]
            ratio = process["peak_rss_mb"] / json_mb
            measured = "%s MB for %s MB of JSON = %s" % (_fmt(process["peak_rss_mb"], 0), _fmt(json_mb, 1), _times(ratio))
            if reference:
                measured += "; a module that only returns the same records: %s MB = %s" % (
                    _fmt(reference["peak_rss_mb"], 0), _times(reference["peak_rss_mb"] / json_mb))
            found.append(("Module process peak memory below %gx its JSON result (N=%s)" % (MEMORY_FACTOR, "{:,}".format(size_n)), measured,
                          _verdict(ratio < MEMORY_FACTOR, "%s of the target" % _times(ratio / MEMORY_FACTOR))))
    for result in res.records:
        if result["group"] == "rate" and result["api"] and result["api"]["span_s"]:
            api, limit = result["api"], result["extra"]["rate_limit"]
            throughput = (api["list_requests"] - api["rate_limited"]) / api["span_s"]
            share, errors = throughput / limit, api["rate_limited"] / float(max(1, api["list_requests"]))
            found.append(("At a limit of %g/s (N=%s): throughput >= %d%% of the limit, 429s < %d%%" % (
                limit, "{:,}".format(result["size"]), 100 * RATE_SHARE, 100 * RATE_429_SHARE),
                "%s requests/s (%.1f%%), %d 429s (%.2f%%)" % (_fmt(throughput), 100 * share, api["rate_limited"], 100 * errors),
                _verdict(share >= RATE_SHARE and errors < RATE_429_SHARE, "throughput %.1f%%, 429s %.2f%%" % (100 * share, 100 * errors))))
    for name, concurrent, sequential in SITE_PAIRS:
        fast, slow = res.usable("sites", concurrent), res.usable("sites", sequential)
        if fast and slow:
            ratio = _ratio(span(fast), span(slow))
            wall = _ratio(fast["wall_s"], slow["wall_s"])
            found.append(("%s: %d sites concurrently in at most %g of the sequential time (%g ms)" % (
                name.capitalize(), fast["extra"].get("sites", 0), SITES_FACTOR, fast["latency_ms"]),
                "API span %s, wall %s of sequential" % (_fmt(ratio, 3), _fmt(wall, 3)),
                _verdict(ratio <= SITES_FACTOR, "API span; the wall ratio includes Ansible's fixed cost, paid once either way")))
    audit = res.usable("audit", "audit role")
    if audit and audit["extra"].get("evaluation_and_writing_s") is not None:
        after, listing = audit["extra"]["evaluation_and_writing_s"], audit["extra"]["listing_s"]
        found.append(("Audit role at N=%s with four reports, %g ms: evaluation and writing below the listing time" % (
            "{:,}".format(audit["size"]), audit["latency_ms"]),
            "%s s in all; listing %s s (API span %s s); evaluation and writing %s s" % (
                _fmt(audit["wall_s"]), _fmt(listing), _fmt(span(audit)), _fmt(after)),
            _verdict(after < listing, "%s of the listing time" % _times(_ratio(after, listing)))))
    return found


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
    out.append(_table(["target", "measured", "verdict"], [list(item) for item in targets(res)], left=3))
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
                        ("Audit role", audit_table(res))):
        if text:
            out.append("\n### %s\n\n" % title)
            out.append(text)
    return "".join(out)
