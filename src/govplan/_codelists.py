"""The schema's enumerations and govplan's units as data: schema/codelists/*.csv, schema/units.json.

A validator in another language reads these files instead of govplan: each codelist gives the
codes of one enumeration with its Chinese and English titles, ``units.json`` every unit text
govplan reads with its dimension and its exact factor to the dimension's base unit.  Both are
written by ``scripts/build_schema.py`` beside the schema, from the models and ``units.txt``.
"""

from __future__ import annotations

import ast
import csv
import decimal
import enum
import functools
import inspect
import io
import json
import re
import textwrap
import typing
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

import attrs

from govplan import model
from govplan._schemagen import _snake
from govplan.errors import Severity
from govplan.metrics import NotSummableError, sum_quantities
from govplan.quantity import UNIT_PATTERN, Quantity, _registry_of, known_units, registry

if typing.TYPE_CHECKING:
    import pint

#: The columns of every codelist, in order.
COLUMNS = ("code", "title_zh", "title_en", "description")
#: The ``$id`` of the schema of ``units.json`` (and the ``$schema`` that file names).
UNITS_SCHEMA_ID = f"urn:govplan:units:{model.SCHEMA_VERSION}"


class Title(NamedTuple):
    """How a code is called: the documents' Chinese term, a short English title, one sentence.

    An empty *description* means the member's ``#:`` comment in the source, which is one.
    """

    zh: str
    en: str
    description: str = ""


#: Enumerations published beside the plan's: the severity of a problem of ``govplan validate``
#: (its JSON report carries the codes), which no plan field holds.
REPORT_ENUMS: tuple[type[enum.Enum], ...] = (Severity,)

