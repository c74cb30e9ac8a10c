# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Requests that cannot even be built fail with a one-line configuration error that quotes no secret."""

from __future__ import annotations

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_http
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomConfigError


class Connection:
    """The connection settings the transport reads."""

    def __init__(self, **values):
        self.api_url = values.get("api_url", "http://127.0.0.1:9/v2")
        self.oauth_url = values.get("oauth_url", "http://127.0.0.1:9/oauth/token")
        self.verify = values.get("verify", True)
        self.timeout = 1
        self.max_retries = 0
        self.rate_limit = None


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/v2", "http://[::1/v2", "https://", "ftp://example.com/v2"])
@pytest.mark.parametrize("option", ["api_url", "oauth_url"])
def test_unusable_urls_fail_when_the_transport_is_built(option, url):
    with pytest.raises(ZoomConfigError) as failure:
        zoom_http.Transport(Connection(**{option: url}))
    assert str(failure.value).startswith("Option %s is not a usable URL" % option)
    assert "\n" not in str(failure.value)


def test_a_token_with_a_line_break_is_never_quoted():
    token = "token-from-a-broken-server\r\nX-Injected: yes"
    transport = zoom_http.Transport(Connection())
    with pytest.raises(ZoomConfigError) as failure:
        transport.request("GET", "http://127.0.0.1:9/v2/phone/numbers", headers={"Authorization": "Bearer " + token})
    assert "token-from-a-broken-server" not in str(failure.value)
    assert "access_token" in str(failure.value)
    assert transport.retries == 0


def test_a_missing_ca_bundle_names_ca_path():
    transport = zoom_http.Transport(Connection(api_url="https://127.0.0.1:9/v2", verify="/nonexistent/zoom-ca.pem"))
    with pytest.raises(ZoomConfigError) as failure:
        transport.request("GET", "https://127.0.0.1:9/v2/phone/numbers")
    assert "ca_path" in str(failure.value) and "/nonexistent/zoom-ca.pem" in str(failure.value)
