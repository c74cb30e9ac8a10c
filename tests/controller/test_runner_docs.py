# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/controller.md, "Checking it without a controller": its ansible-runner commands, run as written."""

from __future__ import annotations

import json
import os
import re
import subprocess

from ansible_runs import expected_numbers  # pylint: disable=import-error

from .conftest import BIN, REPO, SECRET

GUIDE = REPO / "docs" / "controller.md"
SECTION = "## Checking it without a controller"


def documented_commands():
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index(SECTION):]
    return re.findall(r"^```console\n(.*?)^```", section, re.M | re.S)[0]


def test_the_documented_ansible_runner_commands_run_a_job_whose_gate_fails_and_print_its_summary(tmp_path, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=300, seed=6, client_secret=SECRET)
    script = documented_commands()
    # The reader's own values, and the simulator's URLs next to them (zoom.us needs no URL lines).
    for placeholder, value in (("your-account-id", sim.account_id), ("your-client-id", sim.client_id),
                               ("your-client-secret", sim.client_secret)):
        assert placeholder in script
        script = script.replace(placeholder, value)
    script = script.replace("ZOOM_CLIENT_SECRET: %s\n" % sim.client_secret, "ZOOM_CLIENT_SECRET: %s\nZOOM_API_URL: %s\nZOOM_OAUTH_URL: %s\n"
                            % (sim.client_secret, sim.api_url, sim.oauth_url))
    # Run from the root of a checkout, as the guide says.
    work = tmp_path / "checkout"
    work.mkdir()
    (work / "extensions").symlink_to(REPO / "extensions")
    home = tmp_path / "home"
    home.mkdir()
    env = dict((key, value) for key, value in os.environ.items() if not key.startswith(("ZOOM_", "ANSIBLE_")))
    env.pop("PYTHONPATH", None)
    env.update({"PATH": "%s%s%s" % (BIN, os.pathsep, os.environ.get("PATH", "")), "HOME": str(home),
                # The collection as installed: from this checkout.
                "ANSIBLE_COLLECTIONS_PATH": str(REPO / ".tmp" / "collections"), "ANSIBLE_NOCOLOR": "1"})
    completed = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=str(work), env=env, capture_output=True, text=True,
                               timeout=900, check=False)
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-2000:]
    # The default rules find violations at high and above in the simulated account: the gate failed the job...
    assert "The job failed" in completed.stdout
    assert "Phone number audit:" in completed.stdout
    # ... and the last command printed the summary the job still published.
    printed = json.loads(completed.stdout[completed.stdout.rindex("\n{\n") + 1:])
    report = json.loads((work / "zoom-job" / "project" / "zoom-phone-audit" / "phone_numbers_audit.json").read_text(encoding="utf-8"))
    assert printed == {"zoom_phone_audit": report["summary"]}
    assert report["summary"]["total"] == len(expected_numbers(sim))
    assert sorted(path.name for path in (work / "zoom-job" / "project" / "zoom-phone-audit").iterdir()) == [
        "phone_numbers_audit.json", "phone_numbers_audit.md"]
