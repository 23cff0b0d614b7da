"""The layout of a plan, for the extractor: sections, attachments, groups, tasks and items.

A general plan (总体方案) has top-level sections (一、指导思想 / 二、主要目标 / 三、重点任务 /
四、组织实施), a list of attachments (附件:1. … 2. …) and the attachments themselves, one per
battle: a title, a preamble, 一、工作目标, 二、工作任务 (groups "(一)…", numbered tasks "1." /
"1、" / "(1)", items) and 三、推进机制, sometimes followed by tables (任务分解表, 附表, 附件6—1).
Lines are read one by one; a line that carries no marker continues the element before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govplan._reading_units import UNIT_END
from govplan._text import squeeze
from govplan.extract._notice import (
    Notice,
    mask_tolerant,
    masked,
    read_notice,
    similar,
    strip_source,
)
from govplan.extract._responsibilities import responsibility_line
from govplan.extract._tables import (
    DecompositionTable,
    PipeTable,
    Table,
    read_pipe_table,
    read_table,
)
from govplan.extract._tasks import (
    ARTICLE_MARK,
    GROUP_MARK,
    OUTLINE_MARK,
    SHORT_LINE,
    TASK_MARK,
    Element,
    Group,
    read_tasks,
    section_paragraphs,
)
from govplan.extract._text import (
    Line,
    Para,
    blank_runs,
    cn_number,
    display,
    ends_complete,
    split_lines,
)

_TOP = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})\s*[、.]\s*(?P<title>\S.{0,24})$")
#: A reading printed after a character by a converter (點(diǎn), 農(nóng)): no part of the text.
_READING = re.compile(r"(?<=[\u4e00-\u9fff])\((?:[a-z\u00e0-\u00fc\u0101-\u01dc]{1,6})\)")
_LABEL = re.compile(
    r"^附(?P<kind>[件表])\s*(?P<num>\d{1,2}(?:\s*[-—–]\s*\d{1,2})?|[一二三四五六七八九十]{1,3})\s*:?\s*$"
)
_LIST = re.compile(r"^附(?P<kind>[件表])\s*:\s*(?P<rest>.*)$")
_ENTRY = re.compile(r"^(?P<num>\d{1,2})\s*[.、]\s*(?P<title>\S.*)$")
_CHROME_END = re.compile(
    r"^(?:相关文档|相关链接|相关附件|扫一扫|归档时间|已归档|抄送|打印本页|关闭窗口|【|责任编辑|分享到|"
    r"上一篇|下一篇|主办单位|承办单位|网站标识码|版权所有|联系我们|网站地图|"
    r"(?:.{2,20})?\d{4}年\d{1,2}月\d{1,2}日印发)"
)
_OBJECTIVES = re.compile(r"目标")
_TASKS = re.compile(r"任务|重点|举措|内容|措施清单|攻坚行动|主要工作|具体工作")
_IDEOLOGY = re.compile(r"指导思想|总体要求|基本原则|总体思路")
_TABLE_TITLE = re.compile(r"(?:表|清单|台账)$")
_SUFFIX = re.compile(
    r"(?:总体)?(?:实施方案|工作方案|行动方案|方案|实施意见|行动计划|工作计划|计划)$"
)
#: Document kinds by the words of their titles, first match wins (a 总体方案任务分解 is a
#: breakdown; a 三年行动方案 an action plan, not a field's own plan).
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("development_plan", re.compile(r"国民经济和社会发展(?:年度)?计划")),
    (
        "task_breakdown",
        re.compile(r"任务分解|责任分解|责任分工|工作分工|任务分工|分工方案|任务清单|工作台账"),
    ),
    (
        "action_plan",
        re.compile(
            r"[两二三四五]年行动(?:方案|计划)|行动(?:方案|计划)\(?\d{4}[-—–~至]\d{2,4}年?\)?$"
        ),
    ),
    (
        "policy_measures",
        re.compile(r"若干意见|实施意见|指导意见|若干措施|政策措施|若干政策|实施细则|的意见$|措施$"),
    ),
    ("campaign_plan", re.compile(r"总体(?:实施|工作|行动)?方案")),
    ("work_plan", re.compile(r"实施方案|工作方案|行动方案|方案$|工作计划|行动计划")),
)
#: A preamble naming the document itself: 特制定本方案, 现提出本实施意见, 特制定如下政策措施.
_OWN_NAME = re.compile(
    r"(?:制定|制订|印发|提出|形成)(?:(?:如下|以下)本?|本)(?P<name>[^。,;]{0,8}?(?:方案|意见|计划|措施|细则|清单))"
)
#: The kinds' patterns read through masked characters (若干*策 is 若干政策).
_MASKED_KINDS = tuple((kind, mask_tolerant(pattern)) for kind, pattern in _KINDS)
#: The title words of the kinds, for the reason the draft records.
_KIND_WORD = mask_tolerant(re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _KINDS)))
#: Sections that carry out a plan rather than assign its tasks (保障措施, 组织实施).
_MECHANISMS = re.compile(
    r"保障措施|组织实施|保障机制|推进机制|工作要求|组织领导|工作机制|实施保障|有关要求|工作保障|"
    r"组织保障|实施步骤|工作步骤|步骤安排|进度安排"
)
#: A part heading that names the lead of every task under it: 一、县示范区管委会牵头工作(8项).
_LEAD_HEADING = re.compile(
    r"^(?P<unit>[^,;:。]{2,30}?)(?:牵头|负责)(?:的|落实的|推进的)?(?:工作|任务|事项)"
    r"(?:\((?:共)?(?P<count>\d{1,3})(?:项|条|件)\))?$"
)
#: A preamble that says the document breaks tasks down to the units (现将重点工作任务分解如下,
#: 予以分解并明确到各责任单位, 对目标任务进行了分解): a task breakdown with no title of its own.
_BROKEN_DOWN = re.compile(
    r"分解如下|(?:予以|进行了?|作了?|逐项)分解|分解(?:落实)?(?:到|给)|任务分解|责任分解|分解表"
)
#: How much of a preamble is read for the kind: its opening, not the whole text.
_PREAMBLE_READ = 800
#: Words every kind of government plan uses; text without them and without a plan title is no
#: plan.
_PLAN_WORDS = re.compile(
    r"牵头|责任单位|配合单位|按职责分工|人民政府|政府工作报告|贯彻落实|各有关单位|各(?:县|区|市|乡|镇)"
    r"|指导思想|总体要求|工作目标|主要目标|重点任务|工作任务|保障措施|组织实施"
    r"|目标任务|攻坚|部署要求|工作会议|本(?:实施|工作|行动)?(?:方案|意见|计划)|各(?:级|有关)?部门"
    r"|国民经济和社会发展|任务分解|责任分解|分解如下"
)

#: The words of a numbered measure that grants money or support (policy measures, 若干政策):
#: 给予最高2000万元补贴, 一次性奖补, 按…给予奖励.
_GRANT = re.compile(
    r"给予[^。;]{0,24}?(?:奖励|补贴|补助|奖补|资助|贴息)|一次性(?:奖励|补贴|补助|奖补)"
    r"|(?:奖励|补贴|补助|奖补|资助)[^。;]{0,8}?\d[\d.]*万元"
)
#: Numbered measures with grant words that make a text a plan of policy measures.
_GRANT_MEASURES = 2


@dataclass
class BattleDraft:
    """One attachment read as a battle."""

    number: int
    label: str | None
    entry_title: str | None
    title: str | None
    line: int
    preamble: Para | None = None
    objectives: list[Para] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    mechanisms: list[Para] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: A battle printed as one paragraph of the general plan, read as its one task (its
    #: overview is that task, not a section of its own).
    from_paragraph: bool = False
    #: Lead headings by the id of the group they head.
    lead_headings: dict[int, LeadHeading] = field(default_factory=dict)


@dataclass
class LeadHeading:
    """A heading that gives the lead of every task under it, with the count it states."""

    text: str
    unit: str
    count: int | None
    line: int


@dataclass
class TopSection:
    """A top-level section of the general plan."""

    number: str
    title: str
    line: int
    lines: list[Line]
    heading: Line | None = None


@dataclass
class Document:
    """Everything the layout pass found."""

    notice: Notice
    preamble: Para | None = None
    sections: list[TopSection] = field(default_factory=list)
    battles: list[BattleDraft] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    entries: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Which kind of document this is (campaign_plan, work_plan, task_breakdown, action_plan,
    #: policy_measures, development_plan) and why.
    kind: str = "campaign_plan"
    kind_reason: str = ""
    #: The document's own top-level parts, for a document that has no battles.
    parts: list[Group] = field(default_factory=list)
    #: The lines of the sections read as parts (their targets are tasks, not objectives).
    part_lines: set[int] = field(default_factory=set)
    #: Lead headings by the id of the group they head.
    lead_headings: dict[int, LeadHeading] = field(default_factory=dict)
    #: The last line of the text when it stops mid-sentence, with that line's text.
    stops_at: tuple[int, str] | None = None
    #: The last line of the body, and whether tasks take their units on lines of their own.
    last_line: int | None = None
    unit_lines: bool = False
    #: The signing-date line closing a covering notice read as part of the body: numbered
    #: paragraphs before it (一、各责任单位要高度重视…) tell the addressees how to carry the
    #: plan out; they are not its parts.
    notice_end: int = 0
    source_url: str | None = None
    #: A table of numbered tasks printed one row per line, cells separated by |.
    pipe: PipeTable | None = None


def _top(line: Line) -> re.Match[str] | None:
    """A part heading (一、…), read without the readings a converter prints (點(diǎn))."""
    return _TOP.match(_READING.sub("", line.light))


def _cut_end(lines: list[Line]) -> list[Line]:
    """The lines before the page's chrome (相关链接, 【打印本页】, 责任编辑…).

    Chrome ends the text only after the text has begun (a sentence or a numbered line): the
    same words above it (【字号 大 中 小】, 分享到) are the page's header.
    """
    begun = False
    for index, line in enumerate(lines):
        if begun and _CHROME_END.match(line.clean):
            return lines[:index]
        begun = begun or "。" in line.clean or _numbered(line)
    return lines


def read_document(text: str, year: int | None) -> Document:
    """Read the layout of a plan text."""
    lines, url = strip_source(split_lines(text))
    notice = read_notice(lines, year)
    body = _cut_end(lines[notice.body_start :])
    document = Document(notice=notice, source_url=url)
    if body and not _ends_text(body[-1]) and body[-1] is lines[-1]:
        document.stops_at = (body[-1].number, display(body[-1].raw))
    document.last_line = body[-1].number if body else None
    document.notice_end = _notice_end(body)
    document.unit_lines = _assigns(body)
    list_at = next(
        (i for i, line in enumerate(body) if (m := _LIST.match(line.light)) and m["kind"] == "件"),
        None,
    )
    first_label = next(
        (i for i, line in enumerate(body) if (m := _LABEL.match(line.light)) and m["kind"] == "件"),
        None,
    )
    titled = _titled_attachments(body) if list_at is None and first_label is None else []
    general_end = min(
        x for x in (list_at, first_label, titled[0] if titled else None, len(body)) if x is not None
    )
    general = body[:general_end]
    if general_end == len(body):
        general = _body_table(general, document, blank_runs(text))
    _read_general(general, document)
    rest = body[general_end:]
    entries, after = _entries(rest) if list_at == general_end and rest else ([], 0)
    document.entries = entries
    _read_attachments(rest[after:], entries, document, blank_runs(text))
    if not document.battles:
        document.pipe = read_pipe_table(body)
    last_row = document.pipe.rows[-1] if document.pipe is not None else None
    if last_row is not None and not last_row.cut and document.stops_at is not None:
        # a row closed by | with all its cells ends the text whole
        document.stops_at = None if last_row.end == document.stops_at[0] else document.stops_at
    document.kind, document.kind_reason = document_kind(document, body)
    if not document.battles and document.kind == "campaign_plan":
        _battles_in_body(document)
    if not document.battles:
        _parts_in_body(document)
    if not document.battles and not document.parts and document.pipe is not None:
        _pipe_part(document, document.pipe)
    if not document.battles and not document.parts:
        _table_parts(document)
    if not document.battles and not document.parts and not document.sections:
        _loose_part(document, body)
    return document


def _body_table(lines: list[Line], document: Document, blanks: dict[int, int]) -> list[Line]:
    """A body that is a task table (序号 / 工作任务 / 牵头单位 …) before any part heading.

    The tables are read into the document; the lines before the first are returned as the
    body's text.  A table printed after the parts (一、 二、) is left to them.
    """
    regions = _table_regions(lines)
    if not regions:
        return lines
    tops = [i for i, line in enumerate(lines) if _top(line)]
    if tops and tops[0] < regions[0]:
        return lines
    tables = []
    for position, start in enumerate(regions):
        end = regions[position + 1] if position + 1 < len(regions) else len(lines)
        table = read_table(lines[start:end], blanks)
        if isinstance(table, DecompositionTable) and table.rows:
            tables.append(table)
    if not tables:
        return lines
    document.tables.extend(tables)
    return lines[: regions[0]]


def _para_lines(para: Para) -> list[Line]:
    """The lines a paragraph was joined from."""
    ends = [*para.offsets[1:], len(para.raw)]
    return [
        Line(number, para.raw[start:end].rstrip("\n"))
        for number, start, end in zip(para.numbers, para.offsets, ends, strict=False)
    ]


def _table_parts(document: Document) -> None:
    """A document that is its decomposition tables (no battles, no parts): rows are tasks.

    Each table is a part; a row's task starts at its number (序号) and holds its work cell and
    unit cells.
    """
    kept: list[Table] = []
    for table in document.tables:
        if not isinstance(table, DecompositionTable) or not table.rows:
            kept.append(table)
            continue
        tasks = []
        for row in table.rows:
            element = Element(
                row.number, _para_lines(row.text), units=list(row.units), start=row.serial_line
            )
            element.notes.extend(row.notes)
            if row.labels:
                element.notes.append(f"The row's label cells: {' / '.join(row.labels)}.")
            tasks.append(element)
        title = table.title or "工作任务"
        document.parts.append(Group(Element(None, []), tasks, fallback=title))
    document.tables = kept


def _loose_part(document: Document, body: list[Line]) -> None:
    """A plan whose numbered tasks stand under no part heading (一、): their groups are its parts.

    Groups (一) with their tasks and sub-groups become parts; tasks under no group heading share
    one part titled after the notice.

    The numbered entries of its list of attachments (附件:1. …) are no tasks.
    """
    lines: list[Line] = []
    listing = False
    for line in body:
        if line.number <= document.notice_end:
            continue
        listing = bool(_LIST.match(line.light)) or (listing and bool(_ENTRY.match(line.light)))
        if not listing:
            lines.append(line)
    title = re.sub(r"\s+", "", document.notice.title or "") or "工作任务"
    groups = [g for g in read_tasks(lines, title) if g.tasks or g.groups]
    if not groups:
        return
    document.parts.extend(groups)
    first = min(_first_line(group) for group in groups)
    before = [line for line in body if line.number < first]
    document.preamble = Para.of(before, ["\n"] * (len(before) - 1)) if before else None


def _first_line(group: Group) -> int:
    """The line a group's first numbered element stands on."""
    if group.heading.lines:
        return group.heading.line
    firsts = [task.line for task in group.tasks] + [_first_line(sub) for sub in group.groups]
    return min(firsts)


