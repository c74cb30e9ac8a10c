# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The HTML report: one self-contained page for an auditor.

Summary figures, rules and breakdowns are written as HTML with every value escaped; the
chart of numbers by site and status is inline SVG; the long tables (violations, drift) are
a JSON block that the inlined script turns into sortable, searchable pages of rows. A
Content-Security-Policy forbids loading anything from anywhere, and running any script but that one.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json

from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.html_assets import SCRIPT, STYLE
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.options import SEVERITIES
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.summary import site_status_table

# The page runs its one script, known by its hash, and nothing else: a record that slipped past the
# escaping as markup could not run a script of its own, inline or from anywhere.
SCRIPT_HASH = "'sha256-%s'" % base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src %s; img-src data:; base-uri 'none'; form-action 'none'" % SCRIPT_HASH
STATUS_COLOURS = (("available", "#2f7ed8"), ("pending", "#f0a30a"))
OTHER_COLOUR = "#9aa3b2"
CHART_SITES = 15

# Column specs for the script: ``kind`` picks the sort order, ``css`` the cell class; a
# ``hidden`` column is searched but not shown.
VIOLATION_COLUMNS = (
    {"key": "severity", "label": "Severity", "kind": "severity", "css": "nowrap"},
    {"key": "rule", "label": "Rule", "kind": "text", "css": "nowrap"},
    {"key": "number", "label": "Number", "kind": "text", "css": "nowrap"},
    {"key": "name", "label": "Display name", "kind": "text"},
    {"key": "site", "label": "Site", "kind": "text"},
    {"key": "assignee", "label": "Assigned to", "kind": "text"},
    # Number, name and rule description are columns already: the message is searched, not shown.
    {"key": "message", "label": "Message", "kind": "text", "hidden": True},
    {"key": "id", "label": "Id", "kind": "text", "css": "nowrap mono"},
)
CHANGE_COLUMNS = (
    {"key": "number", "label": "Number", "kind": "text", "css": "nowrap"},
    {"key": "kinds", "label": "Kind", "kind": "text"},
    {"key": "field", "label": "Field", "kind": "text", "css": "mono"},
    {"key": "old", "label": "Old", "kind": "text"},
    {"key": "new", "label": "New", "kind": "text"},
    {"key": "id", "label": "Id", "kind": "text", "css": "nowrap mono"},
)
NUMBER_COLUMNS = (
    {"key": "number", "label": "Number", "kind": "text", "css": "nowrap"},
    {"key": "name", "label": "Display name", "kind": "text"},
    {"key": "site", "label": "Site", "kind": "text"},
    {"key": "assignee", "label": "Assigned to", "kind": "text"},
    {"key": "status", "label": "Status", "kind": "text"},
    {"key": "id", "label": "Id", "kind": "text", "css": "nowrap mono"},
)


def esc(value):
    """Text for HTML content or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def figure(count):
    return "{0:,}".format(count)


def script_json(value):
    """JSON that is safe inside a <script> element: no '<', '>' or '&' can end it early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _name(record, key):
    value = record.get(key)
    return value.get("name") if isinstance(value, dict) else None


def _assignee(record):
    assignee = record.get("assignee")
    if not isinstance(assignee, dict) or not assignee:
        return None
    return "%s (%s)" % (assignee.get("name") or assignee.get("id") or "?", assignee.get("type") or "?")


def _value(value):
    """A drift value as table text; an absent field reads "(none)", as in the Markdown report."""
    if value is None:
        return "(none)"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def table_data(document):
    """The rows of the script-driven tables, as lists in column order."""
    by_id = dict((record.get("id"), record) for record in document["numbers"])
    rows = []
    for entry in document["violations"]:
        record = by_id.get(entry["id"], {})
        rows.append([entry["severity"], entry["rule"], entry["number"], record.get("display_name"), _name(record, "site"),
                     _assignee(record), entry["message"], entry["id"]])
    tables = {"violations": {"columns": list(VIOLATION_COLUMNS), "rows": rows}}
    drift = document.get("drift")
    if drift is not None:
        changes = []
        for entry in drift["changed"]:
            for change in entry["changes"]:
                changes.append([entry["number"], ", ".join(entry["kinds"]), change["field"], _value(change["old"]), _value(change["new"]), entry["id"]])
        tables["changed"] = {"columns": list(CHANGE_COLUMNS), "rows": changes}
        for key in ("added", "removed"):
            tables[key] = {"columns": list(NUMBER_COLUMNS), "rows": [
                [record.get("number"), record.get("display_name"), _name(record, "site"), _assignee(record), record.get("status"), record.get("id")]
                for record in drift[key]]}
    return {"tables": tables}


