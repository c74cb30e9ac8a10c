# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The response value passed from the request pipeline to the HTTP layer."""

import json
from dataclasses import dataclass, field
from typing import Any, Optional

JSON_TYPE = "application/json;charset=UTF-8"
HTML_TYPE = "text/html; charset=utf-8"


@dataclass
class Reply:
    """One HTTP answer: status, headers and either a JSON payload or raw bytes.

    ``reset`` asks the HTTP layer to abort the connection without answering.
    ``raw`` wins over ``payload`` so faults can send bytes that are not JSON.
    ``meta`` is never sent: it carries what the query log records about the answer
    (the wait a 429 asked for, the delay applied...).
    """

    status: int = 200
    payload: Any = None
    headers: dict = field(default_factory=dict)
    content_type: str = JSON_TYPE
    raw: Optional[bytes] = None
    reset: bool = False
    meta: dict = field(default_factory=dict)

    def encode(self) -> bytes:
        """Return the body bytes exactly as they go on the wire."""
        if self.raw is not None:
            return self.raw
        if self.payload is None:
            return b""
        # Compact separators and real UTF-8, like Zoom's own responses.
        return json.dumps(self.payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_reply(status: int, payload: Any, headers: Optional[dict] = None, meta: Optional[dict] = None) -> Reply:
    """Build a JSON reply."""
    return Reply(status=status, payload=payload, headers=dict(headers or {}), meta=dict(meta or {}))


def html_reply(status: int, html: str) -> Reply:
    """Build an HTML reply, as a proxy in front of the API would send."""
    return Reply(status=status, raw=html.encode("utf-8"), content_type=HTML_TYPE)
