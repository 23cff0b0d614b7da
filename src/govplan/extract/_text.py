"""Text as it arrives, for the extractor: lines, folded characters and joined paragraphs.

The documents reach govplan as web pages copied to text: ASCII or full-width punctuation, stray
spaces inside numbers, markdown ``**`` markers, paragraphs broken over lines, now and then
traditional characters.  Patterns are matched on a *folded* copy of the text (punctuation made
half-width, traditional characters made simplified, ``*`` and whitespace dropped) that keeps,
for every folded character, its position in the raw text, so that what the extractor records
(titles, notes, phrases) is cut from the raw text, as printed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from govplan._numerals import chinese_number
from govplan._text import fold, squeeze

_DROP = re.compile(r"[^\s*]")
_DROPPED = re.compile(r"[\s*]")
_SPACE = re.compile(r"\s+")

#: Characters a line ends with when its sentence (or note) is complete.
TERMINAL = frozenset("。!?;:)”]】〕")


def words_tail(text: str, words: frozenset[str]) -> int:
    """Where the run of *words* that closes *text* starts (``len(text)`` when none closes it).

    What ``re.search("(?:w1|w2|…)+$", text).start()`` finds, without its backtracking: with
    words that are also parts of others (达 and 达到), that search takes time exponential in
    the length of the run, and quadratic in the text even without them.  Here each position
    is tried once, from the end, against the words that fit: linear in the run.
    """
    longest = max(map(len, words))
    closes = [False] * (len(text) + 1)
    closes[len(text)] = True
    start = len(text)
    misses = 0
    for index in range(len(text) - 1, -1, -1):
        reach = min(longest, len(text) - index)
        closes[index] = any(
            closes[index + size] and text[index : index + size] in words
            for size in range(1, reach + 1)
        )
        if closes[index]:
            start, misses = index, 0
        else:
            misses += 1
            if misses >= longest:
                break  # no word reaches a position where the run goes on
    return start


def display(text: str) -> str:
    """The raw text without markdown ``*`` markers and outer whitespace (titles, unit names)."""
    return text.replace("*", "").strip()


def cn_number(text: str) -> int | None:
    """The value of a Chinese numeral (一, 十二, 一百零五) or of digits, or None.

    Kept for the layout's callers; :func:`govplan._numerals.chinese_number` reads it.
    """
    return chinese_number(text)


@dataclass(frozen=True)
class Line:
    """One non-blank line of the document: its 1-based number and its raw text."""

    number: int
    raw: str

    @cached_property
    def light(self) -> str:
        """Folded, without ``*`` markers, whitespace collapsed and stripped (for markers)."""
        return _SPACE.sub(" ", fold(self.raw).replace("*", "")).strip()

    @cached_property
    def clean(self) -> str:
        """Folded, without ``*`` markers and whitespace."""
        return squeeze(self.raw)


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of *text*, numbered as an editor numbers them (split at newlines)."""
    text = text.removeprefix("\ufeff")
    return [
        Line(number, raw.rstrip("\r"))
        for number, raw in enumerate(text.split("\n"), start=1)
        if raw.strip()
    ]


def blank_runs(text: str) -> dict[int, int]:
    """For each non-blank line number, how many blank lines follow it."""
    runs: dict[int, int] = {}
    last: int | None = None
    for number, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        if raw.strip():
            last = number
            runs[number] = 0
        elif last is not None:
            runs[last] += 1
    return runs


def ends_complete(line: Line) -> bool:
    """Whether the line ends a sentence or a note (so the next line starts a new paragraph)."""
    clean = line.clean
    return bool(clean) and clean[-1] in TERMINAL


