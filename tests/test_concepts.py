"""docs/concepts.md quotes the seeds, names model fields and copies the examples: all checked.

The page is the glossary of the format, so each of its claims is tested here:

- every quotation (a ``>`` block) occurs at the seed line(s) its ``<sub>seed …</sub>`` line cites,
  verbatim except where ``…`` marks text left out, and renders as printed;
- every ``Class.field`` in backticks is an attrs field of a class govplan exports (or an enum
  member), every ``= "value"`` a value the field accepts, every ``A.b`` → ``C.d`` chain a path
  the types allow, and the tree of the hierarchy is made of real fields of the right types;
- every YAML block is the element of the example its ``<sub>examples/…</sub>`` line cites:
  equal, except where ``…`` shortens a text, ``- …`` stands for list items and ``# …`` for
  mapping keys left out; its keys are fields of the class at that place;
- the deadline table is what ``govplan.parse_deadline`` computes, the ``pycon`` snippets run as
  doctests, and the seed table names each example's source (its links, like every docs page's,
  are checked by tests/test_docs.py).

The seed checks are skipped where ``../shared/seeds`` is not beside the checkout.
"""

from __future__ import annotations

import builtins
import datetime as dt
import doctest
import enum
import itertools
import re
import types
import typing
from functools import cache
from typing import Any

import attrs
import pytest
import yaml

import govplan as gp
from conftest import EXAMPLES, ROOT, SEEDS

PAGE = ROOT / "docs" / "concepts.md"
#: Marks text, list items or mapping keys left out of a quotation or a YAML fragment.
ELISION = "…"

_FENCE = re.compile(r"^```(?P<info>[\w-]*)\s*$")
_SEED_CITATION = re.compile(
    r"^<sub>seed (?P<file>\d{3}_[0-9a-f]{16}\.txt), "
    r"(?:line (?P<line>\d+)|lines (?P<first>\d+)–(?P<last>\d+))</sub>$"
)
_EXAMPLE_CITATION = re.compile(
    r"^<sub>examples/(?P<name>[a-z0-9-]+)\.yaml, (?P<pointer>/\S*|top level)"
    r"(?: \((?P<id>[^)\s]+)\))?</sub>$"
)
_CODE_SPAN = re.compile(r"`([^`]+)`")
_PATH = re.compile(r'^(?P<cls>[A-Z]\w*)\.(?P<attr>\w+)(?: = (?P<value>"[^"]*"|[\w.-]+))?$')
_NAME = re.compile(r"^[A-Z]\w*$")
_GOVPLAN_NAME = re.compile(r"^govplan\.(?P<name>\w+)")
_TREE_ROOT = re.compile(r"^(?P<cls>[A-Z]\w*)(?:\s|$)")
_TREE_LINE = re.compile(
    r"^(?P<indent>(?:[│ ]   )*)[├└]── (?P<field>\w+)(?P<many>\[\])?: (?P<type>\w+)(?:\s|$)"
)
#: Characters Markdown would not print as they are: a quotation must render as printed.
_MARKDOWN_ACTIVE = re.compile(r"[*_`<>\[\]\\]|~~|^[#+-]")
_DEADLINE_HEADER = "| phrase | due (plan year 2023) | precision |"


@attrs.frozen
class Fenced:
    """A fenced code block of the page and the first non-blank line after it."""

    info: str
    line: int
    lines: tuple[str, ...]
    after: str


@attrs.frozen
class Quote:
    """A quotation: the lines of a ``>`` block and the first non-blank line after it."""

    line: int
    raw: tuple[str, ...]
    after: str

    @property
    def lines(self) -> tuple[str, ...]:
        """The quoted text: each line without its leading ``> `` (``>`` alone is blank)."""
        return tuple("" if raw == ">" else raw.removeprefix("> ") for raw in self.raw)


@attrs.frozen
class Page:
    """The parts of docs/concepts.md the tests read."""

    fenced: tuple[Fenced, ...]
    quotes: tuple[Quote, ...]
    #: (line number, text) of every line outside fenced blocks and quotations.
    prose: tuple[tuple[int, str], ...]


def _next_text(lines: list[str], start: int) -> str:
    return next((line for line in lines[start:] if line.strip()), "")


