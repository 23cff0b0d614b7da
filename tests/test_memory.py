"""What a loaded plan holds once (issue 13): equal strings, equal (unit, role) pairs, no empty
extension dicts of its own for every element."""

from __future__ import annotations

import copy
import pickle

import attrs
import pytest

import govplan as gp
from govplan.org import Responsibility, Role


@pytest.fixture(scope="module", params=["yaml", "json"])
def plan(request: pytest.FixtureRequest) -> gp.Campaign:
    text = gp.dumps(gp.examples.load("fenghuang-2023"), request.param)
    return gp.loads(text)


def test_equal_unit_role_pairs_are_one_object(plan: gp.Campaign) -> None:
    pairs = [r for t in plan.walk_tasks() for s in t.responsibilities for r in s.assignments]
    by_value: dict[Responsibility, set[int]] = {}
    for pair in pairs:
        by_value.setdefault(pair, set()).add(id(pair))
    assert len(pairs) > len(by_value)
    assert all(len(ids) == 1 for ids in by_value.values())


def test_equal_strings_are_held_once(plan: gp.Campaign) -> None:
    units = [r.unit for t in plan.walk_tasks() for s in t.responsibilities for r in s.assignments]
    by_value: dict[str, set[int]] = {}
    for unit in units:
        by_value.setdefault(unit, set()).add(id(unit))
    assert all(len(ids) == 1 for ids in by_value.values())


def test_no_extensions_is_one_shared_mapping_nobody_can_fill(plan: gp.Campaign) -> None:
    task = next(iter(plan.walk_tasks()))
    assert task.extensions == {}
    assert task.extensions is plan.battles[0].extensions
    with pytest.raises(TypeError, match=r"attrs\.evolve"):
        task.extensions["x_page"] = 3
    with pytest.raises(TypeError):
        task.extensions.update(x_page=3)
    own = attrs.evolve(task, extensions={"x_page": 3})
    assert own.extensions == {"x_page": 3}
    assert task.extensions == {}


def test_shared_things_survive_copies_and_pickling(plan: gp.Campaign) -> None:
    assert copy.deepcopy(plan) == plan
    assert pickle.loads(pickle.dumps(plan)) == plan  # noqa: S301 - our own bytes
    pair = Responsibility(unit="县发改局", role=Role.LEAD)
    assert pickle.loads(pickle.dumps(pair)) == pair  # noqa: S301 - our own bytes


def test_a_pair_with_extension_fields_is_its_own() -> None:
    plan = gp.examples.load("fenghuang-2023-sample")
    from govplan._convert import converter  # noqa: PLC0415

    data = converter.unstructure(plan)
    rset = data["battles"][0]["groups"][0]["tasks"][0]["responsibilities"][0]
    rset["assignments"][0]["x_note"] = "checked"
    loaded = converter.structure(data, gp.Campaign)
    first = loaded.battles[0].groups[0].tasks[0].responsibilities[0].assignments[0]
    assert first.extensions == {"x_note": "checked"}
