# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""HTTP transport: one keep-alive session per thread, retries, JSON bodies.

``Transport.request`` returns a ``Reply`` for every final answer, success or not; it only
raises when no usable answer could be had (refused connection, TLS failure, the retries
used up, a wait Zoom asks for that is too long to sit through). Deciding what a 4xx
means is the caller's job.
"""

from __future__ import annotations

import json
import threading
import time
import traceback

try:
    import requests
    from requests.exceptions import ConnectionError as RequestsConnectionError
    from requests.exceptions import ChunkedEncodingError, ContentDecodingError, InvalidHeader, RequestException, SSLError, Timeout
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import (
    ZoomConfigError, ZoomError, ZoomRateLimitError, ZoomTransportError, describe_body, redact,
)
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_retry import (
    MAX_RETRY_AFTER, RETRYABLE_STATUSES, RateLimiter, backoff_delay, is_daily_limit, parse_retry_after,
)

USER_AGENT = "ucops.zoom-ansible"

# Which failures Transport.request resends by itself (its ``retry_on``).
ANY_FAILURE = "any_failure"
REFUSAL = "refusal"


class Reply:
    """A final HTTP answer: status, headers, parsed JSON body, and Zoom's code and message."""

    __slots__ = ("status", "headers", "body", "code", "message")

    def __init__(self, status, headers, body, code=None, message=None):
        self.status = status
        self.headers = headers
        self.body = body
        self.code = code
        self.message = message


class _Retry(Exception):
    """Internal: this attempt failed in a way worth another try."""

    def __init__(self, reason, delay=None, status=None):
        super().__init__(reason)
        self.reason = reason
        self.delay = delay
        self.status = status


class Transport:
    """Sends requests with retries; shared by the threads of one listing.

    ``log`` receives one line per HTTP attempt (method, URL without secrets, status, duration,
    and why it is retried); the module passes ``module.log``, plugins ``Display.vvv``.
    """

    def __init__(self, connection, limiter=None, sleep=time.sleep, clock=time.time, log=None):
        self._connection = connection
        self._local = threading.local()
        self.limiter = limiter or RateLimiter(connection.rate_limit)
        self._sleep = sleep
        self._clock = clock
        self._log = log
        self._lock = threading.Lock()
        self.requests_sent = 0
        self.retries = 0

    def _session(self):
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.verify = self._connection.verify
            session.headers["User-Agent"] = USER_AGENT
            self._local.session = session
        return session

    def request(self, method, url, params=None, headers=None, what="request", body=None, retry_on=ANY_FAILURE):
        """Send until a final answer arrives or the retries are used up.

        ``body`` is sent as JSON. ``retry_on`` says which failures this loop resends by itself:
        ANY_FAILURE (reads), or REFUSAL (writes): only a 429, which Zoom refuses before acting.
        A write that met a 5xx, a reset or a timeout may have been applied, so it goes back to
        the caller, which reads the numbers again before deciding: a 5xx as a Reply with its
        status, no answer at all as a ZoomTransportError. A 2xx is an applied write even when
        its body is empty (204) or cut off.
        """
        attempt = 0
        while True:
            started = time.monotonic()
            try:
                reply = self._attempt(method, url, params, headers, what, body)
            except _Retry as retry:
                if retry_on == REFUSAL and retry.status != 429:
                    self._record(method, url, params, started, retry.status, retry.reason, None, attempt)
                    if retry.status is None:
                        raise ZoomTransportError("Zoom %s got no answer: %s." % (what, retry.reason),
                                                 hint="The change may or may not have been made.") from None
                    return Reply(retry.status, {}, None, None, retry.reason)
                last = attempt >= self._connection.max_retries
                delay = None if last else (retry.delay if retry.delay is not None else backoff_delay(attempt))
                self._record(method, url, params, started, retry.status, retry.reason, delay, attempt)
                if last:
                    raise ZoomTransportError(
                        "Zoom %s failed after %d attempt%s: %s." % (what, attempt + 1, "" if attempt == 0 else "s", retry.reason),
                        hint="Zoom or the network is having trouble; try again later, or raise max_retries or timeout.",
                    ) from None
                with self._lock:
                    self.retries += 1
                self._sleep(delay)
                attempt += 1
                continue
            except ZoomError as exc:
                self._record(method, url, params, started, exc.status, exc.message, None, attempt)
                raise
            self._record(method, url, params, started, reply.status, None, None, attempt)
            return reply

    def _record(self, method, url, params, started, status, reason, delay, attempt):
        """One log line for one attempt; the query is shown without page tokens' bulk and never a secret."""
        if self._log is None:
            return
        line = "ucops.zoom: %s %s -> %s in %d ms" % (
            method, _loggable_url(url, params), status if status is not None else "no answer",
            round((time.monotonic() - started) * 1000))
        if reason:
            line += " (%s)" % reason
        if delay is not None:
            line += "; retry %d of %d in %.1f s" % (attempt + 1, self._connection.max_retries, delay)
        self._log(redact(line))

    def _attempt(self, method, url, params, headers, what, body=None):
        self.limiter.acquire()
        with self._lock:
            self.requests_sent += 1
        try:
            # verify is passed on every request: requests would otherwise let REQUESTS_CA_BUNDLE
            # from the environment replace a ca_path the user gave.
            response = self._session().request(method, url, params=params, headers=headers, json=body,
                                               timeout=self._connection.timeout, verify=self._connection.verify)
        except SSLError as exc:
            raise ZoomTransportError(
                "TLS verification failed for %s: %s." % (_host(url), _root_cause(exc)),
                hint="Give the CA that signed the server certificate with ca_path (ZOOM_CA_PATH); "
                     "validate_certs=false turns verification off and is unsafe.",
            ) from exc
        except Timeout:
            raise _Retry("no answer within %s seconds (timeout)" % self._connection.timeout) from None
        except RequestsConnectionError as exc:
            if _refused(exc):
                raise ZoomTransportError(
                    "Cannot connect to %s: %s." % (_host(url), _root_cause(exc)),
                    hint="Check api_url/oauth_url and that this host can reach Zoom (proxy, firewall, DNS).",
                ) from exc
            raise _Retry("connection lost (%s)" % _root_cause(exc)) from None
        except (ChunkedEncodingError, ContentDecodingError) as exc:
            # The answer broke off or arrived garbled after its headers: as good as a reset.
            raise _Retry("answer cut off (%s)" % _root_cause(exc)) from None
        except InvalidHeader:
            # Its text quotes the header, credentials and all.
            raise ZoomTransportError("Zoom %s failed: a request header holds line breaks or characters HTTP cannot carry." % what) from None
        except RequestException as exc:
            raise ZoomTransportError("Zoom %s failed: %s." % (what, _root_cause(exc))) from exc
        except OSError as exc:
            # requests raises a bare OSError, before connecting, for a CA bundle it cannot find; ca_path
            # is checked up front, so this is REQUESTS_CA_BUNDLE from the environment.
            raise ZoomConfigError(
                "The CA bundle to verify Zoom's certificate cannot be used: %s." % _first_line(exc),
                hint="Check ca_path (ZOOM_CA_PATH), or REQUESTS_CA_BUNDLE when ca_path is not set: it must name a readable PEM file.",
            ) from exc
        return self._reply(response)

    def _reply(self, response):
        status = response.status_code
        headers = response.headers
        self.limiter.observe(headers)
        text = response.text
        if status in RETRYABLE_STATUSES:
            self._retry_status(status, headers, text, response.headers.get("Content-Type"))
        if 200 <= status < 300:
            try:
                body = json.loads(text)
            except ValueError:
                # A 200 that is cut short or empty is a broken transfer, not an answer.
                raise _Retry("HTTP %s with a body that is not complete JSON (%d bytes)" % (status, len(text)), status=status) from None
            return Reply(status, headers, body)
        code, message = describe_body(headers.get("Content-Type"), text)
        try:
            body = json.loads(text) if text else None
        except ValueError:
            body = None
        return Reply(status, headers, body, code, message)

    def _retry_status(self, status, headers, text, content_type):
        code, message = describe_body(content_type, text)
        described = "HTTP %s%s: %s" % (status, ", code %s" % code if code is not None else "", message)
        wait = parse_retry_after(headers.get("Retry-After"), now=self._clock())
        if status == 429 and is_daily_limit(headers):
            raise ZoomRateLimitError(
                "Zoom's daily rate limit for this API is used up (%s); it resets %s." % (described, _when(wait)),
                status=429, code=code,
                hint="Run again after the reset, or spread listings over the day.",
            )
        if wait is not None and wait > MAX_RETRY_AFTER:
            raise ZoomRateLimitError(
                "Zoom asks to wait %s before retrying (%s); that is too long to wait inside a task." % (_when(wait), described),
                status=status, code=code,
                hint="Run again later; lower the request rate with rate_limit if this repeats.",
            )
        raise _Retry(described, delay=wait, status=status)


