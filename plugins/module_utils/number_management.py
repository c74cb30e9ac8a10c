# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Zoom's Number Management endpoint, spoken in the terms of GET /phone/numbers.

Zoom names GET /number_management/numbers as the replacement of GET /phone/numbers (the
"Phone API" below). Its filters and records differ; this module translates the Phone API's
filters into the replacement's (with a client-side condition where it has no single
equivalent) and normalises its records back to the Phone API's shape, so that ``where``
expressions, inventories and audit rules work the same through either endpoint. Pure
functions: no HTTP here.
"""

from __future__ import annotations

import collections

PATH = "/number_management/numbers"
ITEMS_KEY = "numbers"
MAX_PAGE_SIZE = 200

# The replacement's own filters, with the values its specification lists (None: free text).
FILTER_CHOICES = collections.OrderedDict((
    ("allocated_product", ("UNALLOCATED", "ZOOM_PHONE", "ZOOM_CONTACT_CENTER")),
    ("number_source", ("Zoom", "ZoomPorted", "ZoomReserved", "ThirdPartyNumber", "BYOCCloud", "BYOCPremises")),
    ("number_status", ("Normal", "Pending")),
    ("assigned_to_type", (
        "PhoneUnassigned", "User", "CallQueue", "AutoReceptionist", "CiscoPolycomRoom", "SharedLineGroup",
        "GroupCallPickup", "CommonArea", "EmergencyNumberPool", "CompanyLocation", "PersonalLocation",
        "MeetingService", "LocalSurvivability", "LocalSurvivabilityEmergencyNumberPool",
        "MicrosoftTeamsResourceAccount", "DistributionGroup", "ContactCenterUnassigned", "DialInToVideoEngagements",
        "DefaultSystemOutgoingSMS", "DefaultAgentOutgoingSMS", "DefaultCallerID", "Voice", "SMS")),
    ("keyword", None),
))

# The replacement lists the numbers of every product (Zoom Contact Center's, and numbers
# allocated to none); GET /phone/numbers only Zoom Phone's. Asked for when the user chose no
# product, so that both endpoints list the same numbers.
DEFAULT_ALLOCATED_PRODUCT = "ZOOM_PHONE"

BYOC_SOURCES = frozenset(("BYOCCloud", "BYOCPremises"))
EXTERNAL_SOURCES = BYOC_SOURCES | frozenset(("ThirdPartyNumber",))
_NUMBER_TYPES = {"Toll": "toll", "TollFree": "tollfree"}
_STATUSES = {"Normal": "available", "Pending": "pending"}
_CAPABILITIES = {"Incoming": "incoming", "Outgoing": "outgoing"}
# Fields of the replacement that have no place in the Phone API's shape, kept as they are.
_EXTRA_FIELDS = ("allocated_product", "caller_id_name", "assigned_list")


def assignee_type_of(phone_type):
    """A Phone API assignee type (``callQueue``) in the replacement's spelling (``CallQueue``)."""
    return phone_type[:1].upper() + phone_type[1:]


def phone_assignee_type(own_type):
    """The replacement's assignee type (``CallQueue``) in the Phone API's spelling (``callQueue``)."""
    return own_type[:1].lower() + own_type[1:] if isinstance(own_type, str) else own_type


