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
import ipaddress
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
    OptionSpec("allow_unsafe_urls", "ZOOM_ALLOW_UNSAFE_URLS", "bool", False, False),
)

CONNECTION_OPTION_NAMES = tuple(spec.name for spec in CONNECTION_OPTIONS)
_BY_ENVIRONMENT_VARIABLE = dict((spec.env, spec) for spec in CONNECTION_OPTIONS)

# What an HTTP header value may carry (visible ASCII): a bearer token is never anything else.
HEADER_SAFE = re.compile(r"^[\x21-\x7e]+$")

# The hosts the credentials may go to without allow_unsafe_urls: Zoom's and ZoomGov's own
# domains and their subdomains (api.zoom.us, regional API hosts such as eu01api.zoom.us), over
# https only. Loopback addresses are the controller itself (a local proxy, a test stand-in).
ZOOM_DOMAINS = ("zoom.us", "zoomgov.com")
LOOPBACK_NAMES = ("localhost",)
SECRET_OPTIONS = ("client_secret", "access_token")


class EnvironmentValue(str):
    """An option value read from its ZOOM_* environment variable.

    The entry points read the environment in three ways (the module's argument-spec fallbacks,
    the plugins' option system, the audit action's own merge); each hands its values over as
    this type, so that ``connection_from_options`` can tell a secret injected by a controller
    credential from a URL set in a task, a template's extra vars or an inventory file.
    """

    __slots__ = ()


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
        self.allow_unsafe_urls = values["allow_unsafe_urls"]
        # One-line warnings for the user, given once by the client built on this connection.
        self.warnings = values["warnings"]

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
                _UNCONVERTIBLE_ENVIRONMENT[option.name] = EnvironmentValue(value)
                raise AnsibleFallbackNotFound from None
            return EnvironmentValue(value)
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
            merged[option.name] = EnvironmentValue(os.environ[option.env])
    return merged


def connection_from_options(options):
    """Validate raw option values (module params or plugin options) into a ZoomConnection.

    Raises ZoomConfigError, naming the option, before anything touches the network. Values
    read from the environment arrive as ``EnvironmentValue`` (see ``set_env_fallback``,
    ``with_environment`` and the plugins' ``read_options``).
    """
    from_environment = set(name for name in CONNECTION_OPTION_NAMES if isinstance(options.get(name), EnvironmentValue))
    values = {}
    for option in CONNECTION_OPTIONS:
        value = options.get(option.name)
        if isinstance(value, str) and option.type != "bool":
            value = value.strip() or None
        values[option.name] = option.default if value is None else value

    _check_credentials(values)
    for name in ("api_url", "oauth_url"):
        values[name] = _url(name, values[name])
    values["allow_unsafe_urls"] = boolean_option("allow_unsafe_urls", values["allow_unsafe_urls"])
    values["validate_certs"] = boolean_option("validate_certs", values["validate_certs"])
    values["warnings"] = _check_destinations(values, from_environment) + _tls_warnings(values)
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
    """A URL requests can send to: http(s), a host, a valid port, no query, fragment, spaces or user name."""
    text = str(value).strip().rstrip("/")
    if not text.lower().startswith(("https://", "http://")) or not text.split("://", 1)[1]:
        raise ZoomConfigError("Option %s must be an http(s) URL, got %r." % (name, preview(value)))
    # A backslash or "@" would let parsers disagree on the host (which one gets the secret?).
    if any(char in text for char in "?# \t\r\n\\@") or not text.isprintable():
        raise ZoomConfigError("Option %s must be a plain URL without query, fragment, spaces or user name, got %r." % (name, preview(value)))
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


def _destinations(values):
    """The URL options that will receive a secret: the OAuth URL only when a token is fetched there."""
    return ("api_url",) if values["access_token"] else ("api_url", "oauth_url")


def url_trust(url):
    """``"zoom"`` (https on a Zoom host), ``"loopback"`` (this machine, either scheme) or ``"other"``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in LOOPBACK_NAMES or _is_loopback_address(host):
        return "loopback"
    if parts.scheme.lower() == "https" and any(host == domain or host.endswith("." + domain) for domain in ZOOM_DOMAINS):
        return "zoom"
    return "other"


def _is_loopback_address(host):
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_destinations(values, from_environment):
    """Refuse URLs that would carry the credentials away from Zoom; return the warnings for the ones allowed.

    Two rules. A URL outside Zoom's hosts (or plain http outside this machine) needs
    ``allow_unsafe_urls``. And a secret read from the environment (a controller credential)
    never goes to a URL set anywhere else unless that URL is Zoom's own: someone who may only
    set extra vars or task arguments must not be able to send it to their own server.
    """
    secret = "access_token" if values["access_token"] else "client_secret"
    secret_from_environment = secret in from_environment
    warnings = []
    for name in _destinations(values):
        url = values[name]
        trust = url_trust(url)
        if trust == "zoom":
            continue
        if secret_from_environment and name not in from_environment:
            env = dict((option.name, option.env) for option in CONNECTION_OPTIONS)
            raise ZoomConfigError(
                "Option %s (%s) is not set in the environment like %s (%s), and it does not name a Zoom host; "
                "the secret would be sent there." % (name, preview(url), secret, env[secret]),
                hint="Set %s next to %s (on a controller, in the Zoom credential), or give %s in the same place as %s."
                     % (env[name], env[secret], secret, name))
        if trust == "other":
            if not values["allow_unsafe_urls"]:
                raise ZoomConfigError(
                    "Option %s must be an https URL on a Zoom host (%s or a subdomain) or a loopback address, got %r."
                    % (name, " or ".join(ZOOM_DOMAINS), preview(url)),
                    hint="The credentials and tokens are sent there. For a gateway or proxy you trust, set "
                         "allow_unsafe_urls (ZOOM_ALLOW_UNSAFE_URLS) to true.")
            warnings.append("%s %s is not a Zoom host (allow_unsafe_urls is on): the Zoom %s is sent there."
                            % (name, preview(url), "credentials" if name == "oauth_url" else "access token"))
    return warnings


def _tls_warnings(values):
    """One warning when verification is off for a URL that gets a secret over https."""
    unverified = [name for name in _destinations(values) if values[name].lower().startswith("https://")]
    if values["validate_certs"] or not unverified:
        return []
    hosts = " and ".join(sorted(set(urlsplit(values[name]).hostname for name in unverified)))
    return ["validate_certs is off: the TLS certificate of %s is not checked, so anyone on the network path can read "
            "the Zoom credentials and tokens. Trust a private CA with ca_path instead." % hosts]


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
