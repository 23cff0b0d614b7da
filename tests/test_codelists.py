"""schema/codelists/*.csv and schema/units.json: complete, exact, fresh, readable without govplan."""

from __future__ import annotations

import csv
import decimal
import enum
import importlib.util
import io
import json
import re
import shutil
import sys
import types
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from govplan import _codelists as cl
from govplan.org import Role, UnitKind
from govplan.quantity import MAX_DIGITS, Quantity, known_units

SCHEMA = ROOT / "schema"
CODELISTS = SCHEMA / "codelists"
UNITS_TXT = ROOT / "src" / "govplan" / "units.txt"


def load_build_schema() -> types.ModuleType:
    """scripts/build_schema.py as a module (loaded once)."""
    if "build_schema" in sys.modules:
        return sys.modules["build_schema"]
    spec = importlib.util.spec_from_file_location(
        "build_schema", ROOT / "scripts" / "build_schema.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_schema"] = module
    spec.loader.exec_module(module)
    return module


def committed_units() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMA / "units.json").read_text(encoding="utf-8"))
    return data


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))


# ---- the codelists


def test_the_enumerations_walked_to_are_those_of_the_schema() -> None:
    """A new enumeration in a plan field gets a codelist: the walk finds what the schema has."""
    schema = json.loads((SCHEMA / "govplan.schema.json").read_text(encoding="utf-8"))
    enums = {name: d["enum"] for name, d in schema["$defs"].items() if "enum" in d}
    walked = {
        cl.codelist_name(e).removesuffix(".csv").replace("-", "_"): e for e in cl.schema_enums()
    }
    assert set(walked) == set(enums)
    for name, cls in walked.items():
        codes = [row[0] for row in read_csv(CODELISTS / cl.codelist_name(cls))[1:]]
        assert codes == enums[name], name


class Colour(enum.Enum):
    RED = "red"


@attrs.frozen
class Inner:
    colours: tuple[Colour | None, ...]


@attrs.frozen
class Outer:
    inner: Inner | None


def test_the_walk_looks_into_optional_tuples_and_nested_classes() -> None:
    found: dict[type[enum.Enum], None] = {}
    cl._walk(Outer, set(), found)
    assert list(found) == [Colour]


def test_every_code_has_a_title_and_every_title_a_code() -> None:
    published = {cls.__name__: cls for cls in cl.published_enums()}
    assert len(published) == len(cl.published_enums()), "two enumerations share a class name"
    for cls in published.values():
        for member in cls:
            assert (cls.__name__, str(member.value)) in cl.TITLES, f"{cls.__name__}.{member}"
    for name, code in cl.TITLES:
        exists = name in published and code in {str(m.value) for m in published[name]}
        assert exists, f"TITLES names {name}.{code}, which is no code of a published enum"


def test_a_code_without_a_title_fails_the_build() -> None:
    class Untitled(enum.StrEnum):
        SOMETHING = "something"

    with pytest.raises(KeyError, match=r"Untitled\.something"):
        cl.rows(Untitled)


@pytest.mark.parametrize("path", sorted(CODELISTS.glob("*.csv")), ids=lambda p: p.name)
def test_codelist_files_are_plain_utf8_rfc4180_csv(path: Path) -> None:
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8")
    assert "\r" not in text
    assert text.endswith("\n")
    assert text.splitlines()[0] == "code,title_zh,title_en,description"
    table = read_csv(path)
    assert all(len(row) == len(cl.COLUMNS) for row in table)
    codes = [row[0] for row in table[1:]]
    assert codes, path.name
    assert len(set(codes)) == len(codes)
    for code, title_zh, title_en, description in table[1:]:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", code)
        assert re.search(r"[\u4e00-\u9fff]", title_zh), (path.name, code)
        assert title_en
        assert title_en[0].isupper()
        assert description.endswith("."), (path.name, code)


def test_titles_are_the_documents_terms() -> None:
    def title(file: str, code: str) -> str:
        return next(row[1] for row in read_csv(CODELISTS / file) if row[0] == code)

    assert title("role.csv", Role.LEAD) == "牵头"
    assert title("role.csv", Role.COOPERATING) == "配合"
    assert title("role.csv", Role.RESPONSIBLE) == "按职责分工负责"
    assert title("indicator-kind.csv", "growth_rate") == "增长率"
    assert title("comparator.csv", "at_least") == "以上"
    assert title("unit-kind.csv", UnitKind.DEPARTMENT).startswith("政府工作部门")


