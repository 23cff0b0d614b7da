"""The fast path of reading (issue 13): a compiled validator first, positions only when needed.

Every message, code and location must stay what jsonschema and the positions reader give, so the
compiled validator may only ever answer "valid" where jsonschema finds nothing.
"""

from __future__ import annotations

import copy
import gc
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govplan as gp
from govplan import _reader, _reading_targets, checks, io
from govplan.errors import GovplanError, LoadError

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(
    p
    for p in [*(ROOT / "examples").glob("*.*"), *(ROOT / "examples" / "invalid").glob("*.*")]
    if p.suffix in {".yaml", ".json"}
)
compiled = io._compiled()
needs_compiled = pytest.mark.skipif(compiled is None, reason="jsonschema-rs is not installed")


def python_valid(data: Any) -> bool:
    return not any(True for _ in io._validator().iter_errors(data))


@needs_compiled
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_compiled_and_python_validators_agree_on_every_example(path: Path) -> None:
    assert compiled is not None
    try:
        document = io.read_path(path)
    except GovplanError:
        return  # not readable as data: neither validator sees it
    assert compiled(document.data) == python_valid(document.data)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


BASE = gp.schema()["examples"][0]
PLACES = [p for p in _paths(BASE) if p]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3000),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.sampled_from(["2023-02-30", "2023-02-27", "8%", "3万元-5万元", "x_note", "", "b1", "0.2.0"]),
    st.just([]),
    st.just({}),
)


@needs_compiled
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(place=st.sampled_from(PLACES), value=VALUES, drop=st.booleans())
def test_compiled_and_python_validators_agree_on_changed_plans(
    place: tuple[Any, ...], value: Any, drop: bool
) -> None:
    assert compiled is not None
    data = copy.deepcopy(BASE)
    parent = data
    for key in place[:-1]:
        parent = parent[key]
    if drop and isinstance(parent, dict):
        del parent[place[-1]]
    else:
        parent[place[-1]] = value
    assert compiled(data) == python_valid(data)


def test_a_valid_json_plan_is_read_without_computing_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    original = _reader.JsonPositions._members_of

    def counting(self: Any, start: int) -> Any:
        calls.append(start)
        return original(self, start)

    monkeypatch.setattr(_reader.JsonPositions, "_members_of", counting)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(BASE, ensure_ascii=False), encoding="utf-8")
    gp.load(path)
    assert calls == []
    broken = copy.deepcopy(BASE)
    broken["year"] = "2023"
    path.write_text(json.dumps(broken, ensure_ascii=False, indent=1), encoding="utf-8")
    with pytest.raises(gp.ValidationError) as caught:
        gp.load(path)
    assert calls == [0]  # the root object only: /year is one of its members
    (problem,) = caught.value.problems
    lines = json.dumps(broken, ensure_ascii=False, indent=1).splitlines()
    assert problem.pointer == "/year"
    assert problem.line == lines.index(' "year": "2023",') + 1


def test_the_collector_is_back_on_after_reading_even_on_failure() -> None:
    assert gc.isenabled()
    with pytest.raises(GovplanError):
        gp.loads("schema_version: 0.3.0\nid: [\n")
    assert gc.isenabled()
    gp.loads(json.dumps(BASE))
    assert gc.isenabled()


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


