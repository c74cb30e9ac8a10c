# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ucops.zoom.zoom_phone_number through ansible-playbook: each change reaches exactly the end state asked
for (the simulator's ground truth before and after), check mode and diff foretell it, and a second run
makes no write request."""

from __future__ import annotations

import collections

import pytest

from number_truth import changes, field, snapshot, task, writes  # pylint: disable=import-error


class Outcome:
    """A check-mode run with diff, the real run and the same again, with the truth around them."""

    def __init__(self, sim, before, run):
        self.before = before
        self.after = snapshot(sim)
        self.writes = writes(sim)
        self.check = run.result("check")
        self.real = run.result("real")
        self.again = run.result("again")


def three_runs(ansible, sim, args, env=None):
    before = snapshot(sim)
    sim.reset_stats()
    tasks = (task(args, name="Check mode with diff", check_mode=True, diff=True, register="check")
             + task(args, name="The change", register="real")
             + task(args, name="The same again", register="again"))
    run = ansible.playbook(tasks, saves=["check", "real", "again"], sim=sim, env=env)
    assert run.rc == 0, run.output
    return Outcome(sim, before, run)


def assert_converged(outcome, expected):
    """The truth changed exactly as ``expected`` ({id: fields}); check mode and diff said so; the rerun did nothing."""
    assert changes(outcome.before, outcome.after) == expected
    real, check, again = outcome.real, outcome.check, outcome.again
    # Only the real run wrote: the simulator saw exactly the requests it reports.
    assert outcome.writes == [(entry["method"], entry["path"], entry["status"]) for entry in real["requests"]]
    assert real["changed"] is True and check["changed"] is True
    assert again["changed"] is False and again["requests"] == []
    assert [(entry["method"], entry["path"], entry["numbers"]) for entry in check["requests"]] == \
        [(entry["method"], entry["path"], entry["numbers"]) for entry in real["requests"]]
    assert all(entry["status"] is None for entry in check["requests"])
    assert check["numbers"] == real["numbers"]
    # The diff of the check run is what the real run then did, field by field.
    before_by_number = dict((record["number"], record) for record in outcome.before.values())
    after_by_number = dict((record["number"], record) for record in outcome.after.values())
    diffs = dict((entry["after_header"], entry) for entry in check["diff"])
    assert set(diffs) == set(outcome.before[number_id]["number"] for number_id in expected)
    for number, entry in diffs.items():
        assert entry["before"] and set(entry["before"]) == set(entry["after"])
        for name, value in entry["before"].items():
            assert field(before_by_number[number], name) == value, (number, name)
        for name, value in entry["after"].items():
            assert field(after_by_number.get(number), name) == value, (number, name)


def spare_numbers(sim, count, **filters):
    """Available unassigned numbers (``filters``: truth filters such as site_id or number_type)."""
    records = [record for record in sim.truth(type="unassigned", pending_numbers=False, **filters) if record.get("site")]
    assert len(records) >= count, filters
    return records[:count]


def uniquely_named(sim, kind, name_field="name"):
    """An entity of ``kind`` with a site whose name no other entity of its kind has."""
    items = sim.entity_truth(kind)
    names = collections.Counter(item[name_field] for item in items)
    return next(item for item in items if "site" in item and names[item[name_field]] == 1)


def test_assign_to_a_user_by_email(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=500, seed=1)
    user = next(item for item in sim.entity_truth("users") if "site" in item)
    numbers = spare_numbers(sim, 2, site_id=user["site"]["id"])
    outcome = three_runs(ansible, sim, {"numbers": [record["number"] for record in numbers], "state": "assigned",
                                        "assignee": {"type": "user", "email": user["email"].upper()}})
    assert_converged(outcome, dict((record["id"], {"assignee"}) for record in numbers))
    expected = {"id": user["id"], "name": user["name"], "type": "user", "extension_number": user["extension_number"]}
    assert all(outcome.after[record["id"]]["assignee"] == expected for record in numbers)
    assert outcome.writes == [("POST", "/phone/users/%s/phone_numbers" % user["id"], 200)]


def test_assign_to_a_call_queue_by_name_in_batches_of_five(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=500, seed=1)
    queue = uniquely_named(sim, "call_queues")
    numbers = spare_numbers(sim, 6, site_id=queue["site"]["id"])
    outcome = three_runs(ansible, sim, {"numbers": [record["id"] for record in numbers], "state": "assigned",
                                        "assignee": {"type": "callQueue", "name": queue["name"]}})
    assert_converged(outcome, dict((record["id"], {"assignee"}) for record in numbers))
    assert all(outcome.after[record["id"]]["assignee"]["id"] == queue["id"] for record in numbers)
    path = "/phone/call_queues/%s/phone_numbers" % queue["id"]
    assert outcome.writes == [("POST", path, 204), ("POST", path, 204)]
    assert [len(entry["numbers"]) for entry in outcome.real["requests"]] == [5, 1]


def test_unassign_from_every_kind_of_assignee(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=500, seed=1)
    kinds = ["user", "callQueue", "autoReceptionist", "commonArea", "sharedLineGroup"]
    held = [next(record for record in sim.truth(type="assigned") if record["assignee"]["type"] == kind) for kind in kinds]
    outcome = three_runs(ansible, sim, {"numbers": [record["number"] for record in held], "state": "unassigned"})
    assert_converged(outcome, dict((record["id"], {"assignee"}) for record in held))
    segments = ["users", "call_queues", "auto_receptionists", "common_areas", "shared_line_groups"]
    assert outcome.writes == [("DELETE", "/phone/%s/%s/phone_numbers/%s" % (segment, record["assignee"]["id"], record["id"]), 204)
                              for segment, record in zip(segments, held)]


def test_reassign_moves_a_number_from_its_user_to_a_call_queue(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=500, seed=1)
    queue = uniquely_named(sim, "call_queues")
    number = next(record for record in sim.truth(type="assigned", extension_type="user", site_id=queue["site"]["id"]))
    outcome = three_runs(ansible, sim, {"numbers": [number["number"]], "state": "assigned", "reassign": True,
                                        "assignee": {"type": "callQueue", "id": queue["id"]}})
    assert_converged(outcome, {number["id"]: {"assignee"}})
    assert outcome.writes == [
        ("DELETE", "/phone/users/%s/phone_numbers/%s" % (number["assignee"]["id"], number["id"]), 204),
        ("POST", "/phone/call_queues/%s/phone_numbers" % queue["id"], 204)]


def test_move_25_unassigned_numbers_to_another_site_in_two_requests(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=500, seed=1)
    site = sim.truth(endpoint="sites")[1]
    numbers = [record for record in spare_numbers(sim, 60) if record["site"]["id"] != site["id"]][:25]
    keys = [record["id"] if index % 2 else record["number"] for index, record in enumerate(numbers)]
    outcome = three_runs(ansible, sim, {"numbers": keys, "site": site["name"]})
    assert_converged(outcome, dict((record["id"], {"site"}) for record in numbers))
    assert all(outcome.after[record["id"]]["site"] == {"id": site["id"], "name": site["name"]} for record in numbers)
    path = "/phone/numbers/sites/%s" % site["id"]
    assert outcome.writes == [("PATCH", path, 204), ("PATCH", path, 204)]
    assert [len(entry["numbers"]) for entry in outcome.real["requests"]] == [20, 5]


@pytest.mark.parametrize("endpoint, profile, count", [
    ("phone", "classic", 3),
    ("number_management", "classic", 3),
    # Two numbers are read one by one: through Number Management by keyword, which the realistic
    # profile matches only without the leading +.
    ("number_management", "realistic", 2),
])
def test_change_capability(ansible, zoom_simulator_factory, endpoint, profile, count):
    sim = zoom_simulator_factory(size=500, seed=1, profile=profile)
    numbers = [record for record in sim.truth(number_type="toll") if record.get("capability") == ["incoming", "outgoing"]][:count]
    outcome = three_runs(ansible, sim, {"numbers": [record["number"] for record in numbers], "capability": ["incoming"]},
                         env={"ZOOM_ENDPOINT": endpoint})
    assert_converged(outcome, dict((record["id"], {"capability"}) for record in numbers))
    assert all(outcome.after[record["id"]]["capability"] == ["incoming"] for record in numbers)
    base = "/number_management/numbers" if endpoint == "number_management" else "/phone/numbers"
    assert outcome.writes == [("PATCH", "%s/%s" % (base, record["id"]), 204) for record in numbers]


def test_byoc_settings_confirm_the_address_and_set_the_sip_group(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=500, seed=1)
    byoc = [sim.number(record["id"]) for record in sim.truth(type="byoc")]
    group = sim.entity_truth("sip_groups")[1]
    numbers = [record for record in byoc if record.get("emergency_address_status") == 1][:2]
    numbers += [record for record in byoc if record.get("emergency_address_status") == 2
                and (record.get("sip_group") or {}).get("id") != group["id"]][:1]
    outcome = three_runs(ansible, sim, {"numbers": [record["number"] for record in numbers], "emergency_address_confirmed": True,
                                        "sip_group": group["display_name"], "display_name": "Branch trunk"})
    expected = {}
    for record in numbers:
        fields = {"display_name"} if record.get("display_name") != "Branch trunk" else set()
        if record["emergency_address_status"] == 1:
            fields |= {"emergency_address_status", "emergency_address_update_time"}
        if (record.get("sip_group") or {}).get("id") != group["id"]:
            fields.add("sip_group")
        expected[record["id"]] = fields
    assert_converged(outcome, expected)
    assert all(outcome.after[record["id"]]["sip_group"]["id"] == group["id"] for record in numbers)
    assert [method for method, _path, _status in outcome.writes] == ["PATCH"] * len(numbers)


@pytest.mark.parametrize("endpoint, phone_endpoint, path, batches", [
    ("phone", "ok", "/phone/numbers", [20, 5]),
    ("number_management", "ok", "/number_management/numbers", [10, 10, 5]),
    ("auto", "gone", "/number_management/numbers", [10, 10, 5]),
])
def test_release_25_unassigned_numbers(ansible, zoom_simulator_factory, endpoint, phone_endpoint, path, batches):
    sim = zoom_simulator_factory(size=500, seed=2, phone_endpoint=phone_endpoint)
    numbers = spare_numbers(sim, 25)
    outcome = three_runs(ansible, sim, {"numbers": [record["number"] for record in numbers], "state": "absent"},
                         env={"ZOOM_ENDPOINT": endpoint})
    assert_converged(outcome, dict((record["id"], {"released"}) for record in numbers))
    assert outcome.writes == [("DELETE", path, 204)] * len(batches)
    assert [len(entry["numbers"]) for entry in outcome.real["requests"]] == batches
    assert outcome.real["endpoint"] == ("phone" if endpoint == "phone" else "number_management")
    if phone_endpoint == "gone":
        assert any("Number Management" in warning for warning in outcome.real["warnings"])
    # Released numbers are absent: the rerun names them and changes nothing.
    assert [entry["before"] for entry in outcome.again["numbers"]] == [{"exists": False}] * 25


def test_a_number_named_by_id_and_by_number_is_changed_once(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=500, seed=1)
    record = next(record for record in sim.truth(number_type="toll") if record.get("capability") == ["incoming", "outgoing"])
    outcome = three_runs(ansible, sim, {"numbers": [record["id"], record["number"], record["id"]], "capability": ["incoming"]})
    assert_converged(outcome, {record["id"]: {"capability"}})
    assert len(outcome.real["numbers"]) == 1 and len(outcome.writes) == 1


def test_connection_options_from_module_defaults_of_the_action_group(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=200, seed=5)
    record = sim.truth(type="unassigned", pending_numbers=False)[0]
    run = ansible.playbook("""
- name: Connection from module_defaults
  module_defaults:
    group/ucops.zoom.zoom:
      account_id: "{sim.account_id}"
      client_id: "{sim.client_id}"
      client_secret: "{sim.client_secret}"
      api_url: "{sim.api_url}"
      oauth_url: "{sim.oauth_url}"
  block:
    - name: Name the number
      ucops.zoom.zoom_phone_number:
        numbers: ["{number}"]
        display_name: Lobby phone
      register: named
""".format(sim=sim, number=record["number"]), saves=["named"])
    assert run.rc == 0, run.output
    assert run.result("named")["changed"] is True
    assert sim.number(record["id"])["display_name"] == "Lobby phone"
