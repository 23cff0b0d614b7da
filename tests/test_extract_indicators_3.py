"""Target forms of a third set of documents: extract._indicators, round 3.

Made-up snippets in the language of the documents: the amounts of a long grant list and the
thresholds a grant is paid on (…突破1000万元、2000万元的,分别给予…), a grant written 一次性奖励…
/ 每家奖励…, a capacity with its product in a clause about projects, a size class (超100亿元的
产业集群), a figure restating the previous target in another unit (…50个,约605万平方米), a list
marker fused to the figure after it (2.50个小区…), and people served counted with the multiplier
only (惠及5万农户).
"""

from __future__ import annotations

import pytest

import extracting


def read(text: str) -> list[tuple[str, str, str]]:
    """(name, target, comparator) of each target *text* states, in a 2024 plan."""
    return extracting.read(text, 2024)


def targets(text: str) -> list[str]:
    """The target of each quantified target *text* states, in a 2024 plan."""
    return extracting.targets(text, 2024)


@pytest.mark.parametrize(
    "text",
    [
        # every amount of a long grant list, not only those near 给予
        (
            "对新评为国家级、省级、市级示范企业和示范车间的,分别给予 80 萬元、40 萬元、25 萬元、"
            "12 萬元、6 萬元獎勵。"
        ),
        # thresholds a grant is paid on
        (
            "对年营业收入首次突破 800 万元、3000 万元、6000万元、2 亿元的企业,"
            "分别给予一次性奖励5万元、15万元、30万元、60万元。"
        ),
        "对达到2亿元的企业予以表彰。",
        # a grant written as its verb and the one paid
        "当年通过认定的首台套产品,一次性奖励企业 30 万元。",
        "对新认定的专精特新企业,奖励20万元。",
        "新认定的企业每家奖励5万元。",
        # the capacities of projects named in a list
        "重点推进甲集团30万吨聚乙烯和15万吨丙烯、乙公司200万吨球团等项目建设。",
        # a size class of what the text names
        "培育一批超50亿元的龙头企业集群和超10亿元的骨干企业集群。",
    ],
)
def test_terms_and_names_are_no_target(text: str) -> None:
    assert targets(text) == []


def test_a_target_stays_beside_its_grant() -> None:
    """The count to reach is a target; the grant paid for each is not."""
    assert read("新增规上企业30家以上,每家奖励5万元。") == [("规上企业", "30家", "at_least")]


def test_a_size_reached_is_a_target() -> None:
    assert read("实现营业收入超200亿元的目标。") == [("营业收入", "200亿元", "at_least")]


def test_a_standard_raised_is_no_grant() -> None:
    """补助标准提高到每人每月… raises a standard: a target, not the terms of a grant."""
    assert targets("补助标准提高到每人每月520元。") == ["520元/人·月"]


def test_a_capacity_to_reach_is_a_target() -> None:
    """A capacity that no project word follows is a target (新增…处理能力)."""
    assert targets("新增8万吨污水处理能力。") == ["8万吨"]


def test_a_restated_figure_in_another_unit() -> None:
    """…项目40个,约320万平方米: the same projects measured by area, named as the previous."""
    assert read("年底前开工棚户区改造项目40个,约 320 万平方米,惠及居民3.1万户。") == [
        ("开工棚户区改造项目", "40个", "exact"),
        ("开工棚户区改造项目", "320万平方米", "about"),
        ("惠及居民", "3.1万户", "exact"),
    ]


def test_a_total_restates_the_previous_target() -> None:
    assert read("建设公共充电桩500个,共计1.5万千瓦。")[1] == ("公共充电桩", "1.5万千瓦", "exact")
    # but a figure that names what it counts is read as that
    assert read("新建学校4所,约2400个学位。")[1] == ("学位", "2400个", "about")


def test_a_marker_fused_to_a_count() -> None:
    """2.60个小区…: a count is whole, so 2. is the marker and 60个 the target."""
    assert targets("2.60个小区新增充电设施;为12个老旧小区改造消防设施。") == ["60个", "12个"]


def test_a_decimal_count_elsewhere_is_kept() -> None:
    """Only at the start of a clause is N. read as a marker."""
    assert targets("户均配置2.5个。") == ["2.5个"]


def test_people_served_counted_by_the_multiplier() -> None:
    assert targets("带动8万农户增收。") == ["8万"]
    assert targets("培育百亿企业3家。") == ["3家"]
