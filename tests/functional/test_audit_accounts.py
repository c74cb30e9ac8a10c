# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The playbook ucops.zoom.audit_accounts over an inventory of simulated accounts, one of which cannot sign in."""

from __future__ import annotations

import json

import yaml

from ansible_runs import expected_numbers  # pylint: disable=import-error

ACCOUNTS = {"east": 700, "west": 450}


def connection(sim, token_cache, **overrides):
    options = {"account_id": sim.account_id, "client_id": sim.client_id, "client_secret": sim.client_secret,
               "api_url": sim.api_url, "oauth_url": sim.oauth_url, "token_cache": str(token_cache)}
    options.update(overrides)
    return options


def test_every_account_is_audited_and_one_failure_stops_none_of_the_others(ansible, zoom_simulator_factory):
    sims = dict((name, zoom_simulator_factory(size=size, seed=index + 3, client_secret="secret-of-%s" % name))
                for index, (name, size) in enumerate(sorted(ACCOUNTS.items())))
    broken = zoom_simulator_factory(size=50)
    hosts = dict((name, {"phone_numbers_audit_connection": connection(sim, ansible.tmp / "tokens")}) for name, sim in sims.items())
    hosts["broken"] = {"phone_numbers_audit_connection": connection(broken, ansible.tmp / "tokens", client_secret="not-the-secret")}
    inventory = ansible.tmp / "accounts.yml"
    inventory.write_text(yaml.safe_dump({"all": {"hosts": hosts}}), encoding="utf-8")
    reports = ansible.tmp / "fleet"

    completed = ansible.command(["ansible-playbook", "-i", str(inventory), "ucops.zoom.audit_accounts", "-f", "3",
                                 "-e", "phone_numbers_audit_output_dir=%s" % reports])
    output = completed.stdout + completed.stderr
    # The broken account fails the run, after the others were audited and the roll-up written.
    assert completed.returncode != 0, output
    assert "3 accounts: 2 audited (0 over their gate), 1 failed." in output, output[-3000:]

    rollup = json.loads((reports / "accounts.json").read_text(encoding="utf-8"))
    by_account = dict((entry["account"], entry) for entry in rollup["accounts"])
    assert sorted(by_account) == ["broken", "east", "west"]
    assert by_account["broken"]["status"] == "failed" and "refused the credentials" in by_account["broken"]["message"]
    assert "not-the-secret" not in json.dumps(rollup) and "not-the-secret" not in output
    for name, sim in sims.items():
        truth = expected_numbers(sim)
        entry = by_account[name]
        report = json.loads((reports / name / "phone_numbers_audit.json").read_text(encoding="utf-8"))
        assert entry["status"] == "ok" and entry["total"] == len(truth) == report["summary"]["total"]
        assert [record["id"] for record in report["numbers"]] == [record["id"] for record in truth]
        assert entry["violations"] == report["summary"]["violation_counts"]["by_severity"]
        assert entry["drift"] is None
        # One token per account, whatever else ran in parallel.
        assert sim.stats()["token_requests"] == 1
    assert rollup["totals"]["numbers"] == sum(len(expected_numbers(sim)) for sim in sims.values())
    assert not (reports / "broken" / "phone_numbers_audit.json").exists()
    markdown = (reports / "accounts.md").read_text(encoding="utf-8")
    for name in ("east", "west", "broken"):
        assert "| %s |" % name in markdown


def test_a_gate_over_its_threshold_is_reported_per_account(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=300, seed=8)
    inventory = ansible.tmp / "accounts.yml"
    inventory.write_text(yaml.safe_dump({"all": {"hosts": {"only": {
        "phone_numbers_audit_connection": connection(sim, ansible.tmp / "tokens")}}}}), encoding="utf-8")
    reports = ansible.tmp / "fleet"
    completed = ansible.command(["ansible-playbook", "-i", str(inventory), "ucops.zoom.audit_accounts",
                                 "-e", "phone_numbers_audit_output_dir=%s" % reports,
                                 "-e", "phone_numbers_audit_fail_on_violation=true", "-e", "phone_numbers_audit_fail_severity=low"])
    assert completed.returncode != 0
    entry = json.loads((reports / "accounts.json").read_text(encoding="utf-8"))["accounts"][0]
    assert entry["status"] == "gate_failed" and entry["message"].startswith("Phone number audit:")
    assert entry["total"] == len(expected_numbers(sim))
    assert (reports / "only" / "phone_numbers_audit.html").exists()
