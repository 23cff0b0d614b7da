"""Responsibility notes (牵头, 配合, 按职责分工负责) and the unit registry, for the extractor.

A note is a parenthetical that names units and says what they do:

- ``X牵头,Y、Z等按职责分工负责`` → X lead; Y, Z cooperating;
- ``X、Y牵头`` / ``X、Y分别牵头`` / ``X会同Y牵头`` / ``牵头单位:X、Y`` → X, Y lead;
- ``X、Y等按职责分工负责`` (no 牵头) → X, Y responsible;
- ``X负责`` (one office, nothing else) / ``X牵头负责`` → X lead;
- ``X成员单位负责`` (a lone collective, no 牵头) → X responsible: a collective leads only where
  牵头 is printed for it;
- ``县安委会、县减灾委相关成员单位`` → one collective unit, as printed (docs/concepts.md §16);
- ``Y配合`` / ``Y参与`` / ``Y协同`` → Y cooperating;
- a bare list of units closing a paragraph → responsible, with a review note; one whose note
  itself says 排名第一的为牵头单位 → the first lead, the others cooperating.

The note stands in (), 【】, [] or 〔〕 (a bracket left open runs to the end of its line), or
is printed as a sentence, clause or line of its own (责任单位:X; …,责任单位为X; 牵头单位:X on
one line, 配合单位:Y on the next); the variants 按职分工负责 and 职能分工负责 read as
按职责分工负责.  A 责任领导 or any person or post (副县长某某) is no unit: it stays in the
note's text.  Unit names are kept whole: a 、 inside a bracket (区发展和改革局〈科技、工信〉) does
not split, and 及/和 split only after a whole name (区直及驻X有关单位 is one unit).

Roles are never inferred from a convention stated elsewhere.  Units are kept as printed; the
registry groups spellings of one office (县发改局 / 县发展和改革局, 县财政局 /
县财政局(国资管理中心)), but keeps a portfolio (区发展和改革局〈科技〉) a unit of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from govplan._reading_units import UNIT_END, collective_spans
from govplan._text import squeeze
from govplan.extract._text import Line, Para, display, words_tail
from govplan.org import Role, UnitKind

_ROLE_WORDS = r"(?:负责|配合|参与|协助|协同|协办)"
#: Role words that make a unit cooperating.
_HELPING = frozenset({"配合", "参与", "协助", "协同", "协办"})
#: 按职责分工, and the variants printed: 按职分工, 职能分工, 依照职责, 根据职责分工 ….
_MODIFIER = r"(?:(?:按照?|依照?|根据)?职[责能]?分工|(?:按照?|依照?|根据)职[责能]|分别|共同|统筹)"
_DENG = r"(?:等(?:相关|有关|其他)?(?:部)?(?:单位|部门|成员单位)?)"
_TAIL = re.compile(rf"{_DENG}?{_MODIFIER}?(?:为)?(?P<role>{_ROLE_WORDS}|责任)(?:单位|部门)?$")
_LEAD = re.compile(rf"{_MODIFIER}?(?:为)?牵头(?:单位|部门)?(?:负责)?")
#: A labelled list closed by its own role word (责任单位:X、Y分别牵头): the word decides.
_LEAD_TAIL = re.compile(rf"{_DENG}?{_MODIFIER}?(?:为)?牵头(?:单位|部门)?(?:负责)?$")
#: The labels that name units: 牵头单位:, 责任单位为, 配合单位:, 协同单位: ….
_UNIT_LABEL = r"(?:牵头|主责|责任|配合|协助|协同|协办|参与)(?:单位|部门)"
_LABEL = re.compile(rf"^(?P<label>{_UNIT_LABEL})(?:[:]|为)(?P<units>.+)$")
#: Labels of a note that name a person, a post or a time, never a unit: 责任领导:副县长…
_PERSON_OR_TIME = (
    r"(?:(?:责任|分管|牵头|联系|包保|挂点|[县市区省州]级)领导|责任人|联系人|"
    r"完成时限|完成时间|时间节点|时限要求|办结时限)"
)
#: A time limit closing a note: ,2024年6月底前完成.
_DEADLINE_CLAUSE = re.compile(r"[,;][^,;]*(?:\d{1,2}月|季度|年底|年内|年末|半年|\d{4}年)[^,;]*$")
#: 负责 closing the main units of a note that then names helpers (X负责,Y配合).
_MAIN_THEN_HELPERS = re.compile(rf"{_DENG}?{_MODIFIER}?负责[,;]")
#: A labelled part that names no unit: 责任领导:…, 完成时限:….
_OTHER_LABEL = re.compile(rf"^(?:{_PERSON_OR_TIME}|[^:]{{0,6}}(?:领导|时限|时间|人))[:]")
#: Where a labelled part starts: 牵头单位:, 责任单位为, and labels that name no unit (after a
#: separator, or one of the person and time labels anywhere: lines joined without one).
_LABEL_START = re.compile(
    rf"{_UNIT_LABEL}(?:[:]|为)|{_PERSON_OR_TIME}[:]"
    r"|(?<![^;,。])[^;,:。]{0,6}(?:领导|时限|时间|人)[:]"
)
#: 及, 和 and 与 separate only after a whole unit name (:func:`_joins_names`).
_SEPARATORS = re.compile(r"以及|会同|(?<![涉普危以])及|[、,;]|和|与")
#: Brackets a unit name may hold a qualifier in: 区发展和改革局〈科技、工信〉, 县财政局(国资中心).
_OPEN = "([【〔〈《<{"
_CLOSE = ")]】〕〉》>}"


def _bracket_depths(text: str) -> list[int]:
    """For each position of *text*, how many brackets are open there (a 、 inside one joins)."""
    depths: list[int] = []
    depth = 0
    for char in text:
        if char in _CLOSE and depth:
            depth -= 1
        depths.append(depth)
        if char in _OPEN:
            depth += 1
    return depths


def _joins_names(piece: str) -> bool:
    """Whether the text before a 及/和/与 is a whole unit name, so the word joins two names.

    区直及驻X有关单位, 市直及中省驻X有关单位: the part before 及 is no name of its own, and the
    whole is one collective unit; 县财政局及县商务局 names two.
    """
    piece = re.sub(r"[(〈][^()〈〉]*[)〉]$", "", piece)
    return bool(UNIT_END.search(piece))


#: The words of _DENG and _MODIFIER, spelt out: a unit name may close with a run of them.
_TOKEN_TAIL = frozenset(
    [
        f"等{kind}{part}{body}"
        for kind in ("", "相关", "有关", "其他")
        for part in ("", "部")
        for body in ("", "单位", "部门", "成员单位")
    ]
    + [
        f"{by}职{what}分工"
        for by in ("", "按", "按照", "依", "依照", "根据")
        for what in ("责", "能", "")
    ]
    + [f"{by}职{what}" for by in ("按", "按照", "依", "依照", "根据") for what in "责能"]
    + ["分别", "共同", "统筹"]
    # X牵头,Y负责,Z配合: the 负责 closing a middle part is no part of Y's name.
    + ["负责"]
)
_NOT_UNIT = re.compile(r"[0-9%。:]|以上|以下|左右|万元|亿元")
_MAX_UNIT = 40
#: A label before the units that is no unit: 责任落实:, 责任分工:.
_PREFIX = re.compile(r"^(?:责任落实|责任分工|责任单位及分工|分工)[:]")


@dataclass
class Note:
    """One responsibility note found in a text: where it stands and what it says."""

    start: int
    end: int
    text: str
    assignments: list[tuple[str, Role]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Token:
    name: str
    start: int
    end: int


#: 各乡、镇人民政府: levels joined by 、 before the name they share (各乡人民政府, 各镇人民政府).
_LEVEL_ONLY = re.compile(r"^各?[省市州县区乡镇](?:、[省市州县区乡镇])*$")
_LEVEL_START = re.compile(r"^[省市州县区乡镇]")
#: A short piece that is no name of its own (甲乙、丙丁管理区: the two share 管理区), unless it
#: ends like a place or park of its own (经开区, 各园区).
_SHORT_PIECE = 6
_PLACE_TAIL = re.compile(r"[区县市园港场队旗]$")


def _shared_heads(clean: str, splits: list[re.Match[str]]) -> list[re.Match[str]]:
    """Drop the 、 that join names sharing their head (各乡、镇人民政府, 各县、市、区政府, 甲乙、丙丁管理区).

    A 、 after a lone level (各乡) before a name that opens with a level, or after a short piece
    with no unit ending before a longer name that does not open as it does, joins one name as
    printed.
    """
    kept: list[re.Match[str]] = []
    start = 0
    for index, match in enumerate(splits):
        piece = clean[start : match.start()]
        stop = splits[index + 1].start() if index + 1 < len(splits) else len(clean)
        after = clean[match.end() : stop]
        joined = (
            match.group(0) == "、"
            and (
                (_LEVEL_ONLY.match(piece) and _LEVEL_START.match(after))
                or (
                    0 < len(piece) <= _SHORT_PIECE
                    and not UNIT_END.search(piece)
                    and not _PLACE_TAIL.search(piece)
                    and not _NOT_UNIT.search(piece)
                    and not re.search(r"[()〈〉]", piece)
                    and len(after) > len(piece)
                    # 县人行、县税务局: two names that each open with their place
                    and piece[0] != after[:1]
                )
            )
        )
        if joined:
            continue
        kept.append(match)
        start = match.end()
    return kept


def _tokens(clean: str, base: int, para: Para) -> list[_Token]:
    """Unit names of a list (、 , 及 …), as printed, without 等单位 and 按职责分工."""
    found: list[_Token] = []
    position = 0
    depths = _bracket_depths(clean)
    splits = [
        m
        for m in _SEPARATORS.finditer(clean)
        if not depths[m.start()]
        and (m.group(0) not in {"及", "和", "与"} or _joins_names(clean[: m.start()]))
    ]
    splits = _shared_heads(clean, splits)
    for match in [*splits, None]:
        stop = match.start() if match else len(clean)
        piece = clean[position:stop]
        lead = len(piece) - len(piece.lstrip("由"))
        piece = piece[lead:]
        piece = piece[: words_tail(piece, _TOKEN_TAIL)]
        if piece:
            start = base + position + lead
            found.append(
                _Token(display(para.span(start, start + len(piece))), start, start + len(piece))
            )
        position = match.end() if match else stop
    return found


def _collectives(tokens: list[_Token], para: Para) -> list[_Token]:
    """Read ``县安委会、县减灾委相关成员单位`` as one collective unit, named as printed.

    The reading rule of docs/concepts.md §16: committees joined by 、/和/及 and closed by one
    成员单位 are one unit; no name the note does not print is made up.
    """
    if not tokens:
        return tokens
    low = tokens[0].start
    spans = [
        (low + span.start, low + span.end)
        for span in collective_spans(para.clean[low : tokens[-1].end])
        if len(span.bodies) > 1
    ]
    result: list[_Token] = []
    index = 0  # spans and tokens both run in order: each span is passed once
    for token in tokens:
        while index < len(spans) and spans[index][1] < token.end:
            index += 1
        span = spans[index] if index < len(spans) else None
        if span is None or not span[0] <= token.start:
            result.append(token)
        elif not result or result[-1].start != span[0]:
            result.append(_Token(display(para.span(*span)), *span))
    return result


def split_units(text: str) -> list[str]:
    """The unit names of a list as printed (a table cell: 县发改局、县财政局(国资中心)等).

    Read as a note's list is: a 、 inside brackets does not split, 及/和 split only after a
    whole name, committees closed by one 成员单位 stay one unit, 等单位 and 按职责分工 are no
    part of a name.
    """
    para = Para.of([Line(1, text)])
    clean = para.clean
    cut = len(clean.rstrip("、,;"))
    return [t.name for t in _collectives(_tokens(clean[:cut], 0, para), para)]


def _valid(tokens: list[_Token]) -> bool:
    return bool(tokens) and all(
        # one character (区, cut off at the end of an excerpt) names no unit
        1 < len(t.name) <= _MAX_UNIT and not _NOT_UNIT.search(squeeze(t.name))
        for t in tokens
    )


#: A bracketed qualifier closing a unit name: (国资中心), 〈科技、工信〉, 【科技】.
_QUALIFIER = re.compile(r"[(〈【\[〔][^()〈〉【】\[\]〔〕]*[)〉】\]〕]$")


def unit_like(name: str) -> bool:
    """Whether *name* reads as the name of an office or body (县发改局, 各乡镇, 国网…公司)."""
    clean = squeeze(name)
    clean = _QUALIFIER.sub("", clean)
    return (
        1 < len(clean) <= _MAX_UNIT and bool(UNIT_END.search(clean)) and not _NOT_UNIT.search(clean)
    )


@dataclass
class _Reading:
    """A note being read: the text of the parenthetical and where it stands."""

    para: Para
    content: str
    base: int
    note: Note
    #: The note states that its first-listed unit leads (排名第一的为牵头单位).
    first_leads: bool = False

    def tokens(self, start: int, end: int | None = None) -> list[_Token]:
        """The unit names of ``content[start:end]``."""
        end = len(self.content) if end is None else end
        return _tokens(self.content[start:end], self.base + start, self.para)


def parse_note(
    para: Para,
    start: int,
    end: int,
    *,
    closing: bool,
    bracketed: bool = True,
    closed: bool = True,
) -> Note | None:
    """Read the parenthetical ``para.clean[start:end]`` (parentheses included) as a note.

    *closing* says whether the parenthetical closes a sentence or the text, which a bare unit
    list must do to count as a note.  Returns None for remarks that are no note ("(含自建房)").
    Without *bracketed*, the span is a note printed as a sentence (责任单位:X、Y); without
    *closed*, its opening bracket has no closing one (the span runs to the end of the text).
    A person or post the note names (副县长张某牵头) is no unit: it stays in the note's text.
    """
    note = _parse_note(para, start, end, closing=closing, bracketed=bracketed, closed=closed)
    if note is None:
        return None
    people = [name for name, _ in note.assignments if person_like(name)]
    if people:
        note.assignments = [(n, r) for n, r in note.assignments if n not in people]
        note.notes.append(
            f"{'、'.join(people)} names a person or post, not a unit: kept in the note's text "
            "only, not in the unit registry."
        )
    return note


#: Words of a post or a person (副县长张某, 县委常委, 分管领导): such a name is no unit.
_POST = re.compile(r"书记|[县市区州省]长|主任|主席|秘书长|常委|政委|领导|同志")


def person_like(name: str) -> bool:
    """Whether *name* names a person or post (副县长张某, 县委书记) rather than a unit."""
    clean = _QUALIFIER.sub("", squeeze(name))
    return bool(_POST.search(clean)) and not UNIT_END.search(clean)


def _parse_note(
    para: Para, start: int, end: int, *, closing: bool, bracketed: bool, closed: bool
) -> Note | None:
    inset = 1 if bracketed else 0
    outset = inset if closed else 0
    content = para.clean[start + inset : end - outset]
    base = start + inset
    label = _PREFIX.match(content)
    if label and not _LABEL.match(content):
        content = content[label.end() :]
        base += label.end()
    if not content:
        return None
    text = display(para.span(start + inset, end - outset))
    reading = _Reading(para, content, base, Note(start, end, text))
    if not closed:
        reading.note.notes.append(
            "The note's closing bracket is missing: it is read to the end of the text; check "
            "that its units are complete."
        )
    content = _units_part(reading)
    remark = _RULE_REMARK.search(content)
    if remark:
        # 责任单位:X、Y、Z(列第一位者为牵头单位,下同): the list's own reading rule, no name
        reading.content = content = content[: remark.start()]
        reading.first_leads = reading.first_leads or bool(_FIRST_LEADS.search(remark["inner"]))
        reading.note.notes.append(
            f"The note closes with a reading rule ({remark['inner']}): not read as a unit."
        )
    # Only the last , or ; can start the clause ([^,;]* runs to the end): match there alone.
    deadline = _DEADLINE_CLAUSE.match(content, max(content.rfind(","), content.rfind(";"), 0))
    if deadline and deadline.start() > 0:
        reading.content = content = content[: deadline.start()]
        reading.note.notes.append(
            f"The note ends with a time limit ({deadline.group(0).lstrip(',;')}), read as a "
            "deadline of the task, not as a unit."
        )
    starts = [m.start() for m in _LABEL_START.finditer(content)]
    if starts and starts[0] == 0:
        parts = [
            (begin, content[begin:end].rstrip(";,、。"))
            for begin, end in zip(starts, [*starts[1:], len(content)], strict=True)
        ]
        labelled = [_LABEL.match(part) for _, part in parts]
        if all(m or _OTHER_LABEL.match(p) for m, (_, p) in zip(labelled, parts, strict=True)):
            return _labelled(reading, parts, labelled)
    leads = list(_LEAD.finditer(content))
    if leads:
        return _with_leads(reading, leads)
    tail = _TAIL.search(content)
    if tail:
        return _with_role(reading, tail)
    return _bare_list(reading) if closing or reading.first_leads else None


def _units_part(reading: _Reading) -> str:
    """The note up to its first 。: what follows is a remark or a stated convention.

    (牵头单位:X、Y。以下任务均需各县人民政府落实,不再列出): the second sentence names no
    unit of this task; it stays in the note's text, with a review note.
    """
    content = reading.content
    stop = content.find("。")
    if stop > 0:
        rest = content[stop + 1 :].rstrip("。")
        reading.content = content = content[:stop]
        reading.first_leads = bool(_FIRST_LEADS.search(rest))
        if rest:
            reading.note.notes.append(
                f"The note goes on after its units ({rest}): kept in its text, not read as units."
            )
    return content


#: A note's own rule that its first-listed unit leads: 排名第一的为牵头单位, 排序第一的单位牵头.
_FIRST_LEADS = re.compile(
    r"(?:排名|排序|排在|列|名列)第一(?:位|个)?(?:的|者)?(?:单位|部门)?(?:为|是)?(?:工作)?"
    r"牵头(?:单位|部门)?"
)
#: A bracket closing a unit list that states how to read it (列第一位者为牵头单位, 下同).
_RULE_REMARK = re.compile(r"[(](?P<inner>[^()]*(?:第一|首位|下同|同上)[^()]*)[)]$")


def _labelled(
    reading: _Reading, parts: list[tuple[int, str]], labelled: list[re.Match[str] | None]
) -> Note:
    """牵头单位:X、Y;配合单位:Z (also printed on lines of their own, without separators)."""
    note = reading.note
    for (offset, part), match in zip(parts, labelled, strict=True):
        if match is not None:
            label = match["label"]
            role = Role.COOPERATING
            if label.startswith(("牵头", "主责")):
                role = Role.LEAD
            elif label.startswith("责任"):
                role = Role.RESPONSIBLE
            end = offset + len(part)
            tail = _LEAD_TAIL.search(match["units"])
            if tail is not None and tail.start() > 0 and role is not Role.COOPERATING:
                end = offset + match.start("units") + tail.start()
                role = Role.LEAD
            tokens = reading.tokens(offset + match.start("units"), end)
            if not _valid(tokens):
                return _unreadable(note)
            if reading.first_leads and role is Role.RESPONSIBLE and len(parts) == 1:
                # 责任单位:X、Y(列第一位者为牵头单位): X leads, the others stay responsible
                note.assignments.append((tokens[0].name, Role.LEAD))
                tokens = tokens[1:]
                note.notes.append("The note states that its first-listed unit leads: read so.")
            note.assignments.extend((t.name, role) for t in tokens)
        else:
            note.notes.append(f"The note's part {part!r} names no unit; kept in its text only.")
    return note


def _with_leads(reading: _Reading, leads: list[re.Match[str]]) -> Note | None:
    """X、Y牵头 / X牵头,Y、Z等按职责分工负责 / X会同Y牵头."""
    note, content = reading.note, reading.content
    position = 0
    for match in leads:
        tokens = reading.tokens(position, match.start())
        if not _valid(tokens):
            return _unreadable(note) if _ROLE_TAIL_ANY.search(content) else None
        note.assignments.extend((t.name, Role.LEAD) for t in _collectives(tokens, reading.para))
        position = match.end()
        while position < len(content) and content[position] in "、,;":
            position += 1
    rest = content[position:]
    if rest:
        tail = _TAIL.search(rest)
        tokens = reading.tokens(position, position + tail.start() if tail else None)
        if not _valid(tokens):
            return _unreadable(note)
        if not tail:
            note.notes.append(
                f"The units after the lead ({rest}) carry no role word: read as cooperating."
            )
        note.assignments.extend(
            (t.name, Role.COOPERATING) for t in _collectives(tokens, reading.para)
        )
    return note


def _with_role(reading: _Reading, tail: re.Match[str]) -> Note | None:
    """X负责 (one office: lead) / X、Y等按职责分工负责 (responsible) / Y配合 (cooperating).

    X负责,Y配合: the units before 负责 are read as for X负责, those after as cooperating.  A
    lone collective (X成员单位负责) is responsible: it leads only where 牵头 is printed for it.
    """
    note = reading.note
    main = _MAIN_THEN_HELPERS.search(reading.content, 0, tail.start())
    if tail["role"] in _HELPING and main is not None:
        first = reading.tokens(0, main.start())
        helpers = reading.tokens(main.end(), tail.start())
        if not _valid(first) or not _valid(helpers):
            return _unreadable(note)
        first = _collectives(first, reading.para)
        role = Role.LEAD if _lone_office(first) else Role.RESPONSIBLE
        note.assignments.extend((t.name, role) for t in first)
        note.assignments.extend(
            (t.name, Role.COOPERATING) for t in _collectives(helpers, reading.para)
        )
        return note
    tokens = reading.tokens(0, tail.start())
    if not _valid(tokens):
        return _unreadable(note) if len(reading.content) <= _MAX_UNIT * 3 else None
    tokens = _collectives(tokens, reading.para)
    qualified = tail.group(0) != tail["role"]
    if tail["role"] in _HELPING:
        role = Role.COOPERATING
    elif _lone_office(tokens) and not qualified and tail["role"] == "负责":
        role = Role.LEAD
    else:
        role = Role.RESPONSIBLE
    note.assignments.extend((t.name, role) for t in tokens)
    return note


def _lone_office(tokens: list[_Token]) -> bool:
    """Whether the tokens are one unit that is no collective: X负责 makes such a unit lead."""
    return len(tokens) == 1 and unit_kind(tokens[0].name) is not UnitKind.COLLECTIVE


def _bare_list(reading: _Reading) -> Note | None:
    """A list of units with no role word, closing a sentence: jointly responsible."""
    tokens = reading.tokens(0)
    note = reading.note
    if reading.first_leads and _valid(tokens):
        # The note says how to read its list: the first unit leads, the others cooperate.
        tokens = _collectives(tokens, reading.para)
        note.assignments.append((tokens[0].name, Role.LEAD))
        note.assignments.extend((t.name, Role.COOPERATING) for t in tokens[1:])
        note.notes.append(
            "The note states that its first-listed unit leads: read so, the others as cooperating."
        )
        return note
    if not tokens or not all(unit_like(t.name) for t in tokens):
        return None
    note.assignments.extend((t.name, Role.RESPONSIBLE) for t in tokens)
    note.notes.append(
        "The note lists units without 牵头, 负责 or 配合: read as jointly responsible; check the role."
    )
    return note


_ROLE_TAIL_ANY = re.compile(rf"(?:{_ROLE_WORDS}|责任)(?:单位|部门)?$")


def _unreadable(note: Note) -> Note:
    note.assignments.clear()
    note.notes.append(
        "The extractor could not read the units of this note; it is kept as printed: assign "
        "the units and roles by hand."
    )
    return note


_PAIRS = {"(": ")", "【": "】", "[": "]", "〔": "〕"}
#: A note printed as a sentence, clause or line of its own: 责任单位:县发改局、县财政局;
#: …,责任单位为X; 牵头单位:X on one line and 配合单位:Y on the next; 责任领导:… before them.
_SENTENCE_NOTE = re.compile(rf"(?:{_UNIT_LABEL}(?:[:]|为)|{_PERSON_OR_TIME}[:])[^。]+?(?=。|$)")
#: What a sentence note follows: the text's start, a sentence or clause end.
_NOTE_AFTER = frozenset("。;,:!?")
#: The longest text an unclosed bracket is read as a note to (a note, not a paragraph).
_MAX_UNCLOSED = 3 * _MAX_UNIT
#: How a line that is a note of its own begins (牵头单位:, 责任单位为, 责任领导:, 完成时限:).
_NOTE_LINE = re.compile(rf"[(【\[〔]?(?:{_UNIT_LABEL}(?:[:]|为)|{_PERSON_OR_TIME}[:])")


def responsibility_line(text: str) -> bool:
    """Whether a line is a responsibility note of its own (责任单位:X, 牵头单位:X;配合单位:Y).

    Such a line belongs to the task or target printed before it: the structure stage attaches
    it there, and :func:`find_notes` reads it in the task's text.  Lines giving the 责任领导 or
    the 完成时限 count too: they stand among the unit lines of the same note.
    """
    return bool(_NOTE_LINE.match(squeeze(text)))


def parentheticals(clean: str) -> list[tuple[int, int]]:
    """Balanced top-level bracketed parts of *clean*, in (), 【】, [] or 〔〕.

    Each is (start, end), end after the closing bracket.
    """
    return [(left, right) for left, right, closed in _brackets(clean) if closed]


def _brackets(clean: str, line_starts: Sequence[int] = ()) -> list[tuple[int, int, bool]]:
    """The top-level bracketed parts (start, end, closed), in order.

    A bracket left open runs to the end of its line (or of the text), and the text after that
    is read afresh: the brackets of the lines after it are parts of their own (for at most
    _OPEN_RUNS open brackets, so that a text of lone brackets is read in linear time).
    """
    found: list[tuple[int, int, bool]] = []
    position = 0
    for _ in range(_OPEN_RUNS):
        depth, start, opening = 0, 0, ""
        for index in range(position, len(clean)):
            char = clean[index]
            if depth == 0 and char in _PAIRS:
                start, opening, depth = index, char, 1
            elif depth and char == opening:
                depth += 1
            elif depth and char == _PAIRS[opening]:
                depth -= 1
                if depth == 0:
                    found.append((start, index + 1, True))
        if not depth:
            break
        end = next((stop for stop in line_starts if stop > start), len(clean))
        found.append((start, end, False))
        position = end
        if position >= len(clean):
            break
    return found


#: How many brackets left open one text is read past (each read scans the rest of the text).
_OPEN_RUNS = 4


_CLOSERS = frozenset("。;!?")


def find_notes(para: Para, start: int = 0) -> list[Note]:
    """Every responsibility note of *para* from folded position *start* on, in order."""
    notes = _bracket_notes(para, start)
    sentences = _sentence_notes(para, start, [(n.start, n.end) for n in notes])
    # a parenthetical inside a note printed as a sentence (责任单位:各县(市、区)政府(管委会))
    # belongs to that note's names or remarks, not a note of its own
    notes = [
        n
        for n in notes
        if not any(s.start < n.start and n.end <= s.end and n.start > 0 for s in sentences)
    ]
    notes.extend(sentences)
    return sorted(notes, key=lambda n: n.start)


def _bracket_notes(para: Para, start: int) -> list[Note]:
    """The bracketed notes of *para* from *start* on (a last unclosed one read to the end)."""
    clean = para.clean
    notes: list[Note] = []
    line_starts = sorted({para.clean_index(offset) for offset in para.offsets[1:]})
    for left, right, closed in _brackets(clean, line_starts):
        if left < start:
            continue
        if not closed:
            if right - left <= _MAX_UNCLOSED:
                note = parse_note(para, left, right, closing=False, closed=False)
                if note is not None and note.assignments:
                    notes.append(note)
            continue
        before = clean[left - 1] if left else "。"
        after = clean[right] if right < len(clean) else "。"
        closing = before in _CLOSERS or after in _CLOSERS or right >= len(clean)
        closing = closing or (before == ")" and bool(notes) and notes[-1].end == left)
        note = parse_note(para, left, right, closing=closing)
        if note is not None:
            notes.append(note)
    return notes


def _sentence_notes(para: Para, start: int, bracketed: list[tuple[int, int]]) -> list[Note]:
    """The notes printed as a sentence, clause or line of their own, outside *bracketed*."""
    clean = para.clean
    notes: list[Note] = []
    line_starts = sorted({para.clean_index(offset) for offset in para.offsets[1:]})
    inside = 0
    for match in _SENTENCE_NOTE.finditer(clean, start):
        # Matches come in order: the bracketed notes before this one are passed for good.
        while inside < len(bracketed) and bracketed[inside][1] <= match.start():
            inside += 1
        if inside < len(bracketed) and bracketed[inside][0] <= match.start():
            continue
        left = match.start()
        at_line = left in line_starts
        if left and clean[left - 1] not in _NOTE_AFTER and not at_line:
            continue  # a label word inside a sentence, not a note
        right = _note_end(clean, left, match.end(), line_starts)
        note = parse_note(para, left, right, closing=True, bracketed=False)
        # A unit label whose units cannot be read (责任单位:区, cut off) stays a note to review.
        if note is not None and (note.assignments or _LABEL.match(clean[left:right])):
            notes.append(note)
    return notes


def _note_end(clean: str, start: int, end: int, line_starts: list[int]) -> int:
    """Where a sentence note ends: at *end*, or at the first line after it that is no note line.

    A note printed on lines of its own (牵头单位:X / 配合单位:Y) runs over its label lines; the
    line after them is text again (a task printed without a closing 。).
    """
    for line_start in line_starts:
        if start < line_start < end and not _NOTE_LINE.match(clean, line_start):
            return line_start
    return end


_KINDS: list[tuple[re.Pattern[str], UnitKind]] = [
    (
        re.compile(
            # 指挥部…组 from the first 指挥部 only (atomic): each 指挥部 rescanned the rest.
            r"成员单位$|领导小组$|^(?>.*?指挥部).*组$|委员会$|^[县市区]?(?:安委会|减灾委|防指|森防指)$"
        ),
        UnitKind.COLLECTIVE,
    ),
    (
        re.compile(
            r"^(?:各|有关|相关|全县|全市|县直|市直|区直|其他)|有关单位$|相关单位$|主管部门$|^[县市区]直"
        ),
        UnitKind.PLACEHOLDER,
    ),
    (re.compile(r"(?:乡|镇|街道|乡镇)(?:人民政府|政府|办事处)?$"), UnitKind.TOWNSHIP),
    (re.compile(r"管委会$|管理委员会$|开发区$|高新区$|园区$"), UnitKind.PARK_COMMITTEE),
    (re.compile(r"法院$|检察院$"), UnitKind.JUDICIAL),
    (
        re.compile(
            r"妇联$|残联$|科协$|总工会$|工商联$|文联$|团[县市区]委$|红十字会$|侨联$|贸促会$"
        ),
        UnitKind.PEOPLES_ORGANISATION,
    ),
    (
        re.compile(
            r"^[县市区州省]委|^中共|纪委|监委|巡察办|政法委|编办|统战部|组织部|宣传部|网信办|财经办|外事办|政研室|改革办"
        ),
        UnitKind.PARTY_ORGAN,
    ),
    (
        re.compile(
            r"税务|人民银行|人行|海关|气象局|水文|消防|分局$|支局$|营业管理部|银保监|金融监管|邮政管理|烟草|交警|^(?>.*?公安局).+支队|高警"
        ),
        UnitKind.VERTICAL_AGENCY,
    ),
    (re.compile(r"公司$|集团$|银行$|运营商$|电信|联通|移动"), UnitKind.STATE_ENTERPRISE),
    (re.compile(r"中心$|站$|所$|学校$|学院$|医院$|职中$|馆$|处$|队$"), UnitKind.PUBLIC_INSTITUTION),
    (re.compile(r"局$|委$|办$|厅$|室$|部$|办公室$|政府$"), UnitKind.DEPARTMENT),
]


def unit_kind(name: str) -> UnitKind:
    """A guess of the kind of body a unit name denotes."""
    clean = _QUALIFIER.sub("", squeeze(name))
    for pattern, kind in _KINDS:
        if pattern.search(clean):
            return kind
    return UnitKind.OTHER


# Short forms of office names, longest first: 发展和改革 → 发改, 人力资源和社会保障 → 人社 …
_ABBREVIATIONS = [
    ("科学技术和工业信息化", "科工信"),
    ("科技和工业信息化", "科工信"),
    ("人力资源和社会保障", "人社"),
    ("住房和城乡建设", "住建"),
    ("城市管理和综合执法", "城管执法"),
    ("文化旅游广电体育", "文旅广体"),
    ("市场监督管理", "市场监管"),
    ("发展和改革", "发改"),
    ("发展改革", "发改"),
    ("自然资源和规划", "自然资源"),
    ("中国人民银行", "人行"),
    ("人民银行", "人行"),
    ("卫生健康", "卫健"),
    ("医疗保障", "医保"),
    ("教育体育", "教体"),
    ("交通运输", "交通"),
    ("应急管理", "应急"),
    ("科技工信", "科工信"),
    ("退役军人事务", "退役军人"),
    ("行政审批服务", "行政审批"),
    ("市监", "市场监管"),
]


_LEVEL_PREFIX = "县市区州省"


_TRAILING_QUALIFIER = re.compile(r"[(〈](?P<inner>[^()〈〉]*)[)〉]$")


def office_key(name: str) -> str:
    """A key under which spellings of one office meet (县发改局 and 县发展和改革局).

    A bracketed qualifier that is itself an office name is the office's second nameplate
    (县财政局(国资管理中心), 区财政局〈区国资局〉): the same unit as the office.  One that is no
    office name names a portfolio (区发展和改革局〈科技〉, 〈工信〉, 〈科技、工信〉): a unit of its
    own, whose key keeps it (in either bracket, its parts in any order).
    """
    key = squeeze(name)
    qualifier = _TRAILING_QUALIFIER.search(key)
    if qualifier and qualifier.start():
        parts = [part for part in qualifier["inner"].split("、") if part]
        if parts and not all(UNIT_END.search(part) for part in parts):
            key = f"{key[: qualifier.start()]}({'、'.join(sorted(parts))})"
        else:
            key = key[: qualifier.start()]
    for long, short in _ABBREVIATIONS:
        key = key.replace(long, short)
    return key


def _unprefixed(key: str) -> str | None:
    """The key without its level prefix (县发改局 → 发改局), when it has one."""
    if len(key) > 3 and key[0] in _LEVEL_PREFIX and key[1] not in "委直人政":  # noqa: PLR2004
        return key[1:]
    return None


def unit_key(name: str) -> str:
    """A looser key: the office key without a level prefix (发改局 may be 县发改局)."""
    key = office_key(name)
    return _unprefixed(key) or key


@dataclass
class Registry:
    """Unit names as printed, grouped into offices; the most used spelling becomes the id."""

    counts: Counter[str] = field(default_factory=Counter)
    order: dict[str, int] = field(default_factory=dict)

    def add(self, name: str) -> None:
        """Record one use of *name*."""
        if name:
            self.counts[name] += 1
            self.order.setdefault(name, len(self.order))

    def groups(self) -> list[tuple[str, str, list[str]]]:
        """(id, name, aliases) per office, in order of first use."""
        by_key: dict[str, list[str]] = {}
        for name in sorted(self.order, key=self.order.__getitem__):
            by_key.setdefault(office_key(name), []).append(name)
        prefixed: dict[str, list[str]] = {}
        for key in by_key:
            bare = _unprefixed(key)
            if bare is not None:
                prefixed.setdefault(bare, []).append(key)
        for key in list(by_key):
            owners = prefixed.get(key, [])
            if _unprefixed(key) is None and len(owners) == 1:
                by_key[owners[0]].extend(by_key.pop(key))
        result = []
        for names in by_key.values():
            ident = max(names, key=lambda n: (self.counts[n], -self.order[n]))
            full = max(names, key=lambda n: (len(squeeze(n)), -self.order[n]))
            aliases = [n for n in names if n not in {ident, full}]
            result.append((ident, full, aliases))
        return result
