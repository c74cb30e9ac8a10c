# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The connection options: defined once, validated once.

``CONNECTION_OPTIONS`` feeds the module argument spec (with environment fallbacks and
``no_log``), the plugins' option handling and ``connection_from_options``, the one place
where a connection option is checked. What leaves here is a ``ZoomConnection`` whose values
are known to be usable, so the transport, the token provider and the client never check an
option again. The user-facing text lives in the ``ucops.zoom.zoom`` doc fragment; a unit
test keeps its names, types, defaults and ``env:`` entries equal to this table.
"""

from __future__ import annotations

import collections
import os
import re

from urllib.parse import urlsplit

from ansible_collections.ucops.zoom.plugins.module_utils.option_values import (
    boolean_option, boolean_word, number_option, preview,
)
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomConfigError, register_secret

DEFAULT_API_URL = "https://api.zoom.us/v2"
DEFAULT_OAUTH_URL = "https://zoom.us/oauth/token"

OptionSpec = collections.namedtuple("OptionSpec", "name env type default no_log choices")
OptionSpec.__new__.__defaults__ = (None,)

ENDPOINTS = ("auto", "phone", "number_management")

CONNECTION_OPTIONS = (
    OptionSpec("account_id", "ZOOM_ACCOUNT_ID", "str", None, False),
    OptionSpec("client_id", "ZOOM_CLIENT_ID", "str", None, False),
    OptionSpec("client_secret", "ZOOM_CLIENT_SECRET", "str", None, True),
    OptionSpec("access_token", "ZOOM_ACCESS_TOKEN", "str", None, True),
    OptionSpec("api_url", "ZOOM_API_URL", "str", DEFAULT_API_URL, False),
    OptionSpec("oauth_url", "ZOOM_OAUTH_URL", "str", DEFAULT_OAUTH_URL, False),
    OptionSpec("validate_certs", "ZOOM_VALIDATE_CERTS", "bool", True, False),
    OptionSpec("ca_path", "ZOOM_CA_PATH", "path", None, False),
    OptionSpec("timeout", "ZOOM_TIMEOUT", "float", 30, False),
    OptionSpec("max_retries", "ZOOM_MAX_RETRIES", "int", 5, False),
    OptionSpec("rate_limit", "ZOOM_RATE_LIMIT", "float", None, False),
    OptionSpec("token_cache", "ZOOM_TOKEN_CACHE", "str", None, False),
    OptionSpec("endpoint", "ZOOM_ENDPOINT", "str", "auto", False, ENDPOINTS),
)

CONNECTION_OPTION_NAMES = tuple(spec.name for spec in CONNECTION_OPTIONS)
_BY_ENVIRONMENT_VARIABLE = dict((spec.env, spec) for spec in CONNECTION_OPTIONS)

# What an HTTP header value may carry (visible ASCII): a bearer token is never anything else.
HEADER_SAFE = re.compile(r"^[\x21-\x7e]+$")


class ZoomConnection:
    """Validated connection settings; built only by ``connection_from_options``."""

    def __init__(self, **values):
        self.account_id = values["account_id"]
        self.client_id = values["client_id"]
        self.client_secret = values["client_secret"]
        self.access_token = values["access_token"]
        self.api_url = values["api_url"]
        self.oauth_url = values["oauth_url"]
        self.validate_certs = values["validate_certs"]
        self.ca_path = values["ca_path"]
        self.timeout = values["timeout"]
        self.max_retries = values["max_retries"]
        self.rate_limit = values["rate_limit"]
        self.token_cache = values["token_cache"]
        self.endpoint = values["endpoint"]

    @property
    def verify(self):
        """The ``verify`` argument for requests: a CA bundle, or on/off."""
        if not self.validate_certs:
            return False
        return self.ca_path or True


# Environment values a module's argument spec would refuse to convert (ZOOM_TIMEOUT=abc), by option
# name: see set_env_fallback and module_options.
_UNCONVERTIBLE_ENVIRONMENT = {}


def set_env_fallback(*names):
    """Like Ansible's env_fallback, but a variable that is exported empty counts as unset.

    Controllers export every field of a credential, empty ones as ``""``; an empty
    ZOOM_VALIDATE_CERTS must not turn verification off, nor an empty ZOOM_ENDPOINT fail the task.
    A value that Ansible could not convert to the option's type is not handed to Ansible, whose
    message would only name a Python type: it is kept for ``module_options``, so that
    ``connection_from_options`` says what the option accepts.
    """
    # Imported here so plugins that never build a module spec need not load AnsibleModule.
    from ansible.module_utils.common.parameters import AnsibleFallbackNotFound
    from ansible.module_utils.common.validation import check_type_bool, check_type_float, check_type_int

    for name in names:
        value = os.environ.get(name)
        if value:
            option = _BY_ENVIRONMENT_VARIABLE[name]
            check = {"bool": check_type_bool, "int": check_type_int, "float": check_type_float}.get(option.type)
            try:
                if check is not None:
                    check(value)
            except (TypeError, ValueError):
                _UNCONVERTIBLE_ENVIRONMENT[option.name] = value
                raise AnsibleFallbackNotFound from None
            return value
    raise AnsibleFallbackNotFound


def module_options(params):
    """A module's parameters with the environment values its argument spec could not convert put back."""
    options = dict(params)
    options.update(_UNCONVERTIBLE_ENVIRONMENT)
    return options


