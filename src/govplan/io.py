"""Read and write plan files (YAML or JSON) through the one converter.

``load`` and ``loads`` check the document against the schema and build a :class:`Campaign`;
anything wrong raises a :class:`~govplan.GovplanError` that says where (file:line:column and JSON
pointer) and what.  Semantic rules (unique ids, units in the registry, totals) are checked by
:func:`govplan.validate`, which reports instead of raising.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

import attrs
import jsonschema
import yaml

from govplan import _atomic, _pointer
from govplan._convert import converter, structure_errors
from govplan._reader import MAX_BYTES, Positions, read_text
from govplan.errors import LoadError, Problem, SchemaVersionError, ValidationError
from govplan.model import SCHEMA_VERSION, Campaign
from govplan.schema import schema

__all__ = ["Format", "dump", "dumps", "load", "loads"]

Format = Literal["yaml", "json"]

_SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


@attrs.frozen(kw_only=True)
class Document:
    """A plan document as read: plain data, where each element stands, and the file name."""

    data: Any
    positions: Positions = attrs.field(factory=Positions)
    source: str | None = None

    def locate(self, problem: Problem) -> Problem:
        """Place *problem* at the line of its pointer, or of its nearest ancestor that exists."""
        tokens = _pointer.split(problem.pointer) if problem.pointer else []
        while True:
            position = self.positions.get(_pointer.join("", *tokens))
            if position is not None:
                return problem.with_location(self.source, *position)
            if not tokens:
                return problem.with_location(self.source, None, None)
            tokens.pop()


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """Pause the cyclic garbage collector while a plan's data is built.

    Parsing and structuring make many small objects and no cycles; the collector, run again and
    again as they pile up, would make loading grow faster than the file.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def format_of(path: str | os.PathLike[str]) -> Format:
    """The format a file name implies; LoadError for other suffixes."""
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise LoadError(
            f"cannot tell the format of {os.fspath(path)!r}: use .yaml, .yml or .json",
            source=os.fspath(path),
            code="unknown-format",
        )
    return _SUFFIXES[suffix]


def read_bytes(
    path: str | os.PathLike[str], *, limit: int = MAX_BYTES, what: str = "a plan file"
) -> bytes:
    """The bytes of *path*, refusing more than *limit* with a located ``too-large`` LoadError.

    *what* names the kind of file in that error ("more than the 33554432 bytes a plan file may
    have").

    Works the same for a regular file, a FIFO, a character device (``/dev/zero`` ends at the
    limit, not in MemoryError) or a link to one: the size of anything but a regular file is read,
    never trusted from ``stat``.  A FIFO without a writer reads as empty instead of waiting.
    """
    name = os.fspath(path)
    too_large = f"more than the {limit} bytes {what} may have"
    try:
        # O_NONBLOCK so that opening a FIFO does not wait for a writer that may never come.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb", buffering=0) as handle:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise LoadError(
                    "cannot read the file: it is a folder", source=name, code="unreadable"
                )
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise LoadError(
                    f"the file is {info.st_size} bytes, {too_large}", source=name, code="too-large"
                )
            first = b""
            if stat.S_ISFIFO(info.st_mode):
                first = _first_bytes_of_fifo(fd, name)
            os.set_blocking(fd, True)
            raw = first + _read_at_most(handle, limit + 1 - len(first))
    except OSError as exc:
        raise LoadError(
            f"cannot read the file: {exc.strerror}", source=name, code="unreadable"
        ) from exc
    if len(raw) > limit:
        raise LoadError(f"the file holds {too_large}", source=name, code="too-large")
    return raw


def _first_bytes_of_fifo(fd: int, name: str) -> bytes:
    """What a FIFO holds now; an error when no program writes to it (reading would wait)."""
    try:
        first = os.read(fd, 65536)
    except BlockingIOError:  # a writer is there, with nothing written yet
        return b""
    if not first:
        raise LoadError(
            "cannot read the file: it is a FIFO that no program is writing to",
            source=name,
            code="unreadable",
        )
    return first


