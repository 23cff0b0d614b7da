"""The campaign model: a 总体方案 and its battles, task groups, tasks, indicators and tables.

All classes are frozen, keyword-only attrs classes.  Their fields, with the descriptions given
here, generate the published JSON Schema (``schema/govplan.schema.json``), so the code and the
schema cannot drift.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from govplan._fields import extensions, field, tuple_of
from govplan.dates import FIRST_YEAR, LAST_YEAR, Precision
from govplan.org import ResponsibilitySet, Role, Unit
from govplan.quantity import Quantity, QuantityRange

__all__ = [
    "SCHEMA_VERSION",
    "Allocation",
    "AllocationRow",
    "Battle",
    "Campaign",
    "Comparator",
    "Convention",
    "ConventionKind",
    "Direction",
    "DocumentKind",
    "DocumentNumber",
    "Indicator",
    "IndicatorKind",
    "Irregularity",
    "IrregularityKind",
    "Milestone",
    "Modality",
    "Objective",
    "Organisation",
    "Period",
    "PlanReference",
    "Post",
    "Region",
    "RegionLevel",
    "Section",
    "Source",
    "Task",
    "TaskGroup",
    "TaskKind",
    "WorkTeam",
]

#: The version of the plan-file format this library reads and writes.
SCHEMA_VERSION = "0.3.0"

#: White space as Python's ``\s`` and ECMA-262's ``\s`` read it together (Python's adds
#: \x1c-\x1f and \x85, ECMA-262's U+FEFF): spelled out, so every validator reads patterns alike.
_SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_ID = rf"^[^{_SPACE}/~]+$"
_LINE = "Line in the source file where the element starts (1-based)."


class RegionLevel(enum.StrEnum):
    """Administrative level of the region a plan covers.

    .. versionadded:: 0.1.0
    """

    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"
    DISTRICT = "district"
    COUNTY_LEVEL_CITY = "county_level_city"


class IndicatorKind(enum.StrEnum):
    """What an indicator measures; decides which units fit and whether values may be summed.

    .. versionadded:: 0.1.0
    """

    #: 增长8% (a rate, in %)
    GROWTH_RATE = "growth_rate"
    #: 实现旅游总收入210亿元 (an amount in a unit)
    LEVEL = "level"
    #: 占比65%, 城镇化率 (a ratio, in %)
    SHARE = "share"
    #: 新增3家 (a number of things, in a counter)
    COUNT = "count"
    #: 提高0.7个百分点 (a change of a ratio, in 个百分点)
    PERCENTAGE_POINT_CHANGE = "percentage_point_change"
    #: 排名全省前10位
    RANK = "rank"
    #: 正增长, 全覆盖, 稳居全省前列 (no number)
    QUALITATIVE = "qualitative"


class Direction(enum.StrEnum):
    """Which way a change moves the outcome: 增长, 提高, 新增 (rise) or 下降, 减少, 压减 (fall).

    .. versionadded:: 0.2.0
    """

    #: 增长, 增加, 提高, 提升, 新增, 上升
    RISE = "rise"
    #: 下降, 减少, 降低, 压减, 压缩, 缩减
    FALL = "fall"


class Comparator(enum.StrEnum):
    """How the target bounds the outcome: 以上/突破/超过 (at_least), 以下/以内 (at_most).

    .. versionadded:: 0.1.0
    """

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"
    EXACT = "exact"


class Modality(enum.StrEnum):
    """How firmly the target is set: 力争/争取 (aspirational), 确保 (binding), none stated.

    .. versionadded:: 0.1.0
    """

    ASPIRATIONAL = "aspirational"
    BINDING = "binding"
    NONE = "none"


class DocumentKind(enum.StrEnum):
    """Which kind of document a plan file encodes; each kind is held as it is built.

    A campaign plan's tasks stand in its battles; the other kinds have no battles of their own
    (or few), and their parts (一、 二、 …) are the plan's top-level task groups
    (:attr:`Campaign.groups`).

    .. versionadded:: 0.3.0
    """

    #: 总体方案 of several battles/actions, one attachment or paragraph each (打好"发展六仗"总体方案).
    CAMPAIGN_PLAN = "campaign_plan"
    #: One battle's or one field's own plan published alone (实施方案, 工作方案, 百日攻坚方案).
    WORK_PLAN = "work_plan"
    #: Tasks broken down to responsible units (任务分解, 责任分解方案, 重点工作分工, 任务清单).
    TASK_BREAKDOWN = "task_breakdown"
    #: A multi-year action plan (三年行动方案, 行动计划(2022—2024年)).
    ACTION_PLAN = "action_plan"
    #: Numbered policies (若干意见, 实施意见, 若干措施, 实施细则).
    POLICY_MEASURES = "policy_measures"
    #: The yearly 国民经济和社会发展计划: results of the last year beside this year's targets.
    DEVELOPMENT_PLAN = "development_plan"


class TaskKind(enum.StrEnum):
    """Where a task comes from in the document.

    .. versionadded:: 0.1.0
    """

    #: A numbered task paragraph (1. / 1、/ (1)).
    TASK = "task"
    #: An inline sub-item of a task (一是…, (1)…, ①…).
    ITEM = "item"
    #: A row of a task-decomposition table (任务分解表).
    TABLE_ROW = "table_row"


class IrregularityKind(enum.StrEnum):
    """What is irregular in the source document.

    .. versionadded:: 0.1.0
    """

    #: A misspelt word or office, a doubled character (强化强化).
    TYPO = "typo"
    #: One office or term spelt two ways in one document (县科工信局 / 县科技工信局).
    SPELLING_VARIANT = "spelling_variant"
    #: Figures or statements that disagree between two places of the document.
    INCONSISTENT = "inconsistent"
    #: A total that does not add up to its parts.
    ARITHMETIC = "arithmetic"
    #: Something expected is missing: no 牵头, no responsibility note, a lost 。 or number.
    MISSING = "missing"
    #: Layout damage: a paragraph broken over lines, markup inside a note, stray spaces.
    LAYOUT = "layout"
    #: Characters that cannot be read as printed (private-use code points, garbled text).
    GARBLED = "garbled"
    OTHER = "other"


class ConventionKind(enum.StrEnum):
    """Which reading rule a :class:`Convention` records (a rule the document states for itself).

    .. versionadded:: 0.1.0
    """

    #: "排在第一位的为牵头单位": the first-listed unit of each task leads.
    FIRST_LISTED_LEADS = "first_listed_leads"
    #: "以下任务均需各县市区人民政府落实,不再列出": units that share every task without being
    #: listed in its note (recorded, never copied into the notes).
    #:
    #: .. versionadded:: 0.3.0
    UNLISTED_UNITS = "unlisted_units"
    OTHER = "other"


_DOCNUM_RE = re.compile(
    rf"^(?P<prefix>[^{_SPACE}]+?)[{_SPACE}]*[〔\[(（［【][{_SPACE}]*(?P<year>[0-9０-９]{{4}})"
    rf"[{_SPACE}]*[〕\])）］】][{_SPACE}]*(?P<serial>[0-9０-９]+)[{_SPACE}]*号$"
)


@attrs.frozen(kw_only=True)
class DocumentNumber:
    """A 文号 such as 凤政办发〔2023〕2号: kept verbatim, parsed into prefix, year and serial.

    In a plan file it is the verbatim string; ``DocumentNumber.parse`` reads it.

    .. versionadded:: 0.1.0
    """

    #: The number verbatim, brackets as printed: ``凤政办发〔2023〕2号``.
    text: str
    #: The issuer's abbreviation and document type: ``凤政办发``.
    prefix: str
    #: The year in the brackets: 2023.
    year: int
    #: The serial number of that year: 2.
    serial: int

    #: The pattern a document number follows (also in the schema).
    PATTERN = _DOCNUM_RE.pattern

    @classmethod
    def parse(cls, text: str) -> DocumentNumber:
        """Read ``凤政办发〔2023〕2号`` (also with [], (), （）); ValueError if it is not one."""
        match = _DOCNUM_RE.match(text)
        if not match:
            raise ValueError(
                f"expected a document number such as 凤政办发〔2023〕2号, found {text!r}"
            )
        return cls(
            text=text,
            prefix=match["prefix"],
            year=int(match["year"]),
            serial=int(match["serial"]),
        )

    def __str__(self) -> str:
        return self.text


@attrs.frozen(kw_only=True)
class Period:
    """The time span a campaign covers (both ends included).

    .. versionadded:: 0.1.0
    """

    start: dt.date = field("First day (ISO date).", examples=["2023-01-01"])
    end: dt.date = field("Last day (ISO date).", examples=["2023-12-31"])
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class Region:
    """The county, district or city whose government issues the plan.

    .. versionadded:: 0.1.0
    """

    name: str = field("Name of the region.", examples=["凤凰县"], min_length=1)
    level: RegionLevel = field("Administrative level.")
    parent: str | None = field(
        "The region it belongs to.", default=None, examples=["湘西土家族苗族自治州"]
    )
    code: str | None = field(
        "Administrative division code (行政区划代码, GB/T 2260), when known: six digits, "
        "the first two a province's (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82).",
        default=None,
        pattern=r"^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])[0-9]{4}$",
        examples=["433123"],
    )
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class Source:
    """Where the encoded text came from.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``sha256``.
    """

    file: str | None = field("File name of the text the plan was encoded from.", default=None)
    url: str | None = field("Address of the published page.", default=None)
    retrieved: dt.date | None = field("Day the text was retrieved.", default=None)
    sha256: str | None = field(
        "SHA-256 of the UTF-8 text the plan was encoded from, 64 lowercase hex digits, so "
        "anyone holding a copy of the text can tell it is the same.",
        default=None,
        pattern=r"^[0-9a-f]{64}$",
        examples=["d74ccbd020d11ecc4e30592c822846fd84d3df04644e89385c0c8d879c18b92e"],
    )
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class PlanReference:
    """A higher-level plan this one implements, cited by title and/or document number.

    .. versionadded:: 0.1.0
    """

    title: str | None = field(
        "Title as cited, without 《》.",
        default=None,
        examples=["湘西自治州打好“发展六仗”总体实施方案"],
    )
    document_number: DocumentNumber | None = field(
        "Its 文号, verbatim.", default=None, examples=["州政办发〔2023〕3号"]
    )
    source_line: int | None = field(_LINE, default=None, minimum=1)
    notes: tuple[str, ...] = tuple_of("Reviewer notes (how the citation is printed).")
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class Milestone:
    """A deadline stated in the text: ``6月底前`` read as 2023-06-30 with precision ``month``.

    .. versionadded:: 0.1.0
    """

    phrase: str = field("The deadline phrase verbatim.", examples=["6月底前"], min_length=1)
    due: dt.date = field("Last day the phrase allows, read relative to the plan year.")
    precision: Precision = field("How precisely the phrase names the day.")
    source_line: int | None = field(_LINE, default=None, minimum=1)
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class Section:
    """A passage kept verbatim with the targets and deadlines it states.

    Overviews, mechanisms (推进机制) and the notes printed with a table state targets too
    (典型经验1次以上); a section keeps them as indicators beside the text, as tasks do.

    .. versionadded:: 0.2.0
    """

    text: str = field("The passage verbatim.", min_length=1)
    indicators: tuple[Indicator, ...] = tuple_of("The targets the passage states.")
    milestones: tuple[Milestone, ...] = tuple_of("The deadlines the passage states.")
    source_line: int | None = field(_LINE, default=None, minimum=1)
    notes: tuple[str, ...] = tuple_of("Reviewer notes.")
    extensions: dict[str, Any] = extensions()


def _default_summable(indicator: Indicator) -> bool:
    if indicator.kind not in {IndicatorKind.LEVEL, IndicatorKind.COUNT}:
        return False
    target = indicator.target
    if target is None:
        return False
    quantity = target.high if isinstance(target, QuantityRange) else target
    return quantity.unit not in {"%", "‰", "个百分点", "百分点"} and "/" not in quantity.unit


@attrs.frozen(kw_only=True)
class Indicator:
    """A target: "社会消费品零售总额增长8%以上" is growth_rate 8%, rise, at_least, modality none.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``direction`` says which way a change goes; a fall is no longer a rise in a note.
    """

    id: str | None = field("Identifier, unique within the campaign.", default=None, pattern=_ID)
    name: str = field(
        "What is measured, as the document names it.",
        examples=["社会消费品零售总额"],
        min_length=1,
    )
    kind: IndicatorKind = field("What kind of measure the indicator is.")
    phrase: str = field(
        "The target phrase verbatim.", examples=["社会消费品零售总额增长8%以上"], min_length=1
    )
    target: Quantity | QuantityRange | None = field(
        "Target value with its unit, or a range; absent for qualitative indicators.",
        default=None,
        examples=["8%", "21.78万亩", "0.7个百分点", "3万元-5万元"],
    )
    direction: Direction | None = field(
        "Present when the target is a change, and which way it moves the outcome: rise "
        "(增长, 提高, 新增) or fall (下降, 减少, 降低, 压减). The target is then the size of the "
        "change, never negative: 森林火灾数量同比减少30%以上 is growth_rate 30%, fall, at_least. "
        "Required for growth_rate and percentage_point_change; absent when the target is a "
        "value to reach (下降至13.8%以下 is share 13.8%, at_most; 控制在0.9‰以内 is at_most).",
        default=None,
    )
    comparator: Comparator = field("How the target bounds the outcome.", default=Comparator.EXACT)
    modality: Modality = field(
        "力争 (aspirational), 确保 (binding) or none.", default=Modality.NONE
    )
    baseline: Quantity | None = field(
        "Starting value the target is measured from, when stated.", default=None
    )
    period: str | None = field("Period the target is for, when not the plan year.", default=None)
    scope: str | None = field(
        "Where or to whom the target applies, when narrower than the region.", default=None
    )
    summable: bool = field(
        "Whether values of this indicator may be added up (never for percentages or rates). "
        "Default: true for level and count indicators in a plain unit.",
        default=attrs.Factory(_default_summable, takes_self=True),
    )
    source_line: int | None = field(_LINE, default=None, minimum=1)
    notes: tuple[str, ...] = tuple_of("Reviewer notes, e.g. how a shared 力争 was read.")
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class Objective:
    """A section of targets: a headline objective (主要目标) or a battle's 工作目标.

    .. versionadded:: 0.1.0
    """

    number: str | None = field(
        "Number or marker as printed.", default=None, examples=["(一)", "——"]
    )
    title: str | None = field(
        "Heading of the section.", default=None, examples=["经济进步稳健提质"]
    )
    text: str = field("The section's full text.", min_length=1)
    indicators: tuple[Indicator, ...] = tuple_of("The targets the section states.")
    source_line: int | None = field(_LINE, default=None, minimum=1)
    notes: tuple[str, ...] = tuple_of("Reviewer notes.")
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class Task:
    """A numbered task, an inline sub-item, or a row of a task-decomposition table.

    .. versionadded:: 0.1.0
    """

    id: str = field(
        "Identifier, stable and unique within the campaign.", examples=["b1.g1.t1"], pattern=_ID
    )
    number: str | None = field("Number as printed.", default=None, examples=["3", "(2)", "14(1)"])
    title: str = field(
        "Heading: the text before the first 。 (or the whole text when it has no heading).",
        examples=["积极开展促消费活动"],
        min_length=1,
    )
    text: str = field("Full text of the task, verbatim, responsibility notes included.")
    kind: TaskKind = field("Where the task comes from.", default=TaskKind.TASK)
    responsibilities: tuple[ResponsibilitySet, ...] = tuple_of(
        "Responsibility notes of the task, one set per note, in the order printed."
    )
    indicators: tuple[Indicator, ...] = tuple_of("Targets quantified in the task text.")
    milestones: tuple[Milestone, ...] = tuple_of("Deadlines stated in the task text.")
    subtasks: tuple[Task, ...] = tuple_of(
        "Inline sub-items, or the rows of a task-decomposition table that detail this task."
    )
    source_line: int | None = field(_LINE, default=None, minimum=1)
    notes: tuple[str, ...] = tuple_of("Reviewer notes (an irregularity of the source, a doubt).")
    extensions: dict[str, Any] = extensions()

    def units(self, role: Role | None = None) -> tuple[str, ...]:
        """Units named by the task's notes, optionally only those with *role*, without repeats."""
        return tuple(dict.fromkeys(u for s in self.responsibilities for u in s.units(role)))

    @property
    def lead_units(self) -> tuple[str, ...]:
        """Units named as leads (牵头) of this task."""
        return self.units(Role.LEAD)

    def walk(self) -> Iterator[Task]:
        """Yield the task itself, then its sub-tasks, depth first."""
        yield self
        for sub in self.subtasks:
            yield from sub.walk()


