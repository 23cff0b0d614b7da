"""Provenance: each example names the digest of the text it was encoded from, and it is right."""

from __future__ import annotations

import hashlib
import re

import attrs
import pytest

import govplan as gp
from conftest import SAMPLE, SEEDS
from govplan.checks import RULES, check, check_source_digest

NAMES = gp.examples.names()
DIGEST = re.compile(r"[0-9a-f]{64}")


@pytest.mark.parametrize("name", NAMES)
def test_every_example_has_a_source_digest(name: str) -> None:
    source = gp.examples.load(name).source
    assert source is not None
    assert source.file
    assert source.sha256 is not None
    assert DIGEST.fullmatch(source.sha256)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not beside this checkout")
@pytest.mark.parametrize("name", NAMES)
def test_digest_is_that_of_the_seed_bytes(name: str) -> None:
    source = gp.examples.load(name).source
    assert source is not None
    assert source.file is not None
    assert source.sha256 == hashlib.sha256((SEEDS / source.file).read_bytes()).hexdigest()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not beside this checkout")
@pytest.mark.parametrize("name", NAMES)
def test_url_only_where_the_seed_prints_it(name: str) -> None:
    """An address is recorded only when the text itself states it; none is ever made up."""
    source = gp.examples.load(name).source
    assert source is not None
    assert source.file is not None
    if source.url is None:
        assert source.retrieved is None
    else:
        assert source.url in (SEEDS / source.file).read_text(encoding="utf-8")


def test_rule_is_a_warning() -> None:
    rule = RULES["no-source-digest"]
    assert rule.severity is gp.Severity.WARNING
    assert "sha256" in rule.summary


def test_a_source_without_digest_is_a_warning_at_the_source() -> None:
    plan = gp.examples.load("fenghuang-2023-sample")
    assert plan.source is not None
    bare = attrs.evolve(plan, source=attrs.evolve(plan.source, sha256=None))
    (problem,) = check_source_digest(bare)
    assert (problem.code, problem.severity, problem.pointer) == (
        "no-source-digest",
        gp.Severity.WARNING,
        "/source",
    )
    assert "no-source-digest" in {p.code for p in check(bare)}
    assert list(check_source_digest(plan)) == []
    # A made-up plan that names no source at all is not reported.
    assert list(check_source_digest(attrs.evolve(plan, source=None))) == []


@pytest.mark.parametrize(
    "digest",
    [
        "D74CCBD020D11ECC4E30592C822846FD84D3DF04644E89385C0C8D879C18B92E",  # upper case
        "d74ccbd020d11ecc4e30592c822846fd84d3df04644e89385c0c8d879c18b92",  # 63 digits
        "sha256:d74ccbd020d11ecc4e30592c822846fd84d3df04644e89385c0c8d879c18b92e",
    ],
)
def test_schema_refuses_a_digest_of_another_form(digest: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    (line,) = (x for x in text.splitlines() if x.startswith("  sha256: "))
    report = gp.validates(text.replace(line, f"  sha256: '{digest}'"), format="yaml")
    assert [(p.code, p.pointer) for p in report.errors] == [("invalid-value", "/source/sha256")]


def test_digest_round_trips() -> None:
    plan = gp.examples.load("fenghuang-2023-sample")
    assert gp.loads(gp.dumps(plan)) == plan
    assert plan.source is not None
    assert f"sha256: {plan.source.sha256}" in gp.dumps(plan)