def _pipe_part(document: Document, table: PipeTable) -> None:
    """A document that is one table of numbered tasks, one row per line: its rows are tasks.

    The task cell is the task's text, the unit cells its units; the other cells (milestones,
    officials) are named in a note.  A row the text stops inside is the point it stops at.
    """
    tasks: list[Element] = []
    for row in table.rows:
        element = Element(row.number, [Line(row.line, row.task)], units=list(row.units))
        if row.skipped:
            element.notes.append(
                "A row of a table printed one row per line (cells separated by |); its cells "
                f"{' / '.join(row.skipped)} are not read: add their milestones by hand."
            )
        tasks.append(element)
        if row.cut and document.stops_at is None:
            document.stops_at = (row.line, row.text)
    title = display(table.header[0]) if table.header else "工作任务"
    document.parts.append(Group(Element(None, []), tasks, fallback=title))


def _ends_text(line: Line) -> bool:
    """Whether a last line ends the text whole: a full sentence, or a unit line (责任单位:X局)."""
    clean = line.clean
    return ends_complete(line) or bool(
        responsibility_line(clean) and UNIT_END.search(clean.rstrip("等"))
    )


def document_kind(document: Document, body: list[Line]) -> tuple[str, str]:
    """The document's kind, from the words of its title, else from its structure."""
    notice = document.notice
    titles = [notice.title or "", notice.notice_title or ""]
    titles += [line.raw for line in body[:40] if _title_like(line)]
    for title in titles:
        clean = masked(title)
        for kind, pattern in _MASKED_KINDS:
            match = pattern.search(clean)
            if match and kind == "work_plan" and len(document.battles) >= 2:  # noqa: PLR2004
                return "campaign_plan", (
                    f"read from its structure ({len(document.battles)} battles) and the title "
                    f"{match[0]}"
                )
            if match:
                return kind, f"read from the title {match[0].replace('□', '*')}"
    if document.battles:
        return "campaign_plan", "read from its structure: attachments, one per battle"
    return _untitled_kind(document, body)


