# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The phone-number domain: query options, their validation, listing and ``where``.

Options arrive here from the module, the lookup, the inventory plugin and the audit role
alike, are validated once, and leave as Zoom query parameters; the raw records that come
back are filtered by ``where`` and merged across ``queries``.
"""

from __future__ import annotations

import collections
import concurrent.futures
import functools
import gc
import re
import traceback

try:
    import jmespath
    from jmespath import visitor as jmespath_visitor
    from jmespath.exceptions import JMESPathError
    HAS_JMESPATH = True
    JMESPATH_IMPORT_ERROR = None
except ImportError:
    HAS_JMESPATH = False
    JMESPATH_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.ucops.zoom.plugins.module_utils import number_management
from ansible_collections.ucops.zoom.plugins.module_utils.option_values import boolean_option, preview
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_client import ZoomClient
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomApiError, ZoomConfigError, ZoomPageTokenExpired

PHONE_NUMBERS_PATH = "/phone/numbers"
ITEMS_KEY = "phone_numbers"
MAX_PAGE_SIZE = 100

TYPES = ("assigned", "unassigned", "all", "byoc")
EXTENSION_TYPES = ("user", "callQueue", "autoReceptionist", "commonArea", "emergencyNumberPool", "companyLocation", "meetingService")
NUMBER_TYPES = ("toll", "tollfree")

QueryOption = collections.namedtuple("QueryOption", "name type choices")

# The filters of GET /phone/numbers, same names and values as Zoom's; sent only when set.
QUERY_OPTIONS = (
    QueryOption("type", "str", TYPES),
    QueryOption("extension_type", "str", EXTENSION_TYPES),
    QueryOption("number_type", "str", NUMBER_TYPES),
    QueryOption("pending_numbers", "bool", None),
    QueryOption("site_id", "str", None),
    QueryOption("phone_number", "str", None),
    QueryOption("page_size", "int", None),
)
QUERY_OPTION_NAMES = tuple(option.name for option in QUERY_OPTIONS)
# The seed's filters and those only the Number Management endpoint has.
ALL_QUERY_OPTION_NAMES = QUERY_OPTION_NAMES + number_management.NM_QUERY_OPTION_NAMES

# At most this many filter sets of ``queries`` are listed at the same time; the shared rate
# limiter, not the thread count, keeps the account under Zoom's limit.
MAX_PARALLEL_QUERIES = 8

_E164 = re.compile(r"^\+[1-9][0-9]{1,14}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def module_argument_spec():
    """Argument spec entries for the query options, ``where`` and ``queries``."""
    spec = {}
    for option in QUERY_OPTIONS:
        entry = {"type": option.type}
        if option.choices:
            entry["choices"] = list(option.choices)
        spec[option.name] = entry
    for name, choices in number_management.NM_QUERY_CHOICES.items():
        # keyword is a number prefix, not a secret, whatever its name suggests.
        spec[name] = {"type": "str", "choices": list(choices)} if choices else {"type": "str", "no_log": False}
    spec["where"] = {"type": "str"}
    spec["queries"] = {"type": "list", "elements": "dict"}
    return spec


def validate_query(raw, label=""):
    """Check one set of query options; return the Zoom query parameters it stands for.

    ``label`` prefixes option names in messages (for example ``queries[2].``). Raises
    ZoomConfigError naming the option before any request is made.
    """
    unknown = sorted(set(raw) - set(ALL_QUERY_OPTION_NAMES))
    if unknown:
        raise ZoomConfigError("Unknown query option%s %s; accepted: %s." % (
            "s" if len(unknown) > 1 else "", ", ".join(label + name for name in unknown), ", ".join(ALL_QUERY_OPTION_NAMES)))
    params = {}
    for option in QUERY_OPTIONS:
        value = raw.get(option.name)
        if value is None or option.name == "page_size":
            continue
        name = label + option.name
        if option.type == "bool":
            params[option.name] = "true" if boolean_option(name, value) else "false"
            continue
        if not isinstance(value, str):
            raise ZoomConfigError("Option %s must be a string, got %s." % (name, type(value).__name__))
        if option.choices and value not in option.choices:
            raise ZoomConfigError("Option %s must be one of %s, got %r." % (name, ", ".join(option.choices), preview(value)))
        params[option.name] = _checked_text(name, option.name, value)
    if "extension_type" in params and params.get("type") != "assigned":
        raise ZoomConfigError("Option %sextension_type can only be used with %stype: assigned (Zoom rejects it otherwise)." % (label, label))
    return params


def validate_page_size(value, label="", maximum=MAX_PAGE_SIZE, endpoint="phone"):
    """The page size to use: ``maximum`` when unset, else an integer from 1 to ``maximum``."""
    if value is None:
        return maximum
    why = "" if endpoint == "number_management" else " (up to 200 with endpoint: number_management)"
    if isinstance(value, bool):
        raise ZoomConfigError("Option %spage_size must be an integer from 1 to %d%s, got a boolean." % (label, maximum, why))
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ZoomConfigError("Option %spage_size must be an integer from 1 to %d%s, got %r." % (label, maximum, why, preview(value))) from None
    if isinstance(value, float) and value != number or not 1 <= number <= maximum:
        raise ZoomConfigError("Option %spage_size must be an integer from 1 to %d%s, got %s." % (label, maximum, why, preview(value)))
    return number


def _checked_text(name, key, value):
    if not value.strip():
        raise ZoomConfigError("Option %s must not be empty." % name)
    if _CONTROL.search(value):
        raise ZoomConfigError("Option %s must not contain control characters." % name)
    if len(value) > 256:
        raise ZoomConfigError("Option %s is too long (%d characters; at most 256)." % (name, len(value)))
    if key == "phone_number" and not _E164.match(value):
        raise ZoomConfigError("Option %s must be an E.164 number such as +14155550123, got %r." % (name, preview(value)))
    return value


class Where:
    """A compiled ``where`` JMESPath predicate; ``None`` text keeps every record."""

    def __init__(self, text, label="where"):
        self.text = text
        self.label = label
        self._expression = None
        if text is None:
            return
        if not isinstance(text, str) or not text.strip():
            raise ZoomConfigError("Option %s must be a non-empty JMESPath expression." % label)
        try:
            self._expression = jmespath.compile(text)
        except JMESPathError as exc:
            raise ZoomConfigError("Option %s is not a valid JMESPath expression: %s" % (label, " ".join(str(exc).split()))) from None
        # One interpreter for every record: jmespath's own search() builds a new one per call,
        # which doubles the cost over a large account.
        self._visit = jmespath_visitor.TreeInterpreter().visit

    def fields(self):
        """The field names the expression mentions anywhere (to know which listings it needs)."""
        names = set()
        stack = [self._expression.parsed] if self._expression is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                if node.get("type") == "field":
                    names.add(node.get("value"))
                stack.extend(node.get("children") or [])
            elif isinstance(node, list):
                stack.extend(node)
        return names

    def keeps(self, record):
        """JMESPath truthiness: false, null, empty string, list and object are false; numbers are true."""
        if self._expression is None:
            return True
        try:
            value = self._visit(self._expression.parsed, record)
        except JMESPathError as exc:
            raise ZoomConfigError("Option %s failed on number %s: %s" % (self.label, record.get("id"), " ".join(str(exc).split()))) from None
        return not (value is None or value is False or value == "" or value == [] or value == {})

    def filter(self, records):
        if self._expression is None:
            return list(records)
        return [record for record in records if self.keeps(record)]


class Query:
    """One validated filter set: the seed's parameters, the replacement's own filters, a page size."""

    def __init__(self, label, seed_params, nm_params, page_size):
        self.label = label
        self.seed_params = seed_params
        self.nm_params = nm_params
        self.page_size = page_size
        self.translation = None


class PhoneNumberRequest:
    """Validated options of one listing call: filter sets, endpoint, page size and ``where``."""

    def __init__(self, options, endpoint="auto"):
        base = {name: options.get(name) for name in ALL_QUERY_OPTION_NAMES}
        queries = options.get("queries")
        if queries is None:
            sets = [("", base)]
        else:
            if not isinstance(queries, list) or not queries:
                raise ZoomConfigError("Option queries must be a non-empty list of dicts of query options.")
            sets = []
            for index, entry in enumerate(queries):
                if not isinstance(entry, dict):
                    raise ZoomConfigError("Option queries[%d] must be a dict of query options, got %s." % (index, type(entry).__name__))
                # The top-level query options are defaults that each entry may override.
                merged = dict((key, value) for key, value in base.items() if value is not None)
                merged.update(entry)
                sets.append(("queries[%d]." % index, merged))
        parsed = [(label, raw, validate_query(raw, label=label), validate_nm_filters(raw, label=label)) for label, raw in sets]
        self.endpoint = _choose_endpoint(endpoint, parsed)
        maximum = number_management.MAX_PAGE_SIZE if self.endpoint == "number_management" else MAX_PAGE_SIZE
        self.queries = []
        for label, raw, seed_params, nm_params in parsed:
            page_size = validate_page_size(raw.get("page_size"), label=label, maximum=maximum, endpoint=self.endpoint)
            self.queries.append(Query(label, seed_params, nm_params, page_size))
        if self.endpoint != "phone":
            for query in self.queries:
                query.translation = _translate(query)
        self.where = Where(options.get("where"))


def validate_nm_filters(raw, label=""):
    """The Number Management endpoint's own filters among ``raw``, checked against its values."""
    params = {}
    for name, choices in number_management.NM_QUERY_CHOICES.items():
        value = raw.get(name)
        if value is None:
            continue
        option = label + name
        if not isinstance(value, str):
            raise ZoomConfigError("Option %s must be a string, got %s." % (option, type(value).__name__))
        if choices and value not in choices:
            raise ZoomConfigError("Option %s must be one of %s, got %r." % (option, ", ".join(choices), preview(value)))
        params[name] = _checked_text(option, name, value)
    return params


