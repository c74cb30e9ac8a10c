# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Last touches on an error answer before it leaves: the tracking id header and string codes."""

import secrets
from typing import Optional

from .reply import JSON_TYPE, Reply

TRACKING_HEADER = "x-zm-trackingid"
# The cluster name is fixed: the simulator is one cluster, and the value carries no secret.
_CLUSTER = "us05"


def new_tracking_id() -> str:
    """A tracking id in the form Zoom's gateway sends, unique per answer."""
    return f"v=2.0;clid={_CLUSTER};rid=WEB_{secrets.token_hex(16)}"


def _is_error(reply: Reply) -> bool:
    """An answer that reached the client with a 4xx or 5xx status."""
    return not reply.reset and reply.status >= 400


def add_tracking_id(reply: Reply) -> Optional[str]:
    """Stamp a JSON error answer with a tracking id and return it (None when not stamped).

    The HTML pages of the 5xx faults stand for a proxy in front of Zoom, which does not know
    Zoom's tracking ids, so they go without.
    """
    if not _is_error(reply) or reply.content_type != JSON_TYPE:
        return None
    tracking_id = new_tracking_id()
    reply.headers[TRACKING_HEADER] = tracking_id
    return tracking_id


def stringify_codes(reply: Reply) -> None:
    """Send ``code`` (and ``errorCode``) as strings, as Zoom has been seen to ("300", "124")."""
    if not _is_error(reply) or not isinstance(reply.payload, dict):
        return
    for key in ("code", "errorCode"):
        value = reply.payload.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            reply.payload[key] = str(value)