@attrs.frozen(kw_only=True)
class TaskGroup:
    """A group of tasks under a heading such as "(一)加快消费潜力释放".

    .. versionadded:: 0.1.0
    """

    id: str = field("Identifier, unique within the campaign.", examples=["b1.g1"], pattern=_ID)
    number: str | None = field("Number as printed.", default=None, examples=["(一)"])
    title: str = field("Heading of the group.", examples=["加快消费潜力释放"], min_length=1)
    text: str | None = field("Introductory text of the group, verbatim.", default=None)
    responsibilities: tuple[ResponsibilitySet, ...] = tuple_of(
        "Group-level responsibility notes (e.g. a heading ending in (财政局牵头)); not copied "
        "into the tasks."
    )
    indicators: tuple[Indicator, ...] = tuple_of("Targets stated in the group's text.")
    tasks: tuple[Task, ...] = tuple_of("The group's tasks in document order.")
    groups: tuple[TaskGroup, ...] = tuple_of(
        "Sub-groups, for numbered headings between a group and its tasks."
    )
    source_line: int | None = field(_LINE, default=None, minimum=1)
    notes: tuple[str, ...] = tuple_of("Reviewer notes.")
    extensions: dict[str, Any] = extensions()

    def walk_tasks(self) -> Iterator[Task]:
        """Every task of the group and its sub-groups (not sub-tasks), in document order."""
        yield from self.tasks
        for group in self.groups:
            yield from group.walk_tasks()


