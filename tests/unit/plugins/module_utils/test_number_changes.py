# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Planning changes to numbers: the actions each number needs, in order, and Zoom's batch limits per request."""

from __future__ import annotations

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils import number_changes, phone_targets
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomConfigError


def record(index, **fields):
    base = {"id": "id%03d" % index, "number": "+1415555%04d" % index, "site": {"id": "s1", "name": "One"},
            "capability": ["incoming", "outgoing"], "source": "internal"}
    base.update(fields)
    return base


def plans_for(options, records, target=None, site=None, endpoint="phone"):
    request = number_changes.ChangeRequest.from_options(options)
    resolved = number_changes.Resolved(target=target, site=site)
    by_key = dict((item["number"], item) for item in records)
    return number_changes.plan_all(request, by_key, resolved, endpoint)


def target(kind, site_id="s1"):
    return phone_targets.Target(phone_targets.KINDS[kind], {"id": "t1", "name": "T", "display_name": "T",
                                                            "site": {"id": site_id, "name": "Site"}})


@pytest.mark.parametrize("kind, sizes", [
    ("user", [10, 10, 5]),
    ("callQueue", [5, 5, 5, 5, 5]),
    ("autoReceptionist", [10, 10, 5]),
    ("commonArea", [20, 5]),
    ("sharedLineGroup", [5, 5, 5, 5, 5]),
])
def test_assignments_are_batched_to_zooms_limit_of_each_kind(kind, sizes):
    records = [record(index) for index in range(25)]
    plans = plans_for({"numbers": [item["number"] for item in records], "state": "assigned",
                       "assignee": {"type": kind, "id": "t1"}}, records, target=target(kind))
    steps = number_changes.build_steps("assign", plans, "phone")
    assert [len(step.plans) for step in steps] == sizes
    assert all(step.method == "POST" and step.path == "%s/t1/phone_numbers" % phone_targets.KINDS[kind].path for step in steps)


@pytest.mark.parametrize("endpoint, path, key, sizes", [
    ("phone", "/phone/numbers", "phone_numbers", [20, 5]),
    ("number_management", "/number_management/numbers", "numbers", [10, 10, 5]),
])
def test_releases_are_batched_per_api(endpoint, path, key, sizes):
    records = [record(index) for index in range(25)]
    plans = plans_for({"numbers": [item["number"] for item in records], "state": "absent"}, records, endpoint=endpoint)
    steps = number_changes.build_steps("release", plans, endpoint)
    assert [len(step.plans) for step in steps] == sizes
    assert steps[0].path == path and steps[0].params[key].split(",") == [item["id"] for item in records[:sizes[0]]]


@pytest.mark.parametrize("endpoint, body", [
    ("phone", {"capability": ["incoming"], "display_name": "Desk"}),
    ("number_management", {"capability": {"incoming": True, "outgoing": False}, "display_name": "Desk"}),
])
def test_an_update_speaks_each_apis_shape_of_capability(endpoint, body):
    plans = plans_for({"numbers": ["+14155550001"], "capability": ["incoming"], "display_name": "Desk"}, [record(1)])
    (step,) = number_changes.build_steps("update", plans, endpoint)
    assert step.method == "PATCH" and step.body == body


def test_a_reassigned_number_leaves_moves_and_is_assigned_in_that_order():
    held = record(1, assignee={"id": "u9", "name": "Old", "type": "user"})
    plans = plans_for({"numbers": [held["number"]], "state": "assigned", "reassign": True, "site": "Two",
                       "assignee": {"type": "callQueue", "id": "t1"}}, [held], target=target("callQueue", "s2"),
                      site={"id": "s2", "name": "Two"})
    assert plans[0].actions == ["unassign", "move", "assign"] and plans[0].problems == []
    (step,) = number_changes.build_steps("unassign", plans, "phone")
    assert step.method == "DELETE" and step.path == "/phone/users/u9/phone_numbers/id001"


def test_a_number_already_in_the_state_asked_for_needs_nothing():
    held = record(1, assignee={"id": "t1", "name": "T", "type": "callQueue"}, display_name="Desk")
    plans = plans_for({"numbers": [held["number"]], "state": "assigned", "assignee": {"type": "callQueue", "name": "T"},
                       "display_name": "Desk", "capability": ["outgoing", "incoming"]}, [held], target=target("callQueue"))
    assert plans[0].actions == [] and plans[0].problems == []
    assert number_changes.planned_requests(plans, "phone") == []


@pytest.mark.parametrize("options, fragment", [
    ({"numbers": []}, "Option numbers must be a non-empty list"),
    ({"numbers": ["+1415555"], "state": "gone"}, "Option state must be one of present, assigned, unassigned, absent"),
    ({"numbers": ["+1415555"], "capability": []}, "Option capability must be a non-empty list"),
    ({"numbers": ["+1415555"], "state": "assigned", "assignee": {"type": "room", "id": "x"}}, "Option assignee.type must be one of"),
    ({"numbers": ["+1415555"], "state": "assigned", "assignee": {"type": "user", "extension_number": "12a"}},
     "Option assignee.extension_number must be a whole number"),
])
def test_option_errors_name_the_option(options, fragment):
    with pytest.raises(ZoomConfigError) as failure:
        number_changes.ChangeRequest.from_options(options)
    assert fragment in str(failure.value)
