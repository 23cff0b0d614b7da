"""Semantic checks: one test per rule, each with a campaign that triggers it."""

from __future__ import annotations

import datetime as dt
import decimal
import json
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import govplan as gp
from govplan import checks
from govplan._convert import converter
from govplan._pointer import join
from govplan.checks import RULES, allocation_row_sum, check, iter_notes
from strategies import one_task_plan

R = gp.Role


def assignment(unit: str, role: gp.Role) -> gp.Responsibility:
    return gp.Responsibility(unit=unit, role=role)


def base(**changes: Any) -> gp.Campaign:
    task = gp.Task(
        id="b1.g1.t1",
        title="t",
        text="t",
        responsibilities=[
            gp.ResponsibilitySet(
                assignments=[
                    assignment("县商务局", R.LEAD),
                    assignment("县市场监管局", R.COOPERATING),
                ]
            )
        ],
    )
    campaign = one_task_plan(
        task,
        units=[
            gp.Unit(id="县商务局", name="县商务局", kind=gp.UnitKind.DEPARTMENT),
            gp.Unit(id="县市场监管局", name="县市场监督管理局", kind=gp.UnitKind.DEPARTMENT),
        ],
    )
    return attrs.evolve(campaign, **changes)


def with_task(**changes: Any) -> gp.Campaign:
    campaign = base()
    battle = campaign.battles[0]
    group = battle.groups[0]
    task = attrs.evolve(group.tasks[0], **changes)
    return attrs.evolve(
        campaign, battles=[attrs.evolve(battle, groups=[attrs.evolve(group, tasks=[task])])]
    )


def codes(campaign: gp.Campaign) -> list[str]:
    return [p.code for p in check(campaign)]


def test_clean_campaign_has_no_problems() -> None:
    assert check(base()) == []


def test_every_reported_code_is_a_documented_rule() -> None:
    assert all(code in RULES for code in codes(with_task(id="b1")))
    assert all(rule.summary and rule.fix for rule in RULES.values())


def test_duplicate_id() -> None:
    problems = check(with_task(id="b1"))
    assert [(p.code, p.pointer) for p in problems] == [
        ("duplicate-id", "/battles/0/groups/0/tasks/0/id")
    ]
    assert "already used at /battles/0" in problems[0].message


def test_unknown_unit_reference() -> None:
    rset = gp.ResponsibilitySet(assignments=[assignment("县发改局", R.LEAD)])
    problems = check(with_task(responsibilities=[rset]))
    assert [(p.code, p.pointer) for p in problems] == [
        ("unknown-unit-ref", "/battles/0/groups/0/tasks/0/responsibilities/0/assignments/0/unit")
    ]


def test_aliases_resolve() -> None:
    rset = gp.ResponsibilitySet(assignments=[assignment("县市场监督管理局", R.LEAD)])
    assert check(with_task(responsibilities=[rset])) == []


def test_name_owned_by_two_units() -> None:
    campaign = base()
    units = [
        *campaign.units,
        gp.Unit(
            id="县商务粮食局",
            name="县商务粮食局",
            kind=gp.UnitKind.DEPARTMENT,
            aliases=["县商务局"],
        ),
    ]
    assert codes(attrs.evolve(campaign, units=units)) == ["duplicate-unit-name"]


def test_lead_and_cooperating_across_aliases() -> None:
    rset = gp.ResponsibilitySet(
        assignments=[
            assignment("县市场监管局", R.LEAD),
            assignment("县市场监督管理局", R.COOPERATING),
        ]
    )
    assert codes(with_task(responsibilities=[rset])) == ["lead-and-cooperating"]


def test_repeated_unit_is_a_warning() -> None:
    rset = gp.ResponsibilitySet(
        assignments=[assignment("县商务局", R.RESPONSIBLE), assignment("县商务局", R.RESPONSIBLE)]
    )
    problems = check(with_task(responsibilities=[rset]))
    assert [(p.code, p.severity) for p in problems] == [
        ("duplicate-assignment", gp.Severity.WARNING)
    ]


