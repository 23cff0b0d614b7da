"""Reading rules for targets: how far 力争/确保 reaches, which outcomes without a figure count.

The rules are govplan._reading_targets (docs/concepts.md §16); the extractor and the checks
``modality-reach`` and ``qualitative-outcome`` read with them.
"""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govplan as gp
from govplan._reading_targets import (
    find_outcomes,
    has_figure,
    modality_at,
    outcome_form,
    outcome_name,
    phrase_modality,
)
from govplan.checks import check
from govplan.extract._indicators import find_indicators
from govplan.extract._text import Para, split_lines

M = gp.Modality
EXAMPLE_NAMES = ["fenghuang-2023", "fenghuang-2023-sample", "nanxian-2025", "pingjiang-2023",
                 "changde-2023"]  # fmt: skip


def reads(text: str, phrase: str) -> gp.Modality | None:
    return phrase_modality(text, phrase)


# ---- how far a modality word reaches


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # a leading 力争 reaches past commas and 、 ...
        ("力争地区生产总值增长8%,规模工业增加值增长7%。", "规模工业增加值增长7%", M.ASPIRATIONAL),
        (
            "力争进出口总额增长5%以上、对非贸易大幅增长,外资实现正增长。",
            "外资实现正增长",
            M.ASPIRATIONAL,
        ),
        # ... and stops at ；, ;, 。, a line end and a list marker
        (
            "力争第一产业增加值增长3%左右;规模工业增加值增长7.3%左右。",
            "规模工业增加值增长7.3%左右",
            M.NONE,
        ),
        ("力争第一产业增长3%；规模工业增长7%。", "规模工业增长7%", M.NONE),
        ("力争投资增长8%。消费增长6%。", "消费增长6%", M.NONE),
        ("力争投资增长8%\n消费增长6%", "消费增长6%", M.NONE),
        ("确保投资增长8%,(2)消费增长6%", "消费增长6%", M.NONE),
        ("确保投资增长8%,二是消费增长6%", "消费增长6%", M.NONE),
        # the last word before the phrase's end sets it, also one inside the phrase
        ("确保粮食面积稳定,力争产量增长3%", "产量增长3%", M.ASPIRATIONAL),
        ("力争投资增长8%,确保消费增长6%", "消费增长6%", M.BINDING),
        ("技术合同成交额力争增长30%", "技术合同成交额力争增长30%", M.ASPIRATIONAL),
        ("务必完成改造任务", "完成改造任务", M.BINDING),
        ("力求新增企业3家", "新增企业3家", M.ASPIRATIONAL),
        # a quoted word names something: no modality
        ("实现“三坚决两确保”,即坚决杜绝较大事故", "坚决杜绝较大事故", M.NONE),
        # 争取 of a grant is the verb "to secure"; 争取 before a verb or a date is modal
        ("积极争取上级资金支持,年底前改造管道95公里", "改造管道95公里", M.NONE),
        ("确保争取中央和省各类资金增长12%以上", "争取中央和省各类资金增长12%以上", M.BINDING),
        ("争取地方专项债券资金7亿元", "争取地方专项债券资金7亿元", M.NONE),
        ("争取2023年末,贷款余额达到10亿元", "贷款余额达到10亿元", M.ASPIRATIONAL),
        ("争取常住人口城镇化率提高0.7个百分点", "常住人口城镇化率提高0.7个百分点", M.ASPIRATIONAL),
        ("投资增长8%", "投资增长8%", M.NONE),
    ],
)
def test_reach(text: str, phrase: str, expected: gp.Modality) -> None:
    assert reads(text, phrase) is expected


def test_a_phrase_not_in_the_text_or_read_two_ways_is_not_located() -> None:
    assert reads("力争投资增长8%", "消费增长6%") is None
    assert reads("确保增长5%;增长5%", "增长5%") is None
    assert reads("确保增长5%,增长5%", "增长5%") is M.BINDING