@attrs.frozen(kw_only=True)
class Post:
    """A post in a work team or leadership group: 第一召集人 县人民政府副县长.

    .. versionadded:: 0.1.0
    """

    title: str = field("The post as printed.", examples=["第一召集人", "组长"], min_length=1)
    holder: str = field(
        "Who holds it, as printed: a position or a person's name.",
        examples=["县人民政府副县长"],
        min_length=1,
    )
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class WorkTeam:
    """A 工作专班 or leadership group: its posts, member units and office.

    .. versionadded:: 0.1.0
    """

    name: str | None = field(
        "Name as printed.", default=None, examples=["打好经济增长主动仗工作专班"]
    )
    posts: tuple[Post, ...] = tuple_of(
        "Convenors, deputy convenors, leaders, in the order printed."
    )
    members: tuple[str, ...] = tuple_of("Member units as printed (resolved through the registry).")
    office: str | None = field("Unit that hosts the team's office (专班办公室设在…).", default=None)
    text: str | None = field("The paragraph that sets up the team, verbatim.", default=None)
    indicators: tuple[Indicator, ...] = tuple_of("Targets the paragraph states.")
    milestones: tuple[Milestone, ...] = tuple_of("Deadlines the paragraph states.")
    source_line: int | None = field(_LINE, default=None, minimum=1)
    notes: tuple[str, ...] = tuple_of("Reviewer notes (a member listed twice, an odd post).")
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class Organisation:
    """How the campaign as a whole is led (组织实施).

    .. versionadded:: 0.1.0
    """

    leadership_group: WorkTeam | None = field(
        "The campaign's leadership group or coordination group.", default=None
    )
    text: str | None = field("The organisation section, verbatim.", default=None)
    indicators: tuple[Indicator, ...] = tuple_of("Targets the section states.")
    milestones: tuple[Milestone, ...] = tuple_of("Deadlines the section states.")
    source_line: int | None = field(_LINE, default=None, minimum=1)
    notes: tuple[str, ...] = tuple_of("Reviewer notes.")
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class Battle:
    """One battle or action (仗 / 行动 / 攻坚) with its attachment.

    .. versionadded:: 0.1.0
    """

    id: str = field("Identifier, unique within the campaign.", examples=["b1"], pattern=_ID)
    number: int = field("Position in the campaign, from 1.", minimum=1)
    name: str = field("Name of the battle.", examples=["打好经济增长主动仗"], min_length=1)
    attachment_title: str | None = field(
        "Title of the battle's attachment.",
        default=None,
        examples=["凤凰县打好经济增长主动仗实施方案"],
    )
    attachment_label: str | None = field(
        "Label of the attachment as printed.", default=None, examples=["附件1"]
    )
    preamble: str | None = field(
        "The attachment's opening paragraph (为…特制定本方案), verbatim.", default=None
    )
    overview: Section | None = field(
        "The battle's paragraph in the general plan (重点任务), with the targets it states.",
        default=None,
    )
    objectives: tuple[Objective, ...] = tuple_of("The battle's targets (工作目标).")
    groups: tuple[TaskGroup, ...] = tuple_of("Task groups of the attachment.")
    responsibilities: tuple[ResponsibilitySet, ...] = tuple_of(
        "Battle-level responsibilities, e.g. a 责任分解表 row naming lead and member units."
    )
    work_team: WorkTeam | None = field("The battle's 工作专班.", default=None)
    mechanisms: Section | None = field(
        "The attachment's mechanisms or measures section (推进机制, 保障措施), with the targets "
        "it states.",
        default=None,
    )
    source_line: int | None = field(_LINE, default=None, minimum=1)
    notes: tuple[str, ...] = tuple_of("Reviewer notes.")
    extensions: dict[str, Any] = extensions()

    def walk_tasks(self) -> Iterator[Task]:
        """Every task of the battle (not sub-tasks), in document order."""
        for group in self.groups:
            yield from group.walk_tasks()

    def walk_groups(self) -> Iterator[TaskGroup]:
        """Every group and sub-group of the battle, depth first."""
        stack = list(reversed(self.groups))
        while stack:
            group = stack.pop()
            yield group
            stack.extend(reversed(group.groups))


