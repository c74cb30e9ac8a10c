# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The lookup and inventory plugins' road from options to a listing.

Both plugins declare the same options (doc fragments ``ucops.zoom.zoom``, ``.plugins`` and
``.query``) and read them here the way the module reads its parameters; then the same
validation, client and listing as the module. A ZoomError becomes an AnsibleError with the
same one-line message.
"""

from __future__ import annotations

import contextlib
import os

from ansible.errors import AnsibleError
from ansible.utils.display import Display

from ansible_collections.ucops.zoom.plugins.module_utils import number_query, zoom_connection, zoom_http
from ansible_collections.ucops.zoom.plugins.module_utils.option_values import boolean_option, closest
from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import list_numbers
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_client import ZoomClient
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomError

display = Display()

# Options Ansible would read leniently as booleans; see read_options.
BOOLEAN_OPTIONS = tuple(option.name for option in zoom_connection.CONNECTION_OPTIONS if option.type == "bool") + ("pending_numbers",)
# Every option a plugin reads, in the order they are documented.
OPTION_NAMES = zoom_connection.CONNECTION_OPTION_NAMES + number_query.LISTING_OPTION_NAMES


@contextlib.contextmanager
def as_ansible_errors():
    """Turn a ZoomError into an AnsibleError with the same one-line message (no traceback, no chain)."""
    try:
        yield
    except ZoomError as exc:
        raise AnsibleError(str(exc)) from None


def check_requirements(plugin_kind):
    """Fail like the module does when a Python dependency is missing on the controller."""
    for present, name in ((zoom_http.HAS_REQUESTS, "requests"), (number_query.HAS_JMESPATH, "jmespath")):
        if not present:
            raise AnsibleError("The ucops.zoom %s plugin needs the Python package %s on the controller: "
                               "pip install %s (see the collection's requirements.txt)." % (plugin_kind, name, name))


def reject_unknown_keywords(keywords, plugin_name):
    """Fail on a keyword that is no option of the plugin, before any request.

    Ansible drops keyword arguments a plugin does not declare without a word, and a misspelt
    filter (``number_typ=``) would then silently widen the list.
    """
    unknown = sorted(str(name) for name in keywords if name not in OPTION_NAMES)
    if not unknown:
        return
    described = []
    for name in unknown:
        near = closest(name, OPTION_NAMES)
        if len(near) > 1:
            near[-2:] = ["%s or %s" % tuple(near[-2:])]
        described.append("%s (did you mean %s?)" % (name, ", ".join(near)) if near else name)
    raise AnsibleError("Unknown option%s %s of the lookup %s; ansible-doc -t lookup %s lists its options." % (
        "s" if len(unknown) > 1 else "", ", ".join(described), plugin_name, plugin_name))


def env_name_of(origin):
    """The environment variable a plugin option's value came from (Ansible's origin ``env: NAME``), or None."""
    if not isinstance(origin, str) or not origin.startswith("env: "):
        return None
    return origin[len("env: "):].strip()


def read_options(plugin, direct=None, overrides=None):
    """The plugin's option values, as the module would see them; ``overrides`` replace some (lookup terms).

    ``direct`` holds the values as the user wrote them (lookup keywords, the inventory file).
    Values read from a ZOOM_* variable are handed over as ``zoom_connection.EnvironmentValue``.
    Two of Ansible's habits are undone here: an environment variable exported empty counts as
    unset (Ansible would read an empty ZOOM_VALIDATE_CERTS as false and an empty ZOOM_CA_PATH
    as the current directory), and a boolean is read strictly (Ansible reads any unknown word,
    ``validate_certs: sometimes``, as false, which would turn TLS verification off).
    """
    options = {}
    direct = direct or {}
    with as_ansible_errors():
        for name in OPTION_NAMES:
            value = plugin.get_option(name)
            if name in direct:
                raw, env_name = direct[name], None
            else:
                # Only asked when the user gave no direct value: ansible-core 2.16 reports the
                # origin from the configuration sources alone, ignoring direct settings.
                env_name = env_name_of(plugin.get_option_and_origin(name)[1])
                raw = os.environ.get(env_name) if env_name is not None else value
            if env_name is not None and raw == "":
                value = None
            elif name in BOOLEAN_OPTIONS:
                value = None if raw is None else boolean_option(name, raw)
            elif env_name is not None and isinstance(value, str):
                # Where a value came from decides where a secret may be sent (connection_from_options).
                value = zoom_connection.EnvironmentValue(value)
            options[name] = value
    options.update(overrides or {})
    return options


def strict_boolean(name, value):
    """A plugin-only boolean option (``default_groups``) read as strictly as the shared ones."""
    with as_ansible_errors():
        return boolean_option(name, value)


def prepare(options):
    """``(client, query)`` for plugin options, validated before any request."""
    with as_ansible_errors():
        connection = zoom_connection.connection_from_options(options)
        query = number_query.NumberQuery.from_options(number_query.listing_options(options), endpoint=connection.endpoint)
        return ZoomClient(connection, warn=display.warning, log=display.vvv), query


def list_records(client, query):
    """The records ``query`` selects, through the module's road."""
    with as_ansible_errors():
        return list_numbers(client, query).records
