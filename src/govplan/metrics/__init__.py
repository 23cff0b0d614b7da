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

.. versionadded:: 0.1.0
"""

from govplan.metrics._assignments import Assignment, CountingOptions, assignments
from govplan.metrics._calendar import Calendar, CalendarEntry, milestone_calendar
from govplan.metrics._compare import (
    DEFAULT_NAME_MAP,
    Comparison,
    ComparisonEntry,
    compare_indicators,
    normalise_name,
)
from govplan.metrics._coverage import Coverage, CoverageRow, coverage
from govplan.metrics._export import EXPORT_COLUMNS, export_tables
from govplan.metrics._rollups import (
    NOT_CHECKED,
    AllocationCheck,
    AllocationChecks,
    ObjectiveCheck,
    ObjectiveChecks,
    RollUp,
    RollUpReport,
    StatedSum,
    StatedSums,
    TaskRollUps,
    allocation_checks,
    objective_checks,
    rollups,
    stated_sums,
    task_rollups,
)
from govplan.metrics._stats import STATS_TABLES, Stats, stats
from govplan.metrics._sums import NotSummableError, sum_indicators, sum_quantities
from govplan.metrics._tables import Row as Row
from govplan.metrics._tables import Table, csv_text, format_table, json_ready
from govplan.metrics._tables import _Tabular as _Tabular
from govplan.metrics._workload import UnitCount, Workload, workload

# Also importable from here though not listed: Row (an alias of dict[str, Any], the type of
# to_rows() rows) and the private table mixin _Tabular, which tests use.
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
    "StatedSum",
    "StatedSums",
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
    "stated_sums",
    "stats",
    "sum_indicators",
    "sum_quantities",
    "task_rollups",
    "workload",
]
