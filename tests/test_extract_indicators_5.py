"""Target forms of round 5: extract._indicators.

Made-up snippets in the language of the documents: the thing counted printed after the figure
is part of the target's phrase (建立2—3家科普研学基地), a verb of making and the place it is
made in before the figure (完成全区15个行政村村庄规划), the place a target is set for as no part
of its name (我区, 全县, 本市), and the staff a unit names for a team (1名联络员) as no target.
"""

from __future__ import annotations

import pytest

from extracting import read
from govplan.extract._indicators import find_indicators
from govplan.extract._text import Para, split_lines


def phrases(text: str) -> list[tuple[str, str]]:
    """(name, phrase) of each target *text* states."""
    found = find_indicators(Para.of(split_lines(text))).items
    return [(item.name, item.phrase) for item in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("建立2—3家科普研学基地。", ("科普研学基地", "建立2—3家科普研学基地")),
        ("力争新增10个以上返乡创业主体。", ("返乡创业主体", "力争新增10个以上返乡创业主体")),
        ("完成1000人次职业技能培训。", ("职业技能培训", "完成1000人次职业技能培训")),
        (
            "高质量完成全区15个行政村村庄规划。",
            ("行政村村庄规划", "高质量完成全区15个行政村村庄规划"),
        ),
        ("建成某县3个乡镇综合文化站。", ("乡镇综合文化站", "建成某县3个乡镇综合文化站")),
    ],
)
def test_the_thing_counted_after_the_figure_closes_the_phrase(
    text: str, expected: tuple[str, str]
) -> None:
    assert phrases(text) == [expected]


def test_a_measure_named_before_the_figure_keeps_its_phrase() -> None:
    assert phrases("全县地区生产总值增长6%以上。") == [
        ("地区生产总值", "全县地区生产总值增长6%以上")
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("力争我区全社会研发经费投入增长12%以上。", "全社会研发经费投入"),
        ("本市城镇新增就业3000人。", "城镇新增就业"),
        ("全区域旅游收入增长10%。", "全区域旅游收入"),
        ("本市场主体新增500户。", "本市场主体"),
    ],
)
def test_the_place_a_target_is_set_for_is_no_part_of_its_name(text: str, name: str) -> None:
    assert [n for n, _, _ in read(text)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "各成员单位明确1名分管负责人和1名联络员,负责日常联络。",
        "区财政局明确1名负责人和2名工作人员具体负责调度。",
    ],
)
def test_staff_named_for_a_team_are_no_target(text: str) -> None:
    assert read(text) == []


def test_people_to_train_are_still_a_target() -> None:
    assert [target for _, target, _ in read("培训基层工作人员500人。")] == ["500人"]
