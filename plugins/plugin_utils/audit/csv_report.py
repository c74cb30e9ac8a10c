# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The CSV report: one row per number, its fields flattened, then the rules it breaks.

Written for spreadsheets: UTF-8 with a byte order mark (so Excel reads accents and CJK),
CRLF line ends, every field quoted, and cells that a spreadsheet could run as a formula
prefixed with an apostrophe: those starting with = + - @, a tab or a carriage return, and
those holding a ";", which many locales use to separate fields (the part after it would
otherwise stand on its own). Header cells are treated the same: they are field names that
come from Zoom. E.164 numbers start with + too: the prefix also keeps them as text instead
of turning them into floating-point numbers. Lists are joined with ", " for that reason.
"""

from __future__ import annotations

import csv
import io
import json

from ansible_collections.ucops.zoom.plugins.module_utils.record_fields import flatten

BOM = "\ufeff"
# ASCII formula triggers and their full-width forms, which some spreadsheets also honour.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Field separators of other locales (and the full-width semicolon) anywhere in a cell.
SEPARATORS = (";", "\uff1b")
LIST_SEPARATOR = ", "
VIOLATION_COLUMNS = ("violations", "violation_count", "highest_severity")
# The fields of Zoom's phone number object in the order a reader expects them; fields Zoom
# adds later still appear, after these, in name order.
COLUMN_ORDER = (
    "id", "number", "display_name", "number_type", "status", "source", "location",
    "site.id", "site.name",
    "assignee.type", "assignee.name", "assignee.extension_number", "assignee.id",
    "capability",
    "carrier.code", "carrier.name", "sip_group.id", "sip_group.display_name",
    "emergency_address_status", "emergency_address_update_time",
    "emergency_address.address_line1", "emergency_address.address_line2", "emergency_address.city",
    "emergency_address.state_code", "emergency_address.zip", "emergency_address.country",
)


def cell(value):
    """The text of one CSV cell for a record value."""
    if isinstance(value, str):
        return neutralise(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list) and all(isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in value):
        text = LIST_SEPARATOR.join(str(item) for item in value)
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    return neutralise(text)


def neutralise(text):
    """``text`` made inert for spreadsheets: a leading formula character or a separator anywhere gets an apostrophe."""
    if text.startswith(FORMULA_STARTS) or any(separator in text for separator in SEPARATORS):
        return "'" + text
    return text


def render(document):
    """The whole CSV report as text (with its byte order mark)."""
    broken = {}
    for entry in document["violations"]:
        broken.setdefault(entry["id"], []).append(entry)
    flat_rows = [flatten(record) for record in document["numbers"]]
    header = columns(flat_rows)
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([neutralise(name) for name in header + list(VIOLATION_COLUMNS)])
    for record, flat in zip(document["numbers"], flat_rows):
        entries = broken.get(record.get("id"), [])
        # Violations come most severe first, so the first one carries the highest severity.
        tail = [neutralise(LIST_SEPARATOR.join(entry["rule"] for entry in entries)), str(len(entries)), entries[0]["severity"] if entries else ""]
        # Most columns are absent from most numbers: skip the call for those.
        writer.writerow([cell(flat[name]) if name in flat else "" for name in header] + tail)
    return out.getvalue()


def columns(flat_rows):
    """The column list for rows of flattened records: the known order, then any other field seen."""
    seen = set()
    for row in flat_rows:
        seen.update(row)
    return list(COLUMN_ORDER) + sorted(seen - set(COLUMN_ORDER))
