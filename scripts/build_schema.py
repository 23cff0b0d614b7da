"""Regenerate schema/govplan.schema.json from the models (run after changing a model).

Usage: python scripts/build_schema.py [--check | --release]

With --check, exit 1 instead of writing when a committed file is stale.  With --release, also
freeze the schema of the current SCHEMA_VERSION as schema/archive/govplan-VERSION.schema.json
and record its digest in schema/archive/SHA256SUMS.  A released schema never changes: when the
model no longer generates the archived schema of SCHEMA_VERSION, both modes fail and ask for a
new version.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from govplan.schema import SCHEMA_VERSION, schema_json

ROOT = Path(__file__).resolve().parents[1] / "schema"
TARGET = ROOT / "govplan.schema.json"
ARCHIVE = ROOT / "archive"
SUMS = ARCHIVE / "SHA256SUMS"


def archived(version: str) -> Path:
    """The frozen copy of schema *version*."""
    return ARCHIVE / f"govplan-{version}.schema.json"


def _release(text: str) -> None:
    frozen = archived(SCHEMA_VERSION)
    frozen.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines = [line for line in SUMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [line for line in lines if not line.endswith(f"  {frozen.name}")]
    SUMS.write_text("\n".join(sorted([*lines, f"{digest}  {frozen.name}"])) + "\n", "utf-8")
    print(f"released {frozen}")


def main() -> int:
    """Write the schema, or with --check compare it."""
    text = schema_json()
    frozen = archived(SCHEMA_VERSION)
    if frozen.exists() and frozen.read_text(encoding="utf-8") != text:
        print(
            f"schema {SCHEMA_VERSION} is released and frozen ({frozen.relative_to(ROOT.parent)}), "
            "but the model now generates another schema: give it a new SCHEMA_VERSION "
            "(docs/versioning.md)"
        )
        return 1
    if "--check" in sys.argv[1:]:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is stale: run python scripts/build_schema.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    if "--release" in sys.argv[1:]:
        _release(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
