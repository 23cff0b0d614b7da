"""Derived metrics: who carries the work, whether the numbers hang together, how plans compare.

Every function takes one :class:`~govplan.Campaign` or several and returns a frozen, typed
result.  Each result converts to plain rows with stable column names (:meth:`to_rows`, for CSV
and JSON) and, with the optional extra ``govplan[pandas]``, to a DataFrame (:meth:`to_frame`).

- :func:`workload`: tasks per unit, split by role (lead, cooperating, responsible), aliases merged
  through the unit registry; per campaign or per battle.
- :func:`coverage`: share of tasks with a lead, a quantified target, a deadline; per battle.
- :func:`rollups`: allocation tables (parts against totals, detail rows against their row),
  headline objectives against battle objectives, task-level quantities summed to group, battle
  and campaign (:func:`allocation_checks`, :func:`objective_checks`, :func:`task_rollups`).
- :func:`compare_indicators`: the same indicator across plans, names normalised through
  :data:`DEFAULT_NAME_MAP`.
- :func:`milestone_calendar`: deadlines by month and quarter.
- :func:`export_tables`: the flat tables ``govplan export`` writes.
- :func:`stats`: the bundle ``govplan stats`` prints.

The counting rules and the stable column names are documented in ``docs/metrics.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import functools
import importlib
import io
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any, ClassVar, Literal

import attrs

from govplan._pointer import split
from govplan.checks import (
    _unit_index,
    allocation_detail_sums,
    allocation_row_sum,
    iter_indicators,
    iter_tasks,
)
from govplan.errors import QuantityError
from govplan.model import (
    Battle,
    Campaign,
    Comparator,
    ConventionKind,
    Indicator,
    IndicatorKind,
    Modality,
    Task,
    TaskGroup,
)
from govplan.org import ResponsibilitySet, Role, Unit, UnitKind
from govplan.quantity import Quantity, QuantityRange, format_quantity, known_units

__all__ = [
    "DEFAULT_NAME_MAP",
    "EXPORT_COLUMNS",
    "NOT_CHECKED",
    "STATS_TABLES",
    "AllocationCheck",
    "AllocationChecks",
    "Assignment",
    "Calendar",
    "CalendarEntry",
    "Comparison",
    "ComparisonEntry",
    "CountingOptions",
    "Coverage",
    "CoverageRow",
    "NotSummableError",
    "ObjectiveCheck",
    "ObjectiveChecks",
    "RollUp",
    "RollUpReport",
    "Stats",
    "Table",
    "TaskRollUps",
    "UnitCount",
    "Workload",
    "allocation_checks",
    "assignments",
    "compare_indicators",
    "coverage",
    "csv_text",
    "export_tables",
    "format_table",
    "json_ready",
    "milestone_calendar",
    "normalise_name",
    "objective_checks",
    "rollups",
    "stats",
    "sum_indicators",
    "sum_quantities",
    "task_rollups",
    "workload",
]

#: A plain row: column name -> str, int, float, bool, Decimal or None.
Row = dict[str, Any]

_PANDAS_HINT = "to_frame() needs pandas: install the extra with pip install 'govplan[pandas]'"


class NotSummableError(QuantityError):
    """Values that must never be added up were summed: percentages, 个百分点, rates (元/人)."""

    default_code = "not-summable"


# ---------------------------------------------------------------------------------------------
# Plain rows, CSV, JSON and DataFrames


def _plain(value: Any) -> Any:
    """A cell as JSON-ready data: enums as their value, dates as ISO text, quantities as text."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Quantity | QuantityRange):
        return format_quantity(value)
    return value


