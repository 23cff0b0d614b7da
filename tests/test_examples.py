"""The bundled examples load, validate and round-trip."""

from __future__ import annotations

import pytest

import govplan as gp

NAMES = gp.examples.names()


def test_examples_are_listed() -> None:
    assert "fenghuang-2023-sample" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_example_loads_validates_and_round_trips(name: str) -> None:
    campaign = gp.examples.load(name)
    report = gp.validate(gp.examples.path(name))
    assert report.valid, [str(p) for p in report.errors]
    assert gp.loads(gp.dumps(campaign)) == campaign


@pytest.mark.parametrize("name", NAMES)
def test_example_file_is_its_canonical_dump(name: str) -> None:
    """Every example is written as govplan.dumps writes it, so edits show as small diffs and a
    contributor's file can be compared with a regenerated one byte for byte."""
    path = gp.examples.path(name)
    assert gp.dumps(gp.load(path)) == path.read_text(encoding="utf-8")


def test_unknown_example_names_the_choices() -> None:
    with pytest.raises(KeyError, match="fenghuang-2023-sample"):
        gp.examples.load("atlantis-2023")


def test_sample_matches_its_seed_lines() -> None:
    """Spot checks of the sample against 000_c569c6096f649fe8.txt."""
    campaign = gp.examples.load("fenghuang-2023-sample")
    battle = campaign.battles[0]
    assert (battle.name, battle.attachment_label, battle.source_line) == (
        "打好科技创新攻坚仗",
        "附件2",
        168,
    )
    tasks = list(battle.walk_tasks())
    assert len(tasks) == 11
    assert [len(g.tasks) for g in battle.groups] == [5, 2, 4]
    first = tasks[0]
    assert (first.title, first.source_line) == ("培育壮大科技型企业", 182)
    assert first.units(gp.Role.RESPONSIBLE) == (
        "县科技工信局",
        "县发改局",
        "县税务局",
        "县财政局",
        "县市场监管局",
    )
    row = first.subtasks[0]
    assert row.kind is gp.TaskKind.TABLE_ROW
    assert row.lead_units == ("县科技工信局",)
    assert row.units(gp.Role.COOPERATING) == ("县税务局",)
    assert campaign.document_number is not None
    assert (
        campaign.document_number.prefix,
        campaign.document_number.year,
        campaign.document_number.serial,
    ) == ("凤政办发", 2023, 2)
