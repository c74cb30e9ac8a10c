# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What is measured: each entry point, the floor, the references and the special cases.

Every function returns result records (plain dicts, see ``record``). A record holds the
measurement, the simulator's counters for that run, what was expected, and ``problems``:
anything that makes the run unfit to be compared (a failure, a wrong count, a request more
or less than the listing needs).
"""

from __future__ import annotations

import json
import math
import os

from zoombench.runner import HERE

PAGE_SIZE = 100
AUDIT_FORMATS = ("json", "csv", "html", "md")
# The two listings of a rate-limited account: rate_limit set to the account's limit, and not set.
PACE_NAMED = "module, rate_limit set to the limit"
PACE_DEFAULT = "module, default pace"
# The module listing what the audit lists (its filters, and the BYOC listing): the audit's yardstick.
AUDIT_LISTING = "the audit's listing alone (module)"
# What the memory and speed targets keep of each number: a field and a nested one.
BENCH_FIELDS = ["number", "assignee.name"]
# The operations that read numbers (the rest of the GETs look up users, sites and such).
NUMBER_READS = ("GET /v2/phone/numbers", "GET /v2/phone/numbers/{phoneNumberId}",
                "GET /v2/number_management/numbers", "GET /v2/number_management/numbers/{phoneNumberId}")


def pages_for(count, page_size=PAGE_SIZE):
    """Requests a complete listing of ``count`` records needs: an empty listing still asks once."""
    return max(1, int(math.ceil(count / float(page_size))))


def _span(first, last):
    return (last - first) if first is not None and last is not None else None


def api_counters(stats):
    """The simulator's view of one run."""
    if stats is None:
        return None
    operations = stats.get("by_operation") or {}
    reads = sum(count for operation, count in operations.items() if operation in NUMBER_READS)
    return {
        "span_s": _span(stats.get("first_request_at"), stats.get("last_response_at")),
        # From the first API request to the last answer, lookups and writes included.
        "api_span_s": _span(stats.get("first_api_request_at"), stats.get("last_api_response_at")),
        "list_requests": stats["list_requests"],
        "token_requests": stats["token_requests"],
        "rate_limited": stats["rate_limited"],
        "peak_concurrency": stats["peak_concurrency"],
        "requests": stats["requests"],
        "write_requests": stats.get("write_requests", 0),
        # Requests Zoom refused with a 429 are sent again: they count among the 429s, not here.
        "writes_refused": stats.get("refused_writes", 0),
        "number_reads": reads - stats.get("refused_reads", 0),
        "lookups": sum(count for operation, count in operations.items() if operation.startswith("GET ")) - reads,
    }


def record(group, entry, run, size=None, latency_ms=None, stats=None, expected=None, count=None, extra=None, problems=None):
    """One result: the run's measurement, the API counters, and what was wrong with it."""
    result = {
        "group": group,
        "entry": entry,
        "size": size,
        "latency_ms": latency_ms,
        "rc": run.rc if run else None,
        "wall_s": run.wall_s if run else None,
        "cpu_s": run.cpu_s if run else None,
        "peak_rss_mb": run.peak_rss_mb if run else None,
        "count": count,
        "expected": expected or {},
        "api": api_counters(stats),
        "extra": extra or {},
        "folder": run.folder if run else None,
        "problems": list(problems or []),
    }
    result["problems"].extend(check(result, run))
    return result


