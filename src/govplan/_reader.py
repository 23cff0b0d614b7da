"""Read YAML or JSON plan text safely, keeping where each element stands in the file.

YAML is read event by event (no recursion, so deep nesting cannot crash the parser), with
libyaml's C parser when present.  Only plain data is built: tags that would build objects,
aliases (the "billion laughs" bomb), duplicate keys (which YAML would silently collapse), nesting
deeper than :data:`MAX_DEPTH` and texts larger than :data:`MAX_BYTES` are refused with a
:class:`~govplan.LoadError` naming the line.  Dates stay strings: the schema checks them.
"""

from __future__ import annotations

import bisect
import itertools
import json
import json.decoder
import json.scanner
import math
import re
from collections.abc import Callable
from typing import Any

import yaml

from govplan._pointer import array_index, split
from govplan.errors import LoadError

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Positions", "read_text"]

#: Largest plan text accepted (a complete county plan is well under 1 MiB).
MAX_BYTES = 32 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted (plans need about 20).
MAX_DEPTH = 64


class _Node:
    """Where one element starts, and the nodes of its items (by key or by index)."""

    __slots__ = ("children", "column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column
        self.children: dict[str, _Node] | list[_Node] | None = None


class Positions:
    """Line and column (both 1-based) of each element of a document, looked up by JSON pointer.

    Kept as a tree beside the data rather than as a map of pointer strings, so that its size is
    proportional to the number of elements: a map holds every ancestor's key again in each
    pointer, which grows with key length times depth.
    """

    __slots__ = ("_root",)

    def __init__(self, root: _Node | None = None) -> None:
        self._root = root

    def get(self, pointer: str) -> tuple[int, int] | None:
        """The position of the element at *pointer*, or None when it is not in the document."""
        node = self._root
        try:
            tokens = split(pointer)
        except ValueError:
            return None
        for token in tokens:
            if node is None:
                return None
            children = node.children
            if isinstance(children, dict):
                node = children.get(token)
            elif isinstance(children, list):
                index = array_index(token)
                node = children[index] if index is not None and index < len(children) else None
            else:
                return None
        return None if node is None else (node.line, node.column)

    def __contains__(self, pointer: object) -> bool:
        return isinstance(pointer, str) and self.get(pointer) is not None

    def __getitem__(self, pointer: str) -> tuple[int, int]:
        position = self.get(pointer)
        if position is None:
            raise KeyError(pointer)
        return position


try:
    _Parser: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Parser = yaml.SafeLoader


class _DataLoader(yaml.SafeLoader):
    """SafeLoader whose implicit resolvers leave timestamps as strings."""


_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
#: What libyaml >= 0.2.6 says when its own nesting cap (1000) is reached.
_LIBYAML_DEPTH = "maximum nesting depth"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


_SURROGATE = re.compile("[\ud800-\udfff]")
#: A JSON escape of a UTF-16 surrogate; whether it is a real escape depends on the backslashes
#: before it, which :func:`_lone_surrogate_escape` counts.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def refuse_surrogates(text: str, source: str | None, *, json_escapes: bool = False) -> None:
    r"""Refuse text that holds a lone UTF-16 surrogate (no Unicode character, so no UTF-8 either).

    Python strings can carry them (from ``"\udfff"`` in JSON, or ``errors="surrogateescape"``),
    but no plan file can be written with one: they are refused where they are read, with their
    line and column, instead of failing later when the plan is written.
    """
    match = _SURROGATE.search(text)
    offset = match.start() if match else None
    if json_escapes and offset is None:
        offset = _lone_surrogate_escape(text)
    if offset is not None:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise LoadError(
            "the text holds a lone UTF-16 surrogate, which is no Unicode character",
            source=source,
            line=line,
            column=column,
            code="encoding",
        )


def _lone_surrogate_escape(text: str) -> int | None:
    r"""Offset of the first JSON ``\uD800``-``\uDFFF`` escape that is not half of a pair."""
    high_end = -1  # where the last high-surrogate escape ended, if it is still unpaired
    high_start = 0
    for match in _SURROGATE_ESCAPE.finditer(text):
        start = before = match.start()
        while before > 0 and text[before - 1] == "\\":
            before -= 1
        if (start - before) % 2:  # "\\\\udfff": an escaped backslash, then plain letters
            continue
        low = match[0][3].lower() in "cdef"
        if low and start == high_end:
            high_end = -1
            continue
        if high_end >= 0 or low:
            return high_start if high_end >= 0 else start
        high_start, high_end = start, match.end()
    return high_start if high_end >= 0 else None


def _error(message: str, source: str | None, mark: Any, code: str) -> LoadError:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return LoadError(message, source=source, line=line, column=column, code=code)


class _Builder:
    """Build plain data from YAML events, with an explicit stack."""

    def __init__(self, source: str | None) -> None:
        self.source = source
        self.resolver = _DataLoader("")
        self.positions = Positions()
        #: Each distinct string read, held once however often the text repeats it.
        self.strings: dict[str, str] = {}

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            if tag == "!" or event.style:
                tag = "tag:yaml.org,2002:str"
            else:
                tag = self.resolver.resolve(  # type: ignore[no-untyped-call]
                    yaml.ScalarNode, event.value, event.implicit
                )
        if tag not in _SCALAR_TAGS:
            raise _error(
                f"YAML tag {event.tag or tag!r} is not allowed in a plan file (plain data only)",
                self.source,
                event.start_mark,
                "yaml-tag",
            )
        node = yaml.ScalarNode(tag, event.value, style=event.style)
        try:
            value = self.resolver.construct_object(node)
        except (ValueError, TypeError, KeyError, yaml.YAMLError) as exc:
            raise _error(
                f"YAML tag {tag.replace('tag:yaml.org,2002:', '!!')} cannot be applied to "
                f"{event.value!r}",
                self.source,
                event.start_mark,
                "yaml-tag",
            ) from exc
        if isinstance(value, float) and not math.isfinite(value):
            raise _error(
                f"{event.value!r} is not a finite number",
                self.source,
                event.start_mark,
                "invalid-value",
            )
        if type(value) is str:
            return self.strings.setdefault(value, value)
        return value

    def build(self, text: str) -> Any:  # noqa: C901, PLR0912, PLR0915 - one event loop reads best whole
        stack: list[tuple[Any, _Node]] = []  # (container, where it stands)
        root: Any = None
        documents = 0
        pending_key: list[Any] = []
        try:
            events = yaml.parse(text, Loader=_Parser)
            for event in events:
                if isinstance(event, yaml.AliasEvent):
                    raise _error(
                        "YAML aliases (*name) are not allowed in a plan file",
                        self.source,
                        event.start_mark,
                        "yaml-alias",
                    )
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        raise _error(
                            "a plan file holds one YAML document, found several",
                            self.source,
                            event.start_mark,
                            "syntax",
                        )
                    continue
                if isinstance(
                    event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
                ):
                    continue
                if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    expected = _MAP_TAG if isinstance(event, yaml.MappingStartEvent) else _SEQ_TAG
                    if event.tag not in {None, "!", expected}:
                        raise _error(
                            f"YAML tag {event.tag!r} is not allowed in a plan file",
                            self.source,
                            event.start_mark,
                            "yaml-tag",
                        )
                    if len(stack) >= MAX_DEPTH:
                        raise _error(
                            f"nesting deeper than {MAX_DEPTH} levels",
                            self.source,
                            event.start_mark,
                            "too-deep",
                        )
                    if stack and isinstance(stack[-1][0], dict) and not pending_key:
                        raise _error(
                            "mapping keys must be plain text, not a mapping or a list",
                            self.source,
                            event.start_mark,
                            "syntax",
                        )
                    container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                    node = self._place(stack, pending_key, container, event)
                    node.children = {} if isinstance(container, dict) else []
                    if not stack:
                        root = container
                    stack.append((container, node))
                    continue
                if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    stack.pop()
                    continue
                if isinstance(event, yaml.ScalarEvent):
                    value = self.scalar(event)
                    if not stack:
                        root = value
                        self.positions = Positions(_Node(1, 1))
                        continue
                    container = stack[-1][0]
                    if isinstance(container, dict) and not pending_key:
                        if not isinstance(value, (str, int, bool)) and value is not None:
                            raise _error(
                                "mapping keys must be plain text",
                                self.source,
                                event.start_mark,
                                "syntax",
                            )
                        key = str(value)
                        if key in container:
                            raise _error(
                                f"duplicate key {key!r}",
                                self.source,
                                event.start_mark,
                                "duplicate-key",
                            )
                        pending_key.append((key, event.start_mark))
                        continue
                    self._place(stack, pending_key, value, event)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            if _LIBYAML_DEPTH in str(exc.problem):
                # libyaml 0.2.6 (PyYAML 6.0.4's wheels) caps flow nesting in its scanner, which
                # reads ahead of the events this loop counts: the same limit, reported as ours.
                raise _error(
                    f"nesting deeper than {MAX_DEPTH} levels", self.source, mark, "too-deep"
                ) from exc
            raise _error(
                f"invalid YAML: {exc.problem or exc}", self.source, mark, "syntax"
            ) from exc
        except yaml.YAMLError as exc:
            raise LoadError(f"invalid YAML: {exc}", source=self.source, code="syntax") from exc
        return root

    def positions_of(self, text: str) -> Positions:
        """Positions of every element of *text* (JSON read as YAML, for line numbers only)."""
        self.build(text)
        return self.positions

    def _place(
        self, stack: list[tuple[Any, _Node]], pending_key: list[Any], value: Any, event: Any
    ) -> _Node:
        mark = event.start_mark
        if not stack:
            node = _Node(mark.line + 1, mark.column + 1)
            self.positions = Positions(node)
            return node
        container, parent = stack[-1]
        if isinstance(container, dict):
            key, key_mark = pending_key.pop()
            container[key] = value
            node = _Node(key_mark.line + 1, key_mark.column + 1)
            parent.children[key] = node  # type: ignore[index]
        else:
            container.append(value)
            node = _Node(mark.line + 1, mark.column + 1)
            parent.children.append(node)  # type: ignore[union-attr]
        return node


class _DuplicateKeyError(ValueError):
    """A JSON object repeats a key (``json`` would keep the last one, silently)."""


def _json_pairs() -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """The object hook of one JSON read: repeated keys refused, equal strings held once."""
    strings: dict[str, str] = {}

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise _DuplicateKeyError(f"duplicate key {key!r}")
            result[key] = strings.setdefault(value, value) if type(value) is str else value
        return result

    return pairs_hook


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a valid JSON number")


def _read_json(text: str, source: str | None) -> tuple[Any, Positions]:
    """Parse JSON text strictly (no repeated keys, no NaN).

    Positions are read from the text when a problem needs one (:class:`JsonPositions`).
    """
    try:
        data = json.loads(text, object_pairs_hook=_json_pairs(), parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise LoadError(
            f"invalid JSON: {exc.msg}",
            source=source,
            line=exc.lineno,
            column=exc.colno,
            code="syntax",
        ) from exc
    except _DuplicateKeyError as exc:
        # The YAML reader reads JSON too and knows where the repeated key stands.
        try:
            _Builder(source).positions_of(text)
        except LoadError as located:
            if located.code == "duplicate-key":
                raise located from exc
        raise LoadError(str(exc), source=source, code="duplicate-key") from exc
    except ValueError as exc:
        raise LoadError(f"invalid JSON: {exc}", source=source, code="syntax") from exc
    except RecursionError as exc:
        raise LoadError("JSON nested too deeply", source=source, code="too-deep") from exc
    _check_depth(data, source)
    return data, JsonPositions(text)


#: What YAML counts as a line break, so that a JSON file's lines are numbered as a YAML
#: reader of the same text numbers them.
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_BLANK = re.compile(r"[ \t\n\r]*")
_scan_value: Callable[[str, int], tuple[Any, int]] = json.scanner.make_scanner(
    json.JSONDecoder()  # type: ignore[arg-type]
)
_scan_string = json.decoder.scanstring  # type: ignore[attr-defined]


def _line_starts(text: str) -> list[int]:
    """Where each line after the first starts: after each break YAML counts (``_BREAK``).

    A text whose only breaks are line feeds (nearly every JSON file) is split at them, some four
    times faster than matching the breaks one by one.
    """
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return [match.end() for match in _BREAK.finditer(text)]
    return list(itertools.accumulate(len(line) + 1 for line in text.split("\n")))[:-1]


class JsonPositions(Positions):
    """Positions of a JSON text, read from the text only where one is asked for.

    Each object or array on the way to a pointer is scanned once with :mod:`json`'s own C
    scanner, for where its members stand (a member at its key, an item at its value); lines
    and columns are counted as :class:`Positions` counts them for YAML.  A valid file never
    pays for it, and one with a few problems pays for the containers on their paths only.
    """

    __slots__ = ("_breaks", "_members", "_text")

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text
        self._members: dict[int, dict[str, tuple[int, int]] | list[int]] = {}
        self._breaks: list[int] | None = None

    def get(self, pointer: str) -> tuple[int, int] | None:
        """The position of the element at *pointer*, or None when it is not in the document."""
        try:
            tokens = split(pointer)
            return self._locate(tokens)
        except (ValueError, StopIteration, IndexError):
            return None

    def _locate(self, tokens: list[str]) -> tuple[int, int] | None:
        text = self._text
        value = _BLANK.match(text, 0).end()  # type: ignore[union-attr]
        mark = value
        for token in tokens:
            members = self._members_of(value)
            if isinstance(members, dict):
                if token not in members:
                    return None
                mark, value = members[token]
            elif isinstance(members, list):
                index = array_index(token)
                if index is None or index >= len(members):
                    return None
                mark = value = members[index]
            else:
                return None
        return self._line_column(mark)

    def _members_of(self, start: int) -> dict[str, tuple[int, int]] | list[int] | None:
        if start in self._members:
            return self._members[start]
        text = self._text
        opening = text[start : start + 1]
        if opening not in {"{", "["}:
            return None
        members: dict[str, tuple[int, int]] | list[int] = {} if opening == "{" else []
        at = _BLANK.match(text, start + 1).end()  # type: ignore[union-attr]
        closing = "}" if opening == "{" else "]"
        while text[at] != closing:
            if isinstance(members, dict):
                key, after = _scan_string(text, at + 1)
                colon = _BLANK.match(text, after).end()  # type: ignore[union-attr]
                value = _BLANK.match(text, colon + 1).end()  # type: ignore[union-attr]
                members[key] = (at, value)
            else:
                value = at
                members.append(value)
            _, end = _scan_value(text, value)
            at = _BLANK.match(text, end).end()  # type: ignore[union-attr]
            if text[at] == ",":
                at = _BLANK.match(text, at + 1).end()  # type: ignore[union-attr]
        self._members[start] = members
        return members

    def _line_column(self, offset: int) -> tuple[int, int]:
        if self._breaks is None:
            self._breaks = _line_starts(self._text)
        line = bisect.bisect_right(self._breaks, offset)
        start = self._breaks[line - 1] if line else 0
        return line + 1, offset - start + 1


def read_text(
    text: str, *, source: str | None = None, fmt: str | None = None
) -> tuple[Any, Positions]:
    """Parse plan text as JSON or YAML; return the data and its positions map.

    *fmt* is ``"json"``, ``"yaml"`` or None to guess (JSON when the text starts with ``{``).
    """
    if len(text) > MAX_BYTES:
        raise LoadError(
            f"the text is {len(text)} characters, more than the {MAX_BYTES} a plan may have",
            source=source,
            code="too-large",
        )
    if fmt is None:
        fmt = "json" if text.lstrip().startswith("{") else "yaml"
    elif fmt not in {"json", "yaml"}:
        raise LoadError(
            f"cannot read the format {fmt!r}: use 'yaml' or 'json'",
            source=source,
            code="unknown-format",
        )
    refuse_surrogates(text, source, json_escapes=fmt == "json")
    if fmt == "json":
        return _read_json(text, source)
    builder = _Builder(source)
    data = builder.build(text)
    return data, builder.positions


def _check_depth(data: Any, source: str | None) -> None:
    """Refuse JSON data nested deeper than MAX_DEPTH levels (YAML's reader counts as it reads).

    Read level by level, a list of the containers one level down at a time: the data is what
    :func:`json.loads` made, so its containers are exactly ``dict`` and ``list``, and a type
    test is all a value needs (a tenth of the time of a stack of (value, depth) pairs).
    """
    level = [data] if type(data) is dict or type(data) is list else []
    depth = 0
    while level:
        if depth >= MAX_DEPTH and any(level):  # items, scalars too, stand deeper than allowed
            raise LoadError(
                f"nesting deeper than {MAX_DEPTH} levels", source=source, code="too-deep"
            )
        below: list[dict[str, Any] | list[Any]] = []
        add = below.append
        for value in level:
            for item in value.values() if type(value) is dict else value:
                if type(item) is dict or type(item) is list:
                    add(item)
        level = below
        depth += 1
