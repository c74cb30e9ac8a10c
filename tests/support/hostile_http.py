# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A tiny HTTP server on 127.0.0.1 that plays a hostile or broken peer, scripted by each test.

Zoom's simulator models Zoom; this one models what Zoom never does: redirects, gzip bombs,
endless or trickled answers, bodies nested ten thousand deep, pages that never end, and
servers that are not Zoom at all (including an HTTP proxy that records what it is asked to
forward). Every request it receives is recorded, with its headers, so a test can say what
reached it (and so which secret would have left the machine); for each answer it records how
many bytes it managed to send before the client hung up.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
import zlib


class Exchange:
    """One request as the server saw it, and how far its answer got."""

    def __init__(self, method, path, headers):
        self.method = method
        self.path = path
        self.headers = dict(headers)
        self.bytes_sent = 0
        self._hung_up = False
        self._done = threading.Event()

    @property
    def hung_up(self):
        """True when the client closed the connection before the whole answer was sent (waits for the answer to end)."""
        self._done.wait(30)
        return self._hung_up


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        exchange = Exchange(self.command, self.path, self.headers.items())
        self.server.hostile.exchanges.append(exchange)
        try:
            self.server.hostile.respond(self, exchange)
        except (BrokenPipeError, ConnectionResetError):
            exchange._hung_up = True  # pylint: disable=protected-access
        finally:
            exchange._done.set()  # pylint: disable=protected-access
        self.close_connection = True

    do_GET = do_POST = do_CONNECT = _handle

    def send(self, exchange, data):
        """Write raw bytes of the answer, counting them."""
        self.wfile.write(data)
        self.wfile.flush()
        exchange.bytes_sent += len(data)

    def log_message(self, *args):
        """Quiet."""


class HostileServer:
    """``respond(handler, exchange)`` writes each answer; see the answer builders below."""

    def __init__(self, respond):
        self.respond = respond
        self.exchanges = []
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.hostile = self
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self._server.server_address[1]

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def authorizations(self):
        """Every Authorization header that reached the server."""
        return [exchange.headers.get("Authorization") for exchange in self.exchanges if exchange.headers.get("Authorization")]


def head(handler, exchange, status, headers):
    """Status line and headers, written at once."""
    lines = ["HTTP/1.1 %d %s" % (status, http.server.BaseHTTPRequestHandler.responses.get(status, ("",))[0])]
    lines += ["%s: %s" % item for item in headers.items()]
    handler.send(exchange, ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))


def answer(handler, exchange, status, body, content_type="application/json", extra=None):
    """A whole answer with a Content-Length; ``body`` is bytes, text or JSON data."""
    if not isinstance(body, (bytes, str)):
        body = json.dumps(body)
    data = body.encode("utf-8") if isinstance(body, str) else body
    headers = {"Content-Type": content_type, "Content-Length": str(len(data)), "Connection": "close"}
    headers.update(extra or {})
    head(handler, exchange, status, headers)
    handler.send(exchange, data)


def token_answer(handler, exchange):
    """What Zoom's OAuth endpoint answers to good credentials."""
    answer(handler, exchange, 200, {"access_token": "hostile-issued-token-0123456789", "token_type": "bearer", "expires_in": 3599})


def gzip_bomb(inflated_bytes):
    """A gzip stream of ``inflated_bytes`` spaces (about a thousandth of that on the wire)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * (1024 * 1024)
    parts = [compressor.compress(block) for dummy in range(inflated_bytes // len(block))]
    parts.append(compressor.flush())
    return b"".join(parts)


def trickle(handler, exchange, data, interval):
    """Send ``data`` one byte at a time, ``interval`` seconds apart."""
    for index in range(len(data)):
        handler.send(exchange, data[index:index + 1])
        time.sleep(interval)
