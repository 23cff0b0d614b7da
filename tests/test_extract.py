"""govplan.extract: a published plan's text in, a schema-valid draft campaign out."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as gp
from conftest import SEEDS
from govplan.cli import main

# A small plan in the family's layout: notice, headline objectives, attachment list, two
# attachments (the second with a task-decomposition table and an allocation table), page chrome
# before and after, a paragraph broken over lines with markdown markers, a stray space in a
# number.  Full-width punctuation; ``ascii_style`` gives the same plan with ASCII punctuation.
PLAN = """\
某某县人民政府门户网站-某某县人民政府办公室关于印发《某某县打好“发展六仗”总体实施方案》的通知
2024-03-05 来源：某某县人民政府办公室 【字体：大 中 小】

某政办发〔2024〕5号

某某县人民政府办公室
关于印发《某某县打好“发展六仗”总体实施方案》的通知

各乡镇人民政府，县直有关单位：

《某某县打好“发展六仗”总体实施方案》已经县人民政府同意，现印发给你们，请认真遵照执行。

某某县人民政府办公室
2024年3月1日

某某县打好“发展六仗”总体实施方案

为全面贯彻落实上级部署，根据《某某市打好“发展六仗”总体方案》（某政办发〔2024〕1号）精神，\
结合我县实际，特制定本方案。

一、主要目标

（一）经济稳中提质。地区生产总值增长7%以上，社会消费品零售总额增长 8%左右，城乡居民人均可\
支配收入分别增长6%、8%。

（二）科技创新稳步推进。力争高新技术企业新增5家以上，技术合同成交额突破2亿元。

二、重点任务

（一）打好经济增长主动仗。扩大有效投资，激发消费潜力。

（二）打好科技创新攻坚仗。培育创新主体，建设创新平台。

三、组织实施

成立由县人民政府县长任组长，常务副县长任副组长的全县打好“发展六仗”工作领导小组。\
各项任务排在第一位的单位为牵头单位。

附件：1．某某县打好经济增长主动仗实施方案

2．某某县打好科技创新攻坚仗实施方案

附件1

某某县打好经济增长主动仗实施方案

为抢抓政策机遇，结合县情实际，特制定本实施方案。

一、工作目标

力争完成固定资产投资50亿元以上，城镇新增就业3000人。

二、工作任务

（一）扩大有效投资。力争完成县重点项目投资30亿元以上。

1．推进重点项目建设。抓好一批产业项目，6月底前开工建设。\
（县发改局牵头，县财政局、县住建局等按职责分工负责）

2．加快消费恢复。开展促消费活动。（县商务局、县文旅局牵头）

（二）防范化解政府债务风险（县财政局牵头）

1．严控新增债务。严禁违规举债（县金融办负责）；加强债务监测（县审计局、县发改局牵头）。

2．**化解存量债务。**统筹资金化解存量债务，年底前完成年度任务。**(县财政局牵**
头，县城投公司等配合)

三、推进机制

成立打好经济增长主动仗工作专班，由县政府分管副县长任召集人，县发改局主要负责人任副召集人，\
成员单位包括县发改局、县财政局、县住建局等，专班办公室设在县发改局，负责日常协调和调度工作。

附件2

某某县打好科技创新攻坚仗实施方案

为加强科技创新，特制定本实施方案。

一、工作目标

高新技术企业新增5家以上。

二、工作任务

（一）培育创新主体

1．培育科技型企业。加强企业培育。（县科技局牵头，县财政局等按职责分工负责）

2．加强产学研合作。组织企业开展合作。（县科技局、县教育局等按职责分工负责）

（二）建设创新平台。建设一批创新平台，新增省级平台2个。（县科技局牵头，县发改局等按职责分工负责）

三、推进机制

成立打好科技创新攻坚仗工作专班，专班办公室设在县科技局。

某某县打好科技创新攻坚仗任务分解表

序号

工作内容

工作任务

牵头单位

配合单位

1

培育创新主体

培育科技型企业

开展科技型中小企业评价入库工作。

县科技局

县财政局

2

实施高新技术企业倍增计划。

县科技局

3

加强产学研合作

组织企业与高校开展合作。

县科技局

县教育局、

县人社局

附件2—1

某某县2024年民生实事任务分解表

序号

项目

全县

任务

城关镇

东乡镇

西乡镇

1

就业

城镇新增就业(人)

3000

1500

1000

500

新增公办学位(个)

600

300


300

2

床位

新增养老床位(张)

200


120

80

