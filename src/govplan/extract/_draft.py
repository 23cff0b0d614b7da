"""The draft: a :class:`~govplan.Campaign` built from what the earlier stages read.

The text (:mod:`._text`) is read into a document (:mod:`._structure`, with the notice of
:mod:`._notice` and the tables of :mod:`._tables`); the responsibility notes
(:mod:`._responsibilities`), targets and deadlines (:mod:`._indicators`) of each element are
read here, where the campaign, its battles, tasks, units and allocations are assembled.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import PurePath

import attrs

from govplan._reading_direction import direction_for
from govplan._regions import named, parent
from govplan._text import squeeze
from govplan.dates import FIRST_YEAR, LAST_YEAR
from govplan.errors import ExtractError
from govplan.extract._deadlines import find_deadlines
from govplan.extract._indicators import find_indicators, stated_targets
from govplan.extract._irregularities import NAMED_TWICE, find_irregularities
from govplan.extract._notice import blanket_conventions, cited_plans, first_listed_convention
from govplan.extract._organisation import leadership_group, work_team
from govplan.extract._responsibilities import (
    Note,
    Registry,
    find_notes,
    unit_key,
    unit_kind,
)
from govplan.extract._structure import (
    BattleDraft,
    Document,
    LeadHeading,
    TopSection,
    battle_name,
    is_plan,
    read_document,
)
from govplan.extract._tables import (
    AllocationTable,
    DecompositionTable,
    TableRow,
    TabTable,
)
from govplan.extract._tasks import Element, Group, objective_elements, section_paragraphs
from govplan.extract._text import Line, Para, display, join_paras, split_lines
from govplan.model import (
    SCHEMA_VERSION,
    Allocation,
    AllocationRow,
    Battle,
    Campaign,
    Convention,
    ConventionKind,
    DocumentKind,
    Indicator,
    Milestone,
    Objective,
    Organisation,
    PlanReference,
    Region,
    RegionLevel,
    Section,
    Source,
    Task,
    TaskGroup,
    TaskKind,
)
from govplan.org import Responsibility, ResponsibilitySet, Role, Unit

#: The most targets read from one text (a task's, a group's, an objective's, a table row's);
#: the seed documents' richest has 18.  The rest are counted in the element's notes.
MAX_INDICATORS = 64
#: The most deadlines read from one text (the seed documents' richest has 2); the rest are
#: counted in the element's notes.  With both limits a draft's targets and deadlines grow with
#: the number of texts, never with what one text repeats.
MAX_MILESTONES = 16
#: The most inline sub-items (一是…二是…) split out of one task (the seed documents' richest
#: has 3); the rest stay in the task's text, counted in its notes.
MAX_INLINE_ITEMS = 32

_INLINE_ITEM = re.compile(r"(?:^|(?<=[。;:,]))(?P<marker>[一二三四五六七八九十]是)")
_GROUP_REMARK = re.compile(r"\((?P<remark>[^()]{6,})\)$")
_GROUP_MARK = re.compile(r"^\([一二三四五六七八九十]{1,3}\)")
_OBJECTIVE_HEADING = re.compile(r"^\([一二三四五六七八九十]{1,3}\)\s*\S{0,6}目标[。:]?$")
_UNMATCHED_ROWS = (
    "Rows of a task-decomposition table whose labels name no task of the attachment: check "
    "where they belong."
)
_INLINE_NOTE = "An inline sub-item (一是/二是…); the task's notes and targets stay with the task."
_GROUPED_NOTE = (
    "Spellings grouped by the extractor (short forms, a level prefix, a parenthesis): check "
    "they name one office."
)


@dataclass
class _Builder:
    """Turns the layout of a document into a campaign, keeping ids, units and notes together."""

    document: Document
    year: int
    registry: Registry = field(default_factory=Registry)
    allocations_seen: list[Allocation] = field(default_factory=list)
    #: Rows of tables printed as attachments of their own, by the task element they detail.
    attached: dict[int, list[TableRow]] = field(default_factory=dict)

    # ---- responsibilities -------------------------------------------------------------

    def rset(self, note: Note, applies_to: str | None = None) -> ResponsibilitySet:
        """One note as a responsibility set: each unit once per role, none lead and cooperating."""
        notes = list(note.notes)
        leads = {unit_key(name) for name, role in note.assignments if role is Role.LEAD}
        seen: set[tuple[str, Role]] = set()
        assignments: list[Responsibility] = []
        for name, role in note.assignments:
            key = unit_key(name)
            if role is Role.COOPERATING and key in leads:
                notes.append(f"{name} is named as lead and again as cooperating; kept as lead.")
                continue
            if (key, role) in seen:
                notes.append(NAMED_TWICE.format(unit=name))
                continue
            seen.add((key, role))
            self.registry.add(name)
            assignments.append(Responsibility(unit=name, role=role))
        return ResponsibilitySet(
            assignments=tuple(assignments),
            text=note.text or None,
            applies_to=applies_to or None,
            notes=tuple(notes),
        )

    def rsets(self, para: Para, notes: list[Note], start: int) -> list[ResponsibilitySet]:
        """The notes of a text; with several, each tied to the part of the text it closes."""
        result: list[ResponsibilitySet] = []
        position = start
        for note in notes:
            applies = display(para.span(position, note.start)) if len(notes) > 1 else None
            result.append(self.rset(note, applies))
            position = note.end
        return result

    # ---- values -----------------------------------------------------------------------

    def indicators(self, para: Para, notes: list[str], start: int = 0) -> list[Indicator]:
        """The targets of a text as indicators (at most MAX_INDICATORS, the rest in *notes*)."""
        found = find_indicators(para, start, limit=MAX_INDICATORS, year=self.year)
        if found.left:
            notes.append(
                f"{found.left} more numbers with a unit are not read as targets: the extractor "
                f"reads at most {MAX_INDICATORS} from one text; add the ones that are by hand."
            )
        return [
            Indicator(
                name=item.name,
                kind=item.kind,
                phrase=item.phrase or str(item.target),
                target=item.target,
                direction=direction_for(item.kind, item.phrase or str(item.target), item.target),
                comparator=item.comparator,
                modality=item.modality,
                source_line=item.line,
                notes=tuple(item.notes),
            )
            for item in found.items
        ]

    def milestones(self, para: Para, notes: list[str], start: int = 0) -> list[Milestone]:
        """The deadlines of a text as milestones (at most MAX_MILESTONES, the rest in *notes*)."""
        found = find_deadlines(para, self.year, start, limit=MAX_MILESTONES)
        if found.left:
            notes.append(
                f"{found.left} more deadline phrases are not read as milestones: the extractor "
                f"reads at most {MAX_MILESTONES} from one text; add the ones that are by hand."
            )
        return [
            Milestone(
                phrase=item.phrase,
                due=item.deadline.due,
                precision=item.deadline.precision,
                source_line=item.line,
            )
            for item in found.items
        ]

    # ---- tasks --------------------------------------------------------------------------

    @staticmethod
    def title(para: Para, notes: list[Note], limit: int | None = None) -> tuple[str, int]:
        """The heading (text before the first 。 or note) and where it ends (folded)."""
        clean = para.clean
        end = clean.find("。")
        end = len(clean) if end < 0 else end
        if limit is not None:
            end = min(end, limit)
        for note in notes:
            if note.start < end:
                end = note.start
                break
        title = display(para.span(0, end)).rstrip(":：,，")
        return title, end

    def task(
        self,
        element: Element,
        ident: str,
        rows: dict[int, list[TableRow]],
        kind: TaskKind | None = None,
        *,
        numbered: bool = True,
        title: str | None = None,
    ) -> Task:
        """A task (or item) from an element, with its items and table rows."""
        para = element.para
        notes = find_notes(para)
        heading, heading_end = self.title(para, notes)
        task_notes = list(element.notes)
        if not heading:
            heading = display(para.raw)[:30] or "(无标题)"
            task_notes.append("The task has no heading before its first 。 or note.")
        subtasks: list[Task] = []
        if element.items:
            for index, item in enumerate(element.items, start=1):
                subtasks.append(self.task(item, f"{ident}.i{index}", {}, item.kind))
        else:
            subtasks.extend(self.inline_items(para, notes, ident, task_notes))
        for index, row in enumerate(rows.get(id(element), []), start=1):
            subtasks.append(self.row(row, f"{ident}.r{index}"))
        indicators = self.indicators(para, task_notes)
        milestones = self.milestones(para, task_notes)
        rsets = self.rsets(para, notes, heading_end + 1)
        if element.units:
            rsets.append(self.rset(Note(start=0, end=0, text="", assignments=element.units)))
        return Task(
            id=ident,
            number=element.number if numbered else None,
            title=title or heading,
            text=para.raw,
            kind=kind or element.kind,
            responsibilities=tuple(rsets),
            indicators=tuple(indicators),
            milestones=tuple(milestones),
            subtasks=tuple(subtasks),
            source_line=element.line,
            notes=tuple(task_notes),
        )

    def inline_items(
        self, para: Para, notes: list[Note], ident: str, task_notes: list[str]
    ) -> list[Task]:
        """Sub-items written inline (一是…二是…三是…), when a task has two or more.

        At most MAX_INLINE_ITEMS; the rest stay in the task's text, counted in *task_notes*.
        """
        clean = para.clean
        markers = list(_INLINE_ITEM.finditer(clean))
        if len(markers) < 2 or markers[0]["marker"] != "一是" or markers[1]["marker"] != "二是":  # noqa: PLR2004
            return []
        limit = next((n.start for n in notes if n.start > markers[-1].end()), len(clean))
        if len(markers) > MAX_INLINE_ITEMS:
            task_notes.append(
                f"{len(markers) - MAX_INLINE_ITEMS} more inline sub-items (一是/二是…) are not "
                f"split out: the extractor splits at most {MAX_INLINE_ITEMS}; they stay in the "
                "task's text."
            )
            limit = markers[MAX_INLINE_ITEMS].start()
            del markers[MAX_INLINE_ITEMS:]
        starts = [n.start for n in notes]  # find_notes gives them in order
        items: list[Task] = []
        for index, marker in enumerate(markers):
            start = marker.end()
            end = markers[index + 1].start() if index + 1 < len(markers) else limit
            sub = para.sub(start, end)
            sub_notes = notes[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
            heading, _ = self.title(sub, [])
            items.append(
                Task(
                    id=f"{ident}.i{index + 1}",
                    number=marker["marker"],
                    title=heading or marker["marker"],
                    text=sub.raw,
                    kind=TaskKind.ITEM,
                    responsibilities=tuple(self.rset(n) for n in sub_notes),
                    source_line=para.line_at(marker.start()),
                    notes=(_INLINE_NOTE,),
                )
            )
        return items

    def row(self, row: TableRow, ident: str) -> Task:
        """A row of a task-decomposition table as a sub-task."""
        para = row.text
        heading, _ = self.title(para, [])
        title = row.title or heading or display(para.raw)[:30] or "(无标题)"
        assignments = Note(start=0, end=0, text="", assignments=row.units)
        rsets = [self.rset(assignments)] if row.units else []
        notes = list(row.notes)
        if row.labels:
            notes.append(f"Table labels: {' / '.join(row.labels)}.")
        indicators = self.indicators(para, notes)
        milestones = self.milestones(para, notes)
        for _, extra in row.extras:
            milestones.extend(self.milestones(extra, notes))
        return Task(
            id=ident,
            number=row.number,
            title=title,
            text=para.raw,
            kind=TaskKind.TABLE_ROW,
            responsibilities=tuple(rsets),
            indicators=tuple(indicators),
            milestones=tuple(milestones),
            source_line=row.line,
            notes=tuple(notes),
        )

    def group(self, group: Group, ident: str, rows: dict[int, list[TableRow]]) -> TaskGroup:
        """A task group with its tasks and sub-groups."""
        tasks = [
            self.task(task, f"{ident}.t{index}", rows)
            for index, task in enumerate(group.tasks, start=1)
        ]
        subgroups = [
            self.group(sub, f"{ident}.s{index}", rows)
            for index, sub in enumerate(group.groups, start=1)
        ]
        if not group.heading.lines:
            first = next((t.source_line for t in tasks), None)
            return TaskGroup(
                id=ident,
                title=group.fallback or "工作任务",
                tasks=tuple(tasks),
                groups=tuple(subgroups),
                source_line=first,
                notes=(
                    "The tasks stand under no group heading; the group is the section.",
                    *group.notes,
                ),
            )
        para = group.heading.para
        notes = find_notes(para)
        limit = para.first_line_end
        title, end = self.title(para, notes, limit)
        group_notes = list(group.notes)
        remark = _GROUP_REMARK.search(squeeze(title))
        if remark and not group.heading.lines[0].clean.endswith("。"):
            group_notes.append(
                f"The heading ends with a remark, kept in the title: ({remark['remark']})."
            )
        heading_notes = [n for n in notes if n.start <= end + 1 and n.end <= limit + 1]
        body_start = end + 1 if end < len(para.clean) and para.clean[end] == "。" else end
        body_start = max([body_start, *(n.end for n in heading_notes)])
        text = para.tail(body_start) or None
        responsibilities = [self.rset(n) for n in heading_notes]
        indicators = self.indicators(para, group_notes, body_start) if text else []
        if not tasks and not subgroups and text:
            tasks = [self.task(group.heading, f"{ident}.t1", rows, numbered=False, title=title)]
            text, responsibilities, indicators = None, [], []
            group_notes.append(
                "The group prints no numbered tasks: its paragraph is read as its single task."
            )
        return TaskGroup(
            id=ident,
            number=group.heading.number,
            title=title or "(无标题)",
            text=text,
            responsibilities=tuple(responsibilities),
            indicators=tuple(indicators),
            tasks=tuple(tasks),
            groups=tuple(subgroups),
            source_line=group.heading.line if group.heading.lines else None,
            notes=tuple(group_notes),
        )

    def led(self, source: Group, group: TaskGroup, leads: dict[int, LeadHeading]) -> TaskGroup:
        """*group* with the lead its heading names for every task under it, if it names one."""
        lead = leads.get(id(source))
        if lead is None:
            return group
        return _with_heading_lead(self, group, lead, self.document.stops_at is not None)

    # ---- battles ------------------------------------------------------------------------

    def battle(
        self, draft: BattleDraft, overview: Element | None
    ) -> tuple[Battle, list[Allocation]]:
        """A battle from its attachment, with the allocation tables it holds."""
        ident = f"b{draft.number}"
        region = self.document.notice.region
        name = battle_name(draft.entry_title or draft.title or f"附件{draft.number}", region)
        rows, unmatched = self.match_rows(draft)
        groups = [
            self.led(group, self.group(group, f"{ident}.g{index}", rows), draft.lead_headings)
            for index, group in enumerate(draft.groups, start=1)
        ]
        for table, table_rows in unmatched:
            gid = f"{ident}.g{len(groups) + 1}"
            groups.append(
                TaskGroup(
                    id=gid,
                    title=table.title or "任务分解表",
                    tasks=tuple(
                        self.row(row, f"{gid}.r{i}") for i, row in enumerate(table_rows, 1)
                    ),
                    source_line=table.line,
                    notes=(_UNMATCHED_ROWS,),
                )
            )
        objectives: list[Objective] = []
        if draft.objectives:
            para = join_paras(draft.objectives)
            objective_notes: list[str] = []
            objectives.append(
                Objective(
                    text=para.raw or "(空)",
                    indicators=tuple(self.indicators(para, objective_notes)),
                    source_line=para.line,
                    notes=tuple(objective_notes),
                )
            )
        notes = list(draft.notes)
        mechanisms = join_paras(draft.mechanisms) if draft.mechanisms else None
        team = work_team(draft.mechanisms, self.registry)
        allocations = [
            self.allocation(table, f"a{len(self.allocations_seen) + i + 1}", ident)
            for i, table in enumerate(t for t in draft.tables if isinstance(t, AllocationTable))
        ]
        self.allocations_seen.extend(allocations)
        overview_section: Section | None = None
        if overview is not None and not draft.from_paragraph:
            opara = overview.para
            _, end = self.title(opara, [])
            overview_text = opara.tail(end + 1) or display(opara.raw) or None
            if overview_text:
                overview_section = self.section(opara, overview_text, overview.line)
        battle = Battle(
            id=ident,
            number=draft.number,
            name=name or f"附件{draft.number}",
            attachment_title=draft.title or draft.entry_title,
            attachment_label=draft.label,
            preamble=draft.preamble.raw if draft.preamble else None,
            overview=overview_section,
            objectives=tuple(objectives),
            groups=tuple(groups),
            work_team=team,
            mechanisms=(
                self.section(mechanisms, mechanisms.raw, mechanisms.line)
                if mechanisms and mechanisms.raw
                else None
            ),
            source_line=draft.line,
            notes=tuple(notes),
        )
        return battle, allocations

    def section(self, para: Para, text: str, line: int | None) -> Section:
        """A passage with the targets and deadlines it states (overviews, mechanisms)."""
        notes: list[str] = []
        return Section(
            text=text,
            indicators=tuple(self.indicators(para, notes)),
            milestones=tuple(self.milestones(para, notes)),
            source_line=line,
            notes=tuple(notes),
        )

    def match_rows(
        self, draft: BattleDraft
    ) -> tuple[dict[int, list[TableRow]], list[tuple[DecompositionTable, list[TableRow]]]]:
        """Attach each decomposition row to the task its labels name (by title likeness)."""
        tasks = list(_walk_elements(draft.groups))
        headings = _Headings.of(tasks)
        rows: dict[int, list[TableRow]] = {
            id(element): list(self.attached.get(id(element), [])) for element in tasks
        }
        unmatched: list[tuple[DecompositionTable, list[TableRow]]] = []
        for table in draft.tables:
            if not isinstance(table, DecompositionTable):
                continue
            left: list[TableRow] = []
            for row in table.rows:
                element = _best_task(headings, row)
                if element is None:
                    left.append(row)
                else:
                    rows.setdefault(id(element), []).append(row)
            if left:
                unmatched.append((table, left))
        return rows, unmatched

    def allocation(self, table: AllocationTable, ident: str, battle: str | None) -> Allocation:
        """An allocation table."""
        rows = []
        for index, row in enumerate(table.rows, start=1):
            rows.append(
                AllocationRow(
                    id=f"{ident}.r{index}",
                    name=row.name,
                    unit=row.unit,
                    parts=tuple(row.parts),
                    total=row.total,
                    number=row.number,
                    category=row.category,
                    parent=f"{ident}.r{row.parent + 1}" if row.parent is not None else None,
                    source_line=row.line,
                    notes=tuple(row.notes),
                )
            )
        return Allocation(
            id=ident,
            title=table.title or "分配表",
            columns=tuple(table.columns),
            rows=tuple(rows),
            total_label=table.total_label,
            battle=battle,
            source_line=table.line,
            notes=tuple(table.notes),
        )

    # ---- the whole plan -----------------------------------------------------------------

    def sections(self, pattern: str) -> list[TopSection]:
        """Sections of the general plan whose title matches *pattern*."""
        return [s for s in self.document.sections if re.search(pattern, s.title)]

    def objectives(self) -> list[Objective]:
        """Headline objectives (主要目标 / 攻坚目标), one per section."""
        result: list[Objective] = []
        taken = self.document.part_lines  # a breakdown's targets are its tasks, not objectives
        blocks = [s.lines for s in self.sections("目标") if s.line not in taken] or (
            _objective_blocks(self.document)
        )
        for lines in blocks:
            for element in objective_elements(lines):
                para = element.para
                if element.number is None:
                    title, start = "", 0
                else:
                    title, end = self.title(para, [], para.first_line_end)
                    start = end + 1 if end < len(para.clean) and para.clean[end] == "。" else end
                text = para.tail(start)
                notes: list[str] = []
                indicators = self.indicators(para, notes)
                result.append(
                    Objective(
                        number=element.number,
                        title=title or None,
                        text=text or display(para.raw) or "(空)",
                        indicators=tuple(indicators),
                        source_line=element.line,
                        notes=tuple(notes),
                    )
                )
        stated = (
            None if blocks or not self.document.preamble else stated_targets(self.document.preamble)
        )
        if stated is not None:  # 主要预期目标是:… in running text, beside last year's results
            notes = []
            indicators = self.indicators(stated, notes)
            result.append(
                Objective(
                    text=display(stated.raw) or "(空)",
                    indicators=tuple(indicators),
                    source_line=stated.line,
                    notes=tuple(notes),
                )
            )
        return result

    def overviews(self) -> list[Element]:
        """The battles' paragraphs in the general plan (重点任务)."""
        found: list[Element] = []
        for section in self.sections("任务|重点|攻坚|行动"):
            if re.search("目标", section.title):
                continue
            found.extend(e for e in objective_elements(section.lines) if e.number)
        return found

    def organisation(self) -> Organisation | None:
        """How the campaign is led (组织实施), with its leadership group when named."""
        sections = self.sections("组织|实施|保障|要求|机制")
        sections = [s for s in sections if not re.search("目标|任务|重点", s.title)]
        if not sections:
            return None
        paras = [p for s in sections for p in section_paragraphs(s.lines)]
        if not paras:
            return None
        para = join_paras(paras)
        leader = leadership_group(paras, self.registry)
        notes: list[str] = []
        return Organisation(
            leadership_group=leader,
            text=para.raw,
            indicators=tuple(self.indicators(para, notes)),
            milestones=tuple(self.milestones(para, notes)),
            source_line=sections[0].line,
            notes=tuple(notes),
        )

    def parent_plans(self) -> list[PlanReference]:
        """Higher plans cited in the general plan's and the attachments' preambles."""
        preambles = [self.document.preamble] + [b.preamble for b in self.document.battles]
        seen: set[str] = set()
        result: list[PlanReference] = []
        own = squeeze(self.document.notice.title or "")
        for para in preambles:
            if para is None:
                continue
            for cited in cited_plans(para.raw, para.line):
                key = squeeze(cited.title)
                if key in seen or key == own:
                    continue
                seen.add(key)
                result.append(
                    PlanReference(
                        title=cited.title,
                        document_number=cited.number,
                        source_line=cited.line,
                    )
                )
        return result

    def units(self) -> list[Unit]:
        """The unit registry: every unit named, spellings of one office grouped."""
        result: list[Unit] = []
        for ident, name, aliases in self.registry.groups():
            notes: tuple[str, ...] = ()
            if aliases or name != ident:
                notes = (_GROUPED_NOTE,)
            result.append(
                Unit(id=ident, name=name, kind=unit_kind(name), aliases=tuple(aliases), notes=notes)
            )
        return result


