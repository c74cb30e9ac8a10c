# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection and query options are tables in code; the doc fragment users read must agree with them."""

from __future__ import annotations

import re

import pytest
import yaml

from ansible_collections.ucops.zoom.plugins.doc_fragments.zoom import ModuleDocFragment
from ansible_collections.ucops.zoom.plugins.module_utils.number_query import QUERY_OPTIONS
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_connection import CONNECTION_OPTIONS


def section(name):
    return yaml.safe_load(getattr(ModuleDocFragment, name))["options"]


@pytest.mark.parametrize("option", CONNECTION_OPTIONS, ids=lambda option: option.name)
def test_each_connection_option_is_documented_as_defined(option):
    documented = section("DOCUMENTATION")[option.name]
    assert documented["type"] == option.type
    assert documented.get("default") == option.default
    assert (documented.get("choices") or None) == (list(option.choices) if option.choices else None)


@pytest.mark.parametrize("option", CONNECTION_OPTIONS, ids=lambda option: option.name)
def test_each_connection_option_names_its_environment_variable_for_modules(option):
    # Modules cannot declare env:, so ansible-doc of a module shows the variable only in the description.
    text = " ".join(section("DOCUMENTATION")[option.name]["description"])
    assert re.findall(r"E\((ZOOM_[A-Z_]+)\)", text) == [option.env]


def test_the_plugins_environment_variables_are_the_tables_own():
    documented = dict((name, [entry["name"] for entry in value["env"]]) for name, value in section("PLUGINS").items())
    assert documented == dict((option.name, [option.env]) for option in CONNECTION_OPTIONS)
    assert list(section("DOCUMENTATION")) == [option.name for option in CONNECTION_OPTIONS]


@pytest.mark.parametrize("option", QUERY_OPTIONS, ids=lambda option: option.name)
def test_each_query_option_is_documented_as_defined(option):
    documented = section("QUERY")[option.name]
    assert documented["type"] == option.type
    assert (documented.get("choices") or None) == (list(option.choices) if option.choices else None)
