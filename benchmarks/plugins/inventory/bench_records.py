# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark-only inventory: the hosts of ``ucops.zoom.zoom_phone_numbers`` from a local file.

It builds the inventory the collection's plugin builds with its default options (one host per
number named by ``number``, every API field as a host variable marked as the plugin marks it, the connection
variables and the default groups) straight from records in a JSON file, in the fewest calls
Ansible's inventory API allows. Its time and memory are what Ansible's inventory needs for
that many hosts anyway; the difference to the collection's plugin is the plugin's own cost.
"""

from __future__ import annotations

import json
import sys

from ansible.plugins.inventory import BaseInventoryPlugin

# The same marking as the collection's plugin (unsafe only where a template could hide), so that
# both print the same --list output and cost Ansible the same to serialise.
from ansible_collections.ucops.zoom.plugins.plugin_utils.untrusted import protect

DOCUMENTATION = r'''
name: bench_records
short_description: Phone-number hosts from a JSON file (benchmark only)
description: One host per record of the C(phone_numbers) list in O(path), like the ucops.zoom inventory plugin's defaults.
author: ucops.zoom maintainers (@ucops)
options:
  plugin:
    description: The name of this plugin.
    type: str
    required: true
    choices: [bench_records]
  path:
    description: A JSON file holding an object with a C(phone_numbers) list.
    type: path
    required: true
'''


def _group_name(text):
    return "".join(char if char.isalnum() or char == "_" else "_" for char in text.lower())


class InventoryModule(BaseInventoryPlugin):

    NAME = "bench_records"

    def verify_file(self, path):
        return super().verify_file(path) and path.endswith(("bench_records.yml", "bench_records.yaml"))

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache)
        self._read_config_data(path)
        with open(self.get_option("path"), encoding="utf-8") as handle:
            records = json.load(handle)["phone_numbers"]
        inventory.add_group("zoom_numbers")
        known_groups = {"zoom_numbers"}
        for record in records:
            name = record["number"]
            inventory.add_host(name, group="zoom_numbers")
            for key, value in record.items():
                inventory.set_variable(name, key, protect(value))
            inventory.set_variable(name, "ansible_connection", protect("local"))
            inventory.set_variable(name, "ansible_python_interpreter", protect(sys.executable))
            groups = ["zoom_" + record[field] for field in ("number_type", "status", "source") if record.get(field)]
            assignee = record.get("assignee")
            if assignee:
                groups.append("zoom_assigned")
                if assignee.get("type"):
                    groups.append("zoom_assignee_" + assignee["type"])
            else:
                groups.append("zoom_unassigned")
            for group in groups:
                group = _group_name(group)
                if group not in known_groups:
                    inventory.add_group(group)
                    known_groups.add(group)
                inventory.add_child(group, name)
