"""A self-contained HTML report of one campaign for policy analysts (``govplan report``).

One file a reader can open offline, mail or archive: the plan as a collapsible tree, tasks per
lead unit, the indicators, allocation tables as heat maps with their roll-up checks, the
milestone timeline, what validation finds and the source's recorded irregularities.  Everything
is inline (no network, no fonts to fetch) and the output depends only on the campaign, so two
runs give the same bytes.

The numbers are the library's own: :func:`govplan.metrics.workload`,
:func:`~govplan.metrics.allocation_checks`, :func:`~govplan.metrics.milestone_calendar` and
:func:`~govplan.metrics.coverage`, and :func:`govplan.validate`; nothing is recounted here.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from govplan import _atomic, metrics
from govplan._pointer import join, split
from govplan._report_assets import SCRIPT, STYLE
from govplan.checks import iter_groups, iter_indicators, iter_tasks
from govplan.errors import Severity
from govplan.model import (
    SCHEMA_VERSION,
    Allocation,
    AllocationRow,
    Battle,
    Campaign,
    Comparator,
    Indicator,
    IndicatorKind,
    IrregularityKind,
    Milestone,
    Modality,
    Objective,
    Task,
    TaskGroup,
)
from govplan.org import ResponsibilitySet, Role, Unit
from govplan.quantity import format_quantity
from govplan.validation import validate

__all__ = ["render_report", "write_report"]

_ROLE_LABEL = {Role.LEAD: "牵头", Role.COOPERATING: "配合", Role.RESPONSIBLE: "负责"}
_ROLE_LONG = {
    Role.LEAD: "牵头单位",
    Role.COOPERATING: "配合单位",
    Role.RESPONSIBLE: "按职责分工负责",
}
_COMPARATOR = {
    Comparator.AT_LEAST: ("≥", "不低于"),
    Comparator.AT_MOST: ("≤", "不高于"),
    Comparator.ABOUT: ("≈", "约"),
    Comparator.EXACT: ("=", "等于"),
}
_MODALITY = {Modality.ASPIRATIONAL: "力争", Modality.BINDING: "确保", Modality.NONE: "—"}
_KIND = {
    IndicatorKind.GROWTH_RATE: "增速",
    IndicatorKind.LEVEL: "总量",
    IndicatorKind.SHARE: "占比",
    IndicatorKind.COUNT: "数量",
    IndicatorKind.PERCENTAGE_POINT_CHANGE: "百分点变化",
    IndicatorKind.RANK: "排名",
    IndicatorKind.QUALITATIVE: "定性",
}
_IRREGULARITY = {
    IrregularityKind.TYPO: "错字",
    IrregularityKind.SPELLING_VARIANT: "异写",
    IrregularityKind.INCONSISTENT: "前后不一",
    IrregularityKind.ARITHMETIC: "合计不符",
    IrregularityKind.MISSING: "缺漏",
    IrregularityKind.LAYOUT: "版式",
    IrregularityKind.GARBLED: "乱码",
    IrregularityKind.OTHER: "其他",
}
#: Milestones of sub-items count too: the report shows every deadline the plan states.
_ALL_TASKS = metrics.CountingOptions(include_subtasks=True)
#: Beyond this many months the timeline lists only the months that have milestones.
_MAX_MONTH_ROWS = 36
_LABEL_CHARS = 14


def _e(value: object) -> str:
    """Escape *value* as HTML text or attribute value."""
    return html.escape(str(value), quote=True)


def _version() -> str:
    from govplan import __version__  # noqa: PLC0415 - govplan imports this module first

    return __version__


def _decimal(value: Decimal) -> str:
    text = format(value.normalize() if value == value.to_integral() else value, "f")
    return "0" if text in {"-0", "+0"} else text


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + _decimal(value)


def _width(text: str, size: float) -> float:
    """Rough rendered width of *text* at *size* px: CJK glyphs are square, others narrower."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


def _short(text: str, chars: int = _LABEL_CHARS) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"


@attrs.frozen(kw_only=True)
class _Context:
    """What every part of the report needs: the campaign, anchors of its elements, its units."""

    campaign: Campaign
    #: Anchor (HTML id) of each battle, group and task, by JSON pointer.
    anchors: dict[str, str]
    #: Anchor of each element id (the first element with that id).
    by_id: dict[str, str]
    #: Registry units by every name they go by.
    units: dict[str, Unit]
    #: Tasks and sub-tasks by id (the first with that id), for the timeline.
    tasks: dict[str, Task]
    battles: dict[str, Battle]


