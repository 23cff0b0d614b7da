"""examples/invalid/: each file breaks the one rule it states, at the layer it states.

Also the base those files change, the schema's root example: it validates everywhere.  And the
ajv harness (tests/ajv/) reads YAML as govplan does, when Node.js and its packages are installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import govplan as gp
from conftest import EXAMPLES, ROOT
from govplan._pointer import join, split
from govplan._reader import read_text
from govplan.checks import RULES
from govplan.errors import LoadError, Severity

INVALID = EXAMPLES / "invalid"
MANIFEST = INVALID / "manifest.json"
README = INVALID / "README.md"
HARNESS = ROOT / "tests" / "ajv" / "validate.mjs"
SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
LAYERS = {"reading", "schema", "semantic"}
HEADER_KEYS = ("breaks", "layer", "why", "pointer")

#: Error rules no file here breaks: they concern the file, not its text.
NOT_COVERED = {
    "unreadable": "a path that cannot be opened is not a file a folder can hold",
    "unknown-format": "a file named other than .yaml/.yml/.json is no plan file to any reader",
    "too-large": "a plan file of more than 32 MiB does not belong in a repository",
    "encoding": "not UTF-8 is a property of the bytes, which editors and tools change; "
    "govplan's command line treats it as a usage error (exit 2), like unreadable",
}

#: Rules govplan raises while reading, placed by line only: its problem has the pointer "".
PLACED_BY_LINE = {"not-a-plan"}


def manifest() -> dict[str, dict[str, str]]:
    files: dict[str, dict[str, str]] = json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]
    return files


ENTRIES = manifest()
NAMES = sorted(ENTRIES)
YAML_NAMES = [n for n in NAMES if SUFFIXES[Path(n).suffix] == "yaml"]
VALID = sorted(p for p in EXAMPLES.iterdir() if p.suffix in SUFFIXES and p.is_file())


def header(path: Path) -> dict[str, str]:
    """The leading ``# key: value`` lines of a YAML file."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"# (\w+): (.+)", line)
        if not match:
            break
        found[match[1]] = match[2]
    return found


def read(path: Path) -> Any:
    """The plain data of a plan file, as govplan reads it (LoadError if it cannot)."""
    text = path.read_bytes().decode("utf-8-sig")
    data, _positions = read_text(text, source=str(path), fmt=SUFFIXES[path.suffix])
    return data


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        gp.schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def schema_error_pointers(data: Any) -> set[str]:
    """Where a plain JSON Schema validator finds errors (an unknown field: at the field)."""
    pointers: set[str] = set()
    for error in validator().iter_errors(data):
        pointer = join("", *error.absolute_path)
        if error.validator == "additionalProperties":
            allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            pointers.update(join(pointer, key) for key in set(error.instance) - set(allowed))
        else:
            pointers.add(pointer)
    return pointers


def differences(a: Any, b: Any, pointer: str = "") -> list[str]:
    """Pointers to where *a* and *b* differ: a changed value, an added or removed member."""
    if isinstance(a, dict) and isinstance(b, dict):
        found = []
        for key in sorted(a.keys() | b.keys()):
            if key in a and key in b:
                found.extend(differences(a[key], b[key], join(pointer, key)))
            else:
                found.append(join(pointer, key))
        return found
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in differences(x, y, join(pointer, i))
        ]
    return [] if type(a) is type(b) and a == b else [pointer]


def parent(pointer: str) -> str:
    """The pointer of the member's container."""
    return pointer.rpartition("/")[0]


def resolve(data: Any, pointer: str) -> Any:
    """The member of *data* at *pointer*."""
    for token in split(pointer):
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data


# ---------------------------------------------------------------- the suite's own consistency


def test_manifest_lists_every_file_of_the_folder() -> None:
    """manifest.json indexes every file of the folder, YAML and JSON, and nothing else."""
    files = {p.name for p in INVALID.iterdir() if p.name not in {"README.md", "manifest.json"}}
    assert files == set(ENTRIES)
    assert all(Path(n).suffix in SUFFIXES for n in files)
    assert {Path(n).suffix for n in files} >= {".yaml", ".json"}


