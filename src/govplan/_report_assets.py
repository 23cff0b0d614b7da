"""The stylesheet and script :mod:`govplan.report` inlines into every report.

Kept apart from the markup code so that each reads on its own.  Nothing here refers to anything
outside the page: no ``url()``, no ``@import``, no ``@font-face``; the fonts are the reader's own,
CJK families first so that Chinese text never falls back to a Latin font.

Both are :class:`markupsafe.Markup`: the browser reads a ``<style>`` or ``<script>`` element's
content verbatim up to its end tag, so they go into the page unescaped, and :func:`_raw_text`
checks at import that neither could end its element early.
"""

from __future__ import annotations

from markupsafe import Markup

__all__ = ["FONT_STACK", "SCRIPT", "STYLE"]


def _raw_text(text: str, element: str) -> Markup:
    """*text* marked safe as the content of the raw-text *element* (``style`` or ``script``).

    Raises:
        ValueError: If *text* holds ``</element`` (which ends the element, in any case) or
            ``<!--`` (which, in a script, changes where the end tag is found).

    """
    lowered = text.lower()
    for forbidden in (f"</{element}", "<!--"):
        if forbidden in lowered:
            raise ValueError(f"the {element} text holds {forbidden!r}")
    return Markup(text)  # noqa: S704 - checked above; the text is this module's own constant


#: Fonts named in order of preference: common CJK families on Linux, macOS and Windows first.
FONT_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", '
    '"PingFang SC", "Microsoft YaHei", sans-serif'
)