def json_ready(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows with exact decimals turned into JSON numbers (int when whole, else float)."""

    def number(value: Any) -> Any:
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return value

    return [{key: number(value) for key, value in row.items()} for row in rows]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Rows as CSV text (newline line ends, header line first; empty cells for None)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def _frame(rows: list[Row], columns: Sequence[str]) -> Any:
    try:
        pandas = importlib.import_module("pandas")
    except ImportError as exc:
        raise ImportError(_PANDAS_HINT) from exc
    data = [
        {key: float(value) if isinstance(value, Decimal) else value for key, value in row.items()}
        for row in rows
    ]
    return pandas.DataFrame(data, columns=list(columns))


class _Tabular:
    """Mixin: a result that is a table with stable column names."""

    __slots__ = ()

    #: The stable column names of :meth:`to_rows`, in order.
    COLUMNS: ClassVar[tuple[str, ...]] = ()

    def columns(self) -> tuple[str, ...]:
        """The column names of :meth:`to_rows`, in order."""
        return self.COLUMNS

    def to_rows(self) -> list[Row]:
        """Plain rows (dicts keyed by :meth:`columns`), ready for CSV or JSON."""
        raise NotImplementedError

    def to_csv(self) -> str:
        """The rows as CSV text with a header line."""
        return csv_text(self.to_rows(), self.columns())

    def to_frame(self) -> Any:
        """The rows as a ``pandas.DataFrame`` (needs the extra ``govplan[pandas]``).

        Exact decimals become floats; use :meth:`to_rows` for exact values.
        """
        return _frame(self.to_rows(), self.columns())


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in {"W", "F"} else 1 for c in text)


def _text(value: Any) -> str:
    return "-" if value is None else _csv_cell(_plain(value))


def format_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    headers: Mapping[str, str] | None = None,
    indent: str = "  ",
) -> str:
    """Rows as an aligned terminal table; wide (CJK) characters count as two columns.

    Numbers are right-aligned, text left-aligned; None prints as ``-``.
    """
    headers = headers or {}
    titles = [headers.get(c, c) for c in columns]
    cells = [[_text(row.get(c)) for c in columns] for row in rows]
    numeric = [
        all(isinstance(row.get(c), int | float | Decimal) or row.get(c) is None for row in rows)
        and any(row.get(c) is not None for row in rows)
        for c in columns
    ]
    widths = [max([_width(t)] + [_width(r[i]) for r in cells]) for i, t in enumerate(titles)]

    def line(values: Sequence[str]) -> str:
        parts = []
        for i, value in enumerate(values):
            pad = " " * (widths[i] - _width(value))
            parts.append(pad + value if numeric[i] else value + pad)
        return (indent + "  ".join(parts)).rstrip()

    out = [line(titles), indent + "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Counting options and assignments


@attrs.frozen(kw_only=True)
class CountingOptions:
    """How tasks and responsibilities are counted; everything off by default.

    Every output that counts states the options that were on (column ``options``).
    """

    #: Count inline sub-items and task-table rows as tasks of their own (default: top-level
    #: tasks only; each task counts on its own notes, targets and deadlines).
    include_subtasks: bool = False
    #: Apply a convention the campaign states ("排在第一位的为牵头单位"): in a note naming no
    #: lead, the first-listed unit leads and the others cooperate.  No effect on campaigns that
    #: state no such convention.
    apply_conventions: bool = False
    #: A task whose notes name no lead takes the leads of the nearest enclosing task group whose
    #: own note names one (battle-level notes and parent tasks are never inherited from).
    inherit_group_leads: bool = False

    @property
    def label(self) -> str:
        """The options that are on, comma-separated (``""`` when all are off)."""
        names = [f.name for f in attrs.fields(CountingOptions) if getattr(self, f.name)]
        return ",".join(names)


_DEFAULT_OPTIONS = CountingOptions()


@attrs.frozen(kw_only=True)
class _Place:
    """Where an element stands: its battle, groups (outermost first) and tasks."""

    battle: Battle | None = None
    groups: tuple[TaskGroup, ...] = ()
    tasks: tuple[Task, ...] = ()


def _place(campaign: Campaign, pointer: str) -> _Place:
    """Resolve the battle, groups and tasks a pointer of iter_tasks / iter_indicators passes."""
    tokens = split(pointer)
    battle: Battle | None = None
    groups: list[TaskGroup] = []
    tasks: list[Task] = []
    for key, index in zip(tokens[::2], tokens[1::2], strict=False):
        if not index.isdigit():
            break
        i = int(index)
        if key == "battles":
            battle = campaign.battles[i]
        elif key == "groups" and battle is not None:
            groups.append((groups[-1].groups if groups else battle.groups)[i])
        elif key == "tasks" and groups:
            tasks.append(groups[-1].tasks[i])
        elif key == "subtasks" and tasks:
            tasks.append(tasks[-1].subtasks[i])
    return _Place(battle=battle, groups=tuple(groups), tasks=tuple(tasks))


@attrs.frozen(kw_only=True)
class _Entry:
    pointer: str
    task: Task
    battle: Battle
    groups: tuple[TaskGroup, ...]
    parent: Task | None


def _entries(campaign: Campaign, include_subtasks: bool) -> list[_Entry]:
    found = []
    for pointer, task in iter_tasks(campaign):
        place = _place(campaign, pointer)
        parent = place.tasks[-2] if len(place.tasks) > 1 else None
        if place.battle is None or (parent is not None and not include_subtasks):
            continue
        found.append(
            _Entry(
                pointer=pointer, task=task, battle=place.battle, groups=place.groups, parent=parent
            )
        )
    return found


@attrs.frozen(kw_only=True)
class Assignment:
    """One (task, unit, role) as counted: the unit resolved through the registry."""

    campaign: str
    battle: str
    task: str
    #: JSON pointer of the task (unique even where ids are not).
    pointer: str
    #: Registry id of the unit, or the name as printed when the registry does not know it.
    unit: str
    #: The name as printed (first mention in the task).
    printed: str
    role: Role
    #: How the role was obtained: ``stated``, ``convention`` or ``inherited``.
    basis: Literal["stated", "convention", "inherited"] = "stated"


def _set_roles(
    rset: ResponsibilitySet, first_leads: bool
) -> list[tuple[str, Role, Literal["stated", "convention"]]]:
    """(printed unit, role, basis) of one note, with the first-listed convention if asked."""
    units = [(a.unit, a.role) for a in rset.assignments]
    if not first_leads or not units or any(role is Role.LEAD for _, role in units):
        return [(unit, role, "stated") for unit, role in units]
    found: list[tuple[str, Role, Literal["stated", "convention"]]] = [
        (units[0][0], Role.LEAD, "convention")
    ]
    for unit, role in units[1:]:
        if role is Role.RESPONSIBLE:
            found.append((unit, Role.COOPERATING, "convention"))
        else:
            found.append((unit, role, "stated"))
    return found


def _states_first_leads(campaign: Campaign) -> bool:
    return any(c.kind is ConventionKind.FIRST_LISTED_LEADS for c in campaign.conventions)


def _task_assignments(
    campaign: Campaign,
    entry: _Entry,
    options: CountingOptions,
    index: Mapping[str, str],
) -> list[Assignment]:
    first_leads = options.apply_conventions and _states_first_leads(campaign)
    raw: list[tuple[str, Role, Literal["stated", "convention", "inherited"]]] = [
        found for rset in entry.task.responsibilities for found in _set_roles(rset, first_leads)
    ]
    if options.inherit_group_leads and not any(role is Role.LEAD for _, role, _ in raw):
        for group in reversed(entry.groups):
            leads = [
                unit
                for rset in group.responsibilities
                for unit, role, _ in _set_roles(rset, first_leads)
                if role is Role.LEAD
            ]
            if leads:
                raw.extend((unit, Role.LEAD, "inherited") for unit in leads)
                break
    seen: dict[tuple[str, Role], Assignment] = {}
    for printed, role, basis in raw:
        unit = index.get(printed, printed)
        seen.setdefault(
            (unit, role),
            Assignment(
                campaign=campaign.id,
                battle=entry.battle.id,
                task=entry.task.id,
                pointer=entry.pointer,
                unit=unit,
                printed=printed,
                role=role,
                basis=basis,
            ),
        )
    return list(seen.values())


def assignments(campaign: Campaign, options: CountingOptions | None = None) -> list[Assignment]:
    """Every (task, unit, role) counted under *options*, in document order, without repeats.

    A unit named twice with one role in a task (in two notes, or under two names of the
    registry) counts once; a unit with two roles in a task counts once for each role.
    """
    options = options or _DEFAULT_OPTIONS
    index = _unit_index(campaign)
    return [
        found
        for entry in _entries(campaign, options.include_subtasks)
        for found in _task_assignments(campaign, entry, options, index)
    ]


def _campaigns(campaigns: Campaign | Iterable[Campaign]) -> tuple[Campaign, ...]:
    return (campaigns,) if isinstance(campaigns, Campaign) else tuple(campaigns)


# ---------------------------------------------------------------------------------------------
# Workload


@attrs.frozen(kw_only=True)
class UnitCount:
    """How many tasks one unit leads, cooperates on and is responsible for, in one scope."""

    campaign: str
    #: The battle counted, or None for the whole campaign.
    battle: str | None
    #: Registry id, or the name as printed when the registry does not know it.
    unit: str
    #: Canonical name from the registry (the printed name when not registered).
    name: str
    kind: UnitKind | None
    registered: bool
    lead: int
    cooperating: int
    responsible: int

    @property
    def total(self) -> int:
        """Tasks counted in any role (a unit with two roles in one task counts twice)."""
        return self.lead + self.cooperating + self.responsible

    def count(self, role: Role) -> int:
        """The count for *role*."""
        return {
            Role.LEAD: self.lead,
            Role.COOPERATING: self.cooperating,
            Role.RESPONSIBLE: self.responsible,
        }[role]


def _rank_key(role: Role) -> Any:
    def key(row: UnitCount) -> tuple[int, int, str]:
        return (-row.count(role), -row.total, row.unit)

    return key


@attrs.frozen(kw_only=True)
class Workload(_Tabular):
    """Tasks per unit and role, per campaign (``battle`` None) or per battle."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "battle",
        "unit",
        "name",
        "kind",
        "registered",
        "lead",
        "cooperating",
        "responsible",
        "total",
        "options",
    )

    options: CountingOptions
    campaigns: tuple[str, ...]
    by_battle: bool
    #: Tasks counted, per campaign.
    tasks: Mapping[str, int] = attrs.field(hash=False)
    #: Distinct (task, unit, role) assignments, per campaign.
    assignments: Mapping[str, int] = attrs.field(hash=False)
    #: One entry per unit and scope: campaigns and battles in document order, then by lead
    #: count, total and unit id.
    counts: tuple[UnitCount, ...]

    def top(
        self,
        n: int = 5,
        *,
        role: Role = Role.LEAD,
        campaign: str | None = None,
        battle: str | None = None,
        ties: bool = False,
    ) -> tuple[UnitCount, ...]:
        """The *n* units with most tasks in *role* (ties broken by total, then unit id).

        With *ties*, units tied with the *n*-th on the *role* count are included too.  Units
        with no task in *role* are never listed.
        """
        rows = sorted(
            (
                r
                for r in self.counts
                if (campaign is None or r.campaign == campaign)
                and (battle is None or r.battle == battle)
                and r.count(role) > 0
            ),
            key=_rank_key(role),
        )
        if ties and len(rows) > n > 0:
            cutoff = rows[n - 1].count(role)
            return tuple(r for r in rows if r.count(role) >= cutoff)
        return tuple(rows[:n])

    def to_rows(self) -> list[Row]:
        """One row per unit and scope."""
        return [
            {
                "campaign": r.campaign,
                "battle": r.battle,
                "unit": r.unit,
                "name": r.name,
                "kind": _plain(r.kind),
                "registered": r.registered,
                "lead": r.lead,
                "cooperating": r.cooperating,
                "responsible": r.responsible,
                "total": r.total,
                "options": self.options.label,
            }
            for r in self.counts
        ]


def _unit_info(campaign: Campaign) -> dict[str, Unit]:
    return {unit.id: unit for unit in campaign.units}


def workload(
    campaigns: Campaign | Iterable[Campaign],
    *,
    by_battle: bool = False,
    options: CountingOptions | None = None,
) -> Workload:
    """Count tasks per unit and role, per campaign or (with *by_battle*) per battle.

    Counting rules (docs/metrics.md): each distinct (task, unit, role) counts once; aliases are
    merged through the unit registry; a task with two leads counts once for each; by default
    only top-level tasks count, on their own notes.
    """
    options = options or _DEFAULT_OPTIONS
    plans = _campaigns(campaigns)
    counts: list[UnitCount] = []
    tasks: dict[str, int] = {}
    totals: dict[str, int] = {}
    for campaign in plans:
        found = assignments(campaign, options)
        tasks[campaign.id] = len(_entries(campaign, options.include_subtasks))
        totals[campaign.id] = len(found)
        units = _unit_info(campaign)
        tally: dict[tuple[str | None, str], Counter[Role]] = defaultdict(Counter)
        for item in found:
            tally[item.battle if by_battle else None, item.unit][item.role] += 1
        order = {battle.id: b for b, battle in enumerate(campaign.battles)}
        rows = []
        for (battle, unit_id), roles in tally.items():
            unit = units.get(unit_id)
            rows.append(
                UnitCount(
                    campaign=campaign.id,
                    battle=battle,
                    unit=unit_id,
                    name=unit.name if unit else unit_id,
                    kind=unit.kind if unit else None,
                    registered=unit is not None,
                    lead=roles[Role.LEAD],
                    cooperating=roles[Role.COOPERATING],
                    responsible=roles[Role.RESPONSIBLE],
                )
            )
        rank = _rank_key(Role.LEAD)
        counts.extend(
            sorted(rows, key=lambda r: (order.get(r.battle, -1) if r.battle else -1, rank(r)))
        )
    return Workload(
        options=options,
        campaigns=tuple(c.id for c in plans),
        by_battle=by_battle,
        tasks=tasks,
        assignments=totals,
        counts=tuple(counts),
    )