def _walk_elements(groups: Iterable[Group]) -> Iterable[Element]:
    for group in groups:
        yield from group.tasks
        yield from _walk_elements(group.groups)
        if not group.tasks and not group.groups:
            yield group.heading


def _likeness(label: str, title: str) -> float:
    """Share of the label found, in order, in the title (交通惠民项目 in 实施交通惠民工程)."""
    left, right = squeeze(label).rstrip("。"), squeeze(title).rstrip("。")
    if not left or not right:
        return 0.0
    blocks = SequenceMatcher(None, left, right, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= 2) / len(left)  # noqa: PLR2004


#: How much of a table label must be found in a task's heading for the row to detail the task.
_LIKENESS = 0.6
#: How many headings are compared in full with a label that no heading holds whole.
_CANDIDATES = 8


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


@dataclass
class _Headings:
    """Task headings, with their bigrams, to find the task a table label names."""

    entries: list[tuple[Element, str, set[str]]]

    @classmethod
    def of(cls, tasks: list[Element]) -> _Headings:
        """Index the headings of *tasks*."""
        entries = []
        for element in tasks:
            clean = element.para.clean
            cut = clean.find("。")
            heading = clean[: cut if cut >= 0 else min(len(clean), 40)]
            entries.append((element, heading, _bigrams(squeeze(heading))))
        return cls(entries)