@cache
def _page() -> Page:
    lines = PAGE.read_text(encoding="utf-8").split("\n")
    fenced: list[Fenced] = []
    quotes: list[Quote] = []
    prose: list[tuple[int, str]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence:
            end = next(j for j in range(index + 1, len(lines)) if lines[j].strip() == "```")
            body = tuple(lines[index + 1 : end])
            fenced.append(Fenced(fence["info"], index + 1, body, _next_text(lines, end + 1)))
            index = end + 1
        elif line.startswith(">"):
            end = index
            while end < len(lines) and lines[end].startswith(">"):
                end += 1
            quotes.append(Quote(index + 1, tuple(lines[index:end]), _next_text(lines, end)))
            index = end
        else:
            prose.append((index + 1, line))
            index += 1
    return Page(tuple(fenced), tuple(quotes), tuple(prose))


def _elided_match(pattern: str, text: str) -> bool:
    """Whether *text* is *pattern* with each ``…`` standing for at least one character."""
    parts = pattern.split(ELISION)
    if len(parts) == 1:
        return pattern == text
    head, *middle, tail = parts
    if not any(parts) or not all(middle) or not text.startswith(head):
        return False
    position = len(head)
    for part in middle:
        found = text.find(part, position + 1)
        if found < 0:
            return False
        position = found + len(part)
    return text.endswith(tail) and len(text) - len(tail) > position


# ---- quotations against the seeds


def _quote_id(quote: Quote) -> str:
    return f"page-line-{quote.line}"


def _cited_lines(quote: Quote) -> tuple[str, int, int]:
    match = _SEED_CITATION.match(quote.after)
    assert match, f"line {quote.line}: the quotation is not followed by <sub>seed …</sub>"
    first = int(match["line"] or match["first"])
    last = int(match["line"] or match["last"])
    return match["file"], first, last


def test_page_quotes_cite_yaml_and_code() -> None:
    page = _page()
    assert len(page.quotes) >= 30
    assert sum(block.info == "yaml" for block in page.fenced) >= 15
    cited = [line for _, line in page.prose if line.startswith("<sub>seed")]
    assert len(cited) == len(page.quotes), "every <sub>seed …</sub> line follows a quotation"


@pytest.mark.parametrize("quote", _page().quotes, ids=_quote_id)
def test_quote_is_cited_and_renders_as_printed(quote: Quote) -> None:
    _, first, last = _cited_lines(quote)
    assert last - first + 1 == len(quote.raw), (
        f"line {quote.line}: {len(quote.raw)} quoted lines for seed lines {first}–{last}"
    )
    for raw, text in zip(quote.raw, quote.lines, strict=True):
        assert raw == ">" or raw.startswith("> "), f"line {quote.line}: {raw!r}"
        assert text == text.strip(), f"line {quote.line}: leading or trailing space in {text!r}"
        assert not _MARKDOWN_ACTIVE.search(text), f"line {quote.line}: Markdown markup {text!r}"
    assert any(text.replace(ELISION, "") for text in quote.lines)


def test_quoted_seeds_are_the_examples_sources() -> None:
    sources = {
        yaml.safe_load(path.read_text(encoding="utf-8"))["source"]["file"]
        for path in EXAMPLES.glob("*.yaml")
    }
    quoted = {_cited_lines(quote)[0] for quote in _page().quotes}
    assert quoted <= sources


def test_seed_table_names_each_examples_source() -> None:
    rows = [
        cells
        for _, line in _page().prose
        if (cells := re.findall(r"^\| `(\d{3}_[0-9a-f]{16}\.txt)` \| `([a-z0-9-]+)` \|", line))
    ]
    assert len(rows) == 4
    for [(seed, name)] in rows:
        assert _example(name)["source"]["file"] == seed


@cache
def _seed(file: str) -> list[str]:
    return (SEEDS / file).read_text(encoding="utf-8").split("\n")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")
@pytest.mark.parametrize("quote", _page().quotes, ids=_quote_id)
def test_quote_occurs_at_the_cited_seed_lines(quote: Quote) -> None:
    file, first, last = _cited_lines(quote)
    seed = _seed(file)
    assert last <= len(seed), f"{file} has {len(seed)} lines, the page cites line {last}"
    for offset, text in enumerate(quote.lines):
        printed = seed[first - 1 + offset]
        if not text:
            assert not printed.strip(), f"{file}:{first + offset} is not blank: {printed!r}"
        else:
            assert _elided_match(text, printed.strip()), (
                f"page line {quote.line + offset} does not quote {file}:{first + offset}\n"
                f"  quoted:  {text}\n  printed: {printed.strip()}"
            )


# ---- model paths


def _classes(hint: Any) -> set[type]:
    """Every class named by a type hint: ``tuple[Task, ...] | None`` gives tuple, Task, NoneType."""
    found: set[type] = set()
    origin = typing.get_origin(hint)
    if origin is not None and isinstance(origin, type):
        found.add(origin)
    elif isinstance(hint, type):
        found.add(hint)
    for arg in typing.get_args(hint):
        if arg is not Ellipsis:
            found |= _classes(arg)
    return found


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _exported(name: str) -> Any:
    return getattr(gp, name) if name in gp.__all__ else None


def _path_problem(span: str) -> str | None:
    """What is wrong with a ``Class.field`` span, or None."""
    match = _PATH.match(span)
    if not match:
        return f"`{span}`: expected Class.field or Class.field = value"
    cls = _exported(match["cls"])
    attr, value = match["attr"], match["value"]
    if isinstance(cls, type) and issubclass(cls, enum.Enum) and value is None:
        return None if attr in cls.__members__ else f"`{span}`: {cls.__name__} has no {attr}"
    if not (isinstance(cls, type) and attrs.has(cls)):
        return f"`{span}`: {match['cls']} is not an attrs class exported by govplan"
    if attr not in attrs.fields_dict(cls):
        return f"`{span}`: {cls.__name__} has no field {attr}"
    if value is not None:
        enums = [c for c in _classes(_hints(cls)[attr]) if issubclass(c, enum.Enum)]
        allowed = {member.value for enum in enums for member in enum}
        if enums and value.strip('"') not in allowed:
            return f"`{span}`: {value} is not one of {sorted(allowed)}"
    return None


def _path_problem_or_name(span: str) -> str | None:
    return None if _NAME.match(span) and span in gp.__all__ else _path_problem(span)


def _spans() -> list[tuple[int, str, list[tuple[str, str]]]]:
    """(line number, line, [(span, text before the next span)]) for prose lines with spans."""
    found = []
    for number, line in _page().prose:
        assert line.count("`") % 2 == 0, f"line {number}: a code span must not break over lines"
        matches = list(_CODE_SPAN.finditer(line))
        if matches:
            gaps = [line[m.end() : n.start()] for m, n in itertools.pairwise(matches)]
            found.append(
                (number, line, list(zip([m[1] for m in matches], [*gaps, ""], strict=True)))
            )
    return found


def test_model_paths_are_fields() -> None:
    problems = []
    paths = 0
    for number, _, spans in _spans():
        for span, _ in spans:
            if _PATH.match(span) or (span[:1].isupper() and "." in span):
                paths += 1
                problem = _path_problem(span)
                if problem:
                    problems.append(f"line {number}: {problem}")
            elif _NAME.match(span) and span not in gp.__all__ and not hasattr(builtins, span):
                problems.append(f"line {number}: `{span}` is not a name govplan exports")
            elif (match := _GOVPLAN_NAME.match(span)) and not hasattr(gp, match["name"]):
                problems.append(f"line {number}: `{span}`: govplan has no {match['name']}")
    assert paths >= 50
    assert not problems, "\n".join(problems)


def test_arrow_chains_follow_the_types() -> None:
    problems = []
    chains = 0
    for number, _, spans in _spans():
        for (left, gap), (right, _) in itertools.pairwise(spans):
            if gap.strip() != "→":
                continue
            chains += 1
            left_match = _PATH.match(left)
            if not left_match or _path_problem(left) or _path_problem_or_name(right):
                problems.append(f"line {number}: `{left}` → `{right}` is not a model path")
                continue
            target = _exported(re.split(r"[. ]", right)[0])
            hint = _hints(_exported(left_match["cls"]))[left_match["attr"]]
            if target not in _classes(hint):
                problems.append(f"line {number}: `{left}` holds no {right.split('.')[0]}")
    assert chains >= 10
    assert not problems, "\n".join(problems)


def test_action_is_battle() -> None:
    assert gp.Action is gp.Battle


# ---- the tree of the hierarchy


def test_tree_names_real_fields_of_the_right_types() -> None:
    trees = [
        block for block in _page().fenced if block.info == "text" and "├──" in "".join(block.lines)
    ]
    assert len(trees) == 1
    lines = [line for line in trees[0].lines if line.strip(" │")]
    root = _TREE_ROOT.match(lines[0])
    assert root
    assert root["cls"] == "Campaign"
    stack: list[type | None] = [gp.Campaign]
    problems = []
    for line in lines[1:]:
        match = _TREE_LINE.match(line)
        if not match:
            problems.append(f"not a tree line: {line!r}")
            continue
        depth = len(match["indent"]) // 4 + 1
        if depth > len(stack):
            problems.append(f"{line!r}: indented below no element")
            continue
        parent = stack[depth - 1]
        del stack[depth:]
        field, name = match["field"], match["type"]
        if parent is None or field not in attrs.fields_dict(parent):
            problems.append(f"{line!r}: no field {field} here")
            stack.append(None)
            continue
        hint = _hints(parent)[field]
        classes = _classes(hint)
        if name not in {c.__name__ for c in classes}:
            problems.append(f"{line!r}: {parent.__name__}.{field} holds no {name}")
        if bool(match["many"]) != (typing.get_origin(_strip_optional(hint)) is tuple):
            problems.append(f"{line!r}: [] must mark exactly the list fields")
        child = _exported(name)
        stack.append(child if isinstance(child, type) and attrs.has(child) else None)
    assert len(lines) >= 30
    assert not problems, "\n".join(problems)


# ---- YAML fragments of the examples


def _yaml_id(block: Fenced) -> str:
    return f"page-line-{block.line}"


@cache
def _example(name: str) -> Any:
    return yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))


