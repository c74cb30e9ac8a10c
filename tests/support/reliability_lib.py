# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fault catalog of the reliability suites, and how one listing's outcome is judged.

Every fault class of the simulator appears here once or twice: as a transient fault in the
middle of a listing (retries or a restart must absorb it, and the list must be exact), as a
change of the account's data (the list must hold every number that existed from the first
page to the last, no id twice, and a warning must give the counts), or as a fault that
cannot be worked around (the listing must fail with one clear line). The same catalog drives
the Python client matrix and the module, lookup, inventory and audit role matrices.
"""

from __future__ import annotations

import collections
import json
import os
import pathlib
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]

EXACT = "exact"
CHANGED = "changed"
FAILS = "fails"
# When concurrent listings share a fault plan, which one meets which fault depends on timing.
CHANGED_OR_FAILS = "changed or fails"

# Small enough to keep a cell fast, large enough for five pages; faults aimed at the third
# list request therefore land in the middle of the listing.
SIZE = 120
PAGE_SIZE = 25
MID = {"nth": [3]}
# A secret that would be easy to spot anywhere it leaked.
CLIENT_SECRET = "Rz7-never-print-this-client-secret-4d1c"
# Per cell: a timeout no busy test machine reaches (the slow cells set a short one of their own).
# Cells that must list get a spare retry, so that one fault can never count as two; cells that
# must fail retry once, which keeps them fast.
CELL_OPTIONS = {"timeout": 5}
SHORT_TIMEOUT = {"timeout": 1}

FaultCase = collections.namedtuple("FaultCase", "name fault_class expect rules fragments options settings")


def _case(name, fault_class, expect, rules, fragments=(), options=None, settings=None):
    merged = dict(CELL_OPTIONS, max_retries=1 if expect == FAILS else 2)
    merged.update(options or {})
    return FaultCase(name, fault_class, expect, rules, tuple(fragments), merged, dict(settings or {}))


def _once(kind, **params):
    rule = {"fault": kind, "when": MID}
    rule.update(params)
    return [rule]


def _always(kind, **params):
    rule = {"fault": kind}
    rule.update(params)
    return [rule]


CASES = [
    # Transient faults: retried, renewed or restarted; the list is exact.
    _case("429_seconds", "429, Retry-After in seconds", EXACT, _once("429", retry_after=1)),
    _case("429_date", "429, Retry-After as an HTTP date", EXACT, _once("429_date", retry_after=1)),
    _case("500_json", "500 with a JSON body", EXACT, _once("500", body="json")),
    _case("500_html", "500 with an HTML body", EXACT, _once("500", body="html")),
    _case("502_json", "502 with a JSON body", EXACT, _once("502", body="json")),
    _case("502_html", "502 with an HTML body", EXACT, _once("502", body="html")),
    _case("503_json", "503 with a JSON body", EXACT, _once("503", body="json")),
    _case("503_html", "503 with an HTML body", EXACT, _once("503", body="html")),
    _case("504_json", "504 with a JSON body", EXACT, _once("504", body="json")),
    _case("504_html", "504 with an HTML body", EXACT, _once("504", body="html")),
    _case("reset", "connection reset", EXACT, _once("reset")),
    _case("slow", "answer slower than timeout", EXACT, _once("slow", delay=1.5), options=SHORT_TIMEOUT),
    _case("truncated", "truncated JSON", EXACT, _once("truncated")),
    _case("empty_body", "200 with an empty body", EXACT, _once("empty_body")),
    _case("revoked", "access token revoked", EXACT, _once("revoke_tokens")),
    # The token lives 2 s; the third page is held 3 s, so it arrives with a token that has expired.
    _case("token_expired", "access token expired mid-listing", EXACT, _once("slow", delay=3),
          options={"timeout": 6}, settings={"token_ttl": 2}),
    _case("page_token_expired", "page token expired", EXACT, [{"fault": "expire_page_token", "when": {"first": 1}}]),
    _case("oauth_503", "OAuth endpoint 503", EXACT, [{"fault": "503", "path": "/oauth", "when": {"first": 1}}]),
    _case("oauth_reset", "OAuth endpoint connection reset", EXACT, [{"fault": "reset", "path": "/oauth", "when": {"first": 1}}]),
    # The account changes between two pages.
    _case("numbers_added", "numbers added between pages", CHANGED, _once("add_numbers", count=3)),
    _case("numbers_removed", "numbers removed between pages", CHANGED, _once("remove_numbers", count=3)),
    # Removals in the first and again in the second pass: with this seed a second pass alone
    # misses 7 numbers that existed throughout, so only a third, settled pass is complete.
    _case("numbers_removed_twice", "numbers removed during two passes", CHANGED,
          [{"fault": "remove_numbers", "count": 20, "when": {"nth": [5, 9]}}]),
    # Faults that no retry can fix: one clear line.
    _case("429_always", "429 on every request", FAILS, _always("429", retry_after=1), ["rate limit after 2 attempts", "HTTP 429"]),
    _case("429_long_wait", "429 asking for a 10-minute wait", FAILS, _once("429", retry_after=600), ["too long to wait"]),
    _case("daily_limit", "daily limit reached", FAILS, _once("daily_limit"), ["daily rate limit", "resets in"]),
    _case("502_always", "502 HTML on every request", FAILS, _always("502", body="html"), ["failed after 2 attempts", "HTTP 502"]),
    _case("504_always", "504 JSON on every request", FAILS, _always("504", body="json"), ["failed after 2 attempts", "HTTP 504"]),
    _case("reset_always", "connection reset on every request", FAILS, _always("reset"), ["failed after 2 attempts", "connection lost"]),
    _case("slow_always", "every answer slower than timeout", FAILS, _always("slow", delay=1.5), ["failed after 2 attempts", "timeout"],
          options=SHORT_TIMEOUT),
    _case("truncated_always", "truncated JSON on every request", FAILS, _always("truncated"), ["failed after 2 attempts", "not complete JSON"]),
    _case("empty_body_always", "empty body on every request", FAILS, _always("empty_body"), ["failed after 2 attempts", "not complete JSON"]),
    _case("revoked_always", "token revoked on every request", FAILS, _always("revoke_tokens"), ["rejected the access token", "code 124"]),
    _case("page_token_always", "every page token expired", FAILS, _always("expire_page_token"), ["next_page_token twice"]),
    _case("numbers_keep_changing", "numbers removed during every pass", FAILS,
          [{"fault": "remove_numbers", "count": 2, "when": {"every": 3}}], ["kept changing", "3 passes"]),
    _case("missing_id", "a record without id", FAILS, _once("missing_id"), ["has no id", "cannot be trusted"]),
    _case("not_a_list", "phone_numbers not a list", FAILS, _once("phone_numbers_not_list"), ["not a list", "cannot be trusted"]),
    _case("total_not_int", "total_records not an integer", FAILS, _once("total_records_not_int"), ["total_records", "not a count"]),
    _case("oauth_always", "OAuth endpoint 503 on every request", FAILS, [{"fault": "503", "path": "/oauth"}],
          ["OAuth token request failed after 2 attempts", "HTTP 503"]),
]
CASE_NAMES = [case.name for case in CASES]
# Through Ansible, the variants that fail on every request are represented by three of them: the
# others run the same transport code, which the Python client matrix covers.
ENTRY_POINT_ALWAYS = ("502_always", "revoked_always", "page_token_always")
ENTRY_POINT_CASES = [case for case in CASES if not case.name.endswith("_always") or case.name in ENTRY_POINT_ALWAYS]
CASES_BY_NAME = dict((case.name, case) for case in CASES)


def start_cell(factory, case, size=SIZE, seed=11):
    """A simulator with the case's fault plan and settings (seed 11 is the one numbers_removed_twice relies on)."""
    return factory(size=size, seed=seed, client_secret=CLIENT_SECRET, faults=case.rules, **case.settings)


