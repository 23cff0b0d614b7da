"""Documents of other kinds than campaign plans (schema 0.3): their parts are top-level groups."""

from __future__ import annotations

import pytest

import govplan as gp
from govplan import metrics
from govplan.checks import iter_indicators, iter_tasks
from govplan.report import render_report
from govplan.upgrade import upgrade_data

BREAKDOWN = """\
schema_version: 0.3.0
kind: task_breakdown
id: mouqu-2023
title: 2023年区《政府工作报告》确定的主要目标任务责任分解方案
year: 2023
region:
  name: 某区
  level: district
groups:
- id: g1
  number: 一、
  title: 2023年全区经济社会发展的主要预期目标
  tasks:
  - id: g1.t1
    number: (一)
    title: 地区生产总值增长7%以上
    text: 地区生产总值增长7%以上
    responsibilities:
    - text: 责任单位:区发展和改革局
      assignments:
      - unit: 区发展和改革局
        role: responsible
    indicators:
    - name: 地区生产总值
      kind: growth_rate
      phrase: 地区生产总值增长7%以上
      target: 7%
      direction: rise
      comparator: at_least
  - id: g1.t2
    number: (二)
    title: 城镇新增就业6000人
    text: 城镇新增就业6000人
    responsibilities:
    - text: 牵头单位:区人社局;配合单位:区财政局
      assignments:
      - unit: 区人社局
        role: lead
      - unit: 区财政局
        role: cooperating
units:
- id: 区发展和改革局
  name: 区发展和改革局
  kind: department
- id: 区人社局
  name: 区人社局
  kind: department
- id: 区财政局
  name: 区财政局
  kind: department
"""


def test_a_task_breakdown_is_valid_without_battles_or_campaign_name() -> None:
    report = gp.validates(BREAKDOWN, source="breakdown.yaml")
    assert not report.errors, report.errors
    plan = gp.loads(BREAKDOWN)
    assert plan.kind is gp.DocumentKind.TASK_BREAKDOWN
    assert plan.campaign_name is None
    assert plan.battles == ()


def test_every_walk_takes_the_top_level_groups_in() -> None:
    plan = gp.loads(BREAKDOWN)
    assert [p for p, _ in iter_tasks(plan)] == ["/groups/0/tasks/0", "/groups/0/tasks/1"]
    assert [t.id for t in plan.walk_tasks()] == ["g1.t1", "g1.t2"]
    assert [p for p, _ in iter_indicators(plan)] == ["/groups/0/tasks/0/indicators/0"]
    load = metrics.workload(plan)
    led = {row["unit"]: row["lead"] for row in load.to_rows()}
    assert led["区人社局"] == 1
    tables = metrics.export_tables(plan)
    tasks = tables["tasks"].rows
    assert [(r["task"], r["battle"]) for r in tasks] == [("g1.t1", None), ("g1.t2", None)]
    html = render_report(plan)
    assert "城镇新增就业6000人" in html


def test_a_campaign_plan_has_battles_not_top_level_groups() -> None:
    text = BREAKDOWN.replace("kind: task_breakdown\n", "").replace(
        "year: 2023\n", "campaign_name: 某某\nyear: 2023\n"
    )
    report = gp.validates(text, source="plan.yaml")
    assert [(p.code, p.pointer) for p in report.errors] == [("invalid-value", "/groups")]
    assert "because kind is campaign_plan (or absent)" in report.errors[0].message


def test_a_campaign_plan_names_its_campaign() -> None:
    text = BREAKDOWN.replace("kind: task_breakdown\n", "kind: campaign_plan\n").replace(
        "groups:\n", "battles: []\ngroups: []\nx_groups:\n"
    )
    report = gp.validates(text, source="plan.yaml")
    assert [p.code for p in report.errors] == ["missing-field"]
    assert "campaign_name" in report.errors[0].message


@pytest.mark.parametrize(
    "kind", [k.value for k in gp.DocumentKind if k is not gp.DocumentKind.CAMPAIGN_PLAN]
)
def test_each_other_kind_holds_groups(kind: str) -> None:
    report = gp.validates(BREAKDOWN.replace("task_breakdown", kind), source="plan.yaml")
    assert not report.errors


def test_a_0_2_file_upgrades_to_0_3_by_its_version_only() -> None:
    data = {"schema_version": "0.2.0", "id": "a-2023", "title": "t", "campaign_name": "c"}
    upgraded = upgrade_data(data)
    assert upgraded.data == {**data, "schema_version": "0.3.0"}
    assert len(upgraded.changes) == 1
