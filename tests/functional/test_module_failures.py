# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Faults that retries absorb give the exact list; the rest fail with one clear line, before any request when they can."""

from __future__ import annotations

import socket

import pytest

from ansible_runs import assert_one_clear_line, expected_numbers  # pylint: disable=import-error

FAULTS = [
    {"fault": "429", "retry_after": 1, "when": {"nth": [2]}},
    {"fault": "429_date", "when": {"nth": [4]}},
    {"fault": "503", "body": "html", "when": {"nth": [5]}},
    {"fault": "500", "body": "json", "when": {"nth": [7]}},
    {"fault": "502", "body": "html", "when": {"nth": [8]}},
    {"fault": "504", "body": "json", "when": {"nth": [9]}},
    {"fault": "reset", "when": {"nth": [10]}},
    {"fault": "truncated", "when": {"nth": [12]}},
    {"fault": "revoke_tokens", "when": {"nth": [14]}},
    {"fault": "expire_page_token", "when": {"nth": [16]}},
    {"fault": "slow", "delay": 3, "when": {"nth": [18]}},
]


def test_faults_mixed_in_still_give_the_exact_list(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=1500, seed=3, faults=FAULTS)
    run = ansible.playbook("""
- name: List through faults
  ucops.zoom.zoom_phone_numbers_info:
    page_size: 50
    timeout: 1
  register: listed
""", saves=["listed"], sim=sim)
    assert run.rc == 0, run.output
    result = run.result("listed")
    sim.configure(faults=None)
    assert result["phone_numbers"] == expected_numbers(sim)
    assert result["page_token_restarts"] == 1
    assert result["retries"] >= 9
    fired = sim.stats()["faults"]
    assert sum(fired.values()) >= len(FAULTS), fired


def test_daily_limit_fails_at_once_saying_when_it_resets(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=300, faults=[{"fault": "daily_limit", "when": {"first": 1}}])
    run = ansible.playbook("""
- name: List under a spent daily limit
  ucops.zoom.zoom_phone_numbers_info:
  register: listed
  ignore_errors: true
""", saves=["listed"], sim=sim)
    result = run.result("listed")
    assert_one_clear_line(result, "daily rate limit", "resets in")
    assert result["status"] == 429
    assert sim.stats()["list_requests"] == 1, "a daily-limit 429 is not retried"


def test_bad_credentials(ansible, zoom_simulator):
    run = ansible.playbook("""
- name: List with a wrong secret
  ucops.zoom.zoom_phone_numbers_info:
    client_secret: not-the-secret
  register: listed
  ignore_errors: true
""", saves=["listed"], sim=zoom_simulator)
    result = run.result("listed")
    assert_one_clear_line(result, "OAuth refused the credentials", "HTTP 401", "client_secret")
    assert "not-the-secret" not in run.output


def test_closed_port(ansible, zoom_simulator):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    run = ansible.playbook("""
- name: List from a port where nothing listens
  ucops.zoom.zoom_phone_numbers_info:
  register: listed
  ignore_errors: true
""", saves=["listed"], sim=zoom_simulator,
        env={"ZOOM_API_URL": "http://127.0.0.1:%d/v2" % port, "ZOOM_OAUTH_URL": "http://127.0.0.1:%d/oauth/token" % port})
    assert_one_clear_line(run.result("listed"), "Cannot connect to 127.0.0.1:%d" % port, "api_url")


def test_self_signed_certificate_fails_by_default_and_works_with_ca_path(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=200, tls=True)
    run = ansible.playbook("""
- name: List with the system CAs
  ucops.zoom.zoom_phone_numbers_info:
  register: untrusted
  ignore_errors: true

- name: List trusting the simulator's CA
  ucops.zoom.zoom_phone_numbers_info:
    ca_path: "%s"
  register: trusted
""" % sim.ca_file, saves=["untrusted", "trusted"], sim=sim)
    assert_one_clear_line(run.result("untrusted"), "TLS verification failed", "ca_path")
    assert run.result("trusted")["phone_numbers"] == expected_numbers(sim)


INVALID = [
    ("type", "type: everything"),
    ("extension_type", "extension_type: user"),
    ("extension_type", "type: all\n    extension_type: callQueue"),
    ("number_type", "number_type: free"),
    ("pending_numbers", "pending_numbers: perhaps"),
    ("page_size", "page_size: 0"),
    ("page_size", "page_size: 101"),
    ("page_size", "page_size: ten"),
    ("phone_number", "phone_number: '4155550123'"),
    ("site_id", "site_id: ''"),
    ("where", "where: 'status =='"),
    ("queries", "queries: [{colour: red}]"),
    ("queries", "queries: [site-a]"),
    ("timeout", "timeout: 0"),
    ("max_retries", "max_retries: -1"),
    ("api_url", "api_url: api.zoom.us"),
    ("rate_limit", "rate_limit: 0"),
    ("validate_certs", "validate_certs: sometimes"),
    ("client_secret", "client_secret: ''"),
]


def test_every_invalid_value_fails_before_any_request_naming_the_option(ansible, zoom_simulator):
    sim = zoom_simulator
    tasks = ""
    for index, (_option, yaml) in enumerate(INVALID):
        tasks += """
- name: Invalid {index}
  ucops.zoom.zoom_phone_numbers_info:
    {yaml}
  register: invalid_{index}
  ignore_errors: true
""".format(index=index, yaml=yaml)
    sim.reset_stats()
    run = ansible.playbook(tasks, saves=["invalid_%d" % index for index in range(len(INVALID))], sim=sim)
    for index, (option, _yaml) in enumerate(INVALID):
        result = run.result("invalid_%d" % index)
        assert result.get("failed") is True, (option, result)
        assert option in result["msg"], (option, result["msg"])
    assert sim.stats()["requests"] == 0


@pytest.mark.parametrize("missing", ["ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET"])
def test_missing_credentials_are_named(ansible, zoom_simulator, missing):
    run = ansible.playbook("""
- name: List without a credential
  ucops.zoom.zoom_phone_numbers_info:
  register: listed
  ignore_errors: true
""", saves=["listed"], sim=zoom_simulator, env={missing: ""})
    option = missing[len("ZOOM_"):].lower()
    assert_one_clear_line(run.result("listed"), "Missing Zoom credentials", option)
    assert zoom_simulator.stats()["requests"] == 0
