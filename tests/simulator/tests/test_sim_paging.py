# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Opaque page tokens: complete listings, expiry, filter binding, page-size changes, data changes."""

import base64
import math
import re

import pytest

TOKEN_ERROR = {"code": 300, "message": "The next page token is invalid or expired."}


def _ids(items):
    return [item["id"] for item in items]


@pytest.mark.parametrize("page_size", [7, 30, 100])
@pytest.mark.parametrize("filters", [{}, {"type": "assigned"}, {"type": "byoc"}, {"number_type": "tollfree"}])
def test_listing_equals_truth(client, zoom_simulator, page_size, filters):
    """Paging to the end returns the truth, in ceil(N/page_size) requests."""
    truth = zoom_simulator.truth(**filters)
    zoom_simulator.reset_stats()
    items, calls, _unused = client.list_all(page_size=page_size, **filters)
    assert items == truth
    assert calls == max(1, math.ceil(len(truth) / page_size))
    assert zoom_simulator.stats()["list_requests"] == calls


def test_exact_multiple_ends_with_empty_token(client):
    """500 numbers in pages of 100: five requests, the fifth has an empty next_page_token."""
    items, calls, body = client.list_all(page_size=100)
    assert calls == 5 and len(items) == 500
    assert body["next_page_token"] == ""
    assert body["total_records"] == 500


def test_empty_result(client):
    """A listing with no match: one page, empty list, empty token."""
    body = client.get("/phone/numbers", phone_number="+19999999999").json()
    assert body == {"next_page_token": "", "page_size": 30, "total_records": 0, "phone_numbers": []}


