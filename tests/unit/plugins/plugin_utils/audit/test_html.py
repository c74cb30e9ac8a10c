# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTML report as markup: self-contained, escaped, and carrying the truth's figures.

How it renders in a browser is checked in tests/audit/ with headless Chromium.
"""

from __future__ import annotations

import base64
import collections
import hashlib
import html.parser
import json
import pathlib

import yaml
from ansible_runs import expected_numbers  # pylint: disable=import-error
from zoomsim import HOSTILE_DISPLAY_NAMES

from ansible_collections.ucops.zoom.plugins.plugin_utils.audit import html_report, report
from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import merge_byoc
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.rules import build_rules

DEFAULTS = pathlib.Path(__file__).resolve().parents[5] / "roles" / "phone_numbers_audit" / "defaults" / "main.yml"
NAMED = {"name": "named_number", "description": "Number with a display name", "severity": "low", "where": "display_name"}


class Page(html.parser.HTMLParser):
    """Every start tag with its attributes, the text of each script, and the text of SVG labels."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.scripts = []
        self.svg_text = []
        self._stack = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._stack.append(tag)
        if tag == "script":
            self.scripts.append([dict(attrs), ""])

    def handle_endtag(self, tag):
        while self._stack and self._stack.pop() != tag:
            pass

    def handle_data(self, data):
        if self._stack and self._stack[-1] == "script":
            self.scripts[-1][1] += data
        elif self._stack[-2:] == ["svg", "text"] or self._stack[-3:-1] == ["svg", "text"] and self._stack[-1] != "title":
            self.svg_text.append(data)


def document_for(sim, baseline=None):
    records = expected_numbers(sim)
    merge_byoc(records, expected_numbers(sim, type="byoc"))
    rules, dummy = build_rules(yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))["phone_numbers_audit_rules"], [NAMED])
    return report.audit(records, rules, "high", baseline, {"api_url": sim.api_url, "filters": {}, "byoc_fields_listed": True})


def parse(text):
    page = Page()
    page.feed(text)
    page.close()
    return page


def test_self_contained_nothing_is_loaded_from_anywhere(zoom_simulator):
    text = html_report.render(document_for(zoom_simulator))
    page = parse(text)
    for tag, attrs in page.tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
        assert tag not in ("link", "img", "iframe", "object", "embed", "base")
    assert "url(" not in text and "@import" not in text
    csp = [attrs["content"] for tag, attrs in page.tags if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    assert [attrs for attrs, dummy in page.scripts] == [{"type": "application/json", "id": "audit-data"}, {}]
    # Only the page's own script may run, known by the hash of its text; no inline script or handler beyond it.
    own_script = page.scripts[1][1]
    digest = base64.b64encode(hashlib.sha256(own_script.encode("utf-8")).digest()).decode("ascii")
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-%s'; img-src data:; base-uri 'none'; "
                   "form-action 'none'" % digest]
    assert "unsafe-inline" not in csp[0].split("script-src")[1]
    assert not [(tag, name) for tag, attrs in page.tags for name in attrs if name.startswith("on")]


def test_hostile_names_are_data_not_markup(zoom_simulator):
    document = document_for(zoom_simulator)
    text = html_report.render(document)
    page = parse(text)
    assert len(page.scripts) == 2
    assert "alert(" not in page.scripts[1][1]
    for name in HOSTILE_DISPLAY_NAMES:
        if "<" in name:
            assert name not in text
    data = json.loads(page.scripts[0][1])
    names = [row[3] for row in data["tables"]["violations"]["rows"]]
    for name in HOSTILE_DISPLAY_NAMES:
        assert name in names


def test_table_data_is_the_violations_in_order(zoom_simulator):
    document = document_for(zoom_simulator)
    data = json.loads(parse(html_report.render(document)).scripts[0][1])
    rows = data["tables"]["violations"]["rows"]
    assert [(row[0], row[1], row[2], row[6], row[7]) for row in rows] == [
        (entry["severity"], entry["rule"], entry["number"], entry["message"], entry["id"]) for entry in document["violations"]]
    assert [column["key"] for column in data["tables"]["violations"]["columns"]] == [
        "severity", "rule", "number", "name", "site", "assignee", "message", "id"]


def test_chart_labels_are_the_largest_sites_of_the_truth(zoom_simulator_factory):
    sim = zoom_simulator_factory(size=5000, seed=8)
    page = parse(html_report.render(document_for(sim)))
    sites = collections.Counter(record["site"]["name"] for record in expected_numbers(sim) if "site" in record)
    largest = sorted(sites.items(), key=lambda item: (-item[1], item[0]))[:15]
    labels = page.svg_text[0::2]
    counts = page.svg_text[1::2]
    assert labels[:15] == [name for name, dummy in largest]
    assert counts[:15] == ["{0:,}".format(count) for dummy, count in largest]
    assert labels[-1] == "no site"


def test_drift_tables_appear_with_a_baseline(zoom_simulator):
    first = document_for(zoom_simulator)
    zoom_simulator.mutate(add=3, remove=2, seed=4)
    second = document_for(zoom_simulator, (first["numbers"], first["report"], "<old>.json"))
    text = html_report.render(second)
    data = json.loads(parse(text).scripts[0][1])
    assert len(data["tables"]["added"]["rows"]) == 3 and len(data["tables"]["removed"]["rows"]) == 2
    assert "&lt;old&gt;.json" in text and "<old>" not in text


def test_script_json_cannot_close_its_element():
    text = html_report.script_json({"x": "</script><script>alert(1)</script>\u2028&"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script>\u2028&"}


def test_a_gate_that_is_off_is_shown_as_off_not_as_failed(zoom_simulator):
    document = document_for(zoom_simulator)
    gate = document["report"]["gate"]
    assert gate["failed"] and gate["count"] > 0
    assert 'class="status-line fail"' in html_report.render(document)
    records = zoom_simulator.truth()
    rules, dummy = build_rules(yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))["phone_numbers_audit_rules"])
    off = report.audit(records, rules, "high", None, {"api_url": zoom_simulator.api_url}, gate_enabled=False)
    text = html_report.render(off)
    assert 'class="status-line fail"' not in text
    assert "Policy gate off (fail_on_violation is false); %d violations are at or above severity high." % off["report"]["gate"]["count"] in text
