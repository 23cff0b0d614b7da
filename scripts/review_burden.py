"""Count the elements a review changed between an extracted draft and the final example.

The review burden of a plan is the number of elements the contributor had to add, remove or
correct in the draft ``govplan extract`` gave, to reach the final example: tasks, registry units
(a change is a rename: id, name or aliases; a kind or level set is shown, not counted), role
assignments, indicators, milestones, work-team members, plan-level fields and the irregularities
recorded.  Elements are matched by where they stand in the document
(``source_line``) and what they are (number, phrase, name), never by their position in the
file, so a task inserted before others does not count the others as changed.

Usage: python scripts/review_burden.py DRAFT FINAL [--markdown]
  DRAFT, FINAL  govplan plan files (YAML or JSON); an older schema version is upgraded first
  --markdown    print the table as markdown (for docs/examples.md)
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import govplan as gp
from govplan._text import squeeze
from govplan.checks import iter_indicators, iter_milestones, iter_tasks

T = TypeVar("T")

#: The rows of the table, in order.
ELEMENTS = (
    "tasks",
    "units",
    "roles",
    "indicators",
    "milestones",
    "work-team members",
    "plan fields",
    "irregularities",
)
#: Plan-level fields compared (``kind`` only where the model has it).
PLAN_FIELDS = (
    "title",
    "notice_title",
    "campaign_name",
    "kind",
    "year",
    "document_number",
    "issuer",
    "issue_date",
    "publication_date",
    "period",
    "region",
)


@dataclass
class Tally:
    """What a review did to one kind of element."""

    added: int = 0
    removed: int = 0
    changed: int = 0
    #: How often each field of a changed element changed.
    fields: Counter[str] = field(default_factory=Counter)
    #: Fields set or corrected in review that do not count as a change (a unit's kind, level).
    also: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        """Every element added, removed or changed."""
        return self.added + self.removed + self.changed

    def change(self, fields: Iterable[str]) -> None:
        """Count one changed element when *fields* is not empty."""
        fields = list(fields)
        if fields:
            self.changed += 1
            self.fields.update(fields)


def load_plan(path: Path) -> gp.Campaign:
    """Load a plan file, upgrading it first when it is of an older schema version."""
    try:
        return gp.load(path)
    except gp.SchemaVersionError:
        return gp.upgrade_file(path)[0]


def pair(
    left: Sequence[T], right: Sequence[T], keys: Sequence[Callable[[T], Hashable]]
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Match *left* to *right* by each key in turn (first come, first matched).

    Returns the pairs, the left items without a match and the right items without one.
    """
    pairs: list[tuple[T, T]] = []
    rest_left, rest_right = list(left), list(right)
    for key in keys:
        index: dict[Hashable, list[T]] = {}
        for item in rest_right:
            index.setdefault(key(item), []).append(item)
        unmatched: list[T] = []
        for item in rest_left:
            bucket = index.get(key(item))
            if bucket:
                partner = bucket.pop(0)
                pairs.append((item, partner))
                rest_right.remove(partner)
            else:
                unmatched.append(item)
        rest_left = unmatched
    return pairs, rest_left, rest_right


def _differ(left: object, right: object, names: Iterable[str]) -> Iterator[str]:
    for name in names:
        if getattr(left, name, None) != getattr(right, name, None):
            yield name


class Units:
    """Unit names of both plans resolved to one key: the final plan's unit id where known."""

    def __init__(self, draft: gp.Campaign, final: gp.Campaign, tally: Tally) -> None:
        """Match the registries (by id, then by any shared name) and count the changes."""
        self.draft, self.final = draft, final
        pairs, removed, added = pair(
            draft.units,
            final.units,
            [lambda u: u.id],
        )
        # A unit renamed in review keeps at least one of its names: match on any shared name.
        names = {squeeze(n): u for u in added for n in u.names}
        for unit in list(removed):
            partner = next((names[squeeze(n)] for n in unit.names if squeeze(n) in names), None)
            if partner is not None and partner in added:
                pairs.append((unit, partner))
                removed.remove(unit)
                added.remove(partner)
        self.to_final = {d.id: f.id for d, f in pairs}
        tally.added += len(added)
        tally.removed += len(removed)
        for d, f in pairs:
            tally.change(_differ(d, f, ("id", "name", "aliases")))
            tally.also.update(_differ(d, f, ("kind", "level")))

    def draft_key(self, name: str) -> str:
        """The key of a unit name of the draft."""
        unit = self.draft.unit(name)
        if unit is not None:
            return self.to_final.get(unit.id, "draft:" + unit.id)
        return self.final_key(name)

    def final_key(self, name: str) -> str:
        """The key of a unit name of the final plan."""
        unit = self.final.unit(name)
        return unit.id if unit is not None else "name:" + squeeze(name)


