# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers of the audit tests: running playbooks like a user, headless Chromium, and reading its PNGs."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import struct
import subprocess
import sys
import zlib

REPO = pathlib.Path(__file__).resolve().parents[2]

# A rule that every named number breaks: it puts the hostile display names into every report.
NAMED_RULE = {"name": "named_number", "description": "Number with a display name", "severity": "low", "where": "display_name"}


class Audit:
    """Runs playbooks from a scratch folder, as a user would from their own directory."""

    def __init__(self, tmp_path):
        self.cwd = tmp_path / "work"
        self.cwd.mkdir()
        bin_dir = pathlib.Path(sys.executable).parent
        self.ansible_playbook = str(bin_dir / "ansible-playbook")
        self.env = dict((key, value) for key, value in os.environ.items() if not key.startswith(("ZOOM_", "ANSIBLE_")))
        self.env.update({
            "PATH": "%s%s%s" % (bin_dir, os.pathsep, os.environ.get("PATH", "")),
            "ANSIBLE_COLLECTIONS_PATH": str(REPO / ".tmp" / "collections"),
            "ANSIBLE_HOME": str(tmp_path / "ansible-home"),
            "ANSIBLE_LOCAL_TEMP": str(tmp_path / "ansible-tmp"),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_LOCALHOST_WARNING": "false",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false",
            "ANSIBLE_RETRY_FILES_ENABLED": "false",
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
        })

    def run(self, sim, extra_vars=None, playbook="ucops.zoom.audit", args=(), env=None):
        """Run ``playbook`` with the simulator's credentials in ZOOM_*; return the completed process."""
        run_env = dict(self.env)
        if sim is not None:
            run_env.update({
                "ZOOM_ACCOUNT_ID": sim.account_id, "ZOOM_CLIENT_ID": sim.client_id, "ZOOM_CLIENT_SECRET": sim.client_secret,
                "ZOOM_API_URL": sim.api_url, "ZOOM_OAUTH_URL": sim.oauth_url,
            })
        run_env.update(env or {})
        command = [self.ansible_playbook, playbook]
        if extra_vars:
            path = self.cwd / "extra-vars.json"
            path.write_text(json.dumps(extra_vars), encoding="utf-8")
            command += ["-e", "@" + str(path)]
        completed = subprocess.run(command + list(args), env=run_env, cwd=str(self.cwd), capture_output=True, text=True,
                                   timeout=600, check=False)
        completed.output = completed.stdout + completed.stderr
        return completed

    def report(self, folder="zoom-phone-audit"):
        return json.loads((self.cwd / folder / "phone_numbers_audit.json").read_text(encoding="utf-8"))


def chromium_binary():
    found = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    assert found, "Chromium is missing: run tests/audit/ensure-chromium.sh (make audit-tests does)"
    return found


def chromium(url, profile, *options):
    """Headless Chromium on ``url`` with ``options`` (--dump-dom, --screenshot=...); return its stdout."""
    command = [chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
               "--user-data-dir=%s" % profile] + list(options) + [url]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout


def png_rows(path):
    """``(width, height, channels, rows)`` of an 8-bit, non-interlaced RGB(A) PNG, each row its unfiltered bytes."""
    data = pathlib.Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    offset, chunks, header = 8, [], None
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        offset += 12 + length
    width, height, depth, colour, dummy, dummy, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, "unexpected PNG layout %r" % (header,)
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    assert len(raw) == height * (stride + 1), "truncated PNG data"
    rows, previous = [], bytearray(stride)
    for index in range(height):
        start = index * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        else:
            assert kind == 0, "unknown PNG filter %d" % kind
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def pixel_colours(rows, channels, step=2):
    """How often each RGB colour occurs, over every ``step``-th row."""
    counts = {}
    for row in rows[::step]:
        for i in range(0, len(row), channels):
            colour = row[i:i + 3]
            counts[colour] = counts.get(colour, 0) + 1
    return counts
