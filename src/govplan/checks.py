"""Semantic rules the schema cannot express.

Unique ids, units in the registry, roles, dates, quantities that fit their indicator, allocation
tables that add up.
Each rule is a function yielding :class:`~govplan.Problem` s; :data:`RULES` lists every rule code
govplan reports (these ones and those of reading and the schema) with its severity and fix, and
is what ``docs/validation.md`` is written from.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextvars
import functools
import typing
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, TypeVar, cast

import attrs

from govplan import _regions
from govplan._convert import converter
from govplan._pointer import array_index, join, split
from govplan._reading_direction import CHANGE_KINDS, Stated, indicator_change
from govplan._reading_targets import (
    covers,
    find_outcomes,
    governing_word,
    has_figure,
    outcome_form,
    phrase_span,
    word_modality,
)
from govplan._reading_units import (
    collective_spans,
    is_member_units,
    prints_lead_for,
    split_parts,
)
from govplan._stated import _StatedAndSummed
from govplan._text import squeeze
from govplan.dates import parse_deadline
from govplan.errors import DateError, Problem, QuantityError, Severity
from govplan.model import (
    Allocation,
    AllocationRow,
    Campaign,
    Direction,
    Indicator,
    IndicatorKind,
    IrregularityKind,
    Milestone,
    Modality,
    Objective,
    Organisation,
    Section,
    Task,
    TaskGroup,
    TaskKind,
    WorkTeam,
)
from govplan.org import ResponsibilitySet, Role, UnitKind
from govplan.quantity import (
    MAX_DIGITS,
    Quantity,
    QuantityRange,
    _number_problem,
    format_quantity,
)

__all__ = [
    "RULES",
    "AllocationSum",
    "Rule",
    "allocation_detail_sums",
    "allocation_row_sum",
    "check",
    "iter_groups",
    "iter_indicators",
    "iter_milestones",
    "iter_notes",
    "iter_tasks",
]


@attrs.frozen(kw_only=True)
class Rule:
    """A validation rule: its stable code, severity, what triggers it and how to fix it.

    .. versionadded:: 0.1.0
    """

    code: str
    severity: Severity
    summary: str
    fix: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

#: Every rule code govplan reports, in the order docs/validation.md lists them.
RULES: dict[str, Rule] = {
    r.code: r
    for r in [
        Rule(
            code="unreadable",
            severity=_E,
            summary="The file cannot be opened or read.",
            fix="Check the path and permissions.",
        ),
        Rule(
            code="unknown-format",
            severity=_E,
            summary="The file name ends in neither .yaml, .yml nor .json.",
            fix="Rename the file with the suffix of its format.",
        ),
        Rule(
            code="encoding",
            severity=_E,
            summary="The file is not UTF-8 text, or the text holds a lone UTF-16 surrogate "
            "(a JSON escape such as \\udfff not paired with its other half) that is no character.",
            fix="Save the file as UTF-8; write the character itself, or both halves of its pair.",
        ),
        Rule(
            code="too-large",
            severity=_E,
            summary="The file is larger than a plan can be (32 MiB).",
            fix="Check that the file is a plan; split generated data.",
        ),
        Rule(
            code="syntax",
            severity=_E,
            summary="The text is not valid YAML or JSON, or holds several YAML documents.",
            fix="Correct the syntax at the line shown.",
        ),
        Rule(
            code="duplicate-key",
            severity=_E,
            summary="A mapping repeats a key (YAML would keep only the last one, silently).",
            fix="Remove or rename one of the keys.",
        ),
        Rule(
            code="yaml-tag",
            severity=_E,
            summary="A YAML tag (!!python/object, !custom) asks "
            "for something other than plain data.",
            fix="Remove the tag.",
        ),
        Rule(
            code="yaml-alias",
            severity=_E,
            summary="A YAML alias (*name) refers to an anchor; "
            "plan files do not use them (they allow alias bombs).",
            fix="Write the value out in full.",
        ),
        Rule(
            code="too-deep",
            severity=_E,
            summary="Mappings and lists are nested deeper than 64 levels.",
            fix="Check the file's structure.",
        ),
        Rule(
            code="invalid-value",
            severity=_E,
            summary="A value breaks the schema (not one of "
            "the allowed values, a pattern, a minimum).",
            fix="Use a value the schema allows; the message names it.",
        ),
        Rule(
            code="not-a-plan",
            severity=_E,
            summary="The document is not a mapping with a schema_version: not a govplan plan.",
            fix="Start the file with 'schema_version: 0.1.0'.",
        ),
        Rule(
            code="unsupported-version",
            severity=_E,
            summary="schema_version names a version this govplan cannot read.",
            fix="Upgrade govplan; for a file of an older schema, run govplan upgrade on it.",
        ),
        Rule(
            code="schema-mismatch",
            severity=_E,
            summary="$schema names a govplan schema of another version than schema_version.",
            fix="Make $schema name the schema of the file's schema_version, or leave it out.",
        ),
        Rule(
            code="unknown-field",
            severity=_E,
            summary="A field the schema does not define "
            "(often a misspelling); it is reported, never dropped.",
            fix="Correct the spelling or remove the field.",
        ),
        Rule(
            code="missing-field",
            severity=_E,
            summary="A required field is missing.",
            fix="Add the field.",
        ),
        Rule(
            code="wrong-type",
            severity=_E,
            summary="A value has the wrong JSON type (a number "
            "for a string, a list for a mapping).",
            fix="Write the value in the type shown.",
        ),
        Rule(
            code="invalid-date",
            severity=_E,
            summary="A date is not YYYY-MM-DD or names a day that does not exist (2023-02-30).",
            fix="Write an existing day in ISO form.",
        ),
        Rule(
            code="invalid-quantity",
            severity=_E,
            summary="A quantity is not a number followed by a unit (21.78万亩, 8%, 3万元-5万元), "
            f"or a number has more than {MAX_DIGITS} digits.",
            fix="Write the number and the unit with no space between; check a long number for "
            "a misprint.",
        ),
        Rule(
            code="unknown-unit",
            severity=_E,
            summary="A quantity's unit is not in govplan's unit registry.",
            fix="Use a unit listed in docs/units.md, or add it to src/govplan/units.txt.",
        ),
        Rule(
            code="invalid-document-number",
            severity=_E,
            summary="A document number is not of the form 凤政办发〔2023〕2号.",
            fix="Copy the 文号 exactly as printed.",
        ),
        Rule(
            code="duplicate-id",
            severity=_E,
            summary="Two elements share an id.",
            fix="Give each battle, group, task, indicator and table row its own id.",
        ),
        Rule(
            code="duplicate-unit-name",
            severity=_E,
            summary="A name or alias belongs to two units of the registry.",
            fix="Merge the units, or drop the alias from one.",
        ),
        Rule(
            code="redundant-alias",
            severity=_W,
            summary="A unit's alias repeats its own id, its name or another of its aliases. "
            "References resolve as before (a unit's names have no repeats), so this is a warning; "
            "but an alias is meant to be another name, and a repeat often stands where the "
            "variant the document prints was meant.",
            fix="Remove the repeat; if the document prints another form of the name, list that.",
        ),
        Rule(
            code="unknown-unit-ref",
            severity=_E,
            summary="A responsibility, work-team member "
            "or office names a unit that is not in the registry.",
            fix="Add the unit to `units`, or the name as an alias of the unit it means.",
        ),
        Rule(
            code="lead-and-cooperating",
            severity=_E,
            summary="One responsibility note makes the same unit both lead and cooperating.",
            fix="Check the note in the source; keep the role it states.",
        ),
        Rule(
            code="duplicate-assignment",
            severity=_W,
            summary="A note names the same unit twice (possibly under two names).",
            fix="Keep it if the source repeats it; otherwise remove the repeat.",
        ),
        Rule(
            code="unit-not-in-note",
            severity=_W,
            summary="A responsibility names a unit its note's text does not print: a unit "
            "of a note is always a span of the note, as printed (short forms resolve through "
            "`aliases`). A warning: the unit may still resolve to the office meant.",
            fix="Name the unit as the note prints it; add the printed form to the unit's "
            "`aliases` if the registry knows it by another name.",
        ),
        Rule(
            code="collective-split",
            severity=_E,
            summary="A note prints a collective member-unit list (县安委会、县减灾委相关成员单位: "
            "committees joined by 、, 和 or 及 and closed by one 成员单位), and its assignments "
            "name the committees or their member units separately instead of the one unit.",
            fix="Assign the whole span as one unit of kind collective, named as printed "
            "(docs/concepts.md, reading rules).",
        ),
        Rule(
            code="collective-role",
            severity=_W,
            summary="A collective (member units, a committee, a working group) is lead, but "
            "its note prints no 牵头 for it: a lone 成员单位负责 or 按职责分工负责 is responsible. "
            "A warning: the units named are right, their role is read another way.",
            fix="Make it responsible (cooperating after a lead); keep lead only where the note "
            "prints 牵头 for it.",
        ),
        Rule(
            code="milestone-mismatch",
            severity=_E,
            summary="A milestone's due date or "
            "precision is not what its phrase says for the plan year.",
            fix="Recompute with govplan.dates.parse_deadline(phrase, year).",
        ),
        Rule(
            code="milestone-unreadable",
            severity=_W,
            summary="govplan cannot read the milestone's phrase, so cannot check its date.",
            fix="Check the date by hand; report the phrase so the reader learns it.",
        ),
        Rule(
            code="milestone-outside-period",
            severity=_W,
            summary="A milestone falls outside "
            "the campaign's period (the plan year unless `period` says otherwise). A warning: "
            "plans do set some deadlines beyond their year.",
            fix="Check the date; set `period` if the plan covers more than its year.",
        ),
        Rule(
            code="missing-target",
            severity=_E,
            summary="A quantified indicator kind has no target.",
            fix="Add the target, or make the indicator qualitative.",
        ),
        Rule(
            code="qualitative-target",
            severity=_E,
            summary="A qualitative indicator has a target.",
            fix="Choose the kind the target measures.",
        ),
        Rule(
            code="unit-dimension",
            severity=_E,
            summary="The target's unit does not fit the "
            "indicator's kind (growth_rate and share in %, percentage_point_change in 个百分点, "
            "count in a counter, people or households).",
            fix="Correct the kind or the unit.",
        ),
        Rule(
            code="summable-percentage",
            severity=_E,
            summary="An indicator in %, 个百分点 or a "
            "rate is marked summable; percentages are never added up.",
            fix="Set summable: false (the default for such indicators).",
        ),
        Rule(
            code="modality-reach",
            severity=_E,
            summary="An indicator's modality is not the one its phrase reads with: the last "
            "modality word (力争, 争取, 力求: aspirational; 确保, 务必: binding) before the end of "
            "the phrase in its clause group, which ends at ；, 。, a line end or a list marker but "
            "not at a comma; none without such a word. A quoted word names something, and 争取 "
            "followed by a grant (争取上级资金支持) is the verb to secure, so neither counts. "
            "Checked where the phrase is found in its element's text.",
            fix="Set the modality the rule gives (docs/concepts.md, reading rules); where the "
            "document states another rule for itself, record it in `conventions`.",
        ),
        Rule(
            code="qualitative-outcome",
            severity=_W,
            summary="A text states an outcome without a figure that names a checkable end state "
            "(a sign of change, no occurrence, full coverage or completion, a rank or grade, a "
            "title to win, a benchmark) and no indicator's phrase holds it; or a qualitative "
            "indicator's phrase states none of these forms and no figure. A warning: the forms "
            "are read from words, and a reviewer decides.",
            fix="Add a qualitative indicator with the clause as its phrase, or remove a "
            "qualitative indicator that records a general aim (进一步提升, 取得新成效) "
            "(docs/concepts.md, reading rules).",
        ),
        Rule(
            code="allocation-shape",
            severity=_E,
            summary="An allocation row has a different number of cells than the table has columns.",
            fix="One cell per column; an empty cell is null.",
        ),
        Rule(
            code="allocation-total",
            severity=_W,
            summary="An allocation row's parts do not add "
            "up to its stated total (both numbers shown).",
            fix="Nothing, if the source prints it so: the total is recorded as printed.",
        ),
        Rule(
            code="allocation-children",
            severity=_W,
            summary="The rows that detail a row do not add up to it in some column.",
            fix="Nothing, if the source prints it so.",
        ),
        Rule(
            code="unknown-reference",
            severity=_E,
            summary="An allocation names a battle, a row names a parent row, or an "
            "irregularity names an element, that does not exist.",
            fix="Use an existing id or JSON pointer.",
        ),
        Rule(
            code="source-irregularity",
            severity=_W,
            summary="The source document is irregular here (a typo, a spelling variant, a total "
            "that does not add up), as recorded in the plan's `irregularities`; the plan keeps "
            "the source's wording.",
            fix="Nothing: this is the document's own irregularity, reported so users see it.",
        ),
        Rule(
            code="unrecorded-note-gap",
            severity=_W,
            summary="Tasks carry no responsibility note where their neighbours do, and no "
            "`missing` irregularity records it: a group none of whose tasks (or sub-tasks) has a "
            "note, in a battle where tasks of other groups have one; or a task without one in a "
            "group where other tasks have one. A warning: the document may well print no note "
            "there, but the gap is the document's and is recorded, never filled in.",
            fix="Check the source; if it prints no note, record the gap once in `irregularities` "
            "(kind missing, element the group or task, source_line its heading). Do not invent "
            "units.",
        ),
        Rule(
            code="region-code",
            severity=_E,
            summary="`region.code` is a Hunan code (43xxxx) that the bundled GB/T 2260 table "
            "(民政部 2023 list) does not hold, or whose division there has another name, level or "
            "parent than `region.name`, `region.level` and `region.parent` say. The bundled table "
            "covers Hunan only: codes of other provinces are checked against the schema's pattern "
            "alone.",
            fix="Correct the code, or the name, level or parent, so that they agree with GB/T 2260 "
            "(docs/licence.md names the table's source).",
        ),
        Rule(
            code="no-source-digest",
            severity=_W,
            summary="The plan's `source` names the text it was encoded from but gives no "
            "`sha256`: without the digest, nobody holding a copy of a text can tell whether it is "
            "that text, or check the plan against it. A plan with no `source` (a made-up "
            "example) is not reported.",
            fix="Add `source.sha256`, the SHA-256 of the source file's bytes as stored "
            "(`sha256sum FILE`): 64 lowercase hex digits.",
        ),
        Rule(
            code="direction-mismatch",
            severity=_E,
            summary="An indicator's direction is not the change its phrase states: the last "
            "change word before the target's figure (下降, 减少, 压减 fall; 增长, 提高, 新增 "
            "rise) says one way and direction another, or none; or a value word (下降至, "
            "提高到, 达到) makes the figure a value to reach and direction is set.",
            fix="Set direction to what the phrase states (docs/concepts.md, 'Direction of "
            "change'); leave it out for a value to reach.",
        ),
        Rule(
            code="negative-change",
            severity=_E,
            summary="An indicator with a direction has a negative target; the target of a "
            "change is its size, and direction says which way.",
            fix="Write the size (30%, not -30%) and set direction: fall.",
        ),
        Rule(
            code="extension-field",
            severity=_I,
            summary="An x_ extension field: govplan keeps it and writes it back, but does not "
            "read it.",
            fix="Nothing, if it is meant; propose a field for the schema if others need it too.",
        ),
    ]
}


def _problem(code: str, pointer: str, message: str, *, hint: str | None = None) -> Problem:
    rule = RULES[code]
    return Problem(code=code, severity=rule.severity, pointer=pointer, message=message, hint=hint)


def _walk_group(group: TaskGroup, pointer: str) -> Iterator[tuple[str, TaskGroup]]:
    yield pointer, group
    for i, sub in enumerate(group.groups):
        yield from _walk_group(sub, join(pointer, "groups", i))


_Walked = TypeVar("_Walked")

#: The walks of the plan that one :func:`check` run has made, each kept as a list for the
#: rules after the first that walk it (about ten rules walk the tasks, each task's pointer
#: joined again each time); None outside :func:`check`, so that no plan is held after it.
_WALKS: contextvars.ContextVar[tuple[Campaign, dict[object, list[Any]]] | None] = (
    contextvars.ContextVar("govplan_check_walks", default=None)
)


def _once_per_check(
    walk: Callable[[Campaign], Iterator[_Walked]],
) -> Callable[[Campaign], Iterator[_Walked]]:
    """*walk*, walked once for all the rules of one :func:`check` run of its campaign."""

    @functools.wraps(walk)
    def walked(campaign: Campaign) -> Iterator[_Walked]:
        held = _WALKS.get()
        if held is None or held[0] is not campaign:
            return walk(campaign)
        found = held[1].get(walk)
        if found is None:
            found = held[1][walk] = list(walk(campaign))
        return iter(found)

    return walked


@_once_per_check
def iter_groups(campaign: Campaign) -> Iterator[tuple[str, TaskGroup]]:
    """Every task group and sub-group with its JSON pointer, depth first.

    Battle by battle, then the plan's top-level groups (documents without battles).

    .. versionadded:: 0.2.0
    .. versionchanged:: 0.3.0
       Also the top-level groups.
    """
    for b, battle in enumerate(campaign.battles):
        for g, group in enumerate(battle.groups):
            yield from _walk_group(group, join("", "battles", b, "groups", g))
    for g, group in enumerate(campaign.groups):
        yield from _walk_group(group, join("", "groups", g))


def _walk_task(task: Task, pointer: str) -> Iterator[tuple[str, Task]]:
    yield pointer, task
    for i, sub in enumerate(task.subtasks):
        yield from _walk_task(sub, join(pointer, "subtasks", i))


@_once_per_check
def iter_tasks(campaign: Campaign) -> Iterator[tuple[str, Task]]:
    """Every task and sub-task with its JSON pointer, in document order.

    .. versionadded:: 0.1.0
    """
    for pointer, group in iter_groups(campaign):
        for t, task in enumerate(group.tasks):
            yield from _walk_task(task, join(pointer, "tasks", t))


def _objective_indicators(
    objectives: tuple[Objective, ...], pointer: str
) -> Iterator[tuple[str, Indicator]]:
    for o, objective in enumerate(objectives):
        for i, indicator in enumerate(objective.indicators):
            yield join(pointer, "objectives", o, "indicators", i), indicator


def _sections(campaign: Campaign) -> Iterator[tuple[str, Section | WorkTeam | Organisation]]:
    """Every element besides objectives, groups and tasks that states targets and deadlines."""
    for b, battle in enumerate(campaign.battles):
        pointer = join("", "battles", b)
        for name in ("overview", "mechanisms", "work_team"):
            element = getattr(battle, name)
            if element is not None:
                yield join(pointer, name), element
    organisation = campaign.organisation
    if organisation is not None:
        yield "/organisation", organisation
        if organisation.leadership_group is not None:
            yield "/organisation/leadership_group", organisation.leadership_group
    for a, table in enumerate(campaign.allocations):
        if table.remarks is not None:
            yield join("", "allocations", a, "remarks"), table.remarks


@_once_per_check
def iter_indicators(campaign: Campaign) -> Iterator[tuple[str, Indicator]]:
    """Every indicator with its JSON pointer.

    Headline objectives, then battle objectives, groups and tasks, then the overviews,
    mechanisms, work teams, organisation and allocation remarks that state targets.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Also the indicators of sections, work teams, the organisation and allocation remarks.
    """
    yield from _objective_indicators(campaign.objectives, "")
    for b, battle in enumerate(campaign.battles):
        yield from _objective_indicators(battle.objectives, join("", "battles", b))
    for pointer, group in iter_groups(campaign):
        for i, indicator in enumerate(group.indicators):
            yield join(pointer, "indicators", i), indicator
    for pointer, task in iter_tasks(campaign):
        for i, indicator in enumerate(task.indicators):
            yield join(pointer, "indicators", i), indicator
    for pointer, section in _sections(campaign):
        for i, indicator in enumerate(section.indicators):
            yield join(pointer, "indicators", i), indicator


def iter_milestones(campaign: Campaign) -> Iterator[tuple[str, Milestone]]:
    """Every milestone with its JSON pointer: tasks first, then sections that state deadlines.

    .. versionadded:: 0.2.0
    """
    for pointer, task in iter_tasks(campaign):
        for m, milestone in enumerate(task.milestones):
            yield join(pointer, "milestones", m), milestone
    for pointer, section in _sections(campaign):
        for m, milestone in enumerate(section.milestones):
            yield join(pointer, "milestones", m), milestone


def iter_notes(campaign: Campaign) -> Iterator[tuple[str, int | None, str]]:
    """Every reviewer note with the JSON pointer of its element and that element's source line.

    Notes record reading decisions and doubts (the extractor's among them), so a reviewer reads
    them all before a plan is submitted.  In document order, each element's notes before those
    of its parts.

    .. versionadded:: 0.2.0
    """
    for pointer, element in _walk_elements(campaign, ""):
        line = getattr(element, "source_line", None)
        for n, note in enumerate(getattr(element, "notes", ())):
            if isinstance(note, str):
                yield join(pointer, "notes", n), line, note


def _walk_elements(value: object, pointer: str) -> Iterator[tuple[str, object]]:
    """Every model element under *value* with its JSON pointer, in document order."""
    if isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _walk_elements(item, join(pointer, i))
        return
    if not _is_element(cast("type", type(value))):
        return
    yield pointer, value
    for name in _element_fields(cast("type", type(value))):
        yield from _walk_elements(getattr(value, name), join(pointer, name))


@functools.cache
def _is_element(cls: type) -> bool:
    return attrs.has(cls) and not issubclass(cls, (Quantity, QuantityRange))


@functools.cache
def _element_fields(cls: type) -> tuple[str, ...]:
    """The fields of *cls* whose values can hold model elements (not text, numbers or dates)."""
    hints = typing.get_type_hints(cls)
    return tuple(
        attribute.name
        for attribute in attrs.fields(cast("type[attrs.AttrsInstance]", cls))
        if _may_hold_element(hints[attribute.name])
    )


def _may_hold_element(annotation: object) -> bool:
    if isinstance(annotation, type) and _is_element(annotation):
        return True
    return any(_may_hold_element(arg) for arg in typing.get_args(annotation))


@_once_per_check
def _responsibility_sets(campaign: Campaign) -> Iterator[tuple[str, ResponsibilitySet]]:
    for b, battle in enumerate(campaign.battles):
        for s, rset in enumerate(battle.responsibilities):
            yield join("", "battles", b, "responsibilities", s), rset
    for pointer, group in iter_groups(campaign):
        for s, rset in enumerate(group.responsibilities):
            yield join(pointer, "responsibilities", s), rset
    for pointer, task in iter_tasks(campaign):
        for s, rset in enumerate(task.responsibilities):
            yield join(pointer, "responsibilities", s), rset


def check_ids(campaign: Campaign) -> Iterator[Problem]:  # noqa: C901 - one loop per element kind
    """Ids of battles, groups, tasks, indicators, tables and rows are unique; so are unit ids."""
    seen: dict[str, str] = {}

    def visit(pointer: str, element_id: str | None) -> Iterator[Problem]:
        if element_id is None:
            return
        if element_id in seen:
            yield _problem(
                "duplicate-id",
                join(pointer, "id"),
                f"id {element_id!r} is already used at {seen[element_id]}",
            )
        else:
            seen[element_id] = pointer

    for b, battle in enumerate(campaign.battles):
        yield from visit(join("", "battles", b), battle.id)
    for pointer, group in iter_groups(campaign):
        yield from visit(pointer, group.id)
    for pointer, task in iter_tasks(campaign):
        yield from visit(pointer, task.id)
    for pointer, indicator in iter_indicators(campaign):
        yield from visit(pointer, indicator.id)
    for a, table in enumerate(campaign.allocations):
        yield from visit(join("", "allocations", a), table.id)
        for r, row in enumerate(table.rows):
            yield from visit(join("", "allocations", a, "rows", r), row.id)
    unit_ids: dict[str, int] = {}
    for u, unit in enumerate(campaign.units):
        if unit.id in unit_ids:
            yield _problem(
                "duplicate-id",
                join("", "units", u, "id"),
                f"unit id {unit.id!r} is already used at /units/{unit_ids[unit.id]}",
            )
        unit_ids.setdefault(unit.id, u)


def _unit_index(campaign: Campaign) -> dict[str, str]:
    """Every name and alias -> unit id (first unit wins; conflicts are reported elsewhere)."""
    index: dict[str, str] = {}
    for unit in campaign.units:
        for name in unit.names:
            index.setdefault(name, unit.id)
    return index


def check_units(campaign: Campaign) -> Iterator[Problem]:  # noqa: C901 - one loop per reference kind
    """Names are unambiguous, and every unit referred to is in the registry."""
    owners: dict[str, list[int]] = defaultdict(list)
    for u, unit in enumerate(campaign.units):
        for name in unit.names:
            owners[name].append(u)
    for name, found in owners.items():
        if len(found) > 1:
            others = ", ".join(campaign.units[i].id for i in found)
            yield _problem(
                "duplicate-unit-name",
                join("", "units", found[1]),
                f"the name {name!r} belongs to several units: {others}",
            )
    index = _unit_index(campaign)

    def ref(pointer: str, name: str | None) -> Iterator[Problem]:
        if name is not None and name not in index:
            yield _problem(
                "unknown-unit-ref",
                pointer,
                f"unit {name!r} is not in the unit registry (by id, name or alias)",
                hint="add it to `units`, or as an alias of the unit it means",
            )

    for pointer, rset in _responsibility_sets(campaign):
        for a, assignment in enumerate(rset.assignments):
            yield from ref(join(pointer, "assignments", a, "unit"), assignment.unit)
    teams = [
        (join("", "battles", b, "work_team"), battle.work_team)
        for b, battle in enumerate(campaign.battles)
    ]
    if campaign.organisation is not None:
        teams.append(("/organisation/leadership_group", campaign.organisation.leadership_group))
    for pointer, team in teams:
        if team is None:
            continue
        for m, member in enumerate(team.members):
            yield from ref(join(pointer, "members", m), member)
        yield from ref(join(pointer, "office"), team.office)


def check_aliases(campaign: Campaign) -> Iterator[Problem]:
    """An alias is another name: it repeats neither the unit's id nor its name nor an alias."""
    for u, unit in enumerate(campaign.units):
        seen = {unit.name: "the unit's name", unit.id: "the unit's id"}
        for a, alias in enumerate(unit.aliases):
            pointer = join("", "units", u, "aliases", a)
            if alias in seen:
                yield _problem("redundant-alias", pointer, f"alias {alias!r} is {seen[alias]}")
            else:
                seen[alias] = f"already alias {a} of the unit"


def check_roles(campaign: Campaign) -> Iterator[Problem]:
    """A note does not make one unit both lead and cooperating, nor name it twice."""
    index = _unit_index(campaign)
    for pointer, rset in _responsibility_sets(campaign):
        roles: dict[str, set[Role]] = defaultdict(set)
        counts: Counter[tuple[str, Role]] = Counter()
        for assignment in rset.assignments:
            unit = index.get(assignment.unit, assignment.unit)
            roles[unit].add(assignment.role)
            counts[unit, assignment.role] += 1
        for unit, unit_roles in roles.items():
            if {Role.LEAD, Role.COOPERATING} <= unit_roles:
                yield _problem(
                    "lead-and-cooperating",
                    pointer,
                    f"unit {unit!r} is both lead and cooperating in this note",
                )
        for (unit, role), count in counts.items():
            if count > 1:
                yield _problem(
                    "duplicate-assignment",
                    pointer,
                    f"unit {unit!r} is named {count} times as {role} in this note",
                )


def check_unit_reading(campaign: Campaign) -> Iterator[Problem]:
    """Units of a note are spans it prints; a collective list is one unit; none leads unasked.

    The reading rules of docs/concepts.md §16, for notes whose text is recorded (a table row's
    set has none, and its units are the table's).
    """
    index = _unit_index(campaign)
    kinds = {unit.id: unit.kind for unit in campaign.units}
    for pointer, rset in _responsibility_sets(campaign):
        if rset.text is None:
            continue
        printed = squeeze(rset.text)
        names = [squeeze(a.unit) for a in rset.assignments]
        for a, (assignment, name) in enumerate(zip(rset.assignments, names, strict=True)):
            where = join(pointer, "assignments", a, "unit")
            if name not in printed:
                yield _problem(
                    "unit-not-in-note",
                    where,
                    f"unit {assignment.unit!r} is not printed in the note {rset.text!r}",
                )
            collective = kinds.get(index.get(assignment.unit, "")) is UnitKind.COLLECTIVE
            if (
                assignment.role is Role.LEAD
                and (collective or is_member_units(assignment.unit))
                and prints_lead_for(rset.text, assignment.unit) is False
            ):
                yield _problem(
                    "collective-role",
                    join(pointer, "assignments", a, "role"),
                    f"the collective {assignment.unit!r} is lead, but the note "
                    f"{rset.text!r} prints no 牵头 for it",
                    hint="responsible where no lead is printed, cooperating after a lead",
                )
        yield from _collective_splits(pointer, printed, names)


def _collective_splits(pointer: str, printed: str, names: list[str]) -> Iterator[Problem]:
    for span in collective_spans(printed):
        split = [names[i] for i in split_parts(printed, span, names)]
        if split:
            yield _problem(
                "collective-split",
                join(pointer, "assignments"),
                f"the note prints the collective {span.name!r}, one unit, but the assignments "
                f"name {', '.join(map(repr, split))} instead",
                hint=f"assign {span.name!r} as one unit of kind collective",
            )


def _check_milestone(campaign: Campaign, pointer: str, milestone: Milestone) -> Iterator[Problem]:
    period = campaign.plan_period
    try:
        expected = parse_deadline(milestone.phrase, campaign.year)
    except DateError as exc:
        yield _problem("milestone-unreadable", pointer, exc.message)
    else:
        if (expected.due, expected.precision) != (milestone.due, milestone.precision):
            yield _problem(
                "milestone-mismatch",
                pointer,
                f"{milestone.phrase!r} in a {campaign.year} plan means {expected.due} "
                f"({expected.precision}), found {milestone.due} ({milestone.precision})",
            )
    if not period.start <= milestone.due <= period.end:
        yield _problem(
            "milestone-outside-period",
            join(pointer, "due"),
            f"due {milestone.due} is outside the campaign's period {period.start} to {period.end}",
        )


def check_milestones(campaign: Campaign) -> Iterator[Problem]:
    """Milestone dates agree with their phrases and fall within the campaign's period."""
    for pointer, milestone in iter_milestones(campaign):
        yield from _check_milestone(campaign, pointer, milestone)


_PERCENT = {"%", "‰"}
_POINTS = {"个百分点", "百分点"}
_NOT_COUNTS = (
    "[currency]",
    "[area]",
    "[length]",
    "[mass]",
    "[volume]",
    "[power]",
    "[energy]",
    "[voltage]",
    "[time]",
    "[calendar_month]",
    "[percentage_point]",
)


def _quantities(indicator: Indicator) -> list[tuple[str, Quantity]]:
    """The indicator's quantities, each with the field that holds it (target or baseline)."""
    target = indicator.target
    found = (
        []
        if target is None
        else ([target.low, target.high] if isinstance(target, QuantityRange) else [target])
    )
    located = [("target", quantity) for quantity in found]
    if indicator.baseline is not None:
        located.append(("baseline", indicator.baseline))
    return located


def _unit_fits(kind: IndicatorKind, quantity: Quantity) -> str | None:
    """Why the unit does not fit the kind, or None when it does."""
    unit = quantity.unit
    if kind in {IndicatorKind.GROWTH_RATE, IndicatorKind.SHARE} and unit not in _PERCENT:
        return f"a {kind} is given in %, found {unit!r}"
    if (
        kind is IndicatorKind.PERCENTAGE_POINT_CHANGE
        and quantity.dimensionality != "[percentage_point]"
    ):
        return f"a {kind} is given in 个百分点 (or 基点), found {unit!r}"
    if kind is IndicatorKind.COUNT:
        dimension = quantity.dimensionality
        if unit in _PERCENT or "/" in unit or any(d in dimension for d in _NOT_COUNTS):
            return f"a count is given in a counter (家, 个 …), people or households, found {unit!r}"
    if kind is IndicatorKind.LEVEL and quantity.dimensionality == "[percentage_point]":
        return (
            f"a level is not given in 个百分点 (that is a percentage_point_change), found {unit!r}"
        )
    return None


def check_indicators(campaign: Campaign) -> Iterator[Problem]:
    """Targets exist where the kind needs one, in a unit that fits the kind; % is never summed."""
    for pointer, indicator in iter_indicators(campaign):
        kind = indicator.kind
        if kind is IndicatorKind.QUALITATIVE and indicator.target is not None:
            yield _problem(
                "qualitative-target",
                join(pointer, "target"),
                f"a qualitative indicator has no target, found {indicator.target}",
            )
        elif kind is not IndicatorKind.QUALITATIVE and indicator.target is None:
            yield _problem("missing-target", pointer, f"a {kind} indicator needs a target")
        for name, quantity in _quantities(indicator):
            reason = None if kind is IndicatorKind.QUALITATIVE else _unit_fits(kind, quantity)
            if reason:
                yield _problem("unit-dimension", join(pointer, name), reason)
        target = indicator.target
        if (
            target is not None
            and indicator.baseline is not None
            and not (indicator.baseline.is_compatible(target.unit))
        ):
            yield _problem(
                "unit-dimension",
                join(pointer, "baseline"),
                f"baseline {indicator.baseline} cannot compare with target {target}",
            )
        units = {q.unit for _, q in _quantities(indicator)}
        if indicator.summable and (
            units & (_PERCENT | _POINTS)
            or kind
            in {
                IndicatorKind.GROWTH_RATE,
                IndicatorKind.SHARE,
                IndicatorKind.PERCENTAGE_POINT_CHANGE,
                IndicatorKind.RANK,
            }
            or any("/" in u for u in units)
        ):
            yield _problem(
                "summable-percentage",
                join(pointer, "summable"),
                f"a {kind} in {', '.join(sorted(units)) or 'no unit'} cannot be summed",
            )


def _target_texts(
    campaign: Campaign,
) -> Iterator[tuple[str, str, tuple[Indicator, ...], tuple[str, ...] | None]]:
    """Every text that states targets, with its element's pointer and its indicators.

    The last item is the phrases that may record the text's outcomes: None for an inline item,
    whose targets stay with its task.
    """
    objectives = [(join("", "objectives", o), x) for o, x in enumerate(campaign.objectives)]
    for b, battle in enumerate(campaign.battles):
        objectives += [
            (join("", "battles", b, "objectives", o), x) for o, x in enumerate(battle.objectives)
        ]
    for pointer, objective in objectives:
        phrases = tuple(i.phrase for i in objective.indicators)
        yield pointer, objective.text, objective.indicators, phrases
    for pointer, group in iter_groups(campaign):
        if group.text:
            phrases = tuple(i.phrase for i in group.indicators)
            yield pointer, group.text, group.indicators, phrases
    for pointer, group in iter_groups(campaign):
        for t, task in enumerate(group.tasks):
            yield from _task_texts(task, join(pointer, "tasks", t), None)
    for pointer, section in _sections(campaign):
        if section.text:
            phrases = tuple(i.phrase for i in section.indicators)
            yield pointer, section.text, section.indicators, phrases


def _task_texts(
    task: Task, pointer: str, parent: Task | None
) -> Iterator[tuple[str, str, tuple[Indicator, ...], tuple[str, ...] | None]]:
    inline = [s for s in task.subtasks if s.kind is TaskKind.ITEM and s.text in task.text]
    phrases = tuple(i.phrase for t in (task, *inline) for i in t.indicators)
    item = parent is not None and task.kind is TaskKind.ITEM and task.text in parent.text
    yield pointer, task.text, task.indicators, None if item else phrases
    for s, sub in enumerate(task.subtasks):
        yield from _task_texts(sub, join(pointer, "subtasks", s), task)


def check_modality_reach(campaign: Campaign) -> Iterator[Problem]:
    """An indicator is as firm as the modality word that reaches its phrase (reading rule).

    Where the phrase is not in its element's text, or is printed twice and read two ways, the
    reach cannot be read and nothing is reported.
    """
    for pointer, text, indicators, _ in _target_texts(campaign):
        for i, indicator in enumerate(indicators):
            span = phrase_span(text, indicator.phrase)
            if span is None:
                continue
            word = governing_word(text, span[1])
            expected = Modality.NONE if word is None else word_modality(word)
            if expected is indicator.modality:
                continue
            reason = (
                f"{word} is the last modality word before its end in its clause group"
                if word
                else "no modality word precedes its end in its clause group (after the last ；/。)"
            )
            yield _problem(
                "modality-reach",
                join(pointer, "indicators", i, "modality"),
                f"{indicator.phrase!r} reads as {expected}, found {indicator.modality}: {reason}",
            )


def check_qualitative_outcomes(campaign: Campaign) -> Iterator[Problem]:
    """Outcomes without a figure are qualitative indicators, and only those (reading rule).

    A qualitative indicator is read where its text prints its phrase.
    """
    for pointer, text, indicators, phrases in _target_texts(campaign):
        held = covers(text, phrases or ())
        for outcome in find_outcomes(text) if phrases is not None else ():
            if not held(outcome):
                yield _problem(
                    "qualitative-outcome",
                    join(pointer, "text"),
                    f"the text states an outcome without a figure ({outcome.form}) that no "
                    f"indicator records: {outcome.phrase(text)!r}",
                    hint="add a qualitative indicator with this phrase",
                )
        for i, indicator in enumerate(indicators):
            if (
                indicator.kind is not IndicatorKind.QUALITATIVE
                or has_figure(indicator.phrase)
                or indicator.phrase not in text
            ):
                continue  # a quantity, or a phrase its text does not print: not read here
            governed = indicator.modality is not Modality.NONE
            if outcome_form(indicator.phrase, governed=governed) is None:
                yield _problem(
                    "qualitative-outcome",
                    join(pointer, "indicators", i),
                    f"{indicator.phrase!r} states no checkable end state (no sign of change, "
                    "no occurrence, coverage, completion, rank, title or benchmark)",
                    hint="a general aim is no indicator; remove it, or check its phrase",
                )


def _sum(cells: list[tuple[Decimal, str]], unit: str) -> Quantity:
    """Add cells given as (number, unit), converted to *unit*; QuantityError if they cannot be."""
    total = Quantity(value=Decimal(0), unit=unit)
    for value, cell_unit in cells:
        total = total + Quantity(value=value, unit=cell_unit)
    return total


@attrs.frozen(kw_only=True)
class AllocationSum(_StatedAndSummed):
    """One addition an allocation table implies, with both numbers.

    Either a row's parts against the row's stated total (``detail`` empty, ``column`` None), or
    the rows that detail a row against that row in one column (``column`` None for the total
    column, else the index into ``Allocation.columns``).  ``stated`` and ``summed`` are in the
    unit of the row whose figure is stated; cells of detail rows in another unit are converted.
    ``summed`` is None when the cells cannot be added (``error`` says why: an unknown unit,
    units of different dimensions, or a number of more than ``MAX_DIGITS`` digits).

    .. versionadded:: 0.1.0
    """

    row: AllocationRow
    column: int | None
    detail: tuple[AllocationRow, ...]
    stated: Decimal
    summed: Decimal | None
    cells: int
    error: str | None = None


def _try_sum(
    cells: list[tuple[Decimal, str]], unit: str, stated: Decimal
) -> tuple[Decimal | None, str | None]:
    """The cells added in *unit*, or None and the reason they cannot be added.

    A cell or stated figure no document can print (more than ``MAX_DIGITS`` digits) is not
    added: :func:`check_allocations` reports it where it stands.
    """
    for value in (stated, *(value for value, _unit in cells)):
        problem = _number_problem(value)
        if problem:
            return None, f"{value}: {problem}"
    try:
        return _sum(cells, unit).value, None
    except QuantityError as exc:
        return None, exc.message


def allocation_row_sum(row: AllocationRow) -> AllocationSum | None:
    """The row's parts against its stated total; None when it states no total or no part.

    .. versionadded:: 0.1.0
    """
    cells = [(cell, row.unit) for cell in row.parts if cell is not None]
    if row.total is None or not cells:
        return None
    summed, error = _try_sum(cells, row.unit, row.total)
    return AllocationSum(
        row=row,
        column=None,
        detail=(),
        stated=row.total,
        summed=summed,
        cells=len(cells),
        error=error,
    )


def allocation_detail_sums(table: Allocation) -> Iterator[AllocationSum]:
    """For each row other rows detail (``parent``), the detail rows against it in every column.

    Columns where the row states nothing, or where every detail row is empty, are skipped.  Rows
    are taken in document order; a ``parent`` naming no row of the table is skipped here (the
    validator reports it).

    .. versionadded:: 0.1.0
    """
    rows = {row.id: row for row in table.rows}
    children: dict[str, list[AllocationRow]] = defaultdict(list)
    for row in table.rows:
        if row.parent is not None and row.parent in rows:
            children[row.parent].append(row)
    for parent_id, detail in children.items():
        parent = rows[parent_id]
        parent_cells = [parent.total, *parent.parts]
        for c in range(len(table.columns) + 1):
            stated_cell = parent_cells[c] if c < len(parent_cells) else None
            cells = [
                (cell, row.unit)
                for row in detail
                if (cell := ([row.total, *row.parts] + [None] * c)[c]) is not None
            ]
            if stated_cell is None or not cells:
                continue
            summed, error = _try_sum(cells, parent.unit, stated_cell)
            yield AllocationSum(
                row=parent,
                column=None if c == 0 else c - 1,
                detail=tuple(detail),
                stated=stated_cell,
                summed=summed,
                cells=len(cells),
                error=error,
            )


def check_allocations(campaign: Campaign) -> Iterator[Problem]:
    """Rows have one cell per column; parts add up to totals; detail rows add up to their row."""
    battles = {battle.id for battle in campaign.battles}
    for a, table in enumerate(campaign.allocations):
        table_pointer = join("", "allocations", a)
        if table.battle is not None and table.battle not in battles:
            yield _problem(
                "unknown-reference",
                join(table_pointer, "battle"),
                f"no battle has the id {table.battle!r}",
            )
        ids = {row.id for row in table.rows}
        for r, row in enumerate(table.rows):
            pointer = join(table_pointer, "rows", r)
            if len(row.parts) != len(table.columns):
                yield _problem(
                    "allocation-shape",
                    join(pointer, "parts"),
                    f"expected {len(table.columns)} cells (one per column), found {len(row.parts)}",
                )
            if row.parent is not None and row.parent not in ids:
                yield _problem(
                    "unknown-reference",
                    join(pointer, "parent"),
                    f"no row of this table has the id {row.parent!r}",
                )
            unreadable = list(_unreadable_cells(pointer, row))
            yield from unreadable
            found = allocation_row_sum(row)
            if found is None:
                continue
            if found.summed is None:
                if not unreadable:
                    yield _problem("unknown-unit", join(pointer, "unit"), found.error or "")
            elif not found.agrees:
                parts = Quantity(value=found.summed, unit=row.unit)
                stated = Quantity(value=found.stated, unit=row.unit)
                yield _problem(
                    "allocation-total",
                    join(pointer, "total"),
                    f"the parts add up to {parts}, the stated total is {stated} "
                    f"(difference {parts - stated})",
                )
        yield from _check_children(table_pointer, table)


def _unreadable_cells(pointer: str, row: AllocationRow) -> Iterator[Problem]:
    """A cell no document can print (more than ``MAX_DIGITS`` digits), where it stands."""
    cells: list[tuple[tuple[str | int, ...], Decimal | None]] = [(("total",), row.total)]
    cells.extend((("parts", i), part) for i, part in enumerate(row.parts))
    for tokens, value in cells:
        problem = None if value is None else _number_problem(value)
        if problem:
            yield _problem("invalid-quantity", join(pointer, *tokens), problem)


def _check_children(table_pointer: str, table: Allocation) -> Iterator[Problem]:
    positions = {row.id: r for r, row in enumerate(table.rows)}
    for found in allocation_detail_sums(table):
        if found.summed is None or found.agrees:
            continue
        parent = found.row
        label = "total" if found.column is None else table.columns[found.column]
        summed = Quantity(value=found.summed, unit=parent.unit)
        stated = Quantity(value=found.stated, unit=parent.unit)
        yield _problem(
            "allocation-children",
            join(table_pointer, "rows", positions[parent.id]),
            f"in column {label!r} the detail rows add up to {summed}, the row states {stated}",
        )


def _element_pointers(campaign: Campaign) -> dict[str, str]:
    """Id -> JSON pointer for every element an irregularity may name by id."""
    pointers: dict[str, str] = {}
    for b, battle in enumerate(campaign.battles):
        pointers.setdefault(battle.id, join("", "battles", b))
    for pointer, group in iter_groups(campaign):
        pointers.setdefault(group.id, pointer)
    for pointer, task in iter_tasks(campaign):
        pointers.setdefault(task.id, pointer)
    for pointer, indicator in iter_indicators(campaign):
        if indicator.id is not None:
            pointers.setdefault(indicator.id, pointer)
    for a, table in enumerate(campaign.allocations):
        pointers.setdefault(table.id, join("", "allocations", a))
        for r, row in enumerate(table.rows):
            pointers.setdefault(row.id, join("", "allocations", a, "rows", r))
    for u, unit in enumerate(campaign.units):
        for name in unit.names:
            pointers.setdefault(name, join("", "units", u))
    return pointers


def _resolves(data: object, pointer: str) -> bool:
    node = data
    for token in split(pointer):
        index = array_index(token) if isinstance(node, list) else None
        if isinstance(node, list) and index is not None and index < len(node):
            node = node[index]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            return False
    return True


def check_irregularities(campaign: Campaign) -> Iterator[Problem]:
    """Report each recorded source irregularity as a warning at the element it names."""
    if not campaign.irregularities:
        return
    pointers = _element_pointers(campaign)
    data: Any = None  # the plan as plain data, built only for an element given as a pointer
    for i, irregularity in enumerate(campaign.irregularities):
        element = irregularity.element
        if element.startswith("/"):
            if data is None:
                data = converter.unstructure(campaign)
            pointer = element if _resolves(data, element) else None
        else:
            pointer = pointers.get(element)
        if pointer is None:
            yield _problem(
                "unknown-reference",
                join("", "irregularities", i, "element"),
                f"no element has the id or pointer {element!r}",
            )
            continue
        line = f" (source line {irregularity.source_line})" if irregularity.source_line else ""
        yield _problem(
            "source-irregularity", pointer, f"{irregularity.kind}: {irregularity.description}{line}"
        )


def check_region(campaign: Campaign) -> Iterator[Problem]:
    """Check a Hunan ``region.code`` against the bundled GB/T 2260 table: name, level, parent."""
    region = campaign.region
    code = region.code
    if code is None or not _regions.covers(code):
        return
    division = _regions.lookup(code)
    if division is None:
        yield _problem(
            "region-code",
            "/region/code",
            f"region.code {code} is no division of Hunan in GB/T 2260 (民政部 2023 list)",
        )
        return
    if division.name != region.name:
        yield _problem(
            "region-code",
            "/region/name",
            f"region.code {code} is {division.name} in GB/T 2260, not {region.name}",
        )
    if division.level != region.level:
        yield _problem(
            "region-code",
            "/region/level",
            f"region.code {code} ({division.name}) is a {division.level} in GB/T 2260, "
            f"not a {region.level}",
        )
    above = _regions.parent(division)
    if above is not None and region.parent is not None and above.name != region.parent:
        yield _problem(
            "region-code",
            "/region/parent",
            f"region.code {code} ({division.name}) belongs to {above.name} in GB/T 2260, "
            f"not {region.parent}",
        )


def check_source_digest(campaign: Campaign) -> Iterator[Problem]:
    """Warn when the plan has a ``source`` but not the digest of the text it was encoded from."""
    if campaign.source is not None and campaign.source.sha256 is None:
        yield _problem(
            "no-source-digest",
            "/source",
            "source has no sha256: the text the plan was encoded from cannot be identified",
        )


def _noted(task: Task) -> bool:
    """Whether the task or one of its sub-tasks carries a responsibility note."""
    return any(part.responsibilities for part in task.walk())


def _covered(pointer: str, covering: list[str]) -> bool:
    return any(pointer == c or pointer.startswith(c + "/") for c in covering)


def _note_gaps(groups: list[tuple[str, TaskGroup]]) -> Iterator[tuple[str, str]]:
    """(pointer, message) of each gap among one battle's groups: a group or a task unnoted."""
    covering = [p for p, g in groups if g.responsibilities]
    noted = {p for p, g in groups if _covered(p, covering) or any(map(_noted, g.tasks))}
    if not noted:
        return
    for pointer, group in groups:
        if not group.tasks or _covered(pointer, covering):
            continue
        if pointer not in noted:
            message = (
                f"no task of group {group.id} carries a responsibility note, while tasks of "
                "other groups of the battle do; no missing irregularity records it"
            )
            yield pointer, message
            continue
        for t, task in enumerate(group.tasks):
            if not _noted(task):
                message = (
                    f"task {task.id} carries no responsibility note, while other tasks of group "
                    f"{group.id} do; no missing irregularity records it"
                )
                yield join(pointer, "tasks", t), message


def check_note_gaps(campaign: Campaign) -> Iterator[Problem]:
    """Tasks without a note among tasks with one are a gap of the source, recorded as missing.

    Battle-wide notes (a 责任分解表 row per battle) do not count: they name no task's units.
    """
    pointers = _element_pointers(campaign)
    recorded = {
        irregularity.element
        if irregularity.element.startswith("/")
        else pointers.get(irregularity.element)
        for irregularity in campaign.irregularities
        if irregularity.kind is IrregularityKind.MISSING
    }
    battles: dict[str, list[tuple[str, TaskGroup]]] = defaultdict(list)
    for pointer, group in iter_groups(campaign):
        battles[pointer.split("/groups/")[0]].append((pointer, group))
    for groups in battles.values():
        for pointer, message in _note_gaps(groups):
            if pointer not in recorded:
                yield _problem("unrecorded-note-gap", pointer, message)


#: The semantic checks, run in this order by :func:`check`.
def check_directions(campaign: Campaign) -> Iterator[Problem]:
    """A direction says what the phrase states, and a change's target is its size."""
    for pointer, indicator in iter_indicators(campaign):
        direction = indicator.direction
        stated = indicator_change(indicator)
        changes = indicator.kind in CHANGE_KINDS
        if isinstance(stated, Direction) and stated is not direction:
            yield _problem(
                "direction-mismatch",
                join(pointer, "direction"),
                f"the phrase {indicator.phrase!r} states a {stated}, found direction "
                f"{direction or 'none'}",
            )
        elif stated is Stated.VALUE and direction is not None and not changes:
            yield _problem(
                "direction-mismatch",
                join(pointer, "direction"),
                f"the phrase {indicator.phrase!r} names a value to reach, not a change; found "
                f"direction {direction}",
            )
        target = indicator.target
        if direction is not None and target is not None:
            low = target.low if isinstance(target, QuantityRange) else target
            if low.value < 0:
                yield _problem(
                    "negative-change",
                    join(pointer, "target"),
                    f"a {direction} of {format_quantity(target)}: write the size and the direction",
                )


def check_extensions(campaign: Campaign) -> Iterator[Problem]:
    """Report each x_ extension field, so that nobody takes it for govplan's own data."""
    for path, element in _elements_with_extensions(campaign):
        for key in element.extensions:  # type: ignore[attr-defined]
            yield _problem("extension-field", join("", *path, key), f"extension field {key!r}")


def _elements_with_extensions(campaign: Campaign) -> list[tuple[list[str | int], object]]:
    """The elements of *campaign* that hold extension fields, with their path (tokens).

    As :func:`_walk_elements`, in the same order, but the pointer is built only for an element
    that has one, and by plain calls (a chain of generators costs at each level it passes).
    """
    found: list[tuple[list[str | int], object]] = []
    path: list[str | int] = []

    def visit(value: object) -> None:
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                path.append(i)
                visit(item)
                path.pop()
            return
        cls = cast("type", type(value))
        if not _is_element(cls):
            return
        if getattr(value, "extensions", None):
            found.append((list(path), value))
        for name in _element_fields(cls):
            path.append(name)
            visit(getattr(value, name))
            path.pop()

    visit(campaign)
    return found


CHECKS: tuple[Callable[[Campaign], Iterator[Problem]], ...] = (
    check_ids,
    check_units,
    check_aliases,
    check_roles,
    check_unit_reading,
    check_milestones,
    check_indicators,
    check_modality_reach,
    check_qualitative_outcomes,
    check_allocations,
    check_irregularities,
    check_note_gaps,
    check_region,
    check_source_digest,
    check_directions,
    check_extensions,
)


def check(campaign: Campaign) -> list[Problem]:
    """Run every semantic check on *campaign* and return the problems, in check order.

    .. versionadded:: 0.1.0
    """
    walks = _WALKS.set((campaign, {}))
    try:
        return [problem for rule in CHECKS for problem in rule(campaign)]
    finally:
        _WALKS.reset(walks)
