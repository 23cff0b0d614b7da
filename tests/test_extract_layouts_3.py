"""govplan.extract on layouts of round 3: plans a reader would not refuse, tables as tasks."""

from __future__ import annotations

import pytest

import govplan as gp
from extracting import errors, tasks, units
from govplan.org import Role


def test_a_plan_cut_before_its_tasks_is_a_draft_not_a_refusal() -> None:
    text = (
        "为落实全县经济工作会议部署要求,制定本方案。\n"
        "一、攻坚目标\n"
        "——产业加快发展。工业增加值增长6%,新增规上企业12家。\n"
    )
    campaign = gp.extract(text)
    assert errors(campaign) == []


def test_a_congress_report_on_the_annual_plan_is_a_development_plan() -> None:
    text = (
        "各位代表:\n"
        "受县人民政府委托,报告全县2024年国民经济和社会发展计划执行情况,请予审议。\n"
        "一、2024年计划执行情况\n"
        "——地区生产总值完成80亿元,同比增长4.1%。\n"
    )
    assert gp.extract(text).kind == gp.DocumentKind.DEVELOPMENT_PLAN


@pytest.mark.parametrize(
    "verb", ["现将重点工作任务分解如下:", "现将重点工作予以分解并明确到各责任单位。"]
)
def test_a_preamble_that_breaks_the_tasks_down_names_a_breakdown(verb: str) -> None:
    text = (
        f"各乡镇人民政府,县直各部门:\n县政府工作报告提出了今年的重点工作,{verb}\n"
        "一、扩大有效投资\n"
        "1.加快重点项目建设,形成实物工作量。\n"
        "责任单位:县发改局、县住建局\n"
    )
    assert gp.extract(text).kind == gp.DocumentKind.TASK_BREAKDOWN


def test_numbered_tasks_under_no_part_heading_are_read_after_a_page_header() -> None:
    text = (
        "某区人民政府办公室关于印发《2023年区政府为民办实事项目》的通知\n"
        "【字号 大 中 小】\n"
        "各街道办事处,区政府各部门:\n"
        "现将《2023年区政府为民办实事项目》印发给你们,请认真组织实施。\n"
        "2023年区政府为民办实事项目\n"
        "1.新建社区食堂8个。\n"
        "2.20个小区加装电动自行车充电设施。\n"
        "3.开设暑期托管班30个。\n"
    )
    campaign = gp.extract(text)
    found = [(t.number, t.source_line) for t in tasks(campaign)]
    assert found == [("1", 6), ("2", 7), ("3", 8)]
    assert errors(campaign) == []


def test_a_decimal_at_a_line_start_inside_a_sentence_is_no_task() -> None:
    text = (
        "某县2024年重点工作任务分解\n"
        "一、扩大有效投资\n"
        "1.新开工重大项目50个,完成投资\n"
        "2.5亿元。(县发改局牵头)\n"
    )
    assert [t.number for t in tasks(gp.extract(text))] == ["1"]


def test_a_table_printed_one_cell_a_line_without_battles_gives_its_rows_as_tasks() -> None:
    text = (
        "各街道办事处,区级各部门:\n"
        "现将区政府工作报告的目标任务分解印发给你们。\n"
        "附件1\n"
        "某区2023年政府工作报告目标任务分解表\n"
        "序号\n\n预期目标\n\n责任单位\n\n"
        "1\n\n地区生产总值增长6%左右\n\n区发展改革委\n\n"
        "2\n\n一般公共预算收入增长5%左右\n\n区财政局\n"
    )
    campaign = gp.extract(text)
    found = [(t.number, t.source_line, units(t)) for t in tasks(campaign)]
    assert found == [
        ("1", 11, {("区发展改革委", Role.RESPONSIBLE)}),
        ("2", 17, {("区财政局", Role.RESPONSIBLE)}),
    ]
    assert errors(campaign) == []


def _units_of(line: str) -> set[tuple[str, Role]]:
    text = f"某县2024年重点工作任务分解\n一、扩大有效投资\n1.新开工重大项目。\n{line}\n"
    return units(tasks(gp.extract(text))[0])


def test_levels_joined_before_the_name_they_share_are_one_unit() -> None:
    assert _units_of("责任单位:县发改局、各乡、镇人民政府") == {
        ("县发改局", Role.RESPONSIBLE),
        ("各乡、镇人民政府", Role.RESPONSIBLE),
    }


def test_a_short_name_sharing_the_head_of_the_next_is_one_unit() -> None:
    assert _units_of("责任单位:县统计局,东坪、西坪管理区") == {
        ("县统计局", Role.RESPONSIBLE),
        ("东坪、西坪管理区", Role.RESPONSIBLE),
    }


def test_two_names_opening_with_their_place_stay_two() -> None:
    assert _units_of("责任单位:县人行、县税务局") == {
        ("县人行", Role.RESPONSIBLE),
        ("县税务局", Role.RESPONSIBLE),
    }


def test_a_bracket_inside_a_unit_line_is_no_note_of_its_own() -> None:
    assert _units_of("责任单位:县卫健委等,各乡镇(街道)政府(管委会)") == {
        ("县卫健委", Role.RESPONSIBLE),
        ("各乡镇(街道)政府(管委会)", Role.RESPONSIBLE),
    }


def test_a_reading_rule_closing_a_unit_line_makes_the_first_lead() -> None:
    assert _units_of("责任单位:县商务局、县财政局、县税务局(列第一位者为工作牵头单位,下同)") == {
        ("县商务局", Role.LEAD),
        ("县财政局", Role.RESPONSIBLE),
        ("县税务局", Role.RESPONSIBLE),
    }


def test_articles_are_tasks_numbered_as_printed() -> None:
    text = (
        "某县促进消费若干措施\n"
        "第一条 发放消费券。县财政安排资金发放消费券。(县商务局牵头)\n"
        "第二条 支持汽车消费。对购买新能源汽车的给予补贴。(县商务局、县财政局负责)\n"
    )
    campaign = gp.extract(text)
    assert [(t.number, t.source_line) for t in tasks(campaign)] == [("第一条", 2), ("第二条", 3)]
    assert errors(campaign) == []


def test_tasks_numbered_in_outline_under_their_parts() -> None:
    text = (
        "某县2024年重点工作任务分解\n"
        "一、扩大有效投资\n"
        "1.1 新开工重大项目。(县发改局牵头)\n"
        "1.2 加快项目前期工作。(县发改局牵头)\n"
        "二、促进消费\n"
        "2.1 举办消费促进活动。(县商务局牵头)\n"
    )
    found = [(t.number, t.source_line) for t in tasks(gp.extract(text))]
    assert found == [("1.1", 3), ("1.2", 4), ("2.1", 6)]
