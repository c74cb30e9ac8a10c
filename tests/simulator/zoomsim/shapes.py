# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Renders stored records in the shape of each endpoint.

Mapping from a /phone/numbers object to its /number_management/numbers twin (same ``id``):
number_type toll/tollfree -> Toll/TollFree; status available/pending -> Normal/Pending;
capability incoming/outgoing -> Incoming/Outgoing; site {id, name} -> {site_id, name};
assignee {id, name, extension_number, type} -> assigned_list [{assigned_to_id, assigned_to_name,
extension_number (string), assigned_to_type (type with a capital first letter)}];
location "City, State, Country" -> {city, state, country} ("Country" alone -> {country});
sip_group {id, display_name} -> {id, name}; emergency_address_status 1/2 ->
address_update_required true/false; source internal -> Zoom|ZoomPorted, external -> BYOCPremises|BYOCCloud.
"""

from .model import BYOC_KEYS, NumberRecord

_NM_NUMBER_TYPES = {"toll": "Toll", "tollfree": "TollFree"}
_NM_STATUS = {"available": "Normal", "pending": "Pending"}


def nm_assignee_type(kind: str) -> str:
    """Map a /phone/numbers assignee type to its Number Management spelling (user -> User)."""
    return kind[:1].upper() + kind[1:]


def nm_number_type(record: NumberRecord) -> str:
    """The Number Management ``number_type`` of a record."""
    return _NM_NUMBER_TYPES[record.data["number_type"]]


def nm_status(record: NumberRecord) -> str:
    """The Number Management ``status`` of a record."""
    return _NM_STATUS[record.data["status"]]


def phone_item(record: NumberRecord, with_byoc: bool) -> dict:
    """The /phone/numbers object; BYOC-only fields are dropped unless ``with_byoc``."""
    if with_byoc:
        return dict(record.data)
    return {key: value for key, value in record.data.items() if key not in BYOC_KEYS}


def _nm_location(location: str) -> dict:
    """Split the /phone/numbers location string into the Number Management object."""
    parts = location.split(", ")
    if len(parts) == 3:
        return {"country": parts[2], "city": parts[0], "state": parts[1]}
    return {"country": location}


def nm_item(record: NumberRecord) -> dict:
    """The /number_management/numbers object of a record, keys in the spec's order."""
    data = record.data
    item = {
        "id": data["id"],
        "number": data["number"],
        "allocated_product": record.allocated_product,
        "number_type": nm_number_type(record),
    }
    if "display_name" in data:
        item["display_name"] = data["display_name"]
    if "carrier" in data:
        item["carrier"] = dict(data["carrier"])
    item["capability"] = [value.capitalize() for value in data.get("capability", ())]
    item["source"] = record.nm_source
    item["status"] = nm_status(record)
    if "emergency_address" in data:
        item["emergency_address"] = dict(data["emergency_address"])
    if "emergency_address_status" in data:
        item["address_update_required"] = data["emergency_address_status"] == 1
    if "emergency_address_update_time" in data:
        item["emergency_address_update_time"] = data["emergency_address_update_time"]
    if "site" in data:
        item["site"] = {"site_id": data["site"]["id"], "name": data["site"]["name"]}
    if "assignee" in data:
        assignee = data["assignee"]
        entry = {
            "assigned_to_id": assignee["id"],
            "assigned_to_name": assignee["name"],
            "assigned_to_type": nm_assignee_type(assignee["type"]),
        }
        if "extension_number" in assignee:
            entry["extension_number"] = str(assignee["extension_number"])
        item["assigned_list"] = [entry]
    if "sip_group" in data:
        item["sip_group"] = {"id": data["sip_group"]["id"], "name": data["sip_group"]["display_name"]}
    if "location" in data:
        item["location"] = _nm_location(data["location"])
    return item


def site_item(site: dict) -> dict:
    """The /phone/sites object of a site (internal keys start with an underscore)."""
    return {key: value for key, value in site.items() if not key.startswith("_")}