# ---------------------------------------------------------------------------------------------
# Coverage


@attrs.frozen(kw_only=True)
class CoverageRow:
    """Tasks of one battle (or of the whole campaign) with a lead, a target, a deadline."""

    campaign: str
    #: The battle, or None for the whole campaign.
    battle: str | None
    name: str
    tasks: int
    with_lead: int
    with_target: int
    with_deadline: int
    #: Distinct units leading at least one of the tasks.
    lead_units: int

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(part / whole, 4) if whole else None

    @property
    def share_lead(self) -> float | None:
        """Share of tasks with a lead (None when there are no tasks)."""
        return self._share(self.with_lead, self.tasks)

    @property
    def share_target(self) -> float | None:
        """Share of tasks with a quantified target."""
        return self._share(self.with_target, self.tasks)

    @property
    def share_deadline(self) -> float | None:
        """Share of tasks with a deadline."""
        return self._share(self.with_deadline, self.tasks)


@attrs.frozen(kw_only=True)
class Coverage(_Tabular):
    """Coverage per battle, then the whole campaign (``battle`` None), for each campaign."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "battle",
        "name",
        "tasks",
        "with_lead",
        "with_target",
        "with_deadline",
        "lead_units",
        "share_lead",
        "share_target",
        "share_deadline",
        "options",
    )

    options: CountingOptions
    rows: tuple[CoverageRow, ...]

    def campaign_row(self, campaign: str) -> CoverageRow:
        """The whole-campaign row of *campaign*."""
        return next(r for r in self.rows if r.campaign == campaign and r.battle is None)

    def to_rows(self) -> list[Row]:
        """One row per battle and one per campaign."""
        return [
            {
                "campaign": r.campaign,
                "battle": r.battle,
                "name": r.name,
                "tasks": r.tasks,
                "with_lead": r.with_lead,
                "with_target": r.with_target,
                "with_deadline": r.with_deadline,
                "lead_units": r.lead_units,
                "share_lead": r.share_lead,
                "share_target": r.share_target,
                "share_deadline": r.share_deadline,
                "options": self.options.label,
            }
            for r in self.rows
        ]


def _quantified(task: Task) -> bool:
    return any(indicator.target is not None for indicator in task.indicators)


def _coverage_row(
    campaign: str,
    battle: str | None,
    name: str,
    chosen: list[_Entry],
    leads: Mapping[str, set[str]],
) -> CoverageRow:
    return CoverageRow(
        campaign=campaign,
        battle=battle,
        name=name,
        tasks=len(chosen),
        with_lead=sum(bool(leads[e.pointer]) for e in chosen),
        with_target=sum(_quantified(e.task) for e in chosen),
        with_deadline=sum(bool(e.task.milestones) for e in chosen),
        lead_units=len({u for e in chosen for u in leads[e.pointer]}),
    )


def coverage(
    campaigns: Campaign | Iterable[Campaign], *, options: CountingOptions | None = None
) -> Coverage:
    """Share of tasks with a lead, with a quantified target and with a deadline, per battle.

    A task has a lead when its notes name one (or the options give it one); a quantified target
    when one of its own indicators has a target; a deadline when it states a milestone.
    """
    options = options or _DEFAULT_OPTIONS
    rows: list[CoverageRow] = []
    for campaign in _campaigns(campaigns):
        index = _unit_index(campaign)
        entries = _entries(campaign, options.include_subtasks)
        leads = {
            e.pointer: {
                a.unit
                for a in _task_assignments(campaign, e, options, index)
                if a.role is Role.LEAD
            }
            for e in entries
        }
        for battle in campaign.battles:
            chosen = [e for e in entries if e.battle is battle]
            rows.append(_coverage_row(campaign.id, battle.id, battle.name, chosen, leads))
        rows.append(_coverage_row(campaign.id, None, campaign.title, entries, leads))
    return Coverage(options=options, rows=tuple(rows))


# ---------------------------------------------------------------------------------------------
# Summing quantities and indicators

_NOT_SUMMABLE_KINDS = {
    IndicatorKind.GROWTH_RATE,
    IndicatorKind.SHARE,
    IndicatorKind.PERCENTAGE_POINT_CHANGE,
    IndicatorKind.RANK,
    IndicatorKind.QUALITATIVE,
}


def _quantity_not_summable(quantity: Quantity) -> str | None:
    """Why *quantity* may not be added up (a percentage, 个百分点, a rate), or None."""
    dimension = quantity.dimensionality
    if dimension == "dimensionless":
        return f"{quantity} is a ratio (% or ‰); percentages are never added up"
    if "[percentage_point]" in dimension:
        return f"{quantity} is a change of a ratio (个百分点); it is never added up"
    if "/" in quantity.unit:
        return f"{quantity} is a rate ({quantity.unit}); rates are never added up"
    return None


def _indicator_not_summable(indicator: Indicator) -> str | None:
    target = indicator.target
    if target is None:
        return f"{indicator.name!r} states no quantity to add"
    ends = [target.low, target.high] if isinstance(target, QuantityRange) else [target]
    for quantity in ends:
        reason = _quantity_not_summable(quantity)
        if reason:
            return f"{indicator.name!r}: {reason}"
    if indicator.kind in _NOT_SUMMABLE_KINDS:
        return f"{indicator.name!r} is a {indicator.kind} indicator; it is never added up"
    if not indicator.summable:
        return f"{indicator.name!r} is marked summable: false"
    return None


def sum_quantities(quantities: Iterable[Quantity], *, unit: str | None = None) -> Quantity:
    """Add quantities exactly, converting to *unit* (default: the first quantity's unit).

    Raises :class:`NotSummableError` for percentages, 个百分点 and rates (元/人), which are never
    added up, and :class:`~govplan.UnitMismatchError` for quantities of different dimensions
    (亿元 + 万亩, 家 + 所).  With no quantities, *unit* is required and the sum is zero.
    """
    items = list(quantities)
    for quantity in items:
        reason = _quantity_not_summable(quantity)
        if reason:
            raise NotSummableError(f"cannot sum: {reason}", text=str(quantity))
    if unit is None:
        if not items:
            raise QuantityError("nothing to sum: give the unit of the (zero) sum")
        unit = items[0].unit
    total = Quantity(value=Decimal(0), unit=unit)
    for quantity in items:
        total = total + quantity
    return total


def sum_indicators(
    indicators: Iterable[Indicator], *, unit: str | None = None
) -> Quantity | QuantityRange:
    """Add the targets of summable indicators; ranges add end by end.

    Raises :class:`NotSummableError` for any indicator that may not be summed: no target, a
    growth rate, share, 个百分点 change or rank, a target in % or a rate, or ``summable: false``.
    """
    items = list(indicators)
    for indicator in items:
        reason = _indicator_not_summable(indicator)
        if reason:
            raise NotSummableError(f"cannot sum: {reason}", text=indicator.phrase)
    lows: list[Quantity] = []
    highs: list[Quantity] = []
    ranged = False
    for indicator in items:
        target = indicator.target
        if isinstance(target, QuantityRange):
            ranged = True
            lows.append(target.low)
            highs.append(target.high)
        elif target is not None:
            lows.append(target)
            highs.append(target)
    if unit is None and highs:
        unit = highs[0].unit
    high = sum_quantities(highs, unit=unit)
    if not ranged:
        return high
    return QuantityRange(low=sum_quantities(lows, unit=high.unit), high=high)


# ---------------------------------------------------------------------------------------------
# Indicator names

#: Names that mean the same indicator, mapped to one canonical name.  Extend it by passing
#: ``name_map={**DEFAULT_NAME_MAP, "别名": "规范名"}`` to the functions that take one.
DEFAULT_NAME_MAP: Mapping[str, str] = MappingProxyType(
    {
        "地方生产总值": "地区生产总值",
        "GDP": "地区生产总值",
        "全社会固定资产投资": "固定资产投资",
        "社会固定资产投资": "固定资产投资",
        "全社会消费品零售总额": "社会消费品零售总额",
        "社零总额": "社会消费品零售总额",
        "规模以上工业增加值": "规模工业增加值",
        "规上工业增加值": "规模工业增加值",
        "服务业(第三产业)增加值": "服务业增加值",
        "第三产业增加值": "服务业增加值",
        "全社会研发经费支出": "全社会研发经费投入",
        "研发经费投入": "全社会研发经费投入",
        "R&D经费投入": "全社会研发经费投入",
        "技术合同成交额": "技术合同交易成交额",
        "技术合同成交总额": "技术合同交易成交额",
        "一般公共预算收入": "地方一般公共预算收入",
        "外贸进出口总额": "进出口总额",
        "城镇居民可支配收入": "城镇居民人均可支配收入",
        "城镇居民收入": "城镇居民人均可支配收入",
        "农村居民可支配收入": "农村居民人均可支配收入",
        "农村居民收入": "农村居民人均可支配收入",
    }
)


def _squeeze(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def normalise_name(name: str, name_map: Mapping[str, str] | None = None) -> str:
    """The canonical name of an indicator: width-normalised (NFKC), spaces removed, mapped.

    ``normalise_name("地方生产总值")`` is ``地区生产总值``; ``服务业（第三产业）增加值`` (full-width
    parentheses) maps as ``服务业(第三产业)增加值`` does.  Names the map does not know are returned
    normalised but otherwise unchanged.
    """
    table = DEFAULT_NAME_MAP if name_map is None else name_map
    squeezed = _squeeze(name)
    mapped = {_squeeze(k): v for k, v in table.items()}
    return mapped.get(squeezed, squeezed)


def _target_text(indicator: Indicator) -> str | None:
    """The target as the documents would print it: 力争7%以上, 3%左右, 13.8%以下."""
    if indicator.target is None:
        return None
    suffix = {
        Comparator.AT_LEAST: "以上",
        Comparator.AT_MOST: "以下",
        Comparator.ABOUT: "左右",
        Comparator.EXACT: "",
    }[indicator.comparator]
    prefix = {Modality.ASPIRATIONAL: "力争", Modality.BINDING: "确保", Modality.NONE: ""}[
        indicator.modality
    ]
    return f"{prefix}{format_quantity(indicator.target)}{suffix}"


def _same_target(a: Quantity | QuantityRange | None, b: Quantity | QuantityRange | None) -> bool:
    if isinstance(a, Quantity) and isinstance(b, Quantity):
        return a.same_amount(b)
    if isinstance(a, QuantityRange) and isinstance(b, QuantityRange):
        return a.low.same_amount(b.low) and a.high.same_amount(b.high)
    return a is None and b is None


# ---------------------------------------------------------------------------------------------
# Roll-ups: allocation tables


@attrs.frozen(kw_only=True)
class AllocationCheck:
    """One addition of an allocation table, with both numbers and the difference.

    ``check`` is ``parts`` (a row's parts against its stated total) or ``detail`` (the rows that
    detail a row against it, in column ``column``).  Numbers are in ``unit``.
    """

    campaign: str
    table: str
    row: str
    name: str
    check: Literal["parts", "detail"]
    #: The column whose stated figure is checked (the total column's label for ``parts``).
    column: str
    unit: str
    stated: Decimal
    summed: Decimal | None
    #: Non-empty cells added.
    cells: int
    #: Ids of the detail rows (``detail`` checks).
    detail: tuple[str, ...] = ()
    #: Why the cells could not be added (summed None).
    error: str | None = None

    @property
    def agrees(self) -> bool | None:
        """Whether the cells add up to the stated figure (None when they cannot be added)."""
        return None if self.summed is None else self.summed == self.stated

    @property
    def difference(self) -> Decimal | None:
        """``summed - stated``."""
        return None if self.summed is None else self.summed - self.stated


@attrs.frozen(kw_only=True)
class AllocationChecks(_Tabular):
    """Every addition of the allocation tables."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "table",
        "row",
        "name",
        "check",
        "column",
        "unit",
        "stated",
        "summed",
        "difference",
        "agrees",
        "cells",
        "detail",
    )

    checks: tuple[AllocationCheck, ...]

    @property
    def disagreements(self) -> tuple[AllocationCheck, ...]:
        """The checks whose cells do not add up (or cannot be added)."""
        return tuple(c for c in self.checks if not c.agrees)

    def to_rows(self) -> list[Row]:
        """One row per check."""
        return [
            {
                "campaign": c.campaign,
                "table": c.table,
                "row": c.row,
                "name": c.name,
                "check": c.check,
                "column": c.column,
                "unit": c.unit,
                "stated": c.stated,
                "summed": c.summed,
                "difference": c.difference,
                "agrees": c.agrees,
                "cells": c.cells,
                "detail": " ".join(c.detail),
            }
            for c in self.checks
        ]


