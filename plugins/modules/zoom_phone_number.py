#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: zoom_phone_number
short_description: Assign, unassign, move, update and release Zoom Phone numbers
version_added: 0.2.0
description:
  - Says what state some phone numbers of a Zoom Phone account should be in (assigned to whom, unassigned, on which
    site, with which capabilities, display name and BYOC settings, or released) and makes only the changes needed.
  - Reads the numbers first, then checks everything before the first write. Unknown numbers, an assignee that is not
    exactly one extension, a number held elsewhere without O(reassign=true), a site move of a number that stays
    assigned, BYOC settings on other numbers, the release of an assigned number, and numbers held by an emergency
    number pool, a company location or a meeting service (which no API unassigns) all fail the task together, with
    every problem listed and nothing changed.
  - A second run with the same options makes no write request and reports no change. Check mode makes no write
    request and reports the requests it would make; diff mode shows each number's fields before and after.
  - Changes are batched to Zoom's limits per request (10 numbers per user, 5 per call queue or shared line group,
    20 per common area, 20 per site move, 20 per release through the Phone API and 10 through Number Management),
    paced by the same rate limiter as listings.
  - A write is sent again only where that cannot do harm. After HTTP 429 Zoom made no change, so the request is
    retried. After a 5xx, a reset or a timeout the change may have been made, so the numbers are read again first
    and the request is sent again only for those still unchanged. When a write fails for good the task fails, listing
    the numbers that were changed (RV(done)) and those that were not (RV(not_done)); running it again finishes the job.
author:
  - ucops.zoom maintainers (@ucops)
requirements:
  - requests
  - jmespath
extends_documentation_fragment:
  - ucops.zoom.zoom
options:
  numbers:
    description:
      - The numbers to act on, as E.164 numbers (V(+14155550123)) or Zoom phone number ids, mixed. A number named
        twice is acted on once.
    type: list
    elements: str
    required: true
    version_added: 0.2.0
  state:
    description:
      - V(present) applies only the settings given (O(site), O(capability), O(display_name),
        O(emergency_address_confirmed), O(sip_group)) and leaves the assignment alone.
      - V(assigned) assigns every number to O(assignee), then applies the settings. A number held by another
        assignee is moved only with O(reassign=true).
      - V(unassigned) takes each number from whatever holds it, then applies the settings.
      - V(absent) releases the numbers from the account. B(This cannot be undone); Zoom may hand a released number
        to another customer. Only unassigned numbers are released; a number no longer in the account is already
        absent (no change, no failure). Takes none of the settings.
    type: str
    choices: [present, assigned, unassigned, absent]
    default: present
    version_added: 0.2.0
  assignee:
    description:
      - Who the numbers are assigned to; required with O(state=assigned) and used only then.
      - Give O(assignee.type) and exactly one of O(assignee.id), O(assignee.email), O(assignee.name),
        O(assignee.extension_number). It must match exactly one extension of the account.
    type: dict
    version_added: 0.2.0
    suboptions:
      type:
        description:
          - The kind of extension.
        type: str
        required: true
        choices: [user, callQueue, autoReceptionist, commonArea, sharedLineGroup]
        version_added: 0.2.0
      id:
        description:
          - The extension's Zoom id (for a user, the user id).
        type: str
        version_added: 0.2.0
      email:
        description:
          - A user's e-mail address, compared without regard to case. Users only.
        type: str
        version_added: 0.2.0
      name:
        description:
          - The exact name (the display name of a common area or shared line group). Fails when several extensions
            of that kind have the name.
        type: str
        version_added: 0.2.0
      extension_number:
        description:
          - The extension number.
        type: int
        version_added: 0.2.0
  reassign:
    description:
      - With O(state=assigned), take numbers held by another assignee from it (unassign, then assign).
      - V(false) fails the task, before any change, when a number is held elsewhere.
    type: bool
    default: false
    version_added: 0.2.0
  site:
    description:
      - A site id or exact site name. The numbers are moved to that site.
      - Zoom moves only unassigned numbers; with O(state=unassigned) or O(reassign=true) the number is moved after it
        is unassigned and before it is assigned again. A number assigned to an extension of another site must be moved
        to the extension's site first, so the task refuses that assignment unless O(site) names that site.
    type: str
    version_added: 0.2.0
  capability:
    description:
      - Whether the numbers take incoming calls, make outgoing calls, or both.
    type: list
    elements: str
    choices: [incoming, outgoing]
    version_added: 0.2.0
  display_name:
    description:
      - The numbers' display name, at most 32 characters. An empty string removes it.
    type: str
    version_added: 0.2.0
  emergency_address_confirmed:
    description:
      - BYOC numbers only. V(true) confirms each number's emergency address (the number needs one).
      - V(false) changes nothing, and fails for a number whose address is already confirmed, since Zoom cannot undo
        a confirmation.
    type: bool
    version_added: 0.2.0
  sip_group:
    description:
      - BYOC numbers only. The SIP group id or exact name the numbers route through.
    type: str
    version_added: 0.2.0
