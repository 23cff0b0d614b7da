"""The bundled GB/T 2260 table of Hunan and the region-code rule that reads it."""

from __future__ import annotations

import csv
import importlib.resources
import re
from collections import Counter
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govplan as gp
from conftest import SAMPLE
from govplan import _regions
from govplan.checks import RULES, check, check_region

TABLE = importlib.resources.files("govplan").joinpath("data").joinpath("gbt2260-hunan.csv")
DIVISIONS = _regions.divisions()
COUNTY_LEVEL = sorted(
    (d for d in DIVISIONS.values() if d.parent_code and d.level is not gp.RegionLevel.PREFECTURE),
    key=lambda d: d.code,
)
BASE = gp.examples.load("fenghuang-2023-sample")


def rows() -> list[dict[str, str]]:
    return list(csv.DictReader(TABLE.read_text(encoding="utf-8").splitlines()))


def region_problems(region: gp.Region) -> list[gp.Problem]:
    return list(check_region(attrs.evolve(BASE, region=region)))


# ---------------------------------------------------------------- the table


def test_table_columns_and_codes_are_well_formed() -> None:
    table = rows()
    assert list(table[0]) == ["code", "name", "level", "parent_code"]
    codes = [r["code"] for r in table]
    assert len(codes) == len(set(codes)) == len(DIVISIONS)
    assert all(re.fullmatch(r"43[0-9]{4}", c) for c in codes)
    assert all(r["name"] and r["name"] == r["name"].strip() for r in table)
    assert {r["level"] for r in table} <= {level.value for level in gp.RegionLevel}


def test_every_parent_exists_and_is_one_level_up() -> None:
    (province,) = (d for d in DIVISIONS.values() if d.parent_code is None)
    assert (province.code, province.name, province.level) == (
        "430000",
        "湖南省",
        gp.RegionLevel.PROVINCE,
    )
    for division in DIVISIONS.values():
        if division is province:
            continue
        above = _regions.parent(division)
        assert above is not None, division
        if division.level is gp.RegionLevel.PREFECTURE:
            assert above is province
            assert division.code.endswith("00")
        else:
            assert above.level is gp.RegionLevel.PREFECTURE
            assert division.code[:4] == above.code[:4]


def test_14_prefectures_and_their_counties_add_up_to_the_total() -> None:
    prefectures = [d for d in DIVISIONS.values() if d.level is gp.RegionLevel.PREFECTURE]
    assert len(prefectures) == 14
    per_prefecture = Counter(d.parent_code for d in COUNTY_LEVEL)
    assert set(per_prefecture) == {p.code for p in prefectures}
    assert sum(per_prefecture.values()) == len(COUNTY_LEVEL) == len(DIVISIONS) - 1 - 14
    # 民政部 2023: 36 市辖区, 19 县级市, 60 县 and 7 自治县 in Hunan.
    levels = Counter(d.level for d in COUNTY_LEVEL)
    assert levels == {
        gp.RegionLevel.DISTRICT: 36,
        gp.RegionLevel.COUNTY_LEVEL_CITY: 19,
        gp.RegionLevel.COUNTY: 67,
    }
    assert sum(d.name.endswith("自治县") for d in COUNTY_LEVEL) == 7


def test_county_level_is_the_name_ending() -> None:
    ending = {"区": gp.RegionLevel.DISTRICT, "市": gp.RegionLevel.COUNTY_LEVEL_CITY}
    for division in COUNTY_LEVEL:
        assert division.level is ending.get(division.name[-1], gp.RegionLevel.COUNTY), division
        assert division.name[-1] in "区市县"


@pytest.mark.parametrize(
    ("code", "name", "parent_code", "parent_name"),
    [
        ("433123", "凤凰县", "433100", "湘西土家族苗族自治州"),
        ("430921", "南县", "430900", "益阳市"),
        ("430626", "平江县", "430600", "岳阳市"),
        ("430700", "常德市", "430000", "湖南省"),
    ],
)
def test_known_divisions(code: str, name: str, parent_code: str, parent_name: str) -> None:
    division = _regions.lookup(code)
    assert division is not None
    above = _regions.parent(division)
    assert above is not None
    assert (division.name, above.code, above.name) == (name, parent_code, parent_name)


# ---------------------------------------------------------------- the rule


def test_rule_is_an_error_that_says_it_covers_hunan_only() -> None:
    rule = RULES["region-code"]
    assert rule.severity is gp.Severity.ERROR
    assert "Hunan" in rule.summary
    assert "other provinces" in rule.summary


