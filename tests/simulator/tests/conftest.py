# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Shared setup of the simulator's own tests: import path, fixtures and a small API client."""

import pytest
import requests

from zoomsim import Simulator, pytest_plugin

LIST_FIELDS = {
    "/phone/numbers": "phone_numbers", "/phone/sites": "sites", "/number_management/numbers": "numbers",
    "/phone/users": "users", "/phone/call_queues": "call_queues", "/phone/auto_receptionists": "auto_receptionists",
    "/phone/common_areas": "common_areas", "/phone/shared_line_groups": "shared_line_groups",
    "/phone/sip_groups": "sip_groups", "/number_management/sip_groups": "sip_groups",
}


class ApiClient:
    """A minimal client: fetches a token and calls the API with keep-alive."""

    def __init__(self, sim, verify=True):
        self.sim = sim
        self.session = requests.Session()
        # Passed on every call: REQUESTS_CA_BUNDLE in the environment would override session.verify.
        self.verify = verify
        self.token = None

    def fetch_token(self) -> str:
        """Get a new access token and use it from now on."""
        response = self.session.post(
            self.sim.oauth_url,
            params={"grant_type": "account_credentials", "account_id": self.sim.settings.account_id},
            auth=(self.sim.settings.client_id, self.sim.settings.client_secret),
            verify=self.verify, timeout=10,
        )
        assert response.status_code == 200, response.text
        self.token = response.json()["access_token"]
        return self.token

    def get(self, path: str, token=None, timeout=10, **params) -> requests.Response:
        """GET api_url + path with the current (or given) token."""
        if token is None and self.token is None:
            self.fetch_token()
        headers = {"Authorization": f"Bearer {token or self.token}"}
        return self.session.get(self.sim.api_url + path, params=params, headers=headers, timeout=timeout, verify=self.verify)

    def call(self, method: str, path: str, token=None, timeout=10, **kwargs) -> requests.Response:
        """Any request to api_url + path (``json=``, ``params=``, ``data=`` as for requests)."""
        if token is None and self.token is None:
            self.fetch_token()
        headers = dict(kwargs.pop("headers", None) or {}, Authorization=f"Bearer {token or self.token}")
        return self.session.request(method, self.sim.api_url + path, headers=headers, timeout=timeout,
                                    verify=self.verify, **kwargs)

    def list_all(self, path: str = "/phone/numbers", **params) -> tuple:
        """Follow next_page_token to the end; return (items, number of requests, last body)."""
        field = LIST_FIELDS[path]
        items, calls, token = [], 0, None
        while True:
            query = dict(params)
            if token:
                query["next_page_token"] = token
            response = self.get(path, **query)
            assert response.status_code == 200, response.text
            body = response.json()
            calls += 1
            items.extend(body[field])
            token = body["next_page_token"]
            if not token:
                return items, calls, body
            assert calls <= 10000, "paging does not end"

    def close(self) -> None:
        """Close the keep-alive connections."""
        self.session.close()


@pytest.fixture
def zoom_simulator_factory():
    """The plugin's factory, pinned to the classic profile unless a test names another.

    These tests check what a given profile does, so the default profile (DEFAULT_PROFILE,
    which the project may flip) must not change their meaning. ``zoom_simulator`` uses this
    factory too.
    """
    started = []

    def start(**kwargs) -> Simulator:
        kwargs.setdefault("size", pytest_plugin.DEFAULT_SIZE)
        kwargs.setdefault("profile", "classic")
        simulator = Simulator(**kwargs).start()
        started.append(simulator)
        return simulator

    yield start
    for simulator in reversed(started):
        simulator.stop()


@pytest.fixture
def make_client():
    """Return ``make(sim, verify=True)`` building ApiClients that are closed at teardown."""
    clients = []

    def make(sim, verify=True) -> ApiClient:
        made = ApiClient(sim, verify)
        clients.append(made)
        return made

    yield make
    for made in clients:
        made.close()


@pytest.fixture
def client(zoom_simulator, make_client):  # pylint: disable=redefined-outer-name
    """An ApiClient on the default 500-number simulator."""
    return make_client(zoom_simulator)
