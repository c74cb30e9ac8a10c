# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Which listings an audit needs, and how their records are put together.

Zoom sends the BYOC fields (carrier, emergency address and its status...) only to a
``type=byoc`` listing. When an enabled rule reads them and the filters do not already ask
for BYOC numbers, the audit lists BYOC numbers a second time with the same filters and
copies those fields onto the numbers of the first listing, matched by id.
"""

from __future__ import annotations

import json

from ansible_collections.ucops.zoom.plugins.module_utils.audit_errors import AuditError
from ansible_collections.ucops.zoom.plugins.module_utils.audit_rules import BYOC_FIELDS
from ansible_collections.ucops.zoom.plugins.module_utils import phone_numbers
from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import Where
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_connection import CONNECTION_OPTION_NAMES
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomError

# Every query option the listing module takes (its own list, so a new filter works here too).
FILTER_NAMES = getattr(phone_numbers, "ALL_QUERY_OPTION_NAMES", phone_numbers.QUERY_OPTION_NAMES) + ("where", "queries")


def connection_options(direct, nested, label="connection"):
    """The connection options to pass to the module: those set in ``direct``, then ``nested`` over them.

    ``direct`` holds the task's own options (set by the task or ``module_defaults``), ``nested``
    the ``connection`` dict; unset ones are left to the module's ``ZOOM_*`` fallbacks.
    """
    unknown = sorted(set(nested or {}) - set(CONNECTION_OPTION_NAMES))
    if unknown:
        raise AuditError("%s has unknown option%s %s; accepted: %s." % (
            label, "s" if len(unknown) > 1 else "", ", ".join(unknown), ", ".join(CONNECTION_OPTION_NAMES)))
    options = dict((name, direct[name]) for name in CONNECTION_OPTION_NAMES if direct.get(name) is not None)
    options.update((name, value) for name, value in (nested or {}).items() if value is not None)
    return options


def split_filters(filters, label="filters"):
    """``(module query options, compiled where)`` from the audit's filters.

    ``where`` is kept back and applied after the listings are merged, so that it may test
    BYOC fields even when the main listing is not a BYOC one.
    """
    filters = dict(filters or {})
    unknown = sorted(set(filters) - set(FILTER_NAMES))
    if unknown:
        raise AuditError("%s has unknown option%s %s; accepted: %s." % (
            label, "s" if len(unknown) > 1 else "", ", ".join(unknown), ", ".join(FILTER_NAMES)))
    where_text = filters.pop("where", None)
    try:
        where = Where(where_text, label="%s.where" % label)
    except ZoomError as exc:
        raise AuditError(str(exc)) from None
    query = dict((key, value) for key, value in filters.items() if value is not None)
    return query, where


def _query_sets(query):
    """The effective query option sets: one, or one per ``queries`` entry over the top-level defaults."""
    base = dict((key, value) for key, value in query.items() if key != "queries")
    if not query.get("queries"):
        return [base]
    return [dict(base, **entry) if isinstance(entry, dict) else base for entry in query["queries"]]


def covers_byoc(query):
    """Whether every record the query lists carries the BYOC fields because all of it is type=byoc.

    A listing through the Number Management endpoint carries them too; the caller learns that
    from the module's result (``endpoint``).
    """
    return all(entry.get("type") == "byoc" for entry in _query_sets(query))


def byoc_query(query):
    """The module arguments of the companion ``type=byoc`` listing for ``query``.

    ``extension_type`` goes (Zoom allows it only with ``type=assigned``); the other filters
    stay so the companion listing is no larger than it must be. Only numbers of the main
    listing are enriched, so the companion listing may safely hold more.
    """
    def as_byoc(entry):
        entry = dict((key, value) for key, value in entry.items() if key != "extension_type")
        entry["type"] = "byoc"
        return entry

    top = as_byoc(dict((key, value) for key, value in query.items() if key != "queries"))
    if not query.get("queries"):
        return top
    entries, seen = [], set()
    for entry in query["queries"]:
        converted = as_byoc(entry if isinstance(entry, dict) else {})
        key = json.dumps(converted, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            entries.append(converted)
    top["queries"] = entries
    return top


def may_hold_byoc(records):
    """Whether any record is, or may be, a BYOC number (``source`` external or not given)."""
    return any(record.get("source", "external") == "external" for record in records)


def merge_byoc(records, byoc_records):
    """Copy the BYOC fields of ``byoc_records`` onto the same numbers (by id) of ``records``; return how many."""
    extra = {}
    for record in byoc_records:
        fields = dict((key, value) for key, value in record.items() if key in BYOC_FIELDS)
        if fields:
            extra[record.get("id")] = fields
    merged = 0
    for record in records:
        fields = extra.get(record.get("id"))
        if fields:
            record.update(fields)
            merged += 1
    return merged
