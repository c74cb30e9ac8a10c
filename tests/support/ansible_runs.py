# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Running the collection as users do: ansible-playbook and ansible-inventory against the simulator,
and the Python client built the way the module builds it."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import textwrap

REPO = pathlib.Path(__file__).resolve().parents[2]


def simulator_env(sim):
    """The ZOOM_* variables a user would export, pointing at ``sim``."""
    return {
        "ZOOM_ACCOUNT_ID": sim.account_id,
        "ZOOM_CLIENT_ID": sim.client_id,
        "ZOOM_CLIENT_SECRET": sim.client_secret,
        "ZOOM_API_URL": sim.api_url,
        "ZOOM_OAUTH_URL": sim.oauth_url,
    }


def simulator_connection(sim, tmp_path, **overrides):
    """A validated ZoomConnection to ``sim`` for tests that call the collection's Python client directly."""
    from ansible_collections.ucops.zoom.plugins.module_utils.zoom_connection import connection_from_options

    options = {"account_id": sim.account_id, "client_id": sim.client_id, "client_secret": sim.client_secret,
               "api_url": sim.api_url, "oauth_url": sim.oauth_url, "token_cache": str(tmp_path)}
    options.update(overrides)
    return connection_from_options(options)


def expected_numbers(sim, endpoint="phone", **filters):
    """The simulator's ground truth for what the collection lists with these filters.

    The collection pins what Zoom leaves undocumented and sends it every time: pending numbers
    are listed unless ``pending_numbers`` says otherwise (the realistic simulator leaves them
    out when it is not sent), and Number Management is asked for Zoom Phone's numbers only
    unless ``allocated_product`` says otherwise. The truth is asked the same way.
    """
    if endpoint == "number_management":
        filters.setdefault("allocated_product", "ZOOM_PHONE")
    else:
        filters.setdefault("pending_numbers", True)
    return sim.truth(endpoint=endpoint, **filters)


def assert_one_clear_line(result, *fragments):
    """``result`` is a failed task whose message is one line, without a traceback, holding every fragment."""
    assert result.get("failed") is True, result
    message = result["msg"]
    assert "\n" not in message and "Traceback" not in message
    for fragment in fragments:
        assert fragment in message, message


def module_result(connection, options, warn=None, log=None):
    """What ucops.zoom.zoom_phone_numbers_info returns for ``options``, without Ansible around it.

    The module's own ``run()`` with a client built as its ``main()`` builds one; ``connection``
    is a ZoomConnection (see simulator_connection). Raises the ZoomError the module would fail with.
    """
    from ansible_collections.ucops.zoom.plugins.module_utils.zoom_client import ZoomClient
    from ansible_collections.ucops.zoom.plugins.modules.zoom_phone_numbers_info import run

    return run(options, ZoomClient(connection, warn=warn, log=log))


class PlaybookRun:
    """What one ansible-playbook run left behind: exit code, output, and the results it saved."""

    def __init__(self, completed, out_dir):
        self.rc = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr
        self.out_dir = out_dir

    def result(self, name):
        """The registered result the playbook saved (see ``saves``); the run's output when it saved none."""
        path = self.out_dir / (name + ".json")
        assert path.exists(), "the playbook saved no result %r (rc %s):\n%s" % (name, self.rc, self.output[-6000:])
        return json.loads(path.read_text(encoding="utf-8"))

    @property
    def output(self):
        return self.stdout + self.stderr


class Ansible:
    """Runs ansible-playbook in a private home, cache and temp folder."""

    def __init__(self, tmp_path):
        self.tmp = tmp_path
        self.out_dir = tmp_path / "out"
        self.out_dir.mkdir()
        self.cache_home = tmp_path / "cache"
        bin_dir = pathlib.Path(sys.executable).parent
        self.env = dict(os.environ)
        for name in [key for key in self.env if key.startswith(("ZOOM_", "ANSIBLE_"))]:
            del self.env[name]
        self.env.update({
            "PATH": "%s%s%s" % (bin_dir, os.pathsep, os.environ.get("PATH", "")),
            "ANSIBLE_COLLECTIONS_PATH": str(REPO / ".tmp" / "collections"),
            "ANSIBLE_HOME": str(tmp_path / "ansible-home"),
            "ANSIBLE_LOCAL_TEMP": str(tmp_path / "ansible-tmp"),
            "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_LOCALHOST_WARNING": "false",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false",
            "ANSIBLE_RETRY_FILES_ENABLED": "false",
            "XDG_CACHE_HOME": str(self.cache_home),
            # A plugin that fails must fail the command, not leave an empty inventory behind.
            "ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED": "true",
        })

    def playbook(self, tasks, saves=(), sim=None, env=None, args=(), timeout=900):
        """Run ``tasks`` (YAML task list) in a play on localhost; save each registered var named in ``saves``."""
        body = textwrap.dedent(tasks).strip("\n")
        for name in saves:
            body += SAVE_TASK.format(name=name)
        play = "- name: Test play\n  hosts: localhost\n  gather_facts: false\n  tasks:\n" + textwrap.indent(body, "    ") + "\n"
        path = self.tmp / "playbook.yml"
        path.write_text(play, encoding="utf-8")
        run_env = dict(self.env)
        if sim is not None:
            run_env.update(simulator_env(sim))
        run_env.update(env or {})
        command = [str(pathlib.Path(sys.executable).parent / "ansible-playbook"), "-i", "localhost,", "-c", "local",
                   "-e", "out_dir=%s" % self.out_dir, str(path)] + list(args)
        completed = subprocess.run(command, env=run_env, cwd=str(self.tmp), capture_output=True, text=True,
                                   timeout=timeout, check=False)
        return PlaybookRun(completed, self.out_dir)

    def command(self, args, sim=None, env=None, timeout=900):
        """Run an ansible command line tool (ansible-inventory, ansible-doc, ...) from the test virtualenv."""
        run_env = dict(self.env)
        if sim is not None:
            run_env.update(simulator_env(sim))
        run_env.update(env or {})
        command = [str(pathlib.Path(sys.executable).parent / args[0])] + list(args[1:])
        return subprocess.run(command, env=run_env, cwd=str(self.tmp), capture_output=True, text=True,
                              timeout=timeout, check=False)

    def inventory_list(self, config, sim=None, env=None, args=()):
        """``ansible-inventory --list`` of ``config``: (completed process, parsed JSON or None)."""
        completed = self.command(["ansible-inventory", "-i", str(config), "--list"] + list(args), sim=sim, env=env)
        data = json.loads(completed.stdout) if completed.returncode == 0 else None
        return completed, data


SAVE_TASK = """
- name: Save {name}
  ansible.builtin.copy:
    content: "{{{{ {name} | to_json }}}}"
    dest: "{{{{ out_dir }}}}/{name}.json"
    mode: "0600"
"""


def merged_truth(sim, filter_sets):
    """expected_numbers of several filter sets together: in order, each number once."""
    records, seen = [], set()
    for filters in filter_sets:
        for record in expected_numbers(sim, **filters):
            if record["id"] not in seen:
                seen.add(record["id"])
                records.append(record)
    return records