def test_milestone_rules() -> None:
    good = gp.Milestone(phrase="6月底前", due=dt.date(2023, 6, 30), precision=gp.Precision.MONTH)
    assert codes(with_task(milestones=[good])) == []
    wrong = attrs.evolve(good, due=dt.date(2023, 6, 1))
    assert codes(with_task(milestones=[wrong])) == ["milestone-mismatch"]
    later = gp.Milestone(
        phrase="2025年底前", due=dt.date(2025, 12, 31), precision=gp.Precision.YEAR
    )
    problems = check(with_task(milestones=[later]))
    assert [(p.code, p.severity) for p in problems] == [
        ("milestone-outside-period", gp.Severity.WARNING)
    ]
    odd = attrs.evolve(good, phrase="尽快")
    assert codes(with_task(milestones=[odd])) == ["milestone-unreadable"]


def indicator(kind: gp.IndicatorKind, target: str | None, **kw: Any) -> gp.Indicator:
    return gp.Indicator(
        name="x", kind=kind, phrase="p", target=gp.parse_quantity(target) if target else None, **kw
    )


def test_indicator_units_fit_their_kind() -> None:
    k = gp.IndicatorKind
    fine = [
        indicator(k.GROWTH_RATE, "8%"),
        indicator(k.COUNT, "3家"),
        indicator(k.LEVEL, "210亿元"),
        indicator(k.PERCENTAGE_POINT_CHANGE, "0.7个百分点"),
        indicator(k.QUALITATIVE, None),
        indicator(k.SHARE, "65%"),
        indicator(k.COUNT, "2-3家"),
        indicator(k.COUNT, "2270人"),
        indicator(k.PERCENTAGE_POINT_CHANGE, "30BP"),
    ]
    assert codes(with_task(indicators=fine)) == []
    bad = [
        indicator(k.GROWTH_RATE, "8亿元"),
        indicator(k.COUNT, "8%"),
        indicator(k.PERCENTAGE_POINT_CHANGE, "0.7%"),
        indicator(k.COUNT, "5万亩"),
    ]
    assert codes(with_task(indicators=bad)) == ["unit-dimension"] * 4
    assert codes(with_task(indicators=[indicator(k.QUALITATIVE, "3家")])) == ["qualitative-target"]
    assert codes(with_task(indicators=[indicator(k.COUNT, None)])) == ["missing-target"]


def test_percentages_are_never_summable() -> None:
    k = gp.IndicatorKind
    assert indicator(k.LEVEL, "8%").summable is False
    assert indicator(k.COUNT, "3家").summable is True
    forced = indicator(k.GROWTH_RATE, "8%", summable=True)
    assert codes(with_task(indicators=[forced])) == ["summable-percentage"]


def allocation(total: str | None, parts: list[str | None], unit: str = "人") -> gp.Allocation:
    row = gp.AllocationRow(
        id="a1.r1",
        name="城镇新增就业",
        unit=unit,
        total=Decimal(total) if total else None,
        parts=[Decimal(p) if p else None for p in parts],
    )
    return gp.Allocation(id="a1", title="t", columns=["甲", "乙", "丙"], rows=[row])


def test_allocation_adds_up_with_empty_cells() -> None:
    assert check(base(allocations=[allocation("30", ["10", None, "20"])])) == []


def test_allocation_total_that_does_not_add_up_is_a_warning_with_both_numbers() -> None:
    problems = check(base(allocations=[allocation("31", ["10", None, "20"])]))
    assert [(p.code, p.severity) for p in problems] == [("allocation-total", gp.Severity.WARNING)]
    assert "30人" in problems[0].message
    assert "31人" in problems[0].message


def test_allocation_shape() -> None:
    assert codes(base(allocations=[allocation("10", ["10"])])) == ["allocation-shape"]


