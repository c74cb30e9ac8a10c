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
import yaml

from ansible_collections.ucops.zoom.plugins.plugin_utils.untrusted import could_be_template
from ansible_runs import expected_numbers  # pylint: disable=import-error

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


def host_strings(hostvars, names=None):
    """``{path: text}`` of every string in the host variables (those named in ``names`` only, when given)."""
    found = {}

    def walk(value, path):
        if isinstance(value, str):
            found[path] = value
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))

    for host, variables in hostvars.items():
        for name, value in variables.items():
            if names is None or name in names:
                walk(value, ("_meta", "hostvars", host, name))
    return found


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
        assert_marked_exactly_where_templates_could_hide(data, source)


def assert_marked_exactly_where_templates_could_hide(data, source):
    """Plain strings print plain; strings that could make a template print marked, on every core.

    Automation controllers store ``--list`` output as it is: a marker around a plain value
    would become part of the host variable.
    """
    marked = set()
    hostvars = plain(data, marked)["_meta"]["hostvars"]
    fields = set(key for record in json.loads((GOLDEN / "numbers.json").read_text(encoding="utf-8"))["numbers"] for key in record)
    prefix = (yaml.safe_load(source.read_text(encoding="utf-8")) or {}).get("hostvars_prefix") or ""
    from_api = host_strings(hostvars, set(prefix + field for field in fields))
    template_like = set(path for path, text in from_api.items() if could_be_template(text))
    assert template_like <= marked, sorted(template_like - marked)[:5]
    plain_but_marked = set(path for path, text in host_strings(hostvars).items() if not could_be_template(text)) & marked
    assert not plain_but_marked, sorted(plain_but_marked)[:5]


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


def test_list_output_is_plain_except_where_a_template_could_hide(ansible, golden_sim):
    """What an automation controller stores from an inventory sync: the values themselves, not marker objects."""
    source = ansible.tmp / "list.zoom_phone_numbers.yml"
    source.write_text("plugin: ucops.zoom.zoom_phone_numbers\nhostnames: [id]\ncompose:\n  label: display_name | default('')\n",
                      encoding="utf-8")
    completed, data = ansible.inventory_list(source, sim=golden_sim)
    assert completed.returncode == 0, completed.stderr
    hostvars = data["_meta"]["hostvars"]
    assert hostvars["gold-user-berlin"]["display_name"] == "Anna Schmidt"
    assert hostvars["gold-user-berlin"]["label"] == "Anna Schmidt"
    assert hostvars["gold-meeting-tokyo"]["site"] == expected_numbers(golden_sim, phone_number="+81312345678")[0]["site"]
    assert hostvars["gold-user-berlin"]["ansible_connection"] == "local"
    hostile = hostvars["gold-byoc-confirmed"]
    assert hostile["display_name"] == {"__ansible_unsafe": "{{ lookup('env', 'HOME') }}"}
    assert hostile["label"] == {"__ansible_unsafe": "{{ lookup('env', 'HOME') }}"}, "composed from Zoom's data, never evaluated"
    markers = completed.stdout.count("__ansible_unsafe")
    template_like = sum(1 for text in host_strings(plain(hostvars)).values() if could_be_template(text))
    assert markers == template_like == 2, completed.stdout


def test_twenty_thousand_numbers_match_ground_truth(ansible, zoom_simulator_factory):
    sim = zoom_simulator_factory(size=20000, seed=44)
    source = ansible.tmp / "big.zoom_phone_numbers.yml"
    # The simulator limits nothing here: the collection's default pace would only slow the test down.
    source.write_text("plugin: ucops.zoom.zoom_phone_numbers\nhostnames: [id]\nrate_limit: 10000\n", encoding="utf-8")
    completed, data = ansible.inventory_list(source, sim=sim)
    assert completed.returncode == 0, completed.stderr
    truth = expected_numbers(sim)
    hostvars = plain(data["_meta"]["hostvars"])
    assert len(hostvars) == len(truth) == 20000
    assert sorted(plain(data["zoom_numbers"]["hosts"])) == sorted(record["id"] for record in truth)
    for record in (truth[0], truth[len(truth) // 2], truth[-1]):
        host = dict(hostvars[record["id"]])
        assert host.pop("ansible_connection") == "local"
        host.pop("ansible_python_interpreter")
        assert host == record
    assert sim.stats()["token_requests"] == 1


def test_numbers_that_share_a_name_are_all_hosts(ansible, zoom_simulator_factory):
    """A call queue holds several numbers: named by assignee, each number past the first falls back to its number."""
    sim = zoom_simulator_factory(size=1500, seed=13)
    truth = expected_numbers(sim)
    shared = [record["assignee"]["name"] for record in truth if (record.get("assignee") or {}).get("name")]
    assert len(set(shared)) < len(shared), "the dataset must hold numbers that share an assignee name"
    source = ansible.tmp / "queues.zoom_phone_numbers.yml"
    source.write_text("plugin: ucops.zoom.zoom_phone_numbers\nhostnames: [assignee.name, number]\nrate_limit: 10000\n", encoding="utf-8")
    completed, data = ansible.inventory_list(source, sim=sim)
    assert completed.returncode == 0, completed.stderr
    hostvars = plain(data["_meta"]["hostvars"])
    assert sorted(host["number"] for host in hostvars.values()) == sorted(record["number"] for record in truth)
    named_by_assignee = [name for name, host in hostvars.items() if name != host["number"]]
    # Host names keep letters, digits and . _ + - (docs/inventory.md); each shared name names one host.
    assert sorted(named_by_assignee) == sorted(set("".join(char if char.isalnum() or char in "._+-" else "_" for char in name)
                                                   for name in shared))
    assert "were skipped" not in completed.stderr


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
    unassigned = [record for record in expected_numbers(golden_sim) if "assignee" not in record]
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
