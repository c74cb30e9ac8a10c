# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The request pipeline for API and token requests: faults, auth, scopes, rate limits, routing,
latency, and the marks error answers get on the way out."""

import random
import sys
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import parse_qs

from . import fault_effects, operations, outgoing
from .auth import TokenRefused, TokenStore, bearer_token, token_endpoint, token_error
from .clock import SimClock
from .dataset import Dataset
from .errors import ApiError, zoom_error
from .faults import PAYLOAD_KINDS, RESPONSE_KINDS, WIRE_KINDS, FaultPlan
from .listings import Listings
from .paging import PageTokenCodec
from .ratelimit import RateLimiter, Refused, daily_error, qps_error, success_headers
from .reply import Reply, json_reply
from .scopes import check_scopes
from .settings import Settings
from .stats import Stats
from .writes import WriteApi

PHONE_NUMBERS = "/v2/phone/numbers"
PHONE_SITES = "/v2/phone/sites"
NM_NUMBERS = "/v2/number_management/numbers"
PHONE_PREFIX = "/v2/phone/"
TOKEN_PATH = "/oauth/token"
SUNSET_MESSAGE = "This API is deprecated and no longer available. Use GET /number_management/numbers."
PHONE_DISABLED_MESSAGE = "Zoom Phone has not been enabled for this account."


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


def _category(method: str, path: str) -> str:
    """Zoom's rate-limit label of an operation, as X-RateLimit-Category spells it.

    The label is the one operations.py gives the operation (from its spec excerpt); paths no
    operation fits (404s, 405s, the token endpoint) fall back to Light for Number Management
    and Medium for Phone, the labels of the two list endpoints.
    """
    op, _params, _allowed = operations.match(method, path)
    if op is not None:
        return op.label.capitalize()
    return "Light" if path.startswith("/v2/number_management") else "Medium"


def _api_name(path: str) -> str:
    """How a daily-limit message names the API a path belongs to."""
    return "Number Management" if path.startswith("/v2/number_management") else "Phone"


class ApiService:
    """Owns the mutable server state and answers every non-control request."""

    def __init__(self, settings: Settings, dataset: Dataset, clock: SimClock = None):
        self.settings = settings
        self.dataset = dataset
        self.clock = clock or SimClock()
        self.tokens = TokenStore(self.clock)
        self.limiter = RateLimiter(settings.rate_limit, settings.daily_limit, self.clock)
        self.stats = Stats()
        self.listings = Listings(dataset, settings, PageTokenCodec(clock=self.clock))
        self.base_url = ""
        self.faults = FaultPlan(settings.faults, settings.fault_seed)
        self._fault_rng = random.Random(f"fault-mutations:{settings.fault_seed}")
        # The write side and the lookup lists (writes.py); they share the page-token codec.
        self.writes = WriteApi(settings, dataset, self.listings.codec, self.clock)

    def reconfigure(self, changed: set) -> None:
        """Rebuild the parts that depend on settings which just changed."""
        if changed & {"faults", "fault_seed"}:
            # A new plan starts its rule counters from zero.
            self.faults = FaultPlan(self.settings.faults, self.settings.fault_seed)
            self._fault_rng = random.Random(f"fault-mutations:{self.settings.fault_seed}")
        if changed & {"rate_limit", "daily_limit"}:
            self.limiter.configure(self.settings.rate_limit, self.settings.daily_limit)
        if "other_product_numbers" in changed:
            self.dataset.set_other_products(self.settings.other_product_numbers)

    def serve(self, request: ApiRequest, send: Callable) -> None:
        """Answer one request through ``send(reply)``, keeping the counters."""
        is_token = request.path.startswith("/oauth")
        is_list = request.method == "GET" and request.path in (PHONE_NUMBERS, NM_NUMBERS)
        entry = {"method": request.method, "path": request.path, "query": request.query, "raw_query": request.raw_query,
                 "user_agent": request.headers.get("User-Agent")}
        note = None if is_token else self.writes.describe(request)
        self.stats.begin(request.path, is_list, is_token)
        counted = False
        try:
            reply = self._process(request, is_token)
            self._delay(reply)
            self._finish(reply, entry)
            # Count before writing: a client that reads the stats right after this answer
            # must already see it.
            self.stats.end(entry, None if reply.reset else reply.status, is_list, is_token)
            self.stats.operation(note, None if reply.reset else reply.status)
            counted = True
            send(reply)
        finally:
            if not counted:
                self.stats.end(entry, None, is_list, is_token)
                self.stats.operation(note, None)

    def _delay(self, reply: Reply) -> None:
        """Model the network round trip: the answer leaves only after the latency."""
        seconds = self.settings.latency_ms / 1000.0
        if seconds:
            time.sleep(seconds)
            self.stats.delay("latency", seconds)
            reply.meta["delayed"] = round(reply.meta.get("delayed", 0) + seconds, 6)

    def _finish(self, reply: Reply, entry: dict) -> None:
        """Stamp error answers as the settings ask and copy what the query log keeps."""
        if self.settings.code_as_string:
            outgoing.stringify_codes(reply)
        if self.settings.tracking_id:
            tracking_id = outgoing.add_tracking_id(reply)
            if tracking_id:
                entry["tracking_id"] = tracking_id
        entry.update(reply.meta)

    def _process(self, request: ApiRequest, is_token: bool) -> Reply:
        """Apply fired faults around the real answer; never raises."""
        try:
            fired = self.faults.select(request.method, request.path, request.query)
            slept = 0.0
            for rule in fired:
                self.stats.fault(rule.kind)
                slept += self._before(rule)
            for rule in fired:
                if rule.kind in RESPONSE_KINDS and not rule.after:
                    return self._with_delay(self._replacement(rule, request), slept)
            expire = any(rule.kind == "expire_page_token" for rule in fired)
            reply = self._token(request) if is_token else self._api(request, expire)
            for rule in fired:
                # "after": the request was handled (a write applied), then the answer is lost.
                if rule.kind in RESPONSE_KINDS and rule.after:
                    return self._with_delay(self._replacement(rule, request), slept)
            for rule in fired:
                if rule.kind in PAYLOAD_KINDS:
                    fault_effects.damage_payload(rule, reply)
            for rule in fired:
                if rule.kind in WIRE_KINDS:
                    fault_effects.damage_bytes(rule, reply)
            return self._with_delay(reply, slept)
        except Exception as exc:  # pylint: disable=broad-except
            # A simulator bug must show up as a loud 500, not as a dropped connection.
            traceback.print_exc(file=sys.stderr)
            return json_reply(500, {"code": 500, "message": f"zoomsim internal error: {exc!r}"})

    @staticmethod
    def _with_delay(reply: Reply, slept: float) -> Reply:
        """Note in the reply how long slow faults held it (the query log shows it)."""
        if slept:
            reply.meta["delayed"] = round(slept, 6)
        return reply

    def _replacement(self, rule, request: ApiRequest) -> Reply:
        """The answer a response-kind fault sends instead of the real one."""
        path = request.path
        return fault_effects.replacement(rule, self.settings, _category(request.method, path), _api_name(path),
                                         self.clock.now(), self.limiter.day_count())

    def _before(self, rule) -> float:
        """Side effects that happen before the request is handled; return the seconds slept."""
        if rule.kind == "slow":
            seconds = float(rule.params["delay"])
            time.sleep(seconds)
            self.stats.delay("slow", seconds)
            return seconds
        if rule.kind == "revoke_tokens":
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
        return 0.0

    def _token(self, request: ApiRequest) -> Reply:
        """POST /oauth/token."""
        if request.path != TOKEN_PATH:
            return json_reply(404, {"reason": "Not Found", "error": "invalid_request"})
        try:
            return token_endpoint(request, self.settings, self.tokens, self.base_url)
        except ApiError as exc:
            return exc.to_reply()

    def _api(self, request: ApiRequest, expire: bool) -> Reply:
        """Authenticate, check scopes, rate limit and route one /v2 request."""
        limit_headers = {}
        try:
            scopes = self._authenticate(request)
            check_scopes(scopes, request.method, request.path)
            limit_headers = self._admit(request.method, request.path)
            reply = self._route(request, expire)
        except ApiError as exc:
            reply = exc.to_reply()
        reply.headers.update(limit_headers)
        return reply

    def _authenticate(self, request: ApiRequest) -> frozenset:
        """The scopes of the request's bearer token, or the refused-token answer."""
        try:
            return self.tokens.check(bearer_token(request.headers.get("Authorization")), self.settings.token_policy)
        except TokenRefused as exc:
            raise token_error(self.settings, str(exc)) from None

    def _admit(self, method: str, path: str) -> dict:
        """Count the request against the limits; return its headers or raise its 429."""
        category = _category(method, path)
        try:
            usage = self.limiter.acquire()
        except Refused as refusal:
            if refusal.kind == "daily":
                raise daily_error(self.settings, category, refusal.limit, _api_name(path), refusal.now,
                                  refusal.day_count) from None
            raise qps_error(self.settings, category, refusal.limit, refusal.wait, refusal.now, refusal.day_count) from None
        return success_headers(self.settings, category, usage)

    def _route(self, request: ApiRequest, expire: bool) -> Reply:
        """Dispatch to the endpoint."""
        if request.path.startswith(PHONE_PREFIX) and not self.settings.phone_enabled:
            # Without Zoom Phone on the account every Phone API answers 403 (Zoom's Phone API reference).
            raise zoom_error(403, 2031, PHONE_DISABLED_MESSAGE)
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