def _read_at_most(handle: Any, size: int) -> bytes:
    chunks: list[bytes] = []
    while size > 0:
        chunk = handle.read(min(size, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def read_path(path: str | os.PathLike[str]) -> Document:
    """Read a plan file into a :class:`Document` (syntax and safety checks only)."""
    fmt = format_of(path)
    return read_document(read_bytes(path), source=os.fspath(path), fmt=fmt)


def read_document(
    text: str | bytes,
    *,
    source: str | None = None,
    fmt: Format | None = None,
    check_version: bool = True,
) -> Document:
    """Parse plan text (or UTF-8 bytes) into a :class:`Document` of a schema version we read.

    With ``check_version=False`` any mapping is returned, for ``govplan upgrade`` to migrate.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LoadError(
                f"the file is not UTF-8 text (byte {exc.start})", source=source, code="encoding"
            ) from exc
    elif not isinstance(text, str):
        raise TypeError(f"plan text must be str or bytes, not {type(text).__name__}")
    with paused_collector():
        data, positions = read_text(text, source=source, fmt=fmt)
    document = Document(data=data, positions=positions, source=source)
    if check_version:
        _check_version(document)
    return document


def _check_version(document: Document) -> None:
    data = document.data
    if not isinstance(data, dict) or "schema_version" not in data:
        found = type(data).__name__ if not isinstance(data, dict) else "no 'schema_version' field"
        raise SchemaVersionError(
            f"not a govplan plan: expected a mapping with 'schema_version', found {found}",
            source=document.source,
            line=1 if not isinstance(data, dict) else None,
            code="not-a-plan",
        )
    version = data["schema_version"]
    supported = SCHEMA_VERSION.rsplit(".", 1)[0]
    if not isinstance(version, str) or version.rsplit(".", 1)[0] != supported:
        line, column = document.positions.get("/schema_version") or (None, None)
        from govplan.upgrade import UPGRADABLE  # noqa: PLC0415 - upgrade reads through io

        upgradable = isinstance(version, str) and version.rsplit(".", 1)[0] in UPGRADABLE
        advice = "; run 'govplan upgrade' on the file" if upgradable else ""
        raise SchemaVersionError(
            f"schema_version {version!r} is not supported: this govplan reads {supported}.x "
            f"(schema {SCHEMA_VERSION}){advice}",
            source=document.source,
            line=line,
            column=column,
            code="unsupported-version",
            pointer="/schema_version",
        )
    declared = data.get("$schema")
    if isinstance(declared, str) and declared.startswith(_URN):
        named = declared.removeprefix(_URN)
        if named.rsplit(".", 1)[0] != version.rsplit(".", 1)[0]:
            line, column = document.positions.get("/$schema") or (None, None)
            raise SchemaVersionError(
                f"$schema names schema {named!r} but schema_version is {version!r}",
                source=document.source,
                line=line,
                column=column,
                code="schema-mismatch",
                pointer="/$schema",
            )


_URN = "urn:govplan:schema:"


@functools.cache
def _schema_document() -> dict[str, Any]:
    return schema()


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        _schema_document(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@functools.cache
def _compiled() -> Callable[[Any], bool] | None:
    """The compiled validator's test (jsonschema-rs), or None where it is not installed.

    It answers "valid?" about 100 times faster than jsonschema; jsonschema still explains every
    failure, so messages, codes and locations do not depend on which one is installed.
    """
    try:
        import jsonschema_rs  # noqa: PLC0415 - optional at run time
    except ImportError:  # pragma: no cover - a platform without its wheel
        return None
    test: Callable[[Any], bool] = jsonschema_rs.validator_for(
        _schema_document(), validate_formats=True
    ).is_valid
    return test


_KEYWORD_CODES = {
    "additionalProperties": "unknown-field",
    "required": "missing-field",
    "type": "wrong-type",
}
_DEF_CODES = {
    "quantity": "invalid-quantity",
    "quantity_or_range": "invalid-quantity",
    "date": "invalid-date",
    "document_number": "invalid-document-number",
}


def _schema_problem(error: jsonschema.ValidationError) -> Iterable[Problem]:
    subschema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    pointer = _pointer.join("", *error.absolute_path)
    schema_pointer = _pointer.join("", *error.absolute_schema_path)
    if error.validator == "additionalProperties":
        allowed = sorted(subschema.get("properties", {}))
        instance: Any = error.instance
        extra = sorted(set(instance) - set(allowed))
        for key in extra:
            yield Problem(
                code="unknown-field",
                message=f"unknown field {key!r}; expected one of: {', '.join(allowed)}",
                pointer=_pointer.join(pointer, key),
                schema_pointer=schema_pointer,
                hint="check the spelling; unknown fields are never dropped silently",
            )
        return
    code = _KEYWORD_CODES.get(str(error.validator)) or _def_code(error) or "invalid-value"
    message = error.message
    if error.validator == "required":
        message = f"missing required field: {error.message}"
    elif error.validator == "type":
        found = f"{type(error.instance).__name__} {error.instance!r}"
        message = f"expected {error.validator_value}, found {found}"
    elif error.validator == "pattern":
        example = subschema.get("examples", [None])[0]
        message = f"{error.instance!r} is not in the expected form"
        if example:
            message += f" (such as {example!r})"
    elif error.validator == "maxItems" and error.validator_value == 0:
        items = error.instance if isinstance(error.instance, list) else []
        message = f"must be empty, found {len(items)} item(s)"
    if condition := _condition(error):
        message += f" ({condition})"
    yield Problem(code=code, message=message, pointer=pointer, schema_pointer=schema_pointer)


def _condition(error: jsonschema.ValidationError) -> str | None:
    """Why an if/then rule applied: "because kind is campaign_plan (or absent)"."""
    path = list(error.absolute_schema_path)
    if "then" not in path:
        return None
    root: Any = _schema_document()
    node = root
    for key in [*path[: path.index("then")], "if"]:
        while key not in node and str(node.get("$ref", "")).startswith("#/$defs/"):
            node = root["$defs"][node["$ref"].removeprefix("#/$defs/")]
        if key != "if":
            node = node[key]
    condition = node.get("if", {})
    parts = []
    for name, test in condition.get("properties", {}).items():
        values = " or ".join(str(v) for v in test.get("enum", []))
        absent = "" if name in condition.get("required", ()) else " (or absent)"
        parts.append(f"{name} is {values}{absent}")
    return "because " + " and ".join(parts) if parts else None


def _def_code(error: jsonschema.ValidationError) -> str | None:
    """A specific code when the failing subschema is one of the shared value formats."""
    defs = _schema_document()["$defs"]
    return next((code for name, code in _DEF_CODES.items() if error.schema == defs[name]), None)


def schema_problems(document: Document) -> list[Problem]:
    """Every schema violation of the document, placed at its line, in document order."""
    compiled = _compiled()
    if compiled is not None and compiled(document.data):
        return []
    problems = [
        document.locate(p)
        for error in _validator().iter_errors(document.data)
        for p in _schema_problem(error)
    ]
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.pointer))


def build(document: Document) -> tuple[Campaign | None, list[Problem]]:
    """Check the document against the schema and build the campaign; problems if it cannot."""
    problems = schema_problems(document)
    if problems:
        return None, problems
    data = document.data
    if isinstance(data, dict) and "$schema" in data:
        data = {k: v for k, v in data.items() if k != "$schema"}
    try:
        with paused_collector():
            return converter.structure(data, Campaign), []
    except Exception as exc:  # noqa: BLE001 - every structuring failure becomes a Problem
        return None, [document.locate(p) for p in structure_errors(exc)]


def _campaign(document: Document) -> Campaign:
    campaign, problems = build(document)
    if campaign is None:
        raise ValidationError(problems)
    return campaign


def load(path: str | os.PathLike[str]) -> Campaign:
    """Read a plan file (``.yaml``, ``.yml`` or ``.json``) into a :class:`Campaign`.

    .. versionadded:: 0.1.0

    Raises:
        LoadError: the file cannot be read or parsed (with file, line, column).
        SchemaVersionError: the file is not a plan, or of a schema version this govplan cannot read.
        ValidationError: the plan breaks the schema; ``.problems`` lists every error.

    """
    return _campaign(read_path(path))


def loads(
    text: str | bytes,
    *,
    format: Format | None = None,  # noqa: A002
    source: str | None = None,
) -> Campaign:
    """Read plan text (YAML or JSON; guessed when *format* is None) into a :class:`Campaign`.

    *text* may also be a file's bytes (UTF-8).  *source* names the text in error messages.
    Raises as :func:`load` does.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Accepts bytes.
    """
    return _campaign(read_document(text, source=source, fmt=format))


def to_data(campaign: Campaign) -> dict[str, Any]:
    """The campaign as JSON-ready plain data (the form the schema describes)."""
    data: dict[str, Any] = converter.unstructure(campaign)
    return data


def dumps(campaign: Campaign, format: Format = "yaml") -> str:  # noqa: A002
    """Write a campaign as YAML (default) or JSON text; ``loads(dumps(c)) == c``.

    .. versionadded:: 0.1.0
    """
    data = to_data(campaign)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "yaml":
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        return yaml.dump(
            data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1_000_000, indent=2
        )
    raise ValueError(f"format must be 'yaml' or 'json', found {format!r}")


def dump(campaign: Campaign, path: str | os.PathLike[str], format: Format | None = None) -> None:  # noqa: A002
    """Write a campaign to *path* atomically, in the format its suffix names unless given.

    .. versionadded:: 0.1.0
    """
    _atomic.write_text(path, dumps(campaign, format or format_of(path)))
