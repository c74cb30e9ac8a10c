# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The audit's own options, defined once, and the error for a setting that cannot be used.

``AUDIT_OPTIONS`` is the table behind the action plugin's argument spec. The same options
are written three more times for their readers: the ``zoom_phone_numbers_audit`` module's
DOCUMENTATION, and the role's ``meta/argument_specs.yml`` and ``defaults/main.yml`` (as
``phone_numbers_audit_<name>``). A unit test fails when any of them disagrees with this table.
"""

from __future__ import annotations

import collections

SEVERITIES = ("low", "medium", "high", "critical")
FORMATS = ("json", "csv", "html", "md")

AuditOption = collections.namedtuple("AuditOption", "name type default elements choices required")
AuditOption.__new__.__defaults__ = (None, None, None, False)

AUDIT_OPTIONS = (
    AuditOption("connection", "dict", {}),
    AuditOption("filters", "dict", {}),
    # The role always passes its built-in rules; the action has no rules of its own.
    AuditOption("rules", "list", elements="dict", required=True),
    AuditOption("rules_extra", "list", [], elements="dict"),
    AuditOption("rules_disabled", "list", [], elements="str"),
    AuditOption("baseline", "path"),
    AuditOption("baseline_required", "bool", True),
    AuditOption("output_dir", "path", "zoom-phone-audit"),
    AuditOption("formats", "list", list(FORMATS), elements="str", choices=FORMATS),
    AuditOption("fail_severity", "str", "high", choices=SEVERITIES),
    # Whether the gate is on; the action reports it (RV gate), the role fails the play on it.
    AuditOption("fail_on_violation", "bool", False),
)

# The role's variables are the options with this prefix.
ROLE_PREFIX = "phone_numbers_audit_"
# Other variables of the role's namespace that are not settings: what its tasks register.
ROLE_REGISTERED = (ROLE_PREFIX + "run",)
# Settings of the role that its tasks use and the action never sees: the sub-folder of the output
# folder (one per account, for ucops.zoom.audit_accounts).
ROLE_ONLY_SETTINGS = (ROLE_PREFIX + "output_subdir",)


def argument_spec():
    """The argument spec entries of the audit options (the connection options are added by the caller)."""
    spec = {}
    for option in AUDIT_OPTIONS:
        entry = {"type": option.type}
        for key in ("default", "elements"):
            if getattr(option, key) is not None:
                entry[key] = getattr(option, key)
        if option.choices:
            entry["choices"] = list(option.choices)
        if option.required:
            entry["required"] = True
        if option.name == "connection":
            # A dict of options, some secret: the listing masks the secrets it finds there.
            entry["no_log"] = False
        spec[option.name] = entry
    return spec


class AuditError(Exception):
    """A one-line message that names the setting or file at fault and says what to do."""

    def __init__(self, message):
        self.message = " ".join(str(message).split())
        super().__init__(self.message)
