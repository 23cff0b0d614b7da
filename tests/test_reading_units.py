"""Reading rules for the units of a note: collective member-unit lists and lone committees.

The forms of govplan._reading_units (docs/concepts.md §16), the extractor reading by them, and
the checks that find a plan reading them another way: each fires on such a plan and is silent
on the rule's reading and on the examples.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import govplan as gp
from govplan._reading_units import collective_spans, is_member_units, prints_lead_for
from govplan.checks import RULES, check, check_unit_reading
from strategies import one_task_plan

R = gp.Role
C = gp.UnitKind.COLLECTIVE

# ---- the forms


SPANS = [
    # committees joined by 、, 和, 及, closed by 相关/有关/各/no word + 成员单位
    ("县安委会、县减灾委相关成员单位按职责分工负责", [("县安委会、县减灾委相关成员单位", 2)]),
    (
        "市安委会、市减灾委、市防指、市森防指相关成员单位等负责",
        [("市安委会、市减灾委、市防指、市森防指相关成员单位", 4)],
    ),
    ("县安委会和县减灾委各成员单位负责", [("县安委会和县减灾委各成员单位", 2)]),
    ("区安委会及区减灾委成员单位负责", [("区安委会及区减灾委成员单位", 2)]),
    ("由县防指、县森防指有关成员单位负责", [("县防指、县森防指有关成员单位", 2)]),
    # one body, its name holding 和 (a word of the name, not a joiner)
    (
        "县打击和处置非法集资工作领导小组成员单位负责",
        [("县打击和处置非法集资工作领导小组成员单位", 1)],
    ),
    (
        "人民银行某县支行、县防范和化解金融风险工作领导小组各成员单位负责",
        [("县防范和化解金融风险工作领导小组各成员单位", 1)],
    ),
    # the list stops before a name that is no committee
    ("县应急管理局、县安委会、县减灾委相关成员单位负责", [("县安委会、县减灾委相关成员单位", 2)]),
    ("县安委会、县委宣传部及相关成员单位按职责分工负责", [("相关成员单位", 0)]),
    ("水利局及县应安委会有关成员单位按职能分工负责", [("县应安委会有关成员单位", 1)]),
    ("县应急管理局及成员单位负责", [("成员单位", 0)]),
    ("县安委办牵头,相关成员单位按职责分工负责", [("相关成员单位", 0)]),
    ("县安委会相关成员单位、各乡镇按职责分工负责", [("县安委会相关成员单位", 1)]),
    # 等…成员单位 is "and the other units", no collective
    ("县发改局、县财政局等相关成员单位按职责分工负责", []),
    ("县发改局牵头,县财政局配合", []),
]


@pytest.mark.parametrize(("text", "expected"), SPANS)
def test_collective_spans(text: str, expected: list[tuple[str, int]]) -> None:
    spans = collective_spans(text)
    assert [(s.name, len(s.bodies)) for s in spans] == expected
    for span in spans:
        assert text[span.start : span.end] == span.name
        assert span.name.endswith(span.members)


_CORE = st.text(
    alphabet="安全生产防灾减灾森林火应急救援食品药品消防道路交通学校", min_size=0, max_size=6
)
_END = st.sampled_from(["安委会", "减灾委", "防指", "森防指", "领导小组", "委员会", "指挥部"])
_COMMITTEE = st.builds(
    lambda prefix, core, end: prefix + core + end,
    st.sampled_from(["县", "市", "区", ""]),
    _CORE,
    _END,
)
_JOINER = st.sampled_from(["、", "和", "及"])
_MEMBERS = st.sampled_from(["成员单位", "相关成员单位", "有关成员单位", "各成员单位"])
_TAIL = st.sampled_from(["负责", "按职责分工负责", "等按职责分工负责", "按职能分工负责"])


@st.composite
def member_lists(draw: st.DrawFn) -> tuple[list[str], str, str]:
    """Committee names, the list joining them as printed, and the note that closes with it."""
    committees = draw(st.lists(_COMMITTEE, min_size=1, max_size=5))
    printed = committees[0]
    for name in committees[1:]:
        printed += draw(_JOINER) + name
    printed += draw(_MEMBERS)
    return committees, printed, printed + draw(_TAIL)


@given(member_lists())
def test_any_committee_list_closed_by_members_is_one_span(
    case: tuple[list[str], str, str],
) -> None:
    committees, printed, note = case
    (span,) = collective_spans(note)
    assert span.name == printed
    assert list(span.bodies) == committees


@given(member_lists())
def test_the_extractor_reads_a_committee_list_as_one_responsible_unit(
    case: tuple[list[str], str, str],
) -> None:
    _, printed, note = case
    assume(len(printed) <= 40)  # the extractor reads no longer name of a unit
    (rset,) = _extracted(note).responsibilities
    assert [(a.unit, a.role) for a in rset.assignments] == [(printed, R.RESPONSIBLE)]


def _extracted(note: str) -> gp.Task:
    text = (
        "某县实施“七大攻坚”总体方案\n\n一、攻坚目标\n\n——稳增长。\n\n附件：1．甲攻坚实施方案\n\n"
        "附件1\n\n甲攻坚实施方案\n\n二、攻坚任务\n\n（一）第一组\n\n"
        f"1．第一项任务。开展工作。（{note}）\n"
    )
    (task,) = list(gp.extract(text).walk_tasks())
    return task


def test_the_extractor_registers_the_list_as_one_collective() -> None:
    campaign = gp.extract(
        "某县实施“七大攻坚”总体方案\n\n一、攻坚目标\n\n——稳增长。\n\n附件：1．甲攻坚实施方案\n\n"
        "附件1\n\n甲攻坚实施方案\n\n二、攻坚任务\n\n（一）第一组\n\n"
        "1．第一项任务。开展工作。（县安委会、县减灾委相关成员单位负责）\n"
    )
    assert [(u.name, u.kind) for u in campaign.units] == [("县安委会、县减灾委相关成员单位", C)]
    assert [p.code for p in check(campaign) if p.code in _OURS] == []


@pytest.mark.parametrize(
    ("note", "unit", "expected"),
    [
        ("县安委会成员单位牵头,县财政局配合", "县安委会成员单位", True),
        ("县安委会成员单位、县应急管理局分别牵头", "县安委会成员单位", True),
        ("县安委会成员单位为牵头单位,县财政局为配合单位", "县安委会成员单位", True),
        ("县指挥部物资保障组牵头负责", "县指挥部物资保障组", True),
        ("县安委会成员单位负责牵头,县财政局配合", "县安委会成员单位", True),
        ("牵头单位:县安委会成员单位;配合单位:县财政局", "县安委会成员单位", True),
        ("牵头单位:县应急管理局;配合单位:县安委会成员单位", "县安委会成员单位", False),
        ("县安委会成员单位负责", "县安委会成员单位", False),
        ("县安委会成员单位按职责分工负责", "县安委会成员单位", False),
        ("县安委办牵头、相关成员单位配合", "相关成员单位", False),
        ("县应急管理局牵头,县安委会成员单位按职责分工负责", "县安委会成员单位", False),
        ("县安委会成员单位配合、县应急管理局牵头", "县安委会成员单位", False),
        ("县安委会成员单位负责", "县减灾委成员单位", None),
    ],
)
def test_prints_lead_for(note: str, unit: str, expected: bool | None) -> None:
    assert prints_lead_for(note, unit) is expected


def test_member_units() -> None:
    assert is_member_units("县安委会、县减灾委相关成员单位")
    assert is_member_units("各成员单位")
    assert not is_member_units("县安委会")
    assert not is_member_units("县安委办")


# ---- the checks

_OURS = {"unit-not-in-note", "collective-split", "collective-role"}
POINTER = "/battles/0/groups/0/tasks/0/responsibilities/0"


def plan(
    text: str, *assignments: tuple[str, gp.Role], units: dict[str, gp.UnitKind]
) -> gp.Campaign:
    """A one-task plan whose note is *text*, read as *assignments*."""
    rset = gp.ResponsibilitySet(
        text=text, assignments=tuple(gp.Responsibility(unit=u, role=r) for u, r in assignments)
    )
    task = gp.Task(id="b1.g1.t1", title="t", text=f"t。({text})", responsibilities=(rset,))
    return one_task_plan(
        task, units=tuple(gp.Unit(id=name, name=name, kind=kind) for name, kind in units.items())
    )


def found(campaign: gp.Campaign) -> list[tuple[str, str]]:
    return [(p.code, p.pointer) for p in check_unit_reading(campaign)]


D = gp.UnitKind.DEPARTMENT
NOTE = "县安委会、县减灾委相关成员单位按职责分工负责"
ONE = "县安委会、县减灾委相关成员单位"


def test_the_rule_reading_is_silent() -> None:
    assert found(plan(NOTE, (ONE, R.RESPONSIBLE), units={ONE: C})) == []


def test_collective_split_at_the_joiner() -> None:
    """fenghuang-2023 before: the committee and the other committee's member units."""
    campaign = plan(
        NOTE,
        ("县安委会", R.RESPONSIBLE),
        ("县减灾委相关成员单位", R.RESPONSIBLE),
        units={"县安委会": C, "县减灾委相关成员单位": C},
    )
    assert found(campaign) == [("collective-split", f"{POINTER}/assignments")]
    (problem,) = check_unit_reading(campaign)
    assert problem.severity is gp.Severity.ERROR
    assert ONE in problem.message
    assert "'县安委会'" in problem.message


