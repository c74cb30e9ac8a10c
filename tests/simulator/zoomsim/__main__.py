# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Command line: ``python -m zoomsim [options]`` runs a simulator until SIGTERM or SIGINT."""

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import threading

from .profiles import PROFILE_KEYS, PROFILES
from .server import Simulator
from .settings import DEFAULT_PROFILE


def _optional_limit(text: str):
    """Parse a limit where 0 or 'none' means no limit."""
    if text.lower() in ("0", "none", ""):
        return None
    value = float(text)
    return int(value) if value.is_integer() else value


def _switch(text: str) -> bool:
    """Parse an on/off option value."""
    value = text.strip().lower()
    if value in ("true", "yes", "on", "1"):
        return True
    if value in ("false", "no", "off", "0"):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, not {text!r}")


def _scope_list(text: str) -> list:
    """Parse scopes separated by commas or spaces (an empty value: tokens without scopes)."""
    return [scope for scope in text.replace(",", " ").split() if scope]


def _count_or_share(text: str):
    """Parse a count (an integer) or a share of the size (a number below 1)."""
    value = float(text)
    return int(value) if value >= 1 and value.is_integer() else value


def _load_faults(text: str):
    """A fault plan from inline JSON (starting with '[') or a JSON file (a list, or {"faults": [...]})."""
    if text.lstrip().startswith("["):
        plan = json.loads(text)
    else:
        with open(text, encoding="utf-8") as handle:
            plan = json.load(handle)
    if isinstance(plan, dict):
        plan = plan.get("faults")
    if not isinstance(plan, list):
        raise argparse.ArgumentTypeError("a fault plan is a JSON list of rules")
    return plan


def parse_args(argv=None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="python -m zoomsim", description="Run the Zoom API simulator.")
    parser.add_argument("--size", type=int, default=2000, help="number of phone numbers (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="dataset seed (default 1)")
    parser.add_argument("--records-file", default=None, help="JSON file of hand-written numbers replacing the generated ones")
    parser.add_argument("--latency-ms", type=float, default=0, help="delay added to every API and token answer")
    parser.add_argument("--rate-limit", type=_optional_limit, default=None, help="API requests per second (0: none)")
    parser.add_argument("--daily-limit", type=_optional_limit, default=None, help="API requests per UTC day (0: none)")
    parser.add_argument("--token-ttl", type=float, default=3600, help="access token lifetime in seconds")
    parser.add_argument("--page-token-ttl", type=float, default=900, help="page token lifetime in seconds")
    parser.add_argument("--token-policy", default="multi", help="multi | revoke_old | max_live:K")
    parser.add_argument("--byoc-fields", default="byoc_only", choices=("byoc_only", "always"))
    parser.add_argument("--faults", type=_load_faults, default=None, help="fault plan: JSON file or inline JSON list")
    parser.add_argument("--fault-seed", type=int, default=0, help="seed for probability rules")
    parser.add_argument("--tls", action="store_true", help="serve HTTPS with a generated certificate")
    parser.add_argument("--phone-endpoint", default="ok", choices=("ok", "gone"))
    parser.add_argument("--repeat-writes", default="error", choices=("error", "ok"),
                        help="answer to a write already in effect (default error)")
    parser.add_argument("--assign-site", default="error", choices=("error", "keep", "follow"),
                        help="assigning a number of one site to an extension of another (default error)")
    parser.add_argument("--multi-number-users", type=int, default=0,
                        help="give N users one or two more numbers (changes seeded numbers; default 0)")
    _add_profile_options(parser)
    parser.add_argument("--account-id", default="sim-account")
    parser.add_argument("--client-id", default="sim-client")
    parser.add_argument("--client-secret", default="sim-secret")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind (default 0: any free port)")
    parser.add_argument("--url-file", help="write the URL (and with --tls the CA path) here once serving")
    parser.add_argument("--ca-file", help="with --tls, copy the CA certificate here")
    parser.add_argument("--pid-file", help="write the process id here")
    parser.add_argument("--log", action="store_true", help="log each request to stderr")
    return parser.parse_args(argv)


def _add_profile_options(parser: argparse.ArgumentParser) -> None:
    """Options of the profile settings: left out, each takes the value of --profile."""
    parser.add_argument("--profile", default=None, choices=tuple(PROFILES),
                        help=f"preset of the settings below (default {DEFAULT_PROFILE})")
    parser.add_argument("--token-scopes", type=_scope_list, default=None, help="scopes of issued tokens (comma-separated)")
    parser.add_argument("--phone-enabled", type=_switch, default=None, help="true, or false for 403 code 2031 on /phone/*")
    parser.add_argument("--invalid-token-status", type=int, choices=(401, 400), default=None,
                        help="HTTP status of refused tokens")
    parser.add_argument("--error-style", choices=("zoom", "status_errorcode"), default=None, help="body of refused tokens")
    parser.add_argument("--code-as-string", type=_switch, default=None, help="send error codes as strings")
    parser.add_argument("--tracking-id", type=_switch, default=None, help="x-zm-trackingid on error answers")
    parser.add_argument("--quota-headers", type=int, default=None, help="daily quota advertised on answers (0: off)")
    parser.add_argument("--qps-retry-after", choices=("seconds", "none", "reset", "epoch", "date"), default=None,
                        help="what a per-second 429 says about when to retry")
    parser.add_argument("--qps-type-header", type=_switch, default=None, help="X-RateLimit-Type: QPS on per-second 429s")
    parser.add_argument("--daily-limit-style", choices=("typed", "message_only"), default=None, help="shape of daily 429s")
    parser.add_argument("--other-product-numbers", type=_count_or_share, default=None,
                        help="Contact Center and unallocated numbers: a count, or a share of --size below 1")
    parser.add_argument("--keyword-plus", choices=("no_match", "match"), default=None,
                        help="whether a keyword starting with + matches")
    parser.add_argument("--pending-default", choices=("exclude", "include"), default=None,
                        help="pending numbers on /phone/numbers when pending_numbers is left out")


def _profile_settings(args: argparse.Namespace) -> dict:
    """The profile settings given on the command line (the rest follow the profile)."""
    names = ("profile",) + PROFILE_KEYS
    return {name: getattr(args, name) for name in names if getattr(args, name) is not None}


def _write_atomically(path: str, text: str) -> None:
    """Write via a temporary file and rename, so readers never see a partial file."""
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".zoomsim-")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)


