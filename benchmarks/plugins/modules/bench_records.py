# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark-only module: return phone-number records read from a local JSON file.

It does no more than a module must to return the same result as ``zoom_phone_numbers_info``,
so the time Ansible needs to carry such a result back into the play can be measured apart
from the listing. Not part of the collection (it lives outside ``plugins/``).
"""

from __future__ import annotations

import json

from ansible.module_utils.basic import AnsibleModule

DOCUMENTATION = r'''
module: bench_records
short_description: Return records from a JSON file (benchmark only)
description: Returns the C(phone_numbers) list of a local JSON file as C(phone_numbers), like zoom_phone_numbers_info does.
author: ucops.zoom maintainers (@ucops)
options:
  path:
    description: A JSON file holding an object with a C(phone_numbers) list.
    type: path
    required: true
'''


def main():
    module = AnsibleModule(argument_spec={"path": {"type": "path", "required": True}}, supports_check_mode=True)
    with open(module.params["path"], encoding="utf-8") as handle:
        records = json.load(handle)["phone_numbers"]
    module.exit_json(changed=False, phone_numbers=records, count=len(records), total_records=len(records))


if __name__ == "__main__":
    main()
