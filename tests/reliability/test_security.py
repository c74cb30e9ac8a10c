# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets, the shared token file, TLS and untrusted API data, through every entry point.

The functional suite checks the module's -vvv output and files; this suite adds the lookup, the
inventory plugin and its cache, task results, exception text (even when a server echoes the
credentials back), the token file's permissions, and TLS for the plugins.
"""

from __future__ import annotations

import base64
import http.server
import json
import os
import pathlib
import stat
import threading

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_connection
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomError

from ansible_runs import expected_numbers, module_result  # pylint: disable=import-error
import reliability_lib as lib

SECRET = lib.CLIENT_SECRET
STATIC_TOKEN = "Tk-static-access-token-0123456789abcdef-never-shown"


def secrets_of(sim, root):
    """What must never leak: the client secret, the Basic credential made of it, and every token issued."""
    basic = base64.b64encode(("%s:%s" % (sim.client_id, SECRET)).encode("utf-8")).decode("ascii")
    return [SECRET, basic, STATIC_TOKEN] + lib.token_values(root)


def files_holding(root, needles, skip=()):
    """Files under ``root`` (token files and ``skip`` aside) that contain any of ``needles``."""
    found = []
    for path in pathlib.Path(root).rglob("*"):
        if not path.is_file() or path in skip or path.suffix == ".lock":
            continue
        content = path.read_bytes()
        if any(needle.encode("utf-8") in content for needle in needles) and path.name != "tokens" and not _is_token_file(path):
            found.append(str(path))
    return found


def _is_token_file(path):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return isinstance(data, dict) and set(data) == {"format", "access_token", "expires_at"}


def test_lookup_and_inventory_keep_secrets_out_of_output_results_and_cache(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=300, client_secret=SECRET,
                                 faults=[{"fault": "revoke_tokens", "when": {"nth": [2]}}, {"fault": "502", "when": {"nth": [4]}}])
    cache_dir = ansible.tmp / "inventory-cache"
    source = ansible.tmp / "numbers.zoom_phone_numbers.yml"
    source.write_text(
        "plugin: ucops.zoom.zoom_phone_numbers\nhostnames: [id]\npage_size: 50\ncache: true\n"
        "cache_plugin: ansible.builtin.jsonfile\ncache_connection: %s\ncache_timeout: 600\n" % cache_dir, encoding="utf-8")
    run = ansible.playbook("""
- name: Lookup with the secret given as a keyword
  ansible.builtin.set_fact:
    listed: "{{ query('ucops.zoom.zoom_phone_numbers', client_secret=lookup('ansible.builtin.env', 'ZOOM_CLIENT_SECRET'), page_size=50) }}"
  register: looked_up

- name: Lookup that fails on purpose
  ansible.builtin.set_fact:
    listed: "{{ query('ucops.zoom.zoom_phone_numbers', account_id='wrong-account') }}"
  register: failed_lookup
  ignore_errors: true

- name: Module with a ready access token that Zoom refuses
  ucops.zoom.zoom_phone_numbers_info:
    access_token: "%s"
  register: static_token
  ignore_errors: true

- name: Module listing the inventory's numbers
  ucops.zoom.zoom_phone_numbers_info:
    type: assigned
  register: module_listing
""" % STATIC_TOKEN, saves=["looked_up", "failed_lookup", "static_token", "module_listing"], sim=sim, args=["-vvv", "-i", str(source)])
    assert run.rc == 0, run.output[-3000:]
    assert run.result("static_token")["failed"] is True
    # -vvv prints each task's invocation: the module arguments, with no_log values masked.
    assert '"access_token": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' in run.output
    inventory = ansible.command(["ansible-inventory", "-i", str(source), "--list", "-vvv"], sim=sim)
    assert inventory.returncode == 0, inventory.stderr
    assert sim.stats()["token_requests"] >= 2, "the revoked token was renewed"
    assert list(cache_dir.iterdir()), "the inventory cache was written"

    secrets = secrets_of(sim, ansible.tmp)
    for text in (run.output, inventory.stdout, inventory.stderr):
        assert not [secret for secret in secrets if secret in text]
    for name in ("looked_up", "failed_lookup", "static_token", "module_listing"):
        saved = json.dumps(run.result(name))
        assert not [secret for secret in secrets if secret in saved], name
    assert files_holding(ansible.tmp, secrets, skip={source, ansible.tmp / "playbook.yml"}) == []
    assert_private_token_files(ansible.cache_home)


def assert_private_token_files(cache_home):
    files = [path for path in pathlib.Path(cache_home).rglob("*.json") if _is_token_file(path)]
    assert files, "no shared token file"
    for path in files:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
        assert SECRET not in path.read_text(encoding="utf-8")


class EchoHandler(http.server.BaseHTTPRequestHandler):
    """A hostile or broken peer: answers 400 quoting the request's credentials back."""

    def _echo(self):
        body = json.dumps({"code": 300, "message": "Rejected Authorization: %s for %s" % (self.headers.get("Authorization"), self.path)})
        data = body.encode("utf-8")
        self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = _echo
    do_POST = _echo

    def log_message(self, *args):
        """Quiet."""


