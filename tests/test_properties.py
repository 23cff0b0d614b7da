"""Property tests over generated campaigns and arbitrary input."""

from __future__ import annotations

import contextlib
import json

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

import govplan as gp
from govplan.io import to_data
from strategies import campaigns

VALIDATOR = jsonschema.Draft202012Validator(
    gp.schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


@given(campaigns())
def test_load_dump_load_gives_an_equal_campaign(campaign: gp.Campaign) -> None:
    for fmt in ("yaml", "json"):
        once = gp.loads(gp.dumps(campaign, fmt))
        assert once == campaign
        assert gp.loads(gp.dumps(once, fmt)) == once


@given(campaigns())
def test_dumped_data_validates_against_the_schema(campaign: gp.Campaign) -> None:
    assert list(VALIDATOR.iter_errors(to_data(campaign))) == []


@given(st.text(max_size=300))
def test_loads_fed_arbitrary_text_raises_only_govplan_errors(text: str) -> None:
    with contextlib.suppress(gp.GovplanError):
        gp.loads(text)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(
                st.sampled_from(["id", "battles", "title", "year", "x"]), children, max_size=3
            )
        ),
        max_leaves=15,
    )
)
def test_loads_fed_arbitrary_documents_raises_only_govplan_errors(data: object) -> None:
    document = {"schema_version": gp.SCHEMA_VERSION, "body": data}
    if isinstance(data, dict):
        document = {"schema_version": gp.SCHEMA_VERSION, **data}
    with contextlib.suppress(gp.GovplanError):
        gp.loads(json.dumps(document))
    report = gp.validates(json.dumps(document))
    assert report.valid == (report.campaign is not None and not report.errors)


@given(campaigns())
def test_validate_never_raises_on_a_campaign(campaign: gp.Campaign) -> None:
    report = gp.validate(campaign)
    assert all(p.code in gp.checks.RULES for p in report.problems)
