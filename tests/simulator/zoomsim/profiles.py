# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The two presets of the behaviours that differ between a friendly simulator and real Zoom.

``classic`` is the simulator as it was before these settings existed; ``realistic`` picks,
where Zoom is undocumented or inconsistent, the variant that is hardest on a client. Every
setting named here takes its value from the profile unless it is given explicitly. The README
gives the source of each behaviour.
"""

from .scopes import CLASSIC_SCOPES, GRANULAR_SCOPES

CLASSIC = {
    "token_scopes": list(CLASSIC_SCOPES),
    "phone_enabled": True,
    "invalid_token_status": 401,
    "error_style": "zoom",
    "code_as_string": False,
    # Zoom sends it on every answer and it costs a client nothing, so even classic has it.
    "tracking_id": True,
    "quota_headers": 0,
    "qps_retry_after": "seconds",
    "qps_type_header": True,
    "daily_limit_style": "typed",
    "other_product_numbers": 0,
    "keyword_plus": "match",
    "pending_default": "include",
}

REALISTIC = {
    # A Server-to-Server app created since granular scopes exist has only those.
    "token_scopes": list(GRANULAR_SCOPES),
    # Accounts without Zoom Phone exist, but the profile models one that has it.
    "phone_enabled": True,
    "invalid_token_status": 400,
    # Seen on another Zoom product's API, so it is left to tests that ask for it.
    "error_style": "zoom",
    "code_as_string": True,
    "tracking_id": True,
    "quota_headers": 6000,
    "qps_retry_after": "none",
    "qps_type_header": False,
    "daily_limit_style": "message_only",
    "other_product_numbers": 0.03,
    "keyword_plus": "no_match",
    "pending_default": "exclude",
}

PROFILES = {"classic": CLASSIC, "realistic": REALISTIC}
PROFILE_KEYS = tuple(CLASSIC)
