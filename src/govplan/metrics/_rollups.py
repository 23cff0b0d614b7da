"""Roll-ups: whether a plan's numbers hang together.

Allocation tables (parts against totals, detail rows against their row), headline objectives
against battle objectives, task-level quantities summed to group, battle and campaign, totals
printed beside their parts in the text; and :class:`RollUpReport`, which gathers them.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import ClassVar, Literal

import attrs

from govplan._stated import _StatedAndSummed
from govplan.checks import AllocationSum, allocation_detail_sums, allocation_row_sum, iter_tasks
from govplan.metrics._compare import _same_target, _target_text, normalise_name
from govplan.metrics._places import _campaigns, _entries, _Entry
from govplan.metrics._sums import _indicator_not_summable, sum_indicators, sum_quantities
from govplan.metrics._tables import Row, _Tabular
from govplan.model import Allocation, Campaign, Indicator, IndicatorKind
from govplan.quantity import (
    Quantity,
    QuantityRange,
    _number_problem,
    format_quantity,
    known_units,
)

# ---------------------------------------------------------------------------------------------
# Roll-ups: allocation tables


@attrs.frozen(kw_only=True)
class AllocationCheck(_StatedAndSummed):
    """One addition of an allocation table, with both numbers and the difference.

    ``check`` is ``parts`` (a row's parts against its stated total) or ``detail`` (the rows that
    detail a row against it, in column ``column``).  Numbers are in ``unit``.

    .. versionadded:: 0.1.0
    """

    #: Id of the campaign.
    campaign: str
    #: Id of the allocation table.
    table: str
    #: Id of the allocation row whose stated figure is checked (for ``detail``, the row the
    #: detail rows detail).
    row: str
    #: What the row allocates, as printed.
    name: str
    #: ``parts`` (the row's parts against its stated total) or ``detail`` (the detail rows
    #: against the row, one column at a time).
    check: Literal["parts", "detail"]
    #: The column whose stated figure is checked (the total column's label for ``parts``).
    column: str
    #: The row's unit; ``stated`` and ``summed`` are in it (detail cells converted).
    unit: str
    #: The figure the table states: the row's total (``parts``) or its cell in ``column``
    #: (``detail``).
    stated: Decimal
    #: The non-empty cells added up, or None when they cannot be added (see ``error``).
    summed: Decimal | None
    #: Non-empty cells added.
    cells: int
    #: Ids of the detail rows (``detail`` checks).
    detail: tuple[str, ...] = ()
    #: Why the cells could not be added (summed None).
    error: str | None = None


@attrs.frozen(kw_only=True)
class AllocationChecks(_Tabular):
    """Every addition of the allocation tables.

    A table whose parts do not add up to its totals is a misprint or a misreading; these are
    the validator's sums as rows, so they can be listed and exported.

    .. versionadded:: 0.1.0
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "table",
        "row",
        "name",
        "check",
        "column",
        "unit",
        "stated",
        "summed",
        "difference",
        "agrees",
        "cells",
        "detail",
    )

    #: Every check, campaign by campaign and table by table: each row's parts against its
    #: total in document order, then the detail sums.
    checks: tuple[AllocationCheck, ...]

    @property
    def disagreements(self) -> tuple[AllocationCheck, ...]:
        """The checks whose cells do not add up (or cannot be added)."""
        return tuple(c for c in self.checks if not c.agrees)

    def to_rows(self) -> list[Row]:
        """One row per check."""
        return [
            {
                "campaign": c.campaign,
                "table": c.table,
                "row": c.row,
                "name": c.name,
                "check": c.check,
                "column": c.column,
                "unit": c.unit,
                "stated": c.stated,
                "summed": c.summed,
                "difference": c.difference,
                "agrees": c.agrees,
                "cells": c.cells,
                "detail": " ".join(c.detail),
            }
            for c in self.checks
        ]


