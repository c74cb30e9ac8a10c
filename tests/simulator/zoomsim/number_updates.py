# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Updating, moving and releasing numbers: the PATCH and DELETE operations on numbers.

None of them changes the assignee; the PATCH operations change neither the site nor the
emergency address itself (only its confirmation). Sources: ``openapi/phone_numbers_write.json``
and ``openapi/number_management_write.json``; choices where they are silent are in the README.
"""

import json
import time

from .entities import Entity
from .errors import ApiError, zoom_error
from .model import NumberRecord
from .reply import Reply, json_reply
from .targets import validation_failed

JSON_OBJECT_MESSAGE = "Request Body should be a valid JSON object."
DISPLAY_NAME_MAX = 32
_CAPABILITIES = ("incoming", "outgoing")
_INVALID_CAPABILITY = "The value of capability is invalid. Provide a valid capability and try again."
_NOT_BYOC = "The phone number is not BYOC phone number."


def json_body(request) -> dict:
    """The request body as a JSON object, or Zoom's 400 code 300 answer."""
    try:
        value = json.loads(request.body.decode("utf-8")) if request.body.strip() else None
    except (UnicodeDecodeError, ValueError):
        value = None
    if not isinstance(value, dict):
        raise zoom_error(400, 300, JSON_OBJECT_MESSAGE)
    return value


def sunset(replacement: str) -> ApiError:
    """The answer of a deprecated operation once ``phone_endpoint`` is ``gone``."""
    return zoom_error(404, 404, f"This API is deprecated and no longer available. Use {replacement}.")


def replaced(records: list, updates: dict, removed: frozenset = frozenset()) -> list:
    """A new record list with some records swapped for their updated copies and some left out."""
    if removed:
        return [updates.get(record.ident, record) for record in records if record.ident not in removed]
    return [updates.get(record.ident, record) for record in records]


def unassigned(record: NumberRecord) -> NumberRecord:
    """The record without its assignee (it stays allocated to the product it had)."""
    data = {key: value for key, value in record.data.items() if key != "assignee"}
    return record.changed(data)


def assigned(record: NumberRecord, entity: Entity, follow_site: bool) -> NumberRecord:
    """The record once ``entity`` holds it (a held number is allocated to Zoom Phone)."""
    data = dict(record.data)
    data["assignee"] = entity.assignee()
    if follow_site and entity.site:
        data["site"] = dict(entity.site)
    return record.changed(data, "ZOOM_PHONE")


def holds(record: NumberRecord, entity: Entity) -> bool:
    """Whether ``entity`` holds the number."""
    assignee = record.data.get("assignee") or {}
    return assignee.get("type") == entity.kind and assignee.get("id") == entity.ident


def timestamp(seconds: float) -> str:
    """A time in the format of ``emergency_address_update_time``."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def _nm_invalid(field: str, message: str) -> ApiError:
    """Number Management's 400 code 999 ("Invalid Field"), naming the field."""
    return validation_failed(field, message, code=999, text="Invalid Field")


def _split(values: list) -> list:
    """Comma-separated (or repeated) query values, without blanks or repeats, in order."""
    seen = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if part and part not in seen:
                seen.append(part)
    return seen


def _text(value) -> bool:
    """A JSON string."""
    return isinstance(value, str)


def _flag(value) -> bool:
    """A JSON boolean."""
    return isinstance(value, bool)


