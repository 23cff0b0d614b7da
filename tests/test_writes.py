"""Writes never destroy (issue 10): files, sets of tables, links, devices, standard output, CSV.

The subprocess tests that write to ``/dev/stdout`` give the child a pipe or a temporary file as
its standard output; the real ``/dev/stdout`` is never the destination of this process.
"""

from __future__ import annotations

import csv
import errno
import fcntl
import io
import json
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import govplan as gp
from conftest import ROOT, SAMPLE
from govplan import _atomic, cli, metrics
from test_extract import PLAN as DOCUMENT
from test_io import PLAN

TABLES = [f"{name}.csv" for name in metrics.EXPORT_COLUMNS]
HAS_DEV_STDOUT = Path("/dev/stdout").exists() and sys.platform != "win32"


def run(*args: str, **streams: Any) -> subprocess.CompletedProcess[str]:
    """``govplan ARGS`` in a child; its output captured unless *streams* says where it goes."""
    options: dict[str, Any] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **streams}
    return subprocess.run(  # noqa: S603 - this interpreter on fixed arguments
        [sys.executable, "-m", "govplan", *args],
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
        **options,
    )


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def old_tables(folder: Path) -> dict[str, bytes]:
    """Write a previous set of tables into *folder*; what each file holds."""
    folder.mkdir(exist_ok=True)
    for name in TABLES:
        (folder / name).write_text(f"old {name}\n", encoding="utf-8")
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.fixture
def fail_third_create(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make the third new file of the process fail to be created, as on a full disk."""
    created: list[str] = []
    real_open = os.open

    def failing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT:
            created.append(os.fspath(path))
            if len(created) == 3:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing_open)
    return created


# --- write_text -------------------------------------------------------------------------------


def test_a_link_survives_and_its_file_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(real.name)
    _atomic.write_text(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"
    assert real.stat().st_mode & 0o777 == 0o640
    assert entries(tmp_path) == ["link.yaml", "real.yaml"]


def test_a_dangling_link_gets_its_file(tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to("made.yaml")
    _atomic.write_text(link, "new")
    assert link.is_symlink()
    assert (tmp_path / "made.yaml").read_text(encoding="utf-8") == "new"


def test_a_missing_folder_is_named_as_given(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.yaml"
    with pytest.raises(FileNotFoundError) as info:
        _atomic.write_text(target, "new")
    assert info.value.filename == os.fspath(target)
    assert entries(tmp_path) == []


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(IsADirectoryError) as info:
        _atomic.write_text(tmp_path, "new")
    assert info.value.filename == os.fspath(tmp_path)
    assert entries(tmp_path) == ["keep.txt"]


def test_a_fifo_is_written_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        _atomic.write_text(fifo, "through the pipe")
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert entries(tmp_path) == ["fifo"]


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() != 0, reason="making a device needs root"
)
def test_a_device_is_written_not_replaced(tmp_path: Path) -> None:
    null = tmp_path / "null"  # the same device as /dev/null, in a folder of the test's own
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    _atomic.write_text(null, "gone")
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert entries(tmp_path) == ["null"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("old", encoding="utf-8")

    def interrupted(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _atomic.write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert entries(tmp_path) == ["plan.yaml"]


def killed_in_fsync(code: str) -> None:
    """Run *code* (with ``_atomic`` imported) in a child that is killed in its first fsync."""
    script = textwrap.dedent(
        """
        import os, signal, sys
        from govplan import _atomic, cli
        os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    child = subprocess.run(  # noqa: S603 - this interpreter on a fixed script
        [sys.executable, "-c", script + code], check=False, timeout=120
    )
    assert child.returncode == -9


def backdate(folder: Path) -> list[Path]:
    """Make the temporary entries in *folder* look an hour old; the entries."""
    found = [p for p in folder.iterdir() if ".govplan-tmp-" in p.name]
    for path in found:
        os.utime(path, (path.stat().st_atime - 3600, path.stat().st_mtime - 3600))
    return found


def test_the_next_write_removes_what_a_killed_write_left(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("old", encoding="utf-8")
    killed_in_fsync(f"_atomic.write_text({os.fspath(target)!r}, 'new')")
    assert target.read_text(encoding="utf-8") == "old"
    assert len(backdate(tmp_path)) == 1  # the killed write's file, hidden by its leading dot
    _atomic.write_text(target, "newer")
    assert target.read_text(encoding="utf-8") == "newer"
    assert entries(tmp_path) == ["plan.yaml"]


def test_a_temporary_file_in_use_or_new_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    held = tmp_path / ".plan.yaml.govplan-tmp-0000aaaa"
    held.write_text("being written", encoding="utf-8")
    fresh = tmp_path / ".plan.yaml.govplan-tmp-0000bbbb"
    backdate(tmp_path)
    fresh.write_text("just made", encoding="utf-8")
    with held.open("rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_SH)  # as a live writer holds it
        _atomic.write_text(target, "new")
        assert held.exists()
    assert fresh.exists()
    _atomic.write_text(target, "newer")
    assert not held.exists()
    assert fresh.exists()


# --- write_files: the export set --------------------------------------------------------------


def test_a_failure_on_the_third_table_keeps_the_old_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fail_third_create: list[str]
) -> None:
    out = tmp_path / "out"
    before = old_tables(out)
    assert cli.main(["export", "changde-2023", "--out", str(out)]) == 2
    assert len(fail_third_create) >= 3
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert entries(tmp_path) == ["out"]
    err = capsys.readouterr().err
    assert f"govplan export: cannot write {out}" in err
    assert "No space left on device" in err


def test_a_failure_keeps_the_old_set_beside_other_files(
    tmp_path: Path, fail_third_create: list[str]
) -> None:
    before = old_tables(tmp_path)
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "tasks.json").write_text("[]", encoding="utf-8")
    assert cli.main(["export", "changde-2023", "--out", str(tmp_path)]) == 2
    assert len(fail_third_create) >= 3
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name in before} == before
    assert entries(tmp_path) == sorted([*TABLES, "notes.txt", "tasks.json"])


