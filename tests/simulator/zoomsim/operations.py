# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Every operation the simulator serves: method, path template, scopes and rate-limit label.

The scopes and labels are Zoom's, from the spec excerpts in ``openapi/`` (each operation's
``security`` and "Rate Limit Label"). This table only describes them: the simulator does not
check scopes here. ``WRITE_SCOPES`` is the part a scope check needs for the write operations.
"""

from collections import namedtuple
from typing import Optional
from urllib.parse import unquote

# handler: the name of the method that serves it (None: served by the list endpoints of service.py).
Operation = namedtuple("Operation", "method template handler scopes label deprecated")

_PHONE_READ = ("phone:read:admin",)
_NM_READ = ("number_management_numbers:read:admin",)

OPERATIONS = (
    # Lists that existed before the write side (served by listings.py).
    Operation("GET", "/v2/phone/numbers", None, _PHONE_READ + ("phone:read:list_numbers:admin",), "MEDIUM", True),
    Operation("GET", "/v2/phone/sites", None, _PHONE_READ + ("phone:read:list_sites:admin",), "MEDIUM", False),
    Operation("GET", "/v2/number_management/numbers", None, _NM_READ + ("number_management:read:list_numbers:admin",),
              "LIGHT", False),
    # One number.
    Operation("GET", "/v2/phone/numbers/{phoneNumberId}", "get_phone_number", _PHONE_READ + ("phone:read:numbers:admin",),
              "LIGHT", True),
    Operation("GET", "/v2/number_management/numbers/{phoneNumberId}", "get_nm_number",
              _NM_READ + ("number_management:read:numbers:admin",), "LIGHT", False),
    # Changing numbers.
    Operation("PATCH", "/v2/phone/numbers/{phoneNumberId}", "patch_phone_number",
              ("phone:write:admin", "phone:update:number:admin"), "LIGHT", True),
    Operation("PATCH", "/v2/number_management/numbers/{phoneNumberId}", "patch_nm_number",
              ("number_management_numbers:write:admin", "number_management:update:numbers:admin"), "LIGHT", False),
    Operation("PATCH", "/v2/phone/numbers/sites/{siteId}", "move_to_site",
              ("phone:write:admin", "phone:update:site_number:admin"), "MEDIUM", False),
    Operation("DELETE", "/v2/phone/numbers", "release_phone", ("phone:write:admin", "phone:delete:number:admin"),
              "MEDIUM", True),
    Operation("DELETE", "/v2/number_management/numbers", "release_nm",
              ("number_management_numbers:write:master", "number_management:delete:numbers:admin"), "MEDIUM", False),
    # Assigning and unassigning.
    Operation("POST", "/v2/phone/users/{userId}/phone_numbers", "assign_user",
              ("phone:write", "phone:write:admin", "phone:write:user_number", "phone:write:user_number:admin"), "LIGHT", False),
    Operation("DELETE", "/v2/phone/users/{userId}/phone_numbers/{phoneNumberId}", "unassign_user",
              ("phone:write", "phone:write:admin", "phone:delete:user_number", "phone:delete:user_number:admin"),
              "LIGHT", False),
    Operation("POST", "/v2/phone/call_queues/{callQueueId}/phone_numbers", "assign_call_queue",
              ("phone:write:admin", "phone:write:call_queue_number:admin"), "LIGHT", False),
    Operation("DELETE", "/v2/phone/call_queues/{callQueueId}/phone_numbers", "unassign_all_call_queue",
              ("phone:write:admin", "phone:delete:call_queue_number:admin"), "LIGHT", False),
    Operation("DELETE", "/v2/phone/call_queues/{callQueueId}/phone_numbers/{phoneNumberId}", "unassign_call_queue",
              ("phone:write:admin", "phone:delete:call_queue_number:admin"), "LIGHT", False),
    Operation("POST", "/v2/phone/auto_receptionists/{autoReceptionistId}/phone_numbers", "assign_auto_receptionist",
              ("phone:write:admin", "phone:write:auto_receptionist_number:admin"), "LIGHT", False),
    Operation("DELETE", "/v2/phone/auto_receptionists/{autoReceptionistId}/phone_numbers", "unassign_all_auto_receptionist",
              ("phone:write:admin", "phone:delete:auto_receptionist_number:admin"), "LIGHT", False),
    Operation("DELETE", "/v2/phone/auto_receptionists/{autoReceptionistId}/phone_numbers/{phoneNumberId}",
              "unassign_auto_receptionist", ("phone:write:admin", "phone:delete:auto_receptionist_number:admin"),
              "LIGHT", False),
    Operation("POST", "/v2/phone/common_areas/{commonAreaId}/phone_numbers", "assign_common_area",
              ("phone:write:admin", "phone:write:common_area_number:admin"), "LIGHT", False),
    Operation("DELETE", "/v2/phone/common_areas/{commonAreaId}/phone_numbers/{phoneNumberId}", "unassign_common_area",
              ("phone:write:admin", "phone:delete:common_area_number:admin"), "LIGHT", False),
    Operation("POST", "/v2/phone/shared_line_groups/{slgId}/phone_numbers", "assign_shared_line_group",
              ("phone:write:admin", "phone:write:shared_line_group_number:admin"), "LIGHT", False),
    Operation("DELETE", "/v2/phone/shared_line_groups/{slgId}/phone_numbers", "unassign_all_shared_line_group",
              ("phone:write:admin", "phone:delete:shared_line_group_number:admin"), "LIGHT", False),
    Operation("DELETE", "/v2/phone/shared_line_groups/{slgId}/phone_numbers/{phoneNumberId}", "unassign_shared_line_group",
              ("phone:write:admin", "phone:delete:shared_line_group_number:admin"), "LIGHT", False),
    # Finding targets by name.
    Operation("GET", "/v2/phone/users", "list_users", _PHONE_READ + ("phone:read:list_users:admin",), "MEDIUM", False),
    Operation("GET", "/v2/phone/call_queues", "list_call_queues", _PHONE_READ + ("phone:read:list_call_queues:admin",),
              "MEDIUM", False),
    Operation("GET", "/v2/phone/auto_receptionists", "list_auto_receptionists",
              _PHONE_READ + ("phone:read:list_auto_receptionists:admin",), "MEDIUM", False),
    Operation("GET", "/v2/phone/common_areas", "list_common_areas", _PHONE_READ + ("phone:read:common_area:admin",),
              "MEDIUM", False),
    Operation("GET", "/v2/phone/shared_line_groups", "list_shared_line_groups",
              _PHONE_READ + ("phone:read:list_shared_line_groups:admin",), "MEDIUM", False),
    Operation("GET", "/v2/phone/sip_groups", "list_sip_groups", _PHONE_READ + ("phone:read:list_sip_groups:admin",),
              "LIGHT", True),
    Operation("GET", "/v2/number_management/sip_groups", "list_nm_sip_groups",
              _NM_READ + ("number_management:read:list_sip_groups:admin",), "LIGHT", False),
)

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# (method, path template) -> scopes of which the token needs one.
SCOPES = {(op.method, op.template): op.scopes for op in OPERATIONS}
WRITE_SCOPES = {key: scopes for key, scopes in SCOPES.items() if key[0] in WRITE_METHODS}
ALL_WRITE_SCOPES = tuple(sorted({scope for scopes in WRITE_SCOPES.values() for scope in scopes}))


def _segments(path: str) -> list:
    return path.strip("/").split("/")


_COMPILED = [(op, _segments(op.template)) for op in OPERATIONS]


def _bind(pattern: list, parts: list) -> Optional[dict]:
    """Path parameters when ``parts`` fits the template segments, else None."""
    if len(pattern) != len(parts):
        return None
    params = {}
    for expected, given in zip(pattern, parts):
        if expected.startswith("{"):
            if not given:
                return None
            params[expected[1:-1]] = unquote(given)
        elif expected != given:
            return None
    return params


def match(method: str, path: str) -> tuple:
    """Return ``(operation, params, allowed_methods)``.

    ``operation`` is None when no template has this method; ``allowed_methods`` is empty
    when no template fits the path at all. A literal segment wins over a parameter
    (``/phone/numbers/sites/{siteId}`` over ``/phone/numbers/{phoneNumberId}``).
    """
    parts = _segments(path)
    fits = []
    for op, pattern in _COMPILED:
        params = _bind(pattern, parts)
        if params is not None:
            fits.append((len(params), op, params))
    if not fits:
        return None, {}, ()
    fewest = min(count for count, _op, _params in fits)
    fits = [(op, params) for count, op, params in fits if count == fewest]
    allowed = tuple(op.method for op, _params in fits)
    for op, params in fits:
        if op.method == method:
            return op, params, allowed
    return None, {}, allowed


def scopes_for(method: str, path: str) -> Optional[tuple]:
    """The scopes Zoom accepts for a concrete request, or None for a path it does not know."""
    op, _params, _allowed = match(method, path)
    return op.scopes if op else None


def table() -> list:
    """The table as JSON-ready rows (for /_sim/operations and the README)."""
    return [{"method": op.method, "path": op.template, "scopes": list(op.scopes), "label": op.label,
             "deprecated": op.deprecated} for op in OPERATIONS]
