# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The /_sim/ control endpoints: truth, stats, config and data changes over plain HTTP.

They need no auth and are never counted, rate limited, faulted or delayed.
"""

import json
from urllib.parse import parse_qs

from . import control_extra
from .errors import ApiError
from .reply import Reply, json_reply

_IGNORED = ("endpoint", "page_size", "next_page_token")


def _body(raw: bytes) -> dict:
    """Parse a JSON object body (an empty body is an empty object)."""
    if not raw.strip():
        return {}
    value = json.loads(raw.decode("utf-8"))
    if not isinstance(value, dict):
        raise ValueError("the body must be a JSON object")
    return value


def _truth(sim, query: dict, _body_raw: bytes) -> Reply:
    """GET /_sim/truth?endpoint=phone&FILTERS: the complete listing for those filters."""
    endpoint = (query.get("endpoint") or ["phone"])[0] or "phone"
    params = {name: values for name, values in query.items() if name not in _IGNORED}
    try:
        records = sim.service.listings.truth(endpoint, params)
    except ApiError as exc:
        # Same validation as the endpoint itself, so a bad filter answers what Zoom would.
        return json_reply(400, {"error": "invalid filter", "api_error": exc.body})
    return json_reply(200, {"total": len(records), "records": records})


def _stats(sim, _query: dict, _body_raw: bytes) -> Reply:
    """GET /_sim/stats."""
    return json_reply(200, sim.stats())


def _reset(sim, _query: dict, _body_raw: bytes) -> Reply:
    """POST /_sim/reset: zero the counters (the data stays)."""
    sim.reset_stats()
    return json_reply(200, {"reset": True})


def _get_config(sim, _query: dict, _body_raw: bytes) -> Reply:
    """GET /_sim/config: the current runtime settings."""
    return json_reply(200, sim.settings_dict())


def _config(sim, _query: dict, body_raw: bytes) -> Reply:
    """POST /_sim/config: apply runtime settings (constructor names)."""
    sim.configure(**_body(body_raw))
    return json_reply(200, sim.settings_dict())


def _revoke(sim, _query: dict, _body_raw: bytes) -> Reply:
    """POST /_sim/revoke_tokens."""
    sim.revoke_tokens()
    return json_reply(200, {"revoked": True})


def _mutate(sim, _query: dict, body_raw: bytes) -> Reply:
    """POST /_sim/mutate with {"add": N, "remove": M, "change": C, "seed": S}."""
    body = _body(body_raw)
    unknown = set(body) - {"add", "remove", "change", "seed"}
    if unknown:
        raise ValueError(f"unknown key(s): {', '.join(sorted(unknown))}")
    return json_reply(200, sim.mutate(add=int(body.get("add", 0)), remove=int(body.get("remove", 0)), seed=body.get("seed"),
                                      change=int(body.get("change", 0))))


def _advance_clock(sim, _query: dict, body_raw: bytes) -> Reply:
    """POST /_sim/advance_clock with {"seconds": N}: let time pass for expiries and limits."""
    body = _body(body_raw)
    unknown = set(body) - {"seconds"}
    if unknown or "seconds" not in body:
        raise ValueError('the body must be {"seconds": N}')
    return json_reply(200, {"offset": sim.advance_clock(body["seconds"])})


def _credentials(sim, _query: dict, _body_raw: bytes) -> Reply:
    """GET /_sim/credentials: what a client needs to connect."""
    return json_reply(200, sim.credentials())


_ROUTES = {
    ("GET", "/_sim/truth"): _truth,
    ("GET", "/_sim/stats"): _stats,
    ("POST", "/_sim/reset"): _reset,
    ("GET", "/_sim/config"): _get_config,
    ("POST", "/_sim/config"): _config,
    ("POST", "/_sim/revoke_tokens"): _revoke,
    ("POST", "/_sim/mutate"): _mutate,
    ("POST", "/_sim/advance_clock"): _advance_clock,
    ("GET", "/_sim/credentials"): _credentials,
}
_ROUTES.update(control_extra.ROUTES)


def handle(sim, method: str, path: str, raw_query: str, body: bytes) -> Reply:
    """Answer a control request; bad input answers 400 ``{"error": ...}``."""
    route = _ROUTES.get((method, path.rstrip("/")))
    if route is None:
        known = any(key[1] == path.rstrip("/") for key in _ROUTES)
        return json_reply(405 if known else 404, {"error": f"no control endpoint {method} {path}"})
    try:
        return route(sim, parse_qs(raw_query, keep_blank_values=True), body)
    except (ValueError, TypeError) as exc:
        return json_reply(400, {"error": str(exc)})
