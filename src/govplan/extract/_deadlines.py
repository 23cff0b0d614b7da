"""Deadlines a text states (6月底前, 年内, 四季度前, 2023年6月30日前), read for the plan year.

Each phrase is read by :func:`govplan.dates.parse_deadline` relative to the plan year; a phrase
that starts a period (自6月起, 年底以来) or a date of something done is no deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govplan.dates import Deadline, parse_deadline
from govplan.errors import GovplanError
from govplan.extract._indicators import Capped
from govplan.extract._text import Para, display

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
