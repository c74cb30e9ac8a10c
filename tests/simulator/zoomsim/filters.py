# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Validates the query parameters of the list endpoints and turns them into record filters.

Shared rules: a parameter sent with an empty value counts as not sent; when a parameter is
repeated the first value is used; parameters the endpoint does not know are ignored.
"""

import re
from typing import Callable, Optional

from .errors import invalid_parameter, zoom_error
from .model import ASSIGNEE_TYPES
from .shapes import nm_assignee_type, nm_number_type, nm_status

PHONE_TYPES = ("assigned", "unassigned", "byoc", "all")
EXTENSION_TYPES = ASSIGNEE_TYPES[:7]
PHONE_NUMBER_TYPES = ("toll", "tollfree")
NM_PRODUCTS = ("UNALLOCATED", "ZOOM_PHONE", "ZOOM_CONTACT_CENTER")
NM_NUMBER_TYPES = ("Toll", "TollFree", "VirtualService", "Mobile", "SharedCost", "National", "ITFS")
NM_STATUSES = ("Normal", "Pending")
NM_SOURCES = ("Zoom", "ZoomPorted", "ZoomReserved", "ThirdPartyNumber", "BYOCCloud", "BYOCPremises")
NM_ASSIGNED_TYPES = (
    "PhoneUnassigned", "User", "CallQueue", "AutoReceptionist", "CiscoPolycomRoom", "SharedLineGroup",
    "GroupCallPickup", "CommonArea", "EmergencyNumberPool", "CompanyLocation", "PersonalLocation",
    "MeetingService", "LocalSurvivability", "LocalSurvivabilityEmergencyNumberPool",
    "MicrosoftTeamsResourceAccount", "DistributionGroup", "ContactCenterUnassigned",
    "DialInToVideoEngagements", "DefaultSystemOutgoingSMS", "DefaultAgentOutgoingSMS", "DefaultCallerID",
    "Voice", "SMS",
)
PAGE_SIZE_DEFAULT = 30
_E164 = re.compile(r"^\+[1-9][0-9]{1,14}$")
_INTEGER = re.compile(r"^[0-9]+$")


class FilterSpec:
    """A validated filter set: ``key`` identifies it (cache and page-token binding)."""

    __slots__ = ("key", "predicate", "with_byoc")

    def __init__(self, key: tuple, predicate: Callable, with_byoc: bool = False):
        self.key = key
        self.predicate = predicate
        self.with_byoc = with_byoc


def first(params: dict, name: str) -> Optional[str]:
    """Return the first value of a query parameter, None when absent or empty."""
    values = params.get(name)
    if not values or values[0] == "":
        return None
    return values[0]


def _enum(params: dict, name: str, allowed, code: int) -> Optional[str]:
    """Return a parameter's value after checking it against its enum (case-sensitive, like Zoom)."""
    value = first(params, name)
    if value is not None and value not in allowed:
        raise invalid_parameter(name, code)
    return value


def _combine(endpoint: str, candidates: list, with_byoc: bool = False, implied: tuple = ()) -> FilterSpec:
    """Build a FilterSpec from (name, value, check) triples; a None value means not sent.

    A sent parameter always becomes part of the key (so page tokens bind to it) even when
    its check is None because it does not narrow the list (type=all, pending_numbers=true).
    ``implied`` are (name, value, check) triples the server adds on its own (the products an
    endpoint lists, a default for an omitted parameter); names starting with "~" keep them
    apart from what the client sent.
    """
    sent = [(name, value, check) for name, value, check in candidates if value is not None] + list(implied)
    key = (endpoint,) + tuple(sorted((name, value) for name, value, _check in sent))
    checks = [check for _name, _value, check in sent if check is not None]
    if not checks:
        return FilterSpec(key, lambda record: True, with_byoc)
    return FilterSpec(key, lambda record: all(check(record) for check in checks), with_byoc)


def page_size(params: dict, maximum: int, code: int) -> int:
    """Return the requested page size: default 30, an integer from 1 to ``maximum``."""
    value = first(params, "page_size")
    if value is None:
        return PAGE_SIZE_DEFAULT
    if not _INTEGER.match(value) or not 1 <= int(value) <= maximum:
        raise invalid_parameter("page_size", code, f"The value must be an integer from 1 to {maximum}.")
    return int(value)


_TYPE_CHECKS = {
    "assigned": lambda record: "assignee" in record.data,
    "unassigned": lambda record: "assignee" not in record.data,
    "byoc": lambda record: record.data["source"] == "external",
}


def _site_check(site_id: str) -> Callable:
    """The check for ``site_id`` (numbers without a site never match)."""
    return lambda record: record.data.get("site", {}).get("id") == site_id


def _not_pending(record) -> bool:
    """The check of pending_numbers=false."""
    return record.data["status"] != "pending"