def _task_key(task: gp.Task) -> tuple[int | None, str]:
    return task.source_line, squeeze(task.number or "")


def _roles(task: gp.Task, key: Callable[[str], str]) -> dict[str, set[str]]:
    roles: dict[str, set[str]] = {}
    for rset in task.responsibilities:
        for a in rset.assignments:
            roles.setdefault(key(a.unit), set()).add(str(a.role))
    return roles


def _count_roles(
    tally: Tally, draft: dict[str, set[str]] | None, final: dict[str, set[str]] | None
) -> None:
    """Assignments (unit, role) of one task: added, removed, or the unit's role changed."""
    draft, final = draft or {}, final or {}
    for unit in draft.keys() | final.keys():
        before, after = draft.get(unit, set()), final.get(unit, set())
        if before and after:
            tally.change(["role"] if before != after else [])
        else:
            tally.added += len(after)
            tally.removed += len(before)


def _target(indicator: gp.Indicator) -> tuple[str | None, str | None]:
    target = indicator.target
    if target is None:
        return None, None
    if isinstance(target, gp.QuantityRange):
        return f"{target.low.value}-{target.high.value}", target.high.unit
    return str(target.value), target.unit


def _indicator_fields(left: gp.Indicator, right: gp.Indicator) -> Iterator[str]:
    (value, unit), (other_value, other_unit) = _target(left), _target(right)
    if value != other_value:
        yield "value"
    if unit != other_unit:
        yield "unit"
    yield from _differ(
        left, right, ("comparator", "direction", "kind", "modality", "name", "phrase")
    )


def _teams(campaign: gp.Campaign) -> dict[str, gp.WorkTeam]:
    teams = {f"battle {b.number}": b.work_team for b in campaign.battles if b.work_team}
    organisation = campaign.organisation
    if organisation is not None and organisation.leadership_group is not None:
        teams["leadership group"] = organisation.leadership_group
    return teams


def _plan_value(campaign: gp.Campaign, name: str) -> object:
    value = getattr(campaign, name, None)
    return str(value) if isinstance(value, gp.DocumentNumber) else value


def _count_tasks(
    draft: gp.Campaign, final: gp.Campaign, units: Units, tallies: dict[str, Tally]
) -> None:
    tasks, removed, added = pair(
        [t for _, t in iter_tasks(draft)], [t for _, t in iter_tasks(final)], [_task_key]
    )
    tally = tallies["tasks"]
    tally.added, tally.removed = len(added), len(removed)
    for d, f in tasks:
        tally.change(_differ(d, f, ("title", "text", "number")))
    roles = tallies["roles"]
    for d, f in tasks:
        _count_roles(roles, _roles(d, units.draft_key), _roles(f, units.final_key))
    for d in removed:
        _count_roles(roles, _roles(d, units.draft_key), None)
    for f in added:
        _count_roles(roles, None, _roles(f, units.final_key))


def _count_indicators(draft: gp.Campaign, final: gp.Campaign, tally: Tally) -> None:
    indicators, removed, added = pair(
        [i for _, i in iter_indicators(draft)],
        [i for _, i in iter_indicators(final)],
        [
            lambda i: (i.source_line, squeeze(i.phrase)),
            lambda i: (i.source_line, squeeze(i.name)),
        ],
    )
    tally.added, tally.removed = len(added), len(removed)
    for d, f in indicators:
        tally.change(_indicator_fields(d, f))


