"""What the extractor tests read of a draft: its tasks, their units, its errors, its targets."""

from __future__ import annotations

import govplan as gp
from govplan.extract._indicators import find_indicators
from govplan.extract._text import Para, split_lines
from govplan.model import IndicatorKind
from govplan.org import Role


def errors(campaign: gp.Campaign) -> list[str]:
    """The validation errors of a campaign written to YAML and read back."""
    return [str(p) for p in gp.validates(gp.dumps(campaign)).errors]


def tasks(campaign: gp.Campaign) -> list[gp.Task]:
    """The campaign's top-level tasks in document order."""
    return list(campaign.walk_tasks())


def units(task: gp.Task) -> set[tuple[str, Role]]:
    """(unit as named, role) of every assignment of *task*'s own notes."""
    return {(a.unit, a.role) for rs in task.responsibilities for a in rs.assignments}


def read(text: str, year: int | None = None) -> list[tuple[str, str, str]]:
    """(name, target, comparator) of each quantified target *text* states."""
    para = Para.of(split_lines(text))
    found = (find_indicators(para) if year is None else find_indicators(para, year=year)).items
    return [
        (item.name, str(item.target), item.comparator.value)
        for item in found
        if item.kind is not IndicatorKind.QUALITATIVE
    ]


def targets(text: str, year: int | None = None) -> list[str]:
    """The target of each quantified target *text* states."""
    return [target for _, target, _ in read(text, year)]