def test_allocation_detail_rows_add_up_to_their_parent() -> None:
    table = allocation("30", ["10", None, "20"])
    parent = table.rows[0]
    children = [
        gp.AllocationRow(
            id="a1.r2",
            name="幼儿园",
            unit="人",
            parent="a1.r1",
            total=Decimal(12),
            parts=[Decimal(4), None, Decimal(8)],
        ),
        gp.AllocationRow(
            id="a1.r3",
            name="小学",
            unit="人",
            parent="a1.r1",
            total=Decimal(18),
            parts=[Decimal(6), None, Decimal(13)],
        ),
    ]
    problems = check(base(allocations=[attrs.evolve(table, rows=[parent, *children])]))
    # r3's parts (6 + 13) miss its total 18, and in column 丙 the details (8 + 13) miss 20.
    assert [p.code for p in problems] == ["allocation-total", "allocation-children"]
    assert "'丙'" in problems[-1].message
    orphan = attrs.evolve(children[0], parent="a1.r9")
    assert "unknown-reference" in codes(
        base(allocations=[attrs.evolve(table, rows=[parent, orphan])])
    )


def test_recorded_irregularities_are_warnings_at_their_element() -> None:
    irregularities = [
        gp.Irregularity(
            element="b1.g1.t1",
            kind=gp.IrregularityKind.TYPO,
            description="强化强化",
            source_line=170,
        ),
        gp.Irregularity(
            element="县市场监管局",
            kind=gp.IrregularityKind.SPELLING_VARIANT,
            description="two spellings",
        ),
        gp.Irregularity(
            element="/battles/0/groups/0",
            kind=gp.IrregularityKind.LAYOUT,
            description="broken line",
        ),
    ]
    problems = check(base(irregularities=irregularities))
    assert [(p.code, p.severity, p.pointer) for p in problems] == [
        ("source-irregularity", gp.Severity.WARNING, "/battles/0/groups/0/tasks/0"),
        ("source-irregularity", gp.Severity.WARNING, "/units/1"),
        ("source-irregularity", gp.Severity.WARNING, "/battles/0/groups/0"),
    ]
    assert problems[0].message == "typo: 强化强化 (source line 170)"


def test_irregularity_naming_nothing_is_an_error() -> None:
    for element in ["b9", "/battles/7"]:
        bad = gp.Irregularity(element=element, kind=gp.IrregularityKind.OTHER, description="x")
        assert codes(base(irregularities=[bad])) == ["unknown-reference"]


def test_iter_notes_walks_every_element_in_document_order() -> None:
    campaign = base()
    task = attrs.evolve(campaign.battles[0].groups[0].tasks[0], notes=["task note"], source_line=7)
    group = attrs.evolve(campaign.battles[0].groups[0], tasks=[task], notes=["group note"])
    battle = attrs.evolve(campaign.battles[0], groups=[group])
    campaign = attrs.evolve(campaign, battles=[battle], notes=["plan note"])
    assert list(iter_notes(campaign)) == [
        ("/notes/0", None, "plan note"),
        ("/battles/0/groups/0/notes/0", group.source_line, "group note"),
        ("/battles/0/groups/0/tasks/0/notes/0", 7, "task note"),
    ]


