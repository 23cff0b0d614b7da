"""The flat tables ``govplan export`` writes, with their stable columns.

Tasks, responsibilities, units, indicators, milestones and allocation cells, one row each.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from govplan._pointer import split
from govplan.checks import _unit_index, iter_groups, iter_indicators
from govplan.metrics._calendar import CalendarEntry
from govplan.metrics._compare import normalise_name
from govplan.metrics._places import _campaigns, _entries, _place
from govplan.metrics._tables import Row, Table
from govplan.metrics._workload import workload
from govplan.model import Campaign, Task
from govplan.org import ResponsibilitySet, Role
from govplan.quantity import Quantity, QuantityRange, format_quantity

#: The tables ``govplan export`` writes and their stable columns (docs/metrics.md).
EXPORT_COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "tasks": (
            "campaign",
            "battle",
            "group",
            "task",
            "parent",
            "depth",
            "kind",
            "number",
            "title",
            "lead_units",
            "cooperating_units",
            "responsible_units",
            "indicators",
            "milestones",
            "source_line",
        ),
        "responsibilities": (
            "campaign",
            "element_kind",
            "element",
            "battle",
            "note",
            "position",
            "unit",
            "unit_id",
            "role",
            "note_text",
        ),
        "units": (
            "campaign",
            "unit",
            "name",
            "kind",
            "level",
            "aliases",
            "lead",
            "cooperating",
            "responsible",
        ),
        "indicators": (
            "campaign",
            "pointer",
            "place",
            "battle",
            "element",
            "id",
            "name",
            "indicator",
            "kind",
            "target",
            "value",
            "low",
            "high",
            "unit",
            "comparator",
            "modality",
            "baseline",
            "summable",
            "period",
            "scope",
            "phrase",
            "source_line",
        ),
        "milestones": (
            "campaign",
            "battle",
            "task",
            "phrase",
            "due",
            "precision",
            "month",
            "quarter",
            "source_line",
        ),
        "allocations": (
            "campaign",
            "table",
            "title",
            "row",
            "name",
            "number",
            "category",
            "parent",
            "unit",
            "position",
            "column",
            "value",
        ),
    }
)


def _joined(names: Iterable[str]) -> str:
    return "、".join(dict.fromkeys(names))


def _task_rows(campaign: Campaign, index: Mapping[str, str]) -> list[Row]:
    rows = []
    for entry in _entries(campaign, include_subtasks=True):
        task = entry.task

        def units(role: Role, task: Task = task) -> str:
            return _joined(index.get(u, u) for u in task.units(role))

        rows.append(
            {
                "campaign": campaign.id,
                "battle": (entry.battle.id if entry.battle else None),
                "group": entry.groups[-1].id if entry.groups else None,
                "task": task.id,
                "parent": entry.parent.id if entry.parent else None,
                "depth": split(entry.pointer).count("subtasks"),
                "kind": task.kind.value,
                "number": task.number,
                "title": task.title,
                "lead_units": units(Role.LEAD),
                "cooperating_units": units(Role.COOPERATING),
                "responsible_units": units(Role.RESPONSIBLE),
                "indicators": len(task.indicators),
                "milestones": len(task.milestones),
                "source_line": task.source_line,
            }
        )
    return rows


def _responsibility_rows(campaign: Campaign, index: Mapping[str, str]) -> list[Row]:
    owners: list[tuple[str, str, str | None, tuple[ResponsibilitySet, ...]]] = []
    for battle in campaign.battles:
        owners.append(("battle", battle.id, battle.id, battle.responsibilities))
        owners.extend(
            ("group", group.id, battle.id, group.responsibilities) for group in battle.walk_groups()
        )
    owners.extend(
        ("group", group.id, None, group.responsibilities)
        for pointer, group in iter_groups(campaign)
        if pointer.startswith("/groups/")
    )
    owners.extend(
        ("task", e.task.id, (e.battle.id if e.battle else None), e.task.responsibilities)
        for e in _entries(campaign, include_subtasks=True)
    )
    return [
        {
            "campaign": campaign.id,
            "element_kind": kind,
            "element": element,
            "battle": battle,
            "note": n,
            "position": p,
            "unit": a.unit,
            "unit_id": index.get(a.unit),
            "role": a.role.value,
            "note_text": rset.text,
        }
        for kind, element, battle, sets in owners
        for n, rset in enumerate(sets)
        for p, a in enumerate(rset.assignments)
    ]


def _unit_rows(campaign: Campaign) -> list[Row]:
    counts = {r.unit: r for r in workload(campaign).counts}
    rows = []
    for unit in campaign.units:
        found = counts.get(unit.id)
        rows.append(
            {
                "campaign": campaign.id,
                "unit": unit.id,
                "name": unit.name,
                "kind": unit.kind.value,
                "level": unit.level.value if unit.level else None,
                "aliases": _joined(unit.aliases),
                "lead": found.lead if found else 0,
                "cooperating": found.cooperating if found else 0,
                "responsible": found.responsible if found else 0,
            }
        )
    return rows


def _indicator_rows(campaign: Campaign) -> list[Row]:
    rows = []
    for pointer, indicator in iter_indicators(campaign):
        place = _place(campaign, pointer)
        if place.tasks:
            where, element = "task", place.tasks[-1].id
        elif place.groups:
            where, element = "group", place.groups[-1].id
        elif place.battle is not None:
            where, element = "battle", place.battle.id
        else:
            where, element = "headline", campaign.id
        target = indicator.target
        single = target if isinstance(target, Quantity) else None
        ranged = target if isinstance(target, QuantityRange) else None
        rows.append(
            {
                "campaign": campaign.id,
                "pointer": pointer,
                "place": where,
                "battle": place.battle.id if place.battle else None,
                "element": element,
                "id": indicator.id,
                "name": indicator.name,
                "indicator": normalise_name(indicator.name),
                "kind": indicator.kind.value,
                "target": format_quantity(target) if target else None,
                "value": single.value if single else None,
                "low": ranged.low.value if ranged else None,
                "high": ranged.high.value if ranged else None,
                "unit": target.unit if target else None,
                "comparator": indicator.comparator.value,
                "modality": indicator.modality.value,
                "baseline": format_quantity(indicator.baseline) if indicator.baseline else None,
                "summable": indicator.summable,
                "period": indicator.period,
                "scope": indicator.scope,
                "phrase": indicator.phrase,
                "source_line": indicator.source_line,
            }
        )
    return rows


def _milestone_rows(campaign: Campaign) -> list[Row]:
    rows = []
    for entry in _entries(campaign, include_subtasks=True):
        for m in entry.task.milestones:
            placed = CalendarEntry(
                campaign=campaign.id,
                battle=(entry.battle.id if entry.battle else None),
                task=entry.task.id,
                phrase=m.phrase,
                due=m.due,
                precision=m.precision.value,
            )
            rows.append(
                {
                    "campaign": campaign.id,
                    "battle": (entry.battle.id if entry.battle else None),
                    "task": entry.task.id,
                    "phrase": m.phrase,
                    "due": m.due.isoformat(),
                    "precision": m.precision.value,
                    "month": placed.month,
                    "quarter": placed.quarter,
                    "source_line": m.source_line,
                }
            )
    return rows


def _allocation_rows(campaign: Campaign) -> list[Row]:
    return [
        {
            "campaign": campaign.id,
            "table": table.id,
            "title": table.title,
            "row": row.id,
            "name": row.name,
            "number": row.number,
            "category": row.category,
            "parent": row.parent,
            "unit": row.unit,
            "position": position,
            "column": column,
            "value": value,
        }
        for table in campaign.allocations
        for row in table.rows
        for position, (column, value) in enumerate(
            [
                (table.total_label or "total", row.total),
                *zip(table.columns, row.parts, strict=False),
            ]
        )
    ]


def export_tables(campaigns: Campaign | Iterable[Campaign]) -> dict[str, Table]:
    """The flat tables of ``govplan export``, by name (columns in :data:`EXPORT_COLUMNS`).

    The tables are tasks, responsibilities, units, indicators, milestones and allocations, with
    the stable columns docs/metrics.md lists.

    Tasks, responsibilities and milestones include sub-tasks; responsibilities are as stated
    (no conventions, no inheritance); ``units`` counts top-level tasks as :func:`workload` does
    with default options.  Allocation cells are one row each, the stated total at position 0,
    empty cells kept as None.

    .. versionadded:: 0.1.0
    """
    plans = _campaigns(campaigns)
    rows: dict[str, list[Row]] = {name: [] for name in EXPORT_COLUMNS}
    for campaign in plans:
        index = _unit_index(campaign)
        rows["tasks"].extend(_task_rows(campaign, index))
        rows["responsibilities"].extend(_responsibility_rows(campaign, index))
        rows["units"].extend(_unit_rows(campaign))
        rows["indicators"].extend(_indicator_rows(campaign))
        rows["milestones"].extend(_milestone_rows(campaign))
        rows["allocations"].extend(_allocation_rows(campaign))
    return {
        name: Table(name=name, header=EXPORT_COLUMNS[name], rows=tuple(found))
        for name, found in rows.items()
    }
