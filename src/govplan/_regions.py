"""GB/T 2260 administrative division codes of Hunan, read from the bundled table.

``data/gbt2260-hunan.csv`` holds the province (430000), its 14 prefecture-level divisions and
its 122 county-level divisions (市辖区, 县, 县级市, 自治县), one row each: ``code``, ``name``,
``level`` (a :class:`~govplan.model.RegionLevel` value) and ``parent_code`` (empty for the
province). The codes and names are those of the 民政部 list 2023年中华人民共和国县以上行政区划代码
(https://www.mca.gov.cn/mzsj/xzqh/2023/202301xzqh.html), taken from the copy in
yescallop/areacodes (``data/2023.txt``, commit 8282354bfeca2418a9eea19471c1ddefbbf10a23, CC0)
and checked against the 国家统计局 2023 统计用区划代码 in modood/Administrative-divisions-of-China
(``dist/areas.csv``), which agrees on all 122 county-level codes and names. The statistics-only
codes ending in 7x (开发区, 管理区) are not GB/T 2260 divisions and are left out. The level is
read from the code (xx0000 province, xxxx00 prefecture) and, for county-level divisions, from
the name's last character (区 district, 市 county-level city, 县 county).

Only Hunan is bundled: codes of other provinces are not looked up.
"""

from __future__ import annotations

import csv
import functools
import importlib.resources

import attrs

from govplan.model import RegionLevel

#: The first two digits of every code in the table.
PROVINCE_PREFIX = "43"


@attrs.frozen(kw_only=True)
class Division:
    """One row of the table: an administrative division and the code of the one it belongs to."""

    code: str
    name: str
    level: RegionLevel
    parent_code: str | None


@functools.cache
def divisions() -> dict[str, Division]:
    """Every division of the bundled table by code, read once on first use."""
    table = importlib.resources.files("govplan").joinpath("data").joinpath("gbt2260-hunan.csv")
    return {
        row["code"]: Division(
            code=row["code"],
            name=row["name"],
            level=RegionLevel(row["level"]),
            parent_code=row["parent_code"] or None,
        )
        for row in csv.DictReader(table.read_text(encoding="utf-8").splitlines())
    }


def covers(code: str) -> bool:
    """Whether *code* belongs to the province the table covers (Hunan, 43xxxx)."""
    return code.startswith(PROVINCE_PREFIX)


def lookup(code: str) -> Division | None:
    """The division *code* names, or None when the table has no such code."""
    return divisions().get(code)


def parent(division: Division) -> Division | None:
    """The division *division* belongs to, or None for the province."""
    return divisions().get(division.parent_code) if division.parent_code else None


def named(name: str) -> Division | None:
    """The division a printed name designates, or None when it is not one division of the table.

    A name is the division's own (凤凰县) when no other division bears it, or its parent's name
    followed by its own (张家界市武陵源区, 湘西土家族苗族自治州凤凰县), which tells apart
    divisions of the same name.
    """
    matches = [d for d in divisions().values() if name.endswith(d.name)]
    exact = [d for d in matches if d.name == name]
    if len(exact) == 1:
        return exact[0]
    qualified = [d for d in matches if (up := parent(d)) is not None and name == up.name + d.name]
    return qualified[0] if len(qualified) == 1 else None
