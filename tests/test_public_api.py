"""The public API is what govplan.__all__ lists: sorted, complete, nothing private."""

from __future__ import annotations

import types

import govplan


def test_all_is_sorted_and_unique() -> None:
    names = [n for n in govplan.__all__ if n != "__version__"]
    assert names == sorted(names, key=lambda n: (not n.isupper(), n))
    assert len(set(govplan.__all__)) == len(govplan.__all__)


def test_all_names_exist_and_none_is_private() -> None:
    for name in govplan.__all__:
        assert hasattr(govplan, name), name
        assert not name.startswith("_") or name == "__version__"


def test_every_public_object_is_listed() -> None:
    public = {
        name
        for name, value in vars(govplan).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name != "annotations"
    }
    assert public <= set(govplan.__all__)


def test_action_is_battle_and_unit_is_organisational() -> None:
    assert govplan.Action is govplan.Battle
    assert govplan.Unit.__module__ == "govplan.org"