相关文档：
扫一扫在手机打开当前页
"""


def ascii_style(text: str) -> str:
    """The same text with ASCII punctuation, as many pages print it."""
    return text.translate(str.maketrans("（），：；", "(),:;"))


def line_of(fragment: str, text: str = PLAN) -> int:
    """The 1-based line of *text* on which *fragment* starts."""
    return text[: text.index(fragment)].count("\n") + 1


def errors(campaign: gp.Campaign) -> list[str]:
    """The validation errors of a campaign written to YAML and read back."""
    return [str(p) for p in gp.validates(gp.dumps(campaign)).errors]


def by_id(campaign: gp.Campaign, ident: str) -> gp.Task:
    for task in campaign.walk_tasks():
        for each in task.walk():
            if each.id == ident:
                return each
    raise KeyError(ident)


def roles(task: gp.Task | gp.TaskGroup) -> list[list[tuple[str, str]]]:
    return [[(a.unit, a.role.value) for a in s.assignments] for s in task.responsibilities]


@pytest.fixture(scope="module")
def plan() -> gp.Campaign:
    return gp.extract(PLAN, source="plan.txt")


def test_the_draft_is_valid(plan: gp.Campaign) -> None:
    assert errors(plan) == []


def test_notice(plan: gp.Campaign) -> None:
    assert plan.title == "某某县打好“发展六仗”总体实施方案"
    assert plan.campaign_name == "发展六仗"
    assert plan.year == 2024
    assert plan.region.name == "某某县"
    assert plan.region.level is gp.RegionLevel.COUNTY
    assert plan.issuer == "某某县人民政府办公室"
    assert str(plan.document_number) == "某政办发〔2024〕5号"
    assert plan.issue_date is not None
    assert plan.issue_date.isoformat() == "2024-03-01"
    assert plan.publication_date is not None
    assert plan.publication_date.isoformat() == "2024-03-05"
    assert plan.addressees == ("各乡镇人民政府", "县直有关单位")
    assert [(p.title, str(p.document_number)) for p in plan.parent_plans] == [
        ("某某市打好“发展六仗”总体方案", "某政办发〔2024〕1号")
    ]
    assert plan.source is not None
    assert plan.source.file == "plan.txt"


def test_headline_objectives_and_targets(plan: gp.Campaign) -> None:
    assert [o.title for o in plan.objectives] == ["经济稳中提质", "科技创新稳步推进"]
    found = [
        (i.name, i.kind.value, str(i.target), i.comparator.value, i.modality.value, i.source_line)
        for o in plan.objectives
        for i in o.indicators
    ]
    first, second = line_of("（一）经济稳中提质"), line_of("（二）科技创新稳步推进")
    assert found == [
        ("地区生产总值", "growth_rate", "7%", "at_least", "none", first),
        ("社会消费品零售总额", "growth_rate", "8%", "about", "none", first),
        ("城乡居民人均可支配收入", "growth_rate", "6%", "exact", "none", first),
        ("城乡居民人均可支配收入", "growth_rate", "8%", "exact", "none", first),
        ("高新技术企业", "count", "5家", "at_least", "aspirational", second),
        ("技术合同成交额", "level", "2亿元", "at_least", "aspirational", second),
    ]
    stray = plan.objectives[0].indicators[1]
    assert stray.phrase == "社会消费品零售总额增长 8%左右"


def test_battles_from_the_attachment_list(plan: gp.Campaign) -> None:
    assert [(b.id, b.name, b.attachment_label) for b in plan.battles] == [
        ("b1", "打好经济增长主动仗", "附件1"),
        ("b2", "打好科技创新攻坚仗", "附件2"),
    ]
    first = plan.battles[0]
    assert first.overview is not None
    assert first.overview.text == "扩大有效投资，激发消费潜力。"
    assert [str(i.target) for o in first.objectives for i in o.indicators] == ["50亿元", "3000人"]
    assert first.work_team is not None
    assert first.work_team.office == "县发改局"
    assert [(p.title, p.holder) for p in first.work_team.posts] == [
        ("召集人", "县政府分管副县长"),
        ("副召集人", "县发改局主要负责人"),
    ]
    assert first.work_team.members == ("县发改局", "县财政局", "县住建局")


def test_tasks_have_lines_titles_and_deadlines(plan: gp.Campaign) -> None:
    task = by_id(plan, "b1.g1.t1")
    assert (task.number, task.title, task.source_line) == (
        "1",
        "推进重点项目建设",
        line_of("1．推进重点项目建设"),
    )
    assert [(m.phrase, m.due.isoformat()) for m in task.milestones] == [("6月底前", "2024-06-30")]
    assert task.text.startswith("推进重点项目建设。")
    assert task.text.endswith("（县发改局牵头，县财政局、县住建局等按职责分工负责）")


def test_broken_paragraph_with_markdown(plan: gp.Campaign) -> None:
    task = by_id(plan, "b1.g2.t2")
    assert task.title == "化解存量债务"
    assert task.text.startswith("**化解存量债务。**")
    assert "\n" not in task.text
    assert roles(task) == [[("县财政局", "lead"), ("县城投公司", "cooperating")]]
    assert task.responsibilities[0].text == "县财政局牵头，县城投公司等配合"


def test_group_level_note_is_not_copied_into_tasks(plan: gp.Campaign) -> None:
    group = plan.battles[0].groups[1]
    assert group.title == "防范化解政府债务风险"
    assert roles(group) == [[("县财政局", "lead")]]
    assert all(a.unit != "县财政局" for s in group.tasks[0].responsibilities for a in s.assignments)


def test_several_notes_per_task(plan: gp.Campaign) -> None:
    task = by_id(plan, "b1.g2.t1")
    assert roles(task) == [
        [("县金融办", "lead")],
        [("县审计局", "lead"), ("县发改局", "lead")],
    ]
    assert [s.applies_to for s in task.responsibilities] == ["严禁违规举债", "；加强债务监测"]


def test_group_without_tasks_is_its_own_task(plan: gp.Campaign) -> None:
    group = plan.battles[1].groups[1]
    assert group.text is None
    (task,) = group.tasks
    assert (task.number, task.title) == (None, "建设创新平台")
    assert roles(task) == [[("县科技局", "lead"), ("县发改局", "cooperating")]]


def test_first_listed_convention_is_recorded_not_applied(plan: gp.Campaign) -> None:
    (convention,) = plan.conventions
    assert convention.kind is gp.ConventionKind.FIRST_LISTED_LEADS
    assert convention.text == "各项任务排在第一位的单位为牵头单位。"
    assert roles(by_id(plan, "b2.g1.t2")) == [
        [("县科技局", "responsible"), ("县教育局", "responsible")]
    ]


def test_decomposition_table_with_merged_cells(plan: gp.Campaign) -> None:
    rows = [
        (s.id, s.kind.value, s.number, s.title, s.source_line, roles(s))
        for t in plan.battles[1].walk_tasks()
        for s in t.subtasks
    ]
    assert rows == [
        (
            "b2.g1.t1.r1",
            "table_row",
            "1",
            "开展科技型中小企业评价入库工作",
            line_of("开展科技型中小企业评价入库工作"),
            [[("县科技局", "lead"), ("县财政局", "cooperating")]],
        ),
        (
            "b2.g1.t1.r2",
            "table_row",
            "2",
            "实施高新技术企业倍增计划",
            line_of("实施高新技术企业倍增计划"),
            [[("县科技局", "lead")]],
        ),
        (
            "b2.g1.t2.r1",
            "table_row",
            "3",
            "组织企业与高校开展合作",
            line_of("组织企业与高校开展合作"),
            [[("县科技局", "lead"), ("县教育局", "cooperating"), ("县人社局", "cooperating")]],
        ),
    ]


def test_allocation_table_with_empty_cells(plan: gp.Campaign) -> None:
    (table,) = plan.allocations
    assert (table.battle, table.total_label) == ("b2", "全县任务")
    assert table.columns == ("城关镇", "东乡镇", "西乡镇")
    found = [(r.number, r.category, r.name, r.unit, r.total, r.parts) for r in table.rows]
    assert found == [
        (
            "1",
            "就业",
            "城镇新增就业",
            "人",
            Decimal(3000),
            (Decimal(1500), Decimal(1000), Decimal(500)),
        ),
        ("1", "就业", "新增公办学位", "个", Decimal(600), (Decimal(300), None, Decimal(300))),
        ("2", "床位", "新增养老床位", "张", Decimal(200), (None, Decimal(120), Decimal(80))),
    ]


def test_page_chrome_is_left_out(plan: gp.Campaign) -> None:
    mechanisms = plan.battles[-1].mechanisms
    texts = [t.text for t in plan.walk_tasks()] + [mechanisms.text if mechanisms else ""]
    assert not any("扫一扫" in text or "相关文档" in text for text in texts)


def test_unit_registry_resolves_every_name(plan: gp.Campaign) -> None:
    names = {n for u in plan.units for n in u.names}
    for task in plan.walk_tasks():
        for each in task.walk():
            assert set(each.units()) <= names
    assert plan.unit("县城投公司") is not None
    assert plan.unit("县城投公司").kind is gp.UnitKind.STATE_ENTERPRISE  # type: ignore[union-attr]


def _shape(campaign: gp.Campaign) -> list[tuple[str, str, list[list[tuple[str, str]]], list[str]]]:
    return [
        (
            each.id,
            each.title.translate(str.maketrans("（），：；", "(),:;")),
            roles(each),
            [str(i.target) for i in each.indicators],
        )
        for task in campaign.walk_tasks()
        for each in task.walk()
    ]


def test_ascii_and_full_width_punctuation_read_alike(plan: gp.Campaign) -> None:
    ascii_plan = gp.extract(ascii_style(PLAN), source="plan.txt")
    assert errors(ascii_plan) == []
    assert _shape(ascii_plan) == _shape(plan)
    assert [len(a.rows) for a in ascii_plan.allocations] == [3]


# ---- responsibility forms ------------------------------------------------------------------

FORMS = [
    (
        "县商务局牵头，县市场监管局、县发改局等按职责分工负责",
        "县商务局:L 县市场监管局:C 县发改局:C",
    ),
    ("县文旅局、县商务局牵头", "县文旅局:L 县商务局:L"),
    ("县应急管理局、县林业局分别牵头", "县应急管理局:L 县林业局:L"),
    ("县行政审批局会同各事项涉及单位牵头", "县行政审批局:L 各事项涉及单位:L"),
    ("县财政局、县税务局等按职责分工负责", "县财政局:R 县税务局:R"),
    ("县财政局等单位按职责分工负责", "县财政局:R"),
    ("县农业农村局负责", "县农业农村局:L"),
    ("县金融办、县市场监管局等负责", "县金融办:R 县市场监管局:R"),
    ("县财政局、县税务局牵头负责", "县财政局:L 县税务局:L"),
    ("牵头单位：县教育局、县人社局", "县教育局:L 县人社局:L"),
    ("牵头单位：县住建局；配合单位：县财政局", "县住建局:L 县财政局:C"),
    ("县自然资源局牵头，县林业局配合", "县自然资源局:L 县林业局:C"),
    ("县安委办牵头、相关成员单位配合", "县安委办:L 相关成员单位:C"),
    ("县人社局牵头，县税务局参与", "县人社局:L 县税务局:C"),
    ("县公安局、县交通运输局依职责牵头，县财政局等配合", "县公安局:L 县交通运输局:L 县财政局:C"),
    (
        "县住建局牵头，县水利局等单位及各乡镇按职责分工负责",
        "县住建局:L 县水利局:C 各乡镇:C",
    ),
    (
        "县城投办、县财政局(国资管理中心)、县金融办等按职责分工负责",
        "县城投办:R 县财政局(国资管理中心):R 县金融办:R",
    ),
    ("县发改局负责，县财政局、县住建局配合", "县发改局:L 县财政局:C 县住建局:C"),
    ("县发改局为牵头单位，县财政局为配合单位", "县发改局:L 县财政局:C"),
    ("县发改局牵头，2024年6月底前完成", "县发改局:L"),
    ("责任单位：县发改局，县直相关单位", "县发改局:R 县直相关单位:R"),
    (
        "县安委会、县减灾委相关成员单位按职责分工负责",
        "县安委会、县减灾委相关成员单位:R",
    ),
    # Collective member-unit lists are one unit, as printed (docs/concepts.md §16).
    (
        "县安委会、县减灾委、县防指相关成员单位等按职责分工负责",
        "县安委会、县减灾委、县防指相关成员单位:R",
    ),
    ("县安委会和县减灾委各成员单位负责", "县安委会和县减灾委各成员单位:R"),
    ("县安委会及县减灾委成员单位按职责分工负责", "县安委会及县减灾委成员单位:R"),
    (
        "县应急管理局、县安委会、县减灾委相关成员单位按职责分工负责",
        "县应急管理局:R 县安委会、县减灾委相关成员单位:R",
    ),
    (
        "县安委会、县委宣传部及相关成员单位按职责分工负责",
        "县安委会:R 县委宣传部:R 相关成员单位:R",
    ),
    (
        "县教育局牵头，县安委会、县减灾委相关成员单位配合",
        "县教育局:L 县安委会、县减灾委相关成员单位:C",
    ),
    # A lone committee is responsible; it leads only where 牵头 is printed for it.
    ("县打击和处置非法集资工作领导小组成员单位负责", "县打击和处置非法集资工作领导小组成员单位:R"),
    (
        "县防范和化解金融风险工作领导小组各成员单位按职责分工负责",
        "县防范和化解金融风险工作领导小组各成员单位:R",
    ),
    ("县安委会成员单位负责，各乡镇配合", "县安委会成员单位:R 各乡镇:C"),
    ("县安委会成员单位牵头，县财政局配合", "县安委会成员单位:L 县财政局:C"),
    (
        "县应安委办牵头，县应安委会有关成员单位按职能分工负责",
        "县应安委办:L 县应安委会有关成员单位:C",
    ),
    ("县乡村振兴领导小组办公室负责", "县乡村振兴领导小组办公室:L"),
]

_ROLE = {"L": "lead", "C": "cooperating", "R": "responsible"}


def _one_task(note: str, *, style: str) -> gp.Task:
    text = (
        "某县实施“七大攻坚”总体方案\n\n一、攻坚目标\n\n——稳增长。\n\n附件：1．甲攻坚实施方案\n\n"
        "附件1\n\n甲攻坚实施方案\n\n二、攻坚任务\n\n（一）第一组\n\n"
        f"1．第一项任务。开展工作。（{note}）\n"
    )
    if style == "ascii":
        text = ascii_style(text)
    campaign = gp.extract(text)
    assert errors(campaign) == []
    (task,) = list(campaign.walk_tasks())
    return task


@pytest.mark.parametrize("style", ["full", "ascii"])
@pytest.mark.parametrize(("note", "expected"), FORMS)
def test_responsibility_forms(note: str, expected: str, style: str) -> None:
    task = _one_task(note, style=style)
    (rset,) = task.responsibilities
    got = [(a.unit, a.role.value) for a in rset.assignments]
    want = [(p.split(":")[0], _ROLE[p.split(":")[1]]) for p in expected.split()]
    if style == "ascii":
        want = [(u.replace("（", "(").replace("）", ")"), r) for u, r in want]
    assert got == want


def test_bare_unit_list_is_responsible_with_a_review_note() -> None:
    task = _one_task("县住建局、县水利局、县信访局", style="full")
    (rset,) = task.responsibilities
    assert [(a.unit, a.role.value) for a in rset.assignments] == [
        ("县住建局", "responsible"),
        ("县水利局", "responsible"),
        ("县信访局", "responsible"),
    ]
    assert rset.notes


def test_a_remark_in_parentheses_is_no_note() -> None:
    task = _one_task("含自建房", style="full")
    assert task.responsibilities == ()


def test_a_unit_named_lead_and_cooperating_stays_lead() -> None:
    task = _one_task("县消防大队牵头，县商务局牵头，县公安局、县商务局等配合", style="ascii")
    (rset,) = task.responsibilities
    assert [(a.unit, a.role.value) for a in rset.assignments] == [
        ("县消防大队", "lead"),
        ("县商务局", "lead"),
        ("县公安局", "cooperating"),
    ]
    assert rset.notes


def test_spellings_of_one_office_share_a_unit() -> None:
    text = (
        "某县实施“七大攻坚”总体方案\n一、攻坚目标\n——稳增长。\n附件：1．甲攻坚实施方案\n"
        "附件1\n甲攻坚实施方案\n二、攻坚任务\n（一）第一组\n"
        "1．第一项。开展工作。（县发改局牵头，县财政局配合）\n"
        "2．第二项。开展工作。（县发展和改革局牵头，财政局配合）\n"
        "3．第三项。开展工作。（县发改局负责）\n"
    )
    campaign = gp.extract(text)
    assert errors(campaign) == []
    office = campaign.unit("县发展和改革局")
    assert office is not None
    assert (office.id, office.name, office.aliases) == ("县发改局", "县发展和改革局", ())
    assert campaign.unit("财政局") == campaign.unit("县财政局")
    assert len(campaign.units) == 2


def test_traditional_characters() -> None:
    task = _one_task("縣發改局牽頭，縣財政局等按職責分工負責", style="full")
    assert roles(task) == [[("縣發改局", "lead"), ("縣財政局", "cooperating")]]


# ---- other layouts of the family ------------------------------------------------------------

NO_ATTACHMENTS = """\
X市人民政府办公室关于印发《X市实施“八大行动”总体方案》的通知
各县市区人民政府，市直各单位：
现将《X市实施“八大行动”总体方案》印发给你们。
X市人民政府办公室
2024年2月1日
X市实施“八大行动”总体方案
一、总体要求
以习近平新时代中国特色社会主义思想为指导。
二、主要目标
到2024年底，全市地区生产总值增长6.5%左右，一般公共预算收入增长5%。
三、重点任务
（一）实施产业发展行动
1．壮大主导产业。做大做强先进制造业。【责任领导：张三；牵头单位：市工信局；责任单位：市发改委、市科技局】
2．培育市场主体。新增规上企业100家以上，2024年6月底前完成入库。
牵头单位：市市场监管局
责任单位：市税务局，各县市区人民政府
（二）实施扩大内需行动
（1）促进消费。开展促消费活动20场。（市商务局牵头）
（2）扩大投资。（市发改委牵头，市财政局配合）
四、保障措施
加强组织领导。
"""


def test_a_plan_without_attachments_has_its_groups_as_battles() -> None:
    campaign = gp.extract(NO_ATTACHMENTS)
    assert errors(campaign) == []
    assert (campaign.region.name, campaign.region.level) == ("X市", gp.RegionLevel.PREFECTURE)
    assert [str(i.target) for o in campaign.objectives for i in o.indicators] == ["6.5%", "5%"]
    assert [(b.id, b.name) for b in campaign.battles] == [
        ("b1", "实施产业发展行动"),
        ("b2", "实施扩大内需行动"),
    ]
    tasks = [(t.id, t.number, t.title, roles(t)) for t in campaign.walk_tasks()]
    assert tasks == [
        (
            "b1.g1.t1",
            "1",
            "壮大主导产业",
            [[("市工信局", "lead"), ("市发改委", "responsible"), ("市科技局", "responsible")]],
        ),
        (
            "b1.g1.t2",
            "2",
            "培育市场主体",
            [
                [
                    ("市市场监管局", "lead"),
                    ("市税务局", "responsible"),
                    ("各县市区人民政府", "responsible"),
                ]
            ],
        ),
        ("b2.g1.t1", "（1）", "促进消费", [[("市商务局", "lead")]]),
        ("b2.g1.t2", "（2）", "扩大投资", [[("市发改委", "lead"), ("市财政局", "cooperating")]]),
    ]
    labelled = by_id(campaign, "b1.g1.t1").responsibilities[0]
    assert labelled.text == "责任领导：张三；牵头单位：市工信局；责任单位：市发改委、市科技局"
    assert labelled.notes


TASK_LIST = """\
Y县人民政府关于印发《Y县打好“发展六仗”实施方案》的通知
Y政发[2023]8号
Y县打好“发展六仗”实施方案
为推进高质量发展，制定本方案。
一、工作目标
经济总量稳步增长。
附件：1. Y县打好经济增长
主动仗实施方案
附件1：
Y县打好经济增长
主动仗实施方案
一、工作目标
全县GDP增长7%。
二、主要任务
（一）扩大投资
1.抓项目。抓好重点项目。（县发改局牵头）
2.自然灾害防治。
（1）防汛抗旱方面。做好防汛。（县应急管理局牵头，县水利局配合）
（2）地灾方面。做好地灾防治。（县自然资源局牵头）
3.深化科技体制改革。一是建立投入机制。加大投入。二是建立激励机制。鼓励企业。\
（县科技局等按职责分工负责）
（二）办好民生实事
1.促进教育发展
（1）更新学校设备。补充配置电脑200台。（县教育局牵头）
（2）建设标准化考室。建设考室12个。（县教育局牵头）
2.促进就业
（3）统筹推进城乡就业。新增城镇就业450人。（县人社局牵头）
三、保障措施
无。
Y县经济增长主动仗任务清单
序号
工作任务
责任单位
完成时限
1
抓好重点项目建设。
县发改局
2023年6月底前
2
推进园区建设。
县工业园管委会
2023年12月底前
"""


def test_items_sub_groups_and_inline_items() -> None:
    campaign = gp.extract(TASK_LIST)
    assert errors(campaign) == []
    (battle,) = campaign.battles
    assert (battle.name, battle.attachment_title) == (
        "打好经济增长主动仗",
        "Y县打好经济增长主动仗实施方案",
    )
    assert campaign.document_number is not None
    assert campaign.document_number.text == "Y政发[2023]8号"
    disaster = by_id(campaign, "b1.g1.t2")
    assert [(s.id, s.kind.value, s.number, s.title, roles(s)) for s in disaster.subtasks] == [
        (
            "b1.g1.t2.i1",
            "item",
            "（1）",
            "防汛抗旱方面",
            [[("县应急管理局", "lead"), ("县水利局", "cooperating")]],
        ),
        ("b1.g1.t2.i2", "item", "（2）", "地灾方面", [[("县自然资源局", "lead")]]),
    ]
    reform = by_id(campaign, "b1.g1.t3")
    assert [(s.number, s.title) for s in reform.subtasks] == [
        ("一是", "建立投入机制"),
        ("二是", "建立激励机制"),
    ]
    assert roles(reform) == [[("县科技局", "responsible")]]
    livelihood = battle.groups[1]
    assert [(g.id, g.number, g.title) for g in livelihood.groups] == [
        ("b1.g2.s1", "1", "促进教育发展"),
        ("b1.g2.s2", "2", "促进就业"),
    ]
    assert [t.number for g in livelihood.groups for t in g.tasks] == ["（1）", "（2）", "（3）"]


def test_task_list_with_a_deadline_column() -> None:
    campaign = gp.extract(TASK_LIST)
    table = campaign.battles[0].groups[-1]
    assert table.title == "Y县经济增长主动仗任务清单"
    rows = [(t.number, t.title, roles(t), [m.phrase for m in t.milestones]) for t in table.tasks]
    assert rows == [
        ("1", "抓好重点项目建设", [[("县发改局", "responsible")]], ["2023年6月底前"]),
        ("2", "推进园区建设", [[("县工业园管委会", "responsible")]], ["2023年12月底前"]),
    ]
    assert all(t.kind is gp.TaskKind.TABLE_ROW for t in table.tasks)


TABLE_ATTACHMENTS = """\
Z县打好“发展六仗”总体方案
一、主要目标
（一）经济增长。地区生产总值增长7%。
附件：1．Z县打好发展“六仗”责任分解表
2．Z县打好经济增长主动仗工作方案
3．Z县经济增长主动仗任务分解表
Z县打好发展“六仗”责任分解表
“六仗”内容\t召集人\t牵头单位\t责任单位
经济增长主动仗\t某某\t县发改局\t县发改局、县财政局、县商务局
Z县打好经济增长主动仗工作方案
为稳增长，特制定本方案。
二、工作任务
（一）扩大投资
1．抓好项目建设。开工项目20个。（县发改局牵头）
2．促进消费升级。开展促消费活动。（县商务局牵头）
Z县经济增长主动仗任务分解表
序号
工作内容
具体任务
牵头单位
1
抓好项目建设
新开工项目20个。
县发改局
2
促进消费升级
举办消费节2场。
县商务局
"""


def test_tables_printed_as_attachments_of_their_own() -> None:
    campaign = gp.extract(TABLE_ATTACHMENTS)
    assert errors(campaign) == []
    (battle,) = campaign.battles
    assert (battle.name, battle.attachment_label) == ("打好经济增长主动仗", "附件2")
    (rset,) = battle.responsibilities
    assert [(a.unit, a.role.value) for a in rset.assignments] == [
        ("县发改局", "lead"),
        ("县财政局", "responsible"),
        ("县商务局", "responsible"),
    ]
    rows = [(s.id, s.title, roles(s)) for t in battle.walk_tasks() for s in t.subtasks]
    assert rows == [
        ("b1.g1.t1.r1", "新开工项目20个", [[("县发改局", "lead")]]),
        ("b1.g1.t2.r1", "举办消费节2场", [[("县商务局", "lead")]]),
    ]


def test_objectives_printed_as_a_group_of_the_general_requirements() -> None:
    text = (
        "某县实施“七大攻坚”总体方案\n一、总体要求\n（一）指导思想\n坚持稳中求进。\n"
        "（二）主要目标\n到2025年底，全县地区生产总值增长6%以上，规模工业增加值增长7%。\n"
        "（三）基本原则\n坚持问题导向。\n二、攻坚重点\n（一）实施内需扩量攻坚。扩大消费。\n"
    )
    campaign = gp.extract(text)
    assert errors(campaign) == []
    found = [
        (i.name, str(i.target), i.comparator.value)
        for o in campaign.objectives
        for i in o.indicators
    ]
    assert found == [("地区生产总值", "6%", "at_least"), ("规模工业增加值", "7%", "exact")]
    assert campaign.guiding_ideology is not None
    assert campaign.guiding_ideology.startswith("（一）指导思想\n坚持稳中求进。")


# ---- truncated and arbitrary text --------------------------------------------------------------


def test_a_document_cut_mid_note_gives_a_valid_partial_campaign() -> None:
    cut = PLAN.index("（县商务局、县文旅局")
    campaign = gp.extract(PLAN[: cut + 4])
    assert errors(campaign) == []
    assert [b.id for b in campaign.battles] == ["b1"]
    last = list(campaign.walk_tasks())[-1]
    assert (last.id, last.title, last.responsibilities) == ("b1.g1.t2", "加快消费恢复", ())


@settings(max_examples=60)
@given(st.integers(min_value=0, max_value=len(PLAN)))
def test_any_prefix_of_a_plan_is_a_valid_draft(cut: int) -> None:
    if cut <= PLAN.find("\n"):  # before the notice's title is complete: no plan yet
        try:
            campaign = gp.extract(PLAN[:cut])
        except gp.errors.ExtractError:
            return
    else:
        campaign = gp.extract(PLAN[:cut])
    assert errors(campaign) == []


_ALPHABET = st.sampled_from(
    [
        *"（）()一二三1234567890.．、，,。：:；;%亿元家个县局办牵头负责配合等附件表序号年月底前",
        *["\n", "\n\n", " ", "**", "——", "分别增长", "按职责分工", "工作任务", "一、", "（一）"],
    ]
)


@settings(max_examples=80)
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_arbitrary_text_gives_a_valid_draft(text: str) -> None:
    try:
        campaign = gp.extract(text)
    except gp.errors.ExtractError:  # text that is no plan is refused, nothing else is raised
        return
    assert errors(campaign) == []


def test_empty_text() -> None:
    with pytest.raises(gp.errors.ExtractError, match="not a plan"):
        gp.extract("", year=2024)


def test_a_130_kb_document_is_read() -> None:
    tasks = "".join(
        f"{n}．第{n}项任务。开展第{n}项工作，新增项目{n}个，6月底前完成。"
        f"（县发改局牵头，县财政局、县住建局等按职责分工负责）\n\n"
        for n in range(1, 31)
    )
    group = "（{n}）第{n}组任务。组的说明。\n\n"
    body = "".join(group.format(n=n) + tasks for n in "一二三四五六七八九")
    attachments = "".join(
        f"附件{n}\n\n某某县打好第{n}仗实施方案\n\n为推进工作，特制定本方案。\n\n二、工作任务\n\n{body}"
        for n in range(1, 5)
    )
    listing = "附件：" + "\n\n".join(f"{n}．某某县打好第{n}仗实施方案" for n in range(1, 5))
    text = PLAN.split("附件：", maxsplit=1)[0] + listing + "\n\n" + attachments
    assert len(text.encode("utf-8")) >= 130 * 1024
    campaign = gp.extract(text)
    assert len(campaign.battles) == 4
    assert sum(1 for _ in campaign.walk_tasks()) == 4 * 9 * 30
    assert errors(campaign) == []


# ---- bounded work and output (#10) ---------------------------------------------------------

EXTRACT = sys.modules["govplan.extract"]  # govplan.extract is the function
TASK = "二、工作任务\n(一)推进。\n1.推进工作。"


def test_a_text_longer_than_the_limit_is_refused_naming_its_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert EXTRACT.MAX_TEXT_LENGTH == 8 * 1024 * 1024
    monkeypatch.setattr(EXTRACT, "MAX_TEXT_LENGTH", len(PLAN))
    assert gp.extract(PLAN).battles
    with pytest.raises(gp.LoadError) as info:
        gp.extract(PLAN + "。", source="plan.txt")
    assert (info.value.code, info.value.source) == ("too-large", "plan.txt")
    assert isinstance(info.value, ValueError)


def test_a_megabyte_line_of_deadlines_gives_a_draft_no_larger_than_the_document() -> None:
    # 166,000 milestones and a 25 MB draft from a 1 MB line; the draft then took 48 s to check.
    text = TASK + "6月底前" * 250_000 + "\n"
    draft = gp.extract(text, year=2024)
    assert len(gp.dumps(draft).encode()) <= 2 * len(text.encode())
    (task,) = draft.walk_tasks()
    assert len(task.milestones) == EXTRACT.MAX_MILESTONES
    left = 250_000 - EXTRACT.MAX_MILESTONES
    assert task.notes == (
        (
            f"{left} more deadline phrases are not read as milestones: the extractor reads at "
            f"most {EXTRACT.MAX_MILESTONES} from one text; add the ones that are by hand."
        ),
    )
    assert gp.validates(gp.dumps(draft)).valid


def test_the_targets_one_text_yields_are_capped_with_a_note() -> None:
    draft = gp.extract(TASK + "新增企业1家," * 100 + "\n", year=2024)
    (task,) = draft.walk_tasks()
    assert len(task.indicators) == EXTRACT.MAX_INDICATORS == 64
    assert task.notes[0].startswith("36 more numbers with a unit are not read as targets")


def test_the_inline_items_one_task_yields_are_capped_with_a_note() -> None:
    draft = gp.extract(TASK + "一是推进;二是推进;" * 30 + "\n", year=2024)
    task = next(iter(draft.walk_tasks()))
    assert len(task.subtasks) == EXTRACT.MAX_INLINE_ITEMS == 32
    assert task.notes[0].startswith("28 more inline sub-items (一是/二是…) are not split out")
    assert task.text.endswith("二是推进;")


def test_a_number_is_read_from_the_first_of_its_digits() -> None:
    from govplan.extract._indicators import _quantity_re  # noqa: PLC0415 - the pattern itself

    pattern = _quantity_re()
    assert pattern.match("1234亿元", 0)
    # Starting inside a run of digits scanned the rest of the run again, for every digit.
    assert pattern.match("1234亿元", 1) is None
    # But for 1234,567 (read from 234, as ever) and 12,34,567 (from 34).
    assert pattern.match("1234,567万元", 1)
    assert pattern.match("12,34,567万元", 3)
    assert pattern.match("12,345,678万元", 3) is None


def backtracking_quantity_pattern() -> re.Pattern[str]:
    """The extractor's quantity pattern as it stood at 6688828 (quadratic in a digit run)."""
    from govplan.extract._indicators import _TIME_UNITS  # noqa: PLC0415 - the pattern's own

    units = sorted(gp.quantity.known_units(), key=len, reverse=True)
    base = "|".join(re.escape(u) for u in units if u not in _TIME_UNITS)
    every = "|".join(re.escape(u) for u in units)
    unit = rf"(?:{base})(?:/(?:{every}))?"
    number = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    return re.compile(
        rf"(?P<low>{number})(?P<low_unit>{unit})?(?P<dash>[-~—–至到])(?P<high>{number})(?P<unit>{unit})"
        rf"|(?P<value>{number})(?P<unit1>{unit})"
    )


