# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Data from Zoom (or from whoever can edit a display name) cannot take over hosts, caches or tasks.

A number whose display name is the name of a real host must never merge into that host (a play
meant for db01 would otherwise run on the controller); a name built to mean something to host
patterns or templates is made inert; an inventory cache never answers for another account; a
`where` nested thousands deep fails with a message. Through ansible-inventory and
ansible-playbook, against the simulator.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from ansible_runs import expected_numbers  # pylint: disable=import-error
import reliability_lib as lib  # pylint: disable=import-error

HOSTILE_NAMES = {
    "num-db01": "db01",
    "num-localhost": "localhost",
    "num-range": "web[1:3]",
    "num-template": "{{ lookup('env', 'HOME') }}",
    "num-pattern": "!db01:&web*",
    "num-newline": "two\nlines",
    "num-plain": "Front desk",
}


def records_file(tmp_path):
    numbers = [{"id": ident, "number": "+1415555%04d" % index, "display_name": name, "number_type": "toll", "status": "available",
                "source": "internal", "capability": ["incoming"]}
               for index, (ident, name) in enumerate(sorted(HOSTILE_NAMES.items()))]
    path = tmp_path / "numbers.json"
    path.write_text(json.dumps({"numbers": numbers}), encoding="utf-8")
    return path


STATIC_INVENTORY = """
all:
  hosts:
    db01:
      ansible_host: 10.20.30.40
      ansible_connection: ssh
      role: database
"""


@pytest.fixture
def hostile_sim(zoom_simulator_factory, tmp_path):
    return zoom_simulator_factory(size=0, records_file=str(records_file(tmp_path)))


def zoom_source(ansible, strict=False):
    source = ansible.tmp / "named.zoom_phone_numbers.yml"
    source.write_text("plugin: ucops.zoom.zoom_phone_numbers\nhostnames: [display_name, number]\nstrict: %s\n" % str(strict).lower(),
                      encoding="utf-8")
    static = ansible.tmp / "hosts.yml"
    static.write_text(STATIC_INVENTORY, encoding="utf-8")
    return static, source


def test_a_number_named_like_a_real_host_leaves_that_host_untouched(ansible, hostile_sim):
    static, source = zoom_source(ansible)
    completed = ansible.command(["ansible-inventory", "-i", str(static), "-i", str(source), "--list"], sim=hostile_sim)
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    hostvars = lib.plain(data["_meta"]["hostvars"])
    assert hostvars["db01"] == {"ansible_host": "10.20.30.40", "ansible_connection": "ssh", "role": "database"}
    assert "db01" not in lib.plain(data["zoom_numbers"]["hosts"])
    warnings = " ".join(completed.stderr.split())
    assert "number num-db01 would be the host 'db01', which another inventory source already has" in warnings
    assert "number num-localhost would be the host 'localhost', which Ansible reserves" in warnings
    # The two numbers whose names were taken are still hosts, named by their numbers; every other
    # name is the display name made inert: letters, digits and . _ + - only.
    numbers = dict((record["id"], record["number"]) for record in json.loads(records_file(ansible.tmp).read_text())["numbers"])
    assert sorted(lib.plain(data["zoom_numbers"]["hosts"])) == sorted([
        numbers["num-db01"], numbers["num-localhost"], "web_1_3_", "___lookup__env____HOME_____", "_db01__web_", "two_lines", "Front_desk"])
    assert lib.plain(data["_meta"]["hostvars"][numbers["num-db01"]])["display_name"] == "db01"
    for name in lib.plain(data["zoom_numbers"]["hosts"]):
        assert all(char.isalnum() or char in "._+-" for char in name), name

    # A play meant for db01 still goes to db01 over SSH, not to the controller.
    shown = ansible.command(["ansible-inventory", "-i", str(static), "-i", str(source), "--host", "db01"], sim=hostile_sim)
    assert lib.plain(json.loads(shown.stdout)) == {"ansible_host": "10.20.30.40", "ansible_connection": "ssh", "role": "database"}


def test_with_strict_a_name_taken_by_another_source_fails_the_parse(ansible, hostile_sim):
    static, source = zoom_source(ansible, strict=True)
    completed = ansible.command(["ansible-inventory", "-i", str(static), "-i", str(source), "--list"], sim=hostile_sim)
    assert completed.returncode != 0
    message = " ".join(completed.stderr.split())
    assert "would be the host 'db01', which another inventory source already has. Choose other hostnames" in message


def cached_source(ansible):
    source = ansible.tmp / "account.zoom_phone_numbers.yml"
    source.write_text("plugin: ucops.zoom.zoom_phone_numbers\nhostnames: [id]\ncache: true\ncache_plugin: ansible.builtin.jsonfile\n"
                      "cache_connection: %s\ncache_timeout: 3600\n" % (ansible.tmp / "inventory-cache"), encoding="utf-8")
    return source


def test_a_second_account_never_reads_the_first_accounts_cache(ansible, zoom_simulator_factory):
    first = zoom_simulator_factory(size=150, seed=3, account_id="account-one", client_id="client-one", client_secret="secret-one-0123")
    second = zoom_simulator_factory(size=90, seed=8, account_id="account-two", client_id="client-two", client_secret="secret-two-4567")
    source = cached_source(ansible)

    listed = {}
    for sim in (first, second):
        completed, data = ansible.inventory_list(source, sim=sim)
        assert completed.returncode == 0, completed.stderr
        listed[sim.account_id] = sorted(lib.plain(data["zoom_numbers"]["hosts"]))
        assert sim.stats()["list_requests"] > 0, "%s was listed from its own account, not from the cache" % sim.account_id
    assert listed["account-one"] == sorted(lib.ids(expected_numbers(first)))
    assert listed["account-two"] == sorted(lib.ids(expected_numbers(second)))

    # The cache does work: the second account again, with nothing changed, costs no request.
    second.reset_stats()
    completed, data = ansible.inventory_list(source, sim=second)
    assert completed.returncode == 0 and second.stats()["requests"] == 0
    assert sorted(lib.plain(data["zoom_numbers"]["hosts"])) == listed["account-two"]

    # And it holds neither account's secret nor any token, not even a plain digest of one.
    cached = "".join(path.read_text(encoding="utf-8") for path in (ansible.tmp / "inventory-cache").iterdir())
    tokens = lib.token_values(ansible.cache_home)
    assert tokens
    for secret in ["secret-one-0123", "secret-two-4567"] + tokens:
        assert secret not in cached
        assert hashlib.sha256(secret.encode("utf-8")).hexdigest() not in cached


def test_a_where_nested_thousands_deep_fails_with_a_message(ansible, zoom_simulator):
    run = ansible.playbook("""
- name: A where nested five thousand deep
  ucops.zoom.zoom_phone_numbers_info:
    where: "%s"
  register: nested
  ignore_errors: true
""" % ("!" * 5000 + "status"), saves=["nested"], sim=zoom_simulator)
    result = run.result("nested")
    assert result["failed"] is True and result["msg"].startswith("Option where nests more than 100 levels deep")
    assert "Traceback" not in run.output and "RecursionError" not in run.output
    assert zoom_simulator.stats()["requests"] == 0
