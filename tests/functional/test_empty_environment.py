# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A ZOOM_* variable exported empty (as controllers do for blank credential fields) counts as unset."""

from __future__ import annotations

from ansible_runs import expected_numbers  # pylint: disable=import-error

# ZOOM_ENDPOINT is left out here: Ansible's option system itself refuses an empty value for an option
# with choices in the lookup and inventory; the module takes it as unset (its tasks set it below).
EMPTY = {"ZOOM_VALIDATE_CERTS": "", "ZOOM_CA_PATH": "", "ZOOM_TIMEOUT": "", "ZOOM_ACCESS_TOKEN": ""}


def test_empty_variables_keep_the_defaults_in_module_lookup_and_inventory(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=150, tls=True)
    source = ansible.tmp / "tls.zoom_phone_numbers.yml"
    source.write_text("plugin: ucops.zoom.zoom_phone_numbers\n", encoding="utf-8")
    run = ansible.playbook("""
- name: Module, with verification still on
  ucops.zoom.zoom_phone_numbers_info:
  register: module_result
  ignore_errors: true
  environment:
    ZOOM_ENDPOINT: ""

- name: Lookup, with verification still on
  ansible.builtin.set_fact:
    listed: "{{ query('ucops.zoom.zoom_phone_numbers') }}"
  register: lookup_result
  ignore_errors: true

- name: Module trusting the simulator's CA, endpoint left at its default
  ucops.zoom.zoom_phone_numbers_info:
    ca_path: "%s"
  register: trusted
  environment:
    ZOOM_ENDPOINT: ""
""" % sim.ca_file, saves=["module_result", "lookup_result", "trusted"], sim=sim, env=EMPTY)
    assert "TLS verification failed" in run.result("module_result")["msg"]
    assert "TLS verification failed" in run.result("lookup_result")["msg"]
    trusted = run.result("trusted")
    assert trusted["endpoint"] == "phone"
    assert [record["id"] for record in trusted["phone_numbers"]] == [record["id"] for record in expected_numbers(sim)]
    completed, dummy = ansible.inventory_list(source, sim=sim, env=EMPTY)
    assert completed.returncode != 0
    assert "TLS verification failed" in completed.stderr
