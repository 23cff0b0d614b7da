"""The measures of scripts/extract_accuracy.py (corpus table) and scripts/review_burden.py.

Measured on made-up documents in tests/data/measure/: breakdown.txt with its annotation
breakdown.yaml and a hand-made draft with known errors (breakdown.draft.yaml), which is also the
draft of the review-burden pair (breakdown.final.yaml); workplan.txt, whose heading gives the
lead of its tasks.  The drafts are files, not extractions, so the expected counts stay fixed
whatever the extractor reads.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import shutil
import sys
import types
from pathlib import Path

import attrs
import pytest

import govplan as gp

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "measure"


@functools.cache
def script(name: str) -> types.ModuleType:
    """scripts/<name>.py as a module (loaded once)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def draft(name: str) -> gp.Campaign:
    campaign: gp.Campaign = script("review_burden").load_plan(DATA / f"{name}.draft.yaml")
    return campaign


def scores(name: str) -> tuple[dict[str, tuple[int, int]], list[str], int]:
    """(matched, total) of every corpus measure of a made-up document, its details and errors."""
    ea = script("extract_accuracy")
    result = ea.measure_corpus(ea.load_annotation(DATA / f"{name}.yaml"), draft(name))
    counts = {n: (s.matched, s.total) for n, s in result.scores.items()}
    return counts, [line.strip() for line in result.details], result.errors


# ---- extract_accuracy.py: the corpus table ---------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "drafted", "same"),
    [("(一)", "(一)", True), ("1", "1.", True), ("1", "1、", True), ("(一)", "(二)", False)],
)
def test_task_numbers_compare_without_brackets_and_width(
    printed: str, drafted: str, same: bool
) -> None:
    ea = script("extract_accuracy")
    assert (ea.norm_number(printed) == ea.norm_number(drafted)) is same


def test_breakdown_counts_misses_and_extras() -> None:
    counts, details, errors = scores("breakdown")
    # (一) (二) (三) found; (四) drafted as "4" on its line is a miss, not an extra.
    assert counts["tasks found"] == (3, 4)
    # The heading 一、 on line 7 is the one extra of the five draft tasks.
    assert counts["task precision"] == (4, 5)
    # (二) has the annotated units (with a wrong role); the draft's 县发改局 is no name of
    # 县发展和改革局 in its registry, so (一) misses, and (三) lacks 县税务局.
    assert counts["unit set"] == (1, 3)
    assert counts["unit set with roles"] == (0, 3)
    assert counts["targets found"] == (3, 4)
    # 6% and 500家 are right; 8% exact, the result 5.1% and 500个 are not.
    assert counts["indicator precision"] == (2, 5)
    assert counts["kind read"] == (1, 1)
    assert counts["cut-off noted"] == (1, 1)
    assert errors == 0
    assert "missed task: line 14 (四) 城镇调查失业率控制在5.5%以内" in details
    assert any(d.startswith("extra task: line 7 一") for d in details)
    assert any(d.startswith("missed target: line 14") for d in details)
    assert any(d.startswith("result taken as target: line 6") for d in details)
    assert any(d.startswith("wrong comparator or direction: line 10") for d in details)
    assert any(d.startswith("extra indicator: line 12 市场主体500") for d in details)


def test_unit_names_resolve_through_the_drafts_registry() -> None:
    campaign = draft("breakdown")
    known = attrs.evolve(campaign.units[0], name="县发展和改革局")
    resolved = attrs.evolve(campaign, units=(known, *campaign.units[1:]))
    ea = script("extract_accuracy")
    result = ea.measure_corpus(ea.load_annotation(DATA / "breakdown.yaml"), resolved)
    # 县发改局 is now a unit whose name is 县发展和改革局: (一) has the annotated set.
    assert (result.scores["unit set"].matched, result.scores["unit set"].total) == (2, 3)
    # (二) has the right units with a wrong role; (三) lacks 县税务局.
    assert result.scores["unit set with roles"].matched == 1