class NumberUpdates:
    """Mixed into WriteApi, which provides ``settings``, ``dataset``, ``directory``, ``clock``,
    ``by_id`` and ``phone_find``."""

    # -- helpers -------------------------------------------------------------------------------

    def commit(self, records: list, updates: dict, removed: frozenset = frozenset()):
        """The new record list for an edit (None when nothing changes), with its view prepared."""
        if not updates and not removed:
            return None
        new = replaced(records, updates, removed)
        self.directory.advance(records, new, updates, removed)
        return new

    def _edit_one(self, key: str, missing: ApiError, update, phone: bool) -> None:
        """Apply ``update(record, data) -> data`` to the number with id ``key`` in one edit
        (``phone``: only numbers of Zoom Phone, the ones /phone/numbers lists)."""

        def change(records):
            record = self.by_id(self.directory.view(records), key, phone)
            if record is None:
                raise missing
            data = update(record, dict(record.data))
            if data == record.data:
                return None, None
            return self.commit(records, {record.ident: record.changed(data)}), None

        self.dataset.edit(change)

    def _sites(self) -> dict:
        """Every site the numbers may be moved to: id -> {id, name}."""
        sites = {site["id"]: {"id": site["id"], "name": site["name"]} for site in self.dataset.sites}
        for record in self.dataset.records:
            site = record.data.get("site")
            if isinstance(site, dict) and site.get("id") and site["id"] not in sites:
                sites[site["id"]] = {"id": site["id"], "name": site.get("name", "")}
        return sites

    @staticmethod
    def _set_display_name(data: dict, value) -> None:
        """An empty display name removes it (unassigned numbers often have none)."""
        if value:
            data["display_name"] = value
        else:
            data.pop("display_name", None)

    def _set_sip_group(self, data: dict, group_id: str, unknown: ApiError) -> None:
        """Point a BYOC number at another SIP group of the account."""
        group = self.directory.sip_group(group_id)
        if group is None:
            raise unknown
        data["sip_group"] = {"id": group["id"], "display_name": group["display_name"]}

    def _confirm_address(self, data: dict, not_bound: ApiError) -> None:
        """Confirm the emergency address: status 1 becomes 2, with the time of the change
        (on the simulated clock)."""
        if "emergency_address" not in data:
            raise not_bound
        if data.get("emergency_address_status") != 2:
            data["emergency_address_status"] = 2
            data["emergency_address_update_time"] = timestamp(self.clock.now())

    # -- PATCH /phone/numbers/{phoneNumberId} ----------------------------------------------------

    def patch_phone_number(self, request, params: dict, _expire: bool) -> Reply:
        """capability (list), display_name, emergency_address_status (2 only, BYOC), sip_group_id (BYOC); 204."""
        if self.settings.phone_endpoint == "gone":
            raise sunset("PATCH /number_management/numbers/{phoneNumberId}")
        body = json_body(request)
        key = params["phoneNumberId"]
        capability = body.get("capability")
        if "capability" in body and not (
                isinstance(capability, list) and 1 <= len(capability) <= 2
                and all(value in _CAPABILITIES for value in capability) and len(set(capability)) == len(capability)):
            raise zoom_error(400, 300, _INVALID_CAPABILITY)
        name = body.get("display_name")
        if "display_name" in body and not (_text(name) and len(name) <= DISPLAY_NAME_MAX):
            raise validation_failed("display_name", f"A string of at most {DISPLAY_NAME_MAX} characters.")
        status = body.get("emergency_address_status")
        if "emergency_address_status" in body and (_flag(status) or status != 2):
            raise validation_failed("emergency_address_status", "Only 2 (confirmed) can be set.")
        group = body.get("sip_group_id")
        if "sip_group_id" in body and not (_text(group) and group):
            raise validation_failed("sip_group_id", "A SIP group id.")

        def update(record, data):
            byoc = data.get("source") == "external"
            if "capability" in body:
                wanted = [value for value in _CAPABILITIES if value in capability]
                if data.get("number_type") == "tollfree" and "outgoing" in wanted:
                    raise zoom_error(400, 300, _INVALID_CAPABILITY)
                data["capability"] = wanted
            if "display_name" in body:
                self._set_display_name(data, name)
            if ("emergency_address_status" in body or "sip_group_id" in body) and not byoc:
                raise zoom_error(400, 300, _NOT_BYOC)
            if "emergency_address_status" in body:
                self._confirm_address(data, zoom_error(400, 300, "The phone number is not in binding."))
            if "sip_group_id" in body:
                self._set_sip_group(data, group, zoom_error(400, 300, f"The SIP group does not exist: {group}."))
            return data

        self._edit_one(key, zoom_error(404, 404, f"Phone number does not exist. ID: {key}."), update, phone=True)
        return json_reply(204, None)

    # -- PATCH /number_management/numbers/{phoneNumberId} ----------------------------------------

    def patch_nm_number(self, request, params: dict, _expire: bool) -> Reply:
        """display_name (<= 32), capability {incoming, outgoing}, confirm_address_update, sip_group_id; 204."""
        body = json_body(request)
        key = params["phoneNumberId"]
        name = body.get("display_name")
        if "display_name" in body and not (_text(name) and len(name) <= DISPLAY_NAME_MAX):
            raise _nm_invalid("display_name", f"A string of at most {DISPLAY_NAME_MAX} characters.")
        capability = body.get("capability")
        if "capability" in body and not (
                isinstance(capability, dict) and capability and set(capability) <= set(_CAPABILITIES)
                and all(_flag(value) for value in capability.values())):
            raise _nm_invalid("capability", "An object with boolean incoming and/or outgoing.")
        confirm = body.get("confirm_address_update")
        if "confirm_address_update" in body and not _flag(confirm):
            raise _nm_invalid("confirm_address_update", "A boolean.")
        group = body.get("sip_group_id")
        if "sip_group_id" in body and not (_text(group) and group):
            raise _nm_invalid("sip_group_id", "A SIP group id.")
        if "caller_id_name" in body:
            # Only Contact Center numbers have one, and the simulated account has none.
            raise _nm_invalid("caller_id_name", "Only Zoom Contact Center numbers have a caller ID name.")

        def update(record, data):
            if "display_name" in body:
                self._set_display_name(data, name)
            if "capability" in body:
                now = set(data.get("capability", ()))
                for value, enabled in capability.items():
                    (now.add if enabled else now.discard)(value)
                wanted = [value for value in _CAPABILITIES if value in now]
                if not wanted or (data.get("number_type") == "tollfree" and "outgoing" in wanted):
                    raise zoom_error(400, 200001, "The capability cannot be updated")
                data["capability"] = wanted
            if confirm:
                # The spec ties this to BYOC Premises numbers; anything else is refused.
                if record.nm_source != "BYOCPremises":
                    raise _nm_invalid("confirm_address_update", "Only BYOC Premises numbers have an address to confirm.")
                self._confirm_address(data, _nm_invalid("confirm_address_update", "The number has no emergency address."))
            if "sip_group_id" in body:
                if data.get("source") != "external":
                    raise _nm_invalid("sip_group_id", "Only BYOC numbers have a SIP group.")
                self._set_sip_group(data, group, zoom_error(400, 100001, "Sip Group not found"))
            return data

        self._edit_one(key, zoom_error(404, 100002, "Phone number not found"), update, phone=False)
        return json_reply(204, None)

    # -- PATCH /phone/numbers/sites/{siteId} ------------------------------------------------------

    def move_to_site(self, request, params: dict, _expire: bool) -> Reply:
        """Move unassigned numbers (ids or E.164, 1 to 20) to a site; 204."""
        body = json_body(request)
        items = body.get("phone_numbers")
        if not isinstance(items, list) or not items or not all(_text(item) and item for item in items):
            raise validation_failed("phone_numbers", "An array of phone number ids or E.164 numbers.")
        if len(items) > 20:
            raise validation_failed("phone_numbers", "The number of items must not exceed 20.")
        site_id = params["siteId"]
        site = self._sites().get(site_id)
        if site is None:
            raise zoom_error(400, 300, f"Site does not exist: {site_id}.")

        def change(records):
            view = self.directory.view(records)
            updates = {}
            for item in items:
                record = self.phone_find(view, item)
                if record is None:
                    raise zoom_error(400, 300, f"Phone number does not exist: {item}.")
                if record.data.get("assignee"):
                    raise zoom_error(400, 300, f"Phone number {record.data['number']} is assigned; "
                                               "only unassigned numbers can change site.")
                if (record.data.get("site") or {}).get("id") != site_id:
                    data = dict(record.data)
                    data["site"] = dict(site)
                    updates[record.ident] = record.changed(data)
            return self.commit(records, updates), None

        self.dataset.edit(change)
        return json_reply(204, None)

    # -- releasing -------------------------------------------------------------------------------

    def _release(self, keys: list, find, unknown, in_use) -> None:
        """Remove unassigned numbers from the account, all or none (``unknown`` None: skip unknown ones)."""

        def change(records):
            view = self.directory.view(records)
            gone = set()
            for key in keys:
                record = find(view, key)
                if record is None:
                    if unknown is None:
                        continue
                    raise unknown(key)
                if record.data.get("assignee"):
                    raise in_use(record)
                gone.add(record.ident)
            return self.commit(records, {}, frozenset(gone)), None

        self.dataset.edit(change)

    def release_phone(self, request, _params: dict, _expire: bool) -> Reply:
        """DELETE /phone/numbers?phone_numbers=a,b (1 to 20 ids or E.164, unassigned only); 204."""
        if self.settings.phone_endpoint == "gone":
            raise sunset("DELETE /number_management/numbers")
        keys = _split(request.query.get("phone_numbers", []))
        if not 1 <= len(keys) <= 20:
            raise zoom_error(400, 300, "The number of items for the query parameter phone_numbers "
                                       "must be between 1 and 20 inclusive.")
        unknown = None if self.settings.repeat_writes == "ok" else (
            lambda key: zoom_error(400, 300, f"Phone number does not exist: {key}."))
        self._release(keys, self.phone_find, unknown,
                      lambda record: zoom_error(400, 300, f"Phone number {record.data['number']} is assigned; "
                                                          "unassign it before deleting it."))
        return json_reply(204, None)

    def release_nm(self, request, _params: dict, _expire: bool) -> Reply:
        """DELETE /number_management/numbers?numbers=id1,id2 (1 to 10 ids); 204."""
        keys = _split(request.query.get("numbers", []))
        if not 1 <= len(keys) <= 10:
            raise _nm_invalid("numbers", "Between 1 and 10 phone number ids.")
        self._release(keys, self.by_id, lambda key: zoom_error(400, 100002, "Phone number not found"),
                      lambda record: _nm_invalid("numbers", f"Phone number {record.ident} is assigned; "
                                                            "unassign it before deleting it."))
        return json_reply(204, None)