@pytest.mark.parametrize("name", NAMES)
def test_entry_names_an_error_rule_and_a_layer(name: str) -> None:
    """Each entry breaks an error rule of RULES at a layer, says why in one line."""
    entry = ENTRIES[name]
    assert set(entry) <= set(HEADER_KEYS)
    assert RULES[entry["breaks"]].severity is Severity.ERROR
    assert entry["layer"] in LAYERS
    assert entry["why"].strip()
    assert "\n" not in entry["why"]
    assert "|" not in entry["why"]  # it goes into the README's table
    if "pointer" in entry:
        assert entry["layer"] != "reading"
        assert entry["pointer"].startswith("/")


@pytest.mark.parametrize("name", YAML_NAMES)
def test_yaml_header_repeats_the_manifest(name: str) -> None:
    """A YAML file's comment header states its manifest entry, keys in the fixed order."""
    found = header(INVALID / name)
    assert found == ENTRIES[name]
    assert list(found) == [k for k in HEADER_KEYS if k in found]


def test_readme_table_matches_the_manifest() -> None:
    """The README's table lists every file with its rule, layer and reason."""
    rows = re.findall(
        r"^\| `([^`]+)` \| `([^`]+)` \| (\w+) \| (.+) \|$",
        README.read_text(encoding="utf-8"),
        flags=re.MULTILINE,
    )
    table = {name: {"breaks": code, "layer": layer, "why": why} for name, code, layer, why in rows}
    assert len(rows) == len(table)
    expected = {
        name: {k: v for k, v in entry.items() if k != "pointer"} for name, entry in ENTRIES.items()
    }
    assert table == expected


def test_every_error_rule_is_broken_by_some_file() -> None:
    """Every error rule has a file, but those about the file itself (NOT_COVERED)."""
    errors = {code for code, rule in RULES.items() if rule.severity is Severity.ERROR}
    broken = {entry["breaks"] for entry in ENTRIES.values()}
    assert set(NOT_COVERED) <= errors
    assert not set(NOT_COVERED) & broken
    assert errors - set(NOT_COVERED) == broken


def test_rules_with_several_triggers_have_a_file_for_each() -> None:
    """Rules that distinct mistakes trigger have one file per mistake."""
    triggers = {
        "invalid-value": 6,  # enum, pattern, minimum, minLength, an infinity, groups in a campaign plan
        "unknown-unit-ref": 3,  # a responsibility, a work-team member, an office
        "unknown-reference": 3,  # a battle, a parent row, an irregularity's element
        "unknown-unit": 2,  # a target, an allocation row
        "not-a-plan": 2,  # no schema_version, not a mapping
        "milestone-mismatch": 2,  # due date, precision
        "invalid-date": 2,  # no such day, not ISO
        "invalid-quantity": 2,  # the form (schema), a range from high to low (govplan)
        "syntax": 3,  # YAML, several documents, JSON
        "yaml-tag": 2,  # a tag, a merge key
    }
    counts = Counter(entry["breaks"] for entry in ENTRIES.values())
    assert {code: counts[code] for code in triggers} == triggers


# ---------------------------------------------------------------- what govplan says


@pytest.mark.parametrize("name", NAMES)
def test_govplan_reports_the_stated_rule_and_no_other_error(name: str) -> None:
    """govplan.validate finds the stated rule, where stated, and no other error."""
    entry = ENTRIES[name]
    report = gp.validate(INVALID / name)
    assert not report.valid
    assert {p.code for p in report.errors} == {entry["breaks"]}, [str(p) for p in report.errors]
    if "pointer" in entry:
        allowed = {entry["pointer"]} | ({""} if entry["breaks"] in PLACED_BY_LINE else set())
        assert {p.pointer for p in report.errors} <= allowed


@pytest.mark.parametrize("name", NAMES)
def test_layer_is_where_the_file_fails(name: str) -> None:
    """Reading files are refused while reading; the schema rejects schema files only."""
    entry = ENTRIES[name]
    path = INVALID / name
    if entry["layer"] == "reading":
        with pytest.raises(LoadError) as info:
            read(path)
        assert info.value.code == entry["breaks"]
        return
    pointers = schema_error_pointers(read(path))
    if entry["layer"] == "semantic":
        assert pointers == set()
    else:
        assert pointers
        assert entry.get("pointer", "") in pointers