def _untitled_kind(document: Document, body: list[Line]) -> tuple[str, str]:
    """The kind of a document no title names: from its preamble, else its structure."""
    preamble = squeeze(document.preamble.raw) if document.preamble else ""
    own = _OWN_NAME.search(preamble)
    if own:
        for kind, pattern in _KINDS:
            if own["name"] != "方案" and pattern.search(own["name"]):
                return kind, f"read from the preamble's 本{own['name']}"
        titles = [
            inner[1] if (inner := re.search(r"[<〈]([^<>〈〉]{4,80})[>〉]", title)) else title
            for title in re.findall(r"《([^《》]{4,80})》", preamble)
        ]
        cited = {_title_kind(title) for title in titles if not title.endswith("通知")} - {None}
        if len(cited) == 1 and (only := cited.pop()) is not None:
            return only, "no title is printed; 本方案 follows the plans of this kind it cites"
    said = _preamble_kind(preamble)
    if said is not None:
        return said
    if document.pipe is not None and document.pipe.assigns:
        return "task_breakdown", (
            "no title says which kind; read from its structure: a table of numbered tasks with "
            "the units responsible for them"
        )
    if _grant_measures(body) >= _GRANT_MEASURES:
        return "policy_measures", (
            "no title says which kind; read from its numbered measures that grant support "
            "(给予…补贴/奖励)"
        )
    return "work_plan", "no title says which kind; read as one plan's own parts"


