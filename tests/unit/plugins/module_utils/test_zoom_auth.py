# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared token file: named without revealing the credentials, ignored when others could read or plant it."""

from __future__ import annotations

import os
import stat

import pytest

from ansible_collections.ucops.zoom.plugins.module_utils import zoom_auth


class Connection:
    """The connection settings the token file name is made from."""

    def __init__(self, **values):
        self.account_id = values.get("account_id", "acct")
        self.client_id = values.get("client_id", "client")
        self.client_secret = values.get("client_secret", "secret-value")
        self.oauth_url = values.get("oauth_url", "https://zoom.us/oauth/token")


KEY = b"k" * zoom_auth.NAME_KEY_BYTES


def mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_the_file_name_reveals_no_credential_and_differs_per_secret_and_key():
    name = zoom_auth.cache_key(Connection(), KEY)
    assert all(part not in name for part in ("acct", "client", "secret-value"))
    assert name != zoom_auth.cache_key(Connection(client_secret="another-secret"), KEY)
    assert name != zoom_auth.cache_key(Connection(oauth_url="https://zoomgov.com/oauth/token"), KEY)
    # Without the folder's key, a guessed secret cannot be checked against a file name.
    assert name != zoom_auth.cache_key(Connection(), b"x" * zoom_auth.NAME_KEY_BYTES)


def test_folders_are_created_private_with_a_random_name_key(tmp_path):
    folder = tmp_path / "a" / "b" / "tokens"
    token_file = zoom_auth.TokenFile(str(folder), Connection())
    token_file.write("a-token-value", 4102444800.0)
    assert token_file.read() == ("a-token-value", 4102444800.0)
    for created in (tmp_path / "a", tmp_path / "a" / "b", folder):
        assert mode(created) == 0o700, created
    assert mode(token_file.path) == 0o600 and mode(folder / zoom_auth.NAME_KEY_FILE) == 0o600
    key = bytes.fromhex((folder / zoom_auth.NAME_KEY_FILE).read_text(encoding="ascii"))
    assert os.path.basename(token_file.path) == zoom_auth.cache_key(Connection(), key) + ".json"
    # Another process (another TokenFile) finds the same file through the same key.
    assert zoom_auth.TokenFile(str(folder), Connection()).read() == ("a-token-value", 4102444800.0)
    assert sorted(os.listdir(folder)) == sorted([zoom_auth.NAME_KEY_FILE, os.path.basename(token_file.path)])


def test_a_token_file_others_can_read_is_never_used(tmp_path):
    warnings = []
    token_file = zoom_auth.TokenFile(str(tmp_path / "tokens"), Connection(), warn=warnings.append)
    token_file.write("a-token-value", 4102444800.0)
    os.chmod(token_file.path, 0o644)
    assert token_file.read() is None
    assert len(warnings) == 1 and "private" in warnings[0]


@pytest.mark.parametrize("planted", ["name key 0644", "name key symlink", "folder symlink", "folder of another mode"])
def test_a_planted_or_loosened_cache_is_neither_read_nor_written(tmp_path, planted):
    folder = tmp_path / "tokens"
    zoom_auth.TokenFile(str(folder), Connection()).write("good-token", 4102444800.0)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    if planted == "name key 0644":
        os.chmod(folder / zoom_auth.NAME_KEY_FILE, 0o644)
    elif planted == "name key symlink":
        (elsewhere / "key").write_text("00" * zoom_auth.NAME_KEY_BYTES, encoding="ascii")
        os.chmod(elsewhere / "key", 0o600)
        os.unlink(folder / zoom_auth.NAME_KEY_FILE)
        os.symlink(elsewhere / "key", folder / zoom_auth.NAME_KEY_FILE)
    elif planted == "folder symlink":
        os.rename(folder, tmp_path / "real")
        os.symlink(tmp_path / "real", folder)
    else:
        os.chmod(folder, 0o750)
    warnings = []
    token_file = zoom_auth.TokenFile(str(folder), Connection(), warn=warnings.append)
    assert token_file.read() is None
    before = sorted(os.listdir(tmp_path / ("real" if planted == "folder symlink" else "tokens")))
    token_file.write("new-token", 4102444800.0)
    with token_file.locked():
        pass
    after = sorted(os.listdir(tmp_path / ("real" if planted == "folder symlink" else "tokens")))
    assert after == before, "nothing was written through a link or into an unsafe folder"
    assert sorted(os.listdir(elsewhere)) == ([] if planted != "name key symlink" else ["key"])
    assert warnings and "Ignoring the shared Zoom token cache" in warnings[0]


def test_a_symlinked_lock_file_is_not_followed(tmp_path):
    folder = tmp_path / "tokens"
    token_file = zoom_auth.TokenFile(str(folder), Connection())
    token_file.write("good-token", 4102444800.0)
    target = tmp_path / "victim"
    os.symlink(target, token_file.path[:-len(".json")] + ".lock")
    with token_file.locked():
        pass
    assert not target.exists(), "the lock did not create a file through the link"
