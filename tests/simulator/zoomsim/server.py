# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The Simulator: owns the dataset and the server thread, and is the library API."""

import copy
import json
import shutil
import tempfile
import threading
from typing import Optional

from . import tlscert
from .clock import SimClock
from .dataset import Dataset
from .faults import FaultPlan
from .handler import SimServer
from .profiles import PROFILE_KEYS
from .service import ApiService
from .settings import DEFAULT_PROFILE, Settings


class Simulator:
    """A Zoom API simulator on 127.0.0.1; see the README for every option."""

    # pylint: disable=too-many-arguments,too-many-locals
    def __init__(self, size: int = 2000, seed: int = 1, *, latency_ms: float = 0, rate_limit: Optional[float] = None,
                 daily_limit: Optional[int] = None, token_ttl: float = 3600, page_token_ttl: float = 900,
                 token_policy: str = "multi", byoc_fields: str = "byoc_only", faults: Optional[list] = None,
                 fault_seed: int = 0, tls: bool = False, phone_endpoint: str = "ok",
                 account_id: str = "sim-account", client_id: str = "sim-client", client_secret: str = "sim-secret",
                 port: int = 0, host: str = "127.0.0.1", log: bool = False, records_file: Optional[str] = None,
                 repeat_writes: str = "error", assign_site: str = "error", multi_number_users: int = 0,
                 profile: Optional[str] = None, token_scopes: Optional[list] = None, phone_enabled: Optional[bool] = None,
                 invalid_token_status: Optional[int] = None, error_style: Optional[str] = None,
                 code_as_string: Optional[bool] = None, tracking_id: Optional[bool] = None,
                 quota_headers: Optional[int] = None, qps_retry_after: Optional[str] = None,
                 qps_type_header: Optional[bool] = None, daily_limit_style: Optional[str] = None,
                 other_product_numbers: Optional[float] = None, keyword_plus: Optional[str] = None,
                 pending_default: Optional[str] = None):
        # The profile settings: None (the default) means "whatever the profile says".
        chosen = {
            "token_scopes": token_scopes, "phone_enabled": phone_enabled, "invalid_token_status": invalid_token_status,
            "error_style": error_style, "code_as_string": code_as_string, "tracking_id": tracking_id,
            "quota_headers": quota_headers, "qps_retry_after": qps_retry_after, "qps_type_header": qps_type_header,
            "daily_limit_style": daily_limit_style, "other_product_numbers": other_product_numbers,
            "keyword_plus": keyword_plus, "pending_default": pending_default,
        }
        self.settings = Settings()
        self.settings.apply({
            "latency_ms": latency_ms, "rate_limit": rate_limit, "daily_limit": daily_limit,
            "token_ttl": token_ttl, "page_token_ttl": page_token_ttl, "token_policy": token_policy,
            "byoc_fields": byoc_fields, "faults": copy.deepcopy(faults), "fault_seed": fault_seed,
            "phone_endpoint": phone_endpoint, "account_id": account_id, "client_id": client_id,
            "client_secret": client_secret, "repeat_writes": repeat_writes, "assign_site": assign_site,
            "profile": profile or DEFAULT_PROFILE,
            **{name: value for name, value in chosen.items() if value is not None},
        })
        if isinstance(multi_number_users, bool) or not isinstance(multi_number_users, int) or multi_number_users < 0:
            raise ValueError("multi_number_users must be an integer >= 0")
        self.size = size
        self.seed = seed
        self.tls = tls
        self.clock = SimClock()
        other = 0 if records_file else self.settings.other_product_numbers
        self.dataset = Dataset(size, seed, account_id, other)
        if records_file:
            # A hand-written dataset replaces the generated numbers (see the README).
            with open(records_file, encoding="utf-8") as handle:
                self.dataset.load_records(json.load(handle)["numbers"])
        self.service = ApiService(self.settings, self.dataset, self.clock)
        if multi_number_users:
            # Opt-in, because it changes numbers the seed made (see the README).
            self.service.writes.seed_users_with_several_numbers(multi_number_users)
        self.ca_file = None
        self._address = (host, port)
        self._log = log
        self._server = None
        self._thread = None
        self._tls_dir = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> "Simulator":
        """Bind and serve in a background thread; return self."""
        if self._server is not None:
            return self
        context = None
        if self.tls:
            self._tls_dir = tempfile.mkdtemp(prefix="zoomsim-tls-")
            self.ca_file, cert_file, key_file = tlscert.generate(self._tls_dir)
            context = tlscert.server_context(cert_file, key_file)
        self._server = SimServer(self._address, self, context, self._log)
        self.service.base_url = self.url
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="zoomsim", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close open connections and remove the generated certificate files."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
            server.close_connections()
            self._thread.join(timeout=5)
        if self._tls_dir is not None:
            shutil.rmtree(self._tls_dir, ignore_errors=True)
            self._tls_dir = None

    def __enter__(self) -> "Simulator":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------

    @property
    def port(self) -> int:
        """The bound port (after start())."""
        if self._server is None:
            raise RuntimeError("the simulator is not running")
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:PORT (https with tls=True)."""
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """The API base URL (url + /v2)."""
        return self.url + "/v2"

    @property
    def oauth_url(self) -> str:
        """The token endpoint URL."""
        return self.url + "/oauth/token"

    @property
    def account_id(self) -> str:
        """The account id the token endpoint expects."""
        return self.settings.account_id

    @property
    def client_id(self) -> str:
        """The client id of the Basic credentials."""
        return self.settings.client_id

    @property
    def client_secret(self) -> str:
        """The client secret of the Basic credentials."""
        return self.settings.client_secret

    def credentials(self) -> dict:
        """Everything a client needs to authenticate."""
        return {
            "account_id": self.settings.account_id,
            "client_id": self.settings.client_id,
            "client_secret": self.settings.client_secret,
            "api_url": self.api_url,
            "oauth_url": self.oauth_url,
        }

    # -- counters, truth, settings, data -------------------------------------------------

    def stats(self) -> dict:
        """A snapshot of the request counters."""
        return self.service.stats.snapshot()

    def reset_stats(self) -> None:
        """Zero the counters (the data and tokens stay)."""
        self.service.stats.reset()

    def truth(self, endpoint: str = "phone", **filters) -> list:
        """The complete, ordered result of listing ``endpoint`` with query-parameter ``filters``.

        Values may be strings or Python values (True/False for pending_numbers); None is skipped.
        Invalid filters raise zoomsim.errors.ApiError (a ValueError) with the API's error body.
        """
        params = {}
        for name, value in filters.items():
            if value is None:
                continue
            if isinstance(value, bool):
                value = "true" if value else "false"
            params[name] = [str(value)]
        # Deep copies: callers may change what they get without touching the dataset.
        return copy.deepcopy(self.service.listings.truth(endpoint, params))

    def settings_dict(self) -> dict:
        """The current runtime settings."""
        return {name: copy.deepcopy(getattr(self.settings, name)) for name in Settings.names()}

    def profile_overrides(self) -> list:
        """The profile settings given explicitly (the others follow the profile)."""
        return sorted(name for name in PROFILE_KEYS if name in self.settings.explicit)

    def configure(self, **changes) -> None:
        """Change runtime settings (constructor names); all or nothing.

        A profile setting given None follows the profile again; changing ``profile`` moves
        every profile setting not given explicitly to the new profile's value.
        """
        checked = self.settings.validated(changes)
        if "faults" in checked or "fault_seed" in checked:
            # Check the plan's rules before anything changes.
            FaultPlan(checked.get("faults", self.settings.faults), checked.get("fault_seed", self.settings.fault_seed))
            checked["faults"] = copy.deepcopy(checked.get("faults", self.settings.faults))
        self.service.reconfigure(self.settings.commit(checked))

    def advance_clock(self, seconds: float) -> float:
        """Let ``seconds`` pass for tokens, page tokens and rate limits; return the total offset."""
        return self.clock.advance(seconds)

    def revoke_tokens(self) -> None:
        """Revoke every access token issued so far."""
        self.service.tokens.revoke_all()

    def mutate(self, add: int = 0, remove: int = 0, seed: Optional[int] = None, change: int = 0) -> dict:
        """Remove ``remove`` random numbers and add ``add`` new ones at random positions; then
        change ``change`` existing numbers (reassign, move to another site or rename), reported
        in ``changed`` as ``[{"id", "action"}]`` (only when ``change`` is given)."""
        if change < 0:
            raise ValueError("change must be >= 0")
        if add or remove or not change:
            result = self.dataset.mutate(add=add, remove=remove, seed=seed)
        else:
            result = {"added": [], "removed": [], "size": len(self.dataset.records)}
        if change:
            result["changed"] = self.service.writes.change(change, None if seed is None else f"{seed}:change")
            result["size"] = len(self.dataset.records)
        return result

    def entity_truth(self, kind: str, **filters) -> list:
        """Every item a complete listing of ``kind`` returns, in its list's shape.

        ``kind``: ``users``, ``call_queues``, ``auto_receptionists``, ``common_areas``,
        ``shared_line_groups`` (or their assignee types: ``user``, ``callQueue``...),
        ``sip_groups``, ``nm_sip_groups``, and the kinds without a list endpoint
        (``emergencyNumberPool``, ``companyLocation``, ``meetingService``). ``filters`` are the
        list's query parameters (``keyword``, ``site_id``, ``status``).
        """
        params = {name: [str(value)] for name, value in filters.items() if value is not None}
        return copy.deepcopy(self.service.writes.lists.truth(kind, params))

    def number(self, key: str, endpoint: str = "phone") -> Optional[dict]:
        """One number by id or E.164 (None when the account has no such number), with every field:
        the /phone/numbers object including BYOC fields, or the Number Management object."""
        return copy.deepcopy(self.service.writes.number(key, endpoint))
