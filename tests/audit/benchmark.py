# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How long an audit of a large account takes (``make audit-benchmark``; not part of ``make test``).

Starts the simulator (no latency, no rate limit) with ``--size`` numbers and reports:

- the whole ``ansible-playbook`` run of the role with the four formats, and inside it the
  plugin's own split between listing (the module, twice) and auditing plus writing;
- evaluation and writing alone: the same rules, summary and four reports computed in this
  process from the simulator's truth, without Ansible or HTTP.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
for folder in (REPO / "tests" / "simulator", REPO / ".tmp" / "collections"):
    sys.path.insert(0, str(folder))

import yaml  # noqa: E402  pylint: disable=wrong-import-position
from zoomsim import Simulator  # noqa: E402  pylint: disable=wrong-import-position

from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import merge_byoc  # noqa: E402  pylint: disable=wrong-import-position
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit import report as audit_report  # noqa: E402  pylint: disable=wrong-import-position
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.rules import build_rules  # noqa: E402  pylint: disable=wrong-import-position

PLAYBOOK = """
- name: Audit, and keep the plugin's timings
  hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
  roles:
    - role: ucops.zoom.phone_numbers_audit
  post_tasks:
    - name: Save the timings
      ansible.builtin.copy:
        content: "{{ {'seconds': phone_numbers_audit_run.seconds, 'violations': phone_numbers_audit.summary.violation_counts.total} | to_json }}"
        dest: "{{ playbook_dir }}/timings.json"
        mode: "0600"
"""


def playbook_run(sim, scratch):
    (scratch / "audit.yml").write_text(PLAYBOOK, encoding="utf-8")
    env = dict((key, value) for key, value in os.environ.items() if not key.startswith(("ZOOM_", "ANSIBLE_")))
    env.update({
        "ZOOM_ACCOUNT_ID": sim.account_id, "ZOOM_CLIENT_ID": sim.client_id, "ZOOM_CLIENT_SECRET": sim.client_secret,
        "ZOOM_API_URL": sim.api_url, "ZOOM_OAUTH_URL": sim.oauth_url, "ZOOM_TOKEN_CACHE": str(scratch / "tokens"),
        # Measured is the audit's own cost: not the pace the collection keeps when it does not know the account's limit.
        "ZOOM_RATE_LIMIT": "10000",
        "ANSIBLE_COLLECTIONS_PATH": str(REPO / ".tmp" / "collections"), "ANSIBLE_LOCALHOST_WARNING": "false",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false", "ANSIBLE_HOME": str(scratch / "ansible-home"),
    })
    command = [str(pathlib.Path(sys.executable).parent / "ansible-playbook"), "-i", "localhost,", str(scratch / "audit.yml")]
    started, cpu_before = time.monotonic(), _children_cpu()
    completed = subprocess.run(command, cwd=str(scratch), env=env, capture_output=True, text=True, check=False)
    wall, cpu = time.monotonic() - started, _children_cpu() - cpu_before
    if completed.returncode != 0:
        sys.exit("ansible-playbook failed:\n" + (completed.stdout + completed.stderr)[-4000:])
    timings = json.loads((scratch / "timings.json").read_text(encoding="utf-8"))
    return wall, cpu, timings


def _children_cpu():
    # CPU time is steadier than wall time on a shared machine; both are reported.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def in_process(sim, scratch):
    # What the role lists: pending numbers included.
    records = sim.truth(pending_numbers=True)
    merge_byoc(records, sim.truth(type="byoc", pending_numbers=True))
    defaults = yaml.safe_load((REPO / "roles" / "phone_numbers_audit" / "defaults" / "main.yml").read_text(encoding="utf-8"))
    rules, dummy = build_rules(defaults["phone_numbers_audit_rules"])
    started, cpu_started = time.monotonic(), time.process_time()
    document = audit_report.audit(records, rules, "high", None, {"api_url": sim.api_url, "filters": {}, "byoc_fields_listed": True})
    evaluated = time.monotonic()
    audit_report.write_reports(document, str(scratch / "in-process"), list(audit_report.FORMATS))
    written, cpu_written = time.monotonic(), time.process_time()
    return evaluated - started, written - evaluated, cpu_written - cpu_started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1)
    options = parser.parse_args()
    with Simulator(options.size, options.seed) as sim, tempfile.TemporaryDirectory() as folder:
        scratch = pathlib.Path(folder)
        print("Audit of %s simulated numbers, four formats (json, csv, html, md)" % "{0:,}".format(options.size))
        for run in range(1, options.runs + 1):
            wall, cpu, timings = playbook_run(sim, scratch)
            evaluate, write, in_process_cpu = in_process(sim, scratch)
            seconds = timings["seconds"]
            print("run %d: ansible-playbook %.1f s wall, %.1f s CPU (in it: listing %.1f s, audit and writing %.1f s wall, %.1f s CPU)"
                  % (run, wall, cpu, seconds["listing"], seconds["audit"], seconds["audit_cpu"]))
            print("       evaluation and writing alone: %.1f s + %.1f s = %.1f s wall, %.1f s CPU; %s violations"
                  % (evaluate, write, evaluate + write, in_process_cpu, "{0:,}".format(timings["violations"])))
        sizes = dict((path.suffix[1:], path.stat().st_size) for path in (scratch / "zoom-phone-audit").iterdir())
        print("report sizes: " + ", ".join("%s %.1f MB" % (kind, size / 1e6) for kind, size in sorted(sizes.items())))
        print("load average after the runs: %.2f %.2f %.2f" % os.getloadavg())


if __name__ == "__main__":
    main()
