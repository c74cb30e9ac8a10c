# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Every operation the simulator serves: method, path template, scopes and rate-limit label.

The labels and deprecation marks are Zoom's, from the spec excerpts in ``openapi/`` ("Rate Limit
Label", ``deprecated``). The scopes are not repeated here: each operation takes them from
``scopes.ENDPOINT_SCOPES``, the one table the pipeline's scope check (service.py) also reads.
"""

from collections import namedtuple
from typing import Optional
from urllib.parse import unquote

from .scopes import ENDPOINT_SCOPES

# handler: the name of the method that serves it (None: served by the list endpoints of service.py).
Operation = namedtuple("Operation", "method template handler scopes label deprecated")

# (method, template, handler, rate-limit label, deprecated)
_ROWS = (
    # Lists that existed before the write side (served by listings.py).
    ("GET", "/v2/phone/numbers", None, "MEDIUM", True),
    ("GET", "/v2/phone/sites", None, "MEDIUM", False),
    ("GET", "/v2/number_management/numbers", None, "LIGHT", False),
    # One number.
    ("GET", "/v2/phone/numbers/{phoneNumberId}", "get_phone_number", "LIGHT", True),
    ("GET", "/v2/number_management/numbers/{phoneNumberId}", "get_nm_number", "LIGHT", False),
    # Changing numbers.
    ("PATCH", "/v2/phone/numbers/{phoneNumberId}", "patch_phone_number", "LIGHT", True),
    ("PATCH", "/v2/number_management/numbers/{phoneNumberId}", "patch_nm_number", "LIGHT", False),
    ("PATCH", "/v2/phone/numbers/sites/{siteId}", "move_to_site", "MEDIUM", False),
    ("DELETE", "/v2/phone/numbers", "release_phone", "MEDIUM", True),
    ("DELETE", "/v2/number_management/numbers", "release_nm", "MEDIUM", False),
    # Assigning and unassigning.
    ("POST", "/v2/phone/users/{userId}/phone_numbers", "assign_user", "LIGHT", False),
    ("DELETE", "/v2/phone/users/{userId}/phone_numbers/{phoneNumberId}", "unassign_user", "LIGHT", False),
    ("POST", "/v2/phone/call_queues/{callQueueId}/phone_numbers", "assign_call_queue", "LIGHT", False),
    ("DELETE", "/v2/phone/call_queues/{callQueueId}/phone_numbers", "unassign_all_call_queue", "LIGHT", False),
    ("DELETE", "/v2/phone/call_queues/{callQueueId}/phone_numbers/{phoneNumberId}",
     "unassign_call_queue", "LIGHT", False),
    ("POST", "/v2/phone/auto_receptionists/{autoReceptionistId}/phone_numbers",
     "assign_auto_receptionist", "LIGHT", False),
    ("DELETE", "/v2/phone/auto_receptionists/{autoReceptionistId}/phone_numbers",
     "unassign_all_auto_receptionist", "LIGHT", False),
    ("DELETE", "/v2/phone/auto_receptionists/{autoReceptionistId}/phone_numbers/{phoneNumberId}",
     "unassign_auto_receptionist", "LIGHT", False),
    ("POST", "/v2/phone/common_areas/{commonAreaId}/phone_numbers", "assign_common_area", "LIGHT", False),
    ("DELETE", "/v2/phone/common_areas/{commonAreaId}/phone_numbers/{phoneNumberId}",
     "unassign_common_area", "LIGHT", False),
    ("POST", "/v2/phone/shared_line_groups/{slgId}/phone_numbers", "assign_shared_line_group", "LIGHT", False),
    ("DELETE", "/v2/phone/shared_line_groups/{slgId}/phone_numbers", "unassign_all_shared_line_group", "LIGHT", False),
    ("DELETE", "/v2/phone/shared_line_groups/{slgId}/phone_numbers/{phoneNumberId}",
     "unassign_shared_line_group", "LIGHT", False),
    # Finding targets by name.
    ("GET", "/v2/phone/users", "list_users", "MEDIUM", False),
    ("GET", "/v2/phone/call_queues", "list_call_queues", "MEDIUM", False),
    ("GET", "/v2/phone/auto_receptionists", "list_auto_receptionists", "MEDIUM", False),
    ("GET", "/v2/phone/common_areas", "list_common_areas", "MEDIUM", False),
    ("GET", "/v2/phone/shared_line_groups", "list_shared_line_groups", "MEDIUM", False),
    ("GET", "/v2/phone/sip_groups", "list_sip_groups", "LIGHT", True),
    ("GET", "/v2/number_management/sip_groups", "list_nm_sip_groups", "LIGHT", False),
)

if {row[:2] for row in _ROWS} != set(ENDPOINT_SCOPES):
    # Every operation needs its scopes, and the scope table names no operation that is not served.
    raise RuntimeError("operations.py and scopes.ENDPOINT_SCOPES must name the same operations")

OPERATIONS = tuple(Operation(method, template, handler, ENDPOINT_SCOPES[(method, template)], label, deprecated)
                   for method, template, handler, label, deprecated in _ROWS)

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# (method, path template) -> scopes of which the token needs one, for the write operations.
WRITE_SCOPES = {key: scopes for key, scopes in ENDPOINT_SCOPES.items() if key[0] in WRITE_METHODS}
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