def allocation_checks(campaigns: Campaign | Iterable[Campaign]) -> AllocationChecks:
    """Check every allocation row's parts against its total, and detail rows against their row.

    The arithmetic is the validator's (:func:`govplan.checks.allocation_row_sum` and
    :func:`~govplan.checks.allocation_detail_sums`): cells of detail rows in another unit are
    converted to the unit of the row they detail.
    """
    found: list[AllocationCheck] = []
    for campaign in _campaigns(campaigns):
        for table in campaign.allocations:
            total_label = table.total_label or "total"
            for row in table.rows:
                result = allocation_row_sum(row)
                if result is not None:
                    found.append(
                        AllocationCheck(
                            campaign=campaign.id,
                            table=table.id,
                            row=row.id,
                            name=row.name,
                            check="parts",
                            column=total_label,
                            unit=row.unit,
                            stated=result.stated,
                            summed=result.summed,
                            cells=result.cells,
                            error=result.error,
                        )
                    )
            for result in allocation_detail_sums(table):
                column = total_label if result.column is None else table.columns[result.column]
                found.append(
                    AllocationCheck(
                        campaign=campaign.id,
                        table=table.id,
                        row=result.row.id,
                        name=result.row.name,
                        check="detail",
                        column=column,
                        unit=result.row.unit,
                        stated=result.stated,
                        summed=result.summed,
                        cells=result.cells,
                        detail=tuple(r.id for r in result.detail),
                        error=result.error,
                    )
                )
    return AllocationChecks(checks=tuple(found))


# ---------------------------------------------------------------------------------------------
# Roll-ups: headline objectives against battle objectives


@attrs.frozen(kw_only=True)
class ObjectiveCheck:
    """A headline target and the same indicator in a battle's objectives (or none).

    ``status`` is ``agrees``, ``differs`` (target or comparator differ; ``reason`` says which)
    or ``headline_only`` (no battle objective states the indicator).
    """

    campaign: str
    #: Canonical name (see :func:`normalise_name`).
    indicator: str
    kind: IndicatorKind
    headline: Indicator
    battle: str | None
    battle_indicator: Indicator | None
    status: Literal["agrees", "differs", "headline_only"]
    reason: str | None = None


