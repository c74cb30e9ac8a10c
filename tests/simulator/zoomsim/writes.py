# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The write side of the API and the reads that go with it.

Every change is one ``Dataset.edit``: the request is checked against the data as it is under
the lock, then applied as a whole or not at all (a batch with one bad item changes nothing),
so listings, truth and the entities' numbers follow each change at once.
"""

import json
from typing import Optional

from . import operations
from .directory import DirectoryApi
from .drift import change_numbers, give_users_several_numbers
from .entities import ASSIGNABLE, Directory, Entity, View
from .errors import zoom_error
from .clock import SimClock
from .model import NumberRecord
from .number_updates import NumberUpdates, assigned, holds, json_body, sunset, unassigned
from .paging import PageTokenCodec
from .reply import Reply, json_reply
from .settings import Settings
from .shapes import nm_item, phone_item
from .targets import ID_PARAMS, TARGETS, validation_failed

# Handler names end with the kind they serve: assign_call_queue, unassign_all_shared_line_group...
_SUFFIX = {
    "user": "user", "callQueue": "call_queue", "autoReceptionist": "auto_receptionist",
    "commonArea": "common_area", "sharedLineGroup": "shared_line_group",
}
_LISTS = {
    "list_users": "users", "list_call_queues": "call_queues", "list_auto_receptionists": "auto_receptionists",
    "list_common_areas": "common_areas", "list_shared_line_groups": "shared_line_groups",
}


class WriteApi(NumberUpdates):
    """Serves every operation of ``operations.OPERATIONS`` that has a handler."""

    def __init__(self, settings: Settings, dataset, codec: PageTokenCodec, clock=None):
        self.settings = settings
        self.dataset = dataset
        # The simulated clock (clock.py) dates what the writes record.
        self.clock = clock or SimClock()
        self.directory = Directory(dataset)
        self.lists = DirectoryApi(self.directory, settings, codec)
        self.changes = 0

    # -- routing -------------------------------------------------------------------------------

    def route(self, request, expire: bool) -> Optional[Reply]:
        """Answer the request, or return None when service.py's own routes should."""
        op, params, allowed = operations.match(request.method, request.path)
        if op is None:
            if allowed:
                raise zoom_error(405, 405, "Method Not Allowed")
            return None
        if op.handler is None:
            return None
        if op.handler in _LISTS:
            return self.lists.entity_list(_LISTS[op.handler], request.query, expire)
        kind = next((kind for kind in ASSIGNABLE if op.handler.endswith("_" + _SUFFIX[kind])), None)
        if op.handler.startswith("assign_"):
            return self.assign(kind, params[ID_PARAMS[kind]], request)
        if op.handler.startswith("unassign_all_"):
            return self.unassign_all(kind, params[ID_PARAMS[kind]])
        if op.handler.startswith("unassign_"):
            return self.unassign(kind, params[ID_PARAMS[kind]], params["phoneNumberId"])
        return getattr(self, op.handler)(request, params, expire)

    # -- reads ---------------------------------------------------------------------------------

    def list_sip_groups(self, request, _params: dict, expire: bool) -> Reply:
        """GET /phone/sip_groups (deprecated, so it goes with the sunset too)."""
        if self.settings.phone_endpoint == "gone":
            raise sunset("GET /number_management/sip_groups")
        return self.lists.sip_groups(request.query, expire)

    def list_nm_sip_groups(self, request, _params: dict, expire: bool) -> Reply:
        """GET /number_management/sip_groups."""
        return self.lists.nm_sip_groups(request.query, expire)

    def get_phone_number(self, _request, params: dict, _expire: bool) -> Reply:
        """GET /phone/numbers/{phoneNumberId}: BYOC fields always shown for BYOC numbers."""
        if self.settings.phone_endpoint == "gone":
            raise sunset("GET /number_management/numbers/{phoneNumberId}")
        key = params["phoneNumberId"]
        record = self.by_id(self.directory.view(), key, phone=True)
        if record is None:
            raise zoom_error(400, 400, f"Phone number does not exist, phonenumberId:{key}")
        return json_reply(200, phone_item(record, True))

    def get_nm_number(self, _request, params: dict, _expire: bool) -> Reply:
        """GET /number_management/numbers/{phoneNumberId}."""
        record = self.by_id(self.directory.view(), params["phoneNumberId"])
        if record is None:
            raise zoom_error(404, 100002, "Phone number not found")
        return json_reply(200, nm_item(record))

    @staticmethod
    def by_id(view: View, key: str, phone: bool = False) -> Optional[NumberRecord]:
        """A record by its id only (the one-number paths take ids, not E.164 numbers).

        ``phone``: only a number of Zoom Phone; the Phone API does not know the numbers of
        other products, which only Number Management shows (``other_product_numbers``).
        """
        record = view.by_key.get(key)
        if record is None or record.ident != key or (phone and not record.phone_listed):
            return None
        return record

    @staticmethod
    def phone_find(view: View, key: str) -> Optional[NumberRecord]:
        """A number of Zoom Phone by id or E.164 (what the Phone API's writes can name)."""
        record = view.find(key)
        return record if record is not None and record.phone_listed else None

    def number(self, key: str, endpoint: str = "phone") -> Optional[dict]:
        """One number by id or E.164, in the shape of ``endpoint`` (phone: with BYOC fields)."""
        if endpoint not in ("phone", "number_management"):
            raise ValueError(f"endpoint must be phone or number_management, not {endpoint!r}")
        view = self.directory.view()
        record = self.phone_find(view, key) if endpoint == "phone" else view.find(key)
        if record is None:
            return None
        return phone_item(record, True) if endpoint == "phone" else nm_item(record)

    # -- assigning -----------------------------------------------------------------------------

    def _items(self, target, body: dict) -> list:
        """The ``phone_numbers`` items of an assignment body, checked for shape and count."""
        items = body.get("phone_numbers")
        if items is None or items == []:
            raise target.empty()
        if not isinstance(items, list):
            raise validation_failed("phone_numbers", "Must be an array of objects with id or number.")
        if target.limit is not None and len(items) > target.limit:
            raise target.too_many(target.limit)
        for index, item in enumerate(items):
            ok = isinstance(item, dict) and any(isinstance(item.get(key), str) and item[key] for key in ("id", "number"))
            if not ok:
                raise validation_failed(f"phone_numbers[{index}]", "Provide the id or the number of a phone number.")
        return items

    def _resolve(self, target, view: View, item: dict) -> NumberRecord:
        """The record an assignment item names; ``id`` and ``number`` must agree when both are given."""
        by_id = self.phone_find(view, item["id"]) if item.get("id") else None
        by_number = self.phone_find(view, item["number"]) if item.get("number") else None
        if item.get("id") and item.get("number") and by_id is not by_number:
            raise validation_failed("phone_numbers", f"id {item['id']} and number {item['number']} are not the same number.")
        record = by_id or by_number
        if record is None:
            as_number = not item.get("id")
            raise target.unknown_number(item.get("id") or item.get("number"), as_number)
        return record

    def _site_check(self, target, record: NumberRecord, entity: Entity) -> None:
        """With assign_site=error, a number of one site cannot go to an extension of another."""
        if self.settings.assign_site != "error":
            return
        site = record.data.get("site")
        if site and entity.site and site.get("id") != entity.site["id"]:
            raise zoom_error(400, 300, f"Phone number {record.data['number']} belongs to site {site.get('name')}, "
                                       f"not to the {target.noun}'s site {entity.site['name']}.")

    def assign(self, kind: str, key: str, request) -> Reply:
        """POST /phone/{targets}/{id}/phone_numbers."""
        target = TARGETS[kind]
        items = self._items(target, json_body(request))
        repeat_ok = self.settings.repeat_writes == "ok"
        follow = self.settings.assign_site == "follow"

        def change(records):
            entity = self.directory.get(kind, key)
            if entity is None:
                raise target.missing(key)
            view = self.directory.view(records)
            updates, answer = {}, []
            for item in items:
                record = self._resolve(target, view, item)
                number = record.data["number"]
                if record.ident in updates or holds(record, entity):
                    # Already this entity's (before or earlier in the batch): a repeat.
                    if not repeat_ok:
                        raise target.in_use(number)
                elif record.data.get("assignee"):
                    raise target.in_use(number)
                else:
                    self._site_check(target, record, entity)
                    updates[record.ident] = assigned(record, entity, follow)
                if {"id": record.ident, "number": number} not in answer:
                    answer.append({"id": record.ident, "number": number})
            return self.commit(records, updates), answer

        answer = self.dataset.edit(change)
        if not target.answers_numbers:
            return json_reply(target.success, None)
        return json_reply(target.success, {"phone_numbers": answer})

    # -- unassigning ---------------------------------------------------------------------------

    def unassign(self, kind: str, key: str, number_key: str) -> Reply:
        """DELETE /phone/{targets}/{id}/phone_numbers/{phoneNumberId}: 204."""
        target = TARGETS[kind]
        repeat_ok = self.settings.repeat_writes == "ok"

        def change(records):
            entity = self.directory.get(kind, key)
            if entity is None:
                raise target.missing_on_delete(key)
            view = self.directory.view(records)
            record = self.phone_find(view, number_key) if target.delete_takes_e164 else self.by_id(view, number_key, True)
            if record is None:
                raise target.unknown_on_delete(number_key)
            if holds(record, entity):
                return self.commit(records, {record.ident: unassigned(record)}), None
            if not record.data.get("assignee") and repeat_ok:
                return None, None
            raise target.not_held(record.data["number"])

        self.dataset.edit(change)
        return json_reply(204, None)

    def unassign_all(self, kind: str, key: str) -> Reply:
        """DELETE /phone/{call_queues|auto_receptionists|shared_line_groups}/{id}/phone_numbers: 204."""
        target = TARGETS[kind]

        def change(records):
            entity = self.directory.get(kind, key)
            if entity is None:
                raise target.missing_on_delete(key)
            held = self.directory.view(records).held_by(entity)
            return self.commit(records, {record.ident: unassigned(record) for record in held}), None

        self.dataset.edit(change)
        return json_reply(204, None)

    # -- drift ---------------------------------------------------------------------------------

    def change(self, count: int, seed=None) -> list:
        """Change ``count`` existing numbers (see drift.change_numbers)."""
        return change_numbers(self, count, seed)

    def seed_users_with_several_numbers(self, users: int) -> list:
        """Give ``users`` users one or two more numbers (Simulator(multi_number_users=N))."""
        return give_users_several_numbers(self, users, self.dataset.seed)

    # -- what a write request touches (for the counters) -----------------------------------------

    def describe(self, request) -> Optional[dict]:
        """``{"method", "path", "operation", "write", "numbers"}`` for a /v2 request (None otherwise); never raises.

        ``numbers`` are the numbers a write names, as ids where the simulator knows them
        (read before the request is handled, so released numbers still resolve).
        """
        if not request.path.startswith("/v2/"):
            return None
        op, params, _allowed = operations.match(request.method, request.path)
        note = {"method": request.method, "path": request.path, "operation": f"{op.method} {op.template}" if op else None,
                "write": request.method in operations.WRITE_METHODS, "numbers": []}
        if note["write"]:
            try:
                note["numbers"] = self._named_numbers(request, op, params)
            except Exception:  # pylint: disable=broad-except
                # Counting must never break a request, whatever its body holds.
                note["numbers"] = []
        return note

    def _named_numbers(self, request, op, params: dict) -> list:
        """Identifiers of the numbers a write request names, resolved to ids when known."""
        view = self.directory.view()
        named = []
        if op is not None and op.handler and op.handler.startswith("unassign_all_"):
            kind = next(kind for kind in ASSIGNABLE if op.handler.endswith("_" + _SUFFIX[kind]))
            entity = self.directory.get(kind, params[ID_PARAMS[kind]])
            return [record.ident for record in view.held_by(entity)] if entity else []
        if "phoneNumberId" in params:
            named.append(params["phoneNumberId"])
        for name in ("phone_numbers", "numbers"):
            for value in request.query.get(name, []):
                named.extend(part.strip() for part in value.split(",") if part.strip())
        if request.body.strip():
            try:
                body = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                body = None
            items = body.get("phone_numbers") if isinstance(body, dict) else None
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict):
                    item = item.get("id") or item.get("number")
                if isinstance(item, str) and item:
                    named.append(item)
        resolved = []
        for key in named:
            record = view.find(key)
            ident = record.ident if record is not None else key
            if ident not in resolved:
                resolved.append(ident)
        return resolved
