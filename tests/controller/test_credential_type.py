# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The custom credential type file is one the controller accepts, and it feeds every credential to the plugins."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import jinja2
import jinja2.meta
import jsonschema
import yaml

from .conftest import BIN, CREDENTIAL_TYPE, REPO, RESERVED_ENV_NAMES, RESERVED_ENV_PREFIXES, inject_credential, load_credential_type

# The controller's validation of a custom credential type (awx/main/fields.py), in its strictest
# form: older releases know neither `default` nor the `url` format, so the file uses neither.
INPUTS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "required": {"type": "array", "items": {"type": "string"}},
        "fields": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"enum": ["string", "boolean"]},
                    "format": {"enum": ["ssh_private_key"]},
                    "choices": {"type": "array", "minItems": 1, "items": {"type": "string"}, "uniqueItems": True},
                    "id": {"type": "string", "pattern": "^[a-zA-Z_]+[a-zA-Z0-9_]*$"},
                    "label": {"type": "string"},
                    "help_text": {"type": "string"},
                    "multiline": {"type": "boolean"},
                    "secret": {"type": "boolean"},
                    "ask_at_runtime": {"type": "boolean"},
                },
                "additionalProperties": False,
                "required": ["id", "label"],
            },
        },
    },
}
INJECTORS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "file": {"type": "object", "patternProperties": {r"^template(\.[a-zA-Z_]+[a-zA-Z0-9_]*)?$": {"type": "string"}},
                 "additionalProperties": False},
        "env": {"type": "object", "patternProperties": {"^[a-zA-Z_]+[a-zA-Z0-9_]*$": {"type": "string"}},
                "additionalProperties": False},
        "extra_vars": {"type": "object", "patternProperties": {"^[a-zA-Z_]+[a-zA-Z0-9_]*$": {"type": "string"}},
                       "additionalProperties": False},
    },
}


def plugin_env_options():
    """Environment variable -> (option name, option documentation) of the inventory plugin."""
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(REPO / ".tmp" / "collections"))
    completed = subprocess.run([str(BIN / "ansible-doc"), "--json", "-t", "inventory", "ucops.zoom.zoom_phone_numbers"],
                               check=True, capture_output=True, text=True, env=env)
    doc = json.loads(completed.stdout)["ucops.zoom.zoom_phone_numbers"]["doc"]
    found = {}
    for name, option in doc["options"].items():
        for entry in option.get("env", []):
            found[entry["name"]] = (name, option)
    return found


def test_the_controller_accepts_the_credential_type():
    credential_type = load_credential_type()
    assert credential_type["kind"] in ("cloud", "net")
    assert credential_type["name"]
    jsonschema.validate(credential_type["inputs"], INPUTS_SCHEMA)
    jsonschema.validate(credential_type["injectors"], INJECTORS_SCHEMA)
    ids = [field["id"] for field in credential_type["inputs"]["fields"]]
    assert len(ids) == len(set(ids)) and "tower" not in ids
    assert set(credential_type["inputs"]["required"]) <= set(ids)


def test_secrets_are_marked_secret_and_the_app_credentials_required():
    fields = dict((field["id"], field) for field in load_credential_type()["inputs"]["fields"])
    assert fields["client_secret"].get("secret") is True
    assert fields["access_token"].get("secret") is True
    for name, field in fields.items():
        if field.get("secret"):
            continue
        assert not any(word in name for word in ("secret", "token", "password")), name
    assert set(load_credential_type()["inputs"]["required"]) == {"account_id", "client_id", "client_secret"}


