"""Flattened tables, for the extractor.

Web pages copied to text give a table one cell per line, with blank lines between cells; merged
cells are printed once (or not at all), and an empty cell is a lone blank line.  Three kinds are
read:

- task-decomposition tables (序号 / 工作内容 / 工作任务 / 牵头单位 / 配合单位): rows of text and
  units, each becoming a ``table_row`` sub-task of the task its label names;
- allocation tables (序号 / 项目 / 全市任务 / one column per district): numbers split over parts;
- tab-separated tables (one row per line, cells separated by tabs).

Where the columns do not line up the extractor keeps what it read and adds a review note.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from govplan._text import squeeze
from govplan.errors import GovplanError
from govplan.extract._responsibilities import person_like, split_units, unit_like
from govplan.extract._text import Line, Para, display
from govplan.org import Role
from govplan.quantity import parse_quantity

_SERIAL = re.compile(r"^\d{1,3}$")
#: A table's section row, spanning the columns: 一、主要经济指标.
_SECTION_ROW = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]\S")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.、]|[(]\d{1,2}[)]|[一二三四五六七八九十]是)")
#: The unit closing a row's name: 面积(万亩).  It starts after a parenthesis (or at the start):
#: a start anywhere else finds what that one finds, after a scan to the end.
_UNIT_HEAD = re.compile(r"(?<![^()])(?P<unit>[^()]+)\)$")
_SUFFIX_FRAGMENT = re.compile(
    r"^(?:管理区|度假区|高新区|经开区|开发区|新区|示范区|管委会|街道|区)$"
)
_PLACE_END = re.compile(r"(?:区|县|市|镇|乡|级|街道|旗)$")
_TOTAL_WORDS = frozenset({"任务", "目标", "指标", "总量", "合计", "总计", "总数"})
#: A cell of a column after the unit columns (完成时限, 备注) is at most this long.
_EXTRA_CELL = 40
#: A header cell this short, not ending like a place name, is the first half of a broken one.
_SHORT_NAME = 2
_SPANNING = re.compile(r"任务$|^其中$|分解$|单位任务|分配")


def is_serial(line: Line) -> bool:
    """A cell holding only a row number (1, 2, 12)."""
    return bool(_SERIAL.match(line.clean))


#: A column naming people or posts, never units: 责任领导, 分管领导, 责任人, 联系人.
_PERSON_HEADER = re.compile(r"领导|责任人|联系人")


def _role_of(header: str) -> Role | None:
    clean = squeeze(header)
    if _PERSON_HEADER.search(clean):
        return None
    if "牵头" in clean or "主责" in clean:
        return Role.LEAD
    if any(word in clean for word in ("配合", "协助", "参与", "协同", "协办")):
        return Role.COOPERATING
    if "责任" in clean and ("单位" in clean or "部门" in clean):
        return Role.RESPONSIBLE
    return None


def units_cell(text: str) -> bool:
    """Whether a cell lists units (县发改局、县市场监管局) rather than work."""
    parts = split_units(squeeze(text).strip("、,"))
    return bool(parts) and all(unit_like(p) for p in parts)


@dataclass
class TableRow:
    """One row (or part of a row, under a merged cell) of a task-decomposition table."""

    number: str
    labels: list[str]
    text: Para
    title: str | None
    units: list[tuple[str, Role]]
    notes: list[str] = field(default_factory=list)
    extras: list[tuple[str, Para]] = field(default_factory=list)
    #: Line of the row's number (序号 cell), where the row starts.
    serial_line: int | None = None

    @property
    def line(self) -> int:
        """Line of the row's text cell."""
        return self.text.line


