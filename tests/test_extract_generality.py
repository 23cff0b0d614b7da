"""The extractor reads the language, never one document: no place, title or line number in it.

Its figures are measured on documents the project does not hold, so a rule that names a county,
quotes a plan's title or tests a line number would read the documents it was built on and no
other.  This test reads the extractor's source (code, comments and docstrings alike) and the
reading rules it shares with the checks.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import govplan
from govplan import examples

SOURCE = Path(govplan.__file__).parent
MODULES = sorted(
    [
        *(SOURCE / "extract").glob("*.py"),
        *SOURCE.glob("_reading_*.py"),
        SOURCE / "_text.py",
        *SOURCE.glob("_numerals.py"),
    ]
)
#: Administrative suffixes: a place is named by its name with or without one.
_SUFFIX = re.compile(
    r"(?:土家族苗族自治州|苗族自治县|侗族自治县|瑶族自治县|土家族自治县|自治县|省|市|县|区)$"
)


def _places() -> set[str]:
    """Hunan's regions (GB/T 2260, as bundled) and the places of the seeds and examples."""
    with (SOURCE / "data" / "gbt2260-hunan.csv").open(encoding="utf-8") as handle:
        names = {row["name"] for row in csv.DictReader(handle)}
    for name in examples.names():
        region = examples.load(name).region
        names.update(n for n in (region.name, region.parent) if n)
    # Places of the development corpus (named in its annotations' file names' SOURCE lines).
    names.update(
        {"淮安市", "蔡甸区", "立山区", "鞍山市", "六盘水市", "沁县", "东莞市", "湖北省", "四川省"}
    )
    bases = {_SUFFIX.sub("", n) for n in names}
    return names | {b for b in bases if len(b) >= 2 and b not in _WORDS}


#: Names of places that are also words of the documents' language: 会同 (会同县) is "together
#: with" in "X会同Y牵头".
_WORDS = {"会同"}


def _titles() -> set[str]:
    """The titles of the bundled examples and of their parts (battles and attachments)."""
    titles: set[str] = set()
    for name in examples.names():
        plan = examples.load(name)
        titles.add(plan.title)
        titles.update(b.attachment_title for b in plan.battles if b.attachment_title)
    return {t for t in titles if len(t) >= 8}


PLACES = sorted(_places())
TITLES = sorted(_titles())
#: A line number compared with or indexed by a literal: ``source_line == 214``, ``lines[37]``.
_LINE_LITERAL = re.compile(
    r"\b\w*line\w*\s*(?:==|!=|<=|>=|<|>)\s*\d{2,}|\blines\[\s*\d{2,}\s*\]", re.IGNORECASE
)


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_no_place_title_or_line_number_in_the_extractor(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not [p for p in PLACES if p in text], "names a place"
    assert not [t for t in TITLES if t in text], "quotes a plan's title"
    assert not _LINE_LITERAL.findall(text), "tests a line number"


def test_the_lists_are_not_empty() -> None:
    assert len(PLACES) > 200
    assert "凤凰" in PLACES
    assert "武陵源" in PLACES
    assert len(TITLES) >= 5
    assert len(MODULES) >= 10