def test_unit_kind_titles_are_the_names_the_member_comments_give() -> None:
    comments = cl.member_comments(UnitKind)
    assert comments
    for code, comment in comments.items():
        assert comment.startswith(cl.TITLES["UnitKind", code].zh), code


def test_a_missing_description_is_the_member_comment() -> None:
    from govplan.model import IrregularityKind  # noqa: PLC0415

    rows = {row["code"]: row for row in cl.rows(IrregularityKind)}
    assert cl.TITLES["IrregularityKind", "arithmetic"].description == ""
    assert rows["arithmetic"]["description"] == "A total that does not add up to its parts."


def test_quoting_round_trips() -> None:
    """Descriptions hold commas and quotes: the CSV reads back to exactly the rows."""
    for cls in cl.published_enums():
        table = list(csv.DictReader(io.StringIO(cl.codelist_csv(cls), newline="")))
        assert table == cl.rows(cls)


# ---- the units


def test_every_unit_converts_to_its_base_by_its_exact_factor() -> None:
    """Read with govplan: 1 of the unit, converted to the base, is the factor exactly."""
    rounded = decimal.Context(prec=MAX_DIGITS, rounding=decimal.ROUND_HALF_EVEN)
    for name, entry in committed_units()["units"].items():
        factor = entry["factor"]
        for text in [name, *entry["aliases"]]:
            one = Quantity.parse("1" + text)
            assert one.dimensionality == entry["dimension"], text
            if entry["base"] is None:
                value = Decimal(one.pint.to("dimensionless").magnitude)
            else:
                value = one.to(entry["base"]).value
            if "/" in factor:
                # No finite decimal: govplan rounds to MAX_DIGITS digits, the file is exact.
                p, q = (Decimal(n) for n in factor.split("/"))
                assert "/" in cl.exact_text(Fraction(factor)), "a decimal written as p/q"
                assert value == rounded.divide(p, q), text
            else:
                assert value == Decimal(factor), text


def test_units_of_one_dimension_convert_into_each_other_by_their_factors() -> None:
    """1 a in b is factor(a) / factor(b): exactly when that has a finite decimal.

    Otherwise (1 万亩 in 万公顷) govplan rounds to MAX_DIGITS digits, and through 小时, whose
    1/24 the registry holds rounded, may be one off in the last digit (1 小时 in 周).
    """
    units = committed_units()["units"]
    for a, first in units.items():
        for b, second in units.items():
            if first["dimension"] != second["dimension"]:
                continue
            ratio = Fraction(first["factor"]) / Fraction(second["factor"])
            value = Quantity.parse("1" + a).to(b).value
            if "/" not in cl.exact_text(ratio):
                assert Fraction(value) == ratio, (a, b)
            else:
                last_digit = Fraction(10) ** (value.adjusted() - MAX_DIGITS + 1)
                assert abs(Fraction(value) - ratio) <= last_digit, (a, b)


def test_base_units_are_units_of_their_own_dimension_with_factor_1() -> None:
    units = committed_units()["units"]
    for name, entry in units.items():
        if entry["base"] is not None:
            base = units[entry["base"]]
            assert base["dimension"] == entry["dimension"]
            assert base["base"] == entry["base"]
            assert base["factor"] == "1"
        if entry["factor"] == "1" and entry["dimension"] != "dimensionless":
            assert entry["base"] == name


def _units_txt_texts() -> tuple[set[str], set[str]]:
    """The names and the other texts (symbols, aliases) units.txt defines, read as text."""
    names: set[str] = set()
    others: set[str] = set()
    for line in UNITS_TXT.read_text(encoding="utf-8").splitlines():
        definition = line.split("#", 1)[0].strip()
        if "=" not in definition:
            continue
        parts = [part.strip() for part in definition.split("=")]
        names.add(parts[0])
        others.update(p for p in parts[2:] if p != "_")
    return names, others


def test_every_unit_of_units_txt_is_in_units_json() -> None:
    names, others = _units_txt_texts()
    units = committed_units()["units"]
    aliases = [a for entry in units.values() for a in entry["aliases"]]
    published = set(units) | set(aliases)
    assert len(published) == len(units) + len(aliases), "a text is listed twice"
    # percent and permille are pint's names for % and ‰, which govplan reads instead.
    assert published == (names | others) - {"percent", "permille"}
    assert published == set(known_units())
    assert len(units) == len(names)


