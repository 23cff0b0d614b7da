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
from govplan._fields import EXTENSION_KEY, is_extensions
from govplan._reading_direction import CHANGE_KINDS
from govplan.quantity import NUMBER_PATTERN, UNIT_PATTERN, Quantity, QuantityRange

_NUMBER = NUMBER_PATTERN
#: Field metadata (see govplan._fields.field) -> the JSON Schema keyword it becomes, in order.
_CONSTRAINTS = {
    "pattern": "pattern",
    "min_length": "minLength",
    "minimum": "minimum",
    "maximum": "maximum",
}
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
            "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
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


#: Titles of the value formats above (classes and enums take their class name).
_FORMAT_TITLES = {
    "decimal": "Decimal",
    "date": "Date",
    "quantity": "Quantity",
    "quantity_or_range": "QuantityOrRange",
    "document_number": "DocumentNumber",
}

_EXTENSION: dict[str, Any] = {
    "description": (
        "An extension field: any JSON value a publisher adds under an x_ name (x_source_page). "
        "govplan keeps it, reports it as info and never interprets it."
    )
}

_MINOR = re.escape(model.SCHEMA_VERSION.rsplit(".", 1)[0])

#: Properties a class has in files beyond its fields.
_EXTRA_PROPERTIES: dict[type, dict[str, Any]] = {
    model.Campaign: {
        "$schema": {
            "type": "string",
            "minLength": 1,
            "pattern": rf"^(?:urn:govplan:schema:{_MINOR}\.[0-9]+|(?!urn:govplan:schema:).+)$",
            "description": (
                "The schema the file follows, for editors and validators: this schema's $id "
                "(urn:govplan:schema:VERSION, of the version schema_version names) or an "
                "address of a copy. Read, checked against schema_version, not kept."
            ),
            "examples": ["urn:govplan:schema:0.2.0"],
        }
    }
}

_CHANGE_KINDS = [kind.value for kind in model.IndicatorKind if kind in CHANGE_KINDS]

