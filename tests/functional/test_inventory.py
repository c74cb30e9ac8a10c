# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory plugin: golden files over a hand-written dataset, ground truth at scale, caching, plays."""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil

import pytest

GOLDEN = pathlib.Path(__file__).parent / "golden"
CONFIGS = sorted(path.name for path in (GOLDEN / "inventory").glob("*.zoom_phone_numbers.yml"))
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
PYTHON_PLACEHOLDER = "<the controller's python>"


def plain(value, marked=None, path=()):
    """ansible-inventory output with unsafe markers removed (2.19 prints them, 2.16 does not).

    The path of every value that carried a marker is added to ``marked``, so that a test can
    check the markers rather than lose them.
    """
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            if marked is not None:
                marked.add(path)
            return value["__ansible_unsafe"]
        return dict((key, plain(item, marked, path + (key,))) for key, item in value.items())
    if isinstance(value, list):
        return [plain(item, marked, path + (index,)) for index, item in enumerate(value)]
    return value


def api_strings(hostvars, prefix=""):
    """The paths of every string host variable that came from the API (what must be marked unsafe)."""
    paths = set()

    def walk(value, path):
        if isinstance(value, str):
            paths.add(path)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))

    for host, variables in hostvars.items():
        for name, value in variables.items():
            if name.startswith(prefix) and not name.startswith("ansible_"):
                walk(value, ("_meta", "hostvars", host, name))
    return paths


def normalised(data):
    data = plain(data)
    # ansible-core 2.19 names its output profile here; 2.16 does not. It is not the plugin's output.
    data.get("_meta", {}).pop("profile", None)
    for hostvars in data.get("_meta", {}).get("hostvars", {}).values():
        if "ansible_python_interpreter" in hostvars:
            hostvars["ansible_python_interpreter"] = PYTHON_PLACEHOLDER
    for group in data.values():
        if isinstance(group, dict) and isinstance(group.get("hosts"), list):
            group["hosts"] = sorted(group["hosts"])
        if isinstance(group, dict) and isinstance(group.get("children"), list):
            group["children"] = sorted(group["children"])
    return data


_WARNING = re.compile(r"\[WARNING\]: (ucops\.zoom\.zoom_phone_numbers: .*?)(?= \[WARNING\]| \[ERROR\]|$)")
_PLUGIN_ERROR = re.compile(r"auto'? plugin: (.*?)(?= \[WARNING\]| \[ERROR\]| Failed to parse| ERROR!|$)")


def flat(text):
    """ansible-inventory's stderr on one line (ansible-core 2.16 wraps messages at 80 columns)."""
    return " ".join(text.split())


def squash(text):
    """A message without any white space, to compare messages however they were wrapped."""
    return "".join(text.split())


def stderr_report(stderr):
    """The plugin's own warnings and the reason a failed parse gives, readable."""
    text = flat(stderr)
    error = _PLUGIN_ERROR.search(text)
    return sorted(_WARNING.findall(text)), (error.group(1).strip() if error else None)


@pytest.fixture(scope="module")
def golden_sim():
    from zoomsim import Simulator

    with Simulator(size=0, records_file=str(GOLDEN / "numbers.json")) as sim:
        yield sim


