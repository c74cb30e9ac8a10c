# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where the credentials may go: Zoom's hosts, this machine, or elsewhere only when the user said so.

Two attacks, through real ansible-playbook and ansible-inventory runs. A URL option naming a
host that is not Zoom's (or plain http to another machine): the runs go through an HTTP proxy
started by the test (HTTP_PROXY), which records every request it is asked to forward, so a
request to any host of the world would reach it; without the opt-in nothing does. And someone
who may only launch a job with extra vars, on a controller whose credential injects ZOOM_*:
they point oauth_url at their own server on 127.0.0.1, which records every request; nothing
reaches it, through the module, the lookup, the audit role and the inventory plugin.
"""

from __future__ import annotations

import base64
import json

from ansible_runs import expected_numbers  # pylint: disable=import-error
import hostile_http as hostile  # pylint: disable=import-error

PROXY_ENV_NAMES = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")


def proxied(proxy):
    """Environment that sends every request for another machine through ``proxy`` (the simulator stays direct)."""
    env = dict((name, proxy.url) for name in PROXY_ENV_NAMES)
    env.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    return env


def forwarding_proxy(handler, exchange):
    """Record, and answer as a token endpoint would: enough for a client to send its credentials on."""
    if exchange.method == "CONNECT":
        hostile.answer(handler, exchange, 502, "")
    else:
        hostile.token_answer(handler, exchange)


def basic_of(sim):
    return "Basic " + base64.b64encode(("%s:%s" % (sim.client_id, sim.client_secret)).encode("utf-8")).decode("ascii")


ELSEWHERE = [
    ("plain_http", "oauth_url: http://zoom-login.example.net/oauth/token"),
    ("look_alike", "oauth_url: https://zoom.us.example.net/oauth/token"),
    ("other_https", "api_url: https://api.example.net/v2"),
    ("http_to_zoom", "api_url: http://api.zoom.us/v2"),
]


def test_no_request_reaches_a_host_that_is_not_zoom_without_the_opt_in(ansible, zoom_simulator):
    sim = zoom_simulator
    tasks = []
    for name, option in ELSEWHERE:
        tasks.append("""
- name: "%s: %s"
  ucops.zoom.zoom_phone_numbers_info:
    client_secret: "{{ lookup('ansible.builtin.env', 'ZOOM_CLIENT_SECRET') }}"
    %s
  register: %s
  ignore_errors: true
""" % (name, option, option, name))
    tasks.append("""
- name: The lookup with a host that is not Zoom
  ansible.builtin.set_fact:
    listed: "{{ query('ucops.zoom.zoom_phone_numbers', client_secret=lookup('ansible.builtin.env', 'ZOOM_CLIENT_SECRET'),
                      oauth_url='http://zoom-login.example.net/oauth/token') }}"
  register: lookup_elsewhere
  ignore_errors: true
""")
    names = [name for name, dummy in ELSEWHERE] + ["lookup_elsewhere"]
    with hostile.HostileServer(forwarding_proxy) as proxy:
        run = ansible.playbook("".join(tasks), saves=names, sim=sim, env=proxied(proxy))
        assert proxy.exchanges == [], [(exchange.method, exchange.path) for exchange in proxy.exchanges]
    for name in names:
        result = run.result(name)
        assert result["failed"] is True, name
        assert "must be an https URL on a Zoom host (zoom.us or zoomgov.com or a subdomain) or a loopback address" in result["msg"]
        assert "allow_unsafe_urls" in result["msg"], result["msg"]
    assert sim.stats()["requests"] == 0


def test_with_the_opt_in_the_request_goes_there_and_says_so(ansible, zoom_simulator):
    sim = zoom_simulator
    with hostile.HostileServer(forwarding_proxy) as proxy:
        run = ansible.playbook("""
- name: OAuth through a gateway the user trusts
  ucops.zoom.zoom_phone_numbers_info:
    client_secret: "{{ lookup('ansible.builtin.env', 'ZOOM_CLIENT_SECRET') }}"
    oauth_url: http://zoom-login.example.net/oauth/token
    allow_unsafe_urls: true
  register: opted_in
  ignore_errors: true
