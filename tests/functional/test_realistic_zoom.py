# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What real Zoom does that its reference does not say, against the default (realistic) simulator.

Scopes refused with HTTP 400 and code 4711, Zoom Phone not enabled (403, 2031), an invalid token
answered with 400, codes sent as strings, tracking ids, and what a wrong URL answers. Each test
first checks that the simulator models the behaviour it is about, so that the test keeps its
meaning whatever the default profile.
"""

from __future__ import annotations

import pathlib

import pytest
import yaml

from ansible_runs import assert_one_clear_line, expected_numbers  # pylint: disable=import-error

GALAXY = yaml.safe_load((pathlib.Path(__file__).resolve().parents[2] / "galaxy.yml").read_text(encoding="utf-8"))
PHONE_SCOPES = ("phone:read:admin", "phone:read:list_numbers:admin")
NUMBER_MANAGEMENT_SCOPES = ("number_management_numbers:read:admin", "number_management:read:list_numbers:admin")

LIST = """
- name: List the numbers
  ucops.zoom.zoom_phone_numbers_info:
  register: listed
  ignore_errors: true
"""


def ids(records):
    return [record["id"] for record in records]


def assert_tracking_id(result, sim):
    """The failure names the tracking id of Zoom's last error answer, in a key of its own and as its last words."""
    sent = sim.stats()["tracking_ids"]
    assert sent and result["tracking_id"] == sent[-1]
    assert result["msg"].endswith("Zoom tracking id: %s" % sent[-1])


def test_a_token_without_the_phone_scopes_fails_at_once_naming_them(ansible, zoom_simulator_factory):
    # A Server-to-Server app given only the Number Management scope.
    sim = zoom_simulator_factory(size=300, token_scopes=["number_management:read:list_numbers:admin"])
    assert sim.settings.code_as_string and sim.settings.tracking_id
    run = ansible.playbook(LIST, saves=["listed"], sim=sim)
    result = run.result("listed")
    assert_one_clear_line(result, "does not contain scopes", "lacks the OAuth scopes", *(PHONE_SCOPES + NUMBER_MANAGEMENT_SCOPES))
    assert "filter" not in result["msg"]
    # Zoom sent the code as a string; the result compares it as the number it is.
    assert result["status"] == 400 and result["zoom_code"] == 4711 and result["error_kind"] == "scope"
    assert_tracking_id(result, sim)
    stats = sim.stats()
    assert stats["list_requests"] == 1, "a missing scope is never retried"
    assert stats["token_requests"] == 1, "nor is the token renewed: a new one has the same scopes"


def test_zoom_phone_not_enabled_has_its_own_message(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=300, phone_enabled=False)
    run = ansible.playbook(LIST, saves=["listed"], sim=sim)
    result = run.result("listed")
    assert_one_clear_line(result, "Zoom Phone is not enabled on this Zoom account", "HTTP 403, code 2031", "account_id")
    assert result["status"] == 403 and result["zoom_code"] == 2031
    assert_tracking_id(result, sim)
    assert sim.stats()["list_requests"] == 1


@pytest.mark.parametrize("status, style", [(400, "zoom"), (401, "status_errorcode"), (400, "status_errorcode")])
def test_a_refused_token_is_renewed_once_whatever_the_status_and_body(zoom_simulator_factory, zoom_connection, tmp_path,
                                                                      status, style):
    from ansible_runs import module_result  # pylint: disable=import-error

    sim = zoom_simulator_factory(size=700, seed=6, invalid_token_status=status, error_style=style,
                                 faults=[{"fault": "revoke_tokens", "path": "/v2/phone", "when": {"nth": [3]}}])
    result = module_result(zoom_connection(sim, tmp_path, token_cache="false"), {})
    assert ids(result["phone_numbers"]) == ids(expected_numbers(sim))
    assert result["token_requests"] == 2
    refused = [entry for entry in sim.stats()["query_log"] if entry["path"] == "/v2/phone/numbers" and entry["status"] != 200]
    assert [entry["status"] for entry in refused] == [status]


def test_the_user_agent_names_the_collection_and_its_version(ansible, zoom_simulator):
    run = ansible.playbook(LIST, saves=["listed"], sim=zoom_simulator)
    assert not run.result("listed").get("failed")
    agents = set(entry["user_agent"] for entry in zoom_simulator.stats()["query_log"])
    assert len(agents) == 1
    assert agents.pop().startswith("ucops.zoom/%s python-requests/" % GALAXY["version"])


def test_an_api_url_without_v2_is_called_a_url_problem(ansible, zoom_simulator):
    sim = zoom_simulator
    run = ansible.playbook(LIST, saves=["listed"], sim=sim, env={"ZOOM_API_URL": sim.url})
    result = run.result("listed")
    assert_one_clear_line(result, "first request", "api_url does not point at Zoom's API", "/v2")
    assert result["status"] == 404
    assert not result.get("warnings"), "nothing moved to Number Management"
    assert "endpoint: number_management" not in run.output


def test_a_wrong_oauth_url_is_called_one(ansible, zoom_simulator):
    sim = zoom_simulator
    run = ansible.playbook(LIST, saves=["listed"], sim=sim, env={"ZOOM_OAUTH_URL": sim.url + "/oauth/tokens"})
    result = run.result("listed")
    assert_one_clear_line(result, "The OAuth URL %s/oauth/tokens answered HTTP 404" % sim.url, "oauth_url")
    assert "client_secret" not in result["msg"] and "refused the credentials" not in result["msg"]
    assert_tracking_id(result, sim)
    assert sim.stats()["list_requests"] == 0
