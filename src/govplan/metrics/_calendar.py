"""The milestone calendar: task deadlines by due date, month and quarter."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import ClassVar, Literal

import attrs

from govplan.metrics._assignments import _DEFAULT_OPTIONS, CountingOptions
from govplan.metrics._places import _campaigns, _entries
from govplan.metrics._tables import Row, Table, _Tabular
from govplan.model import Campaign


@attrs.frozen(kw_only=True)
class CalendarEntry:
    """A milestone of a task, placed in its month and quarter.

    One row of :class:`Calendar`.

    .. versionadded:: 0.1.0
    """

    #: Id of the campaign.
    campaign: str
    #: Id of the battle the task belongs to (None in a document without battles).
    battle: str | None
    #: Id of the task (or sub-task) stating the milestone.
    task: str
    #: The deadline phrase verbatim (``6月底前``).
    phrase: str
    #: Last day the phrase allows, read relative to the plan year.
    due: dt.date
    #: How precisely the phrase names the day: ``day``, ``month``, ``quarter``, ``half_year``,
    #: ``year``.
    precision: str

    @property
    def month(self) -> str:
        """``2023-06``."""
        return f"{self.due.year:04d}-{self.due.month:02d}"

    @property
    def quarter(self) -> str:
        """``2023-Q2``."""
        return f"{self.due.year:04d}-Q{(self.due.month - 1) // 3 + 1}"


@attrs.frozen(kw_only=True)
class Calendar(_Tabular):
    """Milestones in due order, with counts by month and quarter.

    Shows when a plan's deadlines fall and how many fall in each month or quarter.

    .. versionadded:: 0.1.0
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "campaign",
        "battle",
        "task",
        "phrase",
        "due",
        "precision",
        "month",
        "quarter",
        "options",
    )

    #: The counting options used (column ``options``); only ``include_subtasks`` changes the
    #: entries.
    options: CountingOptions
    #: Every milestone, by due date (the same date: campaigns in the order given, then
    #: document order).
    entries: tuple[CalendarEntry, ...]

    def counts(self, by: Literal["month", "quarter"] = "month") -> Table:
        """Milestones per campaign and month (or quarter): columns campaign, period, milestones."""
        tally: Counter[tuple[str, str]] = Counter(
            (e.campaign, e.month if by == "month" else e.quarter) for e in self.entries
        )
        return Table(
            name=f"milestones_by_{by}",
            header=("campaign", "period", "milestones"),
            rows=tuple(
                {"campaign": c, "period": p, "milestones": n} for (c, p), n in sorted(tally.items())
            ),
        )

    def to_rows(self) -> list[Row]:
        """One row per milestone."""
        return [
            {
                "campaign": e.campaign,
                "battle": e.battle,
                "task": e.task,
                "phrase": e.phrase,
                "due": e.due.isoformat(),
                "precision": e.precision,
                "month": e.month,
                "quarter": e.quarter,
                "options": self.options.label,
            }
            for e in self.entries
        ]


def milestone_calendar(
    campaigns: Campaign | Iterable[Campaign], *, options: CountingOptions | None = None
) -> Calendar:
    """The milestones of the tasks (sub-tasks too with ``include_subtasks``), by due date.

    Of *options*, only ``include_subtasks`` changes which milestones are listed; the others
    are recorded in the ``options`` column all the same.

    .. versionadded:: 0.1.0
    """
    options = options or _DEFAULT_OPTIONS
    entries: list[CalendarEntry] = []
    for campaign in _campaigns(campaigns):
        for entry in _entries(campaign, options.include_subtasks):
            entries.extend(
                CalendarEntry(
                    campaign=campaign.id,
                    battle=(entry.battle.id if entry.battle else None),
                    task=entry.task.id,
                    phrase=m.phrase,
                    due=m.due,
                    precision=m.precision.value,
                )
                for m in entry.task.milestones
            )
    entries.sort(key=lambda e: e.due)
    return Calendar(options=options, entries=tuple(entries))
