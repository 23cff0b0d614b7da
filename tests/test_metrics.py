"""govplan.metrics: workload, coverage, roll-ups, comparison, calendar, export; and the CLI."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govplan as gp
from govplan import cli
from govplan import metrics as m
from govplan._pointer import split
from govplan.checks import _unit_index, check, iter_tasks
from strategies import (
    NOT_SUMMABLE_UNITS,
    REGISTRY,
    allocations,
    positive_decimals,
    staffed_campaigns,
    wan_amounts,
)

SEEDS = ["changde-2023", "fenghuang-2023", "nanxian-2025", "pingjiang-2023"]


@pytest.fixture(scope="module")
def plans() -> dict[str, gp.Campaign]:
    return {name: gp.examples.load(name) for name in gp.examples.names()}


def minimal(**changes: object) -> gp.Campaign:
    campaign = gp.Campaign(
        schema_version=gp.SCHEMA_VERSION,
        id="test-2023",
        title="测试方案",
        campaign_name="发展六仗",
        year=2023,
        region=gp.Region(name="凤凰县", level=gp.RegionLevel.COUNTY),
        units=REGISTRY,
    )
    return attrs.evolve(campaign, **changes)


def task(tid: str, *sets: list[tuple[str, gp.Role]], **changes: object) -> gp.Task:
    return gp.Task(
        id=tid,
        title=tid,
        text="",
        responsibilities=[
            gp.ResponsibilitySet(
                assignments=[gp.Responsibility(unit=u, role=r) for u, r in assignments]
            )
            for assignments in sets
        ],
        **changes,
    )


def with_tasks(tasks: list[gp.Task], **group: object) -> gp.Campaign:
    return minimal(
        battles=[
            gp.Battle(
                id="b1",
                number=1,
                name="打好经济增长主动仗",
                groups=[gp.TaskGroup(id="b1.g1", title="组", tasks=tasks, **group)],
            )
        ]
    )


L, C, R = gp.Role.LEAD, gp.Role.COOPERATING, gp.Role.RESPONSIBLE


# --- workload ---------------------------------------------------------------------------------


@given(staffed_campaigns(), st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_per_role_counts_add_up_to_the_assignments(
    campaign: gp.Campaign, subtasks: bool, conventions: bool, inherit: bool, by_battle: bool
) -> None:
    options = m.CountingOptions(
        include_subtasks=subtasks, apply_conventions=conventions, inherit_group_leads=inherit
    )
    result = m.workload(campaign, options=options, by_battle=by_battle)
    found = m.assignments(campaign, options)
    triples = {(a.pointer, a.unit, a.role) for a in found}
    assert len(triples) == len(found) == result.assignments[campaign.id]
    for role in gp.Role:
        assert sum(r.count(role) for r in result.counts) == sum(a.role is role for a in found)
    assert sum(r.total for r in result.counts) == len(triples)
    assert all(r["options"] == options.label for r in result.to_rows())


@given(staffed_campaigns())
def test_stated_counts_match_an_independent_count(campaign: gp.Campaign) -> None:
    index = _unit_index(campaign)
    expected: Counter[tuple[str, gp.Role]] = Counter()
    for pointer, t in iter_tasks(campaign):
        if "subtasks" in split(pointer):
            continue
        stated = {
            (index.get(a.unit, a.unit), a.role) for s in t.responsibilities for a in s.assignments
        }
        expected.update(stated)
    result = m.workload(campaign)
    found = Counter({(r.unit, role): r.count(role) for r in result.counts for role in gp.Role})
    assert +found == +expected
    # Aliases are merged: no row is keyed by an alias.
    aliases = {a for unit in REGISTRY for a in unit.aliases}
    assert not {r.unit for r in result.counts} & aliases


def test_a_task_with_two_leads_counts_once_for_each_and_aliases_merge() -> None:
    campaign = with_tasks(
        [
            task("t1", [("县发改局", L), ("县财政局", L), ("商务局", C)]),
            task("t2", [("发改局", L)], [("县发展和改革局", L), ("县商务局", C)]),
        ]
    )
    result = m.workload(campaign)
    counts = {r.unit: (r.lead, r.cooperating, r.responsible) for r in result.counts}
    assert counts == {"县发改局": (2, 0, 0), "县财政局": (1, 0, 0), "县商务局": (0, 2, 0)}
    assert [r.unit for r in result.top(2)] == ["县发改局", "县财政局"]
    assert result.tasks == {"test-2023": 2}


def test_subtasks_count_only_with_the_option() -> None:
    sub = task("t1.r1", [("县财政局", L)], kind=gp.TaskKind.TABLE_ROW)
    campaign = with_tasks([task("t1", [("县发改局", L)], subtasks=[sub])])
    assert {r.unit for r in m.workload(campaign).counts} == {"县发改局"}
    options = m.CountingOptions(include_subtasks=True)
    result = m.workload(campaign, options=options)
    assert {r.unit for r in result.counts} == {"县发改局", "县财政局"}
    assert result.tasks == {"test-2023": 2}
    assert result.to_rows()[0]["options"] == "include_subtasks"


def test_first_listed_convention_applies_only_when_asked_and_stated() -> None:
    tasks = [task("t1", [("县财政局", R), ("县商务局", R)]), task("t2", [("县发改局", L)])]
    plain = with_tasks(tasks)
    stated = attrs.evolve(
        plain,
        conventions=[
            gp.Convention(kind=gp.ConventionKind.FIRST_LISTED_LEADS, text="排在第一位的为牵头单位")
        ],
    )
    on = m.CountingOptions(apply_conventions=True)
    assert m.workload(stated).top(5, role=L)[0].unit == "县发改局"
    assert {r.unit for r in m.workload(plain, options=on).top(5)} == {"县发改局"}
    counts = {
        r.unit: (r.lead, r.cooperating, r.responsible)
        for r in m.workload(stated, options=on).counts
    }
    assert counts["县财政局"] == (1, 0, 0)
    assert counts["县商务局"] == (0, 1, 0)
    assert {a.basis for a in m.assignments(stated, on) if a.task == "t1"} == {"convention"}
    assert "no effect" in m.stats(plain, options=on).to_text()
    assert "no effect" not in m.stats(stated, options=on).to_text()


def test_tasks_without_a_lead_inherit_the_group_lead_only_with_the_option() -> None:
    group_lead = [gp.ResponsibilitySet(assignments=[gp.Responsibility(unit="县财政局", role=L)])]
    campaign = with_tasks(
        [task("t1", [("县商务局", R)]), task("t2", [("县发改局", L)])],
        responsibilities=group_lead,
    )
    assert m.coverage(campaign).campaign_row("test-2023").with_lead == 1
    on = m.CountingOptions(inherit_group_leads=True)
    covered = m.coverage(campaign, options=on)
    assert covered.campaign_row("test-2023").with_lead == 2
    inherited = [a for a in m.assignments(campaign, on) if a.basis == "inherited"]
    assert [(a.task, a.unit, a.role) for a in inherited] == [("t1", "县财政局", L)]
    assert covered.to_rows()[0]["options"] == "inherit_group_leads"


# --- golden: the seed plans' top lead units -----------------------------------------------------

# Checked against the seeds: every note naming the unit as 牵头 (or 牵头单位:, X负责, 分别牵头)
# in a numbered task, a unit named in two notes of one task counted once; group headings
# such as "(三) 防范化解房地产风险(市住建局牵头)" are not tasks.
TOP_FIVE = {
    "changde-2023": [
        ("市发展改革委", 12),
        ("市商务局", 11),
        ("市住建局", 10),
        ("市工信局", 9),
        ("市行政审批局", 8),
    ],
    "fenghuang-2023": [
        ("县发改局", 11),
        ("县住建局", 8),
        ("县商务局", 7),
        ("县交通运输局", 5),
        ("县应急管理局", 5),
    ],
    "nanxian-2025": [
        ("县发展和改革局", 11),
        ("县科学技术和工业信息化局", 11),
        ("县商务局", 9),
        ("县人力资源和社会保障局", 8),
        ("县应安委办", 7),
    ],
    "pingjiang-2023": [
        ("科工信局", 15),
        ("发改局", 9),
        ("教育局", 9),
        ("商务粮食局", 9),
        ("市场监督管理局", 7),
    ],
}
TIED_WITH_FIFTH = {"fenghuang-2023": ["县教体局"], "pingjiang-2023": ["行政审批服务局"]}


@pytest.mark.parametrize("name", SEEDS)
def test_top_five_lead_units_of_each_seed_plan(plans: dict[str, gp.Campaign], name: str) -> None:
    result = m.workload(plans[name])
    assert [(r.unit, r.lead) for r in result.top(5)] == TOP_FIVE[name]
    with_ties = [r.unit for r in result.top(5, ties=True)]
    assert with_ties == [u for u, _ in TOP_FIVE[name]] + TIED_WITH_FIFTH.get(name, [])


def test_changde_allocation_adds_up_in_every_row_and_column(plans: dict[str, gp.Campaign]) -> None:
    checks = m.allocation_checks(plans["changde-2023"])
    parts = [c for c in checks.checks if c.check == "parts"]
    detail = [c for c in checks.checks if c.check == "detail"]
    assert len(parts) == 20
    assert all(c.agrees and c.difference == 0 for c in checks.checks)
    assert checks.disagreements == ()
    first = parts[0]
    assert (first.row, first.stated, first.summed, first.cells) == (
        "a1.r1",
        Decimal(53000),
        Decimal(53000),
        15,
    )
    # 新增公办学位 = 幼儿园 + 义务教育 + 高中 in the total and in each district that fills it.
    assert {c.row for c in detail} == {"a1.r5"}
    assert len(detail) == 10
    total = next(c for c in detail if c.column == "全市任务")
    assert (total.stated, total.detail) == (Decimal(7660), ("a1.r6", "a1.r7", "a1.r8"))


def test_headline_objectives_agree_with_battle_objectives(plans: dict[str, gp.Campaign]) -> None:
    for name in SEEDS:
        result = m.objective_checks(plans[name])
        assert result.disagreements == (), name
    changde = m.objective_checks(plans["changde-2023"])
    only = {c.indicator for c in changde.checks if c.status == "headline_only"}
    assert only == {"实际利用外资"}
    # 全社会研发经费支出 (headline) and 全社会研发经费投入 (battle 2) are one indicator.
    rd = next(c for c in changde.checks if c.indicator == "全社会研发经费投入")
    assert (rd.status, rd.battle, rd.headline.name) == ("agrees", "b2", "全社会研发经费支出")


def test_a_differing_battle_target_is_reported() -> None:
    def indicator(target: str) -> gp.Indicator:
        return gp.Indicator(
            name="地区生产总值",
            kind=gp.IndicatorKind.GROWTH_RATE,
            phrase=f"地区生产总值增长{target}",
            target=gp.Quantity.parse(target),
            comparator=gp.Comparator.AT_LEAST,
        )

    campaign = minimal(
        objectives=[gp.Objective(text="x", indicators=[indicator("8%")])],
        battles=[
            gp.Battle(
                id="b1",
                number=1,
                name="x",
                objectives=[gp.Objective(text="y", indicators=[indicator("7.5%")])],
            )
        ],
    )
    (found,) = m.objective_checks(campaign).checks
    assert found.status == "differs"
    assert found.reason == "target 8%以上 against 7.5%以上"


# --- roll-ups ---------------------------------------------------------------------------------


@st.composite
def summing_allocations(draw: st.DrawFn) -> gp.Allocation:
    """Tables whose rows state the sum of their parts, or an arbitrary total."""
    table = draw(allocations())
    rows = []
    for row in table.rows:
        parts = [p for p in row.parts if p is not None]
        if parts and draw(st.booleans()):
            row = attrs.evolve(row, total=sum(parts, Decimal(0)))  # noqa: PLW2901
        rows.append(row)
    return attrs.evolve(table, rows=rows)


@given(summing_allocations())
def test_an_allocation_rollup_is_the_sum_of_its_parts(table: gp.Allocation) -> None:
    campaign = minimal(allocations=[table])
    result = m.allocation_checks(campaign)
    by_row = {c.row: c for c in result.checks}
    for row in table.rows:
        parts = [p for p in row.parts if p is not None]
        if row.total is None or not parts:
            assert row.id not in by_row
            continue
        found = by_row[row.id]
        assert found.summed == sum(parts, Decimal(0))
        assert found.stated == row.total
        assert found.difference == found.summed - row.total
        assert found.agrees is (found.summed == row.total)
    # The validator and the metrics use the same arithmetic.
    warned = {p.pointer for p in check(campaign) if p.code == "allocation-total"}
    assert len(warned) == len(result.disagreements)


@given(st.lists(wan_amounts, min_size=1, max_size=5))
def test_totals_are_the_same_in_wan_yuan_and_yi_yuan(amounts: list[Decimal]) -> None:
    wan = [gp.Quantity(value=a, unit="万元") for a in amounts]
    yi = [gp.Quantity(value=a / 10000, unit="亿元") for a in amounts]
    assert m.sum_quantities(wan).same_amount(m.sum_quantities(yi))
    assert m.sum_quantities(wan, unit="亿元") == m.sum_quantities(yi, unit="亿元")

    def count(target: gp.Quantity) -> gp.Indicator:
        return gp.Indicator(name="项目投资", kind=gp.IndicatorKind.LEVEL, phrase="x", target=target)

    in_wan = m.sum_indicators(count(q) for q in wan)
    in_yi = m.sum_indicators(count(q) for q in yi)
    assert isinstance(in_wan, gp.Quantity)
    assert isinstance(in_yi, gp.Quantity)
    assert in_wan.same_amount(in_yi)
    # Allocation rows in 亿元 and detail rows in 万元: converted before they are added.
    parent = gp.AllocationRow(
        id="r1", name="投资", unit="亿元", parts=[], total=sum((q.value for q in yi), Decimal(0))
    )
    children = [
        gp.AllocationRow(
            id=f"r{i + 2}", name="项目", unit="万元", parts=[], total=q.value, parent="r1"
        )
        for i, q in enumerate(wan)
    ]
    table = gp.Allocation(id="a1", title="t", columns=[], rows=[parent, *children])
    (found,) = m.allocation_checks(minimal(allocations=[table])).checks
    assert found.agrees


@given(
    st.lists(positive_decimals, min_size=1, max_size=4),
    st.sampled_from(NOT_SUMMABLE_UNITS),
    st.sampled_from(gp.IndicatorKind),
)
def test_summing_percentages_is_refused(
    values: list[Decimal], unit: str, kind: gp.IndicatorKind
) -> None:
    quantities = [gp.Quantity(value=v, unit=unit) for v in values]
    with pytest.raises(m.NotSummableError):
        m.sum_quantities(quantities)
    forced = [
        gp.Indicator(name="x", kind=kind, phrase="x", target=q, summable=True) for q in quantities
    ]
    with pytest.raises(m.NotSummableError) as raised:
        m.sum_indicators(forced)
    assert raised.value.code == "not-summable"
    assert isinstance(raised.value, gp.QuantityError)


def test_growth_rates_shares_and_ranks_are_never_summed_even_in_counters() -> None:
    for kind in [gp.IndicatorKind.GROWTH_RATE, gp.IndicatorKind.RANK]:
        indicator = gp.Indicator(
            name="x", kind=kind, phrase="x", target=gp.Quantity.parse("3家"), summable=True
        )
        with pytest.raises(m.NotSummableError):
            m.sum_indicators([indicator])
    with pytest.raises(gp.UnitMismatchError):
        m.sum_quantities([gp.Quantity.parse("3家"), gp.Quantity.parse("2所")])


def test_ranges_add_end_by_end() -> None:
    indicators = [
        gp.Indicator(name="x", kind=gp.IndicatorKind.COUNT, phrase="x", target=gp.parse_quantity(t))
        for t in ["2-3家", "4家"]
    ]
    assert str(m.sum_indicators(indicators)) == "6家-7家"


def test_task_rollups_sum_summable_targets_and_compare_with_stated_figures(
    plans: dict[str, gp.Campaign],
) -> None:
    result = m.task_rollups(plans["fenghuang-2023"])
    compared = {(r.scope, r.element, r.indicator): r for r in result.compared}
    tourists = compared["battle", "b1", "接待游客"]
    assert (str(tourists.total), tourists.agrees) == ("2300万人次", True)
    assert all(r.agrees for r in result.compared)
    nanxian = m.task_rollups(plans["nanxian-2025"], min_terms=2)
    funds = next(
        r for r in nanxian.rollups if r.scope == "campaign" and r.indicator == "湘商回归到位资金"
    )
    assert (str(funds.total), funds.tasks) == ("40亿元", ("b1.g2.t3", "b2.g2.t1"))
    assert all(r.terms >= 2 for r in nanxian.rollups)
    # Percentages never appear in a roll-up.
    every = m.task_rollups(list(plans.values()))
    assert not any("%" in str(r.total) for r in every.rollups)


def test_rollup_report_names_what_it_does_not_check(plans: dict[str, gp.Campaign]) -> None:
    report = m.rollups(plans["changde-2023"])
    assert any("without parentheses or 其中" in n for n in report.not_checked)
    rows = report.to_rows()
    assert {r["check"] for r in rows} >= {
        "allocation-parts",
        "allocation-detail",
        "objective",
        "text-sum",
    }
    assert all(tuple(r) == m.RollUpReport.COLUMNS for r in rows)


# --- coverage, names, comparison, calendar ----------------------------------------------------


def test_coverage_per_battle_and_whole_plan(plans: dict[str, gp.Campaign]) -> None:
    result = m.coverage(plans["changde-2023"])
    rows = result.to_rows()
    assert [r["battle"] for r in rows] == ["b1", "b2", "b3", "b4", "b5", "b6", None]
    whole = result.campaign_row("changde-2023")
    assert (whole.tasks, whole.with_lead, whole.with_deadline) == (162, 107, 7)
    assert sum(r.tasks for r in result.rows if r.battle) == whole.tasks
    assert whole.share_lead == round(107 / 162, 4)
    inherited = m.coverage(
        plans["changde-2023"], options=m.CountingOptions(inherit_group_leads=True)
    )
    b4 = next(r for r in inherited.rows if r.battle == "b4")
    assert b4.with_lead == b4.tasks == 37


def test_names_are_normalised_and_the_mapping_extends() -> None:
    assert m.normalise_name("地方生产总值") == "地区生产总值"
    assert m.normalise_name("服务业（第三产业）增加值") == "服务业增加值"
    assert m.normalise_name(" 地区 生产总值") == "地区生产总值"
    assert m.normalise_name("地区经济总量") == "地区经济总量"
    extended = {**m.DEFAULT_NAME_MAP, "地区经济总量": "地区生产总值"}
    assert m.normalise_name("地区经济总量", extended) == "地区生产总值"


def test_growth_targets_line_up_across_the_seed_plans(plans: dict[str, gp.Campaign]) -> None:
    result = m.compare_indicators([plans[n] for n in SEEDS], kinds=[gp.IndicatorKind.GROWTH_RATE])
    wide = {r["indicator"]: r for r in result.wide_rows(min_campaigns=2)}
    assert wide["地区生产总值"] == {
        "indicator": "地区生产总值",
        "kind": "growth_rate",
        "changde-2023": "7%以上",
        "fenghuang-2023": "8%",
        "nanxian-2025": None,
        "pingjiang-2023": "8%以上",
    }
    assert wide["社会消费品零售总额"]["nanxian-2025"] == "6.0%以上"
    assert wide["全社会研发经费投入"]["changde-2023"] == "15%以上"
    # The 力争 of 力争第一产业增加值增长3%左右;规模工业增加值增长7.3%左右 ends at the ;
    # (docs/concepts.md §16), so the second target is stated plainly.
    assert wide["规模工业增加值"]["nanxian-2025"] == "7.3%左右"
    long = result.to_rows()
    assert all(tuple(r) == m.Comparison.COLUMNS for r in long)
    pingjiang = next(
        r for r in long if r["campaign"] == "pingjiang-2023" and r["indicator"] == "地区生产总值"
    )
    assert (pingjiang["name"], pingjiang["where"], pingjiang["value"]) == (
        "地方生产总值",
        "headline",
        Decimal(8),
    )


def test_calendar_by_month_and_quarter(plans: dict[str, gp.Campaign]) -> None:
    result = m.milestone_calendar(plans["changde-2023"])
    assert len(result.entries) == 8
    assert [e.due for e in result.entries] == sorted(e.due for e in result.entries)
    months = {r["period"]: r["milestones"] for r in result.counts("month").to_rows()}
    quarters = {r["period"]: r["milestones"] for r in result.counts("quarter").to_rows()}
    assert months == {"2023-06": 1, "2023-12": 7}
    assert quarters == {"2023-Q2": 1, "2023-Q4": 7}


# --- rows, frames, export -----------------------------------------------------------------------


def every_result(plans: dict[str, gp.Campaign]) -> list[m._Tabular]:
    seeds = [plans[n] for n in SEEDS]
    report = m.rollups(seeds)
    return [
        m.workload(seeds, by_battle=True),
        m.coverage(seeds),
        report,
        report.allocations,
        report.objectives,
        report.tasks,
        report.text,
        m.compare_indicators(seeds),
        m.milestone_calendar(seeds),
        *m.export_tables(seeds).values(),
    ]


def test_every_result_gives_rows_with_its_stable_columns(plans: dict[str, gp.Campaign]) -> None:
    for result in every_result(plans):
        rows = result.to_rows()
        assert rows, type(result).__name__
        assert all(tuple(row) == result.columns() for row in rows)
        json.dumps(m.json_ready(rows), default=str)
        header = next(csv.reader(result.to_csv().splitlines()))
        assert tuple(header) == result.columns()


def test_export_tables_have_the_documented_columns(plans: dict[str, gp.Campaign]) -> None:
    tables = m.export_tables(plans["fenghuang-2023"])
    assert list(tables) == list(m.EXPORT_COLUMNS)
    tasks = tables["tasks"].to_rows()
    assert len(tasks) == 156 + 52
    assert sum(r["depth"] == 1 for r in tasks) == 52
    units = {r["unit"]: r for r in tables["units"].to_rows()}
    assert units["县发改局"]["lead"] == 11
    docs = (Path(__file__).resolve().parents[1] / "docs" / "metrics.md").read_text(encoding="utf-8")
    for name, columns in m.EXPORT_COLUMNS.items():
        assert f"`{name}`" in docs
        for column in columns:
            assert f"`{column}`" in docs, (name, column)
    results: list[type[m._Tabular]] = [
        m.Workload,
        m.Coverage,
        m.AllocationChecks,
        m.ObjectiveChecks,
        m.TaskRollUps,
        m.StatedSums,
        m.RollUpReport,
        m.Comparison,
        m.Calendar,
    ]
    for result in results:
        assert f"`{result.__name__}`" in docs
        for column in result.COLUMNS:
            assert f"`{column}`" in docs, (result.__name__, column)


def test_to_frame(plans: dict[str, gp.Campaign]) -> None:
    pandas = pytest.importorskip("pandas")
    for result in every_result(plans):
        frame = result.to_frame()
        assert isinstance(frame, pandas.DataFrame)
        assert tuple(frame.columns) == result.columns()
        assert len(frame) == len(result.to_rows())


def test_to_frame_without_pandas_names_the_extra(
    plans: dict[str, gp.Campaign], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"govplan\[pandas\]"):
        m.coverage(plans["changde-2023"]).to_frame()


# --- command line -----------------------------------------------------------------------------


def test_stats_prints_top_lead_units_and_findings(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["stats", *SEEDS]) == 0
    out = capsys.readouterr().out
    for name, top in TOP_FIVE.items():
        assert f"== {name}:" in out
        for unit, _lead in top:
            assert unit in out
    assert "市发展改革委    12" in out
    assert "every one adds up" in out
    assert "not checked: a total printed beside its parts without parentheses or 其中" in out
    assert "== across campaigns" in out


def test_stats_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["stats", "changde-2023", "--format", "json", "--inherit-group-leads"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["options"] == "inherit_group_leads"
    assert set(m.STATS_TABLES) <= set(data)
    assert data["top_leads"][0]["options"] == "inherit_group_leads"
    assert cli.main(["stats", "changde-2023", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert tuple(lines[0].split(",")) == m.Workload.COLUMNS
    assert lines[1].startswith("changde-2023,,市发展改革委,")


def test_stats_of_an_unknown_plan_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["stats", "no-such-plan"]) == 2
    assert "no plan file or bundled example" in capsys.readouterr().err


def test_compare_lines_up_the_growth_targets(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["compare", *SEEDS, "--kind", "growth_rate"]) == 0
    out = capsys.readouterr().out
    header, _rule, *rows = out.splitlines()
    assert header.split() == ["indicator", "kind", *SEEDS]
    gdp = next(r for r in rows if r.startswith("地区生产总值"))
    assert gdp.split() == ["地区生产总值", "growth_rate", "7%以上", "8%", "-", "8%以上"]
    assert cli.main(["compare", *SEEDS, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "indicator,kind," + ",".join(SEEDS)
    assert cli.main(["compare", "changde-2023"]) == 2


def test_export_writes_every_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert cli.main(["export", "changde-2023", "--out", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.csv" for n in m.EXPORT_COLUMNS)
    for name, columns in m.EXPORT_COLUMNS.items():
        with (out / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            assert tuple(next(csv.reader(handle))) == columns
    assert cli.main(["export", "changde-2023", "--format", "json", "--out", str(out)]) == 0
    allocations = json.loads((out / "allocations.json").read_text(encoding="utf-8"))
    assert allocations[0]["value"] == 53000
    assert len(allocations) == 20 * 17


def test_export_opens_in_pandas(tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    assert cli.main(["export", "fenghuang-2023", "--out", str(tmp_path)]) == 0
    for name, columns in m.EXPORT_COLUMNS.items():
        frame = pandas.read_csv(tmp_path / f"{name}.csv")
        assert tuple(frame.columns) == columns
    tasks = pandas.read_csv(tmp_path / "tasks.csv")
    assert len(tasks) == 208


def test_a_failed_export_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def failing(self: m.Table) -> str:
        calls.append(self.name)
        if self.name == "indicators":
            raise gp.QuantityError("simulated failure")
        return m.csv_text(self.to_rows(), self.header)

    monkeypatch.setattr(m.Table, "to_csv", failing)
    assert cli.main(["export", "changde-2023", "--out", str(tmp_path)]) == 1
    assert "indicators" in calls
    assert list(tmp_path.iterdir()) == []


# --- arithmetic stated in the text ------------------------------------------------------------


def _sums_of(text: str) -> list[tuple[str, str, str, str]]:
    task = gp.Task(id="t1", title="t", text=text, source_line=3)
    plan = gp.Campaign(
        schema_version=gp.SCHEMA_VERSION,
        id="x-2023",
        title="t",
        campaign_name="c",
        year=2023,
        region=gp.Region(name="r", level=gp.RegionLevel.COUNTY),
        battles=[
            gp.Battle(
                id="b1", number=1, name="b", groups=[gp.TaskGroup(id="g1", title="g", tasks=[task])]
            )
        ],
    )
    return [
        (r["form"], r["stated"], r["summed"], r["status"]) for r in m.stated_sums(plan).to_rows()
    ]


def test_stated_sums_read_both_forms() -> None:
    assert _sums_of("残疾人托养120人(集中托养20人,居家托养100人)。") == [
        ("breakdown", "120人", "120人", "adds_up")
    ]
    assert _sums_of("新增停车位7234个,其中路外5674个,路内1560个。") == [
        ("of_which", "7234个", "7234个", "adds_up")
    ]
    assert _sums_of("投资1亿元(省级3000万元、县级6000万元)") == [
        ("breakdown", "1亿元", "0.9亿元", "parts_short")
    ]
    assert _sums_of("新建隔离带12公里（改造8公里，新建5公里）") == [
        ("breakdown", "12公里", "13公里", "parts_exceed")
    ]


def test_stated_sums_ignore_what_is_not_a_sum() -> None:
    assert _sums_of("完成20个(2023年6月底前完成10个)") == []  # one part only
    assert _sums_of("增长8%(其中一季度增长2%、二季度增长3%)") == []  # percentages
    assert _sums_of("培训500人(2023年、2024年)") == []  # years are not parts
    assert _sums_of("建成3家(含2所学校,1所医院)") == []  # 所 is not 家


@given(
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=2, max_size=5),
    st.integers(min_value=-3, max_value=3),
)
def test_stated_sum_status_follows_the_arithmetic(parts: list[int], offset: int) -> None:
    total = sum(parts) + offset
    if total < 0:
        return
    names = "甲乙丙丁戊"
    text = f"完成{total}个(" + "、".join(f"项目{names[i]}{p}个" for i, p in enumerate(parts)) + ")"
    [(form, stated, summed, status)] = _sums_of(text)
    assert (form, stated, summed) == ("breakdown", f"{total}个", f"{sum(parts)}个")
    expected = "adds_up" if offset == 0 else ("parts_short" if offset > 0 else "parts_exceed")
    assert status == expected


def test_stated_sums_on_the_examples(plans: dict[str, gp.Campaign]) -> None:
    rows = m.stated_sums([plans[n] for n in SEEDS]).to_rows()
    found = {(r["campaign"], r["element"]): (r["stated"], r["status"]) for r in rows}
    assert found[("fenghuang-2023", "b6.g3.t8")] == ("120人", "adds_up")
    assert found[("changde-2023", "b6.g3.t2")] == ("7660个", "adds_up")
    assert found[("pingjiang-2023", "b6.g1.t1")] == ("26个", "adds_up")
    assert found[("changde-2023", "b1.g4.t3")] == ("37个", "parts_short")
    assert all(r["status"] != "parts_exceed" for r in rows)


def test_compare_indicators_takes_one_campaign_as_the_others_do() -> None:
    plan = gp.examples.load("nanxian-2025")
    one = m.compare_indicators(plan)
    assert one == m.compare_indicators([plan])
    assert one.campaigns == ("nanxian-2025",)


# --- numbers no document prints, and bounded work (#10) -------------------------------------

HUGE = Decimal("1" * 40)


def huge_campaign() -> gp.Campaign:
    """Targets and allocation cells of 40 digits, which a file cannot hold but Python can."""
    k = gp.IndicatorKind

    def target(value: Decimal, unit: str) -> gp.Indicator:
        quantity = gp.Quantity(value=value, unit=unit)
        return gp.Indicator(name="项目投资", kind=k.LEVEL, phrase=str(quantity), target=quantity)

    tasks = [
        task("b1.g1.t1", [("县发改局", L)], indicators=[target(HUGE, "亿元")]),
        task("b1.g1.t2", [("县发改局", L)], indicators=[target(Decimal(1), "元")]),
    ]
    row = gp.AllocationRow(id="a1.r1", name="投资", unit="亿元", total=HUGE, parts=[HUGE, None])
    table = gp.Allocation(id="a1", title="表", columns=["甲", "乙"], rows=[row])
    campaign = with_tasks(tasks)
    headline = gp.Objective(text="总投资", indicators=[target(HUGE, "亿元")])
    battle = attrs.evolve(
        campaign.battles[0],
        objectives=[
            gp.Objective(text="投资", indicators=[target(Decimal("1" * 40 + "0" * 8), "元")])
        ],
    )
    return attrs.evolve(campaign, objectives=[headline], battles=[battle], allocations=[table])


def test_stats_rollups_compare_and_export_compute_with_huge_numbers_built_in_python() -> None:
    # A 40-digit target raised decimal.InvalidOperation in every sum (quantize past precision).
    campaign = huge_campaign()
    stats = m.stats(campaign)
    assert stats.to_text()
    json.dumps(stats.to_dict())
    for table in stats.tables().values():
        assert table.to_csv()
    rollups = m.task_rollups(campaign)
    total = next(r.total for r in rollups.rollups if r.scope == "campaign")
    assert total == gp.Quantity(value=Decimal("1" * 40 + ".00000001"), unit="亿元")
    # An allocation cell no document can print is not added (the validator reports it).
    (check,) = m.allocation_checks(campaign).checks
    assert (check.summed, check.agrees, check.difference) == (None, None, None)
    assert check.error is not None
    assert "40 digits" in check.error
    (objective,) = m.objective_checks(campaign).checks
    assert objective.status == "agrees"
    assert m.rollups(campaign).to_rows()
    other = attrs.evolve(campaign, id="other-2023")
    assert len(m.compare_indicators([campaign, other]).to_rows()) == 2
    assert all(t.to_rows() is not None for t in m.export_tables(campaign).values())


def test_a_number_in_text_is_read_from_the_first_of_its_digits() -> None:
    from govplan.metrics._rollups import _QUANTITY_IN_TEXT  # noqa: PLC0415 - the pattern itself

    assert _QUANTITY_IN_TEXT.match("1234亩", 0)
    # No match starts inside a run of digits: each start scanned the run again.
    assert _QUANTITY_IN_TEXT.match("1234亩", 1) is None


def test_a_run_of_digits_in_task_text_rolls_up_in_bounded_time() -> None:
    # 10,000 digits in a task's text took 18.6 s in govplan stats; 20,000 take over a minute.
    code = (
        "import attrs, govplan as gp\n"
        "c = gp.examples.load('fenghuang-2023-sample')\n"
        "b = c.battles[0]; g = b.groups[0]; t = g.tasks[0]\n"
        "t = attrs.evolve(t, text=t.text + '1' * 20000 + '亿')\n"
        "g = attrs.evolve(g, tasks=(t, *g.tasks[1:]))\n"
        "b = attrs.evolve(b, groups=(g, *b.groups[1:]))\n"
        "gp.stats([attrs.evolve(c, battles=(b, *c.battles[1:]))])\n"
    )
    try:
        result = subprocess.run(  # noqa: S603 - this interpreter on a fixed script
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=10, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail("govplan stats took over 10 s on a run of 20,000 digits")
    assert result.returncode == 0, result.stderr


def with_text(text: str) -> gp.Campaign:
    return with_tasks([attrs.evolve(task("b1.g1.t1", [("县发改局", L)]), text=text)])


def test_a_number_of_more_than_28_digits_in_text_is_no_figure() -> None:
    text = "新增学位" + "7" * 29 + "个(小学20个,初中30个)。新增学位50个(小学20个,初中30个)。"
    (found,) = m.stated_sums(with_text(text)).sums
    assert (found.stated, found.status) == (gp.Quantity.parse("50个"), "adds_up")


def test_an_of_which_clause_ends_at_the_next_of_which() -> None:
    # Each 其中 clause ran to the 。: a text of n totals with 其中 gave n sums of n parts each.
    text = "新增学位100个,其中小学60个,初中40个,其中公办30个,民办10个。"
    found = m.stated_sums(with_text(text)).sums
    assert [(str(s.stated), s.status) for s in found] == [("100个", "adds_up"), ("40个", "adds_up")]
    many = "新增1亩,其中" * 500 + "。"
    assert m.stated_sums(with_text(many)).sums == ()


@pytest.mark.parametrize("include_subtasks", [True, False])
def test_task_places_from_the_walk_are_where_their_pointers_lead(include_subtasks: bool) -> None:
    from govplan.checks import iter_tasks  # noqa: PLC0415
    from govplan.metrics._places import _entries, _place  # noqa: PLC0415

    for name in gp.examples.names():
        campaign = gp.examples.load(name)
        expected = []
        for pointer, task in iter_tasks(campaign):
            place = _place(campaign, pointer)
            parent = place.tasks[-2] if len(place.tasks) > 1 else None
            if parent is None or include_subtasks:
                expected.append((pointer, task, place.battle, place.groups, parent))
        found = [
            (e.pointer, e.task, e.battle, e.groups, e.parent)
            for e in _entries(campaign, include_subtasks)
        ]
        assert [f[0] for f in found] == [e[0] for e in expected]
        assert all(
            a[1] is b[1] and a[2] is b[2] and a[4] is b[4] and a[3] == b[3]
            for a, b in zip(found, expected, strict=True)
        )
