# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The audit as one document, and the files it is written to.

``audit()`` turns listed numbers, rules and an optional baseline into the report document
(the keys of ``phone_numbers_audit.json``); ``write_reports()`` renders it in each format
and replaces the files atomically, so a reader never sees half a report.
"""

from __future__ import annotations

import datetime
import errno
import json
import os
import tempfile

from ansible_collections.ucops.zoom.plugins.module_utils.private_files import make_private_folders
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit import csv_report, html_report, markdown_report
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.drift import compare
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.options import FORMATS, AuditError
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.rules import evaluate, gate
from ansible_collections.ucops.zoom.plugins.plugin_utils.audit.summary import summarize

FORMAT_VERSION = 1
GENERATOR = "ucops.zoom.phone_numbers_audit"
FILE_NAMES = {
    "json": "phone_numbers_audit.json",
    "csv": "phone_numbers_audit.csv",
    "html": "phone_numbers_audit.html",
    "md": "phone_numbers_audit.md",
}


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def audit(records, rules, fail_severity, baseline=None, meta=None, gate_enabled=True):
    """The report document for ``records`` (the merged listing) under ``rules``.

    ``baseline`` is ``(numbers, report_meta, path)`` from an earlier report; ``meta`` adds
    facts about the run (api_url, filters, listings...) to the ``report`` section;
    ``gate_enabled`` says whether violations at ``fail_severity`` fail the run.
    """
    violations, counts = evaluate(rules, records)
    report = {"format_version": FORMAT_VERSION, "generator": GENERATOR, "generated_at": utc_now()}
    report.update(meta or {})
    report["rules"] = [dict(rule.as_dict(), violations=counts[rule.name]) for rule in rules]
    report["gate"] = gate(violations, fail_severity, enabled=gate_enabled)
    document = {"report": report, "summary": summarize(records, violations, counts), "violations": violations}
    if baseline is not None:
        numbers, baseline_meta, path = baseline
        listed_now = bool(report.get("byoc_fields_listed"))
        # A baseline without the flag predates it or was made by hand: assume it had the fields.
        listed_then = bool(baseline_meta.get("byoc_fields_listed", True))
        report["baseline"] = {"path": path, "generated_at": baseline_meta.get("generated_at"), "total": len(numbers)}
        document["drift"] = compare(numbers, records, compare_byoc=listed_now and listed_then)
    document["numbers"] = records
    return document


# One encoder for every line: json.dumps with options builds a new encoder per call.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _lines(value, depth=0):
    """JSON text with one line per key of the top two levels and per list item, compact below.

    Large lists (numbers, violations) stay diffable and greppable line by line without
    the cost of pretty-printing every nested value.
    """
    pad = " " * depth
    if isinstance(value, dict) and value and depth < 2:
        items = [pad + " " + json.dumps(key, ensure_ascii=False) + ": " + _lines(item, depth + 1).lstrip() for key, item in value.items()]
        return pad + "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and value and depth < 3:
        encode = _COMPACT.encode
        items = [pad + " " + encode(item) for item in value]
        return pad + "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return pad + _COMPACT.encode(value)


def render_json(document):
    return _lines(document) + "\n"


RENDERERS = {
    "json": render_json,
    "csv": csv_report.render,
    "html": html_report.render,
    "md": markdown_report.render,
}


def render(name, document, formats=FORMATS):
    """The text of report ``name``; the Markdown summary points at the other reports written with it."""
    if name == "md":
        return markdown_report.render(document, [FILE_NAMES[other] for other in ("html", "csv", "json") if other in formats])
    return RENDERERS[name](document)


def write_text(path, text):
    """Replace ``path`` with ``text`` (UTF-8) atomically: a temporary file in the same folder, then a rename.

    The file is 0600 (mkstemp's mode, kept): reports name people, extensions and emergency addresses.
    """
    folder = os.path.dirname(path) or "."
    handle, temporary = tempfile.mkstemp(prefix=".%s." % os.path.basename(path), dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def write_reports(document, output_dir, formats):
    """Write each format of ``document`` into ``output_dir`` (created 0700 if needed); return ``{format: path}``."""
    return write_files(output_dir, [(name, FILE_NAMES[name], lambda name=name: render(name, document, formats)) for name in formats])


def write_files(output_dir, files):
    """Write ``files``, ``(key, file name, function giving its text)``, into ``output_dir``; return ``{key: path}``.

    The folder (and any parent it creates) is created 0700 if needed; each file is replaced atomically (``write_text``).
    """
    try:
        make_private_folders(output_dir)
        if not os.path.isdir(output_dir):
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))
    except OSError as exc:
        raise AuditError("Cannot create the report folder %s: %s." % (output_dir, exc.strerror or exc)) from None
    written = {}
    for key, file_name, text_of in files:
        path = os.path.join(output_dir, file_name)
        try:
            write_text(path, text_of())
        except OSError as exc:
            raise AuditError("Cannot write the report %s: %s." % (path, exc.strerror or exc)) from None
        written[key] = path
    return written


def headline(document):
    """One line for people: how many numbers, violations by severity, and the drift."""
    summary = document["summary"]
    counts = summary["violation_counts"]
    line = "%s phone numbers audited, %s violations (%s)" % (
        "{0:,}".format(summary["total"]), "{0:,}".format(counts["total"]),
        ", ".join("{0:,} {1}".format(count, name) for name, count in counts["by_severity"].items()))
    drift = document.get("drift")
    if drift is not None:
        line += "; since the baseline %s added, %s removed, %s changed" % tuple(
            "{0:,}".format(drift["counts"][key]) for key in ("added", "removed", "changed"))
    return line + "."


def fact(document, files):
    """The ``phone_numbers_audit`` fact: the document without the full list of numbers."""
    result = dict((key, value) for key, value in document.items() if key != "numbers")
    result.setdefault("drift", None)
    result["files"] = dict(files)
    return result
