"""The HTML report: every element shown, numbers from govplan.metrics, escaping, no network.

The last test opens the report in headless Chromium (``-m browser``): no console errors, no
requests, working buttons, Chinese text in a real CJK font, and a screenshot.
"""

from __future__ import annotations

import ast
import datetime as dt
import enum
import functools
import json
import os
import re
import shutil
import struct
import subprocess
import time
import types
import typing
from collections import Counter
from collections.abc import Iterator, Sequence
from decimal import Decimal
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypeGuard

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from _chromium import CHROMIUM, Chromium
from conftest import SAMPLE, load_plan, plan_names
from govplan import _report_assets, cli, dates, examples, metrics, report
from govplan._fields import is_extensions
from govplan.checks import iter_indicators
from govplan.model import SCHEMA_VERSION, Campaign, DocumentNumber, Milestone
from govplan.org import Responsibility, Role
from govplan.report import render_report, write_report
from govplan.validation import validate

EXAMPLES = plan_names()
_VOID = frozenset({"br", "hr", "img", "input", "link", "meta", "wbr"})


class Node:
    """An element of the parsed page: tag, attributes, children (nodes and text)."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node | str] = []

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def get(self, name: str) -> str:
        return self.attrs.get(name) or ""

    def classes(self) -> set[str]:
        return set(self.get("class").split())

    def find(self, *, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        """Descendants (self included) with *tag*, class *cls* and the attributes given."""
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes())
            and all(n.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def by_id(self, element_id: str) -> Node:
        (found,) = self.find(id=element_id)
        return found


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"stray </{tag}>"
        assert node.parent is not None
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(text: str) -> Node:
    builder = _Builder()
    builder.feed(text)
    builder.close()
    assert builder.current is builder.root, "unclosed elements"
    return builder.root


@pytest.fixture(scope="module")
def plans() -> dict[str, Campaign]:
    return {name: load_plan(name) for name in EXAMPLES}


@pytest.fixture(scope="module")
def pages(plans: dict[str, Campaign]) -> dict[str, str]:
    return {name: render_report(plan) for name, plan in plans.items()}


# ---------------------------------------------------------------------------------------------
# Content


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_battle_group_and_task_is_in_the_tree(
    name: str, plans: dict[str, Campaign], pages: dict[str, str]
) -> None:
    plan = plans[name]
    tree = parse(pages[name]).by_id("plan-tree")
    kinds = {
        kind: [n.get("data-id") for n in tree.find(tag="details", data_kind=kind)]
        for kind in ("battle", "group", "task")
    }
    assert kinds["battle"] == [b.id for b in plan.battles]
    groups = [g.id for b in plan.battles for g in b.walk_groups()]
    assert sorted(kinds["group"]) == sorted(groups)
    tasks = list(plan.walk_tasks())
    assert sorted(kinds["task"]) == sorted(t.id for t in tasks)
    subtasks = [s.id for t in tasks for s in t.walk() if s is not t]
    assert sorted(n.get("data-id") for n in tree.find(cls="subtask")) == sorted(subtasks)
    text = " ".join(tree.text().split())
    for task in tasks:
        assert " ".join(task.title.split()) in text


def test_header_counts_the_plan(plans: dict[str, Campaign], pages: dict[str, str]) -> None:
    plan = plans["fenghuang-2023"]
    page = parse(pages["fenghuang-2023"])
    assert page.by_id("report-title").text() == plan.title
    counts = {
        n.get("data-count"): n.find(tag="dd")[0].children[0]
        for n in page.find(tag="div")
        if n.get("data-count")
    }
    assert counts == {
        "battles": "6",
        "groups": "25",
        "tasks": "156",
        "indicators": str(len(list(iter_indicators(plan)))),
        "milestones": "8",
        "units": str(len(plan.units)),
    }
    header = page.by_id("report-header").text()
    assert "凤政办发〔2023〕2号" in header
    assert "2023年" in header
    assert f"schema {SCHEMA_VERSION}" in header


@pytest.mark.parametrize("name", EXAMPLES)
def test_one_bar_per_lead_unit_in_workload_order(
    name: str, plans: dict[str, Campaign], pages: dict[str, str]
) -> None:
    leads = [r for r in metrics.workload(plans[name]).counts if r.lead > 0]
    page = parse(pages[name])
    bars = page.find(tag="g", cls="bar")
    assert len(page.find(tag="rect")) == len(bars) == len(leads)
    assert [b.get("data-unit") for b in bars] == [r.unit for r in leads]
    for bar, row in zip(bars, leads, strict=True):
        assert bar.get("data-lead") == str(row.lead)
        (title,) = bar.find(tag="title")
        assert f"牵头 {row.lead} 项，配合 {row.cooperating} 项，负责 {row.responsible} 项" in (
            title.text()
        )
    if not leads:
        assert page.find(id="no-lead-units")


@pytest.mark.parametrize("name", EXAMPLES)
def test_one_indicator_row_per_indicator(
    name: str, plans: dict[str, Campaign], pages: dict[str, str]
) -> None:
    table = parse(pages[name]).by_id("indicators")
    shown = [r.get("data-pointer") for r in table.find(tag="tbody")[0].find(tag="tr")]
    pointers = [p for p, _ in iter_indicators(plans[name])]
    assert sorted(shown) == sorted(pointers)
    assert len(shown) == len(pointers)
    # Headline targets first, then battle by battle, each in document order.
    battle = [int(p.split("/")[2]) if p.startswith("/battles/") else -1 for p in shown]
    assert battle == sorted(battle)
    assert [p for p in shown if p.startswith("/objectives/")] == [
        p for p in pointers if p.startswith("/objectives/")
    ]


def test_indicator_row_reads_the_target(pages: dict[str, str]) -> None:
    table = parse(pages["fenghuang-2023-sample"]).by_id("indicators")
    row = table.find(tag="tr", data_pointer="/objectives/0/indicators/0")[0]
    cells = [" ".join(td.text().split()) for td in row.find(tag="td")]
    assert cells == ["总体", "总体目标 (二) 科技创新稳步推进", "全社会研发经费投入", "≥ 不低于",
                     "12%", "力争", "增速", "35"]  # fmt: skip


def test_allocation_heat_map_with_its_checks(
    plans: dict[str, Campaign], pages: dict[str, str]
) -> None:
    plan = plans["changde-2023"]
    (table,) = plan.allocations
    checks = [c for c in metrics.allocation_checks(plan).checks if c.table == table.id]
    section = parse(pages["changde-2023"]).by_id("allocations")
    assert not section.find(id="no-allocations")
    heat = section.by_id(f"allocation-{table.id}")
    assert heat.get("data-checks") == str(len(checks))
    assert heat.get("data-disagreements") == "0"
    assert [r.get("data-row") for r in heat.find(tag="tr") if r.get("data-row")] == [
        r.id for r in table.rows
    ]
    verdicts = heat.find(tag="span", data_agrees="true")
    assert len(verdicts) == len(checks)
    parts = [v for v in verdicts if v.get("data-check") == "parts"]
    assert len(parts) == sum(1 for c in checks if c.check == "parts")
    (detail,) = heat.find(tag="tr", data_detail_of="a1.r5")
    columns = [v.get("data-column") for v in detail.find(tag="span", data_check="detail")]
    assert columns == [c.column for c in checks if c.check == "detail"]
    shaded = [td for td in heat.find(tag="td", cls="v") if "blank" not in td.classes()]
    assert all(td.get("style").startswith("background:rgba(") for td in shaded)
    assert len(shaded) == sum(1 for r in table.rows for v in r.parts if v is not None)


def test_allocation_that_does_not_add_up_shows_the_difference(plans: dict[str, Campaign]) -> None:
    plan = plans["changde-2023"]
    (table,) = plan.allocations
    row = attrs.evolve(table.rows[0], total=Decimal(53010))
    changed = attrs.evolve(plan, allocations=(attrs.evolve(table, rows=(row, *table.rows[1:])),))
    heat = parse(render_report(changed)).by_id("allocation-a1")
    assert heat.get("data-disagreements") == "1"
    (bad,) = heat.find(tag="span", data_agrees="false")
    assert bad.text() == "✗ 差 -10"
    assert "合计 53000人，所列 53010，差 -10" in bad.get("title")


def test_a_plan_without_allocation_tables_says_so(pages: dict[str, str]) -> None:
    section = parse(pages["fenghuang-2023"]).by_id("allocations")
    assert "no allocation tables in this plan" in section.by_id("no-allocations").text()
    assert not section.find(tag="table")


_ALL_TASKS = metrics.CountingOptions(include_subtasks=True)


def _assert_timeline(plan: Campaign, page: Node) -> None:
    """Every milestone under its month; the months run through the plan period and every deadline.

    A plan may set deadlines beyond its year (2025年底前 in a 2024 plan): the months are those of
    its period and its deadlines, whatever year they fall in, each labelled with its year unless
    they all fall in one; a span too long to list month by month lists the months with deadlines.
    """
    entries = metrics.milestone_calendar(plan, options=_ALL_TASKS).entries
    timeline = page.by_id("timeline")
    cards = timeline.find(tag="li", cls="milestone")
    assert [(c.get("data-task"), c.get("data-due")) for c in cards] == [
        (e.task, e.due.isoformat()) for e in entries
    ]
    for card, entry in zip(cards, entries, strict=True):
        assert entry.phrase in card.text()
        row = card.parent.parent if card.parent else None  # li.month > ul.cards > card
        assert row is not None
        assert row.get("data-month") == entry.due.strftime("%Y-%m")
    rows = timeline.find(tag="li", cls="month")
    months = [m.get("data-month") for m in rows]
    if not entries:
        assert months == []
        return
    period = plan.plan_period
    first = min(period.start, entries[0].due)
    last = max(period.end, entries[-1].due)
    span = [
        f"{year:04d}-{month:02d}"
        for year in range(first.year, last.year + 1)
        for month in range(1, 13)
        if (first.year, first.month) <= (year, month) <= (last.year, last.month)
    ]
    due = sorted({e.due.strftime("%Y-%m") for e in entries})
    assert months == (span if len(span) <= report._MAX_MONTH_ROWS else due)
    one_year = len({m[:4] for m in months}) == 1
    for row, month in zip(rows, months, strict=True):
        label = f"{int(month[5:])}月" if one_year else f"{month[:4]}年{int(month[5:])}月"
        assert row.find(cls="when")[0].text().startswith(label)


@pytest.mark.parametrize("name", EXAMPLES)
def test_timeline_shows_every_milestone(
    name: str, plans: dict[str, Campaign], pages: dict[str, str]
) -> None:
    _assert_timeline(plans[name], parse(pages[name]))


#: A deadline as (years after the plan year, what follows 年): 2025年底前 in a 2024 plan is (1, 底前).
_DEADLINES = st.tuples(
    st.integers(min_value=-1, max_value=5),
    st.sampled_from(["底前", "6月底前", "3月", "第三季度", "上半年"]),
)


@given(deadlines=st.lists(_DEADLINES, min_size=1, max_size=6))
def test_timeline_of_deadlines_in_other_years(deadlines: list[tuple[int, str]]) -> None:
    """A valid plan's deadlines may lie before or years after its plan year: all are shown."""
    plan, _ = _sample()
    phrases = [f"{plan.year + offset}年{rest}" for offset, rest in deadlines]
    milestones = tuple(
        Milestone(phrase=p, due=d.due, precision=d.precision)
        for p, d in ((p, dates.parse_deadline(p, plan.year)) for p in phrases)
    )
    battle = plan.battles[0]
    group = battle.groups[0]
    task = attrs.evolve(group.tasks[0], milestones=milestones)
    group = attrs.evolve(group, tasks=(task, *group.tasks[1:]))
    changed = attrs.evolve(
        plan, battles=(attrs.evolve(battle, groups=(group, *battle.groups[1:])),)
    )
    assert validate(changed).valid
    _assert_timeline(changed, parse(render_report(changed)))