QUANTITY_PIECES = [*"0123456789,,.-至%", "万元", "亩", "家", "年", "x"]


@given(st.lists(st.sampled_from(QUANTITY_PIECES), max_size=16).map("".join))
def test_the_quantity_pattern_finds_what_the_backtracking_one_found(text: str) -> None:
    from govplan.extract._indicators import _quantity_re  # noqa: PLC0415 - the pattern itself

    found = [(m.span(), m.groupdict()) for m in _quantity_re().finditer(text)]
    before = backtracking_quantity_pattern().finditer(text)
    assert found == [(m.span(), m.groupdict()) for m in before]


WORDS = ["达", "达到", "到", "增长", "增", "为", "x", "的"]


@given(st.lists(st.sampled_from(WORDS), max_size=8).map("".join))
def test_words_tail_finds_what_the_suffix_pattern_found(text: str) -> None:
    from govplan.extract._indicators import _TRAILING  # noqa: PLC0415 - the words themselves
    from govplan.extract._text import words_tail  # noqa: PLC0415 - a private helper

    pattern = re.compile("(?:" + "|".join(map(re.escape, _TRAILING)) + ")+$")
    match = pattern.search(text)
    assert words_tail(text, _TRAILING) == (match.start() if match else len(text))


#: Inputs the extractor took far longer than 10 s with (at 6688828), each a few tens of
#: kilobytes; each now takes well under a second.  Run apart, so that a regression cannot hang
#: the suite.
PATHOLOGICAL = {
    # A run of 20,000 digits in a task (the quantity pattern: 144 s in a 43 KB document).
    "digits": f"gp.extract({TASK!r} + '8' * 20_000)",
    # Comma-grouped digits (the grouped-number alternative rescanned the groups).
    "grouped digits": f"gp.extract({TASK!r} + '123,' * 10_000)",
    # Words closing a measure's name that are parts of one another (达 / 达到): exponential.
    "trailing words": f"gp.extract({TASK!r} + '投资' + '达到' * 30 + 'x增长5%。')",
    # A note of many time phrases (the deadline clause of a note: 28 s).
    "deadline clause": f"gp.extract({TASK!r} + '(县发改局负责,' + '6月' * 50_000 + ';x)。')",
    # A unit name followed by many 等 (the words closing a unit name: 19 s at 20,000).
    "unit name tail": f"gp.extract({TASK!r} + '(县发改局' + '等' * 30_000 + 'x负责)。')",
    # 关于印发《 repeated and never closed at the head of the text (9 s at 20,000).
    # (It is no plan, so the extractor refuses it, in bounded time too.)
    "notice title": (
        "try:\n    gp.extract('关于印发《' * 40_000)\nexcept gp.errors.ExtractError:\n    pass"
    ),
    # Numbers inside and outside brackets of one clause (the measure's name read from the
    # clause's start for each number: over a minute).
    "brackets": f"gp.extract({TASK!r} + '1亩(2亩)' * 16_000)",
    # Spaces before a line's marker (two adjacent \\s*: 10 s at 20,000).
    "marker spaces": (
        "from govplan.extract._tasks import strip_marker\n"
        "from govplan.extract._text import Line\n"
        "strip_marker(Line(1, ' ' * 50_000 + 'x'))"
    ),
    # A table row's name with no parenthesis (its unit pattern searched from every character).
    "row unit": (
        "from govplan.extract._tables import _UNIT_HEAD\n_UNIT_HEAD.search('a' * 100_000)"
    ),
    # Many 成员单位 with no separator (each list read back from the text's start: quadratic).
    "member units": (
        "from govplan._reading_units import collective_spans\ncollective_spans('成员单位' * 30_000)"
    ),
    # Many 和 before a 成员单位 (the name before each 和 searched to its start: quadratic).
    "member-unit joiners": (
        "from govplan._reading_units import collective_spans\n"
        "collective_spans('和' * 60_000 + '成员单位')"
    ),
}