def _remove(*paths) -> None:
    """Delete files this process wrote, ignoring those already gone."""
    for path in paths:
        if path:
            try:
                os.unlink(path)
            except OSError:
                pass


def main(argv=None) -> int:
    """Run until a signal arrives; return the exit status."""
    args = parse_args(argv)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_args: stop.set())
    try:
        simulator = Simulator(
            size=args.size, seed=args.seed, latency_ms=args.latency_ms, rate_limit=args.rate_limit,
            daily_limit=args.daily_limit, token_ttl=args.token_ttl, page_token_ttl=args.page_token_ttl,
            token_policy=args.token_policy, byoc_fields=args.byoc_fields, faults=args.faults,
            fault_seed=args.fault_seed, tls=args.tls, phone_endpoint=args.phone_endpoint,
            account_id=args.account_id, client_id=args.client_id, client_secret=args.client_secret,
            port=args.port, host=args.host, log=args.log, records_file=args.records_file,
            repeat_writes=args.repeat_writes, assign_site=args.assign_site, multi_number_users=args.multi_number_users,
            **_profile_settings(args),
        ).start()
    except (ValueError, OSError) as exc:
        # Bad settings or a port already in use: a one-line error, not a traceback.
        print(f"zoomsim: error: {exc}", file=sys.stderr)
        return 2
    try:
        if args.pid_file:
            _write_atomically(args.pid_file, f"{os.getpid()}\n")
        if args.tls and args.ca_file:
            shutil.copyfile(simulator.ca_file, args.ca_file)
        if args.url_file:
            lines = [simulator.url] + ([args.ca_file or simulator.ca_file] if args.tls else [])
            _write_atomically(args.url_file, "\n".join(lines) + "\n")
        print(f"zoomsim listening on {simulator.url}", flush=True)
        # Wake up regularly: signal handlers only run in the main thread between waits.
        while not stop.wait(0.2):
            pass
    finally:
        simulator.stop()
        _remove(args.url_file, args.pid_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
