# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Passes over data that changes between pages, and what Zoom's error answers are taken to mean."""

from __future__ import annotations

import base64

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_client
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomPagingError
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_http import Reply


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


def reply(status, code=None, message="", tracking_id=None):
    return Reply(status, {}, None, code, message, tracking_id)


@pytest.mark.parametrize("status, code, renew", [
    (401, 124, True),
    (400, 124, True),       # Zoom has answered an expired token with HTTP 400 too
    (401, 401, True),       # {"status": false, "errorCode": 401}
    (401, None, True),
    (400, 4711, False),     # a token without scopes is refused for good
    (401, 4700, False),
    (400, 300, False),
    (200, None, False),
])
def test_which_refusals_renew_the_token(status, code, renew):
    assert zoom_client.token_rejected(reply(status, code)) is renew


@pytest.mark.parametrize("status, message, first, cause", [
    (404, "This API is deprecated and no longer available. Use GET /number_management/numbers.", False, "endpoint"),
    (410, "Gone", False, "endpoint"),
    (404, "Not Found", True, "url"),
    (404, "HTML page from a proxy or gateway: 404 Not Found", True, "url"),
    (404, "(empty response body)", True, "url"),
    (404, "Not Found", False, "item"),
    (404, "Site does not exist.", True, "item"),
    (404, "Phone number not found.", True, "item"),
])
def test_what_a_not_found_answer_is_about(status, message, first, cause):
    assert zoom_client.not_found_cause(status, message, first) == cause


def test_a_missing_scope_names_the_scopes_of_both_listings_chosen_one_first():
    error = zoom_client.api_error("GET /number_management/numbers", "/number_management/numbers",
                                  reply(400, 4711, "Invalid access token, does not contain scopes:[x].", "rid-1"))
    text = str(error)
    assert error.kind == "scope" and error.status == 400 and error.code == 4711
    first = text.index("number_management_numbers:read:admin or number_management:read:list_numbers:admin")
    assert first < text.index("phone:read:admin or phone:read:list_numbers:admin")
    assert "filter" not in text
    assert text.endswith("Zoom tracking id: rid-1")


@pytest.mark.parametrize("status, code, message, kind, fragment", [
    (403, 2031, "Zoom Phone has not been enabled for this account.", "api", "Zoom Phone is not enabled on this Zoom account"),
    (403, 300, "Forbidden", "api", "phone:read:list_numbers:admin"),
    (400, 124, "Invalid access token.", "authentication", "rejected the access token"),
    (400, 300, "Invalid parameter: type.", "api", "Check the filter options"),
    (404, 404, "Not Found", "api", "api_url does not point at Zoom's API"),
])
def test_error_answers_become_the_right_message(status, code, message, kind, fragment):
    error = zoom_client.api_error("GET /phone/numbers", "/phone/numbers", reply(status, code, message), first_request=True)
    assert error.kind == kind and fragment in str(error), str(error)
