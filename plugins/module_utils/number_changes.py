# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Declarative changes to phone numbers: the options, the plan per number, and the write requests.

``ChangeRequest.from_options`` is the one place the options of ``zoom_phone_number`` are
checked, before any HTTP request. ``plan_number`` compares one number's current record with
what the options ask for and says which actions it needs (in the order they must run:
unassign, move to a site, update, assign, release), what changes, and every problem that
forbids the change. ``build_steps`` turns the actions of one kind into Zoom's write requests,
batched to Zoom's limits. Pure functions: the reading and the writing are elsewhere
(``number_state``, ``number_writes``).
"""

from __future__ import annotations

import collections
import re

from ansible_collections.ucops.zoom.plugins.module_utils import number_management, phone_targets
from ansible_collections.ucops.zoom.plugins.module_utils.number_query import phone_number_value
from ansible_collections.ucops.zoom.plugins.module_utils.option_values import boolean_option, preview
from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import PHONE_PATH
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomConfigError, ZoomError

STATES = ("present", "assigned", "unassigned", "absent")
CAPABILITIES = ("incoming", "outgoing")
SETTINGS = ("site", "capability", "display_name", "emergency_address_confirmed", "sip_group")
BYOC_SETTINGS = ("emergency_address_confirmed", "sip_group")
# The fields one PATCH of a number changes, in the order results show them.
UPDATE_FIELDS = ("capability", "display_name", "emergency_address_confirmed", "sip_group")
# Both update operations take at most 32 characters (documented for Number Management).
DISPLAY_NAME_MAX = 32
# The order actions run in: a number leaves its assignee before it moves, and is assigned last.
ACTIONS = ("unassign", "move", "update", "assign", "release")

SITE_MOVE_PATH = "/phone/numbers/sites/%s"
SITE_MOVE_LIMIT = 20
RELEASE_LIMITS = {"phone": 20, "number_management": 10}
# Zoom marks a confirmed emergency address with status 2 (1: the carrier must update it).
ADDRESS_CONFIRMED = 2

_NUMBER_ID = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")


class ZoomChangeError(ZoomError):
    """A change that was refused before the first write, or stopped after some writes.

    ``details`` (problems, numbers, requests, done, not_done) become keys of the failed result.
    """

    kind = "change"

    def __init__(self, message, details, status=None, code=None):
        super().__init__(message, status=status, code=code)
        self.details = details

    def fail_kwargs(self):
        result = super().fail_kwargs()
        result.update(self.details)
        return result


def module_argument_spec():
    """Argument spec entries of the change options (the connection options come from zoom_connection)."""
    return {
        "numbers": {"type": "list", "elements": "str", "required": True},
        "state": {"type": "str", "choices": list(STATES), "default": "present"},
        "assignee": {"type": "dict", "options": {
            "type": {"type": "str", "required": True, "choices": list(phone_targets.ASSIGNEE_TYPES)},
            "id": {"type": "str"},
            "email": {"type": "str"},
            "name": {"type": "str"},
            "extension_number": {"type": "int"},
        }},
        "reassign": {"type": "bool", "default": False},
        "site": {"type": "str"},
        "capability": {"type": "list", "elements": "str", "choices": list(CAPABILITIES)},
        "display_name": {"type": "str"},
        "emergency_address_confirmed": {"type": "bool"},
        "sip_group": {"type": "str"},
    }


class ChangeRequest:
    """What the options ask for, checked: the numbers (no key twice), the state, the assignee and the settings."""

    def __init__(self, numbers, state, assignee, reassign, settings):
        self.numbers = numbers
        self.state = state
        self.assignee = assignee
        self.reassign = reassign
        self.settings = settings

    @property
    def needs_byoc_fields(self):
        return any(name in self.settings for name in BYOC_SETTINGS)

    @classmethod
    def from_options(cls, options):
        """Check the change options; raise ZoomConfigError naming the option before anything is sent."""
        state = options.get("state") or "present"
        if state not in STATES:
            raise ZoomConfigError("Option %s must be one of %s, got %r." % ("state", ", ".join(STATES), preview(state)))
        settings = _settings(options)
        assignee = _assignee(options.get("assignee"), state)
        if state == "absent" and settings:
            raise ZoomConfigError("Option state: absent releases numbers and takes no %s." % ", ".join(sorted(settings)))
        reassign = boolean_option("reassign", options.get("reassign") or False)
        return cls(_numbers(options.get("numbers")), state, assignee, reassign, settings)


def _numbers(value):
    if not isinstance(value, list) or not value:
        raise ZoomConfigError("Option numbers must be a non-empty list of E.164 numbers or Zoom phone number ids.")
    keys = []
    for index, item in enumerate(value):
        name = "numbers[%d]" % index
        text = item.strip() if isinstance(item, str) else item
        if isinstance(text, str) and text.startswith("+"):
            text = phone_number_value(name, text)
        elif not isinstance(text, str) or not _NUMBER_ID.match(text):
            raise ZoomConfigError("Option %s must be an E.164 number such as +14155550123 or a Zoom phone number id, got %r."
                                  % (name, preview(item)))
        if text not in keys:
            keys.append(text)
    return keys


def _assignee(value, state):
    if state != "assigned":
        if value:
            raise ZoomConfigError("Option assignee is used only with state: assigned (state: unassigned takes each number "
                                  "from whatever holds it).")
        return None
    if not isinstance(value, dict) or not value:
        raise ZoomConfigError("Option assignee is required with state: assigned: give its type and one of id, email, name, "
                              "extension_number.")
    kind = value.get("type")
    if kind not in phone_targets.ASSIGNEE_TYPES:
        raise ZoomConfigError("Option %s must be one of %s, got %r." % ("assignee.type", ", ".join(phone_targets.ASSIGNEE_TYPES), preview(kind)))
    unknown = sorted(str(key) for key in value if key not in ("type",) + phone_targets.IDENTIFIERS)
    if unknown:
        raise ZoomConfigError("Unknown assignee option %s; accepted: type, %s." % (", ".join(unknown), ", ".join(phone_targets.IDENTIFIERS)))
    given = [name for name in phone_targets.IDENTIFIERS if value.get(name) not in (None, "")]
    if len(given) != 1:
        raise ZoomConfigError("Option assignee needs exactly one of %s, got %s." % (
            ", ".join(phone_targets.IDENTIFIERS), ", ".join(given) if given else "none"))
    if given[0] == "email" and kind != "user":
        raise ZoomConfigError("Option assignee.email identifies users only; give a %s by id, name or extension_number." % kind)
    checked = {"type": kind, given[0]: value[given[0]]}
    if given[0] == "extension_number":
        if isinstance(value[given[0]], bool) or not str(value[given[0]]).isdigit():
            raise ZoomConfigError("Option assignee.extension_number must be a whole number, got %r." % preview(value[given[0]]))
        checked[given[0]] = int(value[given[0]])
    elif not isinstance(value[given[0]], str) or not value[given[0]].strip():
        raise ZoomConfigError("Option assignee.%s must be a non-empty string." % given[0])
    return checked


def _settings(options):
    settings = {}
    for name in ("site", "sip_group"):
        value = options.get(name)
        if value is not None:
            if not isinstance(value, str) or not value.strip():
                raise ZoomConfigError("Option %s must be a non-empty id or exact name." % name)
            settings[name] = value.strip()
    capability = options.get("capability")
    if capability is not None:
        if not isinstance(capability, list) or not capability or any(item not in CAPABILITIES for item in capability):
            raise ZoomConfigError("Option capability must be a non-empty list of %s, got %r." % (" and ".join(CAPABILITIES), preview(capability)))
        settings["capability"] = [item for item in CAPABILITIES if item in capability]
    display_name = options.get("display_name")
    if display_name is not None:
        if not isinstance(display_name, str) or len(display_name) > DISPLAY_NAME_MAX or re.search(r"[\x00-\x1f\x7f]", display_name):
            raise ZoomConfigError("Option display_name must be text of at most %d characters without control characters "
                                  "(an empty string removes it), got %r." % (DISPLAY_NAME_MAX, preview(display_name)))
        settings["display_name"] = display_name
    confirmed = options.get("emergency_address_confirmed")
    if confirmed is not None:
        settings["emergency_address_confirmed"] = boolean_option("emergency_address_confirmed", confirmed)
    return settings


class Resolved:
    """The lookups a plan needs: the assignee (a phone_targets.Target), the site and the SIP group."""

    def __init__(self, target=None, site=None, sip_group=None):
        self.target = target
        self.site = site
        self.sip_group = sip_group


def resolve(lookups, request, endpoint):
    """``(Resolved, problems)``: the assignee, site and SIP group the options name, found through ``lookups``."""
    resolved, problems = Resolved(), []
    if request.assignee:
        resolved.target, problem = lookups.assignee(request.assignee)
        problems.append(problem)
    if "site" in request.settings:
        resolved.site, problem = lookups.site(request.settings["site"])
        problems.append(problem)
    if "sip_group" in request.settings:
        resolved.sip_group, problem = lookups.sip_group(request.settings["sip_group"], endpoint)
        problems.append(problem)
    return resolved, [problem for problem in problems if problem]


def plan_all(request, records, resolved, endpoint):
    """One NumberPlan per number, in the order given; a number named by id and by E.164 number is planned once."""
    plans, seen = [], set()
    for key in request.numbers:
        record = records.get(key)
        if record is not None:
            if record["id"] in seen:
                continue
            seen.add(record["id"])
        plans.append(plan_number(request, key, record, resolved, endpoint))
    return plans


def planned_requests(plans, endpoint):
    """The write requests a run would make, in order (check mode)."""
    return [step.entry() for action in ACTIONS for step in build_steps(action, plans, endpoint)]


class NumberPlan:
    """One number: its record before, the actions it needs, the fields before and after, its problems."""

    def __init__(self, key, record):
        self.key = key
        self.record = record
        self.id = record["id"] if record else None
        self.number = record.get("number") if record else (key if key.startswith("+") else None)
        self.holder = (record or {}).get("assignee") or None
        self.actions = []
        self.completed = []
        self.before = collections.OrderedDict()
        self.after = collections.OrderedDict()
        self.problems = []
        self.target = None
        self.site = None
        self.update = {}

    @property
    def label(self):
        return self.number or self.key

    @property
    def done(self):
        return bool(self.actions) and len(self.completed) == len(self.actions)

    def problem(self, text):
        self.problems.append("%s: %s" % (self.label, text))

    def result(self):
        return {"id": self.id, "number": self.number, "before": dict(self.before), "after": dict(self.after),
                "actions": list(self.actions)}

    def diff(self):
        """Ansible's diff of this number: the fields that change."""
        changed = [name for name in self.after if self.before.get(name) != self.after[name]]
        return {"before_header": self.label, "after_header": self.label,
                "before": dict((name, self.before.get(name)) for name in changed),
                "after": dict((name, self.after[name]) for name in changed)}