def _allocation_check(
    campaign: Campaign, table: Allocation, result: AllocationSum
) -> AllocationCheck:
    """The validator's sum *result* as a flat check: rows by id, the column by its label.

    :class:`~govplan.checks.AllocationSum` holds the rows themselves and the column's index;
    the numbers (and so ``agrees`` and ``difference``) are its own.  A sum without detail rows
    is a row's parts against its total, one with detail rows those rows against their row.
    """
    total_label = table.total_label or "total"
    return AllocationCheck(
        campaign=campaign.id,
        table=table.id,
        row=result.row.id,
        name=result.row.name,
        check="detail" if result.detail else "parts",
        column=total_label if result.column is None else table.columns[result.column],
        unit=result.row.unit,
        stated=result.stated,
        summed=result.summed,
        cells=result.cells,
        detail=tuple(r.id for r in result.detail),
        error=result.error,
    )


def allocation_checks(campaigns: Campaign | Iterable[Campaign]) -> AllocationChecks:
    """Check every allocation row's parts against its total, and detail rows against their row.

    The arithmetic is the validator's (:func:`govplan.checks.allocation_row_sum` and
    :func:`~govplan.checks.allocation_detail_sums`): cells of detail rows in another unit are
    converted to the unit of the row they detail.

    .. versionadded:: 0.1.0
    """
    found: list[AllocationCheck] = []
    for campaign in _campaigns(campaigns):
        for table in campaign.allocations:
            sums = [s for row in table.rows if (s := allocation_row_sum(row)) is not None]
            sums.extend(allocation_detail_sums(table))
            found.extend(_allocation_check(campaign, table, s) for s in sums)
    return AllocationChecks(checks=tuple(found))


# ---------------------------------------------------------------------------------------------
# Roll-ups: headline objectives against battle objectives


@attrs.frozen(kw_only=True)
class ObjectiveCheck:
    """A headline target and the same indicator in a battle's objectives (or none).

    ``status`` is ``agrees``, ``differs`` (target or comparator differ; ``reason`` says which)
    or ``headline_only`` (no battle objective states the indicator).

    .. versionadded:: 0.1.0
    """

    #: Id of the campaign.
    campaign: str
    #: Canonical name (see :func:`normalise_name`).
    indicator: str
    #: The indicator's kind; headline and battle indicator share it.
    kind: IndicatorKind
    #: The headline objective's indicator, as found in the campaign.
    headline: Indicator
    #: Id of the battle whose objectives state the indicator, or None (``headline_only``).
    battle: str | None
    #: The battle objective's indicator, or None (``headline_only``).
    battle_indicator: Indicator | None
    #: ``agrees``, ``differs`` or ``headline_only``.
    status: Literal["agrees", "differs", "headline_only"]
    #: What differs (``target 8%以上 against 7%以上``, or the comparators), for ``differs`` only.
    reason: str | None = None