def test_irregularities_are_listed(plans: dict[str, Campaign], pages: dict[str, str]) -> None:
    plan = plans["pingjiang-2023"]
    table = parse(pages["pingjiang-2023"]).by_id("irregularity-table")
    rows = table.find(tag="tbody")[0].find(tag="tr")
    assert len(rows) == len(plan.irregularities) > 0
    assert [r.get("data-kind") for r in rows] == [i.kind.value for i in plan.irregularities]
    sample = parse(pages["fenghuang-2023-sample"])
    assert sample.find(id="no-irregularities")


def test_text_is_escaped(plans: dict[str, Campaign]) -> None:
    plan = plans["fenghuang-2023-sample"]
    battle = plan.battles[0]
    group = battle.groups[0]
    evil = "<script>alert('x')</script> & \"quoted\""
    task = attrs.evolve(group.tasks[0], title=evil, text=evil)
    group = attrs.evolve(group, tasks=(task, *group.tasks[1:]))
    battle = attrs.evolve(battle, groups=(group, *battle.groups[1:]), name=evil)
    changed = attrs.evolve(plan, battles=(battle,), title=evil)
    text = render_report(changed)
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;" in text
    page = parse(text)
    assert len(page.find(tag="script")) == 1
    assert page.by_id("report-title").text() == evil
    details = page.find(tag="details", data_id=task.id)[0]
    assert evil in details.text()