def assignee_summary(assignee):
    """An assignee as results show it, or None."""
    if not assignee:
        return None
    keys = ("type", "id", "name", "extension_number")
    return dict((key, assignee[key]) for key in keys if assignee.get(key) is not None)


def site_summary(record):
    site = record.get("site") or {}
    return {"id": site.get("id"), "name": site.get("name")} if site.get("id") else None


def current_value(record, name):
    """A setting's current value in a number record, in the form the options use."""
    if name == "capability":
        return [item for item in CAPABILITIES if item in (record.get("capability") or [])]
    if name == "display_name":
        return record.get("display_name") or ""
    if name == "emergency_address_confirmed":
        return record.get("emergency_address_status") == ADDRESS_CONFIRMED
    if name == "sip_group":
        group = record.get("sip_group") or {}
        return {"id": group.get("id"), "display_name": group.get("display_name")} if group.get("id") else None
    return site_summary(record)


def plan_number(request, key, record, resolved, endpoint):
    """The NumberPlan of one number: its actions, its before and after, and its problems."""
    plan = NumberPlan(key, record)
    if record is None:
        if request.state == "absent":
            plan.before["exists"] = plan.after["exists"] = False
        else:
            plan.problem("not a number of this account (or not a Zoom Phone number).")
        return plan
    if record.get("allocated_product") == "ZOOM_CONTACT_CENTER":
        plan.problem("a Zoom Contact Center number; this module changes Zoom Phone numbers.")
    unassign, assign = _assignment(plan, request, resolved)
    if unassign and phone_targets.holder_path(plan.holder, plan.id) is None:
        plan.problem("held by %s, which Zoom's API cannot take numbers from; change it in the Zoom web portal."
                     % phone_targets.describe_assignee(plan.holder))
    move = _site(plan, request, resolved, unassign)
    if assign:
        _site_of_assignee(plan, resolved.target, resolved.site if move else site_summary(record))
    update = _updates(plan, request, resolved, endpoint)
    for action, needed in (("unassign", unassign), ("move", move), ("update", update), ("assign", assign)):
        if needed:
            plan.actions.append(action)
    if request.state == "absent":
        plan.before["exists"], plan.after["exists"] = True, False
        if plan.holder:
            plan.problem("held by %s; only unassigned numbers are released (state: unassigned first)."
                         % phone_targets.describe_assignee(plan.holder))
        else:
            plan.actions.append("release")
    return plan


