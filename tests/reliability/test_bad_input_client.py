# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every option with wrong types, out-of-range, empty, very long, unicode and injection values.

Through the Python client, over HTTP: a value is either refused before any request, with a
message that names the option, or sent exactly as given: the simulator's query log must show
the intended parameters and nothing else (no parameter smuggled in, nothing dropped).
"""

from __future__ import annotations

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_connection
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomConfigError, ZoomError

from ansible_runs import module_result  # pylint: disable=import-error
import reliability_lib as lib

REFUSED = None
PHONE = "/v2/phone/numbers"
NUMBER_MANAGEMENT = "/v2/number_management/numbers"
# What the collection always sends unless the options say otherwise (Zoom leaves these undocumented).
PINNED = {PHONE: {"pending_numbers": "true"}, NUMBER_MANAGEMENT: {"allocated_product": "ZOOM_PHONE"}}
OAUTH = "/oauth/token"
# A site_id that lists no number is looked up among the account's sites (and then fails, naming it).
SITES = "/v2/phone/sites"
LONG = "x" * 257
NAN = float("nan")

# (option, value, what the value tries, expected) where expected is REFUSED, or the request
# that must arrive: (path, parameters other than page_size and next_page_token).
ROWS = [
    ("type", "everything", "out of range", REFUSED),
    ("type", "Assigned", "wrong case", REFUSED),
    ("type", "", "empty", REFUSED),
    ("type", 7, "wrong type", REFUSED),
    ("type", "assigned&type=all", "injection", REFUSED),
    ("extension_type", "callQueue", "without type: assigned", REFUSED),
    ("number_type", "free", "out of range", REFUSED),
    ("number_type", ["toll"], "wrong type", REFUSED),
    ("pending_numbers", "perhaps", "out of range", REFUSED),
    ("pending_numbers", "", "empty", REFUSED),
    ("pending_numbers", "yes", "another spelling of true", (PHONE, {"pending_numbers": "true"})),
    ("site_id", "", "empty", REFUSED),
    ("site_id", "   ", "blank", REFUSED),
    ("site_id", LONG, "very long", REFUSED),
    ("site_id", "s" * 256, "longest accepted", (PHONE, {"site_id": "s" * 256})),
    ("site_id", 12345, "wrong type", REFUSED),
    ("site_id", "x&type=all", "parameter smuggling", (PHONE, {"site_id": "x&type=all"})),
    ("site_id", "x&next_page_token=abc", "page token smuggling", (PHONE, {"site_id": "x&next_page_token=abc"})),
    ("site_id", "x?type=all#top", "query and fragment", (PHONE, {"site_id": "x?type=all#top"})),
    ("site_id", "../../users/me", "path traversal", (PHONE, {"site_id": "../../users/me"})),
    ("site_id", "%00", "encoded NUL", (PHONE, {"site_id": "%00"})),
    ("site_id", "%26type%3Dall", "pre-encoded smuggling", (PHONE, {"site_id": "%26type%3Dall"})),
    ("site_id", "a+b c;d", "plus, space, semicolon", (PHONE, {"site_id": "a+b c;d"})),
    ("site_id", "東京オフィス Zoë 📞", "unicode", (PHONE, {"site_id": "東京オフィス Zoë 📞"})),
    ("site_id", "{{ lookup('env', 'HOME') }}", "template", (PHONE, {"site_id": "{{ lookup('env', 'HOME') }}"})),
    ("site_id", "a\x00b", "NUL", REFUSED),
    ("site_id", "a\r\nX-Injected: 1", "CRLF", REFUSED),
    ("phone_number", "4155550123", "not E.164", REFUSED),
    ("phone_number", "+1415555012345678", "too long for E.164", REFUSED),
    ("phone_number", "+1415&type=all", "injection", REFUSED),
    ("phone_number", "", "empty", REFUSED),
    ("phone_number", "+١٤١٥٥٥٥٠١٢٣", "non-ASCII digits", REFUSED),
    ("page_size", 0, "below range", REFUSED),
    ("page_size", 101, "above range", REFUSED),
    ("page_size", -5, "negative", REFUSED),
    ("page_size", 1.5, "fraction", REFUSED),
    ("page_size", True, "boolean", REFUSED),
    ("page_size", "ten", "wrong type", REFUSED),
    ("page_size", "", "empty", REFUSED),
    ("page_size", [], "list", REFUSED),
    ("page_size", "40", "number as text", (PHONE, {})),
    ("where", "status ==", "syntax error", REFUSED),
    ("where", "", "empty", REFUSED),
    ("where", 5, "wrong type", REFUSED),
    ("queries", [], "empty", REFUSED),
    ("queries", "site", "wrong type", REFUSED),
    ("queries", ["site"], "wrong element type", REFUSED),
    ("queries", [{"colour": "red"}], "unknown key", REFUSED),
    ("queries", [{"site_id": ""}], "empty value", REFUSED),
    ("queries", [{"site_id": "x&type=all"}], "parameter smuggling", (PHONE, {"site_id": "x&type=all"})),
    ("keyword", "", "empty", REFUSED),
    ("keyword", "1&allocated_product=ZOOM_PHONE", "parameter smuggling", (NUMBER_MANAGEMENT, {"keyword": "1&allocated_product=ZOOM_PHONE"})),
    ("number_status", "normal", "wrong case", REFUSED),
    ("allocated_product", "ZOOM_PHONE&x=1", "injection", REFUSED),
    ("endpoint", "everything", "out of range", REFUSED),
    ("timeout", 0, "zero", REFUSED),
    ("timeout", -1, "negative", REFUSED),
    ("timeout", 1e9, "above range", REFUSED),
    ("timeout", NAN, "not a number", REFUSED),
    ("timeout", float("inf"), "infinite", REFUSED),
    ("timeout", "soon", "wrong type", REFUSED),
    ("timeout", True, "boolean", REFUSED),
    ("max_retries", -1, "negative", REFUSED),
    ("max_retries", 101, "above range", REFUSED),
    ("max_retries", 1.5, "fraction", REFUSED),
    ("max_retries", "many", "wrong type", REFUSED),
    ("rate_limit", 0, "zero", REFUSED),
    ("rate_limit", -3, "negative", REFUSED),
    ("rate_limit", NAN, "not a number", REFUSED),
    ("rate_limit", "fast", "wrong type", REFUSED),
    ("validate_certs", "sometimes", "out of range", REFUSED),
    ("validate_certs", 2, "wrong type", REFUSED),
    ("api_url", "api.zoom.us/v2", "no scheme", REFUSED),
    ("api_url", "ftp://127.0.0.1/v2", "other scheme", REFUSED),
    ("api_url", "http://", "no host", REFUSED),
    ("api_url", "http://127.0.0.1/v2?type=all", "query", REFUSED),
    ("api_url", "http://127.0.0.1/v2#x", "fragment", REFUSED),
    ("api_url", "http://127.0.0.1:99999/v2", "port out of range", REFUSED),
    ("api_url", "http://[::1/v2", "broken host", REFUSED),
    ("api_url", "http://127.0.0.1/v2 x", "space", REFUSED),
    ("oauth_url", "zoom.us/oauth/token", "no scheme", REFUSED),
    ("oauth_url", "http://127.0.0.1:70000/oauth/token", "port out of range", REFUSED),
    ("account_id", "", "empty", REFUSED),
    ("account_id", "acct&grant_type=password", "parameter smuggling", (OAUTH, {"account_id": "acct&grant_type=password"})),
    ("account_id", "Zoë 東京", "unicode", (OAUTH, {"account_id": "Zoë 東京"})),
    ("account_id", "a" * 5000, "very long", (OAUTH, {"account_id": "a" * 5000})),
    ("client_id", "", "empty", REFUSED),
    ("client_id", "client:other", "colon (Basic authentication separator)", REFUSED),
    ("client_secret", "", "empty", REFUSED),
    ("access_token", "token\r\nX-Injected: 1", "CRLF", REFUSED),
    ("access_token", "tök€n", "unicode", REFUSED),
    ("access_token", "two words", "space", REFUSED),
]


def row_id(row):
    return "%s-%s" % (row[0], row[2].replace(" ", "_"))


@pytest.fixture(scope="module")
def sim():
    from zoomsim import Simulator

    with Simulator(size=60, seed=8) as simulator:
        yield simulator


def options_for(sim, option, value, tmp_path):
    options = lib.client_options(sim, token_cache=str(tmp_path / "tokens"))
    options[option] = value
    if option == "extension_type":
        options["type"] = "all"
    return options


@pytest.mark.parametrize("row", ROWS, ids=[row_id(row) for row in ROWS])
def test_a_value_is_refused_before_any_request_or_sent_exactly(sim, tmp_path, row):
    option, value, dummy, expected = row
    sim.reset_stats()
    outcome = None
    try:
        options = options_for(sim, option, value, tmp_path)
        module_result(zoom_connection.connection_from_options(options), options)
    except ZoomError as exc:
        outcome = exc
    log = sim.stats()["query_log"]
    if expected is REFUSED:
        assert isinstance(outcome, ZoomConfigError), "%r was not refused: %s" % (value, outcome)
        assert option in str(outcome), str(outcome)
        assert "\n" not in str(outcome)
        assert log == [], "requests were sent before %s was refused" % option
        return
    path, params = expected
    sent = [entry for entry in log if entry["path"] == path]
    assert sent, "no request reached %s: %s" % (path, outcome)
    for entry in sent:
        received = dict(entry["query"])
        received.pop("next_page_token", None)
        if path == OAUTH:
            assert received == {"grant_type": ["account_credentials"], "account_id": [params["account_id"]]}, received
            continue
        page_size = [str(value)] if option == "page_size" else [str(lib.PAGE_SIZE)]
        wanted = dict((key, [text]) for key, text in params.items())
        for key, text in PINNED.get(path, {}).items():
            wanted.setdefault(key, [text])
        wanted["page_size"] = page_size
        assert received == wanted, entry["raw_query"]
    other_paths = set(entry["path"] for entry in log) - {path, OAUTH}
    if "site_id" in params:
        assert isinstance(outcome, ZoomConfigError) and "names no site of the account" in str(outcome), outcome
        other_paths -= {SITES}
    assert not other_paths, other_paths
