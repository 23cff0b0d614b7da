"""The hand-written documentation is run, not just read: its code, commands and links work."""

from __future__ import annotations

import doctest
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import govplan
from conftest import ROOT, SEEDS, load_build_docs

DOCS = ROOT / "docs"
LINK = re.compile(r"\]\(([^)#\s]*)(?:#([^)\s]*))?\)")


def test_getting_started_runs_as_written() -> None:
    """Every ``>>>`` line of docs/getting-started.md gives the output the page shows."""
    result = doctest.testfile(
        str(DOCS / "getting-started.md"),
        module_relative=False,
        encoding="utf-8",
        optionflags=doctest.ELLIPSIS,
        verbose=False,
        report=True,
    )
    assert result.attempted >= 10
    assert result.failed == 0


def _walkthrough() -> list[str]:
    text = (DOCS / "contributing.md").read_text(encoding="utf-8")
    block = re.search(
        r"<!-- walkthrough:.*?-->\n```sh\n(.*?)```\n<!-- end walkthrough -->", text, re.DOTALL
    )
    assert block, "docs/contributing.md lost its walkthrough block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_contributor_walkthrough_works_on_a_real_document(tmp_path: Path) -> None:
    """The guide's commands, in its order, take a seed document to a valid, reviewed plan file."""
    seed = next(iter(sorted(SEEDS.glob("001_*.txt"))), None) if SEEDS.is_dir() else None
    if seed is None:
        pytest.skip("the seed documents (../shared/seeds) are not beside this checkout")
    commands = _walkthrough()
    assert [c.split()[1] for c in commands] == ["extract", "notes", "validate", "stats", "report"]
    document = commands[0].split()[2]
    shutil.copy(seed, tmp_path / document)
    (tmp_path / "examples").mkdir()
    for command in commands:
        words = command.split()
        assert words[0] == "govplan"
        result = subprocess.run(  # noqa: S603 - this interpreter, the guide's own commands
            [sys.executable, "-m", "govplan", *words[1:]],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    plan = govplan.load(tmp_path / "examples" / f"{Path(document).stem}.yaml")
    assert plan.id == Path(document).stem
    assert govplan.validate(plan).valid
    assert (tmp_path / f"{plan.id}.html").stat().st_size > 0


def _pages() -> list[Path]:
    return [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page: Path) -> None:
    """Every relative link names a file that exists and, with ``#``, a heading of that page."""
    anchors = load_build_docs().anchors
    broken = []
    for target, fragment in LINK.findall(page.read_text(encoding="utf-8")):
        if "://" in target:
            continue
        linked = page.parent / target if target else page
        if not linked.exists():
            broken.append(target)
        elif (
            fragment
            and linked.suffix == ".md"
            and fragment not in anchors(linked.read_text(encoding="utf-8"))
        ):
            broken.append(f"{target}#{fragment}")
    assert broken == []


def test_every_page_is_in_the_index() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    linked = {target for target, _ in LINK.findall(index)}
    pages = {p.name for p in DOCS.glob("*.md")} - {"README.md"}
    assert pages <= linked


def test_versioning_page_states_the_current_versions() -> None:
    text = (DOCS / "versioning.md").read_text(encoding="utf-8")
    library = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert f"| `govplan.__version__`, `pyproject.toml` | {library['version']} |" in text
    assert f"every plan's `schema_version` | {govplan.SCHEMA_VERSION} |" in text
    assert f"`urn:govplan:schema:{govplan.SCHEMA_VERSION}`" in text
    assert (
        govplan.schema()["$id"]
        == govplan.SCHEMA_ID
        == f"urn:govplan:schema:{govplan.SCHEMA_VERSION}"
    )


def test_readme_python_runs_and_prints_what_its_comments_say(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", text, re.DOTALL)
    assert block
    exec(compile(block.group(1), "README.md", "exec"), {})  # noqa: S102 - the README's own code
    lines = capsys.readouterr().out.splitlines()
    title = re.search(r"print\(task\.title\)\s+# (\S+)", block.group(1))
    counts = re.search(r"print\(report\.valid.*\)\s+# (True \d+ \d+)", block.group(1))
    assert title
    assert counts
    assert lines[0] == title.group(1)
    assert counts.group(1) in lines
    assert len(lines) == 7
