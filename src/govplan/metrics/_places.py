"""Where each task stands (battle, task groups, parent task) and the one-or-many campaigns argument.

Every metric walks the tasks through :func:`_entries`, so all of them agree on which tasks are
top-level and which are sub-tasks.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from govplan._pointer import join, split
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
    """Every task where it stands, in the order of :func:`~govplan.checks.iter_tasks`.

    Read by walking the plan, not by resolving each task's pointer again: the metrics of a
    corpus take their tasks from here several times over.
    """
    found: list[_Entry] = []

    def walk_task(
        task: Task,
        pointer: str,
        battle: Battle | None,
        groups: tuple[TaskGroup, ...],
        parent: Task | None,
    ) -> None:
        if parent is None or include_subtasks:
            found.append(
                _Entry(pointer=pointer, task=task, battle=battle, groups=groups, parent=parent)
            )
        for i, sub in enumerate(task.subtasks):
            walk_task(sub, join(pointer, "subtasks", i), battle, groups, task)

    def walk_group(
        group: TaskGroup, pointer: str, battle: Battle | None, outer: tuple[TaskGroup, ...]
    ) -> None:
        groups = (*outer, group)
        for t, task in enumerate(group.tasks):
            walk_task(task, join(pointer, "tasks", t), battle, groups, None)
        for g, sub in enumerate(group.groups):
            walk_group(sub, join(pointer, "groups", g), battle, groups)

    for b, battle in enumerate(campaign.battles):
        for g, group in enumerate(battle.groups):
            walk_group(group, join("", "battles", b, "groups", g), battle, ())
    for g, group in enumerate(campaign.groups):
        walk_group(group, join("", "groups", g), None, ())
    return found


def _campaigns(campaigns: Campaign | Iterable[Campaign]) -> tuple[Campaign, ...]:
    return (campaigns,) if isinstance(campaigns, Campaign) else tuple(campaigns)
