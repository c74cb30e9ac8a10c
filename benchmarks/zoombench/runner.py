# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Measured runs: each command in its own folder, environment and measuring process."""

from __future__ import annotations

import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(BENCH_DIR)
PLAYBOOKS = os.path.join(BENCH_DIR, "playbooks")
PLUGINS = os.path.join(BENCH_DIR, "plugins")


class Run:
    """What one measured command left behind."""

    def __init__(self, label, folder, report):
        self.label = label
        self.folder = folder
        self.rc = report["rc"]
        self.wall_s = report["wall_s"]
        self.peak_rss_mb = report["peak_rss_mb"]
        self.cpu_s = report["user_s"] + report["sys_s"]
        self.stdout_path = os.path.join(folder, "stdout")
        self.stderr_path = os.path.join(folder, "stderr")

    def stdout(self):
        with open(self.stdout_path, encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def tail(self, limit=1500):
        """The end of both outputs, for a failure message."""
        texts = []
        for path in (self.stdout_path, self.stderr_path):
            with open(path, encoding="utf-8", errors="replace") as handle:
                handle.seek(max(0, os.path.getsize(path) - limit))
                texts.append(handle.read())
        return " | ".join(" ".join(text.split())[-limit:] for text in texts if text.strip())

    def printed_count(self, name="BENCH_COUNT"):
        """The sum of the ``name``=N lines (BENCH_COUNT=N) a benchmark playbook printed, or None."""
        found = re.findall(r"\b%s=(\d+)" % re.escape(name), self.stdout())
        return sum(int(value) for value in found) if found else None

    def timings(self):
        path = os.path.join(self.folder, "timings.json")
        if not os.path.exists(path):
            return None
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)

    def payload(self, module):
        """The AnsiballZ file this playbook run left for ``module`` (KEEP_REMOTE_FILES), or None."""
        found = glob.glob(os.path.join(self.folder, "remote-tmp", "**", "AnsiballZ_%s.py" % module), recursive=True)
        return found[0] if found else None

    def remove_stdout(self):
        """Large outputs (an inventory of 100,000 hosts) are not kept once checked."""
        if os.path.exists(self.stdout_path) and os.path.getsize(self.stdout_path) > 1 << 20:
            os.remove(self.stdout_path)
            with open(self.stdout_path, "w", encoding="utf-8") as handle:
                handle.write("(removed after the check)\n")