# ---------------------------------------------------------------------------------------------
# Escaping: plan text reaches the page as text, whatever it holds and wherever it is shown

#: Payloads for text fields: markup, attribute break-outs, ends of the style and script
#: elements, a script URL, quotes, template and format syntax, an entity, a comment opener,
#: JavaScript's line separator.
PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><script>alert(1)</script>",
    "javascript:alert(1)",
    "'\"",
    "{{x}}",
    "\u2028",
    "</style><svg onload=alert(1)>",
    "' onmouseover='alert(1)",
    "{0.__class__}{}",
    "&amp;",
    "<!--",
)
#: Payloads that fit the id pattern (no white space, / or ~), for ids and what refers to them.
ID_PAYLOADS = (
    'x"onmouseover="alert(1)',
    "'><script>alert(1)<!--",
    "javascript:alert(1)",
    "{{x}}",
    "x'onfocus='alert(1)",
    "&lt;",
)
_MODEL_MODULES = frozenset({"govplan.model", "govplan.org"})
#: Text fields whose pattern no payload fits: they keep the plan's own value.
_PATTERN_BOUND = frozenset(
    {"Campaign.id", "Campaign.schema_version", "Region.code", "Source.sha256"}
)


def _is_model(hint: object) -> TypeGuard[type]:
    return isinstance(hint, type) and attrs.has(hint) and hint.__module__ in _MODEL_MODULES


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _leaves(hint: object) -> list[object]:
    """The types a field's annotation is made of: ``tuple[str | None, ...]`` gives str, None."""
    args = typing.get_args(hint)
    return [leaf for arg in args for leaf in _leaves(arg)] if args else [hint]


@functools.cache
def _has_text(hint: object) -> bool:
    """Whether values of *hint* can hold plan text (a str field, here or in a model class)."""
    return any(
        leaf is str or (_is_model(leaf) and any(_has_text(h) for h in _hints(leaf).values()))
        for leaf in _leaves(hint)
    )


def _text_fields(cls: type = Campaign) -> set[str]:
    """``Class.field`` for every text field of the model reachable from *cls*."""
    found: set[str] = set()
    seen: set[type] = set()
    todo = [cls]
    while todo:
        here = todo.pop()
        if here in seen:
            continue
        seen.add(here)
        for field in attrs.fields(here):
            if is_extensions(field):
                continue  # kept and written back, never shown
            for leaf in _leaves(_hints(here)[field.name]):
                if leaf is str:
                    found.add(f"{here.__name__}.{field.name}")
                elif _is_model(leaf):
                    todo.append(leaf)
    return found


def _required(field: attrs.Attribute[Any], hint: Any) -> Any:
    """A plain value for a required field that holds no text."""
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return next(iter(hint))
    plain = {
        int: field.metadata.get("minimum", 1),
        bool: False,
        Decimal: Decimal(1),
        dt.date: dt.date(2023, 6, 30),
    }
    if hint not in plain:
        raise TypeError(f"no plain value for {field.name}: {hint}: extend _required")
    return plain[hint]