_STYLE = """
:root {
  --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; --paper: #ffffff; --ground: #f3f5f8;
  --accent: #1d4ed8; --accent-soft: #e3ebfd; --ok: #15803d; --bad: #b91c1c;
  --lead: #1d4ed8; --coop: #e0ecff; --coop-ink: #1e3a8a; --resp: #fdf0c4; --resp-ink: #7c4a03;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { background: var(--ground); }
body {
  margin: 0; color: var(--ink); font-family: FONT_STACK;
  font-size: 14px; line-height: 1.6; -webkit-font-smoothing: antialiased;
}
.page { max-width: 1180px; margin: 0 auto; padding: 0 20px 40px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
h1, h2, h3 { line-height: 1.35; margin: 0; }
h2 { font-size: 19px; margin-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.num { font-variant-numeric: tabular-nums; }

header.report {
  background: var(--paper); border-bottom: 3px solid var(--accent);
  padding: 22px 20px 16px; margin: 0 -20px;
}
header.report h1 { font-size: 24px; font-weight: 700; }
.meta { margin: 6px 0 0; color: var(--muted); }
.meta span + span::before { content: "·"; margin: 0 8px; color: var(--line); }
.counts {
  display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 10px;
  margin: 16px 0 8px; padding: 0;
}
.counts div {
  background: var(--ground); border-radius: 6px; padding: 8px 12px; border: 1px solid var(--line);
}
.counts dt { font-size: 12px; color: var(--muted); }
.counts dd { margin: 0; font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; }
.counts dd small { font-size: 12px; font-weight: 400; color: var(--muted); margin-left: 4px; }
.version { font-size: 12px; color: var(--muted); margin: 6px 0 0; }

nav.toc {
  position: sticky; top: 0; z-index: 5; background: rgba(243, 245, 248, 0.96);
  border-bottom: 1px solid var(--line); margin: 0 -20px; padding: 6px 20px;
  display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 13px;
}

section.card, #plan-tree details, li.subtask, table.heatmap { scroll-margin-top: 44px; }
section.card {
  background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
  padding: 16px 20px 18px; margin-top: 18px;
}
.lede { color: var(--muted); margin: 2px 0 12px; font-size: 13px; }
.empty {
  color: var(--muted); background: var(--ground); border: 1px dashed var(--line);
  border-radius: 6px; padding: 12px 14px; margin: 8px 0 0;
}

.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 0 0 10px; }
.toolbar button {
  font: inherit; font-size: 13px; padding: 3px 12px; border-radius: 5px; cursor: pointer;
  border: 1px solid var(--line); background: var(--paper); color: var(--ink);
}
.toolbar button:hover { background: var(--accent-soft); border-color: var(--accent); }
.toolbar input[type=search] {
  font: inherit; font-size: 13px; padding: 3px 10px; min-width: 240px;
  border: 1px solid var(--line); border-radius: 5px;
}
.legend { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; font-size: 12px; }
.legend .spacer { flex: 1; }

.chip {
  display: inline-block; font-size: 12px; line-height: 18px; padding: 0 7px; margin: 1px 2px;
  border-radius: 9px; border: 1px solid transparent; white-space: nowrap; vertical-align: 1px;
}
.chip[data-role=lead] { background: var(--lead); color: #fff; }
.chip[data-role=cooperating] { background: var(--coop); color: var(--coop-ink); border-color: #c4d7fb; }
.chip[data-role=responsible] { background: var(--resp); color: var(--resp-ink); border-color: #f1dc93; }
.badge {
  display: inline-block; font-size: 11px; line-height: 16px; padding: 0 6px; margin-left: 4px;
  border-radius: 3px; background: var(--ground); color: var(--muted); border: 1px solid var(--line);
  white-space: nowrap; vertical-align: 1px;
}

#plan-tree details { margin: 0; }
#plan-tree summary {
  list-style: none; cursor: pointer; padding: 4px 6px 4px 22px; position: relative;
  border-radius: 4px;
}
#plan-tree summary::-webkit-details-marker { display: none; }
#plan-tree summary::before {
  content: "\\25B8"; position: absolute; left: 6px; top: 4px; color: var(--muted);
  font-size: 12px; line-height: inherit;
}
#plan-tree details[open] > summary::before { content: "\\25BE"; }
#plan-tree summary:hover { background: var(--ground); }
.battle { border-top: 1px solid var(--line); }
.battle:first-child { border-top: 0; }
.battle > summary { font-size: 16px; font-weight: 700; padding-top: 8px; padding-bottom: 8px; }
.battle > summary::before { top: 9px !important; }
.group > summary { font-weight: 600; }
.nested { margin-left: 14px; padding-left: 10px; border-left: 2px solid var(--line); }
.task > summary { font-size: 14px; }
.task > summary .title { font-weight: 400; }
.label { color: var(--muted); font-weight: 400; margin-right: 4px; }
.body { padding: 2px 8px 10px 22px; }
.text { margin: 4px 0 6px; white-space: pre-line; color: #27313d; }
.roles { margin: 4px 0; }
.roles .label { font-size: 12px; }
ul.facts { list-style: none; margin: 4px 0; padding: 0; font-size: 13px; }
ul.facts li { margin: 2px 0; padding-left: 16px; position: relative; }
ul.facts li::before { position: absolute; left: 0; color: var(--muted); }
ul.facts li.indicator::before { content: "\\25CE"; }
ul.facts li.milestone::before { content: "\\23F1"; }
.target {
  font-size: 12px; padding: 0 6px; border-radius: 3px; margin-left: 4px; white-space: nowrap;
  background: var(--accent-soft); color: var(--coop-ink);
}
ol.subtasks { list-style: none; margin: 6px 0 2px; padding: 0; font-size: 13px; }
ol.subtasks > li {
  margin: 6px 0; padding: 2px 0 2px 10px; border-left: 2px solid var(--accent-soft);
}
ol.subtasks .roles { display: inline-block; margin: 2px 12px 0 0; }
.overview { margin: 2px 0 8px; color: #27313d; font-size: 13px; }
.objectives { margin: 2px 0 8px; font-size: 13px; }
.objectives ul.facts { display: flex; flex-wrap: wrap; gap: 4px 6px; margin: 4px 0 0; }
.objectives ul.facts li {
  margin: 0; padding: 1px 2px 1px 8px; border: 1px solid var(--line); border-radius: 4px;
  background: #fbfcfe;
}
.objectives ul.facts li::before { content: none; }

table.data { border-collapse: collapse; width: 100%; font-size: 13px; }
table.data th, table.data td {
  border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top;
}
table.data thead th {
  position: sticky; top: 34px; background: #eef1f5; font-weight: 600; font-size: 12px;
  color: #3b4754; white-space: nowrap; z-index: 1;
}
table.data tbody tr:nth-child(even) { background: #fafbfc; }
table.data td.n, table.data th.n { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
td.nw, th.nw { white-space: nowrap; }

table.heatmap { border-collapse: separate; border-spacing: 0; font-size: 12px; }
table.heatmap th, table.heatmap td {
  padding: 4px 6px; border-bottom: 1px solid #fff; border-right: 1px solid #fff;
  font-variant-numeric: tabular-nums;
}
table.heatmap thead th {
  background: #eef1f5; font-weight: 600; text-align: center; vertical-align: bottom;
  min-width: 44px; max-width: 64px; line-height: 1.3; font-size: 11px;
}
table.heatmap td.v { text-align: right; min-width: 44px; }
table.heatmap td.total { font-weight: 700; text-align: right; background: #eef1f5; }
table.heatmap td.unit, table.heatmap th.unit { color: var(--muted); text-align: center; }
table.heatmap td.verdict, table.heatmap th.verdict {
  white-space: nowrap; border-right: 2px solid var(--line); padding-right: 8px;
}
table.heatmap td.name, table.heatmap thead th:first-child {
  position: sticky; left: 0; z-index: 1; background: #fff; min-width: 9em; max-width: 14em;
  text-align: left;
}
table.heatmap thead th:first-child { background: #eef1f5; }
table.heatmap td.name.detail { padding-left: 18px; color: #3b4754; }
table.heatmap tr.category th {
  position: sticky; left: 0; background: #fff; padding-top: 10px; font-size: 12px;
  color: var(--muted); font-weight: 600;
}
table.heatmap tr.check td { background: #f8fafc; font-size: 11px; color: var(--muted); }
table.heatmap tr.check td.name { background: #f8fafc; }
table.heatmap td.blank { color: #b7c0cb; text-align: center; }
.ok { color: var(--ok); font-weight: 600; white-space: nowrap; }
.bad { color: var(--bad); font-weight: 600; white-space: nowrap; }
.scale { display: inline-block; width: 120px; height: 10px; vertical-align: -1px; border-radius: 2px;
  background: linear-gradient(to right, rgba(29, 78, 216, 0.04), rgba(29, 78, 216, 0.85)); }

#lead-unit-chart { display: block; max-width: 100%; height: auto; }
#lead-unit-chart text { font-family: FONT_STACK; font-size: 12px; fill: var(--ink); }
#lead-unit-chart .axis text { fill: var(--muted); font-size: 11px; }
#lead-unit-chart .axis line { stroke: #e6e9ee; }
#lead-unit-chart rect { fill: var(--lead); }
#lead-unit-chart g.bar:hover rect { fill: #1e3a8a; }
#lead-unit-chart .value { fill: var(--ink); font-size: 11px; font-weight: 600; }
#lead-unit-chart .other { fill: var(--muted); font-weight: 400; }

#timeline { list-style: none; margin: 0; padding: 0; }
#timeline li.month {
  display: grid; grid-template-columns: 92px 1fr; gap: 10px; align-items: start;
  border-top: 1px solid var(--line); padding: 6px 0;
}
#timeline li.month:first-child { border-top: 0; }
#timeline .when { font-weight: 600; white-space: nowrap; }
#timeline .when .count { display: block; font-weight: 400; font-size: 12px; color: var(--muted); }
#timeline li.month.none .when { color: #a5afbb; font-weight: 400; }
#timeline li.month.none .when .count { display: none; }
#timeline ul.cards { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
#timeline li.milestone {
  border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 5px;
  padding: 4px 10px; background: #fbfcfe; max-width: 360px; font-size: 13px; line-height: 1.45;
}
#timeline .phrase { font-weight: 700; }
#timeline .due { font-size: 12px; color: var(--muted); margin-left: 6px; }
#timeline .where { display: block; font-size: 12px; color: var(--muted); }
#timeline li.month.none { padding: 2px 0; font-size: 12px; }

.kinds { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 10px; }
footer { margin-top: 24px; font-size: 12px; color: var(--muted); text-align: center; }

#indicator-filter { width: min(100%, 320px); }
tr[hidden] { display: none; }

/* A phone (400 px): the page fits its width; the indicator table reads as one card per row,
   each cell under its column's name; the other tables scroll inside themselves. */
@media (max-width: 640px) {
  .page { padding: 0 10px 32px; }
  header.report, nav.toc { margin: 0 -10px; padding-left: 10px; padding-right: 10px; }
  header.report h1 { font-size: 20px; }
  section.card { padding: 12px; }
  table.data { display: block; overflow-x: auto; }
  table.heatmap td.name, table.heatmap thead th:first-child { min-width: 6em; }
  #indicators { display: block; overflow-x: visible; }
  #indicators thead { display: none; }
  #indicators tbody, #indicators tr, #indicators td { display: block; }
  #indicators tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  #indicators td { border: 0; padding: 1px 0; white-space: normal; text-align: left; }
  #indicators td::before {
    content: attr(data-label) "："; color: var(--muted); font-size: 12px;
  }
  #indicators td.n { text-align: left; }
  #indicators td:nth-child(n+4) { display: inline-block; margin-right: 14px; }
  td.nw, th.nw { white-space: normal; }
  #timeline li.month { grid-template-columns: 64px 1fr; }
}

@media print {
  nav.toc, .toolbar { display: none; }
  section.card { break-inside: avoid-page; border: 0; padding: 0; }
  table.data thead th { position: static; }
}
""".replace("FONT_STACK", FONT_STACK)
STYLE = _raw_text(_STYLE, "style")

