# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Exceptions that carry a ready-made HTTP error answer."""

from typing import Optional

from .reply import Reply, json_reply

PAGE_TOKEN_MESSAGE = "The next page token is invalid or expired."
NM_PAGE_TOKEN_MESSAGE = "The next page token is either invalid or has expired."


class ApiError(ValueError):
    """An error answer; raised anywhere in the pipeline and turned into a reply at the top."""

    def __init__(self, status: int, body: dict, headers: Optional[dict] = None, meta: Optional[dict] = None):
        super().__init__(body.get("message") or body.get("errorMessage") or body.get("reason") or str(status))
        self.status = status
        self.body = body
        self.headers = dict(headers or {})
        self.meta = dict(meta or {})

    def to_reply(self) -> Reply:
        """Return the reply this error stands for."""
        return json_reply(self.status, self.body, self.headers, self.meta)


def zoom_error(status: int, code: int, message: str, headers: Optional[dict] = None) -> ApiError:
    """Build an error with Zoom's usual ``{"code", "message"}`` body."""
    return ApiError(status, {"code": code, "message": message}, headers)


def invalid_parameter(name: str, code: int = 300, detail: str = "") -> ApiError:
    """Build the 400 answer for a query parameter that failed validation."""
    message = f"Invalid parameter: {name}."
    if detail:
        message = f"{message} {detail}"
    return zoom_error(400, code, message)