class Filler:
    """Puts a payload into every text field of a campaign, adding the elements it lacks.

    Each text gets the next payload of its kind and a serial (``…#12#``), the same for equal
    texts, so that references (units, ids) still resolve; ids, and texts some id has, get id
    payloads.  Elements a plan lacks (an empty list, an absent work team) are added, once per
    branch: a model class is never added under an element of the same class.  Two fillers with
    the same campaign and payload lists of any content give campaigns of the same shape.
    """

    def __init__(self, campaign: Campaign, texts: Sequence[str], ids: Sequence[str]) -> None:
        self.texts = texts
        self.ids = ids
        self.id_values = {v for c, f, v in _strings(campaign) if f.metadata.get("pattern")}
        self.memo: dict[str, str] = {}
        self.placed: list[str] = []
        #: ``Class.field`` of every text field that now holds a payload.
        self.filled: set[str] = set()

    def fresh(self, kind: Sequence[str]) -> str:
        n = len(self.placed)
        self.placed.append(f"{kind[n % len(kind)]}#{n}#")
        return self.placed[-1]

    def text(self, original: str | None, field: attrs.Attribute[Any], where: str) -> str | None:
        if original is not None and original in self.memo:
            self.filled.add(where)
            return self.memo[original]
        pattern = field.metadata.get("pattern")
        kind = self.ids if pattern or original in self.id_values else self.texts
        n = len(self.placed)
        if pattern and not re.search(pattern, f"{kind[n % len(kind)]}#{n}#"):
            return original
        new = self.fresh(kind)
        self.filled.add(where)
        if original is not None:
            self.memo[original] = new
        return new

    def document_number(self) -> DocumentNumber:
        self.filled.update({"DocumentNumber.text", "DocumentNumber.prefix"})
        return DocumentNumber.parse(f"{self.fresh(self.ids)}〔2023〕2号")

    def buildable(self, hint: object, stack: tuple[type, ...]) -> bool:
        return hint is str or (_is_model(hint) and hint not in stack and _has_text(hint))

    def value(
        self,
        owner: type,
        field: attrs.Attribute[Any],
        hint: Any,
        current: Any,
        stack: tuple[type, ...],
    ) -> Any:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if hint is str:
            return self.text(current, field, f"{owner.__name__}.{field.name}")
        if origin is tuple:
            item = args[0]
            items = list(current) or ([None] if self.buildable(item, stack) else [])
            return tuple(self.value(owner, field, item, i, stack) for i in items)
        if origin in {typing.Union, types.UnionType}:
            options = [a for a in args if a is not type(None)]
            if len(options) != 1 or (current is None and not self.buildable(options[0], stack)):
                return current  # quantities keep their value: their units are pint's
            return self.value(owner, field, options[0], current, stack)
        if _is_model(hint):
            return self.build(hint, stack) if current is None else self.fill(current, stack)
        return current

    def fill(self, element: Any, stack: tuple[type, ...] = ()) -> Any:
        cls: type = type(element)
        if cls is DocumentNumber:
            return self.document_number()
        inner = (*stack, cls)
        return attrs.evolve(
            element,
            **{
                f.name: self.value(cls, f, _hints(cls)[f.name], getattr(element, f.name), inner)
                for f in attrs.fields(cls)
                if _has_text(_hints(cls)[f.name])
            },
        )

    def build(self, cls: type, stack: tuple[type, ...]) -> Any:
        if cls is DocumentNumber:
            return self.document_number()
        inner = (*stack, cls)
        values: dict[str, Any] = {}
        for field in attrs.fields(cls):
            hint = _hints(cls)[field.name]
            if _has_text(hint):
                empty = () if typing.get_origin(hint) is tuple else None
                values[field.name] = self.value(cls, field, hint, empty, inner)
            elif field.default is attrs.NOTHING:
                values[field.name] = _required(field, hint)
        return cls(**values)


def _strings(element: Any) -> Iterator[tuple[type, attrs.Attribute[Any], str]]:
    """(class, field, text) for every text of *element* and the model elements it holds."""
    cls = type(element)
    for field in attrs.fields(cls):
        value = getattr(element, field.name)
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, str) and not isinstance(item, enum.Enum):
                yield cls, field, item
            elif _is_model(type(item)):
                yield from _strings(item)


def _filled(
    campaign: Campaign, texts: Sequence[str], ids: Sequence[str]
) -> tuple[Campaign, Filler]:
    filler = Filler(campaign, texts, ids)
    filled: Campaign = filler.fill(campaign)
    return filled, filler


def _replace(element: Any, texts: dict[str, str]) -> Any:
    """*element* with every text that is a key of *texts* replaced, in all it holds."""

    def one(value: Any) -> Any:
        if isinstance(value, str) and not isinstance(value, enum.Enum):
            return texts.get(value, value)
        return _replace(value, texts) if _is_model(type(value)) else value

    changes = {}
    for field in attrs.fields(type(element)):
        value = getattr(element, field.name)
        changes[field.name] = (
            tuple(one(v) for v in value) if isinstance(value, tuple) else one(value)
        )
    return attrs.evolve(element, **changes)


def _skeleton(page: Node) -> list[tuple[str, tuple[str, ...]]]:
    """Each element's tag and attribute names, in document order: the page less its text."""
    return [(n.tag, tuple(n.attrs)) for n in page.iter()]


