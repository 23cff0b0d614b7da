"""Shared fixtures and Hypothesis profiles.

Profiles: ``dev`` (default, quick) and ``ci`` (more examples); pick with HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import govplan as gp

settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SAMPLE = EXAMPLES / "fenghuang-2023-sample.yaml"
SEEDS = ROOT.parent / "shared" / "seeds"
#: The plans the tests of every example read (test_seeds, test_report): the bundled examples, or
#: the folder GOVPLAN_TEST_EXAMPLES names, to run them on a plan before it is added.
PLANS = Path(os.environ.get("GOVPLAN_TEST_EXAMPLES") or gp.examples.directory())
#: Hand-checked figures of the plans, one ``<example id>.yaml`` each (tests/data/pins/README.md).
PINS = Path(os.environ.get("GOVPLAN_TEST_PINS") or ROOT / "tests" / "data" / "pins")


def plan_names() -> list[str]:
    """The ids of the plans in PLANS, sorted: every plan there is tested, none is listed by hand."""
    return sorted(p.stem for p in PLANS.glob("*.yaml"))


@functools.cache
def load_plan(name: str) -> gp.Campaign:
    """The plan *name* of PLANS (loaded once)."""
    return gp.load(PLANS / f"{name}.yaml")


def load_build_docs() -> types.ModuleType:
    """scripts/build_docs.py as a module (loaded once), for tests of the pages it writes."""
    if "build_docs" in sys.modules:
        return sys.modules["build_docs"]
    path = ROOT / "scripts" / "build_docs.py"
    spec = importlib.util.spec_from_file_location("build_docs", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_docs"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")
