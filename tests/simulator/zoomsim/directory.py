# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The lookup lists: users, call queues, auto receptionists, common areas, shared line groups
and SIP groups, paged with the same opaque tokens as the number lists, and their truth.

Item shapes follow ``openapi/phone_numbers_write.json`` (and ``number_management_write.json``
for the Number Management SIP groups); optional keys are left out when there is nothing to
say (an entity without numbers has no ``phone_numbers``, one without a site no ``site``).
"""

import threading
from collections import OrderedDict
from typing import Callable

from .entities import Directory, Entity, derived_id, kind_of
from .errors import invalid_parameter, zoom_error
from .filters import first, page_size
from .paging import InvalidPageToken, PageTokenCodec, paginate, start_offset
from .reply import Reply, json_reply
from .settings import Settings

_USER_STATUSES = ("activate", "deactivate", "pending")
_STATUS_WORDS = {
    "user": {"active": "activate", "inactive": "deactivate"},
    "commonArea": {"active": "online", "inactive": "offline"},
}
_NM_PRODUCTS = ("ZOOM_PHONE", "ZOOM_CONTACT_CENTER")
_CACHE_ENTRIES = 16


def _status(entity: Entity) -> str:
    """The entity's status in the words its list uses."""
    return _STATUS_WORDS.get(entity.kind, {}).get(entity.status, entity.status)


def _numbers(held: list, extra: Callable = None) -> list:
    """The ``phone_numbers`` items of an entity: id and number, plus what ``extra`` adds."""
    items = []
    for record in held:
        item = {"id": record.ident, "number": record.data["number"]}
        if extra:
            item.update(extra(record.data))
        items.append(item)
    return items


def _common(entity: Entity, held: list, name_key: str, extra: Callable = None, with_extension_id: bool = True) -> dict:
    """Keys every entity item shares, in the spec's spirit: id, name, extension, site, numbers."""
    item = {"id": entity.ident, name_key: entity.name}
    if with_extension_id and entity.extension_id:
        item["extension_id"] = entity.extension_id
    if entity.extension_number is not None:
        item["extension_number"] = entity.extension_number
    if entity.site:
        item["site"] = dict(entity.site)
    numbers = _numbers(held, extra)
    if numbers:
        item["phone_numbers"] = numbers
    return item


def user_item(entity: Entity, held: list) -> dict:
    """A GET /phone/users item."""
    common = _common(entity, held, "name")
    item = {"id": common.pop("id"), "name": common.pop("name"), "email": entity.email}
    item.update(common)
    item["status"] = _status(entity)
    item["activation_status"] = "activated" if entity.status == "active" else "ready to activate"
    return item


def call_queue_item(entity: Entity, held: list) -> dict:
    """A GET /phone/call_queues item."""
    item = _common(entity, held, "name", lambda data: {"source": data["source"]})
    item["status"] = _status(entity)
    return item


def auto_receptionist_item(entity: Entity, held: list) -> dict:
    """A GET /phone/auto_receptionists item."""
    return _common(entity, held, "name")


def common_area_item(entity: Entity, held: list) -> dict:
    """A GET /phone/common_areas item (the spec gives it no extension_id)."""

    def extra(data):
        added = {"display_name": data["display_name"]} if "display_name" in data else {}
        added["source"] = data["source"]
        return added

    item = _common(entity, held, "display_name", extra, with_extension_id=False)
    item["status"] = _status(entity)
    return item


def shared_line_group_item(entity: Entity, held: list) -> dict:
    """A GET /phone/shared_line_groups item."""
    item = _common(entity, held, "display_name", lambda data: {"status": data["status"]})
    item["status"] = _status(entity)
    return item


def other_item(entity: Entity, held: list) -> dict:
    """Entities with no list endpoint (emergency number pools, company locations, meeting services)."""
    item = _common(entity, held, "name", with_extension_id=False)
    item["type"] = entity.kind
    return item


ITEMS = {
    "user": user_item, "callQueue": call_queue_item, "autoReceptionist": auto_receptionist_item,
    "commonArea": common_area_item, "sharedLineGroup": shared_line_group_item,
}


