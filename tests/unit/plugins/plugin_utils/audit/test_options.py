# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit's options exist once, as a table; the four places users read them must agree with it."""

from __future__ import annotations

import pathlib

import pytest
import yaml

from ansible_collections.ucops.zoom.plugins.action import zoom_phone_numbers_audit as action
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_connection import CONNECTION_OPTIONS
from ansible_collections.ucops.zoom.plugins.modules import zoom_phone_numbers_audit as module_docs
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.options import AUDIT_OPTIONS, ROLE_ONLY_SETTINGS, ROLE_PREFIX, ROLE_REGISTERED

REPO = pathlib.Path(__file__).resolve().parents[5]
ROLE = REPO / "roles" / "phone_numbers_audit"


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def role_spec():
    return load(ROLE / "meta" / "argument_specs.yml")["argument_specs"]["main"]["options"]


def shape(entry):
    """What a reader learns about one option: type, elements, choices."""
    return {"type": entry.get("type"), "elements": entry.get("elements"),
            "choices": list(entry["choices"]) if entry.get("choices") else None}


def table_shape(option):
    return {"type": option.type, "elements": option.elements, "choices": list(option.choices) if option.choices else None}


def test_the_action_spec_is_the_table_plus_the_connection_options():
    spec = action.argument_spec()
    assert set(spec) == {option.name for option in AUDIT_OPTIONS} | {option.name for option in CONNECTION_OPTIONS}
    for option in AUDIT_OPTIONS:
        assert shape(spec[option.name]) == table_shape(option), option.name
        assert spec[option.name].get("default") == option.default, option.name
        assert bool(spec[option.name].get("required")) is option.required, option.name


@pytest.mark.parametrize("option", AUDIT_OPTIONS, ids=lambda option: option.name)
def test_the_module_documentation_agrees_with_the_table(option):
    documented = yaml.safe_load(module_docs.DOCUMENTATION)["options"][option.name]
    assert shape(documented) == table_shape(option)
    assert documented.get("default") == option.default
    assert bool(documented.get("required")) is option.required


@pytest.mark.parametrize("option", AUDIT_OPTIONS, ids=lambda option: option.name)
def test_the_role_argument_spec_agrees_with_the_table(option):
    documented = role_spec()[ROLE_PREFIX + option.name]
    assert shape(documented) == table_shape(option)
    if option.required:
        # The role gives what the action requires: its default lives in defaults/main.yml.
        assert not documented.get("required")
        assert (ROLE_PREFIX + option.name) in load(ROLE / "defaults" / "main.yml")
    else:
        assert documented.get("default") == option.default


def test_the_role_has_no_variable_the_table_does_not_know():
    names = set(role_spec())
    assert names == {ROLE_PREFIX + option.name for option in AUDIT_OPTIONS} | set(ROLE_ONLY_SETTINGS)


def test_role_defaults_agree_with_the_role_argument_spec():
    spec = role_spec()
    defaults = load(ROLE / "defaults" / "main.yml")
    assert set(defaults) <= set(spec)
    for name, entry in spec.items():
        if "default" in entry:
            assert defaults.get(name) == entry["default"], name
        elif name in defaults and defaults[name] is not None:
            assert entry.get("type") == "list", "%s has a value in defaults/main.yml but no default in the spec" % name


def test_the_role_connection_dict_lists_the_connection_options():
    nested = role_spec()[ROLE_PREFIX + "connection"]["options"]
    assert list(nested) == [option.name for option in CONNECTION_OPTIONS]
    for option in CONNECTION_OPTIONS:
        assert nested[option.name]["type"] == option.type, option.name
        assert bool(nested[option.name].get("no_log")) is option.no_log, option.name
        assert (nested[option.name].get("choices") or None) == (list(option.choices) if option.choices else None), option.name


def test_what_the_role_registers_is_known_to_the_misspelling_warning():
    tasks = load(ROLE / "tasks" / "main.yml")
    registered = {task["register"] for task in tasks if "register" in task}
    assert registered == set(ROLE_REGISTERED)
    assert all(name.startswith(ROLE_PREFIX) for name in ROLE_REGISTERED)
