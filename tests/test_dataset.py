"""The corpus dataset: ``govplan export PLANS… --datapackage`` (docs/dataset.md)."""

from __future__ import annotations

import csv
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from govplan import cli, io
from govplan.checks import iter_indicators
from govplan.metrics import csv_text, normalise_name
from govplan.metrics._datapackage import _field
from govplan.metrics._export import EXPORT_COLUMNS

frictionless = pytest.importorskip("frictionless")
duckdb = pytest.importorskip("duckdb")

EXAMPLES = ROOT / "examples"
PLANS = sorted(EXAMPLES.glob("*.yaml"))
TABLES = ["campaigns", *EXPORT_COLUMNS]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dataset") / "corpus"
    assert cli.main(["export", str(EXAMPLES), "--datapackage", "--out", str(out)]) == 0
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_corpus_is_a_valid_tabular_data_package(corpus: Path) -> None:
    assert sorted(p.name for p in corpus.iterdir()) == sorted(
        ["datapackage.json", *(f"{n}.csv" for n in TABLES)]
    )
    package = json.loads((corpus / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert [r["name"] for r in package["resources"]] == TABLES
    assert package["licenses"]
    assert len(package["sources"]) == len(PLANS)
    report = frictionless.validate(corpus / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_validation_finds_a_row_whose_campaign_is_missing(corpus: Path, tmp_path: Path) -> None:
    """The foreign keys are checked: the package is invalid without one plan's campaigns row."""
    broken = tmp_path / "broken"
    shutil.copytree(corpus, broken)
    lines = (broken / "campaigns.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (broken / "campaigns.csv").write_text("".join(lines[:-1]), encoding="utf-8")
    report = frictionless.validate(broken / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {e[0] for e in report.flatten(["type"])}


def test_the_declared_enum_is_checked(corpus: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(corpus, broken)
    text = (broken / "tasks.csv").read_text(encoding="utf-8")
    (broken / "tasks.csv").write_text(
        text.replace(",0,task,", ",0,no-such-kind,", 1), encoding="utf-8"
    )
    report = frictionless.validate(broken / "datapackage.json")
    assert "constraint-error" in {e[0] for e in report.flatten(["type"])}


def test_row_counts_are_the_models_counts_per_plan(corpus: Path) -> None:
    plans = [io.load(p) for p in PLANS]
    tables = {name: _rows(corpus / f"{name}.csv") for name in TABLES}
    assert [r["campaign"] for r in tables["campaigns"]] == [p.id for p in plans]
    for plan in plans:

        def count(name: str, plan_id: str = plan.id) -> int:
            return sum(r["campaign"] == plan_id for r in tables[name])

        tasks = [t for top in plan.walk_tasks() for t in top.walk()]
        assert count("tasks") == len(tasks), plan.id
        assert count("milestones") == sum(len(t.milestones) for t in tasks), plan.id
        assert count("units") == len(plan.units), plan.id
        assert count("indicators") == len(list(iter_indicators(plan))), plan.id
        cells = sum(len(t.rows) * (1 + len(t.columns)) for t in plan.allocations)
        assert count("allocations") == cells, plan.id
    (row,) = (r for r in tables["campaigns"] if r["campaign"] == "changde-2023")
    assert row["region_code"] == plans[0].region.code == "430700"


def test_decimals_are_the_models_exact_values(corpus: Path) -> None:
    by_key = {(r["campaign"], r["pointer"]): r for r in _rows(corpus / "indicators.csv")}
    checked = 0
    for plan in (io.load(p) for p in PLANS):
        for pointer, indicator in iter_indicators(plan):
            value = getattr(indicator.target, "value", None)
            cell = by_key[plan.id, pointer]["value"]
            assert (Decimal(cell) if cell else None) == value, pointer
            checked += value is not None
    assert checked > 100


def test_bom_with_excel_only(tmp_path: Path) -> None:
    plain, excel = tmp_path / "plain", tmp_path / "excel"
    assert cli.main(["export", "changde-2023", "--out", str(plain)]) == 0
    assert (
        cli.main(["export", "changde-2023", "--excel", "--datapackage", "--out", str(excel)]) == 0
    )
    for name in EXPORT_COLUMNS:
        assert not (plain / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        data = (excel / f"{name}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbfcampaign,")
        assert data[3:] == (plain / f"{name}.csv").read_bytes()
    assert not (excel / "datapackage.json").read_bytes().startswith(b"\xef\xbb\xbf")
    assert frictionless.validate(excel / "datapackage.json").valid


def test_a_folder_and_a_file_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    (folder / "deeper").mkdir(parents=True)
    shutil.copy(EXAMPLES / "changde-2023.yaml", folder)
    shutil.copy(EXAMPLES / "nanxian-2025.yaml", folder / "deeper")
    given = [str(folder), str(EXAMPLES / "pingjiang-2023.yaml")]
    out = tmp_path / "out"
    assert cli.main(["export", *given, "--datapackage", "--out", str(out)]) == 0
    assert [r["campaign"] for r in _rows(out / "campaigns.csv")] == [
        "changde-2023",
        "pingjiang-2023",
    ]
    assert cli.main(["export", *given, "-r", "--datapackage", "--out", str(out)]) == 0
    found = {r["campaign"] for r in _rows(out / "tasks.csv")}
    assert found == {"changde-2023", "nanxian-2025", "pingjiang-2023"}


def test_an_invalid_plan_stops_the_export_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert cli.main(["export", "changde-2023", "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    capsys.readouterr()
    bad = min((EXAMPLES / "invalid").glob("*.yaml"))
    given = [str(EXAMPLES / "pingjiang-2023.yaml"), str(bad)]
    assert cli.main(["export", *given, "--datapackage", "--out", str(out)]) == 1
    assert str(bad) in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_two_plans_with_one_campaign_id_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "again.yaml"
    shutil.copy(EXAMPLES / "changde-2023.yaml", copy)
    out = tmp_path / "out"
    assert (
        cli.main(["export", str(EXAMPLES / "changde-2023.yaml"), str(copy), "--out", str(out)]) == 2
    )
    assert "both campaign 'changde-2023'" in capsys.readouterr().err
    assert not out.exists()


def _docs_code() -> tuple[str, list[str]]:
    text = (ROOT / "docs" / "dataset.md").read_text(encoding="utf-8")
    (python,) = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    return python, re.findall(r"```sql\n(.*?)```", text, re.DOTALL)


def test_the_documented_duckdb_queries(corpus: Path) -> None:
    python, queries = _docs_code()
    namespace: dict[str, Any] = {}
    exec(python.replace('Path("corpus")', repr(str(corpus)).join(["Path(", ")"])), namespace)  # noqa: S102 - the page's own code
    db = namespace["db"]
    tasks = db.sql("SELECT * FROM tasks")
    types = dict(zip(tasks.columns, map(str, tasks.types), strict=True))
    assert types["task"] == types["campaign"] == types["number"] == "VARCHAR"
    assert types["depth"] == "BIGINT"
    allocations = db.sql("SELECT * FROM allocations")
    row_types = dict(zip(allocations.columns, map(str, allocations.types), strict=True))
    assert row_types["row"] == row_types["number"] == "VARCHAR"
    assert row_types["value"] == "DECIMAL(38,10)"
    assert str(db.sql("SELECT region_code FROM campaigns").types[0]) == "VARCHAR"

    leads, growth = (db.sql(q) for q in queries)
    rows = leads.fetchall()
    responsibilities = _rows(corpus / "responsibilities.csv")
    expected: dict[str, int] = {}
    for r in responsibilities:
        if r["element_kind"] == "task" and r["role"] == "lead":
            expected[r["unit"]] = expected.get(r["unit"], 0) + 1
    ranked = sorted(expected.items(), key=lambda item: (-item[1], item[0]))
    assert [(u, n) for u, _, n in rows] == ranked[:10]

    found = growth.fetchall()
    plans = {p.id: p for p in (io.load(path) for path in PLANS)}
    want = sorted(
        (plan.region.code, plan.year, getattr(i.target, "value", None))
        for plan in plans.values()
        for _, i in iter_indicators(plan)
        if i.kind.value == "growth_rate" and _name(i.name) == "地区生产总值"
    )
    assert sorted((code, year, value) for _, code, year, value, *_ in found) == want
    assert len({code for _, code, *_ in found}) >= 3


def _name(name: str) -> str:
    return normalise_name(name)


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda d: -30 < d.adjusted() < 30
    )
)
def test_a_number_cell_reads_back_as_the_exact_decimal(value: Decimal) -> None:
    """A target's value, as export writes it, is read back by frictionless as the same decimal."""
    text = csv_text([{"campaign": "c", "value": value}], ("campaign", "value"))
    schema = {"fields": [{"name": "campaign", "type": "string"}, _field("indicators", "value")]}
    resource = frictionless.Resource(
        data=text.encode("utf-8"), format="csv", schema=frictionless.Schema.from_descriptor(schema)
    )
    (row,) = resource.read_rows()
    assert row["value"] == value
    assert isinstance(row["value"], Decimal)
