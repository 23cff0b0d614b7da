"""govplan.extract proposes the irregularities its reading shows beyond doubt.

Made-up snippets in the language of the documents.
"""

from __future__ import annotations

import govplan as gp
from extracting import errors
from govplan.model import IrregularityKind


def irregularities(text: str) -> list[tuple[str, IrregularityKind]]:
    campaign = gp.extract(text)
    assert errors(campaign) == []
    return [(i.element, i.kind) for i in campaign.irregularities]


HEAD = "某县2025年重点工作任务分解\n一、重点任务\n"


def test_a_unit_named_twice_in_one_note() -> None:
    text = (
        HEAD + "1.新建厂房5万平方米。(县发改局牵头,县财政局、县住建局、县财政局等按职责分工负责)\n"
    )
    campaign = gp.extract(text)
    (found,) = campaign.irregularities
    assert found.kind is IrregularityKind.OTHER
    assert found.description.startswith("县财政局 is listed twice in the note")
    assert found.source_line == 3


def test_a_private_use_character_in_a_figure() -> None:
    text = HEAD + "1.改造提升19\ue01073万亩高标准农田。(县农业农村局牵头)\n"
    ((element, kind),) = irregularities(text)
    assert kind is IrregularityKind.GARBLED
    assert element.endswith(".t1")


def test_a_task_without_the_note_its_siblings_have() -> None:
    text = HEAD + (
        "1.新增就业800人。(县人社局牵头)\n2.完成改造小区6个。(县住建局牵头)\n3.新建公园2个。\n"
    )
    ((element, kind),) = irregularities(text)
    assert kind is IrregularityKind.MISSING
    assert element.endswith(".t3")


def test_no_missing_note_where_no_task_has_one() -> None:
    text = HEAD + "1.新增就业800人。\n2.完成改造小区6个。\n3.新建公园2个。\n"
    assert irregularities(text) == []


def test_one_unit_with_its_portfolios_in_two_orders() -> None:
    text = HEAD + (
        "1.新增规上企业10家。(县发改局〈科技、工信〉牵头)\n"
        "2.新增高新技术企业5家。(县发改局〈科技、工信〉牵头)\n"
        "3.建设产业园1个。(县发改局〈工信、科技〉牵头)\n"
    )
    campaign = gp.extract(text)
    (found,) = campaign.irregularities
    assert found.kind is IrregularityKind.SPELLING_VARIANT
    assert found.element.endswith(".t3")
    assert found.description == "县发改局〈工信、科技〉, elsewhere 县发改局〈科技、工信〉"


def test_a_word_printed_twice_is_not_proposed() -> None:
    text = HEAD + "1.推动构建共建共治共享的治理格局。(县委政法委牵头)\n"
    assert irregularities(text) == []
