"""Seeded mutators of plan files and plan documents, and the promises every input must keep.

One module for the two users of the mutators: the Hypothesis tests (``tests/test_fuzz.py``,
through the ``fuzz_inputs`` strategy of ``tests/strategies.py``) and the fuzzer
(``scripts/fuzz.py``, which puts ``tests/`` on ``sys.path``).  It needs only govplan and the
standard library, so the fuzzer runs without Hypothesis, and it lives under ``tests/`` so that
mypy checks it strictly with the tests.

Every mutator is a plain function of a :class:`random.Random`: the fuzzer seeds one per input
(``Random(f"{seed}/{index}")``, the same input on every run), Hypothesis passes its own, whose
draws it records and shrinks.  The promise under test (:func:`run`): for any text or bytes,
``load``, ``loads`` and ``extract`` return or raise a :class:`~govplan.GovplanError`;
``validate`` and ``validates`` return a :class:`~govplan.Report`; every campaign any of them
returns dumps to YAML and JSON and loads back equal; ``stats`` and the report of it return or
raise a GovplanError.
"""

from __future__ import annotations

import codecs
import functools
import json
import random
import re
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

import attrs
import yaml

import govplan as gp

__all__ = [
    "DOCUMENT_FOLDERS",
    "LIMIT",
    "TARGETS",
    "BrokenPromiseError",
    "Input",
    "Seed",
    "Seeds",
    "decode",
    "default_seeds",
    "encode",
    "make_input",
    "run",
]

Target = Literal["load", "loads", "validate", "validates", "extract", "upgrade"]
Format = Literal["yaml", "json", "txt"]

#: The five functions fed with mutated inputs; ``extract`` reads documents, the others plans.
TARGETS: tuple[Target, ...] = ("load", "loads", "validate", "validates", "extract", "upgrade")
#: Inputs up to this many bytes (UTF-8) must each take under a second; larger ones are "big".
LIMIT = 200_000
#: Folders of plan documents (plain text) for ``extract``; used when present, never required.
DOCUMENT_FOLDERS = (
    Path(__file__).resolve().parents[2] / "shared" / "seeds",
    Path(__file__).resolve().parents[2] / "shared" / "corpus",
)


