# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options that change how the collection signs in and talks TLS, each over HTTP.

A ready access_token, the token cache turned off or moved, and validate_certs: false against
the TLS simulator.
"""

from __future__ import annotations

import os
import stat

import requests

from ansible_runs import expected_numbers  # pylint: disable=import-error


def ids(records):
    return [record["id"] for record in records]


def fresh_token(sim):
    """A token fetched the way any other tool would fetch one."""
    response = requests.post(sim.oauth_url, params={"grant_type": "account_credentials", "account_id": sim.account_id},
                             auth=(sim.client_id, sim.client_secret), timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def test_a_ready_access_token_is_used_as_it_is(ansible, zoom_simulator):
    token = fresh_token(zoom_simulator)
    zoom_simulator.reset_stats()
    run = ansible.playbook("""
- name: List with a token obtained elsewhere, and no app credentials at all
  ucops.zoom.zoom_phone_numbers_info:
    access_token: "%s"
    type: unassigned
  environment:
    ZOOM_CLIENT_SECRET: ""
  register: listed
""" % token, saves=["listed"], sim=zoom_simulator)
    assert run.rc == 0, run.output
    listed = run.result("listed")
    assert ids(listed["phone_numbers"]) == ids(expected_numbers(zoom_simulator, type="unassigned"))
    assert zoom_simulator.stats()["token_requests"] == 0 and listed["token_requests"] == 0
    assert token not in run.output


def test_an_expired_ready_token_fails_clearly_and_is_not_renewed(ansible, zoom_simulator):
    token = fresh_token(zoom_simulator)
    zoom_simulator.revoke_tokens()
    zoom_simulator.reset_stats()
    run = ansible.playbook("""
- name: List with a token Zoom no longer accepts
  ucops.zoom.zoom_phone_numbers_info:
    access_token: "%s"
  register: listed
  ignore_errors: true
""" % token, saves=["listed"], sim=zoom_simulator)
    listed = run.result("listed")
    assert listed["failed"] is True and listed["error_kind"] == "authentication"
    assert "Give a fresh access_token" in listed["msg"]
    assert zoom_simulator.stats()["token_requests"] == 0


def test_token_cache_false_shares_nothing(ansible, zoom_simulator):
    run = ansible.playbook("""
- name: First listing
  ucops.zoom.zoom_phone_numbers_info:
    token_cache: false
  register: first

- name: Second listing
  ucops.zoom.zoom_phone_numbers_info:
    token_cache: false
  register: second
""", saves=["first", "second"], sim=zoom_simulator)
    assert run.rc == 0, run.output
    # Each task is its own process: without the shared file, each asks Zoom for a token.
    assert zoom_simulator.stats()["token_requests"] == 2
    assert [run.result(name)["token_requests"] for name in ("first", "second")] == [1, 1]
    assert not (ansible.cache_home / "ucops.zoom").exists()


def test_token_cache_path_holds_the_one_shared_token(ansible, zoom_simulator):
    folder = ansible.tmp / "team-tokens" / "zoom"
    run = ansible.playbook("""
- name: First listing
  ucops.zoom.zoom_phone_numbers_info:
    token_cache: "%s"
  register: first

- name: Second listing, and a lookup
  ucops.zoom.zoom_phone_numbers_info:
    token_cache: "%s"
    type: assigned
  register: second
""" % (folder, folder), saves=["first", "second"], sim=zoom_simulator)
    assert run.rc == 0, run.output
    assert zoom_simulator.stats()["token_requests"] == 1
    files = sorted(folder.glob("*.json"))
    assert len(files) == 1, sorted(folder.iterdir())
    assert stat.S_IMODE(os.stat(files[0]).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert zoom_simulator.client_secret not in files[0].read_text()
    assert not (ansible.cache_home / "ucops.zoom").exists()


def test_validate_certs_false_talks_to_an_untrusted_server(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=120, tls=True)
    run = ansible.playbook("""
- name: Verification on (the default), the simulator's CA unknown
  ucops.zoom.zoom_phone_numbers_info:
  register: verified
  ignore_errors: true

- name: Verification off, from the environment as a credential would set it
  ucops.zoom.zoom_phone_numbers_info:
  environment:
    ZOOM_VALIDATE_CERTS: "false"
  register: unverified

- name: Verification off in the lookup
  ansible.builtin.set_fact:
    looked_up: "{{ query('ucops.zoom.zoom_phone_numbers', validate_certs=false) }}"
  register: lookup
""", saves=["verified", "unverified", "lookup"], sim=sim)
    assert run.rc == 0, run.output[-3000:]
    verified = run.result("verified")
    assert verified["failed"] is True and "TLS verification failed" in verified["msg"]
    assert ids(run.result("unverified")["phone_numbers"]) == ids(expected_numbers(sim))
    assert ids(run.result("lookup")["ansible_facts"]["looked_up"]) == ids(expected_numbers(sim))
