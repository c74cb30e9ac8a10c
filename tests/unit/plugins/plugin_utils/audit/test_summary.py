# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit summary against the simulator's ground truth."""

from __future__ import annotations

import collections

from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.summary import site_status_table, summarize

VIOLATIONS = [
    {"rule": "a", "severity": "critical", "id": "1", "number": "+1", "message": "m"},
    {"rule": "b", "severity": "low", "id": "1", "number": "+1", "message": "m"},
    {"rule": "b", "severity": "low", "id": "2", "number": "+2", "message": "m"},
]


def counted(records, key):
    return dict(collections.Counter(key(record) for record in records))


def test_summary_counts_equal_the_truth(zoom_simulator_factory):
    records = zoom_simulator_factory(size=2500, seed=4).truth()
    summary = summarize(records, VIOLATIONS, {"a": 1, "b": 2, "c": 0})
    assert list(summary)[:6] == ["total", "by_number_type", "by_assignment", "by_assignee_type", "by_site", "by_status"]
    assert summary["total"] == len(records)
    assert summary["by_number_type"] == counted(records, lambda r: r["number_type"])
    assert summary["by_status"] == counted(records, lambda r: r["status"])
    assert summary["by_source"] == counted(records, lambda r: r["source"])
    assert summary["by_assignee_type"] == counted(records, lambda r: r["assignee"]["type"] if "assignee" in r else "unassigned")
    assert summary["by_site"] == counted(records, lambda r: r["site"]["name"] if "site" in r else "no site")
    assigned = sum(1 for record in records if "assignee" in record)
    assert summary["by_assignment"] == {"assigned": assigned, "unassigned": len(records) - assigned}
    assert list(summary["by_site"].values()) == sorted(summary["by_site"].values(), reverse=True)
    assert summary["violation_counts"] == {
        "total": 3, "numbers": 2, "by_severity": {"critical": 1, "high": 0, "medium": 0, "low": 2}, "by_rule": {"a": 1, "b": 2, "c": 0}}


def test_site_chart_rows_keep_the_largest_sites_and_total_everything(zoom_simulator_factory):
    records = zoom_simulator_factory(size=6000, seed=2).truth()
    rows = site_status_table(records, top=5)
    sites = collections.Counter(record["site"]["name"] for record in records if "site" in record)
    assert [(name, total) for name, dummy, total in rows[:5]] == sites.most_common(5)
    assert rows[5][0] == "other sites (%d)" % (len(sites) - 5)
    assert rows[-1][0] == "no site"
    assert sum(total for dummy, dummy, total in rows) == len(records)
    pending = sum(1 for record in records if record["status"] == "pending")
    assert sum(statuses.get("pending", 0) for dummy, statuses, dummy in rows) == pending
