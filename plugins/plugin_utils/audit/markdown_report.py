# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Markdown report: a summary short enough for a ticket or a pull request comment.

Every value from Zoom goes through ``text()``: Markdown and HTML punctuation is escaped so
that a display name cannot break a table, start a link or an image, raise a mention, or
smuggle HTML into a renderer that allows it.
"""

from __future__ import annotations

from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.options import SEVERITIES

FIRST_VIOLATIONS = 20
FIRST_CHANGES = 20
TOP_SITES = 10

# HTML and mentions become entities; punctuation that starts emphasis, code, links, images,
# table cells, issue references or template tags is backslash-escaped (CommonMark allows it
# before any ASCII punctuation).
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;"}
_BACKSLASHED = frozenset("\\`*_~[](){}!|#")


def text(value):
    """``value`` as inline Markdown that renders literally, on one line."""
    if value is None:
        return ""
    out = []
    for char in " ".join(str(value).split()):
        if char in _ENTITIES:
            out.append(_ENTITIES[char])
        elif char in _BACKSLASHED:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def figure(count):
    return "{0:,}".format(count)


def _table(header, rows, align=None):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align or ["---"] * len(header)) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _counts_line(counts):
    return ", ".join("%s %s" % (figure(count), text(name)) for name, count in counts.items()) or "none"


def render(document, files=None):
    """The whole Markdown report as text; ``files`` names the other reports to point at."""
    report, summary = document["report"], document["summary"]
    counts = summary["violation_counts"]
    lines = ["# Zoom Phone number audit", ""]
    lines.append("Generated %s from %s. Filters: %s." % (
        text(report.get("generated_at")), text(report.get("api_url")),
        text(", ".join("%s=%s" % item for item in sorted((report.get("filters") or {}).items())) or "none")))
    lines.append("")
    severities = ", ".join("%s %s" % (figure(counts["by_severity"].get(name, 0)), name) for name in reversed(SEVERITIES))
    lines.append("**%s numbers**, **%s violations** on %s numbers (%s)." % (
        figure(summary["total"]), figure(counts["total"]), figure(counts["numbers"]), severities))
    lines.append("")

    lines += ["## Rules", ""]
    rule_rows = [[rule["severity"], text(rule["name"]), figure(rule["violations"]), text(rule["description"])] for rule in report["rules"]]
    lines += _table(["Severity", "Rule", "Violations", "What it checks"], rule_rows, ["---", "---", "--:", "---"])
    lines.append("")

    lines += ["## Numbers", ""]
    for title, key in (("By number type", "by_number_type"), ("By assignment", "by_assignment"),
                       ("By assignee type", "by_assignee_type"), ("By status", "by_status")):
        lines.append("- %s: %s" % (title, _counts_line(summary[key])))
    sites = list(summary["by_site"].items())
    shown = dict(sites[:TOP_SITES])
    more = " and %d more" % (len(sites) - TOP_SITES) if len(sites) > TOP_SITES else ""
    lines.append("- By site (largest %d%s): %s" % (min(len(sites), TOP_SITES), more, _counts_line(shown)))
    lines.append("")

    drift = document.get("drift")
    if drift is not None:
        lines += _drift(drift, report.get("baseline") or {})

    lines += ["## First violations", ""]
    violations = document["violations"]
    if violations:
        lines.append("The %d most severe of %s:" % (min(len(violations), FIRST_VIOLATIONS), figure(len(violations))))
        lines.append("")
        rows = [[entry["severity"], text(entry["rule"]), text(entry["number"]), text(entry["message"])] for entry in violations[:FIRST_VIOLATIONS]]
        lines += _table(["Severity", "Rule", "Number", "Message"], rows)
    else:
        lines.append("No rule matched any number.")
    lines.append("")
    if files:
        lines.append("Details: %s." % ", ".join("`%s`" % name.replace("`", "") for name in files))
        lines.append("")
    return "\n".join(lines)


def _drift(drift, baseline):
    counts = drift["counts"]
    lines = ["## Changes since the baseline", ""]
    lines.append("Baseline generated %s with %s numbers: %s added, %s removed, %s changed%s." % (
        text(baseline.get("generated_at") or "at an unknown time"), figure(baseline.get("total", 0)),
        figure(counts["added"]), figure(counts["removed"]), figure(counts["changed"]),
        "" if drift.get("byoc_fields_compared", True) else " (BYOC fields not compared: only one audit listed them)"))
    kinds = dict((kind, count) for kind, count in counts["by_kind"].items() if count)
    if kinds:
        lines.append("")
        lines.append("Changed numbers by kind of change: %s." % _counts_line(kinds))
    rows = []
    for entry in drift["changed"]:
        for change in entry["changes"]:
            if len(rows) == FIRST_CHANGES:
                break
            rows.append([text(entry["number"]), text(change["field"]), text(_value(change["old"])), text(_value(change["new"]))])
    if rows:
        lines.append("")
        lines += _table(["Number", "Field", "Old", "New"], rows)
    lines.append("")
    return lines


def _value(value):
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value