def test_every_note_of_an_example_is_listed() -> None:
    """Every ``notes`` entry of the plan's plain data, found by walking the JSON, is listed."""
    plan = gp.examples.load("nanxian-2025")
    expected: set[tuple[str, str]] = set()

    def walk(value: object, pointer: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "notes":
                    expected.update((f"{pointer}/notes/{n}", note) for n, note in enumerate(item))
                else:
                    walk(item, f"{pointer}/{key}")
        elif isinstance(value, list):
            for n, item in enumerate(value):
                walk(item, f"{pointer}/{n}")

    walk(json.loads(gp.dumps(plan, format="json")), "")
    listed = [(pointer, note) for pointer, _, note in iter_notes(plan)]
    assert len(listed) == len(expected) > 80
    assert set(listed) == expected


def _root_example_with(indicator_changes: dict[str, Any]) -> list[tuple[str, str]]:
    data = gp.schema()["examples"][0]
    data["battles"][0]["groups"][0]["tasks"][0]["indicators"][0].update(indicator_changes)
    report = gp.validates(json.dumps(data, ensure_ascii=False))
    return [(p.code, p.pointer) for p in report.errors]


def test_a_baseline_in_the_wrong_unit_is_reported_at_the_baseline() -> None:
    indicator = "/battles/0/groups/0/tasks/0/indicators/0"
    assert _root_example_with({"baseline": "3亿元"}) == [
        ("unit-dimension", f"{indicator}/baseline"),
        ("unit-dimension", f"{indicator}/baseline"),
    ]


def test_a_range_across_dimensions_is_an_invalid_quantity() -> None:
    indicator = "/battles/0/groups/0/tasks/0/indicators/0"
    assert _root_example_with({"target": "8%-3亿元"}) == [
        ("invalid-quantity", f"{indicator}/target")
    ]


# ---- numbers no document prints (#10) ------------------------------------------------------


def test_a_target_of_40_digits_is_reported_where_it_stands() -> None:
    text = gp.examples.path("fenghuang-2023-sample").read_text("utf-8")
    assert "target: 3家" in text
    report = gp.validates(text.replace("target: 3家", "target: " + "1" * 40 + "家", 1))
    assert [(p.code, p.pointer) for p in report.problems] == [
        ("invalid-quantity", "/objectives/0/indicators/1/target")
    ]
    assert "40 digits" in report.problems[0].message


def test_an_allocation_cell_of_40_digits_is_reported_where_it_stands() -> None:
    # The cells were added as they were: decimal.InvalidOperation escaped the allocation sum.
    campaign = base(allocations=[allocation("1", ["1" * 40, "1", None])])
    problems = check(campaign)
    assert [(p.code, p.pointer) for p in problems] == [
        ("invalid-quantity", "/allocations/0/rows/0/parts/0")
    ]
    found = allocation_row_sum(campaign.allocations[0].rows[0])
    assert found is not None
    assert (found.summed, found.agrees, found.difference) == (None, None, None)
    assert found.error is not None
    assert "40 digits" in found.error
    total = base(allocations=[allocation("9" * 29, ["1", "1", None])])
    assert [(p.code, p.pointer) for p in check(total)] == [
        ("invalid-quantity", "/allocations/0/rows/0/total")
    ]


def test_a_file_with_a_40_digit_allocation_cell_validates_to_one_problem() -> None:
    row = {"id": "a.r1", "name": "项目", "unit": "个", "parts": ["1" * 40, "1"], "total": "1"}
    table = {"id": "a", "title": "表", "columns": ["甲", "乙"], "rows": [row]}
    data = json.loads(gp.dumps(gp.examples.load("fenghuang-2023-sample"), "json"))
    report = gp.validates(json.dumps({**data, "allocations": [table]}))
    assert [(p.code, p.pointer) for p in report.problems] == [
        ("invalid-quantity", "/allocations/0/rows/0/parts/0")
    ]


def test_allocation_sums_do_not_depend_on_the_callers_decimal_context() -> None:
    campaign = base(allocations=[allocation("3000001", ["1000000", "2000000", None])])
    with decimal.localcontext(prec=2):
        found = allocation_row_sum(campaign.allocations[0].rows[0])
        assert found is not None
        assert (found.summed, found.difference) == (Decimal(3000000), Decimal(-1))


def _with_extensions(value: Any, chosen: set[int], counter: list[int]) -> None:
    """Give an x_ field to each dict of *value* whose number (parts first) is in *chosen*."""
    if isinstance(value, dict):
        for item in list(value.values()):
            _with_extensions(item, chosen, counter)
        if counter[0] in chosen:
            value[f"x_probe{counter[0]}"] = counter[0]
        counter[0] += 1
    elif isinstance(value, list):
        for item in value:
            _with_extensions(item, chosen, counter)


@settings(max_examples=30, deadline=None)
@given(st.sets(st.integers(0, 160), max_size=12))
def test_extension_fields_are_reported_where_the_element_walk_finds_them(chosen: set[int]) -> None:
    data = gp.io.to_data(gp.examples.load("fenghuang-2023-sample"))
    dicts = [0]
    _with_extensions(data, chosen, dicts)
    campaign = converter.structure(data, gp.Campaign)
    expected = [
        join(pointer, key)
        for pointer, element in checks._walk_elements(campaign, "")
        for key in getattr(element, "extensions", {})
    ]
    found = [p.pointer for p in checks.check_extensions(campaign)]
    assert found == expected
    assert len(found) == len(chosen & set(range(dicts[0])))  # one for each dict given one
