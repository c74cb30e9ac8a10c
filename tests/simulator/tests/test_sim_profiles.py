# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Profiles: classic and realistic presets, explicit settings, runtime switches, validation."""

import pytest
import requests

from zoomsim import Simulator, scopes, settings
from zoomsim.profiles import CLASSIC, PROFILE_KEYS, PROFILES, REALISTIC

CLASSIC_VALUES = {
    "token_scopes": ["phone:read:admin", "phone:read:list_numbers:admin", "number_management_numbers:read:admin",
                     "phone:write:admin", "number_management_numbers:write:admin", "number_management_numbers:write:master"],
    "phone_enabled": True, "invalid_token_status": 401, "error_style": "zoom", "code_as_string": False,
    "tracking_id": True, "quota_headers": 0, "qps_retry_after": "seconds", "qps_type_header": True,
    "daily_limit_style": "typed", "other_product_numbers": 0, "keyword_plus": "match", "pending_default": "include",
}
REALISTIC_VALUES = {
    # One granular scope per endpoint (test_sim_scopes checks that they open every endpoint).
    "token_scopes": list(scopes.GRANULAR_SCOPES),
    "phone_enabled": True, "invalid_token_status": 400, "error_style": "zoom", "code_as_string": True,
    "tracking_id": True, "quota_headers": 6000, "qps_retry_after": "none", "qps_type_header": False,
    "daily_limit_style": "message_only", "other_product_numbers": 0.03, "keyword_plus": "no_match",
    "pending_default": "exclude",
}


def _profile_part(sim) -> dict:
    config = sim.settings_dict()
    return {name: config[name] for name in PROFILE_KEYS}


def test_default_profile_comes_from_one_constant():
    """A simulator given no profile follows DEFAULT_PROFILE; the project ships it as classic."""
    sim = Simulator(size=10)
    assert sim.settings.profile == settings.DEFAULT_PROFILE
    assert settings.DEFAULT_PROFILE in ("classic", "realistic")
    assert _profile_part(sim) == PROFILES[settings.DEFAULT_PROFILE]


def test_classic_profile_values():
    """profile='classic' gives the behaviour the simulator had before profiles existed."""
    sim = Simulator(size=10, profile="classic")
    assert _profile_part(sim) == CLASSIC_VALUES == CLASSIC
    assert sim.profile_overrides() == []


def test_realistic_profile_values():
    """profile='realistic' gives every realistic value."""
    sim = Simulator(size=10, profile="realistic")
    assert _profile_part(sim) == REALISTIC_VALUES == REALISTIC
    assert sim.profile_overrides() == []


def test_explicit_settings_win_and_survive_a_profile_change():
    """A setting given explicitly keeps its value whatever the profile; the others follow it."""
    sim = Simulator(size=10, profile="realistic", qps_retry_after="date", code_as_string=False)
    assert sim.settings.qps_retry_after == "date" and sim.settings.code_as_string is False
    assert sim.settings.quota_headers == 6000
    assert sim.profile_overrides() == ["code_as_string", "qps_retry_after"]
    sim.configure(profile="classic")
    assert sim.settings.qps_retry_after == "date" and sim.settings.code_as_string is False
    assert sim.settings.quota_headers == 0 and sim.settings.invalid_token_status == 401


def test_none_hands_a_setting_back_to_the_profile():
    """configure(name=None) makes a profile setting follow the profile again."""
    sim = Simulator(size=10, profile="realistic", pending_default="include")
    sim.configure(pending_default=None)
    assert sim.settings.pending_default == "exclude" and sim.profile_overrides() == []
    sim.configure(profile="classic")
    assert sim.settings.pending_default == "include"


def test_switching_profile_at_runtime_changes_answers(make_client, zoom_simulator):
    """A running simulator moves between profiles, data included."""
    client = make_client(zoom_simulator)
    assert client.get("/phone/numbers", token="bad").status_code == 401
    total = len(zoom_simulator.truth(endpoint="number_management"))
    zoom_simulator.configure(profile="realistic")
    response = client.get("/phone/numbers", token="bad")
    assert response.status_code == 400 and response.json() == {"code": "124", "message": "Invalid access token."}
    assert len(zoom_simulator.truth(endpoint="number_management")) == total + 15
    zoom_simulator.configure(profile="classic")
    assert client.get("/phone/numbers", token="bad").status_code == 401
    assert len(zoom_simulator.truth(endpoint="number_management")) == total


def test_profile_over_http(zoom_simulator):
    """POST /_sim/config takes profile and profile settings; GET shows the result."""
    base = zoom_simulator.url + "/_sim/config"
    config = requests.post(base, json={"profile": "realistic", "keyword_plus": "match"}, timeout=5).json()
    assert config["profile"] == "realistic" and config["keyword_plus"] == "match" and config["quota_headers"] == 6000
    config = requests.post(base, json={"keyword_plus": None}, timeout=5).json()
    assert config["keyword_plus"] == "no_match"
    assert requests.get(base, timeout=5).json()["pending_default"] == "exclude"


@pytest.mark.parametrize("changes", [
    {"profile": "friendly"}, {"token_scopes": "phone:read:admin"}, {"token_scopes": ["two words"]},
    {"token_scopes": [""]}, {"phone_enabled": "no"}, {"phone_enabled": 0}, {"invalid_token_status": 403},
    {"invalid_token_status": "400"}, {"error_style": "json"}, {"code_as_string": 1}, {"tracking_id": None, "x": 1},
    {"quota_headers": -1}, {"quota_headers": 6000.5}, {"quota_headers": True}, {"qps_retry_after": "later"},
    {"qps_type_header": "yes"}, {"daily_limit_style": "quiet"}, {"other_product_numbers": -0.1},
    {"other_product_numbers": 2.5}, {"other_product_numbers": "3%"}, {"keyword_plus": "maybe"},
    {"pending_default": "true"},
])
def test_invalid_profile_settings_rejected(zoom_simulator, changes):
    """Bad values fail from the library and over HTTP, and change nothing."""
    before = zoom_simulator.settings_dict()
    with pytest.raises(ValueError):
        zoom_simulator.configure(**changes)
    assert requests.post(zoom_simulator.url + "/_sim/config", json=changes, timeout=5).status_code == 400
    assert zoom_simulator.settings_dict() == before
    if "x" not in changes:
        with pytest.raises(ValueError):
            Simulator(size=10, **changes)


def test_other_product_numbers_count_or_share():
    """A value below 1 is a share of size; 1 or more a count."""
    assert len(Simulator(size=200, other_product_numbers=0.05).dataset.records) == 210
    assert len(Simulator(size=200, other_product_numbers=7).dataset.records) == 207
    assert len(Simulator(size=200, other_product_numbers=1.0).dataset.records) == 201