def test_a_heading_note_gives_the_units_of_tasks_without_notes() -> None:
    counts, details, _ = scores("workplan")
    assert counts["tasks found"] == (2, 2)  # 1. = 1
    assert counts["task precision"] == (2, 2)
    # Task 1 takes the group's 县农业农村局牵头; task 2's own note names another lead.
    assert counts["unit set"] == (1, 2)
    assert counts["targets found"] == (2, 2)  # 3-5个 as a range
    assert counts["indicator precision"] == (2, 2)
    assert counts["kind read"] == (0, 1)
    assert counts["cut-off noted"] == (0, 0)  # the text is not cut off
    assert any(d.startswith("units differ: line 6 2") for d in details)
    assert "kind: annotated work_plan, draft campaign_plan" in details


def test_a_target_emitted_twice_is_right_once_and_its_copy_wrong() -> None:
    campaign = draft("workplan")
    indicator = campaign.battles[0].groups[0].tasks[1].indicators[0]
    objective = gp.Objective(text="新增农村公路20公里以上。", indicators=(indicator,))
    twice = attrs.evolve(campaign, objectives=(objective,))
    ea = script("extract_accuracy")
    result = ea.measure_corpus(ea.load_annotation(DATA / "workplan.yaml"), twice)
    precision = result.scores["indicator precision"]
    assert (precision.matched, precision.total) == (2, 3)
    assert result.scores["targets found"].total == 2
    assert sum("target emitted twice" in d for d in result.details) == 1


def test_a_wrong_direction_is_no_right_target() -> None:
    campaign = draft("workplan")
    group = campaign.battles[0].groups[0]
    task = group.tasks[1]
    level = attrs.evolve(task.indicators[0], direction=None)
    wrong = attrs.evolve(
        campaign,
        battles=(
            attrs.evolve(
                campaign.battles[0],
                groups=(
                    attrs.evolve(
                        group, tasks=(group.tasks[0], attrs.evolve(task, indicators=(level,)))
                    ),
                ),
            ),
        ),
    )
    ea = script("extract_accuracy")
    result = ea.measure_corpus(ea.load_annotation(DATA / "workplan.yaml"), wrong)
    precision = result.scores["indicator precision"]
    assert (precision.matched, precision.total) == (1, 2)
    assert result.scores["targets found"].matched == 2  # value and unit are still right
    assert any("wrong comparator or direction: line 6" in d for d in result.details)


@pytest.mark.parametrize(
    ("note", "noted"),
    [
        ("The text stops at line 15 in the middle of task (四).", True),
        ("The text stops at line 14 in the middle of task (三).", False),
        ("Line 15 names 县人力, a unit not in the registry.", False),
    ],
)
def test_a_cut_off_note_must_say_where_the_text_stops(note: str, noted: bool) -> None:
    ea = script("extract_accuracy")
    campaign = attrs.evolve(draft("breakdown"), notes=(note,))
    assert ea.notes_cut(campaign, 15) is noted


def test_document_kind_from_the_model_or_a_note() -> None:
    ea = script("extract_accuracy")
    assert ea.document_kind(draft("breakdown")) == "task_breakdown"
    assert ea.document_kind(draft("workplan")) == "campaign_plan"
    # A model without Campaign.kind: the extractor's note says the kind.
    older = types.SimpleNamespace(
        notes=("document kind: work_plan (read from the title 工作方案)",)
    )
    assert ea.document_kind(older) == "work_plan"
    assert ea.document_kind(types.SimpleNamespace(notes=())) is None


def test_totals_are_sums_of_counts_not_means_of_ratios() -> None:
    ea = script("extract_accuracy")
    one, other = ea.CorpusResult("a", "work_plan"), ea.CorpusResult("b", "work_plan")
    for result, (matched, total) in ((one, (1, 1)), (other, (0, 3))):
        result.scores = {n: ea.Score() for n in ea.CORPUS_MEASURES}
        result.scores["tasks found"] = ea.Score(matched, total)
    total = ea.corpus_total([one, other])["tasks found"]
    assert (total.matched, total.total) == (1, 4)
    assert total.ratio == 0.25


