# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every fault class through every entry point a user has: module, lookup, inventory plugin, audit role.

The module and lookup matrices run each as one playbook, every cell against its own simulator
(its own fault plan, data and counters); the inventory plugin needs one ansible-inventory run
per cell. A cell passes when the entry point gave the exact list, or, when the account changed
mid-listing, every number that existed throughout with a warning giving the counts, or failed
with one clear line. Never a short or duplicated list reported as success.
"""

from __future__ import annotations

import json

import pytest

import reliability_lib as lib
from ansible_runs import expected_numbers  # pylint: disable=import-error

AUDIT_ROLE = lib.REPO / "roles" / "phone_numbers_audit"
# Each cell names its own simulator's URLs on the task, so the secret is given there too: a URL that
# is not Zoom's never receives a secret read from the environment.
SECRET_EXPRESSION = "lookup('ansible.builtin.env', 'ZOOM_CLIENT_SECRET')"
TASK_SECRET = "{{ %s }}" % SECRET_EXPRESSION


def yaml_value(value):
    return json.dumps(value)


def module_task(name, sim, case):
    options = dict(case.options, page_size=lib.PAGE_SIZE, api_url=sim.api_url, oauth_url=sim.oauth_url, client_secret=TASK_SECRET)
    lines = "".join("\n    %s: %s" % (key, yaml_value(value)) for key, value in sorted(options.items()))
    return """
- name: Cell {name}
  ucops.zoom.zoom_phone_numbers_info:{lines}
  register: cell_{name}
  ignore_errors: true
""".format(name=name, lines=lines)


def lookup_task(name, sim, case):
    options = dict(case.options, page_size=lib.PAGE_SIZE, api_url=sim.api_url, oauth_url=sim.oauth_url)
    arguments = ", ".join("%s=%s" % (key, json.dumps(value)) for key, value in sorted(options.items()))
    arguments += ", client_secret=" + SECRET_EXPRESSION
    return """
- name: Cell {name}
  ansible.builtin.set_fact:
    listed: "{{{{ query('ucops.zoom.zoom_phone_numbers', {arguments}) }}}}"
  register: cell_{name}
  ignore_errors: true
""".format(name=name, arguments=arguments.replace('"', "'"))


def warning_lines(output):
    return [line.split("[WARNING]:", 1)[1].strip() for line in output.splitlines() if "[WARNING]:" in line]


PARTS = (0, 1, 2)


def start_cells(factory, cases):
    """One simulator per fault case, with the truth taken before any request."""
    started = {}
    for case in cases:
        sim = lib.start_cell(factory, case)
        started[case.name] = (case, sim, expected_numbers(sim))
    return started


def part_of(cases, part):
    """Every third case: parts that pytest-xdist can run side by side."""
    return cases[part::len(PARTS)]


def credentials_env(cells):
    """The credentials every cell's simulator accepts; each task names its own simulator's URLs."""
    dummy, sim, dummy2 = next(iter(cells.values()))
    return {"ZOOM_ACCOUNT_ID": sim.account_id, "ZOOM_CLIENT_ID": sim.client_id, "ZOOM_CLIENT_SECRET": sim.client_secret}


def run_playbook_cells(ansible, cells, task_of, outcome_of):
    """Run one playbook with a task per cell; return the run and each cell's problems."""
    tasks = "".join(task_of(name, sim, case) for name, (case, sim, dummy) in cells.items())
    run = ansible.playbook(tasks + lib.gather_task(["cell_" + name for name in cells]), saves=["matrix"], env=credentials_env(cells))
    assert run.rc == 0, run.output[-4000:]
    matrix = run.result("matrix")
    secrets = [lib.CLIENT_SECRET] + lib.token_values(ansible.tmp)
    problems = {}
    for name, (case, sim, before) in cells.items():
        outcome = outcome_of(name, matrix["cell_" + name], run)
        found = lib.judge(case, outcome, before, expected_numbers(sim), secrets=secrets)
        if found:
            problems[name] = found
    leaked = [secret for secret in secrets if secret in run.output]
    assert not leaked, "a secret appears in the playbook output"
    return matrix, problems


def module_outcome(dummy_name, result, dummy_run):
    if result.get("failed"):
        return lib.Outcome(False, message=result.get("msg"), result=result)
    return lib.Outcome(True, records=result["phone_numbers"], warnings=result.get("warnings", []), result=result)


def lookup_outcome(dummy_name, result, run):
    if result.get("failed"):
        return lib.Outcome(False, message=result.get("msg"), result=result)
    # Plugin warnings go to the display, not into a result; the counts tell the cells apart.
    return lib.Outcome(True, records=result["ansible_facts"]["listed"], warnings=warning_lines(run.output), result=result)