def test_ctrl_c_during_an_export_keeps_the_old_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    before = old_tables(out)
    calls: list[int] = []

    def interrupted(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    assert cli.main(["export", "changde-2023", "--out", str(out)]) == 130
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert entries(tmp_path) == ["out"]


@pytest.mark.parametrize("exchange", [True, False], ids=["one-step", "two-renames"])
def test_an_export_replaces_the_whole_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:
        monkeypatch.setattr(_atomic, "_exchange", lambda _first, _second: False)
    out = tmp_path / "out"
    old_tables(out)
    out.chmod(0o750)
    (out / "tasks.csv").chmod(0o600)
    assert cli.main(["export", "changde-2023", "--out", str(out)]) == 0
    assert entries(out) == sorted(TABLES)
    assert all(not (out / n).read_text(encoding="utf-8").startswith("old") for n in TABLES)
    assert out.stat().st_mode & 0o7777 == 0o750
    assert (out / "tasks.csv").stat().st_mode & 0o777 == 0o600
    assert entries(tmp_path) == ["out"]


def test_an_export_keeps_files_it_did_not_write(tmp_path: Path) -> None:
    old_tables(tmp_path)
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert cli.main(["export", "changde-2023", "--out", str(tmp_path)]) == 0
    assert entries(tmp_path) == sorted([*TABLES, "notes.txt"])
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "tasks.csv").read_text(encoding="utf-8").startswith("old")


def test_a_file_saved_during_an_export_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    old_tables(out)
    checked = _atomic._only_these

    def then_saved(folder: Path, data: Any) -> bool:
        found = checked(folder, data)
        (out / "notes.txt").write_text("saved meanwhile", encoding="utf-8")
        return found

    monkeypatch.setattr(_atomic, "_only_these", then_saved)
    assert cli.main(["export", "changde-2023", "--out", str(out)]) == 0
    assert (out / "notes.txt").read_text(encoding="utf-8") == "saved meanwhile"
    assert entries(out) == sorted([*TABLES, "notes.txt"])
    assert entries(tmp_path) == ["out"]


