# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the lookup and inventory plugins share: their options in, the listing out.

Both plugins declare the same options (doc fragments ``ucops.zoom.zoom``, ``.plugins`` and
``.query``), read them through Ansible's option system, and list through the same domain
code as the module; only their output shape differs.
"""

from __future__ import annotations

import os

from ansible.errors import AnsibleError
from ansible.utils.display import Display

from ansible_collections.ucops.zoom.plugins.module_utils import phone_numbers, zoom_connection, zoom_http
from ansible_collections.ucops.zoom.plugins.module_utils.option_values import boolean_option
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomError

display = Display()

# Options Ansible would read leniently as booleans; see plugin_options.
BOOLEAN_OPTIONS = ("validate_certs", "pending_numbers")
# Every option a plugin reads, in the order they are documented.
PLUGIN_OPTION_NAMES = zoom_connection.CONNECTION_OPTION_NAMES + phone_numbers.ALL_QUERY_OPTION_NAMES + ("where", "queries")


def check_requirements(plugin_kind):
    """Fail like the module does when a Python dependency is missing on the controller."""
    for present, name in ((zoom_http.HAS_REQUESTS, "requests"), (phone_numbers.HAS_JMESPATH, "jmespath")):
        if not present:
            raise AnsibleError("The ucops.zoom %s plugin needs the Python package %s on the controller: "
                               "pip install %s (see the collection's requirements.txt)." % (plugin_kind, name, name))


def plugin_options(plugin, overrides=None, direct=None):
    """The plugin's current option values, optionally with some replaced (lookup terms).

    ``direct`` holds the values as the user wrote them (lookup keywords, the inventory file).
    Two of Ansible's habits are undone here, so that plugins read options as the module does:
    an environment variable exported empty counts as unset (Ansible would read an empty
    ZOOM_VALIDATE_CERTS as false and an empty ZOOM_CA_PATH as the current directory), and a
    boolean is read strictly (Ansible reads any unknown word, ``validate_certs: sometimes``,
    as false, which would turn TLS verification off).
    """
    options = {}
    direct = direct or {}
    try:
        for name in PLUGIN_OPTION_NAMES:
            value = plugin.get_option(name)
            if name in direct:
                raw, env_name = direct[name], None
            else:
                # Only asked when the user gave no direct value: ansible-core 2.16 reports the
                # origin from the configuration sources alone, ignoring direct settings.
                env_name = zoom_connection.env_name_of(plugin.get_option_and_origin(name)[1])
                raw = os.environ.get(env_name) if env_name is not None else value
            if env_name is not None and raw == "":
                value = None
            elif name in BOOLEAN_OPTIONS:
                value = None if raw is None else boolean_option(name, raw)
            options[name] = value
    except ZoomError as exc:
        raise AnsibleError(str(exc)) from None
    options.update(overrides or {})
    return options


def strict_boolean(name, value):
    """A plugin-only boolean option (``default_groups``) read as strictly as the shared ones."""
    try:
        return boolean_option(name, value)
    except ZoomError as exc:
        raise AnsibleError(str(exc)) from None


def list_numbers(options, raw=False):
    """List for plugin options; ZoomError becomes AnsibleError with the same one-line message.

    With ``raw=True`` the ``where`` filter is not applied (the inventory caches raw records and
    filters them on every run).
    """
    try:
        connection = zoom_connection.connection_from_options(options)
        if raw:
            options = dict(options, where=None)
        return phone_numbers.list_phone_numbers(connection, options, warn=display.warning)
    except ZoomError as exc:
        raise AnsibleError(str(exc)) from None


def compile_where(text):
    """The ``where`` filter for plugin options, with the module's validation and message."""
    try:
        return phone_numbers.Where(text)
    except ZoomError as exc:
        raise AnsibleError(str(exc)) from None