@pytest.mark.parametrize("code", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_texts_are_read_in_bounded_time(code: str) -> None:
    try:
        result = subprocess.run(  # noqa: S603 - this interpreter on a fixed script
            [sys.executable, "-c", "import govplan as gp\n" + code],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("took over 10 s")
    assert result.returncode == 0, result.stderr


# ---- the seeds -------------------------------------------------------------------------------

SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@pytest.mark.skipif(not SEED_FILES, reason="seed texts not available")
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_each_seed_extracts_to_a_valid_campaign(seed: Path) -> None:
    campaign = gp.extract(seed.read_text(encoding="utf-8"), source=seed.name)
    assert errors(campaign) == []
    assert campaign.battles
    assert all(t.source_line for t in campaign.walk_tasks())


def test_accuracy_page_is_fresh() -> None:
    """Fails when the extractor or the examples changed and docs/extract.md was not regenerated."""
    if not SEED_FILES:
        pytest.skip("seed texts not available")
    script = Path(__file__).resolve().parents[1] / "scripts" / "extract_accuracy.py"
    result = subprocess.run(  # noqa: S603 - this interpreter on a fixed script
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ---- the command -----------------------------------------------------------------------------


def test_cli_extract_writes_a_valid_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "plan.txt"
    document.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    assert main(["extract", str(document), "-o", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert gp.validate(out).valid
    assert gp.load(out).battles[0].name == "打好经济增长主动仗"


def test_cli_extract_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = tmp_path / "plan.txt"
    document.write_text(PLAN, encoding="utf-8")
    assert main(["extract", str(document)]) == 0
    assert gp.loads(capsys.readouterr().out).title == "某某县打好“发展六仗”总体实施方案"


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_cli_extract_unreadable_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    document = tmp_path / "missing.txt" if kind == "missing" else tmp_path
    assert main(["extract", str(document), "-o", str(tmp_path / "d.yaml")]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "cannot read" in captured.err
    assert not (tmp_path / "d.yaml").exists()


@pytest.mark.parametrize("year", [0, -5, 1948, 10000, 99999])
def test_a_year_no_plan_can_have_is_refused(year: int) -> None:
    with pytest.raises(gp.DateError):
        gp.extract("某县实施“七大攻坚”总体方案\n一、攻坚目标\n", year=year)


def test_a_document_number_of_a_year_no_plan_can_have_is_not_the_plan_year() -> None:
    notice = "某县人民政府办公室关于印发《某县实施“七大攻坚”总体方案》的通知"
    text = f"{notice}\n某政办发〔1900〕2号\n一、攻坚目标\n"
    plan = gp.extract(text)
    assert plan.year != 1900
    assert any("1900" in note for note in plan.notes)
    assert gp.validate(plan).valid


def _imported_modules(path: Path) -> set[str]:
    """The modules *path* imports (``from x import y`` gives x; relative imports resolved)."""
    import ast  # noqa: PLC0415 - only this test parses the sources

    package = ".".join(path.relative_to(Path(gp.__file__).parent.parent).with_suffix("").parts)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level)[0] if node.level else ""
            found.add(".".join(p for p in (base, node.module or "") if p))
    return found


def test_the_core_does_not_depend_on_the_extractor() -> None:
    """Outside govplan/extract/ only the public govplan.extract is imported (by govplan, cli)."""
    root = Path(gp.__file__).parent
    users: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        if path.parent.name == "extract":
            continue
        names = {
            n
            for n in _imported_modules(path)
            if n.startswith(("govplan.extract", "govplan._extract"))
        }
        if names:
            users[str(path.relative_to(root))] = names
    assert users == {"__init__.py": {"govplan.extract"}, "cli.py": {"govplan.extract"}}