def _count_milestones(draft: gp.Campaign, final: gp.Campaign, tally: Tally) -> None:
    milestones, removed, added = pair(
        [m for _, m in iter_milestones(draft)],
        [m for _, m in iter_milestones(final)],
        [lambda m: (m.source_line, squeeze(m.phrase))],
    )
    tally.added, tally.removed = len(added), len(removed)
    for d, f in milestones:
        tally.change(_differ(d, f, ("due", "precision", "phrase")))


def _count_members(draft: gp.Campaign, final: gp.Campaign, units: Units, tally: Tally) -> None:
    """Members of each work team (battle's 工作专班, the leadership group), resolved to units."""
    before, after = _teams(draft), _teams(final)
    for team in before.keys() | after.keys():
        old = {units.draft_key(m) for m in before[team].members} if team in before else set()
        now = {units.final_key(m) for m in after[team].members} if team in after else set()
        tally.added += len(now - old)
        tally.removed += len(old - now)


def _count_plan_fields(draft: gp.Campaign, final: gp.Campaign, tally: Tally) -> None:
    """A field filled in counts as added, emptied as removed, otherwise as changed."""
    for name in PLAN_FIELDS:
        old, new = _plan_value(draft, name), _plan_value(final, name)
        if old == new:
            continue
        if old is None:
            tally.added += 1
        elif new is None:
            tally.removed += 1
        else:
            tally.changed += 1
        tally.fields[name] += 1


def _count_irregularities(draft: gp.Campaign, final: gp.Campaign, tally: Tally) -> None:
    irregularities, removed, added = pair(
        draft.irregularities, final.irregularities, [lambda i: (i.element, str(i.kind))]
    )
    tally.added, tally.removed = len(added), len(removed)
    for d, f in irregularities:
        tally.change(_differ(d, f, ("description", "source_line")))


def compare(draft: gp.Campaign, final: gp.Campaign) -> dict[str, Tally]:
    """The tally of every kind of element between *draft* and *final*."""
    tallies = {name: Tally() for name in ELEMENTS}
    units = Units(draft, final, tallies["units"])
    _count_tasks(draft, final, units, tallies)
    _count_indicators(draft, final, tallies["indicators"])
    _count_milestones(draft, final, tallies["milestones"])
    _count_members(draft, final, units, tallies["work-team members"])
    _count_plan_fields(draft, final, tallies["plan fields"])
    _count_irregularities(draft, final, tallies["irregularities"])
    return tallies


def _what(tally: Tally) -> str:
    what = ", ".join(f"{name} {count}" for name, count in sorted(tally.fields.items()))
    if tally.also:
        also = ", ".join(f"{name} {count}" for name, count in sorted(tally.also.items()))
        what += ("; " if what else "") + f"not counted: {also}"
    return what


def table(tallies: dict[str, Tally], *, markdown: bool = False) -> str:
    """The tallies as a table (markdown for docs/examples.md), with a total row."""
    header = ("element", "added", "removed", "changed", "total", "what changed")
    rows = [
        (name, str(t.added), str(t.removed), str(t.changed), str(t.total), _what(t))
        for name, t in tallies.items()
    ]
    rows.append(
        (
            "total",
            str(sum(t.added for t in tallies.values())),
            str(sum(t.removed for t in tallies.values())),
            str(sum(t.changed for t in tallies.values())),
            str(sum(t.total for t in tallies.values())),
            "",
        )
    )
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "| --- | ---: | ---: | ---: | ---: | --- |"]
        lines.extend("| " + " | ".join(row) + " |" for row in rows)
        return "\n".join(lines) + "\n"
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header) - 1)]
    out = []
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])] + [row[c].rjust(widths[c]) for c in range(1, 5)]
        out.append("  ".join([*cells, row[5]]).rstrip())
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the review burden between two plan files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("draft", type=Path)
    parser.add_argument("final", type=Path)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    try:
        draft, final = load_plan(args.draft), load_plan(args.final)
    except gp.GovplanError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(table(compare(draft, final), markdown=args.markdown), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
