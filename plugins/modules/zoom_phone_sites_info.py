#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: zoom_phone_sites_info
short_description: List the Zoom Phone sites of an account, with their ids
version_added: 0.2.0
description:
  - Lists the sites of a Zoom Phone account through Zoom's C(GET /phone/sites) API, following every page to the end,
    and returns the API objects unchanged (id, name, site code, country, main auto receptionist, and whatever else
    Zoom sends), in API order, with no site twice.
  - The site ids it returns are what the O(ucops.zoom.zoom_phone_numbers_info#module:site_id) filter takes; the
    listing modules and plugins also take a site's exact name as
    O(ucops.zoom.zoom_phone_numbers_info#module:site_name).
  - Shares the connection options, the access token, the retries and the one-line failures of
    M(ucops.zoom.zoom_phone_numbers_info).
  - "Runs where the task runs, normally on the controller (with C(hosts: localhost) or C(delegate_to: localhost))."
author:
  - ucops.zoom maintainers (@ucops)
requirements:
  - requests
options:
  site_name:
    description:
      - Only the site with exactly this name (case included). Sent to Zoom as its C(site_name) search, then compared
        exactly, so a site whose name merely contains it is not returned.
      - A name no site has returns an empty list, with a warning that names the closest existing site names.
    type: str
    version_added: 0.2.0
extends_documentation_fragment:
  - ucops.zoom.zoom
  - ucops.zoom.zoom.attributes
notes:
  - Needs the OAuth scope C(phone:read:admin) or C(phone:read:list_sites:admin), and Zoom Phone on the account.
  - O(endpoint) plays no part here; sites are listed through C(GET /phone/sites), which has no replacement.
seealso:
  - name: Zoom API reference, List phone sites
    description: The endpoint this module calls.
    link: https://developers.zoom.us/docs/api/phone/#tag/sites/GET/phone/sites
  - module: ucops.zoom.zoom_phone_numbers_info
'''

EXAMPLES = r'''
- name: List the account's sites, credentials from the ZOOM_* environment variables
  ucops.zoom.zoom_phone_sites_info:
  register: zoom_sites

- name: Show each site's id next to its name
  ansible.builtin.debug:
    msg: "{{ zoom_sites.sites | items2dict(key_name='name', value_name='id') }}"

- name: The id of one site, by its exact name
  ucops.zoom.zoom_phone_sites_info:
    site_name: London Office
  register: london

- name: The unassigned numbers of that site
  ucops.zoom.zoom_phone_numbers_info:
    type: unassigned
    site_id: "{{ london.sites[0].id }}"
  when: london.count == 1
'''

RETURN = r'''
sites:
  description:
    - The sites, as Zoom returns them, in API order and with no id twice.
    - Every field may be absent except C(id).
  returned: success
  type: list
  elements: dict
  sample:
    - id: 8f71O6rWT8KFUGQmJIFAdQ
      name: London Office
      site_code: 2
      country: {code: GB, name: United Kingdom}
      main_auto_receptionist: {id: Kbdc9lv_SBCuPMjj_lhxVA, name: London Office Main Auto Receptionist,
                               extension_id: pl1XprjhTQK1CCMVKTqCFA, extension_number: 101}
count:
  description: How many sites RV(sites) holds.
  returned: success
  type: int
  sample: 12
total_records:
  description: The number of sites Zoom reported (before the exact comparison of O(site_name)).
  returned: success
  type: int
  sample: 12
pages:
  description: How many pages were fetched.
  returned: success
  type: int
  sample: 1
requests:
  description: HTTP requests sent, including the OAuth request and retries.
  returned: success
  type: int
  sample: 2
retries:
  description: How many requests were retried after a 429, 5xx, reset, timeout or truncated answer.
  returned: success
  type: int
  sample: 0
token_requests:
  description: OAuth token requests this task made (0 when a shared token was reused).
  returned: success
  type: int
  sample: 1
http_log:
  description:
    - One line per HTTP request this task sent - method, URL with the query, status and duration. Never holds a secret.
  returned: at verbosity 3 (C(-vvv)) or more, on success and on failure
  type: list
  elements: str
  sample:
    - "ucops.zoom: GET https://api.zoom.us/v2/phone/sites?page_size=300 -> 200 in 154 ms"
error_kind:
  description:
    - What failed - V(configuration), V(authentication), V(scope), V(api), V(rate_limit), V(transport), V(response),
      V(paging) or V(page_token); the same kinds as M(ucops.zoom.zoom_phone_numbers_info).
  returned: failure
  type: str
  sample: api
status:
  description: The HTTP status of the answer that failed the task.
  returned: failure, when Zoom answered with an error status
  type: int
  sample: 400
zoom_code:
  description: Zoom's own error code from that answer's body (not the HTTP status), usually an integer.
  returned: failure, when Zoom's answer carried a code
  type: raw
  sample: 4711
tracking_id:
  description: The C(x-zm-trackingid) header of Zoom's error answer, for Zoom's support; the failure message ends with it too.
  returned: failure, when Zoom sent one
  type: str
  sample: "v=2.0;clid=us05;rid=WEB_6f0c0e8a6c2d4b1f9a7e3d5c8b1a2f40"
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucops.zoom.plugins.module_utils import phone_sites, zoom_connection
from ansible_collections.ucops.zoom.plugins.module_utils.option_values import preview
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomConfigError
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_module import run_module


def argument_spec():
    spec = zoom_connection.module_argument_spec()
    spec["site_name"] = {"type": "str"}
    return spec


def run(params, client):
    """List the sites ``params`` ask for through ``client``; return the result dict or raise ZoomError."""
    site_name = params.get("site_name")
    if site_name is not None and not site_name.strip():
        raise ZoomConfigError("Option site_name must not be empty.")
    sites, listing = phone_sites.list_sites(client, site_name)
    if site_name is not None and not sites:
        # Zoom's search may match only part of a name: the closest names come from every site.
        near = phone_sites.closest_site_names(site_name, phone_sites.list_sites(client)[0])
        client.warn("No site is named %r%s." % (preview(site_name), "; the closest names are " + near if near
                                                else " (names are matched exactly, case included)"))
    counters = client.counters()
    return {
        "changed": False,
        "sites": sites,
        "count": len(sites),
        "total_records": listing.total_records if listing.total_records is not None else len(listing.records),
        "pages": listing.pages,
        "requests": counters["requests"],
        "retries": counters["retries"],
        "token_requests": counters["token_requests"],
    }


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    run_module(module, run)


if __name__ == "__main__":
    main()