class Outcome:
    """What one listing left behind, whichever entry point ran it."""

    def __init__(self, ok, records=None, message=None, warnings=(), result=None, output=""):
        self.ok = ok
        self.records = records
        self.message = message
        self.warnings = list(warnings)
        self.result = result or {}
        self.output = output


def ids(records):
    return [record["id"] for record in records]


def judge(case, outcome, before, after, secrets=(), expected=None, counts=None):
    """Problems with ``outcome`` for ``case`` (an empty list when the cell behaved).

    ``before`` and ``after`` are the simulator's truth when the listing started and ended;
    ``expected`` overrides the exact list (for merged listings). ``counts`` lists the
    (first, last) total pairs a change warning may give; by default the two truths' sizes,
    and an empty list when it depends on thread timing which listing noticed the change.
    """
    problems = []
    text = " ".join([outcome.message or "", outcome.output] + [str(warning) for warning in outcome.warnings])
    for secret in secrets:
        if secret and secret in text:
            problems.append("a secret appears in the message, warnings or output")
    if case.expect == FAILS or (case.expect == CHANGED_OR_FAILS and not outcome.ok):
        if outcome.ok:
            return problems + ["expected a clear failure, got a list of %d numbers" % len(outcome.records)]
        problems.extend(clear_message_problems(outcome.message, case.fragments))
        return problems
    if not outcome.ok:
        return problems + ["expected a list, got a failure: %s" % outcome.message]
    if case.expect == EXACT:
        wanted = after if expected is None else expected
        if outcome.records != wanted:
            problems.append("the list is not the ground truth (%d numbers, expected %d)" % (len(outcome.records), len(wanted)))
        return problems
    problems.extend(changed_problems(outcome.records, before, after))
    counts = [(len(before), len(after))] if counts is None else counts
    if counts and not any(_counts_in(warning, first, last) for warning in outcome.warnings for first, last in counts):
        problems.append("no warning with the counts %s: %r" % (" or ".join("%d and %d" % pair for pair in counts), outcome.warnings))
    if not counts and outcome.warnings and not any("changed" in str(warning) for warning in outcome.warnings):
        problems.append("unexpected warnings: %r" % outcome.warnings)
    return problems