def _choose_endpoint(endpoint, parsed):
    uses_nm_filters = [label + name for label, dummy, dummy2, nm_params in parsed for name in nm_params]
    if endpoint == "auto" and uses_nm_filters:
        # Only the replacement understands these filters.
        return "number_management"
    if endpoint == "phone" and uses_nm_filters:
        raise ZoomConfigError("Option %s is a filter of Zoom's Number Management API; use it with endpoint: number_management "
                              "(or auto)." % uses_nm_filters[0])
    return endpoint


def _translate(query):
    try:
        return number_management.translate(query.seed_params, query.nm_params)
    except ValueError as exc:
        raise ZoomConfigError("Options of %s conflict for the Number Management API: %s." % (query.label.rstrip(".") or "the query", exc)) from None


def list_phone_numbers(connection, options, warn=None):
    """List phone numbers for module/lookup/inventory options; return the module's result keys.

    ``warn`` receives one-line warnings (data that changed while it was listed, an endpoint
    switch, an unsafe token cache); the module passes ``AnsibleModule.warn``, plugins
    ``Display.warning``.
    """
    request = PhoneNumberRequest(options, endpoint=connection.endpoint)
    client = ZoomClient(connection, warn=warn)
    endpoint = "phone" if request.endpoint == "auto" else request.endpoint
    try:
        listings = _run_listings(client, request.queries, endpoint)
    except ZoomApiError as exc:
        if request.endpoint != "auto" or not endpoint_retired(exc):
            raise
        endpoint = "number_management"
        if warn:
            warn("Zoom answered GET /phone/numbers with HTTP %s (%s); listed through its replacement GET "
                 "/number_management/numbers instead. Set endpoint: number_management to skip the first request."
                 % (exc.status, exc.message))
        try:
            listings = _run_listings(client, request.queries, endpoint)
        except ZoomApiError as second:
            if second.status in RETIRED_STATUSES:
                # Neither endpoint exists here: the URL is wrong, which the first error says best.
                raise exc from None
            raise
    records, seen = [], set()
    for listing in listings:
        for record in listing.records:
            if record["id"] not in seen:
                seen.add(record["id"])
                records.append(record)
    if warn:
        for listing in listings:
            if listing.changed_during_listing:
                warn(_change_warning(listing))
    kept = request.where.filter(records)
    if len(listings) == 1:
        total = listings[0].total_records
        total = len(records) if total is None else total
    else:
        total = len(records)
    return {
        "phone_numbers": kept,
        "total_records": total,
        "count": len(kept),
        "endpoint": endpoint,
        "pages": sum(listing.pages for listing in listings),
        "page_size": request.queries[0].page_size,
        "requests": client.transport.requests_sent,
        "retries": client.transport.retries,
        "token_requests": client.tokens.fetched,
        "page_token_restarts": sum(listing.restarts for listing in listings),
        "changed_during_listing": any(listing.changed_during_listing for listing in listings),
    }


