"""Irregularities a draft can see in its own reading, proposed for the reviewer to confirm.

Only what the text shows beyond doubt is proposed: a unit named twice in one responsibility
note, characters of the private-use area (a converter's lost glyph), a task without any
responsibility note in a group whose other tasks have one, and one unit printed with the
portfolios of its bracket in two orders (〈科技、工信〉 / 〈工信、科技〉).  Each is recorded as
printed, with the element and line it concerns.  A word printed twice in a row (强化强化) is not
proposed: without word boundaries it cannot be told from compounds (构建共建, 企业企业家).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from govplan.checks import iter_groups
from govplan.model import Campaign, Irregularity, IrregularityKind, Task

#: The review note the draft gives a unit named twice in one note (read back here).
NAMED_TWICE = "{unit} is named twice with the same role; recorded once."
_NAMED_TWICE = re.compile("^" + re.escape(NAMED_TWICE).replace(r"\{unit\}", "(?P<unit>.+?)") + "$")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
#: A bracketed qualifier of a unit name listing portfolios: 〈科技、工信〉, (科技、工信).
_PORTFOLIOS = re.compile(r"[〈(](?P<parts>[^〈〉()]+、[^〈〉()]+)[〉)]")
#: Tasks with a note among their siblings for a missing one to be irregular.
_SIBLINGS_WITH_NOTES = 2


def find_irregularities(campaign: Campaign) -> tuple[Irregularity, ...]:
    """The irregularities the draft *campaign* shows, in document order of their elements."""
    found = [
        *_named_twice(campaign),
        *_printed_oddly(campaign),
        *_missing_notes(campaign),
        *_portfolio_orders(campaign),
    ]
    return tuple(sorted(found, key=lambda i: (i.source_line or 0, i.element)))


def _named_twice(campaign: Campaign) -> Iterator[Irregularity]:
    for task in campaign.walk_tasks():
        for rset in task.responsibilities:
            for note in rset.notes:
                match = _NAMED_TWICE.match(note)
                if match:
                    yield Irregularity(
                        element=task.id,
                        kind=IrregularityKind.OTHER,
                        description=f"{match['unit']} is listed twice in the note: {rset.text}",
                        source_line=task.source_line,
                    )


def _printed_oddly(campaign: Campaign) -> Iterator[Irregularity]:
    for task in campaign.walk_tasks():
        for char in dict.fromkeys(_PRIVATE_USE.findall(task.text)):
            at = task.text.index(char)
            context = task.text[max(0, at - 8) : at + 8].replace(char, f"[U+{ord(char):04X}]")
            yield Irregularity(
                element=task.id,
                kind=IrregularityKind.GARBLED,
                description=f"a private-use character (U+{ord(char):04X}) in {context}",
                source_line=task.source_line,
            )


def _missing_notes(campaign: Campaign) -> Iterator[Irregularity]:
    for _, group in iter_groups(campaign):
        if group.responsibilities:
            continue
        noted = [bool(task.responsibilities) for task in group.tasks]
        if sum(noted) < _SIBLINGS_WITH_NOTES or all(noted):
            continue
        for task, has_note in zip(group.tasks, noted, strict=True):
            if not has_note and not any(sub.responsibilities for sub in task.walk()):
                yield Irregularity(
                    element=task.id,
                    kind=IrregularityKind.MISSING,
                    description=(
                        "The task carries no responsibility note, while the other tasks of its "
                        "group do."
                    ),
                    source_line=task.source_line,
                )


def _portfolio_key(name: str) -> str | None:
    match = _PORTFOLIOS.search(name)
    if match is None:
        return None
    parts = "、".join(sorted(match["parts"].split("、")))
    return name[: match.start("parts")] + parts + name[match.end("parts") :]


def _portfolio_orders(campaign: Campaign) -> Iterator[Irregularity]:
    uses: Counter[str] = Counter()
    where: list[tuple[Task, str]] = []
    for task in campaign.walk_tasks():
        for rset in task.responsibilities:
            for assignment in rset.assignments:
                uses[assignment.unit] += 1
                where.append((task, assignment.unit))
    forms: dict[str, list[str]] = {}
    for name in uses:
        key = _portfolio_key(name)
        if key is not None:
            forms.setdefault(key, []).append(name)
    for names in forms.values():
        if len(names) > 1:
            common = max(names, key=lambda n: uses[n])
            for task, name in where:
                if name in names and name != common:
                    yield Irregularity(
                        element=task.id,
                        kind=IrregularityKind.SPELLING_VARIANT,
                        description=f"{name}, elsewhere {common}",
                        source_line=task.source_line,
                    )
