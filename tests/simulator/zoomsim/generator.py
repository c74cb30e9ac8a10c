# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Builds random but plausible sites and phone numbers from a seeded random generator."""

import base64
import random

from . import catalog
from .model import ASSIGNEE_TYPES, NumberRecord

# Relative frequencies of assignee types among assigned numbers (users dominate real accounts).
_ASSIGNEE_WEIGHTS = (50, 12, 8, 10, 5, 5, 5, 5)
_COUNTRY_WEIGHTS = tuple(country.weight for country in catalog.COUNTRIES)
_BY_WEIGHT = sorted(catalog.COUNTRIES, key=lambda country: -country.weight)
_NO_EXTENSION = ("emergencyNumberPool", "companyLocation")
# Among the numbers outside Zoom Phone, the share that belongs to Contact Center.
_CONTACT_CENTER_SHARE = 0.6


def _random_kind(rng: random.Random, pending: bool):
    """A random assignee type, or None for an unassigned number (about a third)."""
    # Pending (porting) numbers cannot be assigned yet.
    if pending or rng.random() < 0.35:
        return None
    return rng.choices(ASSIGNEE_TYPES, _ASSIGNEE_WEIGHTS)[0]


class IdSource:
    """Hands out unique 22-character base64url identifiers, the form Zoom ids take."""

    def __init__(self):
        self._used = set()

    def forget(self, ident: str) -> None:
        """Release an id, so regenerating the same records from the same seed gives the same ids."""
        self._used.discard(ident)

    def new(self, rng: random.Random) -> str:
        """Return an id never returned before."""
        while True:
            raw = rng.getrandbits(128).to_bytes(16, "big")
            ident = base64.urlsafe_b64encode(raw).decode("ascii")[:22]
            if ident not in self._used:
                self._used.add(ident)
                return ident


def _fill(rng: random.Random, pattern: str) -> str:
    """Replace each ``#`` of a postcode pattern with a random digit."""
    return "".join(str(rng.randrange(10)) if char == "#" else char for char in pattern)


def make_sites(rng: random.Random, count: int, ids: IdSource) -> list:
    """Return ``count`` sites, each tied to a country and a city of it."""
    sites = []
    used_names = set()
    for index in range(count):
        # The first sites take each country in turn, so even small datasets span several.
        country = _BY_WEIGHT[index] if index < len(_BY_WEIGHT) else rng.choices(catalog.COUNTRIES, _COUNTRY_WEIGHTS)[0]
        city = rng.choice(country.cities)
        name = f"{city.name} {rng.choice(catalog.SITE_SUFFIXES)}"
        serial = 2
        while name in used_names:
            name = f"{city.name} {rng.choice(catalog.SITE_SUFFIXES)} {serial}"
            serial += 1
        used_names.add(name)
        sites.append({
            "id": ids.new(rng),
            "name": name,
            "site_code": index + 1,
            "country": {"code": country.code, "name": country.name},
            "main_auto_receptionist": {
                "extension_id": ids.new(rng),
                "extension_number": 100 + index,
                "id": ids.new(rng),
                "name": f"{name} Main Auto Receptionist",
            },
            "_country": country,
            "_city": city,
        })
    return sites