def _assignment(plan, request, resolved):
    """``(unassign, assign)`` for the number's state option."""
    holder = plan.holder
    if request.state == "unassigned":
        plan.before["assignee"], plan.after["assignee"] = assignee_summary(holder), None
        return bool(holder), False
    if request.state != "assigned":
        return False, False
    target = resolved.target
    plan.before["assignee"] = assignee_summary(holder)
    plan.after["assignee"] = target.summary() if target else None
    if target is None or (holder and holder.get("id") == target.id and holder.get("type") == target.kind.type):
        return False, False
    plan.target = target
    if holder and not request.reassign:
        plan.problem("held by %s; set reassign: true to move it." % phone_targets.describe_assignee(holder))
    return bool(holder), True


def _site(plan, request, resolved, unassign):
    """Whether the number moves to the site asked for; a held number moves only once unassigned."""
    if "site" not in request.settings or resolved.site is None:
        return False
    plan.before["site"], plan.after["site"] = site_summary(plan.record), resolved.site
    if (plan.before["site"] or {}).get("id") == resolved.site["id"]:
        return False
    if plan.holder and not unassign:
        plan.problem("held by %s; Zoom moves only unassigned numbers to another site." % phone_targets.describe_assignee(plan.holder))
    plan.site = resolved.site
    return True