def test_the_next_export_removes_what_a_killed_export_left(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = old_tables(out)
    killed_in_fsync(f"cli.main(['export', 'changde-2023', '--out', {os.fspath(out)!r}])")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert len(backdate(tmp_path)) == 1  # the killed export's folder
    assert cli.main(["export", "changde-2023", "--out", str(out)]) == 0
    assert entries(tmp_path) == ["out"]
    assert entries(out) == sorted(TABLES)


def test_export_into_a_linked_folder_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    old_tables(real)
    link = tmp_path / "link"
    link.symlink_to("real")
    assert cli.main(["export", "changde-2023", "--out", str(link)]) == 0
    assert link.is_symlink()
    assert entries(real) == sorted(TABLES)
    assert not (real / "tasks.csv").read_text(encoding="utf-8").startswith("old")
    assert entries(tmp_path) == ["link", "real"]


def test_export_makes_a_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "new" / "tables"
    assert cli.main(["export", "changde-2023", "--out", str(out)]) == 0
    assert entries(out) == sorted(TABLES)
    assert entries(tmp_path / "new") == ["tables"]


def test_export_needs_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["export", "changde-2023", "--out", "-"])
    assert info.value.code == 2
    assert "standard output ('-') cannot hold tables" in capsys.readouterr().err
    file = tmp_path / "file.csv"
    file.write_text("mine", encoding="utf-8")
    assert cli.main(["export", "changde-2023", "--out", str(file)]) == 2
    assert f"govplan export: cannot write {file}: Not a directory" in capsys.readouterr().err
    assert file.read_text(encoding="utf-8") == "mine"
    assert entries(tmp_path) == ["file.csv"]


@pytest.mark.skipif(not HAS_DEV_STDOUT, reason="no /dev/stdout here")
def test_export_to_dev_stdout_is_refused() -> None:
    result = run("export", "changde-2023", "--out", "/dev/stdout")
    assert result.returncode == 2
    assert "govplan export: cannot write /dev/stdout: Not a directory" in result.stderr
    assert Path("/dev/stdout").is_symlink() or Path("/dev/stdout").is_char_device()


# --- convert, report and extract: one file ----------------------------------------------------


def one_file_command(kind: str, tmp_path: Path) -> Callable[[str], list[str]]:
    """The command line of *kind* writing to a given OUT."""
    if kind == "convert":
        return lambda out: ["convert", str(SAMPLE), out, "--format", "json"]
    if kind == "report":
        return lambda out: ["report", str(SAMPLE), "-o", out]
    document = tmp_path / "plan.txt"
    document.write_text(DOCUMENT, encoding="utf-8")
    return lambda out: ["extract", str(document), "-o", out]


ONE_FILE = ["convert", "report", "extract"]
SUFFIX = {"convert": ".json", "report": ".html", "extract": ".yaml"}


def expected_text(kind: str) -> str:
    """What *kind* writes for the fixed inputs above."""
    if kind == "convert":
        return gp.dumps(gp.load(SAMPLE), "json")
    if kind == "report":
        return gp.render_report(gp.load(SAMPLE))
    from govplan.extract import extract  # noqa: PLC0415 - only here

    return gp.dumps(extract(DOCUMENT, source="plan.txt"))


@pytest.mark.parametrize("kind", ONE_FILE)
def test_dash_is_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    command = one_file_command(kind, tmp_path)
    assert cli.main(command("-")) == 0
    assert capsys.readouterr().out == expected_text(kind)
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("kind", ONE_FILE)
def test_a_linked_output_keeps_the_link(tmp_path: Path, kind: str) -> None:
    real = tmp_path / f"real{SUFFIX[kind]}"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / f"link{SUFFIX[kind]}"
    link.symlink_to(real.name)
    assert cli.main(one_file_command(kind, tmp_path)(str(link))) == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == expected_text(kind)


