# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The molecule scenario's checks: every report of its audits against the simulator's ground truth.

    verify_reports.py make-baseline REPORTS          a doctored copy of the first report (see below)
    verify_reports.py check REPORTS SIMULATOR_URL    compare everything; exit 1 with the first mismatch

Expectations are computed here from the truth with plain Python, independently of the
collection's code: the built-in rules restated, the summary counted, the drift derived from
the simulator's own record of what it added and removed.

The simulator adds and removes numbers but does not reassign or move them, so the changed
numbers of the drift come from the baseline: ``make-baseline`` gives a few numbers of the
first report another assignee, site or emergency address, and records the changes the drift
must then report (old value from the baseline, new value from the account).
"""

from __future__ import annotations

import collections
import copy
import csv
import html
import io
import json
import pathlib
import re
import sys
import urllib.request

import yaml

REPO = pathlib.Path(__file__).resolve().parents[2]
DEFAULTS = REPO / "roles" / "phone_numbers_audit" / "defaults" / "main.yml"
BYOC_FIELDS = ("carrier", "sip_group", "emergency_address", "emergency_address_status", "emergency_address_update_time")
SEVERITIES = ("critical", "high", "medium", "low")
FORMULA = ("=", "+", "-", "@", "\t", "\r")
NAMED = {"name": "named_number", "description": "Number with a display name", "severity": "low"}

# The built-in rules restated in Python.
PREDICATES = {
    "byoc_emergency_address_missing": lambda r: r.get("source") == "external" and not r.get("emergency_address"),
    "byoc_emergency_address_update_required": lambda r: r.get("source") == "external" and r.get("emergency_address_status") == 1,
    "number_without_site": lambda r: not (r.get("site") or {}).get("id"),
    "assigned_without_outgoing_calls": lambda r: (r.get("assignee") or {}).get("type") in ("user", "commonArea", "sharedLineGroup")
    and r.get("number_type") != "tollfree" and "outgoing" not in r.get("capability", []),
    "pending_number": lambda r: r.get("status") == "pending",
    "unassigned_number": lambda r: not r.get("assignee") and r.get("status") != "pending",
    "named_number": lambda r: bool(r.get("display_name")),
}


class Mismatch(Exception):
    pass


def same(what, actual, expected):
    if actual != expected:
        raise Mismatch("%s differs from the truth:\n  got      %s\n  expected %s" % (what, _short(actual), _short(expected)))


def _short(value):
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) < 600 else text[:600] + "..."


def load(path):
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))


def http_json(url):
    with urllib.request.urlopen(url, timeout=60) as answer:  # nosec - the local simulator
        return json.loads(answer.read().decode("utf-8"))


def merged(records, byoc):
    """The account as the audit should see it: the BYOC listing's fields on the numbers of the main one."""
    extra = dict((record["id"], record) for record in byoc)
    result = []
    for record in records:
        record = copy.deepcopy(record)
        for key in BYOC_FIELDS:
            if key in extra.get(record["id"], {}):
                record[key] = extra[record["id"]][key]
        result.append(record)
    return result


def rules(named):
    defined = yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))["phone_numbers_audit_rules"]
    chosen = [dict(rule) for rule in defined] + ([dict(NAMED)] if named else [])
    return chosen


def expected_violations(records, named=True, disabled=()):
    out = []
    chosen = [rule for rule in rules(named) if rule["name"] not in disabled]
    for severity in SEVERITIES:
        for rule in (rule for rule in chosen if rule["severity"] == severity):
            for record in records:
                if PREDICATES[rule["name"]](record):
                    who = record.get("display_name") or (record.get("assignee") or {}).get("name") or "no display name"
                    out.append({"rule": rule["name"], "severity": severity, "id": record["id"], "number": record["number"],
                                "message": "%s (%s): %s" % (record["number"], who, " ".join(rule["description"].split()))})
    return out


def counted(records, key):
    return dict(collections.Counter(key(record) for record in records))


