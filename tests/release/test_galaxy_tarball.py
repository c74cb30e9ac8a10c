# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What `ansible-galaxy collection install` gives users: everything the collection needs, and only that."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap

import yaml

from ansible_runs import expected_numbers  # pylint: disable=import-error

from .conftest import BIN, REPO, clean_env, run

# Files of the checkout that are for developing the collection, not for using it (galaxy.yml build_ignore).
DEVELOPMENT_ONLY_DIRS = ("tests/", "extensions/molecule/", "benchmarks/", ".ci/", ".github/")
DEVELOPMENT_ONLY_FILES = ("Makefile", "requirements-dev.txt", "requirements-demo.txt", ".gitignore", ".ansible-lint", "galaxy.yml")
PLUGIN_TYPES = {"modules": "module", "lookup": "lookup", "inventory": "inventory", "filter": "filter"}


def checkout_files():
    """The files of the checkout that git knows or would add: tracked, and untracked but not ignored."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=str(REPO),
                            check=True, capture_output=True, text=True).stdout
    return set(name for name in listed.split("\0") if name and (REPO / name).is_file())


def test_tarball_holds_every_file_users_need_and_no_development_leftovers(installed):
    members = set(installed.members)
    shipped = set(name for name in checkout_files()
                  if not name.startswith(DEVELOPMENT_ONLY_DIRS) and name not in DEVELOPMENT_ONLY_FILES)
    assert shipped - members == set(), "files users need are missing from the tarball"
    assert members - shipped == {"MANIFEST.json", "FILES.json"}, "the tarball holds files that are not the collection's"
    assert not [name for name in members if name.startswith("tests/") or "__pycache__" in name or name.endswith((".pyc", ".tar.gz"))]
    assert "[WARNING]" not in installed.build_output

    # What the execution environment definition points at is shipped with it.
    ee = yaml.safe_load((REPO / "meta" / "execution-environment.yml").read_text(encoding="utf-8"))
    for path in ee["dependencies"].values():
        assert path in members, path
    for path in ("README.md", "LICENSE", "meta/runtime.yml", "extensions/controller/credential_type_zoom.yml"):
        assert path in members, path


def test_installed_collection_matches_its_manifest(installed):
    verified = run([BIN / "ansible-galaxy", "collection", "verify", "--offline", "ucops.zoom"], installed.env())
    assert "Successfully verified" in verified.stdout


def test_every_plugin_and_the_role_are_documented_from_the_installed_tarball(installed):
    documented = []
    for folder, plugin_type in PLUGIN_TYPES.items():
        for path in sorted((installed.root / "plugins" / folder).glob("*.py")):
            name = "ucops.zoom." + path.stem
            doc = json.loads(run([BIN / "ansible-doc", "--json", "-t", plugin_type, name], installed.env()).stdout)
            assert doc[name]["doc"]["short_description"], name
            documented.append(name)
    assert "ucops.zoom.zoom_phone_numbers_info" in documented
    for role in sorted(path.name for path in (installed.root / "roles").iterdir()):
        doc = json.loads(run([BIN / "ansible-doc", "--json", "-t", "role", "ucops.zoom." + role], installed.env()).stdout)
        assert doc["ucops.zoom." + role]["entry_points"]["main"]["short_description"]


SMOKE_PLAY = """
- name: Smoke test of the installed collection
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Module
      ucops.zoom.zoom_phone_numbers_info:
        type: all
      register: listed
    - name: Lookup and filter
      ansible.builtin.set_fact:
        unassigned: "{{ query('ucops.zoom.zoom_phone_numbers', type='unassigned') | map(attribute='id') | list }}"
        by_type: "{{ listed.phone_numbers | ucops.zoom.count_by('number_type') }}"
    - name: Save the results
      ansible.builtin.copy:
        content: "{{ {'ids': listed.phone_numbers | map(attribute='id') | list, 'unassigned': unassigned, 'by_type': by_type} | to_json }}"
        dest: "{{ playbook_dir }}/smoke.json"
        mode: "0600"