class Runner:
    """Runs commands from the benchmark's virtualenv, each measured in a fresh wrapper process."""

    def __init__(self, workdir, python=None, log=None, collection=None):
        self.workdir = workdir
        # The checkout whose collection is measured: this one, or another (to compare a change).
        self.collection = os.path.abspath(collection or REPO)
        self.python = python or sys.executable
        self.bindir = os.path.dirname(self.python)
        self._log = log or (lambda text: None)
        self._counter = 0
        self.collections = os.path.join(workdir, "collections")
        link = os.path.join(self.collections, "ansible_collections", "ucops", "zoom")
        if not os.path.lexists(link):
            os.makedirs(os.path.dirname(link), exist_ok=True)
            os.symlink(self.collection, link)
        for tool in ("ansible-playbook", "ansible-inventory"):
            if not os.path.exists(os.path.join(self.bindir, tool)):
                raise RuntimeError("%s is not installed next to %s; run `make setup` and use %s"
                                   % (tool, self.python, os.path.join(REPO, ".venv", "bin", "python")))

    def new_folder(self, label):
        self._counter += 1
        name = "%03d-%s" % (self._counter, re.sub(r"[^A-Za-z0-9_.-]+", "-", label).strip("-"))
        folder = os.path.join(self.workdir, "runs", name)
        os.makedirs(folder)
        return folder

    def environment(self, folder, zoom=None, extra=None):
        """A clean environment: no ZOOM_/ANSIBLE_ settings from outside, private caches, the test plugins."""
        env = dict((key, value) for key, value in os.environ.items() if not key.startswith(("ZOOM_", "ANSIBLE_", "BENCH_")))
        env.update({
            "PATH": self.bindir + os.pathsep + os.environ.get("PATH", ""),
            "PYTHONPATH": self.collections,
            "ANSIBLE_COLLECTIONS_PATH": self.collections,
            "ANSIBLE_HOME": os.path.join(self.workdir, "ansible-home"),
            "ANSIBLE_LOCAL_TEMP": os.path.join(folder, "local-tmp"),
            "ANSIBLE_REMOTE_TMP": os.path.join(folder, "remote-tmp"),
            "ANSIBLE_PYTHON_INTERPRETER": self.python,
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_LOCALHOST_WARNING": "false",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false",
            "ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED": "true",
            "ANSIBLE_RETRY_FILES_ENABLED": "false",
            "ANSIBLE_LIBRARY": os.path.join(PLUGINS, "modules"),
            "ANSIBLE_LOOKUP_PLUGINS": os.path.join(PLUGINS, "lookup"),
            "ANSIBLE_INVENTORY_PLUGINS": os.path.join(PLUGINS, "inventory"),
            "ANSIBLE_CALLBACK_PLUGINS": os.path.join(PLUGINS, "callback"),
            "ANSIBLE_CALLBACKS_ENABLED": "bench_timer",
            "BENCH_TIMINGS": os.path.join(folder, "timings.json"),
            "XDG_CACHE_HOME": os.path.join(folder, "cache"),
            # Every playbook run keeps its module payloads, so that a module process can be rerun and
            # measured on its own (and so that every run skips the same clean-up step).
            "ANSIBLE_KEEP_REMOTE_FILES": "1",
        })
        if zoom:
            env.update(zoom)
            # A token cache of its own per run: every run must fetch (and count) its one token.
            env["ZOOM_TOKEN_CACHE"] = os.path.join(folder, "tokens")
        env.update(extra or {})
        return env

    def run(self, label, command, zoom=None, extra_env=None, cwd=None, folder=None):
        """Run ``command`` under the measuring wrapper; return a Run."""
        folder = folder or self.new_folder(label)
        env = self.environment(folder, zoom, extra_env)
        report = os.path.join(folder, "measure.json")
        wrapper = [self.python, os.path.join(HERE, "measure.py"), report,
                   os.path.join(folder, "stdout"), os.path.join(folder, "stderr"), "--"]
        with open(os.path.join(folder, "command.json"), "w", encoding="utf-8") as handle:
            json.dump({"command": command, "cwd": cwd or folder}, handle, indent=1)
        self._log("  %-34s" % label)
        subprocess.run(wrapper + list(command), env=env, cwd=cwd or folder, check=True)
        with open(report, encoding="utf-8") as handle:
            run = Run(label, folder, json.load(handle))
        self._log(" %8.2f s %8.0f MB%s\n" % (run.wall_s, run.peak_rss_mb, "" if run.rc == 0 else "  rc=%s" % run.rc))
        return run

    def playbook(self, label, playbook, zoom=None, extra_vars=None, args=(), extra_env=None, inventory="localhost,", folder=None):
        folder = folder or self.new_folder(label)
        command = [os.path.join(self.bindir, "ansible-playbook"), "-i", inventory, "-c", "local"]
        if extra_vars:
            path = os.path.join(folder, "extra-vars.json")
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(extra_vars, handle)
            command += ["-e", "@" + path]
        if not os.path.isabs(playbook) and playbook.endswith((".yml", ".yaml")):
            # A file of this benchmark; anything else is a collection playbook such as ucops.zoom.audit.
            playbook = os.path.join(PLAYBOOKS, playbook)
        command += list(args) + [playbook]
        return self.run(label, command, zoom=zoom, extra_env=extra_env, folder=folder)

    def inventory(self, label, source, zoom=None):
        command = [os.path.join(self.bindir, "ansible-inventory"), "-i", source, "--list"]
        return self.run(label, command, zoom=zoom)