@attrs.frozen(kw_only=True)
class ObjectiveChecks(_Tabular):
    """Headline objectives against battle objectives.

    A plan that states one target in its headline and another in a battle contradicts itself;
    these pairs show where.

    .. versionadded:: 0.1.0
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "indicator",
        "kind",
        "headline_name",
        "headline_target",
        "battle",
        "battle_name",
        "battle_target",
        "status",
        "reason",
    )

    #: One check per headline target and battle stating it (or one ``headline_only`` check),
    #: campaign by campaign, headline targets in document order.
    checks: tuple[ObjectiveCheck, ...]

    @property
    def disagreements(self) -> tuple[ObjectiveCheck, ...]:
        """The pairs whose targets differ."""
        return tuple(c for c in self.checks if c.status == "differs")

    def to_rows(self) -> list[Row]:
        """One row per pair (or per headline target found in no battle)."""
        return [
            {
                "campaign": c.campaign,
                "indicator": c.indicator,
                "kind": c.kind.value,
                "headline_name": c.headline.name,
                "headline_target": _target_text(c.headline),
                "battle": c.battle,
                "battle_name": c.battle_indicator.name if c.battle_indicator else None,
                "battle_target": _target_text(c.battle_indicator) if c.battle_indicator else None,
                "status": c.status,
                "reason": c.reason,
            }
            for c in self.checks
        ]


def _differs(a: Indicator, b: Indicator) -> str | None:
    if not _same_target(a.target, b.target):
        return f"target {_target_text(a)} against {_target_text(b)}"
    if a.direction is not b.direction:
        return f"direction {a.direction or 'none'} against {b.direction or 'none'}"
    if a.comparator is not b.comparator:
        return f"comparator {a.comparator} against {b.comparator}"
    return None


def objective_checks(
    campaigns: Campaign | Iterable[Campaign], *, name_map: Mapping[str, str] | None = None
) -> ObjectiveChecks:
    """Check that each quantified headline target agrees with the battles that state it too.

    An indicator is the same when its normalised name and its kind are; targets agree when they
    are the same amount (after unit conversion) with the same comparator.  Modality (力争, 确保)
    and wording are not compared; qualitative targets are left out.  Names are normalised with
    *name_map* (default :data:`DEFAULT_NAME_MAP`; see :func:`normalise_name`).

    .. versionadded:: 0.1.0
    """
    found: list[ObjectiveCheck] = []
    for campaign in _campaigns(campaigns):
        in_battles: dict[tuple[str, IndicatorKind], list[tuple[str, Indicator]]] = defaultdict(list)
        for battle in campaign.battles:
            for objective in battle.objectives:
                for indicator in objective.indicators:
                    key = (normalise_name(indicator.name, name_map), indicator.kind)
                    in_battles[key].append((battle.id, indicator))
        for objective in campaign.objectives:
            for headline in objective.indicators:
                if headline.target is None:
                    continue
                name = normalise_name(headline.name, name_map)
                pairs = in_battles.get((name, headline.kind), [])
                if not pairs:
                    found.append(
                        ObjectiveCheck(
                            campaign=campaign.id,
                            indicator=name,
                            kind=headline.kind,
                            headline=headline,
                            battle=None,
                            battle_indicator=None,
                            status="headline_only",
                        )
                    )
                for battle_id, other in pairs:
                    reason = _differs(headline, other)
                    found.append(
                        ObjectiveCheck(
                            campaign=campaign.id,
                            indicator=name,
                            kind=headline.kind,
                            headline=headline,
                            battle=battle_id,
                            battle_indicator=other,
                            status="differs" if reason else "agrees",
                            reason=reason,
                        )
                    )
    return ObjectiveChecks(checks=tuple(found))


# ---------------------------------------------------------------------------------------------
# Roll-ups: task-level quantities


@attrs.frozen(kw_only=True)
class RollUp:
    """A summable task-level indicator added up over the tasks of a group, battle or campaign.

    When the group (its own indicators), the battle (its objectives) or the campaign (its
    headline objectives) states the same indicator, ``stated`` holds it and ``agrees`` says
    whether the sum matches.

    .. versionadded:: 0.1.0
    """

    #: Id of the campaign.
    campaign: str
    #: Where the targets were added: over a ``group`` (and its sub-groups), a ``battle`` or the
    #: whole ``campaign``.
    scope: Literal["campaign", "battle", "group"]
    #: Id of the campaign, battle or group.
    element: str
    #: Canonical name (see :func:`normalise_name`).
    indicator: str
    #: The sum of the targets, in the unit of the first one (ranges added end by end).
    total: Quantity | QuantityRange
    #: Ids of the tasks whose targets were added, in document order (one per term).
    tasks: tuple[str, ...]
    #: The targets added, as printed, in the same order.
    values: tuple[Quantity | QuantityRange, ...] = ()
    #: The same indicator as the group, battle or campaign (headline) states it, if it does.
    stated: Indicator | None = None

    @property
    def terms(self) -> int:
        """Number of targets added."""
        return len(self.tasks)

    @property
    def agrees(self) -> bool | None:
        """Whether the sum is the stated figure (None when nothing is stated)."""
        if self.stated is None or self.stated.target is None:
            return None
        stated = self.stated.target
        if isinstance(stated, Quantity) and isinstance(self.total, Quantity):
            return stated.is_compatible(self.total) and stated.same_amount(self.total)
        return _same_target(stated, self.total)

    @property
    def difference(self) -> Quantity | None:
        """``total - stated`` in the unit of the total (single quantities only)."""
        stated = self.stated.target if self.stated else None
        if (
            isinstance(stated, Quantity)
            and isinstance(self.total, Quantity)
            and stated.is_compatible(self.total)
        ):
            return self.total - stated
        return None


@attrs.frozen(kw_only=True)
class TaskRollUps(_Tabular):
    """Task-level quantities summed to group, battle and campaign.

    Sums of the tasks' targets show what the tasks add up to, to set against the figure a
    group, battle or headline states, and make a target restated in two tasks easy to spot.

    .. versionadded:: 0.1.0
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "scope",
        "element",
        "indicator",
        "total",
        "unit",
        "terms",
        "values",
        "tasks",
        "stated",
        "agrees",
        "difference",
    )

    #: Every roll-up, campaign by campaign: the campaign's, then for each battle the battle's
    #: and its groups'.
    rollups: tuple[RollUp, ...]

    @property
    def compared(self) -> tuple[RollUp, ...]:
        """The roll-ups with a stated figure to compare against."""
        return tuple(r for r in self.rollups if r.stated is not None)

    def to_rows(self) -> list[Row]:
        """One row per roll-up; ``total`` and ``stated`` as quantity text (2.5亿元, 3-5个)."""
        return [
            {
                "campaign": r.campaign,
                "scope": r.scope,
                "element": r.element,
                "indicator": r.indicator,
                "total": format_quantity(r.total),
                "unit": r.total.unit,
                "terms": r.terms,
                "values": " + ".join(format_quantity(v) for v in r.values),
                "tasks": " ".join(r.tasks),
                "stated": _target_text(r.stated) if r.stated else None,
                "agrees": r.agrees,
                "difference": format_quantity(r.difference) if r.difference else None,
            }
            for r in self.rollups
        ]


