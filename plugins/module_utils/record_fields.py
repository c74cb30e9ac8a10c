# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fields of number records by dotted path (``assignee.name``): reading, counting by them, flattening."""

from __future__ import annotations

import collections

_MISSING = object()


def get_path(record, path, default=None):
    """The value at a dotted ``path`` of nested dicts, or ``default`` when any step is absent."""
    value = record
    for key in path.split("."):
        if not isinstance(value, dict):
            return default
        value = value.get(key, _MISSING)
        if value is _MISSING:
            return default
    return value


def count_by(records, path, default="none"):
    """``{value: count}`` over ``records`` by the field at ``path``, largest first, then by name.

    Absent and null values count under ``default``; lists and dicts are counted by their text
    so that any field can be used without failing.
    """
    counts = collections.Counter()
    for record in records:
        value = get_path(record, path)
        if value is None or value == "":
            value = default
        elif isinstance(value, (list, dict)):
            value = str(value)
        counts[value] += 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], str(item[0]))))


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


def project(record, paths):
    """A new record with ``id`` and the fields at the dotted ``paths`` only, each where it was.

    A path to a dict keeps the whole dict (``site``); a path into it keeps that part (``site.id``).
    Absent fields stay absent.
    """
    kept = {"id": record["id"]} if "id" in record else {}
    for path in paths:
        keys = path.split(".")
        value = get_path(record, path, _MISSING)
        if value is _MISSING:
            continue
        target = kept
        for key in keys[:-1]:
            target = target.setdefault(key, {})
            if not isinstance(target, dict):
                break
        else:
            target[keys[-1]] = value
    return kept
