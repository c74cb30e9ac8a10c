# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The write side's bodies validate against Zoom's spec excerpts (``openapi/*_write.json``),
with nothing undeclared in them: lookup lists, one-number reads, assignment answers."""

import json
import os

import jsonschema
import pytest

OPENAPI_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "openapi")
_DROP = ("example", "description", "format", "deprecated")


def _strict(schema: dict) -> dict:
    """An OpenAPI 3 schema as JSON Schema, forbidding undeclared properties at every level."""
    result = {key: value for key, value in schema.items() if key not in _DROP}
    if "properties" in result:
        result["properties"] = {name: _strict(value) for name, value in result["properties"].items()}
        result["additionalProperties"] = False
    if "items" in result:
        result["items"] = _strict(result["items"])
    return result


def _schema(spec_file: str, path: str, method: str, status: str) -> dict:
    with open(os.path.join(OPENAPI_DIR, spec_file), encoding="utf-8") as handle:
        spec = json.load(handle)
    return spec["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]


def _validator(schema: dict) -> jsonschema.Draft7Validator:
    strict = _strict(schema)
    jsonschema.Draft7Validator.check_schema(strict)
    return jsonschema.Draft7Validator(strict)


def _phone_detail_schema() -> dict:
    """GET /phone/numbers/{id}, with one correction: its assignee ``type`` enum lacks
    ``sharedLineGroup``, which the same spec's list schema (phone_numbers.json) has, and
    numbers held by shared line groups exist."""
    schema = _schema("phone_numbers_write.json", "/phone/numbers/{phoneNumberId}", "get", "200")
    kinds = schema["properties"]["assignee"]["properties"]["type"]["enum"]
    assert "sharedLineGroup" not in kinds
    kinds.append("sharedLineGroup")
    return schema


def _nm_detail_schema() -> dict:
    """GET /number_management/numbers/{id}, with one correction: the spec spells the assignee's
    name ``assgined_to_name`` here and ``assigned_to_name`` in the list schema; the simulator
    sends the list's spelling in both."""
    schema = _schema("number_management_write.json", "/number_management/numbers/{phoneNumberId}", "get", "200")
    assigned = schema["properties"]["assigned_list"]["items"]["properties"]
    assigned["assigned_to_name"] = assigned.pop("assgined_to_name")
    return schema


PHONE_DETAIL = _validator(_phone_detail_schema())
NM_DETAIL = _validator(_nm_detail_schema())
USER_ASSIGNED = _validator(_schema("phone_numbers_write.json", "/phone/users/{userId}/phone_numbers", "post", "200"))
AREA_ASSIGNED = _validator(_schema("phone_numbers_write.json", "/phone/common_areas/{commonAreaId}/phone_numbers", "post", "201"))
LISTS = {
    path: _validator(_schema("phone_numbers_write.json", path, "get", "200"))
    for path in ("/phone/users", "/phone/call_queues", "/phone/auto_receptionists", "/phone/common_areas",
                 "/phone/shared_line_groups", "/phone/sip_groups")
}
NM_SIP_GROUPS = _validator(_schema("number_management_write.json", "/number_management/sip_groups", "get", "200"))


def _assert_valid(validator, body):
    errors = sorted(validator.iter_errors(body), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(error.path)}: {error.message}" for error in errors[:5])


def test_schemas_are_strict():
    """Undeclared keys and wrong types are caught; the corrections are the only ones."""
    assert not LISTS["/phone/users"].is_valid({"users": [{"id": "x", "invented": 1}]})
    assert not LISTS["/phone/common_areas"].is_valid({"common_areas": [], "total_records": 1})
    assert not PHONE_DETAIL.is_valid({"assignee": {"type": "robot"}})
    assert not NM_DETAIL.is_valid({"assigned_list": [{"assgined_to_name": "x"}]})
    assert USER_ASSIGNED.is_valid({"phone_numbers": [{"id": "a", "number": "+1"}]})


@pytest.fixture(params=[50, 600])
def busy_sim(request, zoom_simulator_factory):
    """A simulator whose data was also changed by drift (reassignments, moves, renames)."""
    sim = zoom_simulator_factory(size=request.param, seed=5, multi_number_users=3)
    sim.mutate(change=20, seed=1)
    return sim


def test_lookup_list_bodies(busy_sim, make_client):
    """Every page of every lookup list validates."""
    api = make_client(busy_sim)
    for path, validator in LISTS.items():
        token, pages = None, 0
        while True:
            body = api.get(path, page_size=3, **({"next_page_token": token} if token else {})).json()
            _assert_valid(validator, body)
            pages += 1
            token = body["next_page_token"]
            if not token:
                break
        assert pages > 1, path
    _assert_valid(NM_SIP_GROUPS, api.get("/number_management/sip_groups", allocated_product="ZOOM_PHONE").json())


def test_one_number_bodies(busy_sim, make_client):
    """Every number validates in both detail shapes; a sample also over HTTP."""
    api = make_client(busy_sim)
    records = busy_sim.truth()
    assert {record.get("assignee", {}).get("type") for record in records} >= {"sharedLineGroup", "user", None}
    for record in records:
        _assert_valid(PHONE_DETAIL, busy_sim.number(record["id"]))
        _assert_valid(NM_DETAIL, busy_sim.number(record["id"], endpoint="number_management"))
    for record in records[::10]:
        _assert_valid(PHONE_DETAIL, api.get(f"/phone/numbers/{record['id']}").json())
        _assert_valid(NM_DETAIL, api.get(f"/number_management/numbers/{record['id']}").json())


def test_assignment_answers(busy_sim, make_client):
    """The 200 of a user assignment and the 201 of a common area assignment validate."""
    api = make_client(busy_sim)
    for kind, path, validator, status in (("users", "users", USER_ASSIGNED, 200),
                                          ("common_areas", "common_areas", AREA_ASSIGNED, 201)):
        entity = next(item for item in busy_sim.entity_truth(kind) if "site" in item)
        spare = next(record for record in busy_sim.truth(type="unassigned", site_id=entity["site"]["id"]))
        response = api.call("POST", f"/phone/{path}/{entity['id']}/phone_numbers", json={"phone_numbers": [{"id": spare["id"]}]})
        assert response.status_code == status, response.text
        _assert_valid(validator, response.json())
