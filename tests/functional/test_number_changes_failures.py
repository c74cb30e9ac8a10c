# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ucops.zoom.zoom_phone_number when things go wrong: every refused change fails before the first write,
faults on writes still reach the exact end state without a number changed twice, and a run stopped
mid-way names what was done and what was not, and a rerun finishes it."""

from __future__ import annotations

import pytest

from number_truth import changes, snapshot, successful_writes_per_number, task, writes  # pylint: disable=import-error


def held_by(sim, kind, site_id=None):
    return next(record for record in sim.truth(type="assigned", extension_type=kind, site_id=site_id))


def test_every_refused_change_fails_before_any_write_and_lists_its_problems(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=500, seed=1)
    users = [item for item in sim.entity_truth("users") if "site" in item]
    user_number = held_by(sim, "user")
    other_user = next(item for item in users if item["site"]["id"] == user_number["site"]["id"]
                      and item["id"] != user_number["assignee"]["id"])
    other_site = next(site for site in sim.truth(endpoint="sites") if site["id"] != user_number["site"]["id"])
    spare = next(record for record in sim.truth(type="unassigned", pending_numbers=False)
                 if record.get("site") and record["site"]["id"] == other_site["id"])
    queue_names = [item["name"] for item in sim.entity_truth("call_queues")]
    shared_name = next(name for name in queue_names if queue_names.count(name) > 1)
    cases = {
        "unknown": ({"numbers": ["+19995550100"], "state": "unassigned"}, "+19995550100: not a number of this account"),
        "no_assignee": ({"numbers": [spare["number"]], "state": "assigned",
                         "assignee": {"type": "user", "email": "nobody@example.com"}}, "no user has the email"),
        "ambiguous": ({"numbers": [spare["number"]], "state": "assigned", "assignee": {"type": "callQueue", "name": shared_name}},
                      "call queues have the name"),
        "held_elsewhere": ({"numbers": [user_number["number"]], "state": "assigned",
                            "assignee": {"type": "user", "id": other_user["id"]}}, "set reassign: true"),
        "move_assigned": ({"numbers": [user_number["number"]], "site": other_site["id"]}, "Zoom moves only unassigned numbers"),
        "byoc_only": ({"numbers": [user_number["number"]], "sip_group": "SBC Primary"}, "only BYOC numbers take sip_group"),
        "release_assigned": ({"numbers": [user_number["id"]], "state": "absent"}, "only unassigned numbers are released"),
        "other_site": ({"numbers": [spare["number"]], "state": "assigned", "assignee": {"type": "user", "id": other_user["id"]}},
                       "to move the number there first"),
    }
    for kind in ("emergencyNumberPool", "companyLocation", "meetingService"):
        cases["unassign_" + kind] = ({"numbers": [held_by(sim, kind)["number"]], "state": "unassigned"},
                                     "which Zoom's API cannot take numbers from")
    cases["all_at_once"] = ({"numbers": ["+19995550100", user_number["number"], spare["number"]], "site": other_site["name"],
                             "capability": ["incoming"], "sip_group": "No such group"}, "sip_group: no SIP group")
    tasks = "".join(task(args, name=name, register=name, ignore_errors=True) for name, (args, _fragment) in cases.items())
    tasks += task({"numbers": ["+19995550100"], "state": "absent"}, name="A number not in the account is already absent",
                  register="already_absent")
    # A name from Zoom that looks like a template stays text in the result.
    hostile = next(record for record in sim.truth(type="assigned") if record["assignee"].get("name") == "{{ lookup('env','HOME') }}")
    tasks += task({"numbers": [hostile["number"]], "state": "unassigned"}, name="Hostile name", register="hostile", check_mode=True)
    before = snapshot(sim)
    sim.reset_stats()
    run = ansible.playbook(tasks, saves=list(cases) + ["already_absent", "hostile"], sim=sim)
    assert run.rc == 0, run.output
    assert sim.stats()["write_requests"] == 0
    assert changes(before, snapshot(sim)) == {}
    for name, (_args, fragment) in cases.items():
        result = run.result(name)
        assert result["failed"] is True and result["changed"] is False, (name, result)
        assert result["msg"].startswith("Nothing was changed"), (name, result["msg"])
        assert "\n" not in result["msg"] and any(fragment in problem for problem in result["problems"]), (name, result)
        assert result["requests"] == []
    together = run.result("all_at_once")["problems"]
    assert len(together) == 5, together
    assert any(problem.startswith("+19995550100: not a number") for problem in together)
    assert any(problem.startswith(user_number["number"] + ": held by user") for problem in together)
    assert any(problem.startswith(spare["number"] + ": not a BYOC number") for problem in together)
    already = run.result("already_absent")
    assert already["changed"] is False and already["numbers"][0]["before"] == {"exists": False}
    assert run.result("hostile")["numbers"][0]["before"]["assignee"]["name"] == "{{ lookup('env','HOME') }}"


def test_invalid_options_fail_before_any_request(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=100, seed=1)
    cases = {
        "no_assignee": ({"numbers": ["+14155550123"], "state": "assigned"}, "Option assignee is required with state: assigned"),
        "two_identifiers": ({"numbers": ["+14155550123"], "state": "assigned", "assignee": {"type": "user", "id": "a", "name": "b"}},
                            "Option assignee needs exactly one of"),
        "email_of_a_queue": ({"numbers": ["+14155550123"], "state": "assigned", "assignee": {"type": "callQueue", "email": "q@x.io"}},
                             "Option assignee.email identifies users only"),
        "assignee_when_unassigning": ({"numbers": ["+14155550123"], "state": "unassigned",
                                       "assignee": {"type": "user", "id": "a"}}, "Option assignee is used only with state: assigned"),
        "long_display_name": ({"numbers": ["+14155550123"], "display_name": "x" * 33}, "Option display_name must be text of at most 32"),
        "bad_number": ({"numbers": ["+1 415 555"]}, "Option numbers[0] must be an E.164 number"),
        "path_in_id": ({"numbers": ["abc/../users"]}, "Option numbers[0] must be an E.164 number such as +14155550123 or a Zoom"),
        "release_with_settings": ({"numbers": ["+14155550123"], "state": "absent", "site": "London"},
                                  "Option state: absent releases numbers and takes no site"),
    }
    tasks = "".join(task(args, name=name, register=name, ignore_errors=True) for name, (args, _fragment) in cases.items())
    sim.reset_stats()
    run = ansible.playbook(tasks, saves=list(cases), sim=sim)
    assert run.rc == 0, run.output
    assert sim.stats()["requests"] == 0
    for name, (_args, fragment) in cases.items():
        result = run.result(name)
        assert result["failed"] is True and fragment in result["msg"], (name, result)
        assert "\n" not in result["msg"]


@pytest.mark.parametrize("fault", [
    {"fault": "429", "retry_after": 1},
    {"fault": "429", "after": True},
    {"fault": "500"},
    {"fault": "500", "after": True},
    {"fault": "reset", "after": True},
], ids=["429", "429-after-applied", "500", "500-after-applied", "reset-after-applied"])
def test_a_fault_on_a_write_still_reaches_the_exact_end_state(ansible, zoom_simulator_factory, fault):
    sim = zoom_simulator_factory(size=500, seed=1)
    user = next(item for item in sim.entity_truth("users") if "site" in item)
    numbers = sim.truth(type="unassigned", site_id=user["site"]["id"], pending_numbers=False)[:12]
    sim.configure(faults=[dict(fault, method="POST", when={"first": 1})])
    args = {"numbers": [record["number"] for record in numbers], "state": "assigned", "assignee": {"type": "user", "id": user["id"]}}
    before = snapshot(sim)
    sim.reset_stats()
    run = ansible.playbook(task(args, register="real") + task(args, name="Again", register="again"), saves=["real", "again"], sim=sim)
    assert run.rc == 0, run.output
    after = snapshot(sim)
    assert changes(before, after) == dict((record["id"], {"assignee"}) for record in numbers)
    assert all(after[record["id"]]["assignee"]["id"] == user["id"] for record in numbers)
    # No number was assigned twice. A fault "after" let the first batch through and lost its answer: its numbers
    # got no 2xx at all; everything else got exactly one.
    template = "POST /v2/phone/users/{userId}/phone_numbers"
    succeeded = successful_writes_per_number(sim)
    first_batch = [record["id"] for record in numbers[:10]]
    for record in numbers:
        expected = 0 if fault.get("after") and record["id"] in first_batch else 1
        assert succeeded.get((record["id"], template), 0) == expected, record["id"]
    statuses = [status for method, _path, status in writes(sim) if method == "POST"]
    real = run.result("real")
    if fault == {"fault": "429", "after": True}:
        # The transport resent after the 429 (Zoom's word for "not done"), met "already in use", read the
        # numbers again and found them assigned: done, and nothing sent a third time.
        assert statuses == [429, 400, 200]
        assert real["requests"][0]["status"] == 400 and real["requests"][0]["applied"] is True
    elif fault.get("after"):
        # The answer was lost: the numbers were read again, found assigned, and the request was not sent again.
        assert statuses == [500 if fault["fault"] == "500" else None, 200]
        assert real["requests"][0]["applied"] is True
    else:
        # Refused or failed before Zoom acted: sent again once, with the same numbers.
        assert statuses == [int(fault["fault"]), 200, 200]
    assert real["changed"] is True and run.result("again")["requests"] == []


def test_a_run_stopped_mid_way_names_done_and_not_done_and_a_rerun_finishes(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=500, seed=3)
    numbers = sim.truth(type="unassigned", pending_numbers=False)[:25]
    # The second release request and its one resend fail: Zoom is down for that batch.
    sim.configure(faults=[{"fault": "503", "method": "DELETE", "when": {"nth": [2, 3]}}])
    args = {"numbers": [record["number"] for record in numbers], "state": "absent"}
    before = snapshot(sim)
    run = ansible.playbook(task(args, register="stopped", ignore_errors=True), saves=["stopped"], sim=sim,
                           env={"ZOOM_MAX_RETRIES": "1"})
    assert run.rc == 0, run.output
    stopped = run.result("stopped")
    middle = snapshot(sim)
    released = set(number_id for number_id, fields in changes(before, middle).items() if fields == {"released"})
    assert stopped["failed"] is True and stopped["changed"] is True
    assert "HTTP 503" in stopped["msg"] and "Run the task again to finish" in stopped["msg"]
    assert stopped["done"] == [record["number"] for record in numbers[:20]]
    assert stopped["not_done"] == [record["number"] for record in numbers[20:]]
    assert released == set(record["id"] for record in numbers[:20])
    assert [entry["status"] for entry in stopped["requests"]] == [204, 503, 503]

    sim.configure(faults=None)
    sim.reset_stats()
    rerun = ansible.playbook(task(args, register="rerun"), saves=["rerun"], sim=sim)
    assert rerun.rc == 0, rerun.output
    assert writes(sim) == [("DELETE", "/phone/numbers", 204)]
    assert rerun.result("rerun")["requests"][0]["numbers"] == [record["number"] for record in numbers[20:]]
    assert changes(before, snapshot(sim)) == dict((record["id"], {"released"}) for record in numbers)
