# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Records that every dataset of 50 numbers or more contains, whatever the seed.

Two groups: coverage records guarantee that each case a client must handle exists
(every assignee type, BYOC numbers in each emergency-address state, a number without
a site...), and hostile records carry display names that reports must escape and
templating must never evaluate.
"""

from .model import ASSIGNEE_TYPES

MIN_SIZE = 50

# Display names chosen to break naive HTML, CSV, JSON, YAML and Jinja handling.
HOSTILE_DISPLAY_NAMES = (
    "<script>alert('zoomsim')</script>",
    'Doe, "Johnny" & Sons',
    "{{ lookup('env','HOME') }}",
    "=cmd|' /C calc'!A0",
    "Zoë Ångström · 東京オフィス 📞",
    "Tab\there\nnew line \\ back\\slash",
    "@SUM(1+1)*cmd|'/C calc'!A0",
)

# How each hostile name is used: the assignee type it is attached to (None: unassigned),
# and whether the assignee's own name carries the string too.
_HOSTILE_USES = (
    ("user", True), ("callQueue", True), ("user", True), (None, False),
    ("user", True), ("commonArea", True), (None, False),
)


def forced_specs() -> list:
    """Return the keyword sets the factory builds the always-present records from."""
    specs = [{"assignee": kind, "byoc": False, "pending": False} for kind in ASSIGNEE_TYPES]
    specs += [
        {"assignee": None, "byoc": False, "pending": False},
        {"assignee": None, "byoc": True, "pending": False, "emergency": 1},
        {"assignee": None, "byoc": True, "pending": False, "emergency": 2},
        {"assignee": None, "byoc": True, "pending": False, "emergency": None},
        {"assignee": "user", "byoc": True, "pending": False, "emergency": 2},
        {"assignee": None, "byoc": False, "pending": True},
        {"assignee": "callQueue", "byoc": False, "pending": False, "tollfree": True},
        {"assignee": "user", "byoc": False, "pending": False, "no_site": True},
    ]
    for name, (kind, on_assignee) in zip(HOSTILE_DISPLAY_NAMES, _HOSTILE_USES):
        spec = {"assignee": kind, "byoc": False, "pending": False, "display_name": name}
        if on_assignee:
            spec["assignee_name"] = name
        specs.append(spec)
    return specs
