# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options: defaults, validation messages that name the option, token cache modes."""

from __future__ import annotations

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils.zoom_connection import (
    CONNECTION_OPTIONS, DEFAULT_API_URL, EnvironmentValue, connection_from_options, module_argument_spec, set_env_fallback,
    with_environment,
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


@pytest.mark.parametrize("url", [
    "https://api.zoom.us/v2", "https://eu01api.zoom.us/v2", "https://zoom.us/oauth/token", "https://API.Zoom.US/v2",
    "https://api.zoomgov.com/v2", "https://zoomgov.com/oauth/token",
    "http://127.0.0.1:8080/v2", "https://127.0.0.1:8443/v2", "http://127.9.8.7/v2", "http://localhost:9/v2", "http://[::1]:9/v2",
])
@pytest.mark.parametrize("option", ["api_url", "oauth_url"])
def test_zoom_hosts_and_loopback_need_no_opt_in_and_warn_nothing(option, url):
    connection = connection_from_options(dict(CREDENTIALS, **{option: url}))
    assert getattr(connection, option) == url and connection.warnings == []


@pytest.mark.parametrize("url", [
    "http://api.zoom.us/v2", "https://api.example.com/v2", "https://zoom.us.example.com/v2", "https://evilzoom.us/v2",
    "https://api.zoom.us.example.com/v2", "https://zoom.us./v2", "https://10.0.0.8/v2", "http://0.0.0.0/v2",
    "https://api%2ezoom.us/v2", "http://192.168.1.20:8080/v2",
])
@pytest.mark.parametrize("option", ["api_url", "oauth_url"])
def test_other_hosts_and_plain_http_elsewhere_are_refused_without_the_opt_in(option, url):
    with pytest.raises(ZoomConfigError) as failure:
        connection_from_options(dict(CREDENTIALS, **{option: url}))
    assert str(failure.value).startswith("Option %s must be an https URL on a Zoom host" % option)
    assert "allow_unsafe_urls (ZOOM_ALLOW_UNSAFE_URLS)" in str(failure.value)
    connection = connection_from_options(dict(CREDENTIALS, allow_unsafe_urls=True, **{option: url}))
    assert len(connection.warnings) == 1 and "is not a Zoom host (allow_unsafe_urls is on)" in connection.warnings[0]


@pytest.mark.parametrize("url", ["https://api.zoom.us@evil.example.com/v2", "https://evil.example.com\\@api.zoom.us/v2",
                                 "https://user:pass@api.zoom.us/v2"])
def test_urls_whose_host_parsers_could_disagree_on_are_refused(url):
    with pytest.raises(ZoomConfigError, match="Option api_url must be a plain URL without query, fragment, spaces or user name"):
        connection_from_options(dict(CREDENTIALS, api_url=url, allow_unsafe_urls=True))


def test_the_oauth_url_of_a_ready_token_is_never_contacted_so_never_judged():
    assert connection_from_options({"access_token": "tok-123456", "oauth_url": "http://192.0.2.1/token"}).warnings == []


def environment(**values):
    return dict((name, EnvironmentValue(value)) for name, value in values.items())


@pytest.mark.parametrize("secret", ["client_secret", "access_token"])
@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/v2", "https://gateway.example.com/v2"])
def test_a_secret_from_the_environment_never_goes_to_a_url_set_elsewhere(secret, url):
    options = dict(CREDENTIALS, api_url=url, allow_unsafe_urls=True)
    options.update(environment(**{secret: "tok-from-a-credential"}))
    with pytest.raises(ZoomConfigError) as failure:
        connection_from_options(options)
    env = "ZOOM_CLIENT_SECRET" if secret == "client_secret" else "ZOOM_ACCESS_TOKEN"
    assert str(failure.value).startswith("Option api_url (%s) is not set in the environment like %s (%s)" % (url, secret, env))
    # From the same place as the secret, or Zoom's own: accepted.
    options.update(environment(api_url=url))
    assert connection_from_options(options).api_url == url
    options["api_url"] = "https://eu01api.zoom.us/v2"
    assert connection_from_options(options).api_url == "https://eu01api.zoom.us/v2"


def test_the_env_fallback_and_with_environment_mark_what_they_read(monkeypatch):
    monkeypatch.setenv("ZOOM_OAUTH_URL", "http://127.0.0.1:9/oauth/token")
    assert isinstance(set_env_fallback("ZOOM_OAUTH_URL"), EnvironmentValue)
    merged = with_environment({"oauth_url": None, "api_url": "https://api.zoom.us/v2"})
    assert isinstance(merged["oauth_url"], EnvironmentValue) and not isinstance(merged["api_url"], EnvironmentValue)


@pytest.mark.parametrize("url, warned", [("https://api.zoom.us/v2", True), ("http://127.0.0.1:8080/v2", False)])
def test_validate_certs_off_warns_once_for_https(url, warned):
    connection = connection_from_options(dict(CREDENTIALS, api_url=url, oauth_url=url, validate_certs=False))
    assert len(connection.warnings) == (1 if warned else 0)
    if warned:
        assert connection.warnings[0].startswith("validate_certs is off: the TLS certificate of api.zoom.us is not checked")
