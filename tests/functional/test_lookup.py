# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lookup: the module's list inside expressions, the module's errors for bad input."""

from __future__ import annotations

import pytest

from ansible_runs import expected_numbers  # pylint: disable=import-error

FILTER_SETS = {
    "unassigned_tollfree": ("type='unassigned', where='number_type == `\"tollfree\"`'",
                            {"type": "unassigned"}, lambda record: record.get("number_type") == "tollfree"),
    "assigned_queues": ("type='assigned', extension_type='callQueue'", {"type": "assigned", "extension_type": "callQueue"}, None),
    "byoc_small_pages": ("type='byoc', page_size=7", {"type": "byoc"}, None),
    "not_pending": ("pending_numbers=false", {"pending_numbers": False}, None),
}


def test_lookup_returns_the_ground_truth_for_several_filter_sets(ansible, zoom_simulator):
    sim = zoom_simulator
    tasks = "".join("""
- name: Lookup {name}
  ansible.builtin.set_fact:
    {name}: >-
      {{{{ query('ucops.zoom.zoom_phone_numbers', {args}) }}}}
""".format(name=name, args=args) for name, (args, dummy, dummy2) in FILTER_SETS.items())
    sim.reset_stats()
    run = ansible.playbook(tasks, saves=list(FILTER_SETS), sim=sim)
    assert run.rc == 0, run.output
    for name, (dummy, filters, keep) in FILTER_SETS.items():
        truth = expected_numbers(sim, **filters)
        if keep:
            truth = [record for record in truth if keep(record)]
        assert run.result(name) == truth, name
    assert sim.stats()["token_requests"] == 1


def test_terms_are_numbers_looked_up_in_order(ansible, zoom_simulator):
    sim = zoom_simulator
    everything = expected_numbers(sim)
    wanted = [everything[7]["number"], everything[3]["number"], "+19999999999"]
    run = ansible.playbook("""
- name: Look numbers up by E.164
  ansible.builtin.set_fact:
    found: "{{ query('ucops.zoom.zoom_phone_numbers', *wanted) }}"
  vars:
    wanted: %s
""" % wanted, saves=["found"], sim=sim)
    assert run.rc == 0, run.output
    assert run.result("found") == [everything[7], everything[3]]
    # Left out, but not silently.
    assert "no phone number of the account matches +19999999999; it is left out of the list" in " ".join(run.output.split())


def test_lookup_options_from_plain_environment_and_keywords(ansible, zoom_simulator):
    sim = zoom_simulator
    run = ansible.playbook("""
- name: Keyword connection options override the environment (a URL that is not Zoom's travels with the secret)
  ansible.builtin.set_fact:
    listed: "{{ query('ucops.zoom.zoom_phone_numbers', api_url=real_api, client_secret=lookup('ansible.builtin.env', 'ZOOM_CLIENT_SECRET'),
                      number_type='toll') }}"
  vars:
    real_api: "%s"
""" % sim.api_url, saves=["listed"], sim=sim, env={"ZOOM_API_URL": "http://127.0.0.1:9/v2"})
    assert run.rc == 0, run.output
    assert run.result("listed") == expected_numbers(sim, number_type="toll")


@pytest.mark.parametrize("args, fragment", [
    ("type='everything'", "type"),
    ("extension_type='user'", "extension_type can only be used with type: assigned"),
    ("page_size=0", "page_size must be an integer from 1 to 100"),
    ("where='status =='", "Option where is not a valid JMESPath expression"),
    ("phone_number='0800'", "phone_number must be an E.164 number"),
    ("'not-a-number'", "must be an E.164 number"),
    ("'+14155550123', phone_number='+14155550123'", "either as terms or with phone_number"),
    ("timeout=0", "Option timeout must be a number from 0.001 to 3600"),
    ("queries=[{'colour': 'red'}]", "queries[0].colour"),
    # Ansible itself drops keywords a lookup does not declare: a misspelt filter would widen the list.
    ("type='unassigned', number_typ='tollfree'", "Unknown option number_typ (did you mean number_type"),
    ("siteid='8f71O6rWT8KFUGQmJIFAdQ'", "Unknown option siteid (did you mean site_id"),
    ("sitename='Main', colour='red'", "Unknown options colour, sitename (did you mean site_name"),
    ("site_id='a', site_name='b'", "Options site_id and site_name cannot be used together"),
])
def test_bad_input_fails_like_the_module_without_any_request(ansible, zoom_simulator, args, fragment):
    sim = zoom_simulator
    sim.reset_stats()
    run = ansible.playbook("""
- name: Bad lookup
  ansible.builtin.set_fact:
    listed: "{{ query('ucops.zoom.zoom_phone_numbers', %s) }}"
""" % args, sim=sim)
    assert run.rc != 0
    assert fragment in run.output, run.output
    assert "Traceback" not in run.output
    assert sim.stats()["requests"] == 0


def test_lookup_and_module_fail_with_the_same_message(ansible, zoom_simulator):
    run = ansible.playbook("""
- name: Module with a bad where
  ucops.zoom.zoom_phone_numbers_info:
    where: "number_type =="
  register: module_result
  ignore_errors: true

- name: Lookup with the same bad where
  ansible.builtin.set_fact:
    listed: "{{ query('ucops.zoom.zoom_phone_numbers', where='number_type ==') }}"
  register: lookup_result
  ignore_errors: true
""", saves=["module_result", "lookup_result"], sim=zoom_simulator)
    message = run.result("module_result")["msg"]
    assert message.startswith("Option where is not a valid JMESPath expression")
    assert message in run.result("lookup_result")["msg"]


def test_where_reading_byoc_fields_without_a_byoc_listing_warns_with_the_fix(ansible, zoom_simulator):
    sim = zoom_simulator
    run = ansible.playbook("""
- name: Module, BYOC fields without type byoc
  ucops.zoom.zoom_phone_numbers_info:
    where: "emergency_address_status == `1`"
  register: module_plain

- name: Module, the same with type byoc
  ucops.zoom.zoom_phone_numbers_info:
    type: byoc
    where: "emergency_address_status == `1`"
  register: module_byoc

- name: Lookup, BYOC fields without type byoc
  ansible.builtin.set_fact:
    lookup_plain: "{{ query('ucops.zoom.zoom_phone_numbers', where='carrier') }}"
""", saves=["module_plain", "module_byoc", "lookup_plain"], sim=sim)
    assert run.rc == 0, run.output
    # Nothing is kept, since Zoom sends the fields only to a type=byoc listing: the warning says why and what to do.
    plain = run.result("module_plain")
    assert plain["phone_numbers"] == [] and run.result("lookup_plain") == []
    (warning,) = plain["warnings"]
    assert "emergency_address_status" in warning and "Add type: byoc" in warning
    assert "warnings" not in run.result("module_byoc")
    assert run.result("module_byoc")["phone_numbers"] == [
        record for record in expected_numbers(sim, type="byoc") if record.get("emergency_address_status") == 1]
    assert "Option where reads carrier, which Zoom sends only in answers to a type: byoc listing" in " ".join(run.output.split())
