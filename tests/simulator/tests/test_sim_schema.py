# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Every 200 body validates against Zoom's OpenAPI response schema, with nothing undeclared in it."""

import json
import os

import jsonschema
import pytest

OPENAPI_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "openapi")
# Documentation-only keywords; "format" (int64) is not a JSON Schema constraint worth keeping.
_DROP = ("example", "description", "format", "deprecated")


def _strict(schema: dict) -> dict:
    """Copy an OpenAPI 3 schema as JSON Schema, forbidding undeclared properties at every level."""
    result = {key: value for key, value in schema.items() if key not in _DROP}
    if "properties" in result:
        result["properties"] = {name: _strict(value) for name, value in result["properties"].items()}
        result["additionalProperties"] = False
    if "items" in result:
        result["items"] = _strict(result["items"])
    return result


def _validator(spec_file: str, path: str) -> jsonschema.Draft7Validator:
    """A validator for the 200 response of GET ``path`` in ``spec_file``."""
    with open(os.path.join(OPENAPI_DIR, spec_file), encoding="utf-8") as handle:
        spec = json.load(handle)
    schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    strict = _strict(schema)
    jsonschema.Draft7Validator.check_schema(strict)
    return jsonschema.Draft7Validator(strict)


PHONE = _validator("phone_numbers.json", "/phone/numbers")
SITES = _validator("phone_numbers.json", "/phone/sites")
NM = _validator("number_management_numbers.json", "/number_management/numbers")


def _pages(client, path, field, **params):
    """Every page body of a complete listing (which must not be empty, or nothing is checked)."""
    bodies, token = [], None
    while True:
        query = dict(params, **({"next_page_token": token} if token else {}))
        response = client.get(path, **query)
        assert response.status_code == 200
        bodies.append(response.json())
        token = bodies[-1]["next_page_token"]
        if not token:
            assert sum(len(body[field]) for body in bodies) > 0
            return bodies


def _assert_valid(validator, body):
    errors = sorted(validator.iter_errors(body), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(error.path)}: {error.message}" for error in errors[:5])


def test_strict_schema_rejects_invented_fields():
    """The strict conversion really rejects unknown keys and wrong types."""
    assert not PHONE.is_valid({"phone_numbers": [{"id": "x", "invented": 1}]})
    assert not PHONE.is_valid({"phone_numbers": [{"assignee": {"extension_number": "12"}}]})
    assert not NM.is_valid({"numbers": [], "total_records": 3})
    assert PHONE.is_valid({"next_page_token": "", "page_size": 1, "total_records": 0, "phone_numbers": []})


@pytest.mark.parametrize("size", [50, 500, 3000])
@pytest.mark.parametrize("byoc_fields", ["byoc_only", "always"])
def test_phone_numbers_bodies(make_client, zoom_simulator_factory, size, byoc_fields):
    """/phone/numbers bodies, plain and with type=byoc, validate."""
    client = make_client(zoom_simulator_factory(size=size, byoc_fields=byoc_fields))
    for params in ({}, {"type": "byoc"}, {"type": "assigned", "extension_type": "emergencyNumberPool"}):
        for body in _pages(client, "/phone/numbers", "phone_numbers", page_size=100, **params):
            _assert_valid(PHONE, body)


@pytest.mark.parametrize("size", [50, 500, 3000])
def test_sites_and_number_management_bodies(make_client, zoom_simulator_factory, size):
    """/phone/sites and /number_management/numbers bodies validate."""
    client = make_client(zoom_simulator_factory(size=size))
    for body in _pages(client, "/phone/sites", "sites", page_size=2):
        _assert_valid(SITES, body)
    for body in _pages(client, "/number_management/numbers", "numbers", page_size=200):
        _assert_valid(NM, body)
        assert "total_records" not in body


@pytest.mark.parametrize("size", [50, 500])
def test_realistic_profile_bodies(make_client, zoom_simulator_factory, size):
    """Under the realistic profile (other products, pending numbers left out) bodies still validate."""
    client = make_client(zoom_simulator_factory(size=size, profile="realistic"))
    for params in ({}, {"type": "byoc", "pending_numbers": "true"}):
        for body in _pages(client, "/phone/numbers", "phone_numbers", page_size=100, **params):
            _assert_valid(PHONE, body)
    for body in _pages(client, "/number_management/numbers", "numbers", page_size=200):
        _assert_valid(NM, body)
    products = {item["allocated_product"] for item in client.list_all("/number_management/numbers", page_size=200)[0]}
    assert "ZOOM_CONTACT_CENTER" in products or size < 100