def check(result, run):
    """Why a result cannot be trusted; empty when it is complete and exact."""
    problems = []
    expected, api = result["expected"], result["api"]
    if run is not None and run.rc != 0:
        problems.append("exit status %s: %s" % (run.rc, run.tail()))
    if "count" in expected and result["count"] != expected["count"]:
        problems.append("%s records instead of %s" % (result["count"], expected["count"]))
    if api is not None:
        if "list_requests" in expected and api["list_requests"] - api["rate_limited"] != expected["list_requests"]:
            problems.append("%d list requests answered instead of %d" % (api["list_requests"] - api["rate_limited"], expected["list_requests"]))
        if "write_requests" in expected and api["write_requests"] - api["writes_refused"] != expected["write_requests"]:
            problems.append("%d write requests answered instead of %d" % (api["write_requests"] - api["writes_refused"], expected["write_requests"]))
        if "token_requests" in expected and api["token_requests"] != expected["token_requests"]:
            problems.append("%d token requests instead of %d" % (api["token_requests"], expected["token_requests"]))
        if expected.get("rate_limited_max") is not None and api["rate_limited"] > expected["rate_limited_max"]:
            problems.append("%d answers were HTTP 429" % api["rate_limited"])
    return problems


def guarded(results, group, entry, size, latency_ms, function):
    """Run one measurement; a harness error becomes a result with a problem instead of ending the benchmark."""
    try:
        found = function()
    except Exception as exc:  # pylint: disable=broad-exception-caught
        found = [_harness_error(group, entry, size, latency_ms, exc)]
    _keep(results, found, size, latency_ms)
    return found


def guarded_scenario(results, group, entries, size, latency_ms, function):
    """Run a scenario that records its own results; if it breaks off, each entry it did not record gets the error."""
    try:
        function()
    except Exception as exc:  # pylint: disable=broad-exception-caught
        done = set(result["entry"] for result in results if result["group"] == group)
        _keep(results, [_harness_error(group, entry, size, latency_ms, exc) for entry in entries if entry not in done], size, latency_ms)


def _harness_error(group, entry, size, latency_ms, exc):
    return record(group, entry, None, size=size, latency_ms=latency_ms, problems=["harness error: %s: %s" % (type(exc).__name__, exc)])


def _keep(results, found, size, latency_ms):
    for result in found:
        results.append(result)
        for problem in result["problems"]:
            print("    PROBLEM %s %s N=%s latency=%s: %s" % (result["group"], result["entry"], size, latency_ms, problem[:800]), flush=True)


def _write(path, text):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def _inventory_hosts(run):
    """The parsed ``ansible-inventory --list`` output and its host count, or (None, None)."""
    if run.rc != 0:
        return None, None
    with open(run.stdout_path, encoding="utf-8") as handle:
        data = json.load(handle)
    return data, len(data.get("_meta", {}).get("hostvars", {}))


def module_result(run):
    """(count, problems) of a module's JSON answer printed by a directly run AnsiballZ payload."""
    if run.rc != 0:
        return None, []
    with open(run.stdout_path, encoding="utf-8") as handle:
        answer = json.load(handle)
    problems = [] if len(answer.get("phone_numbers", [])) == answer.get("count") else ["count and phone_numbers disagree"]
    return answer.get("count"), problems


def result_size(run):
    """The size of the JSON a module process printed: what it hands back to Ansible."""
    return {"result_json_mb": os.path.getsize(run.stdout_path) / 1048576.0} if run.rc == 0 else {}


def _yaml_list(items):
    return "".join("  - %s\n" % json.dumps(item, sort_keys=True) for item in items)


