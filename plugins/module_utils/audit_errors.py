# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one error type of the audit: a setting or an input file that cannot be used."""

from __future__ import annotations


class AuditError(Exception):
    """A one-line message that names the setting or file at fault and says what to do."""

    def __init__(self, message):
        self.message = " ".join(str(message).split())
        super().__init__(self.message)
