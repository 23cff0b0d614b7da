"""The corpus dataset: the export tables of many plans as one Frictionless tabular data package.

``govplan export PLANS… --datapackage`` writes the tables of :func:`export_tables` for all the
plans at once, a ``campaigns`` table (one row a plan: its region and the document it was encoded
from) that every other table points to by campaign id, and a ``datapackage.json`` that gives each
column its Table Schema type, the model's enums as ``enum`` constraints, primary and foreign keys,
the licences and the sources (docs/dataset.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from govplan.dates import Precision
from govplan.metrics._export import EXPORT_COLUMNS
from govplan.metrics._tables import Row, Table
from govplan.model import (
    Campaign,
    Comparator,
    DocumentKind,
    IndicatorKind,
    Modality,
    RegionLevel,
    TaskKind,
)
from govplan.org import Role, UnitKind, UnitLevel

#: The columns of the ``campaigns`` table, one row a plan.
CAMPAIGN_COLUMNS: tuple[str, ...] = (
    "campaign",
    "title",
    "kind",
    "year",
    "region",
    "region_level",
    "region_code",
    "region_parent",
    "issuer",
    "issue_date",
    "source_file",
    "source_url",
    "source_sha256",
)

#: Columns that are not strings, by Table Schema type; every other column is a string.
_TYPES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "campaigns": {"year": "year", "issue_date": "date"},
        "tasks": {
            "depth": "integer",
            "indicators": "integer",
            "milestones": "integer",
            "source_line": "integer",
        },
        "responsibilities": {"note": "integer", "position": "integer"},
        "units": {"lead": "integer", "cooperating": "integer", "responsible": "integer"},
        "indicators": {
            "value": "number",
            "low": "number",
            "high": "number",
            "summable": "boolean",
            "source_line": "integer",
        },
        "milestones": {"due": "date", "source_line": "integer"},
        "allocations": {"position": "integer", "value": "number"},
    }
)


def _values(kind: Iterable[Any]) -> list[str]:
    return [member.value for member in kind]


#: The model's enums, as the ``enum`` constraint of the columns that hold their values.
_ENUMS: Mapping[tuple[str, str], list[str]] = MappingProxyType(
    {
        ("campaigns", "kind"): _values(DocumentKind),
        ("campaigns", "region_level"): _values(RegionLevel),
        ("tasks", "kind"): _values(TaskKind),
        ("responsibilities", "element_kind"): ["battle", "group", "task"],
        ("responsibilities", "role"): _values(Role),
        ("units", "kind"): _values(UnitKind),
        ("units", "level"): _values(UnitLevel),
        ("indicators", "place"): ["headline", "battle", "group", "task"],
        ("indicators", "kind"): _values(IndicatorKind),
        ("indicators", "comparator"): _values(Comparator),
        ("indicators", "modality"): _values(Modality),
        ("milestones", "precision"): _values(Precision),
    }
)

#: Each table's primary key (milestones have none: one task may state one phrase twice).
_PRIMARY_KEYS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "campaigns": ("campaign",),
        "tasks": ("campaign", "task"),
        "responsibilities": ("campaign", "element_kind", "element", "note", "position"),
        "units": ("campaign", "unit"),
        "indicators": ("campaign", "pointer"),
        "allocations": ("campaign", "table", "row", "position"),
    }
)

#: Foreign keys beyond ``campaign`` → campaigns, which every table has: (fields, table, fields).
_FOREIGN_KEYS: Mapping[str, tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]] = (
    MappingProxyType({"milestones": ((("campaign", "task"), "tasks", ("campaign", "task")),)})
)

#: Columns that are never empty (the plan requires them).
_REQUIRED = frozenset({"campaign", "title", "kind", "year", "region", "region_level", "task"})

#: The terms of the material (docs/licence.md).
LICENSES: tuple[Mapping[str, str], ...] = (
    {
        "name": "CC0-1.0",
        "path": "https://creativecommons.org/publicdomain/zero/1.0/",
        "title": "CC0 1.0 for what govplan's encoders added; the documents' text is outside "
        "copyright (PRC Copyright Law, Article 5)",
    },
)


def campaign_table(campaigns: Sequence[Campaign]) -> Table:
    """The ``campaigns`` table: one row a plan, with its region and its source document.

    .. versionadded:: 0.3.0
    """
    rows: list[Row] = []
    for plan in campaigns:
        source = plan.source
        rows.append(
            {
                "campaign": plan.id,
                "title": plan.title,
                "kind": plan.kind.value,
                "year": plan.year,
                "region": plan.region.name,
                "region_level": plan.region.level.value,
                "region_code": plan.region.code,
                "region_parent": plan.region.parent,
                "issuer": plan.issuer,
                "issue_date": plan.issue_date.isoformat() if plan.issue_date else None,
                "source_file": source.file if source else None,
                "source_url": source.url if source else None,
                "source_sha256": source.sha256 if source else None,
            }
        )
    return Table(name="campaigns", header=CAMPAIGN_COLUMNS, rows=tuple(rows))


def _field(table: str, column: str) -> dict[str, Any]:
    kind = _TYPES.get(table, {}).get(column, "string")
    field: dict[str, Any] = {"name": column, "type": kind}
    if kind == "number":
        # Exact decimals written in fixed-point notation, never with a unit or a percent sign.
        field["bareNumber"] = True
    constraints: dict[str, Any] = {}
    if (table, column) in _ENUMS:
        constraints["enum"] = _ENUMS[table, column]
    if column in _REQUIRED and table in {"campaigns", "tasks", "milestones"}:
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def _schema(table: str, columns: Sequence[str]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(table, c) for c in columns],
        "missingValues": [""],
    }
    if table in _PRIMARY_KEYS:
        schema["primaryKey"] = list(_PRIMARY_KEYS[table])
    if table != "campaigns":
        keys = [(("campaign",), "campaigns", ("campaign",)), *_FOREIGN_KEYS.get(table, ())]
        schema["foreignKeys"] = [
            {"fields": list(mine), "reference": {"resource": other, "fields": list(theirs)}}
            for mine, other, theirs in keys
        ]
    return schema


def _sources(campaigns: Sequence[Campaign]) -> list[dict[str, str]]:
    """The documents the plans were encoded from, one entry a plan."""
    found = []
    for plan in campaigns:
        entry = {"title": plan.notice_title or plan.title}
        if plan.source and plan.source.url:
            entry["path"] = plan.source.url
        found.append(entry)
    return found


def dataset_tables(campaigns: Sequence[Campaign], tables: Mapping[str, Table]) -> dict[str, Table]:
    """The tables of the data package: ``campaigns`` first, then *tables* (:func:`export_tables`).

    .. versionadded:: 0.3.0
    """
    return {"campaigns": campaign_table(campaigns), **tables}


def datapackage(
    campaigns: Sequence[Campaign], tables: Mapping[str, Table], *, extension: str = "csv"
) -> dict[str, Any]:
    """The ``datapackage.json`` of *tables* (as :func:`dataset_tables` gives them) for *campaigns*.

    Each table is the resource ``NAME.EXTENSION``: a UTF-8 CSV with a header line. The result
    passes ``frictionless validate`` with the files beside it (tests/test_dataset.py).

    .. versionadded:: 0.3.0
    """
    columns = {"campaigns": CAMPAIGN_COLUMNS, **EXPORT_COLUMNS}
    return {
        "profile": "tabular-data-package",
        "name": "govplan-corpus",
        "title": "Government campaign plans encoded with govplan",
        "licenses": [dict(item) for item in LICENSES],
        "sources": _sources(campaigns),
        "resources": [
            {
                "name": name,
                "path": f"{name}.{extension}",
                "profile": "tabular-data-resource",
                "format": extension,
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(name, columns[name]),
            }
            for name in tables
        ],
    }