def module_argument_spec():
    """Argument spec entries for the connection options, with environment fallbacks."""
    spec = {}
    for option in CONNECTION_OPTIONS:
        entry = {"type": option.type, "fallback": (set_env_fallback, [option.env]), "no_log": option.no_log}
        if option.default is not None:
            entry["default"] = option.default
        if option.choices:
            entry["choices"] = list(option.choices)
        spec[option.name] = entry
    return spec


def with_environment(options):
    """``options`` with each unset connection option taken from its ZOOM_* variable (empty counts as unset).

    What the module's argument spec does through fallbacks, for callers without one (the
    audit action plugin, which lists in the controller's own process).
    """
    merged = dict(options)
    for option in CONNECTION_OPTIONS:
        if merged.get(option.name) is None and os.environ.get(option.env):
            merged[option.name] = os.environ[option.env]
    return merged


def connection_from_options(options):
    """Validate raw option values (module params or plugin options) into a ZoomConnection.

    Raises ZoomConfigError, naming the option, before anything touches the network.
    """
    values = {}
    for option in CONNECTION_OPTIONS:
        value = options.get(option.name)
        if isinstance(value, str) and option.type != "bool":
            value = value.strip() or None
        values[option.name] = option.default if value is None else value

    _check_credentials(values)
    for name in ("api_url", "oauth_url"):
        values[name] = _url(name, values[name])
    values["validate_certs"] = boolean_option("validate_certs", values["validate_certs"])
    if values["ca_path"] is not None:
        values["ca_path"] = _ca_path(values["ca_path"])
    values["timeout"] = number_option("timeout", values["timeout"], float, 0.001, 3600)
    values["max_retries"] = number_option("max_retries", values["max_retries"], int, 0, 100)
    if values["rate_limit"] is not None:
        values["rate_limit"] = number_option("rate_limit", values["rate_limit"], float, 0.01, 10000)
    values["token_cache"] = _token_cache(values["token_cache"])
    if values["endpoint"] not in ENDPOINTS:
        raise ZoomConfigError("Option endpoint must be one of %s, got %r." % (", ".join(ENDPOINTS), preview(values["endpoint"])))
    return ZoomConnection(**values)


def _check_credentials(values):
    if values["access_token"]:
        register_secret(values["access_token"])
        if not HEADER_SAFE.match(values["access_token"]):
            # Checked before any request: requests would quote the whole header in its error.
            raise ZoomConfigError(
                "Option access_token can hold only printable ASCII without spaces; it cannot be sent in an HTTP header.",
                hint="Copy the token again without line breaks or spaces (ZOOM_ACCESS_TOKEN).")
        register_secret(values["client_secret"])
        return
    register_secret(values["client_secret"])
    missing = [name for name in ("account_id", "client_id", "client_secret") if not values[name]]
    if missing:
        raise ZoomConfigError(
            "Missing Zoom credentials: %s." % ", ".join(missing),
            hint="Set account_id, client_id and client_secret (or ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, "
                 "ZOOM_CLIENT_SECRET) from a Server-to-Server OAuth app, or give access_token.",
        )
    if ":" in values["client_id"]:
        # HTTP Basic authentication splits at the first colon: the server would see another client_id.
        raise ZoomConfigError("Option client_id cannot contain ':'; a Zoom client ID never does.",
                              hint="Copy the Client ID of the Server-to-Server OAuth app again.")


def _url(name, value):
    """A URL requests can send to: http(s), a host, a valid port, no query, fragment or spaces."""
    text = str(value).strip().rstrip("/")
    if not text.lower().startswith(("https://", "http://")) or not text.split("://", 1)[1]:
        raise ZoomConfigError("Option %s must be an http(s) URL, got %r." % (name, preview(value)))
    if any(char in text for char in "?# \t\r\n"):
        raise ZoomConfigError("Option %s must be a plain URL without query, fragment or spaces, got %r." % (name, preview(value)))
    reason = _unusable_url_reason(text)
    if reason:
        raise ZoomConfigError(
            "Option %s is not a usable URL (%s)." % (name, reason),
            hint="Give an http(s) URL with a valid host and port, such as %s." % (
                DEFAULT_OAUTH_URL if name == "oauth_url" else DEFAULT_API_URL))
    return text


def _unusable_url_reason(text):
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        return " ".join(str(exc).split()) or "invalid port"
    host = parts.hostname
    if not host:
        return "no host"
    if port == 0:
        return "port 0"
    try:
        host.encode("idna")
    except UnicodeError:
        return "the host name %r cannot be encoded" % preview(host)
    return None


def _ca_path(value):
    path = os.path.expanduser(str(value))
    if not os.path.isfile(path) or not os.access(path, os.R_OK):
        raise ZoomConfigError(
            "Option ca_path must name a readable PEM file of CA certificates, got %r." % preview(value),
            hint="Check the path (ZOOM_CA_PATH) on the host the task runs on.")
    return path


def _token_cache(value):
    """``None`` means the default shared location; ``False`` turns sharing off; else a folder."""
    if value is None:
        return None
    word = boolean_word(value)
    if word is None:
        return str(value).strip()
    return None if word else False