#: Keywords a class's schema has beyond its properties: rules across fields.
_EXTRA_KEYWORDS: dict[type, dict[str, Any]] = {
    model.Campaign: {
        "if": {"properties": {"kind": {"enum": [model.DocumentKind.CAMPAIGN_PLAN.value]}}},
        "then": {
            "required": ["campaign_name"],
            "properties": {"campaign_name": True, "groups": {"type": "array", "maxItems": 0}},
        },
    },
    model.Indicator: {
        "if": {"properties": {"kind": {"enum": _CHANGE_KINDS}}, "required": ["kind"]},
        "then": {"properties": {"direction": True}, "required": ["direction"]},
    },
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
            self.defs.setdefault(name, {"title": _FORMAT_TITLES[name], **schema})
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
                    "title": tp.__name__,
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
        constraints = {
            keyword: meta[name]
            for name, keyword in _CONSTRAINTS.items()
            if meta.get(name) is not None and meta[name] != ""
        }
        if constraints:
            # A $ref cannot carry sibling constraints in every validator: wrap it.
            schema = {"allOf": [schema]} if "$ref" in schema else schema
            schema.update(constraints)
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
        properties = dict(_EXTRA_PROPERTIES.get(cls, {}))
        required = []
        extensible = False
        for field in attrs.fields(cls):
            if is_extensions(field):
                extensible = True
                continue
            properties[field.name] = self.field_schema(field)
            if field.default is attrs.NOTHING:
                required.append(field.name)
        schema: dict[str, Any] = {
            "title": cls.__name__,
            "type": "object",
            "description": _doc(cls),
            "properties": properties,
        }
        if extensible:
            schema["patternProperties"] = {EXTENSION_KEY: _EXTENSION}
        schema["additionalProperties"] = False
        if required:
            schema["required"] = required
        schema.update(_EXTRA_KEYWORDS.get(cls, {}))
        return schema


def example(version: str) -> dict[str, Any]:
    """A small but complete plan: the schema's root example and the base of examples/invalid/.

    One battle with one task group and one task; the task's responsibility note (a lead and two
    cooperating units), an indicator with its target, a milestone; the battle's work team; an
    allocation table; and the unit registry every unit name resolves through.
    """
    note = "县商务局牵头,县发改局、县财政局按职责分工负责"
    return {
        "schema_version": version,
        "id": "mouxian-2023",
        "title": "某县打好“发展六仗”总体方案",
        "campaign_name": "发展六仗",
        "year": 2023,
        "region": {"name": "某县", "level": "county"},
        "issuer": "某县人民政府办公室",
        "document_number": "某政办发〔2023〕1号",
        "issue_date": "2023-02-27",
        "battles": [
            {
                "id": "b1",
                "number": 1,
                "name": "打好经济增长主动仗",
                "groups": [
                    {
                        "id": "b1.g1",
                        "number": "(一)",
                        "title": "加快消费潜力释放",
                        "tasks": [
                            {
                                "id": "b1.g1.t1",
                                "number": "1",
                                "title": "积极开展促消费活动",
                                "text": (
                                    "积极开展促消费活动。6月底前举办汽车消费节,全年社会消费品"
                                    f"零售总额增长8%以上。({note})"
                                ),
                                "responsibilities": [
                                    {
                                        "text": note,
                                        "assignments": [
                                            {"unit": "县商务局", "role": "lead"},
                                            {"unit": "县发改局", "role": "cooperating"},
                                            {"unit": "县财政局", "role": "cooperating"},
                                        ],
                                    }
                                ],
                                "indicators": [
                                    {
                                        "id": "b1.g1.t1.i1",
                                        "name": "社会消费品零售总额",
                                        "kind": "growth_rate",
                                        "phrase": "全年社会消费品零售总额增长8%以上",
                                        "target": "8%",
                                        "direction": "rise",
                                        "comparator": "at_least",
                                    }
                                ],
                                "milestones": [
                                    {"phrase": "6月底前", "due": "2023-06-30", "precision": "month"}
                                ],
                            }
                        ],
                    }
                ],
                "work_team": {
                    "name": "打好经济增长主动仗工作专班",
                    "members": ["县商务局", "县发改局", "县财政局"],
                    "office": "县商务局",
                },
            }
        ],
        "units": [
            {"id": "县商务局", "name": "县商务局", "kind": "department", "level": "county"},
            {
                "id": "县发改局",
                "name": "县发展和改革局",
                "kind": "department",
                "level": "county",
            },
            {"id": "县财政局", "name": "县财政局", "kind": "department", "level": "county"},
        ],
        "allocations": [
            {
                "id": "a1",
                "title": "2023年城镇新增就业任务分解表",
                "battle": "b1",
                "columns": ["城区", "乡镇"],
                "total_label": "全县任务",
                "rows": [
                    {
                        "id": "a1.r1",
                        "name": "城镇新增就业",
                        "unit": "人",
                        "total": "1000",
                        "parts": ["600", "400"],
                    }
                ],
            }
        ],
    }


def _description(version: str) -> str:
    minor = version.rsplit(".", 1)[0]
    return (
        "The govplan plan format: a Chinese local-government campaign plan (总体方案, such as "
        "打好“发展六仗”总体方案 or 实施“八大行动”总体方案) as typed data. A plan holds the "
        "covering notice, headline objectives (主要目标), the battles or actions (仗, 行动) with "
        "their task groups and numbered tasks, the units responsible for each task and their "
        "roles (牵头 lead, 配合 cooperating, 按职责分工负责 jointly responsible), indicators with "
        "unit-aware targets (8%, 21.78万亩), deadlines, allocation tables and the registry of "
        "every unit the plan names. "
        "A plan file is one JSON document, or one YAML document of plain data (no tags, "
        "aliases or repeated keys), that validates against this schema. It "
        f"declares the format version it follows in its required schema_version field "
        f"(schema_version: {version}); this schema, {version}, accepts every {minor}.x file. "
        "Optional fields are left out rather than set to null; lists may be left out when "
        "empty. "
        "This schema checks structure and the form of values. The rules it cannot express "
        "(unique ids, units named in the registry, measurement units govplan knows, deadlines "
        "that match their phrases, targets in units that fit their indicator) are checked by "
        "govplan validate and listed in docs/validation.md. "
        "Read more in the govplan repository: docs/schema.md (the format, field by field) and "
        "docs/versioning.md (how versions and schema_version evolve)."
    )


def generate(schema_id: str, version: str) -> dict[str, Any]:
    """Build the whole schema document."""
    gen = _Generator()
    gen.type_schema(model.Campaign)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": f"govplan campaign plan, schema {version}",
        "description": _description(version),
        "examples": [example(version)],
        "$ref": "#/$defs/campaign",
        "$defs": dict(sorted(gen.defs.items())),
    }
