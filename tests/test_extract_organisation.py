"""govplan.extract on how plans organise their work: work teams and the leadership body.

Made-up paragraphs in the language of the documents' 组织实施 and 推进机制 sections.
"""

from __future__ import annotations

from govplan.extract._organisation import leadership_group, work_team
from govplan.extract._responsibilities import Registry
from govplan.extract._text import Para, split_lines


def para(text: str) -> Para:
    return Para.of(split_lines(text))


def test_a_command_body_set_up_before_its_posts_with_its_office_posts() -> None:
    text = (
        "(一)加强组织领导。县人民政府成立某县实施“八大行动”指挥部,由县长任指挥长,"
        "常务副县长任常务副指挥长,各分管副县长任副指挥长。指挥部办公室设在县政府办,"
        "由县政府办联系常务工作的副主任任办公室主任。每个行动建立工作专班,由分管副县长任召集人。"
    )
    body = leadership_group([para(text)], Registry())
    assert body is not None
    assert body.name == "某县实施“八大行动”指挥部"
    assert [(p.title, p.holder) for p in body.posts] == [
        ("指挥长", "县长"),
        ("常务副指挥长", "常务副县长"),
        ("副指挥长", "各分管副县长"),
        ("办公室主任", "县政府办联系常务工作的副主任"),
    ]
    assert body.office == "县政府办"


def test_a_leading_group_named_after_its_posts_and_members() -> None:
    text = (
        "成立由县长任组长,常务副县长任第一副组长,县直各有关部门主要负责人为成员的全县工作领导小组。"
        "领导小组下设6个工作专班,副县长任专班第一召集人。"
    )
    body = leadership_group([para(text)], Registry())
    assert body is not None
    assert body.name == "全县工作领导小组"
    assert [p.title for p in body.posts] == ["组长", "第一副组长"]
    assert body.members == ("县直各有关部门",)


def test_a_work_team_whose_posts_are_held_by_several_and_given_with_wei() -> None:
    text = (
        "成立某县产业培塑行动工作专班,县人民政府副县长为第一召集人,"
        "县政府办联系工作的副主任、县发展和改革局主要负责人任副召集人,"
        "县发展和改革局(科技、工信)、县财政局等为成员单位。工作专班办公室设在县发展和改革局。"
    )
    registry = Registry()
    team = work_team([para(text)], registry)
    assert team is not None
    assert [(p.title, p.holder) for p in team.posts] == [
        ("第一召集人", "县人民政府副县长"),
        ("副召集人", "县政府办联系工作的副主任、县发展和改革局主要负责人"),
    ]
    assert team.members == ("县发展和改革局(科技、工信)", "县财政局")
    assert team.office == "县发展和改革局"
    assert registry.counts["县财政局"] == 1


def test_no_team_without_a_paragraph_that_sets_one_up() -> None:
    assert work_team([para("各单位要加强配合,形成工作合力。")], Registry()) is None
    assert leadership_group([para("各单位要加强配合,形成工作合力。")], Registry()) is None
