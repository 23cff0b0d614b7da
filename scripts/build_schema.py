"""Regenerate schema/govplan.schema.json from the models (run after changing a model).

Usage: python scripts/build_schema.py [--check]
With --check, exit 1 instead of writing when the committed file is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from govplan.schema import schema_json

TARGET = Path(__file__).resolve().parents[1] / "schema" / "govplan.schema.json"


def main() -> int:
    """Write the schema, or with --check compare it."""
    text = schema_json()
    if "--check" in sys.argv[1:]:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is stale: run python scripts/build_schema.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
