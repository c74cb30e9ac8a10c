# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
name: count_by
short_description: Count phone numbers (or any records) by a field
version_added: 0.1.0
author:
  - ucops.zoom maintainers (@ucops)
description:
  - Counts a list of dicts by the value of one field, given as a dotted path such as V(assignee.type) or V(site.name).
  - Returns a dict from value to count, largest count first. Records where the field is absent or null count under
    O(default).
  - Runs in Python, so it stays fast on tens of thousands of numbers where a Jinja loop would not.
positional: path, default
options:
  _input:
    description: The records, for example RV(ucops.zoom.zoom_phone_numbers_info#module:phone_numbers).
    type: list
    elements: dict
    required: true
  path:
    description: Dotted path of the field to count by.
    type: str
    required: true
  default:
    description: The key under which records without the field are counted.
    type: str
    default: none
'''

EXAMPLES = r'''
- name: Numbers by assignee type
  ansible.builtin.debug:
    msg: "{{ zoom_numbers.phone_numbers | ucops.zoom.count_by('assignee.type', 'unassigned') }}"
  # => {"user": 1520, "unassigned": 610, "callQueue": 96, ...}
'''

RETURN = r'''
_value:
  description: A dict from each value of the field to the number of records that have it.
  type: dict
'''

from ansible.errors import AnsibleFilterError

from ansible_collections.ucops.zoom.plugins.module_utils.record_fields import count_by


def _count_by(records, path, default="none"):
    if not isinstance(records, (list, tuple)):
        raise AnsibleFilterError("count_by expects a list of dicts, got %s" % type(records).__name__)
    if not isinstance(path, str) or not path:
        raise AnsibleFilterError("count_by needs the dotted path of a field, such as 'assignee.type'")
    return count_by([record for record in records if isinstance(record, dict)], path, default)


class FilterModule:
    """Counting filters of ucops.zoom."""

    def filters(self):
        return {"count_by": _count_by}