def test_tokens_are_opaque(client):
    """Tokens are base64url, do not show the offset and differ even for the same position."""
    first = client.get("/phone/numbers", page_size=10).json()["next_page_token"]
    again = client.get("/phone/numbers", page_size=10).json()["next_page_token"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{20,}", first)
    assert first != again
    assert not first.isdigit()
    # Encrypted: the packed offset (10) is not visible in the decoded bytes.
    assert b"\x00\x00\x00\x0a" not in base64.urlsafe_b64decode(first + "=" * (-len(first) % 4))


def test_both_tokens_for_one_position_work(client):
    """Two tokens for the same position lead to the same page."""
    first = client.get("/phone/numbers", page_size=10).json()["next_page_token"]
    again = client.get("/phone/numbers", page_size=10).json()["next_page_token"]
    one = client.get("/phone/numbers", page_size=10, next_page_token=first).json()["phone_numbers"]
    two = client.get("/phone/numbers", page_size=10, next_page_token=again).json()["phone_numbers"]
    assert one == two


@pytest.mark.parametrize("mangle", [
    lambda token: token[:-2] + ("AA" if token[-2:] != "AA" else "BB"),
    lambda token: token[:10],
    lambda token: "10",
    lambda token: "!!!not-base64!!!",
    lambda token: base64.urlsafe_b64encode(b"offset=10").decode(),
])
def test_forged_tokens_rejected(client, mangle):
    """Changed or made-up tokens answer 400 code 300."""
    token = client.get("/phone/numbers", page_size=10).json()["next_page_token"]
    response = client.get("/phone/numbers", page_size=10, next_page_token=mangle(token))
    assert response.status_code == 400
    assert response.json() == TOKEN_ERROR


@pytest.mark.parametrize("first_filters, second_filters", [
    ({"type": "assigned"}, {"type": "unassigned"}),
    ({"type": "assigned"}, {}),
    ({}, {"type": "all"}),
    ({"number_type": "toll"}, {"number_type": "toll", "pending_numbers": "false"}),
])
def test_token_bound_to_filters(client, first_filters, second_filters):
    """A token only works with the filters it was issued for."""
    token = client.get("/phone/numbers", page_size=5, **first_filters).json()["next_page_token"]
    assert client.get("/phone/numbers", page_size=5, next_page_token=token, **first_filters).status_code == 200
    response = client.get("/phone/numbers", page_size=5, next_page_token=token, **second_filters)
    assert response.status_code == 400
    assert response.json() == TOKEN_ERROR


def test_token_not_valid_on_other_endpoint(client):
    """A /phone/numbers token is refused by Number Management (its own error code)."""
    token = client.get("/phone/numbers", page_size=5).json()["next_page_token"]
    response = client.get("/number_management/numbers", page_size=5, next_page_token=token)
    assert response.status_code == 400
    assert response.json()["code"] == 1003100


def test_token_expiry(make_client, zoom_simulator_factory):
    """A token expires page_token_ttl seconds after it was issued."""
    sim = zoom_simulator_factory(size=100, page_token_ttl=1)
    client = make_client(sim)
    token = client.get("/phone/numbers", page_size=10).json()["next_page_token"]
    assert client.get("/phone/numbers", page_size=10, next_page_token=token).status_code == 200
    sim.advance_clock(1.001)
    response = client.get("/phone/numbers", page_size=10, next_page_token=token)
    assert response.status_code == 400
    assert response.json() == TOKEN_ERROR


def test_token_ttl_changed_at_runtime(client, zoom_simulator):
    """configure(page_token_ttl=...) applies to tokens already issued."""
    token = client.get("/phone/numbers", page_size=10).json()["next_page_token"]
    zoom_simulator.configure(page_token_ttl=0.05)
    zoom_simulator.advance_clock(0.1)
    assert client.get("/phone/numbers", page_size=10, next_page_token=token).status_code == 400


def test_bigger_page_size_mid_cursor_skips(client, zoom_simulator):
    """Page 1 with size 10, then size 20: the cursor is page index 1, so records 10-19 are skipped."""
    truth = zoom_simulator.truth()
    first = client.get("/phone/numbers", page_size=10).json()
    second = client.get("/phone/numbers", page_size=20, next_page_token=first["next_page_token"]).json()
    assert _ids(first["phone_numbers"]) == _ids(truth[:10])
    assert _ids(second["phone_numbers"]) == _ids(truth[20:40])
    assert second["page_size"] == 20


def test_smaller_page_size_mid_cursor_duplicates(client, zoom_simulator):
    """Page 1 with size 20, then size 10: page index 1 is offset 10, so records 10-19 come twice."""
    truth = zoom_simulator.truth()
    first = client.get("/phone/numbers", page_size=20).json()
    second = client.get("/phone/numbers", page_size=10, next_page_token=first["next_page_token"]).json()
    assert _ids(second["phone_numbers"]) == _ids(truth[10:20])
    assert set(_ids(second["phone_numbers"])) <= set(_ids(first["phone_numbers"]))


def test_removal_between_pages_shifts_offset(client, zoom_simulator):
    """The token is an offset into the list as it is when the next page is asked for."""
    first = client.get("/phone/numbers", page_size=50).json()
    result = zoom_simulator.mutate(remove=40, seed=7)
    after = zoom_simulator.truth()
    assert len(result["removed"]) == 40 and len(after) == 460
    second = client.get("/phone/numbers", page_size=50, next_page_token=first["next_page_token"]).json()
    assert _ids(second["phone_numbers"]) == _ids(after[50:100])
    assert second["total_records"] == 460
    # Records that moved up past the cursor are never seen by this listing: one per removal on page 1.
    removed_from_first = len(set(result["removed"]) & set(_ids(first["phone_numbers"])))
    seen = set(_ids(first["phone_numbers"])) | set(_ids(second["phone_numbers"]))
    missed = [ident for ident in _ids(after[:100]) if ident not in seen]
    assert removed_from_first > 0
    assert len(missed) == removed_from_first


def test_additions_between_pages_duplicate(client, zoom_simulator):
    """Numbers added before the cursor push seen records onto the next page."""
    first = client.get("/phone/numbers", page_size=50).json()
    zoom_simulator.mutate(add=200, seed=3)
    after = zoom_simulator.truth()
    second = client.get("/phone/numbers", page_size=50, next_page_token=first["next_page_token"]).json()
    assert _ids(second["phone_numbers"]) == _ids(after[50:100])
    assert second["total_records"] == 700


def test_empty_token_means_first_page(client):
    """next_page_token= (empty) is the first page."""
    body = client.get("/phone/numbers", page_size=10, next_page_token="").json()
    assert body["phone_numbers"] == client.get("/phone/numbers", page_size=10).json()["phone_numbers"]


def test_sites_paging(zoom_simulator_factory, make_client):
    """Sites page the same way and equal the truth."""
    sim = zoom_simulator_factory(size=2000)
    client = make_client(sim)
    truth = sim.truth(endpoint="sites")
    assert len(truth) == 10
    items, calls, body = client.list_all("/phone/sites", page_size=3)
    assert items == truth and calls == 4 and body["total_records"] == 10
    token = client.get("/phone/sites", page_size=3).json()["next_page_token"]
    response = client.get("/phone/sites", page_size=3, next_page_token=token, site_name="x")
    assert response.json() == TOKEN_ERROR
