"""Tasks as a plan prints them, for the extractor: groups (一), tasks 1. 1、 (1), items ①, articles.

A section's lines are read one by one into groups, sub-groups, tasks and items by their markers;
a line that carries no marker continues the element before it, and a table's cells on lines of
their own close the row they belong to.  Then two readings of a whole group: a heading whose
items are closed by one responsibility line is one task, and closing articles on the document
itself are no tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from govplan._text import squeeze
from govplan.extract._responsibilities import responsibility_line, split_units
from govplan.extract._tables import units_cell
from govplan.extract._text import Line, Para, cn_number, ends_complete, paragraphs
from govplan.model import TaskKind
from govplan.org import Role

GROUP_MARK = re.compile(r"^\((?P<num>[一二三四五六七八九十]{1,3})\)\s*(?P<rest>.*)$")
TASK_MARK = re.compile(r"^(?P<num>\d{1,3})(?:\s*[.、](?!\d)|\s+(?=[^\d\s.%]))\s*(?P<rest>.*)$")
ITEM_MARK = re.compile(r"^(?:\((?P<num>\d{1,3})\)|(?P<circled>[①-⑳]))\s*(?P<rest>.*)$")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
DASH_MARK = re.compile(r"^(?P<num>——|—)\s*(?P<rest>.+)$")
RAW_MARKER = re.compile(
    r"^\s*(?:\*\*\s*)?(?P<marker>[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]|[(（]\s*\d{1,3}\s*[)）]"
    r"|[①-⑳]|——|—|\d{1,3}(?:\s*[.、．](?!\d)|(?=\s)))\s*"
)
#: A line this short can be a heading or the rest of a broken title.
SHORT_LINE = 30


@dataclass
class Element:
    """A numbered element with its text: a group, a task or an item."""

    number: str | None
    lines: list[Line]
    separators: list[str] = field(default_factory=list)
    kind: TaskKind = TaskKind.TASK
    items: list[Element] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Units given apart from the text (the unit cells of a table row), with their roles.
    units: list[tuple[str, Role]] = field(default_factory=list)
    #: The line the element's number stands on when apart from its text (a table's 序号 cell).
    start: int | None = None

    def add(self, line: Line, previous: Line) -> None:
        """Append a continuation line ("" after a broken line, a line break after a full one)."""
        self.separators.append("\n" if ends_complete(previous) else "")
        self.lines.append(line)

    @cached_property
    def para(self) -> Para:
        """The element's text, without its number (read once the element is complete)."""
        return Para.of(self.lines, self.separators)

    @property
    def line(self) -> int:
        """The line the element starts on (its number's, when printed apart)."""
        return self.start if self.start is not None else self.lines[0].number


@dataclass
class Group:
    """A task group "(一)…" with its heading, tasks and sub-groups.

    A section whose tasks stand under no heading gets a group without heading lines; its
    ``fallback`` title is the section's.
    """

    heading: Element
    tasks: list[Element] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    fallback: str | None = None
    notes: list[str] = field(default_factory=list)


def strip_marker(line: Line) -> tuple[str | None, Line]:
    """The marker as printed (1 / (1) / (一) / ——) and the line without it."""
    match = RAW_MARKER.match(line.raw)
    if not match:
        return None, line
    marker = re.sub(r"\s+", "", match["marker"])
    marker = marker.rstrip(".、．")
    return marker, Line(line.number, line.raw[match.end() :])


@dataclass
class _Cursor:
    """Where the task reader stands."""

    group: Group | None = None
    sub: Group | None = None
    task: Element | None = None
    item: Element | None = None
    task_number: int = 0
    item_number: int = 0
    group_number: int = 0
    items_are_tasks: bool = False
    previous: Line | None = None


def _accept(value: int | None, last: int, previous: Line | None) -> bool:
    """A marker opens a new element when it is next in sequence or starts a fresh paragraph.

    A table's cell printed on a line of its own (the units or the time limit of a row) ends
    its row as a full sentence does.
    """
    if value is None:
        return False
    return (
        value in {1, last + 1}
        or previous is None
        or ends_complete(previous)
        or _cell_kind(previous) is not None
    )