def _resolve(document: Any, pointer: str) -> Any:
    value = document
    for token in pointer.split("/")[1:]:
        key = token.replace("~1", "/").replace("~0", "~")
        value = value[int(key)] if isinstance(value, list) else value[key]
    return value


def _strip_optional(hint: Any) -> Any:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if isinstance(hint, types.UnionType) and len(args) == 1:
        return args[0]
    return hint


def _hint_at(pointer: str) -> Any:
    hint: Any = gp.Campaign
    for token in pointer.split("/")[1:]:
        hint = _strip_optional(hint)
        tuple_item = typing.get_origin(hint) is tuple
        hint = typing.get_args(hint)[0] if tuple_item else _hints(hint)[token]
    return hint


def _unknown_keys(value: Any, hint: Any, path: str) -> list[str]:
    hint = _strip_optional(hint)
    if isinstance(value, list) and typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        return [p for v in value if v != ELISION for p in _unknown_keys(v, item, path + "/-")]
    if isinstance(value, dict) and isinstance(hint, type) and attrs.has(hint):
        fields = _hints(hint)
        problems = [
            f"{path}/{k}: {hint.__name__} has no field {k}" for k in value if k not in fields
        ]
        for key, item in value.items():
            if key in fields:
                problems += _unknown_keys(item, fields[key], f"{path}/{key}")
        return problems
    return []


