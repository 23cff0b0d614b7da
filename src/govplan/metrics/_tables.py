"""Plain rows and the tables metric results are: CSV, JSON-ready rows, DataFrames, terminal text.

:class:`_Tabular` is the mixin every result with stable column names shares; :class:`Table` is
a named table of plain rows (the export tables, milestone counts, top lead units).
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import importlib
import io
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from govplan.quantity import Quantity, QuantityRange, format_quantity

#: A plain row of a result's ``to_rows()``: stable column name -> str, int, float, bool,
#: Decimal or None (exact decimals until :func:`json_ready` turns them into JSON numbers).
Row = dict[str, Any]

_PANDAS_HINT = "to_frame() needs pandas: install the extra with pip install 'govplan[pandas]'"


def _plain(value: Any) -> Any:
    """A cell as JSON-ready data: enums as their value, dates as ISO text, quantities as text."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Quantity | QuantityRange):
        return format_quantity(value)
    return value


def json_ready(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows with exact decimals turned into JSON numbers (int when whole, else float).

    :mod:`json` cannot write a :class:`~decimal.Decimal`; the other cells of *rows* are kept.

    .. versionadded:: 0.1.0
    """

    def number(value: Any) -> Any:
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return value

    return [{key: number(value) for key, value in row.items()} for row in rows]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


#: What makes a spreadsheet read a cell as a formula (OWASP's list, and ``|`` for DDE).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|")
#: Text that is a plain decimal number: a spreadsheet reads it as that number, never as a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def _csv_field(value: Any) -> str:
    """A cell as CSV text; text a spreadsheet would run as a formula starts with ``'``.

    Only text is changed: numbers (-3, Decimal -3.5) are written as numbers, and so is text that
    is a plain decimal number (``-3``), which no spreadsheet runs.
    """
    text = _csv_cell(value)
    formula = text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text)
    return "'" + text if isinstance(value, str) and formula else text


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Rows as CSV text (newline line ends, header line first; empty cells for None).

    *columns* are the header and the order of the cells; a column a row lacks is an empty cell,
    so every line has the same cells.  Booleans are written ``true``/``false``, decimals in
    fixed-point notation.  Text that starts with ``=``, ``+``, ``-``, ``@``, ``|``, a tab or a
    carriage return is written after a single quote (``'=1+1``), so that a spreadsheet opening the
    file shows it instead of running it as a formula; numbers, and text that is a plain decimal
    number such as ``-3``, are written as they are.

    .. versionadded:: 0.1.0
    """
    text = io.StringIO()
    line = io.StringIO()
    # The writer quotes a cell that holds a character of its line end: with "\r\n" a carriage
    # return as well as a line feed (with "\n" a bare CR would end the line early).  Each line
    # is written alone, to end in "\n".
    writer = csv.writer(line, lineterminator="\r\n")
    for cells in itertools.chain([columns], ([row.get(c) for c in columns] for row in rows)):
        line.seek(0)
        line.truncate()
        writer.writerow([_csv_field(cell) for cell in cells])
        text.write(line.getvalue().removesuffix("\r\n") + "\n")
    return text.getvalue()


def _frame(rows: list[Row], columns: Sequence[str]) -> Any:
    try:
        pandas = importlib.import_module("pandas")
    except ImportError as exc:
        raise ImportError(_PANDAS_HINT) from exc
    data = [
        {key: float(value) if isinstance(value, Decimal) else value for key, value in row.items()}
        for row in rows
    ]
    return pandas.DataFrame(data, columns=list(columns))


class _Tabular:
    """Mixin: a result that is a table with stable column names."""

    __slots__ = ()

    #: The stable column names of :meth:`to_rows`, in order.
    COLUMNS: ClassVar[tuple[str, ...]] = ()

    def columns(self) -> tuple[str, ...]:
        """The column names of :meth:`to_rows`, in order."""
        return self.COLUMNS

    def to_rows(self) -> list[Row]:
        """Plain rows (dicts keyed by :meth:`columns`), ready for CSV or JSON."""
        raise NotImplementedError

    def to_csv(self) -> str:
        """The rows as CSV text with a header line."""
        return csv_text(self.to_rows(), self.columns())

    def to_frame(self) -> Any:
        """The rows as a ``pandas.DataFrame`` (needs the extra ``govplan[pandas]``).

        Exact decimals become floats; use :meth:`to_rows` for exact values.
        """
        return _frame(self.to_rows(), self.columns())


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in {"W", "F"} else 1 for c in text)


def _text(value: Any) -> str:
    return "-" if value is None else _csv_cell(_plain(value))


def format_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    headers: Mapping[str, str] | None = None,
    indent: str = "  ",
) -> str:
    """Rows as an aligned terminal table; wide (CJK) characters count as two columns.

    Numbers are right-aligned, text left-aligned; None prints as ``-``.  *columns* are the
    columns shown, in order; *headers* maps a column to the title printed above it (default:
    the column name); *indent* starts every line.

    .. versionadded:: 0.1.0
    """
    headers = headers or {}
    titles = [headers.get(c, c) for c in columns]
    cells = [[_text(row.get(c)) for c in columns] for row in rows]
    numeric = [
        all(isinstance(row.get(c), int | float | Decimal) or row.get(c) is None for row in rows)
        and any(row.get(c) is not None for row in rows)
        for c in columns
    ]
    widths = [max([_width(t)] + [_width(r[i]) for r in cells]) for i, t in enumerate(titles)]

    def line(values: Sequence[str]) -> str:
        parts = []
        for i, value in enumerate(values):
            pad = " " * (widths[i] - _width(value))
            parts.append(pad + value if numeric[i] else value + pad)
        return (indent + "  ".join(parts)).rstrip()

    out = [line(titles), indent + "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


@attrs.frozen(kw_only=True)
class Table(_Tabular):
    """A named table of plain rows with a fixed header.

    The export tables, the milestone counts and the top lead units are rows computed once, not
    a typed result; this class gives them the same :meth:`to_rows`, :meth:`to_csv` and
    :meth:`to_frame`.

    .. versionadded:: 0.1.0
    """

    #: The table's name: an export table (``tasks``, ``units`` …), ``top_leads``, or
    #: ``milestones_by_month`` / ``milestones_by_quarter``.
    name: str
    #: The stable column names, in order (for the export tables, :data:`EXPORT_COLUMNS`).
    header: tuple[str, ...]
    #: The rows, each keyed by column name; a column a row lacks reads as None.
    rows: tuple[Mapping[str, Any], ...] = attrs.field(hash=False)

    def columns(self) -> tuple[str, ...]:
        """The header."""
        return self.header

    def to_rows(self) -> list[Row]:
        """The rows, each with every column of the header."""
        return [{c: row.get(c) for c in self.header} for row in self.rows]
