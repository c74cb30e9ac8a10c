# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Audit tests: real ansible-playbook runs of ucops.zoom.audit against the simulator, and the HTML report in Chromium."""

from __future__ import annotations

import pytest

from audit_runs import Audit  # pylint: disable=import-error


@pytest.fixture
def audit(tmp_path):
    return Audit(tmp_path)