def _causes(exc):
    """The chain of exceptions behind a requests error, outermost first.

    requests wraps urllib3 errors, which wrap socket and ssl errors; the innermost one says
    what actually happened ("Connection refused", "certificate verify failed").
    """
    chain = []
    cause = exc
    while isinstance(cause, BaseException) and cause not in chain and len(chain) < 12:
        chain.append(cause)
        inner = getattr(cause, "reason", None)
        if not isinstance(inner, BaseException) and cause.args and isinstance(cause.args[0], BaseException):
            inner = cause.args[0]
        cause = inner if isinstance(inner, BaseException) else (cause.__cause__ or cause.__context__)
    return chain


def _refused(exc):
    """True when no connection was established at all (nothing listens, DNS, unreachable).

    Retrying those only delays the failure that a wrong URL deserves; resets and timeouts
    on an established connection are retried.
    """
    names = ("NewConnectionError", "ConnectionRefusedError", "NameResolutionError", "gaierror")
    return any(type(cause).__name__ in names for cause in _causes(exc))


def _root_cause(exc):
    """A short description of the innermost error, without URLs or pool details."""
    cause = _causes(exc)[-1]
    text = " ".join(str(cause).split())
    # urllib3 prefixes "<connection object at 0x...>: "; the part after it is the reason.
    if ">: " in text:
        text = text.split(">: ", 1)[1]
    return (text or type(cause).__name__)[:200]


def _first_line(exc):
    text = " ".join(str(exc).split())
    return (text or type(exc).__name__)[:200]


def _loggable_url(url, params):
    """The URL with its query, each value shortened: page tokens are long and tell a reader nothing."""
    if not params:
        return url
    query = "&".join("%s=%s" % (key, _short(value)) for key, value in params.items())
    return "%s?%s" % (url, query)


def _short(value, limit=24):
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "..."


def _host(url):
    return url.split("://", 1)[-1].split("/", 1)[0]


def _when(seconds):
    if seconds is None:
        return "at a time Zoom did not say"
    at = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(time.time() + seconds))
    return "in %d s (at %s)" % (round(seconds), at)
