# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reliability and security suites: the functional suite's runners, the simulator's fixtures, the fault catalog."""

from __future__ import annotations

import importlib.util
import pathlib
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
for folder in (REPO / "tests" / "simulator", HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from zoomsim import pytest_plugin  # noqa: E402  pylint: disable=wrong-import-position


def _functional_helpers():
    """tests/functional/conftest.py, loaded under its own name so both suites share one way of running Ansible."""
    name = "ucops_zoom_functional_helpers"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, str(REPO / "tests" / "functional" / "conftest.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


FUNCTIONAL = _functional_helpers()
Ansible = FUNCTIONAL.Ansible
simulator_env = FUNCTIONAL.simulator_env


def pytest_configure(config):
    """Register the simulator's fixtures (pytest_plugins is only allowed in a root conftest)."""
    if not config.pluginmanager.has_plugin("zoomsim.pytest_plugin"):
        config.pluginmanager.register(pytest_plugin, "zoomsim.pytest_plugin")


@pytest.fixture
def ansible(tmp_path):
    """Runs ansible-playbook and ansible-inventory in a private home, cache and temp folder."""
    return Ansible(tmp_path)