# What Zoom may answer once GET /phone/numbers is switched off. Zoom has not said; a retired
# path answering 404 or 410 to an authenticated request is the common practice.
RETIRED_STATUSES = frozenset((404, 410))


def endpoint_retired(error):
    """True when an error from GET /phone/numbers says the endpoint itself is gone."""
    return error.status in RETIRED_STATUSES and not isinstance(error, ZoomPageTokenExpired)


def _run_listings(client, queries, endpoint):
    # Pages only add acyclic records: the cyclic garbage collector would rescan the growing heap
    # again and again for nothing, and its pauses disturb the pacing of requests.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run_listings_now(client, queries, endpoint)
    finally:
        if collecting:
            gc.enable()


def _run_listings_now(client, queries, endpoint):
    if endpoint == "number_management":
        one = functools.partial(_list_number_management, client)
    else:
        one = functools.partial(_list_phone, client)
    if len(queries) == 1:
        return [one(queries[0])]
    workers = min(len(queries), MAX_PARALLEL_QUERIES)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, queries))


def _list_phone(client, query):
    return client.list_all(PHONE_NUMBERS_PATH, query.seed_params, ITEMS_KEY, query.page_size)


def _list_number_management(client, query):
    """List through the replacement and bring its records to the seed's shape."""
    translation = query.translation or _translate(query)
    page_size = min(query.page_size, number_management.MAX_PAGE_SIZE)
    listing = client.list_all(number_management.PATH, translation.params, number_management.ITEMS_KEY, page_size)
    records = [number_management.normalise(record) for record in listing.records]
    if translation.filters_client_side:
        records = [record for record in records if translation.keep(record)]
    listing.records = records
    # The replacement sends no total_records: the count is what the listing returned.
    listing.total_records = len(records)
    return listing


def _change_warning(listing):
    first, last = listing.totals_seen[0], listing.totals_seen[-1]
    return ("The account's phone numbers changed while they were listed (total_records went from %d to %d). "
            "%d passes were made, until one saw no change, and the later passes found %d more; the result has every "
            "number present from the first page to the last and no number twice, but numbers removed during the "
            "listing may still be in it." % (first, last, listing.passes, listing.added_by_second_pass))
