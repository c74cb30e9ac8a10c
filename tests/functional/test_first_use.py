# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a new user meets first, taken from the README, the guides and ansible-doc, run as written."""

from __future__ import annotations

import json
import pathlib
import re

import pytest
import yaml

from ansible_collections.ucops.zoom.plugins.module_utils.zoom_connection import CONNECTION_OPTIONS
from ansible_runs import expected_numbers  # pylint: disable=import-error

REPO = pathlib.Path(__file__).resolve().parents[2]


def flat(text):
    return " ".join(text.split())


def fenced_blocks_in(text, language):
    """The fenced blocks of ``language`` in Markdown ``text``, in order."""
    return re.findall(r"^```%s\n(.*?)^```" % re.escape(language), text, re.M | re.S)


def block_after(path, language, heading):
    """The first ``language`` block after the text ``heading`` in a Markdown file."""
    text = path.read_text(encoding="utf-8")
    return fenced_blocks_in(text[text.index(heading):], language)[0]


def test_ansible_doc_of_the_module_names_the_environment_variables_and_the_failure_keys(ansible):
    completed = ansible.command(["ansible-doc", "ucops.zoom.zoom_phone_numbers_info"])
    assert completed.returncode == 0, completed.stderr
    text = flat(completed.stdout)
    for option in CONNECTION_OPTIONS:
        assert option.env in text, option.env
    returned = json.loads(ansible.command(["ansible-doc", "--json", "ucops.zoom.zoom_phone_numbers_info"]).stdout)
    values = returned["ucops.zoom.zoom_phone_numbers_info"]["return"]
    for key in ("error_kind", "status", "zoom_code"):
        assert values[key]["returned"].startswith("failure"), key
    assert "also the default" not in text


@pytest.mark.parametrize("variable, value, message", [
    ("ZOOM_TIMEOUT", "abc", "Option timeout must be a number from 0.001 to 3600, got 'abc'."),
    ("ZOOM_MAX_RETRIES", "many", "Option max_retries must be an integer from 0 to 100, got 'many'."),
    ("ZOOM_RATE_LIMIT", "fast", "Option rate_limit must be a number from 0.01 to 10000, got 'fast'."),
    ("ZOOM_VALIDATE_CERTS", "sometimes", "Option validate_certs must be a boolean, got 'sometimes'."),
])
def test_a_numeric_or_boolean_environment_variable_gets_the_documented_message(ansible, zoom_simulator, variable, value, message):
    sim = zoom_simulator
    sim.reset_stats()
    run = ansible.playbook("""
- name: List with a bad environment variable
  ucops.zoom.zoom_phone_numbers_info:
  register: listed
  ignore_errors: true

- name: Sites, with the same variable
  ucops.zoom.zoom_phone_sites_info:
  register: sites
  ignore_errors: true
""", saves=["listed", "sites"], sim=sim, env={variable: value})
    for name in ("listed", "sites"):
        result = run.result(name)
        assert result["failed"] is True and result["msg"] == message, result
        assert result["error_kind"] == "configuration"
    assert sim.stats()["requests"] == 0


def test_the_readme_s_idle_toll_free_example_counts_no_pending_number(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=3000, seed=5)
    heading = "Unassigned toll-free numbers, which cost money and serve nobody"
    (play,) = yaml.safe_load(block_after(REPO / "README.md", "yaml", heading))
    play["tasks"].append({"name": "Save idle", "ansible.builtin.copy": {
        "content": "{{ idle | to_json }}", "dest": "{{ out_dir }}/idle.json", "mode": "0600"}})
    path = ansible.tmp / "readme.yml"
    path.write_text(yaml.safe_dump([play]), encoding="utf-8")
    completed = ansible.command(["ansible-playbook", "-i", "localhost,", "-c", "local", "-e", "out_dir=%s" % ansible.out_dir, str(path)],
                                sim=sim)
    assert completed.returncode == 0, completed.stdout[-3000:]
    idle = json.loads((ansible.out_dir / "idle.json").read_text(encoding="utf-8"))
    unassigned_tollfree = expected_numbers(sim, type="unassigned", number_type="tollfree")
    expected = [record for record in unassigned_tollfree if record.get("status") != "pending"]
    # The example is only worth checking where pending numbers would have been counted.
    assert len(expected) < len(unassigned_tollfree)
    assert [record["id"] for record in idle["phone_numbers"]] == [record["id"] for record in expected]
    assert "%d idle toll-free numbers" % len(expected) in completed.stdout


