# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""OAuth scopes: which scopes each endpoint accepts, and the answer to a token that lacks them."""

from typing import Optional

from .errors import ApiError, zoom_error

# What each endpoint accepts, any one scope being enough, in the order of the operation's
# ``security`` in its spec excerpt (``openapi/``): the classic scopes first, then the granular
# ones. This is the only table of scopes: operations.py reads its operations' scopes from it and
# a test checks it against the spec excerpts. A new endpoint declares its scopes by adding a line;
# "{name}" in a path matches one path segment (e.g. "/v2/phone/users/{userId}/phone_numbers").
_PHONE_READ = "phone:read:admin"
_NM_READ = "number_management_numbers:read:admin"
_PHONE_WRITE = "phone:write:admin"
ENDPOINT_SCOPES = {
    # The list endpoints.
    ("GET", "/v2/phone/numbers"): (_PHONE_READ, "phone:read:list_numbers:admin"),
    ("GET", "/v2/phone/sites"): (_PHONE_READ, "phone:read:list_sites:admin"),
    ("GET", "/v2/number_management/numbers"): (_NM_READ, "number_management:read:list_numbers:admin"),
    # One number.
    ("GET", "/v2/phone/numbers/{phoneNumberId}"): (_PHONE_READ, "phone:read:numbers:admin"),
    ("GET", "/v2/number_management/numbers/{phoneNumberId}"): (_NM_READ, "number_management:read:numbers:admin"),
    # Changing numbers.
    ("PATCH", "/v2/phone/numbers/{phoneNumberId}"): (_PHONE_WRITE, "phone:update:number:admin"),
    ("PATCH", "/v2/number_management/numbers/{phoneNumberId}"): (
        "number_management_numbers:write:admin", "number_management:update:numbers:admin"),
    ("PATCH", "/v2/phone/numbers/sites/{siteId}"): (_PHONE_WRITE, "phone:update:site_number:admin"),
    ("DELETE", "/v2/phone/numbers"): (_PHONE_WRITE, "phone:delete:number:admin"),
    ("DELETE", "/v2/number_management/numbers"): (
        "number_management_numbers:write:master", "number_management:delete:numbers:admin"),
    # Assigning and unassigning.
    ("POST", "/v2/phone/users/{userId}/phone_numbers"): (
        "phone:write", _PHONE_WRITE, "phone:write:user_number", "phone:write:user_number:admin"),
    ("DELETE", "/v2/phone/users/{userId}/phone_numbers/{phoneNumberId}"): (
        "phone:write", _PHONE_WRITE, "phone:delete:user_number", "phone:delete:user_number:admin"),
    ("POST", "/v2/phone/call_queues/{callQueueId}/phone_numbers"): (_PHONE_WRITE, "phone:write:call_queue_number:admin"),
    ("DELETE", "/v2/phone/call_queues/{callQueueId}/phone_numbers"): (_PHONE_WRITE, "phone:delete:call_queue_number:admin"),
    ("DELETE", "/v2/phone/call_queues/{callQueueId}/phone_numbers/{phoneNumberId}"): (
        _PHONE_WRITE, "phone:delete:call_queue_number:admin"),
    ("POST", "/v2/phone/auto_receptionists/{autoReceptionistId}/phone_numbers"): (
        _PHONE_WRITE, "phone:write:auto_receptionist_number:admin"),
    ("DELETE", "/v2/phone/auto_receptionists/{autoReceptionistId}/phone_numbers"): (
        _PHONE_WRITE, "phone:delete:auto_receptionist_number:admin"),
    ("DELETE", "/v2/phone/auto_receptionists/{autoReceptionistId}/phone_numbers/{phoneNumberId}"): (
        _PHONE_WRITE, "phone:delete:auto_receptionist_number:admin"),
    ("POST", "/v2/phone/common_areas/{commonAreaId}/phone_numbers"): (_PHONE_WRITE, "phone:write:common_area_number:admin"),
    ("DELETE", "/v2/phone/common_areas/{commonAreaId}/phone_numbers/{phoneNumberId}"): (
        _PHONE_WRITE, "phone:delete:common_area_number:admin"),
    ("POST", "/v2/phone/shared_line_groups/{slgId}/phone_numbers"): (
        _PHONE_WRITE, "phone:write:shared_line_group_number:admin"),
    ("DELETE", "/v2/phone/shared_line_groups/{slgId}/phone_numbers"): (
        _PHONE_WRITE, "phone:delete:shared_line_group_number:admin"),
    ("DELETE", "/v2/phone/shared_line_groups/{slgId}/phone_numbers/{phoneNumberId}"): (
        _PHONE_WRITE, "phone:delete:shared_line_group_number:admin"),
    # Finding targets by name.
    ("GET", "/v2/phone/users"): (_PHONE_READ, "phone:read:list_users:admin"),
    ("GET", "/v2/phone/call_queues"): (_PHONE_READ, "phone:read:list_call_queues:admin"),
    ("GET", "/v2/phone/auto_receptionists"): (_PHONE_READ, "phone:read:list_auto_receptionists:admin"),
    ("GET", "/v2/phone/common_areas"): (_PHONE_READ, "phone:read:common_area:admin"),
    ("GET", "/v2/phone/shared_line_groups"): (_PHONE_READ, "phone:read:list_shared_line_groups:admin"),
    ("GET", "/v2/phone/sip_groups"): (_PHONE_READ, "phone:read:list_sip_groups:admin"),
    ("GET", "/v2/number_management/sip_groups"): (_NM_READ, "number_management:read:list_sip_groups:admin"),
}