_PLAIN = st.text(st.sampled_from("投资消费工业产值总额实现达到新增企业家个"), max_size=12)


@given(
    word=st.sampled_from(["力争", "争取", "力求", "确保", "务必"]),
    before=_PLAIN,
    after=_PLAIN,
    stop=st.sampled_from([";", "；", "。", "\n", "①", "(2)", ",3.", ",一是"]),
)
def test_a_group_end_between_the_word_and_the_target_ends_its_reach(
    word: str, before: str, after: str, stop: str
) -> None:
    target = "增长8%"
    text = f"{word}{before}{stop}{after}{target}"
    assert modality_at(text, len(text)) is M.NONE
    joined = f"{word}{before},{after}{target}"
    expected = M.BINDING if word in {"确保", "务必"} else M.ASPIRATIONAL
    assert modality_at(joined, len(joined)) is expected


# ---- which outcomes without a figure are indicators


@pytest.mark.parametrize(
    ("phrase", "form"),
    [
        ("对外实际投资保持正增长", "change"),
        ("房屋市政工程事故起数和死亡人数同比“双下降”", "change"),
        ("确保全县安全事故起数和死亡人数持续下降", "change"),
        ("力争通过五年努力,稳步降低本县债务率", "change"),
        ("耕地面积只增不减", "change"),
        ("确保不发生规模化停电限电", "no_occurrence"),
        ("坚决杜绝较大以上安全事故", "no_occurrence"),
        ("确保法定债券不出风险", "no_occurrence"),
        ("确保遇设计标准内洪水时,不溃一堤一垸、不垮一库一坝", "no_occurrence"),
        ("实现5G网络全覆盖", "coverage"),
        ("推动拖欠中小企业账款动态清零", "coverage"),
        ("做到应接尽接", "coverage"),
        ("全面完成园区管理体制改革", "coverage"),
        ("完成政府债务化解年度目标任务", "coverage"),
        ("确保社会消费品零售总额保持全省前列", "rank"),
        ("力争在国、省营商环境评价中争先进位", "rank"),
        ("力争进入低风险区", "grade"),
        ("确保保持一般或较低安全风险等级", "grade"),
        ("古城旅游区成功创建AAAAA级景区", "title"),
        ("常德经开区、汉寿高新区获批省级化工园区", "title"),
        ("力争入库企业贷款增速高于全县各项贷款平均增速", "benchmark"),
        ("空气质量优良率达到省定标准", "benchmark"),
        ("力争建成常德保税物流中心(B型)", "completion"),
        ("力争云母产业创建省级中小企业特色产业集群", "title"),
    ],
)
def test_outcome_forms(phrase: str, form: str) -> None:
    assert outcome_form(phrase) == form
    assert [o.form for o in find_outcomes(phrase + "。")] == [form]


@pytest.mark.parametrize(
    "text",
    [
        # general aims
        "营商环境持续优化。",
        "服务水平进一步提升,群众满意度明显改善。",
        "确保社会大局稳定。",
        "坚决遏制较大及以上非生产安全事故。",
        # the form inside a noun phrase, not closing its clause
        "开展全覆盖式排查清理。",
        "深入开展隐患清零行动。",
        "防范化解上市公司风险。",
        "为经济稳定增长提供坚实支撑。",
        "把实施专项行动放在首位。",
        "将矛盾化解关口前移。",
        "杜绝垫资施工。",
        # work to be done: 创建, 建成 without a modality word setting them as targets
        "支持澧县创建国家农业现代化示范区。",
        "加快建成物流园区。",
        # a figure: a quantity, not a qualitative outcome
        "新增高新技术企业3家以上,实现全覆盖率100%。",
        "建设一个规模化秸秆处理设施。",
    ],
)
def test_not_outcomes(text: str) -> None:
    assert find_outcomes(text) == []


