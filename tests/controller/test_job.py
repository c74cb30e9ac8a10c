# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A job template running the project's playbook (ucops.zoom.audit), by ansible-runner as the controller runs it."""

from __future__ import annotations

import glob
import json
import pathlib

from ansible_runs import expected_numbers  # pylint: disable=import-error

from .conftest import SECRET, credential_inputs

AUDIT_TASK = "Audit the Zoom Phone numbers and write the reports"
EMPTY_INVENTORY = {"_meta": {"hostvars": {}}, "all": {"children": ["ungrouped"]}}


def test_scheduled_audit_job_against_the_synced_inventory(controller, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=400, seed=9, client_secret=SECRET)
    inputs = credential_inputs(sim)
    sync = controller.inventory_sync(inputs)
    assert sync.status == "successful", sync.stdout

    # The job template uses the inventory the sync stored, and the same credential.
    job = controller.job(inputs, sync.inventory())
    assert (job.status, job.rc) == ("successful", 0), job.stdout
    (stats,) = job.events_of("playbook_on_stats")
    assert stats["event_data"]["failures"] == {} and stats["event_data"]["dark"] == {}
    assert stats["event_data"]["ok"].get("localhost", 0) >= 1
    # The summary the project's playbook publishes becomes the job's artifacts.
    assert stats["event_data"]["artifact_data"]["zoom_phone_audit"]["total"] == len(expected_numbers(sim))
    audited = [event for event in job.events_of("runner_on_ok") if event["event_data"]["task"] == AUDIT_TASK]
    assert len(audited) == 1

    # The reports are in the job's working folder (the project), complete against the ground truth.
    report_path = job.pdd / "project" / "zoom-phone-audit" / "phone_numbers_audit.json"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    truth = expected_numbers(sim)
    assert report["summary"]["total"] == len(truth)
    assert sorted(record["id"] for record in report["numbers"]) == sorted(record["id"] for record in truth)

    # Neither the secret nor the access token the job used is in its output, events or files.
    tokens = [json.loads(pathlib.Path(path).read_text(encoding="utf-8"))["access_token"]
              for path in glob.glob(str(controller.home / ".cache" / "ucops.zoom" / "tokens" / "*.json"))]
    assert len(tokens) == 1
    for run in (sync, job):
        for secret in [SECRET] + tokens:
            assert secret not in run.stdout
            for event in run.events:
                assert secret not in json.dumps(event)
            for path in run.files():
                assert secret.encode() not in path.read_bytes(), path


def test_audit_gate_fails_the_job_with_the_rule_that_matched(controller, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=200, seed=4, client_secret=SECRET)
    rule = {"name": "no_assignee", "description": "Number assigned to nobody", "severity": "high", "where": "!assignee"}
    extravars = {
        "phone_numbers_audit_rules": [rule],
        "phone_numbers_audit_fail_on_violation": True,
        "phone_numbers_audit_formats": ["json"],
    }
    # This credential's app has only the Number Management scope, so it chose that endpoint.
    inputs = dict(credential_inputs(sim), endpoint="number_management")
    job = controller.job(inputs, EMPTY_INVENTORY, extravars=extravars)
    assert job.status == "failed" and job.rc != 0
    (failed,) = job.events_of("runner_on_failed")
    assert "no_assignee" in json.dumps(failed["event_data"]["res"])
    (stats,) = job.events_of("playbook_on_stats")
    assert stats["event_data"]["failures"] == {"localhost": 1}

    report = json.loads((job.pdd / "project" / "zoom-phone-audit" / "phone_numbers_audit.json").read_text(encoding="utf-8"))
    unassigned = [record["id"] for record in expected_numbers(sim) if "assignee" not in record]
    assert unassigned
    assert sorted(violation["id"] for violation in report["violations"]) == sorted(unassigned)
    # The failed job still carries its summary: exactly when the gate fails it is needed most.
    published = stats["event_data"]["artifact_data"]["zoom_phone_audit"]
    assert published == report["summary"]
    assert published["violation_counts"]["by_severity"]["high"] == len(unassigned)
    paths = sim.stats()["by_path"]
    assert paths.get("/v2/number_management/numbers") and not paths.get("/v2/phone/numbers")