def test_injectors_set_only_variables_the_plugins_read_and_use_every_field(tmp_path):
    credential_type = load_credential_type()
    documented = plugin_env_options()
    env = credential_type["injectors"]["env"]
    assert "extra_vars" not in credential_type["injectors"], "inventory syncs never receive extra vars"
    environment = jinja2.Environment()
    used = set()
    for name, template in env.items():
        assert not name.startswith(RESERVED_ENV_PREFIXES) and name not in RESERVED_ENV_NAMES, name
        assert name in documented, "%s is not an environment variable of the inventory plugin" % name
        used |= jinja2.meta.find_undeclared_variables(environment.parse(template))
    ids = set(field["id"] for field in credential_type["inputs"]["fields"])
    assert used == ids
    for option in ("account_id", "client_id", "client_secret", "access_token", "api_url", "oauth_url", "endpoint"):
        assert ("ZOOM_" + option.upper()) in env

    # The controller sets every variable, a blank field as "": that must mean the option's default,
    # which only string options without choices do; the others must render a valid value.
    blank, dummy = inject_credential(credential_type, {}, str(tmp_path))
    for name, value in blank.items():
        option_name, option = documented[name]
        if value == "":
            assert option.get("type", "str") == "str" and not option.get("choices"), "%s cannot be blank" % option_name
        else:
            assert value in option.get("choices", [value]), (name, value)


def test_rendering_gives_each_variable_its_field_and_blank_fields_empty(tmp_path):
    inputs = {"account_id": "acct-1", "client_id": "client-2", "client_secret": "s3cr3t-value"}
    env, extra_vars = inject_credential(load_credential_type(), inputs, str(tmp_path))
    assert extra_vars == {}
    assert env["ZOOM_ACCOUNT_ID"] == "acct-1"
    assert env["ZOOM_CLIENT_ID"] == "client-2"
    assert env["ZOOM_CLIENT_SECRET"] == "s3cr3t-value"
    assert env["ZOOM_ACCESS_TOKEN"] == env["ZOOM_API_URL"] == env["ZOOM_OAUTH_URL"] == ""
    assert env["ZOOM_ENDPOINT"] == "auto"
    env, dummy = inject_credential(load_credential_type(), dict(inputs, endpoint="number_management"), str(tmp_path))
    assert env["ZOOM_ENDPOINT"] == "number_management"


def test_the_documented_playbook_hands_the_file_to_the_controller_unchanged(tmp_path):
    # docs/controller.md creates the type with awx.awx.credential_type; set_fact templates its
    # arguments the same way, so it shows what the module would send.
    text = (REPO / "docs" / "controller.md").read_text(encoding="utf-8")
    (block,) = [block for block in re.findall(r"```yaml\n(.*?)```", text, flags=re.S) if "awx.awx.credential_type" in block]
    plays = yaml.safe_load(block)
    task = plays[0]["tasks"][0]
    arguments = task.pop("awx.awx.credential_type")
    assert arguments.pop("state") == "present"
    save = {"content": "{{ received | to_json }}", "dest": str(tmp_path / "sent.json"), "mode": "0600"}
    plays[0]["tasks"] = [
        {"name": "Template the arguments", "ansible.builtin.set_fact": {"received": arguments}},
        {"name": "Save them", "ansible.builtin.copy": save},
    ]
    shutil.copy(CREDENTIAL_TYPE, tmp_path / CREDENTIAL_TYPE.name)
    (tmp_path / "create.yml").write_text(yaml.safe_dump(plays), encoding="utf-8")
    env = dict((key, value) for key, value in os.environ.items() if not key.startswith(("ZOOM_", "ANSIBLE_")))
    env.update({"ANSIBLE_LOCAL_TEMP": str(tmp_path / "tmp"), "ANSIBLE_LOCALHOST_WARNING": "false",
                "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false", "ANSIBLE_PYTHON_INTERPRETER": sys.executable})
    completed = subprocess.run([str(BIN / "ansible-playbook"), "-c", "local", "create.yml"], cwd=str(tmp_path), env=env,
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    sent = json.loads((tmp_path / "sent.json").read_text(encoding="utf-8"))
    expected = load_credential_type()
    assert sent == dict((key, expected[key]) for key in ("name", "description", "kind", "inputs", "injectors"))
