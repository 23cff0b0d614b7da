"""Migrate plan files written for an older schema to the current one (``govplan upgrade``).

Each step reads a document of one minor version and returns the next, saying what it changed:
an upgrade never drops data silently.  0.1 → 0.2:

- ``schema_version`` becomes 0.2.0;
- a battle's ``overview`` (text) and ``overview_line`` become one section
  ``{text, source_line}``; its ``mechanisms`` text becomes ``{text}``;
- every indicator gets the ``direction`` its phrase states (docs/concepts.md, "Direction of
  change"): 森林火灾数量同比减少30%以上, stored in 0.1 as growth_rate 30%, becomes growth_rate
  30%, fall; a negative 0.1 target (-30%) becomes its size with direction fall; growth rates and
  percentage-point changes whose phrase names no direction rise (增速8%);
- the reading rules 0.2 makes binding (docs/concepts.md §16) are applied where a 0.1 file read
  the construct another way: each indicator's modality is the one a leading 力争/确保 gives it
  where its text prints its phrase, and a collective member-unit list (县安委会、县减灾委相关成员
  单位) split into its committees becomes one unit, named as printed and added to the registry.

0.2 → 0.3: ``schema_version`` becomes 0.3.0; nothing else changes, since every 0.2 file encodes
a campaign plan, the default ``kind``, and 0.3 only adds fields (``kind``, top-level ``groups``,
an optional ``campaign_name`` outside campaign plans).

.. versionadded:: 0.2.0
.. versionchanged:: 0.3.0
   The step from 0.2.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from govplan import io
from govplan._reader import Positions
from govplan._reading_direction import direction_for
from govplan._reading_targets import phrase_modality
from govplan._reading_units import collective_spans, prints_lead_for, split_parts
from govplan._text import squeeze
from govplan.errors import QuantityError, SchemaVersionError, ValidationError
from govplan.model import SCHEMA_VERSION, Campaign, Direction, IndicatorKind, Modality
from govplan.org import Role
from govplan.quantity import Quantity, QuantityRange, format_quantity, parse_quantity

__all__ = ["UPGRADABLE", "Upgrade", "upgrade_data", "upgrade_file"]

_KINDS = {kind.value for kind in IndicatorKind}


@attrs.frozen(kw_only=True)
class Upgrade:
    """The result of :func:`upgrade_data`: the upgraded document and what was changed.

    .. versionadded:: 0.2.0
    """

    #: The document, now of the current schema version.
    data: dict[str, Any]
    #: The version the document declared.
    from_version: str
    #: One line per change, with the JSON pointer of the element changed.
    changes: tuple[str, ...]


def _negated_quantity(quantity: Quantity) -> Quantity:
    return attrs.evolve(quantity, value=-quantity.value)


def _negated(target: Quantity | QuantityRange) -> Quantity | QuantityRange:
    if isinstance(target, QuantityRange):
        return attrs.evolve(
            target, low=_negated_quantity(target.high), high=_negated_quantity(target.low)
        )
    return _negated_quantity(target)


def _is_negative(target: Quantity | QuantityRange) -> bool:
    quantity = target.high if isinstance(target, QuantityRange) else target
    return quantity.value < 0


def _indicators(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every indicator mapping of a 0.1 document with its pointer."""
    for pointer, element in _containers(data, ""):
        items = element.get("indicators")
        for i, indicator in enumerate(items if isinstance(items, list) else ()):
            if isinstance(indicator, dict):
                yield f"{pointer}/indicators/{i}", indicator


def _direction_of(pointer: str, indicator: dict[str, Any]) -> Iterator[str]:
    """Set the direction of one 0.1 indicator; yield what was done."""
    phrase = indicator.get("phrase")
    raw = indicator.get("target")
    target = None
    if isinstance(raw, str):
        try:
            target = parse_quantity(raw)
        except QuantityError:
            target = None
    kind = indicator.get("kind")
    direction = (
        direction_for(IndicatorKind(kind), phrase, target)
        if isinstance(phrase, str) and kind in _KINDS
        else None
    )
    if target is not None and _is_negative(target):
        indicator["target"] = format_quantity(_negated(target))
        direction = Direction.FALL
        yield f"{pointer}: negative target {raw} read as a fall of {indicator['target']}"
    if direction is not None:
        indicator["direction"] = direction.value
        if direction is Direction.FALL:
            yield f"{pointer}: direction fall ({phrase})"


def _sections(data: dict[str, Any]) -> Iterator[str]:
    battles = data.get("battles")
    if not isinstance(battles, list):
        return
    for b, battle in enumerate(battles):
        if not isinstance(battle, dict):
            continue
        line = battle.pop("overview_line", None)
        overview = battle.get("overview")
        if isinstance(overview, str):
            battle["overview"] = {"text": overview}
            if line is not None:
                battle["overview"]["source_line"] = line
            yield f"/battles/{b}/overview: text and overview_line became a section"
        elif line is not None:
            yield f"/battles/{b}/overview_line: dropped, the battle has no overview ({line})"
        mechanisms = battle.get("mechanisms")
        if isinstance(mechanisms, str):
            battle["mechanisms"] = {"text": mechanisms}
            yield f"/battles/{b}/mechanisms: text became a section"


