# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reading option values that may arrive as text (environment variables, plugin config, YAML)."""

from __future__ import annotations

from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomConfigError

TRUE_WORDS = ("1", "true", "yes", "on", "y", "t")
FALSE_WORDS = ("0", "false", "no", "off", "n", "f")


def boolean_option(name, value):
    """``value`` as a bool, accepting Ansible's words for true and false; else a ZoomConfigError naming ``name``."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ZoomConfigError("Option %s must be a boolean, got %r." % (name, preview(value)))


def preview(value, limit=60):
    """A value shortened for an error message (a long value would bury the message)."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "..."
