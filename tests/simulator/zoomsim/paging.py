# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Opaque, tamper-proof page tokens and the offset paging built on them.

A token holds the offset of the next page, the page size it was issued with and its issue
time, encrypted with a per-simulator key and authenticated with an HMAC that also covers
the filter set, so a token only works with the filters it was issued for.
"""

import base64
import binascii
import hashlib
import hmac
import secrets
import struct
import time
from typing import Optional

_PLAIN = struct.Struct(">IHQ")  # offset, page size, issue time in milliseconds
_NONCE = 4
_MAC = 10


class InvalidPageToken(ValueError):
    """The token is forged, damaged, bound to other filters or expired."""


def _scope_bytes(scope: tuple) -> bytes:
    """Serialise a filter key so it can be authenticated."""
    return repr(scope).encode("utf-8")


class PageTokenCodec:
    """Issues and checks page tokens with a key that lives as long as the simulator."""

    def __init__(self, key: Optional[bytes] = None, clock=None):
        self._key = key or secrets.token_bytes(32)
        self._now = clock.now if clock is not None else time.time

    def _stream(self, nonce: bytes) -> bytes:
        """Keystream that hides the offset, so tokens do not reveal or invite arithmetic."""
        return hmac.new(self._key, b"stream" + nonce, hashlib.sha256).digest()[:_PLAIN.size]

    def _mac(self, nonce: bytes, cipher: bytes, scope: tuple) -> bytes:
        """Authentication tag over the token body and the filter set it belongs to."""
        message = b"mac" + nonce + cipher + _scope_bytes(scope)
        return hmac.new(self._key, message, hashlib.sha256).digest()[:_MAC]

    def encode(self, offset: int, page_size: int, scope: tuple, issued: Optional[float] = None) -> str:
        """Return a token for the page starting at ``offset``."""
        issued_ms = int((self._now() if issued is None else issued) * 1000)
        plain = _PLAIN.pack(offset, page_size, issued_ms)
        nonce = secrets.token_bytes(_NONCE)
        cipher = bytes(a ^ b for a, b in zip(plain, self._stream(nonce)))
        raw = nonce + cipher + self._mac(nonce, cipher, scope)
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    def decode(self, token: str, scope: tuple, ttl: float) -> tuple:
        """Return ``(offset, page_size)`` or raise InvalidPageToken."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        except (binascii.Error, ValueError) as exc:
            raise InvalidPageToken("not base64") from exc
        if len(raw) != _NONCE + _PLAIN.size + _MAC:
            raise InvalidPageToken("wrong length")
        nonce, cipher, tag = raw[:_NONCE], raw[_NONCE:-_MAC], raw[-_MAC:]
        if not hmac.compare_digest(tag, self._mac(nonce, cipher, scope)):
            raise InvalidPageToken("bad signature or other filters")
        offset, size, issued_ms = _PLAIN.unpack(bytes(a ^ b for a, b in zip(cipher, self._stream(nonce))))
        if self._now() * 1000 - issued_ms > ttl * 1000:
            raise InvalidPageToken("expired")
        return offset, size


def start_offset(token_offset: int, token_page_size: int, page_size: int) -> int:
    """Offset a token points at when the client asks for ``page_size`` records.

    A server that stores a page number rather than an offset skips or repeats records when
    the page size changes mid-cursor; this reproduces that: page index times the new size.
    """
    if token_page_size in (page_size, 0):
        return token_offset
    return (token_offset // token_page_size) * page_size


def paginate(items: list, size: int, offset: int, scope: tuple, codec: PageTokenCodec) -> tuple:
    """Return ``(page, next_page_token)``; the token is empty on the last page."""
    page = items[offset:offset + size]
    end = offset + size
    token = codec.encode(end, size, scope) if end < len(items) else ""
    return page, token
