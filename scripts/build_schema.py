"""Regenerate schema/govplan.schema.json from the models (run after changing a model).

Beside it, the enumerations and units as data: schema/codelists/*.csv, schema/units.json and
its schema schema/units.schema.json (govplan._codelists).

Usage: python scripts/build_schema.py [--check | --release]

With --check, exit 1 instead of writing when a committed file is stale (or a codelist is left
over from an enumeration that is gone).  With --release, also freeze the schema of the current
SCHEMA_VERSION as schema/archive/govplan-VERSION.schema.json and record its digest in
schema/archive/SHA256SUMS.  A released schema never changes: when the model no longer
generates the archived schema of SCHEMA_VERSION, every mode fails and asks for a new version.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from govplan._codelists import generated_files
from govplan.schema import SCHEMA_VERSION, schema_json

TARGET = Path(__file__).resolve().parents[1] / "schema" / "govplan.schema.json"
#: The folder of the generated files: the schema and, beside it, the codelists and units.
FOLDER = TARGET.parent
ARCHIVE = FOLDER / "archive"
SUMS = ARCHIVE / "SHA256SUMS"


def archived(version: str) -> Path:
    """The frozen copy of schema *version*."""
    return ARCHIVE / f"govplan-{version}.schema.json"


def expected(folder: Path = FOLDER) -> dict[Path, str]:
    """Every generated file under *folder* with the text it should hold."""
    files = {folder / TARGET.name: schema_json()}
    files.update({folder / name: text for name, text in generated_files().items()})
    return files


def leftovers(folder: Path = FOLDER) -> list[Path]:
    """Codelists in *folder* that no enumeration generates any more."""
    files = expected(folder)
    return sorted(p for p in (folder / "codelists").glob("*.csv") if p not in files)


def stale(folder: Path = FOLDER) -> list[Path]:
    """Generated files under *folder* that are missing, differ, or are left over."""
    found = [
        path
        for path, text in expected(folder).items()
        if not path.is_file() or path.read_bytes().decode("utf-8") != text
    ]
    return sorted(found + leftovers(folder))


def write(folder: Path = FOLDER) -> list[Path]:
    """Write every generated file under *folder*, remove left-over codelists; what changed."""
    changed = stale(folder)
    for path in leftovers(folder):
        path.unlink()
    for path, text in expected(folder).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    return changed


def release(text: str) -> None:
    """Freeze *text* as the released schema of SCHEMA_VERSION and record its digest."""
    frozen = archived(SCHEMA_VERSION)
    frozen.write_text(text, encoding="utf-8", newline="")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines = [line for line in SUMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [line for line in lines if not line.endswith(f"  {frozen.name}")]
    SUMS.write_text("\n".join(sorted([*lines, f"{digest}  {frozen.name}"])) + "\n", "utf-8")
    print(f"released {frozen}")


def main() -> int:
    """Write the schema and its data files, or with --check compare them."""
    text = schema_json()
    frozen = archived(SCHEMA_VERSION)
    if frozen.exists() and frozen.read_text(encoding="utf-8") != text:
        print(
            f"schema {SCHEMA_VERSION} is released and frozen ({frozen}), but the model now "
            "generates another schema: give it a new SCHEMA_VERSION (docs/versioning.md)"
        )
        return 1
    if "--check" in sys.argv[1:]:
        for path in stale():
            print(f"{path} is stale: run python scripts/build_schema.py")
        return 1 if stale() else 0
    changed = write()
    print(f"wrote {TARGET} and the files beside it ({len(changed)} changed)")
    if "--release" in sys.argv[1:]:
        release(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