@attrs.frozen(kw_only=True)
class AllocationRow:
    """One row of an allocation table: a target, its stated total and each part.

    Cells are numbers in the row's unit; an empty cell is absent (``null``), never zero.

    .. versionadded:: 0.1.0
    """

    id: str = field("Identifier, unique within the campaign.", examples=["a1.r1"], pattern=_ID)
    name: str = field("What is allocated.", examples=["城镇新增就业"], min_length=1)
    unit: str = field("Unit of every cell of the row.", examples=["人"], min_length=1)
    parts: tuple[Decimal | None, ...] = tuple_of(
        "One cell per column of the table, in column order; null where the cell is empty."
    )
    total: Decimal | None = field("The stated total (全市任务), as printed.", default=None)
    number: str | None = field("Row number as printed.", default=None)
    category: str | None = field("Category heading of the row.", default=None, examples=["岗位"])
    parent: str | None = field(
        "Id of the row this one details (新增公办幼儿园学位 under 新增公办学位).", default=None
    )
    source_line: int | None = field(_LINE, default=None, minimum=1)
    notes: tuple[str, ...] = tuple_of("Reviewer notes.")
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class Allocation:
    """A table that splits targets across sub-regions or units (任务分解表 by district).

    .. versionadded:: 0.1.0
    """

    id: str = field("Identifier, unique within the campaign.", examples=["a1"], pattern=_ID)
    title: str = field("Title of the table.", min_length=1)
    columns: tuple[str, ...] = tuple_of(
        "The parts the targets are split into (districts, zones, units), in column order."
    )
    rows: tuple[AllocationRow, ...] = tuple_of("The table's rows in document order.")
    total_label: str | None = field(
        "Heading of the total column.", default=None, examples=["全市任务"]
    )
    battle: str | None = field("Id of the battle whose attachment holds the table.", default=None)
    remarks: Section | None = field(
        "Text printed with the table (注, 说明, 备注), with the targets it states.", default=None
    )
    source_line: int | None = field(_LINE, default=None, minimum=1)
    notes: tuple[str, ...] = tuple_of("Reviewer notes.")
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class Irregularity:
    """Something irregular in the source, recorded as printed and reported as a warning.

    The plan keeps the source's wording (a typo, a total that does not add up); this entry says
    what is odd, so that validation reports it and reviewers need not rediscover it.

    .. versionadded:: 0.1.0
    """

    element: str = field(
        "The element concerned: the id of a battle, group, task, indicator, allocation table or "
        "row, or unit, or a JSON pointer (starting with /) for elements without an id.",
        examples=["b4.g3.t1", "县科工信局", "/battles/0/work_team"],
        min_length=1,
    )
    kind: IrregularityKind = field("What kind of irregularity it is.")
    description: str = field(
        "What is irregular, quoting the source.",
        examples=["县科工信局 for 县科技工信局"],
        min_length=1,
    )
    source_line: int | None = field(_LINE, default=None, minimum=1)
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class Convention:
    """A reading rule the document states for itself.

    .. versionadded:: 0.1.0
    """

    kind: ConventionKind = field("Which rule.")
    text: str = field("The statement verbatim.", min_length=1)
    source_line: int | None = field(_LINE, default=None, minimum=1)
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class Campaign:
    """One plan document: its notice, headline objectives, battles or parts, and tables.

    Most files encode a campaign plan (总体方案) whose tasks stand in battles; ``kind`` says
    when the document is another kind of the family, whose parts are top-level ``groups``.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.3.0
       ``kind`` and ``groups``; ``campaign_name`` may be absent outside campaign plans.
    """

    schema_version: str = field(
        "Version of the govplan schema this file follows (semantic version; files of any "
        "patch release of this minor version are read).",
        examples=[SCHEMA_VERSION],
        pattern=r"^" + re.escape(SCHEMA_VERSION.rsplit(".", 1)[0]) + r"\.[0-9]+$",
    )
    id: str = field(
        "Stable identifier: pinyin place name and year.",
        examples=["fenghuang-2023"],
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    )
    kind: DocumentKind = field(
        "Which kind of document the plan is; its tasks stand in battles in a campaign plan, in "
        "top-level groups otherwise.",
        default=DocumentKind.CAMPAIGN_PLAN,
    )
    title: str = field(
        "Title of the plan, as printed.",
        examples=["凤凰县打好“发展六仗”总体实施方案"],
        min_length=1,
    )
    campaign_name: str | None = field(
        "Name of the campaign (required in a campaign plan; other kinds may have none).",
        default=None,
        examples=["发展六仗", "八大行动", "七大攻坚"],
        min_length=1,
    )
    year: int = field(
        "Plan year. Four digits, as in every date of the schema (RFC 3339 full-date).",
        examples=[2023],
        minimum=FIRST_YEAR,
        maximum=LAST_YEAR,
    )
    region: Region = field("The region whose government issues the plan.")
    notice_title: str | None = field("Title of the covering notice (通知).", default=None)
    issuer: str | None = field("Issuing office.", default=None, examples=["凤凰县人民政府办公室"])
    document_number: DocumentNumber | None = field(
        "文号 verbatim; absent when the document prints none.",
        default=None,
        examples=["凤政办发〔2023〕2号"],
    )
    issue_date: dt.date | None = field("Signing date of the notice.", default=None)
    publication_date: dt.date | None = field("Date the page was published.", default=None)
    period: Period | None = field(
        "Period covered; when absent, the plan year (see Campaign.plan_period).", default=None
    )
    addressees: tuple[str, ...] = tuple_of("Addressees of the notice, as printed.")
    preamble: str | None = field(
        "The general plan's opening paragraph (为…制定本方案), verbatim.", default=None
    )
    guiding_ideology: str | None = field("The 指导思想 section, verbatim.", default=None)
    parent_plans: tuple[PlanReference, ...] = tuple_of("Higher-level plans the plan implements.")
    objectives: tuple[Objective, ...] = tuple_of("Headline objectives (主要目标), one per section.")
    battles: tuple[Battle, ...] = tuple_of("The battles (actions), in order.")
    groups: tuple[TaskGroup, ...] = tuple_of(
        "The document's own parts, for a kind that has no battles (a task breakdown's 一、 二、)."
    )
    organisation: Organisation | None = field("How the campaign is led.", default=None)
    units: tuple[Unit, ...] = tuple_of("The unit registry: every unit the plan names.")
    allocations: tuple[Allocation, ...] = tuple_of("Allocation tables.")
    conventions: tuple[Convention, ...] = tuple_of("Reading rules the document states.")
    irregularities: tuple[Irregularity, ...] = tuple_of(
        "Irregularities of the source document, recorded as printed (reported as warnings)."
    )
    source: Source | None = field("Where the encoded text came from.", default=None)
    notes: tuple[str, ...] = tuple_of("Reviewer notes on the whole plan.")
    extensions: dict[str, Any] = extensions()

    @property
    def plan_period(self) -> Period:
        """The stated period, or the plan year when none is stated."""
        return self.period or Period(start=dt.date(self.year, 1, 1), end=dt.date(self.year, 12, 31))

    def walk_tasks(self) -> Iterator[Task]:
        """Every task of every battle, then of the top-level groups (not sub-tasks), in order."""
        for battle in self.battles:
            yield from battle.walk_tasks()
        for group in self.groups:
            yield from group.walk_tasks()

    def unit(self, name: str) -> Unit | None:
        """The registry unit known by *name* (id, name or alias), or None."""
        for unit in self.units:
            if name in unit.names:
                return unit
        return None
