# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests import the collection as ansible_collections.ucops.zoom and may use the simulator."""

from __future__ import annotations

import os
import sys

_SIMULATOR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "simulator")
if _SIMULATOR not in sys.path:
    sys.path.insert(0, _SIMULATOR)

from zoomsim import pytest_plugin  # noqa: E402  pylint: disable=wrong-import-position


def pytest_configure(config):
    """Register the simulator's fixtures (pytest_plugins is only allowed in a root conftest)."""
    if not config.pluginmanager.has_plugin("zoomsim.pytest_plugin"):
        config.pluginmanager.register(pytest_plugin, "zoomsim.pytest_plugin")