@pytest.mark.parametrize("kind", ONE_FILE)
def test_a_missing_output_folder_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    out = tmp_path / "missing" / f"out{SUFFIX[kind]}"
    assert cli.main(one_file_command(kind, tmp_path)(str(out))) == 2
    err = capsys.readouterr().err
    assert f"govplan {kind}: cannot write {out}: No such file or directory\n" == err
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("kind", ONE_FILE)
def test_a_failed_write_leaves_the_output_intact(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    out = tmp_path / f"out{SUFFIX[kind]}"
    out.write_text("old", encoding="utf-8")
    command = one_file_command(kind, tmp_path)(str(out))
    before = entries(tmp_path)

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    assert cli.main(command) == 2
    assert f"cannot write {out}: No space left on device" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "old"
    assert entries(tmp_path) == before


@pytest.mark.skipif(not HAS_DEV_STDOUT, reason="no /dev/stdout here")
@pytest.mark.parametrize("target", ["/dev/stdout", "/dev/fd/1"])
@pytest.mark.parametrize("kind", ONE_FILE)
def test_dev_stdout_is_written_in_place(tmp_path: Path, kind: str, target: str) -> None:
    command = one_file_command(kind, tmp_path)(target)
    piped = run(*command)
    assert (piped.returncode, piped.stderr) == (0, "")
    assert piped.stdout == expected_text(kind)  # and no "wrote" line after it
    redirected = tmp_path / "redirected"
    redirected.write_text("before\n", encoding="utf-8")
    with redirected.open("a", encoding="utf-8") as appended:  # as a shell's >> does
        result = run(*command, stdout=appended)
    assert (result.returncode, result.stderr) == (0, "")
    assert redirected.read_text(encoding="utf-8") == "before\n" + expected_text(kind)
    assert Path("/dev/stdout").is_symlink() or Path("/dev/stdout").is_char_device()


# --- CSV cells a spreadsheet would run --------------------------------------------------------


def test_csv_text_cells_that_look_like_formulas_get_a_quote() -> None:
    row = {
        "formula": "=1+1",
        "plus": "+1+1",
        "minus": "-1+1",
        "at": "@SUM(A1:A2)",
        "pipe": "|calc",
        "tab": "\t=1",
        "cr": "\r=1",
        "quantity": "-12个",
        "int": -3,
        "decimal": Decimal("-3.5"),
        "float": -0.25,
        "numeric_text": "-3",
        "plain": "a=b",
        "inner_cr": "a\rb",
    }
    header, cells = csv.reader(io.StringIO(metrics.csv_text([row], list(row)), newline=""))
    assert header == list(row)
    assert cells == [
        *("'=1+1", "'+1+1", "'-1+1", "'@SUM(A1:A2)", "'|calc", "'\t=1", "'\r=1", "'-12个"),
        *("-3", "-3.5", "-0.25", "-3", "a=b", "a\rb"),
    ]


def test_an_exported_formula_is_text_in_csv_and_unchanged_in_json(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.replace("title: 积极开展促消费活动", "title: '=1+1'"), encoding="utf-8")
    assert cli.main(["export", str(plan), "--out", str(tmp_path / "csv")]) == 0
    tasks = (tmp_path / "csv" / "tasks.csv").read_text(encoding="utf-8").splitlines()
    assert ",'=1+1," in tasks[1]
    assert tasks[1].endswith(",0,task,,'=1+1,,,,1,1,")  # depth, indicators, milestones: numbers
    out = tmp_path / "json"
    assert cli.main(["export", str(plan), "--format", "json", "--out", str(out)]) == 0
    assert json.loads((out / "tasks.json").read_text(encoding="utf-8"))[0]["title"] == "=1+1"


def test_convert_to_standard_output_writes_yaml_by_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["convert", str(SAMPLE), "-"]) == 0
    assert capsys.readouterr().out == gp.dumps(gp.load(SAMPLE))
