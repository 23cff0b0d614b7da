"""Counting options and assignments: each (task, unit, role) as the metrics count it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import attrs

from govplan.checks import _unit_index
from govplan.metrics._places import _entries, _Entry
from govplan.model import Campaign, ConventionKind
from govplan.org import ResponsibilitySet, Role


@attrs.frozen(kw_only=True)
class CountingOptions:
    """How tasks and responsibilities are counted; everything off by default.

    Every output that counts states the options that were on (column ``options``).

    .. versionadded:: 0.1.0
    """

    #: Count inline sub-items and task-table rows as tasks of their own (default: top-level
    #: tasks only; each task counts on its own notes, targets and deadlines).
    include_subtasks: bool = False
    #: Apply a convention the campaign states ("排在第一位的为牵头单位"): in a note naming no
    #: lead, the first-listed unit leads and the others cooperate.  No effect on campaigns that
    #: state no such convention.
    apply_conventions: bool = False
    #: A task whose notes name no lead takes the leads of the nearest enclosing task group whose
    #: own note names one (battle-level notes and parent tasks are never inherited from).
    inherit_group_leads: bool = False

    @property
    def label(self) -> str:
        """The options that are on, comma-separated (``""`` when all are off)."""
        names = [f.name for f in attrs.fields(CountingOptions) if getattr(self, f.name)]
        return ",".join(names)


_DEFAULT_OPTIONS = CountingOptions()


@attrs.frozen(kw_only=True)
class Assignment:
    """One (task, unit, role) as counted: the unit resolved through the registry.

    Workload and coverage are counts of these, so a unit named twice in one role in a task is
    one assignment, not two.

    .. versionadded:: 0.1.0
    """

    #: Id of the campaign.
    campaign: str
    #: Id of the battle the task belongs to (None in a document without battles).
    battle: str | None
    #: Id of the task (or sub-task, with ``include_subtasks``).
    task: str
    #: JSON pointer of the task (unique even where ids are not).
    pointer: str
    #: Registry id of the unit, or the name as printed when the registry does not know it.
    unit: str
    #: The name as printed (first mention in the task).
    printed: str
    #: The unit's role in the task: lead (牵头), cooperating (配合) or responsible.
    role: Role
    #: How the role was obtained: ``stated``, ``convention`` or ``inherited``.
    basis: Literal["stated", "convention", "inherited"] = "stated"


def _set_roles(
    rset: ResponsibilitySet, first_leads: bool
) -> list[tuple[str, Role, Literal["stated", "convention"]]]:
    """(printed unit, role, basis) of one note, with the first-listed convention if asked."""
    units = [(a.unit, a.role) for a in rset.assignments]
    if not first_leads or not units or any(role is Role.LEAD for _, role in units):
        return [(unit, role, "stated") for unit, role in units]
    found: list[tuple[str, Role, Literal["stated", "convention"]]] = [
        (units[0][0], Role.LEAD, "convention")
    ]
    for unit, role in units[1:]:
        if role is Role.RESPONSIBLE:
            found.append((unit, Role.COOPERATING, "convention"))
        else:
            found.append((unit, role, "stated"))
    return found


def _states_first_leads(campaign: Campaign) -> bool:
    return any(c.kind is ConventionKind.FIRST_LISTED_LEADS for c in campaign.conventions)


def _task_assignments(
    campaign: Campaign,
    entry: _Entry,
    options: CountingOptions,
    index: Mapping[str, str],
) -> list[Assignment]:
    first_leads = options.apply_conventions and _states_first_leads(campaign)
    raw: list[tuple[str, Role, Literal["stated", "convention", "inherited"]]] = [
        found for rset in entry.task.responsibilities for found in _set_roles(rset, first_leads)
    ]
    if options.inherit_group_leads and not any(role is Role.LEAD for _, role, _ in raw):
        for group in reversed(entry.groups):
            leads = [
                unit
                for rset in group.responsibilities
                for unit, role, _ in _set_roles(rset, first_leads)
                if role is Role.LEAD
            ]
            if leads:
                raw.extend((unit, Role.LEAD, "inherited") for unit in leads)
                break
    seen: dict[tuple[str, Role], Assignment] = {}
    for printed, role, basis in raw:
        unit = index.get(printed, printed)
        seen.setdefault(
            (unit, role),
            Assignment(
                campaign=campaign.id,
                battle=(entry.battle.id if entry.battle else None),
                task=entry.task.id,
                pointer=entry.pointer,
                unit=unit,
                printed=printed,
                role=role,
                basis=basis,
            ),
        )
    return list(seen.values())


def assignments(campaign: Campaign, options: CountingOptions | None = None) -> list[Assignment]:
    """Every (task, unit, role) counted under *options*, in document order, without repeats.

    A unit named twice with one role in a task (in two notes, or under two names of the
    registry) counts once; a unit with two roles in a task counts once for each role.

    .. versionadded:: 0.1.0
    """
    options = options or _DEFAULT_OPTIONS
    index = _unit_index(campaign)
    return [
        found
        for entry in _entries(campaign, options.include_subtasks)
        for found in _task_assignments(campaign, entry, options, index)
    ]
