# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Listing phone numbers: from a validated ``NumberQuery`` to records and a few figures.

The one road every entry point takes (module, lookup, inventory, audit): each filter set is
listed through the chosen endpoint (the Phone API's GET /phone/numbers, or Zoom's Number
Management API with its records brought to the Phone API's shape), the sets are merged
without any id twice, the BYOC fields are fetched when the caller needs them, and ``where``
is applied, here and nowhere else. Callers shape ``NumberList`` into their own output.
"""

from __future__ import annotations

import concurrent.futures
import functools

from ansible_collections.ucops.zoom.plugins.module_utils import number_management, phone_sites
from ansible_collections.ucops.zoom.plugins.module_utils.number_query import NumberQuery, QuerySet
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomApiError, ZoomNotFoundError

PHONE_PATH = "/phone/numbers"
PHONE_ITEMS_KEY = "phone_numbers"

# Zoom sends these only for BYOC numbers, and through the Phone API only in answers to a
# type=byoc listing (the Number Management API always sends them).
BYOC_FIELDS = frozenset(("carrier", "sip_group", "emergency_address", "emergency_address_status", "emergency_address_update_time"))

# The end of the warnings that say the listing moved to Number Management.
SKIP_FIRST_REQUEST = "Set endpoint: number_management to skip the first request."

# At most this many filter sets of ``queries`` are listed at the same time; the shared rate
# limiter, not the thread count, keeps the account under Zoom's limit.
MAX_PARALLEL_QUERIES = 8


class ListingStats:
    """How a listing went: what Zoom reported, what it cost, and what changed underneath."""

    def __init__(self, endpoint, page_size):
        self.endpoint = endpoint
        self.page_size = page_size
        self.total_records = None
        self.pages = 0
        self.page_token_restarts = 0
        self.changed_during_listing = False
        self.listed = 0
        self.byoc_fields_listed = False
        self.byoc_listing = None
        self.requests = self.retries = self.token_requests = 0

    def as_dict(self):
        """The figures as result keys (the module's RETURN documents each)."""
        return {
            "total_records": self.total_records,
            "endpoint": self.endpoint,
            "pages": self.pages,
            "page_size": self.page_size,
            "requests": self.requests,
            "retries": self.retries,
            "token_requests": self.token_requests,
            "page_token_restarts": self.page_token_restarts,
            "changed_during_listing": self.changed_during_listing,
        }


class NumberList:
    """The numbers a query selected (after ``where``), in API order, and how the listing went."""

    def __init__(self, records, stats):
        self.records = records
        self.stats = stats


def list_numbers(client, query, byoc_fields=False):
    """List every number ``query`` selects; return a NumberList.

    ``where`` and ``fields`` are applied to each record as its page arrives, so that only what
    the caller keeps is ever held. With ``byoc_fields`` the BYOC numbers carry their BYOC fields
    even when the query is not a ``type: byoc`` one: the same filters are listed once more as
    ``type=byoc`` and the fields copied over by id; ``where`` (which may then test them) and
    ``fields`` are then applied after that merge instead.

    A ``site_name`` is resolved into its site's id first; a set whose ``site_id`` lists nothing
    fails when the account has no such site (Zoom may answer an unknown site with an empty list).
    """
    sites = phone_sites.AccountSites(client)
    query = _with_site_ids(query, sites)
    merge_later = byoc_fields and not _all_byoc(query.sets)
    shape = None if merge_later else query.shape
    endpoint, listings = _list_with_fallback(client, query, shape)
    _check_sites_of_empty_sets(query.sets, listings, sites)
    records = _merged(listings)
    stats = ListingStats(endpoint, query.page_size(query.sets[0], endpoint))
    stats.pages = sum(listing.pages for listing in listings)
    stats.page_token_restarts = sum(listing.restarts for listing in listings)
    stats.changed_during_listing = any(listing.changed_during_listing for listing in listings)
    stats.listed = len(set().union(*(listing.ids_seen for listing in listings))) if len(listings) > 1 else len(listings[0].ids_seen)
    if len(listings) == 1 and listings[0].total_records is not None:
        stats.total_records = listings[0].total_records
    else:
        stats.total_records = stats.listed
    _warn_changes(client, listings)
    stats.byoc_fields_listed = byoc_fields or endpoint == "number_management" or _all_byoc(query.sets)
    _warn_byoc_fields_missing(client, query.where, stats.byoc_fields_listed)
    if merge_later:
        if endpoint == "phone" and _may_hold_byoc(records):
            stats.byoc_listing = _add_byoc_fields(client, query, records)
        records = [kept for kept in (query.shape(record) for record in records) if kept is not None]
    counters = client.counters()
    stats.requests, stats.retries, stats.token_requests = counters["requests"], counters["retries"], counters["token_requests"]
    return NumberList(records, stats)


def _with_site_ids(query, sites):
    """``query`` with each ``site_name`` replaced by the id of the site of that exact name."""
    if not any("site_name" in query_set.values for query_set in query.sets):
        return query
    resolved = []
    for query_set in query.sets:
        values = dict(query_set.values)
        if "site_name" in values:
            values["site_id"] = sites.site_id(query_set.label, values.pop("site_name"))
        resolved.append(QuerySet(query_set.label, values, query_set.page_size))
    return NumberQuery(resolved, query.endpoint, query.where, query.fields)


def _check_sites_of_empty_sets(sets, listings, sites):
    """An empty listing filtered by site_id: fail when the account has no such site, rather than list nothing."""
    for query_set, listing in zip(sets, listings):
        site_id = query_set.values.get("site_id")
        if site_id and not listing.ids_seen and not sites.exists(site_id):
            raise phone_sites.unknown_site_id(query_set.label, site_id)


def _warn_byoc_fields_missing(client, where, listed):
    """``where`` reading fields that this listing cannot carry would keep nothing (or everything) silently."""
    missing = sorted(where.fields() & BYOC_FIELDS)
    if missing and not listed:
        client.warn("Option %s reads %s, which Zoom sends only in answers to a type: byoc listing; this listing has none "
                    "of them, so the expression sees them as null. Add type: byoc (or list through endpoint: "
                    "number_management, which always sends them)." % (where.label, ", ".join(missing)))


def endpoint_retired(error):
    """True when an error from GET /phone/numbers says the endpoint itself is gone (not a site or a number)."""
    return isinstance(error, ZoomNotFoundError) and error.cause == "endpoint"


def _list_with_fallback(client, query, shape):
    """``(endpoint, listings)``; with endpoint ``auto`` a retired Phone API moves the listing to its replacement.

    Zoom has not said what GET /phone/numbers will answer once it is switched off. A 404 or 410
    that says so moves the listing at once. A bare 404 to the very first request is a wrong
    api_url until the replacement, asked at the same api_url, answers: only then is it the
    endpoint that is gone. A not-found answer about a site or a number never moves anything.
    """
    endpoint = "phone" if query.endpoint == "auto" else query.endpoint
    try:
        return endpoint, _list_sets(client, query, query.sets, endpoint, shape)
    except ZoomNotFoundError as exc:
        if query.endpoint != "auto" or exc.cause == "item":
            raise
        first = exc
    if endpoint_retired(first):
        client.warn("Zoom says GET /phone/numbers is retired (%s); listed through its replacement GET "
                    "/number_management/numbers instead. %s" % (first.answer, SKIP_FIRST_REQUEST))
    try:
        listings = _list_sets(client, query, query.sets, "number_management", shape)
    except ZoomNotFoundError:
        # Neither endpoint answers here: the URL is wrong, which the first error says best.
        raise first from None
    if not endpoint_retired(first):
        client.warn("Zoom answered GET /phone/numbers with not found (%s), while its replacement GET /number_management/numbers "
                    "answers at the same api_url; listed through the replacement instead. %s" % (first.answer, SKIP_FIRST_REQUEST))
    return "number_management", listings


def _list_sets(client, query, sets, endpoint, shape=None):
    """One Listing per filter set, listed concurrently when there are several; ``shape`` as in ``list_all``."""
    one = functools.partial(_list_number_management if endpoint == "number_management" else _list_phone, client, query, shape=shape)
    if len(sets) == 1:
        return [one(sets[0])]
    workers = min(len(sets), MAX_PARALLEL_QUERIES)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, sets))


