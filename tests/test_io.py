"""Reading and writing plan files, and every kind of bad input (issue 2, point 8).

Each bad input must raise a GovplanError subclass that says where, and write nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

import govplan as gp
from govplan import cli

PLAN = """\
schema_version: 0.3.0
id: test-2023
title: 测试县打好“发展六仗”总体方案
campaign_name: 发展六仗
year: 2023
region: {name: 测试县, level: county}
battles:
  - id: b1
    number: 1
    name: 打好经济增长主动仗
    groups:
      - id: b1.g1
        title: 加快消费潜力释放
        tasks:
          - id: b1.g1.t1
            title: 积极开展促消费活动
            text: 积极开展促消费活动。(县商务局牵头)
            indicators:
              - {name: 限上企业, kind: count, phrase: 新增5家以上, target: 5家, direction: rise}
            milestones:
              - {phrase: 6月底前, due: "2023-06-30", precision: month}
"""


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def convert_writes_nothing(tmp_path: Path, source: Path) -> None:
    """The CLI's convert fails on *source* and leaves no output file."""
    out = tmp_path / "out.json"
    assert cli.main(["convert", str(source), str(out)]) != 0
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.json")]


def test_load_and_round_trip(tmp_path: Path) -> None:
    campaign = gp.loads(PLAN)
    task = campaign.battles[0].groups[0].tasks[0]
    assert task.indicators[0].target == gp.Quantity.parse("5家")
    assert task.milestones[0].precision is gp.Precision.MONTH
    for fmt in ("yaml", "json"):
        path = tmp_path / f"plan.{fmt}"
        gp.dump(campaign, path)
        assert gp.load(path) == campaign


def test_sample_shows_units_and_roles(sample_path: Path) -> None:
    campaign = gp.load(sample_path)
    first = campaign.battles[0].groups[0].tasks[0]
    assert first.responsibilities[0].assignments[0] == gp.Responsibility(
        unit="县科技工信局", role=gp.Role.RESPONSIBLE
    )
    assert first.lead_units == ()


def test_malformed_yaml(tmp_path: Path) -> None:
    path = write(tmp_path, PLAN.replace("year: 2023", "year: [2023"))
    with pytest.raises(gp.LoadError) as info:
        gp.load(path)
    assert info.value.source == str(path)
    assert info.value.line is not None
    assert info.value.code == "syntax"
    convert_writes_nothing(tmp_path, path)


def test_malformed_json(tmp_path: Path) -> None:
    path = write(tmp_path, '{"schema_version": "0.3.0",\n "id": }', "plan.json")
    with pytest.raises(gp.LoadError) as info:
        gp.load(path)
    assert (info.value.line, info.value.code) == (2, "syntax")
    convert_writes_nothing(tmp_path, path)


def test_wrong_type(tmp_path: Path) -> None:
    path = write(tmp_path, PLAN.replace("year: 2023", "year: 二〇二三"))
    with pytest.raises(gp.ValidationError) as info:
        gp.load(path)
    problem = info.value.problems[0]
    assert (problem.code, problem.pointer, problem.line) == ("wrong-type", "/year", 5)
    assert "expected integer" in problem.message
    convert_writes_nothing(tmp_path, path)


def test_unknown_unit(tmp_path: Path) -> None:
    path = write(tmp_path, PLAN.replace("target: 5家", "target: 5万平方"))
    with pytest.raises(gp.ValidationError) as info:
        gp.load(path)
    problem = info.value.problems[0]
    assert problem.code == "unknown-unit"
    assert problem.pointer == "/battles/0/groups/0/tasks/0/indicators/0/target"
    assert problem.line == 19
    assert "万平方" in problem.message
    convert_writes_nothing(tmp_path, path)


def test_impossible_date(tmp_path: Path) -> None:
    path = write(tmp_path, PLAN.replace('"2023-06-30"', '"2023-02-30"'))
    with pytest.raises(gp.ValidationError) as info:
        gp.load(path)
    problem = info.value.problems[0]
    assert problem.code == "invalid-date"
    assert problem.pointer.endswith("/milestones/0/due")
    assert problem.line == 21
    convert_writes_nothing(tmp_path, path)


def test_missing_required_field(tmp_path: Path) -> None:
    path = write(tmp_path, PLAN.replace("            title: 积极开展促消费活动\n", ""))
    with pytest.raises(gp.ValidationError) as info:
        gp.load(path)
    problem = info.value.problems[0]
    assert problem.code == "missing-field"
    assert problem.pointer == "/battles/0/groups/0/tasks/0"
    assert "'title'" in problem.message
    assert problem.line == 15
    convert_writes_nothing(tmp_path, path)


