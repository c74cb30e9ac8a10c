# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The stylesheet and script inlined into the HTML report, so that it is one file with no external assets.

The script reads the table data from a JSON block and builds every cell with
``textContent``: values from Zoom are never parsed as HTML. It adds sorting (click a column
header), searching, a severity filter and paging, and keeps the violations table's state in
the address (``#q=...&severity=high&sort=number&dir=asc&page=2``) so a view can be shared.
"""

from __future__ import annotations

STYLE = """
:root { --ink: #1d2330; --muted: #5b6475; --line: #d9dee7; --panel: #f5f7fa; --accent: #0b5cad;
  --critical: #7a0019; --high: #c62828; --medium: #b85c00; --low: #44617b; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: var(--ink); background: #fff; }
header, main { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.meta { color: var(--muted); margin: 0; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; margin-top: 16px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.card .figure { display: block; font-size: 24px; font-weight: 650; }
.card .label { color: var(--muted); font-size: 13px; }
.card.critical .figure { color: var(--critical); } .card.high .figure { color: var(--high); }
.card.medium .figure { color: var(--medium); } .card.low .figure { color: var(--low); }
.status-line { margin: 12px 0 0; font-weight: 600; }
.status-line.fail { color: var(--high); } .status-line.pass { color: #1b7a3a; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 16px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.small td, table.small th { padding: 3px 6px; font-size: 14px; }
.scroll { overflow-x: auto; }
table.data td { white-space: pre-wrap; overflow-wrap: break-word; font-size: 14px; }
table.data td.nowrap { white-space: nowrap; overflow-wrap: normal; }
table.data td.mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
table.small td.nowrap { white-space: nowrap; }
table.data thead th { position: sticky; top: 0; background: #fff; }
table.data th button { font: inherit; font-weight: 650; border: 0; background: none; padding: 0; cursor: pointer; color: var(--ink); }
table.data th[aria-sort="ascending"] button::after { content: " \\25B2"; font-size: 10px; }
table.data th[aria-sort="descending"] button::after { content: " \\25BC"; font-size: 10px; }
table.data tbody tr:nth-child(even) { background: #fafbfc; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 650; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); }
.sev-medium { background: var(--medium); } .sev-low { background: var(--low); }
.controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 8px 0; }
.controls input, .controls select { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; }
.controls input { min-width: 280px; }
.shown { color: var(--muted); }
.pager { display: flex; gap: 12px; align-items: center; margin: 8px 0 0; }
.pager button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); cursor: pointer; }
.pager button[disabled] { opacity: .45; cursor: default; }
.chart text { font-size: 12px; fill: var(--ink); }
.chart .count { fill: var(--muted); }
.legend { display: flex; gap: 16px; color: var(--muted); font-size: 13px; margin: 4px 0 0; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
footer { max-width: 1180px; margin: 32px auto; padding: 0 24px; color: var(--muted); font-size: 13px; }
code { font-size: 13px; background: var(--panel); padding: 0 4px; border-radius: 4px; overflow-wrap: anywhere; }
@media print { .controls, .pager { display: none; } table.data thead th { position: static; } }
"""

SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("audit-data").textContent);
  var PAGE_SIZE = 100;
  var RANK = {critical: 4, high: 3, medium: 2, low: 1};
  var collator = new Intl.Collator(undefined, {numeric: true, sensitivity: "base"});

  function figure(n) { return Number(n).toLocaleString("en-US"); }

  function readHash() {
    var state = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      if (!part) { return; }
      var at = part.indexOf("=");
      var key = at < 0 ? part : part.slice(0, at);
      var value = at < 0 ? "" : part.slice(at + 1);
      try { state[decodeURIComponent(key)] = decodeURIComponent(value.replace(/\\+/g, " ")); } catch (err) { /* ignore a damaged address */ }
    });
    return state;
  }

  function element(name, text, className) {
    var node = document.createElement(name);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function DataTable(block, spec, useHash) {
    var self = this;
    this.spec = spec;
    this.useHash = useHash;
    this.rows = spec.rows;
    this.haystack = spec.rows.map(function (row) { return row.join("\\u0001").toLowerCase(); });
    this.tbody = block.querySelector("tbody");
    this.shown = block.querySelector(".shown");
    this.pageLabel = block.querySelector(".page");
    this.prev = block.querySelector(".prev");
    this.next = block.querySelector(".next");
    this.search = block.querySelector("input.search");
    this.severity = block.querySelector("select.severity");
    this.sortIndex = -1;
    this.sortDir = "asc";
    this.page = 0;
    this.severityIndex = spec.columns.findIndex(function (column) { return column.kind === "severity"; });

    var headRow = block.querySelector("thead tr");
    this.headers = [];
    spec.columns.forEach(function (column, index) {
      if (column.hidden) { return; }
      var th = element("th", null, column.css || "");
      th.setAttribute("scope", "col");
      var button = element("button", column.label);
      button.type = "button";
      button.title = "Sort by " + column.label.toLowerCase();
      button.addEventListener("click", function () {
        self.sortDir = self.sortIndex === index && self.sortDir === "asc" ? "desc" : "asc";
        self.sortIndex = index;
        self.page = 0;
        self.update();
      });
      th.appendChild(button);
      headRow.appendChild(th);
      th.columnIndex = index;
      self.headers.push(th);
    });

    if (this.severity) {
      if (this.severityIndex < 0) {
        this.severity.parentNode.removeChild(this.severity);
        this.severity = null;
      } else {
        ["critical", "high", "medium", "low"].forEach(function (name) {
          var option = element("option", name);
          option.value = name;
          self.severity.appendChild(option);
        });
        this.severity.addEventListener("change", function () { self.page = 0; self.update(); });
      }
    }
    this.search.addEventListener("input", function () { self.page = 0; self.update(); });
    this.prev.addEventListener("click", function () { self.page -= 1; self.update(); });
    this.next.addEventListener("click", function () { self.page += 1; self.update(); });

    if (useHash) { this.fromHash(readHash()); }
    this.update();
  }

  DataTable.prototype.fromHash = function (state) {
    var keys = this.spec.columns.map(function (column) { return column.key; });
    if (state.q) { this.search.value = state.q; }
    if (state.severity && this.severity && RANK[state.severity]) { this.severity.value = state.severity; }
    if (state.sort && keys.indexOf(state.sort) >= 0) {
      this.sortIndex = keys.indexOf(state.sort);
      this.sortDir = state.dir === "desc" ? "desc" : "asc";
    }
    if (state.page && /^[0-9]+$/.test(state.page)) { this.page = Math.max(0, parseInt(state.page, 10) - 1); }
  };

  DataTable.prototype.toHash = function () {
    var parts = [];
    if (this.search.value) { parts.push("q=" + encodeURIComponent(this.search.value)); }
    if (this.severity && this.severity.value) { parts.push("severity=" + encodeURIComponent(this.severity.value)); }
    if (this.sortIndex >= 0) {
      parts.push("sort=" + encodeURIComponent(this.spec.columns[this.sortIndex].key));
      parts.push("dir=" + this.sortDir);
    }
    if (this.page > 0) { parts.push("page=" + (this.page + 1)); }
    var address = parts.length ? "#" + parts.join("&") : location.pathname + location.search;
    try { history.replaceState(null, "", address); } catch (err) { /* some browsers refuse it on file: pages */ }
  };

  DataTable.prototype.compute = function () {
    var self = this;
    var words = this.search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var wanted = this.severity ? this.severity.value : "";
    var picked = [];
    for (var i = 0; i < this.rows.length; i += 1) {
      if (wanted && this.rows[i][this.severityIndex] !== wanted) { continue; }
      var text = this.haystack[i];
      if (words.every(function (word) { return text.indexOf(word) >= 0; })) { picked.push(i); }
    }
    if (this.sortIndex >= 0) {
      var index = this.sortIndex;
      var kind = this.spec.columns[index].kind;
      var sign = this.sortDir === "desc" ? -1 : 1;
      picked.sort(function (a, b) {
        var x = self.rows[a][index], y = self.rows[b][index], order;
        if (kind === "severity") { order = (RANK[x] || 0) - (RANK[y] || 0); }
        else if (kind === "number") { order = (Number(x) || 0) - (Number(y) || 0); }
        else { order = collator.compare(x === null ? "" : String(x), y === null ? "" : String(y)); }
        return order * sign || a - b;
      });
    }
    return picked;
  };

  DataTable.prototype.update = function () {
    var picked = this.compute();
    var pages = Math.max(1, Math.ceil(picked.length / PAGE_SIZE));
    this.page = Math.min(Math.max(0, this.page), pages - 1);
    var start = this.page * PAGE_SIZE;
    var end = Math.min(picked.length, start + PAGE_SIZE);
    var fragment = document.createDocumentFragment();
    for (var i = start; i < end; i += 1) {
      var row = this.rows[picked[i]];
      var tr = document.createElement("tr");
      for (var c = 0; c < this.spec.columns.length; c += 1) {
        var column = this.spec.columns[c];
        if (column.hidden) { continue; }
        var value = row[c];
        var td = element("td", null, column.css || "");
        if (column.kind === "severity" && RANK[value]) {
          td.appendChild(element("span", value, "badge sev-" + value));
        } else {
          td.textContent = value === null || value === undefined ? "" : String(value);
        }
        tr.appendChild(td);
      }
      fragment.appendChild(tr);
    }
    this.tbody.textContent = "";
    this.tbody.appendChild(fragment);
    var filtered = picked.length !== this.rows.length ? " (filtered from " + figure(this.rows.length) + ")" : "";
    this.shown.textContent = picked.length
      ? "Showing " + figure(start + 1) + "\\u2013" + figure(end) + " of " + figure(picked.length) + filtered
      : "Nothing matches" + filtered;
    this.pageLabel.textContent = "Page " + figure(this.page + 1) + " of " + figure(pages);
    this.prev.disabled = this.page === 0;
    this.next.disabled = this.page >= pages - 1;
    var self = this;
    this.headers.forEach(function (th) {
      if (th.columnIndex === self.sortIndex) { th.setAttribute("aria-sort", self.sortDir === "asc" ? "ascending" : "descending"); }
      else { th.removeAttribute("aria-sort"); }
    });
    if (this.useHash) { this.toHash(); }
  };

  Array.prototype.forEach.call(document.querySelectorAll("[data-table]"), function (block) {
    var name = block.getAttribute("data-table");
    if (data.tables[name]) { block.table = new DataTable(block, data.tables[name], name === "violations"); }
  });
  document.documentElement.setAttribute("data-ready", "true");
}());
"""
