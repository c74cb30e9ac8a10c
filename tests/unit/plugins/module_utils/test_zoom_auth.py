# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Credentials that cannot be sent as they were meant fail before any request."""

from __future__ import annotations

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_auth
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomConfigError


class Connection:
    """The connection settings the token provider reads."""

    def __init__(self, **values):
        self.account_id = values.get("account_id", "acct")
        self.client_id = values.get("client_id", "client")
        self.client_secret = values.get("client_secret", "secret-value")
        self.access_token = values.get("access_token")
        self.oauth_url = "https://zoom.us/oauth/token"
        self.token_cache = False


@pytest.mark.parametrize("token", ["abc\r\nX-Injected: 1", "two words", "t\u00f6ken", "tab\there", "\u2603"])
def test_access_token_outside_visible_ascii_is_refused_without_quoting_it(token):
    with pytest.raises(ZoomConfigError) as failure:
        zoom_auth.TokenProvider(Connection(access_token=token), transport=None)
    assert "access_token" in str(failure.value)
    assert token not in str(failure.value)


@pytest.mark.parametrize("token", ["eyJhbGciOiJIUzUxMiJ9.eyJ2ZXIiOjl9.c2lnbmF0dXJl", "a-b_c~d+e/f="])
def test_ordinary_tokens_are_accepted(token):
    assert zoom_auth.TokenProvider(Connection(access_token=token), transport=None).static


def test_a_colon_in_client_id_is_refused():
    with pytest.raises(ZoomConfigError) as failure:
        zoom_auth.TokenProvider(Connection(client_id="abc:def"), transport=None)
    assert "client_id" in str(failure.value)
