"""The bundled example plans: ``govplan.examples.names()`` and ``govplan.examples.load(name)``.

The examples are the files of the repository's ``examples/`` folder; an installed wheel carries
them inside the package, a source checkout reads them from the folder itself.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from govplan import io
from govplan.model import Campaign

__all__ = ["directory", "load", "names", "path"]


def directory() -> Path:
    """The folder holding the bundled examples.

    .. versionadded:: 0.1.0
    """
    packaged = Path(str(importlib.resources.files("govplan"))) / "_data" / "examples"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "examples"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("the bundled examples are missing from this installation")


def names() -> list[str]:
    """Names of the bundled examples, sorted (``fenghuang-2023`` …).

    .. versionadded:: 0.1.0
    """
    return sorted(p.stem for p in directory().glob("*.yaml"))


def path(name: str) -> Path:
    """The file of the example called *name*; KeyError naming the choices if there is none.

    .. versionadded:: 0.1.0
    """
    candidate = directory() / f"{name}.yaml"
    if not candidate.is_file():
        raise KeyError(f"no example called {name!r}; choose one of: {', '.join(names())}")
    return candidate


def load(name: str) -> Campaign:
    """Load the bundled example called *name*: ``govplan.examples.load("fenghuang-2023")``.

    .. versionadded:: 0.1.0
    """
    return io.load(path(name))
