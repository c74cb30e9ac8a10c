# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Error bodies of every shape become one short line; secrets never survive into a message."""

from __future__ import annotations

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_errors


@pytest.mark.parametrize("content_type, text, code, message", [
    ("application/json", '{"code": 124, "message": "Invalid access token."}', 124, "Invalid access token."),
    ("application/json", '{"reason": "Invalid client_id or client_secret", "error": "invalid_client"}', None,
     "invalid_client: Invalid client_id or client_secret"),
    ("application/json", '{"code": 300}', 300, "None"),
    ("application/json", '{"unexpected": true}', None, "unexpected JSON body"),
    ("text/html", "<html><head><title>502 Bad Gateway</title></head><body><h1>x</h1></body></html>", None,
     "HTML page from a proxy or gateway: 502 Bad Gateway"),
    ("text/html", "<html><body><h1>Service   Unavailable</h1></body></html>", None,
     "HTML page from a proxy or gateway: Service Unavailable"),
    ("application/json", "", None, "(empty response body)"),
    ("application/json", '{"code": 300, "message": "cut', None, '{"code": 300, "message": "cut'),
    # Codes sent as strings are compared as integers everywhere.
    ("application/json", '{"code": "4711", "message": "Invalid access token, does not contain scopes:[a, b]."}', 4711,
     "Invalid access token, does not contain scopes:[a, b]."),
    ("application/json", '{"code": "abc", "message": "odd"}', "abc", "odd"),
    # Some Zoom services answer in another shape.
    ("application/json", '{"status": false, "errorCode": 401, "errorMessage": "Access token is expired."}', 401,
     "Access token is expired."),
    ("application/json", '{"status": false, "errorCode": "124"}', 124, "None"),
])
def test_describe_body_any_shape(content_type, text, code, message):
    assert zoom_errors.describe_body(content_type, text) == (code, message)


def test_describe_body_is_short():
    code, message = zoom_errors.describe_body("text/plain", "x" * 5000)
    assert code is None and len(message) < 320


def test_messages_are_one_line_and_redacted():
    zoom_errors.register_secret("s3cr3t-value-for-test")
    error = zoom_errors.ZoomAuthError("Token s3cr3t-value-for-test\nrejected", status=401, code=124,
                                      hint="Check the\nsecret s3cr3t-value-for-test.")
    text = str(error)
    assert "s3cr3t-value-for-test" not in text
    assert "\n" not in text
    assert zoom_errors.REDACTED in text
    kwargs = error.fail_kwargs()
    assert kwargs["status"] == 401 and kwargs["zoom_code"] == 124 and kwargs["error_kind"] == "authentication"
    assert kwargs["msg"] == text


@pytest.mark.parametrize("code, scope", [(4700, True), (4711, True), (4799, True), (4800, False), (124, False), ("4711", False), (None, False)])
def test_scope_codes(code, scope):
    assert zoom_errors.is_scope_code(code) is scope


def test_the_tracking_id_ends_the_message_and_has_its_own_key():
    error = zoom_errors.ZoomApiError("Zoom refused GET /phone/numbers (HTTP 403).", status=403, code=2031,
                                     hint="Check the account.", tracking_id="v=2.0;clid=us05;rid=WEB_42")
    assert str(error).endswith("Check the account. Zoom tracking id: v=2.0;clid=us05;rid=WEB_42")
    assert error.fail_kwargs()["tracking_id"] == "v=2.0;clid=us05;rid=WEB_42"
    assert "tracking_id" not in zoom_errors.ZoomApiError("No answer.").fail_kwargs()


SECRET = "Zs-mask-before-cut-0123456789abcdef"


@pytest.mark.parametrize("padding", range(270, 301))
def test_a_secret_past_the_cut_is_masked_before_the_text_is_shortened(padding):
    zoom_errors.register_secret(SECRET)
    code, message = zoom_errors.describe_body("text/plain", "p" * padding + SECRET)
    pieces = set(SECRET[start:start + 4] for start in range(len(SECRET) - 3))
    assert not [piece for piece in pieces if piece in message], message


def test_text_cut_at_a_read_limit_drops_the_word_the_cut_fell_in():
    zoom_errors.register_secret(SECRET)
    assert zoom_errors.cut_off_text("reason: Basic " + SECRET[:12]) == "reason: Basic "
    assert zoom_errors.cut_off_text("reason: " + SECRET + " mo") == "reason: %s " % zoom_errors.REDACTED


@pytest.mark.parametrize("page", ["<title" * 11000, "<" * 65000, "<title>x" + "</titl" * 10000, "<a" * 30000])
def test_summarising_a_hostile_html_page_takes_one_pass(page):
    """Each of these made the old patterns rescan the page from every '<' (minutes for 64 KB); now they take one pass."""
    code, message = zoom_errors.describe_body("text/html", page * 10)
    assert code is None and message.startswith("HTML page from a proxy or gateway:") and len(message) < 400


def test_json_nested_too_deeply_to_parse_is_described_as_text():
    code, message = zoom_errors.describe_body("application/json", "[" * 100000 + "]" * 100000)
    assert code is None and message.startswith("[[[[") and len(message) < 320
