# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The guides stay true to the code: every error message is explained, every guide is linked."""

from __future__ import annotations

import pathlib
import re

from .messages import REPO, documented_text, messages

DOCS = REPO / "docs"


def test_every_error_message_of_the_collection_is_in_the_troubleshooting_guide():
    found = messages()
    assert len(found) > 50, "the message scan found too little: %r" % found
    text = documented_text(DOCS / "troubleshooting.md")
    missing = [message for message in found if not message.pattern().search(text)]
    assert not missing, "not in docs/troubleshooting.md (write them as shown, variable parts as <...>):\n" + "\n".join(
        repr(message) for message in missing)


def test_links_between_guides_and_to_the_repository_resolve():
    broken = []
    for guide in sorted(DOCS.glob("*.md")):
        for target in re.findall(r"\]\(([^)\s]+)\)", guide.read_text(encoding="utf-8")):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                continue
            path = (guide.parent / target.split("#", 1)[0]).resolve()
            if not path.exists():
                broken.append("%s -> %s" % (guide.name, target))
    # Guides written alongside this one may not exist yet; they are linked on purpose.
    expected_later = set("%s -> %s" % (guide, target) for guide in [path.name for path in DOCS.glob("*.md")]
                         for target in ("audit.md", "performance.md", "reliability.md")
                         if not (DOCS / target).exists())
    assert set(broken) <= expected_later, broken


def test_the_docs_index_lists_every_guide():
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for guide in sorted(pathlib.Path(DOCS).glob("*.md")):
        if guide.name != "README.md":
            assert "(%s)" % guide.name in index, guide.name