@given(
    form=st.sampled_from(["实现5G网络全覆盖", "事故隐患动态清零", "确保事故起数持续下降"]),
    noun=st.sampled_from(["行动", "排查", "方案", "工作机制"]),
)
def test_a_form_is_read_only_where_it_closes_its_clause(form: str, noun: str) -> None:
    assert [o.phrase(form + "。") for o in find_outcomes(form + "。")] == [form]
    assert find_outcomes(form + noun + "。") == []


def test_an_outcome_is_its_clause_without_the_note_after_it() -> None:
    text = "完善机制,推动政府机关拖欠中小企业账款动态清零(县发改局牵头)。"
    [outcome] = find_outcomes(text)
    assert outcome.phrase(text) == "推动政府机关拖欠中小企业账款动态清零"


def test_figures_and_dates() -> None:
    for figure in [
        "突破千亿",
        "破十",
        "两个县各建设一支",
        "达到 III 类以上",
        "实现翻番",
        "18-59周岁",
    ]:
        assert has_figure(figure), figure
    for none in [
        "确保2023年9月1日前竣工投入使用",
        "实现高频事项“一件事一次办”全覆盖",
        "实现5G网络全覆盖",
    ]:
        assert not has_figure(none), none


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("事故隐患动态清零", "事故隐患"),
        ("实现5G网络全覆盖", "5G网络覆盖"),
        ("确保不发生规模化停电限电", "规模化停电限电"),
        ("确保全县安全事故起数和死亡人数持续下降", "全县安全事故起数和死亡人数"),
    ],
)
def test_outcome_names(phrase: str, name: str) -> None:
    assert outcome_name(phrase) == name


# ---- the extractor reads with the rules


def para(text: str) -> Para:
    return Para.of(split_lines(text))


def test_extractor_reach() -> None:
    found = find_indicators(para("力争投资增长8%,消费增长6%;工业增长7%。确保就业1万人。")).items
    assert [(f.name, f.modality) for f in found] == [
        ("投资", M.ASPIRATIONAL),
        ("消费", M.ASPIRATIONAL),
        ("工业", M.NONE),
        ("就业", M.BINDING),
    ]


def test_extractor_reads_qualitative_outcomes() -> None:
    found = find_indicators(
        para("新增企业3家,实现5G网络全覆盖;确保安全事故起数持续下降。开展隐患清零行动。")
    ).items
    qualitative = [f for f in found if f.kind is gp.IndicatorKind.QUALITATIVE]
    assert [(f.phrase, f.name, f.modality, f.target) for f in qualitative] == [
        ("实现5G网络全覆盖", "5G网络覆盖", M.NONE, None),
        ("确保安全事故起数持续下降", "安全事故起数", M.BINDING, None),
    ]


def test_extractor_limit_counts_qualitative_outcomes_left() -> None:
    found = find_indicators(para("新增企业3家,实现5G网络全覆盖,事故隐患动态清零。"), limit=2)
    assert len(found.items) == 2
    assert found.left == 1


# ---- the checks


def codes(campaign: gp.Campaign, code: str) -> list[gp.Problem]:
    return [p for p in check(campaign) if p.code == code]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_checks_are_silent_on_the_examples(name: str) -> None:
    campaign = gp.examples.load(name)
    assert codes(campaign, "modality-reach") == []
    assert codes(campaign, "qualitative-outcome") == []


def _objective(
    campaign: gp.Campaign, index: int, indicators: tuple[gp.Indicator, ...]
) -> gp.Campaign:
    objectives = list(campaign.objectives)
    objectives[index] = attrs.evolve(objectives[index], indicators=indicators)
    return attrs.evolve(campaign, objectives=tuple(objectives))