#: A time limit standing alone as a table's cell: 2020年12月, 2021年底前, 6月底, 长期坚持.
_TIME_CELL = re.compile(
    r"^(?:(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上半年|下半年|年内|年底|月底|底)?(?:前|以前|之前|完成)?"
    r"|长期(?:坚持|推进)?|持续(?:推进|实施|开展)?)$"
)


def _cell_kind(line: Line) -> str | None:
    """Whether *line* is a row's cell printed alone: "units" (市财政局等,各县政府) or "time"."""
    clean = squeeze(line.clean)
    if not clean or len(clean) > _CELL_MAX or any(mark in clean for mark in "。:;"):
        return None
    if re.search(r"\d", clean) and _TIME_CELL.match(clean):
        return "time"
    if clean in {"长期", "长期坚持", "持续推进"}:
        return "time"
    if (
        not responsibility_line(clean)
        and any(mark in clean for mark in "、,等")
        and units_cell(clean)
    ):
        return "units"
    return None


#: A cell printed on a line of its own is at most this long.
_CELL_MAX = 80


def _heading_only(rest: str) -> bool:
    clean = squeeze(rest)
    return 0 < len(clean) <= SHORT_LINE and "。" not in clean and not clean.endswith(")")


#: A task marker before a figure (2.50个小区…): the same print as a decimal (2.50).
_FIGURE_TASK = re.compile(r"^\s*(?P<num>\d{1,3})\s*[.．](?=\d+[^\d\s.．、%])")
#: An article (第一条 …) of measures or rules: a task numbered as printed.
ARTICLE_MARK = re.compile(
    r"^\s*(?P<num>第[一二三四五六七八九十百零〇]{1,5}条)(?:\s+|[:、]|(?=[\u4e00-\u9fff]))"
)
#: A task numbered in outline under its part (1.1 / 2.3、), the space or 、 after it required.
OUTLINE_MARK = re.compile(r"^\s*(?P<num>\d{1,2}[.．](?P<minor>\d{1,2}))(?:\s+|、)(?=\S)")


def _plain_task(line: Line, cursor: _Cursor) -> tuple[Element, int] | None:
    """A task whose marker the usual forms do not read, with its place in the sequence.

    第一条 …, 1.1 …, and a number then a figure (2.50个小区新增…), read so only as the next
    task at the start of a paragraph: 2.5亿元 broken over two lines stays text.
    """
    for pattern in (ARTICLE_MARK, OUTLINE_MARK):
        match = pattern.match(line.raw)
        if match is None:
            continue
        value = (
            int(match["minor"]) if pattern is OUTLINE_MARK else cn_number(match["num"][1:-1]) or 0
        )
        if not _accept(value, cursor.task_number, cursor.previous):
            return None
        number = re.sub(r"\s+", "", match["num"]).replace("．", ".")
        return Element(number, [Line(line.number, line.raw[match.end() :])]), value
    match = _FIGURE_TASK.match(line.raw)
    if (
        match is None
        or cursor.task is None
        or int(match["num"]) != cursor.task_number + 1
        or cursor.previous is None
        or not ends_complete(cursor.previous)
    ):
        return None
    element = Element(match["num"], [Line(line.number, line.raw[match.end() :])])
    return element, cursor.task_number + 1


