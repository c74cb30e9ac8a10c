# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the collection the way AWX and automation controller do: through ansible-runner.

An inventory sync and a job each get a private data directory with a copy of the example
project (extensions/controller/project), the collection installed from its built tarball as a
project's collections/requirements.yml would install it, and the environment that the custom
credential type (extensions/controller/credential_type_zoom.yml) injects, rendered from that
file the way the controller renders it. Nothing else carries a credential.
"""

from __future__ import annotations

import glob
import json
import os
import pathlib
import shutil
import stat
import subprocess
import sys
import tempfile

import ansible_runner
import jinja2.sandbox
import pytest
import yaml

REPO = pathlib.Path(__file__).resolve().parents[2]

CREDENTIAL_TYPE = REPO / "extensions" / "controller" / "credential_type_zoom.yml"
PROJECT = REPO / "extensions" / "controller" / "project"
INVENTORY_SOURCE = "inventories/zoom.zoom_phone_numbers.yml"
JOB_PLAYBOOK = "zoom_audit.yml"
BIN = pathlib.Path(sys.executable).parent

# What the controller adds to the environment of every inventory sync (awx/main/constants.py).
STANDARD_INVENTORY_UPDATE_ENV = {
    "ANSIBLE_INVENTORY_UNPARSED_FAILED": "True",
    "ANSIBLE_INVENTORY_EXPORT": "True",
    "ANSIBLE_VERBOSE_TO_STDERR": "True",
}
# Credential types may not set these (the controller drops them).
RESERVED_ENV_PREFIXES = ("ANSIBLE_",)
RESERVED_ENV_NAMES = ("PATH", "PYTHONPATH", "VIRTUAL_ENV", "HOME", "JOB_ID", "INVENTORY_ID", "INVENTORY_SOURCE_ID",
                      "INVENTORY_UPDATE_ID", "PROJECT_REVISION", "AWX_HOST", "MAX_EVENT_RES", "CALLBACK_QUEUE",
                      "CALLBACK_CONNECTION", "CACHE", "JOB_CALLBACK_DEBUG", "INVENTORY_HOSTVARS")
# A client secret that is easy to find wherever it might leak.
SECRET = "Zoom-S2S-secret-0c9a7e51b3-never-in-output"


def load_credential_type():
    with open(CREDENTIAL_TYPE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def inject_credential(credential_type, inputs, private_data_dir, inventory_update=False):
    """The environment (and extra vars) a credential of ``credential_type`` gives a job.

    Follows the controller's ``CredentialType.inject_credential``: only inputs with a value
    are in the template namespace (so a blank field renders as an empty string), missing
    boolean fields are false, file injectors are written under ``env/`` with their path in
    ``tower.filename``, templates render in Jinja's immutable sandbox, and inventory syncs
    receive no extra vars.
    """
    namespace = {"tower": {}}
    for name, value in inputs.items():
        if isinstance(value, bool) or value:
            namespace[name] = value
    for field in credential_type["inputs"].get("fields", []):
        if field.get("type") == "boolean" and field["id"] not in inputs:
            namespace[field["id"]] = False
    sandbox = jinja2.sandbox.ImmutableSandboxedEnvironment()
    injectors = credential_type.get("injectors", {})
    filenames = {}
    for label, template in injectors.get("file", {}).items():
        env_dir = os.path.join(private_data_dir, "env")
        os.makedirs(env_dir, mode=0o700, exist_ok=True)
        handle, path = tempfile.mkstemp(dir=env_dir)
        with os.fdopen(handle, "w") as stream:
            stream.write(sandbox.from_string(template).render(**namespace))
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        filenames[label.split(".", 1)[-1]] = path
    if filenames:
        namespace["tower"] = {"filename": filenames.get("template", filenames)}
    env = {}
    for name, template in injectors.get("env", {}).items():
        if name.startswith(RESERVED_ENV_PREFIXES) or name in RESERVED_ENV_NAMES:
            continue
        env[name] = sandbox.from_string(template).render(**namespace)
    extra_vars = {}
    if not inventory_update:
        for name, template in injectors.get("extra_vars", {}).items():
            extra_vars[name] = sandbox.from_string(template).render(**namespace)
    return env, extra_vars


def credential_inputs(sim):
    """What an administrator types into the credential form, for the simulated account."""
    return {
        "account_id": sim.account_id,
        "client_id": sim.client_id,
        "client_secret": sim.client_secret,
        "api_url": sim.api_url,
        "oauth_url": sim.oauth_url,
    }


def unwrap(value):
    """Read ``ansible-inventory --list`` JSON as Ansible's own decoder does (``__ansible_unsafe`` is a string)."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return {key: unwrap(item) for key, item in value.items()}
    if isinstance(value, list):
        return [unwrap(item) for item in value]
    return value


@pytest.fixture(scope="session")
def collection_tarball(tmp_path_factory):
    """The collection as Galaxy would serve it: built from this checkout."""
    out = tmp_path_factory.mktemp("build")
    subprocess.run([str(BIN / "ansible-galaxy"), "collection", "build", "--output-path", str(out), str(REPO)],
                   check=True, capture_output=True, text=True, env=_tool_env(tmp_path_factory.mktemp("home")))
    (tarball,) = glob.glob(str(out / "ucops-zoom-*.tar.gz"))
    return tarball