@pytest.mark.parametrize("name", gp.examples.names())
def test_every_example_has_a_code_of_the_table_and_agrees_with_it(name: str) -> None:
    plan = gp.examples.load(name)
    assert plan.region.code in DIVISIONS
    assert [p for p in check(plan) if p.code == "region-code"] == []


def county(**changes: Any) -> gp.Region:
    region = gp.Region(
        name="凤凰县",
        level=gp.RegionLevel.COUNTY,
        parent="湘西土家族苗族自治州",
        code="433123",
    )
    return attrs.evolve(region, **changes)


@pytest.mark.parametrize(
    ("changes", "pointer", "message"),
    [
        ({"code": "433199"}, "/region/code", "region.code 433199 is no division of Hunan"),
        (
            {"name": "吉首市"},
            "/region/name",
            "region.code 433123 is 凤凰县 in GB/T 2260, not 吉首市",
        ),
        (
            {"code": "433122"},
            "/region/name",
            "region.code 433122 is 泸溪县 in GB/T 2260, not 凤凰县",
        ),
        (
            {"level": gp.RegionLevel.DISTRICT},
            "/region/level",
            "region.code 433123 (凤凰县) is a county in GB/T 2260, not a district",
        ),
        (
            {"parent": "怀化市"},
            "/region/parent",
            "region.code 433123 (凤凰县) belongs to 湘西土家族苗族自治州 in GB/T 2260, not 怀化市",
        ),
    ],
)
def test_each_disagreement_is_reported_where_it_is(
    changes: dict[str, Any], pointer: str, message: str
) -> None:
    problems = region_problems(county(**changes))
    assert [(p.code, p.severity, p.pointer) for p in problems] == [
        ("region-code", gp.Severity.ERROR, pointer)
    ]
    assert problems[0].message.startswith(message)


def test_name_level_and_parent_wrong_at_once_are_three_problems() -> None:
    region = county(name="中方县", level=gp.RegionLevel.DISTRICT, parent="怀化市")
    assert [p.pointer for p in region_problems(region)] == [
        "/region/name",
        "/region/level",
        "/region/parent",
    ]


def test_what_the_rule_leaves_alone() -> None:
    # No code, no parent, or a code of another province (not bundled): nothing to compare.
    assert region_problems(county(code=None, name="某县")) == []
    assert region_problems(county(parent=None)) == []
    assert region_problems(county(code="110101", name="某县", parent="某市")) == []
    province = gp.Region(name="湖南省", level=gp.RegionLevel.PROVINCE, code="430000")
    assert region_problems(province) == []


def test_problems_carry_the_line_of_the_field_in_the_file() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    block = "region:\n  name: 凤凰县\n  level: county\n  parent: 湘西土家族苗族自治州\n"
    assert block in text
    changed = text.replace(block, block.replace("parent: 湘西土家族苗族自治州", "parent: 怀化市"))
    report = gp.validates(changed, format="yaml")
    (problem,) = (p for p in report.errors if p.code == "region-code")
    lines = changed.splitlines()
    assert problem.pointer == "/region/parent"
    assert problem.line is not None
    assert lines[problem.line - 1] == "  parent: 怀化市"
    assert not report.valid


@given(st.sampled_from(COUNTY_LEVEL))
def test_a_region_read_from_the_table_passes(division: _regions.Division) -> None:
    above = _regions.parent(division)
    assert above is not None
    region = gp.Region(
        name=division.name, level=division.level, parent=above.name, code=division.code
    )
    assert region_problems(region) == []


@given(st.sampled_from(COUNTY_LEVEL), st.sampled_from(COUNTY_LEVEL))
def test_another_divisions_code_is_reported(
    division: _regions.Division, other: _regions.Division
) -> None:
    above = _regions.parent(division)
    assert above is not None
    region = gp.Region(name=division.name, level=division.level, parent=above.name, code=other.code)
    pointers = {p.pointer for p in region_problems(region)}
    if other.code == division.code:
        assert pointers == set()
    else:
        assert "/region/name" in pointers
        assert ("/region/parent" in pointers) is (other.parent_code != division.parent_code)


@pytest.mark.parametrize("code", sorted(_regions.divisions()))
def test_a_division_is_found_by_its_name_or_its_parents_name_and_its_own(code: str) -> None:
    division = _regions.divisions()[code]
    up = _regions.parent(division)
    if up is not None:
        assert _regions.named(up.name + division.name) == division
    namesakes = [d for d in _regions.divisions().values() if d.name == division.name]
    assert _regions.named(division.name) == (division if len(namesakes) == 1 else None)


def test_a_name_that_is_no_division_finds_none() -> None:
    assert _regions.named("某县") is None
    assert _regions.named("2025年县") is None
    assert _regions.named("益阳市武陵源区") is None
