"""govplan.extract on more layouts: tables one row per line, masked titles, untitled measures."""

from __future__ import annotations

import re

import pytest

import govplan as gp
from extracting import errors, tasks, units
from govplan.checks import iter_tasks
from govplan.extract._notice import mask_tolerant, masked
from govplan.org import Role


def stop_notes(campaign: gp.Campaign) -> list[str]:
    return [n for n in campaign.notes if n.startswith("The text stops")]


PIPE_TABLE = """\
发布单位 | 区政府 | 发文日期 | 2024-03-01 |
序号 | 重点任务 | 完成时限 | 牵头单位 | 配合单位 |
1 | 新建城市书房5家。 | 6月底前选址;12月底前建成。 | 区文旅局 | 区财政局、各街道 |
2 | 改造老旧小区12个。 | 10月底前完工。 | 区住建局 | 区城管局 |
"""


def test_a_table_printed_one_row_per_line_gives_its_rows_as_tasks_with_their_units() -> None:
    campaign = gp.extract(PIPE_TABLE)
    found = tasks(campaign)
    assert [(t.number, t.title, t.source_line) for t in found] == [
        ("1", "新建城市书房5家", 3),
        ("2", "改造老旧小区12个", 4),
    ]
    assert units(found[0]) == {
        ("区文旅局", Role.LEAD),
        ("区财政局", Role.COOPERATING),
        ("各街道", Role.COOPERATING),
    }
    assert campaign.kind == gp.DocumentKind.TASK_BREAKDOWN
    assert "完成时限" in " ".join(found[0].notes)  # the cell not read is named
    assert not stop_notes(campaign)
    assert errors(campaign) == []


HEADERLESS = (
    "1 | 招商引资提质行动。引进亿元以上项目20个。 | 1季度:引进5个; 2季度:引进10个。 | 王某某 "
    "| *区商务局 各街道 各园区 |\n"
    "2 | 企业服务暖心行动。走访规上企业300家。 | 1季度:走访80家。 | 李某某 | *区经信局 各街道 |\n"
    "3 | 夜间经济点亮行动。打造特色街区2条。 | 1季度:完成选址;\n"
)


def test_a_headerless_row_table_reads_a_starred_unit_as_lead_and_a_cut_row_as_the_stop() -> None:
    campaign = gp.extract(HEADERLESS)
    found = tasks(campaign)
    assert [t.number for t in found] == ["1", "2", "3"]
    assert units(found[0]) == {
        ("区商务局", Role.LEAD),
        ("各街道", Role.COOPERATING),
        ("各园区", Role.COOPERATING),
    }
    assert units(found[2]) == set()
    assert campaign.kind == gp.DocumentKind.TASK_BREAKDOWN
    (note,) = stop_notes(campaign)
    assert "line 3" in note
    assert errors(campaign) == []


MASKED = """\
某县促进民营经济发展若干*策
为进一步激发市场活力,制定以下政策。
一、支持企业做大做强
1.鼓励企业上规模。对首次纳入规模以上统计的工业企业,给予一次性奖励10万元。
2.支持企业上市。对在主板上市的企业,给予最高300万元补助。
"""


def test_a_title_with_a_masked_character_still_names_its_kind() -> None:
    campaign = gp.extract(MASKED)
    assert campaign.title == "某县促进民营经济发展若干*策"
    assert campaign.kind == gp.DocumentKind.POLICY_MEASURES
    assert [t.number for t in tasks(campaign)] == ["1", "2"]
    assert errors(campaign) == []


UNTITLED_MEASURES = """\
一、支持科技创新
1.研发投入奖励。对年度研发投入增长20%以上的企业,按增量部分的10%给予奖励。
2.平台建设补助。对新认定的省级工程技术研究中心,给予一次性补助50万元。
二、支持人才引进
3.人才安家补贴。对新引进的博士,给予安家补贴20万元。
"""


def test_numbered_measures_that_grant_money_are_a_plan_of_policy_measures_without_a_title() -> None:
    campaign = gp.extract(UNTITLED_MEASURES)
    assert campaign.kind == gp.DocumentKind.POLICY_MEASURES
    assert [t.number for t in tasks(campaign)] == ["1", "2", "3"]
    assert errors(campaign) == []


def test_numbered_steps_without_grant_words_are_still_no_plan() -> None:
    text = "周末出游攻略\n1.早上八点出发,带好雨具。\n2.中午在景区附近用餐。\n3.下午返回。\n"
    with pytest.raises(gp.errors.ExtractError, match="not a plan of any kind"):
        gp.extract(text)


def test_a_preamble_that_issues_measures_as_follows_names_the_kind() -> None:
    text = (
        "为促进全区经济平稳增长,结合实际,特制定如下政策措施。\n"
        "一、提高审批效率\n"
        "1.压缩审批时限。企业开办1个工作日内办结。(区政务服务局牵头,区市场监管局配合)\n"
        "2.推行容缺受理。(区政务服务局牵头)\n"
    )
    campaign = gp.extract(text)
    assert campaign.kind == gp.DocumentKind.POLICY_MEASURES


def test_readings_a_converter_prints_after_characters_do_not_hide_a_part_heading() -> None:
    text = (
        "2024年縣域經濟重點工作方案\n"
        "一、深化重點(diǎn)領(lǐng)域和關(guān)鍵環(huán)節(jié)改革\n"
        "(一)深化農(nóng)村改革。全面開展農村土地確權登記頒證工作。\n"
        "(二)深化投融資改革。推廣政府和社會資本合作模式。\n"
    )
    campaign = gp.extract(text)
    assert [t.number for t in tasks(campaign)] == ["(一)", "(二)"]


def test_a_group_heading_with_a_paragraph_of_its_own_is_a_task_over_its_numbered_tasks() -> None:
    text = (
        "某市数字经济三年行动方案(2024—2026年)\n"
        "一、重点任务\n"
        "(一)推进算力设施建设。\n"
        "统筹全市数据中心布局,推动存量数据中心改造升级,提升算力供给能力和绿色低碳水平,"
        "打造区域算力枢纽。\n"
        "1.建设智算中心。到2026年建成智算中心2个。\n"
        "2.改造存量机房。完成存量机房节能改造10个。\n"
        "(二)推进数据要素流通。\n"
        "1.建设数据交易平台。\n"
    )
    campaign = gp.extract(text)
    found = [task for _, task in iter_tasks(campaign)]
    assert [(t.number, t.source_line) for t in found] == [
        ("(一)", 3),
        ("1", 5),
        ("2", 6),
        ("1", 8),
    ]
    assert [s.number for s in found[0].subtasks] == ["1", "2"]
    assert found[1].kind == gp.TaskKind.TASK
    assert errors(campaign) == []


@pytest.mark.parametrize(
    ("title", "found"),
    [("若干*策", True), ("若干政策", True), ("若干□策", True), ("若干对策", False)],
)
def test_a_kind_word_is_read_through_one_masked_character(title: str, found: bool) -> None:
    pattern = mask_tolerant(re.compile(r"若干政策"))
    assert bool(pattern.search(masked(title))) is found


def test_markdown_stars_are_no_mask() -> None:
    assert masked("**一、重点任务**") == "一、重点任务"
