# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ucops.zoom.audit as a user runs it: where reports go, what is listed, secrets, bad variables, inert data."""

from __future__ import annotations

import json
import os

from ansible_runs import expected_numbers  # pylint: disable=import-error
from audit_runs import NAMED_RULE, REPO  # pylint: disable=import-error
from zoomsim import HOSTILE_DISPLAY_NAMES

FILES = ["phone_numbers_audit.csv", "phone_numbers_audit.html", "phone_numbers_audit.json", "phone_numbers_audit.md"]

# A playbook of the user's own that uses the role, then the fact it sets.
FACT_PLAYBOOK = """
- name: Audit, then use the fact
  hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
  roles:
    - role: ucops.zoom.phone_numbers_audit
  post_tasks:
    - name: Show the messages of the named numbers
      ansible.builtin.debug:
        msg: "{{ phone_numbers_audit.violations | selectattr('rule', 'equalto', 'named_number') | map(attribute='message') | list }}"
    - name: Save the fact as the play sees it
      ansible.builtin.copy:
        content: "{{ phone_numbers_audit | to_json }}"
        dest: "{{ lookup('env', 'FACT_FILE') }}"
        mode: "0600"
"""


def byoc_requests(sim):
    return [entry for entry in sim.stats()["query_log"] if entry["path"] == "/v2/phone/numbers" and entry["query"].get("type") == ["byoc"]]


def test_default_run_writes_four_reports_under_the_start_directory(audit, zoom_simulator):
    completed = audit.run(zoom_simulator)
    assert completed.returncode == 0, completed.output[-4000:]
    assert sorted(os.listdir(str(audit.cwd / "zoom-phone-audit"))) == FILES
    report = audit.report()
    assert [record["id"] for record in report["numbers"]] == [record["id"] for record in expected_numbers(zoom_simulator)]
    assert str(audit.cwd / "zoom-phone-audit" / "phone_numbers_audit.html") in completed.stdout
    # Nothing was written inside the collection, where the playbook lives.
    assert not (REPO / "playbooks" / "zoom-phone-audit").exists()
    assert not (REPO / "zoom-phone-audit").exists() or (REPO / "zoom-phone-audit").stat().st_mtime < os.stat(audit.cwd).st_mtime
    # The rules on emergency addresses need one type=byoc listing besides the main one.
    assert len(byoc_requests(zoom_simulator)) == 1
    assert report["report"]["byoc_fields_listed"] is True


def test_no_byoc_listing_when_no_rule_needs_one_or_the_filters_ask_for_byoc(audit, zoom_simulator):
    disabled = {"phone_numbers_audit_rules_disabled": ["byoc_emergency_address_missing", "byoc_emergency_address_update_required"],
                "phone_numbers_audit_formats": ["json"]}
    completed = audit.run(zoom_simulator, disabled)
    assert completed.returncode == 0, completed.output[-4000:]
    assert byoc_requests(zoom_simulator) == [] and audit.report()["report"]["byoc_fields_listed"] is False
    zoom_simulator.reset_stats()
    completed = audit.run(zoom_simulator, {"phone_numbers_audit_filters": {"type": "byoc"}, "phone_numbers_audit_formats": ["json"]})
    assert completed.returncode == 0, completed.output[-4000:]
    log = zoom_simulator.stats()["query_log"]
    assert [entry["query"].get("type") for entry in log if entry["path"] == "/v2/phone/numbers"] == [["byoc"]]
    assert [record["id"] for record in audit.report()["numbers"]] == [record["id"] for record in expected_numbers(zoom_simulator, type="byoc")]


