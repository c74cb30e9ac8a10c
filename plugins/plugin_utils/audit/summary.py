# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The audit summary: how many numbers there are by type, assignment, site and status, and how many break rules."""

from __future__ import annotations

from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.options import SEVERITIES
from ansible_collections.ucops.zoom.plugins.module_utils.record_fields import count_by

# (summary key, dotted field, key for numbers without the field), in the order reports show them.
COUNTED_FIELDS = (
    ("by_number_type", "number_type", "unknown"),
    ("by_assignee_type", "assignee.type", "unassigned"),
    ("by_site", "site.name", "no site"),
    ("by_status", "status", "unknown"),
    ("by_source", "source", "unknown"),
)

NO_SITE = "no site"


def is_assigned(record):
    assignee = record.get("assignee")
    return isinstance(assignee, dict) and bool(assignee)


def summarize(records, violations, rule_counts):
    """The report's ``summary``: counts over ``records`` and over ``violations``.

    ``rule_counts`` (rule name to matches) keeps rules that matched nothing visible as 0.
    """
    assigned = sum(1 for record in records if is_assigned(record))
    summary = {"total": len(records)}
    for key, path, missing in COUNTED_FIELDS:
        summary[key] = count_by(records, path, missing)
        if key == "by_number_type":
            # The contract's order: by_assignment comes right after by_number_type.
            summary["by_assignment"] = {"assigned": assigned, "unassigned": len(records) - assigned}
    by_severity = dict((severity, 0) for severity in reversed(SEVERITIES))
    for entry in violations:
        by_severity[entry["severity"]] += 1
    summary["violation_counts"] = {
        "total": len(violations),
        "numbers": len(set(entry["id"] for entry in violations)),
        "by_severity": by_severity,
        "by_rule": dict(rule_counts),
    }
    return summary


def site_status_table(records, top=15):
    """Rows ``(site, {status: count}, total)`` for the chart: the ``top`` largest sites, then the rest together.

    Numbers without a site get their own row, as do the remaining sites ("other sites").
    """
    table = {}
    for record in records:
        site = record.get("site")
        name = site.get("name") if isinstance(site, dict) else None
        name = name if isinstance(name, str) and name else NO_SITE
        status = record.get("status") if isinstance(record.get("status"), str) else "unknown"
        row = table.setdefault(name, {})
        row[status] = row.get(status, 0) + 1
    named = sorted(((name, row) for name, row in table.items() if name != NO_SITE), key=lambda item: (-sum(item[1].values()), item[0]))
    rows = [(name, row, sum(row.values())) for name, row in named[:top]]
    rest = {}
    for dummy, row in named[top:]:
        for status, count in row.items():
            rest[status] = rest.get(status, 0) + count
    if rest:
        rows.append(("other sites (%d)" % (len(named) - top), rest, sum(rest.values())))
    if NO_SITE in table:
        rows.append((NO_SITE, table[NO_SITE], sum(table[NO_SITE].values())))
    return rows