def _context(campaign: Campaign) -> _Context:
    anchors: dict[str, str] = {}
    by_id: dict[str, str] = {}
    taken: set[str] = set()
    elements = [(join("", "battles", b), "b-", x.id) for b, x in enumerate(campaign.battles)]
    elements.extend((pointer, "g-", group.id) for pointer, group in iter_groups(campaign))
    elements.extend((pointer, "t-", task.id) for pointer, task in iter_tasks(campaign))
    for here, prefix, element in elements:
        base = prefix + re.sub(r"[^A-Za-z0-9._-]", "_", element)
        anchor, n = base, 2
        while anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        taken.add(anchor)
        anchors[here] = anchor
        by_id.setdefault(element, anchor)
    tasks: dict[str, Task] = {}
    for _, task in iter_tasks(campaign):
        tasks.setdefault(task.id, task)
    return _Context(
        campaign=campaign,
        anchors=anchors,
        by_id=by_id,
        units={name: unit for unit in reversed(campaign.units) for name in unit.names},
        tasks=tasks,
        battles={battle.id: battle for battle in reversed(campaign.battles)},
    )


# ---------------------------------------------------------------------------------------------
# Small pieces


def _chip(ctx: _Context, name: str, role: Role) -> str:
    unit = ctx.units.get(name)
    tip = f"{_ROLE_LONG[role]}：{name}"
    if unit is not None and unit.name != name:
        tip += f"（{unit.name}）"
    return f'<span class="chip" data-role="{role.value}" title="{_e(tip)}">{_e(name)}</span>'


def _chips(ctx: _Context, names: Iterable[str], role: Role) -> str:
    return "".join(_chip(ctx, name, role) for name in names)


def _roles(ctx: _Context, sets: Sequence[ResponsibilitySet]) -> str:
    """One line per role named by *sets*: the label, then the units as chips."""
    lines = []
    for role in Role:
        names = dict.fromkeys(u for s in sets for u in s.units(role))
        if names:
            lines.append(
                f'<div class="roles" data-role="{role.value}"><span class="label">'
                f"{_ROLE_LONG[role]}</span>{_chips(ctx, names, role)}</div>"
            )
    return "".join(lines)


def _target(indicator: Indicator) -> str:
    """``力争 ≥ 12%``: modality, comparator and the target as govplan formats it."""
    if indicator.target is None:
        return "定性"
    parts = []
    if indicator.modality is not Modality.NONE:
        parts.append(_MODALITY[indicator.modality])
    if indicator.comparator is not Comparator.EXACT:
        parts.append(_COMPARATOR[indicator.comparator][0])
    parts.append(format_quantity(indicator.target))
    return " ".join(parts)


def _facts(indicators: Sequence[Indicator], milestones: Sequence[Milestone] = ()) -> str:
    items = [
        f'<li class="indicator" data-kind="{i.kind.value}">{_e(i.phrase)}'
        f'<span class="target" title="{_e(i.name)} · {_KIND[i.kind]}">{_e(_target(i))}</span></li>'
        for i in indicators
    ]
    items.extend(
        f'<li class="milestone" data-due="{m.due.isoformat()}">{_e(m.phrase)}'
        f'<span class="muted small"> 截止 {m.due.isoformat()}</span></li>'
        for m in milestones
    )
    return f'<ul class="facts">{"".join(items)}</ul>' if items else ""


def _badges(**counts: int) -> str:
    labels = {"tasks": "项任务", "indicators": "个指标", "milestones": "个节点", "items": "个子项"}
    return "".join(
        f'<span class="badge" data-{name}="{n}">{n} {labels[name]}</span>'
        for name, n in counts.items()
        if n
    )


# ---------------------------------------------------------------------------------------------
# The plan tree


def _subtasks_and_number(ctx: _Context, task: Task, pointer: str) -> tuple[str, str]:
    """A task's rendered sub-tasks (``<ol>`` or "") and its number label."""
    subs = "".join(
        _subtask(ctx, sub, join(pointer, "subtasks", s)) for s, sub in enumerate(task.subtasks)
    )
    number = f'<span class="label">{_e(task.number)}</span>' if task.number else ""
    return (f"<ol class=subtasks>{subs}</ol>" if subs else ""), number


def _subtask(ctx: _Context, task: Task, pointer: str) -> str:
    subs, number = _subtasks_and_number(ctx, task, pointer)
    return (
        f'<li class="subtask" id="{ctx.anchors[pointer]}" data-id="{_e(task.id)}">{number}'
        f"{_e(task.text or task.title)}{_roles(ctx, task.responsibilities)}"
        f"{_facts(task.indicators, task.milestones)}{subs}</li>"
    )


