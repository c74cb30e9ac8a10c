# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ucops.zoom.remediate end to end: the audit's findings fixed where that is safe, and idle toll-free numbers
released only with the id of a reviewed plan that still holds."""

from __future__ import annotations

import json

from audit_runs import Audit  # pylint: disable=import-error
from number_truth import changes, snapshot, writes  # pylint: disable=import-error

FAST = {"phone_numbers_audit_formats": ["json"]}


def idle_tollfree(sim):
    return [record for record in sim.truth(type="unassigned", number_type="tollfree") if record["status"] != "pending"]


def test_remediation_moves_siteless_numbers_and_releases_only_a_reviewed_plan(tmp_path, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=500, seed=1)
    audit = Audit(tmp_path)
    site = sim.truth(endpoint="sites")[2]
    siteless = [record for record in sim.truth(type="unassigned") if not record.get("site") and record["status"] != "pending"]
    idle = idle_tollfree(sim)
    assert siteless and len(idle) > 1

    # First run: numbers without a site move; the release is planned and written, nothing released.
    before = snapshot(sim)
    sim.reset_stats()
    first = audit.run(sim, dict(FAST, remediate_site=site["name"]), playbook="ucops.zoom.remediate")
    assert first.returncode == 0, first.output[-4000:]
    assert changes(before, snapshot(sim)) == dict((record["id"], {"site"}) for record in siteless)
    assert all(sim.number(record["id"])["site"]["id"] == site["id"] for record in siteless)
    assert [method for method, _path, _status in writes(sim)] == ["PATCH"]
    plan = json.loads((audit.cwd / "zoom-phone-audit" / "release-plan.json").read_text(encoding="utf-8"))
    assert sorted(plan["ids"]) == sorted(record["id"] for record in idle)
    assert plan["apply_with"] == "-e remediate_release_approved=" + plan["plan_id"]
    assert "remediate_release_approved=" + plan["plan_id"] in first.stdout and "cannot be undone" in first.stdout
    # The audit's report carries the remediation rules' findings.
    rules = set(violation["rule"] for violation in audit.report()["violations"])
    assert {"remediate_unassigned_without_site", "remediate_idle_tollfree"} <= rules

    # An id that is not the current plan's releases nothing.
    before = snapshot(sim)
    sim.reset_stats()
    refused = audit.run(sim, dict(FAST, remediate_release_approved="0123456789abcdef"), playbook="ucops.zoom.remediate")
    assert refused.returncode != 0
    assert "not the approved 0123456789abcdef" in refused.output and "Nothing was released" in refused.output
    assert sim.stats()["write_requests"] == 0 and changes(before, snapshot(sim)) == {}

    # The reviewed plan's id releases exactly its numbers, and nothing else changes.
    approved = audit.run(sim, dict(FAST, remediate_release_approved=plan["plan_id"]), playbook="ucops.zoom.remediate")
    assert approved.returncode == 0, approved.output[-4000:]
    assert changes(before, snapshot(sim)) == dict((record["id"], {"released"}) for record in idle)
    assert idle_tollfree(sim) == []

    # Once released, the same approval no longer matches any plan: nothing more happens.
    sim.reset_stats()
    again = audit.run(sim, dict(FAST, remediate_release_approved=plan["plan_id"]), playbook="ucops.zoom.remediate")
    assert again.returncode != 0 and sim.stats()["write_requests"] == 0