def test_hostile_names_stay_inert_in_the_fact_and_the_output(audit, zoom_simulator, tmp_path):
    playbook = audit.cwd / "site.yml"
    playbook.write_text(FACT_PLAYBOOK, encoding="utf-8")
    fact_file = tmp_path / "fact.json"
    completed = audit.run(zoom_simulator, {"phone_numbers_audit_rules_extra": [NAMED_RULE]}, playbook=str(playbook),
                          env={"FACT_FILE": str(fact_file)})
    assert completed.returncode == 0, completed.output[-4000:]
    fact = json.loads(fact_file.read_text(encoding="utf-8"))
    assert sorted(fact) == ["drift", "files", "report", "summary", "violations"]
    messages = [entry["message"] for entry in fact["violations"] if entry["rule"] == "named_number"]
    for name in HOSTILE_DISPLAY_NAMES:
        assert any("(%s)" % name in message for message in messages), name
    # The template in a display name was printed, never evaluated.
    assert "{{ lookup('env','HOME') }}" in completed.stdout
    assert os.environ.get("HOME", "/nonexistent") + ")" not in completed.stdout


def test_the_secret_reaches_no_output_and_no_report(audit, zoom_simulator):
    secret = zoom_simulator.client_secret
    connection = {"phone_numbers_audit_connection": {"client_secret": secret, "account_id": zoom_simulator.account_id},
                  "phone_numbers_audit_fail_on_violation": True}
    completed = audit.run(zoom_simulator, connection, args=["-vvv"], env={"ZOOM_CLIENT_SECRET": "", "ZOOM_ACCOUNT_ID": ""})
    assert completed.returncode == 2, completed.output[-4000:]
    assert "Phone number audit: " in completed.stdout
    assert secret not in completed.output
    for name in FILES:
        assert secret not in (audit.cwd / "zoom-phone-audit" / name).read_text(encoding="utf-8")


def test_invalid_variables_fail_before_any_request_naming_them(audit, zoom_simulator):
    cases = [
        ({"phone_numbers_audit_fail_severity": "urgent"}, "phone_numbers_audit_fail_severity"),
        ({"phone_numbers_audit_formats": ["pdf"]}, "phone_numbers_audit_formats"),
        ({"phone_numbers_audit_rules_extra": [{"name": "x", "description": "y", "severity": "low"}]}, "where"),
        ({"phone_numbers_audit_rules_extra": [dict(NAMED_RULE, where="status ==")]}, "rules_extra[0].where is not a valid JMESPath"),
        ({"phone_numbers_audit_filters": {"type": "everything"}}, "Option filters.type must be one of assigned, unassigned, all, byoc"),
        ({"phone_numbers_audit_filters": {"colour": "red"}}, "Unknown query option filters.colour"),
        ({"phone_numbers_audit_connection": {"secret": "x"}}, "phone_numbers_audit_connection.secret. Supported parameters include"),
        ({"phone_numbers_audit_baseline": "no/such/report.json"}, "There is no baseline report at %s" % (audit.cwd / "no/such/report.json")),
    ]
    for extra_vars, message in cases:
        completed = audit.run(zoom_simulator, extra_vars)
        assert completed.returncode == 2 and message in completed.stdout, (extra_vars, completed.output[-3000:])
    assert zoom_simulator.stats()["list_requests"] == 0
    assert not (audit.cwd / "zoom-phone-audit").exists()


def test_check_mode_audits_but_writes_nothing(audit, zoom_simulator):
    completed = audit.run(zoom_simulator, args=["--check"])
    assert completed.returncode == 0, completed.output[-4000:]
    assert "No report written (check mode)" in completed.stdout
    assert not (audit.cwd / "zoom-phone-audit").exists()
    assert zoom_simulator.stats()["list_requests"] > 0


def test_a_job_that_compares_with_its_own_previous_report(audit, zoom_simulator):
    # The baseline is the report the run replaces, given relative to the start directory.
    previous = {"phone_numbers_audit_baseline": "zoom-phone-audit/phone_numbers_audit.json", "phone_numbers_audit_baseline_required": False}
    completed = audit.run(zoom_simulator, previous)
    assert completed.returncode == 0, completed.output[-4000:]
    # Warnings may be wrapped at any character: compare without whitespace.
    warning = "There is no baseline report at %s yet" % (audit.cwd / "zoom-phone-audit" / "phone_numbers_audit.json")
    assert "".join(warning.split()) in "".join(completed.output.split())
    assert "drift" not in audit.report()
    mutation = zoom_simulator.mutate(add=2, remove=1, seed=3)
    completed = audit.run(zoom_simulator, previous)
    assert completed.returncode == 0, completed.output[-4000:]
    assert "; since the baseline 2 added, 1 removed, 0 changed." in completed.stdout
    report = audit.report()
    assert report["report"]["baseline"]["path"] == str(audit.cwd / "zoom-phone-audit" / "phone_numbers_audit.json")
    assert sorted(record["id"] for record in report["drift"]["added"]) == sorted(mutation["added"])
    assert [record["id"] for record in report["drift"]["removed"]] == mutation["removed"]


