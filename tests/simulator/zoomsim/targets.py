# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""What differs between the five kinds of assignment target: limits, success codes, errors.

Sources (README "Assigning and unassigning"): ``openapi/phone_numbers_write.json`` for every
status, code and message it documents; the rest are the simulator's choices, marked as such.
"""

from dataclasses import dataclass
from typing import Callable, Optional

from .errors import ApiError, zoom_error


def validation_failed(field: str, message: str, code: int = 300, text: str = "Validation Failed.") -> ApiError:
    """Zoom's generic validation answer, with the offending field named in ``errors``."""
    return ApiError(400, {"code": code, "message": text, "errors": [{"field": field, "message": message}]})


def _in_use(number: str) -> ApiError:
    # Undocumented for most targets; the Zoom Rooms assignment documents code 409 "already in use".
    return zoom_error(400, 409, f"Phone number already in use: {number}.")


def _does_not_exist(number: str) -> ApiError:
    return zoom_error(400, 400, f"Phone number does not exist, phonenumberId:{number}")


@dataclass(frozen=True)
class Target:
    """One kind of assignee as the write endpoints treat it."""

    kind: str
    noun: str
    limit: Optional[int]            # most numbers in one assignment request (None: no documented limit)
    success: int                    # status of a successful assignment
    answers_numbers: bool           # whether that answer lists the numbers
    delete_takes_e164: bool         # whether the unassign path accepts an E.164 number, not only an id
    missing: Callable               # entity id -> error (assignment)
    missing_on_delete: Callable     # entity id -> error (unassignment)
    too_many: Callable              # limit -> error
    empty: Callable                 # () -> error
    unknown_number: Callable        # identifier, given as a number? -> error (assignment)
    unknown_on_delete: Callable     # identifier -> error (unassignment)
    in_use: Callable                # number -> error
    not_held: Callable              # number -> error


def _too_many_items(limit: int) -> ApiError:
    return validation_failed("phone_numbers", f"The number of items must not exceed {limit}.")


def _required() -> ApiError:
    return validation_failed("phone_numbers", "At least one phone number, by id or number, is required.")


TARGETS = {
    "user": Target(
        kind="user", noun="user", limit=10, success=200, answers_numbers=True, delete_takes_e164=True,
        missing=lambda key: zoom_error(404, 1001, f"User does not exist: {key}."),
        missing_on_delete=lambda key: zoom_error(404, 1001, f"User does not exist: {key}."),
        too_many=_too_many_items, empty=_required,
        unknown_number=lambda key, _as_number: _does_not_exist(key),
        unknown_on_delete=lambda key: zoom_error(404, 400, 'Invalid query parameter "phone_number".'),
        in_use=_in_use,
        not_held=lambda number: zoom_error(400, 400, f"Phone number does not belong to this user: {number}."),
    ),
    "callQueue": Target(
        kind="callQueue", noun="call queue", limit=5, success=204, answers_numbers=False, delete_takes_e164=False,
        missing=lambda key: zoom_error(400, 400, f"Call Queue does not exist: {key}."),
        missing_on_delete=lambda key: zoom_error(400, 300, f"Validation failed. The group does not exist, groupId:{key}."),
        too_many=_too_many_items,
        empty=lambda: zoom_error(400, 400, "Need to specify at least one phone number"),
        unknown_number=lambda key, _as_number: _does_not_exist(key),
        unknown_on_delete=lambda key: zoom_error(404, 404, "Phone number not belong to call queue."),
        in_use=_in_use,
        not_held=lambda number: zoom_error(404, 404, "Phone number not belong to call queue."),
    ),
    "autoReceptionist": Target(
        kind="autoReceptionist", noun="auto receptionist", limit=None, success=204, answers_numbers=False,
        delete_takes_e164=True,
        missing=lambda key: zoom_error(404, 404, f"AutoReceptionist does not exist, AutoReceptionistId: {key}."),
        missing_on_delete=lambda key: zoom_error(404, 404, f"AutoReceptionist does not exist, AutoReceptionistId: {key}."),
        too_many=_too_many_items, empty=_required,
        unknown_number=lambda key, _as_number: _does_not_exist(key),
        unknown_on_delete=lambda key: zoom_error(400, 400, "Phone number does not belong to auto receptionist."),
        in_use=lambda number: zoom_error(400, 400, f"phoneNumber is used, phonenumberId:{number}"),
        not_held=lambda number: zoom_error(400, 400, "Phone number does not belong to auto receptionist."),
    ),
    "commonArea": Target(
        kind="commonArea", noun="common area", limit=20, success=201, answers_numbers=True, delete_takes_e164=True,
        missing=lambda key: zoom_error(400, 404, f"Common area does not exist: {key}."),
        missing_on_delete=lambda key: zoom_error(400, 404, f"The common area does not exist: {key}."),
        too_many=lambda limit: zoom_error(400, 405, f"The number of items for phone_numbers must not exceed {limit}."),
        empty=_required,
        unknown_number=lambda key, _as_number: _does_not_exist(key),
        unknown_on_delete=_does_not_exist,
        in_use=_in_use,
        not_held=lambda number: zoom_error(400, 400, f"Phone number does not belong to this common area: {number}."),
    ),
    "sharedLineGroup": Target(
        kind="sharedLineGroup", noun="shared line group", limit=5, success=201, answers_numbers=False,
        delete_takes_e164=False,
        missing=lambda key: zoom_error(404, 404, f"Shared line group does not exist: {key}."),
        missing_on_delete=lambda key: zoom_error(404, 404, f"Shared line group does not exist: {key}."),
        too_many=lambda limit: validation_failed("phone_numbers", f"At most {limit} numbers at a time.", text="Validation failed."),
        empty=lambda: validation_failed("phone_numbers", "At least one phone number is required.", text="Validation failed."),
        # The spec documents both; a number given as digits that is not the account's is read as
        # someone else's number (401 code 124, which a careless client takes for a dead token).
        unknown_number=lambda key, as_number: (
            zoom_error(401, 124, "Phone number does not belong to this account") if as_number
            else zoom_error(400, 400, "Phone number does not exist.")),
        unknown_on_delete=lambda key: zoom_error(400, 400, "Phone number does not exist"),
        in_use=_in_use,
        not_held=lambda number: zoom_error(400, 300, f"Phone number does not belong to this shared line group: {number}."),
    ),
}

# Path parameter holding the entity id, per kind.
ID_PARAMS = {
    "user": "userId", "callQueue": "callQueueId", "autoReceptionist": "autoReceptionistId",
    "commonArea": "commonAreaId", "sharedLineGroup": "slgId",
}