def _task(ctx: _Context, task: Task, pointer: str) -> str:
    subs, number = _subtasks_and_number(ctx, task, pointer)
    badges = _badges(
        indicators=len(task.indicators), milestones=len(task.milestones), items=len(task.subtasks)
    )
    summary = (
        f'{number}<span class="title">{_e(task.title)}</span> '
        f"{_chips(ctx, task.lead_units, Role.LEAD)}{badges}"
    )
    text = f'<p class="text">{_e(task.text)}</p>' if task.text else ""
    return (
        f'<details class="task" id="{ctx.anchors[pointer]}" data-kind="task" '
        f'data-id="{_e(task.id)}"><summary>{summary}</summary><div class="body">{text}'
        f"{_roles(ctx, task.responsibilities)}{_facts(task.indicators, task.milestones)}"
        f"{subs}</div></details>"
    )


def _group(ctx: _Context, group: TaskGroup, pointer: str) -> str:
    parts = [f'<p class="overview">{_e(group.text)}</p>' if group.text else ""]
    parts.append(_roles(ctx, group.responsibilities))
    parts.append(_facts(group.indicators))
    parts.extend(_task(ctx, task, join(pointer, "tasks", t)) for t, task in enumerate(group.tasks))
    parts.extend(_group(ctx, sub, join(pointer, "groups", g)) for g, sub in enumerate(group.groups))
    number = f'<span class="label">{_e(group.number)}</span>' if group.number else ""
    leads = dict.fromkeys(u for s in group.responsibilities for u in s.units(Role.LEAD))
    tasks = sum(1 for _ in group.walk_tasks())
    return (
        f'<details class="group" id="{ctx.anchors[pointer]}" data-kind="group" '
        f'data-id="{_e(group.id)}"><summary>{number}<span class="title">{_e(group.title)}</span> '
        f"{_chips(ctx, leads, Role.LEAD)}{_badges(tasks=tasks)}</summary>"
        f'<div class="nested">{"".join(parts)}</div></details>'
    )


def _battle(ctx: _Context, battle: Battle, pointer: str) -> str:
    parts = []
    if battle.attachment_title:
        parts.append(
            f'<p class="overview muted">{_e(battle.attachment_label or "")} '
            f"{_e(battle.attachment_title)}</p>"
        )
    indicators = [i for o in battle.objectives for i in o.indicators]
    if indicators:
        parts.append(
            f'<div class="objectives"><span class="label">工作目标</span>{_facts(indicators)}</div>'
        )
    parts.append(_roles(ctx, battle.responsibilities))
    parts.extend(
        _group(ctx, group, join(pointer, "groups", g)) for g, group in enumerate(battle.groups)
    )
    tasks = sum(1 for _ in battle.walk_tasks())
    return (
        f'<details class="battle" open id="{ctx.anchors[pointer]}" data-kind="battle" '
        f'data-id="{_e(battle.id)}"><summary><span class="label">{battle.number}</span>'
        f'<span class="title">{_e(battle.name)}</span> {_badges(tasks=tasks)}</summary>'
        f'<div class="nested">{"".join(parts)}</div></details>'
    )


def _tree(ctx: _Context) -> str:
    battles = "".join(
        _battle(ctx, battle, join("", "battles", b))
        for b, battle in enumerate(ctx.campaign.battles)
    )
    legend = "".join(
        f'<span class="chip" data-role="{role.value}">{_ROLE_LONG[role]}</span>' for role in Role
    )
    body = battles or '<p class="empty">本方案未列出战役或行动。</p>'
    return (
        '<section class="card" id="plan-section"><h2>方案结构</h2>'
        '<p class="lede">战役 → 任务组 → 任务；点击标题展开。任务标题后为牵头单位，'
        "展开后可见全文、全部责任单位、指标与时间节点。</p>"
        '<div class="toolbar"><button type="button" id="expand-all">展开全部</button>'
        '<button type="button" id="collapse-all">折叠全部</button>'
        '<input type="search" id="tree-filter" placeholder="筛选任务：单位、关键词…" '
        'aria-label="筛选任务"><span id="filter-status" class="muted small"></span>'
        f'<span class="legend"><span class="spacer"></span>{legend}</span></div>'
        f'<div id="plan-tree">{body}</div></section>'
    )


# ---------------------------------------------------------------------------------------------
# The header and the coverage overview