def read_tasks(lines: list[Line], title: str | None = None) -> list[Group]:  # noqa: C901, PLR0912, PLR0915 - one branch per marker
    """Read a 工作任务 section (titled *title*) into groups, sub-groups, tasks and items."""
    groups: list[Group] = []
    cursor = _Cursor()
    for index, line in enumerate(lines):
        light = line.light
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        group = GROUP_MARK.match(light)
        task = TASK_MARK.match(light)
        item = ITEM_MARK.match(light)
        plain = None if task or group else _plain_task(line, cursor)
        if plain is not None:
            if cursor.group is None:
                cursor.group = Group(Element(None, []), fallback=title)
                groups.append(cursor.group)
            cursor.sub = cursor.item = None
            cursor.task, cursor.task_number = plain
            cursor.group.tasks.append(cursor.task)
            cursor.items_are_tasks = False
        elif group and _accept(cn_number(group["num"]), cursor.group_number, cursor.previous):
            number, rest = strip_marker(line)
            cursor.group = Group(Element(number, [rest]))
            groups.append(cursor.group)
            cursor.sub = cursor.task = cursor.item = None
            cursor.items_are_tasks = False
            cursor.group_number = cn_number(group["num"]) or 0
        elif task and _accept(int(task["num"]), cursor.task_number, cursor.previous):
            number, rest = strip_marker(line)
            if cursor.group is None:
                cursor.group = Group(Element(None, []), fallback=title)
                groups.append(cursor.group)
            following = ITEM_MARK.match(nxt.light) if nxt is not None else None
            if following and _heading_only(task["rest"]):
                cursor.sub = Group(Element(number, [rest]))
                cursor.group.groups.append(cursor.sub)
                cursor.task = cursor.item = None
            else:
                cursor.sub = None
                cursor.task = Element(number, [rest])
                cursor.group.tasks.append(cursor.task)
                cursor.item = None
            cursor.items_are_tasks = False
            cursor.task_number = int(task["num"])
        elif item and _accept(
            int(item["num"]) if item["num"] else CIRCLED.index(item["circled"]) + 1,
            cursor.item_number,
            cursor.previous,
        ):
            number, rest = strip_marker(line)
            if cursor.group is None:
                cursor.group = Group(Element(None, []), fallback=title)
                groups.append(cursor.group)
            circled = bool(item["circled"])
            if cursor.sub is not None and not circled:
                cursor.task = Element(number, [rest])
                cursor.sub.tasks.append(cursor.task)
                cursor.item = None
            elif cursor.task is not None and (circled or not cursor.items_are_tasks):
                cursor.item = Element(number, [rest], kind=TaskKind.ITEM)
                cursor.task.items.append(cursor.item)
            else:
                cursor.task = Element(number, [rest])
                cursor.group.tasks.append(cursor.task)
                cursor.item = None
                cursor.items_are_tasks = not circled
            cursor.item_number = (
                int(item["num"]) if item["num"] else CIRCLED.index(item["circled"]) + 1
            )
        else:
            target = cursor.item or cursor.task
            if target is None and cursor.sub is not None:
                target = cursor.sub.heading
            if target is None and cursor.group is not None:
                target = cursor.group.heading
            cell = _cell_kind(line) if target is not None and target.lines else None
            if target is not None and cell == "units" and not target.units:
                # the units of the row, in a cell of their own: jointly responsible
                target.units = [(name, Role.RESPONSIBLE) for name in split_units(line.clean)]
                target.notes.append(
                    "The row's units are printed without 牵头 or 配合: read as jointly "
                    "responsible; check the role."
                )
            elif target is None:
                cursor.group = Group(Element(None, [line]), fallback=title)
                groups.append(cursor.group)
            elif not target.lines:
                target.lines.append(line)
            else:
                assert cursor.previous is not None  # noqa: S101 - a line came before
                target.add(line, cursor.previous)
        cursor.previous = line
    return [
        _closing_notes(_without_provisions(g))
        for g in groups
        if g.heading.lines or g.tasks or g.groups
    ]


#: An article about the document itself: when it takes effect, who interprets it, what it
#: replaces (本措施自2025年1月1日起施行, 本办法由市财政局负责解释).
_OWN_PROVISION = re.compile(
    r"^本(?:措施|政策措施|若干措施|办法|方案|实施方案|意见|实施意见|细则|实施细则|规定|通知|计划)"
    r"(?:自|从|由|有效期|所称|未尽|与|执行期|施行|印发)"
)


def _without_provisions(group: Group) -> Group:
    """*group* without the closing articles on the document itself, which assign no work."""
    kept = list(group.tasks)
    while kept and not kept[-1].items and _OWN_PROVISION.match(kept[-1].lines[0].light):
        provision = kept.pop()
        group.notes.insert(
            0,
            f"{provision.number or 'The last item'} (line {provision.line}) is a provision on "
            "the document itself (when it takes effect, who interprets it), not a task.",
        )
    group.tasks = kept
    return group


