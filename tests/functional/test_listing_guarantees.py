# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the README promises about one listing, each shown through ansible-playbook against the simulator.

No number twice when query sets overlap; Zoom's Retry-After obeyed; rate_limit keeping the
account under its limit; and at -vvv one log line per HTTP request, without a secret.
"""

from __future__ import annotations

import re

from ansible_runs import expected_numbers, merged_truth  # pylint: disable=import-error

SECRET = "Zs3cr3t-log-lines-never-show-it"


def ids(records):
    return [record["id"] for record in records]


def test_overlapping_query_sets_give_each_number_once(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=900, seed=4)
    run = ansible.playbook("""
- name: Every number, then the assigned ones again (all of them overlap)
  ucops.zoom.zoom_phone_numbers_info:
    queries:
      - type: all
      - type: assigned
      - type: assigned
        number_type: toll
  register: listed
""", saves=["listed"], sim=sim)
    assert run.rc == 0, run.output
    listed = run.result("listed")
    expected = merged_truth(sim, [{"type": "all"}, {"type": "assigned"}, {"type": "assigned", "number_type": "toll"}])
    assert ids(listed["phone_numbers"]) == ids(expected)
    assert len(set(ids(listed["phone_numbers"]))) == listed["count"] == len(expected)


def test_retry_after_is_waited_for_as_zoom_asks(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=300, faults=[{"fault": "429", "retry_after": 2, "path": "/v2/phone", "when": {"nth": [2]}}])
    run = ansible.playbook("""
- name: List through a throttled page
  ucops.zoom.zoom_phone_numbers_info:
  register: listed
""", saves=["listed"], sim=sim, args=["-vvv"])
    assert run.rc == 0, run.output
    listed = run.result("listed")
    assert ids(listed["phone_numbers"]) == ids(expected_numbers(sim))
    retried = [line for line in listed["http_log"] if "-> 429" in line]
    assert len(retried) == 1 and listed["retries"] == 1, listed["http_log"]
    # The wait the client chose is in its log: Zoom's two seconds, not the much shorter back-off.
    assert retried[0].endswith("; retry 1 of 5 in 2.0 s"), retried[0]


def test_rate_limit_keeps_the_account_under_its_limit(ansible, zoom_simulator_factory):
    # The simulator refuses a sixth request within any second; a client sending its pages as fast as
    # it can would meet 429s at once.
    sim = zoom_simulator_factory(size=1500, seed=2, rate_limit=5)
    run = ansible.playbook("""
- name: List at most five requests per second, in pages of fifty
  ucops.zoom.zoom_phone_numbers_info:
    rate_limit: 5
    page_size: 50
  register: listed
""", saves=["listed"], sim=sim)
    assert run.rc == 0, run.output
    listed = run.result("listed")
    assert ids(listed["phone_numbers"]) == ids(expected_numbers(sim))
    assert sim.stats()["list_requests"] == 30
    assert sim.stats()["rate_limited"] == 0 and listed["retries"] == 0


def test_verbose_runs_log_one_line_per_request_without_secrets(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=450, client_secret=SECRET, faults=[{"fault": "503", "path": "/v2/phone", "when": {"nth": [3]}}])
    run = ansible.playbook("""
- name: List with the module
  ucops.zoom.zoom_phone_numbers_info:
    type: all
  register: listed

- name: List with the lookup
  ansible.builtin.set_fact:
    looked_up: "{{ query('ucops.zoom.zoom_phone_numbers', type='unassigned') }}"
""", saves=["listed"], sim=sim, args=["-vvv"])
    assert run.rc == 0, run.output
    listed = run.result("listed")
    module_lines = listed["http_log"]
    # One token request, five pages and the retry of the page that met the 503.
    assert len(module_lines) == listed["requests"] == 1 + listed["pages"] + 1
    assert sum(1 for line in module_lines if " -> 503 " in line and "retry 1 of 5" in line) == 1
    assert all(re.match(r"^ucops\.zoom: (GET|POST) http://127\.0\.0\.1:\d+/\S+ -> \d{3} in \d+ ms", line) for line in module_lines)
    unassigned_pages = -(-len(expected_numbers(sim, type="unassigned")) // 100)
    lookup_lines = [line for line in run.stdout.splitlines()
                    if line.startswith("ucops.zoom: GET ") and "type=unassigned" in line]
    assert len(lookup_lines) == unassigned_pages, run.stdout[-3000:]
    assert SECRET not in run.output


def test_without_verbosity_the_result_carries_no_log(ansible, zoom_simulator):
    run = ansible.playbook("""
- name: List quietly
  ucops.zoom.zoom_phone_numbers_info:
  register: listed
""", saves=["listed"], sim=zoom_simulator)
    assert run.rc == 0, run.output
    assert "http_log" not in run.result("listed")
    assert "ucops.zoom: GET" not in run.output