def _best_task(headings: _Headings, row: TableRow) -> Element | None:
    """The task whose heading the row's innermost matching label names, if any.

    A heading that holds the whole label wins (the one numbered as the row first); otherwise
    the headings sharing most pairs of characters with the label are compared in full.
    """
    best: tuple[float, Element] | None = None
    for label in reversed(row.labels):
        key = squeeze(label).rstrip("。")
        holding = [(e, h) for e, h, _ in headings.entries if key and key in h]
        if holding:
            holding.sort(key=lambda item: (item[0].number != row.number, len(item[1])))
            return holding[0][0]
        wanted = _bigrams(key)
        ranked = sorted(
            ((len(wanted & bigrams), n) for n, (_, _, bigrams) in enumerate(headings.entries)),
            reverse=True,
        )
        for shared, index in ranked[:_CANDIDATES]:
            if shared < len(wanted) * _LIKENESS / 2:
                break
            element, heading, _ = headings.entries[index]
            score = _likeness(label, heading)
            if element.number == row.number:
                score += 0.01
            if score >= _LIKENESS and (best is None or score > best[0]):
                best = (score, element)
        if best is not None:
            return best[1]
    return None


def _campaign_id(source: str | None, year: int) -> str:
    stem = PurePath(source).stem.lower() if source else ""
    stem = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return stem or f"draft-{year}"