""", saves=["opted_in"], sim=sim, env=proxied(proxy))
        # The harness sees a request to any host: here, the credentials the user chose to send there.
        assert [exchange.path for exchange in proxy.exchanges][:1] == ["http://zoom-login.example.net/oauth/token?grant_type="
                                                                       "account_credentials&account_id=%s" % sim.account_id]
        assert proxy.authorizations()[:1] == [basic_of(sim)]
    warnings = run.result("opted_in").get("warnings", [])
    assert any("oauth_url http://zoom-login.example.net/oauth/token is not a Zoom host (allow_unsafe_urls is on)" in warning
               for warning in warnings), warnings


EXTRA_VARS_PLAY = """
- name: A job template's listing, written so that a launch may tune the connection
  ucops.zoom.zoom_phone_numbers_info:
    oauth_url: "{{ zoom_oauth_url | default(omit) }}"
    api_url: "{{ zoom_api_url | default(omit) }}"
    allow_unsafe_urls: "{{ zoom_allow_unsafe_urls | default(omit) }}"
  register: module_run
  ignore_errors: true

- name: The same through the lookup
  ansible.builtin.set_fact:
    listed: "{{ query('ucops.zoom.zoom_phone_numbers', oauth_url=zoom_oauth_url, allow_unsafe_urls=true) }}"
  register: lookup_run
  ignore_errors: true

- name: The audit role, its connection dict overridden by the launch
  ansible.builtin.include_role:
    name: ucops.zoom.phone_numbers_audit
    apply:
      ignore_errors: true
  vars:
    phone_numbers_audit_output_dir: "{{ out_dir }}/audit"

- name: Keep the audit
  ansible.builtin.set_fact:
    audit_run: "{{ phone_numbers_audit_run }}"
"""


def test_extra_vars_cannot_send_a_secret_from_the_credential_anywhere(ansible, zoom_simulator):
    sim = zoom_simulator
    with hostile.HostileServer(hostile.token_answer) as attacker:
        evil = attacker.url + "/oauth/token"
        extra_vars = {"zoom_oauth_url": evil, "zoom_api_url": attacker.url + "/v2", "zoom_allow_unsafe_urls": True,
                      "phone_numbers_audit_connection": {"oauth_url": evil, "allow_unsafe_urls": True}}
        # ansible-playbook with ZOOM_* in its environment, as a controller's credential injects them.
        run = ansible.playbook(EXTRA_VARS_PLAY, saves=["module_run", "lookup_run", "audit_run"], sim=sim,
                               args=["-e", json.dumps(extra_vars)])
        assert attacker.exchanges == [], "the launch redirected the credential"
    for name in ("module_run", "lookup_run", "audit_run"):
        result = run.result(name)
        assert result["failed"] is True, name
        assert "is not set in the environment like client_secret (ZOOM_CLIENT_SECRET)" in result["msg"], result["msg"]
        assert "next to ZOOM_CLIENT_SECRET (on a controller, in the Zoom credential)" in result["msg"]
    assert sim.stats()["requests"] == 0


def test_urls_that_travel_with_the_secret_or_name_zoom_are_honoured(ansible, zoom_simulator):
    sim = zoom_simulator
    run = ansible.playbook("""
- name: URLs from the environment, like the secret (the simulator's loopback URLs)
  ucops.zoom.zoom_phone_numbers_info:
  register: from_environment

- name: The secret given in the same place as the URLs
  ucops.zoom.zoom_phone_numbers_info:
    client_secret: "{{ lookup('ansible.builtin.env', 'ZOOM_CLIENT_SECRET') }}"
    api_url: "{{ lookup('ansible.builtin.env', 'ZOOM_API_URL') }}"
    oauth_url: "{{ lookup('ansible.builtin.env', 'ZOOM_OAUTH_URL') }}"
  register: together
""", saves=["from_environment", "together"], sim=sim)
    assert run.rc == 0, run.output[-3000:]
    for name in ("from_environment", "together"):
        result = run.result(name)
        assert result["phone_numbers"] == expected_numbers(sim)
        assert not result.get("warnings"), result.get("warnings")


def test_an_inventory_file_cannot_send_a_secret_from_the_environment_elsewhere(ansible, zoom_simulator):
    sim = zoom_simulator
    with hostile.HostileServer(hostile.token_answer) as attacker:
        source = ansible.tmp / "redirected.zoom_phone_numbers.yml"
        source.write_text("plugin: ucops.zoom.zoom_phone_numbers\noauth_url: %s/oauth/token\nallow_unsafe_urls: true\n" % attacker.url,
                          encoding="utf-8")
        completed, dummy = ansible.inventory_list(source, sim=sim)
        assert attacker.exchanges == []
    assert completed.returncode != 0
    assert "is not set in the environment like client_secret (ZOOM_CLIENT_SECRET)" in " ".join(completed.stderr.split())
    assert sim.stats()["requests"] == 0
