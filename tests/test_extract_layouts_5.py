"""govplan.extract on layouts of round 5: groups under no part, item lists closed by one unit line,
a body that is one task table, key marks, notices that send a plan without 印发."""

from __future__ import annotations

import govplan as gp
from extracting import errors, tasks, units
from govplan.model import TaskKind
from govplan.org import Role


def test_groups_under_no_part_heading_stay_groups() -> None:
    text = (
        "某县关于印发《2025年重点工作任务清单》的通知\n"
        "各乡镇人民政府,县直各有关单位:\n"
        "现将《2025年重点工作任务清单》印发给你们,请认真贯彻落实。\n"
        "某县人民政府办公室\n"
        "2025年3月1日\n"
        "(一)扩大有效投资\n"
        "1.新开工重点项目30个。(县发改局牵头)\n"
        "2.完成固定资产投资120亿元。(县发改局牵头,县统计局配合)\n"
        "(二)促进消费\n"
        "3.新增限上企业20家。(县商务局牵头)\n"
    )
    campaign = gp.extract(text)
    assert errors(campaign) == []
    assert [(g.title, len(g.tasks)) for g in campaign.groups] == [
        ("扩大有效投资", 2),
        ("促进消费", 1),
    ]
    assert units(tasks(campaign)[1]) == {
        ("县发改局", Role.LEAD),
        ("县统计局", Role.COOPERATING),
    }


def test_a_unit_line_closing_a_list_of_items_gives_the_heading_its_units() -> None:
    text = (
        "某县2025年安全生产工作要点\n"
        "一、重点任务\n"
        "1.完善应急预案体系\n"
        "(1)修订县级总体应急预案。\n"
        "(2)编制专项预案5个。\n"
        "(责任单位:县应急局、县消防救援大队)\n"
        "2.加强隐患排查治理\n"
        "(1)开展隐患排查。\n"
        "(2)建立整改台账。\n"
        "(责任单位:县安委办)\n"
    )
    campaign = gp.extract(text)
    assert errors(campaign) == []
    assert campaign.title == "某县2025年安全生产工作要点"
    found = tasks(campaign)
    assert [(t.number, [s.number for s in t.subtasks]) for t in found] == [
        ("1", ["(1)", "(2)"]),
        ("2", ["(1)", "(2)"]),
    ]
    assert all(s.kind is TaskKind.ITEM for t in found for s in t.subtasks)
    assert units(found[0]) == {
        ("县应急局", Role.RESPONSIBLE),
        ("县消防救援大队", Role.RESPONSIBLE),
    }
    assert "责任单位" not in found[0].subtasks[-1].text


def test_items_that_name_their_own_units_stay_tasks() -> None:
    text = (
        "某县2025年安全生产工作要点\n"
        "一、重点任务\n"
        "1.完善应急预案体系\n"
        "(1)修订县级总体应急预案。(县应急局牵头)\n"
        "(2)编制专项预案5个。\n"
        "(责任单位:县消防救援大队)\n"
    )
    campaign = gp.extract(text)
    assert errors(campaign) == []
    numbers = [t.number for t in tasks(campaign)]
    assert "(1)" in numbers
    assert "(2)" in numbers


def test_a_body_that_is_one_task_table_with_a_section_row() -> None:
    text = (
        "某县2025年政府工作报告重点任务分解表\n"
        "为抓好落实,现将重点任务分解如下。\n"
        "序号\n"
        "工作任务\n"
        "牵头单位\n"
        "一、稳增长\n"
        "1\n"
        "地区生产总值增长6%。\n"
        "县发改局\n"
        "2\n"
        "新增规上工业企业10家。\n"
        "县工信局\n"
    )
    campaign = gp.extract(text)
    assert errors(campaign) == []
    assert campaign.kind.value == "task_breakdown"
    found = tasks(campaign)
    assert [t.title for t in found] == ["地区生产总值增长6%", "新增规上工业企业10家"]
    assert units(found[1]) == {("县工信局", Role.LEAD)}


def test_a_key_mark_is_no_part_of_a_target() -> None:
    text = (
        "某县2025年经济工作目标任务分解\n"
        "一、主要指标\n"
        "(一)★地区生产总值增长6.5%以上。(县发改局牵头)\n"
    )
    campaign = gp.extract(text)
    (indicator,) = tasks(campaign)[0].indicators
    assert indicator.name == "地区生产总值"
    assert not indicator.phrase.startswith("★")
    assert str(indicator.target) == "6.5%"


def test_a_notice_that_sends_its_attachment_without_yinfa() -> None:
    text = (
        "某县人民政府关于分解落实2025年重点工作任务的通知\n"
        "某政发〔2025〕3号\n"
        "各乡镇人民政府:\n"
        "附件\n"
        "2025年重点工作任务分解表\n"
        "一、县发改局牵头工作(2项)\n"
        "1.争取地方政府专项债券10亿元。\n"
        "2.完成重点项目投资50亿元。\n"
    )
    campaign = gp.extract(text)
    assert errors(campaign) == []
    assert campaign.title == "2025年重点工作任务分解表"
    assert campaign.notice_title == "某县人民政府关于分解落实2025年重点工作任务的通知"
    assert campaign.issuer == "某县人民政府"
    assert campaign.document_number is not None
    assert campaign.document_number.text == "某政发〔2025〕3号"
    found = tasks(campaign)
    assert len(found) == 2
    assert all(units(t) == {("县发改局", Role.LEAD)} for t in found)


