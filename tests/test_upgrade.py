"""``govplan upgrade``: 0.1 files become valid files of the current schema, nothing lost."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

import govplan as gp
from conftest import ROOT
from govplan.cli import main
from govplan.upgrade import upgrade_data, upgrade_file

FIXTURES = ROOT / "tests" / "data" / "upgrade"


def _git(git: str, *args: str) -> str:
    """The output of a git command run on this repository."""
    command = [git, "-C", str(ROOT), *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603 - git, fixed arguments


def _git_history_examples() -> list[tuple[str, str]]:
    """(commit:path, text) of every distinct 0.1 example file in the git history, if any."""
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        return []
    try:
        listing = _git(git, "log", "--format=%H", "--", "examples").split()
    except subprocess.CalledProcessError:
        return []
    seen: dict[str, tuple[str, str]] = {}
    for commit in listing:
        for name in _git(git, "ls-tree", "--name-only", commit, "examples/").split():
            if not name.endswith((".yaml", ".json")):
                continue
            text = _git(git, "show", f"{commit}:{name}")
            if text.startswith("schema_version: 0.1.") or '"schema_version": "0.1.' in text:
                seen.setdefault(text, (f"{commit[:10]}:{name}", text))
    return list(seen.values())


HISTORY = _git_history_examples()


def test_the_fixture_is_a_0_1_file() -> None:
    data = yaml.safe_load((FIXTURES / "fenghuang-2023-sample-0.1.0.yaml").read_text("utf-8"))
    assert data["schema_version"] == "0.1.0"
    with pytest.raises(gp.SchemaVersionError, match="govplan upgrade"):
        gp.load(FIXTURES / "fenghuang-2023-sample-0.1.0.yaml")


def test_fixture_upgrades_to_a_valid_plan(tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    assert (
        main(["upgrade", str(FIXTURES / "fenghuang-2023-sample-0.1.0.yaml"), "-o", str(out)]) == 0
    )
    report = gp.validate(out)
    assert report.valid, report.errors
    assert gp.load(out).schema_version == gp.SCHEMA_VERSION


@pytest.mark.skipif(not HISTORY, reason="no git history of examples/ here")
@pytest.mark.parametrize(("where", "text"), HISTORY, ids=[w for w, _ in HISTORY])
def test_every_0_1_example_of_the_history_upgrades_to_a_valid_plan(
    tmp_path: Path, where: str, text: str
) -> None:
    old = tmp_path / Path(where.split(":", 1)[1]).name
    old.write_text(text, encoding="utf-8")
    campaign, upgraded = upgrade_file(old)
    assert upgraded.from_version.startswith("0.1.")
    new = tmp_path / "new.yaml"
    gp.dump(campaign, new)
    report = gp.validate(new)
    assert report.errors == (), where


def _indicator(**fields: Any) -> dict[str, Any]:
    plan: dict[str, Any] = yaml.safe_load(
        (FIXTURES / "fenghuang-2023-sample-0.1.0.yaml").read_text("utf-8")
    )
    objective = {"text": "x", "indicators": [{"name": "n", **fields}]}
    plan["objectives"] = [objective]
    indicator: dict[str, Any] = upgrade_data(plan).data["objectives"][0]["indicators"][0]
    return indicator


@pytest.mark.parametrize(
    ("kind", "phrase", "target", "direction", "upgraded_target"),
    [
        ("growth_rate", "森林火灾数量同比减少30%以上", "30%", "fall", "30%"),
        ("growth_rate", "社会消费品零售总额增长8%以上", "8%", "rise", "8%"),
        ("growth_rate", "地区生产总值增速8%", "8%", "rise", "8%"),
        ("growth_rate", "规模工业增加值增长8%", "8%", "rise", "8%"),
        ("growth_rate", "单位GDP能耗同比", "-3%", "fall", "3%"),
        ("percentage_point_change", "综合利率下降30BP", "30BP", "fall", "30BP"),
        ("level", "PM2.5平均浓度下降1—2微克/立方米", "1-2微克/立方米", "fall", "1-2微克/立方米"),
        ("level", "新增耕地1000亩", "1000亩", "rise", "1000亩"),
        ("share", "比重下降至13.8%以下", "13.8%", None, "13.8%"),
        ("share", "消费对经济增长贡献率恢复到65%以上", "65%", None, "65%"),
        ("level", "巩固提升工程目标任务:800万元", "800万元", None, "800万元"),
        ("level", "森林火灾受害率控制在0.9‰以内", "0.9‰", None, "0.9‰"),
        ("qualitative", "确保生产安全事故起数和死亡人数持续下降", None, "fall", None),
        ("qualitative", "房屋市政工程事故起数和死亡人数同比“双下降”", None, "fall", None),
    ],
)
def test_upgrade_reads_the_direction_the_phrase_states(
    kind: str, phrase: str, target: str | None, direction: str | None, upgraded_target: str | None
) -> None:
    fields: dict[str, Any] = {"kind": kind, "phrase": phrase}
    if target is not None:
        fields["target"] = target
    indicator = _indicator(**fields)
    assert indicator.get("direction") == direction
    assert indicator.get("target") == upgraded_target


def test_upgrade_moves_overview_and_mechanisms_into_sections() -> None:
    plan: dict[str, Any] = yaml.safe_load(
        (FIXTURES / "fenghuang-2023-sample-0.1.0.yaml").read_text("utf-8")
    )
    plan["battles"][0]["overview"] = "扩大有效投资。"
    plan["battles"][0]["overview_line"] = 40
    plan["battles"][0]["mechanisms"] = "成立工作专班。"
    battle = upgrade_data(plan).data["battles"][0]
    assert battle["overview"] == {"text": "扩大有效投资。", "source_line": 40}
    assert battle["mechanisms"] == {"text": "成立工作专班。"}
    assert "overview_line" not in battle


def test_upgrade_leaves_its_input_alone_and_says_what_it_changed() -> None:
    plan: dict[str, Any] = yaml.safe_load(
        (FIXTURES / "fenghuang-2023-sample-0.1.0.yaml").read_text("utf-8")
    )
    before = json.dumps(plan, sort_keys=True, ensure_ascii=False)
    result = upgrade_data(plan)
    assert json.dumps(plan, sort_keys=True, ensure_ascii=False) == before
    assert result.from_version == "0.1.0"
    assert result.data["schema_version"] == gp.SCHEMA_VERSION


def test_a_current_file_is_unchanged() -> None:
    data = gp.io.read_path(ROOT / "examples" / "fenghuang-2023-sample.yaml").data
    assert upgrade_data(data).data == data
    assert upgrade_data(data).changes == ()


@pytest.mark.parametrize("version", ["0.0.1", "9.0.0", 3])
def test_versions_it_cannot_upgrade_are_errors(tmp_path: Path, version: object) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"schema_version": version}), encoding="utf-8")
    assert main(["upgrade", str(plan)]) != 0
    with pytest.raises(gp.SchemaVersionError):
        upgrade_file(plan)


def test_in_place_rewrites_the_file(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(FIXTURES / "fenghuang-2023-sample-0.1.0.yaml", plan)
    assert main(["upgrade", "--in-place", str(plan)]) == 0
    assert gp.load(plan).schema_version == gp.SCHEMA_VERSION
