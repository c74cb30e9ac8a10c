# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Limits on one HTTP exchange, whatever the server does: time and size.

requests' ``timeout`` bounds each wait for a byte, not the exchange: a server that sends
one byte a second keeps a request alive for ever, and an answer may be any size, or a
small gzip stream that inflates to gigabytes. Here an attempt gets a deadline (a timer
that shuts the connection's socket when it passes, headers included), and the body is
read in pieces, inflated by the collection itself with a cap on what it may produce.
``zoom_http.Transport`` is the only user.
"""

from __future__ import annotations

import socket
import threading
import zlib

try:
    from requests.adapters import HTTPAdapter
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
    from urllib3.poolmanager import pool_classes_by_scheme as STANDARD_POOLS
except ImportError:  # zoom_http reports the missing library
    HTTPAdapter = HTTPConnectionPool = HTTPSConnectionPool = object
    STANDARD_POOLS = None

# The largest answer read, once inflated: a page of 300 records with every field is about
# half a megabyte, so this leaves room for years of new fields.
MAX_BODY_BYTES = 16 * 1024 * 1024
# Error answers only feed a one-line message.
MAX_ERROR_BODY_BYTES = 64 * 1024
CHUNK_BYTES = 64 * 1024
# Only gzip is asked for (Accept-Encoding); a body in any other coding is refused.
ACCEPT_ENCODING = "gzip"
_CODINGS = ("gzip", "x-gzip")

_current = threading.local()


class UnreadableEncoding(Exception):
    """The answer's Content-Encoding is one the collection did not ask for."""


class BrokenEncoding(Exception):
    """The answer's gzip data is broken (cut off or garbled on the way)."""


class Deadline:
    """The time one attempt may take, from connecting to the last byte.

    When it passes, the socket of the connection the attempt is using is shut, which ends
    any wait in progress (a trickle of header or body bytes) with an error; ``expired`` then
    tells the caller that error is the deadline's doing.
    """

    def __init__(self, seconds):
        self.expired = False
        self._connection = None
        self._finished = False
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self):
        _current.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc):
        with self._lock:
            self._finished = True
        self._timer.cancel()
        _current.deadline = None

    def _watch(self, connection):
        with self._lock:
            self._connection = connection

    def _expire(self):
        with self._lock:
            if self._finished:
                return
            self.expired = True
            sock = getattr(self._connection, "sock", None)
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def _watch_connection(connection):
    deadline = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline._watch(connection)  # pylint: disable=protected-access


class _WatchedHTTPPool(HTTPConnectionPool):
    def _get_conn(self, timeout=None):
        connection = super()._get_conn(timeout)
        _watch_connection(connection)
        return connection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    def _get_conn(self, timeout=None):
        connection = super()._get_conn(timeout)
        _watch_connection(connection)
        return connection


def _watch_pools(manager):
    # A SOCKS proxy manager has pool classes of its own: those keep only the per-read timeout.
    if getattr(manager, "pool_classes_by_scheme", None) is STANDARD_POOLS:
        manager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}
    return manager


class DeadlineAdapter(HTTPAdapter):
    """requests' adapter, with connection pools that let a Deadline find the connection in use."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        _watch_pools(self.poolmanager)

    def proxy_manager_for(self, *args, **kwargs):
        return _watch_pools(super().proxy_manager_for(*args, **kwargs))


def read_body(response, limit):
    """The body of a streamed ``requests`` response, inflated, as ``(bytearray, cut)``.

    At most ``limit`` bytes are read and kept; ``cut`` says there was more (the rest is
    never read, nor inflated). Raises UnreadableEncoding for a coding other than gzip and
    BrokenEncoding for broken gzip data. Errors of the connection (urllib3's, or the OSError of a socket the
    deadline shut) are left to the caller.
    """
    inflater = _inflater(response.headers.get("Content-Encoding"))
    # One growing buffer, never a list of pieces joined afterwards: the peak stays near the limit.
    body = bytearray()
    try:
        for chunk in response.raw.stream(CHUNK_BYTES, decode_content=False):
            if inflater is not None:
                # Never more than one byte past the limit, however well the chunk compresses.
                chunk = inflater.decompress(chunk, limit - len(body) + 1)
            body += chunk
            if len(body) > limit:
                del body[limit:]
                return body, True
        if inflater is not None:
            body += inflater.flush()
    except zlib.error as exc:
        raise BrokenEncoding("broken gzip data: %s" % exc) from None
    # Read to the end: the connection goes back to the pool for the next request.
    response.raw.release_conn()
    cut = len(body) > limit
    del body[limit:]
    return body, cut


def _inflater(content_encoding):
    codings = [part.strip().lower() for part in (content_encoding or "").split(",") if part.strip()]
    codings = [coding for coding in codings if coding != "identity"]
    if not codings:
        return None
    if len(codings) == 1 and codings[0] in _CODINGS:
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    raise UnreadableEncoding(", ".join(codings))