class Bench:
    """The measurements, given a Runner and the benchmark's settings."""

    def __init__(self, runner, repeat_fixed=3):
        self.runner = runner
        self.repeat_fixed = repeat_fixed

    # -- Ansible's fixed costs --------------------------------------------------------------

    def fixed_costs(self, results):
        empty = _write(os.path.join(self.runner.workdir, "empty.ini"), "# an inventory without hosts\n")
        for index in range(self.repeat_fixed):
            def noop(index=index):
                return [self._fixed(self.runner.playbook("no-op playbook", "noop.yml"), "no-op playbook", 0, index)]

            def no_hosts(index=index):
                return [self._fixed(self.runner.inventory("empty inventory", empty), "empty inventory", None, index)]

            guarded(results, "fixed", "no-op playbook", None, None, noop)
            guarded(results, "fixed", "empty inventory", None, None, no_hosts)

    def _fixed(self, run, entry, expected_count, index):
        if entry == "empty inventory":
            count = _inventory_hosts(run)[1]
            run.remove_stdout()
            expected = {"count": 0}
        else:
            count = run.printed_count()
            expected = {"count": expected_count}
        return record("fixed", entry, run, expected=expected, count=count, extra={"repeat": index})

    # -- one listing cell: the floor and every entry point at one size and latency ---------------

    def references(self, results, size, records_file, total):
        """Ansible's cost for the same data without any listing (no API calls)."""
        expected = {"count": total}
        ref = {}

        def carry_module():
            run = self.runner.playbook("carry module %d" % size, "carry_module.yml", extra_vars={"records_file": records_file})
            found = [record("reference", "module returning the records", run, size=size, expected=expected, count=run.printed_count())]
            payload = run.payload("bench_records")
            if run.rc == 0 and payload:
                process = self.runner.run("carry module process %d" % size, [self.runner.python, payload])
                count, problems = module_result(process)
                found.append(record("reference", "module process returning the records", process, size=size, expected=expected,
                                    count=count, extra=result_size(process), problems=problems))
                process.remove_stdout()
            return found

        def carry_two_fields():
            run = self.runner.playbook("carry module, two fields %d" % size, "carry_module.yml", extra_vars={"records_file": slim_file})
            return [record("reference", "module returning two fields of the records", run, size=size, expected=expected,
                           count=run.printed_count())]

        def carry_fact():
            run = self.runner.playbook("carry lookup fact %d" % size, "carry_lookup_fact.yml", extra_vars={"records_file": records_file})
            return [record("reference", "lookup result stored with set_fact", run, size=size, expected=expected, count=run.printed_count())]

        def carry_lookup():
            run = self.runner.playbook("carry lookup %d" % size, "carry_lookup.yml", extra_vars={"records_file": records_file})
            return [record("reference", "lookup returning the records", run, size=size, expected=expected, count=run.printed_count())]

        def reference_inventory():
            folder = self.runner.new_folder("reference inventory %d" % size)
            source = _write(os.path.join(folder, "reference.bench_records.yml"), "plugin: bench_records\npath: %s\n" % records_file)
            run = self.runner.run("reference inventory %d" % size,
                                  [os.path.join(self.runner.bindir, "ansible-inventory"), "-i", source, "--list"], folder=folder)
            data, count = _inventory_hosts(run)
            if data is not None and size <= 20000:
                ref["inventory"] = data
            run.remove_stdout()
            return [record("reference", "inventory plugin adding the hosts", run, size=size, expected=expected, count=count)]

        with open(records_file, encoding="utf-8") as handle:
            slim = [{"id": item["id"], "number": item.get("number")} for item in json.load(handle)["phone_numbers"]]
        slim_file = _write(records_file + ".two-fields.json", json.dumps({"phone_numbers": slim}))
        del slim
        guarded(results, "reference", "module returning the records", size, None, carry_module)
        guarded(results, "reference", "module returning two fields of the records", size, None, carry_two_fields)
        guarded(results, "reference", "lookup returning the records", size, None, carry_lookup)
        guarded(results, "reference", "lookup result stored with set_fact", size, None, carry_fact)
        os.remove(slim_file)
        guarded(results, "reference", "inventory plugin adding the hosts", size, None, reference_inventory)
        return ref

    def listing(self, results, sim, size, latency_ms, total, reference, uri_loop, fields_process=True):
        sim.configure(latency_ms=latency_ms, rate_limit=None)
        zoom = sim.environment()
        expected = {"count": total, "list_requests": pages_for(total), "token_requests": 1, "rate_limited_max": 0}
        label = "%d %sms" % (size, latency_ms)

        def measured(group, entry, start, count_of, extra_of=None):
            def function():
                sim.reset()
                run = start()
                stats = sim.stats()
                count, problems = count_of(run)
                extra = extra_of(run) if extra_of and run.rc == 0 else {}
                run.remove_stdout()
                return [record(group, entry, run, size, latency_ms, stats, expected, count, extra, problems)]
            return guarded(results, group, entry, size, latency_ms, function)

        def floor_count(run):
            return (json.loads(run.stdout())["count"] if run.rc == 0 else None), []

        def printed(run):
            return run.printed_count(), []

        def inventory_count(run):
            data, count = _inventory_hosts(run)
            problems = []
            if data is not None and reference.get("inventory") is not None and data != reference["inventory"]:
                problems.append("the inventory differs from the reference inventory built from the same records")
            return count, problems

        def inventory_run():
            folder = self.runner.new_folder("inventory " + label)
            source = _write(os.path.join(folder, "bench.zoom_phone_numbers.yml"), "plugin: ucops.zoom.zoom_phone_numbers\n")
            return self.runner.run("inventory " + label, [os.path.join(self.runner.bindir, "ansible-inventory"), "-i", source, "--list"],
                                   zoom=zoom, folder=folder)

        measured("listing", "floor", lambda: self.runner.run("floor " + label, [self.runner.python, os.path.join(HERE, "floor.py")], zoom=zoom),
                 floor_count)
        kept = {}

        def module_playbook(name, extra_vars=None):
            def start():
                run = self.runner.playbook("%s %s" % (name, label), "module.yml", zoom=zoom, extra_vars=extra_vars)
                kept[name] = run.payload("zoom_phone_numbers_info")
                return run
            return start

        def module_process(name):
            def start():
                if not kept.get(name):
                    raise RuntimeError("the module run left no AnsiballZ payload to measure")
                return self.runner.run("%s process %s" % (name, label), [self.runner.python, kept[name]], zoom=zoom)
            return start

        measured("listing", "module", module_playbook("module"), printed)
        measured("listing", "module process", module_process("module"), module_result, result_size)
        # The same listing keeping two fields of each number: what a playbook that needs only those pays.
        measured("listing", "module, fields", module_playbook("module, fields", {"bench_fields": BENCH_FIELDS}), printed)
        if fields_process:
            measured("listing", "module process, fields", module_process("module, fields"), module_result, result_size)
        measured("listing", "lookup", lambda: self.runner.playbook("lookup " + label, "lookup.yml", zoom=zoom), printed)
        measured("listing", "inventory", inventory_run, inventory_count)
        if uri_loop:
            measured("listing", "uri loop", lambda: self.runner.playbook("uri loop " + label, "uri_loop.yml", zoom=zoom), printed)

    # -- several sites at once --------------------------------------------------------------

    def sites(self, results, sim, size, latency_ms, how_many=8):
        """The same sites listed concurrently through ``queries`` and one after the other."""
        sim.configure(latency_ms=latency_ms, rate_limit=None)
        zoom = sim.environment()
        site_ids = [site["id"] for site in sim.sites()[:how_many]]
        counts = [sim.truth(site_id=site_id)["total"] for site_id in site_ids]
        expected = {"count": sum(counts), "list_requests": sum(pages_for(count) for count in counts), "token_requests": 1,
                    "rate_limited_max": 0}
        queries = [{"site_id": site_id} for site_id in site_ids]
        extra = {"sites": len(site_ids), "numbers_per_site": counts}

        def measured(entry, start, count_of):
            def function():
                sim.reset()
                run = start()
                stats = sim.stats()
                count = count_of(run)
                run.remove_stdout()
                return [record("sites", entry, run, size, latency_ms, stats, expected, count, extra)]
            return guarded(results, "sites", entry, size, latency_ms, function)

        def inventory_sources(entry, sources):
            folder = self.runner.new_folder(entry)
            directory = os.path.join(folder, "sources")
            os.makedirs(directory)
            for name, text in sources:
                _write(os.path.join(directory, name), text)
            return self.runner.run(entry, [os.path.join(self.runner.bindir, "ansible-inventory"), "-i", directory, "--list"],
                                   zoom=zoom, folder=folder)

        def forks():
            folder = self.runner.new_folder("module, a fork per site")
            hosts = "".join("site%d bench_site_id=%s\n" % (index + 1, site_id) for index, site_id in enumerate(site_ids))
            inventory = _write(os.path.join(folder, "hosts.ini"), "[bench_sites]\n" + hosts)
            return self.runner.playbook("module, a fork per site", "sites_forks.yml", zoom=zoom, inventory=inventory,
                                        args=["--forks", str(len(site_ids))])

        def printed(run):
            return run.printed_count()

        def hosts(run):
            return _inventory_hosts(run)[1]

        measured("module, queries (concurrent)", lambda: self.runner.playbook(
            "module sites concurrent", "module.yml", zoom=zoom, extra_vars={"bench_queries": queries}), printed)
        measured("module, a task per site (sequential)", lambda: self.runner.playbook(
            "module sites sequential", "sites_sequential.yml", zoom=zoom, extra_vars={"bench_sites": site_ids}), printed)
        measured("module, a fork per site (parallel)", forks, printed)
        measured("lookup, queries (concurrent)", lambda: self.runner.playbook(
            "lookup sites concurrent", "lookup.yml", zoom=zoom, extra_vars={"bench_lookup_options": {"queries": queries}}), printed)
        measured("lookup, a call per site (sequential)", lambda: self.runner.playbook(
            "lookup sites sequential", "lookup_sites_sequential.yml", zoom=zoom, extra_vars={"bench_sites": site_ids}), printed)
        measured("inventory, queries (concurrent)", lambda: inventory_sources("inventory sites concurrent", [
            ("sites.zoom_phone_numbers.yml", "plugin: ucops.zoom.zoom_phone_numbers\nqueries:\n" + _yaml_list(queries))]), hosts)
        measured("inventory, a source per site (sequential)", lambda: inventory_sources("inventory sites sequential", [
            ("site%d.zoom_phone_numbers.yml" % (index + 1), "plugin: ucops.zoom.zoom_phone_numbers\nsite_id: %s\n" % json.dumps(site_id))
            for index, site_id in enumerate(site_ids)]), hosts)

    # -- Zoom's rate limit ------------------------------------------------------------------

    def pacing(self, results, sim, size, latency_ms, rate, total):
        """A listing against an account limited to ``rate`` requests per second, as real Zoom limits it.

        The simulator plays its realistic profile: successful answers carry only the untyped daily
        quota, and per-second 429s say nothing about when to retry. Zoom states a per-second limit
        nowhere, so the way to use all of an account's limit is to name it (``rate_limit``); without
        it the collection keeps its conservative default pace, which must not bounce off the limit.
        """
        sim.configure(latency_ms=latency_ms, rate_limit=rate)
        settings = sim.settings()
        expected = {"count": total, "list_requests": pages_for(total), "token_requests": 1}
        profile = dict((name, settings.get(name)) for name in ("profile", "quota_headers", "qps_retry_after", "qps_type_header"))
        named = dict(sim.environment(), ZOOM_RATE_LIMIT=str(rate))
        default = dict((key, value) for key, value in sim.environment().items() if key != "ZOOM_RATE_LIMIT")

        def measured(entry, zoom, rate_limit):
            def function():
                sim.reset()
                run = self.runner.playbook("%s %s/s %d" % (entry, rate, size), "module.yml", zoom=zoom)
                stats = sim.stats()
                return [record("rate", entry, run, size, latency_ms, stats, expected, run.printed_count(),
                               dict(profile, rate_limit=rate, rate_limit_option=rate_limit))]
            guarded(results, "rate", entry, size, latency_ms, function)

        try:
            measured(PACE_NAMED, named, rate)
            measured(PACE_DEFAULT, default, None)
        finally:
            sim.configure(rate_limit=None)

    # -- the audit role -----------------------------------------------------------------------

    def audit_available(self):
        root = self.runner.collection
        return os.path.exists(os.path.join(root, "roles", "phone_numbers_audit", "tasks", "main.yml")) and \
            os.path.exists(os.path.join(root, "playbooks", "audit.yml"))

    def audit(self, results, sim, size, latency_ms, total):
        """``ucops.zoom.audit`` writing all four reports; its time split into listing, auditing and Ansible."""
        if not self.audit_available():
            results.append(record("audit", "audit role", None, size, latency_ms,
                                  extra={"skipped": "roles/phone_numbers_audit or playbooks/audit.yml does not exist yet"}))
            print("    audit role not found: skipped", flush=True)
            return
        sim.configure(latency_ms=latency_ms, rate_limit=None)
        # With the default rules the role adds a type=byoc listing for the BYOC-only fields.
        byoc = sim.truth(type="byoc")["total"]
        expected = {"count": total, "list_requests": pages_for(total) + (pages_for(byoc) if byoc else 0), "token_requests": 1,
                    "rate_limited_max": 0}

        def function():
            sim.reset()
            folder = self.runner.new_folder("audit %d %sms" % (size, latency_ms))
            output = os.path.join(folder, "reports")
            run = self.runner.playbook("audit %d %sms" % (size, latency_ms), "ucops.zoom.audit", zoom=sim.environment(), folder=folder,
                                       extra_vars={"phone_numbers_audit_output_dir": output,
                                                   "phone_numbers_audit_formats": list(AUDIT_FORMATS)})
            stats = sim.stats()
            problems, count = [], None
            written = {}
            for fmt in AUDIT_FORMATS:
                path = os.path.join(output, "phone_numbers_audit." + fmt)
                if os.path.exists(path):
                    written[fmt] = os.path.getsize(path) / 1048576.0
                else:
                    problems.append("no %s report" % fmt)
            if "json" in written:
                with open(os.path.join(output, "phone_numbers_audit.json"), encoding="utf-8") as handle:
                    report = json.load(handle)
                count = report.get("summary", {}).get("total")
                if len(report.get("numbers", [])) != total:
                    problems.append("the JSON report holds %d numbers" % len(report.get("numbers", [])))
            extra = {"reports_mb": written, "byoc_numbers": byoc}
            extra.update(phases(run.timings()))
            if run.rc == 0 and extra.get("listing_s") is None:
                problems.append("the audit task reported no seconds (listing, audit)")
            return [record("audit", "audit role", run, size, latency_ms, stats, expected, count, extra, problems)]

        def listing_alone():
            sim.reset()
            run = self.runner.playbook("audit listing alone %d %sms" % (size, latency_ms), "audit_listing.yml", zoom=sim.environment(),
                                       extra_vars={"bench_byoc": bool(byoc)})
            stats = sim.stats()
            return [record("audit", AUDIT_LISTING, run, size, latency_ms, stats, expected, run.printed_count(), {"byoc_numbers": byoc})]

        guarded(results, "audit", "audit role", size, latency_ms, function)
        guarded(results, "audit", AUDIT_LISTING, size, latency_ms, listing_alone)


def phases(timings):
    """The audit task's own ``seconds`` (listing; evaluation and writing) and the time of every other task."""
    if not timings or not timings.get("tasks"):
        return {}
    tasks = timings["tasks"]
    audit = next((task for task in tasks if task.get("seconds")), None)
    if audit is None:
        return {}
    others = [task for task in tasks if task is not audit]
    return {
        "listing_s": audit["seconds"].get("listing"),
        "evaluation_and_writing_s": audit["seconds"].get("audit"),
        "audit_task_s": audit["end"] - audit["start"],
        "startup_s": tasks[0]["start"] - timings["started"],
        "other_tasks_s": sum(task["end"] - task["start"] for task in others),
    }