@dataclass
class DecompositionTable:
    """A task-decomposition table."""

    title: str | None
    line: int
    header: list[str]
    rows: list[TableRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class AllocationRowDraft:
    """One row of an allocation table."""

    number: str | None
    category: str | None
    name: str
    unit: str
    total: Decimal | None
    parts: list[Decimal | None]
    line: int
    parent: int | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class AllocationTable:
    """An allocation table: targets split over districts or units."""

    title: str
    line: int
    columns: list[str]
    total_label: str | None
    rows: list[AllocationRowDraft] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class TabTable:
    """A tab-separated table: a header and rows of cells."""

    title: str | None
    line: int
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


Table = DecompositionTable | AllocationTable | TabTable


def _header(lines: list[Line]) -> tuple[str | None, int, list[Line], list[Line]]:
    """Split a table region into title, title line, header cells and data cells."""
    serial = next((i for i, line in enumerate(lines) if line.clean == "序号"), None)
    if serial is None:
        return None, lines[0].number if lines else 1, [], lines
    title_lines = [line for line in lines[:serial] if not re.match(r"^附[件表]", line.clean)]
    title = "".join(display(line.raw) for line in title_lines) or None
    line = title_lines[0].number if title_lines else lines[serial].number
    data_start = next(
        (
            i
            for i in range(serial + 1, len(lines))
            if is_serial(lines[i]) or _SECTION_ROW.match(lines[i].clean)
        ),
        len(lines),
    )
    return title, line, lines[serial:data_start], lines[data_start:]


def read_table(lines: list[Line], blanks: dict[int, int]) -> Table | None:
    """Read a table region (title, header, cells); None when it holds no table."""
    if not lines:
        return None
    tabbed = [line for line in lines if "\t" in line.raw]
    if len(tabbed) >= 2:  # noqa: PLR2004 - a header and a row
        return _tab_table(lines, tabbed)
    title, line, header, data = _header(lines)
    if not header or not data:
        return None
    numeric = sum(1 for cell in data if _NUMBER.match(cell.clean) and not is_serial(cell))
    serials = sum(1 for cell in data if is_serial(cell))
    if numeric + serials > len(data) / 2:
        return _allocation(title or "分配表", line, header, data, blanks)
    return _decomposition(title, line, header, data)


def _tab_table(lines: list[Line], tabbed: list[Line]) -> TabTable:
    first = tabbed[0]
    before = [line for line in lines if line.number < first.number and "\t" not in line.raw]
    title = display(before[-1].raw) if before else None
    header = [display(c) for c in first.raw.split("\t")]
    table = TabTable(title, before[-1].number if before else first.number, header)
    for line in tabbed[1:]:
        table.rows.append((line.number, [display(c) for c in line.raw.split("\t")]))
    return table


def _split_rows(data: list[Line]) -> list[tuple[Line, list[Line]]]:
    """Group cells into rows at their row numbers (1, 2, 3 …, in sequence).

    A section row printed before the first number (一、…) opens the first row's label cells.
    """
    rows: list[tuple[Line, list[Line]]] = []
    expected: int | None = None
    before: list[Line] = []
    for cell in data:
        if is_serial(cell) and (expected is None or int(cell.clean) == expected):
            rows.append((cell, before if not rows else []))
            expected = int(cell.clean) + 1
        elif rows:
            rows[-1][1].append(cell)
        elif _SECTION_ROW.match(cell.clean):
            before.append(cell)
    return rows


def _decomposition(
    title: str | None, line: int, header: list[Line], data: list[Line]
) -> DecompositionTable:
    heads = [display(cell.raw) for cell in header]
    marked = [_role_of(h) for h in heads]
    roles = [role for role in marked if role is not None]
    last_role = max((i for i, role in enumerate(marked) if role is not None), default=len(heads))
    extras = heads[last_role + 1 :]
    first_role = min((i for i, role in enumerate(marked) if role is not None), default=0)
    persons = [h for h in heads[:first_role] if _PERSON_HEADER.search(squeeze(h))]
    if not roles:
        roles = [Role.LEAD]
    table = DecompositionTable(title, line, heads)
    labels: list[str] = []
    for serial, cells in _split_rows(data):
        labels = _decomposition_row(table, serial, cells, labels, (roles, extras, persons))
    return table


@dataclass
class _Segment:
    """The cells of one row under a merged cell: work text, units, then later columns."""

    texts: list[Line] = field(default_factory=list)
    units: list[Line] = field(default_factory=list)
    extras: list[Line] = field(default_factory=list)
    #: Cells of the columns naming people before the unit columns (责任领导: 副县长张某).
    persons: list[Line] = field(default_factory=list)


def _person_cell(cell: Line, segment: _Segment, person_columns: int) -> bool:
    """Whether *cell* fills a 责任领导 column standing between the work and the unit columns."""
    return (
        len(segment.persons) < person_columns
        and bool(segment.texts)
        and not segment.units
        and len(cell.clean) <= _EXTRA_CELL
        and person_like(cell.raw)
    )


def _segments(cells: list[Line], extra_columns: int, person_columns: int = 0) -> list[_Segment]:
    """The segments of a row: a row under a merged cell holds several."""
    segments: list[_Segment] = []
    current = _Segment()
    for cell in cells:
        units = current.units
        continued = bool(units) and squeeze(units[-1].raw).endswith(("、", ","))
        if not current.extras and (continued or (current.texts and units_cell(cell.raw))):
            units.append(cell)
            continue
        if _person_cell(cell, current, person_columns):
            current.persons.append(cell)
            continue
        if units and len(current.extras) < extra_columns and len(cell.clean) <= _EXTRA_CELL:
            current.extras.append(cell)
            continue
        if units:
            segments.append(current)
            current = _Segment()
        current.texts.append(cell)
    if current.texts or current.units:
        segments.append(current)
    return segments


def _unit_columns(units: list[Line], roles: list[Role], notes: list[str]) -> list[tuple[str, Role]]:
    cells = [display(cell.raw) for cell in units]
    merged: list[str] = []
    for cell in cells:
        if merged and (merged[-1].endswith(("、", ",", "，")) or len(merged) >= len(roles)):
            merged[-1] += cell
        else:
            merged.append(cell)
    if len(cells) > len(roles):
        notes.append(
            f"The row has {len(cells)} unit cells for {len(roles)} unit columns; the extra cells "
            "are read as the continuation of the last column."
        )
    result: list[tuple[str, Role]] = []
    for cell, role in zip(merged, roles, strict=False):
        result.extend((name, role) for name in split_units(cell))
    return result


def _decomposition_row(
    table: DecompositionTable,
    serial: Line,
    cells: list[Line],
    labels: list[str],
    columns: tuple[list[Role], list[str], list[str]],
) -> list[str]:
    roles, extra_heads, person_heads = columns
    previous_units: list[tuple[str, Role]] | None = None
    for segment in _segments(cells, len(extra_heads), len(person_heads)):
        texts, units = segment.texts, segment.units
        if not texts:
            continue
        notes: list[str] = [
            f"{head}: {display(cell.raw)} (a person or post, not a unit)."
            for head, cell in zip(person_heads, segment.persons, strict=False)
        ]
        listed = [cell for cell in texts if _LIST_ITEM.match(cell.clean)]
        if len(listed) >= 2 and texts[-1] in listed:  # noqa: PLR2004 - a list of lines
            first = texts.index(listed[0])
            own = [display(c.raw) for c in texts[:first]]
            text = Para.of(texts[first:], ["\n"] * (len(texts) - first - 1))
            notes.append(
                f"The work cell is a list over {len(texts) - first} lines, joined with line "
                "breaks; the row's title is its label cell."
            )
        else:
            own = [display(c.raw) for c in texts[:-1]]
            text = Para.of(texts[-1:])
        if own:
            labels = (labels[: max(0, len(labels) - len(own))] + own) if labels else own
        title = labels[-1] if own and text is not None and "\n" in text.raw else None
        if units:
            assignments = _unit_columns(units, roles, notes)
        elif previous_units is not None:
            assignments = list(previous_units)
            notes.append(
                "The row's unit cells are merged with the row above (printed once): its units "
                "are read as this row's too."
            )
        else:
            assignments = []
            notes.append("The row has no unit cell.")
        previous_units = assignments
        extras = [
            (head, Para.of([cell])) for head, cell in zip(extra_heads, segment.extras, strict=False)
        ]
        notes.extend(f"{head}: {display(cell.raw)}." for head, cell in extras)
        table.rows.append(
            TableRow(
                serial.clean, list(labels), text, title, assignments, notes, extras, serial.number
            )
        )
    return labels


def _cells(data: list[Line], blanks: dict[int, int]) -> list[Line | None]:
    """The cells in order, an empty cell (a lone blank line) as None."""
    cells: list[Line | None] = []
    for index, cell in enumerate(data):
        cells.append(cell)
        if index + 1 < len(data):
            cells.extend([None] * max(0, blanks.get(cell.number, 1) - 1))
    return cells


def _is_value(cell: Line | None) -> bool:
    return cell is None or bool(_NUMBER.match(cell.clean))


def _row_length(cells: list[Line | None]) -> int:
    """The number of value cells a row has (total and parts), from rows that end clearly.

    A run of values counts when it follows a name cell (ending in its unit, ``(人)``) and is
    followed by another name cell; the most common such run is the row length.
    """
    runs: Counter[int] = Counter()
    count = 0
    after_name = False
    for cell in cells:
        if _is_value(cell):
            count += 1
            continue
        assert cell is not None  # noqa: S101 - _is_value holds for None
        named = cell.clean.endswith(")")
        if after_name and named and count:
            runs[count] += 1
        after_name = named
        count = 0
    if runs:
        return runs.most_common(1)[0][0]
    return max(count, 1)


def _columns(header: list[Line], parts: int, notes: list[str]) -> tuple[list[str], str | None]:
    tokens = [display(cell.raw) for cell in header]
    tokens = tokens[2:] if len(tokens) > 2 else []  # noqa: PLR2004 - 序号 and the item column
    total: str | None = None
    if tokens:
        total = tokens.pop(0)
        if tokens and tokens[0] in _TOTAL_WORDS:
            total += tokens.pop(0)
    while tokens and _SPANNING.search(tokens[0]) and len(tokens) > parts:
        tokens.pop(0)
    merged: list[str] = []
    for token in tokens:
        broken = bool(merged) and not _PLACE_END.search(merged[-1])
        if broken and (_SUFFIX_FRAGMENT.match(token) or len(merged[-1]) <= _SHORT_NAME):
            merged[-1] += token
        else:
            merged.append(token)
    if len(merged) != parts:
        notes.append(
            f"The header ({'/'.join(tokens)}) does not give {parts} column names; the columns "
            "are numbered: name them by hand."
        )
        merged = [f"列{i + 1}" for i in range(parts)]
    return merged, total


def _allocation(
    title: str, line: int, header: list[Line], data: list[Line], blanks: dict[int, int]
) -> AllocationTable:
    cells = _cells(data, blanks)
    width = _row_length(cells)
    notes: list[str] = []
    columns, total_label = _columns(header, width - 1, notes)
    table = AllocationTable(title, line, columns, total_label, notes=notes)
    number: str | None = None
    category: str | None = None
    fresh = False
    index = 0
    while index < len(cells):
        cell = cells[index]
        if cell is None:
            index += 1
            continue
        if is_serial(cell) and (number is None or int(cell.clean) == int(number) + 1):
            number, category, fresh = cell.clean, None, True
            index += 1
            continue
        texts: list[Line] = []
        while index < len(cells) and not _is_value(cells[index]):
            current = cells[index]
            assert current is not None  # noqa: S101 - _is_value holds for None
            texts.append(current)
            index += 1
        if fresh and len(texts) >= 2 and not texts[0].clean.endswith(")"):  # noqa: PLR2004
            category = display(texts[0].raw)
            texts = texts[1:]
        fresh = False
        if not texts:
            index += 1
            continue
        values = cells[index : index + width]
        index += width
        row = _allocation_row(number, category, texts, values, width)
        if row is not None:
            table.rows.append(row)
    _parents(table)
    return table


def _allocation_row(
    number: str | None,
    category: str | None,
    name_cells: list[Line],
    values: list[Line | None],
    width: int,
) -> AllocationRowDraft | None:
    notes: list[str] = []
    name = "".join(display(cell.raw) for cell in name_cells)
    unit = ""
    match = _UNIT_HEAD.search(re.sub(r"（", "(", re.sub(r"）", ")", name)))
    if match and "(" in name.replace("（", "("):
        plain = name.replace("（", "(").replace("）", ")")
        unit = match["unit"].strip()
        name = plain[: plain.rfind("(")].strip()
    if not name:
        return None
    if len(name_cells) > 1:
        notes.append(f"The name cell is printed over {len(name_cells)} lines and joined.")
    numbers: list[Decimal | None] = []
    for cell in values:
        if cell is None:
            numbers.append(None)
            continue
        try:
            numbers.append(Decimal(cell.clean))
        except InvalidOperation:
            numbers.append(None)
            notes.append(f"The cell {display(cell.raw)!r} is not a number; read as empty.")
    if len(numbers) < width:
        numbers.extend([None] * (width - len(numbers)))
        notes.append("The row ends early (the text may be cut): missing cells are empty.")
    total, parts = numbers[0], numbers[1:]
    if not unit or not _known(unit):
        notes.append(
            f"The unit {unit or '(none printed)'!r} is not one govplan knows; the total "
            f"{total} is kept in this note only."
        )
        unit = unit or "个"
        total = None
    return AllocationRowDraft(
        number, category, name, unit, total, parts, name_cells[0].number, notes=notes
    )


def _known(unit: str) -> bool:
    try:
        parse_quantity(f"1{unit}")
    except (GovplanError, ValueError):
        return False
    return True


def _parents(table: AllocationTable) -> None:
    """Rows whose totals add up to the row before them detail that row (新增公办学位: 幼儿园 …)."""
    rows = table.rows
    for index, row in enumerate(rows):
        if row.total is None:
            continue
        total = Decimal(0)
        children: list[int] = []
        for later in range(index + 1, len(rows)):
            other = rows[later]
            if other.category != row.category or other.total is None or other.unit != row.unit:
                break
            total += other.total
            children.append(later)
            if total >= row.total:
                break
        if len(children) >= 2 and total == row.total:  # noqa: PLR2004 - at least two details
            for child in children:
                rows[child].parent = index
                rows[child].notes.append(
                    f"Read as a detail of {row.name}: the totals of the rows after it add up to "
                    "its total."
                )


#: A cell boundary of a table flattened to one row per line (a web table copied as text):
#: ``1 | 新建学校3所 | 教育局 | 财政局 |``.
_PIPE = "|"
#: A unit a table marks as the lead with a star before its name (*区发改局 区财政局).
_STARRED = re.compile(r"^[*★☆]")
#: A header cell naming the task column: 任务, 实事项目, 工作内容, 重点事项 ….
_TASK_HEADER = re.compile(r"任务|项目|内容|事项|工作|措施|举措|目标")
#: How long a cell of unit names can be.
_UNITS_CELL = 200


@dataclass
class PipeRow:
    """One numbered row of a table printed one row per line, cells separated by ``|``."""

    line: int
    number: str
    task: str
    units: list[tuple[str, Role]]
    #: Headers (or positions) of the cells not read: milestones, officials, remarks.
    skipped: list[str] = field(default_factory=list)
    #: The row stops before its last cells (the text ends inside it).
    cut: bool = False
    #: The row's cells as printed, after its number, and the line it ends on.
    text: str = ""
    end: int = 0


@dataclass
class PipeTable:
    """A table printed one row per line with ``|`` between cells: its header and rows."""

    header: list[str]
    line: int
    rows: list[PipeRow] = field(default_factory=list)

    @property
    def assigns(self) -> bool:
        """Whether its rows name the units responsible for them."""
        return any(row.units for row in self.rows) or any(
            _role_of(head) is not None for head in self.header
        )


def _pipe_cells(raw: str) -> tuple[list[str], bool] | None:
    """The cells of a ``|`` row and whether it closes with ``|``; None for no such row."""
    if raw.count(_PIPE) < 2:  # noqa: PLR2004 - a row has at least two cell boundaries
        return None
    closed = raw.rstrip().endswith(_PIPE)
    parts = raw.rstrip().split(_PIPE)
    if closed:
        parts = parts[:-1]
    return [part.strip() for part in parts], closed


def _unit_names(cell: str) -> list[tuple[str, bool]] | None:
    """The names of a cell of units, each with whether it is starred; None for a work cell.

    Names stand apart by 、 and the like, or by spaces (*区投促局 各镇街 各平台).
    """
    if not cell or len(cell) > _UNITS_CELL or re.search(r"[。:;]", cell):
        return None
    names: list[tuple[str, bool]] = []
    for piece in cell.split():
        starred = bool(_STARRED.match(piece))
        names.extend((name, starred) for name in split_units(piece.lstrip("*★☆")))
    if not names or not any(unit_like(name) for name, _ in names):
        return None
    if any(person_like(name) and not unit_like(name) for name, _ in names):
        return None
    return names


def _pipe_units(
    cells: list[str], roles: list[Role | None]
) -> tuple[list[tuple[str, Role]], set[int]]:
    """The units a row names in its unit cells, and which cells those are.

    Under a header, the cells under 牵头/责任/配合 columns; without one, the row's closing cells
    that list units.  A starred name among unstarred ones is the lead, the others cooperate.
    """
    used: set[int] = set()
    found: list[tuple[str, Role | None, bool]] = []
    if any(role is not None for role in roles):
        for index, role in enumerate(roles):
            if role is None or index >= len(cells):
                continue
            used.add(index)
            names = _unit_names(cells[index]) or []
            found.extend((name, role, starred) for name, starred in names)
    else:
        for index in range(len(cells) - 1, 0, -1):
            closing = _unit_names(cells[index])
            if closing is None:
                break
            used.add(index)
            found[:0] = [(name, None, starred) for name, starred in closing]
    starred = {name for name, _, star in found if star}
    marked = 0 < len(starred) < len(found)
    units: list[tuple[str, Role]] = []
    for name, role, star in found:
        if marked and role in {None, Role.RESPONSIBLE}:
            role = Role.LEAD if star else Role.COOPERATING  # noqa: PLW2901 - the role as read
        units.append((name, role or Role.RESPONSIBLE))
    return units, used


def read_pipe_table(lines: list[Line]) -> PipeTable | None:
    """The numbered rows of a table printed one row per line with ``|`` between cells.

    A row opens with its number (1 | …); a line without one continues the row before it.  The
    header (序号 | 任务 | 责任单位 | 配合单位) names the task and unit columns; without one, the
    first cell after the number is the task and the closing cells that list units its units.
    A last row with fewer cells than the others, or not closed by ``|`` where they are, stops
    before its end.
    """
    header: list[str] = []
    header_line: int | None = None
    texts: list[tuple[int, str, str]] = []  # line, number, raw text after the number
    ends: list[int] = []
    for line in lines:
        cells = _pipe_cells(line.raw)
        first = squeeze(cells[0][0]) if cells and cells[0] else ""
        if cells is not None and first == "序号" and not texts:
            header, header_line = cells[0][1:], line.number
        elif cells is not None and _SERIAL.match(first) and int(first) == len(texts) + 1:
            texts.append((line.number, first, line.raw.split(_PIPE, 1)[1]))
            ends.append(line.number)
        elif texts and cells is None and not texts[-1][2].rstrip().endswith(_PIPE):
            number, serial, raw = texts[-1]
            texts[-1] = (number, serial, raw + display(line.raw))
            ends[-1] = line.number
        elif texts:
            break
    if not texts or (not header and len(texts) < 2):  # noqa: PLR2004 - one bare row is no table
        return None
    roles = [_role_of(head) for head in header]
    task_at = next(
        (
            i
            for i, head in enumerate(header)
            if roles[i] is None
            and not _PERSON_HEADER.search(squeeze(head))
            and _TASK_HEADER.search(squeeze(head))
        ),
        0,
    )
    table = PipeTable(header, header_line or texts[0][0])
    widths = []
    for (number, serial, raw), end in zip(texts, ends, strict=True):
        split = _pipe_cells(_PIPE + raw)
        row_cells, closed = split if split is not None else (["", raw], False)
        row_cells = row_cells[1:]
        widths.append((len(row_cells), closed))
        units, used = _pipe_units(row_cells, roles)
        skipped = [
            header[i] if i < len(header) else f"cell {i + 2}"
            for i in range(len(row_cells))
            if i != task_at and i not in used and row_cells[i]
        ]
        task = row_cells[task_at] if task_at < len(row_cells) else ""
        table.rows.append(PipeRow(number, serial, task, units, skipped, text=display(raw), end=end))
    *others, (width, closed) = widths
    full = max([len(header), *(w for w, _ in others)], default=0)
    if width < full or (others and all(c for _, c in others) and not closed):
        table.rows[-1].cut = True
    return table
