"""Validate a plan and report every finding at once.

:func:`validate` never raises for a bad plan: it returns a :class:`Report` whose problems carry
rule code, severity, JSON pointer and file:line:column.  ``report.valid`` is False when any
problem is an error; warnings (e.g. a total that does not add up, recorded as printed) do not
make a plan invalid.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import concurrent.futures
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from govplan import io
from govplan.checks import check
from govplan.errors import LoadError, Problem, Severity, ValidationError
from govplan.model import Campaign

__all__ = ["Report", "validate", "validate_many", "validates"]


@attrs.frozen(kw_only=True)
class Report:
    """Everything validation found in one plan.

    .. versionadded:: 0.1.0
    """

    #: The file validated, or None for text and objects.
    source: str | None
    #: Every problem, errors first, then in document order.
    problems: tuple[Problem, ...]
    #: The campaign, when the document could be read into one.
    campaign: Campaign | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def valid(self) -> bool:
        """True when no problem is an error."""
        return not self.errors

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity error."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems of severity warning."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def infos(self) -> tuple[Problem, ...]:
        """The problems of severity info (extension fields: nothing to fix).

        .. versionadded:: 0.2.0
        """
        return tuple(p for p in self.problems if p.severity is Severity.INFO)

    def counts(self) -> Counter[str]:
        """How many problems each rule code found."""
        return Counter(p.code for p in self.problems)

    def raise_for_errors(self) -> None:
        """Raise :class:`~govplan.ValidationError` carrying the errors, if there are any."""
        if self.errors:
            raise ValidationError(self.errors)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready mapping (``govplan validate --format json``)."""
        return {
            "source": self.source,
            "valid": self.valid,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "infos": len(self.infos),
            "problems": [p.to_dict() for p in self.problems],
        }


def _order(problems: list[Problem]) -> tuple[Problem, ...]:
    return tuple(
        sorted(
            problems, key=lambda p: (p.severity is not Severity.ERROR, p.line or 0, p.column or 0)
        )
    )


def _report(document: io.Document) -> Report:
    campaign, problems = io.build(document)
    if campaign is not None:
        problems = [document.locate(p) for p in check(campaign)]
    return Report(source=document.source, problems=_order(problems), campaign=campaign)


def validate(plan: str | os.PathLike[str] | Campaign) -> Report:
    """Validate a plan file (path) or a :class:`Campaign`; report every finding.

    A file that cannot be read at all gives a report with that one problem.

    .. versionadded:: 0.1.0
    """
    if isinstance(plan, Campaign):
        # A campaign built in Python has had no schema check: the rules assume one (a year of
        # five digits has no 31 December), so the schema comes first, as for a file.
        document = io.Document(data=io.to_data(plan))
        problems = io.schema_problems(document) or check(plan)
        return Report(source=None, problems=_order(list(problems)), campaign=plan)
    try:
        document = io.read_path(plan)
    except LoadError as exc:
        return Report(source=os.fspath(plan), problems=(exc.problem,))
    return _report(document)


def _cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - platforms without affinity


def _lean_report(path: str | os.PathLike[str]) -> Report:
    """A worker's report: the problems, without the campaign (not worth sending back)."""
    return attrs.evolve(validate(path), campaign=None)


def validate_many(
    paths: Iterable[str | os.PathLike[str]], *, jobs: int | None = None
) -> Iterator[Report]:
    """Validate plan files in parallel, yielding each report as soon as it is its turn.

    Reports come in the order of *paths*; each is what :func:`validate` gives, without the
    campaign.  *jobs* worker processes (default: the CPUs this process may use) share the files;
    ``jobs=1``, or a single file, validates in this process.

    .. versionadded:: 0.3.0
    """
    files = list(paths)
    workers = min(jobs or _cpus(), len(files))
    if workers <= 1:
        yield from (_lean_report(path) for path in files)
        return
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_lean_report, files, chunksize=max(1, len(files) // (workers * 8)))


def validates(
    text: str | bytes,
    *,
    format: io.Format | None = None,  # noqa: A002
    source: str | None = None,
) -> Report:
    """Validate plan text (YAML or JSON) as :func:`validate` does a file.

    .. versionadded:: 0.1.0
    """
    try:
        document = io.read_document(text, source=source, fmt=format)
    except LoadError as exc:
        return Report(source=source, problems=(exc.problem,))
    return _report(document)
