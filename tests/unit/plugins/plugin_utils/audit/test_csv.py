# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The CSV report: one row per number of the truth, flattened, inert in spreadsheets."""

from __future__ import annotations

import csv
import io
import pathlib

import pytest
import yaml
from zoomsim import HOSTILE_DISPLAY_NAMES

from ansible_collections.ucops.zoom.plugins.plugin_utils.audit import csv_report, report
from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import merge_byoc
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.rules import build_rules

DEFAULTS = pathlib.Path(__file__).resolve().parents[5] / "roles" / "phone_numbers_audit" / "defaults" / "main.yml"
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def rows_of(sim):
    records = sim.truth()
    merge_byoc(records, sim.truth(type="byoc"))
    rules, dummy = build_rules(yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))["phone_numbers_audit_rules"])
    document = report.audit(records, rules, "high", None, {})
    text = csv_report.render(document)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    return records, document, rows[0], [dict(zip(rows[0], row)) for row in rows[1:]]


def test_one_row_per_number_with_its_fields_and_violations(zoom_simulator):
    records, document, header, rows = rows_of(zoom_simulator)
    assert header[:3] == ["id", "number", "display_name"] and header[-3:] == ["violations", "violation_count", "highest_severity"]
    # Zoom ids may start with "-": they get the formula guard like any other cell.
    assert [row["id"] for row in rows] == [csv_report.neutralise(record["id"]) for record in records]
    assert any(row["id"].startswith("'-") for row in rows)
    broken = {}
    for entry in document["violations"]:
        broken.setdefault(entry["id"], []).append(entry)
    for record, row in zip(records, rows):
        assert row["number"] == "'" + record["number"]
        assert row["site.name"] == record.get("site", {}).get("name", "")
        assert row["assignee.extension_number"] == str(record.get("assignee", {}).get("extension_number", ""))
        assert row["capability"] == ", ".join(record["capability"])
        assert row["emergency_address.city"] == record.get("emergency_address", {}).get("city", "")
        assert row["emergency_address_status"] == str(record.get("emergency_address_status", ""))
        entries = broken.get(record["id"], [])
        assert row["violations"] == ", ".join(entry["rule"] for entry in entries)
        assert row["violation_count"] == str(len(entries))
        assert row["highest_severity"] == (entries[0]["severity"] if entries else "")


def test_no_cell_can_start_a_spreadsheet_formula(zoom_simulator):
    dummy, dummy, header, rows = rows_of(zoom_simulator)
    for row in rows:
        for name in header:
            assert not row[name].startswith(FORMULA), (name, row[name])
            assert ";" not in row[name] or row[name].startswith("'"), (name, row[name])


HOSTILE_CELLS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "a;=cmd|' /C calc'!A0", "b;c",
                 "\uff1d1", "plain, with comma", 'quote " inside']


def test_every_cell_and_header_from_zoom_is_inert_and_quoted_in_both_separators():
    """Zoom decides the field names (the headers) as well as the values: a hostile field name is a hostile cell."""
    record = {"id": "-id", "number": "+14155550123"}
    record.update(("=field%d;x" % index, value) for index, value in enumerate(HOSTILE_CELLS))
    record["nested"] = {"@inner": "=1+1"}
    text = csv_report.render({"numbers": [record], "violations": []})[1:]
    lines = text.split("\r\n")
    # Every field is quoted, so a spreadsheet splitting at ";" keeps each cell whole.
    for line in filter(None, lines):
        assert line.startswith('"') and line.endswith('"'), line
    for delimiter in (",", ";"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            for value in row:
                if value.startswith(FORMULA) or ";" in value:
                    assert delimiter == ";" or value.startswith("'"), value
    header, values = list(csv.reader(io.StringIO(text, newline="")))
    by_name = dict(zip(header, values))
    for index, value in enumerate(HOSTILE_CELLS):
        risky = value.startswith(csv_report.FORMULA_STARTS) or ";" in value
        assert by_name["'=field%d;x" % index] == ("'" + value if risky else value)
    assert by_name["nested.@inner"] == "'=1+1"


def test_hostile_display_names_come_back_exactly_apart_from_the_formula_guard(zoom_simulator):
    records, dummy, dummy, rows = rows_of(zoom_simulator)
    names = dict((row["id"], row["display_name"]) for row in rows)
    seen = 0
    for record in records:
        name = record.get("display_name")
        if name in HOSTILE_DISPLAY_NAMES:
            seen += 1
            expected = "'" + name if name.startswith(FORMULA) or ";" in name else name
            assert names[record["id"]] == expected
    assert seen == len(HOSTILE_DISPLAY_NAMES)


@pytest.mark.parametrize("value, text", [
    (None, ""), (True, "true"), (5, "5"), ("-1", "'-1"), ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"), (["a", "b"], "a, b"),
    ("a;=1+1", "'a;=1+1"), ("x\uff1b@y", "'x\uff1b@y"), (["a;b", "=c"], "'a;b, =c"),
    ([{"a": 1}], '[{"a": 1}]'), ({"x": "=y"}, '{"x": "=y"}'), ("plain", "plain"),
])
def test_cells(value, text):
    assert csv_report.cell(value) == text
