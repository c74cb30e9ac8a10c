# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Action plugin behind ``ucops.zoom.zoom_phone_numbers_audit_rollup`` (documented in plugins/modules/).

Writes the fleet roll-up of ``ucops.zoom.audit_accounts`` on the controller; no Zoom request.
"""

from __future__ import annotations

from ansible.plugins.action import ActionBase

from ansible_collections.ucops.zoom.plugins.action.zoom_phone_numbers_audit import from_start_directory
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.options import AuditError
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.rollup import rollup, write_rollup


def argument_spec():
    return {
        "accounts": {"type": "list", "elements": "dict", "required": True},
        "output_dir": {"type": "path", "default": "zoom-phone-audit"},
    }


class ActionModule(ActionBase):

    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        dummy, args = self.validate_argument_spec(argument_spec=argument_spec())
        output_dir = from_start_directory(args["output_dir"])
        try:
            document = rollup(args["accounts"])
            files = {} if self._task.check_mode else write_rollup(document, output_dir)
        except AuditError as exc:
            result.update(failed=True, msg=exc.message)
            return result
        totals = document["totals"]
        result.update(
            changed=bool(files),
            files=files,
            totals=totals,
            output_dir=output_dir,
            msg="%d accounts: %d audited (%d over their gate), %d failed." % (
                totals["accounts"], totals["audited"], totals["gate_failed"], totals["failed"]),
        )
        return result
