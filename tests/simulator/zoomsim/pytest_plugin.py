# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""pytest fixtures: ``zoom_simulator`` (a running simulator) and ``zoom_simulator_factory``.

Register with ``pytest_plugins = ["zoomsim.pytest_plugin"]`` in a top-level conftest, or
``config.pluginmanager.register(zoomsim.pytest_plugin)`` from any conftest.
"""

import pytest

from .server import Simulator

DEFAULT_SIZE = 500


@pytest.fixture
def zoom_simulator_factory():
    """Return ``start(**kwargs)``: starts a Simulator (size 500 unless given); all stop at teardown."""
    started = []

    def start(**kwargs) -> Simulator:
        kwargs.setdefault("size", DEFAULT_SIZE)
        simulator = Simulator(**kwargs).start()
        started.append(simulator)
        return simulator

    yield start
    for simulator in reversed(started):
        simulator.stop()


@pytest.fixture
def zoom_simulator(zoom_simulator_factory):  # pylint: disable=redefined-outer-name
    """A running simulator with 500 numbers and default settings."""
    return zoom_simulator_factory()
