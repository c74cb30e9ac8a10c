# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Changes to existing numbers made behind the client's back (drift), and users with several
numbers on request. Both go through ``Dataset.edit`` like the write API, so everything stays
consistent: listings, truth and the entities' numbers.
"""

import random

from .entities import ASSIGNABLE
from .model import NumberRecord
from .number_updates import assigned


def _same_site(entity, record) -> bool:
    """Whether the entity can hold the number without crossing sites."""
    site = (record.data.get("site") or {}).get("id")
    return site is None or entity.site is None or entity.site["id"] == site


def _drift_one(api, rng: random.Random, record: NumberRecord, sites: list) -> tuple:
    """One change to one number: ``(action, new record)``; action reassign, move or rename."""
    assignee = record.data.get("assignee") or {}
    kind = assignee.get("type")
    if kind in ASSIGNABLE:
        others = [entity for entity in api.directory.entities(kind)
                  if entity.ident != assignee.get("id") and _same_site(entity, record)]
        if others:
            return "reassign", assigned(record, rng.choice(others), follow_site=False)
    elif not assignee:
        here = (record.data.get("site") or {}).get("id")
        elsewhere = [site for site in sites if site["id"] != here]
        if elsewhere:
            data = dict(record.data)
            data["site"] = dict(rng.choice(elsewhere))
            return "move", record.changed(data)
    data = dict(record.data)
    data["display_name"] = f"Renamed line {rng.randint(1, 9999)}"
    return "rename", record.changed(data)


def change_numbers(api, count: int, seed=None) -> list:
    """Change ``count`` random numbers of Zoom Phone: reassign to another entity of the same kind
    (and site), move an unassigned number to another site, or rename. Returns ``[{"id", "action"}]``.

    Numbers of other products (``other_product_numbers``) are left alone, so every change shows
    on /phone/numbers, and the picks for a seed do not depend on how many of them there are.
    """
    if count < 0:
        raise ValueError("change must be >= 0")
    rng = random.Random(seed if seed is not None else f"{api.dataset.seed}:change:{api.changes}")
    api.changes += 1
    sites = [{"id": site["id"], "name": site["name"]} for site in api.dataset.sites]

    def apply(records):
        phone = [record for record in records if record.phone_listed]
        picks = sorted(rng.sample(range(len(phone)), min(count, len(phone))))
        updates, report = {}, []
        for index in picks:
            action, record = _drift_one(api, rng, phone[index], sites)
            updates[record.ident] = record
            report.append({"id": record.ident, "action": action})
        return api.commit(records, updates), report

    return api.dataset.edit(apply)


def give_users_several_numbers(api, users: int, seed: int) -> list:
    """Assign one or two spare numbers of their own site to ``users`` users that already have one.

    Only with ``Simulator(multi_number_users=N)``: by default the generated numbers stay
    exactly as the seed makes them. Returns the ids of the users that got numbers.
    """
    rng = random.Random(f"{seed}:multi-number-users")

    def apply(records):
        view = api.directory.view(records)
        candidates = [entity for entity in api.directory.entities("user")
                      if entity.origin == "numbers" and view.held_by(entity)]
        spare = [record for record in records if not record.data.get("assignee") and record.phone_listed]
        updates, chosen = {}, []
        for entity in rng.sample(candidates, min(users, len(candidates))):
            fitting = [record for record in spare if record.ident not in updates and _same_site(entity, record)
                       and record.data.get("site") is not None]
            for record in rng.sample(fitting, min(rng.choice((1, 2)), len(fitting))):
                updates[record.ident] = assigned(record, entity, follow_site=False)
            if fitting:
                chosen.append(entity.ident)
        return api.commit(records, updates), chosen

    return api.dataset.edit(apply)
