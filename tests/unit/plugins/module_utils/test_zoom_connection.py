# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options: defaults, validation messages that name the option, token cache modes."""

from __future__ import annotations

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils.zoom_connection import (
    CONNECTION_OPTIONS, DEFAULT_API_URL, connection_from_options, module_argument_spec,
)
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomConfigError

CREDENTIALS = {"account_id": "acc", "client_id": "cid", "client_secret": "a-secret-value"}


def test_defaults():
    connection = connection_from_options(dict(CREDENTIALS))
    assert connection.api_url == DEFAULT_API_URL
    assert connection.oauth_url == "https://zoom.us/oauth/token"
    assert connection.validate_certs is True and connection.verify is True
    assert connection.timeout == 30 and connection.max_retries == 5
    assert connection.rate_limit is None and connection.token_cache is None


@pytest.mark.parametrize("missing", ["account_id", "client_id", "client_secret"])
def test_missing_credentials_are_named(missing):
    options = dict(CREDENTIALS)
    options[missing] = "  "
    with pytest.raises(ZoomConfigError) as info:
        connection_from_options(options)
    assert missing in str(info.value)
    assert "a-secret-value" not in str(info.value)


def test_access_token_alone_is_enough():
    connection = connection_from_options({"access_token": "tok-123456"})
    assert connection.access_token == "tok-123456"


@pytest.mark.parametrize("name, value", [
    ("api_url", "api.zoom.us/v2"),
    ("api_url", "https://api.zoom.us/v2?x=1"),
    ("oauth_url", "ftp://zoom.us/oauth/token"),
    ("timeout", 0),
    ("timeout", "soon"),
    ("max_retries", -1),
    ("max_retries", 1.5),
    ("max_retries", True),
    ("rate_limit", 0),
    ("validate_certs", "maybe"),
])
def test_invalid_values_name_the_option(name, value):
    options = dict(CREDENTIALS)
    options[name] = value
    with pytest.raises(ZoomConfigError) as info:
        connection_from_options(options)
    assert str(info.value).startswith("Option %s " % name)


@pytest.mark.parametrize("value, expected", [
    (None, None), ("", None), ("false", False), ("no", False), (False, False), ("/var/cache/zoom", "/var/cache/zoom"),
])
def test_token_cache_modes(value, expected):
    options = dict(CREDENTIALS, token_cache=value)
    assert connection_from_options(options).token_cache == expected


def test_ca_path_is_verify(tmp_path):
    bundle = tmp_path / "zoom-ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    connection = connection_from_options(dict(CREDENTIALS, ca_path=str(bundle)))
    assert connection.verify == str(bundle)
    connection = connection_from_options(dict(CREDENTIALS, ca_path=str(bundle), validate_certs=False))
    assert connection.verify is False


def test_a_missing_ca_path_fails_before_any_request(tmp_path):
    with pytest.raises(ZoomConfigError) as failure:
        connection_from_options(dict(CREDENTIALS, ca_path=str(tmp_path / "missing.pem")))
    assert str(failure.value).startswith("Option ca_path must name a readable PEM file")


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/v2", "http://[::1/v2", "http://:8080/v2", "http://host:0/v2"])
@pytest.mark.parametrize("option", ["api_url", "oauth_url"])
def test_unusable_urls_fail_before_any_request(option, url):
    with pytest.raises(ZoomConfigError) as failure:
        connection_from_options(dict(CREDENTIALS, **{option: url}))
    assert str(failure.value).startswith("Option %s is not a usable URL" % option)
    assert "\n" not in str(failure.value)


@pytest.mark.parametrize("url", ["https://", "ftp://example.com/v2", "api.zoom.us/v2"])
def test_urls_without_http_scheme_or_host_are_refused(url):
    with pytest.raises(ZoomConfigError, match="Option api_url must be an http"):
        connection_from_options(dict(CREDENTIALS, api_url=url))


@pytest.mark.parametrize("token", ["abc\r\nX-Injected: 1", "two words", "t\u00f6ken", "tab\there", "\u2603"])
def test_access_token_outside_visible_ascii_is_refused_without_quoting_it(token):
    with pytest.raises(ZoomConfigError) as failure:
        connection_from_options({"access_token": token})
    assert "access_token" in str(failure.value)
    assert token not in str(failure.value)


@pytest.mark.parametrize("token", ["eyJhbGciOiJIUzUxMiJ9.eyJ2ZXIiOjl9.c2lnbmF0dXJl", "a-b_c~d+e/f="])
def test_ordinary_tokens_are_accepted(token):
    assert connection_from_options({"access_token": token}).access_token == token


def test_a_colon_in_client_id_is_refused():
    with pytest.raises(ZoomConfigError) as failure:
        connection_from_options(dict(CREDENTIALS, client_id="abc:def"))
    assert str(failure.value).startswith("Option client_id cannot contain ':'")


def test_argument_spec_has_every_option_with_env_fallback_and_no_log():
    spec = module_argument_spec()
    assert set(spec) == {option.name for option in CONNECTION_OPTIONS}
    for option in CONNECTION_OPTIONS:
        assert spec[option.name]["fallback"][1] == [option.env]
    assert spec["client_secret"]["no_log"] and spec["access_token"]["no_log"]
    assert spec["token_cache"]["no_log"] is False