# Texts may hold lone surrogates (Unicode oddities, undecodable bytes): as bytes, U+DC80..U+DCFF
# stand for the undecodable byte they were decoded from, other surrogates are written as their
# three-byte (invalid UTF-8) form, so that a file holds exactly what the text names.
def _surrogates(exc: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = bytearray()
    for char in exc.object[exc.start : exc.end]:
        point = ord(char)
        if 0xDC80 <= point <= 0xDCFF:
            out.append(point - 0xDC00)
        else:
            out += bytes((0xE0 | point >> 12, 0x80 | (point >> 6 & 0x3F), 0x80 | (point & 0x3F)))
    return bytes(out), exc.end


codecs.register_error("govplan-fuzz", _surrogates)


def encode(text: str) -> bytes:
    """*text* as the bytes of a file, lone surrogates included (see the module's comment)."""
    return text.encode("utf-8", "govplan-fuzz")


def decode(raw: bytes) -> str:
    """*raw* as text: undecodable bytes become U+DC80..U+DCFF, as :func:`encode` reads them."""
    return raw.decode("utf-8", "surrogateescape")


@attrs.frozen(kw_only=True)
class Seed:
    """A text the mutators start from: a plan (YAML or JSON) or a document (plain text)."""

    #: Where it came from, e.g. ``fenghuang-2023-sample.yaml`` or ``changde-2023[trim].json``.
    name: str
    #: ``yaml`` or ``json`` for plans, ``txt`` for documents.
    fmt: Format
    text: str
    #: The plan's data as compact JSON, for the structure mutators ("" for documents).
    data: str = ""


@attrs.frozen(kw_only=True)
class Seeds:
    """Every seed one run draws from."""

    plans: tuple[Seed, ...]
    documents: tuple[Seed, ...]
    #: Plans over :data:`LIMIT` bytes (the full examples), for the rare large inputs.
    big_plans: tuple[Seed, ...] = ()
    #: Whole documents (the pieces of ``documents`` come from them), for the rare large inputs.
    big_documents: tuple[Seed, ...] = ()


def _preview(text: str) -> str:
    """The start and the size of *text*, for reprs that stay readable."""
    return repr(text) if len(text) <= 300 else f"{text[:300]!r}... ({len(text)} characters)"


@attrs.frozen(kw_only=True)
class Input:
    """One fuzz input: the text, the function it is fed to and how it was made."""

    target: Target
    #: Suffix of the file ``load`` and ``validate`` read (``yaml``/``json``); ``txt`` for documents.
    fmt: Format
    text: str = attrs.field(repr=_preview)
    seed: str
    mutations: tuple[str, ...]
    #: ``loads`` and ``validates`` get the file's bytes instead of the text.
    binary: bool = False

    @property
    def size(self) -> int:
        """Bytes of the text as a file."""
        return len(encode(self.text))

    @property
    def big(self) -> bool:
        """Larger than :data:`LIMIT`: outside the one-second promise."""
        return self.size > LIMIT

    def to_dict(self) -> dict[str, Any]:
        """Plain data, for the fuzzer's reproducer files (JSON escapes lone surrogates)."""
        return {
            "target": self.target,
            "fmt": self.fmt,
            "seed": self.seed,
            "mutations": list(self.mutations),
            "binary": self.binary,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Input:
        """The input :meth:`to_dict` wrote."""
        return cls(
            target=data["target"],
            fmt=data["fmt"],
            text=data["text"],
            seed=data.get("seed", "?"),
            mutations=tuple(data.get("mutations", ())),
            binary=data.get("binary", False),
        )


# ---------------------------------------------------------------------------------------------
# Seeds


def _yaml(data: Any, *, width: int = 1_000_000) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(
        data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=width, indent=2
    )


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _lists(data: Any) -> Iterator[list[Any]]:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            yield value
            stack.extend(value)


def _sizes(value: Any, sizes: dict[int, tuple[int, list[Any]]]) -> int:
    """About how many bytes *value* takes as JSON; each list's size goes into *sizes*."""
    if isinstance(value, dict):
        return sum(len(encode(k)) + 4 + _sizes(v, sizes) for k, v in value.items()) + 2
    if isinstance(value, list):
        size = sum(_sizes(v, sizes) + 2 for v in value) + 2
        sizes[id(value)] = (size, value)
        return size
    return len(encode(json.dumps(value, ensure_ascii=False)))


def _trim(data: Any, budget: int) -> Any:
    """A copy of *data* whose largest lists lost their second halves until it fits *budget* bytes.

    Sizes are those of compact JSON; the indented JSON and YAML seeds are about a third larger.
    """
    data = json.loads(json.dumps(data))
    while True:
        sizes: dict[int, tuple[int, list[Any]]] = {}
        if _sizes(data, sizes) * 4 // 3 <= budget:
            return data
        halvable = [(size, value) for size, value in sizes.values() if len(value) > 1]
        if not halvable:
            return data
        _, largest = max(halvable, key=lambda pair: pair[0])
        del largest[(len(largest) + 1) // 2 :]


def _strings(data: Any) -> Iterator[str]:
    """The text values of *data* in document order."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            stack.extend(reversed(value))


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _document_of(data: Any, budget: int) -> str:
    """A stand-in document: the Chinese text fields of a plan, one a line."""
    text = "\n".join(s for s in _strings(data) if _CJK.search(s))
    return text.encode()[:budget].decode("utf-8", "ignore")


def _windows(name: str, text: str, budget: int) -> Iterator[Seed]:
    """*text* in pieces of whole lines, each at most *budget* bytes (longer lines are cut)."""
    piece: list[str] = []
    size = 0
    number = 0
    for line in [*text.splitlines(keepends=True), None]:
        length = len(encode(line)) if line is not None else 0
        if piece and (line is None or size + length > budget):
            label = f"{name}[{number}]" if number or line is not None else name
            yield Seed(name=label, fmt="txt", text="".join(piece))
            piece, size, number = [], 0, number + 1
        if line is not None:
            piece.append(
                line if length <= budget else line.encode()[:budget].decode("utf-8", "ignore")
            )
            size += min(length, budget)


@functools.cache
def _examples() -> tuple[tuple[str, str, str], ...]:
    """(name, YAML text, data as JSON) of every bundled example, read once."""
    found = []
    for name in gp.examples.names():
        text = gp.examples.path(name).read_text(encoding="utf-8")
        found.append((name, text, gp.dumps(gp.loads(text), "json")))
    return tuple(found)


@functools.cache
def default_seeds(
    budget: int = 40_000, folders: tuple[Path, ...] = DOCUMENT_FOLDERS, *, documents: bool = True
) -> Seeds:
    """Seeds from the bundled examples (YAML and JSON) and the documents of *folders*.

    Examples over *budget* bytes keep the first halves of their largest lists; their full text
    goes to ``big_plans``.  Documents are the ``*.txt`` files of *folders*, in pieces of at most
    *budget* bytes (whole documents go to ``big_documents``); without any (or with *documents*
    False) the examples' own Chinese text fields stand in for them.
    """
    plans: list[Seed] = []
    big: list[Seed] = []
    fallback: list[Seed] = []
    for name, text, dumped in _examples():
        data = json.loads(dumped)
        if len(encode(text)) > LIMIT:
            big.append(Seed(name=f"{name}.yaml", fmt="yaml", text=text))
        trimmed = _trim(data, budget)
        compact = json.dumps(trimmed, ensure_ascii=False)
        cut = "" if trimmed == data else "[trim]"
        plain = text if not cut else _yaml(trimmed)
        plans.append(Seed(name=f"{name}{cut}.yaml", fmt="yaml", text=plain, data=compact))
        plans.append(Seed(name=f"{name}{cut}.json", fmt="json", text=_json(trimmed), data=compact))
        fallback.append(Seed(name=f"{name}.txt", fmt="txt", text=_document_of(data, budget)))
    whole = [
        Seed(name=path.name, fmt="txt", text=path.read_text(encoding="utf-8"))
        for folder in (folders if documents else ())
        if folder.is_dir()
        for path in sorted(folder.glob("*.txt"))
    ]
    pieces = [piece for seed in whole for piece in _windows(seed.name, seed.text, budget)]
    return Seeds(
        plans=tuple(plans),
        documents=tuple(pieces or fallback),
        big_plans=tuple(big),
        big_documents=tuple(whole or fallback),
    )


# ---------------------------------------------------------------------------------------------
# Text mutators: (rng, text, room) -> text, room being the bytes an input may still grow by.

TextMutator = Callable[[random.Random, str, int], str]

_INVALID_UTF8 = (
    b"\xff",
    b"\xfe\xff",
    b"\xc3",
    b"\x80",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\xed\xbf\xbf",
    b"\xf4\x90\x80\x80",
    b"\xe4\xb8",
)
#: Characters that break naive text handling: NUL, BOM, line and paragraph separators, bidi
#: marks, zero width, combining marks, noncharacters, lone surrogates, C1 and C0 controls.
ODDITIES = (
    "\x00",
    "\ufeff",
    "\u2028",
    "\u2029",
    "\u200f",
    "\u202e",
    "\u200b",
    "\u0301",
    "\u0338" * 50,
    "\ufffd",
    "\uffff",
    "\U0010ffff",
    "\x85",
    "\x1b",
    "\r",
    "\t",
    "\x7f",
    "\ud800",
    "\udfff",
    "\u3000",
    "\uff1a",
    "\xa0",
    "\U0001f600",
    "e\u0301",
)


def _position(rng: random.Random, text: str) -> int:
    return rng.randint(0, len(text))


def _span(rng: random.Random, text: str, longest: int = 64) -> tuple[int, int]:
    start = rng.randint(0, max(len(text) - 1, 0))
    return start, min(len(text), start + rng.randint(1, longest))


def _on_bytes(change: Callable[[random.Random, bytearray, int], None]) -> TextMutator:
    def mutate(rng: random.Random, text: str, room: int) -> str:
        raw = bytearray(encode(text))
        change(rng, raw, room)
        return decode(bytes(raw))

    mutate.__name__ = change.__name__
    return mutate


@_on_bytes
def flip_bit(rng: random.Random, raw: bytearray, _room: int) -> None:
    """Flip one bit of one byte."""
    if raw:
        raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)


@_on_bytes
def insert_bytes(rng: random.Random, raw: bytearray, _room: int) -> None:
    """Insert a few random bytes."""
    at = rng.randint(0, len(raw))
    raw[at:at] = rng.randbytes(rng.randint(1, 8))


@_on_bytes
def delete_bytes(rng: random.Random, raw: bytearray, _room: int) -> None:
    """Delete a span of bytes."""
    if raw:
        start = rng.randrange(len(raw))
        del raw[start : start + rng.randint(1, 256)]


@_on_bytes
def duplicate_bytes(rng: random.Random, raw: bytearray, room: int) -> None:
    """Repeat a span of bytes where it stands."""
    if raw:
        start = rng.randrange(len(raw))
        span = raw[start : start + rng.randint(1, 4096)]
        copies = min(rng.choice((1, 2, 10, 100)), max(room // max(len(span), 1), 1))
        raw[start:start] = span * copies


@_on_bytes
def truncate(rng: random.Random, raw: bytearray, _room: int) -> None:
    """Cut the text off at a random byte."""
    del raw[rng.randint(0, len(raw)) :]


@_on_bytes
def invalid_utf8(rng: random.Random, raw: bytearray, _room: int) -> None:
    """Insert a byte sequence that is not UTF-8 (a lone surrogate, a cut sequence, 0xFF)."""
    at = rng.randint(0, len(raw))
    raw[at:at] = rng.choice(_INVALID_UTF8)


def oddity(rng: random.Random, text: str, _room: int) -> str:
    """Insert one of :data:`ODDITIES`, or replace one character with it."""
    at = _position(rng, text)
    end = at + rng.choice((0, 1))
    return text[:at] + rng.choice(ODDITIES) + text[end:]


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) or [""]


def duplicate_line(rng: random.Random, text: str, room: int) -> str:
    """Repeat one line (a few times, or many when there is room)."""
    lines = _lines(text)
    at = rng.randrange(len(lines))
    copies = min(rng.choice((1, 1, 2, 50, 1000)), max(room // max(len(lines[at]) * 3, 1), 1))
    lines[at:at] = [lines[at]] * copies
    return "".join(lines)


def delete_line(rng: random.Random, text: str, _room: int) -> str:
    """Delete one line."""
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "".join(lines)


def swap_lines(rng: random.Random, text: str, _room: int) -> str:
    """Exchange two lines."""
    lines = _lines(text)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return "".join(lines)


def indent_line(rng: random.Random, text: str, _room: int) -> str:
    """Indent one line by one, two or three spaces, or a tab."""
    lines = _lines(text)
    at = rng.randrange(len(lines))
    lines[at] = rng.choice((" ", "  ", "   ", "\t")) + lines[at]
    return "".join(lines)


def dedent_line(rng: random.Random, text: str, _room: int) -> str:
    """Take one or two spaces off the start of an indented line."""
    lines = _lines(text)
    indented = [i for i, line in enumerate(lines) if line.startswith(" ")] or [0]
    at = rng.choice(indented)
    lines[at] = lines[at][rng.choice((1, 2)) :]
    return "".join(lines)


def digit_run(rng: random.Random, text: str, room: int) -> str:
    """Insert a run of digits (30 to 10,000), or put one in place of a number."""
    run = rng.choice("0123456789") * min(rng.choice((30, 300, 4301, 10_000)), max(room, 1))
    found = list(_NUMBER.finditer(text, 0, 200_000))
    if found and rng.random() < 0.5:
        match = rng.choice(found)
        return text[: match.start()] + run + text[match.end() :]
    at = _position(rng, text)
    return text[:at] + run + text[at:]


_NUMBER = re.compile(r"(?<![\d.])-?\d+(?:\.\d+)?(?![\d])")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_QUANTITY = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)(万亩|亩|亿元|万元|元|%|家|个|件|人次|人|所|公里|吨|户|座)"
)
_DOUBLE_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_YAML_VALUE = re.compile(r"(?<=: )[^\n]+$", re.MULTILINE)
#: Numbers no plan has: beyond Decimal's 28 digits, float's range, the int-to-text limit.
HUGE_NUMBERS = (
    "1" + "0" * 40,
    "-1" + "0" * 40,
    "1e400",
    "-1e400",
    "1e-400",
    "-0",
    "-0.0",
    "0." + "3" * 30,
    "123456789012345678901234567890.5",
    "9" * 29,
    str(2**63),
    str(2**64 + 1),
    "1e308",
    "0x1F",
    "1_000",
    ".inf",
    ".nan",
    "1e28",
)
YEARS = ("99999", "10000", "9999", "0", "0000", "-1", "1", str(2**31), "1" + "0" * 40)
#: JSON (and YAML double-quoted) escapes that decode to lone surrogates or NUL.
ESCAPES = ("\\udfff", "\\ud800", "\\udc00", "x\\udfffy", "\\ud83d", "\\u0000", "\\ud800\\udc00")


def _replace_match(
    rng: random.Random, pattern: re.Pattern[str], text: str, new: Callable[[re.Match[str]], str]
) -> str:
    found = list(pattern.finditer(text))
    if not found:
        return text
    match = rng.choice(found)
    return text[: match.start()] + new(match) + text[match.end() :]


def swap_quotes(rng: random.Random, text: str, _room: int) -> str:
    """Turn one quote into the other kind, or delete it."""
    quotes = [i for i, c in enumerate(text) if c in "\"'"]
    if not quotes:
        return text
    at = rng.choice(quotes)
    new = rng.choice(("", "'" if text[at] == '"' else '"', "\u201c"))
    return text[:at] + new + text[at + 1 :]


def delete_colon(rng: random.Random, text: str, _room: int) -> str:
    """Delete one colon (or put a full-width one in its place)."""
    colons = [i for i, c in enumerate(text) if c == ":"]
    if not colons:
        return text
    at = rng.choice(colons)
    return text[:at] + rng.choice(("", "：", "::")) + text[at + 1 :]


def huge_number(rng: random.Random, text: str, _room: int) -> str:
    """Put one of :data:`HUGE_NUMBERS` in place of a number."""
    return _replace_match(rng, _NUMBER, text, lambda _: rng.choice(HUGE_NUMBERS))


def year(rng: random.Random, text: str, _room: int) -> str:
    """Put one of :data:`YEARS` in place of a year (in ``year:``, a date or a 文号)."""
    return _replace_match(rng, _YEAR, text, lambda _: rng.choice(YEARS))


def lone_surrogate(rng: random.Random, text: str, _room: int) -> str:
    """Put an escaped lone surrogate (``"\\udfff"``) in place of a quoted or plain value."""
    escape = rng.choice(ESCAPES)
    found = list(_DOUBLE_QUOTED.finditer(text)) + list(_YAML_VALUE.finditer(text))
    if not found:
        return text
    match = rng.choice(found)
    return text[: match.start()] + f'"{escape}"' + text[match.end() :]


def long_unit(rng: random.Random, text: str, room: int) -> str:
    """Give a quantity a unit name of up to 20,000 letters, or a number of up to 10,000 digits."""
    size = min(rng.choice((100, 2000, 20_000)), max(room // 3, 1))

    def new(match: re.Match[str]) -> str:
        letters = rng.choice(("亩", "abc", match.group(2), "万"))
        if rng.random() < 0.5:
            return match.group(1) + (letters * size)[:size]
        return "1" * size + match.group(2)

    return _replace_match(rng, _QUANTITY, text, new)


# ---------------------------------------------------------------------------------------------
# Document mutators (for extract)

DEADLINES = (
    "6月底前",
    "年底前",
    "四季度前",
    "2023年6月底前",
    "（6月底前完成）",
    "每季度",
    "长期坚持",
)
PUNCTUATION = "、;:()（）：；，。《》〔〕——“”…"
HEADINGS = (
    "一、",
    "（一）",
    "1.",
    "(1)",
    "附件3",
    "牵头单位：",
    "责任单位：县发改局、县财政局",
    "（县发改局牵头，各乡镇配合）",
    "——",
    "|",
    "\t",
    "凤政办发〔2023〕2号",
)


def deadlines(rng: random.Random, text: str, room: int) -> str:
    """Insert a run of deadline phrases (6月底前 ...), up to thousands of them."""
    phrase = rng.choice(DEADLINES) + rng.choice(("", "，", "、", "\n"))
    copies = min(rng.choice((2, 20, 500, 5000)), max(room // max(len(encode(phrase)), 1), 1))
    at = _position(rng, text)
    return text[:at] + phrase * copies + text[at:]


def random_cjk(rng: random.Random, text: str, room: int) -> str:
    """Insert random CJK characters (up to 3,000)."""
    size = min(rng.choice((5, 50, 3000)), max(room // 3, 1))
    at = _position(rng, text)
    return text[:at] + "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(size)) + text[at:]


def punctuation(rng: random.Random, text: str, room: int) -> str:
    """Insert a run of the documents' punctuation 、;:() (up to 3,000)."""
    size = min(rng.choice((3, 30, 3000)), max(room // 3, 1))
    at = _position(rng, text)
    return text[:at] + "".join(rng.choice(PUNCTUATION) for _ in range(size)) + text[at:]


def heading(rng: random.Random, text: str, _room: int) -> str:
    """Insert a heading, item marker, responsibility note or 文号 at the start of a line."""
    lines = _lines(text)
    at = rng.randrange(len(lines))
    lines[at] = rng.choice(HEADINGS) + lines[at]
    return "".join(lines)


# ---------------------------------------------------------------------------------------------
# Structure mutators: (rng, data, room) change the plan's data in place; they return the text to
# put where they left :data:`SPLICE` (nesting too deep for the YAML writer), or None.

StructureMutator = Callable[[random.Random, Any, int], str | None]
SPLICE = "FUZZSPLICE"

Slot = tuple[Any, Any]  # (container, key or index)


def _slots(data: Any) -> list[Slot]:
    slots: list[Slot] = []
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            slots.extend((value, key) for key in value)
            stack.extend(value.values())
        elif isinstance(value, list):
            slots.extend((value, index) for index in range(len(value)))
            stack.extend(value)
    return slots


def _slot(rng: random.Random, data: Any, keep: Callable[[Any, Any], bool] | None = None) -> Slot:
    slots = _slots(data)
    if keep is not None:
        slots = [(c, k) for c, k in slots if keep(c, k)]
    return rng.choice(slots) if slots else ({}, "")


def delete_key(rng: random.Random, data: Any, _room: int) -> None:
    """Delete one key (required or not) of one mapping."""
    container, key = _slot(rng, data, lambda c, _: isinstance(c, dict))
    container.pop(key, None)


def change_type(rng: random.Random, data: Any, _room: int) -> None:
    """Give one value another type: text, number, list, mapping, null, boolean."""
    container, key = _slot(rng, data)
    if key == "" and not container:
        return
    old = container[key]
    container[key] = rng.choice(
        ("", "x", 0, -1, 1.5, True, None, [], {}, [old], {"x": old}, str(old), 2023)
    )


def huge_list(rng: random.Random, data: Any, room: int) -> None:
    """Repeat one element of a list (hundreds to thousands of times, as room allows)."""
    lists = [v for v in _lists(data) if v]
    if not lists:
        return
    target = rng.choice(lists)
    item = rng.choice(target)
    copies = min(rng.choice((10, 1000, 10_000)), max(room // max(len(_json(item)), 1), 1))
    target.extend([item] * copies)


def duplicate_id(rng: random.Random, data: Any, _room: int) -> None:
    """Give one element the id of another."""
    with_id = [c for c, k in _slots(data) if isinstance(c, dict) and k == "id"]
    if len(with_id) > 1:
        a, b = rng.sample(with_id, 2)
        b["id"] = a["id"]


def unknown_key(rng: random.Random, data: Any, _room: int) -> None:
    """Add a key the schema does not know to one mapping."""
    mappings = [c for c, _ in _slots(data) if isinstance(c, dict)] or [data]
    target = rng.choice(mappings)
    if isinstance(target, dict):
        name = rng.choice(("x", "Title", "title ", "battles_", "", "~1/", "\u200bid", "year2"))
        target[name] = rng.choice((1, "x", None, [], {"y": 1}))


_ENUM_KEYS = {"kind", "role", "level", "precision", "comparator", "modality", "schema_version"}


def wrong_enum(rng: random.Random, data: Any, _room: int) -> None:
    """Give an enumerated field (kind, role, level ...) a value outside its list."""
    container, key = _slot(rng, data, lambda c, k: isinstance(c, dict) and k in _ENUM_KEYS)
    if key:
        container[key] = rng.choice(("bogus", "", "LEAD", 1, None, "lead ", "county\u200b"))


def _inside(value: Any) -> set[int]:
    return {id(c) for c, _ in _slots(value)} | {id(value)}


def swap_subtrees(rng: random.Random, data: Any, _room: int) -> None:
    """Exchange two values that are not inside one another."""
    slots = _slots(data)
    if len(slots) < 2:
        return
    for _ in range(10):
        (ca, ka), (cb, kb) = rng.sample(slots, 2)
        a, b = ca[ka], cb[kb]
        if id(cb) in _inside(a) or id(ca) in _inside(b):
            continue
        ca[ka], cb[kb] = b, a
        return


def set_number(rng: random.Random, data: Any, _room: int) -> None:
    """Put a huge, tiny, negative or negative-zero number in place of a number."""
    container, key = _slot(
        rng, data, lambda c, k: isinstance(c[k], int | float) and not isinstance(c[k], bool)
    )
    if key != "" or container:
        container[key] = rng.choice(
            (10**40, -(10**40), 1e300, -0.0, 0, -1, 2**63, 2**64 + 1, 1e-300, 10**4000)
        )


_DATE = re.compile(r"\A\d{4}-\d\d-\d\d\Z")


def set_year(rng: random.Random, data: Any, _room: int) -> None:
    """Give the plan a year such as 99999 or 0, or a date a day that does not exist."""
    dates = [(c, k) for c, k in _slots(data) if isinstance(c[k], str) and _DATE.match(c[k])]
    if dates and rng.random() < 0.5:
        container, key = rng.choice(dates)
        container[key] = rng.choice(
            ("9999-12-31", "0001-01-01", "10000-01-01", "2023-02-30", "2023-13-01", "0000-01-01")
        )
    elif isinstance(data, dict):
        data["year"] = rng.choice((99999, 0, -1, 10000, 9999, 1, 2**31, 10**40))


_QUANTITY_VALUE = re.compile(r"\A-?\d[\d.]*\D")


def set_quantity(rng: random.Random, data: Any, room: int) -> None:
    """Put an odd quantity (a 20,000-letter unit, 40 digits, 1e400, full-width digits) in place."""
    container, key = _slot(
        rng, data, lambda c, k: isinstance(c[k], str) and bool(_QUANTITY_VALUE.match(c[k]))
    )
    if key == "" and not container:
        return
    size = min(rng.choice((100, 20_000)), max(room // 3, 1))
    container[key] = rng.choice(
        (
            "5" + "亩" * size,
            "5" + ("abc" * size)[:size],
            "1" * 40 + "万元",
            "1" * size + "亩",
            "1e400万元",
            "-0万元",
            "0." + "3" * 30 + "万亩",
            "5 万亩",
            "5万亩万亩",
            "5~3万亩",
            "NaN万元",
            "∞万元",
            "５万亩",
            "5亩" * 10,
        )
    )


def deep_nesting(rng: random.Random, data: Any, room: int) -> str:
    """Put lists or mappings nested 10 to 5,000 deep in place of one value."""
    container, key = _slot(rng, data)
    depth = min(rng.choice((10, 60, 63, 64, 65, 100, 1000, 5000)), max(room // 8, 1))
    container[key] = SPLICE
    if rng.random() < 0.5:
        return "[" * depth + "1" + "]" * depth
    return '{"a": ' * depth + "1" + "}" * depth


def long_nested_keys(rng: random.Random, data: Any, room: int) -> str:
    """Put mappings nested ~60 deep under long keys, with many keys at the bottom, in place.

    The positions map keeps one JSON pointer per element, each the length of its whole path.
    """
    container, key = _slot(rng, data)
    depth = rng.choice((8, 30, 60))
    length = rng.choice((100, 500, 1000))
    siblings = max(min(rng.choice((10, 1000, 10_000)), (room - depth * length) // 12), 1)
    container[key] = SPLICE
    keys = [rng.choice("kk键") * length + str(level) for level in range(depth)]
    bottom = ", ".join(f'"s{i}": {i}' for i in range(siblings))
    return "".join(f'{{"{k}": ' for k in keys) + "{" + bottom + "}" + "}" * depth


def long_string(rng: random.Random, data: Any, room: int) -> None:
    """Put a long text (up to 100,000 characters) in place of a text value."""
    container, key = _slot(rng, data, lambda c, k: isinstance(c[k], str))
    if key == "" and not container:
        return
    size = min(rng.choice((1000, 100_000)), max(room // 3, 1))
    container[key] = (rng.choice(("任务", "a", "6月底前", "1")) * size)[:size]


# ---------------------------------------------------------------------------------------------
# Making inputs

#: Mutators of any text, plan or document.
TEXT_MUTATORS: tuple[TextMutator, ...] = (
    flip_bit,
    insert_bytes,
    delete_bytes,
    duplicate_bytes,
    truncate,
    invalid_utf8,
    oddity,
    duplicate_line,
    delete_line,
    swap_lines,
    digit_run,
)
#: Mutators of plan text (YAML or JSON).
PLAN_MUTATORS: tuple[TextMutator, ...] = (
    *TEXT_MUTATORS,
    indent_line,
    dedent_line,
    swap_quotes,
    delete_colon,
    huge_number,
    year,
    lone_surrogate,
    long_unit,
)
#: Mutators of document text (what extract reads).
DOCUMENT_MUTATORS: tuple[TextMutator, ...] = (
    *TEXT_MUTATORS,
    deadlines,
    random_cjk,
    punctuation,
    heading,
    truncate,
)
STRUCTURE_MUTATORS: tuple[StructureMutator, ...] = (
    delete_key,
    change_type,
    huge_list,
    duplicate_id,
    unknown_key,
    wrong_enum,
    swap_subtrees,
    set_number,
    set_year,
    set_quantity,
    deep_nesting,
    long_nested_keys,
    long_string,
)


def _serialise(rng: random.Random, data: Any, fmt: Format) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=rng.random() < 0.3, indent=rng.choice((None, 2)))
    return _yaml(data, width=rng.choice((80, 1_000_000)))


def _restructure(rng: random.Random, seed: Seed, room: int) -> tuple[str, str]:
    mutator = rng.choice(STRUCTURE_MUTATORS)
    data = json.loads(seed.data)
    splice = mutator(rng, data, room)
    text = _serialise(rng, data, seed.fmt)
    if splice is not None:
        text = text.replace(f'"{SPLICE}"', splice, 1).replace(SPLICE, splice, 1)
    return mutator.__name__, text


def _cap(text: str, limit: int) -> str:
    return decode(encode(text)[:limit])


def _mutate(
    rng: random.Random, seed: Seed, mutators: tuple[TextMutator, ...], limit: int
) -> tuple[str, tuple[str, ...]]:
    text = seed.text
    names: list[str] = []
    steps = rng.choice((1, 1, 1, 2, 2, 3))
    if seed.data and rng.random() < 0.4:
        name, text = _restructure(rng, seed, limit - len(encode(seed.text)))
        names.append(name)
        steps -= 1
    for _ in range(steps):
        mutator = rng.choice(mutators)
        names.append(mutator.__name__)
        text = mutator(rng, text, limit - len(encode(text)))
    if len(encode(text)) > limit:
        names.append("cap")
        text = _cap(text, limit)
    return text, tuple(names)


def _large(rng: random.Random, target: Target, seeds: Seeds) -> Input:
    """One of the rare large inputs: whole documents and examples, or over :data:`LIMIT` bytes.

    Whole documents (up to 130 KB) stay under the one-second promise; the full examples (over
    200 KB), a megabyte of nested long keys, a 400,000-letter unit and megabyte documents do not.
    """
    if target == "extract":
        choice = rng.choice(("document", "document", "documents", "deadlines", "digits"))
        documents = "\n".join(s.text for s in seeds.big_documents)
        if choice == "document":
            seed = rng.choice(seeds.big_documents)
            mutator = rng.choice(DOCUMENT_MUTATORS)
            text = mutator(rng, seed.text, LIMIT - len(encode(seed.text)))
            return Input(
                target=target, fmt="txt", text=text, seed=seed.name, mutations=(mutator.__name__,)
            )
        if choice == "documents":
            text = documents * (1 + LIMIT // max(len(encode(documents)), 1))
        elif choice == "deadlines":
            text = documents[:2000] + "6月底前，" * 100_000
        else:
            text = documents[:2000] + "1" * 1_000_000
        return Input(target=target, fmt="txt", text=text, seed="documents", mutations=(choice,))
    choice = rng.choice(("example", "example", "long_nested_keys", "long_unit"))
    base = rng.choice(seeds.big_plans or seeds.plans)
    if choice == "example":
        text, names = base.text, ("example",)
        if rng.random() < 0.5:
            mutator = rng.choice(PLAN_MUTATORS)
            text, names = mutator(rng, text, 1 << 20), (mutator.__name__,)
        return Input(target=target, fmt="yaml", text=text, seed=base.name, mutations=names)
    if choice == "long_nested_keys":
        keys = ["k" * 1000 + str(level) for level in range(60)]
        bottom = ", ".join(f'"s{i}": {i}' for i in range(80_000))
        nested = "".join(f'{{"{k}": ' for k in keys) + "{" + bottom + "}" + "}" * 60
        text = f'{{"schema_version": "{gp.SCHEMA_VERSION}", "x": {nested}}}'
        return Input(target=target, fmt="json", text=text, seed="-", mutations=(choice,))
    text = re.sub(r"(?m)^(\s+target: )\S+$", r"\g<1>5" + "亩" * 400_000, base.text, count=1)
    return Input(target=target, fmt="yaml", text=text, seed=base.name, mutations=(choice,))


def _older(text: str) -> str:
    """*text* declaring the schema version before this one (0.1.0 for 0.2.x)."""
    return re.sub(r'(schema_version"?:\s*"?)0\.2\.[0-9]+', r"\g<1>0.1.0", text, count=1)


def make_input(
    rng: random.Random,
    target: Target,
    seeds: Seeds,
    *,
    large_rate: float = 0.0,
    limit: int = LIMIT,
) -> Input:
    """One mutated input for *target*, drawn with *rng* from *seeds*, at most *limit* bytes.

    A share *large_rate* of the inputs are the rare large ones of :func:`_large`.
    """
    if large_rate and rng.random() < large_rate:
        return _large(rng, target, seeds)
    if target == "extract":
        seed = rng.choice(seeds.documents)
        text, names = _mutate(rng, seed, DOCUMENT_MUTATORS, limit)
    else:
        seed = rng.choice(seeds.plans)
        if target == "upgrade":  # a plan of the version before, as govplan upgrade reads
            seed = attrs.evolve(seed, text=_older(seed.text), data=_older(seed.data))
        text, names = _mutate(rng, seed, PLAN_MUTATORS, limit)
    binary = target in {"loads", "validates"} and rng.random() < 0.25
    return Input(
        target=target, fmt=seed.fmt, text=text, seed=seed.name, mutations=names, binary=binary
    )


# ---------------------------------------------------------------------------------------------
# The promises


class BrokenPromiseError(AssertionError):
    """An input made a target or a follow-up break its promise; the cause is chained.

    *stage* names the call (``loads``, ``dumps-json``, ``roundtrip-yaml``, ``stats`` ...).
    """

    def __init__(self, stage: str, message: str) -> None:
        self.stage = stage
        super().__init__(f"{stage}: {message}")


def _call(timings: dict[str, float], stage: str, fn: Callable[[], Any], *, allowed: bool) -> Any:
    start = time.perf_counter()
    try:
        return fn()
    except gp.GovplanError as exc:
        if allowed:
            raise
        raise BrokenPromiseError(stage, f"raised {type(exc).__name__}: {_short(exc)}") from exc
    except Exception as exc:
        raise BrokenPromiseError(stage, f"raised {type(exc).__name__}: {_short(exc)}") from exc
    finally:
        timings[stage] = time.perf_counter() - start


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) < 300 else text[:300] + " ..."


def _write(inp: Input, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)  # again, should something have removed it
    path = folder / f"fuzz-input.{inp.fmt}"
    path.write_bytes(encode(inp.text))
    return path


def run(
    inp: Input, folder: Path, timings: dict[str, float] | None = None
) -> tuple[tuple[str, str], ...]:
    """Feed *inp* to its target and check every promise on what comes back.

    ``load`` and ``validate`` read it from a file in *folder*.  The seconds each call took go
    into *timings* by stage name.  Returns (stage, error type) for each of ``stats`` and the
    report that refused the campaign with a GovplanError, as they may.

    Raises:
        GovplanError: the target (``load``, ``loads`` or ``extract``) refused the input, as it
            may.
        BrokenPromiseError: anything else went wrong; the exception is chained.

    """
    clock: dict[str, float] = {} if timings is None else timings
    campaign: gp.Campaign | None = None
    given = encode(inp.text) if inp.binary else inp.text
    if inp.target == "loads":
        campaign = _call(clock, "loads", lambda: gp.loads(given), allowed=True)
    elif inp.target == "load":
        path = _write(inp, folder)
        campaign = _call(clock, "load", lambda: gp.load(path), allowed=True)
    elif inp.target == "validates":
        report = _call(clock, "validates", lambda: gp.validates(given), allowed=False)
        campaign = _check_report(report, "validates")
    elif inp.target == "validate":
        path = _write(inp, folder)
        report = _call(clock, "validate", lambda: gp.validate(path), allowed=False)
        campaign = _check_report(report, "validate")
    elif inp.target == "upgrade":
        path = _write(inp, folder)
        campaign = _call(clock, "upgrade", lambda: gp.upgrade_file(path)[0], allowed=True)
    else:
        campaign = _call(clock, "extract", lambda: gp.extract(inp.text), allowed=True)
    if campaign is None:
        return ()
    return keep_promises(campaign, "json" if inp.fmt == "yaml" else "yaml", clock)


def _check_report(report: Any, stage: str) -> gp.Campaign | None:
    """The report's campaign, once the report is seen to be one."""
    if not isinstance(report, gp.Report):
        raise BrokenPromiseError(stage, f"returned {type(report).__name__}, not a Report")
    if report.campaign is None and not report.errors:
        raise BrokenPromiseError(stage, "returned no campaign and no error")
    return report.campaign


def keep_promises(
    campaign: gp.Campaign, fmt: Literal["yaml", "json"], timings: dict[str, float]
) -> tuple[tuple[str, str], ...]:
    """A campaign that loads dumps to YAML and JSON and loads back equal from *fmt*.

    ``stats`` and the report then return or raise a GovplanError; the (stage, error type) of
    each that raised one is returned.
    """
    texts = {
        "yaml": _call(timings, "dumps-yaml", lambda: gp.dumps(campaign), allowed=False),
        "json": _call(timings, "dumps-json", lambda: gp.dumps(campaign, "json"), allowed=False),
    }
    stage = f"roundtrip-{fmt}"
    again = _call(timings, stage, lambda: gp.loads(texts[fmt], format=fmt), allowed=False)
    if again != campaign:
        where = first_difference(json.loads(gp.dumps(campaign, "json")), json.loads(texts["json"]))
        where = where or first_difference(
            json.loads(gp.dumps(again, "json")), json.loads(texts["json"])
        )
        raise BrokenPromiseError(stage, f"loads(dumps(c)) != c (first difference at {where!r})")
    refused: list[tuple[str, str]] = []
    for stage, call in (
        ("stats", lambda: gp.stats([campaign])),
        ("report", lambda: gp.render_report(campaign)),
    ):
        try:
            _call(timings, stage, call, allowed=True)
        except gp.GovplanError as exc:
            refused.append((stage, type(exc).__name__))
    return tuple(refused)


def first_difference(a: Any, b: Any, pointer: str = "") -> str | None:
    """The JSON pointer of the first place plain data *a* and *b* differ, or None."""
    pairs: list[tuple[str, Any, Any]] = []
    if type(a) is not type(b):
        return pointer
    if isinstance(a, dict):
        if set(a) != set(b):
            return f"{pointer}/{min(set(a) ^ set(b))}"
        pairs = [(f"{pointer}/{key}", a[key], b[key]) for key in a]
    elif isinstance(a, list):
        if len(a) != len(b):
            return pointer
        pairs = [(f"{pointer}/{i}", x, y) for i, (x, y) in enumerate(zip(a, b, strict=True))]
    elif a != b:
        return pointer
    return next((d for p, x, y in pairs if (d := first_difference(x, y, p)) is not None), None)


def iter_inputs(
    seed: int, count: int, targets: Iterable[Target], seeds: Seeds, *, large_rate: float = 0.0
) -> Iterator[Input]:
    """Inputs 0 .. *count* - 1 of run *seed*, the targets taken in turn (see :func:`input_at`)."""
    chosen = tuple(targets)
    for index in range(count):
        yield input_at(seed, index, chosen, seeds, large_rate=large_rate)


def input_at(
    seed: int, index: int, targets: tuple[Target, ...], seeds: Seeds, *, large_rate: float = 0.0
) -> Input:
    """Input *index* of run *seed*: the same on every machine and every run."""
    rng = random.Random(f"{seed}/{index}")  # noqa: S311 - reproducible inputs, not secrets
    return make_input(rng, targets[index % len(targets)], seeds, large_rate=large_rate)
