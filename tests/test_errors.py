"""Errors: one hierarchy, builtin bases, readable messages, pickling, pointer escaping."""

from __future__ import annotations

import pickle

import pytest

import govplan as gp
from govplan import _pointer


@pytest.mark.parametrize(
    ("cls", "bases"),
    [
        (gp.LoadError, (gp.GovplanError, ValueError)),
        (gp.SchemaVersionError, (gp.LoadError,)),
        (gp.ValidationError, (gp.GovplanError, ValueError)),
        (gp.QuantityError, (gp.GovplanError, ValueError)),
        (gp.UnitMismatchError, (gp.QuantityError, TypeError)),
        (gp.DateError, (gp.GovplanError, ValueError)),
    ],
)
def test_hierarchy(cls: type[Exception], bases: tuple[type[Exception], ...]) -> None:
    for base in bases:
        assert issubclass(cls, base)


def test_problem_is_printed_compiler_style() -> None:
    problem = gp.Problem(
        code="unknown-unit",
        message="unknown unit '万平方'",
        pointer="/battles/2/tasks/5/target",
        source="jiahe-2024.json",
        line=41,
        column=7,
    )
    assert str(problem) == (
        "jiahe-2024.json:41:7: error: /battles/2/tasks/5/target: "
        "unknown unit '万平方' [unknown-unit]"
    )
    assert problem.to_dict()["line"] == 41


@pytest.mark.parametrize(
    "error",
    [
        gp.LoadError("bad", source="a.yaml", line=3, column=4, code="syntax"),
        gp.SchemaVersionError("old", source="a.yaml", code="unsupported-version"),
        gp.ValidationError([gp.Problem(code="x", message="y", pointer="/a")]),
        gp.QuantityError("q", text="5万平方", code="unknown-unit"),
        gp.UnitMismatchError("m", text="1亿元 + 1万亩"),
        gp.DateError("d", text="2月30日"),
    ],
)
def test_errors_pickle(error: Exception) -> None:
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert vars(copy) == vars(error)


def test_validation_error_says_how_many_more() -> None:
    problems = [gp.Problem(code="a", message="first"), gp.Problem(code="b", message="second")]
    assert str(gp.ValidationError(problems)).endswith("first [a] (and 1 more)")


@pytest.mark.parametrize(
    ("token", "escaped"), [("a/b", "a~1b"), ("m~n", "m~0n"), ("~/", "~0~1"), (3, "3")]
)
def test_pointer_escaping(token: str | int, escaped: str) -> None:
    assert _pointer.join("/x", token) == f"/x/{escaped}"
    assert _pointer.split(f"/x/{escaped}") == ["x", str(token)]


def test_unknown_field_with_slash_gets_an_escaped_pointer() -> None:
    text = (
        "schema_version: 0.3.0\nid: a-2023\ntitle: t\ncampaign_name: c\nyear: 2023\n"
        "region: {name: r, level: county}\n'a/b~c': 1\n"
    )
    with pytest.raises(gp.ValidationError) as info:
        gp.loads(text)
    problem = info.value.problems[0]
    assert (problem.pointer, problem.line) == ("/a~1b~0c", 7)
