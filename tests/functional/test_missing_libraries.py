# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Without jmespath on the controller, every entry point says which library to install, before any request."""

from __future__ import annotations

import os


def hide_jmespath(folder):
    """A PYTHONPATH on which ``import jmespath`` fails, as on a controller without it."""
    package = folder / "jmespath"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("raise ImportError('No module named jmespath')\n", encoding="utf-8")
    return os.pathsep.join(part for part in (str(folder), os.environ.get("PYTHONPATH", "")) if part)


def test_the_audit_and_the_lookup_name_the_missing_library(ansible, zoom_simulator):
    run = ansible.playbook("""
- name: Audit
  ucops.zoom.zoom_phone_numbers_audit:
    rules:
      - {name: unassigned, description: Unassigned number, severity: low, where: "!assignee"}
    output_dir: "{{ out_dir }}/audit"
  register: audit
  ignore_errors: true

- name: Lookup
  ansible.builtin.set_fact:
    listed: "{{ query('ucops.zoom.zoom_phone_numbers') }}"
  register: lookup
  ignore_errors: true
""", saves=["audit", "lookup"], sim=zoom_simulator, env={"PYTHONPATH": hide_jmespath(ansible.tmp / "hidden")})
    audit = run.result("audit")
    assert audit["failed"] is True
    assert audit["msg"] == ("The ucops.zoom audit plugin needs the Python package jmespath on the controller: "
                            "pip install jmespath (see the collection's requirements.txt).")
    assert "NameError" not in run.output and "Traceback" not in run.output
    assert "pip install jmespath" in run.result("lookup")["msg"]
    assert zoom_simulator.stats()["requests"] == 0
    assert not (ansible.out_dir / "audit").exists()
