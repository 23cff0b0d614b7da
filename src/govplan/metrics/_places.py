"""Where each task stands (battle, task groups, parent task) and the one-or-many campaigns argument.

Every metric walks the tasks through :func:`_entries`, so all of them agree on which tasks are
top-level and which are sub-tasks.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from govplan._pointer import split
from govplan.checks import iter_tasks
from govplan.model import Battle, Campaign, Task, TaskGroup


@attrs.frozen(kw_only=True)
class _Place:
    """Where an element stands: its battle, groups (outermost first) and tasks."""

    battle: Battle | None = None
    groups: tuple[TaskGroup, ...] = ()
    tasks: tuple[Task, ...] = ()


def _place(campaign: Campaign, pointer: str) -> _Place:
    """Resolve the battle, groups and tasks a pointer of iter_tasks / iter_indicators passes."""
    tokens = split(pointer)
    battle: Battle | None = None
    groups: list[TaskGroup] = []
    tasks: list[Task] = []
    for key, index in zip(tokens[::2], tokens[1::2], strict=False):
        if not index.isdigit():
            break
        i = int(index)
        if key == "battles":
            battle = campaign.battles[i]
        elif key == "groups":
            parents = groups[-1].groups if groups else (battle or campaign).groups
            groups.append(parents[i])
        elif key == "tasks" and groups:
            tasks.append(groups[-1].tasks[i])
        elif key == "subtasks" and tasks:
            tasks.append(tasks[-1].subtasks[i])
    return _Place(battle=battle, groups=tuple(groups), tasks=tuple(tasks))


@attrs.frozen(kw_only=True)
class _Entry:
    pointer: str
    task: Task
    #: None for a task of the plan's top-level groups (a document without battles).
    battle: Battle | None
    groups: tuple[TaskGroup, ...]
    parent: Task | None


def _entries(campaign: Campaign, include_subtasks: bool) -> list[_Entry]:
    found = []
    for pointer, task in iter_tasks(campaign):
        place = _place(campaign, pointer)
        parent = place.tasks[-2] if len(place.tasks) > 1 else None
        if parent is not None and not include_subtasks:
            continue
        found.append(
            _Entry(
                pointer=pointer, task=task, battle=place.battle, groups=place.groups, parent=parent
            )
        )
    return found


def _campaigns(campaigns: Campaign | Iterable[Campaign]) -> tuple[Campaign, ...]:
    return (campaigns,) if isinstance(campaigns, Campaign) else tuple(campaigns)