def _texts(page: Node) -> list[str]:
    """Every text and attribute value of the page, as the browser reads them."""
    found = [c for n in page.iter() for c in n.children if isinstance(c, str)]
    found.extend(v for n in page.iter() for v in n.attrs.values() if v)
    return found


@attrs.frozen
class _Occurrences:
    #: How many times each payload (by serial) is on the page.
    found: Counter[int]
    #: Payloads found raw where they should have been escaped.
    unescaped: list[str]


def _occurrences(text: str, placed: Sequence[str], *, escaped: bool) -> _Occurrences:
    """Where *text* holds the payloads *placed*, found by their serials (``…#12#``).

    With *escaped*, *text* is markup: a payload counts where it is escaped, and one that
    needed escaping but is there as it is goes to ``unescaped``.
    """
    found: Counter[int] = Counter()
    unescaped = []
    for match in re.finditer(r"#(\d+)#", text):
        n = int(match[1])
        if n >= len(placed):
            continue
        payload = placed[n]
        wanted = escape(payload, quote=True) if escaped else payload
        if text.endswith(wanted, 0, match.end()):
            found[n] += 1
        elif escaped and payload != wanted and text.endswith(payload, 0, match.end()):
            unescaped.append(payload)
    return _Occurrences(found=found, unescaped=unescaped)


def _assert_only_the_reports_own_markup(page: Node, plain: Node) -> None:
    scripts = page.find(tag="script")
    assert [s.text() for s in scripts] == [s.text() for s in plain.find(tag="script")]
    assert [s.text() for s in scripts] == [str(_report_assets.SCRIPT)]
    for node in page.iter():
        assert not [a for a in node.attrs if a.lower().startswith("on")], (node.tag, node.attrs)
        for name in ("href", "src", "xlink:href", "action", "formaction"):
            value = (node.attrs.get(name) or "").strip().lower()
            assert not value.startswith("javascript:"), (node.tag, name, value)
            assert not value or value.startswith("#"), (node.tag, name, value)


def test_every_text_field_is_covered_by_the_payload_test(plans: dict[str, Campaign]) -> None:
    """The filler reaches every text field of the model, save those only the plan's own fit."""
    _, filler = _filled(plans["fenghuang-2023-sample"], PAYLOADS, ID_PAYLOADS)
    assert filler.filled == _text_fields() - _PATTERN_BOUND
    assert _text_fields() >= _PATTERN_BOUND
    assert all(re.fullmatch(r"[^\s/~]+", p) for p in ID_PAYLOADS)


@pytest.mark.parametrize("name", EXAMPLES)
def test_payloads_in_every_text_field_stay_text(
    name: str, plans: dict[str, Campaign], pages: dict[str, str]
) -> None:
    """Script payloads in every text field of the model add no element, attribute or script.

    The page is parsed as a browser would; its elements and attribute names must be those of
    the same campaign filled with harmless text, and each payload must come back as the text
    or attribute value it was, never raw in the markup.
    """
    evil, filler = _filled(plans[name], PAYLOADS, ID_PAYLOADS)
    harmless, _ = _filled(plans[name], ("text",), ("id",))
    text = render_report(evil)
    page = parse(text)
    _assert_only_the_reports_own_markup(page, parse(pages[name]))
    assert _skeleton(page) == _skeleton(parse(render_report(harmless)))
    raw = _occurrences(text, filler.placed, escaped=True)
    assert not raw.unescaped, raw.unescaped[:5]
    read = _occurrences("\0".join(_texts(page)), filler.placed, escaped=False)
    assert raw.found == read.found
    shown = {filler.placed[n].rsplit("#", 2)[0] for n in read.found}
    assert shown == {*PAYLOADS, *ID_PAYLOADS}


_ANY_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)


@functools.cache
def _sample() -> tuple[Campaign, list[tuple[str, tuple[str, ...]]]]:
    """The sample plan and its page's skeleton (loaded once: Hypothesis calls the test often)."""
    plan = examples.load("fenghuang-2023-sample")
    return plan, _skeleton(parse(render_report(plan)))


@given(
    title=_ANY_TEXT | st.lists(st.sampled_from(PAYLOADS) | _ANY_TEXT, min_size=1).map("".join),
    unit=_ANY_TEXT | st.sampled_from(PAYLOADS),
)
def test_any_title_or_unit_name_adds_no_element_or_attribute(title: str, unit: str) -> None:
    """Whatever a task title and a unit name say, the page keeps its elements and attributes."""
    plan, skeleton = _sample()
    task = next(plan.walk_tasks())
    named = plan.unit(task.units()[0])
    assert named is not None
    taken = {value for _, _, value in _strings(plan)}
    assume(title not in taken and unit not in taken and title != unit)
    # Every text equal to the old name changes: the unit's id and the notes that name it too;
    # a note's text that prints the name prints the new one (its units are spans of it).
    printed = {
        rset.text: rset.text.replace(named.name, unit)
        for each in plan.walk_tasks()
        for one in each.walk()
        for rset in one.responsibilities
        if rset.text is not None and named.name in rset.text
    }
    changed = _replace(plan, {**printed, task.title: title, named.name: unit})
    page = parse(render_report(changed))
    assert _skeleton(page) == skeleton
    (details,) = page.find(tag="details", data_id=task.id)
    (shown,) = details.find(tag="span", cls="title")
    assert shown.text() == title
    assert unit in [chip.text() for chip in details.find(tag="span", cls="chip")]


