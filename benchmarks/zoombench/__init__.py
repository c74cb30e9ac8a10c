# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ucops.zoom benchmark: every entry point side by side against the Zoom simulator."""

from __future__ import annotations
