# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Runtime settings: their defaults, validation and the token-policy syntax."""

from dataclasses import dataclass, fields
from typing import Optional

TOKEN_POLICIES = ("multi", "revoke_old", "max_live:K")


def parse_token_policy(value: str) -> tuple:
    """Return ``(mode, k)`` for "multi", "revoke_old" or "max_live:K" (K >= 1)."""
    if value in ("multi", "revoke_old"):
        return value, 0
    if isinstance(value, str) and value.startswith("max_live:"):
        count = value.split(":", 1)[1]
        if count.isdigit() and int(count) >= 1:
            return "max_live", int(count)
    raise ValueError(f"token_policy must be one of {', '.join(TOKEN_POLICIES)} (K >= 1), not {value!r}")


def _number(name: str, value, minimum: float, allow_none: bool = False):
    """Check a numeric setting."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise ValueError(f"{name} must be a number >= {minimum}{' or null' if allow_none else ''}, not {value!r}")
    return value


def _choice(name: str, value, allowed: tuple):
    """Check a setting with a fixed set of values."""
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _text(name: str, value):
    """Check a non-empty string setting."""
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} must be a non-empty string")
    return value


def _faults(value):
    """Check the outer shape of a fault plan (the rules are checked by FaultPlan)."""
    if value is not None and not isinstance(value, list):
        raise ValueError("faults must be a list of rules or null")
    return value


def _policy(value):
    """Check a token policy, keeping its original spelling."""
    parse_token_policy(value)
    return value


# What repeating a write that is already in effect answers, and what assigning a number of
# one site to an extension of another does (README: "Choices where Zoom's documentation is silent").
REPEAT_WRITES = ("error", "ok")
ASSIGN_SITE = ("error", "keep", "follow")

_VALIDATORS = {
    "latency_ms": lambda v: _number("latency_ms", v, 0),
    "rate_limit": lambda v: _number("rate_limit", v, 1, allow_none=True),
    "daily_limit": lambda v: _number("daily_limit", v, 1, allow_none=True),
    "token_ttl": lambda v: _number("token_ttl", v, 1),
    "page_token_ttl": lambda v: _number("page_token_ttl", v, 0.001),
    "token_policy": _policy,
    "byoc_fields": lambda v: _choice("byoc_fields", v, ("byoc_only", "always")),
    "repeat_writes": lambda v: _choice("repeat_writes", v, REPEAT_WRITES),
    "assign_site": lambda v: _choice("assign_site", v, ASSIGN_SITE),
    "faults": _faults,
    "fault_seed": lambda v: int(_number("fault_seed", v, 0)),
    "phone_endpoint": lambda v: _choice("phone_endpoint", v, ("ok", "gone")),
    "account_id": lambda v: _text("account_id", v),
    "client_id": lambda v: _text("client_id", v),
    "client_secret": lambda v: _text("client_secret", v),
}


@dataclass
class Settings:
    """Everything ``Simulator.configure`` may change while the server runs."""

    latency_ms: float = 0
    rate_limit: Optional[float] = None
    daily_limit: Optional[int] = None
    token_ttl: float = 3600
    page_token_ttl: float = 900
    token_policy: str = "multi"
    byoc_fields: str = "byoc_only"
    repeat_writes: str = "error"
    assign_site: str = "error"
    faults: Optional[list] = None
    fault_seed: int = 0
    phone_endpoint: str = "ok"
    account_id: str = "sim-account"
    client_id: str = "sim-client"
    client_secret: str = "sim-secret"

    @classmethod
    def names(cls) -> tuple:
        """The setting names, which are also the constructor and /_sim/config keys."""
        return tuple(item.name for item in fields(cls))

    def validated(self, changes: dict) -> dict:
        """Return ``changes`` checked and normalised; raise ValueError naming a bad key or value."""
        unknown = sorted(set(changes) - set(self.names()))
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}; known: {', '.join(self.names())}")
        return {name: _VALIDATORS[name](value) for name, value in changes.items()}

    def apply(self, changes: dict) -> None:
        """Validate then set every change, all or nothing."""
        for name, value in self.validated(changes).items():
            setattr(self, name, value)