def test_markup_is_made_from_literals_only() -> None:
    """Only literal templates become markup, so no plan text can be marked safe by mistake.

    ``_Html`` and ``Markup`` take string literals (or nothing), and nothing calls ``.format``,
    except in the helpers that take a literal template (``_h``, ``_join``), escape
    (``_Html.escape``) or check raw text (``_raw_text``).
    """
    helpers = {"_h", "_join", "escape", "_raw_text"}
    found = []
    for module in (report, _report_assets):
        assert module.__file__ is not None
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        exempt = {
            id(node)
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef) and function.name in helpers
            for node in ast.walk(function)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in exempt:
                continue
            literal = not node.keywords and all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args
            )
            func = node.func
            marks = isinstance(func, ast.Name) and func.id in {"_Html", "Markup"} and not literal
            formats = isinstance(func, ast.Attribute) and func.attr in {"format", "format_map"}
            if marks or formats:
                found.append(f"{module.__name__}:{node.lineno}: {ast.unparse(node)}")
    assert found == []


def test_style_and_script_cannot_end_their_element() -> None:
    for text in ("a</style>b", "a</STYLE b", "x<!--y"):
        with pytest.raises(ValueError, match="style text holds"):
            _report_assets._raw_text(text, "style")
    with pytest.raises(ValueError, match="script text holds"):
        _report_assets._raw_text('"</Script>"', "script")
    assert _report_assets._raw_text("a > b", "style") == "a > b"


def test_hrefs_are_only_anchors_of_the_report() -> None:
    assert report._href("t-b1.g1.t1_2-3") == "#t-b1.g1.t1_2-3"
    for bad in ("javascript:alert(1)", 'x"y', "", "a b", "//x", "#x", "\u2028"):
        with pytest.raises(ValueError, match="not an anchor of the report"):
            report._href(bad)


