# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A hand-written SVG chart: where each entry point's time goes, one panel per size."""

from __future__ import annotations

from xml.sax.saxutils import escape

from zoombench.report import REFERENCE_OF
from zoombench.results import Results, span

COLOURS = (("Ansible, same data from a file", "#9e9e9e"), ("API span (simulator)", "#1f77b4"), ("the rest", "#ff7f0e"))
WIDTH, LEFT, RIGHT, BAR, GAP = 860, 150, 90, 18, 6


def _bars(res, size, latency_ms):
    bars = []
    floor = res.usable("listing", "floor", size, latency_ms)
    if floor and span(floor) is not None:
        bars.append(("floor", [0.0, span(floor), max(0.0, floor["wall_s"] - span(floor))], floor["wall_s"]))
    for entry in ("module", "lookup", "inventory"):
        result = res.usable("listing", entry, size, latency_ms)
        reference = res.usable("reference", REFERENCE_OF[entry], size)
        if result and reference and span(result) is not None:
            own = result["wall_s"] - reference["wall_s"] - span(result)
            bars.append((entry, [reference["wall_s"], span(result), max(0.0, own)], result["wall_s"]))
    return bars


def chart(data):
    """The SVG text, or None when there is nothing to draw."""
    res = Results(data)
    latencies = res.latencies()
    if not latencies:
        return None
    latency = max(latencies)
    panels = [(size, _bars(res, size, latency)) for size in res.sizes()]
    panels = [(size, bars) for size, bars in panels if bars]
    if not panels:
        return None
    parts = []
    y = 40
    for size, bars in panels:
        longest = max(max(sum(entry[1]) for entry in bars), max(entry[2] for entry in bars)) or 1.0
        scale = (WIDTH - LEFT - RIGHT) / longest
        parts.append('<text x="10" y="%d" font-weight="bold">%s numbers, %g ms latency</text>' % (y, "{:,}".format(size), latency))
        y += 10
        for name, segments, wall in bars:
            x = LEFT
            parts.append('<text x="%d" y="%d" text-anchor="end">%s</text>' % (LEFT - 8, y + BAR - 5, escape(name)))
            for (label, colour), seconds in zip(COLOURS, segments):
                width = seconds * scale
                if width > 0:
                    parts.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %.2f s</title></rect>'
                                 % (x, y, width, BAR, colour, escape(label), seconds))
                    x += width
            parts.append('<text x="%.1f" y="%d">%.1f s</text>' % (LEFT + wall * scale + 6, y + BAR - 5, wall))
            y += BAR + GAP
        y += 24
    legend_x = LEFT
    for label, colour in COLOURS:
        parts.append('<rect x="%d" y="%d" width="12" height="12" fill="%s"/>' % (legend_x, y - 10, colour))
        parts.append('<text x="%d" y="%d">%s</text>' % (legend_x + 16, y, escape(label)))
        legend_x += 16 + 8 * len(label) + 24
    height = y + 20
    head = ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
            'font-family="sans-serif" font-size="12">' % (WIDTH, height, WIDTH, height))
    title = '<text x="10" y="18" font-size="14">ucops.zoom: wall time by entry point (bar end: measured wall time)</text>'
    return "\n".join([head, '<rect width="100%" height="100%" fill="white"/>', title] + parts + ["</svg>"]) + "\n"
