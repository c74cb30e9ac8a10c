# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The account's numbers and sites: deterministic from (seed, size), changeable through mutate()."""

import random
import threading
from collections import OrderedDict
from typing import Any, Callable, Optional

from . import catalog
from .generator import IdSource, NumberFactory, make_sites
from .model import NumberRecord
from .special import MIN_SIZE, forced_specs

_CACHE_ENTRIES = 32
# Keys of a hand-written record that describe it rather than belong to the /phone/numbers object.
_RECORD_FILE_KEYS = ("nm_source", "allocated_product", "nm_only")


class Dataset:
    """Holds the numbers in API order, with a small cache of filtered views.

    The record list is never changed in place: a mutation builds a new list, so a request
    that already took a view keeps a consistent one while the data changes under it.
    """

    def __init__(self, size: int, seed: int, account_id: str = "sim-account", other_products: float = 0):
        if size < 0:
            raise ValueError("size must be >= 0")
        self.seed = seed
        self.size = size
        rng = random.Random(seed)
        ids = IdSource()
        self.sites = make_sites(rng, max(3, size // 200), ids)
        sip_groups = [{"id": ids.new(rng), "display_name": name} for name in catalog.SIP_GROUP_NAMES]
        self.sip_groups = sip_groups
        self._factory = NumberFactory(self.sites, sip_groups, ids, account_id)
        specs = forced_specs() if size >= MIN_SIZE else []
        records = [self._factory.make(rng) for _index in range(size - len(specs))]
        for spec in specs:
            records.insert(rng.randint(0, len(records)), self._factory.make(rng, spec))
        self._records = records
        self._site_ids = frozenset(site["id"] for site in self.sites)
        self._lock = threading.Lock()
        self._cache = OrderedDict()
        self._version = 0
        self._mutations = 0
        self.hand_written = False
        # Drawn last and from their own generator, so the Phone numbers above are the same
        # records, ids and order whatever share of other numbers is asked for.
        self.set_other_products(other_products)

    def other_product_count(self, setting: float) -> int:
        """How many non-Phone numbers ``other_product_numbers`` asks for (a count, or a share of size)."""
        if setting >= 1:
            return int(setting)
        return int(round(self.size * setting))

    def set_other_products(self, setting: float) -> int:
        """Replace the numbers outside Zoom Phone by the number the setting asks for; return it.

        The same seed and setting always give the same records at the same places. A
        hand-written dataset is left as written (its file may hold such numbers itself).
        """
        if self.hand_written:
            return 0
        count = self.other_product_count(setting)
        rng = random.Random(f"{self.seed}:other-products")
        with self._lock:
            records = [record for record in self._records if record.phone_listed]
            for record in self._records:
                if not record.phone_listed:
                    self._factory.forget_record(record)
            for _index in range(count):
                records.insert(rng.randint(0, len(records)), self._factory.make_other(rng))
            self._records = records
            self._version += 1
            self._cache.clear()
        return count

    @property
    def records(self) -> list:
        """The current records in API order (treat as read-only)."""
        return self._records

    @property
    def version(self) -> int:
        """A number that changes with every mutation."""
        return self._version

    def site_exists(self, site_id: str) -> bool:
        """Tell whether a site id belongs to the account."""
        return site_id in self._site_ids

    def select(self, key, predicate: Callable) -> list:
        """Return the records matching ``predicate``; ``key`` names the filter set for the cache."""
        with self._lock:
            records, version = self._records, self._version
            cached = self._cache.get(key)
            if cached is not None and cached[0] == version:
                self._cache.move_to_end(key)
                return cached[1]
        # Filter outside the lock so concurrent clients with other filters are not serialised.
        result = [record for record in records if predicate(record)]
        with self._lock:
            if version == self._version:
                self._cache[key] = (version, result)
                self._cache.move_to_end(key)
                while len(self._cache) > _CACHE_ENTRIES:
                    self._cache.popitem(last=False)
        return result

    def load_records(self, entries: list) -> None:
        """Replace the numbers by hand-written ones (the small datasets behind golden files).

        Each entry is a /phone/numbers object with every field it has (BYOC fields included);
        ``nm_source`` and ``allocated_product`` may be given for the Number Management shape,
        otherwise they follow from ``source`` (the product is ZOOM_PHONE). ``nm_only: true`` keeps
        a number off /phone/numbers (the default for numbers of any other product: Zoom Phone
        lists its own numbers only).
        """
        records = []
        for entry in entries:
            data = {key: value for key, value in entry.items() if key not in _RECORD_FILE_KEYS}
            if not isinstance(data.get("id"), str) or not data["id"]:
                raise ValueError("every hand-written number needs a string id")
            nm_source = entry.get("nm_source") or ("BYOCCloud" if data.get("source") == "external" else "Zoom")
            allocated = entry.get("allocated_product") or "ZOOM_PHONE"
            nm_only = bool(entry.get("nm_only", allocated != "ZOOM_PHONE"))
            records.append(NumberRecord(data, nm_source, allocated, phone_listed=not nm_only))
        site_ids = {record.data["site"]["id"] for record in records if isinstance(record.data.get("site"), dict)}
        with self._lock:
            self.hand_written = True
            self._records = records
            self._site_ids = self._site_ids | site_ids
            self._version += 1
            self._cache.clear()

    def mutate(self, add: int = 0, remove: int = 0, seed: Optional[int] = None) -> dict:
        """Remove ``remove`` random numbers, then insert ``add`` new ones at random positions."""
        if add < 0 or remove < 0:
            raise ValueError("add and remove must be >= 0")
        with self._lock:
            rng = random.Random(seed if seed is not None else f"{self.seed}:mutation:{self._mutations}")
            records = list(self._records)
            victims = set(rng.sample(range(len(records)), min(remove, len(records))))
            removed = [records[index] for index in sorted(victims)]
            records = [record for index, record in enumerate(records) if index not in victims]
            for record in removed:
                self._factory.forget(record.data["number"])
            added = []
            for _index in range(add):
                record = self._factory.make(rng)
                records.insert(rng.randint(0, len(records)), record)
                added.append(record)
            self._records = records
            self._version += 1
            self._mutations += 1
            self._cache.clear()
        return {
            "added": [record.ident for record in added],
            "removed": [record.ident for record in removed],
            "size": len(records),
        }

    def edit(self, change: Callable) -> Any:
        """Apply one atomic change made through the write API; return what ``change`` returns.

        ``change(records)`` runs under the data lock with the current list (which it must not
        modify in place) and returns ``(new_records, result)``; ``new_records`` None means
        nothing changed. An exception leaves the data as it was. Numbers that disappear are
        released, so they may be handed out again later.
        """
        with self._lock:
            records, result = change(self._records)
            if records is not None:
                if len(records) < len(self._records):
                    kept = {record.data["number"] for record in records}
                    for record in self._records:
                        if record.data["number"] not in kept:
                            self._factory.forget(record.data["number"])
                self._records = records
                self._version += 1
                self._cache.clear()
        return result
