# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The roll-up of a fleet audit: one line per account, as ``accounts.json`` and ``accounts.md``.

Each account's audit leaves a small outcome (what the playbook ``ucops.zoom.audit_accounts``
collects per host): its status, totals, violations by severity, drift counts and where its
reports are. An account that could not be audited is listed with the reason, never dropped.
"""

from __future__ import annotations

import json

from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.markdown_report import figure, text
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.options import SEVERITIES, AuditError
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.report import FORMAT_VERSION, utc_now, write_files

STATUSES = ("ok", "gate_failed", "failed")
FILE_NAMES = {"json": "accounts.json", "md": "accounts.md"}
DRIFT_KEYS = ("added", "removed", "changed")


def account_entry(raw, index):
    """One account's outcome, checked and with every count present; raises AuditError naming the entry."""
    label = "accounts[%d]" % index
    if not isinstance(raw, dict):
        raise AuditError("%s must be a dict, got %s." % (label, type(raw).__name__))
    name = raw.get("account")
    if not isinstance(name, str) or not name:
        raise AuditError("%s needs the account's name (its inventory host name) as 'account'." % label)
    status = raw.get("status")
    if status not in STATUSES:
        raise AuditError("%s (%s) has the status %r; expected one of %s." % (label, name, status, ", ".join(STATUSES)))
    severities = raw.get("violations") or {}
    drift = raw.get("drift")
    return {
        "account": name,
        "status": status,
        "message": " ".join(str(raw.get("message") or "").split()),
        "total": _count(raw.get("total")),
        "violations": dict((severity, _count(severities.get(severity))) for severity in reversed(SEVERITIES)),
        "violations_total": sum(_count(severities.get(severity)) for severity in SEVERITIES),
        "drift": dict((key, _count(drift.get(key))) for key in DRIFT_KEYS) if isinstance(drift, dict) else None,
        "output_dir": raw.get("output_dir"),
    }


def _count(value):
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def rollup(accounts):
    """The roll-up document: per account, then the fleet's totals."""
    entries = sorted((account_entry(raw, index) for index, raw in enumerate(accounts)), key=lambda entry: entry["account"])
    audited = [entry for entry in entries if entry["status"] != "failed"]
    totals = {
        "accounts": len(entries),
        "audited": len(audited),
        "failed": len(entries) - len(audited),
        "gate_failed": sum(1 for entry in entries if entry["status"] == "gate_failed"),
        "numbers": sum(entry["total"] for entry in audited),
        "violations": dict((severity, sum(entry["violations"][severity] for entry in audited)) for severity in reversed(SEVERITIES)),
    }
    return {"format_version": FORMAT_VERSION, "generated_at": utc_now(), "totals": totals, "accounts": entries}


def render_markdown(document):
    totals = document["totals"]
    lines = ["# Zoom Phone number audit of %s accounts" % figure(totals["accounts"]), ""]
    lines.append("Generated %s. %s audited (%s over their gate), %s failed; %s numbers, %s." % (
        text(document["generated_at"]), figure(totals["audited"]), figure(totals["gate_failed"]), figure(totals["failed"]),
        figure(totals["numbers"]), ", ".join("%s %s" % (figure(count), name) for name, count in totals["violations"].items())))
    lines.append("")
    header = ["Account", "Status", "Numbers"] + [name.capitalize() for name in reversed(SEVERITIES)] + ["Added", "Removed", "Changed", "Note"]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|---|---|--:|" + "--:|" * (len(SEVERITIES) + len(DRIFT_KEYS)) + "---|")
    for entry in document["accounts"]:
        failed = entry["status"] == "failed"
        cells = [text(entry["account"]), entry["status"].replace("_", " "), "" if failed else figure(entry["total"])]
        cells += ["" if failed else figure(entry["violations"][severity]) for severity in reversed(SEVERITIES)]
        drift = entry["drift"]
        cells += [figure(drift[key]) if drift else "" for key in DRIFT_KEYS]
        cells.append(text(entry["message"]))
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


def write_rollup(document, output_dir):
    """Write accounts.json and accounts.md into ``output_dir``; return ``{format: path}``."""
    return write_files(output_dir, [
        ("json", FILE_NAMES["json"], lambda: json.dumps(document, indent=1, ensure_ascii=False) + "\n"),
        ("md", FILE_NAMES["md"], lambda: render_markdown(document)),
    ])
