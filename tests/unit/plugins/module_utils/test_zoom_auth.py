# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared token file: named without revealing the credentials, ignored when others could read it."""

from __future__ import annotations

import os

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_auth


class Connection:
    """The connection settings the token file name is made from."""

    def __init__(self, **values):
        self.account_id = values.get("account_id", "acct")
        self.client_id = values.get("client_id", "client")
        self.client_secret = values.get("client_secret", "secret-value")
        self.oauth_url = values.get("oauth_url", "https://zoom.us/oauth/token")


def test_the_file_name_reveals_no_credential_and_differs_per_secret():
    key = zoom_auth.cache_key(Connection())
    assert all(part not in key for part in ("acct", "client", "secret-value"))
    assert key != zoom_auth.cache_key(Connection(client_secret="another-secret"))
    assert key != zoom_auth.cache_key(Connection(oauth_url="https://zoomgov.com/oauth/token"))


def test_a_token_file_others_can_read_is_never_used(tmp_path):
    folder = tmp_path / "tokens"
    warnings = []
    token_file = zoom_auth.TokenFile(str(folder), "key", warn=warnings.append)
    token_file.write("a-token-value", 4102444800.0)
    assert token_file.read() == ("a-token-value", 4102444800.0)
    assert oct(os.stat(token_file.path).st_mode & 0o777) == "0o600"
    os.chmod(token_file.path, 0o644)
    assert token_file.read() is None
    assert len(warnings) == 1 and "private" in warnings[0]
