"""The forms that say who is responsible, read by the extractor (issue 12, item 3).

Made-up snippets in the language of these documents: closing parentheticals in every bracket,
notes printed as lines or clauses of their own, flattened table columns, unit names kept whole.
"""

from __future__ import annotations

import pytest

from govplan.extract import _responsibilities as resp
from govplan.extract import _tables as tables
from govplan.extract._text import Line, Para
from govplan.org import Role

L, C, R = Role.LEAD, Role.COOPERATING, Role.RESPONSIBLE


def para(*lines: str) -> Para:
    """Lines joined as the structure stage joins a task and the note lines after it."""
    return Para.of([Line(i, text) for i, text in enumerate(lines, start=1)], ["\n"] * len(lines))


def read(*lines: str) -> list[list[tuple[str, Role]]]:
    return [note.assignments for note in resp.find_notes(para(*lines))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # role words: 协同, and the variants of 按职责分工负责 printed in real documents
        ("1.开展整治〔县住建局牵头，县城管局协同〕", [("县住建局", L), ("县城管局", C)]),
        ("2.抓好安全(县应急局牵头,县公安局按职分工负责)", [("县应急局", L), ("县公安局", C)]),
        ("3.抓好环保【县环保局牵头，县水利局职能分工负责】", [("县环保局", L), ("县水利局", C)]),
        ("4.办好实事(县人社局、县民政局按职分工负责)", [("县人社局", R), ("县民政局", R)]),
        # a missing closing bracket at the end of the text
        ("5.推进改革（责任单位：县发改局、县财政局", [("县发改局", R), ("县财政局", R)]),
        # a labelled note in brackets, ASCII colon, a space between its parts, 协同单位
        (
            "6.加强监管(牵头单位:市监管局 协同单位:市公安局、各县人民政府)",
            [("市监管局", L), ("市公安局", C), ("各县人民政府", C)],
        ),
    ],
)
def test_closing_parentheticals(text: str, expected: list[tuple[str, Role]]) -> None:
    assert read(text) == [expected]


def test_a_missing_closing_bracket_is_noted() -> None:
    (note,) = resp.find_notes(para("推进改革(责任单位:县发改局"))
    assert any("closing bracket is missing" in n for n in note.notes)
    # an unclosed bracket before a long text is no note: a note is short
    text = "推进改革(县发改局牵头" + "持续深化各项改革，" * 20
    assert resp.find_notes(para(text)) == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("（一）城镇新增就业3000人", "责任单位：县人社局"), [("县人社局", R)]),
        (("（二）进出口增长5%", "责任单位:县商务局、县海关"), [("县商务局", R), ("县海关", R)]),
        (
            ("1.推进园区建设", "牵头单位：县工信局", "责任单位：县开发区管委会，各乡镇"),
            [("县工信局", L), ("县开发区管委会", R), ("各乡镇", R)],
        ),
        (
            ("2.发展外贸，牵头单位：县商务局；配合单位：县发改局",),
            [("县商务局", L), ("县发改局", C)],
        ),
        (
            ("3.建设数字乡村，责任单位为县农业农村局、县数据局。",),
            [("县农业农村局", R), ("县数据局", R)],
        ),
        (("4.完善设施（责任单位为县住建局）",), [("县住建局", R)]),
        (
            ("5.推进项目", "协同单位：县自然资源局", "牵头单位：县发改局"),
            [("县自然资源局", C), ("县发改局", L)],
        ),
    ],
)
def test_notes_printed_as_lines_or_clauses(
    lines: tuple[str, ...], expected: list[tuple[str, Role]]
) -> None:
    assert read(*lines) == [expected]


def test_a_note_line_ends_where_the_next_task_starts() -> None:
    notes = resp.find_notes(para("1.推进项目", "责任单位：县发改局", "2.建设园区"))
    assert [n.assignments for n in notes] == [[("县发改局", R)]]
    assert notes[0].text == "责任单位：县发改局"
    # a label word inside a sentence is no note
    assert read("1.推进项目", "推动各牵头单位:加强统筹") == []


def test_a_leader_is_no_unit() -> None:
    (note,) = resp.find_notes(
        para("1.建设项目。", "责任领导：副县长张某", "牵头单位：县发改局", "完成时限：2025年底前")
    )
    assert note.assignments == [("县发改局", L)]
    assert "副县长张某" in note.text
    (note,) = resp.find_notes(para("2.推进项目(副县长李某牵头,县发改局负责,县财政局配合)"))
    assert note.assignments == [("县发改局", C), ("县财政局", C)]
    assert any("person or post" in n for n in note.notes)


@pytest.mark.parametrize(
    "line",
    ["责任单位：县人社局", "(责任单位:县人社局)", "牵头单位为县发改局", "责任领导：副县长某某"],
)
def test_responsibility_lines(line: str) -> None:
    assert resp.responsibility_line(line)