def changed_problems(records, before, after):
    """The contract when the account changed mid-listing: no id twice, every survivor present."""
    problems = []
    listed = ids(records)
    if len(listed) != len(set(listed)):
        problems.append("an id appears twice")
    known = dict((record["id"], record) for record in before)
    known.update((record["id"], record) for record in after)
    survivors = set(record["id"] for record in before) & set(record["id"] for record in after)
    missing = survivors - set(listed)
    if missing:
        problems.append("%d numbers present from start to end are missing" % len(missing))
    for record in records:
        if record["id"] in known and record != known[record["id"]]:
            problems.append("number %s differs from the API's record" % record["id"])
            break
    unknown = [record_id for record_id in listed if record_id not in known]
    if unknown:
        problems.append("%d ids that never existed" % len(unknown))
    return problems


def clear_message_problems(message, fragments=()):
    problems = []
    if not message or not isinstance(message, str):
        return ["no failure message"]
    if "\n" in message.strip() or "Traceback" in message:
        problems.append("the message is not one line: %r" % message[:300])
    for fragment in fragments:
        if fragment not in message:
            problems.append("the message lacks %r: %s" % (fragment, message[:300]))
    return problems


def _counts_in(warning, first, last):
    text = str(warning)
    return "changed" in text and str(first) in text and str(last) in text


def client_options(sim, case=None, token_cache=None, **extra):
    """Module-style options for the Python client against ``sim``."""
    options = {
        "account_id": sim.account_id,
        "client_id": sim.client_id,
        "client_secret": sim.client_secret,
        "api_url": sim.api_url,
        "oauth_url": sim.oauth_url,
        "token_cache": token_cache or tempfile.mkdtemp(prefix="zoom-tokens-"),
        "page_size": PAGE_SIZE,
    }
    if case is not None:
        options.update(case.options)
    options.update(extra)
    return options


def token_values(root):
    """Every access token resting in shared token files under ``root``."""
    found = []
    for folder, dummy, files in os.walk(str(root)):
        for name in files:
            if not name.endswith(".json"):
                continue
            try:
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    data = json.load(handle)
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and isinstance(data.get("access_token"), str):
                found.append(data["access_token"])
    return found


def plain(value):
    """ansible-inventory output without the unsafe markers ansible-core 2.19 prints."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return dict((key, plain(item)) for key, item in value.items())
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def gather_task(names, into="matrix"):
    """One set_fact collecting registered results: saving one variable is much cheaper than saving many."""
    lines = "".join('\n      {name}: "{{{{ {name} }}}}"'.format(name=name) for name in names)
    return "\n- name: Gather the results\n  ansible.builtin.set_fact:\n    %s:%s\n" % (into, lines)


FIGURES = REPO / ".tmp" / "reliability"


def record_figure(name, values):
    """Keep a run's figures (soak counts, token requests...) for the docs; .tmp is not versioned."""
    FIGURES.mkdir(parents=True, exist_ok=True)
    (FIGURES / (name + ".json")).write_text(json.dumps(values, indent=1, sort_keys=True) + "\n", encoding="utf-8")