#: Titles of every code, by (enumeration class name, code).
TITLES: dict[tuple[str, str], Title] = {
    # RegionLevel
    ("RegionLevel", "province"): Title(
        "省", "Province", "A province or autonomous region (省、自治区)."
    ),
    ("RegionLevel", "prefecture"): Title(
        "市（州）",
        "Prefecture",
        "A prefecture-level city or autonomous prefecture (地级市、自治州).",
    ),
    ("RegionLevel", "county"): Title("县", "County", "A county or autonomous county (县、自治县)."),
    ("RegionLevel", "district"): Title(
        "区", "District", "A district of a city (市辖区), at county level."
    ),
    ("RegionLevel", "county_level_city"): Title(
        "县级市", "County-level city", "A city at county level (县级市)."
    ),
    # DocumentKind
    ("DocumentKind", "campaign_plan"): Title(
        "总体方案",
        "Campaign plan",
        "A general plan of several battles or actions, one attachment or paragraph each.",
    ),
    ("DocumentKind", "work_plan"): Title(
        "实施方案 / 工作方案",
        "Work plan",
        "One battle's or one field's own plan, published alone.",
    ),
    ("DocumentKind", "task_breakdown"): Title(
        "任务分解 / 责任分解方案",
        "Task breakdown",
        "Tasks broken down to responsible units (任务分解, 责任分解方案, 重点工作分工, 任务清单).",
    ),
    ("DocumentKind", "action_plan"): Title(
        "行动计划 / 三年行动方案", "Action plan", "A multi-year action plan."
    ),
    ("DocumentKind", "policy_measures"): Title(
        "若干意见 / 若干措施",
        "Policy measures",
        "Numbered policies: 若干意见, 实施意见, 若干措施, 实施细则.",
    ),
    ("DocumentKind", "development_plan"): Title(
        "国民经济和社会发展计划",
        "Development plan",
        "The yearly plan for the economy and society: last year's results beside this year's "
        "targets.",
    ),
    # IndicatorKind
    ("IndicatorKind", "growth_rate"): Title(
        "增长率", "Growth rate", "A rate of growth over the previous period, in % (增长8%)."
    ),
    ("IndicatorKind", "level"): Title(
        "总量", "Level", "An amount to reach, in a unit (实现旅游总收入210亿元)."
    ),
    ("IndicatorKind", "share"): Title(
        "占比", "Share", "A ratio of one amount to another, in % (占比65%, 城镇化率)."
    ),
    ("IndicatorKind", "count"): Title(
        "数量", "Count", "A number of things, in a counter such as 家 or 个 (新增3家)."
    ),
    ("IndicatorKind", "percentage_point_change"): Title(
        "百分点变化",
        "Percentage-point change",
        "A change of a ratio, in 个百分点 or 基点 (提高0.7个百分点).",
    ),
    ("IndicatorKind", "rank"): Title("排名", "Rank", "A place in a ranking (排名全省前10位)."),
    ("IndicatorKind", "qualitative"): Title(
        "定性", "Qualitative", "An outcome stated without a number (正增长, 全覆盖, 稳居全省前列)."
    ),
    # Direction
    ("Direction", "rise"): Title(
        "上升", "Rise", "The outcome is to rise (增长, 提高, 增加, 上升)."
    ),
    ("Direction", "fall"): Title(
        "下降", "Fall", "The outcome is to fall (下降, 减少, 降低, 压减)."
    ),
    # Comparator
    ("Comparator", "at_least"): Title(
        "以上",
        "At least",
        "The outcome is to reach the target or go beyond it (以上, 突破, 超过, 不低于).",
    ),
    ("Comparator", "at_most"): Title(
        "以下",
        "At most",
        "The outcome is to stay at the target or below it (以下, 以内, 不超过, 控制在).",
    ),
    ("Comparator", "about"): Title(
        "左右", "About", "The outcome is to come close to the target (左右, 上下, 约)."
    ),
    ("Comparator", "exact"): Title(
        "等于", "Exactly", "The target is the value itself, stated with no bound word."
    ),
    # Modality
    ("Modality", "aspirational"): Title(
        "力争", "Aspirational", "A target to strive for (力争, 争取)."
    ),
    ("Modality", "binding"): Title("确保", "Binding", "A target that must be met (确保)."),
    ("Modality", "none"): Title(
        "未注明", "None stated", "The target is stated without 力争 or 确保."
    ),
    # TaskKind: descriptions from the member comments
    ("TaskKind", "task"): Title("任务", "Task"),
    ("TaskKind", "item"): Title("分项", "Item"),
    ("TaskKind", "table_row"): Title("任务分解表条目", "Table row"),
    # IrregularityKind: descriptions from the member comments
    ("IrregularityKind", "typo"): Title("错字", "Typo"),
    ("IrregularityKind", "spelling_variant"): Title("异写", "Spelling variant"),
    ("IrregularityKind", "inconsistent"): Title("前后不一", "Inconsistent"),
    ("IrregularityKind", "arithmetic"): Title("合计不符", "Arithmetic"),
    ("IrregularityKind", "missing"): Title("缺漏", "Missing"),
    ("IrregularityKind", "layout"): Title("版式", "Layout"),
    ("IrregularityKind", "garbled"): Title("乱码", "Garbled"),
    ("IrregularityKind", "other"): Title(
        "其他", "Other", "Another irregularity, said in the entry's description."
    ),
    # ConventionKind
    ("ConventionKind", "first_listed_leads"): Title(
        "排在第一位的为牵头单位",
        "First-listed unit leads",
        "The document states that the first unit listed for each task leads.",
    ),
    ("ConventionKind", "unlisted_units"): Title(
        "不再列出的责任单位",
        "Units not listed",
        "The document names units that share every task without listing them in each note "
        "(以下任务均需各县市区人民政府落实,不再列出).",
    ),
    ("ConventionKind", "other"): Title(
        "其他", "Other", "Another reading rule the document states, quoted in the convention."
    ),
    # Role
    ("Role", "lead"): Title(
        "牵头",
        "Lead",
        "The unit leads the task: named as 牵头, named alone before 负责, or listed under 牵头单位.",
    ),
    ("Role", "cooperating"): Title(
        "配合",
        "Cooperating",
        "The unit works with the lead: listed after it (X牵头,Y、Z按职责分工负责) or under 配合单位.",
    ),
    ("Role", "responsible"): Title(
        "按职责分工负责",
        "Jointly responsible",
        "The unit shares the task with the others listed, each within its remit, or is listed "
        "under 责任单位.",
    ),
    # UnitKind: the Chinese names of the member comments
    ("UnitKind", "department"): Title(
        "政府工作部门、直属机构",
        "Government department",
        "A department or directly affiliated body of a government (县发改局, 市人社局).",
    ),
    ("UnitKind", "township"): Title(
        "乡镇人民政府、街道办事处",
        "Township or subdistrict",
        "The government of a township or town, or a subdistrict office.",
    ),
    ("UnitKind", "park_committee"): Title(
        "园区管委会",
        "Park management committee",
        "The management committee of an industrial or development park (产业开发区管委会).",
    ),
    ("UnitKind", "party_organ"): Title(
        "党委部门", "Party organ", "A department of a Party committee (县委组织部, 县纪委监委)."
    ),
    ("UnitKind", "peoples_organisation"): Title(
        "人民团体、群团组织",
        "People's organisation",
        "A people's or mass organisation (县妇联, 县残联, 县科协, 县总工会).",
    ),
    ("UnitKind", "judicial"): Title(
        "法院、检察院", "Court or procuratorate", "A people's court or people's procuratorate."
    ),
    ("UnitKind", "vertical_agency"): Title(
        "垂直管理或上级派驻机构",
        "Vertically managed agency",
        "A body managed or stationed by a higher level (县税务局, 人民银行支行, 消防救援大队).",
    ),
    ("UnitKind", "state_enterprise"): Title(
        "国有企业",
        "State-owned enterprise",
        "A state-owned enterprise (国网供电公司, 县城投公司, 电信运营商).",
    ),
    ("UnitKind", "public_institution"): Title(
        "事业单位",
        "Public institution",
        "A public service institution (大数据中心, 公路建设养护中心, 职中).",
    ),
    ("UnitKind", "collective"): Title(
        "集体",
        "Collective",
        "Several units named as one (领导小组成员单位, 县安委会相关成员单位, 指挥部物资保障组).",
    ),
    ("UnitKind", "placeholder"): Title(
        "泛指",
        "Placeholder",
        "A general reference to units not named one by one (县直有关单位, 各乡镇, 各单位).",
    ),
    ("UnitKind", "other"): Title("其他", "Other", "Another kind of body."),
    # UnitLevel
    ("UnitLevel", "province"): Title("省级", "Provincial", "A unit of a province."),
    ("UnitLevel", "prefecture"): Title(
        "市级", "Prefectural", "A unit of a prefecture-level city or autonomous prefecture."
    ),
    ("UnitLevel", "county"): Title(
        "县级", "County", "A unit of a county, a district or a county-level city."
    ),
    ("UnitLevel", "township"): Title(
        "乡镇级", "Township", "A unit of a township, a town or a subdistrict (乡、镇、街道)."
    ),
    ("UnitLevel", "village"): Title(
        "村级", "Village", "A unit of a village or an urban community (村、社区)."
    ),
    # Precision: how a deadline names its day
    ("Precision", "day"): Title("日", "Day", "The phrase names the day itself (9月1日前)."),
    ("Precision", "month"): Title(
        "月", "Month", "The phrase names a month, due on its last day (6月底前)."
    ),
    ("Precision", "quarter"): Title(
        "季度", "Quarter", "The phrase names a quarter, due on its last day (四季度前)."
    ),
    ("Precision", "half_year"): Title(
        "半年", "Half year", "The phrase names a half year, due on its last day (上半年)."
    ),
    ("Precision", "year"): Title(
        "年", "Year", "The phrase names the year, due on its last day (年底前)."
    ),
    # Severity (errors): the validation report's
    ("Severity", "error"): Title(
        "错误",
        "Error",
        "The problem makes the plan invalid (govplan validate exits with status 1).",
    ),
    ("Severity", "warning"): Title(
        "警告", "Warning", "The problem is worth a look; the plan stays valid."
    ),
    ("Severity", "info"): Title(
        "提示",
        "Info",
        "A finding for information only, such as an extension field (x_…); the plan stays valid.",
    ),
}


