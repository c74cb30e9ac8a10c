# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The request pipeline for API and token requests: faults, auth, rate limits, routing, latency."""

import random
import sys
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import parse_qs

from . import fault_effects
from .auth import TokenStore, bearer_token, token_endpoint
from .dataset import Dataset
from .errors import ApiError, zoom_error
from .faults import PAYLOAD_KINDS, RESPONSE_KINDS, WIRE_KINDS, FaultPlan
from .listings import Listings
from .paging import PageTokenCodec
from .ratelimit import RateLimiter
from .reply import Reply, json_reply
from .settings import Settings
from .stats import Stats
from .writes import WriteApi

PHONE_NUMBERS = "/v2/phone/numbers"
PHONE_SITES = "/v2/phone/sites"
NM_NUMBERS = "/v2/number_management/numbers"
TOKEN_PATH = "/oauth/token"
SUNSET_MESSAGE = "This API is deprecated and no longer available. Use GET /number_management/numbers."


@dataclass
class ApiRequest:
    """The parts of an HTTP request the pipeline looks at; ``query`` is parsed from ``raw_query``."""

    method: str
    path: str
    raw_query: str
    headers: Any
    body: bytes = b""
    query: dict = field(init=False)

    def __post_init__(self):
        # Blank values are kept so the query log shows exactly what the client sent.
        self.query = parse_qs(self.raw_query, keep_blank_values=True)


class ApiService:
    """Owns the mutable server state and answers every non-control request."""

    def __init__(self, settings: Settings, dataset: Dataset):
        self.settings = settings
        self.dataset = dataset
        self.tokens = TokenStore()
        self.limiter = RateLimiter(settings.rate_limit, settings.daily_limit)
        self.stats = Stats()
        self.listings = Listings(dataset, settings, PageTokenCodec())
        self.base_url = ""
        self.faults = FaultPlan(settings.faults, settings.fault_seed)
        self._fault_rng = random.Random(f"fault-mutations:{settings.fault_seed}")
        # The write side and the lookup lists (writes.py); they share the page-token codec.
        self.writes = WriteApi(settings, dataset, self.listings.codec)

    def reconfigure(self, changed: set) -> None:
        """Rebuild the parts that depend on settings which just changed."""
        if changed & {"faults", "fault_seed"}:
            # A new plan starts its rule counters from zero.
            self.faults = FaultPlan(self.settings.faults, self.settings.fault_seed)
            self._fault_rng = random.Random(f"fault-mutations:{self.settings.fault_seed}")
        if changed & {"rate_limit", "daily_limit"}:
            self.limiter.configure(self.settings.rate_limit, self.settings.daily_limit)

    def serve(self, request: ApiRequest, send: Callable) -> None:
        """Answer one request through ``send(reply)``, keeping the counters."""
        is_token = request.path.startswith("/oauth")
        is_list = request.method == "GET" and request.path in (PHONE_NUMBERS, NM_NUMBERS)
        entry = {"method": request.method, "path": request.path, "query": request.query, "raw_query": request.raw_query}
        note = None if is_token else self.writes.describe(request)
        self.stats.begin(request.path, is_list, is_token)
        counted = False
        try:
            reply = self._process(request, is_token)
            if self.settings.latency_ms:
                # Model the network round trip: the answer leaves only after the latency.
                time.sleep(self.settings.latency_ms / 1000.0)
            # Count before writing: a client that reads the stats right after this answer
            # must already see it.
            self.stats.end(entry, None if reply.reset else reply.status, is_list)
            self.stats.operation(note, None if reply.reset else reply.status)
            counted = True
            send(reply)
        finally:
            if not counted:
                self.stats.end(entry, None, is_list)
                self.stats.operation(note, None)

    def _process(self, request: ApiRequest, is_token: bool) -> Reply:
        """Apply fired faults around the real answer; never raises."""
        try:
            fired = self.faults.select(request.method, request.path, request.query)
            for rule in fired:
                self.stats.fault(rule.kind)
                self._before(rule)
            category = "Light" if request.path.startswith("/v2/number_management") else "Medium"
            for rule in fired:
                if rule.kind in RESPONSE_KINDS and not rule.after:
                    return fault_effects.replacement(rule, category, self.settings.rate_limit, self.settings.daily_limit)
            expire = any(rule.kind == "expire_page_token" for rule in fired)
            reply = self._token(request) if is_token else self._api(request, category, expire)
            for rule in fired:
                # "after": the request was handled (a write applied), then the answer is lost.
                if rule.kind in RESPONSE_KINDS and rule.after:
                    return fault_effects.replacement(rule, category, self.settings.rate_limit, self.settings.daily_limit)
            for rule in fired:
                if rule.kind in PAYLOAD_KINDS:
                    fault_effects.damage_payload(rule, reply)
            for rule in fired:
                if rule.kind in WIRE_KINDS:
                    fault_effects.damage_bytes(rule, reply)
            return reply
        except Exception as exc:  # pylint: disable=broad-except
            # A simulator bug must show up as a loud 500, not as a dropped connection.
            traceback.print_exc(file=sys.stderr)
            return json_reply(500, {"code": 500, "message": f"zoomsim internal error: {exc!r}"})

    def _before(self, rule) -> None:
        """Side effects that happen before the request is handled."""
        if rule.kind == "slow":
            time.sleep(float(rule.params["delay"]))
        elif rule.kind == "revoke_tokens":
            self.tokens.revoke_all()
        elif rule.kind in ("add_numbers", "remove_numbers"):
            count = int(rule.params["count"])
            seed = self._fault_rng.getrandbits(32)
            if rule.kind == "add_numbers":
                self.dataset.mutate(add=count, seed=seed)
            else:
                self.dataset.mutate(remove=count, seed=seed)
        elif rule.kind == "change_numbers":
            self.writes.change(int(rule.params["count"]), self._fault_rng.getrandbits(32))

    def _token(self, request: ApiRequest) -> Reply:
        """POST /oauth/token."""
        if request.path != TOKEN_PATH:
            return json_reply(404, {"reason": "Not Found", "error": "invalid_request"})
        try:
            return token_endpoint(request, self.settings, self.tokens, self.base_url)
        except ApiError as exc:
            return exc.to_reply()

    def _api(self, request: ApiRequest, category: str, expire: bool) -> Reply:
        """Authenticate, rate limit and route one /v2 request."""
        limit_headers = {}
        try:
            self.tokens.check(bearer_token(request.headers.get("Authorization")), self.settings.token_policy)
            limit_headers = self.limiter.acquire(category)
            reply = self._route(request, expire)
        except ApiError as exc:
            reply = exc.to_reply()
        reply.headers.update(limit_headers)
        return reply

    def _route(self, request: ApiRequest, expire: bool) -> Reply:
        """Dispatch to the endpoint."""
        written = self.writes.route(request, expire)
        if written is not None:
            return written
        routes = {
            PHONE_NUMBERS: self._phone_numbers,
            PHONE_SITES: self.listings.sites,
            NM_NUMBERS: self.listings.number_management,
        }
        handler = routes.get(request.path)
        if handler is None:
            raise zoom_error(404, 404, "Not Found")
        if request.method != "GET":
            raise zoom_error(405, 405, "Method Not Allowed")
        return handler(request.query, expire)

    def _phone_numbers(self, params: dict, expire: bool) -> Reply:
        """GET /phone/numbers, or the sunset answer once the endpoint is gone."""
        if self.settings.phone_endpoint == "gone":
            raise zoom_error(404, 404, SUNSET_MESSAGE)
        return self.listings.phone_numbers(params, expire)