class NumberFactory:
    """Creates number records; keeps ids and E.164 numbers unique across the dataset's life."""

    def __init__(self, sites: list, sip_groups: list, ids: IdSource, account_id: str = "sim-account"):
        self._sites = sites
        self._sip_groups = sip_groups
        self._ids = ids
        self._numbers = set()
        self._account_id = account_id

    def forget(self, number: str) -> None:
        """Release a removed number so it may be handed out again later."""
        self._numbers.discard(number)

    def forget_record(self, record: NumberRecord) -> None:
        """Release a removed record's number and id."""
        self.forget(record.data["number"])
        self._ids.forget(record.ident)

    def _e164(self, rng: random.Random, country, city, tollfree: bool) -> str:
        """Return an unused number of the right length for the country and city."""
        prefix, nsn = (rng.choice(country.tollfree), country.tollfree_nsn) if tollfree else (rng.choice(city.areas), city.nsn)
        while True:
            # Subscriber parts never start with 0 or 1 (a NANP rule that is harmless elsewhere).
            rest = str(rng.randint(2, 9)) + "".join(str(rng.randrange(10)) for _index in range(nsn - len(prefix) - 1))
            number = f"+{country.dial}{prefix}{rest}"
            if number not in self._numbers:
                self._numbers.add(number)
                return number

    def _person(self, rng: random.Random) -> str:
        """Return a random person's name."""
        return f"{rng.choice(catalog.FIRST_NAMES)} {rng.choice(catalog.LAST_NAMES)}"

    def _assignee(self, rng: random.Random, kind: str, site, city) -> dict:
        """Return the assignee object for a number assigned to ``kind``."""
        names = {
            "user": self._person,
            "callQueue": lambda r: f"{r.choice(catalog.QUEUE_NAMES)} Queue",
            "autoReceptionist": lambda r: f"{city.name} Auto Receptionist {r.randint(1, 9)}",
            "commonArea": lambda r: f"{r.choice(catalog.AREA_NAMES)} {r.randint(1, 20)}",
            "companyLocation": lambda r: f"{city.name} Building {r.choice('ABCDE')} Floor {r.randint(1, 12)}",
            "meetingService": lambda r: f"Meeting Service - {r.choice(catalog.ROOM_NAMES)} {r.randint(1, 9)}",
            "sharedLineGroup": lambda r: f"{r.choice(catalog.QUEUE_NAMES)} Shared Line",
        }
        if kind == "emergencyNumberPool":
            # A pool is identified by its site (or the account when sites are not used).
            if site is not None:
                return {"id": site["id"], "name": site["name"], "type": kind}
            return {"id": self._account_id, "name": "Emergency Number Pool", "type": kind}
        assignee = {"id": self._ids.new(rng), "name": names[kind](rng), "type": kind}
        if kind not in _NO_EXTENSION:
            assignee["extension_number"] = rng.randint(1000, 99999)
        return assignee

    def _byoc_fields(self, rng: random.Random, country, city, emergency) -> dict:
        """Return carrier, SIP group and emergency-address fields of a BYOC number."""
        code, name = rng.choice(catalog.CARRIERS)
        fields = {"carrier": {"code": code, "name": name}}
        if rng.random() < 0.9:
            group = rng.choice(self._sip_groups)
            fields["sip_group"] = {"id": group["id"], "display_name": group["display_name"]}
        if emergency is None:
            return fields
        address = {
            "address_line1": f"{rng.randint(1, 999)} {rng.choice(city.streets)}",
            "city": city.name,
            "country": country.code,
            "state_code": city.state_code,
            "zip": _fill(rng, city.zip_pattern),
        }
        if rng.random() < 0.6:
            address["address_line2"] = rng.choice(catalog.ADDRESS_LINE2)
        fields["emergency_address"] = dict(sorted(address.items()))
        fields["emergency_address_status"] = emergency
        fields["emergency_address_update_time"] = (
            f"{rng.randint(2021, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            f"T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z"
        )
        return fields

    def _place(self, rng: random.Random, no_site: bool):
        """Pick the site, country and city of a new number."""
        if no_site or rng.random() < 0.01:
            country = rng.choices(catalog.COUNTRIES, _COUNTRY_WEIGHTS)[0]
            return None, country, rng.choice(country.cities)
        site = rng.choice(self._sites)
        return site, site["_country"], site["_city"]

    def make(self, rng: random.Random, spec=None) -> NumberRecord:
        """Return a new record; ``spec`` forces chosen properties (see special.forced_specs)."""
        spec = spec or {}
        site, country, city = self._place(rng, spec.get("no_site", False))
        pending = spec.get("pending", rng.random() < 0.04)
        byoc = spec.get("byoc", rng.random() < 0.1)
        tollfree = spec.get("tollfree", rng.random() < 0.08)
        data = {"id": self._ids.new(rng), "number": self._e164(rng, country, city, tollfree)}
        kind = spec["assignee"] if "assignee" in spec else _random_kind(rng, pending)
        assignee = self._assignee(rng, kind, site, city) if kind else None
        if assignee is not None and "assignee_name" in spec:
            assignee["name"] = spec["assignee_name"]
        if "display_name" in spec:
            data["display_name"] = spec["display_name"]
        elif assignee is not None:
            data["display_name"] = assignee["name"]
        elif rng.random() < 0.4:
            data["display_name"] = f"Spare line {rng.randint(1, 500)}"
        data["location"] = country.name if tollfree else f"{city.name}, {city.state}, {country.name}"
        data["number_type"] = "tollfree" if tollfree else "toll"
        if site is not None:
            data["site"] = {"id": site["id"], "name": site["name"]}
        roll = rng.random()
        data["capability"] = ["incoming"] if tollfree or roll < 0.1 else ["outgoing"] if roll < 0.15 else ["incoming", "outgoing"]
        data["source"] = "external" if byoc else "internal"
        data["status"] = "pending" if pending else "available"
        if assignee is not None:
            data["assignee"] = assignee
        if byoc:
            # Mostly confirmed addresses, some awaiting a carrier update, some never set.
            emergency = spec.get("emergency", rng.choice((1, 2, 2, 2, None)))
            data.update(self._byoc_fields(rng, country, city, emergency))
            nm_source = "BYOCPremises" if rng.random() < 0.6 else "BYOCCloud"
        else:
            nm_source = "ZoomPorted" if rng.random() < 0.2 else "Zoom"
        if assignee is None:
            # Once drawn to leave some spare numbers unallocated; still drawn so that a seed keeps
            # its numbers. Zoom Phone lists only the numbers allocated to it, so all of these are.
            rng.random()
        return NumberRecord(data, nm_source, "ZOOM_PHONE")

    def make_other(self, rng: random.Random) -> NumberRecord:
        """A number of the account outside Zoom Phone: Contact Center's, or allocated to no product.

        It has the fields of an unassigned Phone number, so Number Management renders it like
        any other; ``phone_listed`` keeps it off /phone/numbers.
        """
        contact_center = rng.random() < _CONTACT_CENTER_SHARE
        record = self.make(rng, {"assignee": None, "byoc": False, "pending": False})
        data = record.data
        data.pop("display_name", None)
        if contact_center:
            data["display_name"] = f"{rng.choice(catalog.QUEUE_NAMES)} Contact Center"
            return NumberRecord(data, rng.choice(("Zoom", "ZoomPorted")), "ZOOM_CONTACT_CENTER", phone_listed=False)
        # Numbers held in reserve for the account show up here before any product gets them.
        return NumberRecord(data, rng.choice(("Zoom", "ZoomReserved")), "UNALLOCATED", phone_listed=False)
