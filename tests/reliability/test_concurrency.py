# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Ten forks, fifty module tasks, an account where every new token revokes the older ones.

Each fork is its own process; without the shared token file every task would fetch a token
and revoke the one its neighbours are listing with. With it, the whole run needs one.
"""

from __future__ import annotations

import json
import sys

import reliability_lib as lib
from ansible_runs import expected_numbers  # pylint: disable=import-error

HOSTS = 10
TASKS_PER_HOST = 5

PLAYBOOK = """
- name: Fifty listings over ten forks
  hosts: zoom
  gather_facts: false
  tasks:
{tasks}
    - name: Save this host's results
      ansible.builtin.copy:
        content: "{{{{ [{names}] | to_json }}}}"
        dest: "{{{{ out_dir }}}}/{{{{ inventory_hostname }}}}.json"
        mode: "0600"
      delegate_to: localhost
"""

TASK = """
    - name: Listing {index}
      ucops.zoom.zoom_phone_numbers_info:
        type: {type}
        page_size: 40
      register: listing_{index}
"""

TYPES = ["all", "assigned", "unassigned", "byoc", "all"]


def test_fifty_tasks_on_ten_forks_share_one_token(ansible, zoom_simulator_factory):
    # Some latency keeps several forks listing at the same moment.
    sim = zoom_simulator_factory(size=400, seed=21, token_policy="revoke_old", latency_ms=15)
    inventory = ansible.tmp / "hosts.ini"
    hosts = "".join("h%d ansible_connection=local ansible_python_interpreter=%s\n" % (index, sys.executable) for index in range(1, HOSTS + 1))
    inventory.write_text("[zoom]\n" + hosts, encoding="utf-8")
    tasks = "".join(TASK.format(index=index, type=TYPES[index]) for index in range(TASKS_PER_HOST))
    names = ", ".join("listing_%d" % index for index in range(TASKS_PER_HOST))
    playbook = ansible.tmp / "forks.yml"
    playbook.write_text(PLAYBOOK.format(tasks=tasks, names=names), encoding="utf-8")
    completed = ansible.command(["ansible-playbook", "-i", str(inventory), "-f", str(HOSTS), "-e", "out_dir=%s" % ansible.out_dir,
                                 str(playbook)], sim=sim)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-4000:]
    assert "failed=0" in output

    truths = dict((kind, expected_numbers(sim, type=kind)) for kind in set(TYPES))
    listed = 0
    for host in range(1, HOSTS + 1):
        results = json.loads((ansible.out_dir / ("h%d.json" % host)).read_text(encoding="utf-8"))
        assert len(results) == TASKS_PER_HOST
        for index, result in enumerate(results):
            assert result["phone_numbers"] == truths[TYPES[index]], (host, index)
            listed += 1
    assert listed == HOSTS * TASKS_PER_HOST
    stats = sim.stats()
    # One token for the run; no request was refused for a revoked token.
    assert stats["token_requests"] == 1, stats["token_requests"]
    assert stats["by_status"].get("401", 0) == 0
    lib.record_figure("concurrency", {"tasks": listed, "forks": HOSTS, "token_requests": stats["token_requests"],
                                      "list_requests": stats["list_requests"], "peak_concurrency": stats["peak_concurrency"]})
