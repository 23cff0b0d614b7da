"""govplan: typed, validated, unit-aware data for Chinese local-government campaign plans.

>>> import govplan
>>> plan = govplan.examples.load("fenghuang-2023-sample")
>>> plan.battles[0].name
'打好科技创新攻坚仗'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError as _PackageNotFoundError
from importlib.metadata import version as _version

from govplan import checks, examples, metrics
from govplan.dates import Deadline, Precision, parse_date, parse_deadline
from govplan.errors import (
    DateError,
    ExtractError,
    GovplanError,
    GovplanWarning,
    LoadError,
    Problem,
    QuantityError,
    SchemaVersionError,
    Severity,
    UnitMismatchError,
    ValidationError,
)
from govplan.extract import extract
from govplan.io import dump, dumps, load, loads
from govplan.metrics import (
    CountingOptions,
    NotSummableError,
    compare_indicators,
    coverage,
    export_tables,
    milestone_calendar,
    rollups,
    stats,
    workload,
)
from govplan.model import (
    SCHEMA_VERSION,
    Allocation,
    AllocationRow,
    Battle,
    Campaign,
    Comparator,
    Convention,
    ConventionKind,
    Direction,
    DocumentKind,
    DocumentNumber,
    Indicator,
    IndicatorKind,
    Irregularity,
    IrregularityKind,
    Milestone,
    Modality,
    Objective,
    Organisation,
    Period,
    PlanReference,
    Post,
    Region,
    RegionLevel,
    Section,
    Source,
    Task,
    TaskGroup,
    TaskKind,
    WorkTeam,
)
from govplan.org import Responsibility, ResponsibilitySet, Role, Unit, UnitKind, UnitLevel
from govplan.quantity import Quantity, QuantityRange, format_quantity, parse_quantity
from govplan.report import render_report, write_report
from govplan.schema import SCHEMA_ID, schema
from govplan.upgrade import Upgrade, upgrade_data, upgrade_file
from govplan.validation import Report, validate, validates

#: ``Action`` is the 行动 plans' word for a battle: the same class.
Action = Battle

try:
    __version__ = _version("govplan")
except _PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0.0.0"

__all__ = [
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "Action",
    "Allocation",
    "AllocationRow",
    "Battle",
    "Campaign",
    "Comparator",
    "Convention",
    "ConventionKind",
    "CountingOptions",
    "DateError",
    "Deadline",
    "Direction",
    "DocumentKind",
    "DocumentNumber",
    "ExtractError",
    "GovplanError",
    "GovplanWarning",
    "Indicator",
    "IndicatorKind",
    "Irregularity",
    "IrregularityKind",
    "LoadError",
    "Milestone",
    "Modality",
    "NotSummableError",
    "Objective",
    "Organisation",
    "Period",
    "PlanReference",
    "Post",
    "Precision",
    "Problem",
    "Quantity",
    "QuantityError",
    "QuantityRange",
    "Region",
    "RegionLevel",
    "Report",
    "Responsibility",
    "ResponsibilitySet",
    "Role",
    "SchemaVersionError",
    "Section",
    "Severity",
    "Source",
    "Task",
    "TaskGroup",
    "TaskKind",
    "Unit",
    "UnitKind",
    "UnitLevel",
    "UnitMismatchError",
    "Upgrade",
    "ValidationError",
    "WorkTeam",
    "__version__",
    "checks",
    "compare_indicators",
    "coverage",
    "dump",
    "dumps",
    "examples",
    "export_tables",
    "extract",
    "format_quantity",
    "load",
    "loads",
    "metrics",
    "milestone_calendar",
    "parse_date",
    "parse_deadline",
    "parse_quantity",
    "render_report",
    "rollups",
    "schema",
    "stats",
    "upgrade_data",
    "upgrade_file",
    "validate",
    "validates",
    "workload",
    "write_report",
]