def _pointers(value: Any, pointer: str = "") -> list[str]:
    found = [pointer]
    if isinstance(value, dict):
        for key, item in value.items():
            token = key.replace("~", "~0").replace("/", "~1")
            found += _pointers(item, f"{pointer}/{token}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _pointers(item, f"{pointer}/{index}")
    return found


@given(
    st.dictionaries(st.text(max_size=6), _JSON_VALUES, max_size=4),
    st.sampled_from([None, 0, 1, 2, "\t"]),
    st.booleans(),
)
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_json_positions_are_where_the_yaml_reader_finds_them(
    data: dict[str, Any], indent: int | str | None, ascii_only: bool
) -> None:
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    try:
        reference = _reader._Builder(None).positions_of(text)
    except GovplanError:
        return  # text YAML cannot read (a tab where YAML wants none): nothing to compare
    positions = _reader.JsonPositions(text)
    for pointer in [*_pointers(data), "/absent", "/0/x", "no-slash"]:
        assert positions.get(pointer) == reference.get(pointer), pointer


class _NoWalks:
    """In place of checks._WALKS: every rule walks the plan itself, as before the walks were kept."""

    def get(self) -> None:
        return None

    def set(self, _value: object) -> None:
        return None

    def reset(self, _token: object) -> None:
        return None


def _report_of(text: str, fmt: str, source: str) -> list[dict[str, Any]]:
    report = gp.validates(text, format=fmt, source=source)  # type: ignore[arg-type]
    return [p.to_dict() for p in report.problems]


def _texts_of(path: Path) -> list[tuple[str, str, str]]:
    """The file as it is, and, for YAML govplan can read, its data as JSON in two layouts."""
    text = path.read_text(encoding="utf-8")
    fmt = "json" if path.suffix == ".json" else "yaml"
    texts = [(text, fmt, path.name)]
    if fmt == "yaml":
        try:
            data = io.read_document(text, fmt="yaml").data
        except GovplanError:
            return texts
        for indent in (None, 2):
            json_text = json.dumps(data, ensure_ascii=False, indent=indent)
            texts.append((json_text, "json", f"{path.stem}.{indent}.json"))
    return texts


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_the_fast_and_the_explaining_path_report_the_same(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Code, message, pointer, line and column of every problem, whichever path reads them.

    The fast path: the compiled validator, positions from the JSON text, the reading rules'
    caches (cold, then warm), the plan's walks made once for all rules.  The explaining path:
    jsonschema alone, positions of a JSON text read by the YAML reader, and each rule walking
    the plan itself, as govplan did before the fast path.
    """
    for text, fmt, source in _texts_of(path):
        _reading_targets.clear_caches()
        cold = _report_of(text, fmt, source)
        warm = _report_of(text, fmt, source)
        with monkeypatch.context() as patched:
            patched.setattr(io, "_compiled", lambda: None)
            patched.setattr(checks, "_WALKS", _NoWalks())
            patched.setattr(
                _reader, "JsonPositions", lambda text: _reader._Builder(None).positions_of(text)
            )
            _reading_targets.clear_caches()
            explained = _report_of(text, fmt, source)
        assert cold == warm == explained, source
        assert checks._WALKS.get() is None  # no plan held after its check


_PIECES = st.sampled_from(["a", "字", "\n", "\r", "\r\n", "\x85", "\u2028", "\u2029"])


@given(st.lists(_PIECES).map("".join))
def test_line_starts_are_after_every_break_yaml_counts(text: str) -> None:
    for case in (text, text.replace("\r", "").replace("\x85", "")):
        assert _reader._line_starts(case) == [m.end() for m in _reader._BREAK.finditer(case)]


def _deepest_filled(value: Any, depth: int = 0) -> int:
    """The depth of the deepest container that holds anything (-1 for none)."""
    if not isinstance(value, (dict, list)):
        return -1
    items = list(value.values()) if isinstance(value, dict) else value
    return max([depth if items else -1, *(_deepest_filled(v, depth + 1) for v in items)])


@pytest.mark.parametrize("levels", [62, 63, 64, 65, 66])
@pytest.mark.parametrize("innermost", ["[]", "{}", "1", '"x"', "[1]", '{"k": null}'])
@pytest.mark.parametrize("opening", ["[", '{"a": '])
def test_json_deeper_than_the_limit_is_refused_and_no_shallower(
    levels: int, innermost: str, opening: str
) -> None:
    closing = "]" if opening == "[" else "}"
    text = '{"schema_version": "0.3.0", "x": [' + opening * levels + innermost
    text += closing * levels + "]}"
    if _deepest_filled(json.loads(text)) < _reader.MAX_DEPTH:
        _reader.read_text(text, fmt="json")
        return
    with pytest.raises(LoadError) as caught:
        _reader.read_text(text, fmt="json")
    assert (caught.value.code, caught.value.message) == (
        "too-deep",
        f"nesting deeper than {_reader.MAX_DEPTH} levels",
    )
