# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Zoom API client: authenticated GETs, error mapping, and complete paging.

The one HTTP road of the collection: the module, the lookup, the inventory plugin and the
audit role all list through ``ZoomClient.list_all``.
"""

from __future__ import annotations

import collections
import math
import re

from ansible_collections.ucops.zoom.plugins.module_utils.zoom_auth import TokenProvider
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import (
    ZoomApiError, ZoomAuthError, ZoomNotFoundError, ZoomPageTokenExpired, ZoomPagingError, ZoomResponseError,
    ZoomScopeError, describe_status, is_scope_code, shorten,
)
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_http import ANY_FAILURE, REFUSAL, Transport

# The OAuth scopes each endpoint accepts (any one of them is enough), the classic scope first,
# then the granular one, as Zoom's reference lists them. The first two are the listings.
ENDPOINT_SCOPES = collections.OrderedDict((
    ("/phone/numbers", ("phone:read:admin", "phone:read:list_numbers:admin")),
    ("/number_management/numbers", ("number_management_numbers:read:admin", "number_management:read:list_numbers:admin")),
    ("/phone/sites", ("phone:read:admin", "phone:read:list_sites:admin")),
))
LISTING_PATHS = ("/phone/numbers", "/number_management/numbers")

# Zoom's codes for an invalid or expired access token: 124 has come with HTTP 400 as well as
# 401, and some services answer {"status": false, "errorCode": 401}.
INVALID_TOKEN_CODES = frozenset((124, 401))
# Zoom's code for "Zoom Phone has not been enabled for this account" (HTTP 403).
PHONE_NOT_ENABLED_CODE = 2031

# A not-found answer that says the endpoint itself is gone, and one about something it names.
_RETIRED_WORDING = re.compile(r"deprecat|retire|no longer|sunset|number_management|replace", re.IGNORECASE)
_ITEM_WORDING = re.compile(r"\b(site|number|phone number|user|extension)\b", re.IGNORECASE)

WRITE_SCOPE_HINT = ("Changing numbers needs the scope phone:write:admin (or the granular scope of the operation, such as "
                    "phone:write:user_number:admin), and number_management_numbers:write:admin for Number Management updates.")
WRITE_HINT = "Zoom refused this change and made none of it; its message says why."

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
        # Until one API request has succeeded, a not-found answer most likely means a wrong api_url.
        self.answered = False
        for warning in connection.warnings:
            self.warn(warning)

    def counters(self):
        """Requests sent (OAuth included), retries, and OAuth token requests, so far."""
        return {"requests": self.transport.requests_sent, "retries": self.transport.retries,
                "token_requests": self.tokens.fetched}

    def send(self, method, path, params=None, body=None, retry_on=ANY_FAILURE):
        """One request to an API path with the account's token; return the final Reply, errors unmapped.

        ``body`` goes as JSON; ``retry_on`` is the transport's (see ``Transport.request``).
        """
        url = self.connection.api_url + path
        what = "%s %s" % (method, path)
        token = self.tokens.token()
        reply = self.transport.request(method, url, params=params, headers=_bearer(token), what=what, body=body, retry_on=retry_on)
        if token_rejected(reply):
            # Expired, or revoked by a newer token elsewhere: renew once, then retry (Zoom acts on
            # no request it answers 401). A token the user gave cannot be renewed; renew() then
            # fails saying so.
            token = self.tokens.renew(token)
            reply = self.transport.request(method, url, params=params, headers=_bearer(token), what=what, body=body, retry_on=retry_on)
        return reply

    def write(self, method, path, params=None, body=None):
        """A request that changes the account; return the Reply of a 2xx or raise a ZoomError.

        Only a 429 is resent here. Any other failure raises, and the caller reads the numbers
        again to learn whether the change was made before it sends anything again.
        """
        reply = self.send(method, path, params=params, body=body, retry_on=REFUSAL)
        if reply.status >= 300:
            raise _write_error(method, path, reply)
        return reply

    def get(self, path, params):
        """GET an API path; return the JSON object body or raise a ZoomError."""
        what = "GET %s" % path
        reply = self.send("GET", path, params=params)
        if reply.status >= 400:
            raise api_error(what, path, reply, sent_page_token=bool(params.get("next_page_token")), first_request=not self.answered)
        self.answered = True
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
            elif pages_this_pass > len(seen) + PAGE_SLACK:
                # No total to go by (Number Management never sends one): a page may be short, but the pages
                # must keep bringing new numbers, or fresh page tokens over the same or empty pages would be
                # followed for ever.
                raise ZoomPagingError(
                    "Zoom kept sending pages of %s without new numbers (%d pages for %d distinct numbers); stopping."
                    % (path, pages_this_pass, len(seen)))


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
        raise ZoomResponseError("Zoom answered page %d with a total_records that is not a count (%r)." % (page, shorten(str(total), 40)))
    return total


def _page_token_rejected(status, code, message):
    if status != 400:
        return False
    if code == NUMBER_MANAGEMENT_PAGE_TOKEN_CODE:
        return True
    return code in PAGE_TOKEN_CODES and "page token" in (message or "").lower()


def token_rejected(reply):
    """Whether Zoom refused the access token itself (worth one renewal): HTTP 401, or its code with any status.

    A token that lacks scopes (codes 4700 to 4799) is refused for good: a new one has the same scopes.
    """
    if reply.status < 400 or is_scope_code(reply.code):
        return False
    return reply.status == 401 or reply.code in INVALID_TOKEN_CODES


def scopes_hint(path):
    """Which scopes the app needs: those of ``path`` first, then those of the other listing endpoint."""
    paths = [path] + [other for other in LISTING_PATHS if other != path]
    needs = ["%s for GET %s" % (" or ".join(ENDPOINT_SCOPES[each]), each) for each in paths if each in ENDPOINT_SCOPES]
    return ("Give the Server-to-Server OAuth app these scopes: %s (endpoint: auto lists through the second when Zoom "
            "retires the first). Scopes added later reach new tokens only: the next run fetches one." % "; ".join(needs))


def not_found_cause(status, message, first_request):
    """Why Zoom answered 404 or 410: ``endpoint`` (the endpoint is gone), ``url`` (api_url is wrong) or ``item``.

    A not-found answer to the very first request is a wrong api_url until proven otherwise;
    only an answer that says the endpoint is retired (or a 410) is about the endpoint.
    """
    text = message or ""
    if _RETIRED_WORDING.search(text):
        return "endpoint"
    if _ITEM_WORDING.search(text):
        return "item"
    if status == 410:
        return "endpoint"
    return "url" if first_request else "item"


def api_error(what, path, reply, sent_page_token=False, first_request=False):
    """The ZoomError for an error answer of Zoom's API to ``what`` (``GET <path>``)."""
    status, code, message = reply.status, reply.code, reply.message
    described = describe_status(status, code, message)
    details = {"status": status, "code": code, "tracking_id": reply.tracking_id}
    if sent_page_token and _page_token_rejected(status, code, message):
        return ZoomPageTokenExpired("Zoom %s: %s." % (what, described), **details)
    if is_scope_code(code):
        return ZoomScopeError("Zoom refused %s: the access token lacks the OAuth scopes it needs (%s)." % (what, described),
                              hint=scopes_hint(path), **details)
    if status == 401 or code in INVALID_TOKEN_CODES:
        return ZoomAuthError(
            "Zoom rejected the access token for %s (%s)." % (what, described),
            hint="A freshly issued token was refused: check that the app is activated and that account_id is this account's.",
            **details)
    if status == 403 and code == PHONE_NOT_ENABLED_CODE:
        return ZoomApiError(
            "Zoom Phone is not enabled on this Zoom account (%s)." % described,
            hint="Check that account_id names the account that has Zoom Phone licences, and that Zoom Phone is set up there.",
            **details)
    if status == 403:
        return ZoomApiError("Zoom refused %s (%s)." % (what, described), hint=scopes_hint(path) + " The account also needs Zoom Phone.",
                            **details)
    if status in (404, 410):
        return _not_found(what, path, described, not_found_cause(status, message, first_request), dict(details, answer=described))
    if status == 400:
        return ZoomApiError("Zoom rejected %s (%s)." % (what, described),
                            hint="Check the filter options against the accepted values in the module documentation.", **details)
    return ZoomApiError("Zoom %s failed (%s)." % (what, described), **details)