class Controller:
    """One controller node: private data directories, the installed collection, a clean environment."""

    def __init__(self, root, tarball):
        self.root = root
        self.tarball = tarball
        self.home = None
        self.runs = 0

    def private_data_dir(self, name):
        """A job's private data dir: project copy, installed collections, empty env/ and inventory/."""
        self.runs += 1
        pdd = self.root / ("%s_%d" % (name, self.runs))
        # Each job runs in a fresh execution environment container, with its own home.
        self.home = self.root / ("home_%d" % self.runs)
        self.home.mkdir()
        shutil.copytree(PROJECT, pdd / "project")
        for sub in ("env", "inventory"):
            (pdd / sub).mkdir(mode=0o700)
        # The project sync installs collections/requirements.yml into requirements_collections.
        subprocess.run([str(BIN / "ansible-galaxy"), "collection", "install", "--offline", "-p",
                        str(pdd / "requirements_collections"), self.tarball],
                       check=True, capture_output=True, text=True, env=_tool_env(self.home))
        return pdd

    def base_env(self, pdd):
        """What the controller itself sets for every job: collections from the project, a private home."""
        return {
            "PATH": "%s%s%s" % (BIN, os.pathsep, os.environ.get("PATH", "")),
            "HOME": str(self.home),
            "ANSIBLE_COLLECTIONS_PATH": os.pathsep.join([str(pdd / "requirements_collections"), str(self.home / "collections")]),
            "ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED": "true",
            "ANSIBLE_FORCE_COLOR": "false",
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_LOCALHOST_WARNING": "false",
            "AWX_PRIVATE_DATA_DIR": str(pdd),
        }

    def inventory_sync(self, inputs, source=INVENTORY_SOURCE, ident=7):
        """An inventory update from a project source, as RunInventoryUpdate builds it."""
        pdd = self.private_data_dir("inventory_update")
        env = self.base_env(pdd)
        env.update({"INVENTORY_SOURCE_ID": "3", "INVENTORY_UPDATE_ID": str(ident)})
        env.update(STANDARD_INVENTORY_UPDATE_ENV)
        credential_env, extra_vars = inject_credential(load_credential_type(), inputs, str(pdd), inventory_update=True)
        assert not extra_vars
        env.update(credential_env)
        source_path = pdd / "project" / source
        output = pdd / "artifacts" / str(ident) / "output.json"
        args = ["ansible-inventory", "--list", "--export", "-i", str(source_path), "--output", str(output),
                "--playbook-dir", str(source_path.parent)]
        (pdd / "args").write_text(" ".join(args), encoding="utf-8")
        result = ansible_runner.run(private_data_dir=str(pdd), ident=str(ident), envvars=env, suppress_env_files=True,
                                    quiet=True, settings={"suppress_ansible_output": True})
        return RunnerRun(pdd, result, output)

    def job(self, inputs, inventory, extravars=None, ident=11):
        """A job template run: the project's playbook against an inventory the controller wrote."""
        pdd = self.private_data_dir("job")
        env = self.base_env(pdd)
        env.update({"JOB_ID": str(ident), "INVENTORY_ID": "1", "PROJECT_REVISION": "0" * 40})
        credential_env, credential_vars = inject_credential(load_credential_type(), inputs, str(pdd))
        env.update(credential_env)
        # Like the controller, the inventory is a script that prints the inventory it stored.
        script = pdd / "inventory" / "hosts"
        script.write_text("#! %s\nimport json, sys\njson.dump(%r, sys.stdout)\n" % (sys.executable, inventory), encoding="utf-8")
        script.chmod(0o700)
        # The job template's variables (and a credential's extra vars) go to env/extravars, as the controller writes them.
        variables = dict(credential_vars)
        variables.update(extravars or {})
        if variables:
            (pdd / "env" / "extravars").write_text(yaml.safe_dump(variables), encoding="utf-8")
        result = ansible_runner.run(private_data_dir=str(pdd), ident=str(ident), playbook=JOB_PLAYBOOK,
                                    inventory=str(script), envvars=env, suppress_env_files=True, quiet=True)
        return RunnerRun(pdd, result, None)


class RunnerRun:
    """What one ansible-runner run left: status, rc, events, stdout and the private data dir."""

    def __init__(self, pdd, result, output):
        self.pdd = pdd
        self.status = result.status
        self.rc = result.rc
        self.events = list(result.events)
        with result.stdout as stream:
            self.stdout = stream.read()
        with result.stderr as stream:
            self.stderr = stream.read()
        self.artifact_dir = pathlib.Path(result.config.artifact_dir)
        self.output = output

    def inventory(self):
        with open(self.output, encoding="utf-8") as handle:
            return json.load(handle)

    def events_of(self, kind):
        return [event for event in self.events if event.get("event") == kind]

    def files(self):
        """Every file the run left in its private data dir, except ansible-runner's own ``command`` record.

        ansible-runner writes the environment it was given (credentials included) to
        ``artifacts/<ident>/command`` by design; the controller keeps that directory private
        and deletes it after the run.
        """
        for path in sorted(self.pdd.rglob("*")):
            if path.is_file() and path.name != "command" and "requirements_collections" not in path.parts:
                yield path


def _tool_env(home):
    env = dict((key, value) for key, value in os.environ.items() if not key.startswith(("ANSIBLE_", "ZOOM_")))
    env.pop("PYTHONPATH", None)
    env["HOME"] = str(home)
    env["ANSIBLE_LOCAL_TEMP"] = str(pathlib.Path(home) / "tmp")
    return env


@pytest.fixture
def controller(tmp_path, collection_tarball, monkeypatch):
    """A controller node whose jobs see only what the controller gives them."""
    # ansible-runner starts from this process's environment: leave no Zoom or Ansible settings
    # (nor the checkout's collections path) for a job to pick up by accident.
    for name in list(os.environ):
        if name.startswith(("ZOOM_", "ANSIBLE_")) or name == "PYTHONPATH":
            monkeypatch.delenv(name)
    return Controller(tmp_path, collection_tarball)