def _containers(value: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping of a document with its pointer, depth first."""
    if isinstance(value, dict):
        yield pointer, value
        for key, item in value.items():
            yield from _containers(item, f"{pointer}/{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _containers(item, f"{pointer}/{i}")


def _modalities(data: dict[str, Any]) -> Iterator[str]:
    """Read each indicator's modality by the reach rule, where its text prints its phrase."""
    for pointer, element in list(_containers(data, "")):
        text, indicators = element.get("text"), element.get("indicators")
        if not isinstance(text, str) or not isinstance(indicators, list):
            continue
        for i, indicator in enumerate(indicators):
            phrase = indicator.get("phrase") if isinstance(indicator, dict) else None
            if not isinstance(phrase, str):
                continue
            read = phrase_modality(text, phrase)
            found = indicator.get("modality", Modality.NONE.value)
            if read is not None and read.value != found:
                indicator["modality"] = read.value
                yield f"{pointer}/indicators/{i}/modality: {found} → {read} ({phrase})"


def _collectives(data: dict[str, Any]) -> Iterator[str]:
    """Make each collective member-unit list of a note one unit, named as printed."""
    units = data.setdefault("units", [])
    named = {name for unit in units if isinstance(unit, dict) for name in _names(unit)}
    for pointer, rset in list(_containers(data, "")):
        text, assignments = rset.get("text"), rset.get("assignments")
        if not isinstance(text, str) or not isinstance(assignments, list):
            continue
        printed = squeeze(text)
        for span in collective_spans(printed):
            names = [
                squeeze(str(a.get("unit", ""))) if isinstance(a, dict) else "" for a in assignments
            ]
            split = split_parts(printed, span, names)
            if not split:
                continue
            roles = {assignments[i].get("role") for i in split}
            role = (
                Role.COOPERATING.value
                if Role.COOPERATING.value in roles
                else Role.LEAD.value
                if prints_lead_for(text, span.name)
                else Role.RESPONSIBLE.value
            )
            was = [assignments[i].get("unit") for i in split]
            assignments[split[0]] = {"unit": span.name, "role": role}
            for i in reversed(split[1:]):
                del assignments[i]
            if span.name not in named:
                units.append({"id": span.name, "name": span.name, "kind": "collective"})
                named.add(span.name)
            yield f"{pointer}/assignments: {', '.join(map(str, was))} → {span.name} ({role})"


def _names(unit: dict[str, Any]) -> list[str]:
    aliases = unit.get("aliases")
    return [
        n
        for n in (unit.get("id"), unit.get("name"), *(aliases if isinstance(aliases, list) else []))
        if isinstance(n, str)
    ]


def _from_0_1(data: dict[str, Any]) -> Iterator[str]:
    data["schema_version"] = "0.2.0"
    yield from _sections(data)
    for pointer, indicator in list(_indicators(data)):
        yield from _direction_of(pointer, indicator)
    yield from _modalities(data)
    yield from _collectives(data)


def _from_0_2(data: dict[str, Any]) -> Iterator[str]:
    data["schema_version"] = "0.3.0"
    yield "/schema_version: 0.3.0 (every 0.2 file is a campaign plan, the default kind)"


#: Minor versions an upgrade starts from, each with its step to the next minor version.
_STEPS: dict[str, tuple[str, Callable[[dict[str, Any]], Iterator[str]]]] = {
    "0.1": ("0.2", _from_0_1),
    "0.2": ("0.3", _from_0_2),
}
#: The minor versions ``govplan upgrade`` reads.
UPGRADABLE = tuple(_STEPS)


def _minor(version: str) -> str:
    return version.rsplit(".", 1)[0]


def upgrade_data(data: dict[str, Any]) -> Upgrade:
    """Upgrade a plan document (parsed JSON/YAML data) to the current schema version.

    The document is not changed; the result holds a new one.  A document already current is
    returned unchanged; a version this govplan neither reads nor upgrades is a :class:`SchemaVersionError`.

    .. versionadded:: 0.2.0
    """
    import copy  # noqa: PLC0415 - only upgrades copy documents

    version = data.get("schema_version")
    if not isinstance(version, str):
        raise SchemaVersionError(
            f"not a govplan plan: schema_version is {version!r}", code="not-a-plan"
        )
    current = _minor(SCHEMA_VERSION)
    minor = _minor(version)
    if minor != current and minor not in _STEPS:
        raise SchemaVersionError(
            f"schema_version {version!r} cannot be upgraded: govplan upgrades "
            f"{', '.join(v + '.x' for v in UPGRADABLE)} to {SCHEMA_VERSION}",
            code="unsupported-version",
            pointer="/schema_version",
        )
    document = copy.deepcopy(data)
    changes: list[str] = []
    while minor != current:
        minor, step = _STEPS[minor]
        changes.extend(step(document))
    return Upgrade(data=document, from_version=version, changes=tuple(changes))


def upgrade_file(path: str | os.PathLike[str]) -> tuple[Campaign, Upgrade]:
    """Read a plan file of any version govplan upgrades; the upgraded plan and what changed.

    Raises :class:`~govplan.LoadError` when the file cannot be read, and
    :class:`~govplan.ValidationError` when the upgraded document is not a valid plan (an
    invalid 0.1 file stays invalid: validate it with an older govplan first).

    .. versionadded:: 0.2.0
    """
    raw = io.read_bytes(path)
    source = os.fspath(path)
    document = io.read_document(raw, source=source, fmt=io.format_of(path), check_version=False)
    if not isinstance(document.data, dict):
        raise SchemaVersionError(
            f"not a govplan plan: expected a mapping, found {type(document.data).__name__}",
            source=source,
            line=1,
            code="not-a-plan",
        )
    try:
        upgraded = upgrade_data(document.data)
    except SchemaVersionError as exc:
        raise SchemaVersionError(
            exc.message, source=source, code=exc.code, pointer="/schema_version"
        ) from exc
    campaign, problems = io.build(
        io.Document(data=upgraded.data, positions=Positions(), source=source)
    )
    if campaign is None:
        raise ValidationError(problems)
    return campaign, upgraded