def _not_found(what, path, described, cause, details):
    if cause == "endpoint":
        return ZoomNotFoundError(
            "Zoom no longer serves %s (%s)." % (what, described), cause=cause,
            hint="Use endpoint: auto or endpoint: number_management to list through its replacement, GET /number_management/numbers."
            if path in LISTING_PATHS else None, **details)
    if cause == "url":
        return ZoomNotFoundError(
            "Zoom answered the first request, %s, with not found (%s): api_url does not point at Zoom's API." % (what, described),
            cause=cause, hint="Check api_url (ZOOM_API_URL): it must be the API's base URL including /v2, for example "
                              "https://api.zoom.us/v2.", **details)
    return ZoomNotFoundError("Zoom answered %s with not found (%s)." % (what, described), cause=cause,
                             hint="Check that the site or number asked for exists.", **details)


def _write_error(method, path, reply):
    """The error of a refused write: the same message as a read's, with a hint about changes."""
    what = "%s %s" % (method, path)
    details = {"status": reply.status, "code": reply.code, "tracking_id": reply.tracking_id}
    if reply.status >= 500:
        # The transport's own description of the answer (status, code, message) is the message.
        return ZoomApiError("Zoom %s failed (%s)." % (what, reply.message), **details)
    error = api_error(what, path, reply)
    if isinstance(error, ZoomNotFoundError) and error.cause == "endpoint":
        # Kept as it is: the caller moves to Number Management on it.
        return error
    if is_scope_code(reply.code):
        return ZoomScopeError(error.message, hint=WRITE_SCOPE_HINT, **details)
    if reply.status == 403:
        return ZoomApiError(error.message, hint=WRITE_SCOPE_HINT, **details)
    if reply.status in (400, 404, 409):
        return ZoomApiError(error.message, hint=WRITE_HINT, **details)
    return error