@attrs.define
class Comparison:
    """Compares a YAML fragment with the example element it copies."""

    #: (line, column) of each ``# …`` comment: a mapping at that column has keys left out.
    marks: tuple[tuple[int, int], ...]
    used: set[tuple[int, int]] = attrs.field(factory=set)

    def errors(self, node: yaml.Node, value: Any, expected: Any, path: str) -> list[str]:
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, value, expected, path)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, value, expected, path)
        if isinstance(value, str) and ELISION in value:
            if isinstance(expected, str) and _elided_match(value, expected):
                return []
        elif type(value) is type(expected) and value == expected:
            return []
        return [f"{path}: {value!r}, the example has {expected!r}"]

    def _mapping(
        self, node: yaml.MappingNode, value: dict[str, Any], expected: Any, path: str
    ) -> list[str]:
        if not isinstance(expected, dict):
            return [f"{path}: a mapping, the example has {expected!r}"]
        problems = []
        for (_, item), (key, entry) in zip(node.value, value.items(), strict=True):
            if key in expected:
                problems += self.errors(item, entry, expected[key], f"{path}/{key}")
            else:
                problems.append(f"{path}/{key}: not in the example")
        if any(key not in value for key in expected):
            column = node.value[0][0].start_mark.column
            start = 0 if column == 0 else node.start_mark.line
            marks = {
                (line, col)
                for line, col in self.marks
                if col == column and start <= line <= node.end_mark.line
            }
            if not marks:
                left_out = [key for key in expected if key not in value]
                problems.append(f"{path or '/'}: keys {left_out} left out without a # … line")
            self.used.update(marks)
        return problems

    def _sequence(
        self, node: yaml.SequenceNode, value: list[Any], expected: Any, path: str
    ) -> list[str]:
        if not isinstance(expected, list):
            return [f"{path}: a list, the example has {expected!r}"]
        items = list(zip(node.value, value, strict=True))
        if all(entry != ELISION for _, entry in items):
            if len(items) != len(expected):
                return [f"{path}: {len(items)} items, the example has {len(expected)}"]
            return [
                problem
                for index, ((item, entry), wanted) in enumerate(zip(items, expected, strict=True))
                for problem in self.errors(item, entry, wanted, f"{path}/{index}")
            ]

        @cache
        def fits(i: int, j: int) -> bool:
            if i == len(items):
                return j == len(expected)
            item, entry = items[i]
            if entry == ELISION:
                return any(fits(i + 1, k) for k in range(j + 1, len(expected) + 1))
            return (
                j < len(expected)
                and not self.errors(item, entry, expected[j], path)
                and fits(i + 1, j + 1)
            )

        return [] if fits(0, 0) else [f"{path}: the items do not match the example's in order"]