def chart(records):
    """Inline SVG: a horizontal bar per site (largest first), split by status."""
    rows = site_status_table(records, CHART_SITES)
    if not rows:
        return "<p>No numbers to chart.</p>"
    width, label_width, count_width, bar_height, gap = 760, 230, 70, 18, 6
    scale = (width - label_width - count_width) / float(max(total for dummy, dummy, total in rows) or 1)
    height = len(rows) * (bar_height + gap) + gap
    parts = ['<svg class="chart" role="img" viewBox="0 0 %d %d" width="100%%" style="max-width:%dpx" '
             'aria-labelledby="chart-title"><title id="chart-title">Numbers by site and status</title>' % (width, height, width)]
    known = dict(STATUS_COLOURS)
    for index, (site, statuses, total) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        label = site if len(site) <= 32 else site[:31] + "\u2026"
        parts.append('<text x="%d" y="%d" text-anchor="end"><title>%s</title>%s</text>' % (
            label_width - 8, y + bar_height - 5, esc(site), esc(label)))
        x = float(label_width)
        ordered = [(name, statuses[name]) for name, dummy in STATUS_COLOURS if name in statuses]
        ordered += sorted((name, count) for name, count in statuses.items() if name not in known)
        for status, count in ordered:
            span = count * scale
            parts.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s, %s: %s</title></rect>' % (
                x, y, span, bar_height, known.get(status, OTHER_COLOUR), esc(site), esc(status), figure(count)))
            x += span
        parts.append('<text class="count" x="%.1f" y="%d">%s</text>' % (x + 6, y + bar_height - 5, figure(total)))
    parts.append("</svg>")
    return "".join(parts)


def _legend(summary):
    by_status = summary["by_status"]
    items = ['<span><i style="background:%s"></i>%s %s</span>' % (colour, esc(name), figure(by_status.get(name, 0))) for name, colour in STATUS_COLOURS]
    items += ['<span><i style="background:%s"></i>%s %s</span>' % (OTHER_COLOUR, esc(name), figure(count))
              for name, count in by_status.items() if name not in dict(STATUS_COLOURS)]
    return '<div class="legend">%s</div>' % "".join(items)


def _counts_table(title, counts, limit=None):
    items = list(counts.items())
    shown = items[:limit] if limit else items
    rows = "".join('<tr><td>%s</td><td class="num">%s</td></tr>' % (esc(name), figure(count)) for name, count in shown)
    if limit and len(items) > limit:
        rest = sum(count for dummy, count in items[limit:])
        rows += '<tr><td>%d more</td><td class="num">%s</td></tr>' % (len(items) - limit, figure(rest))
    return '<div><h3>%s</h3><table class="small"><tbody>%s</tbody></table></div>' % (esc(title), rows)


def _table_block(name, title, noun):
    return (
        '<div class="table-block" data-table="%s"><div class="controls">'
        '<input type="search" class="search" aria-label="Search %s" placeholder="Search %s">'
        '<select class="severity" aria-label="Severity"><option value="">every severity</option></select>'
        '<span class="shown" aria-live="polite"></span></div>'
        '<div class="scroll"><table class="data" aria-label="%s"><thead><tr></tr></thead><tbody></tbody></table></div>'
        '<div class="pager"><button type="button" class="prev">\u2039 Previous</button><span class="page"></span>'
        '<button type="button" class="next">Next \u203a</button></div>'
        '<noscript><p>This table needs JavaScript; the CSV and JSON reports hold the same %s.</p></noscript></div>'
    ) % (esc(name), esc(noun), esc(noun), esc(title), esc(noun))


def _cards(summary, drift):
    counts = summary["violation_counts"]
    cards = [("", summary["total"], "numbers"), ("", summary["by_assignment"].get("assigned", 0), "assigned"),
             ("", summary["by_assignment"].get("unassigned", 0), "unassigned"), ("", counts["total"], "violations"),
             ("", counts["numbers"], "numbers with violations")]
    cards += [(name, counts["by_severity"].get(name, 0), name) for name in reversed(SEVERITIES)]
    if drift is not None:
        cards += [("", drift["counts"][key], key + " since baseline") for key in ("added", "removed", "changed")]
    return '<div class="cards">%s</div>' % "".join(
        '<div class="card %s"><span class="figure">%s</span><span class="label">%s</span></div>' % (esc(css), figure(value), esc(label))
        for css, value, label in cards)