def _header(ctx: _Context) -> str:
    c = ctx.campaign
    region = c.region.name + (f"（{c.region.parent}）" if c.region.parent else "")
    meta = [region, f"{c.year}年", c.campaign_name]
    meta.append(c.document_number.text if c.document_number else "未印文号")
    if c.issuer:
        meta.append(c.issuer)
    if c.issue_date:
        meta.append(f"{c.issue_date.isoformat()} 印发")
    all_tasks = [t for top in c.walk_tasks() for t in top.walk()]
    tasks = sum(1 for _ in c.walk_tasks())
    counts = [
        ("battles", "战役 / 行动", str(len(c.battles))),
        ("groups", "任务组", str(sum(1 for b in c.battles for _ in b.walk_groups()))),
        (
            "tasks",
            "任务",
            f"{tasks}<small>含子项 {len(all_tasks)}</small>"
            if len(all_tasks) != tasks
            else str(tasks),
        ),
        ("indicators", "指标", str(sum(1 for _ in iter_indicators(c)))),
        ("milestones", "时间节点", str(sum(len(t.milestones) for t in all_tasks))),
        ("units", "责任单位", str(len(c.units))),
    ]
    tiles = "".join(
        f'<div data-count="{key}"><dt>{label}</dt><dd>{value}</dd></div>'
        for key, label, value in counts
    )
    source = []
    if c.source and c.source.file:
        source.append(f"来源文件 {_e(c.source.file)}")
    if c.source and c.source.url:
        source.append(f"网址 {_e(c.source.url)}")
    version = " · ".join(
        [f"govplan {_e(_version())}", f"schema {SCHEMA_VERSION}", f"方案标识 {_e(c.id)}", *source]
    )
    notice = f'<p class="meta">{_e(c.notice_title)}</p>' if c.notice_title else ""
    return (
        f'<header class="report" id="report-header"><h1 id="report-title">{_e(c.title)}</h1>'
        f'<p class="meta">{"".join(f"<span>{_e(m)}</span>" for m in meta)}</p>{notice}'
        f'<dl class="counts" id="counts">{tiles}</dl><p class="version">{version}</p></header>'
    )


def _share(part: int, whole: int) -> str:
    return f"{part}<span class='muted small'>（{part / whole:.0%}）</span>" if whole else "—"


def _coverage(ctx: _Context) -> str:
    rows = metrics.coverage(ctx.campaign).rows
    body = []
    for row in rows:
        name = (
            f'<a href="#{ctx.by_id[row.battle]}">{_e(row.name)}</a>'
            if row.battle in ctx.by_id
            else "<strong>全方案</strong>"
            if row.battle is None
            else _e(row.name)
        )
        body.append(
            f"<tr><td>{name}</td><td class='n'>{row.tasks}</td>"
            f"<td class='n'>{_share(row.with_lead, row.tasks)}</td>"
            f"<td class='n'>{_share(row.with_target, row.tasks)}</td>"
            f"<td class='n'>{_share(row.with_deadline, row.tasks)}</td>"
            f"<td class='n'>{row.lead_units}</td></tr>"
        )
    return (
        '<section class="card" id="overview"><h2>概况</h2>'
        '<p class="lede">各战役的任务中写明牵头单位、量化目标、完成时限的数量（仅计顶层任务）。</p>'
        '<table class="data" id="coverage"><thead><tr><th>战役 / 行动</th>'
        "<th class='n'>任务</th><th class='n'>有牵头单位</th><th class='n'>有量化目标</th>"
        "<th class='n'>有完成时限</th><th class='n'>牵头单位数</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></section>"
    )


# ---------------------------------------------------------------------------------------------
# Lead units


def _ticks(top: int) -> list[int]:
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        step = candidate
        if top / candidate <= 6:  # noqa: PLR2004 - at most six grid lines
            break
    return list(range(0, top + step, step))


def _others(row: metrics.UnitCount) -> str:
    parts = [f"配合 {row.cooperating}"] if row.cooperating else []
    if row.responsible:
        parts.append(f"负责 {row.responsible}")
    return " · ".join(parts)