def draft(text: str, *, source: str | None, year: int | None) -> Campaign:
    """The draft campaign of *text*, which the public :func:`govplan.extract` has checked."""
    document = read_document(text, year)
    refusal = is_plan(document, split_lines(text))
    if refusal is not None:
        raise ExtractError(f"{source or 'the text'}: {refusal}")
    notice = document.notice
    notes = list(notice.notes) + list(document.notes)
    notes.append(f"document kind: {document.kind} ({document.kind_reason})")
    plan_year = notice.year or year
    if plan_year is not None and not FIRST_YEAR <= plan_year <= LAST_YEAR:
        notes.append(f"The document's year {plan_year} is no plan year; it is not used.")
        plan_year = year
    if plan_year is None:
        plan_year = dt.datetime.now(tz=dt.UTC).year
        notes.append(f"No plan year is printed; {plan_year} is assumed.")
    builder = _Builder(document, plan_year)
    notes.extend(_attach_tables(builder, document))
    overviews = builder.overviews()
    battles: list[Battle] = []
    allocations: list[Allocation] = []
    for index, draft in enumerate(document.battles):
        overview = overviews[index] if index < len(overviews) else None
        battle, tables = builder.battle(draft, overview)
        battles.append(battle)
        allocations.extend(tables)
    battles, groups = _parts(builder, document, battles)
    battles = _with_table_responsibilities(builder, battles, document)
    found = [
        *(t for b in battles for t in b.walk_tasks()),
        *(t for g in groups for t in g.walk_tasks()),
    ]
    notes.extend(_end_notes(document, found))
    for table in document.tables:
        if isinstance(table, AllocationTable):
            allocation = builder.allocation(table, f"a{len(allocations) + 1}", None)
            allocations.append(allocation)
    objectives = builder.objectives()
    organisation = builder.organisation()
    guiding = [
        p for s in builder.sections("指导思想|总体要求") for p in section_paragraphs(s.lines)
    ]
    title = re.sub(r"\s+", "", notice.title or "") or "未命名方案"
    notes.append(
        "Draft made by govplan.extract: review every element against the document; the id is a "
        "placeholder for the pinyin place name and year."
    )
    campaign = Campaign(
        schema_version=SCHEMA_VERSION,
        id=_campaign_id(source, plan_year),
        title=title,
        kind=DocumentKind(document.kind),
        campaign_name=(
            notice.campaign_name or title
            if document.kind == DocumentKind.CAMPAIGN_PLAN
            else notice.campaign_name
        ),
        year=plan_year,
        region=_region(document, notes),
        notice_title=notice.notice_title,
        issuer=notice.issuer,
        document_number=notice.document_number,
        issue_date=notice.issue_date,
        publication_date=notice.publication_date,
        addressees=tuple(notice.addressees),
        preamble=document.preamble.raw if document.preamble else None,
        guiding_ideology=join_paras(guiding).raw if guiding else None,
        parent_plans=tuple(builder.parent_plans()),
        objectives=tuple(objectives),
        battles=tuple(battles),
        groups=tuple(groups),
        organisation=organisation,
        units=tuple(builder.units()),
        allocations=tuple(allocations),
        conventions=tuple(_conventions(text)),
        source=(
            Source(file=PurePath(source).name if source else None, url=document.source_url)
            if source or document.source_url
            else None
        ),
        notes=tuple(notes),
    )
    return attrs.evolve(campaign, irregularities=find_irregularities(campaign))