def _site_of_assignee(plan, target, number_site):
    """Zoom may refuse a number of one site for an extension of another: refuse it here, before any write."""
    if target.site and number_site and number_site["id"] != target.site["id"]:
        plan.problem("belongs to site %r and the %s to site %r; add site: %s to move the number there first." % (
            number_site.get("name"), target.kind.noun, target.site.get("name"), target.site["id"]))


def _updates(plan, request, resolved, endpoint):
    """Fill ``plan.update`` with the fields one PATCH must change; True when there are any."""
    record = plan.record
    wanted = dict((name, request.settings[name]) for name in UPDATE_FIELDS if name in request.settings)
    if "sip_group" in wanted:
        wanted["sip_group"] = resolved.sip_group
    byoc = [name for name in BYOC_SETTINGS if name in wanted]
    if byoc and record.get("source") != "external":
        plan.problem("not a BYOC number; only BYOC numbers take %s." % " and ".join(byoc))
        return False
    for name, value in wanted.items():
        if value is None:
            continue
        before = current_value(record, name)
        plan.before[name], plan.after[name] = before, value
        if name == "sip_group":
            differs = (before or {}).get("id") != value["id"]
        else:
            differs = before != value
        if name == "emergency_address_confirmed" and differs:
            differs = _confirmable(plan, value, endpoint)
        if differs:
            plan.update[name] = value
    return bool(plan.update)


