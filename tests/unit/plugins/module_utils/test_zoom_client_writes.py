# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Writes over HTTP: resent by the transport only after a 429; any other failure goes back to the caller
unsent a second time, while reads keep their retries."""

from __future__ import annotations

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils.zoom_client import ZoomClient
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomApiError, ZoomScopeError, ZoomTransportError


@pytest.fixture
def sim(zoom_simulator_factory):
    return zoom_simulator_factory(size=200, seed=4)


def spare_and_user(sim):
    user = next(item for item in sim.entity_truth("users") if "site" in item)
    spare = sim.truth(type="unassigned", site_id=user["site"]["id"], pending_numbers=False)[0]
    return spare, user


def assign(client, user, spare):
    return client.write("POST", "/phone/users/%s/phone_numbers" % user["id"], body={"phone_numbers": [{"id": spare["id"]}]})


def test_a_write_is_resent_after_a_429_and_answers_its_status(sim, zoom_connection, tmp_path):
    spare, user = spare_and_user(sim)
    sim.configure(faults=[{"fault": "429", "retry_after": 1, "method": "POST", "when": {"first": 1}}])
    reply = assign(ZoomClient(zoom_connection(sim, tmp_path)), user, spare)
    assert reply.status == 200 and reply.body == {"phone_numbers": [{"id": spare["id"], "number": spare["number"]}]}
    assert [entry["status"] for entry in sim.stats()["writes"]] == [429, 200]
    assert sim.number(spare["id"])["assignee"]["id"] == user["id"]


@pytest.mark.parametrize("fault", ["500", "503"])
def test_a_write_that_met_a_5xx_is_not_resent(sim, zoom_connection, tmp_path, fault):
    spare, user = spare_and_user(sim)
    sim.configure(faults=[{"fault": fault, "method": "POST", "after": True, "when": {"first": 1}}])
    with pytest.raises(ZoomApiError) as failure:
        assign(ZoomClient(zoom_connection(sim, tmp_path)), user, spare)
    assert failure.value.status == int(fault) and "HTTP %s" % fault in str(failure.value)
    assert [entry["status"] for entry in sim.stats()["writes"]] == [int(fault)]
    # Zoom did act: exactly what the caller must find out by reading the number again.
    assert sim.number(spare["id"])["assignee"]["id"] == user["id"]


def test_a_write_without_an_answer_is_not_resent(sim, zoom_connection, tmp_path):
    spare, user = spare_and_user(sim)
    sim.configure(faults=[{"fault": "reset", "method": "POST", "when": {"first": 1}}])
    with pytest.raises(ZoomTransportError) as failure:
        assign(ZoomClient(zoom_connection(sim, tmp_path)), user, spare)
    assert "got no answer" in str(failure.value)
    assert [entry["status"] for entry in sim.stats()["writes"]] == [None]


def test_a_204_is_an_applied_write(sim, zoom_connection, tmp_path):
    spare = sim.truth(type="unassigned", pending_numbers=False)[0]
    target = next(site for site in sim.truth(endpoint="sites") if site["id"] != (spare.get("site") or {}).get("id"))
    reply = ZoomClient(zoom_connection(sim, tmp_path)).write("PATCH", "/phone/numbers/sites/%s" % target["id"],
                                                             body={"phone_numbers": [spare["id"]]})
    assert reply.status == 204 and reply.body is None
    assert sim.number(spare["id"])["site"]["id"] == target["id"]


def test_a_refused_write_names_the_write_scope(sim, zoom_connection, tmp_path):
    spare, user = spare_and_user(sim)
    sim.configure(token_scopes=["phone:read:admin"])
    with pytest.raises(ZoomScopeError) as failure:
        assign(ZoomClient(zoom_connection(sim, tmp_path, token_cache="false")), user, spare)
    assert failure.value.status == 400 and failure.value.code == 4711 and failure.value.kind == "scope"
    assert "phone:write:admin" in str(failure.value)
    assert "assignee" not in sim.number(spare["id"])


def test_reads_are_still_retried_after_a_5xx(sim, zoom_connection, tmp_path):
    sim.configure(faults=[{"fault": "503", "when": {"first": 1}}])
    body = ZoomClient(zoom_connection(sim, tmp_path)).get("/phone/numbers", {"page_size": 10})
    assert len(body["phone_numbers"]) == 10
    assert [entry["status"] for entry in sim.stats()["query_log"] if entry["path"] == "/v2/phone/numbers"] == [503, 200]
