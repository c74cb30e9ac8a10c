# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Server-to-Server OAuth access tokens: fetched lazily, reused, shared between processes.

Zoom documents that several tokens of one app may be valid at once, but users keep
reporting that a new token revoked the older ones. Every task and fork of a playbook run
asking for its own token is then how long listings die halfway. So one token is shared
through a small file that only the user can read (0600 in a 0700 folder), never holding
the secret. A lock file makes concurrent processes wait for the one that is fetching
instead of each fetching their own.

The folder is opened once per use without following a symbolic link, checked (it must
belong to the user and be closed to others) through that open descriptor, and every file
in it is opened relative to the descriptor, again without following links: swapping the
folder or planting a link after the check changes nothing. Files are named by an HMAC of
account, client, secret and OAuth URL under a random key kept in the folder (a wrong
secret never finds a good token, and a file name says nothing about the secret).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import stat
import threading
import time

try:
    import fcntl
except ImportError:  # pragma: no cover - non-POSIX controllers share nothing
    fcntl = None

from ansible_collections.ucops.zoom.plugins.module_utils.private_files import make_private_folders
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_connection import HEADER_SAFE
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomAuthError, ZoomResponseError, describe_status, register_secret

# Statuses that say no token endpoint lives at oauth_url at all, whatever the credentials.
NOT_A_TOKEN_ENDPOINT = frozenset((404, 405, 410))

# Renew this many seconds before Zoom's expiry so a token never dies in the middle of a page.
EXPIRY_MARGIN = 60
CACHE_FORMAT = 1
# The folder's random key for file names, and how much of any file in the folder is ever read.
NAME_KEY_FILE = "names.key"
NAME_KEY_BYTES = 32
MAX_FILE_BYTES = 64 * 1024
# What sharing needs from the system: descriptors that refuse links, and calls relative to a folder.
SUPPORTED = (fcntl is not None and hasattr(os, "O_NOFOLLOW") and hasattr(os, "O_DIRECTORY")
             and os.open in os.supports_dir_fd and os.rename in os.supports_dir_fd and os.link in os.supports_dir_fd)


def default_cache_dir():
    """The shared token folder when ``token_cache`` is not set."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "ucops.zoom", "tokens")


def cache_key(connection, key):
    """A file name for these credentials that reveals none of them: an HMAC under the folder's ``key`` (bytes)."""
    material = "\0".join(("ucops.zoom token v2", connection.account_id, connection.client_id,
                          connection.client_secret, connection.oauth_url))
    return hmac.new(key, material.encode("utf-8"), hashlib.sha256).hexdigest()


