# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Requests that cannot even be sent fail with one line that quotes no secret; what every request carries."""

from __future__ import annotations

import pathlib

import pytest
import yaml

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_http
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomConfigError, ZoomTransportError


REPO = pathlib.Path(__file__).resolve().parents[4]


class Connection:
    """The connection settings the transport reads."""

    def __init__(self, **values):
        self.api_url = values.get("api_url", "http://127.0.0.1:9/v2")
        self.oauth_url = values.get("oauth_url", "http://127.0.0.1:9/oauth/token")
        self.verify = values.get("verify", True)
        self.timeout = 1
        self.max_retries = 0
        self.rate_limit = None


def test_a_token_with_a_line_break_is_never_quoted():
    token = "token-from-a-broken-server\r\nX-Injected: yes"
    transport = zoom_http.Transport(Connection())
    with pytest.raises(ZoomTransportError) as failure:
        transport.request("GET", "http://127.0.0.1:9/v2/phone/numbers", headers={"Authorization": "Bearer " + token})
    assert "token-from-a-broken-server" not in str(failure.value)
    assert "header" in str(failure.value)
    assert transport.retries == 0


def test_a_missing_ca_bundle_names_ca_path():
    transport = zoom_http.Transport(Connection(api_url="https://127.0.0.1:9/v2", verify="/nonexistent/zoom-ca.pem"))
    with pytest.raises(ZoomConfigError) as failure:
        transport.request("GET", "https://127.0.0.1:9/v2/phone/numbers")
    assert "ca_path" in str(failure.value) and "/nonexistent/zoom-ca.pem" in str(failure.value)


def test_the_user_agent_names_the_collection_at_galaxy_yml_version():
    galaxy = yaml.safe_load((REPO / "galaxy.yml").read_text(encoding="utf-8"))
    assert zoom_http.COLLECTION_VERSION == galaxy["version"]
    assert zoom_http.user_agent().startswith("ucops.zoom/%s python-requests/" % galaxy["version"])


@pytest.mark.parametrize("value, expected", [
    ("v=2.0;clid=us05;rid=WEB_0123456789abcdef", "v=2.0;clid=us05;rid=WEB_0123456789abcdef"),
    ("v=2.0;clid=us05;\r\nrid=WEB_1 x", "v=2.0;clid=us05;rid=WEB_1x"),
    ("x" * 500, "x" * 200),
    ("", None),
    (None, None),
])
def test_tracking_ids_are_kept_printable_and_short(value, expected):
    headers = {} if value is None else {zoom_http.TRACKING_ID_HEADER: value}
    assert zoom_http.tracking_id_of(headers) == expected