@attrs.frozen(kw_only=True)
class ObjectiveChecks(_Tabular):
    """Headline objectives against battle objectives."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "indicator",
        "kind",
        "headline_name",
        "headline_target",
        "battle",
        "battle_name",
        "battle_target",
        "status",
        "reason",
    )

    checks: tuple[ObjectiveCheck, ...]

    @property
    def disagreements(self) -> tuple[ObjectiveCheck, ...]:
        """The pairs whose targets differ."""
        return tuple(c for c in self.checks if c.status == "differs")

    def to_rows(self) -> list[Row]:
        """One row per pair (or per headline target found in no battle)."""
        return [
            {
                "campaign": c.campaign,
                "indicator": c.indicator,
                "kind": c.kind.value,
                "headline_name": c.headline.name,
                "headline_target": _target_text(c.headline),
                "battle": c.battle,
                "battle_name": c.battle_indicator.name if c.battle_indicator else None,
                "battle_target": _target_text(c.battle_indicator) if c.battle_indicator else None,
                "status": c.status,
                "reason": c.reason,
            }
            for c in self.checks
        ]


def _differs(a: Indicator, b: Indicator) -> str | None:
    if not _same_target(a.target, b.target):
        return f"target {_target_text(a)} against {_target_text(b)}"
    if a.comparator is not b.comparator:
        return f"comparator {a.comparator} against {b.comparator}"
    return None


def objective_checks(
    campaigns: Campaign | Iterable[Campaign], *, name_map: Mapping[str, str] | None = None
) -> ObjectiveChecks:
    """Check that each quantified headline target agrees with the battles that state it too.

    An indicator is the same when its normalised name and its kind are; targets agree when they
    are the same amount (after unit conversion) with the same comparator.  Modality (力争, 确保)
    and wording are not compared; qualitative targets are left out.
    """
    found: list[ObjectiveCheck] = []
    for campaign in _campaigns(campaigns):
        in_battles: dict[tuple[str, IndicatorKind], list[tuple[str, Indicator]]] = defaultdict(list)
        for battle in campaign.battles:
            for objective in battle.objectives:
                for indicator in objective.indicators:
                    key = (normalise_name(indicator.name, name_map), indicator.kind)
                    in_battles[key].append((battle.id, indicator))
        for objective in campaign.objectives:
            for headline in objective.indicators:
                if headline.target is None:
                    continue
                name = normalise_name(headline.name, name_map)
                pairs = in_battles.get((name, headline.kind), [])
                if not pairs:
                    found.append(
                        ObjectiveCheck(
                            campaign=campaign.id,
                            indicator=name,
                            kind=headline.kind,
                            headline=headline,
                            battle=None,
                            battle_indicator=None,
                            status="headline_only",
                        )
                    )
                for battle_id, other in pairs:
                    reason = _differs(headline, other)
                    found.append(
                        ObjectiveCheck(
                            campaign=campaign.id,
                            indicator=name,
                            kind=headline.kind,
                            headline=headline,
                            battle=battle_id,
                            battle_indicator=other,
                            status="differs" if reason else "agrees",
                            reason=reason,
                        )
                    )
    return ObjectiveChecks(checks=tuple(found))


# ---------------------------------------------------------------------------------------------
# Roll-ups: task-level quantities


@attrs.frozen(kw_only=True)
class RollUp:
    """A summable task-level indicator added up over the tasks of a group, battle or campaign.

    When the group (its own indicators), the battle (its objectives) or the campaign (its
    headline objectives) states the same indicator, ``stated`` holds it and ``agrees`` says
    whether the sum matches.
    """

    campaign: str
    scope: Literal["campaign", "battle", "group"]
    #: Id of the campaign, battle or group.
    element: str
    #: Canonical name (see :func:`normalise_name`).
    indicator: str
    total: Quantity | QuantityRange
    #: Ids of the tasks whose targets were added, in document order (one per term).
    tasks: tuple[str, ...]
    #: The targets added, as printed, in the same order.
    values: tuple[Quantity | QuantityRange, ...] = ()
    stated: Indicator | None = None

    @property
    def terms(self) -> int:
        """Number of targets added."""
        return len(self.tasks)

    @property
    def agrees(self) -> bool | None:
        """Whether the sum is the stated figure (None when nothing is stated)."""
        if self.stated is None or self.stated.target is None:
            return None
        stated = self.stated.target
        if isinstance(stated, Quantity) and isinstance(self.total, Quantity):
            return stated.is_compatible(self.total) and stated.same_amount(self.total)
        return _same_target(stated, self.total)

    @property
    def difference(self) -> Quantity | None:
        """``total - stated`` in the unit of the total (single quantities only)."""
        stated = self.stated.target if self.stated else None
        if (
            isinstance(stated, Quantity)
            and isinstance(self.total, Quantity)
            and stated.is_compatible(self.total)
        ):
            return self.total - stated
        return None


@attrs.frozen(kw_only=True)
class TaskRollUps(_Tabular):
    """Task-level quantities summed to group, battle and campaign."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "scope",
        "element",
        "indicator",
        "total",
        "unit",
        "terms",
        "values",
        "tasks",
        "stated",
        "agrees",
        "difference",
    )

    rollups: tuple[RollUp, ...]

    @property
    def compared(self) -> tuple[RollUp, ...]:
        """The roll-ups with a stated figure to compare against."""
        return tuple(r for r in self.rollups if r.stated is not None)

    def to_rows(self) -> list[Row]:
        """One row per roll-up; ``total`` and ``stated`` as quantity text (2.5亿元, 3-5个)."""
        return [
            {
                "campaign": r.campaign,
                "scope": r.scope,
                "element": r.element,
                "indicator": r.indicator,
                "total": format_quantity(r.total),
                "unit": r.total.unit,
                "terms": r.terms,
                "values": " + ".join(format_quantity(v) for v in r.values),
                "tasks": " ".join(r.tasks),
                "stated": _target_text(r.stated) if r.stated else None,
                "agrees": r.agrees,
                "difference": format_quantity(r.difference) if r.difference else None,
            }
            for r in self.rollups
        ]


def _dimension(indicator: Indicator) -> str:
    target = indicator.target
    assert target is not None  # noqa: S101 - only called on indicators with a target
    return (
        target.high.dimensionality if isinstance(target, QuantityRange) else (target.dimensionality)
    )


def _stated_index(
    indicators: Iterable[Indicator], name_map: Mapping[str, str] | None
) -> dict[tuple[str, str], Indicator]:
    index: dict[tuple[str, str], Indicator] = {}
    for indicator in indicators:
        if _indicator_not_summable(indicator) is None:
            key = (normalise_name(indicator.name, name_map), _dimension(indicator))
            index.setdefault(key, indicator)
    return index


_Term = tuple[_Entry, Indicator, tuple[str, str]]


def _roll(
    scope: Literal["campaign", "battle", "group"],
    element: str,
    chosen: list[_Term],
    stated: Iterable[Indicator],
    *,
    campaign: str,
    name_map: Mapping[str, str] | None,
    min_terms: int,
) -> list[RollUp]:
    groups: dict[tuple[str, str], list[tuple[_Entry, Indicator]]] = defaultdict(list)
    for entry, indicator, key in chosen:
        groups[key].append((entry, indicator))
    known = _stated_index(stated, name_map)
    return [
        RollUp(
            campaign=campaign,
            scope=scope,
            element=element,
            indicator=key[0],
            total=sum_indicators(i for _, i in items),
            tasks=tuple(e.task.id for e, _ in items),
            values=tuple(i.target for _, i in items if i.target is not None),
            stated=known.get(key),
        )
        for key, items in groups.items()
        if len(items) >= min_terms
    ]


def task_rollups(
    campaigns: Campaign | Iterable[Campaign],
    *,
    name_map: Mapping[str, str] | None = None,
    min_terms: int = 1,
) -> TaskRollUps:
    """Add up summable task-level targets per group, battle and campaign.

    Only top-level tasks' own indicators are added (sub-items and table rows repeat or detail
    their task's targets, and would count twice).  Indicators are the same when their
    normalised names and dimensions are (家 and 所 differ; 万元 and 亿元 convert); percentages,
    个百分点, rates, growth rates, shares and ranks are never added.  Roll-ups of fewer than
    *min_terms* targets are left out.
    """
    found: list[RollUp] = []
    for campaign in _campaigns(campaigns):
        terms: list[_Term] = []
        for entry in _entries(campaign, include_subtasks=False):
            for indicator in entry.task.indicators:
                if _indicator_not_summable(indicator) is None:
                    key = (normalise_name(indicator.name, name_map), _dimension(indicator))
                    terms.append((entry, indicator, key))
        headline = [i for o in campaign.objectives for i in o.indicators]
        roll = functools.partial(
            _roll, campaign=campaign.id, name_map=name_map, min_terms=min_terms
        )
        found.extend(roll("campaign", campaign.id, terms, headline))
        for battle in campaign.battles:
            in_battle = [t for t in terms if t[0].battle is battle]
            objectives = [i for o in battle.objectives for i in o.indicators]
            found.extend(roll("battle", battle.id, in_battle, objectives))
            for group in battle.walk_groups():
                in_group = [t for t in in_battle if any(g is group for g in t[0].groups)]
                found.extend(roll("group", group.id, in_group, group.indicators))
    return TaskRollUps(rollups=tuple(found))


# ---------------------------------------------------------------------------------------------
# Roll-ups: arithmetic stated in the text


def _quantity_pattern() -> re.Pattern[str]:
    units = sorted(known_units(), key=len, reverse=True)
    alternation = "|".join(re.escape(u) for u in units)
    return re.compile(rf"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>{alternation})")


_QUANTITY_IN_TEXT = _quantity_pattern()
#: Dimensions whose figures are not parts of a total (dates, durations, shares, ranks).
_NOT_PARTS = ("[time]", "[calendar_month]", "[percentage_point]", "[rank]")
_BREAKDOWN = re.compile(r"\s*[(（](?P<parts>[^()（）]*)[)）]")
_OF_WHICH = re.compile(r"\s*[,，]\s*其中(?P<parts>[^。;；]*)")


