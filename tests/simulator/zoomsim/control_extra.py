# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Control endpoints of the write side: entities, one number, the operations table.

Like the others under /_sim/ they need no auth and are never counted, limited or faulted.
"""

from . import operations
from .reply import Reply, json_reply

_PAGING = ("kind", "page_size", "next_page_token")


def _entities(sim, query: dict, _body_raw: bytes) -> Reply:
    """GET /_sim/entities?kind=users&FILTERS: what a complete listing of that kind returns."""
    kind = (query.get("kind") or [""])[0]
    if not kind:
        raise ValueError("kind is required (users, call_queues, auto_receptionists, common_areas, ...)")
    filters = {name: values[0] for name, values in query.items() if name not in _PAGING and values and values[0]}
    records = sim.entity_truth(kind, **filters)
    return json_reply(200, {"total": len(records), "records": records})


def _number(sim, query: dict, _body_raw: bytes) -> Reply:
    """GET /_sim/number?id=ID_OR_E164[&endpoint=number_management]: one number, or 404."""
    key = (query.get("id") or [""])[0]
    if not key:
        raise ValueError("id is required (a phone number id or an E.164 number)")
    endpoint = (query.get("endpoint") or ["phone"])[0] or "phone"
    record = sim.number(key, endpoint)
    if record is None:
        return json_reply(404, {"error": f"no number {key} in the account"})
    return json_reply(200, {"record": record})


def _operations(_sim, _query: dict, _body_raw: bytes) -> Reply:
    """GET /_sim/operations: every operation with its scopes and rate-limit label."""
    return json_reply(200, {"operations": operations.table()})


ROUTES = {
    ("GET", "/_sim/entities"): _entities,
    ("GET", "/_sim/number"): _number,
    ("GET", "/_sim/operations"): _operations,
}
