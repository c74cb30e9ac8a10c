# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's ground truth about numbers, before and after a change, and what changed between the two."""

from __future__ import annotations

import json

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def snapshot(sim):
    """Every Zoom Phone number of the account by id, each with every field (BYOC fields included)."""
    return dict((record["id"], sim.number(record["id"])) for record in sim.truth(pending_numbers=True))


def changes(before, after):
    """``{id: set of changed field names}``; a number that left the account shows ``{"released"}``."""
    changed = {}
    for number_id, old in before.items():
        new = after.get(number_id)
        if new is None:
            changed[number_id] = {"released"}
            continue
        fields = set(name for name in set(old) | set(new) if old.get(name) != new.get(name))
        if fields:
            changed[number_id] = fields
    for number_id in set(after) - set(before):
        changed[number_id] = {"added"}
    return changed


def field(record, name):
    """A field of a number record in the form the module reports it (``before``/``after``)."""
    if name == "exists":
        return record is not None
    if name == "assignee":
        return record.get("assignee")
    if name == "display_name":
        return record.get("display_name", "")
    if name == "emergency_address_confirmed":
        return record.get("emergency_address_status") == 2
    return record.get(name)


def writes(sim):
    """The write requests the simulator saw, as ``(method, path without /v2, status)``."""
    return [(entry["method"], entry["path"][len("/v2"):], entry["status"]) for entry in sim.stats()["writes"]]


def successful_writes_per_number(sim):
    """``{(number id, operation): count}`` of write answers with a 2xx status."""
    counts = {}
    for entry in sim.stats()["writes"]:
        if entry["status"] is not None and 200 <= entry["status"] < 300:
            for number_id in entry["numbers"]:
                key = (number_id, entry["method"] + " " + entry["template"])
                counts[key] = counts.get(key, 0) + 1
    return counts


def task(args, **keywords):
    """One ucops.zoom.zoom_phone_number task as YAML (JSON is YAML), with task keywords."""
    lines = ["- name: %s" % keywords.pop("name", "Change numbers"),
             "  ucops.zoom.zoom_phone_number: %s" % json.dumps(args)]
    lines += ["  %s: %s" % (key, json.dumps(value)) for key, value in keywords.items()]
    return "\n".join(lines) + "\n"
