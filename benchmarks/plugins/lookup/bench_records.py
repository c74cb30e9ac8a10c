# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark-only lookup: the phone-number records of a local JSON file.

The same list the ``ucops.zoom.zoom_phone_numbers`` lookup returns, without any listing, so
that Ansible's cost of carrying a lookup result of that size can be measured on its own.
"""

from __future__ import annotations

import json

from ansible.plugins.lookup import LookupBase

DOCUMENTATION = r'''
name: bench_records
short_description: Records from a JSON file (benchmark only)
description: Returns the C(phone_numbers) list of the JSON file given as the only term.
author: ucops.zoom maintainers (@ucops)
options:
  _terms:
    description: The path of a JSON file holding an object with a C(phone_numbers) list.
    required: true
'''


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        with open(terms[0], encoding="utf-8") as handle:
            return json.load(handle)["phone_numbers"]