def _objective_blocks(document: Document) -> list[list[Line]]:
    """Objectives printed as a group of another section: (二)主要目标 under 一、总体要求."""
    blocks: list[list[Line]] = []
    for section in document.sections:
        if section.line in document.part_lines:
            continue
        inside: list[Line] | None = None
        for line in section.lines:
            heading = _OBJECTIVE_HEADING.match(line.light)
            if heading:
                inside = []
                blocks.append(inside)
            elif inside is not None and _GROUP_MARK.match(line.light):
                inside = None
            elif inside is not None:
                inside.append(line)
    return [block for block in blocks if block]


def _attach_tables(builder: _Builder, document: Document) -> list[str]:
    """Attach rows of decomposition tables printed as attachments of their own to their tasks.

    Returns review notes for rows that name no task.
    """
    headings = _Headings.of([e for d in document.battles for e in _walk_elements(d.groups)])
    notes: list[str] = []
    for table in document.tables:
        if not isinstance(table, DecompositionTable):
            continue
        left = 0
        for row in table.rows:
            element = _best_task(headings, row)
            if element is None:
                left += 1
            else:
                builder.attached.setdefault(id(element), []).append(row)
        if left:
            notes.append(
                f"{left} rows of the task-decomposition table {table.title or ''} (line "
                f"{table.line}) name no task of the battles: they are left out; add them by hand."
            )
    return notes