_SCRIPT = """
(function () {
  "use strict";
  var tree = document.getElementById("plan-tree");
  if (!tree) { return; }
  function each(selector, fn) { Array.prototype.forEach.call(tree.querySelectorAll(selector), fn); }
  function setAll(open) { each("details", function (d) { d.open = open; }); }
  function reveal(el) {
    for (var p = el; p; p = p.parentElement) { if (p.tagName === "DETAILS") { p.open = true; } }
  }
  var expand = document.getElementById("expand-all");
  var collapse = document.getElementById("collapse-all");
  if (expand) { expand.addEventListener("click", function () { setAll(true); }); }
  if (collapse) { collapse.addEventListener("click", function () { setAll(false); }); }

  var filter = document.getElementById("tree-filter");
  var status = document.getElementById("filter-status");
  function applyFilter() {
    var q = filter.value.trim().toLowerCase();
    var shown = 0, total = 0;
    each("details.task", function (t) {
      var hit = !q || t.textContent.toLowerCase().indexOf(q) !== -1;
      t.hidden = !hit;
      total += 1;
      if (hit) { shown += 1; }
    });
    var containers = Array.prototype.slice.call(tree.querySelectorAll("details.group, details.battle"));
    containers.reverse().forEach(function (c) {
      var any = !q || c.querySelector("details.task:not([hidden])") !== null;
      c.hidden = !any;
      if (q && any) { c.open = true; }
    });
    if (status) { status.textContent = q ? ("显示 " + shown + " / " + total + " 项任务") : ""; }
  }
  if (filter) { filter.addEventListener("input", applyFilter); }

  document.addEventListener("click", function (event) {
    var a = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (!a) { return; }
    var target = document.getElementById(a.getAttribute("href").slice(1));
    if (target) { reveal(target); }
  });
  var initial = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  if (initial) { reveal(initial); initial.scrollIntoView(); }
})();
(function () {
  "use strict";
  var input = document.getElementById("indicator-filter");
  var table = document.getElementById("indicators");
  if (!input || !table) { return; }
  var status = document.getElementById("indicator-filter-status");
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
  input.addEventListener("input", function () {
    var q = input.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var hit = !q || row.textContent.toLowerCase().indexOf(q) !== -1;
      row.hidden = !hit;
      if (hit) { shown += 1; }
    });
    if (status) { status.textContent = q ? ("显示 " + shown + " / " + rows.length + " 个指标") : ""; }
  });
})();
"""
SCRIPT = _raw_text(_SCRIPT, "script")
