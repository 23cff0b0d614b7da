"""Errors, warnings and validation problems.

Every exception govplan raises on purpose derives from :class:`GovplanError` and also from the
builtin that callers already catch, so ``except ValueError`` keeps working::

    GovplanError(Exception)
    ├── LoadError(GovplanError, ValueError)          unreadable file, bad YAML/JSON, unsafe YAML
    │   └── SchemaVersionError(LoadError)            not a plan, or unsupported schema_version
    ├── ValidationError(GovplanError, ValueError)    .problems: every error found
    ├── QuantityError(GovplanError, ValueError)      a quantity text or unit govplan cannot read
    │   └── UnitMismatchError(QuantityError, TypeError)  亿元 + 万亩, 家 + 所, % + 个百分点
    └── DateError(GovplanError, ValueError)          a date or deadline phrase that is no date
    GovplanWarning(UserWarning)

:class:`Problem` is one finding of validation: data, not an exception.  Problems carry a stable
rule ``code``, a ``severity``, the JSON pointer of the element and, when the plan was read from a
file, the file, line and column.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

__all__ = [
    "DateError",
    "ExtractError",
    "GovplanError",
    "GovplanWarning",
    "LoadError",
    "Problem",
    "QuantityError",
    "SchemaVersionError",
    "Severity",
    "UnitMismatchError",
    "ValidationError",
]


class Severity(enum.StrEnum):
    """How bad a :class:`Problem` is: an ``error`` makes a plan invalid; ``warning``, ``info`` do not.

    .. versionadded:: 0.1.0
    """

    ERROR = "error"
    WARNING = "warning"
    #: Worth knowing, nothing to fix: an extension field govplan keeps but does not read.
    INFO = "info"


@attrs.frozen(kw_only=True)
class Problem:
    """One validation finding, with where it is and what to do about it.

    .. versionadded:: 0.1.0
    """

    #: Stable slug of the rule that found the problem, e.g. ``unknown-unit``; see docs/validation.md.
    code: str
    #: What was expected and what was found, in one sentence.
    message: str
    #: RFC 6901 JSON pointer to the element in the plan document ("" is the whole document).
    pointer: str = ""
    #: ``error`` makes a plan invalid; ``warning`` does not.
    severity: Severity = Severity.ERROR
    #: The file the plan was read from, if any.
    source: str | None = None
    #: 1-based line of the element in that file, if known.
    line: int | None = None
    #: 1-based column of the element in that file, if known.
    column: int | None = None
    #: JSON pointer into the schema for problems found by the schema.
    schema_pointer: str | None = None
    #: How to fix it, when there is a usual fix.
    hint: str | None = None

    def with_location(self, source: str | None, line: int | None, column: int | None) -> Problem:
        """Return a copy placed in *source* at *line*:*column*."""
        return attrs.evolve(self, source=source, line=line, column=column)

    def location(self) -> str:
        """``file:line:column`` as far as it is known (``<string>`` when not read from a file)."""
        parts = [self.source or "<string>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        """Compiler-style: ``file:line:col: error: /pointer: message [code]``.

        The pointer is left out when the problem concerns the whole document.
        """
        where = f"{self.pointer}: " if self.pointer else ""
        text = f"{self.location()}: {self.severity}: {where}{self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return f"{text} [{self.code}]"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready mapping, as ``govplan validate --format json`` prints it."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "pointer": self.pointer,
            "source": self.source,
            "line": self.line,
            "column": self.column,
            "schema_pointer": self.schema_pointer,
            "hint": self.hint,
        }


class GovplanError(Exception):
    """Base class of every error govplan raises on purpose.

    .. versionadded:: 0.1.0
    """


class LoadError(GovplanError, ValueError):
    """A file or text could not be read as a plan document at all.

    Carries the *source* (file name), and the *line*, *column* and JSON *pointer* where reading
    failed when known.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
        code: str = "unreadable",
        pointer: str = "",
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        self.code = code
        self.pointer = pointer
        super().__init__(str(self.problem))

    @property
    def problem(self) -> Problem:
        """The failure as a :class:`Problem`, for reports that mix it with others."""
        return Problem(
            code=self.code,
            message=self.message,
            pointer=self.pointer,
            source=self.source,
            line=self.line,
            column=self.column,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild_load_error,
            (
                type(self),
                self.message,
                self.source,
                self.line,
                self.column,
                self.code,
                self.pointer,
            ),
        )


def _rebuild_load_error(  # noqa: PLR0917 - pickle passes the state positionally
    cls: type[LoadError],
    message: str,
    source: str | None,
    line: int | None,
    column: int | None,
    code: str,
    pointer: str,
) -> LoadError:
    return cls(message, source=source, line=line, column=column, code=code, pointer=pointer)


class SchemaVersionError(LoadError):
    """The document states no ``schema_version``, or one this govplan cannot read.

    .. versionadded:: 0.1.0
    """


class ExtractError(GovplanError, ValueError):
    """A text is not a plan of any kind the extractor reads (news, random text, an empty file).

    The message says what was looked for and not found.

    .. versionadded:: 0.2.0
    """


class ValidationError(GovplanError, ValueError):
    """A plan document breaks the schema or a rule; ``problems`` lists every error found.

    .. versionadded:: 0.1.0
    """

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            msg = "invalid plan"
        else:
            msg = str(self.problems[0])
            if len(self.problems) > 1:
                msg += f" (and {len(self.problems) - 1} more)"
        super().__init__(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems,))


class _PhraseError(GovplanError):
    """Base of errors about one piece of text (a quantity, a date): keeps the text and a code."""

    #: The rule code used when none is given.
    default_code = "invalid-value"

    def __init__(self, message: str, *, text: str | None = None, code: str | None = None) -> None:
        self.message = message
        self.text = text
        self.code = code or self.default_code
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_phrase_error, (type(self), self.message, self.text, self.code))


def _rebuild_phrase_error(
    cls: type[_PhraseError], message: str, text: str | None, code: str
) -> _PhraseError:
    return cls(message, text=text, code=code)


class QuantityError(_PhraseError, ValueError):
    """A quantity such as ``21.78万亩`` could not be read: bad number or unknown unit.

    .. versionadded:: 0.1.0
    """

    default_code = "invalid-quantity"


class UnitMismatchError(QuantityError, TypeError):
    """Two quantities of different dimensions were combined (亿元 + 万亩, 家 + 所).

    .. versionadded:: 0.1.0
    """

    default_code = "unit-mismatch"


class DateError(_PhraseError, ValueError):
    """A date or deadline phrase cannot be read, or names a day that does not exist.

    .. versionadded:: 0.1.0
    """

    default_code = "invalid-date"


class GovplanWarning(UserWarning):
    """Something is odd but not wrong, e.g. a total recorded as printed that does not add up.

    .. versionadded:: 0.1.0
    """