def _text_quantities(text: str) -> list[tuple[re.Match[str], Quantity]]:
    found = []
    for match in _QUANTITY_IN_TEXT.finditer(text):
        quantity = Quantity(value=Decimal(match["value"]), unit=match["unit"])
        if quantity.unit in {"%", "‰"} or any(d in quantity.dimensionality for d in _NOT_PARTS):
            continue
        found.append((match, quantity))
    return found


@attrs.frozen(kw_only=True)
class StatedSum:
    """A total printed beside its parts, and whether the parts add up to it.

    Two forms are read: a breakdown in parentheses right after the total
    (``残疾人托养120人(集中托养20人,居家托养100人)``) and a ``其中`` clause after it
    (``新增公办学位7660个,其中…2880个,…4230个,…550个``), with at least two parts in the
    total's dimension.  ``status`` is ``adds_up``, ``parts_short`` (a 其中 list may name only
    some parts) or ``parts_exceed``.
    """

    campaign: str
    #: Id of the task or group, or the JSON pointer of an objective, whose text states it.
    element: str
    source_line: int | None
    #: The total and its parts as printed.
    phrase: str
    form: Literal["breakdown", "of_which"]
    stated: Quantity
    parts: tuple[Quantity, ...]
    summed: Quantity
    difference: Quantity

    @property
    def status(self) -> Literal["adds_up", "parts_short", "parts_exceed"]:
        """How the parts compare with the total."""
        if self.difference.value == 0:
            return "adds_up"
        return "parts_exceed" if self.difference.value > 0 else "parts_short"


@attrs.frozen(kw_only=True)
class StatedSums(_Tabular):
    """Every total-beside-its-parts found in the text."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "element",
        "source_line",
        "form",
        "phrase",
        "stated",
        "parts",
        "summed",
        "difference",
        "status",
    )

    sums: tuple[StatedSum, ...]

    def to_rows(self) -> list[Row]:
        """One row per total found."""
        return [
            {
                "campaign": s.campaign,
                "element": s.element,
                "source_line": s.source_line,
                "form": s.form,
                "phrase": s.phrase,
                "stated": format_quantity(s.stated),
                "parts": " + ".join(format_quantity(p) for p in s.parts),
                "summed": format_quantity(s.summed),
                "difference": format_quantity(s.difference),
                "status": s.status,
            }
            for s in self.sums
        ]


def _sums_in(text: str) -> Iterator[tuple[str, str, Quantity, tuple[Quantity, ...]]]:
    for match, total in _text_quantities(text):
        for form, pattern in (("breakdown", _BREAKDOWN), ("of_which", _OF_WHICH)):
            tail = pattern.match(text, match.end())
            if tail is None:
                continue
            found = [(m, q) for m, q in _text_quantities(tail["parts"]) if q.is_compatible(total)]
            if len(found) < 2:  # noqa: PLR2004 - a total needs two parts to be a sum
                continue
            # A 其中 clause runs to the 。; the phrase stops at the last part it names.
            end = tail.end() if form == "breakdown" else tail.start("parts") + found[-1][0].end()
            yield form, text[match.start() : end], total, tuple(q for _m, q in found)


def _texts(campaign: Campaign) -> Iterator[tuple[str, int | None, str]]:
    for index, objective in enumerate(campaign.objectives):
        yield f"/objectives/{index}", objective.source_line, objective.text
    for b, battle in enumerate(campaign.battles):
        for index, objective in enumerate(battle.objectives):
            yield f"/battles/{b}/objectives/{index}", objective.source_line, objective.text
        for group in battle.walk_groups():
            if group.text:
                yield group.id, group.source_line, group.text
    for _pointer, task in iter_tasks(campaign):
        yield task.id, task.source_line, task.text


def stated_sums(campaigns: Campaign | Iterable[Campaign]) -> StatedSums:
    """Find totals printed beside their parts in the plans' text and add the parts up."""
    found = []
    for campaign in _campaigns(campaigns):
        for element, line, text in _texts(campaign):
            for form, phrase, total, parts in _sums_in(text):
                summed = sum_quantities(parts, unit=total.unit)
                found.append(
                    StatedSum(
                        campaign=campaign.id,
                        element=element,
                        source_line=line,
                        phrase=phrase,
                        form=form,  # type: ignore[arg-type]
                        stated=total,
                        parts=parts,
                        summed=summed,
                        difference=summed - total,
                    )
                )
    return StatedSums(sums=tuple(found))


# ---------------------------------------------------------------------------------------------
# Roll-up report


#: What the roll-ups do not check yet.
NOT_CHECKED = (
    (
        "a total printed beside its parts without parentheses or 其中 (such as "
        "隔离带122.8公里，隔离带98.3公里，防火道24.6公里) is not recognised"
    ),
)


def _amount(value: Decimal | None, unit: str) -> str | None:
    return None if value is None else format_quantity(Quantity(value=value, unit=unit))


@attrs.frozen(kw_only=True)
class RollUpReport(_Tabular):
    """All roll-up checks of :func:`rollups`; :meth:`to_rows` gives one finding per comparison.

    Findings are allocation additions (``allocation-parts``, ``allocation-detail``), headline
    against battle targets (``objective``) and task roll-ups compared with a stated figure
    (``task-rollup``); ``stated``, ``computed`` and ``difference`` are quantity text.
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "check",
        "element",
        "name",
        "column",
        "stated",
        "computed",
        "difference",
        "agrees",
        "detail",
    )

    allocations: AllocationChecks
    objectives: ObjectiveChecks
    tasks: TaskRollUps
    text: StatedSums = StatedSums(sums=())
    not_checked: tuple[str, ...] = NOT_CHECKED

    def to_rows(self) -> list[Row]:
        """One row per comparison made."""
        rows: list[Row] = [
            {
                "campaign": c.campaign,
                "check": f"allocation-{c.check}",
                "element": c.row,
                "name": c.name,
                "column": c.column,
                "stated": _amount(c.stated, c.unit),
                "computed": _amount(c.summed, c.unit),
                "difference": _amount(c.difference, c.unit),
                "agrees": c.agrees,
                "detail": c.error or " ".join(c.detail) or None,
            }
            for c in self.allocations.checks
        ]
        rows.extend(
            {
                "campaign": c.campaign,
                "check": "objective",
                "element": c.battle,
                "name": c.indicator,
                "column": c.kind.value,
                "stated": _target_text(c.headline),
                "computed": _target_text(c.battle_indicator) if c.battle_indicator else None,
                "difference": None,
                "agrees": None if c.status == "headline_only" else c.status == "agrees",
                "detail": c.reason or c.status,
            }
            for c in self.objectives.checks
        )
        rows.extend(
            {
                "campaign": r.campaign,
                "check": "task-rollup",
                "element": r.element,
                "name": r.indicator,
                "column": r.scope,
                "stated": _target_text(r.stated) if r.stated else None,
                "computed": format_quantity(r.total),
                "difference": format_quantity(r.difference) if r.difference else None,
                "agrees": r.agrees,
                "detail": " ".join(r.tasks),
            }
            for r in self.tasks.compared
        )
        rows.extend(
            {
                "campaign": s.campaign,
                "check": "text-sum",
                "element": s.element,
                "name": s.phrase,
                "column": s.form,
                "stated": format_quantity(s.stated),
                "computed": format_quantity(s.summed),
                "difference": format_quantity(s.difference),
                "agrees": s.status == "adds_up",
                "detail": s.status,
            }
            for s in self.text.sums
        )
        return rows


def rollups(
    campaigns: Campaign | Iterable[Campaign], *, name_map: Mapping[str, str] | None = None
) -> RollUpReport:
    """Every roll-up: allocation tables, headline against battle targets, task-level sums."""
    plans = _campaigns(campaigns)
    return RollUpReport(
        allocations=allocation_checks(plans),
        objectives=objective_checks(plans, name_map=name_map),
        tasks=task_rollups(plans, name_map=name_map),
        text=stated_sums(plans),
    )


# ---------------------------------------------------------------------------------------------
# Comparison across campaigns


@attrs.frozen(kw_only=True)
class ComparisonEntry:
    """One campaign's target for one indicator."""

    campaign: str
    #: Canonical name (see :func:`normalise_name`).
    indicator: str
    kind: IndicatorKind
    #: The indicator as found in the campaign.
    source: Indicator
    #: ``headline`` or the id of the battle whose objectives state it.
    where: str

    @property
    def text(self) -> str:
        """The target as the documents print it: 7%以上, 力争3%左右."""
        return _target_text(self.source) or ""