def _conventions(text: str) -> list[Convention]:
    """The reading rules the document states for itself.

    The first-listed unit leads; units given once for every task below (以下任务均需…落实,
    不再列出), recorded, not applied to the tasks.
    """
    found: list[tuple[ConventionKind, str]] = []
    convention = first_listed_convention(text)
    if convention:
        found.append((ConventionKind.FIRST_LISTED_LEADS, convention))
    found.extend((ConventionKind.UNLISTED_UNITS, blanket) for blanket in blanket_conventions(text))
    lines = split_lines(text)
    result: list[Convention] = []
    for kind, statement in found:
        key = squeeze(statement)[:12]
        line = next((each.number for each in lines if key in each.clean), None)
        result.append(Convention(kind=kind, text=statement, source_line=line))
    return result


def _parts(
    builder: _Builder, document: Document, battles: list[Battle]
) -> tuple[list[Battle], list[TaskGroup]]:
    """Where a document without battles keeps its parts.

    They are its top-level groups; a campaign plan (which has none) holds them in one battle.
    """
    if battles or not document.parts:
        return battles, []
    if document.kind == DocumentKind.CAMPAIGN_PLAN:
        return [_parts_battle(builder, document)], []
    return battles, _part_groups(builder, document, "g")


def _end_notes(document: Document, found: list[Task]) -> list[str]:
    """Where a cut-off text stops, if it does."""
    if document.stops_at is not None:
        return [_stop_note(document.stops_at, found)]
    early = _early_end(document, found)
    return [early] if early is not None else []