# ---- the enumerations


def _walk(tp: Any, seen: set[Any], found: dict[type[enum.Enum], None]) -> None:
    """Collect the enumerations *tp* refers to, looking into attrs classes and type arguments."""
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        found.setdefault(tp)
    elif isinstance(tp, type) and attrs.has(tp):
        if tp in seen:
            return
        seen.add(tp)
        attrs.resolve_types(tp)
        for field in attrs.fields(tp):
            _walk(field.type, seen, found)
    for argument in typing.get_args(tp):
        _walk(argument, seen, found)


def schema_enums() -> tuple[type[enum.Enum], ...]:
    """Every enumeration a plan's fields use (reached from :class:`~govplan.Campaign`)."""
    found: dict[type[enum.Enum], None] = {}
    _walk(model.Campaign, set(), found)
    return tuple(found)


def published_enums() -> tuple[type[enum.Enum], ...]:
    """The enumerations with a codelist: the plan's, then the validation report's."""
    return (*schema_enums(), *(e for e in REPORT_ENUMS if e not in schema_enums()))


def codelist_name(cls: type[enum.Enum]) -> str:
    """The codelist's file name: its schema ``$defs`` name in kebab case (indicator-kind.csv)."""
    return _snake(cls.__name__).replace("_", "-") + ".csv"