def _marks(lines: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    marks = []
    for number, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if stripped.startswith("#"):
            assert stripped == "# …", f"the only comment a fragment may hold is '# …': {line!r}"
            marks.append((number, len(line) - len(stripped)))
    return tuple(marks)


@pytest.mark.parametrize("block", [b for b in _page().fenced if b.info == "yaml"], ids=_yaml_id)
def test_yaml_block_is_the_cited_example_element(block: Fenced) -> None:
    citation = _EXAMPLE_CITATION.match(block.after)
    assert citation, f"line {block.line}: the block is not followed by <sub>examples/…</sub>"
    pointer = "" if citation["pointer"] == "top level" else citation["pointer"]
    text = "\n".join(block.lines)
    value = yaml.safe_load(text)
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    assert node is not None
    expected = _resolve(_example(citation["name"]), pointer)
    if citation["id"]:
        assert isinstance(expected, dict)
        assert expected.get("id") == citation["id"], f"{pointer} is {expected.get('id')}"
    assert not _unknown_keys(value, _hint_at(pointer), pointer)
    comparison = Comparison(_marks(block.lines))
    problems = comparison.errors(node, value, expected, pointer)
    stale = set(comparison.marks) - comparison.used
    problems += [f"block line {line + 1}: '# …' but no key is left out there" for line, _ in stale]
    assert not problems, f"line {block.line}:\n" + "\n".join(problems)


# ---- deadlines, snippets


def test_deadline_table_is_what_parse_deadline_computes() -> None:
    prose = [line for _, line in _page().prose]
    start = prose.index(_DEADLINE_HEADER) + 2
    rows = []
    for line in prose[start:]:
        if not line.startswith("|"):
            break
        phrase, due, precision = (cell.strip().strip("`") for cell in line.strip("|").split("|"))
        rows.append((phrase, due, precision))
    assert len(rows) >= 8
    for phrase, due, precision in rows:
        expected = gp.Deadline(due=dt.date.fromisoformat(due), precision=gp.Precision(precision))
        assert gp.parse_deadline(phrase, 2023) == expected, phrase


def test_pycon_snippets_run() -> None:
    snippets = [block for block in _page().fenced if block.info == "pycon"]
    assert snippets
    parser = doctest.DocTestParser()
    for block in snippets:
        test = parser.get_doctest(
            "\n".join(block.lines), {"govplan": gp}, f"concepts.md:{block.line}", str(PAGE), 0
        )
        messages: list[str] = []
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        result = runner.run(test, out=messages.append)
        assert result.attempted
        assert not result.failed, "".join(messages)