def _part_groups(builder: _Builder, document: Document, prefix: str) -> list[TaskGroup]:
    """The parts of a document that has no battles (a breakdown, a field's own plan, opinions).

    They are the plan's top-level groups (``Campaign.groups``), ids *prefix*1, *prefix*2 ….
    """
    groups: list[TaskGroup] = []
    for index, part in enumerate(document.parts, start=1):
        groups.append(
            builder.led(part, builder.group(part, f"{prefix}{index}", {}), document.lead_headings)
        )
    return groups


def _parts_battle(builder: _Builder, document: Document) -> Battle:
    """A campaign plan whose battles could not be told apart: its parts in one battle.

    A campaign plan holds its tasks in battles (the schema allows it no top-level groups).
    """
    groups = _part_groups(builder, document, "b1.g")
    title = re.sub(r"\s+", "", document.notice.title or "") or "未命名方案"
    return Battle(
        id="b1",
        number=1,
        name=title,
        preamble=document.preamble.raw if document.preamble else None,
        groups=tuple(groups),
        source_line=next((g.source_line for g in groups if g.source_line), None),
        notes=(
            (
                "No battle of this campaign plan could be told apart (no attachments, no 重点任务 "
                "groups): the plan's parts are held as the groups of one battle; split them."
            ),
        ),
    )


