"""Workload: tasks per unit and role, per campaign or per battle."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import attrs

from govplan.metrics._assignments import _DEFAULT_OPTIONS, CountingOptions, assignments
from govplan.metrics._places import _campaigns, _entries
from govplan.metrics._tables import Row, _plain, _Tabular
from govplan.model import Campaign
from govplan.org import Role, Unit, UnitKind


@attrs.frozen(kw_only=True)
class UnitCount:
    """How many tasks one unit leads, cooperates on and is responsible for, in one scope.

    One row of :class:`Workload`: the unit is keyed by its registry id, so the counts of all its
    aliases are merged.

    .. versionadded:: 0.1.0
    """

    #: Id of the campaign.
    campaign: str
    #: The battle counted, or None for the whole campaign.
    battle: str | None
    #: Registry id, or the name as printed when the registry does not know it.
    unit: str
    #: Canonical name from the registry (the printed name when not registered).
    name: str
    #: Unit kind from the registry (``department``, ``township`` …), None when not registered.
    kind: UnitKind | None
    #: Whether the unit registry knows the unit.
    registered: bool
    #: Tasks the unit leads (牵头).
    lead: int
    #: Tasks the unit cooperates on (配合, named after a lead).
    cooperating: int
    #: Tasks the unit is responsible for with no lead named (按职责分工负责).
    responsible: int

    @property
    def total(self) -> int:
        """Tasks counted in any role (a unit with two roles in one task counts twice)."""
        return self.lead + self.cooperating + self.responsible

    def count(self, role: Role) -> int:
        """The count for *role*."""
        return {
            Role.LEAD: self.lead,
            Role.COOPERATING: self.cooperating,
            Role.RESPONSIBLE: self.responsible,
        }[role]


def _rank_key(role: Role) -> Any:
    def key(row: UnitCount) -> tuple[int, int, str]:
        return (-row.count(role), -row.total, row.unit)

    return key


@attrs.frozen(kw_only=True)
class Workload(_Tabular):
    """Tasks per unit and role, per campaign (``battle`` None) or per battle.

    Who carries the work is the first thing asked of a plan; :meth:`top` ranks the units and
    :meth:`to_rows` gives the counts with the options they were made under.

    .. versionadded:: 0.1.0
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "battle",
        "unit",
        "name",
        "kind",
        "registered",
        "lead",
        "cooperating",
        "responsible",
        "total",
        "options",
    )

    #: The counting options the counts were made under (column ``options``).
    options: CountingOptions
    #: Ids of the campaigns counted, in the order given.
    campaigns: tuple[str, ...]
    #: Whether each unit is counted per battle (``battle`` set) rather than per campaign.
    by_battle: bool
    #: Tasks counted, per campaign.
    tasks: Mapping[str, int] = attrs.field(hash=False)
    #: Distinct (task, unit, role) assignments, per campaign.
    assignments: Mapping[str, int] = attrs.field(hash=False)
    #: One entry per unit and scope: campaigns in the order given, battles in document order,
    #: then by lead count, total and unit id.
    counts: tuple[UnitCount, ...]

    def top(
        self,
        n: int = 5,
        *,
        role: Role = Role.LEAD,
        campaign: str | None = None,
        battle: str | None = None,
        ties: bool = False,
    ) -> tuple[UnitCount, ...]:
        """The *n* units with most tasks in *role* (ties broken by total, then unit id).

        With *ties*, units tied with the *n*-th on the *role* count are included too.  Units
        with no task in *role* are never listed.
        """
        rows = sorted(
            (
                r
                for r in self.counts
                if (campaign is None or r.campaign == campaign)
                and (battle is None or r.battle == battle)
                and r.count(role) > 0
            ),
            key=_rank_key(role),
        )
        if ties and len(rows) > n > 0:
            cutoff = rows[n - 1].count(role)
            return tuple(r for r in rows if r.count(role) >= cutoff)
        return tuple(rows[:n])

    def to_rows(self) -> list[Row]:
        """One row per unit and scope."""
        return [
            {
                "campaign": r.campaign,
                "battle": r.battle,
                "unit": r.unit,
                "name": r.name,
                "kind": _plain(r.kind),
                "registered": r.registered,
                "lead": r.lead,
                "cooperating": r.cooperating,
                "responsible": r.responsible,
                "total": r.total,
                "options": self.options.label,
            }
            for r in self.counts
        ]


def _unit_info(campaign: Campaign) -> dict[str, Unit]:
    return {unit.id: unit for unit in campaign.units}


def workload(
    campaigns: Campaign | Iterable[Campaign],
    *,
    by_battle: bool = False,
    options: CountingOptions | None = None,
) -> Workload:
    """Count tasks per unit and role, per campaign or (with *by_battle*) per battle.

    Counting rules (docs/metrics.md): each distinct (task, unit, role) counts once; aliases are
    merged through the unit registry; a task with two leads counts once for each; by default
    only top-level tasks count, on their own notes.  *options* switches on sub-tasks, the
    first-listed-leads convention and group-lead inheritance (default: all off).

    .. versionadded:: 0.1.0
    """
    options = options or _DEFAULT_OPTIONS
    plans = _campaigns(campaigns)
    counts: list[UnitCount] = []
    tasks: dict[str, int] = {}
    totals: dict[str, int] = {}
    for campaign in plans:
        found = assignments(campaign, options)
        tasks[campaign.id] = len(_entries(campaign, options.include_subtasks))
        totals[campaign.id] = len(found)
        units = _unit_info(campaign)
        tally: dict[tuple[str | None, str], Counter[Role]] = defaultdict(Counter)
        for item in found:
            tally[item.battle if by_battle else None, item.unit][item.role] += 1
        order = {battle.id: b for b, battle in enumerate(campaign.battles)}
        rows = []
        for (battle, unit_id), roles in tally.items():
            unit = units.get(unit_id)
            rows.append(
                UnitCount(
                    campaign=campaign.id,
                    battle=battle,
                    unit=unit_id,
                    name=unit.name if unit else unit_id,
                    kind=unit.kind if unit else None,
                    registered=unit is not None,
                    lead=roles[Role.LEAD],
                    cooperating=roles[Role.COOPERATING],
                    responsible=roles[Role.RESPONSIBLE],
                )
            )
        rank = _rank_key(Role.LEAD)
        counts.extend(
            sorted(rows, key=lambda r: (order.get(r.battle, -1) if r.battle else -1, rank(r)))
        )
    return Workload(
        options=options,
        campaigns=tuple(c.id for c in plans),
        by_battle=by_battle,
        tasks=tasks,
        assignments=totals,
        counts=tuple(counts),
    )