def test_prefixed_units_are_exact_multiples() -> None:
    units = committed_units()["units"]
    assert units["万亩"] == {
        "dimension": "[area]",
        "base": "亩",
        "factor": "10000",
        "summable": True,
        "aliases": [],
    }
    assert units["亿元"]["factor"] == "100000000"
    assert units["万人次"]["base"] == "人次"
    assert units["平方米"]["factor"] == "0.0015"
    assert units["小时"]["factor"] == "1/24"
    assert units["基点"]["aliases"] == ["BP"]


def test_ratios_and_their_differences_are_not_summable() -> None:
    units = committed_units()["units"]
    assert {name for name, entry in units.items() if not entry["summable"]} == {
        "%",
        "‰",
        "个百分点",
        "基点",
    }


def test_units_json_is_sorted_and_stable() -> None:
    text = (SCHEMA / "units.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data["units"]) == sorted(data["units"])
    assert list(data) == ["$schema", "version", "units"]
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert cl.generated_files()["units.json"] == cl.generated_files()["units.json"] == text
    assert '"factor": "' in text
    assert not re.search(r'"factor": [0-9]', text), "a factor written as a JSON number"


def test_units_json_follows_its_schema() -> None:
    schema = json.loads((SCHEMA / "units.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    data = committed_units()
    assert list(validator.iter_errors(data)) == []
    assert data["$schema"] == schema["$id"]
    for bad in (1e4, "1e4", "10000.0", "0", "1/0", "-1"):
        changed = json.loads(json.dumps(data))
        changed["units"]["万亩"]["factor"] = bad
        assert not validator.is_valid(changed), bad


_TERMINATING = st.builds(
    lambda n, a, b: Fraction(n, 2**a * 5**b),
    st.integers(1, 10**30),
    st.integers(0, 40),
    st.integers(0, 40),
)


@given(_TERMINATING)
def test_a_factor_with_a_finite_decimal_is_written_as_that_decimal(value: Fraction) -> None:
    text = cl.exact_text(value)
    assert re.fullmatch(cl.FACTOR_PATTERN, text)
    assert "/" not in text
    assert Fraction(text) == value


@given(st.fractions(min_value=Fraction(1, 10**9), max_value=10**9))
def test_every_factor_is_written_exactly(value: Fraction) -> None:
    text = cl.exact_text(value)
    assert re.fullmatch(cl.FACTOR_PATTERN, text)
    assert Fraction(text) == value


def test_exact_text_examples() -> None:
    assert cl.exact_text(Fraction(10000)) == "10000"
    assert cl.exact_text(Fraction(3, 2000)) == "0.0015"
    assert cl.exact_text(Fraction(1, 10**12)) == "0.000000000001"
    assert cl.exact_text(Fraction(1, 24)) == "1/24"


# ---- generated and fresh


def test_committed_files_are_what_govplan_generates() -> None:
    """Fails when an enumeration, a title or a unit changed and build_schema.py was not run."""
    for name, text in cl.generated_files().items():
        assert (SCHEMA / name).read_bytes().decode("utf-8") == text, name
    assert {p.name for p in CODELISTS.glob("*.csv")} == {
        cl.codelist_name(e) for e in cl.published_enums()
    }


def test_build_schema_check_finds_stale_and_left_over_files(tmp_path: Path) -> None:
    build = load_build_schema()
    folder = tmp_path / "schema"
    shutil.copytree(SCHEMA, folder)
    assert build.stale(folder) == []
    (folder / "units.json").write_text("{}\n", encoding="utf-8")
    (folder / "codelists" / "role.csv").write_bytes(
        (SCHEMA / "codelists" / "role.csv").read_bytes().replace(b"\n", b"\r\n")
    )
    (folder / "codelists" / "gone.csv").write_text("code\n", encoding="utf-8")
    (folder / "codelists" / "modality.csv").unlink()
    assert [p.name for p in build.stale(folder)] == [
        "gone.csv",
        "modality.csv",
        "role.csv",
        "units.json",
    ]
    build.write(folder)
    assert build.stale(folder) == []
    assert not (folder / "codelists" / "gone.csv").exists()


def test_schema_page_names_every_data_file() -> None:
    page = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    section = page.split("## Codelists and units as data", 1)[1]
    for path in CODELISTS.glob("*.csv"):
        assert f"| `{path.name}` |" in section
    assert "`schema/units.json`" in section
    assert "`schema/units.schema.json`" in section