def test_unknown_field_is_reported_not_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, PLAN.replace("    number: 1\n", "    number: 1\n    nmae: 仗\n"))
    with pytest.raises(gp.ValidationError) as info:
        gp.load(path)
    problem = info.value.problems[0]
    assert (problem.code, problem.pointer, problem.line) == ("unknown-field", "/battles/0/nmae", 10)
    convert_writes_nothing(tmp_path, path)


@pytest.mark.parametrize("text", ["a: 1\n", "- 1\n- 2\n", "just text\n"])
def test_not_a_plan(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(gp.SchemaVersionError) as info:
        gp.load(path)
    assert info.value.code == "not-a-plan"
    assert info.value.source == str(path)
    convert_writes_nothing(tmp_path, path)


def test_unsupported_schema_version(tmp_path: Path) -> None:
    path = write(tmp_path, PLAN.replace("0.3.0", "9.0.0"))
    with pytest.raises(gp.SchemaVersionError) as info:
        gp.load(path)
    assert (info.value.code, info.value.line) == ("unsupported-version", 1)


def test_yaml_tag_that_builds_objects(tmp_path: Path) -> None:
    path = write(tmp_path, PLAN + "notes: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(gp.LoadError) as info:
        gp.load(path)
    assert (info.value.code, info.value.line) == ("yaml-tag", 22)
    convert_writes_nothing(tmp_path, path)


def test_yaml_alias_bomb(tmp_path: Path) -> None:
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        levels.append(f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    path = write(tmp_path, PLAN + "\n".join(levels) + "\n")
    with pytest.raises(gp.LoadError) as info:
        gp.load(path)
    assert (info.value.code, info.value.line) == ("yaml-alias", 23)
    convert_writes_nothing(tmp_path, path)


@pytest.mark.parametrize("name", ["plan.yaml", "plan.json"])
def test_very_deep_nesting(tmp_path: Path, name: str) -> None:
    depth = 100_000
    path = write(tmp_path, '{"a": ' + "[" * depth + "]" * depth + "}", name)
    with pytest.raises(gp.LoadError) as info:
        gp.load(path)
    assert info.value.code == "too-deep"
    convert_writes_nothing(tmp_path, path)


@pytest.mark.parametrize("parser", ["libyaml", "python"])
@pytest.mark.parametrize("depth", [65, 999, 1000, 1001, 5000])
@pytest.mark.parametrize("style", ["flow", "block"])
def test_depth_limit_is_govplans_own(
    monkeypatch: pytest.MonkeyPatch, parser: str, depth: int, style: str
) -> None:
    """The same rule code and message whichever YAML parser (and libyaml version) reads the text.

    libyaml 0.2.6 caps flow nesting at 1000 in its scanner: that must still be ``too-deep``.
    """
    from govplan import _reader  # noqa: PLC0415

    if parser == "python":
        monkeypatch.setattr(_reader, "_Parser", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")
    if style == "flow":
        text = "a: " + "[" * depth + "]" * depth + "\n"
    else:
        text = "a:\n" + "".join("  " * i + "-\n" for i in range(depth))
    with pytest.raises(gp.LoadError) as info:
        gp.loads(text, format="yaml")
    assert info.value.code == "too-deep"
    assert info.value.message == f"nesting deeper than {_reader.MAX_DEPTH} levels"
    assert info.value.line == 1 if style == "flow" else info.value.line is not None


def test_200_megabyte_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: takes no disk space
        handle.truncate(200 * 1024 * 1024)
    with pytest.raises(gp.LoadError) as info:
        gp.load(path)
    assert info.value.code == "too-large"
    assert info.value.source == str(path)
    convert_writes_nothing(tmp_path, path)


def test_duplicate_key(tmp_path: Path) -> None:
    path = write(tmp_path, PLAN.replace("year: 2023\n", "year: 2023\nyear: 2024\n"))
    with pytest.raises(gp.LoadError) as info:
        gp.load(path)
    assert (info.value.code, info.value.line) == ("duplicate-key", 6)


def test_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(gp.LoadError) as info:
        gp.load(tmp_path / "nope.yaml")
    assert info.value.code == "unreadable"
    with pytest.raises(gp.LoadError) as info:
        gp.load(write(tmp_path, PLAN, "plan.txt"))
    assert info.value.code == "unknown-format"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(PLAN.encode("gb18030"))
    with pytest.raises(gp.LoadError) as info:
        gp.load(path)
    assert info.value.code == "encoding"


def test_every_schema_error_is_reported_at_once() -> None:
    text = PLAN.replace("year: 2023", "year: x").replace("number: 1", "number: 0")
    with pytest.raises(gp.ValidationError) as info:
        gp.loads(text, source="x.yaml")
    codes = sorted(p.code for p in info.value.problems)
    assert codes == ["invalid-value", "wrong-type"]
    assert "(and 1 more)" in str(info.value)


def test_loads_guesses_json() -> None:
    data = gp.io.to_data(gp.loads(PLAN))
    assert gp.loads(json.dumps(data)) == gp.loads(PLAN)


def test_dump_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    campaign = gp.loads(PLAN)
    target = tmp_path / "plan.yaml"
    target.write_text("old", encoding="utf-8")

    def boom(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(gp.io, "dumps", boom)
    with pytest.raises(RuntimeError):
        gp.dump(campaign, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_written_files_get_the_usual_mode(tmp_path: Path) -> None:
    campaign = gp.loads(PLAN)
    new = tmp_path / "new.yaml"
    gp.dump(campaign, new)
    umask = os.umask(0)
    os.umask(umask)
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask
    existing = tmp_path / "existing.yaml"
    existing.write_text("old", encoding="utf-8")
    existing.chmod(0o640)
    gp.dump(campaign, existing)
    assert existing.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    ("tail", "code"),
    [
        ("notes: [!!int abc]\n", "yaml-tag"),
        ("notes: [!!float x]\n", "yaml-tag"),
        ("notes: [!!bool abc]\n", "yaml-tag"),
        ("? [a]\n: 1\n", "syntax"),
        ("? {a: 1}\n: 1\n", "syntax"),
    ],
)
def test_bad_scalars_and_complex_keys_are_located_load_errors(
    tmp_path: Path, tail: str, code: str
) -> None:
    path = write(tmp_path, PLAN + tail)
    with pytest.raises(gp.LoadError) as info:
        gp.load(path)
    assert (info.value.code, info.value.line) == (code, PLAN.count("\n") + 1)


def test_json_duplicate_key_is_located(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(
        '{\n  "schema_version": "0.3.0",\n  "schema_version": "0.3.0"\n}\n', encoding="utf-8"
    )
    with pytest.raises(gp.LoadError) as info:
        gp.load(path)
    assert (info.value.code, info.value.line) == ("duplicate-key", 3)


def test_unsupported_version_points_at_the_field() -> None:
    with pytest.raises(gp.SchemaVersionError) as info:
        gp.loads(PLAN.replace("schema_version: 0.3.0", "schema_version: 9.0.0"))
    assert info.value.problem.pointer == "/schema_version"


# Regression tests of issue 10: each input used to end in something other than a located
# GovplanError (or, for the last ones, in the wrong rule code).


def sample_json() -> str:
    return gp.dumps(gp.examples.load("fenghuang-2023-sample"), "json")


@pytest.mark.parametrize(
    ("escape", "lone"),
    [
        (r"\udfff", True),
        (r"\ud83d", True),
        (r"\ude00\ud83d", True),
        (r"\ud83d\ud83d\ude00", True),
        (r"\ud83d\ude00", False),  # a pair: one character, 😀
        (r"\\udfff", False),  # an escaped backslash, then letters
    ],
)
def test_lone_surrogate_escape_in_json_is_a_located_load_error(escape: str, lone: bool) -> None:
    text = sample_json().replace('"培育壮大科技型企业"', f'"{escape}"', 1)
    line = text[: text.index(escape)].count("\n") + 1
    if not lone:
        campaign = gp.loads(text)
        assert gp.loads(gp.dumps(campaign)) == campaign
        return
    with pytest.raises(gp.LoadError) as info:
        gp.loads(text)
    assert (info.value.code, info.value.line) == ("encoding", line)
    report = gp.validates(text)
    assert [(p.code, p.line) for p in report.problems] == [("encoding", line)]


@pytest.mark.parametrize("fmt", ["yaml", "json", None])
def test_lone_surrogate_in_text_is_a_located_load_error(fmt: str | None) -> None:
    text = sample_json() if fmt == "json" else PLAN
    text = text.replace("培育" if fmt == "json" else "积极", "积\udfff", 1)
    with pytest.raises(gp.LoadError) as info:
        gp.loads(text, format=fmt)
    assert info.value.code == "encoding"
    assert info.value.line is not None
    assert gp.validates(text).problems[0].code == "encoding"


@pytest.mark.parametrize("year", [10000, 99999, 10**30])
def test_year_past_9999_is_a_schema_error_not_a_crash(year: int) -> None:
    text = PLAN.replace("year: 2023", f"year: {year}")
    report = gp.validates(text)  # the plan has a milestone: validate used to crash
    assert [(p.code, p.pointer, p.line) for p in report.errors] == [("invalid-value", "/year", 5)]
    with pytest.raises(gp.ValidationError):
        gp.loads(text)


def test_validating_a_campaign_object_checks_the_schema_first() -> None:
    import attrs  # noqa: PLC0415

    campaign = attrs.evolve(gp.loads(PLAN), year=99999)
    report = gp.validate(campaign)
    assert [(p.code, p.pointer) for p in report.errors] == [("invalid-value", "/year")]


def test_positions_take_memory_in_proportion_to_the_file() -> None:
    """Long keys nested deep over a long list: a pointer string per element was key x depth."""
    import tracemalloc  # noqa: PLC0415

    key, depth, items = "k" * 1000, 60, 5000
    nested = "".join(f'{{"{key}{i}": ' for i in range(depth))
    nested += "[" + ",".join(["0"] * items) + "]" + "}" * depth
    text = '{"schema_version": "0.3.0", "x": ' + nested + "}"
    tracemalloc.start()
    try:
        report = gp.validates(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.problems[0].line == 1
    # The old map held 5000 pointers of 60 kB each: 300 MB. The text is 66 kB.
    assert peak < 40 * len(text), peak


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_without_a_writer_is_unreadable_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    report = gp.validate(fifo)
    assert [p.code for p in report.problems] == ["unreadable"]
    assert "FIFO" in report.problems[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_with_a_writer_is_read_to_its_end(tmp_path: Path) -> None:
    import threading  # noqa: PLC0415

    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    # A reader of our own keeps the FIFO's buffer alive, so that the writer can open and write
    # without waiting, and govplan finds the text whenever it opens the FIFO.
    holder = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    writer = os.open(fifo, os.O_WRONLY)
    try:
        os.write(writer, PLAN.encode())
        closing = threading.Timer(0.3, os.close, [writer])  # govplan reads on until then
        closing.start()
        report = gp.validate(fifo)
        closing.join()
    finally:
        os.close(holder)
    assert report.valid, report.problems
    assert report.campaign == gp.loads(PLAN)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_link_to_dev_zero_ends_at_the_size_limit(tmp_path: Path) -> None:
    link = tmp_path / "plan.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(gp.LoadError) as info:
        gp.load(link)
    assert info.value.code == "too-large"
    assert info.value.source == str(link)


def test_folder_named_like_a_plan_is_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "plan.yaml"
    folder.mkdir()
    with pytest.raises(gp.LoadError) as info:
        gp.load(folder)
    assert (info.value.code, info.value.source) == ("unreadable", str(folder))


@pytest.mark.parametrize("fmt", ["xml", "YAML", ""])
def test_unknown_format_argument_is_refused_not_read_as_yaml(fmt: str) -> None:
    with pytest.raises(gp.LoadError) as info:
        gp.loads(PLAN, format=fmt)
    assert info.value.code == "unknown-format"
    assert [p.code for p in gp.validates(PLAN, format=fmt).problems] == ["unknown-format"]


def test_loads_reads_bytes() -> None:
    assert gp.loads(PLAN.encode()) == gp.loads(PLAN)
    with pytest.raises(gp.LoadError) as info:
        gp.loads(b"\xff" + PLAN.encode())
    assert info.value.code == "encoding"


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("433123", True),
        ("110000", True),
        ("820000", True),
        ("000000", False),
        ("993123", False),
        ("٤٣٣١٢٣", False),
        ("43312", False),
    ],
)
def test_region_code_starts_with_a_province(code: str, valid: bool) -> None:
    """GB/T 2260: the first two digits name a province; ASCII digits, as ECMA-262 reads [0-9]."""
    text = PLAN.replace(
        "region: {name: 测试县, level: county}",
        # 433123 is 凤凰县 (GB/T 2260): the name agrees, so that region-code finds nothing.
        f"region: {{name: 凤凰县, level: county, code: '{code}'}}",
    )
    report = gp.validates(text)
    assert report.valid is valid
    if not valid:
        assert [(p.code, p.pointer) for p in report.errors] == [("invalid-value", "/region/code")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("schema_version: 0.3.0", "schema_version: 0.3.０"),
        ('due: "2023-06-30"', 'due: "２０２３-06-30"'),
        ('due: "2023-06-30"', 'due: "٢٠٢٣-06-30"'),
    ],
)
def test_patterns_take_ascii_digits_as_every_validator_does(old: str, new: str) -> None:
    """Python's ``\\d`` also matches full-width and Arabic-Indic digits; ECMA-262's does not."""
    report = gp.validates(PLAN.replace(old, new))
    assert not report.valid


def test_document_number_keeps_full_width_digits_as_printed() -> None:
    text = PLAN.replace("year: 2023\n", "year: 2023\ndocument_number: 测政办发〔２０２３〕２号\n")
    campaign = gp.loads(text)
    assert str(campaign.document_number) == "测政办发〔２０２３〕２号"
    assert gp.model.DocumentNumber.parse("测政办发〔２０２３〕２号").year == 2023