@attrs.frozen(kw_only=True)
class Comparison(_Tabular):
    """The same indicators across campaigns; :meth:`to_rows` is long, :meth:`wide_rows` wide."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "indicator",
        "kind",
        "campaign",
        "name",
        "where",
        "target",
        "value",
        "unit",
        "comparator",
        "modality",
        "phrase",
    )

    campaigns: tuple[str, ...]
    entries: tuple[ComparisonEntry, ...]

    def indicators(self, min_campaigns: int = 1) -> list[tuple[str, IndicatorKind]]:
        """(indicator, kind) stated by at least *min_campaigns* campaigns.

        Most widely stated first, then in order of first appearance.
        """
        seen: dict[tuple[str, IndicatorKind], set[str]] = {}
        for entry in self.entries:
            seen.setdefault((entry.indicator, entry.kind), set()).add(entry.campaign)
        order = {key: i for i, key in enumerate(seen)}
        chosen = [key for key, found in seen.items() if len(found) >= min_campaigns]
        return sorted(chosen, key=lambda key: (-len(seen[key]), order[key]))

    def wide_columns(self) -> tuple[str, ...]:
        """Columns of :meth:`wide_rows`: indicator, kind, then one per campaign."""
        return ("indicator", "kind", *self.campaigns)

    def wide_rows(self, min_campaigns: int = 1) -> list[Row]:
        """One row per indicator, one column per campaign holding its target text (or None)."""
        cells = {(e.indicator, e.kind, e.campaign): e.text for e in self.entries}
        return [
            {
                "indicator": name,
                "kind": kind.value,
                **{c: cells.get((name, kind, c)) for c in self.campaigns},
            }
            for name, kind in self.indicators(min_campaigns)
        ]

    def to_rows(self) -> list[Row]:
        """One row per campaign and indicator (long format)."""
        rows = []
        for e in self.entries:
            target = e.source.target
            rows.append(
                {
                    "indicator": e.indicator,
                    "kind": e.kind.value,
                    "campaign": e.campaign,
                    "name": e.source.name,
                    "where": e.where,
                    "target": e.text,
                    "value": target.value if isinstance(target, Quantity) else None,
                    "unit": target.unit if target is not None else None,
                    "comparator": e.source.comparator.value,
                    "modality": e.source.modality.value,
                    "phrase": e.source.phrase,
                }
            )
        return rows


def compare_indicators(
    campaigns: Iterable[Campaign],
    *,
    name_map: Mapping[str, str] | None = None,
    kinds: Iterable[IndicatorKind] | None = None,
) -> Comparison:
    """Line up the quantified targets of several campaigns, indicator by indicator.

    Each campaign contributes its headline objectives, then its battle objectives for
    indicators the headline does not state; the first statement of an indicator wins.  An
    indicator is its normalised name (:func:`normalise_name` with *name_map*) and its kind, so
    地区生产总值 growth and 地区生产总值 level are two rows.  *kinds* keeps only those kinds.
    """
    wanted = set(kinds) if kinds is not None else None
    plans = tuple(campaigns)
    entries: list[ComparisonEntry] = []
    for campaign in plans:
        places: list[tuple[str, Indicator]] = [
            ("headline", i) for o in campaign.objectives for i in o.indicators
        ]
        places.extend(
            (b.id, i) for b in campaign.battles for o in b.objectives for i in o.indicators
        )
        seen: set[tuple[str, IndicatorKind]] = set()
        for where, indicator in places:
            if indicator.target is None or (wanted is not None and indicator.kind not in wanted):
                continue
            key = (normalise_name(indicator.name, name_map), indicator.kind)
            if key in seen:
                continue
            seen.add(key)
            entries.append(
                ComparisonEntry(
                    campaign=campaign.id,
                    indicator=key[0],
                    kind=indicator.kind,
                    source=indicator,
                    where=where,
                )
            )
    return Comparison(campaigns=tuple(c.id for c in plans), entries=tuple(entries))


# ---------------------------------------------------------------------------------------------
# Calendar


@attrs.frozen(kw_only=True)
class CalendarEntry:
    """A milestone of a task, placed in its month and quarter."""

    campaign: str
    battle: str
    task: str
    phrase: str
    due: dt.date
    precision: str

    @property
    def month(self) -> str:
        """``2023-06``."""
        return f"{self.due.year:04d}-{self.due.month:02d}"

    @property
    def quarter(self) -> str:
        """``2023-Q2``."""
        return f"{self.due.year:04d}-Q{(self.due.month - 1) // 3 + 1}"


@attrs.frozen(kw_only=True)
class Calendar(_Tabular):
    """Milestones in due order, with counts by month and quarter."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "battle",
        "task",
        "phrase",
        "due",
        "precision",
        "month",
        "quarter",
        "options",
    )

    options: CountingOptions
    entries: tuple[CalendarEntry, ...]

    def counts(self, by: Literal["month", "quarter"] = "month") -> Table:
        """Milestones per campaign and month (or quarter): columns campaign, period, milestones."""
        tally: Counter[tuple[str, str]] = Counter(
            (e.campaign, e.month if by == "month" else e.quarter) for e in self.entries
        )
        return Table(
            name=f"milestones_by_{by}",
            header=("campaign", "period", "milestones"),
            rows=tuple(
                {"campaign": c, "period": p, "milestones": n} for (c, p), n in sorted(tally.items())
            ),
        )

    def to_rows(self) -> list[Row]:
        """One row per milestone."""
        return [
            {
                "campaign": e.campaign,
                "battle": e.battle,
                "task": e.task,
                "phrase": e.phrase,
                "due": e.due.isoformat(),
                "precision": e.precision,
                "month": e.month,
                "quarter": e.quarter,
                "options": self.options.label,
            }
            for e in self.entries
        ]


def milestone_calendar(
    campaigns: Campaign | Iterable[Campaign], *, options: CountingOptions | None = None
) -> Calendar:
    """The milestones of the tasks (sub-tasks too with ``include_subtasks``), by due date."""
    options = options or _DEFAULT_OPTIONS
    entries: list[CalendarEntry] = []
    for campaign in _campaigns(campaigns):
        for entry in _entries(campaign, options.include_subtasks):
            entries.extend(
                CalendarEntry(
                    campaign=campaign.id,
                    battle=entry.battle.id,
                    task=entry.task.id,
                    phrase=m.phrase,
                    due=m.due,
                    precision=m.precision.value,
                )
                for m in entry.task.milestones
            )
    entries.sort(key=lambda e: e.due)
    return Calendar(options=options, entries=tuple(entries))


# ---------------------------------------------------------------------------------------------
# Flat export tables


