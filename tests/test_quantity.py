"""Quantities: parsing, formatting, exact conversion, and refusing to mix dimensions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govplan as gp
from govplan.quantity import known_units
from strategies import COUNTERS, UNITS, positive_decimals, quantities, ranges


@pytest.mark.parametrize(
    "text",
    [
        "21.78万亩",
        "2300万人次",
        "8%",
        "0.7个百分点",
        "3万元-5万元",
        "2-3家",
        "99元/人",
        "100元/月·人",
        "6.0%",
        "-5%",
        "15.39万人",
        "34万方",
    ],
)
def test_parse_then_format_gives_the_same_text(text: str) -> None:
    assert gp.format_quantity(gp.parse_quantity(text)) == text


def test_parse_reads_number_and_unit_as_printed() -> None:
    q = gp.parse_quantity("21.78万亩")
    assert q == gp.Quantity(value=Decimal("21.78"), unit="万亩")
    r = gp.parse_quantity("3万元-5万元")
    assert isinstance(r, gp.QuantityRange)
    assert (r.low, r.high, r.unit_once) == (
        gp.Quantity.parse("3万元"),
        gp.Quantity.parse("5万元"),
        False,
    )


def test_conversion_is_exact() -> None:
    assert gp.Quantity.parse("21.78万亩").to("亩") == gp.Quantity(value=Decimal(217800), unit="亩")
    assert gp.Quantity.parse("3公顷").to("亩").value == 45
    assert gp.Quantity.parse("1亿元").to("万元").value == 10000
    assert gp.Quantity.parse("2万元").to("亿元").value == Decimal("0.0002")


def test_addition_converts_to_the_left_unit() -> None:
    assert gp.Quantity.parse("1亿元") + gp.Quantity.parse("5000万元") == gp.Quantity.parse(
        "1.5亿元"
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [("1亿元", "5万亩"), ("3家", "2所"), ("8%", "1个百分点"), ("5人", "5人次"), ("2公里", "3亩")],
)
def test_adding_across_dimensions_is_an_error(left: str, right: str) -> None:
    with pytest.raises(gp.UnitMismatchError) as info:
        gp.Quantity.parse(left) + gp.Quantity.parse(right)
    assert left in str(info.value)
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, gp.GovplanError)


def test_unknown_unit_is_named() -> None:
    with pytest.raises(gp.QuantityError) as info:
        gp.parse_quantity("5万平方")
    assert info.value.code == "unknown-unit"
    assert "万平方" in str(info.value)


@pytest.mark.parametrize("text", ["", "万亩", "12", "abc", "1.2.3万亩", "8 %% 9"])
def test_malformed_quantities_are_refused(text: str) -> None:
    with pytest.raises(gp.QuantityError):
        gp.parse_quantity(text)


def test_range_must_go_up() -> None:
    with pytest.raises(gp.QuantityError):
        gp.parse_quantity("5万元-3万元")


def test_percent_and_percentage_points_are_different_units() -> None:
    assert not gp.Quantity.parse("1%").is_compatible("个百分点")
    assert gp.Quantity.parse("1%").dimensionality != gp.Quantity.parse("1个百分点").dimensionality


def test_registry_lists_the_documents_units() -> None:
    units = set(known_units())
    for unit in [
        "元",
        "万元",
        "亿元",
        "亩",
        "万亩",
        "公顷",
        "平方米",
        "平方公里",
        "米",
        "公里",
        "千米",
        "吨",
        "万吨",
        "千瓦",
        "万千瓦",
        "千伏",
        "人",
        "万人",
        "人次",
        "万人次",
        "户",
        "万户",
        "%",
        "个百分点",
        *COUNTERS,
        "台",
        "张",
        "条",
        "项",
        "名",
        "套",
        "处",
        "场",
        "辆",
        "栋",
    ]:
        assert unit in units, unit


@given(quantities())
def test_format_parse_round_trip(q: gp.Quantity) -> None:
    assert gp.parse_quantity(gp.format_quantity(q)) == q


@given(ranges())
def test_range_round_trip(r: gp.QuantityRange) -> None:
    assert gp.parse_quantity(gp.format_quantity(r)) == r


@given(positive_decimals, st.sampled_from(["万元", "亿元", "元"]))
def test_conversion_round_trip_is_exact(value: Decimal, unit: str) -> None:
    q = gp.Quantity(value=value, unit=unit)
    assert q.to("元").to(unit).value == value
    assert q.same_amount(q.to("万元"))


@given(st.lists(positive_decimals, min_size=1, max_size=6))
def test_totals_are_the_same_in_wan_and_yi_yuan(values: list[Decimal]) -> None:
    in_wan = [gp.Quantity(value=v, unit="万元") for v in values]
    in_yi = [q.to("亿元") for q in in_wan]
    total_wan = sum(in_wan[1:], in_wan[0])
    total_yi = sum(in_yi[1:], in_yi[0])
    assert total_wan.same_amount(total_yi)
    assert total_yi.to("万元").value == sum(values)


@given(st.sampled_from(UNITS), st.sampled_from(UNITS))
def test_addition_succeeds_exactly_when_dimensions_agree(a: str, b: str) -> None:
    left, right = gp.Quantity(value=Decimal(1), unit=a), gp.Quantity(value=Decimal(2), unit=b)
    if left.is_compatible(right):
        assert (left + right).unit == a
    else:
        with pytest.raises(gp.UnitMismatchError):
            left + right


@given(st.text(max_size=20))
def test_parser_fed_anything_raises_only_quantity_errors(text: str) -> None:
    try:
        result = gp.parse_quantity(text)
    except gp.QuantityError:
        return
    assert isinstance(result, (gp.Quantity, gp.QuantityRange))