def _preamble_kind(preamble: str) -> tuple[str, str] | None:
    """The kind a preamble's opening states, if it states one.

    A report on the 国民经济和社会发展计划, or tasks broken down to the units (现将重点工作任务
    分解如下).
    """
    opening = preamble[:_PREAMBLE_READ]
    report = _KINDS[0][1].search(opening)
    if report:
        return "development_plan", f"no title is printed; the preamble reports on the {report[0]}"
    broken = _BROKEN_DOWN.search(opening)
    if broken:
        return "task_breakdown", f"no title is printed; the preamble says the tasks are {broken[0]}"
    return None


def _numbered(line: Line) -> bool:
    """A line that opens with a part, group or task number (一、 / (一) / 1.)."""
    light = line.light
    return bool(
        _top(line)
        or GROUP_MARK.match(light)
        or TASK_MARK.match(light)
        or ARTICLE_MARK.match(light)
        or OUTLINE_MARK.match(light)
    )


def _grant_measures(lines: list[Line]) -> int:
    """How many numbered lines grant money or support (给予…补贴, 一次性奖补)."""
    return sum(1 for line in lines if _numbered(line) and _GRANT.search(line.clean))


def _title_kind(title: str) -> str | None:
    """The kind a title's words name, if any."""
    return next((kind for kind, pattern in _MASKED_KINDS if pattern.search(masked(title))), None)