def phone_sip_group_item(group: dict) -> dict:
    """A GET /phone/sip_groups item."""
    return {
        "id": group["id"], "display_name": group["display_name"],
        "description": f"{group['display_name']} (BYOC)", "send_sip_group_name": False,
        "sip_trunk": {"id": _trunk_id(group), "name": _trunk_name(group)},
    }


def nm_sip_group_item(group: dict) -> dict:
    """A GET /number_management/sip_groups item (ids are called sip_group_id there)."""
    return {
        "sip_group_id": group["id"], "display_name": group["display_name"],
        "description": f"{group['display_name']} (BYOC)", "send_sip_group_name": False,
        "sip_trunk": {"sip_trunk_id": _trunk_id(group), "name": _trunk_name(group), "type": "BYOC"},
        "source_system": "ZOOM_PHONE",
    }


def _trunk_id(group: dict) -> str:
    """A stable trunk id per SIP group."""
    return derived_id(f"trunk:{group['id']}")


def _trunk_name(group: dict) -> str:
    """A carrier-style trunk name made from the group's name."""
    return "TRUNK-" + "".join(char for char in group["display_name"].upper() if char.isalnum())[:12]


class _Spec:
    """A validated filter set: ``key`` binds page tokens to it, ``keep`` selects entities."""

    __slots__ = ("key", "keep")

    def __init__(self, endpoint: str, sent: list):
        self.key = (endpoint,) + tuple(sorted((name, value) for name, value, _check in sent if value is not None))
        checks = [check for _name, value, check in sent if value is not None and check is not None]
        self.keep = lambda entity, held: all(check(entity, held) for check in checks)


def _site_check(site_id):
    return lambda entity, _held: entity.site_id() == site_id


def _keyword_check(keyword: str):
    """Users: part of the name or e-mail (any case), of the extension, or of a number's digits."""
    needle = keyword.casefold()
    digits = keyword.lstrip("+")

    def check(entity, held):
        if needle in entity.name.casefold() or needle in (entity.email or "").casefold():
            return True
        if digits.isdigit():
            if entity.extension_number is not None and digits in str(entity.extension_number):
                return True
            return any(digits in record.data["number"] for record in held)
        return False

    return check


