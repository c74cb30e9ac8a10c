# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading a results file: lookups over its records, and the formatting every report table shares."""

from __future__ import annotations

import statistics


def fmt(value, digits=2):
    if value is None:
        return "n/a"
    if isinstance(value, str):
        return value
    return "{:,.{}f}".format(value, digits)


def ratio(value, base):
    if value is None or not base:
        return None
    return value / base


def times(value):
    return "n/a" if value is None else "%sx" % fmt(value, 2)


def table(header, rows, left=1):
    """A Markdown table: the first ``left`` columns aligned left (labels), the others right (numbers)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if index < left else "---:" for index in range(len(header))) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


class Results:
    """Lookups over the result records of one run."""

    def __init__(self, data):
        self.data = data
        self.records = data["results"]

    def find(self, group, entry, size=None, latency_ms=None):
        for result in self.records:
            if result["group"] == group and result["entry"] == entry and \
                    (size is None or result["size"] == size) and (latency_ms is None or result["latency_ms"] == latency_ms):
                return result
        return None

    def usable(self, group, entry, size=None, latency_ms=None):
        """The result, when it exists and has nothing wrong with it."""
        result = self.find(group, entry, size, latency_ms)
        return result if result and not result["problems"] and result["wall_s"] is not None else None

    def fixed(self, entry, key="wall_s"):
        """Median over the repeated runs of a fixed cost."""
        values = [result[key] for result in self.records if result["group"] == "fixed" and result["entry"] == entry and not result["problems"]]
        return statistics.median(values) if values else None

    def sizes(self, group="listing"):
        return sorted(set(result["size"] for result in self.records if result["group"] == group and result["size"] is not None))

    def latencies(self, group="listing"):
        return sorted(set(result["latency_ms"] for result in self.records if result["group"] == group and result["latency_ms"] is not None))

    def problems(self):
        return [result for result in self.records if result["problems"]]


def span(result):
    return result["api"]["span_s"] if result and result.get("api") else None


def verdict(met, text):
    return ("met" if met else "**missed**") + ": " + text