def test_a_refused_login_fails_with_zoom_s_answer_and_writes_nothing(audit, zoom_simulator):
    completed = audit.run(zoom_simulator, env={"ZOOM_CLIENT_SECRET": "not-the-secret"})
    assert completed.returncode == 2
    assert '"status": 401' in completed.stdout and "Check account_id, client_id and client_secret" in completed.stdout
    assert "not-the-secret" not in completed.output
    assert not (audit.cwd / "zoom-phone-audit").exists()


def test_after_zoom_retires_the_phone_endpoint_one_listing_has_every_field(audit, zoom_simulator):
    truth = expected_numbers(zoom_simulator)
    byoc = dict((record["id"], record) for record in expected_numbers(zoom_simulator, type="byoc"))
    zoom_simulator.configure(phone_endpoint="gone")
    completed = audit.run(zoom_simulator, {"phone_numbers_audit_formats": ["json"]})
    assert completed.returncode == 0, completed.output[-4000:]
    report = audit.report()
    assert [listing["endpoint"] for listing in report["report"]["listings"]] == ["number_management"]
    assert report["report"]["byoc_fields_listed"] is True
    assert [record["id"] for record in report["numbers"]] == [record["id"] for record in truth]
    missing = [record["id"] for record in truth if record["id"] in byoc and not byoc[record["id"]].get("emergency_address")]
    waiting = [record["id"] for record in truth if byoc.get(record["id"], {}).get("emergency_address_status") == 1]
    found = dict((rule, [entry["id"] for entry in report["violations"] if entry["rule"] == rule])
                 for rule in ("byoc_emergency_address_missing", "byoc_emergency_address_update_required"))
    assert found == {"byoc_emergency_address_missing": missing, "byoc_emergency_address_update_required": waiting}


def test_a_misspelt_role_variable_warns_and_the_gate_off_is_shown_as_off(audit, zoom_simulator):
    # The gate's switch misspelt: the gate stays off, which the run now says twice over.
    completed = audit.run(zoom_simulator, {"phone_numbers_audit_fail_on_violations": True,
                                           "phone_numbers_audit_formats": ["json", "html"]})
    assert completed.returncode == 0, completed.output[-4000:]
    output = " ".join(completed.output.split())
    assert ("The variable phone_numbers_audit_fail_on_violations is not a setting of the role ucops.zoom.phone_numbers_audit "
            "and changes nothing; did you mean phone_numbers_audit_fail_on_violation?") in output
    gate = audit.report()["report"]["gate"]
    assert gate["count"] > 0
    assert (gate["enabled"], gate["failed"]) == (False, False)
    html = (audit.cwd / "zoom-phone-audit" / "phone_numbers_audit.html").read_text(encoding="utf-8")
    assert "Policy gate off" in html and 'class="status-line fail"' not in html
    # Its own variables, and what it registers, draw no warning.
    assert output.count("is not a setting of the role") == 1


def test_a_where_on_byoc_fields_in_the_filters_is_served_without_a_warning(audit, zoom_simulator):
    completed = audit.run(zoom_simulator, {"phone_numbers_audit_filters": {"where": "emergency_address_status == `1`"},
                                           "phone_numbers_audit_formats": ["json"]})
    assert completed.returncode == 0, completed.output[-4000:]
    assert "sends only in answers to a type: byoc listing" not in completed.output
    expected = [record["id"] for record in expected_numbers(zoom_simulator, type="byoc") if record.get("emergency_address_status") == 1]
    assert expected and [record["id"] for record in audit.report()["numbers"]] == expected