@pytest.mark.parametrize("part", PARTS)
def test_module_matrix(ansible, zoom_simulator_factory, part):
    cells = start_cells(zoom_simulator_factory, part_of(lib.ENTRY_POINT_CASES, part))
    matrix, problems = run_playbook_cells(ansible, cells, module_task, module_outcome)
    assert not problems, json.dumps(problems, indent=1)
    for name, (case, dummy, dummy2) in cells.items():
        if case.expect != lib.FAILS:
            assert matrix["cell_" + name]["changed_during_listing"] is (case.expect == lib.CHANGED), name
        if name == "page_token_expired":
            assert matrix["cell_" + name]["page_token_restarts"] == 1


@pytest.mark.parametrize("part", PARTS)
def test_lookup_matrix(ansible, zoom_simulator_factory, part):
    cells = start_cells(zoom_simulator_factory, part_of(lib.ENTRY_POINT_CASES, part))
    dummy, problems = run_playbook_cells(ansible, cells, lookup_task, lookup_outcome)
    assert not problems, json.dumps(problems, indent=1)


def inventory_outcome(completed, data):
    warnings = warning_lines(completed.stderr)
    if completed.returncode != 0:
        marker = "with 'auto' plugin: "
        reasons = [line.split(marker, 1)[1] for line in completed.stderr.splitlines() if marker in line]
        return lib.Outcome(False, message=reasons[0] if reasons else completed.stderr, output=completed.stdout + completed.stderr)
    hostvars = lib.plain(data["_meta"]["hostvars"])
    records = []
    for host in lib.plain(data["zoom_numbers"]["hosts"]):
        record = dict(hostvars[host])
        record.pop("ansible_connection")
        record.pop("ansible_python_interpreter")
        records.append(record)
    return lib.Outcome(True, records=records, warnings=warnings, output=completed.stdout + completed.stderr)


@pytest.mark.parametrize("name", [case.name for case in lib.ENTRY_POINT_CASES])
def test_inventory_cell(ansible, zoom_simulator_factory, name):
    case = lib.CASES_BY_NAME[name]
    sim = lib.start_cell(zoom_simulator_factory, case)
    before = expected_numbers(sim)
    config = ansible.tmp / "cell.zoom_phone_numbers.yml"
    options = dict(case.options, plugin="ucops.zoom.zoom_phone_numbers", hostnames=["id"], page_size=lib.PAGE_SIZE)
    config.write_text(json.dumps(options), encoding="utf-8")
    completed, data = ansible.inventory_list(config, sim=sim)
    outcome = inventory_outcome(completed, data)
    secrets = [lib.CLIENT_SECRET] + lib.token_values(ansible.tmp)
    problems = lib.judge(case, outcome, before, expected_numbers(sim), secrets=secrets)
    assert not problems, "%s: %s" % (name, "; ".join(problems))


# The audit role runs the module through its action plugin, so it gets the same cells.
AUDIT_CASES = lib.ENTRY_POINT_CASES
AUDIT_RULES = [{"name": "pending_number", "description": "Pending number", "severity": "low", "where": "status == 'pending'"}]


def audit_task(name, sim, case):
    connection = dict(case.options, api_url=sim.api_url, oauth_url=sim.oauth_url, client_secret=TASK_SECRET)
    return """
- name: Cell {name}
  ansible.builtin.include_role:
    name: ucops.zoom.phone_numbers_audit
    apply:
      ignore_errors: true
  vars:
    phone_numbers_audit_output_dir: "{{{{ out_dir }}}}/audit-{name}"
    phone_numbers_audit_filters: {filters}
    phone_numbers_audit_rules: {rules}
    phone_numbers_audit_connection: {connection}

- name: Keep cell {name}
  ansible.builtin.set_fact:
    cell_{name}: "{{{{ phone_numbers_audit_run }}}}"
""".format(name=name, filters=json.dumps({"page_size": lib.PAGE_SIZE}), rules=json.dumps(AUDIT_RULES), connection=json.dumps(connection))


def audit_outcome(name, result, run):
    if result.get("failed"):
        return lib.Outcome(False, message=result.get("msg"), result=result)
    report = json.loads((run.out_dir / ("audit-" + name) / "phone_numbers_audit.json").read_text(encoding="utf-8"))
    return lib.Outcome(True, records=report["numbers"], warnings=result.get("warnings", []), result=result)


@pytest.mark.parametrize("part", PARTS)
def test_audit_role_matrix(ansible, zoom_simulator_factory, part):
    assert AUDIT_ROLE.is_dir(), "the audit role is part of the collection"
    cells = start_cells(zoom_simulator_factory, part_of(AUDIT_CASES, part))
    dummy, problems = run_playbook_cells(ansible, cells, audit_task, audit_outcome)
    assert not problems, json.dumps(problems, indent=1)
    secrets = [lib.CLIENT_SECRET] + lib.token_values(ansible.tmp)
    for report in run_reports(ansible):
        content = report.read_text(encoding="utf-8")
        assert not [secret for secret in secrets if secret in content], report


def run_reports(ansible):
    return [path for path in ansible.out_dir.rglob("phone_numbers_audit.*") if path.is_file()]