class DirectoryApi:
    """Answers the lookup lists from the entity catalog."""

    # endpoint name -> (entity kind, list field, page size maximum, page token error code, total_records?)
    LISTS = {
        "users": ("user", "users", 100, 400, True),
        "call_queues": ("callQueue", "call_queues", 100, 300, True),
        "auto_receptionists": ("autoReceptionist", "auto_receptionists", 100, 300, True),
        "common_areas": ("commonArea", "common_areas", 100, 300, False),
        "shared_line_groups": ("sharedLineGroup", "shared_line_groups", 300, 300, True),
    }

    def __init__(self, directory: Directory, settings: Settings, codec: PageTokenCodec):
        self.directory = directory
        self.settings = settings
        self.codec = codec
        # Filtered selections per (view, filter set): paging through a list filters once.
        self._cache = OrderedDict()
        self._lock = threading.Lock()

    # -- filters -------------------------------------------------------------------------------

    def _spec(self, endpoint: str, params: dict) -> _Spec:
        """The filters an entity list accepts; others are ignored like unknown parameters."""
        site_id = first(params, "site_id")
        sent = []
        if endpoint in ("users", "call_queues", "common_areas"):
            sent.append(("site_id", site_id, _site_check(site_id)))
        if endpoint == "users":
            status = first(params, "status")
            if status is not None and status not in _USER_STATUSES:
                raise invalid_parameter("status", 300)
            keyword = first(params, "keyword")
            sent.append(("status", status, lambda entity, _held: _status(entity) == status))
            sent.append(("keyword", keyword, _keyword_check(keyword) if keyword else None))
        return _Spec(endpoint, sent)

    def _select(self, endpoint: str, params: dict) -> tuple:
        """The filter set and the (entity, held records) pairs a complete listing returns."""
        kind = self.LISTS[endpoint][0]
        spec = self._spec(endpoint, params)
        view = self.directory.view()
        with self._lock:
            cached = self._cache.get(spec.key)
            if cached is not None and cached[0] is view:
                self._cache.move_to_end(spec.key)
                return spec, cached[1]
        pairs = [(entity, view.held_by(entity)) for entity in self.directory.entities(kind)]
        selected = [(entity, held) for entity, held in pairs if spec.keep(entity, held)]
        with self._lock:
            self._cache[spec.key] = (view, selected)
            self._cache.move_to_end(spec.key)
            while len(self._cache) > _CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return spec, selected

    def _offset(self, params: dict, key: tuple, size: int, code: int, message: str, expire: bool) -> int:
        """Where the page starts; a bad or expired token answers 400 with the list's code."""
        token = first(params, "next_page_token")
        if token is None:
            return 0
        try:
            if expire:
                raise InvalidPageToken("expired by a fault")
            token_offset, token_size = self.codec.decode(token, key, self.settings.page_token_ttl)
        except InvalidPageToken:
            raise zoom_error(400, code, message) from None
        return start_offset(token_offset, token_size, size)

    # -- endpoints -----------------------------------------------------------------------------

    def entity_list(self, endpoint: str, params: dict, expire: bool = False) -> Reply:
        """GET /phone/users, /phone/call_queues, /phone/auto_receptionists, /phone/common_areas,
        /phone/shared_line_groups."""
        kind, field, maximum, token_code, with_total = self.LISTS[endpoint]
        size = page_size(params, maximum, 300)
        spec, pairs = self._select(endpoint, params)
        offset = self._offset(params, spec.key, size, token_code, "The next page token is invalid or expired.", expire)
        page, token = paginate(pairs, size, offset, spec.key, self.codec)
        body = {"next_page_token": token, "page_size": size}
        if with_total:
            body["total_records"] = len(pairs)
        body[field] = [ITEMS[kind](entity, held) for entity, held in page]
        return json_reply(200, body)

    def sip_groups(self, params: dict, expire: bool = False) -> Reply:
        """GET /phone/sip_groups (no total_records in its schema)."""
        size = page_size(params, 300, 300)
        key = ("sip_groups",)
        groups = self.directory.sip_groups()
        offset = self._offset(params, key, size, 300, "The next page token is invalid or expired.", expire)
        page, token = paginate(groups, size, offset, key, self.codec)
        return json_reply(200, {"next_page_token": token, "page_size": size,
                                "sip_groups": [phone_sip_group_item(group) for group in page]})

    def nm_sip_groups(self, params: dict, expire: bool = False) -> Reply:
        """GET /number_management/sip_groups; ``allocated_product`` is required (error 1002006)."""
        product = first(params, "allocated_product")
        if product is None:
            raise zoom_error(400, 1002006, "product cannot be empty")
        if product not in _NM_PRODUCTS:
            raise invalid_parameter("allocated_product", 999)
        size = page_size(params, 300, 999)
        key = ("nm_sip_groups", ("allocated_product", product))
        # The simulated account has no Contact Center, so its SIP groups are all Zoom Phone's.
        groups = self.directory.sip_groups() if product == "ZOOM_PHONE" else []
        offset = self._offset(params, key, size, 1003100, "The next page token is either invalid or has expired.", expire)
        page, token = paginate(groups, size, offset, key, self.codec)
        # Its schema has no page_size.
        return json_reply(200, {"next_page_token": token, "total_records": len(groups),
                                "sip_groups": [nm_sip_group_item(group) for group in page]})

    # -- truth ---------------------------------------------------------------------------------

    def truth(self, kind: str, params: dict) -> list:
        """Every item a complete listing of ``kind`` returns (list shape), in order.

        ``kind``: an assignee type or list name; ``sip_groups`` and ``nm_sip_groups`` too.
        Kinds without a list endpoint (emergency pools...) take no filters.
        """
        if kind == "sip_groups":
            return [phone_sip_group_item(group) for group in self.directory.sip_groups()]
        if kind == "nm_sip_groups":
            return [nm_sip_group_item(group) for group in self.directory.sip_groups()]
        kind = kind_of(kind)
        endpoint = next((name for name, spec in self.LISTS.items() if spec[0] == kind), None)
        if endpoint is None:
            view = self.directory.view()
            return [other_item(entity, view.held_by(entity)) for entity in self.directory.entities(kind)]
        _spec, pairs = self._select(endpoint, params)
        return [ITEMS[kind](entity, held) for entity, held in pairs]
