"""Generate the JSON Schema (Draft 2020-12) from the attrs models and their field metadata."""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import re
import types
import typing
from decimal import Decimal
from typing import Any

import attrs

from govplan import model
from govplan.quantity import NUMBER_PATTERN, UNIT_PATTERN, Quantity, QuantityRange

_NUMBER = NUMBER_PATTERN
_UNIT = UNIT_PATTERN

_FORMATS: dict[Any, tuple[str, dict[str, Any]]] = {
    Decimal: (
        "decimal",
        {
            "type": "string",
            "description": "An exact decimal number written as a string, as printed.",
            "pattern": rf"^{_NUMBER}$",
            "examples": ["53000", "21.78"],
        },
    ),
    dt.date: (
        "date",
        {
            "type": "string",
            "format": "date",
            "description": "A calendar date, ISO 8601 (YYYY-MM-DD).",
            "pattern": r"^\d{4}-\d{2}-\d{2}$",
            "examples": ["2023-02-27"],
        },
    ),
    Quantity: (
        "quantity",
        {
            "type": "string",
            "description": (
                "A number followed by a govplan unit, as printed: 21.78万亩, 8%, 0.7个百分点, 99元/人. "
                "The unit must be one govplan knows (docs/units.md); a validator without govplan "
                "checks the form only."
            ),
            "pattern": rf"^{_NUMBER}{_UNIT}$",
            "examples": ["21.78万亩", "8%", "0.7个百分点", "2300万人次"],
        },
    ),
    Quantity | QuantityRange: (
        "quantity_or_range",
        {
            "type": "string",
            "description": (
                "A quantity (21.78万亩) or a range low-high (3万元-5万元, or 2-3家 with the unit "
                "written once)."
            ),
            "pattern": rf"^{_NUMBER}{_UNIT}$|^{_NUMBER}(?:{_UNIT})?-{_NUMBER}{_UNIT}$",
            "examples": ["8%", "3万元-5万元", "2-3家"],
        },
    ),
    model.DocumentNumber: (
        "document_number",
        {
            "type": "string",
            "description": (
                "A document number (文号), verbatim: prefix, year in 〔〕 (or [], (), （）), serial, 号."
            ),
            "pattern": model.DocumentNumber.PATTERN.replace("?P<prefix>", "")
            .replace("?P<year>", "")
            .replace("?P<serial>", ""),
            "examples": ["凤政办发〔2023〕2号"],
        },
    ),
}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _doc(obj: Any) -> str:
    text = inspect.getdoc(obj) or ""
    paragraphs = [p for p in text.split("\n\n") if not p.lstrip().startswith(("..", ">>>"))]
    return " ".join(" ".join(p.split()) for p in paragraphs).strip()


class _Generator:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, name: str) -> dict[str, str]:
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, tp: Any) -> dict[str, Any]:  # noqa: C901, PLR0911 - one case per kind
        if tp in _FORMATS:
            name, schema = _FORMATS[tp]
            self.defs.setdefault(name, schema)
            return self.ref(name)
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        origin = typing.get_origin(tp)
        if origin is tuple:
            item, _ellipsis = typing.get_args(tp)
            return {"type": "array", "items": self.type_schema(item)}
        if origin in {typing.Union, types.UnionType}:
            args = typing.get_args(tp)
            if type(None) in args:
                rest = tuple(a for a in args if a is not type(None))
                inner = rest[0] if len(rest) == 1 else typing.Union[rest]  # noqa: UP007
                return {"anyOf": [self.type_schema(inner), {"type": "null"}]}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            name = _snake(tp.__name__)
            if name not in self.defs:
                self.defs[name] = {
                    "type": "string",
                    "description": _doc(tp),
                    "enum": [m.value for m in tp],
                }
            return self.ref(name)
        if attrs.has(tp):
            name = _snake(tp.__name__)
            if name not in self.defs:
                self.defs[name] = {}
                self.defs[name] = self.class_schema(tp)
            return self.ref(name)
        raise TypeError(f"no schema mapping for {tp!r}")

    def field_schema(self, field: attrs.Attribute[Any]) -> dict[str, Any]:
        tp: Any = field.type
        if field.default is None:
            tp = typing.Union[tuple(a for a in typing.get_args(tp) if a is not type(None))]  # noqa: UP007
        schema = dict(self.type_schema(tp))
        meta = field.metadata
        target = schema
        if "$ref" in schema and (
            meta.get("pattern") or meta.get("min_length") or meta.get("minimum")
        ):
            schema = {"allOf": [schema]}
            target = schema
        if meta.get("pattern"):
            target["pattern"] = meta["pattern"]
        if meta.get("min_length"):
            target["minLength"] = meta["min_length"]
        if meta.get("minimum") is not None:
            target["minimum"] = meta["minimum"]
        schema["description"] = meta["description"]
        if "examples" in meta:
            schema["examples"] = meta["examples"]
        default = field.default
        if default is attrs.NOTHING:
            pass
        elif isinstance(default, enum.Enum):
            schema["default"] = default.value
        elif isinstance(default, bool):
            schema["default"] = default
        return schema

    def class_schema(self, cls: type) -> dict[str, Any]:
        attrs.resolve_types(cls)
        properties = {}
        required = []
        for field in attrs.fields(cls):
            properties[field.name] = self.field_schema(field)
            if field.default is attrs.NOTHING:
                required.append(field.name)
        schema: dict[str, Any] = {
            "type": "object",
            "description": _doc(cls),
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            schema["required"] = required
        return schema


def generate(schema_id: str, version: str) -> dict[str, Any]:
    """Build the whole schema document."""
    gen = _Generator()
    gen.type_schema(model.Campaign)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": f"govplan campaign plan, schema {version}",
        "description": (
            "A Chinese local-government campaign plan (总体方案, e.g. 打好“发展六仗”总体方案) as "
            "typed data: the notice, headline objectives, battles with their task groups, tasks, "
            "responsible units and roles, indicators with unit-aware targets, deadlines, "
            "allocation tables and the unit registry. Optional fields are left out rather than "
            "set to null; lists may be left out when empty. See the govplan documentation for "
            "the rules a validator without govplan cannot check (unique ids, units in the "
            "registry, known measurement units, totals that add up)."
        ),
        "examples": [
            {
                "schema_version": version,
                "id": "example-2023",
                "title": "某县打好“发展六仗”总体方案",
                "campaign_name": "发展六仗",
                "year": 2023,
                "region": {"name": "某县", "level": "county"},
            }
        ],
        "$ref": "#/$defs/campaign",
        "$defs": dict(sorted(gen.defs.items())),
    }
