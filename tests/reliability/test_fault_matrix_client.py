# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every fault class against the collection's Python client, over HTTP: the exact list or one clear line.

Three shapes of listing per fault: one filter set, two filter sets listed concurrently through
``queries`` (two threads sharing one token, one rate limiter and one transport), and one filter
set through Zoom's Number Management API (``endpoint: number_management``).
"""

from __future__ import annotations

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_connection
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomError

from ansible_runs import expected_numbers, merged_truth, module_result  # pylint: disable=import-error
import reliability_lib as lib

SHAPES = {
    "one_query": None,
    "two_queries": [{"type": "assigned"}, {"type": "unassigned"}],
    "number_management": None,
}
# Zoom's Number Management API sends no total_records, so a listing through it has no way to see
# numbers added or removed between its pages (docs/reliability.md, "Limits"): those cells are
# run through GET /phone/numbers only. A total_records fault has nothing to damage there.
NOT_ON_NUMBER_MANAGEMENT = ("numbers_added", "numbers_removed", "numbers_removed_twice", "numbers_keep_changing")
NO_TOTAL_ON_NUMBER_MANAGEMENT = ("total_not_int",)


def run_client(options):
    """List through the same road the module takes; a ZoomError becomes a failed Outcome."""
    warnings = []
    try:
        result = module_result(zoom_connection.connection_from_options(options), options, warn=warnings.append)
    except ZoomError as exc:
        return lib.Outcome(False, message=str(exc), warnings=warnings, result=exc.fail_kwargs())
    return lib.Outcome(True, records=result["phone_numbers"], warnings=warnings, result=result)


def truth_of(sim, queries):
    return expected_numbers(sim) if queries is None else merged_truth(sim, queries)


def phone_shaped(records, truth):
    """Records listed through Number Management, cut down to the fields the Phone API's record of the same number has.

    The ground truth is the Phone API's: what is left must equal it exactly.
    """
    fields = dict((record["id"], set(record)) for record in truth)
    return [dict((key, value) for key, value in record.items() if key in fields.get(record["id"], record)) for record in records]


CELLS = [(name, shape) for shape in sorted(SHAPES) for name in lib.CASE_NAMES
         if not (shape == "number_management" and name in NOT_ON_NUMBER_MANAGEMENT)]


@pytest.mark.parametrize("name, shape", CELLS)
def test_fault_cell(zoom_simulator_factory, tmp_path, name, shape):
    case = lib.CASES_BY_NAME[name]
    if shape == "number_management" and name in NO_TOTAL_ON_NUMBER_MANAGEMENT:
        case = case._replace(expect=lib.EXACT)
    if shape == "two_queries" and name == "numbers_keep_changing":
        # Only the listing that meets removals in all its passes fails; the other may settle.
        case = case._replace(expect=lib.CHANGED_OR_FAILS)
    queries = SHAPES[shape]
    sim = lib.start_cell(zoom_simulator_factory, case)
    before = truth_of(sim, queries)
    options = lib.client_options(sim, case, token_cache=str(tmp_path / "tokens"))
    if queries is not None:
        options["queries"] = queries
    if shape == "number_management":
        options["endpoint"] = "number_management"
    outcome = run_client(options)
    after = truth_of(sim, queries)
    if shape == "number_management" and outcome.ok:
        outcome.records = phone_shaped(outcome.records, after)
    tokens = lib.token_values(tmp_path)
    counts = None if queries is None else []
    problems = lib.judge(case, outcome, before, after, secrets=[lib.CLIENT_SECRET] + tokens, counts=counts)
    assert not problems, "%s / %s: %s" % (name, shape, "; ".join(problems))
    if not outcome.ok:
        assert outcome.result["error_kind"] != "configuration", outcome.message
    elif case.expect == lib.EXACT:
        assert outcome.result["changed_during_listing"] is False
    elif queries is None:
        # With two concurrent listings, the one whose numbers changed may have finished already.
        assert outcome.result["changed_during_listing"] is True
    assert sim.stats()["faults"] or name in NO_TOTAL_ON_NUMBER_MANAGEMENT, "the fault plan never fired"
    if name == "page_token_expired":
        assert outcome.result["page_token_restarts"] == 1
    if name == "token_expired":
        # Refused with the status the simulator gives token errors (realistic: HTTP 400, code 124).
        refused = str(sim.settings.invalid_token_status)
        assert sim.stats()["by_status"].get(refused, 0) >= 1, "no request arrived with an expired token"