class Translation:
    """The replacement's query parameters for a Phone API query, and what must still be checked per record.

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


def translate(values):
    """Translate one validated filter set (typed values, by option name) into the replacement's terms.

    ``values`` holds the Phone API's filters and the replacement's own ones. Raises ValueError
    with a message naming the options when they contradict each other.
    """
    params = dict((name, values[name]) for name in FILTER_CHOICES if values.get(name) is not None)
    params.setdefault("allocated_product", DEFAULT_ALLOCATED_PRODUCT)
    if params.get("keyword"):
        params["keyword"] = digits_prefix(params["keyword"])
    conditions = []

    def assign_to(value, reason):
        if params.get("assigned_to_type") not in (None, value):
            raise ValueError("%s conflicts with assigned_to_type=%s" % (reason, params["assigned_to_type"]))
        params["assigned_to_type"] = value

    kind = values.get("type")
    if kind == "unassigned":
        assign_to("PhoneUnassigned", "type=unassigned")
    elif kind == "assigned":
        if values.get("extension_type"):
            assign_to(assignee_type_of(values["extension_type"]), "extension_type=%s" % values["extension_type"])
        else:
            # "Assigned to anything" is no single value of assigned_to_type.
            conditions.append(lambda record: bool(record.get("assignee")))
    elif kind == "byoc":
        # BYOC is two sources (cloud and premises); number_source takes one value.
        conditions.append(lambda record: record.get("number_source") in BYOC_SOURCES)
    if values.get("number_type"):
        params["number_type"] = "Toll" if values["number_type"] == "toll" else "TollFree"
    if values.get("pending_numbers") is False:
        if params.get("number_status") not in (None, "Normal"):
            raise ValueError("pending_numbers=false conflicts with number_status=%s" % params["number_status"])
        params["number_status"] = "Normal"
    if values.get("site_id"):
        params["site_id"] = values["site_id"]
    if values.get("phone_number"):
        wanted = values["phone_number"]
        if params.get("keyword") is None:
            params["keyword"] = digits_prefix(wanted)
        # keyword matches a prefix: keep the exact number only.
        conditions.append(lambda record: record.get("number") == wanted)
    return Translation(params, conditions)


def digits_prefix(keyword):
    """``keyword`` without its leading ``+``: Zoom documents a prefix of the digits ("1205"), not of E.164."""
    return keyword.lstrip("+") or keyword


def normalise(record):
    """A replacement record in the Phone API's shape; its own extra fields are kept (see the docs)."""
    shaped = collections.OrderedDict()
    for key in ("id", "number", "display_name"):
        if key in record:
            shaped[key] = record[key]
    location = record.get("location")
    if isinstance(location, dict):
        parts = [location.get(key) for key in ("city", "state", "country")]
        shaped["location"] = ", ".join(part for part in parts if part)
    elif location is not None:
        shaped["location"] = location
    if "number_type" in record:
        shaped["number_type"] = _NUMBER_TYPES.get(record["number_type"], record["number_type"])
    site = record.get("site")
    if isinstance(site, dict):
        shaped["site"] = {"id": site.get("site_id", site.get("id")), "name": site.get("name")}
    if isinstance(record.get("capability"), list):
        shaped["capability"] = [_CAPABILITIES.get(value, value) for value in record["capability"]]
    source = record.get("source")
    if source is not None:
        shaped["source"] = "external" if source in EXTERNAL_SOURCES else "internal"
    if "status" in record:
        shaped["status"] = _STATUSES.get(record["status"], record["status"])
    assignee = _assignee(record.get("assigned_list"))
    if assignee:
        shaped["assignee"] = assignee
    for key in ("carrier", "emergency_address"):
        if key in record:
            shaped[key] = record[key]
    sip_group = record.get("sip_group")
    if isinstance(sip_group, dict):
        shaped["sip_group"] = {"id": sip_group.get("id"), "display_name": sip_group.get("name", sip_group.get("display_name"))}
    if isinstance(record.get("address_update_required"), bool):
        shaped["emergency_address_status"] = 1 if record["address_update_required"] else 2
    if "emergency_address_update_time" in record:
        shaped["emergency_address_update_time"] = record["emergency_address_update_time"]
    for key in _EXTRA_FIELDS:
        if key in record:
            shaped[key] = record[key]
    if source is not None:
        shaped["number_source"] = source
    if isinstance(location, dict):
        shaped["location_detail"] = location
    return dict(shaped)


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
    assignee["type"] = phone_assignee_type(first.get("assigned_to_type"))
    return assignee