def test_modality_reach_finds_a_reach_past_a_semicolon() -> None:
    # nanxian's objective (二): 力争第一产业增加值增长3%左右;规模工业增加值增长7.3%左右;…
    campaign = gp.examples.load("nanxian-2025")
    objective = campaign.objectives[1]
    indicators = list(objective.indicators)
    assert indicators[1].phrase == "规模工业增加值增长7.3%左右"
    indicators[1] = attrs.evolve(indicators[1], modality=M.ASPIRATIONAL)
    [problem] = codes(_objective(campaign, 1, tuple(indicators)), "modality-reach")
    assert problem.severity is gp.Severity.ERROR
    assert problem.pointer == "/objectives/1/indicators/1/modality"
    assert "reads as none, found aspirational" in problem.message


def test_modality_reach_finds_a_reach_stopped_at_a_comma() -> None:
    campaign = gp.examples.load("nanxian-2025")
    objective = campaign.objectives[3]
    indicators = list(objective.indicators)
    assert indicators[2].phrase == "对外实际投资保持正增长"
    indicators[2] = attrs.evolve(indicators[2], modality=M.NONE)
    [problem] = codes(_objective(campaign, 3, tuple(indicators)), "modality-reach")
    assert problem.pointer == "/objectives/3/indicators/2/modality"
    assert "力争 is the last modality word" in problem.message


def test_qualitative_outcome_finds_an_outcome_no_indicator_records() -> None:
    campaign = gp.examples.load("changde-2023")
    objective = campaign.objectives[3]
    kept = tuple(i for i in objective.indicators if i.phrase != "不发生区域性、系统性金融风险")
    assert len(kept) == len(objective.indicators) - 1
    [problem] = codes(_objective(campaign, 3, kept), "qualitative-outcome")
    assert problem.severity is gp.Severity.WARNING
    assert problem.pointer == "/objectives/3/text"
    assert "不发生区域性、系统性金融风险" in problem.message


def test_qualitative_outcome_finds_a_general_aim_recorded_as_an_indicator() -> None:
    campaign = gp.examples.load("changde-2023")
    objective = campaign.objectives[3]
    assert "确保社会大局稳定" in objective.text
    aim = gp.Indicator(
        name="社会大局", kind=gp.IndicatorKind.QUALITATIVE, phrase="确保社会大局稳定",
        modality=M.BINDING,
    )  # fmt: skip
    changed = _objective(campaign, 3, (*objective.indicators, aim))
    [problem] = codes(changed, "qualitative-outcome")
    assert problem.pointer == f"/objectives/3/indicators/{len(objective.indicators)}"


def _every_pattern() -> list[re.Pattern[str]]:
    from govplan import _reading_targets  # noqa: PLC0415

    forms = {**_reading_targets.OUTCOME_FORMS, **_reading_targets.GATED_FORMS}
    return [pattern for patterns in forms.values() for pattern in patterns]


def _clauses_of_the_examples() -> list[str]:
    from govplan import _reading_targets  # noqa: PLC0415
    from govplan.checks import iter_tasks  # noqa: PLC0415

    found = []
    for name in gp.examples.names():
        for _, task in iter_tasks(gp.examples.load(name)):
            for start, end in _reading_targets._clauses(task.text):
                found.append(_reading_targets._core(task.text[start:end]))
    return found


def test_the_quick_test_of_a_clause_lets_every_form_through() -> None:
    from govplan import _reading_targets  # noqa: PLC0415

    patterns = _every_pattern()
    clauses = _clauses_of_the_examples()
    assert len(clauses) > 1000
    for core in clauses:
        if _reading_targets._ANY_FORM.search(core) is None:
            assert not any(p.search(core) for p in patterns), core


@given(
    st.text(
        alphabet="不下降减少增长覆盖清零应尽完成前列进位建成投产开工运行创建申报上市达到高于一是的在X",
        max_size=12,
    )
)
def test_the_quick_test_misses_no_form_in_made_up_clauses(core: str) -> None:
    from govplan import _reading_targets  # noqa: PLC0415

    if _reading_targets._ANY_FORM.search(core) is None:
        assert not any(p.search(core) for p in _every_pattern()), core
