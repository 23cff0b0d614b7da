"""Regenerate schema/govplan.schema.json from the models (run after changing a model).

Beside it, the enumerations and units as data: schema/codelists/*.csv, schema/units.json and
its schema schema/units.schema.json (govplan._codelists).

Usage: python scripts/build_schema.py [--check]
With --check, exit 1 instead of writing when a committed file is stale (or a codelist is left
over from an enumeration that is gone).
"""

from __future__ import annotations

import sys
from pathlib import Path

from govplan._codelists import generated_files
from govplan.schema import schema_json

TARGET = Path(__file__).resolve().parents[1] / "schema" / "govplan.schema.json"
#: The folder of the generated files: the schema and, beside it, the codelists and units.
FOLDER = TARGET.parent


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


def main() -> int:
    """Write the schema and its data files, or with --check compare them."""
    if "--check" in sys.argv[1:]:
        for path in stale():
            print(f"{path} is stale: run python scripts/build_schema.py")
        return 1 if stale() else 0
    changed = write()
    print(f"wrote {TARGET} and the files beside it ({len(changed)} changed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