@pytest.fixture
def echo_url():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), EchoHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("echoing", ["oauth", "api"])
def test_exception_text_never_quotes_credentials_a_server_echoes(zoom_simulator_factory, tmp_path, echo_url, echoing):
    sim = zoom_simulator_factory(size=50, client_secret=SECRET)
    options = lib.client_options(sim, token_cache=str(tmp_path / "tokens"))
    if echoing == "oauth":
        options["oauth_url"] = echo_url + "/oauth/token"
    else:
        options["api_url"] = echo_url + "/v2"
    with pytest.raises(ZoomError) as failure:
        module_result(zoom_connection.connection_from_options(options), options)
    text = " ".join([str(failure.value), json.dumps(failure.value.fail_kwargs())])
    assert "Rejected Authorization" in text, "the echoed body is part of the message"
    leaked = [secret for secret in secrets_of(sim, tmp_path) if secret in text]
    assert not leaked, text


def module_run(ansible, sim, env=None):
    return ansible.playbook("""
- name: List
  ucops.zoom.zoom_phone_numbers_info:
    page_size: 50
  register: listed
""", saves=["listed"], sim=sim, env=env)


@pytest.mark.parametrize("loosen", ["file 0644", "folder 0755", "symlinked file"])
def test_a_token_file_others_could_read_or_plant_is_ignored(ansible, zoom_simulator_factory, loosen):
    sim = zoom_simulator_factory(size=120, client_secret=SECRET)
    first = module_run(ansible, sim)
    assert first.rc == 0, first.output[-2000:]
    [token_file] = [path for path in ansible.cache_home.rglob("*.json") if _is_token_file(path)]
    planted = "planted-token-of-someone-else"
    data = json.loads(token_file.read_text(encoding="utf-8"))
    data["access_token"] = planted
    if loosen == "symlinked file":
        elsewhere = ansible.tmp / "elsewhere.json"
        elsewhere.write_text(json.dumps(data), encoding="utf-8")
        os.chmod(elsewhere, 0o600)
        token_file.unlink()
        token_file.symlink_to(elsewhere)
    else:
        token_file.write_text(json.dumps(data), encoding="utf-8")
        os.chmod(token_file, 0o644 if loosen == "file 0644" else 0o600)
        if loosen == "folder 0755":
            os.chmod(token_file.parent, 0o755)
    sim.reset_stats()
    second = module_run(ansible, sim)
    assert second.rc == 0, second.output[-2000:]
    result = second.result("listed")
    assert result["phone_numbers"] == expected_numbers(sim)
    assert sim.stats()["token_requests"] == 1, "a token of its own was fetched"
    assert sim.stats()["by_status"].get("401", 0) == 0, "the planted token was never sent"
    if loosen != "symlinked file":
        assert any("Ignoring the shared Zoom token cache" in warning for warning in result.get("warnings", [])), result.get("warnings")
    assert planted not in second.output


def test_tls_for_lookup_and_inventory_fails_by_default_and_works_with_the_ca(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=80, tls=True)
    run = ansible.playbook("""
- name: Lookup with the system CAs
  ansible.builtin.set_fact:
    listed: "{{ query('ucops.zoom.zoom_phone_numbers') }}"
  register: untrusted
  ignore_errors: true

- name: Lookup trusting the simulator's CA
  ansible.builtin.set_fact:
    listed: "{{ query('ucops.zoom.zoom_phone_numbers', ca_path=ca) }}"
  register: trusted
  vars:
    ca: "%s"

- name: Module trusting the CA through ZOOM_CA_PATH, with a wrong REQUESTS_CA_BUNDLE that ca_path overrides
  ucops.zoom.zoom_phone_numbers_info:
  environment:
    ZOOM_CA_PATH: "%s"
    REQUESTS_CA_BUNDLE: /nonexistent/bundle.pem
  register: from_env
""" % (sim.ca_file, sim.ca_file), saves=["untrusted", "trusted", "from_env"], sim=sim)
    assert run.rc == 0, run.output[-3000:]
    untrusted = run.result("untrusted")
    assert untrusted["failed"] is True and "TLS verification failed" in untrusted["msg"] and "ca_path" in untrusted["msg"]
    assert run.result("trusted")["ansible_facts"]["listed"] == expected_numbers(sim)
    assert run.result("from_env")["phone_numbers"] == expected_numbers(sim)

    source = ansible.tmp / "tls.zoom_phone_numbers.yml"
    source.write_text("plugin: ucops.zoom.zoom_phone_numbers\nhostnames: [id]\n", encoding="utf-8")
    refused, dummy = ansible.inventory_list(source, sim=sim)
    assert refused.returncode != 0 and "TLS verification failed" in refused.stderr
    trusted, data = ansible.inventory_list(source, sim=sim, env={"ZOOM_CA_PATH": sim.ca_file})
    assert trusted.returncode == 0, trusted.stderr
    assert sorted(lib.plain(data["zoom_numbers"]["hosts"])) == sorted(lib.ids(expected_numbers(sim)))