def test_collective_split_into_names_the_note_does_not_print() -> None:
    """pingjiang-2023 before: 相关成员单位 given to each committee."""
    campaign = plan(
        NOTE,
        ("县安委会相关成员单位", R.RESPONSIBLE),
        ("县减灾委相关成员单位", R.RESPONSIBLE),
        units={"县安委会相关成员单位": C, "县减灾委相关成员单位": C},
    )
    assert found(campaign) == [
        ("unit-not-in-note", f"{POINTER}/assignments/0/unit"),
        ("collective-split", f"{POINTER}/assignments"),
    ]


def test_collective_shortened_to_its_committee() -> None:
    campaign = plan("县安委会相关成员单位负责", ("县安委会", R.RESPONSIBLE), units={"县安委会": C})
    assert found(campaign) == [("collective-split", f"{POINTER}/assignments")]


def test_a_committee_printed_apart_from_the_list_is_no_split() -> None:
    note = "县安委会、县委宣传部及相关成员单位按职责分工负责"
    campaign = plan(
        note,
        ("县安委会", R.RESPONSIBLE),
        ("县委宣传部", R.RESPONSIBLE),
        ("相关成员单位", R.RESPONSIBLE),
        units={"县安委会": C, "县委宣传部": gp.UnitKind.PARTY_ORGAN, "相关成员单位": C},
    )
    assert found(campaign) == []


