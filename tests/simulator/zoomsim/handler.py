# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The HTTP layer: a threaded HTTP/1.1 keep-alive server that hands requests to the pipeline."""

import socket
import ssl
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional
from urllib.parse import urlsplit

from . import control
from .reply import Reply
from .service import ApiRequest

CONTROL_PREFIX = "/_sim"


class SimServer(ThreadingHTTPServer):
    """Threaded server that remembers open connections so stop() can close idle keep-alives."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, sim, tls_context: Optional[ssl.SSLContext] = None, log: bool = False):
        self.sim = sim
        self.tls_context = tls_context
        self.log = log
        self._connections = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, Handler)

    def track(self, connection, active: bool) -> None:
        """Add or drop a connection from the open set."""
        with self._connections_lock:
            if active:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def close_connections(self) -> None:
        """Shut down every open connection so its handler thread ends."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address) -> None:
        """Stay quiet about clients that went away or failed the TLS handshake."""
        if self.log:
            super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    """Reads a request, passes it on, writes the reply with Content-Length (keep-alive safe)."""

    protocol_version = "HTTP/1.1"
    # A buffered writer sends headers and body in one segment; written separately, Nagle's
    # algorithm and delayed ACKs would add about 40 ms to every keep-alive response.
    wbufsize = 64 * 1024

    def version_string(self) -> str:
        """The Server header."""
        return "zoomsim/1.0"

    def setup(self) -> None:
        """Wrap TLS per connection here, so a slow handshake never blocks accept()."""
        if self.server.tls_context is not None:
            self.request = self.server.tls_context.wrap_socket(self.request, server_side=True)
        super().setup()
        try:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        self.server.track(self.connection, True)

    def finish(self) -> None:
        """Close this connection's files and forget it."""
        try:
            super().finish()
        except OSError:
            pass
        finally:
            self.server.track(self.connection, False)
            if self.server.tls_context is not None:
                # The server only knows the raw socket, which TLS wrapping detached.
                self.connection.close()

    def log_message(self, format, *args) -> None:  # pylint: disable=redefined-builtin
        """Log requests only when asked to (--log)."""
        if self.server.log:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")

    def _dispatch(self) -> None:
        """Route to the control endpoints or the API pipeline."""
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        if parts.path == CONTROL_PREFIX or parts.path.startswith(CONTROL_PREFIX + "/"):
            self._send(control.handle(self.server.sim, self.command, parts.path, parts.query, body))
            return
        request = ApiRequest(self.command, parts.path, parts.query, self.headers, body)
        self.server.sim.service.serve(request, self._send)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _dispatch

    def _send(self, reply: Reply) -> None:
        """Write a reply, or abort the connection for a reset fault."""
        if reply.reset:
            self._reset()
            return
        body = reply.encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def _reset(self) -> None:
        """Close with SO_LINGER 0 so the client sees a TCP reset, not a clean end of stream."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        # The socket only really closes once its file objects are closed too.
        self.rfile.close()
        self.wfile.close()
        self.connection.close()
