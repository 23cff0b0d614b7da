"""The open plan schema, JSON Schema Draft 2020-12.

It is generated from the models and published in ``schema/govplan.schema.json``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

from govplan._schemagen import generate
from govplan.model import SCHEMA_VERSION

__all__ = ["SCHEMA_ID", "SCHEMA_VERSION", "schema", "schema_json"]

#: The schema's ``$id``: a URN naming the version, valid without a network.
SCHEMA_ID = f"urn:govplan:schema:{SCHEMA_VERSION}"


@functools.cache
def _schema() -> dict[str, Any]:
    return generate(SCHEMA_ID, SCHEMA_VERSION)


def schema() -> dict[str, Any]:
    """The plan schema as a dict (a fresh copy: change it freely).

    .. versionadded:: 0.1.0
    """
    return copy.deepcopy(_schema())


def schema_json() -> str:
    """The plan schema as the JSON text published in ``schema/govplan.schema.json``."""
    return json.dumps(_schema(), ensure_ascii=False, indent=2) + "\n"
