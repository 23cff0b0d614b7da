"""The extractor's targets are real targets: the language rules of extract._indicators.

Each snippet is made up in the language of the documents (not copied from one): numbers that
are names, counts of what a document holds, verbs as names, compound units, comparators,
results beside targets, lists.
"""

from __future__ import annotations

import pytest

import govplan as gp
from extracting import read, targets
from govplan.extract._indicators import find_indicators
from govplan.extract._text import Para, split_lines
from govplan.model import Comparator, IndicatorKind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A package of policy measures named by its count.
        ("全面兑现稳就业15条,新增市场主体800户。", ["800户"]),
        ("出台支持文旅发展措施12条,培育龙头企业3家。", ["3家"]),
        # Figures inside quotation marks or a title are part of a name.
        ("打造“10分钟便民生活圈”,新建社区食堂6个。", ["6个"]),
        ("落实房产“16条”、人才“12条”等政策。", []),
        ("贯彻《促进民营经济发展25条》,新增规上企业20家。", ["20家"]),
        # A voltage classes a line or substation.
        ("新建220千伏变电站2座,改造10千伏线路", ["2座"]),
        # A capacity names a project.
        ("推进年产30万吨饲料加工厂、年产8万吨冷链仓储等项目建设。", []),
        # Counts of what the document itself holds.
        ("本方案明确52项具体任务,涉及27个牵头单位。", []),
        # A unit that goes on into another word.
        ("建成“12分钟”应急响应圈,新建10万吨级泊位1个。", ["1个"]),
    ],
)
def test_numbers_that_name_something_are_no_targets(text: str, expected: list[str]) -> None:
    assert targets(text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("建立农产品交易平台4个。", "农产品交易平台"),
        ("上线政务服务事项300项。", "政务服务事项"),
        ("至少实施老旧小区改造项目12个。", "老旧小区改造项目"),
        ("扶持80名返乡青年自主创业。", "返乡青年自主创业"),
        ("3.建设2个标准化厂房。", "标准化厂房"),
        ("(二)规上工业增加值增长9%以上", "规上工业增加值"),
        ("每年认定星级农家乐30家。", "星级农家乐"),
        ("三季度前新增充电桩500个。", "充电桩"),
        ("积极争取6名省派专家、9名市派专家。", "省派专家"),
        ("推动智慧结算在5家县级医院推广应用。", "县级医院推广应用"),
    ],
)
def test_the_name_is_what_is_measured_not_a_verb(text: str, name: str) -> None:
    assert read(text)[0][0] == name


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("特困人员基本生活标准达到950元/月/人。", "950元/月/人"),
        ("护理补贴提高到120元/人·月。", "120元/人·月"),
        ("城市低保标准提高到每人每月720元。", "720元/人·月"),
    ],
)
def test_compound_units_stay_whole(text: str, target: str) -> None:
    assert targets(text) == [target]


def test_a_compound_unit_govplan_does_not_know_gives_no_truncated_unit() -> None:
    assert targets("单位地区生产总值能耗降至0.45吨标准煤/万元。") == []


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("资产负债率不超过65%。", Comparator.AT_MOST),
        ("每月至少开展联合检查1次。", Comparator.AT_LEAST),
        ("每季度最少召开调度会1次。", Comparator.AT_LEAST),
        ("约有3000户群众受益。", Comparator.ABOUT),
        ("单笔贷款不高于300万元。", Comparator.AT_MOST),
    ],
)
def test_comparators(text: str, comparator: Comparator) -> None:
    assert read(text)[0][2] == comparator.value


@pytest.mark.parametrize(
    "text",
    [
        # Who or what a rule covers, and the rates a policy pays.
        "对年营业收入200万元以下的个体工商户免征相关费用。",
        "对在岗职工50人(含)以下的企业给予补贴。",
        "对参保企业按其上年度实际缴纳社会保险费的40%返还。",
        "阶段性下调失业保险费率30%的政策延续实施。",
        "裁员率放宽到不超过职工总数10%。",
    ],
)
def test_conditions_and_rates_of_a_policy_are_no_targets(text: str) -> None:
    assert targets(text) == []
    # But a share or a count to reach stays a target before 的 and after 按.
    assert targets(text + "政府采购预留35%以上的份额面向小微企业。") == ["35%"]
    assert targets(text + "打造2个以上的夜间消费打卡地。") == ["2个"]
    assert targets(text + "按照常住人口的10%储备应急物资。") == ["10%"]