def test_unit_not_in_note() -> None:
    campaign = plan(
        "县发改局牵头,县财政局配合",
        ("县发展和改革局", R.LEAD),
        ("县财政局", R.COOPERATING),
        units={"县发展和改革局": D, "县财政局": D},
    )
    assert found(campaign) == [("unit-not-in-note", f"{POINTER}/assignments/0/unit")]
    assert RULES["unit-not-in-note"].severity is gp.Severity.WARNING


def test_unit_not_in_note_ignores_width_and_spacing() -> None:
    campaign = plan(
        "县政府办（县优化办）牵头", ("县政府办(县优化办)", R.LEAD), units={"县政府办(县优化办)": D}
    )
    assert found(campaign) == []


@pytest.mark.parametrize(
    "text",
    [
        "县打击和处置非法集资工作领导小组成员单位负责",
        "县打击和处置非法集资工作领导小组成员单位按职责分工负责",
    ],
)
def test_lone_committee_as_lead(text: str) -> None:
    unit = "县打击和处置非法集资工作领导小组成员单位"
    assert found(plan(text, (unit, R.LEAD), units={unit: C})) == [
        ("collective-role", f"{POINTER}/assignments/0/role")
    ]
    assert found(plan(text, (unit, R.RESPONSIBLE), units={unit: C})) == []


def test_a_collective_after_a_lead_is_no_lead() -> None:
    text = "县安委办牵头,县安委会有关成员单位按职能分工负责"
    units = {"县安委办": D, "县安委会有关成员单位": C}
    wrong = plan(text, ("县安委办", R.LEAD), ("县安委会有关成员单位", R.LEAD), units=units)
    assert found(wrong) == [("collective-role", f"{POINTER}/assignments/1/role")]
    right = plan(text, ("县安委办", R.LEAD), ("县安委会有关成员单位", R.COOPERATING), units=units)
    assert found(right) == []


def test_a_collective_with_lead_printed_leads() -> None:
    text = "县指挥部物资保障组牵头,县卫健局共同负责"
    units = {"县指挥部物资保障组": C, "县卫健局": D}
    campaign = plan(text, ("县指挥部物资保障组", R.LEAD), ("县卫健局", R.COOPERATING), units=units)
    assert found(campaign) == []


def test_one_office_with_fuze_alone_may_lead() -> None:
    assert (
        found(plan("县农业农村局负责", ("县农业农村局", R.LEAD), units={"县农业农村局": D})) == []
    )


def test_a_set_without_text_is_not_read() -> None:
    campaign = plan(NOTE, ("县安委会", R.LEAD), units={"县安委会": C})
    battle = campaign.battles[0]
    task = attrs.evolve(
        battle.groups[0].tasks[0],
        responsibilities=(
            gp.ResponsibilitySet(assignments=(gp.Responsibility(unit="县安委会", role=R.LEAD),)),
        ),
    )
    group = attrs.evolve(battle.groups[0], tasks=(task,))
    campaign = attrs.evolve(campaign, battles=(attrs.evolve(battle, groups=(group,)),))
    assert found(campaign) == []


@pytest.mark.parametrize("name", gp.examples.names())
def test_the_examples_read_by_the_rules(name: str) -> None:
    assert found(gp.examples.load(name)) == []