def member_comments(cls: type[enum.Enum]) -> dict[str, str]:
    """The ``#:`` comment above each member of *cls* in its source, by code."""
    lines, _start = inspect.getsourcelines(cls)
    tree = ast.parse(textwrap.dedent("".join(lines)))
    body = tree.body[0].body if isinstance(tree.body[0], ast.ClassDef) else []
    found: dict[str, str] = {}
    for statement in body:
        if not isinstance(statement, ast.Assign):
            continue
        names = [t.id for t in statement.targets if isinstance(t, ast.Name)]
        above: list[str] = []
        index = statement.lineno - 2
        while index >= 0 and lines[index].strip().startswith("#:"):
            above.insert(0, lines[index].strip().removeprefix("#:").strip())
            index -= 1
        for name in names:
            if above and name in cls.__members__:
                found[str(cls[name].value)] = " ".join(above)
    return found


def rows(cls: type[enum.Enum]) -> list[dict[str, str]]:
    """The codelist of *cls*: one row per member, in the enumeration's order."""
    comments = member_comments(cls)
    out = []
    for member in cls:
        code = str(member.value)
        title = TITLES.get((cls.__name__, code))
        if title is None:
            raise KeyError(f"no title for {cls.__name__}.{code}: add it to TITLES")
        description = title.description or comments.get(code, "")
        if not description:
            raise KeyError(f"{cls.__name__}.{code} has neither a description nor a #: comment")
        out.append(
            {"code": code, "title_zh": title.zh, "title_en": title.en, "description": description}
        )
    return out


def codelist_csv(cls: type[enum.Enum]) -> str:
    """The codelist of *cls* as CSV text: UTF-8 without BOM, RFC 4180 quoting, LF line ends."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(cls))
    return buffer.getvalue()


# ---- the units


@functools.cache
def _exact_registry() -> pint.UnitRegistry[Fraction]:
    """``units.txt`` read again with exact rationals, so that 1 小时 is exactly 1/24 天."""
    return _registry_of(Fraction)


_TERMINATING = decimal.Context(prec=1000, traps=[decimal.Inexact, decimal.InvalidOperation])


def exact_text(value: Fraction) -> str:
    """*value* written exactly: a decimal when it has one (0.0015, 10000), else p/q (1/24)."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    number = _TERMINATING.divide(Decimal(value.numerator), Decimal(value.denominator))
    return format(number.normalize(_TERMINATING), "f")


def _summable(unit: str) -> bool:
    """Whether govplan adds up amounts in *unit* (never %, ‰, 个百分点)."""
    one = Quantity(value=Decimal(1), unit=unit)
    try:
        sum_quantities([one, one])
    except NotSummableError:
        return False
    return True


def units_data() -> dict[str, Any]:
    """``units.json`` as data: every unit govplan reads, by name, sorted."""
    readable = set(known_units())
    exact = _exact_registry()
    definitions = {d.name: d for d in registry._units.values()}  # noqa: SLF001 - no public list
    units: dict[str, Any] = {}
    for name, definition in definitions.items():
        symbol = getattr(definition, "symbol", None)
        texts = [name, *([symbol] if symbol else []), *getattr(definition, "aliases", ())]
        texts = list(dict.fromkeys(t for t in texts if t in readable))
        if not texts:
            continue
        key, aliases = texts[0], texts[1:]
        base = exact.Quantity(Fraction(1), name).to_base_units()
        dimension = str(registry.Unit(name).dimensionality)
        units[key] = {
            "dimension": dimension,
            "base": None if dimension == "dimensionless" else str(base.units),
            "factor": exact_text(Fraction(base.magnitude)),
            "summable": _summable(key),
            "aliases": aliases,
        }
    return {
        "$schema": UNITS_SCHEMA_ID,
        "version": model.SCHEMA_VERSION,
        "units": dict(sorted(units.items())),
    }


