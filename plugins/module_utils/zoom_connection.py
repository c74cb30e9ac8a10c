# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The connection options, defined once.

``CONNECTION_OPTIONS`` feeds the module argument spec (with environment fallbacks and
``no_log``), the plugins' option handling and the validation that turns raw option values
into a ``ZoomConnection``. The user-facing text lives in the ``ucops.zoom.zoom`` doc
fragment, which lists the same names, types and defaults.
"""

from __future__ import annotations

import collections
import os

from ansible_collections.ucops.zoom.plugins.module_utils.option_values import boolean_option, preview
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

_CACHE_OFF = frozenset(("false", "no", "off", "0", "n", "f", "disabled"))


class ZoomConnection:
    """Validated connection settings; built by ``connection_from_options``."""

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


def set_env_fallback(*names):
    """Like Ansible's env_fallback, but a variable that is exported empty counts as unset.

    Controllers export every field of a credential, empty ones as ``""``; an empty
    ZOOM_VALIDATE_CERTS must not turn verification off, nor an empty ZOOM_ENDPOINT fail the task.
    """
    # Imported here so plugins that never build a module spec need not load AnsibleModule.
    from ansible.module_utils.common.parameters import AnsibleFallbackNotFound

    for name in names:
        value = os.environ.get(name)
        if value:
            return value
    raise AnsibleFallbackNotFound


def env_name_of(origin):
    """The environment variable a plugin option's value came from (Ansible's origin ``env: NAME``), or None."""
    if not isinstance(origin, str) or not origin.startswith("env: "):
        return None
    return origin[len("env: "):].strip()


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

    if values["access_token"]:
        register_secret(values["access_token"])
    else:
        missing = [name for name in ("account_id", "client_id", "client_secret") if not values[name]]
        if missing:
            raise ZoomConfigError(
                "Missing Zoom credentials: %s." % ", ".join(missing),
                hint="Set account_id, client_id and client_secret (or ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, "
                     "ZOOM_CLIENT_SECRET) from a Server-to-Server OAuth app, or give access_token.",
            )
    register_secret(values["client_secret"])

    for name in ("api_url", "oauth_url"):
        values[name] = _url(name, values[name])
    values["validate_certs"] = boolean_option("validate_certs", values["validate_certs"])
    values["timeout"] = _number("timeout", values["timeout"], float, minimum=0.001, maximum=3600)
    values["max_retries"] = _number("max_retries", values["max_retries"], int, minimum=0, maximum=100)
    if values["rate_limit"] is not None:
        values["rate_limit"] = _number("rate_limit", values["rate_limit"], float, minimum=0.01, maximum=10000)
    values["token_cache"] = _token_cache(values["token_cache"])
    if values["endpoint"] not in ENDPOINTS:
        raise ZoomConfigError("Option endpoint must be one of %s, got %r." % (", ".join(ENDPOINTS), preview(values["endpoint"])))
    return ZoomConnection(**values)


def _url(name, value):
    text = str(value).strip().rstrip("/")
    if not (text.startswith("https://") or text.startswith("http://")) or len(text.split("://", 1)[1]) == 0:
        raise ZoomConfigError("Option %s must be an http(s) URL, got %r." % (name, preview(value)))
    if any(char in text for char in "?# \t\r\n"):
        raise ZoomConfigError("Option %s must be a plain URL without query, fragment or spaces, got %r." % (name, preview(value)))
    return text


def _number(name, value, kind, minimum, maximum):
    if isinstance(value, bool):
        raise ZoomConfigError("Option %s must be a number, got a boolean." % name)
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise ZoomConfigError("Option %s must be %s, got %r." % (name, "an integer" if kind is int else "a number", preview(value))) from None
    if kind is int and isinstance(value, float) and value != number:
        raise ZoomConfigError("Option %s must be an integer, got %r." % (name, value))
    if not minimum <= number <= maximum:
        raise ZoomConfigError("Option %s must be between %s and %s, got %s." % (name, minimum, maximum, number))
    return number


def _token_cache(value):
    """``None`` means the default shared location; ``False`` turns sharing off; else a folder."""
    if value is None or value is True:
        return None
    text = str(value).strip()
    if text.lower() in _CACHE_OFF:
        return False
    if text.lower() in ("true", "yes", "on", "1"):
        return None
    return text