def _confirmable(plan, confirm, endpoint):
    record = plan.record
    if not confirm:
        plan.problem("its emergency address is confirmed, and Zoom cannot mark it unconfirmed.")
    elif not record.get("emergency_address"):
        plan.problem("has no emergency address to confirm; add one in the Zoom web portal first.")
    elif endpoint == "number_management" and record.get("number_source") == "BYOCCloud":
        plan.problem("Number Management confirms the emergency address of BYOC Premises numbers only; use endpoint: phone.")
    else:
        return True
    return False


# What each action's request must show once it took effect, and what a number must still be
# for the request to be sent again safely (used after an answer that leaves it unknown).
def in_effect(action, plan, record):
    if action == "release":
        return record is None
    if record is None:
        return False
    assignee = record.get("assignee") or {}
    if action == "unassign":
        return not assignee
    if action == "assign":
        return assignee.get("id") == plan.target.id
    if action == "move":
        return (record.get("site") or {}).get("id") == plan.site["id"]
    return all(_field_in_effect(record, name, value) for name, value in plan.update.items())


def still_before(action, plan, record):
    if record is None:
        return False
    assignee = record.get("assignee") or {}
    if action == "unassign":
        return assignee.get("id") == plan.holder.get("id")
    if action in ("assign", "move", "release"):
        return not assignee
    return True


def _field_in_effect(record, name, value):
    current = current_value(record, name)
    if name == "sip_group":
        return (current or {}).get("id") == value["id"]
    return current == value


class Step:
    """One write request: the action, method, path, query or body, and the numbers it changes."""

    def __init__(self, action, method, path, plans, params=None, body=None):
        self.action = action
        self.method = method
        self.path = path
        self.plans = plans
        self.params = params
        self.body = body

    def entry(self, status=None):
        """The request as the result lists it."""
        return {"method": self.method, "path": self.path, "numbers": [plan.label for plan in self.plans], "status": status}


def build_steps(action, plans, endpoint):
    """The write requests that carry out ``action`` for every plan still needing it, batched to Zoom's limits."""
    todo = [plan for plan in plans if action in plan.actions and action not in plan.completed]
    if action == "unassign":
        return [Step(action, "DELETE", phone_targets.holder_path(plan.holder, plan.id), [plan]) for plan in todo]
    if action == "update":
        return [_update_step(plan, endpoint) for plan in todo]
    if action == "move":
        return [Step(action, "PATCH", SITE_MOVE_PATH % site_id, chunk, body={"phone_numbers": [plan.id for plan in chunk]})
                for site_id, group in _grouped(todo, lambda plan: plan.site["id"]) for chunk in _chunks(group, SITE_MOVE_LIMIT)]
    if action == "assign":
        return [Step(action, "POST", group[0].target.numbers_path, chunk, body={"phone_numbers": [{"id": plan.id} for plan in chunk]})
                for _key, group in _grouped(todo, lambda plan: (plan.target.kind.type, plan.target.id))
                for chunk in _chunks(group, group[0].target.kind.assign_limit)]
    nm = endpoint == "number_management"
    return [Step(action, "DELETE", number_management.PATH if nm else PHONE_PATH, chunk,
                 params={"numbers" if nm else "phone_numbers": ",".join(plan.id for plan in chunk)})
            for chunk in _chunks(todo, RELEASE_LIMITS[endpoint])]


def _update_step(plan, endpoint):
    """PATCH one number: the Phone API takes capability as a list, Number Management as an object."""
    nm = endpoint == "number_management"
    body = {}
    for name, value in plan.update.items():
        if name == "capability":
            body["capability"] = dict((item, item in value) for item in CAPABILITIES) if nm else value
        elif name == "display_name":
            body["display_name"] = value
        elif name == "emergency_address_confirmed":
            body.update({"confirm_address_update": True} if nm else {"emergency_address_status": ADDRESS_CONFIRMED})
        else:
            body["sip_group_id"] = value["id"]
    return Step("update", "PATCH", "%s/%s" % (number_management.PATH if nm else PHONE_PATH, plan.id), [plan], body=body)


def _grouped(plans, key):
    groups = collections.OrderedDict()
    for plan in plans:
        groups.setdefault(key(plan), []).append(plan)
    return list(groups.items())


def _chunks(items, size):
    return [items[start:start + size] for start in range(0, len(items), size)]
