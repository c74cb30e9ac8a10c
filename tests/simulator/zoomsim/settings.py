# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Runtime settings: their defaults, validation, profiles and the token-policy syntax."""

import copy
from dataclasses import dataclass, field, fields
from typing import Optional

from .profiles import PROFILE_KEYS, PROFILES

# ---------------------------------------------------------------------------------------------
# The profile every simulator starts from unless told otherwise: "realistic", what real Zoom
# does where its reference is silent or wrong, so that every test meets what users meet. Tests
# that need the friendlier "classic" behaviour pin it (see the README, "Profiles").
DEFAULT_PROFILE = "realistic"
# ---------------------------------------------------------------------------------------------

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
    if value not in allowed or isinstance(value, bool):
        raise ValueError(f"{name} must be one of {', '.join(str(item) for item in allowed)}, not {value!r}")
    return value


def _flag(name: str, value):
    """Check a true/false setting (no 0/1 or strings: a typo must not pass for a choice)."""
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false, not {value!r}")
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


def _scopes(value):
    """Check a list of scope names (an empty list gives tokens without any scope)."""
    def is_scope(item) -> bool:
        return isinstance(item, str) and item != "" and not any(char.isspace() for char in item)

    if not isinstance(value, (list, tuple)) or not all(is_scope(item) for item in value):
        raise ValueError(f"token_scopes must be a list of scope names without spaces, not {value!r}")
    return list(value)


def _quota(value):
    """Check the advertised daily quota: 0 (no quota headers) or a positive whole number."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"quota_headers must be 0 (off) or a positive integer, not {value!r}")
    return value


def _other_products(value):
    """Check the share of non-Phone numbers: a whole count, or a fraction of size below 1."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or (value >= 1 and value != int(value)):
        raise ValueError(f"other_product_numbers must be a count (integer >= 0) or a fraction below 1, not {value!r}")
    return int(value) if value >= 1 else value


# What repeating a write that is already in effect answers, and what assigning a number of
# one site to an extension of another does (README: "Choices where Zoom's documentation is silent").
# Not profile settings: both profiles use "error", the worst plausible reading (README, "Profiles").
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
    "profile": lambda v: _choice("profile", v, tuple(PROFILES)),
    "token_scopes": _scopes,
    "phone_enabled": lambda v: _flag("phone_enabled", v),
    "invalid_token_status": lambda v: _choice("invalid_token_status", v, (401, 400)),
    "error_style": lambda v: _choice("error_style", v, ("zoom", "status_errorcode")),
    "code_as_string": lambda v: _flag("code_as_string", v),
    "tracking_id": lambda v: _flag("tracking_id", v),
    "quota_headers": _quota,
    "qps_retry_after": lambda v: _choice("qps_retry_after", v, ("seconds", "none", "reset", "epoch", "date")),
    "qps_type_header": lambda v: _flag("qps_type_header", v),
    "daily_limit_style": lambda v: _choice("daily_limit_style", v, ("typed", "message_only")),
    "other_product_numbers": _other_products,
    "keyword_plus": lambda v: _choice("keyword_plus", v, ("no_match", "match")),
    "pending_default": lambda v: _choice("pending_default", v, ("exclude", "include")),
}


def _from_profile(name: str):
    """A field whose default is the default profile's value."""
    return field(default_factory=lambda: copy.deepcopy(PROFILES[DEFAULT_PROFILE][name]))  # pylint: disable=invalid-field-call


@dataclass
class Settings:  # pylint: disable=too-many-instance-attributes
    """Everything ``Simulator.configure`` may change while the server runs.

    Settings listed in profiles.py follow ``profile`` unless given explicitly; giving one
    None hands it back to the profile.
    """

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
    profile: str = DEFAULT_PROFILE
    token_scopes: list = _from_profile("token_scopes")
    phone_enabled: bool = _from_profile("phone_enabled")
    invalid_token_status: int = _from_profile("invalid_token_status")
    error_style: str = _from_profile("error_style")
    code_as_string: bool = _from_profile("code_as_string")
    tracking_id: bool = _from_profile("tracking_id")
    quota_headers: int = _from_profile("quota_headers")
    qps_retry_after: str = _from_profile("qps_retry_after")
    qps_type_header: bool = _from_profile("qps_type_header")
    daily_limit_style: str = _from_profile("daily_limit_style")
    other_product_numbers: float = _from_profile("other_product_numbers")
    keyword_plus: str = _from_profile("keyword_plus")
    pending_default: str = _from_profile("pending_default")

    def __post_init__(self):
        # Profile settings given explicitly; the others follow the profile when it changes.
        self.explicit = set()

    @classmethod
    def names(cls) -> tuple:
        """The setting names, which are also the constructor and /_sim/config keys."""
        return tuple(item.name for item in fields(cls))

    def validated(self, changes: dict) -> dict:
        """Return ``changes`` checked and normalised; raise ValueError naming a bad key or value.

        A profile setting given None stays None here: it means "back to the profile".
        """
        unknown = sorted(set(changes) - set(self.names()))
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}; known: {', '.join(self.names())}")
        return {name: value if value is None and name in PROFILE_KEYS else _VALIDATORS[name](value)
                for name, value in changes.items()}

    def resolve(self, checked: dict) -> tuple:
        """Turn validated changes into ``(values to set, explicit names)`` with the profile applied."""
        profile = checked.get("profile", self.profile)
        explicit = set(self.explicit)
        for name in PROFILE_KEYS:
            if name in checked:
                (explicit.discard if checked[name] is None else explicit.add)(name)
        values = {name: value for name, value in checked.items() if value is not None or name not in PROFILE_KEYS}
        for name in PROFILE_KEYS:
            if name not in explicit:
                values[name] = copy.deepcopy(PROFILES[profile][name])
        return values, explicit

    def commit(self, checked: dict) -> set:
        """Set validated changes with the profile applied; return the names touched or changed."""
        values, explicit = self.resolve(checked)
        changed = {name for name, value in values.items() if getattr(self, name) != value}
        for name, value in values.items():
            setattr(self, name, value)
        self.explicit = explicit
        return changed | set(checked)

    def apply(self, changes: dict) -> set:
        """Validate then set every change, all or nothing; return the names touched or changed."""
        return self.commit(self.validated(changes))
