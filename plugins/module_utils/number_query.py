# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The query options: defined once, validated once.

``QUERY_OPTIONS`` is the table of the filters a listing takes (those of GET /phone/numbers
and those only Zoom's Number Management API has); it feeds the module argument spec and the
checks here. ``NumberQuery.from_options`` is the one place where query options, ``queries``
and ``where`` are validated: what leaves is typed values (``pending_numbers`` is a bool), an
endpoint, and a compiled ``Where``. Nothing after this point re-checks an option.
"""

from __future__ import annotations

import collections
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
from ansible_collections.ucops.zoom.plugins.module_utils.option_values import boolean_option, number_option, preview
from ansible_collections.ucops.zoom.plugins.module_utils.record_fields import project
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomConfigError

PHONE_MAX_PAGE_SIZE = 100

# ``api`` says which Zoom endpoint has the filter: "phone" (GET /phone/numbers; translated for
# Number Management), "number_management" (only there), "both" (a transport setting), or
# "sites" (sent to neither: resolved into ``site_id`` through GET /phone/sites before listing).
# ``default`` is what an unset option means; the collection always sends it.
QueryOption = collections.namedtuple("QueryOption", "name type choices api default")
QueryOption.__new__.__defaults__ = (None,)

# What GET /phone/numbers does when pending_numbers is left out is undocumented, so the
# collection always says: pending numbers are listed (what 0.1.0 listed, unasked), through
# either endpoint alike.
PENDING_NUMBERS_DEFAULT = True

QUERY_OPTIONS = (
    QueryOption("type", "str", ("assigned", "unassigned", "all", "byoc"), "phone"),
    QueryOption("extension_type", "str", ("user", "callQueue", "autoReceptionist", "commonArea", "emergencyNumberPool",
                                          "companyLocation", "meetingService"), "phone"),
    QueryOption("number_type", "str", ("toll", "tollfree"), "phone"),
    QueryOption("pending_numbers", "bool", None, "phone", PENDING_NUMBERS_DEFAULT),
    QueryOption("site_id", "str", None, "phone"),
    QueryOption("site_name", "str", None, "sites"),
    QueryOption("phone_number", "str", None, "phone"),
    QueryOption("page_size", "int", None, "both"),
) + tuple(QueryOption(name, "str", choices, "number_management") for name, choices in number_management.FILTER_CHOICES.items())

QUERY_OPTION_NAMES = tuple(option.name for option in QUERY_OPTIONS)
PHONE_FILTER_NAMES = tuple(option.name for option in QUERY_OPTIONS if option.api == "phone")
NUMBER_MANAGEMENT_FILTER_NAMES = tuple(option.name for option in QUERY_OPTIONS if option.api == "number_management")
# Two ways to name the site of a filter set; a set takes one.
SITE_OPTION_NAMES = ("site_id", "site_name")
# Every option a listing takes: the query options, the client-side filter, the filter sets and the projection.
LISTING_OPTION_NAMES = QUERY_OPTION_NAMES + ("where", "queries", "fields")
# At most this many paths in ``fields``; each one is a dotted path of field names.
MAX_FIELDS = 50
_FIELD_PATH = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$")

_E164 = re.compile(r"^\+[1-9][0-9]{1,14}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def module_argument_spec():
    """Argument spec entries for the query options, ``where`` and ``queries``."""
    spec = {}
    for option in QUERY_OPTIONS:
        entry = {"type": option.type}
        if option.choices:
            entry["choices"] = list(option.choices)
        if option.default is not None:
            entry["default"] = option.default
        if option.name == "keyword":
            # A number prefix, not a secret, whatever its name suggests.
            entry["no_log"] = False
        spec[option.name] = entry
    spec["where"] = {"type": "str"}
    spec["queries"] = {"type": "list", "elements": "dict"}
    spec["fields"] = {"type": "list", "elements": "str"}
    return spec


class QuerySet:
    """One validated filter set: typed values of the options that were set, and the page size asked for."""

    def __init__(self, label, values, page_size):
        self.label = label
        self.values = values
        self.page_size = page_size

    @property
    def name(self):
        """How messages name this set: ``queries[2]``, or ``the query``."""
        return self.label.rstrip(".") or "the query"

    def phone_params(self):
        """The query string parameters of GET /phone/numbers, in Zoom's text form."""
        params = {}
        for name in PHONE_FILTER_NAMES:
            value = self.values.get(name)
            if value is None:
                continue
            params[name] = ("true" if value else "false") if isinstance(value, bool) else value
        return params

    def number_management_filters(self):
        """The filters set here that only the Number Management API has."""
        return dict((name, self.values[name]) for name in NUMBER_MANAGEMENT_FILTER_NAMES if name in self.values)

    def translation(self):
        """The Number Management form of this set (see ``number_management.translate``)."""
        try:
            return number_management.translate(self.values)
        except ValueError as exc:
            raise ZoomConfigError("Options of %s conflict for the Number Management API: %s." % (self.name, exc)) from None


class NumberQuery:
    """What to list: the filter sets, the endpoint to start with, ``where``, and the ``fields`` to keep."""

    def __init__(self, sets, endpoint, where, fields=None):
        self.sets = sets
        self.endpoint = endpoint
        self.where = where
        self.fields = fields

    def shape(self, record):
        """The record as the caller gets it: None when ``where`` drops it, else only ``fields`` of it."""
        if not self.where.keeps(record):
            return None
        return project(record, self.fields) if self.fields else record

    @classmethod
    def from_options(cls, options, endpoint="auto", label=""):
        """Validate listing options (those named in LISTING_OPTION_NAMES); raise ZoomConfigError.

        ``label`` prefixes option names in messages, for options nested in another one
        (the audit's ``filters.``).
        """
        raw_sets = _raw_sets(options, label)
        parsed = [(set_label, raw, _values(raw, set_label)) for set_label, raw in raw_sets]
        chosen = _choose_endpoint(endpoint, parsed)
        maximum = number_management.MAX_PAGE_SIZE if chosen == "number_management" else PHONE_MAX_PAGE_SIZE
        sets = [QuerySet(label, values, _page_size(raw.get("page_size"), label, maximum, chosen)) for label, raw, values in parsed]
        if chosen != "phone":
            # Contradictions in Number Management terms fail now, not after a switch mid-run.
            for query_set in sets:
                query_set.translation()
        return cls(sets, chosen, Where(options.get("where"), label=label + "where"), _fields(options.get("fields"), label + "fields"))

    def page_size(self, query_set, endpoint):
        """The page size for ``query_set`` on ``endpoint``: the one asked for, else that endpoint's maximum."""
        if query_set.page_size is not None:
            return query_set.page_size
        return number_management.MAX_PAGE_SIZE if endpoint == "number_management" else PHONE_MAX_PAGE_SIZE


def listing_options(options):
    """The listing options among ``options`` (module params or plugin options hold connection options too)."""
    return dict((name, options.get(name)) for name in LISTING_OPTION_NAMES)


def _raw_sets(options, label):
    """``[(label, raw options)]``: one set, or one per ``queries`` entry over the top-level defaults."""
    _reject_unknown(options, LISTING_OPTION_NAMES, label)
    base = dict((name, options.get(name)) for name in QUERY_OPTION_NAMES if options.get(name) is not None)
    queries = options.get("queries")
    if queries is None:
        return [(label, base)]
    if not isinstance(queries, list) or not queries:
        raise ZoomConfigError("Option %squeries must be a non-empty list of dicts of query options." % label)
    sets = []
    for index, entry in enumerate(queries):
        if not isinstance(entry, dict):
            raise ZoomConfigError("Option %squeries[%d] must be a dict of query options, got %s." % (label, index, type(entry).__name__))
        entry_label = "%squeries[%d]." % (label, index)
        _reject_unknown(entry, QUERY_OPTION_NAMES, entry_label)
        merged = dict(base)
        if any(entry.get(name) is not None for name in SITE_OPTION_NAMES):
            # An entry's site replaces the top-level one, whichever way either names it.
            for name in SITE_OPTION_NAMES:
                merged.pop(name, None)
        merged.update((name, value) for name, value in entry.items() if value is not None)
        sets.append((entry_label, merged))
    return sets


def _reject_unknown(options, known, label):
    """A misspelt filter would otherwise be ignored and the result silently wider than meant."""
    unknown = sorted(str(name) for name in options if name not in known)
    if unknown:
        raise ZoomConfigError("Unknown query option%s %s; accepted: %s." % (
            "s" if len(unknown) > 1 else "", ", ".join(label + name for name in unknown), ", ".join(known)))


def _values(raw, label):
    """The typed values of one raw set's filters (page_size aside)."""
    values = {}
    for option in QUERY_OPTIONS:
        value = raw.get(option.name)
        if value is None:
            value = option.default
        if value is None or option.name == "page_size":
            continue
        name = label + option.name
        if option.type == "bool":
            values[option.name] = boolean_option(name, value)
            continue
        if not isinstance(value, str):
            raise ZoomConfigError("Option %s must be a string, got %s." % (name, type(value).__name__))
        if option.choices and value not in option.choices:
            raise ZoomConfigError("Option %s must be one of %s, got %r." % (name, ", ".join(option.choices), preview(value)))
        values[option.name] = _checked_text(name, option.name, value)
    if all(name in values for name in SITE_OPTION_NAMES):
        raise ZoomConfigError("Options %ssite_id and %ssite_name cannot be used together; give one of them." % (label, label))
    if "extension_type" in values and values.get("type") != "assigned":
        raise ZoomConfigError("Option %sextension_type can only be used with %stype: assigned (Zoom rejects it otherwise)." % (label, label))
    return values


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


def _fields(value, name):
    """The ``fields`` paths, each checked, without repeats; None when unset (whole records)."""
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        raise ZoomConfigError("Option %s must be a non-empty list of field paths such as number or assignee.name." % name)
    if len(value) > MAX_FIELDS:
        raise ZoomConfigError("Option %s has %d paths; at most %d." % (name, len(value), MAX_FIELDS))
    paths = []
    for index, path in enumerate(value):
        if not isinstance(path, str) or not _FIELD_PATH.match(path):
            raise ZoomConfigError("Option %s[%d] must be a field path of letters, digits and _ joined by dots (such as "
                                  "assignee.name), got %r." % (name, index, preview(path)))
        if path not in paths:
            paths.append(path)
    return tuple(paths)


def phone_number_value(name, value):
    """``value`` checked as the ``phone_number`` filter, named ``name`` in messages (lookup terms use it)."""
    if not isinstance(value, str):
        raise ZoomConfigError("Option %s must be a string, got %s." % (name, type(value).__name__))
    return _checked_text(name, "phone_number", value)


def _page_size(value, label, maximum, endpoint):
    """The page size asked for (None: the endpoint's maximum), from 1 to ``maximum``."""
    if value is None:
        return None
    why = "" if endpoint == "number_management" else " (up to 200 with endpoint: number_management)"
    return number_option(label + "page_size", value, int, 1, maximum, why=why)


def _choose_endpoint(endpoint, parsed):
    uses_own_filters = [label + name for label, dummy, values in parsed for name in NUMBER_MANAGEMENT_FILTER_NAMES if name in values]
    if endpoint == "auto" and uses_own_filters:
        # Only the replacement understands these filters.
        return "number_management"
    if endpoint == "phone" and uses_own_filters:
        raise ZoomConfigError("Option %s is a filter of Zoom's Number Management API; use it with endpoint: number_management "
                              "(or auto)." % uses_own_filters[0])
    return endpoint


# How deeply a ``where`` may nest (parentheses, negations, a chain of && or ||): far beyond any
# real condition, and shallow enough that neither jmespath's parser nor its interpreter, both
# recursive, can run out of stack inside Ansible's own.
MAX_WHERE_DEPTH = 100

# The usual cause of a parse error: a number or text written as in Python or YAML.
WHERE_LITERALS_HINT = ("In JMESPath, numbers, true, false and null are literals in backticks (emergency_address_status == `1`), "
                       "and text goes in single quotes (status == 'pending').")


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
            raise ZoomConfigError("Option %s is not a valid JMESPath expression: %s" % (label, " ".join(str(exc).split())),
                                  hint=WHERE_LITERALS_HINT) from None
        except RecursionError:
            self._expression = None
        if self._expression is None or _depth(self._expression.parsed) > MAX_WHERE_DEPTH:
            raise ZoomConfigError("Option %s nests more than %d levels deep; write the condition with fewer levels." % (label, MAX_WHERE_DEPTH))
        # One interpreter for every record: jmespath's own search() builds a new one per call,
        # which doubles the cost over a large account.
        self._visit = jmespath_visitor.TreeInterpreter().visit

    def fields(self):
        """The field names the expression mentions anywhere (to know which listings it needs)."""
        if self._expression is None:
            return set()
        return set(node.get("value") for node, dummy in _nodes(self._expression.parsed) if node.get("type") == "field")

    def keeps(self, record):
        """JMESPath truthiness: false, null, empty string, list and object are false; numbers are true."""
        if self._expression is None:
            return True
        try:
            value = self._visit(self._expression.parsed, record)
        except RecursionError:
            raise ZoomConfigError("Option %s nests too deeply to evaluate on number %s." % (self.label, record.get("id"))) from None
        except JMESPathError as exc:
            raise ZoomConfigError("Option %s failed on number %s: %s" % (self.label, record.get("id"), " ".join(str(exc).split()))) from None
        return not (value is None or value is False or value == "" or value == [] or value == {})

    def filter(self, records):
        if self._expression is None:
            return list(records)
        return [record for record in records if self.keeps(record)]


def _depth(tree):
    """How many levels a parsed JMESPath expression nests."""
    return max(level for dummy, level in _nodes(tree))


def _nodes(tree):
    """Every node of a parsed JMESPath expression with its level, walked without recursion."""
    stack = [(tree, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            yield node, level
            stack.extend((child, level + 1) for child in node.get("children") or [])
        elif isinstance(node, list):
            stack.extend((child, level) for child in node)
