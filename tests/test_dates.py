"""Dates and deadline phrases relative to the plan year."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govplan as gp

D, M, Q, H, Y = (
    gp.Precision.DAY,
    gp.Precision.MONTH,
    gp.Precision.QUARTER,
    gp.Precision.HALF_YEAR,
    gp.Precision.YEAR,
)


@pytest.mark.parametrize(
    ("phrase", "due", "precision"),
    [
        ("2023年6月30日", dt.date(2023, 6, 30), D),
        ("6月底前", dt.date(2023, 6, 30), M),
        ("2月底前", dt.date(2023, 2, 28), M),
        ("9月1日前", dt.date(2023, 9, 1), D),
        ("年底前", dt.date(2023, 12, 31), Y),
        ("年内", dt.date(2023, 12, 31), Y),
        ("四季度前", dt.date(2023, 12, 31), Q),
        ("第三季度", dt.date(2023, 9, 30), Q),
        ("上半年", dt.date(2023, 6, 30), H),
        ("下半年", dt.date(2023, 12, 31), H),
        ("2025年底前", dt.date(2025, 12, 31), Y),
        ("2024年6月底前", dt.date(2024, 6, 30), M),
        ("十月底前", dt.date(2023, 10, 31), M),
        ("十二月底", dt.date(2023, 12, 31), M),
    ],
)
def test_deadline_phrases(phrase: str, due: dt.date, precision: gp.Precision) -> None:
    assert gp.parse_deadline(phrase, 2023) == gp.Deadline(due=due, precision=precision)


def test_leap_year_month_end() -> None:
    assert gp.parse_deadline("2月底前", 2024).due == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    "phrase", ["2023年2月30日", "2月30日前", "13月底前", "五季度前", "明年", ""]
)
def test_impossible_or_unknown_deadlines_raise(phrase: str) -> None:
    with pytest.raises(gp.DateError):
        gp.parse_deadline(phrase, 2023)


def test_parse_date_forms() -> None:
    assert gp.parse_date("2023年2月27日") == dt.date(2023, 2, 27)
    assert gp.parse_date("2023-02-27") == dt.date(2023, 2, 27)
    with pytest.raises(gp.DateError) as info:
        gp.parse_date("2023年2月30日")
    assert "2023年2月30日" in str(info.value)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_chinese_and_iso_dates_round_trip(day: dt.date) -> None:
    assert gp.parse_date(day.isoformat()) == day
    assert gp.parse_date(f"{day.year}年{day.month}月{day.day}日") == day
    assert gp.parse_deadline(f"{day.month}月{day.day}日前", day.year).due == day


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1950, max_value=2100))
def test_month_end_is_the_last_day(month: int, year: int) -> None:
    due = gp.parse_deadline(f"{month}月底前", year).due
    assert due.month == month
    assert (due + dt.timedelta(days=1)).day == 1


@given(st.text(max_size=12), st.integers(min_value=1950, max_value=2100))
def test_deadline_parser_fed_anything_raises_only_date_errors(phrase: str, year: int) -> None:
    try:
        result = gp.parse_deadline(phrase, year)
    except gp.DateError:
        return
    assert isinstance(result, gp.Deadline)


def test_year_zero_is_refused() -> None:
    with pytest.raises(gp.DateError):
        gp.parse_deadline("0000年底前", 2023)