# What classic tokens carry: the scopes they carried before scopes were modelled, then the
# classic write scopes (Phone, Number Management updates, Number Management releases). One of
# them opens every endpoint of the table.
CLASSIC_SCOPES = (
    _PHONE_READ, "phone:read:list_numbers:admin", _NM_READ,
    _PHONE_WRITE, "number_management_numbers:write:admin", "number_management_numbers:write:master",
)
# What a Server-to-Server app created today gets: granular scopes only, the admin-level one of
# each endpoint (the last its reference lists), in table order without repeats.
GRANULAR_SCOPES = tuple(dict.fromkeys(accepted[-1] for accepted in ENDPOINT_SCOPES.values()))

MISSING_SCOPES_CODE = 4711


def _matches(pattern: str, path: str) -> bool:
    """Compare a path with a pattern segment by segment; "{...}" segments match anything."""
    wanted, given = pattern.strip("/").split("/"), path.strip("/").split("/")
    if len(wanted) != len(given):
        return False
    return all(part == value or (part.startswith("{") and part.endswith("}")) for part, value in zip(wanted, given))


def accepted_scopes(method: str, path: str) -> Optional[tuple]:
    """The scopes that open ``method path``, or None when the table does not name it."""
    exact = ENDPOINT_SCOPES.get((method, path))
    if exact is not None:
        return exact
    for (entry_method, pattern), scopes in ENDPOINT_SCOPES.items():
        if entry_method == method and "{" in pattern and _matches(pattern, path):
            return scopes
    return None


def missing_scopes_error(accepted: tuple) -> ApiError:
    """Zoom's answer to a valid token without the scopes: HTTP 400, code 4711, the scopes listed."""
    listed = ", ".join(accepted)
    return zoom_error(400, MISSING_SCOPES_CODE, f"Invalid access token, does not contain scopes:[{listed}].")


def check_scopes(granted, method: str, path: str) -> None:
    """Raise the 4711 answer unless ``granted`` holds one of the scopes the endpoint accepts."""
    accepted = accepted_scopes(method, path)
    if accepted is None:
        # Paths the table does not name (unknown paths, other methods) answer 404/405 as before.
        return
    if not set(accepted) & set(granted):
        raise missing_scopes_error(accepted)