def _dimension(indicator: Indicator) -> str:
    target = indicator.target
    assert target is not None  # noqa: S101 - only called on indicators with a target
    return (
        target.high.dimensionality if isinstance(target, QuantityRange) else (target.dimensionality)
    )


def _stated_index(
    indicators: Iterable[Indicator], name_map: Mapping[str, str] | None
) -> dict[tuple[str, str], Indicator]:
    index: dict[tuple[str, str], Indicator] = {}
    for indicator in indicators:
        if _indicator_not_summable(indicator) is None:
            key = (normalise_name(indicator.name, name_map), _dimension(indicator))
            index.setdefault(key, indicator)
    return index


_Term = tuple[_Entry, Indicator, tuple[str, str]]


def _roll(
    scope: Literal["campaign", "battle", "group"],
    element: str,
    chosen: list[_Term],
    stated: Iterable[Indicator],
    *,
    campaign: str,
    name_map: Mapping[str, str] | None,
    min_terms: int,
) -> list[RollUp]:
    groups: dict[tuple[str, str], list[tuple[_Entry, Indicator]]] = defaultdict(list)
    for entry, indicator, key in chosen:
        groups[key].append((entry, indicator))
    known = _stated_index(stated, name_map)
    return [
        RollUp(
            campaign=campaign,
            scope=scope,
            element=element,
            indicator=key[0],
            total=sum_indicators(i for _, i in items),
            tasks=tuple(e.task.id for e, _ in items),
            values=tuple(i.target for _, i in items if i.target is not None),
            stated=known.get(key),
        )
        for key, items in groups.items()
        if len(items) >= min_terms
    ]


