"""Coverage: the share of tasks with a lead, a quantified target and a deadline, per battle."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

import attrs

from govplan.checks import _unit_index
from govplan.metrics._assignments import _DEFAULT_OPTIONS, CountingOptions, _task_assignments
from govplan.metrics._places import _campaigns, _entries, _Entry
from govplan.metrics._tables import Row, _Tabular
from govplan.model import Campaign, Task
from govplan.org import Role


@attrs.frozen(kw_only=True)
class CoverageRow:
    """Tasks of one battle (or of the whole campaign) with a lead, a target, a deadline.

    One row of :class:`Coverage`; the shares are properties, so they always agree with the
    counts.

    .. versionadded:: 0.1.0
    """

    #: Id of the campaign.
    campaign: str
    #: The battle, or None for the whole campaign.
    battle: str | None
    #: The battle's name, or the plan title for the whole campaign.
    name: str
    #: Tasks counted (top-level tasks, or every task and sub-task with ``include_subtasks``).
    tasks: int
    #: Tasks with a lead unit (under the counting options).
    with_lead: int
    #: Tasks with a quantified target (one of the task's own indicators has a target).
    with_target: int
    #: Tasks with a deadline (the task states a milestone).
    with_deadline: int
    #: Distinct units leading at least one of the tasks.
    lead_units: int

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(part / whole, 4) if whole else None

    @property
    def share_lead(self) -> float | None:
        """Share of tasks with a lead (None when there are no tasks)."""
        return self._share(self.with_lead, self.tasks)

    @property
    def share_target(self) -> float | None:
        """Share of tasks with a quantified target."""
        return self._share(self.with_target, self.tasks)

    @property
    def share_deadline(self) -> float | None:
        """Share of tasks with a deadline."""
        return self._share(self.with_deadline, self.tasks)


@attrs.frozen(kw_only=True)
class Coverage(_Tabular):
    """Coverage per battle, then the whole campaign (``battle`` None), for each campaign.

    Shows how much of a plan is actionable as printed: who leads, what number, by when.

    .. versionadded:: 0.1.0
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "battle",
        "name",
        "tasks",
        "with_lead",
        "with_target",
        "with_deadline",
        "lead_units",
        "share_lead",
        "share_target",
        "share_deadline",
        "options",
    )

    #: The counting options the rows were counted under (column ``options``).
    options: CountingOptions
    #: For each campaign, one row per battle in document order, then the whole-campaign row.
    rows: tuple[CoverageRow, ...]

    def campaign_row(self, campaign: str) -> CoverageRow:
        """The whole-campaign row of *campaign*."""
        return next(r for r in self.rows if r.campaign == campaign and r.battle is None)

    def to_rows(self) -> list[Row]:
        """One row per battle and one per campaign."""
        return [
            {
                "campaign": r.campaign,
                "battle": r.battle,
                "name": r.name,
                "tasks": r.tasks,
                "with_lead": r.with_lead,
                "with_target": r.with_target,
                "with_deadline": r.with_deadline,
                "lead_units": r.lead_units,
                "share_lead": r.share_lead,
                "share_target": r.share_target,
                "share_deadline": r.share_deadline,
                "options": self.options.label,
            }
            for r in self.rows
        ]


def _quantified(task: Task) -> bool:
    return any(indicator.target is not None for indicator in task.indicators)


def _coverage_row(
    campaign: str,
    battle: str | None,
    name: str,
    chosen: list[_Entry],
    leads: Mapping[str, set[str]],
) -> CoverageRow:
    return CoverageRow(
        campaign=campaign,
        battle=battle,
        name=name,
        tasks=len(chosen),
        with_lead=sum(bool(leads[e.pointer]) for e in chosen),
        with_target=sum(_quantified(e.task) for e in chosen),
        with_deadline=sum(bool(e.task.milestones) for e in chosen),
        lead_units=len({u for e in chosen for u in leads[e.pointer]}),
    )


def coverage(
    campaigns: Campaign | Iterable[Campaign], *, options: CountingOptions | None = None
) -> Coverage:
    """Share of tasks with a lead, with a quantified target and with a deadline, per battle.

    A task has a lead when its notes name one (or *options* give it one: the first-listed-leads
    convention, group-lead inheritance); a quantified target when one of its own indicators has
    a target; a deadline when it states a milestone.  With ``include_subtasks`` sub-tasks are
    counted as tasks too.

    .. versionadded:: 0.1.0
    """
    options = options or _DEFAULT_OPTIONS
    rows: list[CoverageRow] = []
    for campaign in _campaigns(campaigns):
        index = _unit_index(campaign)
        entries = _entries(campaign, options.include_subtasks)
        leads = {
            e.pointer: {
                a.unit
                for a in _task_assignments(campaign, e, options, index)
                if a.role is Role.LEAD
            }
            for e in entries
        }
        for battle in campaign.battles:
            chosen = [e for e in entries if e.battle is battle]
            rows.append(_coverage_row(campaign.id, battle.id, battle.name, chosen, leads))
        rows.append(_coverage_row(campaign.id, None, campaign.title, entries, leads))
    return Coverage(options=options, rows=tuple(rows))
