"""Hypothesis strategies: one per model class. Extend them with every new field."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

import fuzzing
import govplan as gp

# Printable text without surrogates or control characters; CJK included.
_ALPHABET = st.characters(
    codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"], exclude_characters="\x85\u2028\u2029"
)
text = st.text(_ALPHABET, min_size=1, max_size=12).filter(lambda s: s.strip() == s and s != "")
optional_text = st.none() | text
ids = st.from_regex(r"\A[a-z0-9][a-z0-9.]{0,8}\Z")
lines = st.none() | st.integers(min_value=1, max_value=5000)

UNITS = [
    "万亩",
    "亩",
    "亿元",
    "万元",
    "元",
    "%",
    "个百分点",
    "家",
    "所",
    "个",
    "人",
    "万人次",
    "公里",
    "吨",
    "户",
    "座",
    "件",
    "元/人",
]
COUNTERS = ["家", "所", "个", "件", "座"]

decimals = st.decimals(
    min_value=Decimal("-1e9"),
    max_value=Decimal("1e9"),
    places=3,
    allow_nan=False,
    allow_infinity=False,
)
positive_decimals = st.decimals(
    min_value=Decimal(0), max_value=Decimal("1e9"), places=2, allow_nan=False, allow_infinity=False
)


#: The schema's own pattern for region codes (a province's two digits, then four).
REGION_CODE = attrs.fields_dict(gp.model.Region)["code"].metadata["pattern"]


@st.composite
def quantities(draw: st.DrawFn, units: list[str] = UNITS) -> gp.Quantity:
    return gp.Quantity(value=draw(decimals), unit=draw(st.sampled_from(units)))


@st.composite
def ranges(draw: st.DrawFn) -> gp.QuantityRange:
    unit = draw(st.sampled_from(UNITS))
    low, high = sorted([draw(positive_decimals), draw(positive_decimals)])
    return gp.QuantityRange(
        low=gp.Quantity(value=low, unit=unit),
        high=gp.Quantity(value=high, unit=unit),
        unit_once=draw(st.booleans()),
    )


@st.composite
def indicators(draw: st.DrawFn) -> gp.Indicator:
    kind = draw(st.sampled_from(gp.IndicatorKind))
    target = None if kind is gp.IndicatorKind.QUALITATIVE else draw(quantities() | ranges())
    changes = {gp.IndicatorKind.GROWTH_RATE, gp.IndicatorKind.PERCENTAGE_POINT_CHANGE}
    direction = st.sampled_from(gp.Direction)
    return gp.Indicator(
        id=draw(st.none() | ids.map(lambda s: f"i.{s}")),
        name=draw(text),
        kind=kind,
        phrase=draw(text),
        target=target,
        direction=draw(direction if kind in changes else st.none() | direction),
        comparator=draw(st.sampled_from(gp.Comparator)),
        modality=draw(st.sampled_from(gp.Modality)),
        baseline=draw(st.none() | quantities()),
        period=draw(optional_text),
        scope=draw(optional_text),
        source_line=draw(lines),
        notes=draw(st.lists(text, max_size=2)),
    )


responsibilities = st.builds(gp.Responsibility, unit=text, role=st.sampled_from(gp.Role))
responsibility_sets = st.builds(
    gp.ResponsibilitySet,
    assignments=st.lists(responsibilities, max_size=3),
    text=optional_text,
    applies_to=optional_text,
)


@st.composite
def milestones(draw: st.DrawFn) -> gp.Milestone:
    return gp.Milestone(
        phrase=draw(text),
        due=draw(st.dates()),
        precision=draw(st.sampled_from(gp.Precision)),
        source_line=draw(lines),
    )


def tasks(depth: int = 1) -> st.SearchStrategy[gp.Task]:
    children = st.lists(tasks(depth - 1), max_size=2) if depth > 0 else st.just([])
    return st.builds(
        gp.Task,
        id=ids.map(lambda s: f"t.{s}"),
        number=optional_text,
        title=text,
        text=st.text(_ALPHABET, max_size=30),
        kind=st.sampled_from(gp.TaskKind),
        responsibilities=st.lists(responsibility_sets, max_size=2),
        indicators=st.lists(indicators(), max_size=2),
        milestones=st.lists(milestones(), max_size=2),
        subtasks=children,
        source_line=lines,
        notes=st.lists(text, max_size=1),
    )


def groups(depth: int = 1) -> st.SearchStrategy[gp.TaskGroup]:
    children = st.lists(groups(depth - 1), max_size=1) if depth > 0 else st.just([])
    return st.builds(
        gp.TaskGroup,
        id=ids.map(lambda s: f"g.{s}"),
        number=optional_text,
        title=text,
        text=optional_text,
        responsibilities=st.lists(responsibility_sets, max_size=1),
        indicators=st.lists(indicators(), max_size=1),
        tasks=st.lists(tasks(), max_size=3),
        groups=children,
        source_line=lines,
    )


objectives = st.builds(
    gp.Objective,
    number=optional_text,
    title=optional_text,
    text=text,
    indicators=st.lists(indicators(), max_size=3),
    source_line=lines,
)
#: Extension fields: x_ names with JSON values (kept and written back, never read).
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | text,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(text, inner, max_size=2),
    max_leaves=4,
)
extensions = st.dictionaries(
    st.from_regex(r"x_[a-z0-9]{1,6}(?:_[a-z0-9]{1,4})?", fullmatch=True), json_values, max_size=2
)
sections = st.builds(
    gp.Section,
    text=text,
    indicators=st.lists(indicators(), max_size=2),
    milestones=st.lists(milestones(), max_size=1),
    source_line=lines,
    extensions=extensions,
)
posts = st.builds(gp.Post, title=text, holder=text)
work_teams = st.builds(
    gp.WorkTeam,
    name=optional_text,
    posts=st.lists(posts, max_size=3),
    members=st.lists(text, max_size=3),
    office=optional_text,
    text=optional_text,
    indicators=st.lists(indicators(), max_size=1),
    milestones=st.lists(milestones(), max_size=1),
    source_line=lines,
)
battles = st.builds(
    gp.Battle,
    id=ids.map(lambda s: f"b.{s}"),
    number=st.integers(min_value=1, max_value=12),
    name=text,
    attachment_title=optional_text,
    attachment_label=optional_text,
    overview=st.none() | sections,
    objectives=st.lists(objectives, max_size=2),
    groups=st.lists(groups(), max_size=2),
    responsibilities=st.lists(responsibility_sets, max_size=1),
    work_team=st.none() | work_teams,
    mechanisms=st.none() | sections,
    source_line=lines,
    extensions=extensions,
)
units = st.builds(
    gp.Unit,
    id=text,
    name=text,
    kind=st.sampled_from(gp.UnitKind),
    aliases=st.lists(text, max_size=2),
    level=st.none() | st.sampled_from(gp.UnitLevel),
)


@st.composite
def allocations(draw: st.DrawFn) -> gp.Allocation:
    columns = draw(st.lists(text, min_size=1, max_size=4))
    cell = st.none() | positive_decimals
    rows = [
        gp.AllocationRow(
            id=f"a.r{i}",
            name=draw(text),
            unit=draw(st.sampled_from(["人", "个", "张", "座", "万元"])),
            parts=draw(st.lists(cell, min_size=len(columns), max_size=len(columns))),
            total=draw(st.none() | positive_decimals),
            number=draw(optional_text),
            category=draw(optional_text),
            source_line=draw(lines),
        )
        for i in range(draw(st.integers(min_value=0, max_value=3)))
    ]
    return gp.Allocation(
        id="a",
        title=draw(text),
        columns=columns,
        rows=rows,
        total_label=draw(optional_text),
        remarks=draw(st.none() | sections),
    )


document_numbers = st.builds(
    lambda prefix, year, serial: gp.DocumentNumber.parse(f"{prefix}〔{year}〕{serial}号"),
    st.sampled_from(["凤政办发", "平政办发", "州政办发"]),
    st.integers(min_value=2000, max_value=2030),
    st.integers(min_value=1, max_value=300),
)


@st.composite
def campaigns(draw: st.DrawFn) -> gp.Campaign:
    year = draw(st.integers(min_value=2000, max_value=2030))
    return gp.Campaign(
        schema_version=gp.SCHEMA_VERSION,
        id=draw(st.from_regex(r"\A[a-z0-9]{1,8}-[0-9]{4}\Z")),
        title=draw(text),
        campaign_name=draw(text),
        year=year,
        region=gp.Region(
            name=draw(text),
            level=draw(st.sampled_from(gp.RegionLevel)),
            parent=draw(optional_text),
            code=draw(st.none() | st.from_regex(REGION_CODE, fullmatch=True)),
        ),
        notice_title=draw(optional_text),
        issuer=draw(optional_text),
        document_number=draw(st.none() | document_numbers),
        issue_date=draw(st.none() | st.dates()),
        publication_date=draw(st.none() | st.dates()),
        period=draw(
            st.none() | st.just(gp.Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)))
        ),
        addressees=draw(st.lists(text, max_size=2)),
        parent_plans=draw(
            st.lists(
                st.builds(
                    gp.PlanReference,
                    title=optional_text,
                    document_number=st.none() | document_numbers,
                    source_line=lines,
                ),
                max_size=2,
            )
        ),
        objectives=draw(st.lists(objectives, max_size=2)),
        battles=draw(st.lists(battles, max_size=2)),
        organisation=draw(
            st.none()
            | st.builds(
                gp.Organisation,
                leadership_group=st.none() | work_teams,
                text=optional_text,
                indicators=st.lists(indicators(), max_size=1),
                source_line=lines,
            )
        ),
        units=draw(st.lists(units, max_size=3)),
        allocations=draw(st.lists(allocations(), max_size=1)),
        conventions=draw(
            st.lists(
                st.builds(
                    gp.Convention,
                    kind=st.sampled_from(gp.ConventionKind),
                    text=text,
                    source_line=lines,
                ),
                max_size=1,
            )
        ),
        source=draw(
            st.none()
            | st.builds(
                gp.Source, file=optional_text, url=optional_text, retrieved=st.none() | st.dates()
            )
        ),
        notes=draw(st.lists(text, max_size=1)),
    )


# Campaigns whose notes name registry units by any of their names (for the metrics).
REGISTRY = [
    gp.Unit(id="县发改局", name="县发展和改革局", kind=gp.UnitKind.DEPARTMENT, aliases=["发改局"]),
    gp.Unit(id="县财政局", name="县财政局", kind=gp.UnitKind.DEPARTMENT),
    gp.Unit(id="县商务局", name="县商务局", kind=gp.UnitKind.DEPARTMENT, aliases=["商务局"]),
    gp.Unit(id="沱江镇", name="沱江镇人民政府", kind=gp.UnitKind.TOWNSHIP),
]
REGISTRY_NAMES = [name for unit in REGISTRY for name in unit.names]
staffed_assignments = st.builds(
    gp.Responsibility,
    unit=st.sampled_from([*REGISTRY_NAMES, "未登记单位"]),
    role=st.sampled_from(gp.Role),
)
staffed_sets = st.builds(
    gp.ResponsibilitySet, assignments=st.lists(staffed_assignments, min_size=1, max_size=4)
)


def staffed_tasks(depth: int = 1) -> st.SearchStrategy[gp.Task]:
    children = st.lists(staffed_tasks(depth - 1), max_size=2) if depth > 0 else st.just([])
    return st.builds(
        gp.Task,
        id=ids.map(lambda s: f"t.{s}"),
        title=text,
        text=st.just(""),
        kind=st.sampled_from(gp.TaskKind),
        responsibilities=st.lists(staffed_sets, max_size=2),
        subtasks=children,
    )


def staffed_groups(depth: int = 1) -> st.SearchStrategy[gp.TaskGroup]:
    children = st.lists(staffed_groups(depth - 1), max_size=1) if depth > 0 else st.just([])
    return st.builds(
        gp.TaskGroup,
        id=ids.map(lambda s: f"g.{s}"),
        title=text,
        responsibilities=st.lists(staffed_sets, max_size=1),
        tasks=st.lists(staffed_tasks(), max_size=3),
        groups=children,
    )


@st.composite
def staffed_campaigns(draw: st.DrawFn) -> gp.Campaign:
    battles = [
        gp.Battle(
            id=f"b{n}",
            number=n,
            name=draw(text),
            groups=draw(st.lists(staffed_groups(), max_size=2)),
        )
        for n in range(1, draw(st.integers(min_value=1, max_value=3)) + 1)
    ]
    conventions = draw(
        st.lists(
            st.just(
                gp.Convention(
                    kind=gp.ConventionKind.FIRST_LISTED_LEADS, text="排在第一位的为牵头单位"
                )
            ),
            max_size=1,
        )
    )
    return gp.Campaign(
        schema_version=gp.SCHEMA_VERSION,
        id="test-2023",
        title="测试方案",
        campaign_name="发展六仗",
        year=2023,
        region=gp.Region(name="凤凰县", level=gp.RegionLevel.COUNTY),
        battles=battles,
        units=REGISTRY,
        conventions=conventions,
    )


# Amounts in 万元 with at most two places, so that they are exact in 亿元 too.
wan_amounts = st.decimals(
    min_value=Decimal(0), max_value=Decimal("1e7"), places=2, allow_nan=False, allow_infinity=False
)
NOT_SUMMABLE_UNITS = ["%", "‰", "个百分点", "元/人"]


# Fuzz inputs: the bundled examples and documents mutated by tests/fuzzing.py's seeded mutators,
# as scripts/fuzz.py makes them, at a size CI affords: examples cut to 8 KB, documents from the
# examples' own text (never the shared seed documents), inputs of at most 20 KB.  Hypothesis
# drives the mutators through the Random it passes, so a failing input shrinks.
FUZZ_SEED_BYTES = 8_000
FUZZ_LIMIT = 20_000


def _fuzz_input(target: fuzzing.Target, rng: random.Random) -> fuzzing.Input:
    seeds = fuzzing.default_seeds(FUZZ_SEED_BYTES, documents=False)
    return fuzzing.make_input(rng, target, seeds, limit=FUZZ_LIMIT)


def fuzz_inputs(
    targets: tuple[fuzzing.Target, ...] = fuzzing.TARGETS,
) -> st.SearchStrategy[fuzzing.Input]:
    """Mutated plans (for load, loads, validate, validates) and documents (for extract)."""
    return st.builds(_fuzz_input, st.sampled_from(targets), st.randoms(use_true_random=False))


def plan_of(*battles: gp.Battle, **fields: Any) -> gp.Campaign:
    """A small campaign of *battles* (test-2023, a county of 2023), other fields as given."""
    return gp.Campaign(
        schema_version=gp.SCHEMA_VERSION,
        id="test-2023",
        title="t",
        campaign_name="发展六仗",
        year=2023,
        region=gp.Region(name="测试县", level=gp.RegionLevel.COUNTY),
        battles=battles,
        **fields,
    )


def one_task_plan(task: gp.Task, **fields: Any) -> gp.Campaign:
    """A campaign of one battle (b1) of one group (b1.g1) holding *task*, for one rule's tests."""
    group = gp.TaskGroup(id="b1.g1", title="g", tasks=(task,))
    return plan_of(gp.Battle(id="b1", number=1, name="仗", groups=(group,)), **fields)
