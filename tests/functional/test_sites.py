# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sites: zoom_phone_sites_info, site_name on every entry point, and a site_id that names no site."""

from __future__ import annotations

import json

import pytest
import yaml

from ansible_runs import expected_numbers, module_result  # pylint: disable=import-error

from ansible_collections.ucops.zoom.plugins.module_utils.number_query import LISTING_OPTION_NAMES
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomConfigError

# No site of any simulated account has this id (simulator ids are 22 base64url characters).
UNKNOWN_SITE_ID = "no-such-site-id"


def listing_options(**options):
    values = dict((name, None) for name in LISTING_OPTION_NAMES)
    values.update(options)
    return values


def flat(text):
    return " ".join(text.split())


def test_sites_info_lists_every_site_as_zoom_returns_it(ansible, zoom_simulator_factory):
    # 61,000 numbers make 305 sites: two pages of GET /phone/sites (at most 300 a page).
    sim = zoom_simulator_factory(size=61000, seed=8)
    sites = sim.truth(endpoint="sites")
    assert len(sites) > 300
    wanted = sites[200]["name"]
    sim.reset_stats()
    run = ansible.playbook("""
- name: Every site
  ucops.zoom.zoom_phone_sites_info:
  register: every_site

- name: One site by its exact name, in check mode
  ucops.zoom.zoom_phone_sites_info:
    site_name: "%s"
  check_mode: true
  register: one_site
""" % wanted, saves=["every_site", "one_site"], sim=sim)
    assert run.rc == 0, run.output
    every = run.result("every_site")
    assert every["sites"] == sites
    assert every["count"] == every["total_records"] == len(sites)
    assert every["pages"] == 2 and every["changed"] is False
    assert run.result("one_site")["sites"] == [site for site in sites if site["name"] == wanted]
    assert sim.stats()["token_requests"] == 1


def test_sites_info_in_the_action_group_and_a_name_no_site_has(ansible, zoom_simulator):
    sim = zoom_simulator
    name = sim.truth(endpoint="sites")[1]["name"]
    run = ansible.playbook("""
- name: Connection options from module_defaults only
  module_defaults:
    group/ucops.zoom.zoom:
      account_id: "%s"
      client_id: "%s"
      client_secret: "%s"
      api_url: "%s"
      oauth_url: "%s"
  block:
    - name: Sites
      ucops.zoom.zoom_phone_sites_info:
      register: grouped

    - name: A site name with its last letter missing
      ucops.zoom.zoom_phone_sites_info:
        site_name: "%s"
      register: misspelt
""" % (sim.account_id, sim.client_id, sim.client_secret, sim.api_url, sim.oauth_url, name[:-1]), saves=["grouped", "misspelt"])
    assert run.rc == 0, run.output
    assert run.result("grouped")["sites"] == sim.truth(endpoint="sites")
    misspelt = run.result("misspelt")
    assert misspelt["sites"] == [] and misspelt["count"] == 0
    assert any(repr(name) in warning for warning in misspelt["warnings"]), misspelt.get("warnings")


def test_ansible_doc_documents_the_sites_module(ansible):
    completed = ansible.command(["ansible-doc", "ucops.zoom.zoom_phone_sites_info"])
    assert completed.returncode == 0, completed.stderr
    text = flat(completed.stdout)
    for expected in ("GET /phone/sites", "site_name", "ZOOM_ACCOUNT_ID", "RETURN VALUES", "error_kind", "main_auto_receptionist"):
        assert expected in text, expected
    documented = json.loads(ansible.command(["ansible-doc", "--json", "ucops.zoom.zoom_phone_sites_info"]).stdout)
    doc = documented["ucops.zoom.zoom_phone_sites_info"]["doc"]
    assert doc["version_added"] == "0.2.0"
    assert doc["attributes"]["action_group"]["membership"] == ["ucops.zoom.zoom"]
    assert yaml.safe_load(documented["ucops.zoom.zoom_phone_sites_info"]["examples"])


@pytest.mark.parametrize("endpoint", ["phone", "number_management"])
def test_site_name_lists_the_numbers_of_that_site(zoom_simulator, zoom_connection, tmp_path, endpoint):
    sim = zoom_simulator
    site = sim.truth(endpoint="sites")[2]
    connection = zoom_connection(sim, tmp_path, endpoint=endpoint)
    by_name = module_result(connection, listing_options(site_name=site["name"], type="assigned"))
    by_id = module_result(connection, listing_options(site_id=site["id"], type="assigned"))
    assert by_name["phone_numbers"] == by_id["phone_numbers"]
    assert by_name["count"] > 0
    assert {record["site"]["id"] for record in by_name["phone_numbers"]} == {site["id"]}
    if endpoint == "phone":
        assert by_name["phone_numbers"] == expected_numbers(sim, site_id=site["id"], type="assigned")


def test_site_name_per_query_entry_and_its_override_of_the_top_level_site(zoom_simulator, zoom_connection, tmp_path):
    sim = zoom_simulator
    first, second, third = sim.truth(endpoint="sites")[:3]
    result = module_result(zoom_connection(sim, tmp_path), listing_options(
        site_name=first["name"], number_type="toll",
        queries=[{"type": "unassigned"}, {"site_name": second["name"]}, {"site_id": third["id"], "type": "byoc"}]))
    expected, seen = [], set()
    for filters in ({"site_id": first["id"], "type": "unassigned"}, {"site_id": second["id"]}, {"site_id": third["id"], "type": "byoc"}):
        for record in expected_numbers(sim, number_type="toll", **filters):
            if record["id"] not in seen:
                seen.add(record["id"])
                expected.append(record)
    assert [record["id"] for record in result["phone_numbers"]] == [record["id"] for record in expected]


