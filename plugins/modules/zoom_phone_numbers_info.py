#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: zoom_phone_numbers_info
short_description: List the phone numbers of a Zoom Phone account, every page
version_added: 0.1.0
description:
  - Lists Zoom Phone numbers through Zoom's C(GET /phone/numbers) API with any of its filters, following every page
    to the end, and returns the API objects unchanged, in API order, with no number twice.
  - Can list through the replacement C(GET /number_management/numbers) instead, with the records in the same shape,
    and moves there by itself when Zoom retires the old endpoint (O(endpoint)).
  - Authenticates as a Server-to-Server OAuth app, shares one access token between the tasks and forks of a run,
    retries what Zoom asks to retry, and fails with a one-line message that says what to do otherwise.
  - "Runs where the task runs, normally on the controller (with C(hosts: localhost) or C(delegate_to: localhost))."
author:
  - ucops.zoom maintainers (@ucops)
requirements:
  - requests
  - jmespath
extends_documentation_fragment:
  - ucops.zoom.zoom
  - ucops.zoom.zoom.query
  - ucops.zoom.zoom.attributes
notes:
  - Needs the OAuth scope C(phone:read:admin) or C(phone:read:list_numbers:admin), and Zoom Phone on the account; through
    the Number Management API (O(endpoint)), C(number_management_numbers:read:admin) or
    C(number_management:read:list_numbers:admin). A token without them fails at once, naming the scopes.
  - A failure carries Zoom's tracking id (RV(tracking_id)) when Zoom sent one; Zoom's support asks for it.
  - The result can be large (about 0.5 kB per number). Narrow it with query options and O(where) when only a part
    is needed; Ansible spends noticeable time carrying very large results between tasks.
seealso:
  - name: Zoom API reference, List phone numbers
    description: The endpoint this module calls.
    link: https://developers.zoom.us/docs/api/phone/#tag/phone-numbers/GET/phone/numbers
  - plugin: ucops.zoom.zoom_phone_numbers
    plugin_type: lookup
  - plugin: ucops.zoom.zoom_phone_numbers
    plugin_type: inventory
'''

EXAMPLES = r'''
- name: List every phone number of the account
  ucops.zoom.zoom_phone_numbers_info:
    account_id: "{{ zoom_account_id }}"
    client_id: "{{ zoom_client_id }}"
    client_secret: "{{ zoom_client_secret }}"
  register: zoom_numbers

- name: Unassigned toll-free numbers (idle cost), credentials from ZOOM_* environment variables
  ucops.zoom.zoom_phone_numbers_info:
    type: unassigned
    number_type: tollfree
  register: idle_tollfree

- name: BYOC numbers whose emergency address needs a carrier update
  ucops.zoom.zoom_phone_numbers_info:
    type: byoc
    where: "emergency_address_status == `1`"
  register: e911_pending

- name: Numbers assigned to call queues at two sites, listed concurrently
  ucops.zoom.zoom_phone_numbers_info:
    type: assigned
    extension_type: callQueue
    queries:
      - site_id: 8f71O6rWT8KFUGQmJIFAdQ
      - site_id: CKbQ2nGZTVygTZgVrTfg2g
  register: queue_numbers

- name: Connection options once for several tasks
  module_defaults:
    group/ucops.zoom.zoom:
      account_id: "{{ zoom_account_id }}"
      client_id: "{{ zoom_client_id }}"
      client_secret: "{{ zoom_client_secret }}"
  block:
    - name: Pending numbers
      ucops.zoom.zoom_phone_numbers_info:
        pending_numbers: true
        where: "status == 'pending'"
      register: pending
'''

RETURN = r'''
phone_numbers:
  description:
    - The phone numbers, as Zoom returns them, in API order and with no id twice, after O(where).
    - Every field may be absent except C(id); C(assignee) is present only on assigned numbers; the BYOC fields only
      in a O(type=byoc) listing.
  returned: success
  type: list
  elements: dict
  sample:
    - id: 3vt4b7wtb79q4hqnu8fe7n
      number: "+14155550123"
      display_name: Front desk
      location: San Jose, California, United States
      number_type: toll
      source: internal
      status: available
      capability: [incoming, outgoing]
      site: {id: 8f71O6rWT8KFUGQmJIFAdQ, name: Main Site}
      assignee: {id: Y40mS72DRamFgGh0V1Ul_Q, name: Jill Chill, extension_number: 1001, type: user}
