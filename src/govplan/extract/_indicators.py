"""Quantified targets and deadlines in the text of a plan, for the extractor.

A target is a number with a unit govplan knows (``增长8%``, ``210亿元``, ``新增3家``), read with
the words around it: what is measured (the words before the verb), the comparator (以上, 突破,
左右, 以内 …) and the modality (力争 / 确保, read by the reach rule of
:mod:`govplan._reading_targets`).  ``分别增长8%、10%`` and ``X、Y均增长15%`` give one
indicator per item.  Outcomes stated without a figure (全覆盖, 动态清零, 持续下降, 不发生…事故) are
qualitative targets, found by the same module.  Deadlines (6月底前, 年内, 四季度前 …) are read with
:func:`govplan.dates.parse_deadline` relative to the plan year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Generic, TypeVar

from govplan._reading_targets import find_outcomes, modality_at, outcome_name
from govplan.dates import Deadline, parse_deadline
from govplan.errors import GovplanError
from govplan.extract._text import Para, display, words_tail
from govplan.model import Comparator, IndicatorKind, Modality
from govplan.quantity import Quantity, QuantityRange, known_units, parse_quantity

_T = TypeVar("_T")
_TIME_UNITS = frozenset({"年", "月", "个月", "天", "日", "小时", "周", "季度", "度"})
_COUNT_DIMENSIONS = ("[count_", "[person]", "[household]")


@cache
def _quantity_re() -> re.Pattern[str]:
    units = sorted(known_units(), key=len, reverse=True)
    base = "|".join(re.escape(u) for u in units if u not in _TIME_UNITS)
    every = "|".join(re.escape(u) for u in units)
    unit = rf"(?:{base})(?:/(?:{every}))?"
    # A number starts where no digit (nor a digit and a comma) stands before it, but for two
    # cases: three digits after a digit (1234,567 is read from 234), and one or two after
    # "d," (12,34,567 from 34).  Any other start inside a run of digits could only find what
    # the start of the run finds first; trying them all took time quadratic in the run.
    grouped = r"(?:(?<!\d)(?<!\d,)\d{1,3}|(?<=\d)\d{3}|(?<=\d,)\d{1,2})(?:,\d{3})+"
    number = rf"{grouped}(?:\.\d+)?|(?<!\d)\d+(?:\.\d+)?"
    return re.compile(
        rf"(?P<low>{number})(?P<low_unit>{unit})?(?P<dash>[-~—–至到])(?P<high>{number})(?P<unit>{unit})"
        rf"|(?P<value>{number})(?P<unit1>{unit})"
    )


_CLAUSE = frozenset(",;。:!?()")
_AFTER = re.compile(r"^(?:及以上|以上|以下|以内|左右|上下|多|余)")
_AFTER_COMPARATOR = {
    "及以上": Comparator.AT_LEAST,
    "以上": Comparator.AT_LEAST,
    "多": Comparator.AT_LEAST,
    "余": Comparator.AT_LEAST,
    "以下": Comparator.AT_MOST,
    "以内": Comparator.AT_MOST,
    "左右": Comparator.ABOUT,
    "上下": Comparator.ABOUT,
}
_BEFORE_COMPARATOR = [
    (re.compile(r"(?:突破|超过|超|不少于|不低于|至少|高于|大于)$"), Comparator.AT_LEAST),
    (re.compile(r"(?:不超过|不高于|低于|少于|控制在)$"), Comparator.AT_MOST),
    (re.compile(r"(?:约|大约)$"), Comparator.ABOUT),
]
_LEADING = re.compile(
    r"^(?:力争|争取|确保|努力|全年|年内|当年|今年|全县|全市|全区|全州|全省|累计|预计|计划|"
    r"其中|并|且|再|共|及|以及|和|同时|[0-9]{4}年(?:底|末)?|实现|完成|推动|促进|带动|"
    r"新增|新建|新培育|净增|培育|引进|建成|建设|打造|创建|开展|提供|举办|组织|改造|实施|"
    r"达到|达|保持|稳定|力求)+"
)
_TRAILING_WORDS = (
    "同比 比上年 较上年 分别 均 力争 争取 确保 努力 "
    "增长 增速 增幅 递增 提高 提升 下降 降低 减少 压减 回升 上升 增加 增至 降至 "
    "达到 达 突破 超过 超 不少于 不低于 不超过 不高于 低于 高于 控制在 保持在 稳定在 "
    "保持 稳定 为 至 到 在 实现 完成 新增 新建 净增 有 占 约 大约 至少"
)
#: Words closing the text before a number that are no part of the measure's name (同比增长).
_TRAILING = frozenset(_TRAILING_WORDS.split())
_GROWTH = re.compile(
    r"(?:增长|增速|增幅|递增|下降|降低|减少|压减|回升|上升|提高|提升)(?:达到|达|为)?$"
)
_GROWTH_NAME = re.compile(r"(?:增速|增幅)$")
#: A clause that states only a change (增长8%): the change of the measure just named.
_BARE_GROWTH = re.compile(
    r"^(?:力争|争取|确保)?(?:增长|增速|增幅|提高|提升|下降|降低|增加|减少)(?:达到|达|为)?$"
)
_RESPECTIVE = re.compile(
    r"(?:分别|均)(?=增长|提高|提升|下降|降低|减少|达到|达|为|突破|超过|保持|控制|实现|完成|新增|增加|增)"
)
_OBJECT_END = re.compile(r"[,;。:!?()、]")
_POINTS = frozenset({"个百分点", "百分点", "基点", "BP"})
#: How far before a number the words that qualify it (力争, 同比) are looked for, and how far
#: after it the thing counted (``2所学校``).
_WINDOW = 80
#: How far before a number its measure's name is looked for: the end of the clause, at most
#: this many characters (the seed documents' longest is 66).  Reading the whole clause for
#: each number took time quadratic in a clause of many numbers.
_SEGMENT = 200


@dataclass
class Found:
    """One target found in a text, ready to become an :class:`~govplan.Indicator`."""

    name: str
    kind: IndicatorKind
    phrase: str
    #: None for a qualitative target (an outcome without a figure).
    target: Quantity | QuantityRange | None
    comparator: Comparator
    modality: Modality
    line: int
    notes: list[str] = field(default_factory=list)


@dataclass
class _Hit:
    start: int
    end: int
    target: Quantity | QuantityRange
    unit: str
    clause: int
    comparator: Comparator
    stop: int


def _starts(clean: str) -> tuple[list[int], list[int]]:
    """For every position: where its clause starts and where its sentence starts.

    A parenthetical belongs to the clause around it: after ``)`` the clause goes on from before
    the matching ``(``.  One pass, so that long texts stay fast.
    """
    clauses: list[int] = []
    sentences: list[int] = []
    clause = sentence = 0
    stack: list[int] = []
    for index, char in enumerate(clean):
        clauses.append(clause)
        sentences.append(sentence)
        if char == "(":
            stack.append(clause)
            clause = index + 1
        elif char == ")":
            clause = stack.pop() if stack else index + 1
        elif char in _CLAUSE:
            clause = index + 1
            if char == "。":
                sentence = index + 1
    clauses.append(clause)
    sentences.append(sentence)
    return clauses, sentences


def _kind(segment: str, name: str, unit: str, target: Quantity | QuantityRange) -> IndicatorKind:
    if unit in {"%", "‰"}:
        if _GROWTH.search(segment) or _GROWTH_NAME.search(name):
            return IndicatorKind.GROWTH_RATE
        return IndicatorKind.SHARE
    if unit in _POINTS:
        return IndicatorKind.PERCENTAGE_POINT_CHANGE
    if unit == "名次":
        return IndicatorKind.RANK
    quantity = target.high if isinstance(target, QuantityRange) else target
    counter = "/" not in unit and quantity.dimensionality.startswith(_COUNT_DIMENSIONS)
    return IndicatorKind.COUNT if counter else IndicatorKind.LEVEL


def _name(segment: str) -> str:
    name = _LEADING.sub("", segment)
    name = name[: words_tail(name, _TRAILING)]
    return name.strip("、的")


def _hits(clean: str, start: int, clauses: list[int]) -> Iterator[_Hit]:
    """The quantities of *clean* from *start* on that are targets, read as they are needed."""
    previous: _Hit | None = None
    for hit in _quantities(clean, start, clauses):
        if previous is not None and not _is_qualifier(clean, previous, hit):
            yield previous
        previous = hit
    if previous is not None:
        yield previous


def _quantities(clean: str, start: int, clauses: list[int]) -> Iterator[_Hit]:
    for match in _quantity_re().finditer(clean, start):
        begin, end = match.span()
        before = clean[begin - 1] if begin else ""
        if before in {"第", "."} or (before.isascii() and before.isalnum()):
            continue
        try:
            target = parse_quantity(clean[begin:end].replace(",", ""))
        except (GovplanError, ValueError, ArithmeticError):
            continue
        after = _AFTER.match(clean[end : end + 3])
        comparator = _AFTER_COMPARATOR[after.group(0)] if after else Comparator.EXACT
        stop = end + (after.end() if after else 0)
        unit = match["unit"] or match["unit1"] or ""
        yield _Hit(begin, end, target, unit, clauses[begin], comparator, stop)


def _is_qualifier(clean: str, hit: _Hit, following: _Hit | None) -> bool:
    """3000万元以上产业项目10个: the first quantity qualifies the thing counted by the second."""
    if following is None or following.clause != hit.clause:
        return False
    nxt = clean[hit.stop : hit.stop + 1]
    return bool(nxt) and nxt not in _CLAUSE and nxt != "、"


@dataclass
class _State:
    """What the scan remembers between targets: the last one and an open 分别 list."""

    previous: _Hit | None = None
    group: list[Found] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    group_start: int = 0
    names_by_clause: dict[int, list[str]] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)


def _before_comparator(segment: str, comparator: Comparator) -> Comparator:
    if comparator is not Comparator.EXACT:
        return comparator
    for pattern, value in _BEFORE_COMPARATOR:
        if pattern.search(segment):
            return value
    return comparator


def _continue_list(para: Para, hit: _Hit, state: _State) -> Found:
    """The next value of an open 分别/均 list (分别增长15%、20%)."""
    index = len(state.group)
    name = state.subjects[index] if index < len(state.subjects) else state.subjects[-1]
    first = state.group[0]
    item = Found(
        name=name,
        kind=first.kind,
        phrase=display(para.span(state.group_start, hit.stop)),
        target=hit.target,
        comparator=hit.comparator,
        modality=modality_at(para.clean, hit.stop),
        line=para.line_at(state.group_start),
        notes=[f"Item {index + 1} of a list of targets (分别/均): {name}."],
    )
    if hit.comparator is not Comparator.EXACT:
        for earlier in state.group:
            if earlier.comparator is Comparator.EXACT:
                earlier.comparator = hit.comparator
                earlier.notes.append(
                    "The comparator printed after the last value is read as applying to every "
                    "value of the list."
                )
    state.group.append(item)
    return item


@dataclass
class Capped(Generic[_T]):
    """What a text yields, up to a limit: the items read, and how many phrases were left."""

    items: list[_T]
    #: Phrases that look like more of the same (numbers with a unit, deadline phrases) after
    #: the last item read, and items of the last phrase past the limit: not read, because the
    #: text gave as many items as it may.
    left: int = 0


def find_indicators(para: Para, start: int = 0, *, limit: int | None = None) -> Capped[Found]:
    """The quantified targets of *para* from folded position *start* on, in order.

    At most *limit* of them: a text can print any number of figures, and each one read costs
    a target's worth of work and output.  The quantities after the last target read are
    counted in ``left``.  The outcomes without a figure follow, in order
    (:func:`find_qualitative`).
    """
    clean = para.clean
    state = _State()
    found: list[Found] = []
    clause_starts, _ = _starts(clean)
    last: _Hit | None = None
    for hit in _hits(clean, start, clause_starts):
        if limit is not None and len(found) >= limit:
            break
        last = hit
        previous = state.previous
        same_clause = previous is not None and previous.clause == hit.clause
        seg_start = max(hit.clause, previous.stop) if same_clause and previous else hit.clause
        # The name is read from the end of the clause: at most _SEGMENT characters of it.
        seg_start = max(seg_start, hit.start - _SEGMENT)
        segment_full = clean[seg_start : hit.start]
        state.previous = hit
        if state.group and same_clause and segment_full in {"", "、"}:
            found.append(_continue_list(para, hit, state))
            continue
        state.group = []
        found.extend(_new_items(para, hit, seg_start, segment_full, state))
    left = 0
    if limit is not None and len(found) >= limit:
        left = len(found) - limit  # the last number's list of measures (均) ran over
        del found[limit:]
        after = last.stop if last is not None else start
        left += sum(1 for _ in _quantity_re().finditer(clean, after))
    room = None if limit is None else limit - len(found)
    qualitative = find_qualitative(para, start, limit=room)
    return Capped(found + qualitative.items, left + qualitative.left)


def find_qualitative(para: Para, start: int = 0, *, limit: int | None = None) -> Capped[Found]:
    """The outcomes without a figure of *para* from folded position *start* on.

    Each a qualitative target, read by :func:`govplan._reading_targets.find_outcomes`; at
    most *limit* of them, the rest counted in ``left``.
    """
    outcomes = [o for o in find_outcomes(para.clean) if o.start >= start]
    kept = outcomes if limit is None else outcomes[: max(limit, 0)]
    items = []
    for outcome in kept:
        phrase = display(para.span(outcome.start, outcome.end))
        items.append(
            Found(
                name=outcome_name(phrase),
                kind=IndicatorKind.QUALITATIVE,
                phrase=phrase,
                target=None,
                comparator=Comparator.EXACT,
                modality=modality_at(para.clean, outcome.end),
                line=para.line_at(outcome.start),
                notes=[f"An outcome without a figure ({outcome.form}): a qualitative target."],
            )
        )
    return Capped(items, len(outcomes) - len(kept))


def _subjects(segment_full: str, cut: int, hit: _Hit, state: _State) -> tuple[list[str], bool]:
    """The measures a 分别/均 list names, and whether they are printed before it."""
    subject = segment_full[:cut]
    subjects = [n for n in (_name(s) for s in subject.split("、")) if n]
    if subjects:
        return subjects, True
    # The clause named last before this one (clauses are mostly recorded in order: from the end).
    earlier = next((c for c in reversed(state.names_by_clause) if c < hit.clause), None)
    return (state.names[-1:] if earlier is None else state.names_by_clause[earlier]), False


def _new_items(
    para: Para, hit: _Hit, seg_start: int, segment_full: str, state: _State
) -> list[Found]:
    segment = segment_full.rsplit("、", 1)[-1]
    phrase_start = hit.start - len(segment)
    notes: list[str] = []
    name = _name(segment)
    respective = _RESPECTIVE.search(segment_full)
    subjects: list[str] = []
    if respective:
        subjects, printed = _subjects(segment_full, respective.start(), hit, state)
        if printed:
            subject = segment_full[: respective.start()]
            phrase_start = seg_start + (len(subject) - len(subject.lstrip("、")))
        name = subjects[0] if subjects else name
    if not name:
        name = _inherited(state.names, para.clean, hit)
        if not name:
            return []
        notes.append(f"The measure is not restated before the number: read as {name}.")
    item = Found(
        name=name,
        kind=_kind(segment, name, hit.unit, hit.target),
        phrase=display(para.span(phrase_start, hit.stop)),
        target=hit.target,
        comparator=_before_comparator(segment, hit.comparator),
        modality=modality_at(para.clean, hit.stop),
        line=para.line_at(phrase_start),
        notes=notes,
    )
    items = [item]
    if respective and respective.group(0) == "均" and len(subjects) > 1:
        item.notes.append(f"One target stated for several measures (均): {name}.")
        items.extend(
            replace(
                item, name=other, notes=[f"One target stated for several measures (均): {other}."]
            )
            for other in subjects[1:]
        )
    elif respective:
        item.notes.append(f"Item 1 of a list of targets (分别/均): {name}.")
        state.group = [item]
        state.subjects = subjects or [name]
        state.group_start = phrase_start
    for each in items:
        state.names_by_clause.setdefault(hit.clause, []).append(each.name)
        state.names.append(each.name)
    return items


def _inherited(names: list[str], clean: str, hit: _Hit) -> str:
    """A measure not restated (同比增长25%): the previous target's, or the object after it."""
    before = clean[max(hit.clause, hit.start - _WINDOW) : hit.start]
    if names and (before.startswith(("同比", "比上年", "较上年")) or _BARE_GROWTH.match(before)):
        return names[-1]
    stop = _OBJECT_END.search(clean, hit.stop, hit.stop + _WINDOW)
    end = stop.start() if stop else len(clean)
    if end - hit.stop > _WINDOW:
        return ""  # no short noun phrase follows
    obj = _LEADING.sub("", clean[hit.stop : end]).strip("的")
    if 1 < len(obj) <= 20:  # noqa: PLR2004 - a short noun phrase
        return obj
    return ""


_DEADLINE = re.compile(
    r"(?<![每各逐第])(?:\d{4}年)?(?:"
    r"\d{1,2}月\d{1,2}[日号](?:前|之前|以前)?"
    r"|\d{1,2}月(?:底|末)(?:前|之前|以前)?|\d{1,2}月(?:前|之前|以前)|\d{1,2}月份"
    r"|第?[一二三四1-4]季度(?:末|底)?(?:前|之前|以前)?"
    r"|[上下]半年(?:末|底)?(?:前|之前|以前)?"
    r"|年底(?:前|之前|以前)?|年末(?:前)?|年内"
    r")"
    r"|\d{4}年(?:底|末)(?:前|之前|以前)?"
)
_NOT_DEADLINE_AFTER = re.compile(r"^(?:起|以来|开始|至|到|底以来|的)")


@dataclass
class FoundDeadline:
    """A deadline phrase found in a text, with its reading."""

    phrase: str
    deadline: Deadline
    line: int


def find_deadlines(
    para: Para, year: int, start: int = 0, *, limit: int | None = None
) -> Capped[FoundDeadline]:
    """The deadline phrases of *para* (6月底前, 年内, 2023年6月30日前 …) readable for *year*.

    At most *limit* of them; the phrases after the last one read are counted in ``left``.
    """
    clean = para.clean
    found: list[FoundDeadline] = []
    matches = _DEADLINE.finditer(clean, start)
    for match in matches:
        if limit is not None and len(found) >= limit:
            return Capped(found, 1 + sum(1 for _ in matches))
        begin, end = match.span()
        if begin and clean[begin - 1].isdigit():
            continue
        if _NOT_DEADLINE_AFTER.match(clean[end : end + 3]):
            continue
        phrase = display(para.span(begin, end))
        try:
            deadline = parse_deadline(phrase, year)
        except (GovplanError, ValueError):
            continue
        found.append(FoundDeadline(phrase, deadline, para.line_at(begin)))
    return Capped(found)
