# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Number records as flat rows of dotted fields, shared by drift and the CSV report."""

from __future__ import annotations

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


def flatten(record, prefix=""):
    """``{dotted path: value}`` of a record; lists and empty dicts stay whole values."""
    flat = {}
    for key, value in record.items():
        path = prefix + str(key)
        if isinstance(value, dict) and value:
            flat.update(flatten(value, path + "."))
        else:
            flat[path] = value
    return flat


def columns(flat_rows):
    """The column list for rows of flattened records: the known order, then any other field seen."""
    seen = set()
    for row in flat_rows:
        seen.update(row)
    known = set(COLUMN_ORDER)
    return list(COLUMN_ORDER) + sorted(seen - known)
