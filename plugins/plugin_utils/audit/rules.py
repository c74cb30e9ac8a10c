# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Audit rules: their validation, the severity scale, evaluation over numbers, and the gate.

A rule is ``{name, description, severity, where}``; ``where`` is a JMESPath predicate with
the same truthiness as the module's ``where`` option, and selects the numbers that break
the rule. Each rule is compiled once and run over every number in Python.
"""

from __future__ import annotations

import re

from ansible_collections.ucops.zoom.plugins.module_utils.number_query import Where
from ansible_collections.ucops.zoom.plugins.module_utils.phone_numbers import BYOC_FIELDS
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomError
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.options import SEVERITIES, AuditError

SEVERITY_RANK = dict((name, rank) for rank, name in enumerate(SEVERITIES))

RULE_KEYS = ("name", "description", "severity", "where")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")


class Rule:
    """One validated rule, with its compiled ``where``."""

    def __init__(self, name, description, severity, where, label):
        self.name = name
        self.description = description
        self.severity = severity
        self.rank = SEVERITY_RANK[severity]
        self.where_text = where
        # Where validates the expression and words the error exactly as the module does.
        self.where = Where(where, label="%s.where" % label)
        self.needs_byoc = bool(self.where.fields() & BYOC_FIELDS)

    def as_dict(self):
        return {"name": self.name, "description": self.description, "severity": self.severity, "where": self.where_text}

    def select(self, records):
        """The records that break the rule, in order (the module's ``where`` semantics)."""
        try:
            return self.where.filter(records)
        except ZoomError as exc:
            raise AuditError("Rule %s could not be evaluated: %s" % (self.name, exc)) from None


def check_severity(value, label):
    """``value`` if it is on the scale, else an AuditError naming ``label``."""
    if value not in SEVERITY_RANK:
        raise AuditError("%s must be one of %s, got %r." % (label, ", ".join(SEVERITIES), value))
    return value


def _rule(raw, label):
    if not isinstance(raw, dict):
        raise AuditError("%s must be a dict with the keys %s, got %s." % (label, ", ".join(RULE_KEYS), type(raw).__name__))
    unknown = sorted(set(raw) - set(RULE_KEYS))
    if unknown:
        raise AuditError("%s has unknown key%s %s; a rule has exactly %s." % (
            label, "s" if len(unknown) > 1 else "", ", ".join(unknown), ", ".join(RULE_KEYS)))
    for key in RULE_KEYS:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise AuditError("%s needs a non-empty string %s." % (label, key))
    name = raw["name"].strip()
    if not _NAME.match(name):
        raise AuditError("%s has the name %r; use letters, digits, '_', '.' or '-' (at most 80), starting with a letter or digit." % (label, name))
    severity = check_severity(raw["severity"].strip(), "%s.severity" % label)
    try:
        return Rule(name, " ".join(raw["description"].split()), severity, raw["where"], label)
    except ZoomError as exc:
        raise AuditError(str(exc)) from None


def build_rules(rules, extra=None, disabled=None, labels=("rules", "rules_extra")):
    """Validate and combine the rule lists; return ``(rules, warnings)``.

    ``extra`` rules are added after ``rules``; an extra rule with the name of an existing one
    replaces it in place (a way to change a built-in rule's severity or ``where``). Names in
    ``disabled`` are left out; names that match nothing are reported as warnings, since a
    typo there would otherwise silently keep a rule on.
    """
    combined, where = [], {}
    for source, label in ((rules or [], labels[0]), (extra or [], labels[1])):
        if not isinstance(source, list):
            raise AuditError("%s must be a list of rules." % label)
        seen = set()
        for index, raw in enumerate(source):
            rule = _rule(raw, "%s[%d]" % (label, index))
            if rule.name in seen:
                raise AuditError("%s has two rules named %s; rule names must be unique." % (label, rule.name))
            seen.add(rule.name)
            if rule.name in where:
                combined[where[rule.name]] = rule
            else:
                where[rule.name] = len(combined)
                combined.append(rule)
    disabled = [str(name) for name in (disabled or [])]
    warnings = ["rules_disabled names %s, which is not a rule; known rules: %s." % (name, ", ".join(sorted(where)))
                for name in disabled if name not in where]
    off = set(disabled)
    return [rule for rule in combined if rule.name not in off], warnings


def _who(record):
    """How a person reading a violation recognises the number besides its digits."""
    assignee = record.get("assignee") if isinstance(record.get("assignee"), dict) else {}
    return record.get("display_name") or assignee.get("name") or "no display name"


def violation(rule, record):
    """The report entry for ``record`` breaking ``rule``."""
    number = record.get("number")
    return {
        "rule": rule.name,
        "severity": rule.severity,
        "id": record.get("id"),
        "number": number,
        "message": "%s (%s): %s" % (number or "number id %s" % record.get("id"), _who(record), rule.description),
    }


def evaluate(rules, records):
    """Every violation, most severe rule first, then in rule order, then in API order.

    Returns ``(violations, counts)`` where ``counts`` maps each rule name to its matches.
    """
    ordered = sorted(rules, key=lambda rule: -rule.rank)
    violations, counts = [], {}
    for rule in ordered:
        matched = [violation(rule, record) for record in rule.select(records)]
        counts[rule.name] = len(matched)
        violations.extend(matched)
    return violations, counts


def gate(violations, threshold, examples=10, enabled=True):
    """What the fail-on-violation gate sees at ``threshold``: matches, counts per rule, first examples.

    ``failed`` is true only when the gate is ``enabled`` (fail_on_violation); the counts are the same either way.
    """
    floor = SEVERITY_RANK[threshold]
    over = [entry for entry in violations if SEVERITY_RANK[entry["severity"]] >= floor]
    by_rule = {}
    for entry in over:
        by_rule[entry["rule"]] = by_rule.get(entry["rule"], 0) + 1
    first = over[:examples]
    if over:
        message = "Phone number audit: %d violation%s at or above severity %s (%s). First %d: %s" % (
            len(over), "" if len(over) == 1 else "s", threshold,
            ", ".join("%s: %d" % item for item in by_rule.items()), len(first),
            "; ".join("[%s] %s %s" % (entry["severity"], entry["rule"], " ".join(entry["message"].split())) for entry in first))
    else:
        message = "Phone number audit: no violation at or above severity %s." % threshold
    return {"severity": threshold, "enabled": bool(enabled), "failed": bool(enabled and over), "count": len(over), "by_rule": by_rule,
            "first": first, "message": message}