def _gate_line(report):
    gate = report.get("gate")
    if not gate:
        return ""
    if not gate.get("enabled", True):
        return '<p class="status-line off">Policy gate off (fail_on_violation is false); %s violation%s at or above severity %s.</p>' % (
            figure(gate["count"]), " is" if gate["count"] == 1 else "s are", esc(gate["severity"]))
    if gate["failed"]:
        return '<p class="status-line fail">Policy gate at severity %s: %s violation%s at or above it.</p>' % (
            esc(gate["severity"]), figure(gate["count"]), "" if gate["count"] == 1 else "s")
    return '<p class="status-line pass">Policy gate at severity %s: no violation at or above it.</p>' % esc(gate["severity"])


def _rules_table(report):
    row = ('<tr><td><span class="badge sev-%s">%s</span></td><td class="nowrap"><code>%s</code></td><td class="num">%s</td>'
           '<td>%s</td><td><code>%s</code></td></tr>')
    rows = "".join(row % (esc(rule["severity"]), esc(rule["severity"]), esc(rule["name"]), figure(rule["violations"]),
                          esc(rule["description"]), esc(rule["where"])) for rule in report["rules"])
    return ('<table class="small"><thead><tr><th>Severity</th><th>Rule</th><th class="num">Violations</th><th>What it checks</th>'
            '<th>JMESPath</th></tr></thead><tbody>%s</tbody></table>' % rows)


def _drift_section(drift, baseline):
    counts = drift["counts"]
    kinds = ", ".join("%s %s" % (figure(count), esc(kind)) for kind, count in counts["by_kind"].items() if count) or "none"
    note = "" if drift.get("byoc_fields_compared", True) else " BYOC fields were not compared: only one of the two audits listed them."
    return "".join((
        '<section id="drift"><h2>Changes since the baseline</h2>',
        '<p>Baseline <code>%s</code>, generated %s with %s numbers: <strong>%s added</strong>, <strong>%s removed</strong>, '
        '<strong>%s changed</strong> (%s).%s</p>' % (
            esc(baseline.get("path")), esc(baseline.get("generated_at") or "at an unknown time"), figure(baseline.get("total", 0)),
            figure(counts["added"]), figure(counts["removed"]), figure(counts["changed"]), kinds, esc(note)),
        "<h3>Changed numbers</h3>", _table_block("changed", "Changed numbers", "changes"),
        "<h3>Added numbers</h3>", _table_block("added", "Added numbers", "added numbers"),
        "<h3>Removed numbers</h3>", _table_block("removed", "Removed numbers", "removed numbers"),
        "</section>",
    ))


def render(document):
    """The whole HTML report as text."""
    report, summary, drift = document["report"], document["summary"], document.get("drift")
    filters = ", ".join("%s=%s" % item for item in sorted((report.get("filters") or {}).items())) or "none"
    breakdowns = "".join((
        _counts_table("By number type", summary["by_number_type"]),
        _counts_table("By assignment", summary["by_assignment"]),
        _counts_table("By assignee type", summary["by_assignee_type"]),
        _counts_table("By status", summary["by_status"]),
        _counts_table("By source", summary.get("by_source", {})),
        _counts_table("By site", summary["by_site"], limit=12),
    ))
    body = "".join((
        "<header><h1>Zoom Phone number audit</h1>",
        '<p class="meta">Generated %s from <code>%s</code> &middot; filters: <code>%s</code> &middot; BYOC fields %s</p>' % (
            esc(report.get("generated_at")), esc(report.get("api_url")), esc(filters),
            "listed" if report.get("byoc_fields_listed") else "not listed (no enabled rule needs them)"),
        _gate_line(report), "</header><main>",
        '<section id="summary"><h2>Summary</h2>', _cards(summary, drift), "</section>",
        '<section id="rules"><h2>Rules</h2>', _rules_table(report), "</section>",
        '<section id="chart"><h2>Numbers by site and status</h2>', chart(document["numbers"]), _legend(summary), "</section>",
        '<section id="breakdown"><h2>Breakdown</h2><div class="columns">', breakdowns, "</div></section>",
        '<section id="violations"><h2>Violations</h2>', _table_block("violations", "Violations", "violations"), "</section>",
        _drift_section(drift, report.get("baseline") or {}) if drift is not None else "",
        "</main>",
        "<footer>Written by the ucops.zoom.phone_numbers_audit role. The JSON report next to this file holds every number "
        "and is the input for the next audit's drift.</footer>",
    ))
    return "".join((
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        '<meta http-equiv="Content-Security-Policy" content="%s">' % esc(CSP),
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Zoom Phone number audit %s</title>" % esc(report.get("generated_at")),
        "<style>%s</style></head><body>" % STYLE,
        body,
        '<script type="application/json" id="audit-data">%s</script>' % script_json(table_data(document)),
        "<script>%s</script></body></html>\n" % SCRIPT,
    ))
