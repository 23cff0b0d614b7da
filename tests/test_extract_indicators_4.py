"""Target forms of a fourth set of documents: extract._indicators, round 4.

Made-up snippets in the language of the documents: a size class (30亿级项目, 在30亿级、10亿级
项目上) that names things and is no target, a count after a bare verb of building whose thing is
named in the clause before (打造社区书房,新建3家), and a count in Chinese numerals of the
multiplier only after a verb of serving (为十万职工).
"""

from __future__ import annotations

import pytest

import extracting
from govplan.extract._indicators import find_indicators
from govplan.extract._text import Para, split_lines
from govplan.model import IndicatorKind


def targets(text: str) -> list[str]:
    """The target of each quantified target *text* states, in a 2024 plan."""
    return extracting.targets(text, 2024)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a size class before the noun it classes, and elided after 、: never a target
        (
            (
                "力争引进10亿级项目不少于8个、30亿级项目不少于3个,甲县要在30亿级、乙县要在10亿级"
                "项目招引上取得突破。"
            ),
            ["8个", "3个"],
        ),
        ("培育形成3个千亿级产业集群。", ["3个"]),
        ("全市要在百亿级、五十亿级产业链上实现突破。", []),
    ],
)
def test_a_size_class_is_no_target(text: str, expected: list[str]) -> None:
    assert targets(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("打造社区书房,新建3家。", ["3家"]),
        ("对200户困难家庭进行无障碍改造,新建4家。", ["200户", "4家"]),
        ("完善农村敬老院设施,改造6所。", ["6所"]),
    ],
)
def test_a_count_after_a_bare_verb_of_building(text: str, expected: list[str]) -> None:
    assert targets(text) == expected


def test_the_elided_thing_is_noted() -> None:
    found = find_indicators(Para.of(split_lines("打造社区书房,新建3家。")), year=2024).items
    assert found[0].name == "新建"
    assert any("not printed" in note for note in found[0].notes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("建设3家。", []),  # not a verb of building a new thing: the count alone says too little
        ("新建3家社区书房。", ["社区书房"]),  # the thing is printed after the figure
    ],
)
def test_a_bare_verb_names_only_a_count_closing_its_clause(text: str, expected: list[str]) -> None:
    found = find_indicators(Para.of(split_lines(text)), year=2024).items
    assert [item.name for item in found if item.kind is not IndicatorKind.QUALITATIVE] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("为十万职工送上免费体检服务。", ["10万"]),
        ("惠及百万群众。", ["100万"]),
        ("为十万元以下的项目提供贴息。", []),  # an amount's bound, not the people served
        ("全县十万群众参与活动。", []),  # no verb of serving: a figure of the place
    ],
)
def test_people_served_in_chinese_numerals(text: str, expected: list[str]) -> None:
    assert targets(text) == expected
