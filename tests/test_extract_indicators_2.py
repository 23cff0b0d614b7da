"""Target forms of documents the extractor was not built on: extract._indicators, round 2.

Made-up snippets in the language of the documents: time limits (N个工作日内), figures printed
with their multiplier only (70万, 五千亿规模), the 例 counter, the bound of a rule in a
parenthetical ((不含6亩)), the terms of a policy grant (给予…万元, 最高不超过…), a news report's
summary of the document, and nouns joined by 、 in one measure's name.
"""

from __future__ import annotations

import pytest

import extracting
from govplan.extract._indicators import find_indicators, stated_targets
from govplan.extract._text import Para, split_lines
from govplan.model import Comparator


def read(text: str) -> list[tuple[str, str, str]]:
    """(name, target, comparator) of each target *text* states, in a 2024 plan."""
    return extracting.read(text, 2024)


def targets(text: str) -> list[str]:
    """The target of each quantified target *text* states, in a 2024 plan."""
    return extracting.targets(text, 2024)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "施工许可证5个工作日内、竣工验收备案2个工作日内办结。",
            [
                ("施工许可证", "5个工作日", "at_most"),
                ("竣工验收备案", "2个工作日", "at_most"),
            ],
        ),
        ("企业开办时间压缩至1个工作日以内。", [("企业开办时间", "1个工作日", "at_most")]),
        ("货物通关时间缩短至12小时。", [("货物通关时间", "12小时", "at_most")]),
    ],
)
def test_a_time_limit_is_an_at_most_target(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # counted from an event: a rule of procedure
        "申请人应当自收到通知之日起10个工作日内补齐材料。",
        "接到报告后2小时内赶赴现场。",
        # how often, and a duration that is no limit
        "每3天通报一次进度,用2年时间完成改造。",
        "公示期为5个工作日。",
    ],
)
def test_durations_that_are_no_time_limit(text: str) -> None:
    assert targets(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年城镇新增就业45万,城镇调查失业率5.5%左右。", ["45万", "5.5%"]),
        ("力争全县文旅产业总收入突破三百亿规模。", ["300亿"]),
        ("地区生产总值突破1.5万亿元。", ["1.5万亿元"]),
        # before a word the multiplier names a class or goes on into an unknown unit
        ("培育3—5个百亿企业,带动2万余人就业。", ["3-5个"]),
    ],
)
def test_a_figure_with_its_multiplier_only(text: str, expected: list[str]) -> None:
    assert targets(text) == expected


def test_cases_are_counted() -> None:
    assert read("完成适龄妇女宫颈癌筛查2万例以上。") == [
        ("适龄妇女宫颈癌筛查", "2万例", "at_least")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "占地10亩以下(不含10亩)的项目由县级审批。",
        "对年销售额500万元以下(含500万元)的企业免收费用。",
    ],
)
def test_the_bound_of_a_rule_in_a_parenthetical_is_no_target(text: str) -> None:
    assert targets(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "对新认定的省级专精特新企业给予30万元一次性奖励。",
        "对新评定的国家级、省级示范园区分别给予100万元、50万元奖补。",
        "给予配套奖励,每个企业最高不超过50万元。",
        "按设备投资额的8%给予最高500万元补助,其中奖补资金30%待项目投产后拨付。",
    ],
)
def test_the_terms_of_a_policy_grant_are_no_targets(text: str) -> None:
    assert targets(text) == []


def test_a_grant_verb_opens_no_name() -> None:
    assert read("给予300户低保家庭临时救助。") == [("低保家庭临时救助", "300户", "exact")]


def test_a_news_report_summary_states_targets() -> None:
    text = "近日,县政府印发方案。方案提出,全年新增规上工业企业20家以上。详情如下:"
    stated = stated_targets(Para.of(split_lines(text)))
    assert stated is not None
    found = find_indicators(stated, year=2024).items
    assert [(f.name, str(f.target), f.comparator) for f in found] == [
        ("规上工业企业", "20家", Comparator.AT_LEAST)
    ]


def test_a_preamble_that_reports_nothing_states_no_targets() -> None:
    text = "为推动高质量发展,根据上级文件精神,结合我县实际,制定本方案。"
    assert stated_targets(Para.of(split_lines(text))) is None


@pytest.mark.parametrize(
    ("text", "name", "phrase"),
    [
        (
            "新增养老院、日间照料中心床位500张。",
            "养老院、日间照料中心床位",
            "新增养老院、日间照料中心床位500张",
        ),
        ("实施老旧小区改造工程、新建停车位800个。", "停车位", "新建停车位800个"),
    ],
)
def test_nouns_joined_by_a_comma_name_one_measure(text: str, name: str, phrase: str) -> None:
    (item,) = find_indicators(Para.of(split_lines(text)), year=2024).items
    assert (item.name, item.phrase) == (name, phrase)