def is_plan(document: Document, lines: list[Line]) -> str | None:
    """None when the text reads as a plan, else what was looked for and not found.

    A plan has a title of a known kind (…方案, …意见, …任务分解, …计划), or the words
    government plans use (牵头, 责任单位, 各有关单位, 重点任务, 目标任务…), numbered or not:
    refusing a real plan is worse than a draft with notes, so only text with neither is refused.
    """
    if (
        document.battles
        or (document.notice.title and _KIND_WORD.search(masked(document.notice.title)))
        or (document.pipe is not None and document.pipe.assigns)
    ):
        return None
    numbered = [
        line
        for line in lines
        if _numbered(line) and len(re.findall(r"[\u4e00-\u9fff]", line.clean)) >= 4  # noqa: PLR2004
    ]
    words = _PLAN_WORDS.search("".join(line.clean for line in lines[:400])) or (
        _grant_measures(lines) >= _GRANT_MEASURES
    )
    if words:
        # a real plan cut before its numbered tasks, or printed as a table one cell a line, is
        # still a plan: the words of plans are enough, and the draft's notes say what is missing
        return None
    found = [
        (
            "none of the words plans use (牵头, 责任单位, 重点任务, 人民政府, 目标任务…) and no "
            "numbered measures that grant support (给予…补贴)"
        )
    ]
    if len(numbered) < 2:  # noqa: PLR2004
        found.insert(0, "no numbered parts or tasks (一、 / (一) / 1.)")
    return (
        "the text is not a plan of any kind the extractor reads: no plan title (…方案, …意见, "
        "…计划, …任务分解) and " + "; ".join(found)
    )


def lead_heading(title: str, line: int) -> LeadHeading | None:
    """The lead a part heading names for every task under it (一、X牵头工作(8项)), if any."""
    lead = _LEAD_HEADING.match(squeeze(title))
    if lead is None:
        return None
    return LeadHeading(title, lead["unit"], int(lead["count"]) if lead["count"] else None, line)


