# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
name: zoom_phone_numbers
short_description: Zoom Phone numbers inside any expression
version_added: 0.1.0
author:
  - ucops.zoom maintainers (@ucops)
description:
  - Returns the phone numbers of a Zoom Phone account as a list of dicts, listed exactly like
    M(ucops.zoom.zoom_phone_numbers_info) lists them (every page, no number twice, the same filters and O(where)).
  - Without terms, lists the numbers matching the query options. With terms, each term is an E.164 number looked up
    through Zoom's C(phone_number) filter, and the numbers found are returned in the order of the terms.
  - Use it with C(query()) or C(lookup(..., wantlist=true)) so a single number still comes back as a list.
requirements:
  - requests
  - jmespath
options:
  _terms:
    description:
      - Optional E.164 numbers (such as V(+14155550123)) to look up one by one. Cannot be combined with O(queries)
        or O(phone_number).
    type: list
    elements: str
    required: false
extends_documentation_fragment:
  - ucops.zoom.zoom
  - ucops.zoom.zoom.plugins
  - ucops.zoom.zoom.query
notes:
  - Lookups run on the controller, once for each time the expression is templated; register the result with
    C(ansible.builtin.set_fact) when it is used several times.
seealso:
  - module: ucops.zoom.zoom_phone_numbers_info
  - plugin: ucops.zoom.zoom_phone_numbers
    plugin_type: inventory
'''

EXAMPLES = r'''
- name: Unassigned toll-free numbers, credentials from the ZOOM_* environment variables
  ansible.builtin.debug:
    msg: "{{ query('ucops.zoom.zoom_phone_numbers', type='unassigned', where=\"number_type == 'tollfree'\") | map(attribute='number') }}"

- name: Who has these two numbers?
  ansible.builtin.debug:
    msg: "{{ item.number }}: {{ item.assignee.name | default('unassigned') }}"
  loop: "{{ query('ucops.zoom.zoom_phone_numbers', '+14155550123', '+442071838750') }}"

- name: Keep the pending numbers of one site for later tasks
  ansible.builtin.set_fact:
    pending_at_site: "{{ query('ucops.zoom.zoom_phone_numbers', site_id=site_id, pending_numbers=true, where=\"status == 'pending'\") }}"
'''

RETURN = r'''
_list:
  description:
    - One dict per phone number, as Zoom returns it (see RV(ucops.zoom.zoom_phone_numbers_info#module:phone_numbers)).
  type: list
  elements: dict
'''

from ansible.errors import AnsibleError
from ansible.plugins.lookup import LookupBase

from ansible_collections.ucops.zoom.plugins.module_utils.number_query import phone_number_value
from ansible_collections.ucops.zoom.plugins.plugin_utils import plugin_options

PLUGIN_NAME = "ucops.zoom.zoom_phone_numbers"


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        plugin_options.check_requirements("lookup")
        plugin_options.reject_unknown_keywords(kwargs, PLUGIN_NAME)
        self.set_options(var_options=variables, direct=kwargs)
        options = plugin_options.read_options(self, direct=kwargs, overrides=self._term_queries(terms or []))
        client, query = plugin_options.prepare(options)
        records = plugin_options.list_records(client, query)
        if terms:
            warn_unmatched_terms(terms, records)
        return records

    def _term_queries(self, terms):
        """Terms are E.164 numbers, each listed through Zoom's phone_number filter."""
        if not terms:
            return {}
        if self.get_option("queries") or self.get_option("phone_number"):
            raise AnsibleError("ucops.zoom.zoom_phone_numbers: give phone numbers either as terms or with "
                               "phone_number/queries, not both.")
        with plugin_options.as_ansible_errors():
            return {"queries": [{"phone_number": phone_number_value("term %d" % (index + 1), term)}
                                for index, term in enumerate(terms)]}


def warn_unmatched_terms(terms, records):
    """A number that is not in the account is left out of the list: say which, rather than shorten it silently."""
    found = set(record.get("number") for record in records)
    missing = [term for term in terms if term not in found]
    if missing:
        plugin_options.display.warning("%s: no phone number of the account matches %s; %s left out of the list." % (
            PLUGIN_NAME, ", ".join(missing), "it is" if len(missing) == 1 else "they are"))