def check_summary(summary, records, violations):
    same("summary.total", summary["total"], len(records))
    same("summary.by_number_type", summary["by_number_type"], counted(records, lambda r: r["number_type"]))
    assigned = sum(1 for record in records if record.get("assignee"))
    same("summary.by_assignment", summary["by_assignment"], {"assigned": assigned, "unassigned": len(records) - assigned})
    same("summary.by_assignee_type", summary["by_assignee_type"],
         counted(records, lambda r: r["assignee"]["type"] if r.get("assignee") else "unassigned"))
    same("summary.by_site", summary["by_site"], counted(records, lambda r: r["site"]["name"] if r.get("site") else "no site"))
    same("summary.by_status", summary["by_status"], counted(records, lambda r: r["status"]))
    same("summary.violation_counts.total", summary["violation_counts"]["total"], len(violations))
    same("summary.violation_counts.by_severity", summary["violation_counts"]["by_severity"],
         dict((name, sum(1 for entry in violations if entry["severity"] == name)) for name in SEVERITIES))


def check_csv(path, records, violations):
    text = pathlib.Path(path).read_text(encoding="utf-8")
    same("CSV byte order mark", text[:1], "\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:], newline="")))
    same("CSV rows", len(rows), len(records))
    broken = collections.defaultdict(list)
    for entry in violations:
        broken[entry["id"]].append(entry["rule"])
    for row, record in zip(rows, records):
        for value in row.values():
            if value.startswith(FORMULA):
                raise Mismatch("CSV cell %r of %s starts a spreadsheet formula" % (value, record["id"]))
        same("CSV id", row["id"], guard(record["id"]))
        same("CSV number of %s" % record["id"], row["number"], guard(record["number"]))
        same("CSV display_name of %s" % record["id"], row["display_name"], guard(record.get("display_name", "")))
        same("CSV violations of %s" % record["id"], row["violations"], guard(", ".join(broken[record["id"]])))


def guard(value):
    """A CSV cell's expected text: values a spreadsheet could run as a formula (or split at a ";") get an apostrophe."""
    return "'" + value if value.startswith(FORMULA) or ";" in value else value


def html_data(text):
    found = re.search(r'<script type="application/json" id="audit-data">(.*?)</script>', text, re.S)
    if not found:
        raise Mismatch("the HTML report has no data block")
    return json.loads(found.group(1))


def check_html(path, records, violations, drift=None):
    text = pathlib.Path(path).read_text(encoding="utf-8")
    if re.search(r"<(link|img|iframe)\b|\bsrc=|\bhref=|url\(|@import", text):
        raise Mismatch("the HTML report refers to something outside itself")
    if "<script>alert" in text or text.count("<script") != 2:
        raise Mismatch("the HTML report holds a script element besides its own two")
    cards = dict((label, int(value.replace(",", ""))) for value, label in
                 re.findall(r'<span class="figure">([0-9,]+)</span><span class="label">([^<]+)</span>', text))
    same("HTML card 'numbers'", cards["numbers"], len(records))
    same("HTML card 'violations'", cards["violations"], len(violations))
    same("HTML card 'critical'", cards["critical"], sum(1 for entry in violations if entry["severity"] == "critical"))
    rows = html_data(text)["tables"]["violations"]["rows"]
    same("HTML violation rows", [(row[0], row[1], row[2], row[6], row[7]) for row in rows],
         [(entry["severity"], entry["rule"], entry["number"], entry["message"], entry["id"]) for entry in violations])
    names = dict((record["id"], record.get("display_name")) for record in records)
    same("HTML display names", [row[3] for row in rows], [names[entry["id"]] for entry in violations])
    sites = sorted(counted([r for r in records if r.get("site")], lambda r: r["site"]["name"]).items(), key=lambda item: (-item[1], item[0]))
    labels = [html.unescape(label) for label in re.findall(r'<text x="\d+" y="\d+" text-anchor="end"><title>[^<]*</title>([^<]*)</text>', text)]
    same("HTML chart sites", labels[:min(15, len(sites))], [name for name, dummy in sites[:15]])
    if drift is not None:
        tables = html_data(text)["tables"]
        same("HTML added numbers", [row[5] for row in tables["added"]["rows"]], [record["id"] for record in drift["added"]])
        same("HTML removed numbers", [row[5] for row in tables["removed"]["rows"]], [record["id"] for record in drift["removed"]])


def check_markdown(path, records, violations):
    text = pathlib.Path(path).read_text(encoding="utf-8")
    headline = "**{0:,} numbers**, **{1:,} violations**".format(len(records), len(violations))
    if headline not in text:
        raise Mismatch("the Markdown report lacks %r" % headline)
    for raw in ("<script", "{{", "@SUM", "=cmd"):
        if raw in text:
            raise Mismatch("the Markdown report holds %r unescaped" % raw)
    return text


def check_report(folder, records, violations, formats=("json", "csv", "html", "md")):
    report = load(folder / "phone_numbers_audit.json")
    same("numbers of %s" % folder.name, report["numbers"], records)
    same("violations of %s" % folder.name, report["violations"], violations)
    check_summary(report["summary"], records, violations)
    if "csv" in formats:
        check_csv(folder / "phone_numbers_audit.csv", records, violations)
    if "html" in formats:
        check_html(folder / "phone_numbers_audit.html", records, violations, report.get("drift"))
    if "md" in formats:
        check_markdown(folder / "phone_numbers_audit.md", records, violations)
    return report


def check_fact(path, report):
    fact = load(path)
    same("fact keys", sorted(fact), ["drift", "files", "report", "summary", "violations"])
    for key in ("summary", "violations", "report"):
        same("fact %s" % key, fact[key], report[key])
    same("fact drift", fact["drift"], report.get("drift"))
    return fact


def make_baseline(reports):
    """Write reports/baseline.json (a doctored first report) and reports/expected-changes.json."""
    document = load(reports / "first" / "phone_numbers_audit.json")
    numbers = document["numbers"]
    taken, expected = set(), {}

    def pick(test):
        record = next(record for record in numbers if record["id"] not in taken and test(record))
        taken.add(record["id"])
        return record

    def note(record, kinds, changes):
        expected[record["id"]] = {"id": record["id"], "number": record["number"], "kinds": kinds,
                                  "changes": sorted(changes, key=lambda change: change["field"])}

    user = pick(lambda r: (r.get("assignee") or {}).get("type") == "user")
    note(user, ["reassigned", "assignee_details"], [
        {"field": "assignee.id", "old": "former-owner-id", "new": user["assignee"]["id"]},
        {"field": "assignee.name", "old": "Former Owner", "new": user["assignee"]["name"]}])
    user["assignee"] = dict(user["assignee"], id="former-owner-id", name="Former Owner")

    queue = pick(lambda r: (r.get("assignee") or {}).get("type") == "callQueue")
    note(queue, ["reassigned", "assignee_details"],
         [{"field": "assignee." + key, "old": None, "new": value} for key, value in queue["assignee"].items()])
    del queue["assignee"]

    moved = pick(lambda r: bool(r.get("site")))
    other = next(record["site"] for record in numbers if record.get("site") and record["site"]["id"] != moved["site"]["id"])
    note(moved, ["site_moved", "site_details"], [
        {"field": "site.id", "old": other["id"], "new": moved["site"]["id"]},
        {"field": "site.name", "old": other["name"], "new": moved["site"]["name"]}])
    moved["site"] = dict(other)

    byoc = pick(lambda r: r.get("emergency_address_status") == 2 and bool(r.get("emergency_address")))
    note(byoc, ["emergency_address"], [
        {"field": "emergency_address.address_line1", "old": "1 Old Street", "new": byoc["emergency_address"]["address_line1"]},
        {"field": "emergency_address_status", "old": 1, "new": 2}])
    byoc["emergency_address"] = dict(byoc["emergency_address"], address_line1="1 Old Street")
    byoc["emergency_address_status"] = 1

    (reports / "baseline.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    (reports / "expected-changes.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    print("baseline: %d numbers, %d of them doctored" % (len(numbers), len(expected)))


def check(reports, simulator):
    # The first audit, against the truth kept before the account changed.
    first = reports / "first"
    records = merged(load(first / "truth.json"), load(first / "truth-byoc.json"))
    violations = expected_violations(records)
    report = check_report(first, records, violations)
    check_fact(first / "fact.json", report)
    same("first audit drift", "drift" in report, False)
    print("first audit: %d numbers and %d violations match the truth in JSON, CSV, HTML, Markdown and the fact"
          % (len(records), len(violations)))

    # The audit against the doctored baseline, after numbers were added and removed.
    # Pending numbers included, as the collection lists them unless told otherwise.
    now = merged(http_json(simulator + "/_sim/truth?pending_numbers=true")["records"],
                 http_json(simulator + "/_sim/truth?type=byoc&pending_numbers=true")["records"])
    mutation = load(reports / "mutation.json")
    baseline = load(reports / "baseline.json")["numbers"]
    drift_folder = reports / "drift"
    violations_now = expected_violations(now)
    report = check_report(drift_folder, now, violations_now)
    check_fact(drift_folder / "fact.json", report)
    drift = report["drift"]
    same("drift added", [record["id"] for record in drift["added"]], [record["id"] for record in now if record["id"] in mutation["added"]])
    same("drift removed", [record["id"] for record in drift["removed"]], [record["id"] for record in baseline if record["id"] in mutation["removed"]])
    same("drift added records", drift["added"], [record for record in now if record["id"] in mutation["added"]])
    doctored = load(reports / "expected-changes.json")
    same("drift changed", drift["changed"], [doctored[record["id"]] for record in now if record["id"] in doctored])
    same("drift counts", [drift["counts"][key] for key in ("added", "removed", "changed")],
         [len(mutation["added"]), len(mutation["removed"]), len(drift["changed"])])
    markdown = (drift_folder / "phone_numbers_audit.md").read_text(encoding="utf-8")
    line = "%d added, %d removed, %d changed" % (len(mutation["added"]), len(mutation["removed"]), len(drift["changed"]))
    if line not in markdown:
        raise Mismatch("the drift Markdown report lacks %r" % line)
    print("drift audit: %s, each change with its fields and old and new values" % line)

    # The gate at high failed the play after writing its report, naming the first violations.
    gate_folder = reports / "gate-fail"
    if (gate_folder / "passed.txt").exists() or not (gate_folder / "message.txt").exists():
        raise Mismatch("the gate at severity high did not fail the play")
    over = [entry for entry in expected_violations(now, named=False) if entry["severity"] in ("critical", "high")]
    message = (gate_folder / "message.txt").read_text(encoding="utf-8")
    start = "Phone number audit: %d violations at or above severity high (" % len(over)
    if not message.startswith(start):
        raise Mismatch("gate message %r does not start with %r" % (message[:200], start))
    first_over = "First 10: [%s] %s %s" % (over[0]["severity"], over[0]["rule"], over[0]["message"])
    if first_over not in message:
        raise Mismatch("gate message lacks the first violation %r" % first_over)
    same("gate report", load(gate_folder / "phone_numbers_audit.json")["report"]["gate"]["count"], len(over))
    print("gate at high: failed the play with %d violations, the first ten in its message" % len(over))

    # The gate at critical, with the only critical rule off, let the play through.
    fact = load(reports / "gate-pass" / "fact.json")
    expected = expected_violations(now, named=False, disabled=("byoc_emergency_address_missing",))
    same("passing gate violations", fact["violations"], expected)
    same("passing gate", (fact["report"]["gate"]["failed"], fact["report"]["gate"]["severity"]), (False, "critical"))
    if not any(entry["severity"] == "high" for entry in expected):
        raise Mismatch("the passing gate run had no high violation below its critical threshold")
    print("gate at critical: passed with %d violations below the threshold" % len(expected))


def main(argv):
    if len(argv) == 3 and argv[1] == "make-baseline":
        make_baseline(pathlib.Path(argv[2]))
        return 0
    if len(argv) == 4 and argv[1] == "check":
        try:
            check(pathlib.Path(argv[2]), argv[3].rstrip("/"))
        except Mismatch as exc:
            print("MISMATCH: %s" % exc)
            return 1
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