def _list_phone(client, query, query_set, shape=None):
    return client.list_all(PHONE_PATH, query_set.phone_params(), PHONE_ITEMS_KEY, query.page_size(query_set, "phone"), shape=shape)


def _list_number_management(client, query, query_set, shape=None):
    """List through the replacement, each record brought to the Phone API's shape as it arrives."""
    translation = query_set.translation()
    page_size = query.page_size(query_set, "number_management")

    outside_filters = set()

    def to_phone_shape(record):
        record = number_management.normalise(record)
        if translation.filters_client_side and not translation.keep(record):
            outside_filters.add(record["id"])
            return None
        return record if shape is None else shape(record)

    try:
        listing = client.list_all(number_management.PATH, translation.params, number_management.ITEMS_KEY, page_size, shape=to_phone_shape)
    except ZoomApiError as exc:
        if str(exc.code) == str(phone_sites.NUMBER_MANAGEMENT_UNKNOWN_SITE_CODE) and query_set.values.get("site_id"):
            raise phone_sites.unknown_site_id(query_set.label, query_set.values["site_id"], exc.status, exc.code) from None
        raise
    # Numbers only the client-side part of the filters excluded were never part of this listing.
    listing.ids_seen -= outside_filters
    # The replacement sends no total_records: the count is what matched the filters.
    listing.total_records = len(listing.ids_seen)
    return listing


