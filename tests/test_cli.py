"""The command line: exit codes, report formats, and no tracebacks for user errors."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE
from govplan import cli
from govplan._reader import MAX_BYTES
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
    (tmp_path / "invalid" / "b.yaml").write_text("schema_version: 0.3.0\n", encoding="utf-8")
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


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "examples/", "--format", "json"],
        ["validate", "examples/"],
        ["stats", "examples/"],
        ["stats", "examples/", "--format", "csv"],
        ["schema"],
        ["report", "changde-2023"],
        ["notes", "examples/"],
    ],
    ids=" ".join,
)
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    """``govplan ... | head -1``: no message, no traceback, exit 141 as for SIGPIPE."""
    if not hasattr(fcntl, "F_SETPIPE_SZ"):
        pytest.skip("cannot shrink a pipe here")
    read_end, write_end = os.pipe()
    # A pipe of one page, so that every output here is larger than what it holds.
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    with subprocess.Popen(  # noqa: S603 - this interpreter on fixed arguments
        [sys.executable, "-m", "govplan", *args],
        stdout=write_end,
        stderr=subprocess.PIPE,
        cwd=SAMPLE.parents[1],
    ) as child:
        os.close(write_end)
        with os.fdopen(read_end, "rb") as reader:
            first = reader.readline()
        _, err = child.communicate(timeout=120)
    assert first.strip()
    assert (err.decode(), child.returncode) == ("", 141)


def test_an_empty_folder_exits_2_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a plan", encoding="utf-8")
    for command in (
        ["validate", str(empty)],
        ["validate", str(SAMPLE), str(empty)],
        ["stats", str(empty)],
        ["notes", str(empty)],
        ["compare", str(empty), "changde-2023", "pingjiang-2023"],
        ["export", str(empty), "--out", str(tmp_path / "out")],
        ["report", str(empty)],
    ):
        assert cli.main(command) == 2, command
        err = capsys.readouterr().err
        assert f"govplan {command[0]}: no .yaml, .yml or .json files in {empty}\n" == err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_a_too_large_plan_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no disk is used
    for command in (
        ["validate", str(big)],
        ["stats", str(big)],
        ["convert", str(big), str(tmp_path / "out.json")],
    ):
        assert cli.main(command) == 2, command
        captured = capsys.readouterr()
        assert f"{big}: error: " in captured.out + captured.err
        assert "[too-large]" in captured.out + captured.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.yaml"]


@pytest.mark.parametrize("year", ["99999", "10000", "0", "-5", "1948", "x"])
def test_extract_refuses_a_year_no_plan_can_have(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str
) -> None:
    document = tmp_path / "plan.txt"
    document.write_text("某某县打好“发展六仗”总体实施方案\n", encoding="utf-8")
    out = tmp_path / "draft.yaml"
    with pytest.raises(SystemExit) as info:
        cli.main(["extract", str(document), "--year", year, "-o", str(out)])
    assert info.value.code == 2
    assert "argument --year" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("year", ["1949", "9999"])
def test_extract_takes_the_first_and_last_plan_years(year: str) -> None:
    assert cli._parser().parse_args(["extract", "plan.txt", "--year", year]).year == int(year)


def extract_in_a_child(document: str) -> subprocess.CompletedProcess[str]:
    """``govplan extract DOCUMENT`` with at most 1 GiB of memory and two minutes."""
    script = (
        "import resource, runpy, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        f"sys.argv = ['govplan', 'extract', {document!r}]\n"
        "runpy.run_module('govplan', run_name='__main__')\n"
    )
    return subprocess.run(  # noqa: S603 - this interpreter on a fixed script
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )


def test_extract_refuses_a_document_too_large(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(cli.MAX_DOCUMENT_BYTES + 1)  # sparse: no disk is used
    result = extract_in_a_child(str(big))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{big}: error: ")
    assert result.stderr.endswith("[too-large]\n")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_extract_of_an_endless_device_ends_at_the_limit() -> None:
    result = extract_in_a_child("/dev/zero")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("/dev/zero: error: ")
    assert result.stderr.endswith("[too-large]\n")


def test_extract_of_a_fifo_without_writer_does_not_wait(tmp_path: Path) -> None:
    fifo = tmp_path / "document.txt"
    os.mkfifo(fifo)
    result = extract_in_a_child(str(fifo))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{fifo}: error: ")
    assert result.stderr.endswith("[unreadable]\n")


def test_notes_lists_every_reviewer_note(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["notes", "nanxian-2025", "--format", "json"]) == 0
    notes = json.loads(capsys.readouterr().out)
    assert notes[0]["pointer"] == "/notes/0"
    assert {"campaign", "pointer", "source_line", "note"} == set(notes[0])
    assert cli.main(["notes", "nanxian-2025"]) == 0
    text = capsys.readouterr().out
    assert text.endswith(f"{len(notes)} notes to review\n")
    assert notes[1]["note"] in text


def test_validate_reads_a_plan_on_standard_input() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "govplan", "validate", "-"],
        input=SAMPLE.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("<stdin>: valid")
    broken = subprocess.run(
        [sys.executable, "-m", "govplan", "validate", "-", "--format", "json"],
        input=b"schema_version: 0.3.0\nid: [\n",
        capture_output=True,
        check=False,
    )
    assert broken.returncode == 1
    (report,) = json.loads(broken.stdout)["reports"]
    assert report["source"] == "<stdin>"
    assert report["problems"][0]["code"] == "syntax"


def test_standard_input_is_named_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", "-", "-"]) == 2
    assert "standard input (-) can be named once" in capsys.readouterr().err


def test_quiet_and_errors_only_list_less(capsys: pytest.CaptureFixture[str]) -> None:
    invalid = Path(__file__).resolve().parents[1] / "examples" / "invalid"
    example = Path(__file__).resolve().parents[1] / "examples" / "fenghuang-2023.yaml"
    assert cli.main(["validate", str(example)]) == 0
    full = capsys.readouterr().out
    assert "warning source-irregularity" in full
    assert cli.main(["validate", "--errors-only", str(example)]) == 0
    errors_only = capsys.readouterr().out
    assert "warning source-irregularity" not in errors_only
    assert "source-irregularity" in errors_only  # still counted in the totals
    assert cli.main(["validate", "-q", str(invalid)]) == 1
    quiet = capsys.readouterr().out
    assert "INVALID" in quiet
    assert not any(line.startswith("    ") for line in quiet.splitlines())


def test_version_names_the_schema_version() -> None:
    from govplan.model import SCHEMA_VERSION  # noqa: PLC0415

    done = run("--version")
    assert f"plan schema {SCHEMA_VERSION}" in done.stdout
