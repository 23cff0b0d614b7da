"""The bundle ``govplan stats`` prints: workload, top lead units, coverage, roll-up findings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from govplan.metrics._assignments import _DEFAULT_OPTIONS, CountingOptions, _states_first_leads
from govplan.metrics._compare import _target_text
from govplan.metrics._coverage import Coverage, coverage
from govplan.metrics._places import _campaigns
from govplan.metrics._rollups import RollUpReport, _amount, rollups
from govplan.metrics._tables import Table, _Tabular, format_table, json_ready
from govplan.metrics._workload import Workload, workload
from govplan.model import Campaign
from govplan.org import Role
from govplan.quantity import format_quantity

#: The tables of :meth:`Stats.tables`, by name.
STATS_TABLES = (
    "top_leads",
    "workload",
    "coverage",
    "findings",
    "allocations",
    "objectives",
    "rollups",
)


@attrs.frozen(kw_only=True)
class Stats:
    """What ``govplan stats`` shows: workload, top lead units, coverage, roll-up findings.

    The results are computed once and kept together, so the text, JSON and CSV outputs of
    ``govplan stats`` show the same numbers.

    .. versionadded:: 0.1.0
    """

    #: (id, title) of each campaign, in the order given.
    campaigns: tuple[tuple[str, str], ...]
    #: Ids of the campaigns that state the first-listed-leads convention.
    first_listed_leads: tuple[str, ...] = ()
    #: The counting options of the workload and the coverage.
    options: CountingOptions
    #: How many lead units to list per campaign.
    top: int
    #: Tasks per unit and role, per campaign.
    workload: Workload
    #: Coverage per battle and for each whole campaign.
    coverage: Coverage
    #: Every roll-up check (the ``findings`` table and its parts).
    rollups: RollUpReport

    def top_leads(self) -> Table:
        """The top lead units of each campaign (units tied with the last one included)."""
        rows = []
        for campaign, _title in self.campaigns:
            rank = 0
            previous: int | None = None
            for i, count in enumerate(
                self.workload.top(self.top, campaign=campaign, ties=True), start=1
            ):
                if count.lead != previous:
                    rank, previous = i, count.lead
                rows.append(
                    {
                        "campaign": campaign,
                        "rank": rank,
                        "unit": count.unit,
                        "name": count.name,
                        "lead": count.lead,
                        "cooperating": count.cooperating,
                        "responsible": count.responsible,
                        "total": count.total,
                        "options": self.options.label,
                    }
                )
        return Table(
            name="top_leads",
            header=(
                "campaign",
                "rank",
                "unit",
                "name",
                "lead",
                "cooperating",
                "responsible",
                "total",
                "options",
            ),
            rows=tuple(rows),
        )

    def tables(self) -> dict[str, _Tabular]:
        """Every table of the bundle by name (the names ``govplan stats --table`` takes)."""
        return {
            "top_leads": self.top_leads(),
            "workload": self.workload,
            "coverage": self.coverage,
            "findings": self.rollups,
            "allocations": self.rollups.allocations,
            "objectives": self.rollups.objectives,
            "rollups": self.rollups.tasks,
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: campaigns, options, each table's rows, and what is not checked."""
        return {
            "campaigns": [{"id": c, "title": t} for c, t in self.campaigns],
            "options": self.options.label,
            **{name: json_ready(table.to_rows()) for name, table in self.tables().items()},
            "not_checked": list(self.rollups.not_checked),
        }

    def to_text(self) -> str:
        """Readable terminal tables, campaign by campaign."""
        blocks = [self._campaign_text(c, t) for c, t in self.campaigns]
        if len(self.campaigns) > 1:
            blocks.append(self._across_text())
        return "\n\n".join(blocks) + "\n"

    def _campaign_text(self, campaign: str, title: str) -> str:
        tasks = self.workload.tasks[campaign]
        kind = "tasks and sub-tasks" if self.options.include_subtasks else "top-level tasks"
        counts = [r for r in self.workload.counts if r.campaign == campaign]
        by_role = {role: sum(r.count(role) for r in counts) for role in Role}
        out = [
            f"== {campaign}: {title}",
            (
                f"{tasks} {kind}; {self.workload.assignments[campaign]} assignments "
                f"({by_role[Role.LEAD]} lead, {by_role[Role.COOPERATING]} cooperating, "
                f"{by_role[Role.RESPONSIBLE]} responsible) to {len(counts)} units"
            ),
        ]
        if self.options.label:
            out.append(f"options: {self.options.label}")
        if self.options.apply_conventions and campaign not in self.first_listed_leads:
            out.append("  (the plan states no first-listed-leads convention: no effect)")
        top = [r for r in self.top_leads().to_rows() if r["campaign"] == campaign]
        out += ["", f"Top lead units (tasks led; top {self.top}, ties included)"]
        out.append(
            format_table(
                top,
                ["rank", "unit", "lead", "cooperating", "responsible", "total"],
            )
            if top
            else "  (no task names a lead)"
        )
        battles = [
            {
                "battle": r.battle or "all",
                "name": r.name if r.battle else "(whole plan)",
                "tasks": r.tasks,
                "with lead": _count_share(r.with_lead, r.tasks),
                "with target": _count_share(r.with_target, r.tasks),
                "with deadline": _count_share(r.with_deadline, r.tasks),
                "lead units": r.lead_units,
            }
            for r in self.coverage.rows
            if r.campaign == campaign
        ]
        out += ["", "Per battle: tasks and coverage"]
        out.append(
            format_table(
                battles,
                [
                    "battle",
                    "name",
                    "tasks",
                    "with lead",
                    "with target",
                    "with deadline",
                    "lead units",
                ],
            )
        )
        out += ["", "Roll-up findings", *self._findings_text(campaign)]
        return "\n".join(out)

    def _findings_text(self, campaign: str) -> list[str]:
        out = []
        checks = [c for c in self.rollups.allocations.checks if c.campaign == campaign]
        if checks:
            bad = [c for c in checks if not c.agrees]
            rows = len({(c.table, c.row) for c in checks if c.check == "parts"})
            detail = sum(c.check == "detail" for c in checks)
            verdict = "every one adds up" if not bad else f"{len(bad)} do not add up"
            out.append(
                f"  allocation tables: {rows} rows against their totals, {detail} detail sums "
                f"(sub-rows against their row, per column): {verdict}"
            )
            out.extend(
                f"    {c.table} {c.row} {c.name} [{c.column}]: stated "
                f"{_amount(c.stated, c.unit)}, summed {_amount(c.summed, c.unit) or c.error}, "
                f"difference {_amount(c.difference, c.unit)}"
                for c in bad
            )
        else:
            out.append("  allocation tables: none")
        objectives = [c for c in self.rollups.objectives.checks if c.campaign == campaign]
        pairs = [c for c in objectives if c.status != "headline_only"]
        differ = [c for c in pairs if c.status == "differs"]
        only = sorted({c.indicator for c in objectives if c.status == "headline_only"})
        out.append(
            f"  headline vs battle objectives: {len(pairs)} targets stated in both places, "
            f"{len(pairs) - len(differ)} agree, {len(differ)} differ"
        )
        out.extend(f"    differs: {c.indicator} ({c.battle}): {c.reason}" for c in differ)
        if only:
            out.append(f"    stated in the headline only: {'、'.join(only)}")
        rolled = [r for r in self.rollups.tasks.rollups if r.campaign == campaign]
        summed = [r for r in rolled if r.scope == "campaign" and r.terms > 1]
        compared = [r for r in rolled if r.stated is not None]
        out.append(
            f"  task roll-ups: {len(summed)} summable indicators stated in more than one task "
            f"(a restated target, or parts of one), summed over the plan; {len(compared)} sums "
            f"compared with the figure a group, battle or headline objective states"
        )
        out.extend(
            f"    {r.indicator}: "
            + " + ".join(
                f"{format_quantity(v)} ({t})" for v, t in zip(r.values, r.tasks, strict=True)
            )
            + f" = {format_quantity(r.total)}"
            for r in summed
        )
        out.extend(
            f"    {r.scope} {r.element} {r.indicator}: tasks add up to "
            f"{format_quantity(r.total)}, stated {_target_text(r.stated) if r.stated else '-'}"
            f" ({'agrees' if r.agrees else 'differs'})"
            for r in compared
        )
        sums = [s for s in self.rollups.text.sums if s.campaign == campaign]
        off = [s for s in sums if s.status != "adds_up"]
        out.append(
            f"  totals printed beside their parts: {len(sums)}, "
            f"{len(sums) - len(off)} add up" + ("" if not off else f", {len(off)} do not")
        )
        out.extend(
            f"    {s.element} (line {s.source_line}): {s.phrase} — parts add up to "
            f"{format_quantity(s.summed)} ({s.status})"
            for s in off
        )
        out.extend(f"  not checked: {note}" for note in self.rollups.not_checked)
        return out

    def _across_text(self) -> str:
        rows = []
        for campaign, _title in self.campaigns:
            whole = self.coverage.campaign_row(campaign)
            top = self.workload.top(1, campaign=campaign)
            rows.append(
                {
                    "campaign": campaign,
                    "tasks": whole.tasks,
                    "with lead": _count_share(whole.with_lead, whole.tasks),
                    "with target": _count_share(whole.with_target, whole.tasks),
                    "with deadline": _count_share(whole.with_deadline, whole.tasks),
                    "lead units": whole.lead_units,
                    "top lead unit": f"{top[0].unit} ({top[0].lead})" if top else None,
                }
            )
        return "== across campaigns\n" + format_table(
            rows,
            [
                "campaign",
                "tasks",
                "with lead",
                "with target",
                "with deadline",
                "lead units",
                "top lead unit",
            ],
        )


def _count_share(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.0%})" if whole else str(part)


def stats(
    campaigns: Campaign | Iterable[Campaign],
    *,
    options: CountingOptions | None = None,
    top: int = 5,
    name_map: Mapping[str, str] | None = None,
) -> Stats:
    """Workload, coverage and roll-ups of one or more campaigns, as ``govplan stats`` shows.

    .. versionadded:: 0.1.0

    Args:
        campaigns: One campaign or several.
        options: Counting options for the workload and the coverage (default: all off); the
            roll-ups count nothing and do not use them.
        top: How many lead units :meth:`Stats.top_leads` lists per campaign (units tied with
            the last one included).
        name_map: Indicator names mapped to canonical names for the roll-ups (default
            :data:`DEFAULT_NAME_MAP`; see :func:`normalise_name`).

    """
    options = options or _DEFAULT_OPTIONS
    plans = _campaigns(campaigns)
    return Stats(
        campaigns=tuple((c.id, c.title) for c in plans),
        first_listed_leads=tuple(c.id for c in plans if _states_first_leads(c)),
        options=options,
        top=top,
        workload=workload(plans, options=options),
        coverage=coverage(plans, options=options),
        rollups=rollups(plans, name_map=name_map),
    )
