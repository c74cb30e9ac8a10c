# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Server-to-Server OAuth: the token endpoint and the access-token store with its policies."""

import base64
import binascii
import hmac
import secrets
import threading
import time
from typing import Optional
from urllib.parse import parse_qs

from .errors import ApiError
from .reply import Reply, json_reply
from .settings import Settings, parse_token_policy

_MAX_KEPT = 50000
INVALID_TOKEN = "Invalid access token."
EXPIRED_TOKEN = "Access token is expired."


class TokenRefused(Exception):
    """A missing, unknown, revoked or expired access token; the message says which."""


def token_error(settings: Settings, message: str) -> ApiError:
    """The answer to a refused token, in the status and body style the settings ask for."""
    if settings.error_style == "status_errorcode":
        # The other body Zoom services have answered with: no "code", a boolean status.
        body = {"status": False, "errorCode": 401, "errorMessage": message}
    else:
        body = {"code": 124, "message": message}
    return ApiError(settings.invalid_token_status, body)


class TokenStore:
    """Issued access tokens, each with its own expiry and issue order.

    Policies: ``multi`` keeps every unexpired token valid; ``revoke_old`` revokes all older
    tokens when one is issued; ``max_live:K`` keeps only the K newest valid (checked at use).
    """

    def __init__(self, clock=None):
        self._lock = threading.Lock()
        self._tokens = {}
        self._serial = 0
        self._revoked_upto = 0
        self._now = clock.now if clock is not None else time.time

    def issue(self, ttl: float, policy: str, scopes=()) -> str:
        """Create a token valid for ``ttl`` seconds under ``policy``, carrying ``scopes``."""
        mode, _unused = parse_token_policy(policy)
        token = secrets.token_urlsafe(48)
        with self._lock:
            if mode == "revoke_old":
                self._revoked_upto = self._serial
            self._serial += 1
            self._tokens[token] = (self._serial, self._now() + ttl, frozenset(scopes))
            if len(self._tokens) > _MAX_KEPT:
                # Forget the oldest half; they answer "invalid" afterwards, as unknown tokens do.
                for stale in list(self._tokens)[:_MAX_KEPT // 2]:
                    del self._tokens[stale]
        return token

    def revoke_all(self) -> None:
        """Revoke every token issued so far."""
        with self._lock:
            self._revoked_upto = self._serial

    def check(self, token: Optional[str], policy: str) -> frozenset:
        """Return the scopes of ``token``, or raise TokenRefused unless it is currently valid."""
        mode, keep = parse_token_policy(policy)
        with self._lock:
            entry = self._tokens.get(token) if token else None
            newest, revoked_upto = self._serial, self._revoked_upto
        if entry is None:
            raise TokenRefused(INVALID_TOKEN)
        serial, expires_at, scopes = entry
        if serial <= revoked_upto or (mode == "max_live" and serial <= newest - keep):
            raise TokenRefused(INVALID_TOKEN)
        if self._now() >= expires_at:
            raise TokenRefused(EXPIRED_TOKEN)
        return scopes


def bearer_token(authorization: Optional[str]) -> Optional[str]:
    """Return the token of an ``Authorization: Bearer`` header, or None."""
    if not authorization:
        return None
    scheme, _sep, value = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _basic_credentials(authorization: Optional[str]) -> Optional[tuple]:
    """Return ``(client_id, client_secret)`` from a Basic header, or None."""
    if not authorization:
        return None
    scheme, _sep, value = authorization.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return (client_id, secret) if sep else None


def _oauth_error(status: int, error: str, reason: str) -> ApiError:
    """Build an error in the token endpoint's own ``{"reason", "error"}`` format."""
    return ApiError(status, {"reason": reason, "error": error})


def _same(given: str, expected: str) -> bool:
    """Compare secrets in constant time."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def token_endpoint(request, settings: Settings, store: TokenStore, api_url: str) -> Reply:
    """Answer POST /oauth/token with grant_type=account_credentials.

    Checks run in this order: client credentials (401), grant type (400), account id (400).
    Parameters are read from the query string and, as Zoom also accepts, a form body.
    """
    if request.method != "POST":
        raise _oauth_error(405, "invalid_request", "Method Not Allowed")
    params = {name: list(values) for name, values in request.query.items()}
    if request.body and "application/x-www-form-urlencoded" in (request.headers.get("Content-Type") or ""):
        for name, values in parse_qs(request.body.decode("utf-8", "replace"), keep_blank_values=True).items():
            params.setdefault(name, []).extend(values)
    credentials = _basic_credentials(request.headers.get("Authorization"))
    if credentials is None or not (_same(credentials[0], settings.client_id) and _same(credentials[1], settings.client_secret)):
        raise _oauth_error(401, "invalid_client", "Invalid client_id or client_secret")
    if params.get("grant_type", [""])[0] != "account_credentials":
        raise _oauth_error(400, "unsupported_grant_type", "unsupported grant type")
    account = params.get("account_id", [""])[0]
    if not account:
        raise _oauth_error(400, "invalid_request", "Missing account_id")
    if account != settings.account_id:
        raise _oauth_error(400, "invalid_request", "Invalid request : Bad Request")
    ttl = settings.token_ttl
    scopes = list(settings.token_scopes)
    token = store.issue(ttl, settings.token_policy, scopes)
    return json_reply(200, {
        "access_token": token,
        "token_type": "bearer",
        "expires_in": int(ttl),
        # Space-separated, in the order configured, as Zoom's token answer lists them.
        "scope": " ".join(scopes),
        "api_url": api_url,
    })
