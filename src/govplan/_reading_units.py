"""Reading rules for the units a responsibility note names, shared by the extractor and checks.

Two constructs recur in every plan and were read several ways (docs/concepts.md §16):

- a **collective member-unit list**: committees joined by 、/和/及 and closed by one 成员单位
  (县安委会、县减灾委相关成员单位) is one unit, named exactly as printed;
- a **lone committee**: a collective takes the role its note prints for it, like any unit; it
  leads only where 牵头 is printed for it.

The extractor reads notes by these forms and the checks find a plan that reads them another
way, so both take them from here.  The forms describe the language of these documents, never
one document's wording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from govplan._text import squeeze

__all__ = [
    "COMMITTEE",
    "MEMBERS",
    "UNIT_END",
    "CollectiveSpan",
    "collective_spans",
    "is_member_units",
    "prints_lead_for",
]

#: The member units of a body: 成员单位, 相关成员单位, 有关成员单位, 各成员单位.
MEMBERS = re.compile(r"(?:各|相关|有关)*成员单位")
_MEMBERS_END = re.compile(rf"{MEMBERS.pattern}$")
#: How the name of a body with member units ends: 安委会, 减灾委, 防指, 领导小组, 指挥部, 专班.
COMMITTEE = re.compile(r"(?:委员会|委|会|领导小组|小组|指挥部|指|专班|工作组)$")
#: How the name of an office or body ends (县发改局, 县应急管理局, 国网…公司, 各乡镇).
UNIT_END = re.compile(
    r"(?:局|委|办|部|院|中心|公司|集团|大队|支队|中队|站|所|会|联|协|社|银行|支行|分行|处|组|室|"
    r"厅|镇|乡|街道|政府|管委会|单位|部门|机构|营业管理部|管理部|办事处|海关|指挥部|专班|运营商|"
    r"学校|医院|职中|办公室)$"
)
#: More characters than the longest ending of UNIT_END and COMMITTEE: a name's tail to search.
_LONGEST_END = 8
#: What ends one name of a list for good: 、 is a joiner, the others close the list.
_HARD = frozenset("、,;:()，；：（）。 \t\n")
#: 和, 及 and 以及 join two names only after a whole name (县应急管理局及成员单位); inside a
#: name they are words of it (县打击和处置非法集资工作领导小组).
_JOINER = re.compile(r"以及|及|和")


@dataclass(frozen=True)
class CollectiveSpan:
    """A collective member-unit list as printed: ``text[start:end]`` is the unit's name.

    *bodies* are the committees whose member units it names, as printed (none for a bare
    相关成员单位); *members* is the closing 成员单位 phrase.
    """

    start: int
    end: int
    name: str
    bodies: tuple[str, ...]
    members: str


def _piece(text: str, end: int, floor: int) -> tuple[int, str]:
    """Where the name that ends at *end* starts, and what joins it to the one before.

    The joiner is 、, 和, 及 or 以及, or "" where a list separator (, ;), *floor* (where the
    span before ends) or the text's start comes first: no name before it is of the same list.
    """
    start = end
    while start > floor and text[start - 1] not in _HARD:
        start -= 1
    joiner = "、" if start > floor and text[start - 1] == "、" else ""
    for match in reversed(list(_JOINER.finditer(text, start, end))):
        before = text[max(start, match.start() - _LONGEST_END) : match.start()]
        if UNIT_END.search(before) or COMMITTEE.search(before):
            return match.end(), match.group(0)
    while text.startswith("由", start) and start < end:
        start += 1
    return start, joiner


def collective_spans(text: str) -> list[CollectiveSpan]:
    """Every collective member-unit list of *text*, in order.

    县安委会、县减灾委相关成员单位 is one span with bodies 县安委会 and 县减灾委: the
    committees before the one that 成员单位 closes join it only while each is a committee
    (县委宣传部及相关成员单位 is a department and a bare collective).  A 成员单位 after 等
    (县发改局等相关成员单位) closes a list of other units and is no collective.
    """
    spans: list[CollectiveSpan] = []
    floor = 0  # no list reaches back past the 成员单位 before it
    for match in MEMBERS.finditer(text):
        start, joiner = _piece(text, match.start(), floor)
        body = text[start : match.start()]
        if body.endswith("等"):
            floor = match.end()
            continue
        bodies = [body] if body else []  # from the last body back
        while bodies and joiner and COMMITTEE.search(bodies[-1]):
            before = start - len(joiner)
            previous_start, previous_joiner = _piece(text, before, floor)
            previous = text[previous_start:before]
            if not previous or not COMMITTEE.search(previous):
                break
            bodies.append(previous)
            start, joiner = previous_start, previous_joiner
        floor = match.end()
        name = text[start : match.end()]
        spans.append(CollectiveSpan(start, match.end(), name, tuple(reversed(bodies)), match[0]))
    return spans


def is_member_units(name: str) -> bool:
    """Whether *name* names member units (…成员单位): a collective of several bodies."""
    return bool(_MEMBERS_END.search(squeeze(name)))


#: A label that gives the role of the units after it: 牵头单位:, 配合单位:, 责任部门:.
_LABEL = re.compile(r"(?P<role>牵头|责任|配合|协助|参与)(?:单位|部门)[:]")
#: The first role word after a unit says its role; 负责牵头 is a lead.
_ROLE_WORD = re.compile(r"负责牵头|牵头|负责|配合|参与|协助")
_CLAUSE_END = re.compile(r"[,;。]")


def split_parts(printed: str, span: CollectiveSpan, names: Sequence[str]) -> list[int]:
    """Which of a note's unit *names* read the collective *span* as its parts, by index.

    *printed* and *names* are squeezed.  None when the note assigns the collective whole (or it
    is a bare 相关成员单位); otherwise the names that are its committees (县安委会), a committee's
    member units (县减灾委相关成员单位) or a piece of it printed nowhere else in the note.
    """
    if not span.bodies or span.name in names:
        return []
    outside = printed.replace(span.name, "、")
    parts = {*span.bodies, *(body + span.members for body in span.bodies)}
    return [
        i
        for i, name in enumerate(names)
        if name in parts or (name in span.name and name not in outside)
    ]


def prints_lead_for(text: str, unit: str) -> bool | None:
    """Whether the note *text* prints 牵头 for *unit*; None where it does not print the unit.

    牵头 is printed for a unit when the first role word after its name, in its clause, is
    牵头 (X牵头, X、Y分别牵头, X为牵头单位, X牵头负责), or when the label its list stands under
    is 牵头单位.
    """
    note, name = squeeze(text), squeeze(unit)
    position = note.find(name)
    if not name or position < 0:
        return None
    labels = list(_LABEL.finditer(note, 0, position))
    if labels:
        return labels[-1]["role"] == "牵头"
    after = position + len(name)
    clause = _CLAUSE_END.search(note, after)
    word = _ROLE_WORD.search(note, after, clause.start() if clause else len(note))
    return word is not None and word[0].endswith("牵头")