def _parts_in_body(document: Document) -> None:
    """A document without battles: its top-level parts are groups, their (一)/1. tasks.

    A part that only frames the plan (指导思想, 保障措施; 目标 unless the document is a task
    breakdown, which assigns each target) holds no tasks.  A (一) paragraph with no numbered
    tasks under it is a task of its own.
    """
    breakdown = document.kind == "task_breakdown"
    for section in document.sections:
        if section.line < document.notice_end:
            continue
        title = squeeze(section.title)
        kind = _section_kind(title)
        if _MECHANISMS.search(title) or (_IDEOLOGY.search(title) and not breakdown):
            continue
        if kind == "objectives" and not breakdown and not _assigns(section.lines):
            continue
        tasks, groups = _part_content(section)
        if not tasks and not groups:
            continue
        raw = section.heading.raw if section.heading else section.title
        rest = Line(section.line, re.sub(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]\s*", "", raw))
        part = Group(Element(section.number, [rest]), tasks, groups)
        lead = lead_heading(section.title, section.line)
        if lead is not None:
            document.lead_headings[id(part)] = lead
        document.parts.append(part)
        document.part_lines.add(section.line)


_ISSUING = re.compile(r"印发给你们|现予印发|现印发|现将.{0,80}?印发")
_SIGNING_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def _notice_end(body: list[Line]) -> int:
    """The line of the notice's signing date when the body opens with the notice, else 0."""
    issued = next((i for i, line in enumerate(body[:60]) if _ISSUING.search(line.clean)), None)
    if issued is None:
        return 0
    return next(
        (line.number for line in body[issued : issued + 40] if _SIGNING_DATE.match(line.clean)), 0
    )


def _part_content(section: TopSection) -> tuple[list[Element], list[Group]]:
    """A part's tasks and groups; a (一) paragraph with nothing numbered under it is a task."""
    tasks: list[Element] = []
    groups: list[Group] = []
    for group in read_tasks(section.lines, section.title):
        if not group.heading.lines:
            tasks.extend(group.tasks)
            groups.extend(group.groups)
        elif group.heading.number is None:
            continue  # the part's own opening paragraph
        elif not group.tasks and not group.groups:
            tasks.append(group.heading)
        elif not group.groups and _with_paragraph(group.heading):
            # (一)推进X。 then a paragraph of its own work, then 1. 2.: a task whose numbered
            # tasks stand under it
            group.heading.items = group.tasks
            tasks.append(group.heading)
        else:
            groups.append(group)
    return tasks, groups


def _with_paragraph(heading: Element) -> bool:
    """Whether a group heading is followed by a paragraph of its own (work it assigns).

    More than a heading broken over two lines: the text after its first line is longer than a
    heading and holds a full sentence.
    """
    rest = "".join(line.clean for line in heading.lines[1:])
    return len(rest) > SHORT_LINE and "。" in rest


def _assigns(lines: list[Line]) -> bool:
    """Whether a section gives responsibilities, on lines of their own or in notes.

    责任单位:X on its own line, or …增长11%。[牵头单位:X;责任单位:Y] and (X牵头): its targets
    are then tasks of those units.
    """
    return any(
        responsibility_line(line.clean) or _ASSIGNING_NOTE.search(line.clean) for line in lines
    )


#: A note that assigns the text before it: (牵头单位:X…), [责任单位:Y], (X牵头), (X负责).
_ASSIGNING_NOTE = re.compile(
    r"[(\[【〔](?:牵头单位|责任单位|主办单位)[::]|牵头[,;)\]】〕]|牵头\)?$"
)


def _battles_in_body(document: Document) -> None:
    """A plan without attachments: each group of its 重点任务 with numbered tasks is a battle."""
    for section in document.sections:
        if _section_kind(section.title) != "tasks":
            continue
        groups = read_tasks(section.lines, section.title)
        if not any(g.heading.lines and (g.tasks or g.groups) for g in groups):
            # battles printed as one paragraph each: (一)全力攻坚X行动。… — the paragraph is
            # the battle's one task
            groups = [
                Group(g.heading, [g.heading], fallback=None)
                for g in groups
                if g.heading.number is not None and not g.tasks and not g.groups
            ]
            if not groups:
                continue
            paragraphs = True
        else:
            paragraphs = False
        for group in groups:
            if not group.heading.lines or not (group.tasks or group.groups):
                continue
            heading = group.heading.para
            cut = heading.clean.find("。")
            title = display(
                heading.span(
                    0, cut if 0 <= cut < heading.first_line_end else heading.first_line_end
                )
            )
            battle = BattleDraft(
                number=len(document.battles) + 1,
                label=None,
                entry_title=None,
                title=title or None,
                line=group.heading.line,
                notes=[
                    "The plan has no attachments: the battle is a group of its 重点任务 section."
                ],
                from_paragraph=paragraphs,
            )
            battle.groups = [Group(Element(None, []), group.tasks, group.groups, fallback=title)]
            document.battles.append(battle)
        return


def _read_general(lines: list[Line], document: Document) -> None:
    tops = [i for i, line in enumerate(lines) if _top(line)]
    before = lines[: tops[0]] if tops else lines
    if before:
        document.preamble = Para.of(before, ["\n"] * (len(before) - 1))
    for position, start in enumerate(tops):
        end = tops[position + 1] if position + 1 < len(tops) else len(lines)
        match = _top(lines[start])
        assert match is not None  # noqa: S101 - found above
        document.sections.append(
            TopSection(
                match["num"],
                match["title"].strip(),
                lines[start].number,
                lines[start + 1 : end],
                heading=lines[start],
            )
        )


def _titled_attachments(body: list[Line], *, top_first: bool = True) -> list[int]:
    """Attachments printed without a list or labels: a title line (…实施方案) then a preamble.

    With *top_first*, only after the general plan's first section heading.
    """
    found: list[int] = []
    seen_top = not top_first
    for index, line in enumerate(body):
        if _top(line):
            seen_top = True
            continue
        if not seen_top or not _title_like(line) or not _SUFFIX.search(line.clean):
            continue
        following = body[index + 1 : index + 3]
        if any(re.match(r"^(?:为|根据|按照|依据|以)", f.clean) or _top(f) for f in following):
            found.append(index)
    return found


def _entries(lines: list[Line]) -> tuple[list[tuple[int, str]], int]:
    """The attachment list (附件:1. … 2. …) and the index after it."""
    entries: list[tuple[int, str]] = []
    match = _LIST.match(lines[0].light)
    assert match is not None  # noqa: S101 - the caller checked
    index = 1
    first = _ENTRY.match(match["rest"].strip())
    if first:
        entries.append((int(first["num"]), display(first["title"])))
    extended = False
    while index < len(lines):
        entry = _ENTRY.match(lines[index].light)
        expected = entries[-1][0] + 1 if entries else 1
        if entry and int(entry["num"]) == expected:
            entries.append((expected, display(entry["title"])))
            extended = False
            index += 1
        elif (
            entries
            and not extended
            and not _SUFFIX.search(squeeze(entries[-1][1]))
            and not _TABLE_TITLE.search(squeeze(entries[-1][1]))
            and not _LABEL.match(lines[index].light)
            and len(lines[index].clean) <= SHORT_LINE
        ):
            number, title = entries[-1]
            entries[-1] = (number, title + display(lines[index].raw))
            extended = True
            index += 1
        else:
            break
    return entries, index


def _title_like(line: Line) -> bool:
    clean = line.clean
    return 4 <= len(clean) <= 60 and not re.search(r"[。;,]", clean)  # noqa: PLR2004


def _starts(lines: list[Line], entries: list[tuple[int, str]]) -> list[tuple[int | None, int, int]]:
    """(entry number, start index, title index) of each attachment."""
    labels: dict[int, int] = {}
    for index, line in enumerate(lines):
        match = _LABEL.match(line.light)
        number = cn_number(match["num"]) if match and match["kind"] == "件" else None
        if number is not None:
            labels.setdefault(number, index)
    starts: list[tuple[int | None, int, int]] = []
    if entries:
        position = 0
        for number, title in entries:
            if number in labels and labels[number] >= position:
                start = labels[number]
                title_at = next(
                    (
                        i
                        for i in range(start + 1, min(start + 3, len(lines)))
                        if _title_like(lines[i])
                    ),
                    start,
                )
            else:
                title_at = next(
                    (
                        i
                        for i in range(position, len(lines))
                        if _title_like(lines[i]) and similar(lines[i].raw, title) >= 0.75  # noqa: PLR2004
                    ),
                    -1,
                )
                if title_at < 0:
                    continue
                start = title_at
            starts.append((number, start, title_at))
            position = title_at + 1
        return starts
    for number, start in sorted(labels.items(), key=lambda item: item[1]):
        title_at = start + 1 if start + 1 < len(lines) and _title_like(lines[start + 1]) else start
        starts.append((number, start, title_at))
    if not starts:
        starts = [(None, index, index) for index in _titled_attachments(lines, top_first=False)]
    return starts


def battle_name(title: str, region: str | None) -> str:
    """The battle's name from its attachment title: 某县打好X实施方案 → 打好X."""
    name = re.sub(r"\s+", "", title)
    if region and name.startswith(region):
        name = name[len(region) :]
    return _SUFFIX.sub("", name) or name


def _read_attachments(
    lines: list[Line], entries: list[tuple[int, str]], document: Document, blanks: dict[int, int]
) -> None:
    starts = _starts(lines, entries)
    titles = dict(entries)
    for position, (number, start, title_at) in enumerate(starts):
        end = starts[position + 1][1] if position + 1 < len(starts) else len(lines)
        title = (
            display(lines[title_at].raw)
            if title_at != start or not _LABEL.match(lines[start].light)
            else None
        )
        entry_title = titles.get(number) if number is not None else None
        body = lines[title_at + 1 : end] if title is not None else lines[start + 1 : end]
        if title is not None and body and _title_rest(title, body[0]):
            title += display(body[0].raw)
            body = body[1:]
        label = f"附件{number}" if number is not None else None
        kind_title = squeeze(entry_title or title or "")
        if _TABLE_TITLE.search(kind_title) and not any(_top(line) for line in body):
            table = read_table(lines[start:end], blanks)
            if table is not None:
                document.tables.append(table)
            else:
                document.notes.append(f"{label or kind_title}: no table could be read.")
            continue
        battle = BattleDraft(
            number=len(document.battles) + 1,
            label=label,
            entry_title=entry_title,
            title=title,
            line=lines[start].number,
        )
        _read_battle(body, battle, blanks)
        document.battles.append(battle)


def _title_rest(title: str, line: Line) -> bool:
    """Whether *line* finishes a title broken over two lines (…打好经济增长 / 主动仗实施方案)."""
    return (
        not _SUFFIX.search(squeeze(title))
        and not _TABLE_TITLE.search(squeeze(title))
        and _title_like(line)
        and bool(_SUFFIX.search(line.clean) or _TABLE_TITLE.search(line.clean))
        and len(line.clean) <= SHORT_LINE
    )


def _table_regions(lines: list[Line]) -> list[int]:
    """Indices where tables (or sub-attachments) start inside an attachment."""
    starts: list[int] = []
    for index, line in enumerate(lines):
        label = _LABEL.match(line.light)
        if label:
            starts.append(index)
            continue
        if line.clean == "序号" and not any(s <= index <= s + 3 for s in starts):
            begin = index
            while begin > 0 and index - begin < 3 and _TABLE_TITLE.search(lines[begin - 1].clean):  # noqa: PLR2004
                begin -= 1
            starts.append(begin)
    return sorted(set(starts))


def _read_battle(lines: list[Line], battle: BattleDraft, blanks: dict[int, int]) -> None:
    regions = _table_regions(lines)
    text_end = regions[0] if regions else len(lines)
    _read_tables(lines, regions, battle, blanks)
    text = [line for line in lines[:text_end] if not _LIST.match(line.light)]
    tops = [i for i, line in enumerate(text) if _top(line)]
    head = text[: tops[0]] if tops else []
    if head:
        battle.preamble = Para.of(head, ["\n"] * (len(head) - 1))
    if not tops:
        battle.groups = read_tasks(text)
        return
    sections: list[tuple[str, list[Line]]] = []
    for position, start in enumerate(tops):
        end = tops[position + 1] if position + 1 < len(tops) else len(text)
        match = _top(text[start])
        assert match is not None  # noqa: S101 - found above
        sections.append((match["title"], text[start:end]))
    for (title, (heading, *content)), kind in zip(
        sections, _section_kinds([(t, c[1:]) for t, c in sections]), strict=True
    ):
        if kind == "objectives" and not _assigns(content):
            battle.objectives.extend(section_paragraphs(content))
        elif kind in {"tasks", "objectives"}:
            groups = read_tasks(content, title)
            if kind == "objectives":
                groups = _assigned_targets(groups, title)
            lead = lead_heading(title, heading.number)
            if lead is not None:
                battle.lead_headings.update((id(group), lead) for group in groups)
            battle.groups.extend(groups)
        else:
            battle.mechanisms.extend(section_paragraphs(content))


def _assigned_targets(groups: list[Group], title: str) -> list[Group]:
    """The targets of a section that assigns each one (一、主要目标 / (一)…增长11%。[牵头单位:X]).

    Its (一) (二) items with nothing numbered under them are its tasks, in one group titled
    after the section, not groups of no tasks.
    """
    if any(g.tasks or g.groups or g.heading.number is None for g in groups):
        return groups
    return [Group(Element(None, []), [g.heading for g in groups], fallback=title)]


def _section_kinds(sections: list[tuple[str, list[Line]]]) -> list[str]:
    """What each section holds; without a 任务 heading, the most numbered one holds the tasks."""
    kinds = [_section_kind(title) for title, _ in sections]
    if "tasks" not in kinds:
        counts = [
            sum(
                1 for line in content if GROUP_MARK.match(line.light) or TASK_MARK.match(line.light)
            )
            for _, content in sections
        ]
        best = max(range(len(sections)), key=counts.__getitem__)
        if counts[best] and kinds[best] != "objectives":
            kinds[best] = "tasks"
    return kinds


def _read_tables(
    lines: list[Line], regions: list[int], battle: BattleDraft, blanks: dict[int, int]
) -> None:
    for position, start in enumerate(regions):
        end = regions[position + 1] if position + 1 < len(regions) else len(lines)
        table = read_table(lines[start:end], blanks)
        if table is not None:
            battle.tables.append(table)
        else:
            battle.notes.append(
                f"Lines {lines[start].number}-{lines[end - 1].number} hold no table the extractor "
                "could read."
            )


def _section_kind(title: str) -> str:
    if _OBJECTIVES.search(title) and not _TASKS.search(title):
        return "objectives"
    if _TASKS.search(title) and not _IDEOLOGY.search(title):
        return "tasks"
    return "other"
