# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Zoom API client: authenticated GETs, error mapping, and complete paging.

The one HTTP road of the collection: the module, the lookup, the inventory plugin and the
audit role all list through ``ZoomClient.list_all``.
"""

from __future__ import annotations

import math

from ansible_collections.ucops.zoom.plugins.module_utils.zoom_auth import TokenProvider
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import (
    ZoomApiError, ZoomAuthError, ZoomPageTokenExpired, ZoomPagingError, ZoomResponseError,
)
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_http import Transport

SCOPE_HINT = "The Server-to-Server OAuth app needs the scope phone:read:admin (or phone:read:list_numbers:admin)."

# Zoom answers an expired or unknown next_page_token with HTTP 400, code 300 or 400 on Phone
# endpoints (undocumented which) or 1003100 on Number Management, and "next page token" wording.
PAGE_TOKEN_CODES = frozenset((300, 400))
NUMBER_MANAGEMENT_PAGE_TOKEN_CODE = 1003100
# Pages allowed beyond what total_records announces before the listing is called a loop.
PAGE_SLACK = 10
# Passes over a listing whose total_records keeps moving before it fails instead of guessing.
MAX_PASSES = 3


class Listing:
    """Everything one complete listing of one path returned, and how it went."""

    def __init__(self):
        self.records = []
        self.total_records = None
        self.pages = 0
        self.duplicates = 0
        self.restarts = 0
        self.passes = 0
        self.totals_seen = []
        self.added_by_later_passes = 0
        # Every id the listing met, kept or not (a shaped listing may keep fewer records).
        self.ids_seen = set()

    @property
    def changed_during_listing(self):
        return len(set(self.totals_seen)) > 1


class ZoomClient:
    """Authenticated access to one Zoom account, for a ``ZoomConnection`` that is already valid.

    ``warn`` receives one-line warnings meant for the user (the module passes
    ``AnsibleModule.warn``, plugins ``Display.warning``); ``log`` one line per HTTP request.
    """

    def __init__(self, connection, warn=None, log=None):
        self.connection = connection
        self.warn = warn or (lambda message: None)
        self.transport = Transport(connection, log=log)
        self.tokens = TokenProvider(connection, self.transport, warn=self.warn)

    def counters(self):
        """Requests sent (OAuth included), retries, and OAuth token requests, so far."""
        return {"requests": self.transport.requests_sent, "retries": self.transport.retries,
                "token_requests": self.tokens.fetched}

    def get(self, path, params):
        """GET an API path; return the JSON object body or raise a ZoomError."""
        url = self.connection.api_url + path
        what = "GET %s" % path
        token = self.tokens.token()
        reply = self.transport.request("GET", url, params=params, headers=_bearer(token), what=what)
        if reply.status == 401:
            # Expired, or revoked by a newer token elsewhere: renew once, then retry. A token the
            # user gave cannot be renewed; renew() then fails saying so.
            token = self.tokens.renew(token)
            reply = self.transport.request("GET", url, params=params, headers=_bearer(token), what=what)
        if reply.status >= 400:
            raise _api_error(what, reply, sent_page_token=bool(params.get("next_page_token")))
        if not isinstance(reply.body, dict):
            raise ZoomResponseError("Zoom answered %s with a JSON %s instead of an object." % (what, type(reply.body).__name__))
        return reply.body

    def list_all(self, path, params, items_key, page_size, shape=None):
        """Follow next_page_token to the end and return a Listing with no id twice.

        ``shape``, when given, is applied to each new record as its page arrives: it returns the
        record to keep (possibly a smaller one) or None to drop it, so a large account is never
        held whole when only part of it is wanted. Ids are deduplicated before shaping.

        The page size stays the same for the whole cursor (Zoom skips or repeats records
        when it changes). An expired page token restarts the listing once from the first
        page; records already collected are kept and the repeated ones dropped, so the
        result stays exact. When total_records moves between pages the account changed
        underneath: another pass picks up what an offset cursor may have skipped, and passes
        are repeated until one sees the same total from its first page to its last (only such
        a pass is known to have seen every number). After MAX_PASSES unsettled passes the
        listing fails rather than return a list that may be short.
        """
        listing = Listing()
        seen = listing.ids_seen
        while True:
            listing.passes += 1
            collected, totals_before = len(listing.records), len(listing.totals_seen)
            self._pass_with_restart(path, params, items_key, page_size, listing, seen, shape)
            if listing.passes > 1:
                listing.added_by_later_passes += len(listing.records) - collected
            if pass_settled(listing.totals_seen[totals_before:]):
                return listing
            if listing.passes >= MAX_PASSES:
                raise ZoomPagingError(
                    "The phone numbers of the account kept changing while %s was listed: total_records moved during each of "
                    "%d passes (%s), so the list could be incomplete." % (path, listing.passes, _totals_text(listing.totals_seen)),
                    hint="Run the listing again when numbers are no longer being added or removed.",
                )

    def _pass_with_restart(self, path, params, items_key, page_size, listing, seen, shape):
        for attempt in (1, 2):
            try:
                self._one_pass(path, params, items_key, page_size, listing, seen, shape)
                return
            except ZoomPageTokenExpired as exc:
                if attempt == 2:
                    raise ZoomPagingError(
                        "Zoom rejected a next_page_token twice while listing %s (%s), even after starting over." % (path, exc.message),
                        status=exc.status, code=exc.code,
                        hint="Page tokens live 15 minutes; if the listing is this slow, check rate_limit and the network.",
                    ) from None
                listing.restarts += 1

    def _one_pass(self, path, params, items_key, page_size, listing, seen, shape):
        token = None
        tokens_used = set()
        pages_this_pass = 0
        while True:
            query = dict(params)
            query["page_size"] = page_size
            if token:
                query["next_page_token"] = token
            body = self.get(path, query)
            pages_this_pass += 1
            listing.pages += 1
            items = _page_items(body, items_key, listing.pages)
            total = _page_total(body, listing.pages)
            if total is not None:
                listing.total_records = total
                listing.totals_seen.append(total)
            for record in items:
                record_id = record["id"]
                if record_id in seen:
                    listing.duplicates += 1
                    continue
                seen.add(record_id)
                if shape is not None:
                    record = shape(record)
                    if record is None:
                        continue
                listing.records.append(record)
            token = body.get("next_page_token") or ""
            if not isinstance(token, str):
                raise ZoomResponseError("Zoom answered page %d of %s with a next_page_token that is not a string." % (listing.pages, path))
            if not token:
                return
            if token in tokens_used:
                raise ZoomPagingError(
                    "Zoom returned the same next_page_token twice while listing %s; stopping instead of looping." % path)
            tokens_used.add(token)
            if listing.totals_seen:
                allowed = math.ceil(max(listing.totals_seen) / float(page_size)) + PAGE_SLACK
                if pages_this_pass > allowed:
                    raise ZoomPagingError(
                        "Zoom kept sending pages of %s beyond its total_records (%d pages for %d records); stopping."
                        % (path, pages_this_pass, max(listing.totals_seen)))


def pass_settled(totals):
    """True when one pass saw the same total_records on every page (or none at all).

    An offset cursor skips a record for every removal before it and repeats one for every
    addition before it; a pass over data that did not change between its first and last
    page is complete, and the totals it reports are how a client can tell.
    """
    return len(set(totals)) <= 1


def _totals_text(totals, limit=8):
    shown = []
    for total in totals:
        if not shown or shown[-1] != total:
            shown.append(total)
    text = " -> ".join(str(total) for total in shown[:limit])
    return text + (" -> ..." if len(shown) > limit else "")


def _bearer(token):
    return {"Authorization": "Bearer " + token, "Accept": "application/json"}


def _page_items(body, items_key, page):
    items = body.get(items_key)
    if items is None:
        # Zoom leaves the list out of an empty answer.
        return []
    if not isinstance(items, list):
        raise ZoomResponseError("Zoom answered page %d with '%s' that is not a list; the listing cannot be trusted." % (page, items_key))
    for index, record in enumerate(items):
        if not isinstance(record, dict) or not isinstance(record.get("id"), str) or not record.get("id"):
            raise ZoomResponseError(
                "Zoom answered page %d with an entry of '%s' (position %d) that has no id; the listing cannot be trusted."
                % (page, items_key, index + 1))
    return items


def _page_total(body, page):
    total = body.get("total_records")
    if total is None:
        return None
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise ZoomResponseError("Zoom answered page %d with a total_records that is not a count (%r)." % (page, str(total)[:40]))
    return total


def _page_token_rejected(status, code, message):
    if status != 400:
        return False
    if code == NUMBER_MANAGEMENT_PAGE_TOKEN_CODE:
        return True
    return code in PAGE_TOKEN_CODES and "page token" in (message or "").lower()


def _api_error(what, reply, sent_page_token):
    status, code, message = reply.status, reply.code, reply.message
    described = "HTTP %s%s: %s" % (status, ", code %s" % code if code is not None else "", message)
    if sent_page_token and _page_token_rejected(status, code, message):
        return ZoomPageTokenExpired("Zoom %s: %s." % (what, described), status=status, code=code)
    if status == 401:
        return ZoomAuthError(
            "Zoom rejected the access token for %s (%s)." % (what, described), status=status, code=code,
            hint="A freshly issued token was refused: check that the app is activated and that account_id is this account's.")
    if status == 403:
        return ZoomApiError("Zoom refused %s (%s)." % (what, described), status=status, code=code,
                            hint=SCOPE_HINT + " The account also needs Zoom Phone.")
    if status == 400:
        return ZoomApiError("Zoom rejected %s (%s)." % (what, described), status=status, code=code,
                            hint="Check the filter options against the accepted values in the module documentation.")
    if status == 404:
        return ZoomApiError("Zoom answered %s with not found (%s)." % (what, described), status=status, code=code,
                            hint="Check api_url (for example https://api.zoom.us/v2) and that the site or number exists.")
    return ZoomApiError("Zoom %s failed (%s)." % (what, described), status=status, code=code)