@pytest.mark.parametrize("name", [n for n in NAMES if ENTRIES[n]["layer"] != "reading"])
def test_file_is_the_root_example_changed_in_one_place(name: str) -> None:
    """One value changed, added or removed, or one key renamed; near where the error is."""
    base = gp.schema()["examples"][0]
    data = read(INVALID / name)
    changed = differences(base, data)
    if len(changed) == 2 and parent(changed[0]) == parent(changed[1]):  # a key renamed?
        container = resolve(data, parent(changed[0]))
        renamed = {key: key in container for key in (c.rpartition("/")[2] for c in changed)}
        assert sorted(renamed.values()) == [False, True], changed
        changed = [next(c for c in changed if c.rpartition("/")[2] in container)]
    assert len(changed) == 1, changed
    if "pointer" in ENTRIES[name]:
        pointer = ENTRIES[name]["pointer"]
        assert changed[0].startswith(parent(pointer)) or pointer.startswith(changed[0])


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_examples_still_validate(path: Path) -> None:
    """The plans directly in examples/ stay valid (examples/invalid/ is not among them)."""
    report = gp.validate(path)
    assert report.valid, [str(p) for p in report.errors]


# ---------------------------------------------------------------- the schema as the base


def test_root_example_is_valid_everywhere() -> None:
    """The schema's own example passes a plain validator, govplan's validation and loading."""
    schema = gp.schema()
    (example,) = schema["examples"]
    assert list(validator().iter_errors(example)) == []
    text = json.dumps(example, ensure_ascii=False)
    report = gp.validates(text, format="json")
    assert report.problems == ()
    campaign = gp.loads(text, format="json")
    task = campaign.battles[0].groups[0].tasks[0]
    assert task.lead_units == ("县商务局",)
    assert task.indicators[0].target is not None
    assert task.milestones
    assert campaign.units
    assert gp.loads(gp.dumps(campaign)) == campaign


def test_schema_explains_itself() -> None:
    """Versioned $id, title, a description that points onward, a description per $defs."""
    schema = gp.schema()
    assert schema["$id"] == f"urn:govplan:schema:{gp.SCHEMA_VERSION}"
    assert gp.SCHEMA_VERSION in schema["title"]
    for words in ["schema_version", "docs/schema.md", "docs/versioning.md", "docs/validation.md"]:
        assert words in schema["description"]
    for name, definition in schema["$defs"].items():
        assert definition.get("description"), f"$defs/{name} has no description"


# ---------------------------------------------------------------- the ajv harness's reading

NODE = shutil.which("node")
HARNESS_READY = NODE is not None and (HARNESS.parent / "node_modules" / "yaml").is_dir()
needs_harness = pytest.mark.skipif(
    not HARNESS_READY, reason="needs node and `npm ci --prefix tests/ajv`"
)

#: YAML whose reading depends on the YAML version and schema: the harness must agree.
TRICKY_YAML = [
    "a: [yes, No, ON, off, true, FALSE, y, n, Y, N]",
    "a: [017, 0o17, 0x1F, -0b101, 1_000, 09, 1:20, 190:20:30, +12, -0]",
    "a: [1.5, 1e3, 1.0e3, 1.0e+3, .5, 0., 1:20.5, 1.5_0, '1.5']",
    "a: [~, null, Null, NULL, '', 'null']",
    "a: [2023-02-27, 2023-02-27T10:00:00Z, '2023-02-27']",
    "a: [!!str 12, ! 12, !!int '12', !!float 1, !!bool ON, !!null x]",
    "a: !!map {b: !!seq [1]}",
    "a: |\n  yes\nb: >\n  12\n",
    "yes: 1\n~: 2\n12: 3\n",
    "a: &x 1\nb: 2",
    "%YAML 1.2\n---\na: yes",
    "a: 1\n...\n",
    "__proto__: 1",
    "''",
    "",
    # refused, with the same code
    "a: 1\na: 2",
    "1: a\n'1': b",
    "1.5: a",
    "a: &x 1\nb: *x",
    "<<: {a: 1}",
    "a: [=]",
    "a: !!binary aGVsbG8=",
    "a: !!timestamp 2023-01-01",
    "a: !!set {x}",
    "a: !custom x",
    "a: .inf",
    "a: -.Inf",
    "a: .NaN",
    "a: 1\n---\nb: 2",
    "a: [1, 2",
    "a: b: c",
    "a: " + "[" * 64 + "]" * 64,
    "a: " + "[" * 63 + "]" * 63,
]