@pytest.mark.parametrize("config", CONFIGS)
def test_inventory_matches_golden_file(ansible, golden_sim, config):
    source = ansible.tmp / config
    shutil.copy(GOLDEN / "inventory" / config, source)
    env = {"GOLDEN_ZOOM_SECRET": golden_sim.client_secret, "ZOOM_CLIENT_SECRET": "overridden-by-the-file"} if "byoc" in config else {}
    completed, data = ansible.inventory_list(source, sim=golden_sim, env=env)
    expected_path = GOLDEN / "inventory" / config.replace(".zoom_phone_numbers.yml", ".expected.json")
    warnings, error = stderr_report(completed.stderr)
    actual = {"rc": completed.returncode, "warnings": warnings}
    if data is not None:
        actual["inventory"] = normalised(data)
    else:
        # A failed parse is specified by the reason the plugin gave.
        actual["error"] = error
    if UPDATE:
        expected_path.write_text(json.dumps(actual, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        pytest.fail("%s was rewritten: review the change (git diff) as a specification, then run again without "
                    "UPDATE_GOLDEN." % expected_path.name)
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert actual["rc"] == expected["rc"], completed.stderr
    assert actual.get("inventory") == expected.get("inventory"), completed.stderr
    assert [squash(text) for text in actual["warnings"]] == [squash(text) for text in expected["warnings"]], completed.stderr
    # Ansible's own part of a message may grow a repetition on older cores ("'x' is undefined. 'x' is undefined").
    assert squash(actual.get("error") or "").startswith(squash(expected.get("error") or "")), completed.stderr
    if data is not None:
        marked = set()
        plain(data, marked)
        if marked:
            # This core prints the markers (2.19): every string from Zoom carries one, and nothing else.
            hostvars = dict((host, variables) for host, variables in plain(data)["_meta"]["hostvars"].items())
            from_api = api_strings(hostvars)
            assert from_api <= marked, sorted(from_api - marked)[:5]
            assert not any(path[3].startswith("ansible_") for path in marked if path[:2] == ("_meta", "hostvars"))


def test_hostvars_are_marked_unsafe_and_never_templated(ansible, golden_sim):
    source = ansible.tmp / "all.zoom_phone_numbers.yml"
    source.write_text("plugin: ucops.zoom.zoom_phone_numbers\ntype: byoc\nhostnames: [id]\n", encoding="utf-8")
    run = ansible.playbook("""
- name: Read a templated-looking display name through hostvars
  ansible.builtin.set_fact:
    shown: "{{ hostvars['gold-byoc-confirmed'].display_name }}"
  register: shown_fact
""", saves=["shown_fact"], sim=golden_sim, args=["-i", str(source)])
    assert run.rc == 0, run.output
    assert run.result("shown_fact")["ansible_facts"]["shown"] == "{{ lookup('env', 'HOME') }}"


def test_twenty_thousand_numbers_match_ground_truth(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=20000, seed=44)
    source = ansible.tmp / "big.zoom_phone_numbers.yml"
    source.write_text("plugin: ucops.zoom.zoom_phone_numbers\nhostnames: [id]\n", encoding="utf-8")
    completed, data = ansible.inventory_list(source, sim=sim)
    assert completed.returncode == 0, completed.stderr
    truth = sim.truth()
    hostvars = plain(data["_meta"]["hostvars"])
    assert len(hostvars) == len(truth) == 20000
    assert sorted(plain(data["zoom_numbers"]["hosts"])) == sorted(record["id"] for record in truth)
    for record in (truth[0], truth[len(truth) // 2], truth[-1]):
        host = dict(hostvars[record["id"]])
        assert host.pop("ansible_connection") == "local"
        host.pop("ansible_python_interpreter")
        assert host == record
    assert sim.stats()["token_requests"] == 1


def test_cache_makes_the_second_listing_free(ansible, zoom_simulator):
    sim = zoom_simulator
    cache_dir = ansible.tmp / "inventory-cache"
    source = ansible.tmp / "cached.zoom_phone_numbers.yml"
    source.write_text(
        "plugin: ucops.zoom.zoom_phone_numbers\ncache: true\ncache_plugin: ansible.builtin.jsonfile\n"
        "cache_connection: %s\ncache_timeout: 600\nkeyed_groups:\n  - key: number_type\n    prefix: type\n" % cache_dir,
        encoding="utf-8")
    first, first_data = ansible.inventory_list(source, sim=sim)
    assert first.returncode == 0, first.stderr
    list_requests = sim.stats()["list_requests"]
    assert list_requests > 0
    second, second_data = ansible.inventory_list(source, sim=sim)
    assert second.returncode == 0, second.stderr
    assert sim.stats()["list_requests"] == list_requests, "the second run must be served from the cache"
    assert normalised(second_data) == normalised(first_data)
    cached = "".join(path.read_text(encoding="utf-8") for path in cache_dir.iterdir())
    assert sim.client_secret not in cached


def test_a_play_runs_on_the_controller_for_each_number_of_a_group(ansible, golden_sim):
    source = ansible.tmp / "play.zoom_phone_numbers.yml"
    source.write_text("plugin: ucops.zoom.zoom_phone_numbers\nhostnames: [id]\n", encoding="utf-8")
    playbook = ansible.tmp / "per_number.yml"
    playbook.write_text("""
- name: Act on every unassigned number
  hosts: zoom_unassigned
  gather_facts: false
  tasks:
    - name: Write one file per number, from the controller
      ansible.builtin.copy:
        content: "{{ number }}"
        dest: "{{ out_dir }}/{{ inventory_hostname }}.number"
        mode: "0600"
""", encoding="utf-8")
    completed = ansible.command(["ansible-playbook", "-i", str(source), "-e", "out_dir=%s" % ansible.out_dir, str(playbook)],
                                sim=golden_sim)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    unassigned = [record for record in golden_sim.truth() if "assignee" not in record]
    written = dict((path.stem, path.read_text()) for path in ansible.out_dir.glob("*.number"))
    assert written == dict((record["id"], record["number"]) for record in unassigned)


def test_verify_file_declines_other_names_and_says_why(ansible, golden_sim):
    source = ansible.tmp / "numbers.yml"
    source.write_text("plugin: ucops.zoom.zoom_phone_numbers\n", encoding="utf-8")
    completed = ansible.command(["ansible-inventory", "-i", str(source), "--list", "-vvv"], sim=golden_sim,
                                env={"ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED": "false"})
    assert ("ucops.zoom.zoom_phone_numbers declined %s: the file name must end in zoom_phone_numbers.yml or "
            "zoom_phone_numbers.yaml." % source) in completed.stdout + completed.stderr


@pytest.mark.parametrize("content, fragment", [
    ("plugin: ucops.zoom.zoom_phone_numbers\ntype: everything\n", "type"),
    ("plugin: ucops.zoom.zoom_phone_numbers\npage_size: 500\n", "page_size"),
    ("plugin: ucops.zoom.zoom_phone_numbers\nhostnames: number\nwhere: 'status =='\n", "where"),
    ("plugin: ucops.zoom.zoom_phone_numbers\ntimeout: -3\n", "timeout"),
    ("plugin: ucops.zoom.zoom_phone_numbers\nfavourite_colour: red\n", "favourite_colour"),
    ("plugin: ucops.zoom.zoom_phone_numbers\nkeyed_groups: {key: status}\n", "keyed_groups"),
    ("plugin: ucops.zoom.zoom_phone_numbers\n  bad: [yaml\n", "YAML"),
])
def test_malformed_configuration_fails_clearly_before_any_request(ansible, zoom_simulator, content, fragment):
    source = ansible.tmp / "bad.zoom_phone_numbers.yml"
    source.write_text(content, encoding="utf-8")
    completed, dummy = ansible.inventory_list(source, sim=zoom_simulator)
    assert completed.returncode != 0
    assert fragment in completed.stderr, completed.stderr
    assert "Traceback" not in completed.stderr
    assert zoom_simulator.stats()["requests"] == 0
