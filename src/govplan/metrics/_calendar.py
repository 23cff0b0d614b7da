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
    """A milestone of a task, placed in its month and quarter."""

    campaign: str
    battle: str
    task: str
    phrase: str
    due: dt.date
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
    """Milestones in due order, with counts by month and quarter."""

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

    options: CountingOptions
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
    """The milestones of the tasks (sub-tasks too with ``include_subtasks``), by due date."""
    options = options or _DEFAULT_OPTIONS
    entries: list[CalendarEntry] = []
    for campaign in _campaigns(campaigns):
        for entry in _entries(campaign, options.include_subtasks):
            entries.extend(
                CalendarEntry(
                    campaign=campaign.id,
                    battle=entry.battle.id,
                    task=entry.task.id,
                    phrase=m.phrase,
                    due=m.due,
                    precision=m.precision.value,
                )
                for m in entry.task.milestones
            )
    entries.sort(key=lambda e: e.due)
    return Calendar(options=options, entries=tuple(entries))
