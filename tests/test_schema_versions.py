"""The schema as a standard: one $id per version, released versions frozen, titles, $schema."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

import govplan as gp
from conftest import ROOT, SAMPLE

ARCHIVE = ROOT / "schema" / "archive"


def _archived() -> dict[str, Path]:
    found = {}
    for path in sorted(ARCHIVE.glob("govplan-*.schema.json")):
        match = re.fullmatch(r"govplan-(\d+\.\d+\.\d+)\.schema\.json", path.name)
        assert match, f"{path.name} is not named govplan-VERSION.schema.json"
        found[match[1]] = path
    return found


def test_every_released_schema_is_archived_with_its_own_id() -> None:
    """Each archived schema's $id names its version, and no two versions share one."""
    archived = _archived()
    assert "0.1.0" in archived
    ids = {}
    for version, path in archived.items():
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["$id"] == f"urn:govplan:schema:{version}"
        ids[data["$id"]] = version
    assert len(ids) == len(archived)


def test_archived_schemas_are_frozen() -> None:
    """SHA256SUMS records each archived file; changing one fails here (release a new version)."""
    sums = {}
    for line in (ARCHIVE / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ")
        sums[name] = digest
    archived = _archived()
    assert set(sums) == {p.name for p in archived.values()}
    for path in archived.values():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sums[path.name], path.name


def test_current_version_when_released_is_what_the_model_generates() -> None:
    """A released $id is never reused for a changed schema."""
    released = _archived().get(gp.SCHEMA_VERSION)
    if released is None:
        pytest.skip(f"schema {gp.SCHEMA_VERSION} is not released yet")
    assert json.loads(released.read_text(encoding="utf-8")) == gp.schema()


def test_every_definition_has_a_title() -> None:
    """Generated types (quicktype, datamodel-code-generator) take their names from titles."""
    defs = gp.schema()["$defs"]
    titles = [d.get("title") for d in defs.values()]
    assert all(titles), [name for name, d in defs.items() if not d.get("title")]
    assert len(set(titles)) == len(titles)
    assert defs["indicator"]["title"] == "Indicator"


def _sample() -> dict[str, Any]:
    data: dict[str, Any] = gp.io.read_path(SAMPLE).data
    return data


def test_schema_key_is_accepted_and_checked() -> None:
    data = _sample()
    data["$schema"] = gp.SCHEMA_ID
    text = json.dumps(data, ensure_ascii=False)
    assert gp.loads(text, format="json") == gp.load(SAMPLE)
    assert gp.validates(text, format="json").valid
    data["$schema"] = "https://example.org/govplan.schema.json"
    assert gp.validates(json.dumps(data, ensure_ascii=False), format="json").valid


def test_schema_key_of_another_version_is_an_error() -> None:
    data = _sample()
    data["$schema"] = "urn:govplan:schema:0.1.0"
    report = gp.validates(json.dumps(data, ensure_ascii=False), format="json")
    assert [p.code for p in report.errors] == ["schema-mismatch"]
    assert report.errors[0].pointer == "/$schema"


def test_extension_fields_are_kept_written_back_and_reported_as_info() -> None:
    data = _sample()
    data["x_publisher"] = {"name": "某县", "pages": [1, 2]}
    data["battles"][0]["x_page"] = 3
    text = json.dumps(data, ensure_ascii=False)
    campaign = gp.loads(text, format="json")
    assert campaign.extensions == {"x_publisher": {"name": "某县", "pages": [1, 2]}}
    assert campaign.battles[0].extensions == {"x_page": 3}
    again = gp.loads(gp.dumps(campaign), format="yaml")
    assert again == campaign
    report = gp.validates(text, format="json")
    assert report.valid
    infos = [(p.code, p.pointer) for p in report.infos]
    assert infos == [("extension-field", "/battles/0/x_page"), ("extension-field", "/x_publisher")]


@pytest.mark.parametrize("key", ["x_", "x_Page", "xpage", "x__page", "X_page"])
def test_keys_that_are_not_extension_names_are_unknown_fields(key: str) -> None:
    data = _sample()
    data["battles"][0][key] = 1
    report = gp.validates(json.dumps(data, ensure_ascii=False), format="json")
    assert [p.code for p in report.errors] == ["unknown-field"]


def test_a_field_named_extensions_is_unknown() -> None:
    data = _sample()
    data["extensions"] = {"x_a": 1}
    report = gp.validates(json.dumps(data, ensure_ascii=False), format="json")
    assert [p.code for p in report.errors] == ["unknown-field"]
