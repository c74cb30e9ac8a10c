# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Action plugin behind ``ucops.zoom.zoom_phone_numbers_audit`` (documented in plugins/modules/).

It lists the numbers in the controller's own process, through the same client and domain
code as ``ucops.zoom.zoom_phone_numbers_info`` (with the BYOC fields fetched when a rule reads
them), so that the full list of numbers never passes through a module result, Jinja or a
registered variable. Everything after the listing (rules, summary, drift, reports) is plain
Python from ``plugin_utils/audit``.
"""

from __future__ import annotations

import os
import time

from ansible.errors import AnsibleError
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.ucops.zoom.plugins.module_utils import number_query, zoom_connection
from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import BYOC_FIELDS, list_numbers
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_client import ZoomClient
from ansible_collections.ucops.zoom.plugins.module_utils.option_values import closest
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomError
from ansible_collections.ucops.zoom.plugins.plugin_utils import plugin_options
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit import options as audit_options
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit import report as audit_report
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.drift import load_baseline
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.options import AuditError
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.rules import build_rules

display = Display()

# The fields the summary, the violations' messages and the drift read from each number.
REPORT_FIELDS = ("number", "display_name", "number_type", "status", "source", "site", "assignee")


def argument_spec():
    # Connection options have no defaults here: only what the task sets counts, then the
    # connection dict over it, then the ZOOM_* environment variables, then the module's defaults.
    spec = dict((option.name, {"type": option.type, "no_log": option.no_log}) for option in zoom_connection.CONNECTION_OPTIONS)
    for option in zoom_connection.CONNECTION_OPTIONS:
        if option.choices:
            spec[option.name]["choices"] = list(option.choices)
    spec.update(audit_options.argument_spec())
    return spec


def from_start_directory(path):
    """An absolute path; relative ones are taken from where ansible-playbook was started.

    Not from the playbook's or role's folder: the playbook ucops.zoom.audit lives inside the
    installed collection, and reports must never be written there.
    """
    return os.path.abspath(os.path.expanduser(path))


def connection_options(direct, nested, label="connection"):
    """The connection options: those set on the task, the ``connection`` dict over them, then ZOOM_* for the rest."""
    unknown = sorted(set(nested or {}) - set(zoom_connection.CONNECTION_OPTION_NAMES))
    if unknown:
        raise AuditError("%s has unknown option%s %s; accepted: %s." % (
            label, "s" if len(unknown) > 1 else "", ", ".join(unknown), ", ".join(zoom_connection.CONNECTION_OPTION_NAMES)))
    options = dict((name, direct.get(name)) for name in zoom_connection.CONNECTION_OPTION_NAMES)
    options.update((name, value) for name, value in (nested or {}).items() if value is not None)
    return zoom_connection.with_environment(options)


class ActionModule(ActionBase):

    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        try:
            plugin_options.check_requirements("audit")
        except AnsibleError as exc:
            result.update(failed=True, msg=str(exc))
            return result
        dummy, args = self.validate_argument_spec(argument_spec=argument_spec())
        started = time.time()
        warnings = unknown_role_variables(self._task, task_vars or {})
        try:
            plan = self._plan(args, warnings)
            client = ZoomClient(plan["connection"], warn=warnings.append, log=display.vvv)
            listing = list_numbers(client, plan["query"], byoc_fields=plan["needs_byoc"])
            listed, listed_cpu = time.time(), time.process_time()
            meta = {
                "api_url": plan["connection"].api_url,
                "filters": args["filters"],
                "byoc_fields_listed": listing.stats.byoc_fields_listed,
                "listings": describe_listings(args["filters"], listing.stats),
            }
            document = audit_report.audit(listing.records, plan["rules"], args["fail_severity"], plan["baseline"], meta,
                                          gate_enabled=args["fail_on_violation"])
            files = {} if self._task.check_mode else audit_report.write_reports(document, plan["output_dir"], args["formats"])
        except AuditError as exc:
            result.update(failed=True, msg=exc.message)
            return _with_warnings(result, warnings)
        except ZoomError as exc:
            result.update(failed=True, **exc.fail_kwargs())
            return _with_warnings(result, warnings)
        finished, finished_cpu = time.time(), time.process_time()

        result.update(
            msg=audit_report.headline(document),
            changed=bool(files),
            audit=wrap_var(audit_report.fact(document, files)),
            files=files,
            gate=wrap_var(document["report"]["gate"]),
            output_dir=plan["output_dir"],
            seconds={"listing": round(listed - started, 3), "audit": round(finished - listed, 3), "audit_cpu": round(finished_cpu - listed_cpu, 3)},
            # The result carries every violation: at -v, print the task's status, not all of them.
            _ansible_verbose_override=True,
        )
        return _with_warnings(result, warnings)

    def _plan(self, args, warnings):
        """Validate everything that can be checked before the first request; raise AuditError or ZoomError."""
        rules, rule_warnings = build_rules(args["rules"], args["rules_extra"], args["rules_disabled"])
        warnings.extend(rule_warnings)
        connection = zoom_connection.connection_from_options(connection_options(args, args["connection"]))
        query = number_query.NumberQuery.from_options(args["filters"] or {}, endpoint=connection.endpoint, label="filters.")
        if query.fields:
            # The reports and every enabled rule need their fields whatever the user asked to keep.
            needed = set(REPORT_FIELDS) | set().union(*(rule.where.fields() for rule in rules)) | query.where.fields()
            query.fields = query.fields + tuple(sorted(needed - set(query.fields)))
        baseline = None
        if args.get("baseline"):
            path = from_start_directory(args["baseline"])
            if not os.path.exists(path) and not args["baseline_required"]:
                # The first run of a job that always compares with its previous report.
                warnings.append("There is no baseline report at %s yet, so this audit lists no drift." % path)
            else:
                numbers, meta = load_baseline(path)
                baseline = (numbers, meta, path)
        return {
            "rules": rules,
            "query": query,
            "connection": connection,
            "baseline": baseline,
            "output_dir": from_start_directory(args["output_dir"]),
            "needs_byoc": any(rule.needs_byoc for rule in rules) or bool(query.where.fields() & BYOC_FIELDS),
        }


def unknown_role_variables(task, task_vars):
    """Warnings for the role's ``phone_numbers_audit_*`` variables that it does not know.

    Ansible accepts any variable, so a misspelt setting (``..._fail_on_violations``) would
    leave the real one at its default without a word: the gate off, the baseline ignored.
    """
    role = getattr(task, "_role", None)
    if role is None or getattr(role, "_role_name", None) != "phone_numbers_audit":
        return []
    known = [audit_options.ROLE_PREFIX + option.name for option in audit_options.AUDIT_OPTIONS] + list(audit_options.ROLE_ONLY_SETTINGS)
    warnings = []
    for name in sorted(task_vars):
        if isinstance(name, str) and name.startswith(audit_options.ROLE_PREFIX) and name not in known \
                and name not in audit_options.ROLE_REGISTERED:
            near = closest(name, known, limit=1)
            warnings.append("The variable %s is not a setting of the role ucops.zoom.phone_numbers_audit and changes nothing%s" % (
                name, "; did you mean %s?" % near[0] if near else "."))
    return warnings


def describe_listings(filters, stats):
    """What each listing was and what it cost, for the report's ``listings``."""
    extra = stats.byoc_listing
    main = {
        "query": dict((key, value) for key, value in (filters or {}).items() if key not in ("where", "page_size") and value is not None),
        "endpoint": stats.endpoint,
        "count": stats.listed,
        "pages": stats.pages,
        "requests": stats.requests - (extra["requests"] if extra else 0),
        "retries": stats.retries - (extra["retries"] if extra else 0),
        "changed_during_listing": stats.changed_during_listing,
    }
    if not extra:
        return [main]
    sets = extra["query_sets"]
    byoc = {"query": dict(sets[0]) if len(sets) == 1 else {"queries": [dict(values) for values in sets]}, "endpoint": "phone"}
    byoc.update((key, extra[key]) for key in ("count", "pages", "requests", "retries", "changed_during_listing", "merged"))
    return [main, byoc]


def _with_warnings(result, warnings):
    if warnings:
        result["warnings"] = list(warnings)
    return result