def test_a_missing_ca_bundle_fails_before_any_request_naming_ca_path(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=20, tls=True)
    run = ansible.playbook("""
- name: List with a CA bundle that is not there
  ucops.zoom.zoom_phone_numbers_info:
    ca_path: /nonexistent/zoom-ca.pem
  register: listed
  ignore_errors: true
""", saves=["listed"], sim=sim)
    result = run.result("listed")
    assert result["failed"] is True and "ca_path" in result["msg"] and "Traceback" not in run.output, result
    assert sim.stats()["requests"] == 0


def test_api_data_is_never_templated_in_module_or_lookup_results(ansible, zoom_simulator):
    sim = zoom_simulator
    hostile = [record for record in expected_numbers(sim) if "{{" in record.get("display_name", "")]
    assert hostile, "the dataset carries a display name that looks like a template"
    number = hostile[0]["number"]
    run = ansible.playbook("""
- name: List through the module
  ucops.zoom.zoom_phone_numbers_info:
    phone_number: "%s"
  register: listed

- name: Use the display name in later tasks
  ansible.builtin.set_fact:
    from_module: "{{ listed.phone_numbers[0].display_name }}"
    from_lookup: "{{ query('ucops.zoom.zoom_phone_numbers', '%s')[0].display_name }}"
    as_message: "Name: {{ listed.phone_numbers[0].display_name }}"
  register: used
""" % (number, number), saves=["used"], sim=sim)
    assert run.rc == 0, run.output[-2000:]
    facts = run.result("used")["ansible_facts"]
    literal = hostile[0]["display_name"]
    assert facts["from_module"] == literal and facts["from_lookup"] == literal
    assert facts["as_message"] == "Name: " + literal
    assert os.environ.get("HOME", "/root") not in json.dumps(facts)


def test_audit_role_over_tls_keeps_secrets_out_and_escapes_hostile_names(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=200, seed=4, tls=True, client_secret=SECRET, faults=[{"fault": "revoke_tokens", "when": {"nth": [2]}}])
    run = ansible.playbook("""
- name: Audit without trusting the simulator's CA
  ansible.builtin.include_role:
    name: ucops.zoom.phone_numbers_audit
    apply:
      ignore_errors: true
  vars:
    phone_numbers_audit_output_dir: "{{ out_dir }}/untrusted"

- name: Keep the failed audit
  ansible.builtin.set_fact:
    untrusted: "{{ phone_numbers_audit_run }}"

- name: Audit with the CA and the secret given to the role
  ansible.builtin.include_role:
    name: ucops.zoom.phone_numbers_audit
  vars:
    phone_numbers_audit_output_dir: "{{ out_dir }}/trusted"
    phone_numbers_audit_filters: {page_size: 50}
    phone_numbers_audit_connection:
      client_secret: "{{ lookup('ansible.builtin.env', 'ZOOM_CLIENT_SECRET') }}"
      ca_path: "%s"

- name: Keep the audit
  ansible.builtin.set_fact:
    trusted: "{{ phone_numbers_audit_run }}"
""" % sim.ca_file, saves=["untrusted", "trusted"], sim=sim, args=["-vvv"])
    assert run.rc == 0, run.output[-3000:]
    untrusted = run.result("untrusted")
    assert untrusted["failed"] is True and "TLS verification failed" in untrusted["msg"]
    trusted_dir = ansible.out_dir / "trusted"
    report = json.loads((trusted_dir / "phone_numbers_audit.json").read_text(encoding="utf-8"))
    assert lib.ids(report["numbers"]) == lib.ids(expected_numbers(sim))
    assert sim.stats()["token_requests"] == 2, "the revoked token was renewed once"

    secrets = secrets_of(sim, ansible.tmp)
    assert not [secret for secret in secrets if secret in run.output]
    assert not [secret for secret in secrets if secret in json.dumps(run.result("trusted"))]
    assert files_holding(ansible.tmp, secrets, skip={ansible.tmp / "playbook.yml"}) == []

    html = (trusted_dir / "phone_numbers_audit.html").read_text(encoding="utf-8")
    assert "<script>alert('zoomsim')</script>" not in html
    csv_text = (trusted_dir / "phone_numbers_audit.csv").read_text(encoding="utf-8")
    formula_cells = [cell for line in csv_text.splitlines() for cell in line.split(",") if cell.strip('"').startswith(("=", "@"))]
    assert formula_cells == [], formula_cells