class TokenFile:
    """The shared token file for one set of credentials.

    A folder or file that is a symbolic link, belongs to someone else, or that others can
    read or write is ignored (never read, never written): a token there could have been
    read, or planted, by someone else.
    """

    def __init__(self, folder, connection, warn=None):
        self.folder = os.path.abspath(os.path.expanduser(folder))
        self._connection = connection
        self._warn = warn
        self._warned = False
        self._stem = None

    @property
    def path(self):
        """The token file's path once its name is known (the folder's key has been read), else None."""
        return os.path.join(self.folder, self._stem + ".json") if self._stem else None

    def _private(self, info, path, kind=stat.S_IFREG):
        if stat.S_IFMT(info.st_mode) == kind and info.st_uid == os.getuid() and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            return True
        if self._warn and not self._warned:
            self._warned = True
            self._warn("Ignoring the shared Zoom token cache at %s: it must belong to you and be "
                       "private (folder 0700, file 0600). Each process will fetch its own token." % path)
        return False

    @contextlib.contextmanager
    def _opened_folder(self, create):
        """A descriptor of the folder when it is safe to use, else None; closed afterwards."""
        fd = None
        if SUPPORTED:
            try:
                if create:
                    make_private_folders(self.folder)
                fd = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
            except OSError:
                # Missing, not a folder, or a symbolic link (O_NOFOLLOW refuses it): only the last deserves a word.
                if os.path.islink(self.folder):
                    self._private(os.lstat(self.folder), self.folder, stat.S_IFDIR)
            if fd is not None and not self._private(os.fstat(fd), self.folder, stat.S_IFDIR):
                os.close(fd)
                fd = None
        try:
            yield fd
        finally:
            if fd is not None:
                os.close(fd)

    def _read_private(self, fd, name):
        """The bytes of file ``name`` in the folder, or None when absent, a link, not private or unreadable."""
        try:
            file_fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=fd)
        except FileNotFoundError:
            return None
        except OSError:
            # A symbolic link (O_NOFOLLOW refused it) or something else that is not a plain file.
            try:
                self._private(os.stat(name, dir_fd=fd, follow_symlinks=False), os.path.join(self.folder, name))
            except OSError:
                pass
            return None
        with os.fdopen(file_fd, "rb") as handle:
            if not self._private(os.fstat(handle.fileno()), os.path.join(self.folder, name)):
                return None
            try:
                return handle.read(MAX_FILE_BYTES)
            except OSError:
                return None

    def _replace(self, fd, name, data):
        """Atomically replace file ``name`` in the folder with ``data``, 0600; True when done."""
        temporary = ".tmp-%s" % os.urandom(8).hex()
        try:
            file_fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=fd)
        except OSError:
            return False
        try:
            with os.fdopen(file_fd, "wb") as handle:
                handle.write(data)
            if name == NAME_KEY_FILE:
                # Never replace a key another process wrote first: its token file is named with it.
                try:
                    os.link(temporary, name, src_dir_fd=fd, dst_dir_fd=fd)
                except FileExistsError:
                    pass
            else:
                # On POSIX a rename replaces the target atomically (os.replace takes no folder descriptors everywhere).
                os.rename(temporary, name, src_dir_fd=fd, dst_dir_fd=fd)
            return True
        except OSError:
            return False
        finally:
            try:
                os.unlink(temporary, dir_fd=fd)
            except OSError:
                pass

    def _name(self, fd, create):
        """The token file's name stem, from the folder's key (made on first write); None when unusable."""
        if self._stem is None:
            key = self._read_private(fd, NAME_KEY_FILE)
            if key is None and create and self._replace(fd, NAME_KEY_FILE, os.urandom(NAME_KEY_BYTES).hex().encode("ascii")):
                key = self._read_private(fd, NAME_KEY_FILE)
            try:
                key = bytes.fromhex(key.decode("ascii")) if key else b""
            except ValueError:
                key = b""
            if len(key) != NAME_KEY_BYTES:
                return None
            self._stem = cache_key(self._connection, key)
        return self._stem

    def read(self):
        """Return ``(token, expires_at)`` from the file, or None when absent, unsafe or unreadable."""
        with self._opened_folder(create=False) as fd:
            name = self._name(fd, create=False) if fd is not None else None
            raw = self._read_private(fd, name + ".json") if name else None
        try:
            data = json.loads(raw.decode("utf-8")) if raw else None
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
            return None
        token, expires_at = data.get("access_token"), data.get("expires_at")
        if not isinstance(token, str) or not isinstance(expires_at, (int, float)):
            return None
        return token, float(expires_at)

    def write(self, token, expires_at):
        """Atomically replace the file (0600) with this token."""
        payload = json.dumps({"format": CACHE_FORMAT, "access_token": token, "expires_at": expires_at})
        with self._opened_folder(create=True) as fd:
            name = self._name(fd, create=True) if fd is not None else None
            if name:
                self._replace(fd, name + ".json", payload.encode("utf-8"))

    def locked(self):
        """A context manager holding the cross-process lock for these credentials."""
        return _FileLock(self)