def test_texts_absent_or_changed_are_reported_not_measured(tmp_path: Path) -> None:
    ea = script("extract_accuracy")
    annotations, corpus = tmp_path / "annotations", tmp_path / "corpus"
    annotations.mkdir()
    corpus.mkdir()
    for name in ("breakdown", "workplan"):
        shutil.copy(DATA / f"{name}.yaml", annotations)
    shutil.copy(DATA / "breakdown.txt", corpus)
    found, skipped = ea.corpus_documents(annotations, corpus)
    assert [a.stem for a, _ in found] == ["breakdown"]
    assert skipped == ["`workplan`: the text is absent"]
    (corpus / "workplan.txt").write_bytes((DATA / "workplan.txt").read_bytes() + b"\n")
    found, skipped = ea.corpus_documents(annotations, corpus)
    assert [a.stem for a, _ in found] == ["breakdown"]
    assert len(skipped) == 1
    assert "sha256" in skipped[0]


def test_the_corpus_table_shows_counts_totals_and_targets() -> None:
    ea = script("extract_accuracy")
    results = [
        ea.measure_corpus(ea.load_annotation(DATA / f"{n}.yaml"), draft(n))
        for n in ("breakdown", "workplan")
    ]
    text = ea.corpus_page(results, ["`gone`: the text is absent"])
    assert "## Documents the extractor was not built on: the development corpus" in text
    assert "development corpus" in text
    assert "not an out-of-sample measure" in text
    row = next(line for line in text.splitlines() if line.startswith("| `breakdown`"))
    assert "| 3/4 | 4/5 | 1/3 | 0/3 | 3/4 | 2/5 | 1/1 | 1/1 | 1/1 | 0 |" in row
    # Totals are sums: tasks found 3 of 4 and 2 of 2, right indicators 2 of 5 and 2 of 2.
    assert "| tasks found | 83.3% (5/6) | >= 90% | **no** |" in text
    assert "| indicator precision | 57.1% (4/7) | >= 95% | **no** |" in text
    assert "- `gone`: the text is absent" in text


# ---- review_burden.py ------------------------------------------------------------------------


def burden() -> dict[str, tuple[int, int, int]]:
    rb = script("review_burden")
    final = rb.load_plan(DATA / "breakdown.final.yaml")
    tallies = rb.compare(draft("breakdown"), final)
    return {name: (t.added, t.removed, t.changed) for name, t in tallies.items()}


def test_review_burden_counts_every_kind_of_element() -> None:
    assert burden() == {
        # the heading task and "4" removed, (四) added, (三)'s text changed
        "tasks": (1, 2, 1),
        # 县税务局 added, 县人力 removed, 县发改局 renamed 县发展和改革局 (its short form an alias)
        "units": (1, 1, 1),
        # (三) + 县税务局, "4" − 县人力, (二) 县统计局 responsible → cooperating; (一)'s unit is
        # the same unit under its new name
        "roles": (1, 1, 1),
        # (四)'s target added; the result 5.1% and 500个 removed; a name and a comparator changed
        "indicators": (1, 2, 2),
        "milestones": (1, 0, 0),
        # 县统计局 added; 县发改局 is 县发展和改革局
        "work-team members": (1, 0, 0),
        # the 文号 filled in, the title corrected
        "plan fields": (1, 0, 1),
        "irregularities": (1, 0, 0),
    }


def test_review_burden_of_a_plan_against_itself_is_zero() -> None:
    rb = script("review_burden")
    plan = draft("breakdown")
    assert all(t.total == 0 for t in rb.compare(plan, plan).values())


def test_reordered_elements_are_not_changes() -> None:
    rb = script("review_burden")
    plan = draft("breakdown")
    group = plan.battles[0].groups[0]
    reordered = attrs.evolve(group, tasks=tuple(reversed(group.tasks)))
    battle = attrs.evolve(plan.battles[0], groups=(reordered,))
    other = attrs.evolve(plan, battles=(battle,), units=tuple(reversed(plan.units)))
    assert all(t.total == 0 for t in rb.compare(plan, other).values())


