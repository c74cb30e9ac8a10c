# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Finding what numbers are changed towards: assignees, sites and SIP groups.

Each is looked up through Zoom's list endpoints (``ZoomClient.list_all``) and matched
exactly, by id, e-mail (users), exact name or extension number. A lookup that finds nothing
or more than one candidate is a problem, returned as text for the plan to list with the
others; nothing here changes anything.
"""

from __future__ import annotations

import collections

# How Zoom lists each kind of assignee, which field names it, and how many numbers one
# assignment request may carry (Zoom's documented limits; auto receptionists have none
# documented, so a small batch keeps a refused request small).
TargetKind = collections.namedtuple("TargetKind", "type noun path items_key name_field page_size assign_limit")

KINDS = collections.OrderedDict((kind.type, kind) for kind in (
    TargetKind("user", "user", "/phone/users", "users", "name", 100, 10),
    TargetKind("callQueue", "call queue", "/phone/call_queues", "call_queues", "name", 100, 5),
    TargetKind("autoReceptionist", "auto receptionist", "/phone/auto_receptionists", "auto_receptionists", "name", 100, 10),
    TargetKind("commonArea", "common area", "/phone/common_areas", "common_areas", "display_name", 100, 20),
    TargetKind("sharedLineGroup", "shared line group", "/phone/shared_line_groups", "shared_line_groups", "display_name", 300, 5),
))

ASSIGNEE_TYPES = tuple(KINDS)
IDENTIFIERS = ("id", "email", "name", "extension_number")

SITES_PATH = "/phone/sites"
SITES_PAGE_SIZE = 300
PHONE_SIP_GROUPS_PATH = "/phone/sip_groups"
NM_SIP_GROUPS_PATH = "/number_management/sip_groups"
SIP_GROUPS_PAGE_SIZE = 300


class Target:
    """One resolved assignee: its kind, id, name, extension number and site."""

    def __init__(self, kind, item):
        self.kind = kind
        self.id = item["id"]
        self.name = item.get(kind.name_field)
        self.extension_number = item.get("extension_number")
        site = item.get("site")
        self.site = site if isinstance(site, dict) and site.get("id") else None

    @property
    def numbers_path(self):
        return "%s/%s/phone_numbers" % (self.kind.path, self.id)

    def summary(self):
        """The assignee as a number record shows it (``assignee`` of GET /phone/numbers)."""
        summary = {"type": self.kind.type, "id": self.id, "name": self.name}
        if self.extension_number is not None:
            summary["extension_number"] = self.extension_number
        return summary


def holder_path(assignee, number_id):
    """The path that takes ``number_id`` from its current ``assignee``; None when no API can."""
    kind = KINDS.get(assignee.get("type"))
    if kind is None or not assignee.get("id"):
        return None
    return "%s/%s/phone_numbers/%s" % (kind.path, assignee["id"], number_id)


def describe_assignee(assignee):
    """``call queue 'Sales' (id X)``: how messages name an assignee of a number record."""
    kind = KINDS.get(assignee.get("type"))
    noun = kind.noun if kind else str(assignee.get("type"))
    name = assignee.get("name")
    return "%s %s(id %s)" % (noun, "'%s' " % name if name else "", assignee.get("id"))


class Lookups:
    """Resolves assignees, sites and SIP groups for one task, each list read at most once."""

    def __init__(self, client):
        self.client = client
        self._lists = {}

    def _all(self, path, items_key, page_size, params=None):
        key = (path, tuple(sorted((params or {}).items())))
        if key not in self._lists:
            self._lists[key] = self.client.list_all(path, dict(params or {}), items_key, page_size).records
        return self._lists[key]

    def assignee(self, spec):
        """``(Target, None)`` or ``(None, problem)`` for a validated ``assignee`` option."""
        kind = KINDS[spec["type"]]
        by, value = next((name, spec[name]) for name in IDENTIFIERS if spec.get(name) is not None)
        if kind.type == "user" and by != "id":
            # Zoom's keyword search narrows the users by name, e-mail or extension; the match is exact here.
            items = self._all(kind.path, kind.items_key, kind.page_size, {"keyword": str(value)})
        else:
            items = self._all(kind.path, kind.items_key, kind.page_size)
        found = [item for item in items if _matches(item, kind, by, value)]
        if len(found) == 1:
            return Target(kind, found[0]), None
        if not found:
            return None, "assignee: no %s has the %s %r." % (kind.noun, by.replace("_", " "), value)
        return None, "assignee: %d %ss have the %s %r (%s); give the id of one." % (
            len(found), kind.noun, by.replace("_", " "), value, "; ".join(_candidate(item) for item in found[:10]))

    def site(self, value):
        """``(site {id, name}, None)`` or ``(None, problem)`` for a site id or exact name."""
        found = _by_id_or_name(self._all(SITES_PATH, "sites", SITES_PAGE_SIZE), value, "name")
        if len(found) == 1:
            return {"id": found[0]["id"], "name": found[0].get("name")}, None
        if not found:
            return None, "site: no site has the id or name %r." % value
        return None, "site: %d sites are named %r (ids %s); give the id." % (len(found), value, ", ".join(item["id"] for item in found))

    def sip_group(self, value, endpoint):
        """``(SIP group {id, display_name}, None)`` or ``(None, problem)`` for an id or exact name."""
        groups = self._sip_groups(endpoint)
        if groups is None:
            return None, ("sip_group: the account has more than %d SIP groups, more than one request of "
                          "GET %s lists; give the SIP group's id." % (SIP_GROUPS_PAGE_SIZE, NM_SIP_GROUPS_PATH))
        found = _by_id_or_name(groups, value, "display_name")
        if len(found) == 1:
            return {"id": found[0]["id"], "display_name": found[0].get("display_name")}, None
        if not found:
            return None, "sip_group: no SIP group has the id or name %r." % value
        return None, "sip_group: %d SIP groups are named %r (ids %s); give the id." % (
            len(found), value, ", ".join(item["id"] for item in found))

    def _sip_groups(self, endpoint):
        if endpoint != "number_management":
            return self._all(PHONE_SIP_GROUPS_PATH, "sip_groups", SIP_GROUPS_PAGE_SIZE)
        # The replacement names the id sip_group_id, so list_all (which pages by id) cannot read
        # it; one page of its maximum size holds every SIP group of nearly any account.
        body = self.client.get(NM_SIP_GROUPS_PATH, {"allocated_product": "ZOOM_PHONE", "page_size": SIP_GROUPS_PAGE_SIZE})
        if body.get("next_page_token"):
            return None
        return [{"id": item.get("sip_group_id"), "display_name": item.get("display_name")}
                for item in body.get("sip_groups") or [] if isinstance(item, dict)]


def _matches(item, kind, by, value):
    if by == "id":
        return item.get("id") == value
    if by == "email":
        return str(item.get("email") or "").lower() == value.lower()
    if by == "name":
        return item.get(kind.name_field) == value
    return str(item.get("extension_number")) == str(value)


def _by_id_or_name(items, value, name_field):
    by_id = [item for item in items if item.get("id") == value]
    return by_id or [item for item in items if item.get(name_field) == value]


def _candidate(item):
    site = item.get("site") or {}
    return "id %s, extension %s%s" % (item.get("id"), item.get("extension_number"),
                                      ", site %s" % site["name"] if site.get("name") else "")
