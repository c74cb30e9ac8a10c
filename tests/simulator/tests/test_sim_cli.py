# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""``python -m zoomsim``: start, readiness files, options, clean stop on SIGTERM and SIGINT."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
import requests

SIMULATOR_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _start(tmp_path, *options):
    """Start the CLI and wait for its URL file; return (process, lines of the URL file)."""
    url_file = tmp_path / "url.txt"
    env = dict(os.environ, PYTHONPATH=SIMULATOR_ROOT)
    process = subprocess.Popen(  # pylint: disable=consider-using-with
        # Classic unless the test names a profile (the last --profile wins).
        [sys.executable, "-m", "zoomsim", "--size", "100", "--profile", "classic", "--url-file", str(url_file), *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
    )
    deadline = time.monotonic() + 20
    while not url_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"simulator did not start: {process.communicate()}")
        time.sleep(0.05)
    return process, url_file.read_text(encoding="utf-8").splitlines()


def _stop(process, signum=signal.SIGTERM):
    """Signal the process and return (exit code, stdout)."""
    process.send_signal(signum)
    out, _unused = process.communicate(timeout=10)
    return process.returncode, out


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_start_and_stop(tmp_path, signum):
    """The URL file appears when serving; the signal stops the process with exit 0 and removes the files."""
    pid_file = tmp_path / "pid"
    process, lines = _start(tmp_path, "--pid-file", str(pid_file), "--seed", "3")
    url = lines[0]
    assert url.startswith("http://127.0.0.1:") and len(lines) == 1
    assert int(pid_file.read_text(encoding="utf-8")) == process.pid
    credentials = requests.get(url + "/_sim/credentials", timeout=5).json()
    assert credentials["api_url"] == url + "/v2"
    assert requests.get(url + "/_sim/truth", timeout=5).json()["total"] == 100
    code, out = _stop(process, signum)
    assert code == 0
    assert out.splitlines()[0] == f"zoomsim listening on {url}"
    assert not (tmp_path / "url.txt").exists() and not pid_file.exists()


def test_options(tmp_path):
    """Options reach the simulator (checked through /_sim/config and the API)."""
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps([{"fault": "503", "when": {"first": 1}}]), encoding="utf-8")
    process, lines = _start(tmp_path, "--rate-limit", "7", "--daily-limit", "0", "--token-ttl", "60", "--page-token-ttl", "30",
                            "--token-policy", "max_live:3", "--byoc-fields", "always", "--faults", str(plan),
                            "--fault-seed", "4", "--phone-endpoint", "gone", "--latency-ms", "1")
    try:
        config = requests.get(lines[0] + "/_sim/config", timeout=5).json()
        assert config["rate_limit"] == 7 and config["daily_limit"] is None and config["token_ttl"] == 60
        assert config["page_token_ttl"] == 30 and config["token_policy"] == "max_live:3"
        assert config["byoc_fields"] == "always" and config["fault_seed"] == 4 and config["phone_endpoint"] == "gone"
        assert config["faults"] == [{"fault": "503", "when": {"first": 1}}] and config["latency_ms"] == 1
    finally:
        assert _stop(process)[0] == 0


def test_tls_and_ca_file(tmp_path):
    """--tls: https URL, CA path on the second line and copied to --ca-file."""
    ca_copy = tmp_path / "ca.pem"
    process, lines = _start(tmp_path, "--tls", "--ca-file", str(ca_copy), "--faults", '[{"fault": "500"}]')
    try:
        assert lines[0].startswith("https://127.0.0.1:")
        assert lines[1] == str(ca_copy) and ca_copy.read_text(encoding="utf-8").startswith("-----BEGIN CERTIFICATE-----")
        assert requests.get(lines[0] + "/_sim/stats", verify=str(ca_copy), timeout=5).status_code == 200
    finally:
        assert _stop(process)[0] == 0


def test_bad_option_fails(tmp_path):
    """An invalid option value makes the CLI exit non-zero without writing the URL file."""
    env = dict(os.environ, PYTHONPATH=SIMULATOR_ROOT)
    result = subprocess.run([sys.executable, "-m", "zoomsim", "--token-policy", "never", "--url-file", str(tmp_path / "u")],
                            capture_output=True, env=env, timeout=30, check=False)
    assert result.returncode != 0
    assert not (tmp_path / "u").exists()


def test_profile_realistic(tmp_path):
    """--profile realistic starts a realistic simulator; single options override it."""
    process, lines = _start(tmp_path, "--profile", "realistic", "--qps-retry-after", "epoch")
    try:
        config = requests.get(lines[0] + "/_sim/config", timeout=5).json()
        assert config["profile"] == "realistic" and config["quota_headers"] == 6000
        assert config["qps_retry_after"] == "epoch" and config["pending_default"] == "exclude"
        assert requests.get(lines[0] + "/v2/phone/numbers", timeout=5).status_code == 400
    finally:
        assert _stop(process)[0] == 0


def test_profile_options(tmp_path):
    """Every profile setting has an option."""
    process, lines = _start(tmp_path, "--token-scopes", "phone:read:admin,phone:read:list_sites:admin",
                            "--phone-enabled", "false", "--invalid-token-status", "400", "--error-style", "status_errorcode",
                            "--code-as-string", "yes", "--tracking-id", "off", "--quota-headers", "500",
                            "--qps-retry-after", "reset", "--qps-type-header", "false", "--daily-limit-style", "message_only",
                            "--other-product-numbers", "0.1", "--keyword-plus", "no_match", "--pending-default", "exclude")
    try:
        config = requests.get(lines[0] + "/_sim/config", timeout=5).json()
        assert config["profile"] == "classic"
        assert config["token_scopes"] == ["phone:read:admin", "phone:read:list_sites:admin"]
        assert (config["phone_enabled"], config["invalid_token_status"], config["error_style"]) == (False, 400, "status_errorcode")
        assert (config["code_as_string"], config["tracking_id"], config["quota_headers"]) == (True, False, 500)
        assert (config["qps_retry_after"], config["qps_type_header"], config["daily_limit_style"]) == ("reset", False, "message_only")
        assert (config["other_product_numbers"], config["keyword_plus"], config["pending_default"]) == (0.1, "no_match", "exclude")
        assert requests.get(lines[0] + "/_sim/truth", params={"endpoint": "number_management"}, timeout=5).json()["total"] == 110
    finally:
        assert _stop(process)[0] == 0


@pytest.mark.parametrize("option", [["--profile", "friendly"], ["--phone-enabled", "maybe"], ["--quota-headers", "-5"],
                                    ["--other-product-numbers", "2.5"], ["--invalid-token-status", "403"]])
def test_bad_profile_option_fails(tmp_path, option):
    """Invalid profile options exit non-zero without a URL file."""
    env = dict(os.environ, PYTHONPATH=SIMULATOR_ROOT)
    result = subprocess.run([sys.executable, "-m", "zoomsim", *option, "--url-file", str(tmp_path / "u")],
                            capture_output=True, env=env, timeout=30, check=False)
    assert result.returncode != 0
    assert not (tmp_path / "u").exists()
