# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make docs` builds a complete static site: every plugin, the role and every guide, without warnings."""

from __future__ import annotations

import html
import os
import re
import subprocess

import pytest

from .messages import REPO

SITE = REPO / "docs" / "_build" / "html"
PLUGIN_PAGES = {"modules": "module", "lookup": "lookup", "inventory": "inventory", "filter": "filter"}


def page_text(path):
    text = html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
    # Sphinx typesets quotes and dashes; compare with the plain ones of the sources.
    for typeset, plain in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "--"), ("\u2014", "---")):
        text = text.replace(typeset, plain)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def site():
    env = dict(os.environ)
    env.pop("MAKEFLAGS", None)
    completed = subprocess.run(["make", "--no-print-directory", "-C", str(REPO), "docs"], env=env, capture_output=True,
                               text=True, check=False)
    # sphinx-build runs with -W: any warning fails the build and so this test.
    assert completed.returncode == 0, completed.stdout[-6000:] + completed.stderr[-6000:]
    return SITE


def test_the_site_has_an_index_and_a_search(site):
    assert "ucops.zoom documentation" in page_text(site / "index.html")
    assert (site / "search.html").is_file() and (site / "searchindex.js").is_file()
    assert not (site / ".doctrees").exists()


def test_every_plugin_and_role_has_a_correct_page(site):
    pages = []
    for folder, kind in PLUGIN_PAGES.items():
        for source in sorted((REPO / "plugins" / folder).glob("*.py")):
            pages.append((site / "collection" / ("%s_%s.html" % (source.stem, kind)), "ucops.zoom." + source.stem))
    for role in sorted(path.name for path in (REPO / "roles").iterdir() if path.is_dir()):
        pages.append((site / "collection" / ("%s_role.html" % role), "ucops.zoom." + role))
    assert len(pages) >= 5
    for path, name in pages:
        assert path.is_file(), path
        text = page_text(path)
        assert name in text
        # antsibull-docs still writes a page for documentation it cannot read, saying so.
        assert "was malformed" not in text, "%s: %s" % (path.name, text[text.find("was malformed") - 200:][:600])
    index = page_text(site / "collection" / "index.html")
    for path, name in pages:
        assert name.split(".")[-1] in index


def test_every_guide_is_a_page_of_the_site(site):
    index = page_text(site / "index.html")
    for guide in sorted((REPO / "docs").glob("*.md")):
        if guide.name == "README.md":
            continue
        page = site / "guides" / (guide.stem + ".html")
        assert page.is_file(), page
        heading = re.search(r"^# (.+)$", guide.read_text(encoding="utf-8"), flags=re.M).group(1)
        assert heading.replace("`", "") in page_text(page)
        assert heading.replace("`", "") in index


def test_pages_hold_no_path_of_the_machine_that_built_them(site):
    for path in site.rglob("*.html"):
        assert str(REPO) not in path.read_text(encoding="utf-8"), path
