# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""A local simulator of the Zoom Phone and Number Management APIs (listing and changing numbers) and Zoom's token endpoint."""

from .errors import ApiError
from .server import Simulator
from .special import HOSTILE_DISPLAY_NAMES

__all__ = ["ApiError", "HOSTILE_DISPLAY_NAMES", "Simulator"]
