# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Markdown report: figures from the truth, and values from Zoom that stay plain text."""

from __future__ import annotations

import pathlib
import re

import pytest
import yaml
from zoomsim import HOSTILE_DISPLAY_NAMES

from ansible_collections.ucops.zoom.plugins.plugin_utils.audit import markdown_report, report
from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import merge_byoc
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.rules import build_rules

DEFAULTS = pathlib.Path(__file__).resolve().parents[5] / "roles" / "phone_numbers_audit" / "defaults" / "main.yml"
NAMED = {"name": "named_number", "description": "Number with a display name", "severity": "low", "where": "display_name"}
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def document_for(sim, extra=()):
    records = sim.truth()
    merge_byoc(records, sim.truth(type="byoc"))
    rules, dummy = build_rules(yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))["phone_numbers_audit_rules"], list(extra))
    return report.audit(records, rules, "high", None, {"api_url": sim.api_url, "filters": {"type": "all"}})


@pytest.mark.parametrize("name", HOSTILE_DISPLAY_NAMES)
def test_hostile_text_stays_one_inert_table_cell(name):
    text = markdown_report.text(name)
    assert "\n" not in text and "\t" not in text
    assert "<" not in text and ">" not in text
    assert not UNESCAPED_PIPE.search(text)
    assert "{{" not in text and "@" not in text
    # Undoing the escapes gives the name back, with its whitespace folded to single spaces.
    plain = re.sub(r"\\(.)", r"\1", text).replace("&lt;", "<").replace("&gt;", ">").replace("&#64;", "@").replace("&amp;", "&")
    assert plain == " ".join(name.split())


def test_report_figures_and_tables(zoom_simulator):
    document = document_for(zoom_simulator)
    text = markdown_report.render(document, ["phone_numbers_audit.html"])
    summary = document["summary"]
    assert "**%s numbers**, **%s violations**" % ("{0:,}".format(summary["total"]), "{0:,}".format(summary["violation_counts"]["total"])) in text
    rules_table = [line for line in text.splitlines() if line.startswith("| ") and "\\_" in line.split("|")[2]]
    assert len(rules_table) >= len(document["report"]["rules"])
    for line in text.splitlines():
        if line.startswith("|"):
            assert len(UNESCAPED_PIPE.findall(line)) == 5, line
    assert text.endswith("Details: `phone_numbers_audit.html`.\n")


def test_hostile_names_in_the_first_violations_do_not_break_the_table(zoom_simulator):
    # Make the hostile numbers the most severe, so that they are among the first violations listed.
    hostile = dict(NAMED, severity="critical", name="hostile", where=(
        "display_name && (contains(display_name, '<') || contains(display_name, '{') || starts_with(display_name, '=') || "
        "starts_with(display_name, '@') || contains(display_name, '\"') || contains(display_name, '\t'))"))
    document = document_for(zoom_simulator, [hostile])
    text = markdown_report.render(document)
    table = text.split("## First violations", 1)[1]
    rows = [line for line in table.splitlines() if line.startswith("| critical | hostile")]
    assert len(rows) == 6
    for line in rows:
        assert len(UNESCAPED_PIPE.findall(line)) == 5
    assert "<script>" not in text and "{{ lookup" not in text
