# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The account's extensions (users, call queues...) as entities consistent with the numbers.

Nothing here changes a number. The catalog is read off the numbers' assignees (same id, same
name, same extension), so the generated numbers stay exactly what they were for a given seed;
then come each site's main auto receptionist (from the site data) and a few seeded extras
without numbers, some named like an existing entity so that name lookups can be ambiguous.
Which numbers an entity holds is never stored: it is read from the records, so listings,
truth and entities always agree, whatever changed the records.
"""

import base64
import hashlib
import random
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Optional

from . import catalog
from .model import ASSIGNEE_TYPES

# Kinds the API can assign numbers to and take them from, with their list endpoint names.
ASSIGNABLE = ("user", "callQueue", "autoReceptionist", "commonArea", "sharedLineGroup")
LIST_NAMES = {
    "user": "users", "callQueue": "call_queues", "autoReceptionist": "auto_receptionists",
    "commonArea": "common_areas", "sharedLineGroup": "shared_line_groups",
    "emergencyNumberPool": "emergency_number_pools", "companyLocation": "company_locations",
    "meetingService": "meeting_services",
}
KIND_BY_NAME = {name: kind for kind, name in LIST_NAMES.items()}
EMAIL_DOMAIN = "example.com"
# Kinds whose assignee object has no extension number (as in the generated records).
_NO_EXTENSION = ("emergencyNumberPool", "companyLocation")
# Extras without numbers: (kind, how many), drawn after the derived entities.
_EXTRAS = (("user", 4), ("callQueue", 2), ("commonArea", 2), ("sharedLineGroup", 2), ("autoReceptionist", 1))


def derived_id(text: str) -> str:
    """A stable 22-character base64url id derived from ``text`` (no random state involved)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode("ascii")[:22]


def kind_of(name: str) -> str:
    """Accept an assignee type (``callQueue``) or a list name (``call_queues``); return the type."""
    if name in ASSIGNEE_TYPES:
        return name
    if name in KIND_BY_NAME:
        return KIND_BY_NAME[name]
    known = ", ".join(list(ASSIGNEE_TYPES) + list(KIND_BY_NAME))
    raise ValueError(f"unknown entity kind {name!r}; known: {known}")


def email_slug(name: str) -> str:
    """The local part of an e-mail address made from a display name (ASCII, dots between words)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", ".", ascii_name).strip(".") or "user"


@dataclass(frozen=True)
class Entity:
    """One extension. ``origin``: ``numbers`` (read off an assignee), ``site`` (a site's main
    auto receptionist) or ``extra`` (seeded, starts without numbers)."""

    kind: str
    ident: str
    name: str
    extension_number: Optional[int] = None
    extension_id: Optional[str] = None
    site: Optional[dict] = None
    email: Optional[str] = None
    origin: str = "numbers"
    status: str = "active"

    def assignee(self) -> dict:
        """The ``assignee`` object a number held by this entity carries (generator key order)."""
        value = {"id": self.ident, "name": self.name, "type": self.kind}
        if self.extension_number is not None:
            value["extension_number"] = self.extension_number
        return value

    def site_id(self) -> Optional[str]:
        """The id of the entity's site, if it has one."""
        return self.site["id"] if self.site else None


def _holder(record) -> Optional[tuple]:
    """(type, id) of the number's assignee, or None when unassigned."""
    assignee = record.data.get("assignee")
    if isinstance(assignee, dict) and assignee.get("id") and assignee.get("type"):
        return assignee["type"], assignee["id"]
    return None