def test_a_rise_in_prices_is_a_growth_rate() -> None:
    para = Para.of(split_lines("居民消费价格涨幅控制在3%以内。"))
    item = find_indicators(para).items[0]
    assert (item.name, item.kind) == ("居民消费价格涨幅", IndicatorKind.GROWTH_RATE)


REPORT = (
    "2024年,全县地区生产总值增长5.1%,完成固定资产投资86亿元。"
    "全年新增城镇就业4200人。"
    "2025年全县经济社会发展的主要预期目标是:地区生产总值增长6%左右,新增城镇就业4500人。"
)


def test_last_years_results_are_no_targets() -> None:
    assert targets(REPORT, year=2025) == ["6%", "4500人"]


@pytest.mark.parametrize(
    "text",
    [
        "过去一年,新增市场主体3200户。",
        "一年来,累计建成乡村公路86公里。",
        "今年以来,全市社会消费品零售总额增长4.2%。",
        "预计全年地区生产总值增长5%左右。",
        "全县已建成标准化厂房12万平方米。",
        "全年完成了造林面积1.5万亩。",
    ],
)
def test_what_was_done_is_no_target(text: str) -> None:
    assert targets(text) == []


def test_a_year_of_a_plan_of_several_years_states_targets() -> None:
    # In a plan of several years, the year before the figure is the year the target is for:
    # a bounded figure is a target even where its year is before the plan year.
    text = "2024年,新建充电桩800个以上;到2026年,累计建成充电桩3000个。"
    assert targets(text, year=2025) == ["800个", "3000个"]


def test_results_are_read_against_the_plan_year_of_the_draft() -> None:
    lines = ["某县实施“六大攻坚”总体方案", "一、攻坚目标", "——稳增长。" + REPORT]
    plan = gp.extract("\n".join(lines), year=2025)
    found = [(i.name, str(i.target)) for i in plan.objectives[0].indicators]
    assert found == [("地区生产总值", "6%"), ("城镇就业", "4500人")]


def test_lists_of_counts_give_one_target_each_and_ranges_keep_working() -> None:
    assert read("实现全县6200名低收入人口、85个村集体经济收入稳定增长。") == [
        ("低收入人口", "6200名", "exact"),
        ("村集体经济收入稳定增长", "85个", "exact"),
    ]
    assert read("规上工业企业新增40家、净增25家。") == [
        ("规上工业企业", "40家", "exact"),
        ("规上工业企业", "25家", "exact"),
    ]
    text = "地区生产总值增长5-6%,新建停车位1—2万个,工业和服务业分别增长8%、10%。"
    assert targets(text) == ["5-6%", "1-2万个", "8%", "10%"]


def test_values_joined_by_he_are_a_list() -> None:
    assert read("完成技能培训600人次和创业培训300人次。") == [
        ("技能培训", "600人次", "exact"),
        ("创业培训", "300人次", "exact"),
    ]
    # A bound printed after the last value, or before the list, bounds every value.
    assert read("城乡居民收入增长7%和9%以上。") == [
        ("城乡居民收入", "7%", "at_least"),
        ("城乡居民收入", "9%", "at_least"),
    ]
    assert read("低保标准分别提高到不低于700元/月和450元/月。") == [
        ("低保标准", "700元/月", "at_least"),
        ("低保标准", "450元/月", "at_least"),
    ]


def test_the_staff_an_organisation_assigns_are_no_targets() -> None:
    assert targets("各成员单位明确1名联络员,抽调2—3名业务骨干,专班下设5个工作组。") == []


@pytest.mark.parametrize(
    "text",
    [
        "推进2×35万千瓦机组建设。",  # a specification
        "开工建设150兆瓦风电项目。",  # a power class of a project
        "比计划提前2个月完成,受理后15个工作日内办结。",  # durations
        "研发投入最高可按15%给予补助。",  # a cap on what a policy pays
        "住建、应急等9个部门联合执法。",  # who a document lists
        "组建4个工作专班。",  # bodies an organisation sets up
        "严格执行防汛12条要求。",  # a package of rules
        "同一企业原则上每年检查不超过3次。",  # a norm
    ],
)
def test_more_numbers_that_are_no_targets(text: str) -> None:
    assert targets(text) == []


def test_a_place_in_a_ranking_is_a_rank() -> None:
    assert read("力争在全市营商环境评价中进入前5名。") == [
        ("全市营商环境评价排名", "5名次", "at_most")
    ]
    assert targets("新增光伏装机120兆瓦。") == ["120兆瓦"]


def test_a_bound_before_what_a_share_is_of() -> None:
    assert read("重症床位不低于总床位的5%。")[0][1:] == ("5%", "at_least")