def task_rollups(
    campaigns: Campaign | Iterable[Campaign],
    *,
    name_map: Mapping[str, str] | None = None,
    min_terms: int = 1,
) -> TaskRollUps:
    """Add up summable task-level targets per group, battle and campaign.

    Only top-level tasks' own indicators are added (sub-items and table rows repeat or detail
    their task's targets, and would count twice).  Indicators are the same when their
    normalised names and dimensions are (家 and 所 differ; 万元 and 亿元 convert); percentages,
    个百分点, rates, growth rates, shares and ranks are never added.  Roll-ups of fewer than
    *min_terms* targets are left out.  Names are normalised with *name_map* (default
    :data:`DEFAULT_NAME_MAP`; see :func:`normalise_name`).

    .. versionadded:: 0.1.0
    """
    found: list[RollUp] = []
    for campaign in _campaigns(campaigns):
        terms: list[_Term] = []
        for entry in _entries(campaign, include_subtasks=False):
            for indicator in entry.task.indicators:
                if _indicator_not_summable(indicator) is None:
                    key = (normalise_name(indicator.name, name_map), _dimension(indicator))
                    terms.append((entry, indicator, key))
        headline = [i for o in campaign.objectives for i in o.indicators]
        roll = functools.partial(
            _roll, campaign=campaign.id, name_map=name_map, min_terms=min_terms
        )
        found.extend(roll("campaign", campaign.id, terms, headline))
        for battle in campaign.battles:
            in_battle = [t for t in terms if t[0].battle is battle]
            objectives = [i for o in battle.objectives for i in o.indicators]
            found.extend(roll("battle", battle.id, in_battle, objectives))
            for group in battle.walk_groups():
                in_group = [t for t in in_battle if any(g is group for g in t[0].groups)]
                found.extend(roll("group", group.id, in_group, group.indicators))
    return TaskRollUps(rollups=tuple(found))


# ---------------------------------------------------------------------------------------------
# Roll-ups: arithmetic stated in the text


def _quantity_pattern() -> re.Pattern[str]:
    units = sorted(known_units(), key=len, reverse=True)
    alternation = "|".join(re.escape(u) for u in units)
    # A number starts where no digit stands before it: a start inside a run of digits finds
    # nothing the run's first digit does not find first, and trying each took time quadratic
    # in the run.  No unit starts with a digit, a point or a space, so giving digits back
    # never helps (possessive).
    return re.compile(rf"(?<!\d)(?P<value>\d++(?:\.\d++)?+)\s*+(?P<unit>{alternation})")


_QUANTITY_IN_TEXT = _quantity_pattern()
#: Dimensions whose figures are not parts of a total (dates, durations, shares, ranks).
_NOT_PARTS = ("[time]", "[calendar_month]", "[percentage_point]", "[rank]")
_BREAKDOWN = re.compile(r"\s*[(（](?P<parts>[^()（）]*)[)）]")
#: A 其中 clause runs to the 。 or ;, or to the next 其中 (which breaks down another figure):
#: a text of many 其中 read each to the end, in time and output quadratic in the text.
_OF_WHICH = re.compile(r"\s*[,，]\s*其中(?P<parts>(?:(?!其中)[^。;；])*)")


def _text_quantities(text: str) -> list[tuple[re.Match[str], Quantity]]:
    found = []
    for match in _QUANTITY_IN_TEXT.finditer(text):
        value = Decimal(match["value"])
        if _number_problem(value):
            continue  # more digits than a document's figure has: no figure to add up
        quantity = Quantity(value=value, unit=match["unit"])
        if quantity.unit in {"%", "‰"} or any(d in quantity.dimensionality for d in _NOT_PARTS):
            continue
        found.append((match, quantity))
    return found


@attrs.frozen(kw_only=True)
class StatedSum:
    """A total printed beside its parts, and whether the parts add up to it.

    Two forms are read: a breakdown in parentheses right after the total
    (``残疾人托养120人(集中托养20人,居家托养100人)``) and a ``其中`` clause after it
    (``新增公办学位7660个,其中…2880个,…4230个,…550个``), with at least two parts in the
    total's dimension.  ``status`` is ``adds_up``, ``parts_short`` (a 其中 list may name only
    some parts) or ``parts_exceed``.

    .. versionadded:: 0.1.0
    """

    #: Id of the campaign.
    campaign: str
    #: Id of the task or group, or the JSON pointer of an objective, whose text states it.
    element: str
    #: Line of the element in the source file, if recorded.
    source_line: int | None
    #: The total and its parts as printed.
    phrase: str
    #: ``breakdown`` (parts in parentheses after the total) or ``of_which`` (a 其中 clause).
    form: Literal["breakdown", "of_which"]
    #: The total as printed.
    stated: Quantity
    #: The parts as printed, in order (the figures in the total's dimension).
    parts: tuple[Quantity, ...]
    #: The parts added up, in the total's unit.
    summed: Quantity
    #: ``summed - stated``, in the total's unit.
    difference: Quantity

    @property
    def status(self) -> Literal["adds_up", "parts_short", "parts_exceed"]:
        """How the parts compare with the total."""
        if self.difference.value == 0:
            return "adds_up"
        return "parts_exceed" if self.difference.value > 0 else "parts_short"


