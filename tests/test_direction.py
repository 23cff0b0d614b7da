"""Direction of change: the reading rule (docs/concepts.md §16) and the checks built on it."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govplan as gp
from govplan._reading_direction import (
    FALL_WORDS,
    RISE_WORDS,
    Stated,
    direction_for,
    stated_change,
)
from govplan.checks import check_directions, iter_indicators

RISE, FALL = gp.Direction.RISE, gp.Direction.FALL


@pytest.mark.parametrize(
    ("phrase", "target", "expected"),
    [
        ("社会消费品零售总额增长8%以上", "8%", RISE),
        ("规模工业增加值增长8%", "8%", RISE),  # 增加值 is a name, 增长 the change
        ("森林火灾数量同比减少30%以上", "30%", FALL),
        ("综合利率下降30BP", "30BP", FALL),
        ("确保全县PM2.5平均浓度下降1—2微克/立方米", "1-2微克/立方米", FALL),
        ("增长率下降2个百分点", "2个百分点", FALL),  # the last word before the figure
        ("新增耕地1000亩", "1000亩", RISE),
        ("确保2023年银行机构各项贷款余额增长40亿元", "40亿元", RISE),  # 2023 is a date
        ("力争社会物流总费用占地区生产总值比重下降至13.8%以下", "13.8%", Stated.VALUE),
        ("中小微企业合同预付款比例可提高到50%以上", "50%", Stated.VALUE),
        ("消费对经济增长贡献率恢复到65%以上", "65%", Stated.VALUE),
        ("10千伏及以下农村配电网巩固提升工程目标任务:800万元", "800万元", None),
        ("森林火灾受害率控制在0.9‰以内", "0.9‰", None),
        ("地区生产总值8%左右", "8%", None),
        ("确保生产安全事故起数和死亡人数持续下降", None, FALL),
        ("房屋市政工程事故起数和死亡人数同比“双下降”", None, FALL),
        ("杜绝新增政府隐性债务", None, None),
        ("实现零增长", None, None),
        ("经济总量稳步增长", None, RISE),
        ("持续降低安全事故起数、死亡人数", None, FALL),
        ("完成《洞庭湖总磷污染控制与削减攻坚项目清单》等重点工作任务", None, None),
    ],
)
def test_the_change_a_phrase_states(
    phrase: str, target: str | None, expected: gp.Direction | Stated | None
) -> None:
    quantity = gp.parse_quantity(target) if target else None
    assert stated_change(phrase, quantity) == expected


names = st.sampled_from(["地区生产总值", "森林火灾数量", "规模工业增加值", "综合利率", "城镇化率"])
figures = st.decimals(min_value=Decimal("0.1"), max_value=Decimal(999), places=1)


@given(names, st.sampled_from(RISE_WORDS + FALL_WORDS), figures)
def test_a_change_word_right_before_the_figure_decides(
    name: str, word: str, figure: Decimal
) -> None:
    """Whatever the name says, the word just before the figure is the change."""
    target = gp.Quantity(value=figure, unit="%")
    expected = FALL if word in FALL_WORDS else RISE
    assert stated_change(f"{name}{word}{figure}%", target) == expected


@given(names, st.sampled_from(RISE_WORDS[:4] + FALL_WORDS[:4]), st.sampled_from("至到"), figures)
def test_a_value_word_after_the_change_word_names_a_value(
    name: str, word: str, to: str, figure: Decimal
) -> None:
    target = gp.Quantity(value=figure, unit="%")
    assert stated_change(f"{name}{word}{to}{figure}%", target) is Stated.VALUE


def test_growth_rates_without_a_word_rise_and_values_have_no_direction() -> None:
    target = gp.Quantity(value=Decimal(8), unit="%")
    assert direction_for(gp.IndicatorKind.GROWTH_RATE, "地区生产总值增速8%", target) is RISE
    assert direction_for(gp.IndicatorKind.GROWTH_RATE, "地区生产总值8%", target) is RISE
    assert direction_for(gp.IndicatorKind.SHARE, "城镇化率8%", target) is None


def _indicator(plan: gp.Campaign) -> tuple[str, gp.Indicator]:
    return next(iter_indicators(plan))


def _with(plan: gp.Campaign, **changes: object) -> gp.Campaign:
    task = plan.battles[0].groups[0].tasks[0]
    indicator = attrs.evolve(task.indicators[0], **changes)
    task = attrs.evolve(task, indicators=(indicator, *task.indicators[1:]))
    group = attrs.evolve(
        plan.battles[0].groups[0], tasks=(task, *plan.battles[0].groups[0].tasks[1:])
    )
    battle = attrs.evolve(plan.battles[0], groups=(group, *plan.battles[0].groups[1:]))
    return attrs.evolve(plan, battles=(battle, *plan.battles[1:]))


@pytest.fixture
def plan() -> gp.Campaign:
    """The schema's root example: one growth target, 全年社会消费品零售总额增长8%以上."""
    return gp.loads(json.dumps(gp.schema()["examples"][0], ensure_ascii=False), format="json")


def test_the_root_example_reads_as_a_rise(plan: gp.Campaign) -> None:
    assert list(check_directions(plan)) == []
    assert plan.battles[0].groups[0].tasks[0].indicators[0].direction is RISE


def test_a_rise_stored_as_a_fall_is_an_error(plan: gp.Campaign) -> None:
    problems = list(check_directions(_with(plan, direction=FALL)))
    assert [(p.code, p.severity) for p in problems] == [("direction-mismatch", gp.Severity.ERROR)]
    assert problems[0].pointer.endswith("/indicators/0/direction")


def test_a_fall_stored_as_a_rise_is_an_error(plan: gp.Campaign) -> None:
    fall = _with(plan, phrase="森林火灾数量同比减少30%以上", name="森林火灾数量", direction=RISE)
    assert [p.code for p in check_directions(fall)] == ["direction-mismatch"]
    assert [p.code for p in check_directions(_with(fall, direction=FALL))] == []


def test_a_value_to_reach_with_a_direction_is_an_error(plan: gp.Campaign) -> None:
    value = _with(
        plan,
        kind=gp.IndicatorKind.SHARE,
        phrase="比重下降至13.8%以下",
        target=gp.Quantity(value=Decimal("13.8"), unit="%"),
        direction=FALL,
        summable=False,
    )
    assert [p.code for p in check_directions(value)] == ["direction-mismatch"]
    assert [p.code for p in check_directions(_with(value, direction=None))] == []


def test_a_negative_change_is_an_error(plan: gp.Campaign) -> None:
    negative = _with(plan, target=gp.Quantity(value=Decimal(-8), unit="%"))
    assert [p.code for p in check_directions(negative)] == ["negative-change"]


def test_no_example_stores_a_fall_as_a_rise() -> None:
    """Every phrase that states a fall has direction fall, in every bundled plan."""
    falls = 0
    for name in gp.examples.names():
        plan = gp.examples.load(name)
        for pointer, indicator in iter_indicators(plan):
            if stated_change(indicator.phrase, indicator.target) is FALL:
                falls += 1
                assert indicator.direction is FALL, (name, pointer, indicator.phrase)
        assert not list(check_directions(plan)), name
    assert falls >= 15