def test_output_is_deterministic(pages: dict[str, str]) -> None:
    again = render_report(examples.load("changde-2023"))
    assert again == pages["changde-2023"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_report_is_self_contained(name: str, pages: dict[str, str]) -> None:
    text = pages[name]
    page = parse(text)
    (html,) = page.find(tag="html")
    assert html.get("lang") == "zh-CN"
    assert page.find(tag="meta", charset="utf-8")
    for node in page.iter():
        assert node.tag not in {"link", "img", "iframe", "object", "embed", "base", "image"}
        for name_, value in node.attrs.items():
            if name_ in {"src", "href", "xlink:href", "action", "srcset", "poster", "data"}:
                assert (value or "").startswith(("#", "data:")), (node.tag, name_, value)
    lowered = text.lower()
    for forbidden in ("@import", "url(", "@font-face", "http", "//"):
        found = [m.start() for m in re.finditer(re.escape(forbidden), lowered)]
        assert not found, (forbidden, [text[i - 60 : i + 60] for i in found[:3]])
    (style,) = page.find(tag="style")
    assert (
        'font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", '
        '"WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif' in style.text()
    )


def test_write_report_writes_the_rendered_page(tmp_path: Path, pages: dict[str, str]) -> None:
    out = tmp_path / "report.html"
    write_report(examples.load("fenghuang-2023-sample"), out)
    assert out.read_text(encoding="utf-8") == pages["fenghuang-2023-sample"]
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


# ---------------------------------------------------------------------------------------------
# Command line


def test_cli_report_writes_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pages: dict[str, str]
) -> None:
    out = tmp_path / "r.html"
    assert cli.main(["report", "changde-2023", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == pages["changde-2023"]
    assert capsys.readouterr().out == f"wrote {out}\n"


def test_cli_report_of_a_file_to_stdout(
    capsys: pytest.CaptureFixture[str], pages: dict[str, str]
) -> None:
    assert cli.main(["report", str(SAMPLE)]) == 0
    assert capsys.readouterr().out == pages["fenghuang-2023-sample"]


@pytest.mark.parametrize(
    ("content", "message"),
    [("a: [1", "bad.yaml:"), ("schema_version: 0.3.0\nid: x\n", "bad.yaml")],
)
def test_cli_report_of_a_bad_plan_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    out = tmp_path / "r.html"
    assert cli.main(["report", str(bad), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err
    assert not out.exists()


def test_cli_report_of_an_unknown_example_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", "no-such-plan"]) == 2
    assert "no plan file or bundled example called 'no-such-plan'" in capsys.readouterr().err


def test_cli_report_of_a_folder_of_plans_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", str(SAMPLE.parent)]) == 2
    assert "not one" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# In a browser

#: Fonts known to carry Chinese glyphs, for systems without fc-list.
_CJK_FAMILIES = {
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Serif SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "PingFang SC",
    "Microsoft YaHei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "AR PL UKai CN",
}


def _cjk_families() -> set[str]:
    """Font families fontconfig says cover Chinese, and the well-known ones."""
    families = set(_CJK_FAMILIES)
    fc_list = shutil.which("fc-list")
    if fc_list:
        listed = subprocess.run(  # noqa: S603 - a fixed query of the installed fonts
            [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False, timeout=30
        ).stdout
        families.update(f.strip() for line in listed.splitlines() for f in line.split(","))
    return families


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {CHROMIUM} is missing: CI must install chromium")
    pytest.skip(f"{CHROMIUM} is not installed")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _open(browser: Chromium, url: str, width: int = 1280, height: int = 900) -> str:
    """Open *url* in a new page (1280×900 unless told) with the domains the test listens to."""
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    attached = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})
    session: str = attached["sessionId"]
    for domain in ("Runtime", "Log", "Network", "Page", "DOM", "CSS"):
        browser.send(f"{domain}.enable", session=session)
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 640},
        session=session,
    )
    mark = len(browser.events)
    browser.send("Page.navigate", {"url": url}, session=session)
    browser.wait_event("Page.loadEventFired", session=session, since=mark)
    return session


def _check_page(browser: Chromium, session: str, plan: Campaign) -> None:
    """The chart, tree, buttons, links and filter work as the markup promises."""

    def js(expression: str) -> object:
        return browser.evaluate(expression, session=session)

    leads = sum(1 for r in metrics.workload(plan).counts if r.lead > 0)
    details = (
        len(plan.battles)
        + sum(1 for b in plan.battles for _ in b.walk_groups())
        + sum(1 for _ in plan.walk_tasks())
    )
    assert js("document.querySelectorAll('#lead-unit-chart rect').length") == leads
    assert js("document.querySelectorAll('#plan-tree details').length") == details
    indicators = len(list(iter_indicators(plan)))
    assert js("document.querySelectorAll('#indicators tbody tr').length") == indicators
    assert js("document.querySelector('#allocations table.heatmap') !== null") is True

    every = "[...document.querySelectorAll('#plan-tree details')].every"
    js("document.getElementById('expand-all').click()")
    assert js(f"{every}(d => d.open)") is True
    js("document.getElementById('collapse-all').click()")
    assert js(f"{every}(d => !d.open)") is True

    # A timeline link opens the task it points to.
    opened = js(
        "(() => { const a = document.querySelector('#timeline a.where'); a.click();"
        " const t = document.getElementById(a.getAttribute('href').slice(1));"
        " return t.open && t.closest('details.battle').open; })()"
    )
    assert opened is True

    # The filter keeps the tasks that name the unit, and only those.
    shown = js(
        "(() => { const f = document.getElementById('tree-filter'); f.value = '市商务局';"
        " f.dispatchEvent(new Event('input'));"
        " const tasks = [...document.querySelectorAll('#plan-tree details.task')];"
        " const visible = tasks.filter(t => t.offsetParent !== null);"
        " return [visible.length, visible.every(t => t.textContent.includes('市商务局')),"
        " tasks.length]; })()"
    )
    assert isinstance(shown, list)
    assert 0 < shown[0] < shown[2]
    assert shown[1] is True
    js(
        "(() => { const f = document.getElementById('tree-filter'); f.value = '';"
        " f.dispatchEvent(new Event('input')); })()"
    )


def _check_title_font(browser: Chromium, session: str, title: str) -> None:
    """The title is drawn in a font with Chinese glyphs, not a Latin fallback showing tofu.

    Without a CJK font Chromium reports the Latin fallback (e.g. DejaVu Sans) for every glyph.
    """
    root = browser.send("DOM.getDocument", session=session)["root"]["nodeId"]
    node = browser.send(
        "DOM.querySelector", {"nodeId": root, "selector": "#report-title"}, session=session
    )["nodeId"]
    fonts = browser.send("CSS.getPlatformFontsForNode", {"nodeId": node}, session=session)["fonts"]
    assert fonts, "no platform font reported"
    cjk = _cjk_families()
    assert all(f["familyName"] in cjk for f in fonts), (
        f"title drawn in {fonts}: install a CJK font (e.g. fonts-wqy-microhei)"
    )
    ideographs = sum(1 for c in title if "\u4e00" <= c <= "\u9fff")
    assert sum(f["glyphCount"] for f in fonts) >= ideographs


def _problems(browser: Chromium, session: str, url: str) -> dict[str, list[object]]:
    """Console errors, exceptions, error log entries, and requests for anything but *url*."""
    # The harness does see console errors: a probe must come through.
    probe = len(browser.events)
    browser.evaluate("console.error('govplan-probe')", session=session)
    browser.wait_event("Runtime.consoleAPICalled", session=session, since=probe)
    return {
        "console": [
            e
            for e in browser.messages("Runtime.consoleAPICalled", session=session)
            if e["type"] in {"error", "assert"} and e["args"][0].get("value") != "govplan-probe"
        ],
        "exceptions": list(browser.messages("Runtime.exceptionThrown", session=session)),
        "log": [
            e
            for e in browser.messages("Log.entryAdded", session=session)
            if e["entry"]["level"] == "error" and "govplan-probe" not in e["entry"].get("text", "")
        ],
        "requests": [
            e["request"]["url"]
            for e in browser.messages("Network.requestWillBeSent", session=session)
            if e["request"]["url"] != url
        ],
    }


@pytest.mark.browser
def test_report_in_headless_chromium(tmp_path: Path, pages: dict[str, str]) -> None:
    _require_chromium()
    name = "changde-2023"
    page = tmp_path / f"{name}.html"
    page.write_text(pages[name], encoding="utf-8")
    url = page.as_uri()
    plan = examples.load(name)
    started = time.monotonic()
    with Chromium(timeout=30) as browser:
        session = _open(browser, url)
        shots = {"top": browser.screenshot(session=session)}
        browser.evaluate("document.getElementById('allocations').scrollIntoView()", session=session)
        shots["allocations"] = browser.screenshot(session=session)
        browser.evaluate("window.scrollTo(0, 0)", session=session)
        _check_page(browser, session, plan)
        _check_title_font(browser, session, plan.title)
        problems = _problems(browser, session, url)
        loaded = [
            e["request"]["url"]
            for e in browser.messages("Network.requestWillBeSent", session=session)
        ]
    assert problems == {"console": [], "exceptions": [], "log": [], "requests": []}
    assert loaded == [url]
    copies = os.environ.get("GOVPLAN_SCREENSHOT_DIR")
    for label, data in shots.items():
        assert _png_size(data) == (1280, 900)
        assert len(data) > 20_000, "screenshot looks blank"
        shot = tmp_path / f"report-{name}-{label}.png"
        shot.write_bytes(data)
        if copies:
            Path(copies).mkdir(parents=True, exist_ok=True)
            shutil.copy(shot, Path(copies) / shot.name)
    assert time.monotonic() - started < 60


@pytest.mark.browser
def test_every_example_report_opens_cleanly(tmp_path: Path, pages: dict[str, str]) -> None:
    """Each bundled plan's report loads with no console error or request, chart and tree drawn."""
    _require_chromium()
    with Chromium(timeout=30) as browser:
        for name, html in pages.items():
            page = tmp_path / f"{name}.html"
            page.write_text(html, encoding="utf-8")
            url = page.as_uri()
            session = _open(browser, url)
            bars = browser.evaluate(
                "document.querySelectorAll('#lead-unit-chart rect').length", session=session
            )
            tree = browser.evaluate(
                "document.querySelectorAll('#plan-tree details.task').length", session=session
            )
            plan = load_plan(name)
            assert bars == len(metrics.workload(plan).top(10_000)), name
            assert tree == sum(1 for _ in plan.walk_tasks()), name
            assert _problems(browser, session, url) == {
                "console": [],
                "exceptions": [],
                "log": [],
                "requests": [],
            }, name


def test_validation_section_lists_what_validate_finds(plans: dict[str, Campaign]) -> None:
    plan = plans["fenghuang-2023-sample"]
    summary = parse(render_report(plan)).by_id("validation-summary")
    assert (summary.get("data-errors"), summary.get("data-warnings")) == ("0", "0")

    battle = plan.battles[0]
    group = battle.groups[0]
    task = group.tasks[0]
    lead = task.responsibilities[0].assignments[0]
    both = attrs.evolve(
        task.responsibilities[0],
        assignments=(
            Responsibility(unit=lead.unit, role=Role.LEAD),
            Responsibility(unit=lead.unit, role=Role.COOPERATING),
        ),
    )
    task = attrs.evolve(task, responsibilities=(both,))
    group = attrs.evolve(group, tasks=(task, *group.tasks[1:]))
    changed = attrs.evolve(plan, battles=(attrs.evolve(battle, groups=(group,)),))
    page = parse(render_report(changed))
    summary = page.by_id("validation-summary")
    expected = validate(changed).errors
    assert summary.get("data-errors") == str(len(expected)) != "0"
    table = page.by_id("validation-table")
    assert "lead-and-cooperating" in table.text()
    links = [a.get("href") for a in table.find(tag="a")]
    assert f"#{page.find(tag='details', data_id=task.id)[0].get('id')}" in links


def test_every_indicator_cell_names_its_column_and_the_table_can_be_filtered(
    pages: dict[str, str],
) -> None:
    table = parse(pages["changde-2023"]).by_id("indicators")
    header = [th.text() for th in table.find(tag="th")]
    rows = table.find(tag="tr")[1:]
    assert rows
    for row in rows:
        assert [td.get("data-label") for td in row.find(tag="td")] == header
    search = parse(pages["changde-2023"]).by_id("indicator-filter")
    assert (search.tag, search.get("type")) == ("input", "search")


@pytest.mark.browser
def test_the_report_reads_on_a_phone(tmp_path: Path, pages: dict[str, str]) -> None:
    """At 400 px the page is no wider than the screen, the chart fits, the indicator table
    reads as cards and its filter keeps the rows that hold the words typed."""
    _require_chromium()
    with Chromium(timeout=60) as browser:
        for name in examples.names():
            page = tmp_path / f"{name}.html"
            page.write_text(pages[name], encoding="utf-8")
            session = _open(browser, page.as_uri(), width=400, height=800)

            def js(expression: str, session: str = session) -> Any:
                return browser.evaluate(expression, session=session)

            assert js("document.documentElement.scrollWidth") <= 400, name
            assert (
                js("document.getElementById('lead-unit-chart')?.getBoundingClientRect().width ?? 0")
                <= 400
            )
            if js("document.getElementById('indicator-filter') === null"):
                continue
            assert (
                js("getComputedStyle(document.querySelector('#indicators thead')).display")
                == "none"
            )
            total = js("document.querySelectorAll('#indicators tbody tr').length")
            word = js("document.querySelector('#indicators tbody tr td:nth-child(3)').textContent")
            js(
                "var f = document.getElementById('indicator-filter');"
                f"f.value = {json.dumps(word)}; f.dispatchEvent(new Event('input'));"
            )
            shown = js("document.querySelectorAll('#indicators tbody tr:not([hidden])').length")
            assert 0 < shown <= total, name
            assert js(
                "[...document.querySelectorAll('#indicators tbody tr:not([hidden])')]"
                f".every(r => r.textContent.includes({json.dumps(word)}))"
            )
            status = js("document.getElementById('indicator-filter-status').textContent")
            assert status == f"显示 {shown} / {total} 个指标", name
