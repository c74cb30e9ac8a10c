# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTML report of a real audit run, opened in headless Chromium.

What is checked is what a reader sees after the page's script ran (the DOM Chromium dumps)
and the screenshot's pixels, against the simulator's ground truth.
"""

from __future__ import annotations

import html.parser
import urllib.parse

import pytest
from ansible_runs import expected_numbers  # pylint: disable=import-error
from audit_runs import NAMED_RULE, Audit, chromium, pixel_colours, png_rows  # pylint: disable=import-error
from zoomsim import HOSTILE_DISPLAY_NAMES, Simulator

VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"))
HIDDEN = frozenset(("script", "style", "title", "noscript", "head"))
WIDTH, HEIGHT = 1280, 2000


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        """The visible text under this node."""
        if self.tag in HIDDEN:
            return ""
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def find_all(self, predicate):
        found = []
        for child in self.children:
            if not isinstance(child, str):
                if predicate(child):
                    found.append(child)
                found.extend(child.find_all(predicate))
        return found

    def find(self, predicate):
        found = self.find_all(predicate)
        assert found, "no such element"
        return found[0]


class Tree(html.parser.HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {}, None)
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def has_class(name):
    return lambda node: name in node.attrs.get("class", "").split()


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """One audit of a simulated account by the playbook, with every named number in the violations."""
    sim = Simulator(size=1200, seed=21).start()
    try:
        audit = Audit(tmp_path_factory.mktemp("browser"))
        completed = audit.run(sim, {"phone_numbers_audit_rules_extra": [NAMED_RULE]})
        assert completed.returncode == 0, completed.output[-4000:]
        records, byoc = expected_numbers(sim), expected_numbers(sim, type="byoc")
        yield {"audit": audit, "records": records, "byoc": byoc, "html": audit.cwd / "zoom-phone-audit" / "phone_numbers_audit.html",
               "profile": tmp_path_factory.mktemp("chromium-profile")}
    finally:
        sim.stop()


def rendered(audited, fragment=""):
    """The DOM after the page's script ran, for the report opened at ``#fragment``."""
    url = audited["html"].as_uri() + (("#" + fragment) if fragment else "")
    return Tree(chromium(url, audited["profile"], "--dump-dom")).root


def violation_rows(root):
    block = root.find(lambda node: node.attrs.get("data-table") == "violations")
    body = block.find(lambda node: node.tag == "tbody")
    rows = [[cell.text() for cell in row.children if not isinstance(cell, str)] for row in body.children if not isinstance(row, str)]
    return block, rows


def figures(root):
    cards = root.find_all(has_class("card"))
    return dict((card.find(has_class("label")).text(), card.find(has_class("figure")).text()) for card in cards)


def test_summary_chart_and_table_render_with_the_truth(audited):
    records, byoc = audited["records"], audited["byoc"]
    root = rendered(audited)
    assert root.find(lambda node: node.tag == "html").attrs.get("data-ready") == "true"

    assigned = sum(1 for record in records if "assignee" in record)
    missing = set(record["id"] for record in byoc if not record.get("emergency_address"))
    shown = figures(root)
    assert shown["numbers"] == "{0:,}".format(len(records))
    assert shown["assigned"] == "{0:,}".format(assigned)
    assert shown["unassigned"] == "{0:,}".format(len(records) - assigned)
    assert shown["critical"] == "{0:,}".format(len(missing))

    sites = {}
    for record in records:
        if "site" in record:
            sites[record["site"]["name"]] = sites.get(record["site"]["name"], 0) + 1
    largest = sorted(sites.items(), key=lambda item: (-item[1], item[0]))
    chart = root.find(lambda node: node.tag == "svg")
    labels = [node.children[-1] for node in chart.find_all(lambda node: node.tag == "text" and not has_class("count")(node))]
    assert labels[:len(largest)] == [name for name, dummy in largest][:15]
    assert any(node.tag == "rect" for node in chart.find_all(lambda node: True))

    violations = sum(1 for record in records if record.get("display_name"))  # the named_number rule alone
    block, rows = violation_rows(root)
    total = int(shown["violations"].replace(",", ""))
    assert total > violations
    assert len(rows) == 100
    assert block.find(has_class("shown")).text() == "Showing 1\u2013100 of {0:,}".format(total)
    first_critical = next(record for record in records if record["id"] in missing)
    assert rows[0][:3] == ["critical", "byoc_emergency_address_missing", first_critical["number"]]
    # The message column is searched but not shown: the id comes right after the assignee.
    assert len(rows[0]) == 7 and rows[0][6] == first_critical["id"]


def test_search_from_the_address_finds_hostile_names_as_plain_text(audited):
    records = audited["records"]
    for name in HOSTILE_DISPLAY_NAMES:
        # The first word of each hostile name is enough to find it.
        word = name.split()[0][:12]
        root = rendered(audited, "q=" + urllib.parse.quote(word))
        dummy, rows = violation_rows(root)
        wanted = [record for record in records if record.get("display_name") == name]
        assert wanted, name
        names = [row[3] for row in rows]
        assert name in names, (word, names[:5])
    root = rendered(audited, "q=" + urllib.parse.quote("<script>"))
    scripts = root.find_all(lambda node: node.tag == "script")
    assert len(scripts) == 2 and all("alert(" not in "".join(child for child in node.children if isinstance(child, str))
                                     for node in scripts[1:])


def test_sort_filter_and_page_from_the_address(audited):
    root = rendered(audited, "severity=high&sort=number&dir=desc")
    block, rows = violation_rows(root)
    expected = sorted((record for record in audited["byoc"] if record.get("emergency_address_status") == 1),
                      key=lambda record: int(record["number"][1:]), reverse=True)
    assert [row[2] for row in rows] == [record["number"] for record in expected][:100]
    assert set(row[0] for row in rows) == {"high"}
    header = block.find(lambda node: node.tag == "th" and node.attrs.get("aria-sort"))
    assert header.text() == "Number" and header.attrs["aria-sort"] == "descending"

    root = rendered(audited, "page=2&sort=severity&dir=asc")
    block, rows = violation_rows(root)
    assert block.find(has_class("shown")).text().startswith("Showing 101\u2013200 of ")
    assert set(row[0] for row in rows) == {"low"}


def test_screenshot_is_a_real_picture_of_the_report(audited, tmp_path):
    shot = tmp_path / "report.png"
    chromium(audited["html"].as_uri(), audited["profile"], "--window-size=%d,%d" % (WIDTH, HEIGHT), "--screenshot=%s" % shot)
    width, height, channels, rows = png_rows(shot)
    assert (width, height) == (WIDTH, HEIGHT)
    colours = pixel_colours(rows, channels)
    pixels = sum(colours.values())
    white = colours.get(b"\xff\xff\xff", 0)
    assert 0.03 < 1 - white / float(pixels) < 0.6, "the page looks blank or broken"
    assert len(colours) > 200, "too few colours for text, badges and a chart"
    # The chart's "available" blue and the critical badge's red are on screen.
    assert colours.get(bytes((0x2f, 0x7e, 0xd8)), 0) > 500
    assert colours.get(bytes((0x7a, 0x00, 0x19)), 0) > 50