notes:
  - "Runs where the task runs, normally on the controller (with C(hosts: localhost) or C(delegate_to: localhost))."
  - Assignments go through the Phone API, which has no replacement. The number updates and releases move to their
    Number Management replacements (C(PATCH /number_management/numbers/{id}), C(DELETE /number_management/numbers))
    with O(endpoint=number_management), or by themselves with O(endpoint=auto) when Zoom answers that the Phone API
    operations are gone. Site moves stay on the Phone API.
  - The current state is read with one request per number, or with a listing of the account when that costs fewer
    requests; with three numbers or more the account's first page is read to decide. RV(reads) says what it cost.
  - "Needs the OAuth scopes C(phone:read:admin) and C(phone:write:admin) (or the granular scopes of the operations used,
    such as C(phone:write:user_number:admin), C(phone:update:number:admin), C(phone:update:site_number:admin),
    C(phone:delete:number:admin)); through Number Management also C(number_management_numbers:read:admin),
    C(number_management_numbers:write:admin), and C(number_management_numbers:write:master) to release."
attributes:
  check_mode:
    description: Reads the numbers and reports the write requests it would make, without making any.
    support: full
  diff_mode:
    description: Shows each number's changing fields before and after.
    support: full
  action_group:
    description: Use C(group/ucops.zoom.zoom) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - ucops.zoom.zoom
seealso:
  - module: ucops.zoom.zoom_phone_numbers_info
  - name: Zoom API reference, phone numbers
    description: The operations this module calls.
    link: https://developers.zoom.us/docs/api/phone/#tag/phone-numbers
'''

EXAMPLES = r'''
- name: Give a new employee a number of their site
  ucops.zoom.zoom_phone_number:
    numbers: ["+14155550123"]
    state: assigned
    assignee:
      type: user
      email: jill.chill@example.com

- name: Point two numbers at the sales call queue, taking them from whoever holds them
  ucops.zoom.zoom_phone_number:
    numbers: ["+14155550124", "+14155550125"]
    state: assigned
    assignee:
      type: callQueue
      name: Sales Queue
    reassign: true

- name: Empty a call queue (its numbers listed first)
  block:
    - name: Numbers of the queue
      ucops.zoom.zoom_phone_numbers_info:
        type: assigned
        extension_type: callQueue
        where: "assignee.name == 'Old Support Queue'"
      register: queue_numbers

    - name: Unassign them
      ucops.zoom.zoom_phone_number:
        numbers: "{{ queue_numbers.phone_numbers | map(attribute='number') }}"
        state: unassigned
      when: queue_numbers.phone_numbers | length > 0

- name: Move unassigned numbers to the London site, incoming calls only
  ucops.zoom.zoom_phone_number:
    numbers: "{{ spare_numbers }}"
    site: London HQ
    capability: [incoming]

- name: Confirm the emergency address of BYOC numbers and route them through a SIP group
  ucops.zoom.zoom_phone_number:
    numbers: ["+12125550100"]
    emergency_address_confirmed: true
    sip_group: SBC Primary

- name: See what releasing idle numbers would do (release cannot be undone)
  ucops.zoom.zoom_phone_number:
    numbers: "{{ idle_numbers }}"
    state: absent
  check_mode: true
  diff: true
  register: release_plan
'''

RETURN = r'''
numbers:
  description:
    - One entry per number, in the order given. C(before) and C(after) hold the fields the options concern
      (C(assignee), C(site), C(capability), C(display_name), C(emergency_address_confirmed), C(sip_group), and
      C(exists) for a release); C(actions) the changes made (or, in check mode, to be made), in order, among
      C(unassign), C(move), C(update), C(assign), C(release).
  returned: success and failure after the numbers were read
  type: list
  elements: dict
  sample:
    - id: 3vt4b7wtb79q4hqnu8fe7n
      number: "+14155550123"
      before: {assignee: null, site: {id: 8f71O6rWT8KFUGQmJIFAdQ, name: Main Site}}
      after: {assignee: {type: user, id: Y40mS72DRamFgGh0V1Ul_Q, name: Jill Chill, extension_number: 1001},
              site: {id: 8f71O6rWT8KFUGQmJIFAdQ, name: Main Site}}
      actions: [assign]
requests:
  description:
    - The write requests made, in order, or in check mode those that would be made. C(status) is Zoom's HTTP status
      (none in check mode, or when no answer came); C(error) says why a request failed, and C(applied) is true when
      the numbers, read again after that failure, showed the change made.
  returned: success and failure after the numbers were read
  type: list
  elements: dict
  sample:
    - method: POST
      path: /phone/users/Y40mS72DRamFgGh0V1Ul_Q/phone_numbers
      numbers: ["+14155550123"]
      status: 200
