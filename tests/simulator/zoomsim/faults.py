# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The fault plan: rules that decide which requests get which injected failure."""

import random
import threading
from typing import Optional

PRE_KINDS = ("slow", "revoke_tokens", "add_numbers", "remove_numbers", "change_numbers")
RESPONSE_KINDS = ("429", "429_date", "daily_limit", "500", "502", "503", "504", "reset")
TOKEN_KINDS = ("expire_page_token",)
PAYLOAD_KINDS = ("missing_id", "phone_numbers_not_list", "total_records_not_int")
WIRE_KINDS = ("truncated", "empty_body")
KINDS = PRE_KINDS + RESPONSE_KINDS + TOKEN_KINDS + PAYLOAD_KINDS + WIRE_KINDS
# Only transport-level failures make sense at the token endpoint.
OAUTH_KINDS = ("429", "429_date", "500", "502", "503", "504", "reset", "slow", "truncated", "empty_body")
LIST_PATHS = ("/v2/phone/numbers", "/v2/phone/sites", "/v2/number_management/numbers")
TOTAL_PATHS = ("/v2/phone/numbers", "/v2/phone/sites")
# Kinds that only make sense for some requests; the others count every request under their path.
_NEEDS = {
    "expire_page_token": lambda method, path, query: bool(query.get("next_page_token", [""])[0]),
    "missing_id": lambda method, path, query: method == "GET" and path in LIST_PATHS,
    "phone_numbers_not_list": lambda method, path, query: method == "GET" and path in LIST_PATHS,
    "total_records_not_int": lambda method, path, query: method == "GET" and path in TOTAL_PATHS,
}
_DEFAULTS = {"retry_after": None, "body": "json", "delay": 2.0, "count": 1}
_WHEN_KEYS = ("first", "every", "nth", "probability")


def _check_when(when) -> dict:
    """Validate a rule's ``when``: exactly one of first/every/nth/probability (none: always)."""
    if when is None:
        return {}
    if not isinstance(when, dict) or len(when) != 1 or next(iter(when)) not in _WHEN_KEYS:
        raise ValueError(f"'when' must have exactly one of {', '.join(_WHEN_KEYS)}, not {when!r}")
    name, value = next(iter(when.items()))
    if name in ("first", "every") and (not isinstance(value, int) or isinstance(value, bool) or value < (0 if name == "first" else 1)):
        raise ValueError(f"when.{name} must be a positive integer")
    if name == "nth" and (not isinstance(value, list) or not all(isinstance(item, int) and item >= 1 for item in value)):
        raise ValueError("when.nth must be a list of request ordinals (1-based)")
    if name == "probability" and (not isinstance(value, (int, float)) or not 0 <= value <= 1):
        raise ValueError("when.probability must be between 0 and 1")
    return dict(when)


def _check_methods(index: int, method) -> tuple:
    """Validate a rule's optional ``method``: one HTTP method or a list of them (any case)."""
    if method is None:
        return ()
    methods = [method] if isinstance(method, str) else method
    if not isinstance(methods, list) or not methods or not all(isinstance(item, str) and item.isalpha() for item in methods):
        raise ValueError(f"fault rule {index}: method must be an HTTP method or a list of them")
    return tuple(item.upper() for item in methods)


class FaultRule:
    """One rule; it counts the requests it applies to and fires on those its ``when`` selects."""

    def __init__(self, index: int, spec: dict, seed: int):
        if not isinstance(spec, dict):
            raise ValueError(f"fault rule {index} must be an object")
        self.kind = str(spec.get("fault"))
        if self.kind not in KINDS:
            raise ValueError(f"fault rule {index}: unknown fault {spec.get('fault')!r}; known: {', '.join(KINDS)}")
        self.path = spec.get("path")
        if self.path is not None and (not isinstance(self.path, str) or not self.path.startswith("/")):
            raise ValueError(f"fault rule {index}: path must be a string starting with /")
        self.when = _check_when(spec.get("when"))
        self.methods = _check_methods(index, spec.get("method"))
        self.after = spec.get("after", False)
        if not isinstance(self.after, bool) or (self.after and self.kind not in RESPONSE_KINDS):
            raise ValueError(f"fault rule {index}: after must be a boolean, and true only for {', '.join(RESPONSE_KINDS)}")
        unknown = set(spec) - {"fault", "path", "when", "method", "after"} - set(_DEFAULTS)
        if unknown:
            raise ValueError(f"fault rule {index}: unknown key(s) {', '.join(sorted(unknown))}")
        self.params = {name: spec.get(name, default) for name, default in _DEFAULTS.items()}
        if self.params["body"] not in ("json", "html"):
            raise ValueError(f"fault rule {index}: body must be json or html")
        self.matched = 0
        # A string seed keeps each rule's draws reproducible and independent of the others.
        self._rng = random.Random(f"{seed}:{index}")

    def applies(self, method: str, path: str, query: dict) -> bool:
        """Tell whether this request counts for the rule at all."""
        if path.startswith("/oauth"):
            # The token endpoint is only faulted when a rule names it explicitly.
            if not (self.path and self.path.startswith("/oauth") and path.startswith(self.path)):
                return False
            return self.kind in OAUTH_KINDS
        if not path.startswith(self.path or "/v2/"):
            return False
        if self.methods and method.upper() not in self.methods:
            return False
        needs = _NEEDS.get(self.kind)
        return needs is None or needs(method, path, query)

    def fires(self) -> bool:
        """Count one applicable request and tell whether the rule fires on it."""
        self.matched += 1
        if not self.when:
            return True
        name, value = next(iter(self.when.items()))
        if name == "first":
            return self.matched <= value
        if name == "every":
            return self.matched % value == 0
        if name == "nth":
            return self.matched in value
        return self._rng.random() < value


class FaultPlan:
    """All rules; ``select`` returns those firing on a request, in plan order."""

    def __init__(self, rules: Optional[list] = None, seed: int = 0):
        self.rules = [FaultRule(index, spec, seed) for index, spec in enumerate(rules or [])]
        self._lock = threading.Lock()

    def select(self, method: str, path: str, query: dict) -> list:
        """Return the rules that fire on this request."""
        if not self.rules:
            return []
        with self._lock:
            return [rule for rule in self.rules if rule.applies(method, path, query) and rule.fires()]
