# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reading the current state of the numbers a change names, as cheaply as Zoom allows.

A change names a few numbers or many. One read per number (GET /phone/numbers/{id} for an
id, a listing filtered by ``phone_number`` for an E.164 number) costs one request each; a
listing of the whole account costs one request per page. Which is cheaper depends on the
size of the account, which only its first page tells: with three numbers or more that page
is read first (it is also the whole account when the account is small), and the rest is read
whichever way costs less. Reads cost at most one request more than the cheaper of the two.

Records come in the Phone API's shape whichever endpoint served them (see
``number_management.normalise``), and the reader keeps to the endpoint the account still has:
with ``endpoint: auto`` a retired Phone API moves every later read and update to Number
Management, with one warning.
"""

from __future__ import annotations

import math

from ansible_collections.ucops.zoom.plugins.module_utils import number_management
from ansible_collections.ucops.zoom.plugins.module_utils.number_query import PHONE_MAX_PAGE_SIZE, NumberQuery
from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import (
    BYOC_FIELDS, PHONE_ITEMS_KEY, PHONE_PATH, endpoint_retired, list_numbers,
)
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomApiError

# Below this many numbers one read each never costs more than a first page and a decision.
LISTING_CAN_PAY_FROM = 3
# Zoom's answer to GET /number_management/numbers/{id} for an id it does not know.
NM_NOT_FOUND_CODE = "100002"


def is_e164(key):
    return key.startswith("+")


class NumberReader:
    """Reads numbers through the endpoint in use, and says what that cost.

    ``endpoint`` is the connection's: ``phone`` and ``number_management`` stay as they are;
    ``auto`` starts on the Phone API and moves for good when Zoom answers that it is gone.
    """

    def __init__(self, client, endpoint):
        self.client = client
        self.auto = endpoint == "auto"
        self.endpoint = "number_management" if endpoint == "number_management" else "phone"
        self.strategy = None
        self.requests = 0

    def moved(self, error):
        """After a Phone API error: True (and from now on Number Management) when it says the API is gone.

        Zoom has not published what retired operations will answer, and an unknown number on the
        one-number paths is a 404 too: only an answer that says the API is gone (or a 410) moves.
        """
        if not (self.auto and self.endpoint == "phone" and endpoint_retired(error)):
            return False
        self.endpoint = "number_management"
        self.client.warn("%s The numbers are read and changed through Zoom's Number Management API instead; set "
                         "endpoint: number_management to skip the first request." % error.message)
        return True

    def read(self, keys, byoc_fields=False):
        """``{key: record or None}`` for E.164 numbers and ids; ``byoc_fields`` adds them to BYOC numbers."""
        before = self._spent()
        found = self._read(keys)
        result = dict((key, found.get(key)) for key in keys)
        if byoc_fields and self.endpoint == "phone":
            self._add_byoc_fields(result)
        self.requests += self._spent() - before
        return result

    def read_ids(self, ids):
        """``{id: record or None}``, one GET each: the numbers' state right now (after an uncertain write)."""
        before = self._spent()
        found = dict((number_id, self._one(number_id)) for number_id in ids)
        self.requests += self._spent() - before
        return found

    def _spent(self):
        counters = self.client.counters()
        return counters["requests"] - counters["token_requests"]

    def _read(self, keys):
        if len(keys) < LISTING_CAN_PAY_FROM:
            self.strategy = "per_number"
            return self._per_number(keys)
        page, complete, total, page_size = self._first_page()
        found = _index(page)
        rest = [key for key in keys if key not in found]
        if complete or not rest:
            self.strategy = "listing"
            return found
        if total is not None and math.ceil(total / float(page_size)) <= len(rest):
            self.strategy = "listing"
            return _index(self._listing())
        self.strategy = "per_number"
        found.update(self._per_number(rest))
        return found

    def _first_page(self):
        """``(records, complete, total_records or None, page size)`` of the account's first page."""
        while True:
            path, params, items_key, page_size = self._listing_request()
            try:
                body = self.client.get(path, params)
            except ZoomApiError as exc:
                if self.moved(exc):
                    continue
                raise
            records = [record for record in body.get(items_key) or [] if isinstance(record, dict) and record.get("id")]
            if self.endpoint == "number_management":
                records = [number_management.normalise(record) for record in records]
            total = body.get("total_records")
            total = total if isinstance(total, int) and not isinstance(total, bool) else None
            return records, not body.get("next_page_token"), total, page_size

    def _listing_request(self):
        if self.endpoint == "number_management":
            return number_management.PATH, {"page_size": number_management.MAX_PAGE_SIZE}, number_management.ITEMS_KEY, \
                number_management.MAX_PAGE_SIZE
        # Pending numbers are numbers of the account too; Zoom's default for them is undocumented.
        return PHONE_PATH, {"page_size": PHONE_MAX_PAGE_SIZE, "pending_numbers": "true"}, PHONE_ITEMS_KEY, PHONE_MAX_PAGE_SIZE

    def _listing(self):
        """Every number of the account (pending ones too: Zoom's default for them is undocumented)."""
        # Under auto, list_numbers itself moves to the replacement (and warns) when the Phone API is gone.
        endpoint = "auto" if self.auto and self.endpoint == "phone" else self.endpoint
        listing = list_numbers(self.client, NumberQuery.from_options({"pending_numbers": True}, endpoint=endpoint))
        self.endpoint = listing.stats.endpoint
        return listing.records

    def _per_number(self, keys):
        found = self._by_number([key for key in keys if is_e164(key)])
        for key in keys:
            if not is_e164(key):
                record = self._one(key)
                if record is not None:
                    found[key] = record
        return found

    def _by_number(self, numbers):
        """E.164 numbers, one filtered listing each."""
        if not numbers:
            return {}
        if self.endpoint == "phone":
            try:
                # Listed concurrently under the shared rate limiter.
                query = NumberQuery.from_options({"pending_numbers": True, "queries": [{"phone_number": number} for number in numbers]},
                                                 endpoint="phone")
                return _index(list_numbers(self.client, query).records)
            except ZoomApiError as exc:
                if not self.moved(exc):
                    raise
        found = {}
        for number in numbers:
            # Number Management finds numbers by keyword, a prefix of the digits: Zoom does not say that a
            # leading + matches, so it is left out, and the exact number is kept.
            listing = self.client.list_all(number_management.PATH, {"keyword": number[1:]}, number_management.ITEMS_KEY,
                                           number_management.MAX_PAGE_SIZE)
            records = [number_management.normalise(record) for record in listing.records]
            found.update(_index(record for record in records if record.get("number") == number))
        return found

    def _one(self, number_id):
        """GET one number by id; None when Zoom does not know it."""
        while True:
            nm = self.endpoint == "number_management"
            path = "%s/%s" % (number_management.PATH if nm else PHONE_PATH, number_id)
            try:
                body = self.client.get(path, {})
            except ZoomApiError as exc:
                if not nm and self.moved(exc):
                    continue
                if _unknown_number(exc, nm):
                    return None
                raise
            return number_management.normalise(body) if nm else body

    def _add_byoc_fields(self, result):
        """Listings leave the BYOC fields out; the one-number read always has them."""
        fresh = {}
        for key, record in result.items():
            if record and record.get("source") == "external" and not BYOC_FIELDS.intersection(record):
                if record["id"] not in fresh:
                    fresh[record["id"]] = self._one(record["id"]) or record
                result[key] = fresh[record["id"]]


def _unknown_number(error, nm):
    code = str(error.code)
    if nm:
        return code == NM_NOT_FOUND_CODE or error.status == 404
    # GET /phone/numbers/{id} answers an unknown id with 400 code 400 "Phone number does not exist".
    return error.status in (400, 404) and (code in ("400", "404", "1001", "2001") or "not exist" in (error.message or "").lower())


def _index(records):
    """Records by id and by E.164 number."""
    index = {}
    for record in records:
        index[record["id"]] = record
        if record.get("number"):
            index[record["number"]] = record
    return index
