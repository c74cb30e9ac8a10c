# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Audit tests: real ansible-playbook runs of ucops.zoom.audit against the simulator, and the HTML report in Chromium."""

from __future__ import annotations

import pathlib
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
for folder in (HERE.parents[0] / "simulator", HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from audit_helpers import Audit  # noqa: E402  pylint: disable=wrong-import-position,import-error
from zoomsim import pytest_plugin  # noqa: E402  pylint: disable=wrong-import-position


def pytest_configure(config):
    """Register the simulator's fixtures (pytest_plugins is only allowed in a root conftest)."""
    if not config.pluginmanager.has_plugin("zoomsim.pytest_plugin"):
        config.pluginmanager.register(pytest_plugin, "zoomsim.pytest_plugin")


@pytest.fixture
def audit(tmp_path):
    return Audit(tmp_path)