class _FileLock:
    """An exclusive lock on the credentials' ``.lock`` file in the folder (nothing when the folder is unusable)."""

    def __init__(self, token_file):
        self._token_file = token_file
        self._fd = None

    def __enter__(self):
        token_file = self._token_file
        with token_file._opened_folder(create=True) as folder:  # pylint: disable=protected-access
            name = token_file._name(folder, create=True) if folder is not None else None  # pylint: disable=protected-access
            if name:
                try:
                    self._fd = os.open(name + ".lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600, dir_fd=folder)
                    fcntl.flock(self._fd, fcntl.LOCK_EX)
                except OSError:
                    self._close()
        return self

    def __exit__(self, *exc):
        self._close()

    def _close(self):
        if self._fd is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            except OSError:
                pass
            finally:
                os.close(self._fd)
                self._fd = None


class TokenProvider:
    """Hands out a valid access token and renews it when Zoom rejects it.

    ``transport`` is a ``zoom_http.Transport``; it retries the OAuth request like any other.
    """

    def __init__(self, connection, transport, clock=time.time, warn=None):
        self._connection = connection
        self._transport = transport
        self._clock = clock
        self._lock = threading.Lock()
        self._token = connection.access_token
        self._expires_at = float("inf") if connection.access_token else 0.0
        self.fetched = 0
        self._file = None
        if not connection.access_token and connection.token_cache is not False:
            folder = connection.token_cache or default_cache_dir()
            self._file = TokenFile(folder, connection, warn=warn)

    @property
    def static(self):
        """True when the user gave an access_token: it cannot be renewed."""
        return bool(self._connection.access_token)

    def token(self):
        """A token valid for at least EXPIRY_MARGIN more seconds."""
        with self._lock:
            if self._fresh(self._token, self._expires_at):
                return self._token
            return self._obtain(rejected=None)

    def renew(self, rejected):
        """Zoom answered 401 to ``rejected``: get another token (from the file or from Zoom)."""
        if self.static:
            raise ZoomAuthError(
                "Zoom rejected the access_token (expired or revoked).",
                status=401, code=124,
                hint="Give a fresh access_token, or use account_id, client_id and client_secret so tokens are renewed automatically.",
            )
        with self._lock:
            if self._token and self._token != rejected and self._fresh(self._token, self._expires_at):
                return self._token
            return self._obtain(rejected=rejected)

    def _fresh(self, token, expires_at):
        return bool(token) and self._clock() < expires_at - EXPIRY_MARGIN

    def _adopt(self, token, expires_at):
        register_secret(token)
        self._token, self._expires_at = token, expires_at
        return token

    def _from_file(self, rejected):
        if self._file is None:
            return None
        found = self._file.read()
        if found and found[0] != rejected and self._fresh(*found):
            return self._adopt(*found)
        return None

    def _obtain(self, rejected):
        token = self._from_file(rejected)
        if token:
            return token
        if self._file is None:
            return self._adopt(*self._fetch())
        with self._file.locked():
            # Another process may have fetched while this one waited for the lock.
            token = self._from_file(rejected)
            if token:
                return token
            token, expires_at = self._fetch()
            self._file.write(token, expires_at)
            return self._adopt(token, expires_at)

    def _fetch(self):
        connection = self._connection
        credentials = "%s:%s" % (connection.client_id, connection.client_secret)
        basic = base64.b64encode(credentials.encode("utf-8")).decode("ascii")
        # The encoded pair is the secret in another form: a server or proxy that quotes the
        # request back in its error must not put it into a message.
        register_secret(basic)
        headers = {"Authorization": "Basic " + basic, "Accept": "application/json"}
        params = {"grant_type": "account_credentials", "account_id": connection.account_id}
        started = self._clock()
        reply = self._transport.request("POST", connection.oauth_url, params=params, headers=headers, what="OAuth token request")
        self.fetched += 1
        if reply.status != 200:
            raise oauth_error(connection.oauth_url, reply)
        body = reply.body
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise ZoomResponseError("Zoom OAuth answered HTTP 200 without an access_token.",
                                    hint="Check oauth_url: it must point at Zoom's token endpoint.")
        register_secret(token)
        if not HEADER_SAFE.match(token):
            # requests would quote the whole Authorization header in its error.
            raise ZoomResponseError("Zoom OAuth answered with an access token that cannot be sent in an HTTP header.",
                                    hint="Check oauth_url: it must point at Zoom's token endpoint.")
        lifetime = body.get("expires_in")
        if isinstance(lifetime, bool) or not isinstance(lifetime, (int, float)) or lifetime <= 0:
            lifetime = 3600
        return token, started + float(lifetime)


def oauth_error(oauth_url, reply):
    """The failure for a token request that was not answered 200.

    A 404 (or 405, 410) means nothing at ``oauth_url`` issues tokens: the URL is wrong, not
    the credentials.
    """
    described = describe_status(reply.status, reply.code, reply.message)
    details = {"status": reply.status, "code": reply.code, "tracking_id": reply.tracking_id}
    if reply.status in NOT_A_TOKEN_ENDPOINT:
        return ZoomAuthError(
            "The OAuth URL %s answered %s: no token endpoint there." % (oauth_url, described),
            hint="Check oauth_url (ZOOM_OAUTH_URL): Zoom's token endpoint is https://zoom.us/oauth/token "
                 "(ZoomGov: https://zoomgov.com/oauth/token); leave it unset for Zoom's own.",
            **details)
    return ZoomAuthError(
        "Zoom OAuth refused the credentials (%s)." % described,
        hint="Check account_id, client_id and client_secret: they must come from an activated Server-to-Server "
             "OAuth app with the scope phone:read:admin (or phone:read:list_numbers:admin).",
        **details)
