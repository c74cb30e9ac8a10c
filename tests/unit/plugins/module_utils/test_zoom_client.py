# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Passes over data that changes between pages: repeated until one is settled, or a clear failure."""

from __future__ import annotations

import base64

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_client
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomPagingError


class OffsetCursorClient(zoom_client.ZoomClient):
    """A ZoomClient whose pages come from a list, through an offset cursor like Zoom's.

    ``changes`` maps the ordinal of a GET (1-based) to the ids removed just before it is served.
    """

    def __init__(self, size, changes):  # pylint: disable=super-init-not-called
        # Nothing of the real client is needed: list_all only calls get().
        self.data = ["n%03d" % index for index in range(size)]
        self.changes = changes
        self.calls = 0

    def get(self, path, params):
        self.calls += 1
        for record_id in self.changes.get(self.calls, ()):
            self.data.remove(record_id)
        offset = 0
        if params.get("next_page_token"):
            offset = int(base64.b64decode(params["next_page_token"]).decode("ascii"))
        size = params["page_size"]
        page = self.data[offset:offset + size]
        following = offset + size
        token = base64.b64encode(str(following).encode("ascii")).decode("ascii") if following < len(self.data) else ""
        return {"total_records": len(self.data), "next_page_token": token,
                "phone_numbers": [{"id": record_id} for record_id in page]}


def listed_ids(listing):
    return [record["id"] for record in listing.records]


@pytest.mark.parametrize("totals, settled", [
    ([], True),
    ([5], True),
    ([5, 5, 5], True),
    ([5, 4, 4], False),
    ([5, 6, 5], False),
])
def test_pass_settled(totals, settled):
    assert zoom_client.pass_settled(totals) is settled


def test_unchanged_data_takes_one_pass():
    client = OffsetCursorClient(50, {})
    listing = client.list_all("/phone/numbers", {}, "phone_numbers", 10)
    assert listed_ids(listing) == client.data
    assert (listing.passes, client.calls, listing.changed_during_listing) == (1, 5, False)


def test_a_change_in_the_second_pass_gets_a_third_pass():
    # Removals before the cursor in both passes: n020-n022 are skipped by the first pass, and
    # the second pass, at its page starting at offset 10, skips the ten records that moved in front of it.
    first = ["n000", "n001", "n002"]
    second = ["n003", "n004", "n005", "n006", "n007", "n008", "n009", "n010", "n011", "n012"]
    client = OffsetCursorClient(50, {3: first, 7: second})
    listing = client.list_all("/phone/numbers", {}, "phone_numbers", 10)
    survivors = set(client.data)
    assert survivors <= set(listed_ids(listing))
    assert len(listed_ids(listing)) == len(set(listed_ids(listing)))
    assert listing.passes == 3
    assert listing.changed_during_listing


def test_data_that_keeps_changing_fails_after_max_passes():
    changes = dict((call, ["n%03d" % call]) for call in range(2, 40, 3))
    client = OffsetCursorClient(60, changes)
    with pytest.raises(ZoomPagingError) as failure:
        client.list_all("/phone/numbers", {}, "phone_numbers", 10)
    message = str(failure.value)
    assert "kept changing" in message and "%d passes" % zoom_client.MAX_PASSES in message
    assert "\n" not in message