#: A factor as units.json writes it: a positive decimal without exponent or trailing zeros, or
#: a fraction p/q.
FACTOR_PATTERN = r"^(?:[1-9][0-9]*(?:\.[0-9]*[1-9])?|0\.[0-9]*[1-9]|[1-9][0-9]*/[1-9][0-9]*)$"
_WORD = re.sub(r"\(\?:\[/·\].*$", "", UNIT_PATTERN)


def units_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of ``units.json``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": UNITS_SCHEMA_ID,
        "title": f"govplan measurement units, schema {model.SCHEMA_VERSION}",
        "description": (
            "Every unit text govplan reads in a quantity (21.78万亩, 8%), with its dimension and "
            "its exact factor to the dimension's base unit. A compound unit (元/人, 元/月·人) "
            "joins unit texts with / and ·; each part is a key or an alias here."
        ),
        "type": "object",
        "properties": {
            "$schema": {"const": UNITS_SCHEMA_ID, "description": "This schema's $id."},
            "version": {
                "const": model.SCHEMA_VERSION,
                "description": "The govplan plan-schema version these units belong to.",
            },
            "units": {
                "type": "object",
                "description": "Each unit by its name (the text units.txt defines it with).",
                "propertyNames": {"pattern": f"^{_WORD}$"},
                "additionalProperties": {"$ref": "#/$defs/unit"},
            },
        },
        "required": ["$schema", "version", "units"],
        "additionalProperties": False,
        "$defs": {
            "unit": {
                "title": "unit",
                "type": "object",
                "description": "One unit: how it converts and what it may be added to.",
                "properties": {
                    "dimension": {
                        "type": "string",
                        "description": (
                            "What it measures, as govplan names it: [area], [currency], "
                            "[count_5bb6] (the counter 家; each counter is a dimension of its "
                            "own), dimensionless (% and ‰). Only units of one dimension compare "
                            "or add."
                        ),
                        "pattern": r"^(?:\[[a-z0-9_]+\]|dimensionless)$",
                    },
                    "base": {
                        "anyOf": [{"type": "string"}, {"type": "null"}],
                        "description": (
                            "The base unit of the dimension (a key of units); null for "
                            "dimensionless units, whose factor gives a plain number."
                        ),
                    },
                    "factor": {
                        "$ref": "#/$defs/factor",
                        "description": "One of this unit in the base unit: 1 万亩 = 10000 亩.",
                    },
                    "summable": {
                        "type": "boolean",
                        "description": (
                            "Whether amounts in this unit may be added up; never for % and ‰ "
                            "(ratios) or 个百分点 (differences of ratios)."
                        ),
                    },
                    "aliases": {
                        "type": "array",
                        "items": {"type": "string", "pattern": f"^{_WORD}$"},
                        "description": "Other texts for the same unit (公斤 for 千克, BP for 基点).",
                    },
                },
                "required": ["dimension", "base", "factor", "summable", "aliases"],
                "additionalProperties": False,
            },
            "factor": {
                "title": "factor",
                "type": "string",
                "description": (
                    "An exact positive rational number as a string: a decimal (10000, 0.0015) "
                    "or, when it has no finite decimal, a fraction p/q (1/24). Never a float."
                ),
                "pattern": FACTOR_PATTERN,
            },
        },
    }


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def generated_files() -> dict[str, str]:
    """Every file this module writes, by path relative to the ``schema`` folder."""
    files = {f"codelists/{codelist_name(cls)}": codelist_csv(cls) for cls in published_enums()}
    files["units.json"] = _json(units_data())
    files["units.schema.json"] = _json(units_schema())
    return dict(sorted(files.items()))
