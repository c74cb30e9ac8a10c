# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client secret and access tokens appear in no output and no file, except the private token file."""

from __future__ import annotations

import json
import os
import pathlib
import stat

SECRET = "Zs3cr3t-9f8e7d6c5b4a-never-shown"


def token_files(root):
    return sorted(path for path in pathlib.Path(root).rglob("*.json") if "ucops.zoom" in path.parts)


def test_secrets_stay_out_of_verbose_output_and_files(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=600, client_secret=SECRET,
                                 faults=[{"fault": "revoke_tokens", "when": {"nth": [3]}},
                                         {"fault": "500", "body": "json", "when": {"nth": [5]}}])
    run = ansible.playbook("""
- name: List, renewing a revoked token on the way
  ucops.zoom.zoom_phone_numbers_info:
  register: listed

- name: List again with the secret given as an option
  ucops.zoom.zoom_phone_numbers_info:
    client_secret: "{{ lookup('ansible.builtin.env', 'ZOOM_CLIENT_SECRET') }}"
    type: assigned
  register: again

- name: Fail on purpose with a wrong account
  ucops.zoom.zoom_phone_numbers_info:
    account_id: wrong-account
  ignore_errors: true
  register: failed
""", saves=["listed", "again", "failed"], sim=sim, args=["-vvv"])
    assert run.rc == 0, run.output
    assert sim.stats()["token_requests"] >= 2

    files = token_files(ansible.cache_home)
    assert len(files) == 1, files
    token_file = files[0]
    token = json.loads(token_file.read_text())["access_token"]
    assert SECRET not in token_file.read_text()
    assert stat.S_IMODE(os.stat(token_file).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(token_file.parent).st_mode) == 0o700

    assert SECRET not in run.output
    assert token not in run.output
    for path in pathlib.Path(ansible.tmp).rglob("*"):
        if path.is_file() and path != token_file:
            content = path.read_bytes()
            assert SECRET.encode() not in content, path
            assert token.encode() not in content, path
