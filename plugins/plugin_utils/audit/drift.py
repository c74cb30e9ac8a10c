# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Drift between an earlier audit's numbers (the baseline) and today's: added, removed, changed.

Numbers are matched by ``id``. A changed number lists each field that differs as a dotted
path with its old and new value, and the kinds of change it amounts to (a reassignment, a
site move, a new emergency address...), so that reports can count them.
"""

from __future__ import annotations

import json

from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.options import AuditError
from ansible_collections.ucops.zoom.plugins.module_utils.record_fields import flatten
from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import BYOC_FIELDS

# The first entry with a pattern that matches a field names the change; "x.*" matches the
# fields under x, any other pattern only itself.
CHANGE_KINDS = (
    ("reassigned", ("assignee", "assignee.id", "assignee.type")),
    ("assignee_details", ("assignee.*",)),
    ("site_moved", ("site", "site.id")),
    ("site_details", ("site.*",)),
    ("emergency_address", ("emergency_address", "emergency_address.*", "emergency_address_status", "emergency_address_update_time")),
    ("status", ("status",)),
    ("carrier", ("carrier", "carrier.*", "sip_group", "sip_group.*")),
    ("capability", ("capability",)),
    ("display_name", ("display_name",)),
)
OTHER_KIND = "other"


def change_kind(field):
    """The kind of change a differing dotted ``field`` stands for (see CHANGE_KINDS)."""
    for kind, patterns in CHANGE_KINDS:
        for pattern in patterns:
            if field == pattern or (pattern.endswith(".*") and field.startswith(pattern[:-1])):
                return kind
    return OTHER_KIND


def _comparable(value):
    # Zoom does not promise an order for capability lists: compare lists of text as sets.
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return sorted(value)
    return value


def changes_between(old, new, compare_byoc=True):
    """``[{field, old, new}]`` for every dotted field that differs, by field name."""
    old_flat, new_flat = flatten(old), flatten(new)
    changes = []
    for field in sorted(set(old_flat) | set(new_flat)):
        if not compare_byoc and field.split(".", 1)[0] in BYOC_FIELDS:
            continue
        before, after = old_flat.get(field), new_flat.get(field)
        if _comparable(before) != _comparable(after):
            changes.append({"field": field, "old": before, "new": after})
    return changes


def compare(baseline, current, compare_byoc=True):
    """Drift from ``baseline`` records to ``current`` records (both lists of dicts with ``id``).

    Added numbers are in today's order, removed ones in the baseline's. ``compare_byoc`` false
    leaves out the BYOC-only fields, for when only one of the two audits listed them.
    """
    before = dict((record["id"], record) for record in baseline)
    now_ids = set(record["id"] for record in current)
    added = [record for record in current if record["id"] not in before]
    removed = [record for record in baseline if record["id"] not in now_ids]
    changed, by_kind = [], dict((kind, 0) for kind, dummy in CHANGE_KINDS)
    by_kind[OTHER_KIND] = 0
    for record in current:
        old = before.get(record["id"])
        if old is None or old == record:
            continue
        changes = changes_between(old, record, compare_byoc)
        if not changes:
            continue
        found = set(change_kind(change["field"]) for change in changes)
        kinds = [kind for kind in by_kind if kind in found]
        for kind in kinds:
            by_kind[kind] += 1
        changed.append({"id": record["id"], "number": record.get("number", old.get("number")), "kinds": kinds, "changes": changes})
    return {
        "counts": {"added": len(added), "removed": len(removed), "changed": len(changed), "by_kind": by_kind},
        "byoc_fields_compared": bool(compare_byoc),
        "added": added,
        "removed": removed,
        "changed": changed,
    }


def load_baseline(path):
    """Read an earlier JSON report; return ``(numbers, report_meta)`` or raise AuditError naming the file."""
    try:
        with open(path, "rb") as handle:
            document = json.loads(handle.read().decode("utf-8"))
    except FileNotFoundError:
        raise AuditError("There is no baseline report at %s. Give the path of an earlier phone_numbers_audit.json, or set "
                         "phone_numbers_audit_baseline_required: false (baseline_required: false on the module) to audit without "
                         "drift until the first report exists." % path) from None
    except (IOError, OSError) as exc:
        raise AuditError("Cannot read the baseline %s: %s. Give the path of an earlier phone_numbers_audit.json." % (
            path, exc.strerror or exc)) from None
    except ValueError as exc:
        raise AuditError("The baseline %s is not valid JSON (%s); it must be an earlier phone_numbers_audit.json." % (path, exc)) from None
    numbers = document.get("numbers") if isinstance(document, dict) else None
    if not isinstance(numbers, list):
        raise AuditError("The baseline %s has no list 'numbers'; it must be an earlier phone_numbers_audit.json." % path)
    for index, record in enumerate(numbers):
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            raise AuditError("The baseline %s is damaged: numbers[%d] is not a number record with an id." % (path, index))
    meta = document.get("report") if isinstance(document.get("report"), dict) else {}
    return numbers, meta
