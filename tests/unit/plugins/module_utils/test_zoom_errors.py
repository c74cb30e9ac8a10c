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