def _merged(listings):
    """The records of every listing, in order, without an id twice (filter sets may overlap).

    One listing is returned as it is: ``ZoomClient.list_all`` already keeps each id once, and
    checking twice would hide a mistake there.
    """
    if len(listings) == 1:
        return listings[0].records
    records, seen = [], set()
    for listing in listings:
        for record in listing.records:
            if record["id"] not in seen:
                seen.add(record["id"])
                records.append(record)
    return records


def _all_byoc(sets):
    return all(query_set.values.get("type") == "byoc" for query_set in sets)


def _may_hold_byoc(records):
    """Whether any record is, or may be, a BYOC number (``source`` external or not given)."""
    return any(record.get("source", "external") == "external" for record in records)


def byoc_sets(sets):
    """The ``type=byoc`` twins of filter sets, without duplicates.

    ``extension_type`` goes (Zoom allows it only with ``type=assigned``); the other filters stay
    so the extra listing is no larger than it must be. Only numbers of the main listing are
    enriched, so the extra listing may safely hold more.
    """
    twins, seen = [], set()
    for query_set in sets:
        values = dict((name, value) for name, value in query_set.values.items() if name != "extension_type")
        values["type"] = "byoc"
        key = tuple(sorted(values.items()))
        if key not in seen:
            seen.add(key)
            twins.append(QuerySet(query_set.label, values, query_set.page_size))
    return twins


def merge_byoc(records, byoc_records):
    """Copy the BYOC fields of ``byoc_records`` onto the same numbers (by id) of ``records``; return how many."""
    extra = {}
    for record in byoc_records:
        fields = dict((key, value) for key, value in record.items() if key in BYOC_FIELDS)
        if fields:
            extra[record.get("id")] = fields
    merged = 0
    for record in records:
        fields = extra.get(record.get("id"))
        if fields:
            record.update(fields)
            merged += 1
    return merged


def _add_byoc_fields(client, query, records):
    """List the BYOC twins of the query's sets and merge their fields; return what that listing was."""
    before = client.counters()
    twins = byoc_sets(query.sets)
    listings = _list_sets(client, query, twins, "phone")
    _warn_changes(client, listings)
    byoc_records = _merged(listings)
    after = client.counters()
    return {
        "query_sets": [twin.values for twin in twins],
        "count": len(byoc_records),
        "pages": sum(listing.pages for listing in listings),
        "requests": after["requests"] - before["requests"],
        "retries": after["retries"] - before["retries"],
        "changed_during_listing": any(listing.changed_during_listing for listing in listings),
        "merged": merge_byoc(records, byoc_records),
    }


def _warn_changes(client, listings):
    for listing in listings:
        if listing.changed_during_listing:
            client.warn(_change_warning(listing))


def _change_warning(listing):
    first, last = listing.totals_seen[0], listing.totals_seen[-1]
    return ("The account's phone numbers changed while they were listed (total_records went from %d to %d). "
            "%d passes were made, until one saw no change, and the later passes found %d more; the result has every "
            "number present from the first page to the last and no number twice, but numbers removed during the "
            "listing may still be in it." % (first, last, listing.passes, listing.added_by_later_passes))