def _with_heading_lead(
    builder: _Builder, group: TaskGroup, lead: LeadHeading, cut: bool
) -> TaskGroup:
    """Every task under a heading that names their lead (X牵头工作(8项)) gets that lead.

    The count the heading states is checked against the tasks found under it.
    """
    para = Para.of([Line(lead.line, f"({lead.unit}牵头)")], [])
    found = find_notes(para)
    notes = list(group.notes)
    if found:
        rset = attrs.evolve(builder.rset(found[0]), text=lead.text)
        tasks = tuple(
            task
            if any(r.role is Role.LEAD for rs in task.responsibilities for r in rs.assignments)
            else attrs.evolve(task, responsibilities=(*task.responsibilities, rset))
            for task in group.tasks
        )
        group = attrs.evolve(group, tasks=tasks)
        notes.append(f"The heading names the lead of every task under it: {lead.unit}.")
    counted = sum(1 for _ in group.walk_tasks())
    if lead.count is not None and lead.count != counted:
        stop = " (the text stops before the list ends)" if cut else ""
        notes.append(f"The heading states {lead.count} tasks; {counted} are read under it{stop}.")
    return attrs.evolve(group, notes=tuple(notes))


def _early_end(document: Document, found: list[Task]) -> str | None:
    """A text that ends on a full sentence but before the last task's units (责任单位:…).

    Where tasks take their units on lines of their own and the last one has none, the text
    was cut before them.
    """
    if not document.unit_lines or len(found) < 2 or document.last_line is None:  # noqa: PLR2004
        return None
    last, before = found[-1], found[:-1]
    with_units = sum(1 for t in before if t.responsibilities)
    if last.responsibilities or with_units * 2 < len(before):
        return None
    return (
        f"The text seems to stop at line {document.last_line} before the units of task "
        f"{last.number or ''} {last.title}: the tasks before it each name theirs on lines of "
        "their own; what follows is not in the draft."
    )


def _stop_note(stop: tuple[int, str], found: list[Task]) -> str:
    """Where a cut-off text stops: the task it stops in, else the sentence."""
    line, text = stop
    last = None
    for task in found:
        if task.source_line is not None and task.source_line <= line:
            last = task
    where = (
        f"in the middle of task {last.number or ''} {last.title}".replace("  ", " ")
        if last is not None
        else "in the middle of a sentence"
    )
    return (
        f"The text stops at line {line} {where} (…{text[-20:]}); what follows is not in the draft."
    )


def _region(document: Document, notes: list[str]) -> Region:
    """The region the notice names, with review notes for what had to be assumed."""
    notice = document.notice
    if notice.region is None:
        notes.append("The region could not be read from the issuer or the title.")
    level = notice.level
    if level is None:
        level = RegionLevel.COUNTY
        notes.append("The region's level is not evident; county is assumed.")
    division = named(notice.region) if notice.region else None
    if division is None:
        return Region(name=notice.region or "未知", level=level)
    up = parent(division)
    notes.append(
        f"The region {notice.region} is the division {division.code} of GB/T 2260 "
        f"({division.name}{f', in {up.name}' if up else ''}): check the code."
    )
    return Region(
        name=division.name,
        level=division.level,
        parent=up.name if up else None,
        code=division.code,
    )


def _with_table_responsibilities(
    builder: _Builder, battles: list[Battle], document: Document
) -> list[Battle]:
    """Battle-level responsibilities from a tab-separated 责任分解表 (one row per battle)."""
    tables = [t for t in document.tables if isinstance(t, TabTable)]
    if not tables:
        return battles
    result = list(battles)
    for table in tables:
        roles = [_header_role(h) for h in table.header]
        for line, cells in table.rows:
            if not cells:
                continue
            target = max(
                range(len(result)),
                key=lambda i: _likeness(cells[0], result[i].name),
                default=None,
            )
            if target is None or _likeness(cells[0], result[target].name) < 0.6:  # noqa: PLR2004
                continue
            assignments = [
                (name, role)
                for cell, role in zip(cells, roles, strict=False)
                if role is not None
                for part in re.split(r"[、,，;；]", cell)
                if (name := part.strip().rstrip("。").strip())
            ]
            note = Note(
                start=0,
                end=0,
                text="",
                assignments=assignments,
                notes=[f"From the row of the table {table.title or ''} (line {line})."],
            )
            rset = builder.rset(_lead_once(note))
            battle = result[target]
            result[target] = attrs.evolve(battle, responsibilities=(*battle.responsibilities, rset))
    return result


def _lead_once(note: Note) -> Note:
    """A lead also listed among the responsible units is recorded once, as lead."""
    leads = {unit_key(n) for n, r in note.assignments if r is Role.LEAD}
    kept = [(n, r) for n, r in note.assignments if r is Role.LEAD or unit_key(n) not in leads]
    if len(kept) != len(note.assignments):
        note.notes.append(
            "A lead unit listed again among the other units is recorded once, as lead."
        )
    note.assignments = kept
    return note


def _header_role(header: str) -> Role | None:
    clean = squeeze(header)
    if "牵头" in clean:
        return Role.LEAD
    if "配合" in clean or "协助" in clean:
        return Role.COOPERATING
    if "责任" in clean and ("单位" in clean or "部门" in clean):
        return Role.RESPONSIBLE
    return None