#: The fewest items a closing unit line is read as the units of (with one, it is the item's own).
_LIST_OF_ITEMS = 2
#: Words that make a task's text say who is responsible for it.
_ROLE_WORDS = re.compile(r"牵头|责任单位|配合|负责")


def _closing_note(sub: Group) -> Line | None:
    """The responsibility line that closes a heading's list of items, if one does.

    1.完善预案体系 / (1)… (2)… (3)… / (责任单位:X、Y): the line after the last item, with no
    unit named in the items before it, gives the units of the heading and all its items.
    """
    if len(sub.tasks) < _LIST_OF_ITEMS or sub.groups or any(task.items for task in sub.tasks):
        return None
    last = sub.tasks[-1]
    if len(last.lines) == 1 or not responsibility_line(last.lines[-1].clean):
        return None
    note = last.lines[-1]
    lines = [line for task in sub.tasks for line in task.lines if line is not note]
    if any(_ROLE_WORDS.search(line.clean) for line in lines):
        return None
    return note


def _closing_notes(group: Group) -> Group:
    """A group whose numbered headings each close their list of items with one unit line.

    Such a heading is a task and its (1) (2) lines are its items (the note names the units of
    all of them), not a sub-group of tasks.  The reading is made for the whole group, so that
    one document's headings are all read alike, and only when the group holds nothing else.
    """
    if group.tasks or not group.groups or not any(_closing_note(sub) for sub in group.groups):
        return group
    if any(sub.groups or any(task.items for task in sub.tasks) for sub in group.groups):
        return group
    tasks: list[Element] = []
    for sub in group.groups:
        note = _closing_note(sub)
        items = []
        for task in sub.tasks:
            lines, separators = list(task.lines), list(task.separators)
            if note is not None and lines[-1] is note:
                lines, separators = lines[:-1], separators[:-1]
            items.append(Element(task.number, lines, separators, kind=TaskKind.ITEM))
        heading = sub.heading
        lines = [*heading.lines, *([note] if note is not None else [])]
        separators = [*heading.separators, *(["\n"] if note is not None else [])]
        tasks.append(Element(heading.number, lines, separators, items=items, notes=heading.notes))
    return Group(group.heading, tasks, [], group.fallback)


def objective_elements(lines: list[Line]) -> list[Element]:
    """Headline objectives: sections "(一)…", "——…" or "1." with the paragraphs that follow.

    Where no section is marked, each paragraph is an objective of its own.
    """
    elements: list[Element] = []
    previous: Line | None = None
    last = 0
    for line in lines:
        light = line.light
        group = GROUP_MARK.match(light)
        dash = DASH_MARK.match(light)
        numbered = TASK_MARK.match(light)
        value = cn_number(group["num"]) if group else None
        if numbered and not group and not dash:
            value = int(numbered["num"])
        if ((group or numbered) and _accept(value, last, previous)) or dash:
            number, rest = strip_marker(line)
            elements.append(Element(number, [rest]))
            if value is not None:
                last = value
        elif (
            elements
            and previous is not None
            and (elements[-1].number is not None or not ends_complete(previous))
        ):
            elements[-1].add(line, previous)
        else:
            elements.append(Element(None, [line]))
        previous = line
    return elements


def section_paragraphs(lines: list[Line]) -> list[Para]:
    """Paragraphs of a section: broken lines joined, numbered lines and headings apart.

    A numbered line always starts a paragraph, and so does the line after a numbered heading
    such as (一)指导思想.
    """
    marked: list[int] = []
    for index, line in enumerate(lines):
        match = (
            GROUP_MARK.match(line.light)
            or TASK_MARK.match(line.light)
            or DASH_MARK.match(line.light)
        )
        if match is None:
            continue
        marked.append(line.number)
        if index + 1 < len(lines) and _heading_only(match["rest"]):
            marked.append(lines[index + 1].number)
    return paragraphs(lines, marked)