class View:
    """A consistent snapshot: the record list and what was derived from exactly that list."""

    __slots__ = ("records", "by_key", "holders", "positions")

    def __init__(self, records: list):
        self.records = records
        self.by_key = {}
        self.holders = {}
        self.positions = {record.ident: index for index, record in enumerate(records)}
        for record in records:
            self.by_key[record.ident] = record
            self.by_key[record.data["number"]] = record
            key = _holder(record)
            if key is not None:
                self.holders.setdefault(key, []).append(record)

    def derive(self, records: list, updates: dict, removed: frozenset) -> "View":
        """The view of ``records``, which differ from this view's only by ``updates`` (id ->
        new record, same number, same position) and ``removed`` ids: copies instead of a rebuild."""
        view = View.__new__(View)
        view.records = records
        view.by_key = dict(self.by_key)
        view.holders = dict(self.holders)
        touched = set()
        for ident in removed:
            record = self.by_key[ident]
            del view.by_key[ident], view.by_key[record.data["number"]]
            touched.add(_holder(record))
        for ident, record in updates.items():
            touched.add(_holder(self.by_key[ident]))
            touched.add(_holder(record))
            view.by_key[ident] = view.by_key[record.data["number"]] = record
        changed = set(updates) | set(removed)
        for key in touched - {None}:
            members = [record for record in self.holders.get(key, ()) if record.ident not in changed]
            members += [record for record in updates.values() if _holder(record) == key]
            members.sort(key=lambda record: self.positions[record.ident])
            if members:
                view.holders[key] = members
            else:
                view.holders.pop(key, None)
        view.positions = self.positions if not removed else {record.ident: index for index, record in enumerate(records)}
        return view

    def find(self, key) -> Optional[object]:
        """A record by id or E.164 number; a number without its ``+`` is accepted too."""
        if not isinstance(key, str) or not key:
            return None
        record = self.by_key.get(key)
        if record is None and key[0].isdigit():
            record = self.by_key.get("+" + key)
        return record

    def held_by(self, entity: Entity) -> list:
        """The records an entity holds, in API order."""
        return self.holders.get((entity.kind, entity.ident), [])