def test_review_burden_fields_say_what_changed() -> None:
    rb = script("review_burden")
    tallies = rb.compare(draft("breakdown"), rb.load_plan(DATA / "breakdown.final.yaml"))
    assert dict(tallies["indicators"].fields) == {"comparator": 1, "name": 1}
    assert dict(tallies["units"].fields) == {"id": 1, "name": 1, "aliases": 1}
    assert dict(tallies["plan fields"].fields) == {"title": 1, "document_number": 1}


def test_review_burden_markdown_table(capsys: pytest.CaptureFixture[str]) -> None:
    rb = script("review_burden")
    final = DATA / "breakdown.final.yaml"
    assert rb.main([str(DATA / "breakdown.draft.yaml"), str(final), "--markdown"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| element | added | removed | changed | total | what changed |"
    assert "| tasks | 1 | 2 | 1 | 4 | text 1 |" in lines
    assert lines[-1] == "| total | 8 | 6 | 6 | 20 |  |"


def test_review_burden_reads_an_older_schema_version() -> None:
    rb = script("review_burden")
    old = ROOT / "tests" / "data" / "upgrade" / "fenghuang-2023-sample-0.1.0.yaml"
    with pytest.raises(gp.SchemaVersionError):
        gp.load(old)
    plan = rb.load_plan(old)
    assert plan.schema_version == gp.SCHEMA_VERSION
    assert all(t.total == 0 for t in rb.compare(plan, plan).values())


def test_an_indicator_with_a_corrected_phrase_is_matched_by_its_name() -> None:
    rb = script("review_burden")
    plan = draft("workplan")
    task = plan.battles[0].groups[0].tasks[1]
    fixed = attrs.evolve(task.indicators[0], phrase="农村公路20公里以上")
    group = attrs.evolve(
        plan.battles[0].groups[0],
        tasks=(plan.battles[0].groups[0].tasks[0], attrs.evolve(task, indicators=(fixed,))),
    )
    final = attrs.evolve(plan, battles=(attrs.evolve(plan.battles[0], groups=(group,)),))
    tally = rb.compare(plan, final)["indicators"]
    assert (tally.added, tally.removed, tally.changed) == (0, 0, 1)
    assert dict(tally.fields) == {"phrase": 1}


def test_a_units_kind_set_in_review_is_shown_not_counted() -> None:
    rb = script("review_burden")
    plan = draft("workplan")
    unit = attrs.evolve(plan.units[0], kind=gp.UnitKind.OTHER)
    tally = rb.compare(plan, attrs.evolve(plan, units=(unit, *plan.units[1:])))["units"]
    assert (tally.added, tally.removed, tally.changed) == (0, 0, 0)
    assert dict(tally.also) == {"kind": 1}
    assert "not counted: kind 1" in rb.table({"units": tally})


def test_a_refused_document_counts_every_task_and_target_missed() -> None:
    ea = script("extract_accuracy")
    annotation = ea.load_annotation(DATA / "workplan.yaml")
    result = ea.refused(annotation, "the text is not a plan")
    assert result.scores["tasks found"].matched == 0
    assert result.scores["tasks found"].total == len(annotation.tasks) > 0
    assert result.scores["targets found"].matched == 0
    assert result.scores["drafts given"].matched == 0
    assert result.details[0] == "  refused as no plan: the text is not a plan"


def test_two_targets_of_one_line_with_one_figure_are_both_right() -> None:
    """进出口总额增长5%以上、外商直接投资增速5%以上: two targets, one figure, each emitted once."""
    campaign = draft("workplan")
    indicator = campaign.battles[0].groups[0].tasks[1].indicators[0]
    objective = gp.Objective(text="新增农村公路20公里以上。", indicators=(indicator,))
    twice = attrs.evolve(campaign, objectives=(objective,))
    ea = script("extract_accuracy")
    annotation = ea.load_annotation(DATA / "workplan.yaml")
    (want,) = [t for t in annotation.targets if ea.same_target(indicator, t)]
    other = dataclasses.replace(want, phrase="另一指标" + want.phrase)
    both = dataclasses.replace(annotation, targets=(*annotation.targets, other))
    precision = ea.measure_corpus(both, twice).scores["indicator precision"]
    assert (precision.matched, precision.total) == (3, 3)