"""


def test_module_lookup_filter_inventory_and_audit_work_from_the_installed_tarball(installed, zoom_simulator_factory, tmp_path):
    sim = zoom_simulator_factory(size=250, seed=3)
    env = installed.env(ZOOM_ACCOUNT_ID=sim.account_id, ZOOM_CLIENT_ID=sim.client_id, ZOOM_CLIENT_SECRET=sim.client_secret,
                        ZOOM_API_URL=sim.api_url, ZOOM_OAUTH_URL=sim.oauth_url, ANSIBLE_PYTHON_INTERPRETER=sys.executable,
                        XDG_CACHE_HOME=str(tmp_path / "cache"))
    truth = expected_numbers(sim, type="all")

    (tmp_path / "smoke.yml").write_text(textwrap.dedent(SMOKE_PLAY), encoding="utf-8")
    run([BIN / "ansible-playbook", "-i", "localhost,", "-c", "local", "smoke.yml"], env, cwd=tmp_path)
    smoke = json.loads((tmp_path / "smoke.json").read_text(encoding="utf-8"))
    assert smoke["ids"] == [record["id"] for record in truth]
    assert smoke["unassigned"] == [record["id"] for record in expected_numbers(sim, type="unassigned")]
    expected = {}
    for record in truth:
        expected[record["number_type"]] = expected.get(record["number_type"], 0) + 1
    assert smoke["by_type"] == expected

    (tmp_path / "all.zoom_phone_numbers.yml").write_text("plugin: ucops.zoom.zoom_phone_numbers\ntype: all\n", encoding="utf-8")
    listed = run([BIN / "ansible-inventory", "-i", "all.zoom_phone_numbers.yml", "--list"], env, cwd=tmp_path)
    assert sorted(json.loads(listed.stdout)["_meta"]["hostvars"]) == sorted(record["number"] for record in truth)

    run([BIN / "ansible-playbook", "ucops.zoom.audit", "-e", json.dumps({"phone_numbers_audit_formats": ["json"]})], env, cwd=tmp_path)
    report = json.loads((tmp_path / "zoom-phone-audit" / "phone_numbers_audit.json").read_text(encoding="utf-8"))
    assert report["summary"]["total"] == len(expected_numbers(sim))
    assert not list(installed.root.rglob("phone_numbers_audit.json")), "reports must never go into the installed collection"


def test_execution_environment_build_context_and_its_python_requirements(installed, tmp_path):
    context = tmp_path / "context"
    run([BIN / "ansible-builder", "create", "--file", REPO / "docs" / "execution-environment.yml", "--context", context,
         "--output-filename", "Containerfile"], installed.env())
    containerfile = (context / "Containerfile").read_text(encoding="utf-8")
    assert "ansible-galaxy collection install" in containerfile and "introspect" in containerfile
    galaxy = yaml.safe_load((context / "_build" / "requirements.yml").read_text(encoding="utf-8"))
    assert [collection["name"] for collection in galaxy["collections"]] == ["ucops.zoom"]

    # The image build runs this introspection over the installed collections to find their
    # Python and system packages: run the same script over the tarball's collection.
    pip_file, bindep_file = tmp_path / "requirements.txt", tmp_path / "bindep.txt"
    run([sys.executable, context / "_build" / "scripts" / "introspect.py", "introspect", "--write-pip", pip_file,
         "--write-bindep", bindep_file, installed.collections], installed.env())
    found = [line.split("#")[0].strip() for line in pip_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = [line.split("#")[0].strip() for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
              if line.split("#")[0].strip()]
    assert sorted(found) == sorted(wanted)
    assert all("from collection ucops.zoom" in line for line in pip_file.read_text(encoding="utf-8").splitlines() if line.strip())
    assert not bindep_file.exists() or not bindep_file.read_text(encoding="utf-8").strip()


def documented_block(document, marker):
    """The YAML code block of a guide that contains ``marker``."""
    text = (REPO / "docs" / document).read_text(encoding="utf-8")
    for block in re.findall(r"```yaml\n(.*?)```", text, flags=re.S):
        if marker in block:
            return yaml.safe_load(textwrap.dedent(block))
    raise AssertionError("no YAML block with %s in docs/%s" % (marker, document))


def test_offline_execution_environment_as_the_controller_guide_describes(installed, tmp_path):
    # docs/controller.md: no Galaxy, the tarball next to the definition, installed from the build context.
    definition = yaml.safe_load((REPO / "docs" / "execution-environment.yml").read_text(encoding="utf-8"))
    change = json.loads(re.sub(r"ucops-zoom-[0-9][0-9.]*\.tar\.gz", installed.tarball.name,
                               json.dumps(documented_block("controller.md", "additional_build_files"))))
    definition["additional_build_files"] = change["additional_build_files"]
    definition["dependencies"]["galaxy"] = change["dependencies"]["galaxy"]
    shutil.copy(installed.tarball, tmp_path / installed.tarball.name)
    (tmp_path / "execution-environment.yml").write_text(yaml.safe_dump(definition), encoding="utf-8")
    run([BIN / "ansible-builder", "create", "--file", "execution-environment.yml", "--context", "context",
         "--output-filename", "Containerfile"], installed.env(), cwd=tmp_path)
    build = tmp_path / "context" / "_build"
    assert (build / "collections" / installed.tarball.name).is_file()
    # The image build installs from requirements.yml in its copy of _build: do the same here.
    target = tmp_path / "ee-collections"
    run([BIN / "ansible-galaxy", "collection", "install", "--offline", "-r", "requirements.yml", "-p", target],
        clean_env(installed.home), cwd=build)
    assert (target / "ansible_collections" / "ucops" / "zoom" / "MANIFEST.json").is_file()