@attrs.frozen(kw_only=True)
class Table(_Tabular):
    """A named table of plain rows with a fixed header."""

    name: str
    header: tuple[str, ...]
    rows: tuple[Mapping[str, Any], ...] = attrs.field(hash=False)

    def columns(self) -> tuple[str, ...]:
        """The header."""
        return self.header

    def to_rows(self) -> list[Row]:
        """The rows, each with every column of the header."""
        return [{c: row.get(c) for c in self.header} for row in self.rows]


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
                "battle": entry.battle.id,
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
    owners: list[tuple[str, str, str, tuple[ResponsibilitySet, ...]]] = []
    for battle in campaign.battles:
        owners.append(("battle", battle.id, battle.id, battle.responsibilities))
        owners.extend(
            ("group", group.id, battle.id, group.responsibilities) for group in battle.walk_groups()
        )
    owners.extend(
        ("task", e.task.id, e.battle.id, e.task.responsibilities)
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
                battle=entry.battle.id,
                task=entry.task.id,
                phrase=m.phrase,
                due=m.due,
                precision=m.precision.value,
            )
            rows.append(
                {
                    "campaign": campaign.id,
                    "battle": entry.battle.id,
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


# ---------------------------------------------------------------------------------------------
# The stats bundle


#: The tables of :meth:`Stats.tables`, by name.
STATS_TABLES = (
    "top_leads",
    "workload",
    "coverage",
    "findings",
    "allocations",
    "objectives",
    "rollups",
)


@attrs.frozen(kw_only=True)
class Stats:
    """What ``govplan stats`` shows: workload, top lead units, coverage, roll-up findings."""

    #: (id, title) of each campaign, in the order given.
    campaigns: tuple[tuple[str, str], ...]
    #: Ids of the campaigns that state the first-listed-leads convention.
    first_listed_leads: tuple[str, ...] = ()
    options: CountingOptions
    #: How many lead units to list per campaign.
    top: int
    workload: Workload
    coverage: Coverage
    rollups: RollUpReport

    def top_leads(self) -> Table:
        """The top lead units of each campaign (units tied with the last one included)."""
        rows = []
        for campaign, _title in self.campaigns:
            rank = 0
            previous: int | None = None
            for i, count in enumerate(
                self.workload.top(self.top, campaign=campaign, ties=True), start=1
            ):
                if count.lead != previous:
                    rank, previous = i, count.lead
                rows.append(
                    {
                        "campaign": campaign,
                        "rank": rank,
                        "unit": count.unit,
                        "name": count.name,
                        "lead": count.lead,
                        "cooperating": count.cooperating,
                        "responsible": count.responsible,
                        "total": count.total,
                        "options": self.options.label,
                    }
                )
        return Table(
            name="top_leads",
            header=(
                "campaign",
                "rank",
                "unit",
                "name",
                "lead",
                "cooperating",
                "responsible",
                "total",
                "options",
            ),
            rows=tuple(rows),
        )

    def tables(self) -> dict[str, _Tabular]:
        """Every table of the bundle by name (the names ``govplan stats --table`` takes)."""
        return {
            "top_leads": self.top_leads(),
            "workload": self.workload,
            "coverage": self.coverage,
            "findings": self.rollups,
            "allocations": self.rollups.allocations,
            "objectives": self.rollups.objectives,
            "rollups": self.rollups.tasks,
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: campaigns, options, each table's rows, and what is not checked."""
        return {
            "campaigns": [{"id": c, "title": t} for c, t in self.campaigns],
            "options": self.options.label,
            **{name: json_ready(table.to_rows()) for name, table in self.tables().items()},
            "not_checked": list(self.rollups.not_checked),
        }

    def to_text(self) -> str:
        """Readable terminal tables, campaign by campaign."""
        blocks = [self._campaign_text(c, t) for c, t in self.campaigns]
        if len(self.campaigns) > 1:
            blocks.append(self._across_text())
        return "\n\n".join(blocks) + "\n"

    def _campaign_text(self, campaign: str, title: str) -> str:
        tasks = self.workload.tasks[campaign]
        kind = "tasks and sub-tasks" if self.options.include_subtasks else "top-level tasks"
        counts = [r for r in self.workload.counts if r.campaign == campaign]
        by_role = {role: sum(r.count(role) for r in counts) for role in Role}
        out = [
            f"== {campaign}: {title}",
            (
                f"{tasks} {kind}; {self.workload.assignments[campaign]} assignments "
                f"({by_role[Role.LEAD]} lead, {by_role[Role.COOPERATING]} cooperating, "
                f"{by_role[Role.RESPONSIBLE]} responsible) to {len(counts)} units"
            ),
        ]
        if self.options.label:
            out.append(f"options: {self.options.label}")
        if self.options.apply_conventions and campaign not in self.first_listed_leads:
            out.append("  (the plan states no first-listed-leads convention: no effect)")
        top = [r for r in self.top_leads().to_rows() if r["campaign"] == campaign]
        out += ["", f"Top lead units (tasks led; top {self.top}, ties included)"]
        out.append(
            format_table(
                top,
                ["rank", "unit", "lead", "cooperating", "responsible", "total"],
            )
            if top
            else "  (no task names a lead)"
        )
        battles = [
            {
                "battle": r.battle or "all",
                "name": r.name if r.battle else "(whole plan)",
                "tasks": r.tasks,
                "with lead": _count_share(r.with_lead, r.tasks),
                "with target": _count_share(r.with_target, r.tasks),
                "with deadline": _count_share(r.with_deadline, r.tasks),
                "lead units": r.lead_units,
            }
            for r in self.coverage.rows
            if r.campaign == campaign
        ]
        out += ["", "Per battle: tasks and coverage"]
        out.append(
            format_table(
                battles,
                [
                    "battle",
                    "name",
                    "tasks",
                    "with lead",
                    "with target",
                    "with deadline",
                    "lead units",
                ],
            )
        )
        out += ["", "Roll-up findings", *self._findings_text(campaign)]
        return "\n".join(out)

    def _findings_text(self, campaign: str) -> list[str]:
        out = []
        checks = [c for c in self.rollups.allocations.checks if c.campaign == campaign]
        if checks:
            bad = [c for c in checks if not c.agrees]
            rows = len({(c.table, c.row) for c in checks if c.check == "parts"})
            detail = sum(c.check == "detail" for c in checks)
            verdict = "every one adds up" if not bad else f"{len(bad)} do not add up"
            out.append(
                f"  allocation tables: {rows} rows against their totals, {detail} detail sums "
                f"(sub-rows against their row, per column): {verdict}"
            )
            out.extend(
                f"    {c.table} {c.row} {c.name} [{c.column}]: stated "
                f"{_amount(c.stated, c.unit)}, summed {_amount(c.summed, c.unit) or c.error}, "
                f"difference {_amount(c.difference, c.unit)}"
                for c in bad
            )
        else:
            out.append("  allocation tables: none")
        objectives = [c for c in self.rollups.objectives.checks if c.campaign == campaign]
        pairs = [c for c in objectives if c.status != "headline_only"]
        differ = [c for c in pairs if c.status == "differs"]
        only = sorted({c.indicator for c in objectives if c.status == "headline_only"})
        out.append(
            f"  headline vs battle objectives: {len(pairs)} targets stated in both places, "
            f"{len(pairs) - len(differ)} agree, {len(differ)} differ"
        )
        out.extend(f"    differs: {c.indicator} ({c.battle}): {c.reason}" for c in differ)
        if only:
            out.append(f"    stated in the headline only: {'、'.join(only)}")
        rolled = [r for r in self.rollups.tasks.rollups if r.campaign == campaign]
        summed = [r for r in rolled if r.scope == "campaign" and r.terms > 1]
        compared = [r for r in rolled if r.stated is not None]
        out.append(
            f"  task roll-ups: {len(summed)} summable indicators stated in more than one task "
            f"(a restated target, or parts of one), summed over the plan; {len(compared)} sums "
            f"compared with the figure a group, battle or headline objective states"
        )
        out.extend(
            f"    {r.indicator}: "
            + " + ".join(
                f"{format_quantity(v)} ({t})" for v, t in zip(r.values, r.tasks, strict=True)
            )
            + f" = {format_quantity(r.total)}"
            for r in summed
        )
        out.extend(
            f"    {r.scope} {r.element} {r.indicator}: tasks add up to "
            f"{format_quantity(r.total)}, stated {_target_text(r.stated) if r.stated else '-'}"
            f" ({'agrees' if r.agrees else 'differs'})"
            for r in compared
        )
        sums = [s for s in self.rollups.text.sums if s.campaign == campaign]
        off = [s for s in sums if s.status != "adds_up"]
        out.append(
            f"  totals printed beside their parts: {len(sums)}, "
            f"{len(sums) - len(off)} add up" + ("" if not off else f", {len(off)} do not")
        )
        out.extend(
            f"    {s.element} (line {s.source_line}): {s.phrase} — parts add up to "
            f"{format_quantity(s.summed)} ({s.status})"
            for s in off
        )
        out.extend(f"  not checked: {note}" for note in self.rollups.not_checked)
        return out

    def _across_text(self) -> str:
        rows = []
        for campaign, _title in self.campaigns:
            whole = self.coverage.campaign_row(campaign)
            top = self.workload.top(1, campaign=campaign)
            rows.append(
                {
                    "campaign": campaign,
                    "tasks": whole.tasks,
                    "with lead": _count_share(whole.with_lead, whole.tasks),
                    "with target": _count_share(whole.with_target, whole.tasks),
                    "with deadline": _count_share(whole.with_deadline, whole.tasks),
                    "lead units": whole.lead_units,
                    "top lead unit": f"{top[0].unit} ({top[0].lead})" if top else None,
                }
            )
        return "== across campaigns\n" + format_table(
            rows,
            [
                "campaign",
                "tasks",
                "with lead",
                "with target",
                "with deadline",
                "lead units",
                "top lead unit",
            ],
        )


def _count_share(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.0%})" if whole else str(part)


def stats(
    campaigns: Campaign | Iterable[Campaign],
    *,
    options: CountingOptions | None = None,
    top: int = 5,
    name_map: Mapping[str, str] | None = None,
) -> Stats:
    """Workload, coverage and roll-ups of one or more campaigns, as ``govplan stats`` shows."""
    options = options or _DEFAULT_OPTIONS
    plans = _campaigns(campaigns)
    return Stats(
        campaigns=tuple((c.id, c.title) for c in plans),
        first_listed_leads=tuple(c.id for c in plans if _states_first_leads(c)),
        options=options,
        top=top,
        workload=workload(plans, options=options),
        coverage=coverage(plans, options=options),
        rollups=rollups(plans, name_map=name_map),
    )
