"""Quantities: parsing, formatting, exact conversion, and refusing to mix dimensions."""

from __future__ import annotations

import decimal
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govplan as gp
from govplan import quantity
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


# ---- bad input: one located QuantityError, in bounded time (#10) ----------------------------


def test_unknown_unit_message_says_the_text_then_the_hint() -> None:
    with pytest.raises(gp.QuantityError) as info:
        gp.parse_quantity("8百分比")
    assert info.value.message == (
        "'8百分比': unknown unit '百分比' (see docs/units.md for the units govplan reads)"
    )


def test_number_of_more_than_28_digits_is_refused() -> None:
    # 40 digits raised decimal.InvalidOperation once converted or added (stats, roll-ups).
    text = "1" * 40 + "亩"
    with pytest.raises(gp.QuantityError) as info:
        gp.parse_quantity(text)
    assert info.value.code == "invalid-quantity"
    assert info.value.text == text
    assert info.value.message.startswith("'" + "1" * 40)
    assert "40 digits, more than the 28" in info.value.message
    with pytest.raises(gp.QuantityError):
        gp.parse_quantity("0." + "0" * quantity.MAX_DIGITS + "1万元")  # 29 digits after the point


def test_numbers_of_28_digits_convert_and_add_exactly() -> None:
    assert quantity.MAX_DIGITS == 28
    big = gp.Quantity.parse("9" * 28 + "亿元")
    assert big.to("元").value == Decimal("9" * 28 + "0" * 8)
    assert (big + gp.Quantity.parse("1元")).value == Decimal("9" * 28 + ".00000001")
    tiny = gp.Quantity.parse("0." + "0" * 27 + "1亿元")
    assert tiny.to("元").value == Decimal("1E-20")
    assert (big - big).value == 0


def test_arithmetic_does_not_depend_on_the_callers_decimal_context() -> None:
    with decimal.localcontext(prec=3):
        assert gp.Quantity.parse("21.78万亩").to("亩").value == 217800
        total = gp.Quantity.parse("1亿元") + gp.Quantity.parse("1元")
    assert total.value == Decimal("1.00000001")


def test_an_inexact_conversion_is_rounded_to_28_digits() -> None:
    day = gp.Quantity.parse("1小时").to("天").value
    assert day == Decimal("0.04166666666666666666666666667")


@pytest.mark.parametrize("value", ["abc", "NaN", "-Infinity", "1E+200", None, True])
def test_a_quantity_holds_a_finite_number_it_can_compute_with(value: object) -> None:
    with pytest.raises(gp.QuantityError) as info:
        gp.Quantity(value=value, unit="亩")
    assert info.value.code == "invalid-quantity"


def test_a_long_unit_is_refused_before_pint_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # pint's parser is quadratic in what it reads: 20,000 letters took 5 s, 100,000 took 112 s.
    read: list[str] = []
    parse_units = quantity.registry.parse_units

    def recording(text: str) -> object:
        read.append(text)
        return parse_units(text)

    monkeypatch.setattr(quantity.registry, "parse_units", recording)
    with pytest.raises(gp.QuantityError) as info:
        gp.parse_quantity("5" + "a" * 2000)
    assert read == []
    assert info.value.code == "unknown-unit"
    assert "(2000 characters) is too long" in info.value.message
    assert len(info.value.message) < 300
    with pytest.raises(gp.QuantityError, match="too long"):
        gp.Quantity(value=Decimal(1), unit="a" * (quantity.MAX_UNIT_LENGTH + 1))
    with pytest.raises(gp.QuantityError, match="unknown unit"):
        gp.Quantity(value=Decimal(1), unit="b" * quantity.MAX_UNIT_LENGTH)
    assert read == ["b" * quantity.MAX_UNIT_LENGTH]


def finishes(code: str, seconds: float = 10) -> bool:
    """Whether *code* runs to its end in a fresh interpreter within *seconds* (generous).

    Work promised to be linear is checked on an input that the quadratic code took much longer
    than *seconds* with, apart from the suite, so that a regression cannot hang it.
    """
    try:
        result = subprocess.run(  # noqa: S603 - this interpreter on a fixed script
            [sys.executable, "-c", code], capture_output=True, timeout=seconds, check=False
        )
    except subprocess.TimeoutExpired:
        return False
    return result.returncode == 0


def test_a_range_with_a_long_run_of_spaces_is_refused_in_bounded_time() -> None:
    # "1", 100,000 spaces, "!": two adjacent \s* of the range pattern backtracked
    # quadratically (20,000 spaces took 2 s; 100,000 took 52 s).
    code = "import govplan as gp\ntry:\n    gp.parse_quantity('1' + ' ' * 100_000 + '!')\n"
    assert finishes(code + "except gp.QuantityError:\n    pass\n")