def _chart(ctx: _Context) -> str:
    rows = [r for r in metrics.workload(ctx.campaign).counts if r.lead > 0]
    intro = (
        '<section class="card" id="workload-section"><h2>牵头任务数</h2>'
        '<p class="lede">每个单位牵头的任务数（govplan 默认计数：仅计顶层任务、仅计原文写明的牵头，'
        "别名按单位名录合并）；条后灰字为同一单位配合、负责的任务数。</p>"
    )
    if not rows:
        return f'{intro}<p class="empty" id="no-lead-units">本方案的任务均未写明牵头单位。</p></section>'
    size, row_h, top_pad = 12, 22, 24
    label_w = max(_width(_short(r.unit), size) for r in rows) + 10
    width = 1000
    bar_x = label_w + 8
    bar_max = width - bar_x - 150
    ticks = _ticks(max(r.lead for r in rows))
    scale = bar_max / ticks[-1]
    height = top_pad + row_h * len(rows) + 6
    axis = "".join(
        f'<line x1="{bar_x + t * scale:.1f}" y1="{top_pad - 4}" x2="{bar_x + t * scale:.1f}" '
        f'y2="{height - 4}"/><text x="{bar_x + t * scale:.1f}" y="{top_pad - 9}" '
        f'text-anchor="middle">{t}</text>'
        for t in ticks
    )
    bars = []
    for i, r in enumerate(rows):
        y = top_pad + i * row_h
        full = r.unit if r.name == r.unit else f"{r.unit}（{r.name}）"
        tip = f"{full}：牵头 {r.lead} 项，配合 {r.cooperating} 项，负责 {r.responsible} 项"
        bars.append(
            f'<g class="bar" data-unit="{_e(r.unit)}" data-lead="{r.lead}" '
            f'data-cooperating="{r.cooperating}" data-responsible="{r.responsible}">'
            f"<title>{_e(tip)}</title>"
            f'<text x="{label_w:.1f}" y="{y + 15}" text-anchor="end">{_e(_short(r.unit))}</text>'
            f'<rect x="{bar_x:.1f}" y="{y + 4}" width="{max(r.lead * scale, 1):.1f}" '
            f'height="14" rx="2"/><text class="value" x="{bar_x + r.lead * scale + 5:.1f}" '
            f'y="{y + 15}">{r.lead}<tspan class="other" dx="6">{_others(r)}</tspan></text></g>'
        )
    return (
        f'{intro}<svg id="lead-unit-chart" role="img" aria-label="各单位牵头任务数" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'data-units="{len(rows)}"><g class="axis">{axis}</g>{"".join(bars)}</svg></section>'
    )


# ---------------------------------------------------------------------------------------------
# Indicators


def _place(ctx: _Context, pointer: str) -> tuple[Battle | None, str]:
    """The battle an indicator belongs to and a label (linked where the tree has it)."""
    tokens = split(pointer)
    node: Any = ctx.campaign
    battle: Battle | None = None
    label = ""
    here = ""
    for key, index in zip(tokens[::2], tokens[1::2], strict=False):
        if key == "indicators":
            break
        node = getattr(node, key)[int(index)]
        here = join(here, key, int(index))
        if isinstance(node, Battle):
            battle = node
            label = "战役目标"
        elif isinstance(node, Objective):
            title = " ".join(x for x in (node.number, node.title) if x)
            kind = "战役目标" if battle is not None else "总体目标"
            label = _e(f"{kind} {title}".strip())
        elif isinstance(node, TaskGroup | Task):
            word = "任务组" if isinstance(node, TaskGroup) else "任务"
            text = f"{word} {node.number or ''} {_short(node.title, 24)}".replace("  ", " ")
            label = f'<a href="#{ctx.anchors[here]}">{_e(text)}</a>'
    return battle, label