@attrs.frozen(kw_only=True)
class StatedSums(_Tabular):
    """Every total-beside-its-parts found in the text.

    .. versionadded:: 0.1.0
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "element",
        "source_line",
        "form",
        "phrase",
        "stated",
        "parts",
        "summed",
        "difference",
        "status",
    )

    #: Every total found, campaign by campaign: headline objectives, each battle's objectives
    #: and groups, then the tasks.
    sums: tuple[StatedSum, ...]

    def to_rows(self) -> list[Row]:
        """One row per total found."""
        return [
            {
                "campaign": s.campaign,
                "element": s.element,
                "source_line": s.source_line,
                "form": s.form,
                "phrase": s.phrase,
                "stated": format_quantity(s.stated),
                "parts": " + ".join(format_quantity(p) for p in s.parts),
                "summed": format_quantity(s.summed),
                "difference": format_quantity(s.difference),
                "status": s.status,
            }
            for s in self.sums
        ]


def _sums_in(text: str) -> Iterator[tuple[str, str, Quantity, tuple[Quantity, ...]]]:
    for match, total in _text_quantities(text):
        for form, pattern in (("breakdown", _BREAKDOWN), ("of_which", _OF_WHICH)):
            tail = pattern.match(text, match.end())
            if tail is None:
                continue
            found = [(m, q) for m, q in _text_quantities(tail["parts"]) if q.is_compatible(total)]
            if len(found) < 2:  # noqa: PLR2004 - a total needs two parts to be a sum
                continue
            # A 其中 clause runs to the 。; the phrase stops at the last part it names.
            end = tail.end() if form == "breakdown" else tail.start("parts") + found[-1][0].end()
            yield form, text[match.start() : end], total, tuple(q for _m, q in found)


def _texts(campaign: Campaign) -> Iterator[tuple[str, int | None, str]]:
    for index, objective in enumerate(campaign.objectives):
        yield f"/objectives/{index}", objective.source_line, objective.text
    for b, battle in enumerate(campaign.battles):
        for index, objective in enumerate(battle.objectives):
            yield f"/battles/{b}/objectives/{index}", objective.source_line, objective.text
        for group in battle.walk_groups():
            if group.text:
                yield group.id, group.source_line, group.text
    for _pointer, task in iter_tasks(campaign):
        yield task.id, task.source_line, task.text


def stated_sums(campaigns: Campaign | Iterable[Campaign]) -> StatedSums:
    """Find totals printed beside their parts in the plans' text and add the parts up.

    .. versionadded:: 0.1.0
    """
    found = []
    for campaign in _campaigns(campaigns):
        for element, line, text in _texts(campaign):
            for form, phrase, total, parts in _sums_in(text):
                summed = sum_quantities(parts, unit=total.unit)
                found.append(
                    StatedSum(
                        campaign=campaign.id,
                        element=element,
                        source_line=line,
                        phrase=phrase,
                        form=form,  # type: ignore[arg-type]
                        stated=total,
                        parts=parts,
                        summed=summed,
                        difference=summed - total,
                    )
                )
    return StatedSums(sums=tuple(found))


# ---------------------------------------------------------------------------------------------
# Roll-up report


#: What the roll-ups do not check yet.
NOT_CHECKED = (
    (
        "a total printed beside its parts without parentheses or 其中 (such as "
        "隔离带122.8公里，隔离带98.3公里，防火道24.6公里) is not recognised"
    ),
)


def _amount(value: Decimal | None, unit: str) -> str | None:
    return None if value is None else format_quantity(Quantity(value=value, unit=unit))


@attrs.frozen(kw_only=True)
class RollUpReport(_Tabular):
    """All roll-up checks of :func:`rollups`; :meth:`to_rows` gives one finding per comparison.

    Findings are allocation additions (``allocation-parts``, ``allocation-detail``), headline
    against battle targets (``objective``), task roll-ups compared with a stated figure
    (``task-rollup``) and totals printed beside their parts (``text-sum``); ``stated``,
    ``computed`` and ``difference`` are quantity text.

    .. versionadded:: 0.1.0
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "check",
        "element",
        "name",
        "column",
        "stated",
        "computed",
        "difference",
        "agrees",
        "detail",
    )

    #: Allocation tables: each row's parts against its total, detail rows against their row.
    allocations: AllocationChecks
    #: Headline objectives against battle objectives.
    objectives: ObjectiveChecks
    #: Task-level quantities summed to group, battle and campaign.
    tasks: TaskRollUps
    #: Totals printed beside their parts in the text (:func:`stated_sums`).
    text: StatedSums = StatedSums(sums=())
    #: What the roll-ups do not check yet (:data:`NOT_CHECKED`), said wherever they are shown.
    not_checked: tuple[str, ...] = NOT_CHECKED

    def to_rows(self) -> list[Row]:
        """One row per comparison made."""
        rows: list[Row] = [
            {
                "campaign": c.campaign,
                "check": f"allocation-{c.check}",
                "element": c.row,
                "name": c.name,
                "column": c.column,
                "stated": _amount(c.stated, c.unit),
                "computed": _amount(c.summed, c.unit),
                "difference": _amount(c.difference, c.unit),
                "agrees": c.agrees,
                "detail": c.error or " ".join(c.detail) or None,
            }
            for c in self.allocations.checks
        ]
        rows.extend(
            {
                "campaign": c.campaign,
                "check": "objective",
                "element": c.battle,
                "name": c.indicator,
                "column": c.kind.value,
                "stated": _target_text(c.headline),
                "computed": _target_text(c.battle_indicator) if c.battle_indicator else None,
                "difference": None,
                "agrees": None if c.status == "headline_only" else c.status == "agrees",
                "detail": c.reason or c.status,
            }
            for c in self.objectives.checks
        )
        rows.extend(
            {
                "campaign": r.campaign,
                "check": "task-rollup",
                "element": r.element,
                "name": r.indicator,
                "column": r.scope,
                "stated": _target_text(r.stated) if r.stated else None,
                "computed": format_quantity(r.total),
                "difference": format_quantity(r.difference) if r.difference else None,
                "agrees": r.agrees,
                "detail": " ".join(r.tasks),
            }
            for r in self.tasks.compared
        )
        rows.extend(
            {
                "campaign": s.campaign,
                "check": "text-sum",
                "element": s.element,
                "name": s.phrase,
                "column": s.form,
                "stated": format_quantity(s.stated),
                "computed": format_quantity(s.summed),
                "difference": format_quantity(s.difference),
                "agrees": s.status == "adds_up",
                "detail": s.status,
            }
            for s in self.text.sums
        )
        return rows


def rollups(
    campaigns: Campaign | Iterable[Campaign], *, name_map: Mapping[str, str] | None = None
) -> RollUpReport:
    """Every roll-up: allocation tables, headline against battle targets, task-level sums.

    Also the totals printed beside their parts in the text.  *name_map* normalises indicator
    names for the objective checks and the task roll-ups (default :data:`DEFAULT_NAME_MAP`; see
    :func:`normalise_name`).

    .. versionadded:: 0.1.0
    """
    plans = _campaigns(campaigns)
    return RollUpReport(
        allocations=allocation_checks(plans),
        objectives=objective_checks(plans, name_map=name_map),
        tasks=task_rollups(plans, name_map=name_map),
        text=stated_sums(plans),
    )
