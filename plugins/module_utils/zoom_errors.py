# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Typed errors of the Zoom client.

Every failure a user can see is a ZoomError. Its ``str()`` is one line that says what
happened and what to do; ``fail_kwargs()`` is the same thing in ``fail_json`` form with the
HTTP status and Zoom's own code as separate keys, so playbooks can branch on them.

Secrets never reach these messages: nothing here formats headers or request bodies, and
``redact`` is applied to every message as a second line of defence.
"""

from __future__ import annotations

import json
import re
import string

REDACTED = "********"

# Secrets registered by the running client (client_secret, access tokens). A module process
# or plugin call holds few, so a plain set is enough.
_SECRETS = set()


def register_secret(value):
    """Remember a secret so that ``redact`` removes it from any later message."""
    if value and len(value) >= 4:
        _SECRETS.add(value)


def redact(text):
    """Replace every registered secret in ``text`` by a fixed mask."""
    text = str(text)
    for secret in _SECRETS:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


class ZoomError(Exception):
    """A failure with a one-line message, optionally an HTTP status, Zoom code, hint and tracking id.

    ``tracking_id`` is the ``x-zm-trackingid`` header of Zoom's answer: Zoom's support asks for
    it to find the request in its logs, so it ends the message and has a result key of its own.
    """

    kind = "error"

    def __init__(self, message, status=None, code=None, hint=None, tracking_id=None):
        self.message = redact(message)
        self.status = status
        self.code = code
        self.hint = redact(hint) if hint else None
        self.tracking_id = redact(tracking_id) if tracking_id else None
        super().__init__(str(self))

    def __str__(self):
        text = self.message
        if self.hint:
            text = "%s %s" % (text.rstrip(), self.hint)
        if self.tracking_id:
            text = "%s Zoom tracking id: %s" % (text.rstrip(), self.tracking_id)
        return " ".join(text.split())

    def fail_kwargs(self):
        """Keyword arguments for ``AnsibleModule.fail_json``."""
        result = {"msg": str(self), "error_kind": self.kind}
        if self.status is not None:
            result["status"] = self.status
        if self.code is not None:
            result["zoom_code"] = self.code
        if self.tracking_id:
            result["tracking_id"] = self.tracking_id
        return result


class ZoomConfigError(ZoomError):
    """An option value is missing or invalid; raised before any HTTP request."""

    kind = "configuration"


class ZoomAuthError(ZoomError):
    """The OAuth endpoint refused the credentials, or Zoom rejected the access token."""

    kind = "authentication"


class ZoomScopeError(ZoomAuthError):
    """The access token lacks the OAuth scopes a request needs (Zoom's codes 4700 to 4799)."""

    kind = "scope"


class ZoomApiError(ZoomError):
    """Zoom answered a request with an error status that retrying cannot fix."""

    kind = "api"


class ZoomNotFoundError(ZoomApiError):
    """Zoom answered 404 or 410; ``cause`` says about what: ``endpoint`` (gone), ``url`` (api_url is wrong) or ``item``.

    ``answer`` is Zoom's answer in short (``HTTP 404, code 404: ...``).
    """

    def __init__(self, message, cause="item", answer=None, **kwargs):
        self.cause = cause
        self.answer = answer
        super().__init__(message, **kwargs)


class ZoomRateLimitError(ZoomApiError):
    """Zoom's rate limit asks for a wait longer than is sensible inside a task."""

    kind = "rate_limit"


class ZoomTransportError(ZoomError):
    """No usable HTTP answer: refused connection, TLS failure, timeouts or resets past the retries."""

    kind = "transport"


class ZoomResponseError(ZoomError):
    """Zoom answered 2xx with a body that cannot be trusted (not JSON, wrong shape)."""

    kind = "response"


class ZoomPagingError(ZoomError):
    """Paging could not complete without risking a short or duplicated list."""

    kind = "paging"


class ZoomPageTokenExpired(ZoomApiError):
    """Zoom no longer accepts a next_page_token (they live 15 minutes)."""

    kind = "page_token"


# How much of an error body is read and described: enough for any real error page, and
# small enough that a hostile one costs nothing to scan.
ERROR_BODY_LIMIT = 64 * 1024
# Every pattern below scans in linear time, whatever the text: a character class that
# cannot cross "<" keeps a page of unclosed tags from being rescanned from each one.
_TITLE_OPEN = re.compile(r"<title\b[^<>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^<>]*>")
# What a secret, a token or their Base64 form is made of: the tail of a text cut in the middle of one.
SECRET_CHARACTERS = string.ascii_letters + string.digits + "_+/=.~-"


def shorten(text, limit=300):
    """``text`` with the registered secrets masked first, then cut to ``limit`` characters.

    In that order: a secret that ran past the cut would keep its first characters, and no
    mask can recognise part of a secret.
    """
    text = redact(text)
    return text if len(text) <= limit else text[:limit] + "..."


def cut_off_text(text):
    """The readable start of a body that was cut at a size limit: masked, and without its last, partial word.

    The cut may fall inside a secret the server echoed; what is left of it is dropped
    rather than shown, since it no longer matches the secret it came from.
    """
    return redact(text).rstrip(SECRET_CHARACTERS)


def zoom_code(value):
    """Zoom's error code as an integer when it is one, whether sent as a number or as a string ("300").

    Anything else is kept as short text (or None), so that codes can always be compared.
    """
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    text = str(value).strip()
    return int(text) if text.isdigit() else shorten(text, 40)


def is_scope_code(code):
    """Zoom reserves the codes 4700 to 4799 for missing scopes and unusable tokens."""
    return isinstance(code, int) and not isinstance(code, bool) and 4700 <= code <= 4799


def describe_status(status, code, message):
    """``HTTP 400, code 300: Invalid parameter`` (the code only when Zoom sent one)."""
    return "HTTP %s%s: %s" % (status, ", code %s" % code if code is not None else "", message)


def describe_body(content_type, text):
    """Return ``(code, message)`` from an error body, whatever its shape.

    Zoom sends ``{"code", "message"}`` (the code sometimes as a string); some of its services
    send ``{"status": false, "errorCode", "errorMessage"}``; its OAuth endpoint sends
    ``{"reason", "error"}``; proxies in front of it send HTML; some failures send nothing.
    Only the first ERROR_BODY_LIMIT characters are looked at. The code is an integer whenever
    it is one. The message is kept short so it fits a
    one-line task failure.
    """
    text = (text or "")[:ERROR_BODY_LIMIT].strip()
    if not text:
        return None, "(empty response body)"
    try:
        body = json.loads(text)
    except (ValueError, RecursionError):
        body = None
    if isinstance(body, dict):
        code = zoom_code(body.get("code") if body.get("code") is not None else body.get("errorCode"))
        message = body.get("message") or body.get("errorMessage") or body.get("reason") or body.get("error_description")
        if body.get("error") and body.get("error") != message:
            message = "%s: %s" % (body["error"], message) if message else body["error"]
        if code is None and message is None:
            message = "unexpected JSON body"
        return code, shorten(str(message))
    if "html" in (content_type or "").lower() or text.startswith("<"):
        return None, "HTML page from a proxy or gateway: %s" % shorten(" ".join(_html_summary(text).split()))
    return None, shorten(" ".join(text.split()))


def _html_summary(text):
    """The page's title, or its text without tags."""
    opened = _TITLE_OPEN.search(text)
    closed = _TITLE_CLOSE.search(text, opened.end()) if opened else None
    if closed:
        return text[opened.end():closed.start()]
    return _TAGS.sub(" ", text)