def _indicators(ctx: _Context) -> str:
    found = [
        (pointer, ind, *_place(ctx, pointer)) for pointer, ind in iter_indicators(ctx.campaign)
    ]
    # Headline targets first, then battle by battle (objectives, groups, tasks: document order).
    order = {battle.id: b for b, battle in enumerate(ctx.campaign.battles)}
    found.sort(key=lambda item: -1 if item[2] is None else order.get(item[2].id, -1))
    rows = []
    for pointer, ind, battle, place in found:
        symbol, word = _COMPARATOR[ind.comparator]
        target = format_quantity(ind.target) if ind.target is not None else "—"
        rows.append(
            f'<tr data-pointer="{_e(pointer)}" data-kind="{ind.kind.value}">'
            f"<td class='nw'>{_e(f'{battle.number} {battle.name}') if battle else '总体'}</td>"
            f'<td>{place}</td><td title="{_e(ind.phrase)}">{_e(ind.name)}</td>'
            f"<td class='nw'>{f'{symbol} {word}' if ind.target is not None else '—'}</td>"
            f"<td class='n nw'>{_e(target)}</td><td class='nw'>{_MODALITY[ind.modality]}</td>"
            f"<td class='nw'>{_KIND[ind.kind]}</td><td class='n'>{ind.source_line or ''}</td></tr>"
        )
    table = (
        '<table class="data" id="indicators"><thead><tr><th>战役 / 行动</th>'
        "<th>所在目标或任务</th><th>指标</th><th>比较</th><th class='n'>目标值</th>"
        "<th>力度</th><th>类型</th><th class='n'>原文行</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    kinds = Counter(ind.kind for _, ind, _, _ in found)
    summary = "、".join(f"{_KIND[k]} {kinds[k]}" for k in IndicatorKind if kinds[k])
    return (
        '<section class="card" id="indicators-section"><h2>指标</h2>'
        f'<p class="lede">共 {len(rows)} 个指标（{summary}）。目标值按 govplan 的计量格式书写；'
        "悬停指标名可见原文。</p>"
        f"{table if rows else '<p class=empty>本方案没有量化或定性指标。</p>'}</section>"
    )


# ---------------------------------------------------------------------------------------------
# Allocation tables


def _heat(value: Decimal, top: Decimal) -> str:
    alpha = Decimal("0.06") + Decimal("0.79") * value / top if top > 0 else Decimal("0.06")
    ink = "color:#fff;" if alpha > Decimal("0.5") else ""
    return f"background:rgba(29,78,216,{alpha:.2f});{ink}"


def _verdict(check: metrics.AllocationCheck, *, short: bool = False) -> str:
    data = f'data-check="{check.check}" data-column="{_e(check.column)}"'
    if check.summed is None:
        return f'<span class="bad" {data} data-agrees="none" title="{_e(check.error or "")}">无法核对</span>'
    if check.agrees:
        tip = f"合计 {_decimal(check.summed)}{check.unit}，与所列 {_decimal(check.stated)} 相符"
        text = "✓" if short else "✓ 相符"
        return f'<span class="ok" {data} data-agrees="true" title="{_e(tip)}">{text}</span>'
    diff = _signed(check.difference or Decimal(0))
    tip = f"合计 {_decimal(check.summed)}{check.unit}，所列 {_decimal(check.stated)}，差 {diff}"
    text = f"✗ {diff}" if short else f"✗ 差 {diff}"
    return f'<span class="bad" {data} data-agrees="false" title="{_e(tip)}">{_e(text)}</span>'


def _allocation_row(table: Allocation, row: AllocationRow, check: str) -> str:
    present = [v for v in row.parts if v is not None]
    top = max(present, default=Decimal(0))
    cells = []
    for column, value in zip(table.columns, row.parts, strict=False):
        if value is None:
            cells.append('<td class="v blank">·</td>')
            continue
        share = f"，占合计 {value / row.total:.1%}" if row.total else ""
        tip = f"{column} · {row.name}：{_decimal(value)}{row.unit}{share}"
        cells.append(
            f'<td class="v" style="{_heat(value, top)}" title="{_e(tip)}">{_decimal(value)}</td>'
        )
    cells.extend('<td class="v blank">·</td>' for _ in range(len(table.columns) - len(row.parts)))
    total = _decimal(row.total) if row.total is not None else "—"
    name_class = "name detail" if row.parent else "name"
    marker = "└ " if row.parent else ""
    return (
        f'<tr data-row="{_e(row.id)}"><td class="{name_class}">{marker}{_e(row.name)}</td>'
        f'<td class="unit">{_e(row.unit)}</td><td class="total">{total}</td>'
        f'<td class="verdict">{check}</td>{"".join(cells)}</tr>'
    )


def _detail_row(
    table: Allocation, checks: Sequence[metrics.AllocationCheck], total_label: str
) -> str:
    by_column = {c.column: c for c in checks}
    total = by_column.get(total_label)
    cells = [
        f"<td>{_verdict(by_column[col], short=True) if col in by_column else ''}</td>"
        for col in table.columns
    ]
    rows = {row.id: row.name for row in table.rows}
    names = " + ".join(rows.get(r, r) for r in checks[0].detail)
    return (
        f'<tr class="check" data-detail-of="{_e(checks[0].row)}"><td class="name detail" '
        f'title="{_e(names)}">↳ 细项之和核对</td><td class="unit"></td>'
        f'<td class="total">{_verdict(total, short=True) if total else ""}</td>'
        f'<td class="verdict"></td>{"".join(cells)}</tr>'
    )


def _allocation(ctx: _Context, table: Allocation, checks: Sequence[metrics.AllocationCheck]) -> str:
    total_label = table.total_label or "total"
    parts = {c.row: c for c in checks if c.check == "parts"}
    details: dict[str, list[metrics.AllocationCheck]] = {}
    for check in checks:
        if check.check == "detail":
            details.setdefault(check.row, []).append(check)
    last_child = {row.parent: row.id for row in table.rows if row.parent}
    width = 4 + len(table.columns)
    body = []
    category: str | None = None
    for row in table.rows:
        if row.category and row.category != category:
            category = row.category
            number = f"{row.number} " if row.number else ""
            body.append(
                f'<tr class="category"><th colspan="{width}" style="text-align:left">'
                f"{_e(number + category)}</th></tr>"
            )
        verdict = _verdict(parts[row.id]) if row.id in parts else '<span class="muted">—</span>'
        body.append(_allocation_row(table, row, verdict))
        for parent, child in last_child.items():
            if child == row.id and parent in details:
                body.append(_detail_row(table, details[parent], total_label))
        if row.id in details and row.id not in last_child:
            body.append(_detail_row(table, details[row.id], total_label))
    bad = sum(1 for c in checks if not c.agrees)
    head = "".join(f"<th>{_e(col)}</th>" for col in table.columns)
    battle = ctx.battles.get(table.battle or "")
    where = (
        f'，见<a href="#{ctx.by_id[battle.id]}">{_e(battle.name)}</a>'
        if battle is not None and battle.id in ctx.by_id
        else ""
    )
    verdict = (
        '<span class="ok">全部相符</span>' if not bad else f'<span class="bad">{bad} 项不符</span>'
    )
    return (
        f'<h3>{_e(table.title)}</h3><p class="lede">核对 {len(checks)} 项：{verdict}'
        f"（分列之和对所列合计；细项之和对上级行）{where}。</p>"
        f'<div class="scroll"><table class="heatmap" id="allocation-{_e(table.id)}" '
        f'data-checks="{len(checks)}" data-disagreements="{bad}"><thead><tr><th>项目</th>'
        f'<th class="unit">单位</th><th>{_e(total_label)}</th><th class="verdict">合计核对</th>'
        f"{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _allocations(ctx: _Context) -> str:
    checks = metrics.allocation_checks(ctx.campaign).checks
    tables = [
        _allocation(ctx, table, [c for c in checks if c.table == table.id])
        for table in ctx.campaign.allocations
    ]
    intro = '<section class="card" id="allocations"><h2>任务分解表</h2>'
    if not tables:
        return (
            f'{intro}<p class="empty" id="no-allocations">本方案没有任务分解表'
            "（no allocation tables in this plan）。</p></section>"
        )
    return (
        f'{intro}<p class="lede">单元格颜色深浅表示该值在本行各列中的相对大小'
        '（各行单位不同，故逐行比较）<span class="scale"></span>；'
        "空格为原表空白。“合计核对”列：各列之和是否等于所列合计。</p>"
        f"{''.join(tables)}</section>"
    )


# ---------------------------------------------------------------------------------------------
# Timeline


def _months(first: dt.date, last: dt.date) -> list[str]:
    found = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)  # noqa: PLR2004
    return found


def _timeline(ctx: _Context) -> str:
    entries = metrics.milestone_calendar(ctx.campaign, options=_ALL_TASKS).entries
    period = ctx.campaign.plan_period
    intro = (
        '<section class="card" id="timeline-section"><h2>时间节点</h2>'
        f'<p class="lede">计划期 {period.start.isoformat()} 至 {period.end.isoformat()}。'
        "任务（含子项）中写明的完成时限，按截止月份排列；“截止”为该说法允许的最后一天。</p>"
    )
    if not entries:
        return (
            f'{intro}<ol id="timeline" data-milestones="0"></ol>'
            '<p class="empty" id="no-milestones">本方案的任务未写明时间节点。</p></section>'
        )
    months = _months(min(period.start, entries[0].due), max(period.end, entries[-1].due))
    by_month: dict[str, list[metrics.CalendarEntry]] = {}
    for entry in entries:
        by_month.setdefault(entry.month, []).append(entry)
    if len(months) > _MAX_MONTH_ROWS:
        months = sorted(by_month)
    one_year = len({m[:4] for m in months}) == 1

    def label(month: str) -> str:
        number = int(month[5:])
        return f"{number}月" if one_year else f"{month[:4]}年{number}月"

    items = []
    for month in months:
        found = by_month.get(month, [])
        cards = "".join(_milestone_card(ctx, e) for e in found)
        items.append(
            f'<li class="month{"" if found else " none"}" data-month="{month}" '
            f'data-count="{len(found)}"><div class="when">{label(month)}'
            f'<span class="count">{len(found)} 个节点</span></div>'
            f"{f'<ul class=cards>{cards}</ul>' if cards else '<div></div>'}</li>"
        )
    return (
        f'{intro}<ol id="timeline" data-milestones="{len(entries)}">{"".join(items)}</ol></section>'
    )


def _milestone_card(ctx: _Context, entry: metrics.CalendarEntry) -> str:
    task = ctx.tasks.get(entry.task)
    battle = ctx.battles.get(entry.battle)
    title = f"{task.number or ''} {task.title}".strip() if task else entry.task
    anchor = ctx.by_id.get(entry.task)
    link = (
        f'<a class="where" href="#{anchor}" title="{_e(title)}">{_e(_short(title, 40))}</a>'
        if anchor
        else f'<span class="where">{_e(title)}</span>'
    )
    where = f'<span class="where">{_e(battle.name)}</span>' if battle else ""
    return (
        f'<li class="milestone" data-task="{_e(entry.task)}" data-due="{entry.due.isoformat()}">'
        f'<span class="phrase">{_e(entry.phrase)}</span>'
        f'<span class="due">截止 {entry.due.isoformat()}</span>{link}{where}</li>'
    )


# ---------------------------------------------------------------------------------------------
# Irregularities


def _irregularities(ctx: _Context) -> str:
    found = ctx.campaign.irregularities
    intro = (
        '<section class="card" id="irregularities"><h2>原文问题</h2>'
        '<p class="lede">数据忠实于原文：原文中的错字、前后不一、合计不符等照录，并在此列出。</p>'
    )
    if not found:
        return f'{intro}<p class="empty" id="no-irregularities">未记录原文问题。</p></section>'
    kinds = Counter(i.kind for i in found)
    badges = "".join(
        f'<span class="badge" data-kind="{k.value}">{_IRREGULARITY[k]} {kinds[k]}</span>'
        for k in IrregularityKind
        if kinds[k]
    )
    rows = []
    for item in found:
        anchor = ctx.by_id.get(item.element)
        element = f'<a href="#{anchor}">{_e(item.element)}</a>' if anchor else _e(item.element)
        rows.append(
            f'<tr data-kind="{item.kind.value}"><td>{element}</td>'
            f'<td class="nw">{_IRREGULARITY[item.kind]}</td><td>{_e(item.description)}</td>'
            f"<td class='n'>{item.source_line or ''}</td></tr>"
        )
    return (
        f'{intro}<div class="kinds">{badges}</div>'
        '<table class="data" id="irregularity-table"><thead><tr><th>元素</th><th>类型</th>'
        "<th>说明</th><th class='n'>原文行</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _nearest_anchor(ctx: _Context, pointer: str) -> str | None:
    """The anchor of the innermost battle, group or task that holds *pointer*, if any."""
    tokens = split(pointer)
    for end in range(len(tokens), 0, -1):
        anchor = ctx.anchors.get(join("", *tokens[:end]))
        if anchor:
            return anchor
    return None


def _validation(ctx: _Context) -> str:
    """What ``govplan validate`` finds, less the source irregularities listed in their section."""
    problems = [p for p in validate(ctx.campaign).problems if p.code != "source-irregularity"]
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    intro = (
        '<section class="card" id="validation"><h2>校验</h2>'
        f'<p class="lede" id="validation-summary" data-errors="{errors}" '
        f'data-warnings="{len(problems) - errors}">govplan 校验：{errors} 个错误，'
        f"{len(problems) - errors} 个警告（原文问题另见下节）。</p>"
    )
    if not problems:
        return f"{intro}</section>"
    rows = []
    for problem in problems:
        anchor = _nearest_anchor(ctx, problem.pointer)
        where = _e(problem.pointer or "/")
        if anchor:
            where = f'<a href="#{anchor}">{where}</a>'
        rows.append(
            f'<tr data-severity="{problem.severity}"><td class="nw">{problem.severity}</td>'
            f"<td class='nw'>{_e(problem.code)}</td><td>{where}</td><td>{_e(problem.message)}</td>"
            "</tr>"
        )
    return (
        f'{intro}<table class="data" id="validation-table"><thead><tr><th>级别</th><th>规则</th>'
        f"<th>位置</th><th>说明</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


# ---------------------------------------------------------------------------------------------
# The document


_SECTIONS = (
    ("overview", "概况"),
    ("plan-section", "方案结构"),
    ("workload-section", "牵头任务数"),
    ("indicators-section", "指标"),
    ("allocations", "任务分解表"),
    ("timeline-section", "时间节点"),
    ("validation", "校验"),
    ("irregularities", "原文问题"),
)


def render_report(campaign: Campaign) -> str:
    """Render *campaign* as one self-contained HTML document (UTF-8 text).

    The page needs no network and no installed fonts beyond the reader's own; the same
    campaign always gives the same text, so reports can be diffed and archived.

    .. versionadded:: 0.2.0
    """
    ctx = _context(campaign)
    nav = "".join(f'<a href="#{key}">{label}</a>' for key, label in _SECTIONS)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="govplan {_e(_version())}">',
        f"<title>{_e(campaign.title)} · govplan 报告</title>",
        f"<style>{STYLE}</style></head>",
        '<body><div class="page">',
        _header(ctx),
        f'<nav class="toc" aria-label="目录">{nav}</nav>',
        "<main>",
        _coverage(ctx),
        _tree(ctx),
        _chart(ctx),
        _indicators(ctx),
        _allocations(ctx),
        _timeline(ctx),
        _validation(ctx),
        _irregularities(ctx),
        "</main>",
        f"<footer>govplan {_e(_version())} · schema {SCHEMA_VERSION} 生成</footer>",
        f"</div><script>{SCRIPT}</script></body></html>",
    ]
    return "\n".join(parts) + "\n"


def write_report(campaign: Campaign, path: str | os.PathLike[str]) -> None:
    """Write :func:`render_report` of *campaign* to *path*, atomically (no half-written file).

    .. versionadded:: 0.2.0
    """
    _atomic.write_text(path, render_report(campaign))
