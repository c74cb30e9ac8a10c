# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Folders that only their owner can enter: the shared token folder and the audit's report folder."""

from __future__ import annotations

import os


def make_private_folders(path):
    """Create ``path`` and every missing parent 0700 (the umask can only narrow that); existing ones are left as they are."""
    missing = []
    while path and not os.path.lexists(path):
        missing.append(path)
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
