# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Zoom simulator in its own process, driven through its control endpoints.

It runs apart from the harness and from the measured commands, so its work shows up in
neither their time nor their memory, only in the API time every client pays alike.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
import urllib.parse
import urllib.request

STARTUP_TIMEOUT = 120.0
# GET of the number listings and of one number, on either API: the requests that read numbers.
_NUMBER_READ = re.compile(r"^/v2/(phone|number_management)/numbers(/[^/]+)?$")


class SimulatorProcess:
    """``python -m zoomsim`` with a given size, started and stopped by the harness."""

    def __init__(self, python, repo, workdir, size, seed=1, name=None, account="sim"):
        self.size = size
        self.seed = seed
        self.url = None
        # The credentials of the account it plays: each simulator of a fleet is another account.
        self.credentials = {"account_id": account + "-account", "client_id": account + "-client", "client_secret": account + "-secret"}
        self._python = python
        self._repo = repo
        self._dir = os.path.join(workdir, name or "simulator-%d" % size)
        self._process = None
        self._log = None

    def start(self):
        os.makedirs(self._dir, exist_ok=True)
        url_file = os.path.join(self._dir, "url")
        env = dict(os.environ, PYTHONPATH=os.path.join(self._repo, "tests", "simulator"))
        self._log = open(os.path.join(self._dir, "log"), "wb")  # pylint: disable=consider-using-with
        command = [self._python, "-m", "zoomsim", "--size", str(self.size), "--seed", str(self.seed),
                   "--url-file", url_file, "--pid-file", os.path.join(self._dir, "pid")]
        for option in ("account_id", "client_id", "client_secret"):
            command += ["--" + option.replace("_", "-"), self.credentials[option]]
        self._process = subprocess.Popen(command, env=env, stdout=self._log, stderr=subprocess.STDOUT)  # pylint: disable=consider-using-with
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError("the simulator exited with status %s; see %s" % (self._process.returncode, self._dir))
            if os.path.exists(url_file):
                with open(url_file, encoding="utf-8") as handle:
                    self.url = handle.readline().strip()
                if self.url:
                    return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("the simulator did not start within %d s" % STARTUP_TIMEOUT)

    def stop(self):
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _call(self, method, path, body=None, query=None):
        url = self.url + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=300) as answer:
            return json.loads(answer.read())

    def configure(self, **settings):
        return self._call("POST", "/_sim/config", settings)

    def reset(self):
        return self._call("POST", "/_sim/reset", {})

    def settings(self):
        return self._call("GET", "/_sim/config")

    def stats(self):
        """The counters, without the logs of single requests; from those, the reads and writes refused with a 429.

        The query log keeps the last 1,000 requests: the refused reads are exact for runs no longer than that.
        """
        stats = self._call("GET", "/_sim/stats")
        log = stats.pop("query_log", None) or []
        writes = stats.pop("writes", None) or []
        stats.pop("tracking_ids", None)
        stats["refused_reads"] = sum(1 for item in log if item["status"] == 429 and item["method"] == "GET" and _NUMBER_READ.match(item["path"]))
        stats["refused_writes"] = sum(1 for item in writes if item["status"] == 429)
        return stats

    def truth(self, **filters):
        """``{"total", "records"}``: what the collection lists with these filters.

        The collection always sends ``pending_numbers`` (true unless told otherwise), so the
        truth is asked the same way.
        """
        filters.setdefault("pending_numbers", "true")
        return self._call("GET", "/_sim/truth", query=filters)

    def sites(self):
        return self._call("GET", "/_sim/truth", query={"endpoint": "sites"})["records"]

    def entities(self, kind, **filters):
        """What a complete listing of an entity list (``users``, ``callQueue``...) returns."""
        return self._call("GET", "/_sim/entities", query=dict(filters, kind=kind))["records"]

    def connection(self):
        """The connection options of this account, as a task or an inventory host gives them."""
        return dict(self.credentials, api_url=self.url + "/v2", oauth_url=self.url + "/oauth/token")

    def environment(self):
        """The ZOOM_* variables a user would export for this account."""
        return {
            "ZOOM_ACCOUNT_ID": self.credentials["account_id"],
            "ZOOM_CLIENT_ID": self.credentials["client_id"],
            "ZOOM_CLIENT_SECRET": self.credentials["client_secret"],
            "ZOOM_API_URL": self.url + "/v2",
            "ZOOM_OAUTH_URL": self.url + "/oauth/token",
            # The benchmark measures the client's own cost against a bare loop: the conservative
            # pace the collection keeps when it does not know the account's limit is set aside.
            "ZOOM_RATE_LIMIT": "10000",
        }