endpoint:
  description: The API that served the number reads, updates and releases (see O(endpoint)).
  returned: success
  type: str
  sample: phone
reads:
  description:
    - How the numbers were read (C(strategy) V(per_number) or V(listing)) and how many requests that took (C(requests),
      lookups of assignees, sites and SIP groups not included).
  returned: success
  type: dict
  sample: {strategy: per_number, requests: 1}
problems:
  description: Everything that forbids the change; the task then fails before any write.
  returned: failure before the first write
  type: list
  elements: str
  sample: ["+14155550123: held by call queue 'Sales Queue' (id 8yDNV20UR1s0mq6Qj7UmLA); set reassign: true to move it."]
done:
  description: The numbers whose changes were all made before a write failed for good.
  returned: failure after writes began
  type: list
  elements: str
  sample: ["+14155550123"]
not_done:
  description: The numbers with changes still to make when a write failed for good; run the task again to make them.
  returned: failure after writes began
  type: list
  elements: str
  sample: ["+14155550124"]
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.ucops.zoom.plugins.module_utils import number_changes, number_query, zoom_connection, zoom_http
from ansible_collections.ucops.zoom.plugins.module_utils.number_changes import ChangeRequest, ZoomChangeError
from ansible_collections.ucops.zoom.plugins.module_utils.number_state import NumberReader
from ansible_collections.ucops.zoom.plugins.module_utils.number_writes import Writer, WriteStopped
from ansible_collections.ucops.zoom.plugins.module_utils.phone_targets import Lookups
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_client import ZoomClient
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomError

# How many numbers a failure message names before it says "and N more" (the result lists them all).
NAMED_IN_MESSAGE = 10


def argument_spec():
    spec = zoom_connection.module_argument_spec()
    spec.update(number_changes.module_argument_spec())
    return spec


def run(params, client, check_mode=False, diff=False):
    """Bring the numbers of ``params`` to the state they ask for through ``client``; return the result or raise ZoomError.

    ``main()`` builds the client, so a test can drive this road with a client of its own.
    """
    request = ChangeRequest.from_options(params)
    reader = NumberReader(client, client.connection.endpoint)
    records = reader.read(request.numbers, byoc_fields=request.needs_byoc_fields)
    resolved, problems = number_changes.resolve(Lookups(client), request, reader.endpoint)
    plans = number_changes.plan_all(request, records, resolved, reader.endpoint)
    problems += [problem for plan in plans for problem in plan.problems]
    result = {"changed": False, "numbers": [plan.result() for plan in plans], "requests": [], "endpoint": reader.endpoint,
              "reads": {"strategy": reader.strategy, "requests": reader.requests}}
    if problems:
        raise ZoomChangeError("Nothing was changed: %d problem%s found before the first write. %s" % (
            len(problems), "" if len(problems) == 1 else "s", " ".join(problems)), dict(result, problems=problems))
    if diff:
        result["diff"] = [plan.diff() for plan in plans if plan.actions]
    if check_mode:
        result["requests"] = number_changes.planned_requests(plans, reader.endpoint)
        result["changed"] = any(plan.actions for plan in plans)
        return result
    writer = Writer(client, reader, plans)
    try:
        writer.run()
    except WriteStopped as stopped:
        raise _stopped(stopped.error, plans, dict(result, requests=writer.requests, endpoint=reader.endpoint)) from None
    result.update(changed=any(plan.completed for plan in plans), requests=writer.requests, endpoint=reader.endpoint)
    return result


def _stopped(error, plans, result):
    """The failure of a run that stopped after writes began: what was changed and what was not."""
    done = [plan.label for plan in plans if plan.done]
    not_done = [plan.label for plan in plans if plan.actions and not plan.done]
    result.update(changed=any(plan.completed for plan in plans), done=done, not_done=not_done)
    return ZoomChangeError("%s Changed: %s. Not changed: %s. Run the task again to finish." % (
        error.message, _named(done), _named(not_done)), result, status=error.status, code=error.code)


def _named(labels):
    if not labels:
        return "none"
    more = len(labels) - NAMED_IN_MESSAGE
    return ", ".join(labels[:NAMED_IN_MESSAGE]) + (" and %d more" % more if more > 0 else "")


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    if not zoom_http.HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=zoom_http.REQUESTS_IMPORT_ERROR)
    if not number_query.HAS_JMESPATH:
        module.fail_json(msg=missing_required_lib("jmespath"), exception=number_query.JMESPATH_IMPORT_ERROR)
    try:
        client = ZoomClient(zoom_connection.connection_from_options(module.params), warn=module.warn, log=module.log)
        result = run(module.params, client, check_mode=module.check_mode, diff=module._diff)  # pylint: disable=protected-access
    except ZoomError as exc:
        module.fail_json(**exc.fail_kwargs())
    module.exit_json(**result)


if __name__ == "__main__":
    main()
