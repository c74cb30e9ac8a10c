# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every suite shares: the simulator and the test helpers on the import path, and their fixtures.

The collection itself is imported as ``ansible_collections.ucops.zoom`` (the Makefile puts
``.tmp/collections`` on PYTHONPATH).
"""

from __future__ import annotations

import pathlib
import sys

import pytest

TESTS = pathlib.Path(__file__).resolve().parent
for folder in (TESTS / "simulator", TESTS / "support"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from ansible_runs import Ansible, simulator_connection  # noqa: E402  pylint: disable=wrong-import-position,import-error
from zoomsim import pytest_plugin  # noqa: E402  pylint: disable=wrong-import-position


def pytest_configure(config):
    """Register the simulator's fixtures: ``zoom_simulator`` and ``zoom_simulator_factory``."""
    if not config.pluginmanager.has_plugin("zoomsim.pytest_plugin"):
        config.pluginmanager.register(pytest_plugin, "zoomsim.pytest_plugin")


@pytest.fixture
def ansible(tmp_path):
    """Runs ansible-playbook and ansible-inventory in a private home, cache and temp folder."""
    return Ansible(tmp_path)


@pytest.fixture
def zoom_connection():
    """``zoom_connection(sim, tmp_path, **options)``: see ansible_runs.simulator_connection."""
    return simulator_connection
