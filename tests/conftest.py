"""Shared fixtures and Hypothesis profiles.

Profiles: ``dev`` (default, quick) and ``ci`` (more examples); pick with HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SAMPLE = EXAMPLES / "fenghuang-2023-sample.yaml"
SEEDS = ROOT.parent / "shared" / "seeds"


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
