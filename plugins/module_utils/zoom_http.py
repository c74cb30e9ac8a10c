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
import re
import threading
import time
import traceback

try:
    import requests
    from requests.exceptions import ConnectionError as RequestsConnectionError
    from requests.exceptions import ChunkedEncodingError, ContentDecodingError, InvalidHeader, RequestException, SSLError, Timeout
    from urllib3.exceptions import HTTPError as Urllib3Error
    from urllib3.exceptions import ReadTimeoutError
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.ucops.zoom.plugins.module_utils.http_limits import (
    ACCEPT_ENCODING, MAX_BODY_BYTES, MAX_ERROR_BODY_BYTES, BrokenEncoding, Deadline, DeadlineAdapter, UnreadableEncoding, read_body,
)
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import (
    ZoomConfigError, ZoomError, ZoomRateLimitError, ZoomResponseError, ZoomTransportError, cut_off_text, describe_body,
    describe_status, is_scope_code, redact, shorten,
)
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_retry import (
    MAX_RETRY_AFTER, RETRYABLE_STATUSES, RateLimiter, api_family, backoff_delay, daily_reset_wait, is_daily_limit,
    retry_wait,
)

# The collection's version, sent in the User-Agent so that Zoom (and a proxy's logs) can tell
# which release made a request. Kept equal to galaxy.yml's version by a unit test.
COLLECTION_VERSION = "0.1.0"
# Zoom's support asks for this header of an error answer to find the request in its logs.
TRACKING_ID_HEADER = "x-zm-trackingid"
_TRACKING_ID_UNSAFE = re.compile(r"[^\x21-\x7e]")


def user_agent():
    """``ucops.zoom/<version> python-requests/<version>``."""
    return "ucops.zoom/%s %s" % (COLLECTION_VERSION, requests.utils.default_user_agent())


def tracking_id_of(headers):
    """The ``x-zm-trackingid`` of an answer, reduced to printable characters and a sane length, or None."""
    value = _TRACKING_ID_UNSAFE.sub("", headers.get(TRACKING_ID_HEADER) or "")[:200]
    return value or None


TIMEOUT_REASON = "no answer within %s seconds (timeout)"

# Which failures Transport.request resends by itself (its ``retry_on``).
ANY_FAILURE = "any_failure"
REFUSAL = "refusal"


class Reply:
    """A final HTTP answer: status, headers, parsed JSON body, Zoom's code and message, and its tracking id."""

    __slots__ = ("status", "headers", "body", "code", "message", "tracking_id")

    def __init__(self, status, headers, body, code=None, message=None, tracking_id=None):
        self.status = status
        self.headers = headers
        self.body = body
        self.code = code
        self.message = message
        self.tracking_id = tracking_id


