"""The command line: exit codes, report formats, and no tracebacks for user errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE
from govplan import cli
from test_io import PLAN


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - runs this interpreter on fixed arguments
        [sys.executable, "-m", "govplan", *args], capture_output=True, text=True, check=False
    )


def test_validate_valid_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "valid (0 errors" in out
    assert "1 files: 1 valid, 0 invalid" in out


def test_validate_invalid_file_exits_1_grouped_by_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        PLAN.replace("target: 5家", "target: 5万平方").replace("year: 2023", "year: x"),
        encoding="utf-8",
    )
    assert cli.main(["validate", str(bad), str(SAMPLE)]) == 1
    out = capsys.readouterr().out
    assert "INVALID" in out
    assert "error wrong-type (1)" in out
    assert f"{bad}:5:1: error: /year:" in out
    assert "2 files: 1 valid, 1 invalid" in out


def test_validate_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(PLAN.replace("number: 1", "number: 0"), encoding="utf-8")
    assert cli.main(["validate", "--format", "json", str(bad)]) == 1
    report = json.loads(capsys.readouterr().out)["reports"][0]
    assert report["valid"] is False
    problem = report["problems"][0]
    assert (problem["code"], problem["pointer"], problem["line"]) == (
        "invalid-value",
        "/battles/0/number",
        9,
    )


def test_validate_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a plan", encoding="utf-8")
    assert cli.main(["validate", str(tmp_path)]) == 0
    assert "1 files" in capsys.readouterr().out


def test_validate_directory_reads_sub_folders_only_when_recursive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "invalid").mkdir()
    (tmp_path / "invalid" / "b.yaml").write_text("schema_version: 0.1.0\n", encoding="utf-8")
    assert cli.main(["validate", str(tmp_path)]) == 0
    assert "1 files" in capsys.readouterr().out
    assert cli.main(["validate", "--recursive", str(tmp_path)]) == 1
    assert "2 files" in capsys.readouterr().out


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    assert cli.main(["validate", str(tmp_path / "missing.yaml")]) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli.main(["validate", str(empty)]) == 2


def test_usage_error_exits_2_without_traceback() -> None:
    result = run("frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content", ["a: [1", "a: !!python/object:os.system x", "- 1", "{"])
def test_bad_input_never_shows_a_traceback(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    for command in (["validate", str(path)], ["convert", str(path), str(tmp_path / "o.json")]):
        result = run(*command)
        assert result.returncode == 1, result
        assert "Traceback" not in result.stderr + result.stdout
        assert str(path) in result.stderr + result.stdout
    assert not (tmp_path / "o.json").exists()


def test_convert_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    assert cli.main(["convert", str(SAMPLE), str(out)]) == 0
    assert cli.main(["validate", str(out)]) == 0


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"].startswith("urn:govplan:schema:")


def test_a_closed_pipe_ends_quietly() -> None:
    command = f"{sys.executable} -m govplan stats examples/ | head -1"
    result = subprocess.run(  # noqa: S602 - a fixed pipeline, to close the reader early
        command,
        shell=True,
        capture_output=True,
        text=True,
        check=False,
        cwd=SAMPLE.parents[1],
    )
    assert result.stdout.startswith("==")
    assert "Broken pipe" not in result.stderr
    assert "Traceback" not in result.stderr


def test_notes_lists_every_reviewer_note(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["notes", "nanxian-2025", "--format", "json"]) == 0
    notes = json.loads(capsys.readouterr().out)
    assert notes[0]["pointer"] == "/notes/0"
    assert {"campaign", "pointer", "source_line", "note"} == set(notes[0])
    assert cli.main(["notes", "nanxian-2025"]) == 0
    text = capsys.readouterr().out
    assert text.endswith(f"{len(notes)} notes to review\n")
    assert notes[1]["note"] in text
