# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Zoom's Number Management endpoint, spoken in the terms of GET /phone/numbers.

Zoom names GET /number_management/numbers as the replacement of GET /phone/numbers. Its
filters and records differ; this module translates the seed's filters into the replacement's
(with a client-side condition where it has no single equivalent) and normalises its records
back to the seed's shape, so that ``where`` expressions, inventories and audit rules work the
same through either endpoint. Pure functions: no HTTP here.
"""

from __future__ import annotations

import collections

PATH = "/number_management/numbers"
ITEMS_KEY = "numbers"
MAX_PAGE_SIZE = 200

# The replacement's own filters, with the values its specification lists.
NM_QUERY_CHOICES = collections.OrderedDict((
    ("allocated_product", ("UNALLOCATED", "ZOOM_PHONE", "ZOOM_CONTACT_CENTER")),
    ("number_source", ("Zoom", "ZoomPorted", "ZoomReserved", "ThirdPartyNumber", "BYOCCloud", "BYOCPremises")),
    ("number_status", ("Normal", "Pending")),
    ("assigned_to_type", (
        "PhoneUnassigned", "User", "CallQueue", "AutoReceptionist", "CiscoPolycomRoom", "SharedLineGroup",
        "GroupCallPickup", "CommonArea", "EmergencyNumberPool", "CompanyLocation", "PersonalLocation",
        "MeetingService", "LocalSurvivability", "LocalSurvivabilityEmergencyNumberPool",
        "MicrosoftTeamsResourceAccount", "DistributionGroup")),
    ("keyword", None),
))
NM_QUERY_OPTION_NAMES = tuple(NM_QUERY_CHOICES)

BYOC_SOURCES = frozenset(("BYOCCloud", "BYOCPremises"))
EXTERNAL_SOURCES = BYOC_SOURCES | frozenset(("ThirdPartyNumber",))
_NUMBER_TYPES = {"Toll": "toll", "TollFree": "tollfree"}
_STATUSES = {"Normal": "available", "Pending": "pending"}
_CAPABILITIES = {"Incoming": "incoming", "Outgoing": "outgoing"}
# Fields of the replacement that have no place in the seed's shape, kept as they are.
_EXTRA_FIELDS = ("allocated_product", "caller_id_name", "assigned_list")


def assignee_type_of(seed_type):
    """Seed assignee type (``callQueue``) to the replacement's (``CallQueue``)."""
    return seed_type[:1].upper() + seed_type[1:]


def seed_assignee_type(nm_type):
    """The replacement's assignee type (``CallQueue``) to the seed's (``callQueue``)."""
    return nm_type[:1].lower() + nm_type[1:] if isinstance(nm_type, str) else nm_type


class Translation:
    """The replacement's query parameters for a seed query, and what must still be checked per record.

    ``keep(record)`` is applied to normalised records; it is None when Zoom filters everything.
    """

    def __init__(self, params, conditions):
        self.params = params
        self._conditions = conditions

    @property
    def filters_client_side(self):
        return bool(self._conditions)

    def keep(self, record):
        return all(condition(record) for condition in self._conditions)


def translate(seed_params, nm_params):
    """Translate validated seed parameters (Zoom's string form) plus the replacement's own filters.

    Raises ValueError with a message naming the options when they contradict each other.
    """
    params = dict(nm_params)
    conditions = []

    def assign_to(value, reason):
        if params.get("assigned_to_type") not in (None, value):
            raise ValueError("%s conflicts with assigned_to_type=%s" % (reason, params["assigned_to_type"]))
        params["assigned_to_type"] = value

    kind = seed_params.get("type")
    if kind == "unassigned":
        assign_to("PhoneUnassigned", "type=unassigned")
    elif kind == "assigned":
        if seed_params.get("extension_type"):
            assign_to(assignee_type_of(seed_params["extension_type"]), "extension_type=%s" % seed_params["extension_type"])
        else:
            # "Assigned to anything" is no single value of assigned_to_type.
            conditions.append(lambda record: bool(record.get("assignee")))
    elif kind == "byoc":
        # BYOC is two sources (cloud and premises); number_source takes one value.
        conditions.append(lambda record: record.get("number_source") in BYOC_SOURCES)
    if seed_params.get("number_type"):
        params["number_type"] = "Toll" if seed_params["number_type"] == "toll" else "TollFree"
    if seed_params.get("pending_numbers") == "false":
        if params.get("number_status") not in (None, "Normal"):
            raise ValueError("pending_numbers=false conflicts with number_status=%s" % params["number_status"])
        params["number_status"] = "Normal"
    if seed_params.get("site_id"):
        params["site_id"] = seed_params["site_id"]
    if seed_params.get("phone_number"):
        wanted = seed_params["phone_number"]
        if params.get("keyword") is None:
            params["keyword"] = wanted
        # keyword matches a prefix: keep the exact number only.
        conditions.append(lambda record: record.get("number") == wanted)
    return Translation(params, conditions)


def normalise(record):
    """A replacement record in the seed's shape; its own extra fields are kept (see the docs)."""
    seed = collections.OrderedDict()
    for key in ("id", "number", "display_name"):
        if key in record:
            seed[key] = record[key]
    location = record.get("location")
    if isinstance(location, dict):
        parts = [location.get(key) for key in ("city", "state", "country")]
        seed["location"] = ", ".join(part for part in parts if part)
    elif location is not None:
        seed["location"] = location
    if "number_type" in record:
        seed["number_type"] = _NUMBER_TYPES.get(record["number_type"], record["number_type"])
    site = record.get("site")
    if isinstance(site, dict):
        seed["site"] = {"id": site.get("site_id", site.get("id")), "name": site.get("name")}
    if isinstance(record.get("capability"), list):
        seed["capability"] = [_CAPABILITIES.get(value, value) for value in record["capability"]]
    source = record.get("source")
    if source is not None:
        seed["source"] = "external" if source in EXTERNAL_SOURCES else "internal"
    if "status" in record:
        seed["status"] = _STATUSES.get(record["status"], record["status"])
    assignee = _assignee(record.get("assigned_list"))
    if assignee:
        seed["assignee"] = assignee
    for key in ("carrier", "emergency_address"):
        if key in record:
            seed[key] = record[key]
    sip_group = record.get("sip_group")
    if isinstance(sip_group, dict):
        seed["sip_group"] = {"id": sip_group.get("id"), "display_name": sip_group.get("name", sip_group.get("display_name"))}
    if isinstance(record.get("address_update_required"), bool):
        seed["emergency_address_status"] = 1 if record["address_update_required"] else 2
    if "emergency_address_update_time" in record:
        seed["emergency_address_update_time"] = record["emergency_address_update_time"]
    for key in _EXTRA_FIELDS:
        if key in record:
            seed[key] = record[key]
    if source is not None:
        seed["number_source"] = source
    if isinstance(location, dict):
        seed["location_detail"] = location
    return dict(seed)


def _assignee(assigned_list):
    if not isinstance(assigned_list, list) or not assigned_list or not isinstance(assigned_list[0], dict):
        return None
    first = assigned_list[0]
    assignee = {"id": first.get("assigned_to_id"), "name": first.get("assigned_to_name")}
    extension = first.get("extension_number")
    if isinstance(extension, str) and extension.isdigit():
        assignee["extension_number"] = int(extension)
    elif isinstance(extension, int) and not isinstance(extension, bool):
        assignee["extension_number"] = extension
    assignee["type"] = seed_assignee_type(first.get("assigned_to_type"))
    return assignee
