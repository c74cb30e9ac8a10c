# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An inventory source "Sourced from a Project", synced by ansible-runner as the controller syncs it."""

from __future__ import annotations

import collections
import json

from ansible_runs import expected_numbers  # pylint: disable=import-error

from .conftest import SECRET, credential_inputs, unwrap

SIZE = 300


def test_sync_turns_every_number_into_a_host_with_its_fields(controller, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=SIZE, seed=5, client_secret=SECRET)
    run = controller.inventory_sync(credential_inputs(sim))
    assert (run.status, run.rc) == ("successful", 0), run.stdout
    inventory = unwrap(run.inventory())
    hostvars = inventory["_meta"]["hostvars"]

    truth = expected_numbers(sim, type="all")
    assert truth and len(hostvars) == len(truth)
    for record in truth:
        host = hostvars[record["number"]]
        assert dict((key, host.get(key)) for key in record) == record
        assert host["ansible_connection"] == "local"
    assert sorted(inventory["zoom_numbers"]["hosts"]) == sorted(hostvars)

    # The groups the example inventory source asks for, computed from the ground truth.
    by_site = collections.defaultdict(set)
    for record in truth:
        by_site[record.get("site", {}).get("name", "no site")].add(record["number"])
    site_groups = set(frozenset(group["hosts"]) for name, group in inventory.items() if name.startswith("site_"))
    assert site_groups == set(frozenset(numbers) for numbers in by_site.values())
    idle = set(record["number"] for record in truth
               if record.get("number_type") == "tollfree" and "assignee" not in record and record.get("status") == "available")
    assert idle, "the dataset should hold idle toll-free numbers"
    assert set(inventory["idle_tollfree"]["hosts"]) == idle

    # One token for the whole sync, and the secret nowhere in what the controller keeps.
    assert sim.stats()["token_requests"] == 1
    assert_secret_kept(run)


def test_a_refused_credential_fails_the_sync_and_leaves_no_inventory(controller, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=60, client_secret=SECRET)
    inputs = dict(credential_inputs(sim), client_secret="not-" + SECRET)
    run = controller.inventory_sync(inputs)
    # A failed sync must not look like an empty account: the controller would delete every host.
    assert run.status == "failed" and run.rc != 0
    assert not run.output.exists()
    assert "Zoom OAuth refused the credentials" in run.stdout
    # The controller shows a sync's output as its events: the reason is there for the user.
    assert any("Zoom OAuth refused the credentials" in event.get("stdout", "") for event in run.events)
    assert "client_secret" in run.stdout
    assert sim.stats()["list_requests"] == 0
    assert "not-" + SECRET not in run.stdout
    for event in run.events:
        assert "not-" + SECRET not in json.dumps(event)


def assert_secret_kept(run):
    assert SECRET not in run.stdout
    for event in run.events:
        assert SECRET not in json.dumps(event)
    for path in run.files():
        assert SECRET.encode() not in path.read_bytes(), path
