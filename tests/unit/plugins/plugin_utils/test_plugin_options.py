# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How the lookup and the inventory read their options: as the module reads its parameters."""

from __future__ import annotations

import pytest
from ansible.errors import AnsibleError

from ansible_collections.ucops.zoom.plugins.plugin_utils import plugin_options


class Plugin:
    """What read_options asks of a plugin: each option's value and where Ansible found it."""

    def __init__(self, values, origins=None):
        self.values = values
        self.origins = origins or {}

    def get_option(self, name):
        return self.values.get(name)

    def get_option_and_origin(self, name):
        return self.values.get(name), self.origins.get(name, "default")


@pytest.mark.parametrize("origin, expected", [("env: ZOOM_API_URL", "ZOOM_API_URL"), ("default", None), (None, None),
                                              ("/etc/ansible/ansible.cfg", None)])
def test_env_name_of(origin, expected):
    assert plugin_options.env_name_of(origin) == expected


def test_an_empty_environment_variable_counts_as_unset(monkeypatch):
    monkeypatch.setenv("ZOOM_VALIDATE_CERTS", "")
    monkeypatch.setenv("ZOOM_CA_PATH", "")
    # Ansible itself would read these as false and as the current directory.
    plugin = Plugin({"validate_certs": False, "ca_path": "/current/dir"},
                    {"validate_certs": "env: ZOOM_VALIDATE_CERTS", "ca_path": "env: ZOOM_CA_PATH"})
    options = plugin_options.read_options(plugin)
    assert options["validate_certs"] is None and options["ca_path"] is None


@pytest.mark.parametrize("raw, expected", [("yes", True), ("off", False), ("1", True), (False, False)])
def test_booleans_are_read_from_what_the_user_wrote(raw, expected):
    options = plugin_options.read_options(Plugin({"validate_certs": bool(raw)}), direct={"validate_certs": raw})
    assert options["validate_certs"] is expected


def test_an_unknown_boolean_word_fails_instead_of_turning_tls_off():
    with pytest.raises(AnsibleError, match="Option validate_certs must be a boolean, got 'sometimes'"):
        plugin_options.read_options(Plugin({"validate_certs": False}), direct={"validate_certs": "sometimes"})
    with pytest.raises(AnsibleError, match="Option default_groups must be a boolean"):
        plugin_options.strict_boolean("default_groups", "perhaps")


def test_overrides_win_and_every_option_is_read():
    options = plugin_options.read_options(Plugin({"type": "all"}), overrides={"queries": [{"phone_number": "+1415"}]})
    assert set(options) == set(plugin_options.OPTION_NAMES)
    assert options["type"] == "all" and options["queries"] == [{"phone_number": "+1415"}]


def test_prepare_validates_before_any_request():
    options = dict((name, None) for name in plugin_options.OPTION_NAMES)
    options.update(account_id="acc", client_id="cid", client_secret="secret", page_size=500)
    with pytest.raises(AnsibleError, match="Option page_size must be an integer from 1 to 100"):
        plugin_options.prepare(options)
    options.update(page_size=None, endpoint="number_management", type="unassigned", assigned_to_type="User")
    with pytest.raises(AnsibleError, match="type=unassigned conflicts with assigned_to_type=User"):
        plugin_options.prepare(options)