@pytest.mark.parametrize("line", ["县发改局牵头", "各责任单位要高度重视", "1.推进项目建设"])
def test_no_responsibility_lines(line: str) -> None:
    assert not resp.responsibility_line(line)


def test_a_note_goes_on_with_a_convention() -> None:
    (note,) = resp.find_notes(
        para("1.办好实事（牵头单位：市商务局、市发改委。以下任务均需各县人民政府落实，不再列出）")
    )
    assert note.assignments == [("市商务局", L), ("市发改委", L)]
    assert any("以下任务" in n for n in note.notes)


def test_a_note_that_says_its_first_unit_leads() -> None:
    assert read("1.保障供应。(市粮食局、市农委、某储备库。排名第一的为牵头单位,下同)") == [
        [("市粮食局", L), ("市农委", C), ("某储备库", C)]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a 、 inside any bracket does not split
        (
            "区发展和改革局〈科技、工信〉、县财政局(国资中心)",
            ["区发展和改革局〈科技、工信〉", "县财政局(国资中心)"],
        ),
        ("区科技和经信局（科技）、各乡镇(街道)", ["区科技和经信局（科技）", "各乡镇(街道)"]),
        # 及/和 inside a collective name does not split
        ("区直及驻区有关单位", ["区直及驻区有关单位"]),
        ("市直及中省驻市有关单位、县直各有关单位", ["市直及中省驻市有关单位", "县直各有关单位"]),
        # 及/和 after a whole name does
        ("县发改局、县财政局及县商务局", ["县发改局", "县财政局", "县商务局"]),
        ("县委宣传部和县文旅局等单位", ["县委宣传部", "县文旅局"]),
        ("县住房和城乡建设局、县发展和改革局", ["县住房和城乡建设局", "县发展和改革局"]),
    ],
)
def test_unit_names_kept_whole(text: str, expected: list[str]) -> None:
    assert resp.split_units(text) == expected
    note = f"推进工作（{text}按职责分工负责）"
    assert [name for name, _ in read(note)[0]] == expected


def test_portfolios_of_one_office_are_units_of_their_own() -> None:
    assert resp.unit_key("区发改局〈科技〉") != resp.unit_key("区发改局〈工信〉")
    assert resp.unit_key("区发改局〈科技〉") != resp.unit_key("区发改局")
    assert resp.unit_key("区发改局〈科技〉") == resp.unit_key("区发改局(科技)")
    assert resp.unit_key("区发改局〈科技、工信〉") == resp.unit_key("区发改局〈工信、科技〉")
    # a qualifier that is an office's second nameplate is the same office
    assert resp.office_key("县财政局(国资管理中心)") == resp.office_key("县财政局")
    assert resp.office_key("区财政局〈区国资局〉") == resp.office_key("区财政局")


def test_a_portfolio_qualified_unit_is_a_unit() -> None:
    assert resp.unit_like("区发展和改革局〈科技、工信〉")
    assert tables.units_cell("区发展和改革局〈工信〉、县财政局")


TABLE = """某县重点工作任务分解表
序号
工作任务
责任领导
牵头单位
配合单位
完成时限
1
建设产业园区
副县长某某
县发展和改革局〈科技、工信〉
县财政局(国资中心)、县直及驻县有关单位
2025年12月底前
2
推进数字乡村
县委常委、副县长某某
县农业农村局
县数据局、县财政局及县商务局
2025年6月底前"""


def test_table_with_a_leader_column() -> None:
    lines = [Line(i, text) for i, text in enumerate(TABLE.split("\n"), start=1)]
    table = tables.read_table(lines, {line.number: 1 for line in lines})
    assert isinstance(table, tables.DecompositionTable)
    rows = [(row.text.raw, row.units) for row in table.rows]
    assert rows == [
        (
            "建设产业园区",
            [
                ("县发展和改革局〈科技、工信〉", L),
                ("县财政局(国资中心)", C),
                ("县直及驻县有关单位", C),
            ],
        ),
        ("推进数字乡村", [("县农业农村局", L), ("县数据局", C), ("县财政局", C), ("县商务局", C)]),
    ]
    assert any("副县长某某" in note and "not a unit" in note for note in table.rows[0].notes)


def test_table_role_headers() -> None:
    assert tables._role_of("协同单位") is C
    assert tables._role_of("责任领导") is None
    assert tables._role_of("责任单位") is R


def test_a_bracket_left_open_ends_with_its_line() -> None:
    notes = resp.find_notes(
        para(
            "1.保障供应。(责任单位:县商务局、县市场监管局",
            "……(省略若干字)……",
            "开展救助。(责任单位:县残联)",
        )
    )
    assert [n.assignments for n in notes] == [
        [("县商务局", R), ("县市场监管局", R)],
        [("县残联", R)],
    ]


def test_a_label_cut_off_after_one_character_is_a_note_to_review() -> None:
    (note,) = resp.find_notes(para("(四)工业投资增长12%以上", "责任单位:区"))
    assert note.assignments == []
    assert any("could not read" in n for n in note.notes)
