# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Action plugin behind ``ucops.zoom.zoom_phone_numbers_audit`` (documented in plugins/modules/).

It runs ``ucops.zoom.zoom_phone_numbers_info`` itself, once or twice (a ``type=byoc``
companion listing when a rule reads BYOC-only fields), so that the full list of numbers
never passes through Jinja or a registered variable. Everything after the listing (rules,
summary, drift, reports) is plain Python from ``module_utils/audit_*``.
"""

from __future__ import annotations

import os
import time

from ansible.plugins.action import ActionBase
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.ucops.zoom.plugins.module_utils import audit_listing, audit_report
from ansible_collections.ucops.zoom.plugins.module_utils.audit_drift import load_baseline
from ansible_collections.ucops.zoom.plugins.module_utils.audit_errors import AuditError
from ansible_collections.ucops.zoom.plugins.module_utils.audit_rules import BYOC_FIELDS, SEVERITIES, build_rules
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_connection import CONNECTION_OPTIONS, DEFAULT_API_URL

LISTING_MODULE = "ucops.zoom.zoom_phone_numbers_info"

# Keys of a failed module result worth passing on; the rest (invocation...) stays behind.
FAILURE_KEYS = ("msg", "error_kind", "status", "zoom_code", "exception")


def argument_spec():
    # Connection options have no defaults here: only what the task sets is passed on, and the
    # module applies its own defaults and ZOOM_* environment fallbacks.
    spec = dict((option.name, {"type": option.type, "no_log": option.no_log}) for option in CONNECTION_OPTIONS)
    for option in CONNECTION_OPTIONS:
        if getattr(option, "choices", None):
            spec[option.name]["choices"] = list(option.choices)
    spec.update(
        connection={"type": "dict", "default": {}, "no_log": False},
        filters={"type": "dict", "default": {}},
        rules={"type": "list", "elements": "dict", "required": True},
        rules_extra={"type": "list", "elements": "dict", "default": []},
        rules_disabled={"type": "list", "elements": "str", "default": []},
        baseline={"type": "path"},
        baseline_required={"type": "bool", "default": True},
        output_dir={"type": "path", "default": "zoom-phone-audit"},
        formats={"type": "list", "elements": "str", "choices": list(audit_report.FORMATS), "default": list(audit_report.FORMATS)},
        fail_severity={"type": "str", "choices": list(SEVERITIES), "default": "high"},
    )
    return spec


def from_start_directory(path):
    """An absolute path; relative ones are taken from where ansible-playbook was started.

    Not from the playbook's or role's folder: the playbook ucops.zoom.audit lives inside the
    installed collection, and reports must never be written there.
    """
    return os.path.abspath(os.path.expanduser(path))


class ListingFailed(Exception):
    """The listing module failed; ``failure`` is what the task returns."""

    def __init__(self, failure):
        super().__init__(failure.get("msg"))
        self.failure = failure


class ActionModule(ActionBase):

    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        dummy, args = self.validate_argument_spec(argument_spec=argument_spec())
        started = time.time()
        try:
            plan = self._plan(args)
            records, listings, byoc_listed, warnings = self._list_numbers(task_vars, plan)
            listed, listed_cpu = time.time(), time.process_time()
            meta = {
                # Where the numbers came from, as the module resolved it: the option, else its environment fallback.
                "api_url": (plan["connection"].get("api_url") or os.environ.get("ZOOM_API_URL") or DEFAULT_API_URL).rstrip("/"),
                "filters": args["filters"],
                "byoc_fields_listed": byoc_listed,
                "listings": listings,
            }
            document = audit_report.audit(records, plan["rules"], args["fail_severity"], plan["baseline"], meta)
            files = {} if self._task.check_mode else audit_report.write_reports(document, plan["output_dir"], args["formats"])
        except AuditError as exc:
            result.update(failed=True, msg=exc.message)
            return result
        except ListingFailed as exc:
            result.update(exc.failure)
            return result
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
        if warnings:
            result["warnings"] = warnings
        return result

    def _list_numbers(self, task_vars, plan):
        """``(records, listings, byoc_listed, warnings)``: the numbers to audit, BYOC fields merged when needed."""
        warnings = list(plan["warnings"])
        listing = self._list(task_vars, plan["query"], plan["connection"])
        warnings += listing.get("warnings") or []
        records = listing["phone_numbers"]
        listings = [self._describe(plan["query"], listing)]
        # The Number Management endpoint (chosen, or Zoom's replacement after the sunset) always sends them.
        byoc_listed = plan["covers_byoc"] or listing.get("endpoint") == "number_management"
        if plan["needs_byoc"] and not byoc_listed:
            # Without any BYOC number in the listing there is nothing for a second listing to add.
            if audit_listing.may_hold_byoc(records):
                companion_query = audit_listing.byoc_query(plan["query"])
                companion = self._list(task_vars, companion_query, plan["connection"])
                warnings += companion.get("warnings") or []
                described = self._describe(companion_query, companion)
                described["merged"] = audit_listing.merge_byoc(records, companion["phone_numbers"])
                listings.append(described)
            byoc_listed = True
        return plan["where"].filter(records), listings, byoc_listed, warnings

    def _plan(self, args):
        """Validate everything that can be checked before the first request; raise AuditError."""
        rules, warnings = build_rules(args["rules"], args["rules_extra"], args["rules_disabled"])
        query, where = audit_listing.split_filters(args["filters"])
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
            "warnings": warnings,
            "query": query,
            "where": where,
            "baseline": baseline,
            "output_dir": from_start_directory(args["output_dir"]),
            "connection": audit_listing.connection_options(args, args["connection"]),
            "needs_byoc": any(rule.needs_byoc for rule in rules) or bool(where.fields() & BYOC_FIELDS),
            "covers_byoc": audit_listing.covers_byoc(query),
        }

    def _list(self, task_vars, query, connection):
        """Run the listing module; raise ListingFailed with its error when it fails."""
        module_args = dict(query)
        module_args.update(connection)
        listing = self._execute_module(module_name=LISTING_MODULE, module_args=module_args, task_vars=task_vars)
        if listing.get("failed"):
            raise ListingFailed(self._failure(listing))
        return listing

    @staticmethod
    def _describe(query, listing):
        """What one listing was and what it cost, for the report's ``listings``."""
        described = {"query": dict((key, value) for key, value in query.items() if key != "page_size")}
        for key in ("endpoint", "count", "pages", "requests", "retries", "changed_during_listing"):
            described[key] = listing.get(key)
        return described

    @staticmethod
    def _failure(listing):
        failure = dict((key, listing[key]) for key in FAILURE_KEYS if key in listing)
        failure["failed"] = True
        failure.setdefault("msg", "The phone number listing failed.")
        return failure
