# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""zoom_phone_numbers_info in real playbooks: exact lists, request counts, one token per run."""

from __future__ import annotations

import itertools
import math

import pytest

from ansible_runs import expected_numbers, module_result  # pylint: disable=import-error

SIZE = 20000


@pytest.fixture(scope="module")
def big_sim():
    from zoomsim import Simulator

    with Simulator(size=SIZE, seed=20) as sim:
        yield sim


def pending(record):
    return record.get("status") == "pending"


def test_playbook_of_several_tasks_matches_ground_truth_with_minimal_requests(ansible, big_sim):
    sim = big_sim
    site_id = expected_numbers(sim, type="all")[0]["site"]["id"]
    cases = {
        "everything": {},
        "assigned_users": {"type": "assigned", "extension_type": "user"},
        "idle_tollfree": {"type": "unassigned", "number_type": "tollfree"},
        "byoc": {"type": "byoc"},
        "site_without_pending": {"site_id": site_id, "pending_numbers": False, "page_size": 37},
    }
    tasks = ""
    for name, options in cases.items():
        lines = "".join("\n    %s: %s" % (key, "'%s'" % value if isinstance(value, str) else str(value).lower())
                        for key, value in options.items())
        tasks += "\n- name: List %s\n  ucops.zoom.zoom_phone_numbers_info:%s\n  register: %s\n" % (name, lines, name)
    tasks += """
- name: Pending numbers through where
  ucops.zoom.zoom_phone_numbers_info:
    where: "status == 'pending'"
  register: where_pending
"""
    sim.reset_stats()
    # The simulator limits nothing here: the collection's default pace would only slow the test down.
    run = ansible.playbook(tasks, saves=list(cases) + ["where_pending"], sim=sim, env={"ZOOM_RATE_LIMIT": "10000"})
    assert run.rc == 0, run.output

    expected_requests = 0
    for name, options in cases.items():
        filters = dict((key, value) for key, value in options.items() if key != "page_size")
        truth = expected_numbers(sim, **filters)
        result = run.result(name)
        assert result["phone_numbers"] == truth, name
        assert [n["id"] for n in result["phone_numbers"]] == [n["id"] for n in truth]
        assert result["total_records"] == len(truth) and result["count"] == len(truth)
        assert result["changed"] is False
        page_size = options.get("page_size", 100)
        expected_requests += max(1, math.ceil(len(truth) / page_size))
        assert result["pages"] == max(1, math.ceil(len(truth) / page_size))

    everything = expected_numbers(sim)
    where_result = run.result("where_pending")
    assert where_result["phone_numbers"] == [record for record in everything if pending(record)]
    assert where_result["total_records"] == len(everything)
    expected_requests += math.ceil(len(everything) / 100)

    stats = sim.stats()
    assert stats["list_requests"] == expected_requests
    assert stats["token_requests"] == 1, "one token for the whole playbook run"
    assert len(everything) == SIZE


def test_check_mode_returns_the_same_list(ansible, zoom_simulator):
    sim = zoom_simulator
    run = ansible.playbook("""
- name: List in check mode
  ucops.zoom.zoom_phone_numbers_info:
    type: unassigned
  register: listed
  check_mode: true
""", saves=["listed"], sim=sim)
    assert run.rc == 0, run.output
    assert run.result("listed")["phone_numbers"] == expected_numbers(sim, type="unassigned")


def test_module_defaults_group_sets_connection_options(ansible, zoom_simulator):
    sim = zoom_simulator
    run = ansible.playbook("""
- name: Connection from module_defaults
  module_defaults:
    group/ucops.zoom.zoom:
      account_id: "{0.account_id}"
      client_id: "{0.client_id}"
      client_secret: "{0.client_secret}"
      api_url: "{0.api_url}"
      oauth_url: "{0.oauth_url}"
  block:
    - name: List
      ucops.zoom.zoom_phone_numbers_info:
        number_type: toll
      register: listed
""".format(sim), saves=["listed"])
    assert run.rc == 0, run.output
    assert run.result("listed")["phone_numbers"] == expected_numbers(sim, number_type="toll")


def test_every_filter_combination_at_twenty_thousand_is_exact_with_minimal_requests(big_sim, zoom_connection, tmp_path):
    """The exhaustive matrix, through the collection's Python client over HTTP (the playbook above covers the module)."""
    sim = big_sim
    everything = expected_numbers(sim)
    connection = zoom_connection(sim, tmp_path, endpoint="phone", rate_limit=10000)
    extension_types = [None, "user", "callQueue", "autoReceptionist", "commonArea", "emergencyNumberPool",
                       "companyLocation", "meetingService"]
    combinations = []
    for kind, extension, number_type, include_pending in itertools.product(
            [None, "all", "assigned", "unassigned", "byoc"], extension_types, [None, "toll", "tollfree"], [None, True, False]):
        if extension and kind != "assigned":
            continue
        pairs = (("type", kind), ("extension_type", extension), ("number_type", number_type), ("pending_numbers", include_pending))
        combinations.append(dict((key, value) for key, value in pairs if value is not None))
    # site_id narrows every other filter the same way: crossed with each type, not with everything.
    site = everything[0]["site"]["id"]
    combinations += [dict(filters, site_id=site) for filters in combinations if set(filters) <= {"type"}]
    assert len(combinations) == 108 + 5
    for filters in combinations:
        truth = expected_numbers(sim, **filters)
        sim.reset_stats()
        result = module_result(connection, dict(filters, where="status == 'available'"))
        assert [record["id"] for record in result["phone_numbers"]] == [record["id"] for record in truth if pending(record) is False], filters
        assert result["total_records"] == len(truth)
        assert sim.stats()["list_requests"] == max(1, math.ceil(len(truth) / 100)), filters