total_records:
  description:
    - The number of records Zoom reported for the query (before O(where)); with several O(queries), the number of
      distinct records they returned together.
  returned: success
  type: int
  sample: 2314
count:
  description: How many numbers RV(phone_numbers) holds.
  returned: success
  type: int
  sample: 2314
endpoint:
  description: The Zoom API that served the list (see O(endpoint)).
  returned: success
  type: str
  sample: phone
pages:
  description: How many pages were fetched.
  returned: success
  type: int
  sample: 24
page_size:
  description: The page size used for every page.
  returned: success
  type: int
  sample: 100
requests:
  description: HTTP requests sent, including the OAuth request and retries.
  returned: success
  type: int
  sample: 25
retries:
  description: How many requests were retried after a 429, 5xx, reset, timeout or truncated answer.
  returned: success
  type: int
  sample: 0
token_requests:
  description: OAuth token requests this task made (0 when a shared token was reused).
  returned: success
  type: int
  sample: 0
page_token_restarts:
  description: How many times the listing started over because Zoom no longer accepted a page token.
  returned: success
  type: int
  sample: 0
changed_during_listing:
  description: Whether the account's numbers changed while they were listed (a warning gives the counts).
  returned: success
  type: bool
  sample: false
error_kind:
  description:
    - What failed, for a playbook that branches on it (the failure message says the rest) - V(configuration) (an
      option, before any request), V(authentication), V(scope) (the token lacks a scope the request needs), V(api)
      (Zoom refused the request), V(rate_limit), V(transport) (no usable answer), V(response) (an answer that cannot
      be trusted), V(paging) or V(page_token); see the troubleshooting guide.
  returned: failure
  type: str
  sample: api
  version_added: 0.2.0
status:
  description: The HTTP status of Zoom's answer that ended the task.
  returned: failure, when Zoom answered with an error status
  type: int
  sample: 429
  version_added: 0.2.0
zoom_code:
  description: Zoom's own error code from that answer's body (not the HTTP status), as an integer when it is one.
  returned: failure, when Zoom's answer carried a code
  type: raw
  sample: 4711
  version_added: 0.2.0
tracking_id:
  description:
    - The C(x-zm-trackingid) header of Zoom's error answer, which Zoom's support asks for to find the request in its
      logs. The failure message ends with it too.
  returned: failure, when Zoom sent one
  type: str
  sample: "v=2.0;clid=us05;rid=WEB_6f0c0e8a6c2d4b1f9a7e3d5c8b1a2f40"
  version_added: 0.2.0
http_log:
  description:
    - One line per HTTP request this task sent - method, URL with the query (page tokens shortened), status,
      duration and, for a retried request, why and when it is retried. Never holds a secret.
    - The same lines go to the system log of the host the module runs on at every verbosity.
  returned: at verbosity 3 (C(-vvv)) or more, on success and on failure
  type: list
  elements: str
  sample:
    - "ucops.zoom: POST https://zoom.us/oauth/token?grant_type=account_credentials&account_id=Y4jLy2... -> 200 in 212 ms"
    - "ucops.zoom: GET https://api.zoom.us/v2/phone/numbers?type=unassigned&page_size=100 -> 200 in 388 ms"
'''

import gc

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucops.zoom.plugins.module_utils import number_query, zoom_connection
from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import list_numbers
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_module import run_module


def argument_spec():
    spec = zoom_connection.module_argument_spec()
    spec.update(number_query.module_argument_spec())
    return spec


def run(params, client):
    """List the numbers ``params`` ask for through ``client``; return the result dict or raise ZoomError.

    ``main()`` builds the client, so a test can drive this road with a client of its own.
    """
    query = number_query.NumberQuery.from_options(number_query.listing_options(params), endpoint=client.connection.endpoint)
    listing = list_numbers(client, query)
    return dict(listing.stats.as_dict(), changed=False, phone_numbers=listing.records, count=len(listing.records))


def main():
    # This process lives for one listing, and what it builds (parsed pages) holds no reference
    # cycles: the cyclic collector would only rescan the growing list of records again and again.
    # Measured over 100,000 numbers (1,000 pages): 19% less CPU in the client with it off. Only
    # here, never in the lookup, inventory or audit, which run inside Ansible's own process.
    gc.disable()
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    run_module(module, run, requirements=((number_query.HAS_JMESPATH, "jmespath", number_query.JMESPATH_IMPORT_ERROR),))


if __name__ == "__main__":
    main()
