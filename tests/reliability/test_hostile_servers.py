# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Servers that are not Zoom, or a Zoom that misbehaves: the client stays within its limits and says so in one line.

Each test starts a tiny hostile server on 127.0.0.1 (tests/support/hostile_http.py) and lists
through the collection's own client, built as the module builds it. What the tests hold the
client to: a gzip bomb or an endless answer fails clearly with memory bounded (traced with
tracemalloc); an answer trickled one byte at a time, headers or body, ends at the timeout (the
server counts the bytes it got to send, which its own pacing turns into time); redirects are
refused, naming the target, which receives nothing; bodies nested too deeply, error pages that
would take quadratic time to summarise, and pages that never end fail with a message; and a
credential echoed back after any amount of padding leaves no 8-character piece in any output.
"""

from __future__ import annotations

import base64
import json
import tracemalloc

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_connection
from ansible_collections.ucops.zoom.plugins.module_utils.http_limits import MAX_BODY_BYTES, MAX_ERROR_BODY_BYTES
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import (
    ZoomError, ZoomPagingError, ZoomResponseError, ZoomTransportError,
)

from ansible_runs import module_result  # pylint: disable=import-error
import hostile_http as hostile  # pylint: disable=import-error

TOKEN = "hostile-test-access-token-0123456789"
SECRET = "Kq8-hostile-never-print-this-secret-77"
CLIENT_ID = "hostile-client"
# A memory ceiling far below what reading the answers whole would take (they inflate to 64 MiB and more).
MEMORY_CEILING = 3 * MAX_BODY_BYTES
BOMB = hostile.gzip_bomb(64 * 1024 * 1024)


def token_options(server, **extra):
    """Options for a listing with a ready token against ``server`` (no OAuth request)."""
    options = {"access_token": TOKEN, "api_url": server.url + "/v2", "token_cache": "false", "timeout": 10, "max_retries": 0}
    options.update(extra)
    return options


def app_options(oauth_server, api_server, **extra):
    options = {"account_id": "acct", "client_id": CLIENT_ID, "client_secret": SECRET, "oauth_url": oauth_server.url + "/oauth/token",
               "api_url": api_server.url + "/v2", "token_cache": "false", "timeout": 10, "max_retries": 0}
    options.update(extra)
    return options


def listing_failure(options, log=None):
    """The ZoomError a module listing with ``options`` fails with."""
    with pytest.raises(ZoomError) as failure:
        module_result(zoom_connection.connection_from_options(options), options, log=log)
    text = str(failure.value)
    assert "\n" not in text and "Traceback" not in text
    return failure.value


def traced_failure(options):
    """The failure, and the peak of memory the listing allocated on the way."""
    tracemalloc.start()
    try:
        error = listing_failure(options)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return error, peak


def test_a_gzip_bomb_fails_clearly_with_memory_bounded():
    def respond(handler, exchange):
        hostile.answer(handler, exchange, 200, BOMB, extra={"Content-Encoding": "gzip"})

    with hostile.HostileServer(respond) as server:
        error, peak = traced_failure(token_options(server))
    assert isinstance(error, ZoomResponseError)
    assert "with a body larger than %d MiB" % (MAX_BODY_BYTES // 1048576) in str(error)
    assert peak < MEMORY_CEILING, "the listing held %d MiB" % (peak // 1048576)


def test_an_endless_answer_fails_clearly_with_memory_bounded():
    def respond(handler, exchange):
        hostile.head(handler, exchange, 200, {"Content-Type": "application/json", "Connection": "close"})
        handler.send(exchange, b'{"phone_numbers": [')
        record = b'{"id": "x", "number": "+14155550123"},' * 1000
        while True:
            handler.send(exchange, record)

    with hostile.HostileServer(respond) as server:
        error, peak = traced_failure(token_options(server, timeout=60))
        assert server.exchanges[0].hung_up, "the client stopped reading"
    assert isinstance(error, ZoomResponseError) and "larger than" in str(error)
    assert peak < MEMORY_CEILING, "the listing held %d MiB" % (peak // 1048576)


INTERVAL = 0.05
TIMEOUT = 1.0


@pytest.mark.parametrize("part", ["headers", "body"])
def test_an_answer_trickled_byte_by_byte_ends_at_the_timeout(part):
    body = json.dumps({"next_page_token": "", "total_records": 0, "phone_numbers": []}).encode("ascii") + b" " * 400
    wire = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\nX-Padding: %s\r\n\r\n"
            % (len(body), "p" * 400)).encode("ascii")

    def respond(handler, exchange):
        if part == "headers":
            hostile.trickle(handler, exchange, wire + body, INTERVAL)
        else:
            handler.send(exchange, wire)
            hostile.trickle(handler, exchange, body, INTERVAL)

    with hostile.HostileServer(respond) as server:
        error = listing_failure(token_options(server, timeout=TIMEOUT))
        exchange = server.exchanges[0]
    assert isinstance(error, ZoomTransportError)
    assert "failed after 1 attempt: no answer within %s seconds (timeout)" % TIMEOUT in str(error)
    # The server paces its bytes: what it got to send before the client hung up is the time the client waited.
    sent = exchange.bytes_sent - (len(wire) if part == "body" else 0)
    assert sent <= 3 * TIMEOUT / INTERVAL, "the client waited for %d trickled bytes" % sent


@pytest.mark.parametrize("on", ["oauth", "api"])
def test_a_redirect_is_refused_naming_its_target_which_receives_nothing(on):
    with hostile.HostileServer(hostile.token_answer) as target:
        def respond(handler, exchange):
            location = target.url + ("/oauth/token" if exchange.method == "POST" else "/v2/phone/numbers")
            if (exchange.method == "POST") == (on == "oauth"):
                hostile.answer(handler, exchange, 307, "", extra={"Location": location})
            elif exchange.method == "POST":
                hostile.token_answer(handler, exchange)
            else:
                hostile.answer(handler, exchange, 200, {"next_page_token": "", "total_records": 0, "phone_numbers": []})

        with hostile.HostileServer(respond) as server:
            error = listing_failure(app_options(server, server))
        assert target.exchanges == [], "the redirect was followed"
    assert isinstance(error, ZoomTransportError) and error.status == 307
    assert "was answered with a redirect (HTTP 307) to %s" % target.url in str(error)
    assert "redirects are not followed" in str(error)


@pytest.mark.parametrize("status", [200, 400])
def test_json_nested_ten_thousand_deep_fails_with_one_line(status):
    def respond(handler, exchange):
        hostile.answer(handler, exchange, status, "[" * 10000 + "]" * 10000)

    with hostile.HostileServer(respond) as server:
        error = listing_failure(token_options(server))
    if status == 200:
        assert isinstance(error, ZoomResponseError) and "JSON nested too deeply to read" in str(error)
    else:
        assert error.status == 400 and "Zoom rejected GET /phone/numbers (HTTP 400" in str(error)


@pytest.mark.parametrize("page", ["<title" * 11000, "<" * 65000, "<title>" + "a" * 100 + "</titl" * 10000])
def test_an_error_page_built_to_be_slow_to_summarise_is_read_in_part_and_summarised(page):
    size = 32 * 1024 * 1024
    data = (page * (size // len(page) + 1)).encode("ascii")[:size]

    def respond(handler, exchange):
        hostile.answer(handler, exchange, 502, data, content_type="text/html")

    with hostile.HostileServer(respond) as server:
        error = listing_failure(token_options(server))
        assert server.exchanges[0].hung_up, "the client did not read the whole 32 MiB page"
    assert "failed after 1 attempt: HTTP 502: HTML page from a proxy or gateway" in str(error)
    assert len(str(error)) < 1000


def test_an_answer_in_an_encoding_not_asked_for_is_refused():
    def respond(handler, exchange):
        hostile.answer(handler, exchange, 200, b"\x1b\x00\x00", extra={"Content-Encoding": "br"})

    with hostile.HostileServer(respond) as server:
        error = listing_failure(token_options(server))
        assert server.exchanges[0].headers.get("Accept-Encoding") == "gzip"
    assert isinstance(error, ZoomResponseError) and "Content-Encoding the collection did not ask for (br)" in str(error)


def management_pages(new_numbers, last=None):
    """Number Management pages (no total_records), each with a fresh token until page ``last`` (never, when None).

    ``new_numbers(page)`` numbers on each page are new; a page with none repeats an old number or is empty.
    """
    def respond(handler, exchange):
        page = len(handler.server.hostile.exchanges)
        numbers = [{"id": "nm-%d-%d" % (page, index), "number": "+1415555%04d" % (page * 10 + index)} for index in range(new_numbers(page))]
        if not numbers and page % 2:
            numbers = [{"id": "nm-1-0", "number": "+14155550010"}]
        token = "" if last is not None and page >= last else "token-%d" % page
        hostile.answer(handler, exchange, 200, {"next_page_token": token, "page_size": 100, "numbers": numbers})
    return respond


def test_pages_without_total_records_that_bring_nothing_new_are_not_followed_for_ever():
    with hostile.HostileServer(management_pages(lambda page: 1 if page == 1 else 0)) as server:
        error = listing_failure(token_options(server, endpoint="number_management"))
        pages = len(server.exchanges)
    assert isinstance(error, ZoomPagingError)
    assert "kept sending pages of /number_management/numbers without new numbers" in str(error)
    assert pages < 20, "%d pages were followed" % pages


def test_short_pages_without_total_records_are_followed_to_the_end():
    with hostile.HostileServer(management_pages(lambda page: 1 if page < 40 else 0, last=40)) as server:
        options = token_options(server, endpoint="number_management")
        result = module_result(zoom_connection.connection_from_options(options), options)
    assert result["count"] == 39 and result["pages"] == 40


def credential_pieces():
    """Every 8-character piece of the secret and of the HTTP Basic credential made of it."""
    basic = base64.b64encode(("%s:%s" % (CLIENT_ID, SECRET)).encode("utf-8")).decode("ascii")
    return set(text[start:start + 8] for text in (SECRET, basic) for start in range(len(text) - 7))


PADDINGS = [0, 200, 250, 280, 290, 295, 299, 300, 301, 310, 1000, MAX_ERROR_BODY_BYTES - 30]


@pytest.mark.parametrize("shape", ["json", "text", "html", "spaces"])
@pytest.mark.parametrize("padding", PADDINGS)
def test_no_piece_of_the_credentials_survives_an_echo_after_any_padding(shape, padding):
    def respond(handler, exchange):
        echoed = "Basic credentials were %s" % exchange.headers.get("Authorization")
        if shape == "json":
            hostile.answer(handler, exchange, 401, {"reason": "x" * padding + echoed, "error": "invalid_client"})
        elif shape == "text":
            hostile.answer(handler, exchange, 401, "y" * padding + echoed, content_type="text/plain")
        elif shape == "html":
            hostile.answer(handler, exchange, 502, "<title>%s%s</title>" % ("z" * padding, echoed), content_type="text/html")
        else:
            # Whitespace is squeezed out of messages: the echo lands at the front whatever its offset.
            hostile.answer(handler, exchange, 401, " " * padding + echoed + " " * 100, content_type="text/plain")

    log = []
    with hostile.HostileServer(respond) as server:
        error = listing_failure(app_options(server, server), log=log.append)
        assert server.authorizations(), "the credentials were sent, so they could be echoed"
    outputs = [str(error), json.dumps(error.fail_kwargs())] + log
    leaked = sorted(piece for piece in credential_pieces() for text in outputs if piece in text)
    assert not leaked, (leaked, outputs)