class _Retry(Exception):
    """Internal: this attempt failed in a way worth another try.

    ``rate_limited`` marks a per-second 429 of ``family`` (see ``zoom_retry.api_family``).
    """

    def __init__(self, reason, delay=None, status=None, code=None, tracking_id=None, rate_limited=False, family=None):
        super().__init__(reason)
        self.reason = reason
        self.delay = delay
        self.status = status
        self.code = code
        self.tracking_id = tracking_id
        self.rate_limited = rate_limited
        self.family = family


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
            # Every attempt runs under a Deadline, which this adapter's pools let find the connection in use.
            for prefix in ("https://", "http://"):
                session.mount(prefix, DeadlineAdapter())
            session.verify = self._connection.verify
            session.headers["User-Agent"] = user_agent()
            session.headers["Accept-Encoding"] = ACCEPT_ENCODING
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
                    return Reply(retry.status, {}, None, retry.code, retry.reason, retry.tracking_id)
                last = attempt >= self._connection.max_retries
                # What Zoom asks for, but never less than the back-off: a Retry-After of 0, or
                # one already past, would otherwise retry at once into the same refusal.
                delay = None if last else max(backoff_delay(attempt), retry.delay or 0.0)
                self._record(method, url, params, started, retry.status, retry.reason, delay, attempt)
                if last:
                    raise _retries_used_up(what, attempt + 1, retry) from None
                if retry.rate_limited:
                    self.limiter.pause(retry.family, delay)
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
        self.limiter.acquire(api_family(url))
        with self._lock:
            self.requests_sent += 1
        deadline = Deadline(self._connection.timeout)
        try:
            try:
                with deadline:
                    response, text = self._exchange(method, url, params, headers, what, body)
                if deadline.expired:
                    # The socket was shut in the middle of the headers, and a part of them was taken as all.
                    raise _Retry(TIMEOUT_REASON % self._connection.timeout)
            except (RequestException, Urllib3Error, OSError):
                # Whatever broke the wait, a deadline that passed shut the socket: it is a timeout.
                if deadline.expired:
                    raise _Retry(TIMEOUT_REASON % self._connection.timeout) from None
                raise
        except SSLError as exc:
            raise ZoomTransportError(
                "TLS verification failed for %s: %s." % (_host(url), _root_cause(exc)),
                hint="Give the CA that signed the server certificate with ca_path (ZOOM_CA_PATH); "
                     "validate_certs=false turns verification off and is unsafe.",
            ) from exc
        except (Timeout, ReadTimeoutError):
            raise _Retry(TIMEOUT_REASON % self._connection.timeout) from None
        except RequestsConnectionError as exc:
            if _refused(exc):
                raise ZoomTransportError(
                    "Cannot connect to %s: %s." % (_host(url), _root_cause(exc)),
                    hint="Check api_url/oauth_url and that this host can reach Zoom (proxy, firewall, DNS).",
                ) from exc
            raise _Retry("connection lost (%s)" % _root_cause(exc)) from None
        except (ChunkedEncodingError, ContentDecodingError, BrokenEncoding, Urllib3Error) as exc:
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
        return self._reply(response, text)

    def _exchange(self, method, url, params, headers, what, body=None):
        """Send one request and read its answer within the size limits; return ``(response, body text)``.

        Redirects are not followed: one could send the credentials to another host.
        """
        # verify is passed on every request: requests would otherwise let REQUESTS_CA_BUNDLE
        # from the environment replace a ca_path the user gave.
        response = self._session().request(method, url, params=params, headers=headers, json=body, timeout=self._connection.timeout,
                                           verify=self._connection.verify, stream=True, allow_redirects=False)
        try:
            status = response.status_code
            if 300 <= status < 400:
                raise ZoomTransportError(
                    "Zoom %s was answered with a redirect (HTTP %s) to %s; redirects are not followed." % (
                        what, status, shorten(response.headers.get("Location") or "nowhere", 120)),
                    status=status,
                    hint="Check api_url and oauth_url: they must be Zoom's own URLs, not one that forwards elsewhere.")
            successful = 200 <= status < 300
            try:
                data, cut = read_body(response, MAX_BODY_BYTES if successful else MAX_ERROR_BODY_BYTES)
            except UnreadableEncoding as exc:
                raise ZoomResponseError("Zoom answered %s in a Content-Encoding the collection did not ask for (%s)." % (what, shorten(str(exc), 40)),
                                        status=status, hint="Check api_url and oauth_url, and any proxy between this host and Zoom.") from None
            if cut and successful:
                raise ZoomResponseError(
                    "Zoom answered %s with a body larger than %d MiB; it was not read to the end." % (what, MAX_BODY_BYTES // 1048576),
                    status=status, hint="A page of Zoom's API is far smaller: check api_url and oauth_url.")
            text = _decode(data, response.encoding)
        finally:
            response.close()
        return response, cut_off_text(text) if cut else text

    def _reply(self, response, text):
        status = response.status_code
        headers = response.headers
        family = api_family(response.url or "")
        self.limiter.observe(family, headers)
        tracking_id = tracking_id_of(headers)
        if 200 <= status < 300:
            try:
                body = json.loads(text)
            except RecursionError:
                raise ZoomResponseError("Zoom answered with JSON nested too deeply to read (HTTP %s, %d bytes)." % (status, len(text)),
                                        status=status, hint="Check api_url and oauth_url: Zoom's answers are never nested like that.") from None
            except ValueError:
                # A 200 that is cut short or empty is a broken transfer, not an answer.
                raise _Retry("HTTP %s with a body that is not complete JSON (%d bytes)" % (status, len(text)),
                             status=status, tracking_id=tracking_id) from None
            return Reply(status, headers, body, tracking_id=tracking_id)
        code, message = describe_body(headers.get("Content-Type"), text)
        # A token without the scopes is refused for good, whatever status carries the refusal.
        if status in RETRYABLE_STATUSES and not is_scope_code(code):
            self._retry_status(status, headers, code, message, tracking_id, family)
        try:
            body = json.loads(text) if text else None
        except (ValueError, RecursionError):
            body = None
        return Reply(status, headers, body, code, message, tracking_id)

    def _retry_status(self, status, headers, code, message, tracking_id, family):
        described = describe_status(status, code, message)
        now = self._clock()
        if status == 429 and is_daily_limit(headers, message):
            raise ZoomRateLimitError(
                "Zoom's daily rate limit for this API is used up (%s); it resets %s." % (described, _when(daily_reset_wait(headers, now))),
                status=429, code=code, tracking_id=tracking_id,
                hint="Run again after the reset, or spread listings over the day.",
            )
        wait = retry_wait(headers, now)
        if wait is not None and wait > MAX_RETRY_AFTER:
            raise ZoomRateLimitError(
                "Zoom asks to wait %s before retrying (%s); that is too long to wait inside a task." % (_when(wait), described),
                status=status, code=code, tracking_id=tracking_id,
                hint="Run again later; lower the request rate with rate_limit if this repeats.",
            )
        raise _Retry(described, delay=wait, status=status, code=code, tracking_id=tracking_id,
                     rate_limited=status == 429, family=family)


def _retries_used_up(what, attempts, retry):
    """The failure once the last retry failed too; a rate limit is named as one, not as network trouble."""
    tries = "%d attempt%s" % (attempts, "" if attempts == 1 else "s")
    if retry.rate_limited:
        return ZoomRateLimitError(
            "Zoom %s was still refused by Zoom's per-second rate limit after %s: %s." % (what, tries, retry.reason),
            status=retry.status, code=retry.code, tracking_id=retry.tracking_id,
            hint="The account's limit is shared by every app and process using it: set rate_limit lower (Zoom allows "
                 "10 requests per second for phone numbers on Pro accounts), run fewer forks or queries at once, "
                 "or raise max_retries.",
        )
    return ZoomTransportError(
        "Zoom %s failed after %s: %s." % (what, tries, retry.reason), status=retry.status, code=retry.code,
        tracking_id=retry.tracking_id,
        hint="Zoom or the network is having trouble; try again later, or raise max_retries or timeout.",
    )


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
    return shorten(text or type(cause).__name__, 200)


def _first_line(exc):
    text = " ".join(str(exc).split())
    return shorten(text or type(exc).__name__, 200)


def _decode(data, charset):
    """Body bytes as text, in the answer's charset (UTF-8 when it names none or one Python does not know)."""
    try:
        return data.decode(charset or "utf-8", "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


def _loggable_url(url, params):
    """The URL with its query, each value shortened: page tokens are long and tell a reader nothing."""
    if not params:
        return url
    query = "&".join("%s=%s" % (key, _short(value)) for key, value in params.items())
    return "%s?%s" % (url, query)


def _short(value, limit=24):
    return shorten(str(value), limit)


def _host(url):
    return url.split("://", 1)[-1].split("/", 1)[0]


def _when(seconds):
    at = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(time.time() + seconds))
    return "in %s (at %s)" % (_duration(seconds), at)


def _duration(seconds):
    """``42 s``, ``3 min 20 s`` or ``5 h 12 min``."""
    seconds = int(round(seconds))
    if seconds < 60:
        return "%d s" % seconds
    if seconds < 3600:
        return "%d min %d s" % (seconds // 60, seconds % 60)
    return "%d h %d min" % (seconds // 3600, seconds % 3600 // 60)
