# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Phone API's filters in Number Management terms, and its records back in the Phone API's shape."""

from __future__ import annotations

import json
import pathlib

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils import number_management

# Zoom's spec excerpt, as vendored with the simulator.
SPEC = pathlib.Path(__file__).resolve().parents[3] / "simulator" / "openapi" / "number_management_numbers.json"

RECORD = {
    "id": "6ytWk7q7f7sKdsGWBnz9yw",
    "number": "+14087422280",
    "allocated_product": "ZOOM_PHONE",
    "number_type": "Toll",
    "display_name": "Aisha Garcia",
    "carrier": {"code": 5, "name": "Twilio"},
    "capability": ["Incoming", "Outgoing", "Messaging"],
    "source": "BYOCPremises",
    "status": "Normal",
    "emergency_address": {"address_line1": "316 Main St", "city": "San Jose", "country": "US", "state_code": "CA", "zip": "95189"},
    "address_update_required": True,
    "emergency_address_update_time": "2023-07-28T19:45:09Z",
    "site": {"site_id": "K0kQRNXjQSRcbkM3Fbor3Q", "name": "San Jose HQ"},
    "assigned_list": [{"assigned_to_id": "-Id6z", "assigned_to_name": "Aisha Garcia", "assigned_to_type": "User", "extension_number": "46115"}],
    "sip_group": {"id": "5ExQV", "name": "SBC Primary"},
    "location": {"country": "United States", "city": "San Jose", "state": "California"},
}


def test_normalise_gives_the_seed_shape_and_keeps_extras():
    shaped = number_management.normalise(RECORD)
    assert shaped["number_type"] == "toll"
    assert shaped["status"] == "available"
    assert shaped["source"] == "external" and shaped["number_source"] == "BYOCPremises"
    assert shaped["capability"] == ["incoming", "outgoing", "Messaging"]
    assert shaped["site"] == {"id": "K0kQRNXjQSRcbkM3Fbor3Q", "name": "San Jose HQ"}
    assert shaped["assignee"] == {"id": "-Id6z", "name": "Aisha Garcia", "extension_number": 46115, "type": "user"}
    assert shaped["sip_group"] == {"id": "5ExQV", "display_name": "SBC Primary"}
    assert shaped["emergency_address_status"] == 1
    assert shaped["location"] == "San Jose, California, United States"
    assert shaped["location_detail"] == RECORD["location"]
    assert shaped["allocated_product"] == "ZOOM_PHONE" and shaped["assigned_list"] == RECORD["assigned_list"]


def test_normalise_unassigned_confirmed_and_unknown_values():
    record = dict(RECORD, assigned_list=[], address_update_required=False, number_type="Mobile", status="Porting")
    shaped = number_management.normalise(record)
    assert "assignee" not in shaped
    assert shaped["emergency_address_status"] == 2
    assert shaped["number_type"] == "Mobile" and shaped["status"] == "Porting"
    assert number_management.normalise({"id": "x"}) == {"id": "x"}


PHONE = {"allocated_product": "ZOOM_PHONE"}


@pytest.mark.parametrize("values, params, client_side", [
    ({}, PHONE, False),
    ({"type": "unassigned"}, dict(PHONE, assigned_to_type="PhoneUnassigned"), False),
    ({"type": "assigned", "extension_type": "callQueue"}, dict(PHONE, assigned_to_type="CallQueue"), False),
    ({"type": "assigned"}, PHONE, True),
    ({"type": "byoc"}, PHONE, True),
    ({"number_type": "tollfree", "pending_numbers": False, "site_id": "s1"},
     dict(PHONE, number_type="TollFree", number_status="Normal", site_id="s1"), False),
    ({"pending_numbers": True}, PHONE, False),
    # keyword is a prefix of the digits: the "+" of an E.164 number is not sent.
    ({"phone_number": "+14155550123"}, dict(PHONE, keyword="14155550123"), True),
    ({"allocated_product": "ZOOM_CONTACT_CENTER", "keyword": "+1415"}, {"allocated_product": "ZOOM_CONTACT_CENTER", "keyword": "1415"}, False),
    ({"allocated_product": "UNALLOCATED", "keyword": "44"}, {"allocated_product": "UNALLOCATED", "keyword": "44"}, False),
])
def test_translate(values, params, client_side):
    translation = number_management.translate(values)
    assert translation.params == params
    assert translation.filters_client_side is client_side


def test_filter_choices_are_the_specs():
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    parameters = spec["paths"]["/number_management/numbers"]["get"]["parameters"]
    for parameter in parameters:
        enum = parameter.get("schema", {}).get("enum")
        if parameter["name"] in number_management.FILTER_CHOICES and enum and parameter["name"] != "number_type":
            assert list(number_management.FILTER_CHOICES[parameter["name"]]) == enum, parameter["name"]
    assert len(number_management.FILTER_CHOICES["assigned_to_type"]) == 23


def test_client_side_conditions():
    assigned = number_management.translate({"type": "assigned"})
    assert assigned.keep({"assignee": {"id": "a"}}) and not assigned.keep({})
    byoc = number_management.translate({"type": "byoc"})
    assert byoc.keep({"number_source": "BYOCCloud"}) and not byoc.keep({"number_source": "ThirdPartyNumber"})
    exact = number_management.translate({"phone_number": "+1415"})
    assert exact.keep({"number": "+1415"}) and not exact.keep({"number": "+14155"})