def test_a_lead_heading_inside_an_attachment_leads_its_tasks_and_counts_them() -> None:
    text = (
        "某县人民政府办公室关于印发《2025年政府工作报告任务分解》的通知\n"
        "县直各有关单位:\n"
        "现将《2025年政府工作报告任务分解》印发给你们,请认真抓好落实。\n"
        "附件:2025年政府工作报告任务分解\n"
        "某县人民政府办公室\n"
        "2025年5月1日\n"
        "附件\n"
        "2025年政府工作报告任务分解\n"
        "一、县交通局牵头工作(3项)\n"
        "1.新改建农村公路50公里。\n"
        "2.完成危桥改造8座。(县财政局牵头)\n"
    )
    campaign = gp.extract(text)
    assert errors(campaign) == []
    found = tasks(campaign)
    assert units(found[0]) == {("县交通局", Role.LEAD)}
    assert units(found[1]) == {("县财政局", Role.LEAD)}
    notes = [note for battle in campaign.battles for g in battle.groups for note in g.notes]
    notes += [note for g in campaign.groups for note in g.notes]
    assert any("states 3 tasks; 2 are read" in note for note in notes)


def test_members_listed_before_the_words_that_make_them_members() -> None:
    text = (
        "某县实施“八大行动”总体方案\n"
        "附件1\n"
        "某县实施产业培塑行动方案\n"
        "一、重点任务\n"
        "1.新建标准厂房5万平方米。(县发改局牵头)\n"
        "二、保障措施\n"
        "成立某县实施产业培塑行动工作专班,由县人民政府分管副县长任召集人,"
        "县发展和改革局(工信、科技)、县财政局(县国资局)、县科协等为成员单位。"
        "工作专班办公室设在县发展和改革局。\n"
    )
    campaign = gp.extract(text)
    assert errors(campaign) == []
    (battle,) = campaign.battles
    assert battle.work_team is not None
    assert battle.work_team.members == (
        "县发展和改革局(工信、科技)",
        "县财政局(县国资局)",
        "县科协",
    )
    assert battle.work_team.office == "县发展和改革局"


def test_a_region_of_the_division_table_gets_its_code_and_parent() -> None:
    text = (
        "张家界市武陵源区人民政府办公室关于印发《2025年重点工作任务清单》的通知\n"
        "现将《2025年重点工作任务清单》印发给你们,请认真贯彻落实。\n"
        "2025年重点工作任务清单\n"
        "1.新增市场主体500户。(区市场监管局牵头)\n"
    )
    region = gp.extract(text).region
    assert (region.name, region.parent, region.code) == ("武陵源区", "张家界市", "430811")


def test_an_article_on_the_document_itself_is_no_task_and_is_noted() -> None:
    text = (
        "某市促进消费若干措施\n"
        "第一条 发放消费券5000万元。(市商务局牵头)\n"
        "第二条 新增限上企业100家。(市商务局牵头)\n"
        "第三条 本措施自2025年1月1日起施行,有效期至2025年12月31日。\n"
    )
    campaign = gp.extract(text)
    assert errors(campaign) == []
    assert [t.number for t in tasks(campaign)] == ["第一条", "第二条"]
    notes = [note for g in campaign.groups for note in g.notes]
    assert any(note.startswith("第三条 (line 4) is a provision") for note in notes)


def test_an_article_that_assigns_work_stays_a_task() -> None:
    text = (
        "某市促进消费若干措施\n"
        "第一条 发放消费券5000万元。(市商务局牵头)\n"
        "第二条 本市新增限上企业100家。(市商务局牵头)\n"
    )
    assert [t.number for t in tasks(gp.extract(text))] == ["第一条", "第二条"]


def test_indicator_names_keep_the_printed_characters() -> None:
    text = (
        "某縣2025年重點工作任務分解\n"
        "一、主要目標\n"
        "(一)地區生產總值增長6%以上。(縣發改局牽頭)\n"
        "(二)新增城鎮就業3000人。(縣人社局牽頭)\n"
    )
    names = [i.name for t in tasks(gp.extract(text)) for i in t.indicators]
    assert names == ["地區生產總值", "城鎮就業"]


def test_targets_an_attachment_assigns_in_bracketed_notes_are_tasks() -> None:
    text = (
        "某县人民政府办公室关于对县《政府工作报告》确定的重点工作进行责任分解的通知\n"
        "各镇人民政府,县政府各部门:\n"
        "现将县《政府工作报告》确定的2021年重点工作责任分解给你们,请狠抓落实。\n"
        "附件:县《政府工作报告》确定的2021年重点工作责任分解\n"
        "2021年5月12日\n"
        "附件\n"
        "县《政府工作报告》确定的2021年重点工作责任分解\n"
        "一、2021年经济社会发展主要目标\n"
        "(一)地区生产总值增长11%。[牵头单位:县发改局;责任单位:各镇人民政府]\n"
        "(二)地方公共预算收入增长32%。(牵头单位:县财政局;责任单位:县税务局)\n"
    )
    campaign = gp.extract(text)
    assert errors(campaign) == []
    found = tasks(campaign)
    assert [t.number for t in found] == ["(一)", "(二)"]
    assert units(found[0]) == {("县发改局", Role.LEAD), ("各镇人民政府", Role.RESPONSIBLE)}
    assert [str(i.target) for t in found for i in t.indicators] == ["11%", "32%"]
    assert found[1].indicators[0].phrase == "地方公共预算收入增长32%"


def test_targets_of_an_attachment_without_notes_stay_its_objectives() -> None:
    text = (
        "某县实施“八大行动”总体方案\n"
        "附件1\n"
        "某县实施产业培塑行动方案\n"
        "一、工作目标\n"
        "(一)规模工业增加值增长8%。\n"
        "二、重点任务\n"
        "1.新建标准厂房5万平方米。(县发改局牵头)\n"
    )
    campaign = gp.extract(text)
    (battle,) = campaign.battles
    assert [t.number for t in tasks(campaign)] == ["1"]
    assert [str(i.target) for o in battle.objectives for i in o.indicators] == ["8%"]