@dataclass
class Para:
    """Text joined from one or more lines, with its folded form and the way back to the raw.

    ``clean`` is the folded text without ``*`` and whitespace; ``pos[i]`` is the raw index of
    ``clean[i]``.  ``line_at`` gives the source line of a folded position.
    """

    raw: str
    offsets: list[int]
    numbers: list[int]
    clean: str = field(init=False)
    pos: list[int] = field(init=False)

    def __post_init__(self) -> None:
        folded = fold(self.raw)
        if _DROPPED.search(self.raw) is None:
            self.pos = list(range(len(self.raw)))
            self.clean = folded
        else:
            self.pos = [m.start() for m in _DROP.finditer(self.raw)]
            self.clean = "".join(folded[i] for i in self.pos)

    @classmethod
    def of(cls, lines: Sequence[Line], separators: Sequence[str] | None = None) -> Para:
        """Join *lines*; ``separators[i]`` goes before line i+1 (default: nothing)."""
        raw_parts: list[str] = []
        offsets: list[int] = []
        size = 0
        for index, line in enumerate(lines):
            if index:
                sep = separators[index - 1] if separators else ""
                raw_parts.append(sep)
                size += len(sep)
            text = line.raw.strip()
            offsets.append(size)
            raw_parts.append(text)
            size += len(text)
        return cls("".join(raw_parts), offsets, [line.number for line in lines])

    @property
    def line(self) -> int:
        """The line the text starts on."""
        return self.numbers[0] if self.numbers else 1

    def line_at(self, index: int) -> int:
        """Source line of the folded position *index*."""
        if not self.numbers:
            return 1
        raw_index = self.pos[min(index, len(self.pos) - 1)] if self.pos else 0
        return self.numbers[max(0, bisect.bisect_right(self.offsets, raw_index) - 1)]

    def raw_index(self, index: int) -> int:
        """Raw index of the folded position *index* (the raw end for the folded end)."""
        if index >= len(self.pos):
            return len(self.raw)
        return self.pos[index]

    def clean_index(self, raw_index: int) -> int:
        """The folded position of the first folded character at or after *raw_index*."""
        return bisect.bisect_left(self.pos, raw_index)

    @property
    def first_line_end(self) -> int:
        """The folded position where the text's first line ends."""
        return self.clean_index(self.offsets[1]) if len(self.offsets) > 1 else len(self.clean)

    def span(self, start: int, end: int) -> str:
        """The raw text from folded position *start* to *end* (exclusive), as printed."""
        if end <= start or start >= len(self.pos):
            return ""
        return self.raw[self.pos[start] : self.pos[min(end, len(self.pos)) - 1] + 1]

    def tail(self, start: int) -> str:
        """The raw text from folded position *start* to the end."""
        return self.raw[self.raw_index(start) :].strip()

    def sub(self, start: int, end: int | None = None) -> Para:
        """The part from folded *start* to *end* as a paragraph of its own (lines kept)."""
        end = len(self.pos) if end is None else end
        if end <= start or start >= len(self.pos):
            return Para("", [0], [self.line_at(start)])
        raw_start, raw_end = self.pos[start], self.pos[end - 1] + 1
        offsets: list[int] = []
        numbers: list[int] = []
        for offset, number in zip(self.offsets, self.numbers, strict=True):
            if offset < raw_end:
                offsets.append(max(0, offset - raw_start))
                numbers.append(number)
        while len(offsets) > 1 and offsets[1] == 0:
            offsets.pop(0)
            numbers.pop(0)
        return Para(self.raw[raw_start:raw_end], offsets, numbers)


def join_paras(paras: Iterable[Para], separator: str = "\n") -> Para:
    """Join several paragraphs into one, keeping their lines."""
    raw_parts: list[str] = []
    offsets: list[int] = []
    numbers: list[int] = []
    size = 0
    for index, para in enumerate(paras):
        if index:
            raw_parts.append(separator)
            size += len(separator)
        offsets.extend(size + offset for offset in para.offsets)
        numbers.extend(para.numbers)
        raw_parts.append(para.raw)
        size += len(para.raw)
    if not numbers:
        return Para("", [0], [1])
    return Para("".join(raw_parts), offsets, numbers)


def paragraphs(lines: Sequence[Line], starts: Iterable[int] = ()) -> list[Para]:
    """Group lines into paragraphs.

    A line continues the previous one unless that one ended complete (。 ) ; …) or the line
    is listed in *starts* (by line number).
    """
    forced = set(starts)
    groups: list[list[Line]] = []
    for line in lines:
        if groups and line.number not in forced and not ends_complete(groups[-1][-1]):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [Para.of(group) for group in groups]
