"""A self-contained HTML report of one campaign for policy analysts (``govplan report``).

One file a reader can open offline, mail or archive: the plan as a collapsible tree, tasks per
lead unit, the indicators, allocation tables as heat maps with their roll-up checks, the
milestone timeline, what validation finds and the source's recorded irregularities.  Everything
is inline (no network, no fonts to fetch) and the output depends only on the campaign, so two
runs give the same bytes.

The numbers are the library's own: :func:`govplan.metrics.workload`,
:func:`~govplan.metrics.allocation_checks`, :func:`~govplan.metrics.milestone_calendar` and
:func:`~govplan.metrics.coverage`, and :func:`govplan.validate`; nothing is recounted here.

Escaping is the default, not a habit: every piece of markup is an :class:`_Html` fragment
(a :class:`markupsafe.Markup`), made only by :func:`_h` from a literal template whose arguments
are escaped unless they are fragments themselves, and the page is assembled from fragments
only, which mypy checks.  Plan text therefore reaches the page as text wherever it is put.

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
from typing import Any, LiteralString, Self

import attrs
from markupsafe import Markup

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
    Direction,
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
#: What an anchor made by :func:`_context` (or a section id) consists of: nothing an href could
#: read as a scheme, a path or a query.
_ANCHOR = re.compile(r"[A-Za-z0-9._-]+")


# ---------------------------------------------------------------------------------------------
# Markup


class _Html(Markup):
    """A fragment of the page: literal markup from this module, with any text in it escaped.

    A :class:`markupsafe.Markup` (so formatting, joining and ``+`` escape whatever is not a
    fragment already) whose escaping writes quotes as :func:`html.escape` does (``&quot;``,
    ``&#x27;`` where markupsafe writes ``&#34;``, ``&#39;``), so that reports kept their bytes
    when the type came in.  Make fragments with :func:`_h`, :func:`_text` and :func:`_join` only;
    a test checks that this module calls ``_Html`` with nothing but literals.
    """

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any, /) -> Self:
        """*s* as a fragment: itself if it is markup (has ``__html__``), else escaped text."""
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(html.escape(str(s), quote=True))


_EMPTY = _Html()


def _h(template: LiteralString, /, *args: object, **kwargs: object) -> _Html:
    """*template* (literal markup) filled in with *args* and *kwargs*, each escaped as text.

    Fragments (:class:`_Html`) go in as they are; anything else is escaped after formatting,
    so ``{:.1f}`` and the like work on numbers.
    """
    return _Html(template).format(*args, **kwargs)


def _text(value: object) -> _Html:
    """*value* escaped as HTML text or attribute value."""
    return _Html.escape(value)


def _join(parts: Iterable[_Html], separator: LiteralString = "") -> _Html:
    """The fragments *parts* one after another, *separator* between them."""
    return _Html(separator).join(parts)


def _href(anchor: str) -> _Html:
    """``#anchor`` for an ``href``: only anchors of this page's own making are accepted.

    Raises:
        ValueError: If *anchor* holds anything but ASCII letters, digits, ``.``, ``_``, ``-``.

    """
    if not _ANCHOR.fullmatch(anchor):
        raise ValueError(f"not an anchor of the report: {anchor!r}")
    return _h("#{}", anchor)


# ---------------------------------------------------------------------------------------------
# Text


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


def _chip(ctx: _Context, name: str, role: Role) -> _Html:
    unit = ctx.units.get(name)
    tip = f"{_ROLE_LONG[role]}：{name}"
    if unit is not None and unit.name != name:
        tip += f"（{unit.name}）"
    return _h('<span class="chip" data-role="{}" title="{}">{}</span>', role.value, tip, name)


def _chips(ctx: _Context, names: Iterable[str], role: Role) -> _Html:
    return _join(_chip(ctx, name, role) for name in names)


def _roles(ctx: _Context, sets: Sequence[ResponsibilitySet]) -> _Html:
    """One line per role named by *sets*: the label, then the units as chips."""
    lines = []
    for role in Role:
        names = dict.fromkeys(u for s in sets for u in s.units(role))
        if names:
            lines.append(
                _h(
                    '<div class="roles" data-role="{}"><span class="label">{}</span>{}</div>',
                    role.value,
                    _ROLE_LONG[role],
                    _chips(ctx, names, role),
                )
            )
    return _join(lines)


def _target(indicator: Indicator) -> str:
    """``力争 ≥ 12%``, ``确保 降 ≥ 30%``: modality, a fall, comparator and the target."""
    if indicator.target is None:
        return "定性"
    parts = []
    if indicator.modality is not Modality.NONE:
        parts.append(_MODALITY[indicator.modality])
    if indicator.direction is Direction.FALL:
        parts.append("降")
    if indicator.comparator is not Comparator.EXACT:
        parts.append(_COMPARATOR[indicator.comparator][0])
    parts.append(format_quantity(indicator.target))
    return " ".join(parts)


def _facts(indicators: Sequence[Indicator], milestones: Sequence[Milestone] = ()) -> _Html:
    items = [
        _h(
            '<li class="indicator" data-kind="{}">{}'
            '<span class="target" title="{} · {}">{}</span></li>',
            i.kind.value,
            i.phrase,
            i.name,
            _KIND[i.kind],
            _target(i),
        )
        for i in indicators
    ]
    items.extend(
        _h(
            '<li class="milestone" data-due="{due}">{}<span class="muted small"> 截止 {due}</span></li>',
            m.phrase,
            due=m.due.isoformat(),
        )
        for m in milestones
    )
    return _h('<ul class="facts">{}</ul>', _join(items)) if items else _EMPTY


def _badges(**counts: int) -> _Html:
    labels = {"tasks": "项任务", "indicators": "个指标", "milestones": "个节点", "items": "个子项"}
    return _join(
        _h('<span class="badge" data-{}="{n}">{n} {}</span>', name, labels[name], n=n)
        for name, n in counts.items()
        if n
    )


# ---------------------------------------------------------------------------------------------
# The plan tree


def _subtasks_and_number(ctx: _Context, task: Task, pointer: str) -> tuple[_Html, _Html]:
    """A task's rendered sub-tasks (``<ol>`` or "") and its number label."""
    subs = _join(
        _subtask(ctx, sub, join(pointer, "subtasks", s)) for s, sub in enumerate(task.subtasks)
    )
    number = _h('<span class="label">{}</span>', task.number) if task.number else _EMPTY
    return (_h("<ol class=subtasks>{}</ol>", subs) if subs else _EMPTY), number


def _subtask(ctx: _Context, task: Task, pointer: str) -> _Html:
    subs, number = _subtasks_and_number(ctx, task, pointer)
    return _h(
        '<li class="subtask" id="{}" data-id="{}">{}{}{}{}{}</li>',
        ctx.anchors[pointer],
        task.id,
        number,
        task.text or task.title,
        _roles(ctx, task.responsibilities),
        _facts(task.indicators, task.milestones),
        subs,
    )


def _task(ctx: _Context, task: Task, pointer: str) -> _Html:
    subs, number = _subtasks_and_number(ctx, task, pointer)
    badges = _badges(
        indicators=len(task.indicators), milestones=len(task.milestones), items=len(task.subtasks)
    )
    summary = _h(
        '{}<span class="title">{}</span> {}{}',
        number,
        task.title,
        _chips(ctx, task.lead_units, Role.LEAD),
        badges,
    )
    text = _h('<p class="text">{}</p>', task.text) if task.text else _EMPTY
    return _h(
        '<details class="task" id="{}" data-kind="task" data-id="{}"><summary>{}</summary>'
        '<div class="body">{}{}{}{}</div></details>',
        ctx.anchors[pointer],
        task.id,
        summary,
        text,
        _roles(ctx, task.responsibilities),
        _facts(task.indicators, task.milestones),
        subs,
    )


def _group(ctx: _Context, group: TaskGroup, pointer: str) -> _Html:
    parts = [_h('<p class="overview">{}</p>', group.text) if group.text else _EMPTY]
    parts.append(_roles(ctx, group.responsibilities))
    parts.append(_facts(group.indicators))
    parts.extend(_task(ctx, task, join(pointer, "tasks", t)) for t, task in enumerate(group.tasks))
    parts.extend(_group(ctx, sub, join(pointer, "groups", g)) for g, sub in enumerate(group.groups))
    number = _h('<span class="label">{}</span>', group.number) if group.number else _EMPTY
    leads = dict.fromkeys(u for s in group.responsibilities for u in s.units(Role.LEAD))
    tasks = sum(1 for _ in group.walk_tasks())
    return _h(
        '<details class="group" id="{}" data-kind="group" data-id="{}"><summary>{}'
        '<span class="title">{}</span> {}{}</summary><div class="nested">{}</div></details>',
        ctx.anchors[pointer],
        group.id,
        number,
        group.title,
        _chips(ctx, leads, Role.LEAD),
        _badges(tasks=tasks),
        _join(parts),
    )


def _battle(ctx: _Context, battle: Battle, pointer: str) -> _Html:
    parts = []
    if battle.attachment_title:
        parts.append(
            _h(
                '<p class="overview muted">{} {}</p>',
                battle.attachment_label or "",
                battle.attachment_title,
            )
        )
    overview, mechanisms = battle.overview, battle.mechanisms
    if overview is not None:
        parts.append(_h('<p class="overview">{}</p>', overview.text))
    facts = [
        ("重点任务", overview.indicators, overview.milestones) if overview else None,
        ("工作目标", tuple(i for o in battle.objectives for i in o.indicators), ()),
        ("推进机制", mechanisms.indicators, mechanisms.milestones) if mechanisms else None,
    ]
    for label, indicators, milestones in filter(None, facts):
        if indicators or milestones:
            parts.append(
                _h(
                    '<div class="objectives"><span class="label">{}</span>{}</div>',
                    label,
                    _facts(indicators, milestones),
                )
            )
    parts.append(_roles(ctx, battle.responsibilities))
    parts.extend(
        _group(ctx, group, join(pointer, "groups", g)) for g, group in enumerate(battle.groups)
    )
    tasks = sum(1 for _ in battle.walk_tasks())
    return _h(
        '<details class="battle" open id="{}" data-kind="battle" data-id="{}"><summary>'
        '<span class="label">{}</span><span class="title">{}</span> {}</summary>'
        '<div class="nested">{}</div></details>',
        ctx.anchors[pointer],
        battle.id,
        battle.number,
        battle.name,
        _badges(tasks=tasks),
        _join(parts),
    )


def _tree(ctx: _Context) -> _Html:
    battles = _join(
        [
            *(
                _battle(ctx, battle, join("", "battles", b))
                for b, battle in enumerate(ctx.campaign.battles)
            ),
            *(
                _group(ctx, group, join("", "groups", g))
                for g, group in enumerate(ctx.campaign.groups)
            ),
        ]
    )
    legend = _join(
        _h('<span class="chip" data-role="{}">{}</span>', role.value, _ROLE_LONG[role])
        for role in Role
    )
    body = battles or _h('<p class="empty">本方案未列出战役或行动。</p>')
    return _h(
        '<section class="card" id="plan-section"><h2>方案结构</h2>'
        '<p class="lede">战役 → 任务组 → 任务；点击标题展开。任务标题后为牵头单位，'
        "展开后可见全文、全部责任单位、指标与时间节点。</p>"
        '<div class="toolbar"><button type="button" id="expand-all">展开全部</button>'
        '<button type="button" id="collapse-all">折叠全部</button>'
        '<input type="search" id="tree-filter" placeholder="筛选任务：单位、关键词…" '
        'aria-label="筛选任务"><span id="filter-status" class="muted small"></span>'
        '<span class="legend"><span class="spacer"></span>{}</span></div>'
        '<div id="plan-tree">{}</div></section>',
        legend,
        body,
    )


# ---------------------------------------------------------------------------------------------
# The header and the coverage overview


def _header(ctx: _Context) -> _Html:
    c = ctx.campaign
    region = c.region.name + (f"（{c.region.parent}）" if c.region.parent else "")
    meta = [region, f"{c.year}年", *([c.campaign_name] if c.campaign_name else [])]
    meta.append(c.document_number.text if c.document_number else "未印文号")
    if c.issuer:
        meta.append(c.issuer)
    if c.issue_date:
        meta.append(f"{c.issue_date.isoformat()} 印发")
    all_tasks = [t for top in c.walk_tasks() for t in top.walk()]
    tasks = sum(1 for _ in c.walk_tasks())
    counts: list[tuple[str, str, int | _Html]] = [
        ("battles", "战役 / 行动", len(c.battles)),
        ("groups", "任务组", sum(1 for _ in iter_groups(c))),
        (
            "tasks",
            "任务",
            _h("{}<small>含子项 {}</small>", tasks, len(all_tasks))
            if len(all_tasks) != tasks
            else tasks,
        ),
        ("indicators", "指标", sum(1 for _ in iter_indicators(c))),
        ("milestones", "时间节点", sum(len(t.milestones) for t in all_tasks)),
        ("units", "责任单位", len(c.units)),
    ]
    tiles = _join(
        _h('<div data-count="{}"><dt>{}</dt><dd>{}</dd></div>', key, label, value)
        for key, label, value in counts
    )
    source = []
    if c.source and c.source.file:
        source.append(f"来源文件 {c.source.file}")
    if c.source and c.source.url:
        source.append(f"网址 {c.source.url}")
    version = " · ".join(
        [f"govplan {_version()}", f"schema {SCHEMA_VERSION}", f"方案标识 {c.id}", *source]
    )
    notice = _h('<p class="meta">{}</p>', c.notice_title) if c.notice_title else _EMPTY
    return _h(
        '<header class="report" id="report-header"><h1 id="report-title">{}</h1>'
        '<p class="meta">{}</p>{}<dl class="counts" id="counts">{}</dl>'
        '<p class="version">{}</p></header>',
        c.title,
        _join(_h("<span>{}</span>", m) for m in meta),
        notice,
        tiles,
        version,
    )


def _share(part: int, whole: int) -> _Html:
    if not whole:
        return _h("—")
    return _h("{}<span class='muted small'>（{:.0%}）</span>", part, part / whole)


def _coverage(ctx: _Context) -> _Html:
    rows = metrics.coverage(ctx.campaign).rows
    body = []
    for row in rows:
        name = (
            _h('<a href="{}">{}</a>', _href(ctx.by_id[row.battle]), row.name)
            if row.battle in ctx.by_id
            else _h("<strong>全方案</strong>")
            if row.battle is None
            else _text(row.name)
        )
        body.append(
            _h(
                "<tr><td>{}</td><td class='n'>{}</td><td class='n'>{}</td>"
                "<td class='n'>{}</td><td class='n'>{}</td><td class='n'>{}</td></tr>",
                name,
                row.tasks,
                _share(row.with_lead, row.tasks),
                _share(row.with_target, row.tasks),
                _share(row.with_deadline, row.tasks),
                row.lead_units,
            )
        )
    return _h(
        '<section class="card" id="overview"><h2>概况</h2>'
        '<p class="lede">各战役的任务中写明牵头单位、量化目标、完成时限的数量（仅计顶层任务）。</p>'
        '<table class="data" id="coverage"><thead><tr><th>战役 / 行动</th>'
        "<th class='n'>任务</th><th class='n'>有牵头单位</th><th class='n'>有量化目标</th>"
        "<th class='n'>有完成时限</th><th class='n'>牵头单位数</th></tr></thead>"
        "<tbody>{}</tbody></table></section>",
        _join(body),
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


def _chart(ctx: _Context) -> _Html:
    rows = [r for r in metrics.workload(ctx.campaign).counts if r.lead > 0]
    intro = _h(
        '<section class="card" id="workload-section"><h2>牵头任务数</h2>'
        '<p class="lede">每个单位牵头的任务数（govplan 默认计数：仅计顶层任务、仅计原文写明的牵头，'
        "别名按单位名录合并）；条后灰字为同一单位配合、负责的任务数。</p>"
    )
    if not rows:
        return intro + _h(
            '<p class="empty" id="no-lead-units">本方案的任务均未写明牵头单位。</p></section>'
        )
    size, row_h, top_pad = 12, 22, 24
    label_w = max(_width(_short(r.unit), size) for r in rows) + 10
    width = 1000
    bar_x = label_w + 8
    bar_max = width - bar_x - 150
    ticks = _ticks(max(r.lead for r in rows))
    scale = bar_max / ticks[-1]
    height = top_pad + row_h * len(rows) + 6
    axis = _join(
        _h(
            '<line x1="{x:.1f}" y1="{}" x2="{x:.1f}" y2="{}"/>'
            '<text x="{x:.1f}" y="{}" text-anchor="middle">{}</text>',
            top_pad - 4,
            height - 4,
            top_pad - 9,
            t,
            x=bar_x + t * scale,
        )
        for t in ticks
    )
    bars = []
    for i, r in enumerate(rows):
        y = top_pad + i * row_h
        full = r.unit if r.name == r.unit else f"{r.unit}（{r.name}）"
        tip = f"{full}：牵头 {r.lead} 项，配合 {r.cooperating} 项，负责 {r.responsible} 项"
        bars.append(
            _h(
                '<g class="bar" data-unit="{}" data-lead="{lead}" data-cooperating="{}" '
                'data-responsible="{}"><title>{}</title>'
                '<text x="{:.1f}" y="{}" text-anchor="end">{}</text>'
                '<rect x="{:.1f}" y="{}" width="{:.1f}" height="14" rx="2"/>'
                '<text class="value" x="{:.1f}" y="{}">{lead}'
                '<tspan class="other" dx="6">{}</tspan></text></g>',
                r.unit,
                r.cooperating,
                r.responsible,
                tip,
                label_w,
                y + 15,
                _short(r.unit),
                bar_x,
                y + 4,
                max(r.lead * scale, 1),
                bar_x + r.lead * scale + 5,
                y + 15,
                _others(r),
                lead=r.lead,
            )
        )
    return intro + _h(
        '<svg id="lead-unit-chart" role="img" aria-label="各单位牵头任务数" '
        'width="{w}" height="{h}" viewBox="0 0 {w} {h}" data-units="{}">'
        '<g class="axis">{}</g>{}</svg></section>',
        len(rows),
        axis,
        _join(bars),
        w=width,
        h=height,
    )


# ---------------------------------------------------------------------------------------------
# Indicators


#: Labels of the elements besides objectives, groups and tasks that state targets.
_SECTION_LABELS = {
    "overview": "重点任务",
    "mechanisms": "推进机制",
    "work_team": "工作专班",
    "organisation": "组织实施",
    "leadership_group": "领导小组",
    "remarks": "分解表说明",
}


def _place(ctx: _Context, pointer: str) -> tuple[Battle | None, _Html]:
    """The battle an indicator belongs to and a label (linked where the tree has it)."""
    tokens = split(pointer)
    node: Any = ctx.campaign
    battle: Battle | None = None
    label = _EMPTY
    here = ""
    position = 0
    while position < len(tokens) and tokens[position] != "indicators":
        key = tokens[position]
        node = getattr(node, key)
        here = join(here, key)
        position += 1
        if isinstance(node, tuple):
            node = node[int(tokens[position])]
            here = join(here, int(tokens[position]))
            position += 1
        if key in _SECTION_LABELS:
            label = _h(_SECTION_LABELS[key])
        elif isinstance(node, Battle):
            battle = node
            label = _h("战役目标")
        elif isinstance(node, Objective):
            title = " ".join(x for x in (node.number, node.title) if x)
            kind = "战役目标" if battle is not None else "总体目标"
            label = _text(f"{kind} {title}".strip())
        elif isinstance(node, TaskGroup | Task):
            word = "任务组" if isinstance(node, TaskGroup) else "任务"
            text = f"{word} {node.number or ''} {_short(node.title, 24)}".replace("  ", " ")
            label = _h('<a href="{}">{}</a>', _href(ctx.anchors[here]), text)
    return battle, label


def _indicators(ctx: _Context) -> _Html:
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
        if ind.direction is Direction.FALL:  # a rise is how a target reads without a word
            target = f"降 {target}" if ind.target else "降"
        rows.append(
            _h(
                '<tr data-pointer="{}" data-id="{}" data-kind="{}">'
                "<td class='nw' data-label='战役 / 行动'>{}</td>"
                "<td data-label='所在目标或任务'>{}</td>"
                "<td title=\"{}\" data-label='指标'>{}</td>"
                "<td class='nw' data-label='比较'>{}</td>"
                "<td class='n nw' data-label='目标值'>{}</td>"
                "<td class='nw' data-label='力度'>{}</td>"
                "<td class='nw' data-label='类型'>{}</td>"
                "<td class='n' data-label='原文行'>{}</td></tr>",
                pointer,
                ind.id or "",
                ind.kind.value,
                f"{battle.number} {battle.name}" if battle else "总体",
                place,
                ind.phrase,
                ind.name,
                f"{symbol} {word}" if ind.target is not None else "—",
                target,
                _MODALITY[ind.modality],
                _KIND[ind.kind],
                ind.source_line or "",
            )
        )
    table = _h(
        '<table class="data" id="indicators"><thead><tr><th>战役 / 行动</th>'
        "<th>所在目标或任务</th><th>指标</th><th>比较</th><th class='n'>目标值</th>"
        "<th>力度</th><th>类型</th><th class='n'>原文行</th></tr></thead>"
        "<tbody>{}</tbody></table>",
        _join(rows),
    )
    kinds = Counter(ind.kind for _, ind, _, _ in found)
    summary = "、".join(f"{_KIND[k]} {kinds[k]}" for k in IndicatorKind if kinds[k])
    return _h(
        '<section class="card" id="indicators-section"><h2>指标</h2>'
        '<p class="lede">共 {} 个指标（{}）。目标值按 govplan 的计量格式书写；'
        "悬停指标名可见原文。</p>{}{}</section>",
        len(rows),
        summary,
        _h(
            '<div class="toolbar"><input type="search" id="indicator-filter" '
            'placeholder="筛选指标：名称、战役、类型…" aria-label="筛选指标">'
            '<span id="indicator-filter-status" class="muted small"></span></div>'
        )
        if rows
        else _h(""),
        table if rows else _h("<p class=empty>本方案没有量化或定性指标。</p>"),
    )


# ---------------------------------------------------------------------------------------------
# Allocation tables


def _heat(value: Decimal, top: Decimal) -> str:
    alpha = Decimal("0.06") + Decimal("0.79") * value / top if top > 0 else Decimal("0.06")
    ink = "color:#fff;" if alpha > Decimal("0.5") else ""
    return f"background:rgba(29,78,216,{alpha:.2f});{ink}"


def _verdict(check: metrics.AllocationCheck, *, short: bool = False) -> _Html:
    data = _h('data-check="{}" data-column="{}"', check.check, check.column)
    if check.summed is None:
        return _h(
            '<span class="bad" {} data-agrees="none" title="{}">无法核对</span>',
            data,
            check.error or "",
        )
    if check.agrees:
        tip = f"合计 {_decimal(check.summed)}{check.unit}，与所列 {_decimal(check.stated)} 相符"
        text = "✓" if short else "✓ 相符"
        return _h('<span class="ok" {} data-agrees="true" title="{}">{}</span>', data, tip, text)
    diff = _signed(check.difference or Decimal(0))
    tip = f"合计 {_decimal(check.summed)}{check.unit}，所列 {_decimal(check.stated)}，差 {diff}"
    text = f"✗ {diff}" if short else f"✗ 差 {diff}"
    return _h('<span class="bad" {} data-agrees="false" title="{}">{}</span>', data, tip, text)


def _allocation_row(table: Allocation, row: AllocationRow, check: _Html) -> _Html:
    present = [v for v in row.parts if v is not None]
    top = max(present, default=Decimal(0))
    cells = []
    for column, value in zip(table.columns, row.parts, strict=False):
        if value is None:
            cells.append(_h('<td class="v blank">·</td>'))
            continue
        share = f"，占合计 {value / row.total:.1%}" if row.total else ""
        tip = f"{column} · {row.name}：{_decimal(value)}{row.unit}{share}"
        cells.append(
            _h(
                '<td class="v" style="{}" title="{}">{}</td>',
                _heat(value, top),
                tip,
                _decimal(value),
            )
        )
    cells.extend(
        _h('<td class="v blank">·</td>') for _ in range(len(table.columns) - len(row.parts))
    )
    return _h(
        '<tr data-row="{}"><td class="{}">{}{}</td><td class="unit">{}</td>'
        '<td class="total">{}</td><td class="verdict">{}</td>{}</tr>',
        row.id,
        "name detail" if row.parent else "name",
        "└ " if row.parent else "",
        row.name,
        row.unit,
        _decimal(row.total) if row.total is not None else "—",
        check,
        _join(cells),
    )


def _detail_row(
    table: Allocation, checks: Sequence[metrics.AllocationCheck], total_label: str
) -> _Html:
    by_column = {c.column: c for c in checks}
    total = by_column.get(total_label)
    cells = [
        _h("<td>{}</td>", _verdict(by_column[col], short=True) if col in by_column else _EMPTY)
        for col in table.columns
    ]
    rows = {row.id: row.name for row in table.rows}
    names = " + ".join(rows.get(r, r) for r in checks[0].detail)
    return _h(
        '<tr class="check" data-detail-of="{}"><td class="name detail" title="{}">↳ 细项之和核对'
        '</td><td class="unit"></td><td class="total">{}</td><td class="verdict"></td>{}</tr>',
        checks[0].row,
        names,
        _verdict(total, short=True) if total else _EMPTY,
        _join(cells),
    )


def _allocation(
    ctx: _Context, table: Allocation, checks: Sequence[metrics.AllocationCheck]
) -> _Html:
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
                _h(
                    '<tr class="category"><th colspan="{}" style="text-align:left">{}</th></tr>',
                    width,
                    number + category,
                )
            )
        verdict = _verdict(parts[row.id]) if row.id in parts else _h('<span class="muted">—</span>')
        body.append(_allocation_row(table, row, verdict))
        for parent, child in last_child.items():
            if child == row.id and parent in details:
                body.append(_detail_row(table, details[parent], total_label))
        if row.id in details and row.id not in last_child:
            body.append(_detail_row(table, details[row.id], total_label))
    bad = sum(1 for c in checks if not c.agrees)
    head = _join(_h("<th>{}</th>", col) for col in table.columns)
    battle = ctx.battles.get(table.battle or "")
    where = (
        _h('，见<a href="{}">{}</a>', _href(ctx.by_id[battle.id]), battle.name)
        if battle is not None and battle.id in ctx.by_id
        else _EMPTY
    )
    verdict = (
        _h('<span class="ok">全部相符</span>')
        if not bad
        else _h('<span class="bad">{} 项不符</span>', bad)
    )
    return _h(
        '<h3>{title}</h3><p class="lede">核对 {checks} 项：{verdict}'
        "（分列之和对所列合计；细项之和对上级行）{where}。</p>"
        '<div class="scroll"><table class="heatmap" id="allocation-{id}" '
        'data-checks="{checks}" data-disagreements="{bad}"><thead><tr><th>项目</th>'
        '<th class="unit">单位</th><th>{total}</th><th class="verdict">合计核对</th>'
        "{head}</tr></thead><tbody>{body}</tbody></table></div>",
        title=table.title,
        checks=len(checks),
        verdict=verdict,
        where=where,
        id=table.id,
        bad=bad,
        total=total_label,
        head=head,
        body=_join(body),
    )


def _allocations(ctx: _Context) -> _Html:
    checks = metrics.allocation_checks(ctx.campaign).checks
    tables = [
        _allocation(ctx, table, [c for c in checks if c.table == table.id])
        for table in ctx.campaign.allocations
    ]
    intro = _h('<section class="card" id="allocations"><h2>任务分解表</h2>')
    if not tables:
        return intro + _h(
            '<p class="empty" id="no-allocations">本方案没有任务分解表'
            "（no allocation tables in this plan）。</p></section>"
        )
    return intro + _h(
        '<p class="lede">单元格颜色深浅表示该值在本行各列中的相对大小'
        '（各行单位不同，故逐行比较）<span class="scale"></span>；'
        "空格为原表空白。“合计核对”列：各列之和是否等于所列合计。</p>{}</section>",
        _join(tables),
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


def _timeline(ctx: _Context) -> _Html:
    entries = metrics.milestone_calendar(ctx.campaign, options=_ALL_TASKS).entries
    period = ctx.campaign.plan_period
    intro = _h(
        '<section class="card" id="timeline-section"><h2>时间节点</h2>'
        '<p class="lede">计划期 {} 至 {}。'
        "任务（含子项）中写明的完成时限，按截止月份排列；“截止”为该说法允许的最后一天。</p>",
        period.start.isoformat(),
        period.end.isoformat(),
    )
    if not entries:
        return intro + _h(
            '<ol id="timeline" data-milestones="0"></ol>'
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
        cards = _join(_milestone_card(ctx, e) for e in found)
        items.append(
            _h(
                '<li class="month{}" data-month="{}" data-count="{count}"><div class="when">{}'
                '<span class="count">{count} 个节点</span></div>{}</li>',
                "" if found else " none",
                month,
                label(month),
                _h("<ul class=cards>{}</ul>", cards) if cards else _h("<div></div>"),
                count=len(found),
            )
        )
    return intro + _h(
        '<ol id="timeline" data-milestones="{}">{}</ol></section>', len(entries), _join(items)
    )


def _milestone_card(ctx: _Context, entry: metrics.CalendarEntry) -> _Html:
    task = ctx.tasks.get(entry.task)
    battle = ctx.battles.get(entry.battle or "")
    title = f"{task.number or ''} {task.title}".strip() if task else entry.task
    anchor = ctx.by_id.get(entry.task)
    link = (
        _h('<a class="where" href="{}" title="{}">{}</a>', _href(anchor), title, _short(title, 40))
        if anchor
        else _h('<span class="where">{}</span>', title)
    )
    where = _h('<span class="where">{}</span>', battle.name) if battle else _EMPTY
    return _h(
        '<li class="milestone" data-task="{}" data-due="{due}"><span class="phrase">{}</span>'
        '<span class="due">截止 {due}</span>{}{}</li>',
        entry.task,
        entry.phrase,
        link,
        where,
        due=entry.due.isoformat(),
    )


# ---------------------------------------------------------------------------------------------
# Irregularities


def _irregularities(ctx: _Context) -> _Html:
    found = ctx.campaign.irregularities
    intro = _h(
        '<section class="card" id="irregularities"><h2>原文问题</h2>'
        '<p class="lede">数据忠实于原文：原文中的错字、前后不一、合计不符等照录，并在此列出。</p>'
    )
    if not found:
        return intro + _h('<p class="empty" id="no-irregularities">未记录原文问题。</p></section>')
    kinds = Counter(i.kind for i in found)
    badges = _join(
        _h('<span class="badge" data-kind="{}">{} {}</span>', k.value, _IRREGULARITY[k], kinds[k])
        for k in IrregularityKind
        if kinds[k]
    )
    rows = []
    for item in found:
        anchor = ctx.by_id.get(item.element)
        element = (
            _h('<a href="{}">{}</a>', _href(anchor), item.element)
            if anchor
            else _text(item.element)
        )
        rows.append(
            _h(
                '<tr data-kind="{}"><td>{}</td><td class="nw">{}</td><td>{}</td>'
                "<td class='n'>{}</td></tr>",
                item.kind.value,
                element,
                _IRREGULARITY[item.kind],
                item.description,
                item.source_line or "",
            )
        )
    return intro + _h(
        '<div class="kinds">{}</div>'
        '<table class="data" id="irregularity-table"><thead><tr><th>元素</th><th>类型</th>'
        "<th>说明</th><th class='n'>原文行</th></tr></thead>"
        "<tbody>{}</tbody></table></section>",
        badges,
        _join(rows),
    )


def _nearest_anchor(ctx: _Context, pointer: str) -> str | None:
    """The anchor of the innermost battle, group or task that holds *pointer*, if any."""
    tokens = split(pointer)
    for end in range(len(tokens), 0, -1):
        anchor = ctx.anchors.get(join("", *tokens[:end]))
        if anchor:
            return anchor
    return None


def _validation(ctx: _Context) -> _Html:
    """What ``govplan validate`` finds, less the source irregularities listed in their section."""
    problems = [p for p in validate(ctx.campaign).problems if p.code != "source-irregularity"]
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    intro = _h(
        '<section class="card" id="validation"><h2>校验</h2>'
        '<p class="lede" id="validation-summary" data-errors="{errors}" '
        'data-warnings="{warnings}">govplan 校验：{errors} 个错误，'
        "{warnings} 个警告（原文问题另见下节）。</p>",
        errors=errors,
        warnings=len(problems) - errors,
    )
    if not problems:
        return intro + _h("</section>")
    rows = []
    for problem in problems:
        anchor = _nearest_anchor(ctx, problem.pointer)
        where = _text(problem.pointer or "/")
        if anchor:
            where = _h('<a href="{}">{}</a>', _href(anchor), where)
        rows.append(
            _h(
                '<tr data-severity="{severity}"><td class="nw">{severity}</td>'
                "<td class='nw'>{}</td><td>{}</td><td>{}</td></tr>",
                problem.code,
                where,
                problem.message,
                severity=problem.severity,
            )
        )
    return intro + _h(
        '<table class="data" id="validation-table"><thead><tr><th>级别</th><th>规则</th>'
        "<th>位置</th><th>说明</th></tr></thead><tbody>{}</tbody></table></section>",
        _join(rows),
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
    campaign always gives the same text, so reports can be diffed and archived.  Every text
    of the plan is escaped, wherever it is shown.

    .. versionadded:: 0.2.0
    """
    ctx = _context(campaign)
    nav = _join(_h('<a href="{}">{}</a>', _href(key), label) for key, label in _SECTIONS)
    parts = [
        _h("<!DOCTYPE html>"),
        _h('<html lang="zh-CN"><head><meta charset="utf-8">'),
        _h('<meta name="viewport" content="width=device-width, initial-scale=1">'),
        _h('<meta name="generator" content="govplan {}">', _version()),
        _h("<title>{} · govplan 报告</title>", campaign.title),
        _h("<style>{}</style></head>", STYLE),
        _h('<body><div class="page">'),
        _header(ctx),
        _h('<nav class="toc" aria-label="目录">{}</nav>', nav),
        _h("<main>"),
        _coverage(ctx),
        _tree(ctx),
        _chart(ctx),
        _indicators(ctx),
        _allocations(ctx),
        _timeline(ctx),
        _validation(ctx),
        _irregularities(ctx),
        _h("</main>"),
        _h("<footer>govplan {} · schema {} 生成</footer>", _version(), SCHEMA_VERSION),
        _h("</div><script>{}</script></body></html>", SCRIPT),
    ]
    return str(_join(parts, "\n") + _h("\n"))


def write_report(campaign: Campaign, path: str | os.PathLike[str]) -> None:
    """Write :func:`render_report` of *campaign* to *path*, atomically (no half-written file).

    .. versionadded:: 0.2.0
    """
    _atomic.write_text(path, render_report(campaign))
