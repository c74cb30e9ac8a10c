# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The report document, its JSON form, the fact, and writing the files."""

from __future__ import annotations

import json
import os
import pathlib

import pytest
import yaml

from ansible_collections.ucops.zoom.plugins.plugin_utils.audit import report
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.options import AuditError
from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import merge_byoc
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.rules import build_rules

DEFAULTS = pathlib.Path(__file__).resolve().parents[5] / "roles" / "phone_numbers_audit" / "defaults" / "main.yml"


def document_for(sim, baseline=None):
    records = sim.truth()
    merge_byoc(records, sim.truth(type="byoc"))
    rules, dummy = build_rules(yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))["phone_numbers_audit_rules"])
    meta = {"api_url": sim.api_url, "filters": {}, "byoc_fields_listed": True}
    return report.audit(records, rules, "high", baseline, meta)


def test_document_has_the_contract_keys_and_every_number(zoom_simulator):
    document = document_for(zoom_simulator)
    assert list(document) == ["report", "summary", "violations", "numbers"]
    truth = zoom_simulator.truth()
    assert [record["id"] for record in document["numbers"]] == [record["id"] for record in truth]
    report = document["report"]
    assert report["format_version"] == 1 and report["generated_at"].endswith("Z")
    assert [rule["violations"] for rule in report["rules"]] == [
        sum(1 for entry in document["violations"] if entry["rule"] == rule["name"]) for rule in report["rules"]]
    assert report["gate"]["severity"] == "high"
    assert report["gate"]["count"] == sum(1 for entry in document["violations"] if entry["severity"] in ("high", "critical"))


def test_json_report_round_trips_and_keeps_one_number_per_line(zoom_simulator):
    document = document_for(zoom_simulator)
    text = report.render_json(document)
    assert json.loads(text) == json.loads(json.dumps(document))
    lines = text.splitlines()
    assert sum(1 for line in lines if line.startswith('  {"id":')) == len(document["numbers"])
    # Written as UTF-8 text, not \\u escapes, as Zoom sends it.
    assert "Zoë Ångström" in text


def test_a_report_as_its_own_baseline_has_no_drift(zoom_simulator):
    first = document_for(zoom_simulator)
    baseline = (json.loads(report.render_json(first))["numbers"], first["report"], "reports/old.json")
    second = document_for(zoom_simulator, baseline)
    assert list(second) == ["report", "summary", "violations", "drift", "numbers"]
    assert second["drift"]["counts"]["added"] == second["drift"]["counts"]["removed"] == second["drift"]["counts"]["changed"] == 0
    assert second["report"]["baseline"] == {"path": "reports/old.json", "generated_at": first["report"]["generated_at"], "total": len(first["numbers"])}


def test_drift_follows_the_simulator_mutation(zoom_simulator):
    first = document_for(zoom_simulator)
    mutation = zoom_simulator.mutate(add=6, remove=4, seed=9)
    second = document_for(zoom_simulator, (first["numbers"], first["report"], "old.json"))
    assert [record["id"] for record in second["drift"]["added"]] == [ident for ident in (r["id"] for r in zoom_simulator.truth()) if ident in mutation["added"]]
    assert sorted(record["id"] for record in second["drift"]["removed"]) == sorted(mutation["removed"])
    assert second["drift"]["changed"] == []


def test_headline(zoom_simulator):
    document = document_for(zoom_simulator)
    counts = document["summary"]["violation_counts"]["by_severity"]
    assert report.headline(document) == "%d phone numbers audited, %d violations (%d critical, %d high, %d medium, %d low)." % (
        len(document["numbers"]), len(document["violations"]), counts["critical"], counts["high"], counts["medium"], counts["low"])
    document["summary"]["total"] = 12345
    document["drift"] = {"counts": {"added": 1000, "removed": 0, "changed": 2}}
    assert report.headline(document).startswith("12,345 phone numbers audited, ")
    assert report.headline(document).endswith("; since the baseline 1,000 added, 0 removed, 2 changed.")


def test_the_fact_leaves_out_the_numbers(zoom_simulator):
    document = document_for(zoom_simulator)
    fact = report.fact(document, {"json": "/x/phone_numbers_audit.json"})
    assert sorted(fact) == ["drift", "files", "report", "summary", "violations"]
    assert fact["drift"] is None and fact["violations"] is document["violations"]


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o000])
def test_reports_are_written_atomically_and_privately_whatever_the_umask(zoom_simulator, tmp_path, umask):
    document = document_for(zoom_simulator)
    target = tmp_path / "new" / "folder"
    old_umask = os.umask(umask)
    try:
        files = report.write_reports(document, str(target), ["json", "md"])
    finally:
        os.umask(old_umask)
    assert files == {"json": str(target / "phone_numbers_audit.json"), "md": str(target / "phone_numbers_audit.md")}
    assert sorted(os.listdir(str(target))) == ["phone_numbers_audit.json", "phone_numbers_audit.md"]
    # Names, extensions and emergency addresses: for the owner only, and so are the folders made for them.
    assert [oct(os.stat(path).st_mode & 0o777) for path in sorted(files.values())] == [oct(0o600)] * 2
    assert [oct(os.stat(folder).st_mode & 0o777) for folder in (tmp_path / "new", target)] == [oct(0o700)] * 2
    assert json.loads(pathlib.Path(files["json"]).read_text(encoding="utf-8"))["summary"] == document["summary"]


def test_an_unwritable_folder_fails_with_the_path(zoom_simulator, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(AuditError, match="Cannot create the report folder %s" % blocker):
        report.write_reports(document_for(zoom_simulator), str(blocker / "reports"), ["json"])
