"""The audit's errata (issue 11), each as the general property that would have caught it.

Battle headings kept in overviews, cited seed lines that show what is cited, one record for one
source phrase across plans, gaps of responsibility notes recorded, aliases that add a name.  The
seed-text tests are skipped where the seeds are not beside the checkout.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from typing import Any

import attrs
import pytest

import govplan as gp
from conftest import SEEDS
from govplan.checks import _element_pointers, check, iter_indicators
from strategies import one_task_plan, plan_of

NAMES = gp.examples.names()
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")

#: A general-plan paragraph's number: (一) or （一）.
ENUMERATOR = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]\s*")
#: A clause boundary inside a heading: a heading with one says more than the battle's name.
CLAUSE = re.compile(r"[，,；;]")


@cache
def seed_lines(name: str) -> list[str]:
    campaign = gp.examples.load(name)
    assert campaign.source is not None
    assert campaign.source.file is not None
    return (SEEDS / campaign.source.file).read_text(encoding="utf-8").split("\n")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def heading_of(lines: list[str], line: int) -> str | None:
    """The numbered heading that opens the paragraph at *line*, up to its first 。, or None.

    The heading stands at the head of the line, or alone on the line before it.
    """
    text = lines[line - 1]
    if not ENUMERATOR.match(text):
        before = [n for n in range(line - 1, 0, -1) if lines[n - 1].strip()]
        if not before or not ENUMERATOR.match(lines[before[0] - 1]):
            return None
        text = lines[before[0] - 1]
    text = ENUMERATOR.sub("", text, count=1)
    end = text.find("。")
    return squeeze(text if end < 0 else text[: end + 1])


# ----------------------------------------------------------------- battle headings (errata 1)


@needs_seeds
@pytest.mark.parametrize("name", NAMES)
def test_a_battle_heading_that_says_more_than_the_name_opens_the_overview(name: str) -> None:
    """concepts.md §4: a heading that only repeats the battle's name is left out of the
    overview; a heading that says more (打好…仗，推动…。) is kept, at its head."""
    lines = seed_lines(name)
    checked = 0
    for battle in gp.examples.load(name).battles:
        if battle.overview is None or battle.overview.source_line is None:
            continue
        heading = heading_of(lines, battle.overview.source_line)
        assert heading is not None, (battle.id, "no numbered heading at the overview's line")
        overview = squeeze(battle.overview.text)
        if CLAUSE.search(heading):
            assert overview.startswith(heading), (battle.id, heading)
        else:
            assert battle.name.replace("战", "仗") in heading.replace("战", "仗"), battle.id
            assert not overview.startswith(heading), (battle.id, heading)
        checked += 1
    assert checked == len(gp.examples.load(name).battles)


# ---------------------------------------------------------- lines an irregularity cites (2)

#: "X for [the [statistic]] Y" or "X, elsewhere Y": Y, the form the document uses elsewhere.
FORM = (
    re.compile(r"\bfor (?:the )?(?:statistic )?(?P<form>[^\s,，(（:;.]+)"),
    re.compile(r"\belsewhere (?P<form>[^\s,，(（:;.]+)"),
)
#: The variant a "X for Y" description opens with, before an optional parenthesis.
VARIANT = re.compile(r"^(?P<variant>[^\s,(（:;]+)(?: \([^)]*\))? for ")
_NUMBER = r"\d+(?:\s*[-–]\s*\d+)?"
#: "line 31", "lines 84, 94", "rows 95, 97 and 98", "lines 405–409".
CITED = re.compile(rf"\b(?:lines?|rows?)\s+({_NUMBER}(?:(?:,\s*|,?\s+and\s+){_NUMBER})*)")


def cited_lines(text: str) -> list[int]:
    """Every line number *text* cites, ranges expanded."""
    found: list[int] = []
    for match in CITED.finditer(text):
        for part in re.split(r",\s*|,?\s+and\s+", match[1]):
            low, _, high = re.sub(r"\s", "", part).replace("–", "-").partition("-")
            found.extend(range(int(low), int(high or low) + 1))
    return found


def test_cited_lines_reads_numbers_lists_and_ranges() -> None:
    assert cited_lines("rows 95-98 and in battles 3-6") == [95, 96, 97, 98]
    assert cited_lines("(lines 84, 94); rows 95, 97 and 98; line 7") == [84, 94, 95, 97, 98, 7]
    assert cited_lines("lines 405–409") == [405, 406, 407, 408, 409]


@needs_seeds
@pytest.mark.parametrize("name", NAMES)
def test_a_spelling_variant_cites_lines_that_print_the_other_form(name: str) -> None:
    """'X for Y (… rows 95, 97 and 98 …)': X is printed at the source line and Y on every
    (non-blank) line cited after it, so a reader who looks there finds the other form."""
    lines = seed_lines(name)
    for i, irregularity in enumerate(gp.examples.load(name).irregularities):
        if irregularity.kind is not gp.IrregularityKind.SPELLING_VARIANT:
            continue
        text = irregularity.description
        variant = VARIANT.match(text)
        if variant and irregularity.source_line:
            at = "".join(lines[irregularity.source_line - 1 : irregularity.source_line + 2])
            assert variant["variant"] in at.replace("**", ""), (i, variant["variant"])
        form = next((m for pattern in FORM if (m := pattern.search(text))), None)
        if form is None:
            continue
        for line in cited_lines(text[form.end() :]):
            printed = lines[line - 1].replace("**", "")
            if printed.strip():
                assert form["form"] in printed, (i, form["form"], line)


#: 'quoted text' in an English description (not the apostrophe of 附表2's).
QUOTED = re.compile(r"(?<![A-Za-z0-9])'([^']+)'(?![A-Za-z])")


@needs_seeds
@pytest.mark.parametrize("name", NAMES)
def test_quoted_text_is_printed_at_the_lines_the_irregularity_cites(name: str) -> None:
    """Text an irregularity quotes ('…') is in the seed at its source line or a line it cites;
    an ellipsis or a slash (a line break) splits the quote into pieces found there together."""
    lines = seed_lines(name)
    for i, irregularity in enumerate(gp.examples.load(name).irregularities):
        if irregularity.source_line is None:
            continue
        starts = [irregularity.source_line, *cited_lines(irregularity.description)]
        windows = ["".join(lines[n - 1 : n + 8]).replace("**", "") for n in starts]
        for quote in QUOTED.findall(irregularity.description):
            pieces = [p.strip() for p in re.split(r"…|\.\.\.| / ", quote) if p.strip()]
            assert any(all(p in w for p in pieces) for w in windows), (i, quote)


# ------------------------------------------------------ one phrase, one record, every plan (4)

#: A leading 确保/力争 is the plan's voice, not the target's wording.
_VOICE = re.compile(r"^(?:确保|力争|努力|争取|全力)+")


def _phrase(text: str) -> str:
    return _VOICE.sub("", squeeze(text))


def recorded_kinds(campaign: gp.Campaign) -> dict[str, set[str]]:
    """Target phrase -> kinds of the irregularities recorded for it.

    An irregularity is for an indicator when it names the indicator, or names an element that
    holds it and quotes the phrase.
    """
    pointers = _element_pointers(campaign)
    named = [
        (i.element if i.element.startswith("/") else pointers.get(i.element), i)
        for i in campaign.irregularities
    ]
    kinds: dict[str, set[str]] = defaultdict(set)
    for pointer, indicator in iter_indicators(campaign):
        phrase = _phrase(indicator.phrase)
        kinds[phrase].update(
            irregularity.kind.value
            for element, irregularity in named
            if element == pointer
            or (
                element is not None
                and pointer.startswith(element + "/")
                and phrase in _phrase(irregularity.description)
            )
        )
    return kinds


def test_a_target_phrase_two_plans_print_has_the_same_irregularities_in_both() -> None:
    """A phrase printed alike in two documents is irregular in both or in neither (examples of
    one seed, such as a sample, are one document)."""
    by_source: dict[str, dict[str, set[str]]] = {}
    for name in NAMES:
        campaign = gp.examples.load(name)
        source = campaign.source.file if campaign.source else name
        for phrase, kinds in recorded_kinds(campaign).items():
            by_source.setdefault(phrase, {}).setdefault(source or name, set()).update(kinds)
    shared = {p: plans for p, plans in by_source.items() if len(plans) > 1}
    assert shared
    differing = {
        p: plans for p, plans in shared.items() if len({frozenset(k) for k in plans.values()}) > 1
    }
    assert differing == {}


def test_recorded_kinds_finds_a_record_on_the_holding_element_by_its_quote() -> None:
    indicator = gp.Indicator(
        name="森林火灾受害率",
        kind=gp.IndicatorKind.SHARE,
        phrase="确保森林火灾受害率控制在0.9%以内",
        target=gp.Quantity.parse("0.9%"),
    )
    task = gp.Task(id="b1.g1.t1", title="t", text="t", indicators=[indicator])
    campaign = one_task_plan(task)
    other = gp.Irregularity(element="b1.g1.t1", kind=gp.IrregularityKind.TYPO, description="x")
    quoted = gp.Irregularity(
        element="b1.g1.t1",
        kind=gp.IrregularityKind.OTHER,
        description="'森林火灾受害率控制在0.9%以内': stated in ‰ elsewhere",
    )
    phrase = "森林火灾受害率控制在0.9%以内"
    assert recorded_kinds(attrs.evolve(campaign, irregularities=[other])) == {phrase: set()}
    assert recorded_kinds(attrs.evolve(campaign, irregularities=[quoted])) == {phrase: {"other"}}


# -------------------------------------------------------- rules every plan is held to (3, 5)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("code", ["unrecorded-note-gap", "redundant-alias"])
def test_examples_break_no_errata_rule(name: str, code: str) -> None:
    campaign = gp.examples.load(name)
    assert [p.pointer for p in check(campaign) if p.code == code] == []


def _task(ident: str, *, noted: bool) -> gp.Task:
    lead = gp.Responsibility(unit="县商务局", role=gp.Role.LEAD)
    notes = [gp.ResponsibilitySet(assignments=[lead])]
    return gp.Task(id=ident, title="t", text="t", responsibilities=notes if noted else [])


def plan(groups: list[list[bool]], **changes: Any) -> gp.Campaign:
    """A one-battle campaign; groups[g][t] says whether task t of group g carries a note."""
    battle = gp.Battle(
        id="b1",
        number=1,
        name="仗",
        groups=[
            gp.TaskGroup(
                id=f"b1.g{g}",
                title="g",
                tasks=[_task(f"b1.g{g}.t{t}", noted=n) for t, n in enumerate(tasks, start=1)],
            )
            for g, tasks in enumerate(groups, start=1)
        ],
    )
    campaign = plan_of(
        battle, units=[gp.Unit(id="县商务局", name="县商务局", kind=gp.UnitKind.DEPARTMENT)]
    )
    return attrs.evolve(campaign, **changes)


def gaps(campaign: gp.Campaign) -> list[str]:
    return [p.pointer for p in check(campaign) if p.code == "unrecorded-note-gap"]


def missing(element: str) -> gp.Irregularity:
    return gp.Irregularity(element=element, kind=gp.IrregularityKind.MISSING, description="x")


def test_a_group_without_notes_beside_noted_groups_is_a_gap_until_recorded() -> None:
    campaign = plan([[True, True], [False, False]])
    assert gaps(campaign) == ["/battles/0/groups/1"]
    problem = next(p for p in check(campaign) if p.code == "unrecorded-note-gap")
    assert problem.severity is gp.Severity.WARNING
    assert "b1.g2" in problem.message
    for element in ["b1.g2", "/battles/0/groups/1"]:
        assert gaps(attrs.evolve(campaign, irregularities=[missing(element)])) == []
    typo = gp.Irregularity(element="b1.g2", kind=gp.IrregularityKind.TYPO, description="x")
    assert gaps(attrs.evolve(campaign, irregularities=[typo])) == ["/battles/0/groups/1"]
    # recorded on the battle or on one task, the group's gap is still unrecorded
    assert gaps(attrs.evolve(campaign, irregularities=[missing("b1")])) == ["/battles/0/groups/1"]


def test_a_task_without_a_note_in_a_noted_group_is_a_gap_until_recorded() -> None:
    campaign = plan([[True, False, True]])
    assert gaps(campaign) == ["/battles/0/groups/0/tasks/1"]
    assert gaps(attrs.evolve(campaign, irregularities=[missing("b1.g1.t2")])) == []


def test_plans_or_battles_without_notes_have_no_gap() -> None:
    assert gaps(plan([[False], [False, False]])) == []
    assert gaps(plan([[True, True], [True]])) == []


def test_a_note_on_a_sub_task_or_on_the_group_covers_the_task() -> None:
    campaign = plan([[True], [False]])
    battle = campaign.battles[0]
    second = battle.groups[1]
    with_sub = attrs.evolve(
        second.tasks[0],
        subtasks=[_task("b1.g2.t1.i1", noted=True), _task("b1.g2.t1.i2", noted=False)],
    )
    by_sub = attrs.evolve(second, tasks=[with_sub])
    by_group = attrs.evolve(second, responsibilities=battle.groups[0].tasks[0].responsibilities)
    for group in (by_sub, by_group):
        changed = attrs.evolve(battle, groups=[battle.groups[0], group])
        assert gaps(attrs.evolve(campaign, battles=[changed])) == []


def aliases(campaign: gp.Campaign) -> list[str]:
    return [p.pointer for p in check(campaign) if p.code == "redundant-alias"]


def test_an_alias_that_repeats_the_units_id_name_or_an_alias_is_redundant() -> None:
    unit = gp.Unit(
        id="县发改局",
        name="县发展和改革局",
        kind=gp.UnitKind.DEPARTMENT,
        aliases=["发改局", "县发展和改革局", "县发改局", "发改局"],
    )
    campaign = plan([[True]], units=[unit])
    assert aliases(campaign) == ["/units/0/aliases/1", "/units/0/aliases/2", "/units/0/aliases/3"]
    problems = [p for p in check(campaign) if p.code == "redundant-alias"]
    assert all(p.severity is gp.Severity.WARNING for p in problems)
    assert "name" in problems[0].message
    assert "id" in problems[1].message
    fine = attrs.evolve(unit, aliases=["发改局"])
    assert aliases(plan([[True]], units=[fine])) == []
