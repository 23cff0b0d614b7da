"""Validating many files with several processes gives what one process gives, in order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import govplan as gp
from govplan.validation import validate_many

ROOT = Path(__file__).resolve().parents[1]
INVALID = sorted(
    p for p in (ROOT / "examples" / "invalid").iterdir() if p.suffix in {".yaml", ".json"}
)


def test_reports_are_those_of_validate_in_the_order_given() -> None:
    files = [*INVALID[:12], *sorted((ROOT / "examples").glob("*.yaml"))][::-1]
    reports = list(validate_many(files, jobs=2))
    assert [r.source for r in reports] == [str(p) for p in files]
    for path, report in zip(files, reports, strict=True):
        alone = gp.validate(path)
        assert report.problems == alone.problems
        assert report.campaign is None


def test_one_job_validates_in_this_process() -> None:
    (report,) = validate_many([INVALID[0]], jobs=1)
    assert report.problems == gp.validate(INVALID[0]).problems


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - runs this interpreter on fixed arguments
        [sys.executable, "-m", "govplan", *args], capture_output=True, text=True, check=False
    )


def test_the_command_line_prints_the_same_with_any_number_of_jobs() -> None:
    folder = str(ROOT / "examples" / "invalid")
    one, two = run("validate", "-j", "1", folder), run("validate", "--jobs", "2", folder)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert "files:" in one.stdout


def test_jobs_must_be_a_positive_number() -> None:
    result = run("validate", "-j", "0", str(ROOT / "examples"))
    assert result.returncode == 2
    assert "expected a whole number of at least 1" in result.stderr