def test_the_documented_setting_makes_a_scheduled_run_fail_when_its_inventory_does_not_parse(ansible, zoom_simulator):
    sim = zoom_simulator
    guide = REPO / "docs" / "inventory.md"
    commands = block_after(guide, "console", "## Scheduled runs (cron, CI)")
    (setting,) = re.findall(r"^export (ANSIBLE_INVENTORY_UNPARSED_FAILED)=(\S+)$", commands, re.M)
    config = block_after(guide, "ini", "## Scheduled runs (cron, CI)")
    source = ansible.tmp / "e911.zoom_phone_numbers.yml"
    source.write_text("plugin: ucops.zoom.zoom_phone_numbers\ntype: byoc\n", encoding="utf-8")
    playbook = ansible.tmp / "e911-tickets.yml"
    playbook.write_text("- name: Tickets\n  hosts: all\n  gather_facts: false\n  tasks:\n"
                        "    - name: Ticket\n      ansible.builtin.debug:\n        msg: '{{ number }}'\n", encoding="utf-8")
    wrong_secret = {"ZOOM_CLIENT_SECRET": "not-the-secret", "ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED": "false"}
    command = ["ansible-playbook", "-i", str(source), str(playbook)]

    # Ansible's default: a warning, no host, and success.
    silent = ansible.command(command, sim=sim, env=wrong_secret)
    assert silent.returncode == 0, silent.stdout
    assert "skipping: no hosts matched" in silent.stdout

    # As the guide says, with the environment variable...
    failed = ansible.command(command, sim=sim, env=dict(wrong_secret, **{setting[0]: setting[1]}))
    assert failed.returncode != 0
    assert "Zoom OAuth refused the credentials" in flat(failed.stdout + failed.stderr)

    # ... or with the ansible.cfg next to the playbook.
    (ansible.tmp / "ansible.cfg").write_text(config, encoding="utf-8")
    failed = ansible.command(command, sim=sim, env=dict(wrong_secret, ANSIBLE_CONFIG=str(ansible.tmp / "ansible.cfg")))
    assert failed.returncode != 0


def test_the_inventory_guide_explains_the_unsafe_wrapper_that_ansible_inventory_prints(ansible, zoom_simulator):
    guide = (REPO / "docs" / "inventory.md").read_text(encoding="utf-8")
    section = guide[guide.index("## What `ansible-inventory --list` shows"):]
    example = json.loads("{%s}" % fenced_blocks_in(section, "json")[0])
    ((number, hostvars),) = example.items()
    wrapped = hostvars["display_name"]
    assert set(wrapped) == {"__ansible_unsafe"} and "{{" in wrapped["__ansible_unsafe"]
    # The same kind of value, from the simulator's hostile display names, as this Ansible prints it.
    sim = zoom_simulator
    hostile = [record for record in expected_numbers(sim) if record.get("display_name") == "{{ lookup('env','HOME') }}"]
    assert hostile
    source = ansible.tmp / "zoom.zoom_phone_numbers.yml"
    source.write_text("plugin: ucops.zoom.zoom_phone_numbers\n", encoding="utf-8")
    completed, data = ansible.inventory_list(source, sim=sim)
    assert completed.returncode == 0, completed.stderr
    printed = data["_meta"]["hostvars"][hostile[0]["number"]]["display_name"]
    assert printed == {"__ansible_unsafe": hostile[0]["display_name"]}
