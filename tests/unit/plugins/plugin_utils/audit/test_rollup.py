# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet roll-up: every account listed, failed ones with their reason, totals over the audited ones."""

from __future__ import annotations

import json

import pytest

from ansible_collections.ucops.zoom.plugins.filter.audit_outcome import audit_outcome
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.options import AuditError
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.rollup import render_markdown, rollup, write_rollup

AUDIT = {"summary": {"total": 120, "violation_counts": {"by_severity": {"critical": 1, "high": 0, "medium": 4, "low": 30}}},
         "drift": {"counts": {"added": 2, "removed": 1, "changed": 3, "by_kind": {}}}}
RUN = {"msg": "120 phone numbers audited", "output_dir": "/reports/acme"}


def test_outcomes_of_an_audited_a_gated_and_a_failed_account():
    assert audit_outcome(RUN, "acme", AUDIT) == {
        "account": "acme", "status": "ok", "message": "", "total": 120,
        "violations": {"critical": 1, "high": 0, "medium": 4, "low": 30}, "drift": {"added": 2, "removed": 1, "changed": 3},
        "output_dir": "/reports/acme"}
    assert audit_outcome(RUN, "acme", AUDIT, "Phone number audit: 1 violation")["status"] == "gate_failed"
    failed = audit_outcome(dict(RUN, failed=True, msg="Zoom OAuth refused the credentials"), "beta", None, "Zoom OAuth refused")
    assert failed == {"account": "beta", "status": "failed", "message": "Zoom OAuth refused"}


def test_rollup_totals_count_audited_accounts_only(tmp_path):
    document = rollup([audit_outcome(RUN, "zeta", AUDIT), audit_outcome({}, "alpha", None, "refused")])
    assert [entry["account"] for entry in document["accounts"]] == ["alpha", "zeta"]
    assert document["totals"] == {"accounts": 2, "audited": 1, "failed": 1, "gate_failed": 0, "numbers": 120,
                                  "violations": {"critical": 1, "high": 0, "medium": 4, "low": 30}}
    files = write_rollup(document, str(tmp_path / "out"))
    assert json.loads((tmp_path / "out" / "accounts.json").read_text(encoding="utf-8"))["totals"]["failed"] == 1
    assert sorted(files) == ["json", "md"]


def test_account_names_and_messages_cannot_break_the_markdown_table():
    document = rollup([{"account": "a|b", "status": "failed", "message": "[x](http://evil) <b>|"}])
    line = [row for row in render_markdown(document).splitlines() if row.startswith("| a")][0]
    assert line.count(" | ") == 10 and "<b>" not in line and "](" not in line


@pytest.mark.parametrize("entry, fragment", [
    ("acme", r"accounts\[0\] must be a dict"),
    ({"status": "ok"}, "needs the account's name"),
    ({"account": "acme", "status": "great"}, "has the status 'great'"),
])
def test_malformed_outcomes_are_named(entry, fragment):
    with pytest.raises(AuditError, match=fragment):
        rollup([entry])
