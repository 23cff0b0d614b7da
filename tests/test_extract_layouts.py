"""govplan.extract on the layouts of the family beyond the 总体方案: kinds, breakdowns, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

import govplan as gp
from extracting import errors, tasks, units
from govplan.cli import main
from govplan.org import Role


def kind_note(campaign: gp.Campaign) -> str:
    return next(n for n in campaign.notes if n.startswith("document kind:"))


BREAKDOWN = """\
某区人民政府办公室关于印发2024年区《政府工作报告》确定的目标任务责任分解方案的通知
各街道办事处,区直各部门:
现将2024年区《政府工作报告》确定的目标任务责任分解方案印发给你们,并就有关事项通知如下:
一、各责任单位要高度重视,制订工作方案,明确时间节点。
二、区政府督查室要加强跟踪督办。
某区人民政府办公室
2024年1月8日
2024年区《政府工作报告》确定的目标任务责任分解方案
一、主要预期目标
(一)地区生产总值增长6%以上
责任单位:区发展改革局
(二)社会消费品零售总额增长8%
责任单位:区商务局
"""


def test_a_breakdown_reads_its_targets_as_tasks_with_their_unit_lines() -> None:
    campaign = gp.extract(BREAKDOWN)
    found = tasks(campaign)
    assert [(t.number, t.title) for t in found] == [
        ("(一)", "地区生产总值增长6%以上"),
        ("(二)", "社会消费品零售总额增长8%"),
    ]
    assert units(found[0]) == {("区发展改革局", Role.RESPONSIBLE)}
    assert campaign.title == "2024年区《政府工作报告》确定的目标任务责任分解方案"
    assert kind_note(campaign).startswith("document kind: task_breakdown")
    assert errors(campaign) == []


def test_the_covering_notice_paragraphs_are_not_tasks() -> None:
    titles = [t.title for t in tasks(gp.extract(BREAKDOWN))]
    assert not any("高度重视" in t or "督办" in t for t in titles)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("某县实施“六大行动”总体方案", "campaign_plan"),
        ("某县产业培塑行动实施方案", "work_plan"),
        ("某市保基本民生工作方案", "work_plan"),
        ("某县2024年重点工作任务分解", "task_breakdown"),
        ("某区政府2024年重点工作分工方案", "task_breakdown"),
        ("某市数字经济三年行动方案(2024—2026年)", "action_plan"),
        ("某市关于促进消费的若干措施", "policy_measures"),
        ("某市人民政府关于加快建设现代产业体系的实施意见", "policy_measures"),
        ("某省2024年国民经济和社会发展计划", "development_plan"),
    ],
)
def test_the_kind_is_read_from_the_title(title: str, kind: str) -> None:
    text = f"{title}\n一、重点任务\n(一)推进项目建设。新开工项目10个。(县发改局牵头)\n"
    campaign = gp.extract(text)
    assert kind_note(campaign).startswith(f"document kind: {kind} (read from the title")
    assert campaign.kind == kind
    assert (len(campaign.battles), len(campaign.groups)) == (
        (1, 0) if kind == "campaign_plan" else (0, 1)
    )
    assert errors(campaign) == []


def test_opinions_read_each_paragraph_of_a_part_as_a_task() -> None:
    text = (
        "某市人民政府关于优化营商环境的若干意见\n"
        "一、总体要求\n"
        "以深化改革为主线,持续优化营商环境。\n"
        "二、主要任务\n"
        "(一)提高市场开放程度。全面实施市场准入负面清单制度。\n"
        "(二)降低企业成本。清理规范涉企收费。\n"
        "三、保障措施\n"
        "(一)加强组织领导。各地要建立工作机制。\n"
    )
    campaign = gp.extract(text)
    assert [(t.number, t.title) for t in tasks(campaign)] == [
        ("(一)", "提高市场开放程度"),
        ("(二)", "降低企业成本"),
    ]
    assert (campaign.kind, campaign.battles) == (gp.model.DocumentKind.POLICY_MEASURES, ())
    assert campaign.groups[0].title == "主要任务"


def test_a_lead_heading_gives_the_lead_of_every_task_under_it_and_its_count_is_checked() -> None:
    text = (
        "2024年县政府工作报告任务清单\n"
        "一、县农业农村局牵头工作(3项)\n"
        "1.新建高标准农田2万亩。\n"
        "2.发展特色种养业。(县畜牧中心牵头)\n"
    )
    campaign = gp.extract(text)
    first, second = tasks(campaign)
    assert units(first) == {("县农业农村局", Role.LEAD)}
    assert units(second) == {("县畜牧中心", Role.LEAD)}
    group = campaign.groups[0]
    assert any("states 3 tasks; 2 are read" in n for n in group.notes)
    assert errors(campaign) == []


def test_a_blanket_rule_is_recorded_as_a_convention_not_as_units() -> None:
    text = (
        "某市2024年重点工作任务分解\n"
        "以下任务均需各县市区人民政府落实,不再列出。\n"
        "一、扩大有效投资\n"
        "1.新开工重大项目50个。(市发改委牵头)\n"
    )
    campaign = gp.extract(text)
    assert [c.text for c in campaign.conventions] == ["以下任务均需各县市区人民政府落实,不再列出"]
    assert campaign.conventions[0].kind is gp.model.ConventionKind.UNLISTED_UNITS
    assert units(tasks(campaign)[0]) == {("市发改委", Role.LEAD)}


def test_a_source_header_is_the_address_not_the_title() -> None:
    text = (
        "SOURCE: https://example.gov.cn/a/1.html — 某县关于印发某方案的通知(转载)\n"
        "NOTE: the opening of the page only.\n"
        "某县产业发展实施方案\n"
        "一、重点任务\n"
        "(一)壮大主导产业。新增规上企业5家。(县工信局牵头)\n"
    )
    campaign = gp.extract(text, source="x.txt")
    assert campaign.title == "某县产业发展实施方案"
    assert campaign.source is not None
    assert campaign.source.url == "https://example.gov.cn/a/1.html"
    assert not any("SOURCE" in n or "NOTE:" in n for n in campaign.notes)
    assert tasks(campaign)[0].source_line == 5


def test_a_title_broken_over_two_lines_is_joined() -> None:
    text = "某省人民政府关于\n进一步扩大就业的若干意见\n一、主要措施\n(一)稳定就业岗位。落实稳岗返还政策。\n"
    assert gp.extract(text).title == "某省人民政府关于进一步扩大就业的若干意见"


def test_a_cut_off_text_says_where_it_stops() -> None:
    text = (
        "某县2024年重点工作任务分解\n"
        "一、扩大有效投资\n"
        "1.新开工重大项目50个。(县发改局牵头)\n"
        "2.加快推进城区基础设施建设,完成"
    )
    campaign = gp.extract(text)
    note = next(n for n in campaign.notes if n.startswith("The text stops"))
    assert "line 4" in note
    assert "task 2 加快推进城区基础设施建设" in note
    assert errors(campaign) == []


def test_a_complete_text_has_no_stop_note() -> None:
    text = "某县2024年重点工作任务分解\n一、扩大有效投资\n1.新开工重大项目50个。(县发改局牵头)\n"
    assert not any(n.startswith("The text stops") for n in gp.extract(text).notes)


NOT_PLANS = {
    "empty": "",
    "blank lines": "\n\n   \n",
    "news": (
        "本报讯 昨日,天气晴朗,市民纷纷走出家门踏青赏花。公园里游人如织,"
        "孩子们放起了风筝。\n据了解,今年花期比往年提前了一周。\n"
    ),
    "recipe": "番茄炒蛋\n1. 番茄切块,鸡蛋打散。\n2. 热锅下油,先炒鸡蛋盛出。\n3. 再炒番茄,加盐3克。\n",
    "numbers": "1. 12\n2. 34\n3. 56\n4. 78\n",
    "random": "qwe rty uiop\nasdf ghjk\nzxcv 1234 %%% ---\n",
}


@pytest.mark.parametrize("text", NOT_PLANS.values(), ids=NOT_PLANS.keys())
def test_text_that_is_no_plan_is_refused(text: str) -> None:
    with pytest.raises(gp.errors.ExtractError, match="not a plan of any kind"):
        gp.extract(text)


def test_the_command_exits_non_zero_on_text_that_is_no_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "news.txt"
    document.write_text(NOT_PLANS["news"], encoding="utf-8")
    status = main(["extract", str(document), "-o", str(tmp_path / "draft.yaml")])
    assert status != 0
    assert "not a plan of any kind" in capsys.readouterr().err
    assert not (tmp_path / "draft.yaml").exists()


def test_a_plan_without_a_title_is_still_read() -> None:
    text = (
        "为贯彻落实省委经济工作会议精神,结合我区实际,制定本方案。\n"
        "一、重点任务\n"
        "(一)扩大有效投资。新开工项目20个。(区发改局牵头)\n"
        "(二)促进消费升级。(区商务局牵头)\n"
    )
    campaign = gp.extract(text)
    assert len(tasks(campaign)) == 2


def test_a_breakdowns_targets_are_its_tasks_not_also_headline_objectives() -> None:
    campaign = gp.extract(BREAKDOWN)
    assert campaign.objectives == ()
    assert [i.phrase for t in tasks(campaign) for i in t.indicators] == [
        "地区生产总值增长6%以上",
        "社会消费品零售总额增长8%",
    ]


def test_a_text_ending_before_the_last_tasks_unit_line_says_so() -> None:
    text = BREAKDOWN + "(三)城镇新增就业5000人。\n"
    note = next(n for n in gp.extract(text).notes if "stop" in n)
    assert "line 14" in note
    assert "task (三) 城镇新增就业5000人" in note
    assert not any("stop" in n for n in gp.extract(BREAKDOWN).notes)


@pytest.mark.parametrize(
    ("own", "cited", "kind"),
    [
        ("本实施意见", "《某省关于促进就业的若干措施》", "policy_measures"),
        ("本方案", "《关于印发<某省实施“八大行动”总体方案>的通知》", "campaign_plan"),
        ("本方案", "《某省发展规划纲要》", "work_plan"),
    ],
)
def test_without_a_title_the_kind_is_read_from_the_preamble(
    own: str, cited: str, kind: str
) -> None:
    text = (
        f"根据{cited}等文件精神,结合我区实际,特制定{own}。\n"
        "一、重点任务\n"
        "(一)扩大有效投资。新开工项目20个。(区发改局牵头)\n"
    )
    assert kind_note(gp.extract(text)).startswith(f"document kind: {kind} ")


def test_numbered_notice_paragraphs_before_the_signature_are_not_parts() -> None:
    text = (
        "各乡镇人民政府,县直各单位:\n"
        "现将《2024年县政府工作报告任务清单》印发给你们,请认真落实。\n"
        "一、提高认识\n"
        "(一)各单位要明确一名责任人。\n"
        "二、强化调度\n"
        "(一)每月5日前报送进展。\n"
        "某县人民政府办公室\n"
        "2024年3月1日\n"
        "一、县发改局牵头工作(1项)\n"
        "1.争取中央预算内投资2亿元。\n"
    )
    campaign = gp.extract(text)
    assert [t.title for t in tasks(campaign)] == ["争取中央预算内投资2亿元"]


def test_cited_titles_of_no_kind_do_not_hide_the_kind_of_the_plans_followed() -> None:
    text = (
        "为落实《政府工作报告》部署,根据《关于印发<某省实施“八大行动”总体方案>的通知》精神,"
        "特制定本方案。\n"
        "一、重点任务\n"
        "(一)扩大有效投资。新开工项目20个。(区发改局牵头)\n"
    )
    assert gp.extract(text).kind == "campaign_plan"


def test_a_number_printed_after_the_notice_title_on_its_line_is_the_document_number() -> None:
    text = (
        "某县人民政府办公室 关于印发《某县实施“八大行动”总体方案》的通知 某政办发〔2024〕3号\n"
        "各乡镇人民政府,县直各单位:\n"
        "《某县实施“八大行动”总体方案》已经县人民政府同意,现印发给你们,请认真组织实施。\n"
        "某县人民政府办公室\n"
        "2024年3月1日\n"
        "某县实施“八大行动”总体方案\n"
        "一、重点任务\n"
        "1.新开工重大项目50个。(县发改局牵头)\n"
    )
    campaign = gp.extract(text)
    assert campaign.document_number is not None
    assert campaign.document_number.text == "某政办发〔2024〕3号"
