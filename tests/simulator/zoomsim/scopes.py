# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""OAuth scopes: which scopes each endpoint accepts, and the answer to a token that lacks them."""

from typing import Optional

from .errors import ApiError, zoom_error

# What each endpoint accepts, any one scope being enough: the classic scope first, then the
# granular one, as Zoom's reference lists them. A new endpoint declares its scopes by adding a
# line; "{name}" in a path matches one path segment (e.g. "/v2/phone/users/{userId}/phone_numbers").
ENDPOINT_SCOPES = {
    ("GET", "/v2/phone/numbers"): ("phone:read:admin", "phone:read:list_numbers:admin"),
    ("GET", "/v2/phone/sites"): ("phone:read:admin", "phone:read:list_sites:admin"),
    ("GET", "/v2/number_management/numbers"): (
        "number_management_numbers:read:admin", "number_management:read:list_numbers:admin"),
}

# The scope string tokens carried before scopes were modelled (classic profile).
CLASSIC_SCOPES = ("phone:read:admin", "phone:read:list_numbers:admin", "number_management_numbers:read:admin")
# What a Server-to-Server app created today gets: granular scopes only, one per endpoint.
GRANULAR_SCOPES = ("phone:read:list_numbers:admin", "phone:read:list_sites:admin", "number_management:read:list_numbers:admin")

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
