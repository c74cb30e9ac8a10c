# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The entity catalog (users, call queues...) and the lookup lists that serve it."""

import hashlib
import json
import os
from collections import Counter

import pytest
import requests

from zoomsim import Simulator
from zoomsim.dataset import Dataset

# Digests of the generated numbers before the entity catalog existed: deriving entities must
# never change a number (golden files elsewhere depend on the data of a seed). Renewed once, when
# every Zoom Phone number became allocated to ZOOM_PHONE; the data and sources did not move.
SEEDED_DIGESTS = {
    (50, 2): "faa87dcd92c235ab60710081829d8fbd779013b504ee8cde9a4680a40925a5a8",
    (500, 1): "6de544a0a8fddb4a2a37a882d2a19ae197fcfe91e5de8e16d0fc7c1b6d53d2f1",
    (3000, 7): "72c33e73a43c4f84c0913a021d8ed72a7fa7e1806a1c493de3a33c1cf09ac11b",
}
ENTITY_LISTS = ("users", "call_queues", "auto_receptionists", "common_areas", "shared_line_groups")
GOLDEN_NUMBERS = os.path.join(os.path.dirname(__file__), "..", "..", "functional", "golden", "numbers.json")


def _digest(records) -> str:
    blob = json.dumps([[r.data, r.nm_source, r.allocated_product] for r in records], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("size,seed", sorted(SEEDED_DIGESTS))
def test_numbers_unchanged_by_the_catalog(size, seed):
    """The same seed gives exactly the same Phone numbers as before, entities built or not.

    Whatever the default profile: numbers of other products (realistic) leave them alone.
    """
    assert _digest(Dataset(size, seed).records) == SEEDED_DIGESTS[(size, seed)]
    sim = Simulator(size=size, seed=seed)
    for kind in ENTITY_LISTS:
        sim.entity_truth(kind)
    assert _digest(record for record in sim.dataset.records if record.phone_listed) == SEEDED_DIGESTS[(size, seed)]


def test_catalog_is_deterministic():
    """Same seed and size: the same entities, e-mails and order, however late it is built."""
    first, second = Simulator(size=800, seed=4), Simulator(size=800, seed=4)
    second.mutate(add=30, remove=30, seed=1)
    for kind in ENTITY_LISTS:
        before = [(item["id"], item.get("email")) for item in first.entity_truth(kind)]
        after = [(item["id"], item.get("email")) for item in second.entity_truth(kind)]
        assert after[:len(before)] == before


def test_entities_match_the_numbers(zoom_simulator):
    """Every held number is in its entity's phone_numbers, with the assignee's name and extension."""
    numbers = zoom_simulator.truth(type="assigned")
    by_kind = {
        "user": "users", "callQueue": "call_queues", "autoReceptionist": "auto_receptionists",
        "commonArea": "common_areas", "sharedLineGroup": "shared_line_groups",
        "emergencyNumberPool": "emergencyNumberPool", "companyLocation": "companyLocation",
        "meetingService": "meetingService",
    }
    catalog = {kind: {item["id"]: item for item in zoom_simulator.entity_truth(name)} for kind, name in by_kind.items()}
    held = Counter()
    for number in numbers:
        assignee = number["assignee"]
        entity = catalog[assignee["type"]][assignee["id"]]
        assert entity.get("name", entity.get("display_name")) == assignee["name"]
        assert entity.get("extension_number") == assignee.get("extension_number")
        assert {"id": number["id"], "number": number["number"]}.items() <= next(
            item for item in entity["phone_numbers"] if item["id"] == number["id"]).items()
        held[assignee["id"]] += 1
    for kind, entities in catalog.items():
        for ident, entity in entities.items():
            assert len(entity.get("phone_numbers", [])) == held[ident], (kind, ident)


def test_catalog_has_what_name_resolution_needs():
    """Entities without numbers, colliding names, unique e-mails, pools shared by several numbers."""
    sim = Simulator(size=50, seed=2)
    users = sim.entity_truth("users")
    emails = [user["email"] for user in users]
    assert len(set(emails)) == len(emails) and all("@" in email for email in emails)
    for kind, key in (("users", "name"), ("call_queues", "name"), ("common_areas", "display_name"),
                      ("shared_line_groups", "display_name")):
        items = sim.entity_truth(kind)
        names = Counter(item[key] for item in items)
        assert any(count > 1 for count in names.values()), kind
        assert any("phone_numbers" not in item for item in items), kind
    receptionists = {item["id"] for item in sim.entity_truth("auto_receptionists")}
    assert {site["main_auto_receptionist"]["id"] for site in sim.truth(endpoint="sites")} <= receptionists
    pools = Simulator(size=2000, seed=1).entity_truth("emergencyNumberPool")
    assert any(len(pool["phone_numbers"]) > 1 for pool in pools)
    assert {user["status"] for user in users} == {"activate", "deactivate"}


def test_users_with_several_numbers_on_request():
    """multi_number_users=N gives N users one or two more numbers of their own site; default none."""
    plain = Simulator(size=600, seed=3)
    assert all(len(user.get("phone_numbers", [])) <= 1 for user in plain.entity_truth("users"))
    sim = Simulator(size=600, seed=3, multi_number_users=5)
    several = [user for user in sim.entity_truth("users") if len(user.get("phone_numbers", [])) > 1]
    assert len(several) == 5
    for user in several:
        for item in user["phone_numbers"]:
            record = sim.number(item["id"])
            assert record["assignee"]["id"] == user["id"]
            assert record["site"]["id"] == user["site"]["id"]
    again = Simulator(size=600, seed=3, multi_number_users=5)
    assert again.entity_truth("users") == sim.entity_truth("users")
    with pytest.raises(ValueError):
        Simulator(size=10, multi_number_users=-1)


def test_hand_written_records_make_entities():
    """A records file: numbers that name the same assignee share one entity."""
    sim = Simulator(size=0, records_file=GOLDEN_NUMBERS)
    numbers = sim.truth(type="assigned")
    users = {user["id"]: user for user in sim.entity_truth("users")}
    for number in numbers:
        if number["assignee"]["type"] == "user":
            assert number["id"] in {item["id"] for item in users[number["assignee"]["id"]]["phone_numbers"]}


def test_lists_page_through_everything(client, zoom_simulator):
    """Every list pages with next_page_token to exactly its truth; total_records where the spec has it."""
    for path, kind in (("/phone/users", "users"), ("/phone/call_queues", "call_queues"),
                       ("/phone/auto_receptionists", "auto_receptionists"), ("/phone/common_areas", "common_areas"),
                       ("/phone/shared_line_groups", "shared_line_groups"), ("/phone/sip_groups", "sip_groups")):
        items, calls, last = client.list_all(path, page_size=7)
        truth = zoom_simulator.entity_truth(kind)
        assert items == truth, path
        assert calls == -(-len(truth) // 7)
        assert ("total_records" in last) == (kind not in ("common_areas", "sip_groups")), path
    items, _calls, last = client.list_all("/number_management/sip_groups", allocated_product="ZOOM_PHONE", page_size=2)
    assert items == zoom_simulator.entity_truth("nm_sip_groups") and last["total_records"] == len(items)


def test_users_keyword(client, zoom_simulator):
    """keyword matches part of the name or e-mail (any case), the extension or a number's digits."""
    users = zoom_simulator.entity_truth("users")
    user = next(item for item in users if "phone_numbers" in item)
    for keyword in (user["name"].split()[0].upper(), user["email"].split("@")[0], str(user["extension_number"]),
                    user["phone_numbers"][0]["number"], user["phone_numbers"][0]["number"][1:]):
        found = client.list_all("/phone/users", keyword=keyword, page_size=100)[0]
        assert user["id"] in {item["id"] for item in found}, keyword
        assert found == zoom_simulator.entity_truth("users", keyword=keyword)
    assert client.list_all("/phone/users", keyword="zz-no-such-user")[0] == []


def test_site_and_status_filters(client, zoom_simulator):
    """site_id narrows users, call queues and common areas (unknown site: nothing); status narrows users."""
    site = zoom_simulator.truth(endpoint="sites")[0]
    for path, kind in (("/phone/users", "users"), ("/phone/call_queues", "call_queues"), ("/phone/common_areas", "common_areas")):
        items = client.list_all(path, site_id=site["id"], page_size=100)[0]
        assert items and all(item["site"]["id"] == site["id"] for item in items)
        assert items == zoom_simulator.entity_truth(kind, site_id=site["id"])
        assert client.list_all(path, site_id="no-such-site")[0] == []
    inactive = client.list_all("/phone/users", status="deactivate")[0]
    assert [item["status"] for item in inactive] == ["deactivate"]
    response = client.get("/phone/users", status="gone")
    assert response.status_code == 400 and response.json()["code"] == 300


@pytest.mark.parametrize("path,maximum", [("/phone/users", 100), ("/phone/call_queues", 100),
                                          ("/phone/auto_receptionists", 100), ("/phone/common_areas", 100),
                                          ("/phone/shared_line_groups", 300), ("/phone/sip_groups", 300)])
def test_page_size_limits(client, path, maximum):
    """page_size 1 to the spec's maximum; beyond it 400 code 300."""
    assert client.get(path, page_size=maximum).status_code == 200
    response = client.get(path, page_size=maximum + 1)
    assert response.status_code == 400 and response.json()["code"] == 300


def test_page_token_errors(client):
    """A forged or foreign token: users answer code 400 (its spec), the others code 300."""
    token = client.get("/phone/call_queues", page_size=2).json()["next_page_token"]
    assert client.get("/phone/call_queues", page_size=2, next_page_token=token).status_code == 200
    wrong = client.get("/phone/users", page_size=2, next_page_token=token)
    assert wrong.status_code == 400 and wrong.json() == {"code": 400, "message": "The next page token is invalid or expired."}
    assert client.get("/phone/common_areas", next_page_token="forged").json()["code"] == 300


def test_nm_sip_groups_need_a_product(client):
    """GET /number_management/sip_groups without allocated_product: 400 code 1002006."""
    response = client.get("/number_management/sip_groups")
    assert response.status_code == 400 and response.json() == {"code": 1002006, "message": "product cannot be empty"}
    assert client.get("/number_management/sip_groups", allocated_product="ZOOM_CONTACT_CENTER").json()["sip_groups"] == []
    assert client.get("/number_management/sip_groups", allocated_product="nope").json()["code"] == 999


def test_entity_control_endpoint(zoom_simulator):
    """GET /_sim/entities answers what entity_truth returns; a bad kind is a 400."""
    body = requests.get(zoom_simulator.url + "/_sim/entities", params={"kind": "call_queues"}, timeout=5).json()
    assert body["records"] == zoom_simulator.entity_truth("callQueue") and body["total"] == len(body["records"])
    site = zoom_simulator.truth(endpoint="sites")[1]["id"]
    body = requests.get(zoom_simulator.url + "/_sim/entities", params={"kind": "users", "site_id": site}, timeout=5).json()
    assert body["records"] == zoom_simulator.entity_truth("users", site_id=site)
    assert requests.get(zoom_simulator.url + "/_sim/entities", params={"kind": "robots"}, timeout=5).status_code == 400
    assert requests.get(zoom_simulator.url + "/_sim/entities", timeout=5).status_code == 400


def test_views_kept_up_by_writes_equal_fresh_ones(zoom_simulator_factory, make_client):
    """The view each write prepares (instead of rebuilding) is the one a rebuild would make."""
    from zoomsim.entities import View  # pylint: disable=import-outside-toplevel
    sim = zoom_simulator_factory(size=400, seed=8)
    api = make_client(sim)
    queue = next(item for item in sim.entity_truth("call_queues") if "phone_numbers" in item and "site" in item)
    spares = sim.truth(type="unassigned", site_id=queue["site"]["id"])
    steps = [
        ("POST", f"/phone/call_queues/{queue['id']}/phone_numbers", {"json": {"phone_numbers": [{"id": spares[0]["id"]}]}}),
        ("DELETE", f"/phone/call_queues/{queue['id']}/phone_numbers/{queue['phone_numbers'][0]['id']}", {}),
        ("PATCH", f"/phone/numbers/{spares[1]['id']}", {"json": {"display_name": "Side door"}}),
        ("DELETE", "/phone/numbers", {"params": {"phone_numbers": f"{spares[2]['id']},{spares[3]['id']}"}}),
        ("DELETE", f"/phone/call_queues/{queue['id']}/phone_numbers", {}),
    ]
    directory = sim.service.writes.directory
    for method, path, kwargs in steps:
        assert api.call(method, path, **kwargs).status_code in (200, 201, 204), path
        assert directory._view.records is sim.dataset.records  # pylint: disable=protected-access
        kept, fresh = directory.view(), View(sim.dataset.records)
        assert kept.records is sim.dataset.records
        assert kept.by_key == fresh.by_key and kept.holders == fresh.holders and kept.positions == fresh.positions
    sim.mutate(change=30, seed=2)
    kept, fresh = directory.view(), View(sim.dataset.records)
    assert kept.by_key == fresh.by_key and kept.holders == fresh.holders
