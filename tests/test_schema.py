"""The published schema: valid Draft 2020-12, equal to what the models generate, usable alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
import yaml

import govplan as gp
from conftest import ROOT, SAMPLE
from govplan import model, org
from govplan._schemagen import _snake

COMMITTED = ROOT / "schema" / "govplan.schema.json"


def committed() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return data


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(committed())
    assert committed()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_committed_schema_is_what_the_models_generate() -> None:
    """Fails when a model changes and schema/ was not regenerated (scripts/build_schema.py)."""
    assert committed() == gp.schema()


def test_schema_id_names_the_version() -> None:
    assert committed()["$id"] == gp.SCHEMA_ID
    assert gp.SCHEMA_VERSION in gp.SCHEMA_ID


def test_every_model_field_is_in_the_schema_and_back() -> None:
    defs = committed()["$defs"]
    classes = [
        c
        for module in (model, org)
        for c in vars(module).values()
        if isinstance(c, type)
        and attrs.has(c)
        and c.__module__ == module.__name__
        and c is not model.DocumentNumber
    ]
    for cls in classes:
        definition = defs[_snake(cls.__name__)]
        fields = attrs.fields(cls)
        assert set(definition["properties"]) - {"$schema"} == {
            f.name for f in fields if f.name != "extensions"
        }, cls
        required = {f.name for f in fields if f.default is attrs.NOTHING}
        assert set(definition.get("required", [])) == required, cls
        assert definition["additionalProperties"] is False
        for name, prop in definition["properties"].items():
            assert prop.get("description"), f"{cls.__name__}.{name} has no description"


def plain_data(path: Path) -> Any:
    """Read a plan file the way a project without govplan would."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_sample_validates_with_a_plain_validator() -> None:
    validator = jsonschema.Draft202012Validator(
        committed(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert list(validator.iter_errors(plain_data(SAMPLE))) == []


def test_wrong_type_fails_with_a_plain_validator() -> None:
    data = plain_data(SAMPLE)
    data["battles"][0]["number"] = "two"
    data["battles"][0]["groups"][0]["tasks"][0]["responsibilities"][0]["assignments"][0]["role"] = (
        "boss"
    )
    errors = list(jsonschema.Draft202012Validator(committed()).iter_errors(data))
    assert sorted(e.validator for e in errors) == ["enum", "type"]


def test_quantity_pattern_matches_what_govplan_reads() -> None:
    defs = committed()["$defs"]
    quantity = jsonschema.Draft202012Validator(defs["quantity"])
    ranged = jsonschema.Draft202012Validator(defs["quantity_or_range"])
    for text in ["21.78万亩", "8%", "0.7个百分点", "99元/人", "-5%"]:
        assert quantity.is_valid(text)
        assert ranged.is_valid(text)
    for text in ["3万元-5万元", "2-3家"]:
        assert ranged.is_valid(text)
        assert not quantity.is_valid(text)
    for text in ["8", "万亩", "3 家", ""]:
        assert not quantity.is_valid(text)


def test_generated_docs_are_fresh() -> None:
    """Fails when rules, units or examples changed and docs/ was not regenerated."""
    script = ROOT / "scripts" / "build_docs.py"
    result = subprocess.run(  # noqa: S603 - this interpreter on a fixed script
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_schema_pattern_uses_a_class_python_and_ecma_read_differently() -> None:
    r"""Python's ``\d`` and ``\w`` match any Unicode digit or letter, ECMA-262's only ASCII ones.

    Their ``\s`` differ too (Python's matches \x1c-\x1f, ECMA-262's U+FEFF).

    A pattern spelled with them would let govplan accept what ajv refuses (a full-width ５家).
    """
    patterns: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                patterns.append(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(gp.schema())
    assert patterns
    classes = ("\\d", "\\w", "\\b", "\\s", "\\S", "\\D", "\\W")
    assert [p for p in patterns if any(c in p for c in classes)] == []


@pytest.mark.parametrize("target", ["５家", "٥家"])
def test_a_quantity_of_other_digits_is_refused_as_ajv_refuses_it(target: str) -> None:
    with pytest.raises(gp.QuantityError):
        gp.parse_quantity(target)


@pytest.mark.parametrize("space", ["\x1c", "\x1f", "\x85", "\ufeff", "\u3000", " "])
def test_ids_with_white_space_of_either_dialect_are_invalid(space: str) -> None:
    """Python's \\s has \\x1c-\\x1f and \\x85, ECMA-262's has U+FEFF: the schema refuses all."""
    data = plain_data(SAMPLE)
    data["battles"][0]["id"] = f"b1{space}"
    validator = jsonschema.Draft202012Validator(committed())
    assert [e.validator for e in validator.iter_errors(data)] == ["pattern"]