class Directory:
    """The entity catalog; it only grows (entities never vanish when their numbers do)."""

    def __init__(self, dataset):
        self._dataset = dataset
        self._lock = threading.Lock()
        self._entities = {kind: {} for kind in ASSIGNEE_TYPES}
        self._emails = {}
        self._extension_ids = {}
        self._extensions = set()
        self._sip_groups = {}
        self._view = None
        # Built on first use (listing-only runs never pay for it), always from the records as
        # they were at the start, so the catalog does not depend on when it is first needed.
        self._initial = dataset.records
        self._built = False

    def _build(self) -> None:
        """Derive the catalog from the initial records, the sites and the seed (lock held)."""
        if self._built:
            return
        self._built = True
        dataset = self._dataset
        for group in getattr(dataset, "sip_groups", ()):
            self._sip_groups.setdefault(group["id"], dict(group))
        self._discover(self._initial)
        self._add_site_receptionists(dataset.sites)
        self._add_extras(random.Random(f"{dataset.seed}:directory"), dataset.sites)
        self._initial = None

    # -- building the catalog ----------------------------------------------------------------

    def _register(self, entity: Entity) -> Entity:
        """Add an entity to the indexes (the caller holds the lock)."""
        self._entities[entity.kind][entity.ident] = entity
        if entity.email:
            self._emails[entity.email.lower()] = entity
        if entity.extension_id:
            self._extension_ids[(entity.kind, entity.extension_id)] = entity
        if entity.extension_number is not None:
            self._extensions.add(entity.extension_number)
        return entity

    def _unique_email(self, name: str) -> str:
        """A new address from the name; a digit is added when it is taken (two Maria Garcias)."""
        slug = email_slug(name)
        candidate, serial = f"{slug}@{EMAIL_DOMAIN}", 2
        while candidate in self._emails:
            candidate = f"{slug}{serial}@{EMAIL_DOMAIN}"
            serial += 1
        return candidate

    def _discover(self, records: list) -> None:
        """Add an entity for every assignee not seen before, and every SIP group in use."""
        for record in records:
            data = record.data
            group = data.get("sip_group")
            if isinstance(group, dict) and group.get("id") and group["id"] not in self._sip_groups:
                self._sip_groups[group["id"]] = {"id": group["id"], "display_name": group.get("display_name", "")}
            assignee = data.get("assignee")
            if not isinstance(assignee, dict):
                continue
            kind, ident = assignee.get("type"), assignee.get("id")
            if kind not in self._entities or not ident or ident in self._entities[kind]:
                continue
            extension = assignee.get("extension_number")
            site = data.get("site")
            self._register(Entity(
                kind=kind, ident=ident, name=str(assignee.get("name", "")),
                extension_number=extension if isinstance(extension, int) and not isinstance(extension, bool) else None,
                extension_id=None if kind in _NO_EXTENSION else derived_id(f"{kind}:{ident}:extension"),
                site={"id": site["id"], "name": site["name"]} if isinstance(site, dict) and "id" in site else None,
                email=self._unique_email(str(assignee.get("name", ""))) if kind == "user" else None,
            ))

    def _add_site_receptionists(self, sites: list) -> None:
        """Each site's main auto receptionist, as the site data describes it."""
        for site in sites:
            main = site.get("main_auto_receptionist")
            if not main or main["id"] in self._entities["autoReceptionist"]:
                continue
            self._register(Entity(
                kind="autoReceptionist", ident=main["id"], name=main["name"], extension_number=main["extension_number"],
                extension_id=main["extension_id"], site={"id": site["id"], "name": site["name"]}, origin="site",
            ))

    def _free_extension(self, rng: random.Random) -> int:
        """An extension number no entity uses yet."""
        while True:
            number = rng.randint(1000, 99999)
            if number not in self._extensions:
                return number

    def _add_extras(self, rng: random.Random, sites: list) -> None:
        """Seeded entities without numbers; the first of each kind copies an existing name."""
        names = {
            "user": lambda: f"{rng.choice(catalog.FIRST_NAMES)} {rng.choice(catalog.LAST_NAMES)}",
            "callQueue": lambda: f"{rng.choice(catalog.QUEUE_NAMES)} Queue",
            "commonArea": lambda: f"{rng.choice(catalog.AREA_NAMES)} {rng.randint(1, 20)}",
            "sharedLineGroup": lambda: f"{rng.choice(catalog.QUEUE_NAMES)} Shared Line",
            "autoReceptionist": lambda: f"{rng.choice(catalog.ROOM_NAMES)} Menu {rng.randint(1, 9)}",
        }
        for kind, count in _EXTRAS:
            existing = [entity for entity in self._entities[kind].values() if entity.origin == "numbers" and entity.name]
            for index in range(count):
                twin = existing[0] if index == 0 and existing else None
                name = twin.name if twin else names[kind]()
                site = twin.site if twin else (self._site_ref(rng.choice(sites)) if sites else None)
                ident = derived_id(f"{self._dataset.seed}:{kind}:extra:{index}")
                self._register(Entity(
                    kind=kind, ident=ident, name=name, extension_number=self._free_extension(rng),
                    extension_id=derived_id(f"{kind}:{ident}:extension"), site=site,
                    email=self._unique_email(name) if kind == "user" else None, origin="extra",
                    # One extra user is deactivated, so that the status filter has something to do.
                    status="inactive" if kind == "user" and index == 1 else "active",
                ))

    @staticmethod
    def _site_ref(site: dict) -> dict:
        """The {id, name} reference to a site."""
        return {"id": site["id"], "name": site["name"]}

    # -- reading -------------------------------------------------------------------------------

    def view(self, records: Optional[list] = None) -> View:
        """The snapshot for ``records`` (default: the current ones); new assignees join the catalog."""
        records = self._dataset.records if records is None else records
        with self._lock:
            self._build()
            if self._view is not None and self._view.records is records:
                return self._view
            self._discover(records)
            self._view = View(records)
            return self._view

    def advance(self, old_records: list, records: list, updates: dict, removed: frozenset) -> None:
        """Prepare the view of ``records`` from that of ``old_records`` (see View.derive).

        Writes call this as they make a change, so that the next request need not rebuild
        the view from scratch; updates only ever name entities the catalog already has.
        """
        with self._lock:
            if self._view is not None and self._view.records is old_records:
                self._view = self._view.derive(records, updates, removed)

    def entities(self, kind: str) -> list:
        """Every entity of a kind, in catalog order."""
        self.view()
        with self._lock:
            return list(self._entities[kind].values())

    def get(self, kind: str, key: str) -> Optional[Entity]:
        """An entity by id; users also by e-mail (any case), common areas also by extension id."""
        self.view()
        with self._lock:
            entity = self._entities[kind].get(key)
            if entity is None and kind == "user":
                entity = self._emails.get(key.lower())
            if entity is None and kind == "commonArea":
                entity = self._extension_ids.get((kind, key))
            return entity

    def sip_groups(self) -> list:
        """The account's SIP groups (the dataset's, plus any a record names)."""
        self.view()
        with self._lock:
            return [dict(group) for group in self._sip_groups.values()]

    def sip_group(self, ident: str) -> Optional[dict]:
        """A SIP group by id."""
        self.view()
        with self._lock:
            group = self._sip_groups.get(ident)
            return dict(group) if group else None
