"""The examples say what their documents say: checked against the seed texts in ../shared/seeds.

Every example is checked, found by itself (conftest.PLANS); its seed is the file its
``source.file`` names, whose digest is ``source.sha256``. Skipped where the seeds are not beside
the checkout. Figures checked by hand (counts, pinned tasks) are data beside the tests,
tests/data/pins/<example id>.yaml (its README gives the format); an example without one is
still checked by every test here but those of its figures.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

import pytest
import yaml

import govplan as gp
from conftest import PINS, SEEDS, load_plan, plan_names
from govplan.checks import iter_indicators, iter_tasks

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")

EXAMPLES = plan_names()
#: Fewest tasks pinned in a plan that pins any, every battle among them.
MIN_PINS = 10


@cache
def figures(example: str) -> dict[str, Any] | None:
    """The hand-checked figures of *example* (its pins file), or None when it has none."""
    path = PINS / f"{example}.yaml"
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def figure(example: str, key: str) -> Any:
    """One part of the figures of *example*; the test is skipped when they do not give it."""
    data = figures(example)
    if data is None:
        pytest.skip(f"{example} has no figures checked by hand ({PINS / example}.yaml)")
    if not data.get(key):
        pytest.skip(f"{PINS / example}.yaml gives no {key}")
    return data[key]


@cache
def seed_lines(example: str) -> list[str]:
    campaign = load_plan(example)
    assert campaign.source is not None, f"{example}: no source, so no seed to check against"
    assert campaign.source.file is not None, f"{example}: source.file names no seed"
    seed = SEEDS / campaign.source.file
    assert seed.is_file(), f"{example}: source.file {campaign.source.file} is not in {SEEDS}"
    return seed.read_text(encoding="utf-8").split("\n")


def window(example: str, line: int, size: int = 8) -> str:
    """The seed text from *line* on, lines joined as the encoders joined broken paragraphs."""
    return "".join(seed_lines(example)[line - 1 : line - 1 + size])


@pytest.mark.parametrize("example", EXAMPLES)
def test_source_is_a_seed_with_its_digest(example: str) -> None:
    campaign = load_plan(example)
    assert seed_lines(example)
    assert campaign.source is not None
    assert campaign.source.file is not None
    if campaign.source.sha256 is not None:
        data = (SEEDS / campaign.source.file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == campaign.source.sha256, example


def test_every_figures_file_is_of_an_example() -> None:
    assert EXAMPLES
    stray = sorted(p.stem for p in PINS.glob("*.yaml") if p.stem not in EXAMPLES)
    assert stray == [], f"figures of no example in {PINS}: {stray}"


@pytest.mark.parametrize("example", EXAMPLES)
def test_counts(example: str) -> None:
    counts = figure(example, "counts")
    campaign = load_plan(example)
    found = [
        [
            len(list(b.walk_groups())),
            len(list(b.walk_tasks())),
            sum(len(list(t.walk())) - 1 for t in b.walk_tasks()),
        ]
        for b in campaign.battles
    ]
    assert found == counts["battles"]
    assert len(campaign.units) == counts["units"]
    assert sum(len(a.rows) for a in campaign.allocations) == counts["allocation_rows"]


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_task_starts_at_its_seed_line(example: str) -> None:
    campaign = load_plan(example)
    for _pointer, task in iter_tasks(campaign):
        assert task.source_line is not None, task.id
        head = task.text.replace("\n", "")[:12]
        assert head in window(example, task.source_line), (task.id, task.source_line, head)


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_indicator_phrase_is_in_the_seed(example: str) -> None:
    campaign = load_plan(example)
    for pointer, indicator in iter_indicators(campaign):
        assert indicator.source_line is not None, pointer
        assert indicator.phrase in window(example, indicator.source_line), pointer


def named_in(unit: str, text: str) -> bool:
    """Whether *text* prints *unit*: a unit of a note is a span of it (docs/concepts.md §16)."""
    return unit in text


@pytest.mark.parametrize("example", EXAMPLES)
def test_responsibility_notes_are_verbatim_and_name_their_units(example: str) -> None:
    campaign = load_plan(example)
    for _pointer, task in iter_tasks(campaign):
        assert task.source_line is not None
        for rset in task.responsibilities:
            if rset.text is not None:
                seed = window(example, task.source_line, 12)
                assert rset.text in task.text.replace("**", "") or rset.text in seed, task.id
                source = rset.text
            else:  # a table row: merged cells may stand a few lines above, long cells below
                source = window(example, max(1, task.source_line - 6), 40)
            for assignment in rset.assignments:
                assert named_in(assignment.unit, source.replace("**", "")), (
                    task.id,
                    assignment.unit,
                )


def _unquoted(text: str) -> str:
    return text.replace("“", "").replace("”", "").replace('"', "")


def _pinned() -> list[Any]:
    """One case per pinned task of every example; a skipped one for an example with no pins."""
    cases = []
    for example in EXAMPLES:
        data = figures(example) or {}
        if not data.get("pins"):
            reason = f"no task of {example} is pinned ({PINS / example}.yaml)"
            cases.append(pytest.param(example, None, id=example, marks=pytest.mark.skip(reason)))
        cases.extend(
            pytest.param(example, pin, id=f"{example}:{pin['task']}")
            for pin in data.get("pins", [])
        )
    return cases


@pytest.mark.parametrize(("example", "pin"), _pinned())
def test_pinned_task(example: str, pin: dict[str, Any]) -> None:
    tasks = {t.id: t for _, t in iter_tasks(load_plan(example))}
    task = tasks[pin["task"]]
    assert task.source_line == pin["line"]
    assert task.title.startswith(pin["title"])
    assert _unquoted(pin["title"])[:6] in _unquoted(window(example, pin["line"]))
    expected = [
        [(unit, gp.Role(role)) for pair in rset for unit, role in pair.items()]
        for rset in pin["sets"]
    ]
    assert [[(a.unit, a.role) for a in s.assignments] for s in task.responsibilities] == expected


@pytest.mark.parametrize("example", EXAMPLES)
def test_pins_cover_every_battle(example: str) -> None:
    pins = figure(example, "pins")
    assert len(pins) >= MIN_PINS
    battles = {pin["task"].split(".")[0] for pin in pins}
    assert battles == {b.id for b in load_plan(example).battles}