def _phone_implied(pending: Optional[str], pending_default: str) -> tuple:
    """What /phone/numbers filters without being asked: other products, and maybe pending numbers."""
    implied = [("~product", "ZOOM_PHONE", lambda record: record.phone_listed)]
    if pending is None and pending_default == "exclude":
        # Zoom does not document the default; leaving pending numbers out is the variant that
        # hurts a client which forgets to ask for them.
        implied.append(("~pending_numbers", "excluded", _not_pending))
    return tuple(implied)


def phone_filter(params: dict, pending_default: str = "include") -> FilterSpec:
    """Filters of GET /phone/numbers (an omitted ``type`` lists every Zoom Phone number)."""
    kind = _enum(params, "type", PHONE_TYPES, 300)
    extension = _enum(params, "extension_type", EXTENSION_TYPES, 300)
    if extension is not None and kind != "assigned":
        raise invalid_parameter("extension_type", 300, "It can only be used together with type=assigned.")
    number_type = _enum(params, "number_type", PHONE_NUMBER_TYPES, 300)
    pending = first(params, "pending_numbers")
    if pending is not None:
        pending = pending.lower()
        if pending not in ("true", "false"):
            raise invalid_parameter("pending_numbers", 300)
    number = first(params, "phone_number")
    if number is not None and not _E164.match(number):
        raise invalid_parameter("phone_number", 300, "It must be in E.164 format.")
    site_id = first(params, "site_id")
    return _combine("phone", [
        ("type", kind, _TYPE_CHECKS.get(kind)),
        ("extension_type", extension, lambda record: record.data.get("assignee", {}).get("type") == extension),
        ("number_type", number_type, lambda record: record.data["number_type"] == number_type),
        # true includes pending numbers; false excludes them; omitted follows pending_default.
        ("pending_numbers", pending, _not_pending if pending == "false" else None),
        ("site_id", site_id, _site_check(site_id)),
        ("phone_number", number, lambda record: record.data["number"] == number),
    ], kind == "byoc", _phone_implied(pending, pending_default))


def _nm_assigned(value: str) -> Callable:
    """The check for one ``assigned_to_type`` value."""
    if value == "PhoneUnassigned":
        return lambda record: "assignee" not in record.data and record.allocated_product != "ZOOM_CONTACT_CENTER"
    if value == "ContactCenterUnassigned":
        return lambda record: "assignee" not in record.data and record.allocated_product == "ZOOM_CONTACT_CENTER"
    return lambda record: "assignee" in record.data and nm_assignee_type(record.data["assignee"]["type"]) == value


def _keyword_check(keyword: str, keyword_plus: str) -> Callable:
    """Prefix match on the digits of the number; what a leading "+" does depends on keyword_plus."""
    if keyword.startswith("+") and keyword_plus == "no_match":
        # The spec's example is digits only; a "+" is assumed to match nothing at all.
        return lambda record: False
    digits = keyword.lstrip("+")
    return lambda record: record.data["number"][1:].startswith(digits)


def nm_filter(params: dict, site_exists: Callable, keyword_plus: str = "match") -> FilterSpec:
    """Filters of GET /number_management/numbers; invalid values answer code 999."""
    product = _enum(params, "allocated_product", NM_PRODUCTS, 999)
    number_type = _enum(params, "number_type", NM_NUMBER_TYPES, 999)
    status = _enum(params, "number_status", NM_STATUSES, 999)
    source = _enum(params, "number_source", NM_SOURCES, 999)
    assigned = _enum(params, "assigned_to_type", NM_ASSIGNED_TYPES, 999)
    site_id = first(params, "site_id")
    if site_id is not None and not site_exists(site_id):
        raise zoom_error(400, 1002010, "The site does not exist.")
    keyword = first(params, "keyword")
    # A "+" keyword means something else under each keyword_plus, so the mode joins the key.
    implied = (("~keyword_plus", keyword_plus, None),) if keyword and keyword.startswith("+") else ()
    return _combine("number_management", [
        ("allocated_product", product, lambda record: record.allocated_product == product),
        ("number_type", number_type, lambda record: nm_number_type(record) == number_type),
        ("number_status", status, lambda record: nm_status(record) == status),
        ("number_source", source, lambda record: record.nm_source == source),
        ("assigned_to_type", assigned, _nm_assigned(assigned) if assigned else None),
        ("site_id", site_id, _site_check(site_id)),
        ("keyword", keyword, _keyword_check(keyword, keyword_plus) if keyword else None),
    ], implied=implied)


def sites_filter(params: dict) -> FilterSpec:
    """Filters of GET /phone/sites: ``site_name`` is a case-insensitive substring match."""
    name = first(params, "site_name")
    needle = (name or "").casefold()
    return _combine("sites", [("site_name", name, lambda site: needle in site["name"].casefold())])