def test_an_unknown_site_name_fails_before_any_number_is_listed_naming_the_closest_sites(zoom_simulator, zoom_connection, tmp_path):
    sim = zoom_simulator
    name = sim.truth(endpoint="sites")[0]["name"]
    sim.reset_stats()
    with pytest.raises(ZoomConfigError) as info:
        module_result(zoom_connection(sim, tmp_path), listing_options(queries=[{"type": "byoc"}, {"site_name": name.lower() + "x"}]))
    message = str(info.value)
    assert message.startswith("Option queries[1].site_name names no site of the account: %r." % (name.lower() + "x"))
    assert repr(name) in message
    assert sim.stats()["list_requests"] == 0


def test_site_id_and_site_name_together_fail_before_any_request(zoom_simulator, zoom_connection, tmp_path):
    sim = zoom_simulator
    site = sim.truth(endpoint="sites")[0]
    sim.reset_stats()
    with pytest.raises(ZoomConfigError, match="Options site_id and site_name cannot be used together"):
        module_result(zoom_connection(sim, tmp_path), listing_options(site_id=site["id"], site_name=site["name"]))
    assert sim.stats()["requests"] == 0


@pytest.mark.parametrize("endpoint", ["phone", "number_management"])
def test_a_site_id_that_names_no_site_fails_naming_it(zoom_simulator, zoom_connection, tmp_path, endpoint):
    sim = zoom_simulator
    # What Zoom answers is undocumented: the Phone API lists nothing, Number Management answers 1002010.
    assert expected_numbers(sim, site_id=UNKNOWN_SITE_ID) == []
    with pytest.raises(ZoomConfigError) as info:
        module_result(zoom_connection(sim, tmp_path, endpoint=endpoint), listing_options(site_id=UNKNOWN_SITE_ID))
    assert str(info.value).startswith("Option site_id names no site of the account: %r." % UNKNOWN_SITE_ID)
    if endpoint == "number_management":
        assert (info.value.status, info.value.code) == (400, 1002010)


def test_a_site_that_exists_but_has_no_matching_number_lists_nothing(zoom_simulator, zoom_connection, tmp_path):
    sim = zoom_simulator
    site = sim.truth(endpoint="sites")[0]
    result = module_result(zoom_connection(sim, tmp_path), listing_options(site_id=site["id"], phone_number="+19999999999"))
    assert result["phone_numbers"] == [] and result["count"] == 0


def test_site_checks_through_the_lookup(ansible, zoom_simulator):
    sim = zoom_simulator
    site = sim.truth(endpoint="sites")[1]
    run = ansible.playbook("""
- name: Numbers of a site by name
  ansible.builtin.set_fact:
    by_name: "{{ query('ucops.zoom.zoom_phone_numbers', site_name=site_name, type='unassigned') }}"
  vars:
    site_name: "%s"

- name: A site id that names no site
  ansible.builtin.set_fact:
    unknown: "{{ query('ucops.zoom.zoom_phone_numbers', site_id='%s') }}"
  register: unknown_site
  ignore_errors: true
""" % (site["name"], UNKNOWN_SITE_ID), saves=["by_name", "unknown_site"], sim=sim)
    assert run.rc == 0, run.output
    assert run.result("by_name") == expected_numbers(sim, site_id=site["id"], type="unassigned")
    assert run.result("unknown_site")["failed"] is True
    assert "Option site_id names no site of the account: '%s'." % UNKNOWN_SITE_ID in run.result("unknown_site")["msg"]


def test_site_checks_through_the_inventory(ansible, zoom_simulator):
    sim = zoom_simulator
    site = sim.truth(endpoint="sites")[2]
    config = ansible.tmp / "site.zoom_phone_numbers.yml"
    config.write_text("plugin: ucops.zoom.zoom_phone_numbers\nsite_name: %s\n" % json.dumps(site["name"]), encoding="utf-8")
    completed, data = ansible.inventory_list(config, sim=sim)
    assert completed.returncode == 0, completed.stderr
    assert sorted(data["_meta"]["hostvars"]) == sorted(record["number"] for record in expected_numbers(sim, site_id=site["id"]))

    config.write_text("plugin: ucops.zoom.zoom_phone_numbers\nsite_id: %s\n" % UNKNOWN_SITE_ID, encoding="utf-8")
    completed, data = ansible.inventory_list(config, sim=sim)
    assert completed.returncode != 0
    assert "Option site_id names no site of the account: '%s'." % UNKNOWN_SITE_ID in flat(completed.stderr)


def test_site_checks_through_the_audit(ansible, zoom_simulator):
    sim = zoom_simulator
    site = sim.truth(endpoint="sites")[0]
    run = ansible.playbook("""
- name: Audit one site by name
  ucops.zoom.zoom_phone_numbers_audit:
    filters:
      site_name: "%s"
    rules: []
    formats: [json]
    output_dir: "{{ out_dir }}/by-name"
  register: by_name

- name: Audit a site id that names no site, with the gate on
  ucops.zoom.zoom_phone_numbers_audit:
    filters:
      site_id: %s
    rules: []
    formats: [json]
    fail_on_violation: true
    output_dir: "{{ out_dir }}/unknown"
  register: unknown
  ignore_errors: true
""" % (site["name"], UNKNOWN_SITE_ID), saves=["by_name", "unknown"], sim=sim)
    assert run.rc == 0, run.output
    assert run.result("by_name")["audit"]["summary"]["total"] == len(expected_numbers(sim, site_id=site["id"]))
    unknown = run.result("unknown")
    assert unknown["failed"] is True
    assert unknown["msg"].startswith("Option filters.site_id names no site of the account: '%s'." % UNKNOWN_SITE_ID)