#: JSON the harness must read as govplan does.
TRICKY_JSON = [
    '{"a": [1, 1.5, 1e3, true, null, "yes"]}',
    '\ufeff{"a": 1}',
    '{"a": NaN}',
    '{"a": 1,}',
    "[" * 64 + "]" * 64,
    "[" * 65 + "]" * 65,
    "[" * 65 + "1" + "]" * 65,
    "[" * 66 + "]" * 66,
]


def canonical(value: Any) -> Any:
    """JSON data with numbers as floats and booleans apart (so 1 == 1.0, True != 1)."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", float(value))
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical(v) for v in value]
    return value


def govplan_reading(text: str, fmt: str) -> dict[str, Any]:
    try:
        data, _positions = read_text(text, fmt=fmt)
    except LoadError as exc:
        return {"error": exc.code}
    return {"data": canonical(data)}


def harness_readings(inputs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """What the harness reads from each (text, format), in one run of node."""
    assert NODE is not None
    result = subprocess.run(  # noqa: S603 - node on the project's own script
        [NODE, str(HARNESS), "--dump"],
        input=json.dumps([{"text": text, "format": fmt} for text, fmt in inputs]),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return [{"data": canonical(f["data"])} if "data" in f else {"error": f["error"]} for f in found]


def example_file(name: str) -> Path:
    return EXAMPLES / name if (EXAMPLES / name).is_file() else INVALID / name


def file_input(name: str) -> tuple[str, str]:
    path = example_file(name)
    return path.read_bytes().decode("utf-8-sig"), SUFFIXES[path.suffix]


FILE_NAMES = [*(p.name for p in VALID), *NAMES]


@pytest.fixture(scope="module")
def harness() -> dict[tuple[str, str], dict[str, Any]]:
    """The harness's reading of every tricky text and example file, keyed by (text, format)."""
    inputs = [
        *((text, "yaml") for text in TRICKY_YAML),
        *((text, "json") for text in TRICKY_JSON),
        *map(file_input, FILE_NAMES),
    ]
    return dict(zip(inputs, harness_readings(inputs), strict=True))


@needs_harness
@pytest.mark.parametrize("text", TRICKY_YAML)
def test_harness_reads_yaml_as_govplan_does(
    harness: dict[tuple[str, str], dict[str, Any]], text: str
) -> None:
    assert harness[text, "yaml"] == govplan_reading(text, "yaml")


@needs_harness
@pytest.mark.parametrize("text", TRICKY_JSON)
def test_harness_reads_json_as_govplan_does(
    harness: dict[tuple[str, str], dict[str, Any]], text: str
) -> None:
    assert harness[text, "json"] == govplan_reading(text, "json")


@needs_harness
@pytest.mark.parametrize("name", FILE_NAMES)
def test_harness_reads_each_example_as_govplan_does(
    harness: dict[tuple[str, str], dict[str, Any]], name: str
) -> None:
    text, fmt = file_input(name)
    assert harness[text, fmt] == govplan_reading(text, fmt)


@needs_harness
def test_ajv_harness_passes() -> None:
    """node tests/ajv/validate.mjs: strict ajv agrees with every file's stated layer."""
    assert NODE is not None
    result = subprocess.run(  # noqa: S603 - node on the project's own script
        [NODE, str(HARNESS)], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.splitlines()[-1]
    assert re.fullmatch(r"ajv: \d+ passed, 0 failed", last), last
