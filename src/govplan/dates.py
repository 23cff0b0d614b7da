"""Deadlines as the documents state them: 2023年6月30日, 6月底前, 9月1日前, 四季度前, 上半年.

A deadline phrase is read relative to the plan year and becomes a :class:`Deadline`: the last day
the phrase allows (``due``) and how precisely the phrase names it (``precision``).  Month ends and
quarter ends come from :mod:`dateutil.relativedelta`; impossible days (2023年2月30日) raise
:class:`~govplan.DateError`.  Conventions, documented in docs/concepts.md:

- "N月底前", "N月底", "N月前", "N月份" → last day of month N (precision ``month``);
- "N月D日前" → day D of month N (precision ``day``; "before" is read as "by");
- "N季度前", "第N季度", "N季度末" → last day of quarter N (precision ``quarter``);
- "上半年" → 30 June, "下半年" → 31 December (precision ``half_year``);
- "年底前", "年内", "年底", "全年" → 31 December of the plan year (precision ``year``);
- a leading "YYYY年" overrides the plan year (2025年底前).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
import re

import attrs
from dateutil.relativedelta import relativedelta

from govplan._numerals import chinese_number
from govplan.errors import DateError

__all__ = ["FIRST_YEAR", "LAST_YEAR", "Deadline", "Precision", "parse_date", "parse_deadline"]

#: The first plan year a plan may have: the People's Republic's first.
FIRST_YEAR = 1949
#: The last plan year: four digits, as every date of the schema has (RFC 3339 full-date), and as
#: Python's :class:`datetime.date` can hold.
LAST_YEAR = 9999


class Precision(enum.StrEnum):
    """How precisely a deadline phrase names its day.

    .. versionadded:: 0.1.0
    """

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


@attrs.frozen(kw_only=True)
class Deadline:
    """The last day a deadline phrase allows, and the precision the phrase gives it.

    .. versionadded:: 0.1.0
    """

    #: The last day the phrase allows: 6月底前 in 2023 is 2023-06-30.
    due: dt.date
    #: How precisely the phrase names that day (day, month, quarter, half year, year).
    precision: Precision


_NUM = r"(?:\d{1,4}|[零一二两三四五六七八九十]{1,3})"
_YEAR = re.compile(r"^\s*(?P<year>\d{4})\s*年")
_FULL_DATE = re.compile(r"^\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*$")
_DAY = re.compile(rf"^(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*[日号](?:前|之前|以前)?$")
_MONTH = re.compile(rf"^(?P<m>{_NUM})\s*月(?:份)?(?:底|末)?(?:前|之前|以前)?$")
_QUARTER = re.compile(rf"^第?(?P<q>{_NUM})\s*季度(?:末|底)?(?:前|之前|以前)?$")
_HALF = re.compile(r"^(?P<h>[上下])半年(?:末|底)?(?:前|之前|以前)?$")
_YEAR_END = re.compile(r"^(?:年底|年末|年内|全年|本年度|年度内|当年)(?:前|之前|以前)?$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _number(text: str) -> int:
    """A month, day or quarter as printed (6, 十二, 二十三): govplan._numerals reads it."""
    value = chinese_number(text)
    if value is None:
        raise DateError(f"{text!r} is no number of a month, day or quarter", text=text)
    return value


def _day(year: int, month: int, day: int, phrase: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DateError(f"{phrase!r} names no real day: {exc}", text=phrase) from exc


def _month_end(year: int, month: int, phrase: str) -> dt.date:
    return _day(year, month, 1, phrase) + relativedelta(day=31)


def parse_date(text: str) -> dt.date:
    """Read a calendar date: ISO ``2023-02-27`` or Chinese ``2023年2月27日``.

    Raises :class:`~govplan.DateError` for other forms and for days that do not exist.

    .. versionadded:: 0.1.0
    """
    if not isinstance(text, str):
        raise DateError(f"expected a date text, found {text!r}")
    if _ISO.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError as exc:
            raise DateError(f"{text!r} names no real day: {exc}", text=text) from exc
    match = _FULL_DATE.match(text)
    if not match:
        raise DateError(
            f"expected a date such as 2023-02-27 or 2023年2月27日, found {text!r}", text=text
        )
    return _day(int(match["y"]), int(match["m"]), int(match["d"]), text)


def parse_deadline(phrase: str, year: int) -> Deadline:  # noqa: C901, PLR0911 - one case per form
    """Read a deadline phrase relative to the plan *year*.

    >>> parse_deadline("6月底前", 2023)
    Deadline(due=datetime.date(2023, 6, 30), precision=<Precision.MONTH: 'month'>)
    >>> parse_deadline("四季度前", 2023).due
    datetime.date(2023, 12, 31)

    .. versionadded:: 0.1.0
    """
    if not isinstance(phrase, str) or not phrase.strip():
        raise DateError(f"expected a deadline phrase such as '6月底前', found {phrase!r}")
    if _FULL_DATE.match(phrase):
        return Deadline(due=parse_date(phrase), precision=Precision.DAY)
    rest = phrase.strip()
    year_match = _YEAR.match(rest)
    if year_match:
        year = int(year_match["year"])
        rest = rest[year_match.end() :].strip()
        if rest in {"", "前", "底前", "底", "末", "年底前"} or rest.startswith(("底", "末")):
            return Deadline(due=_day(year, 12, 31, phrase), precision=Precision.YEAR)
    if match := _DAY.match(rest):
        return Deadline(
            due=_day(year, _number(match["m"]), _number(match["d"]), phrase),
            precision=Precision.DAY,
        )
    if match := _MONTH.match(rest):
        return Deadline(
            due=_month_end(year, _number(match["m"]), phrase), precision=Precision.MONTH
        )
    if match := _QUARTER.match(rest):
        quarter = _number(match["q"])
        if not 1 <= quarter <= 4:  # noqa: PLR2004 - four quarters in a year
            raise DateError(f"{phrase!r} names no quarter 1-4", text=phrase)
        return Deadline(due=_month_end(year, quarter * 3, phrase), precision=Precision.QUARTER)
    if match := _HALF.match(rest):
        month = 6 if match["h"] == "上" else 12
        return Deadline(due=_month_end(year, month, phrase), precision=Precision.HALF_YEAR)
    if _YEAR_END.match(rest):
        return Deadline(due=_day(year, 12, 31, phrase), precision=Precision.YEAR)
    raise DateError(
        f"cannot read the deadline {phrase!r}; expected forms such as 2023年6月30日, 6月底前, "
        "9月1日前, 四季度前, 上半年, 年底前",
        text=phrase,
    )
