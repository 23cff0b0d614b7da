"""Indicator names and targets: canonical names, targets as printed, comparison across plans."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import ClassVar

import attrs

from govplan.metrics._places import _campaigns
from govplan.metrics._tables import Row, _Tabular
from govplan.model import Campaign, Comparator, Direction, Indicator, IndicatorKind, Modality
from govplan.quantity import Quantity, QuantityRange, format_quantity

#: Names that mean the same indicator, mapped to one canonical name.  Extend it by passing
#: ``name_map={**DEFAULT_NAME_MAP, "别名": "规范名"}`` to the functions that take one.
DEFAULT_NAME_MAP: Mapping[str, str] = MappingProxyType(
    {
        "地方生产总值": "地区生产总值",
        "GDP": "地区生产总值",
        "全社会固定资产投资": "固定资产投资",
        "社会固定资产投资": "固定资产投资",
        "全社会消费品零售总额": "社会消费品零售总额",
        "社零总额": "社会消费品零售总额",
        "规模以上工业增加值": "规模工业增加值",
        "规上工业增加值": "规模工业增加值",
        "服务业(第三产业)增加值": "服务业增加值",
        "第三产业增加值": "服务业增加值",
        "全社会研发经费支出": "全社会研发经费投入",
        "研发经费投入": "全社会研发经费投入",
        "R&D经费投入": "全社会研发经费投入",
        "技术合同成交额": "技术合同交易成交额",
        "技术合同成交总额": "技术合同交易成交额",
        "一般公共预算收入": "地方一般公共预算收入",
        "外贸进出口总额": "进出口总额",
        "城镇居民可支配收入": "城镇居民人均可支配收入",
        "城镇居民收入": "城镇居民人均可支配收入",
        "农村居民可支配收入": "农村居民人均可支配收入",
        "农村居民收入": "农村居民人均可支配收入",
    }
)


def _squeeze(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


#: The default map with its keys normalised, made once (a corpus asks for thousands of names).
_DEFAULT_SQUEEZED = {_squeeze(k): v for k, v in DEFAULT_NAME_MAP.items()}


def normalise_name(name: str, name_map: Mapping[str, str] | None = None) -> str:
    """The canonical name of an indicator: width-normalised (NFKC), spaces removed, mapped.

    ``normalise_name("地方生产总值")`` is ``地区生产总值``; ``服务业（第三产业）增加值`` (full-width
    parentheses) maps as ``服务业(第三产业)增加值`` does.  Names the map does not know are returned
    normalised but otherwise unchanged.  *name_map* replaces :data:`DEFAULT_NAME_MAP` (its keys
    are normalised too); to extend the default, pass ``{**DEFAULT_NAME_MAP, "别名": "规范名"}``.

    .. versionadded:: 0.1.0
    """
    squeezed = _squeeze(name)
    if name_map is None:
        return _DEFAULT_SQUEEZED.get(squeezed, squeezed)
    mapped = {_squeeze(k): v for k, v in name_map.items()}
    return mapped.get(squeezed, squeezed)


def _target_text(indicator: Indicator) -> str | None:
    """The target as the documents would print it: 力争7%以上, 3%左右, 13.8%以下, 下降30%以上."""
    if indicator.target is None:
        return None
    suffix = {
        Comparator.AT_LEAST: "以上",
        Comparator.AT_MOST: "以下",
        Comparator.ABOUT: "左右",
        Comparator.EXACT: "",
    }[indicator.comparator]
    prefix = {Modality.ASPIRATIONAL: "力争", Modality.BINDING: "确保", Modality.NONE: ""}[
        indicator.modality
    ]
    change = "下降" if indicator.direction is Direction.FALL else ""
    return f"{prefix}{change}{format_quantity(indicator.target)}{suffix}"


def _same_target(a: Quantity | QuantityRange | None, b: Quantity | QuantityRange | None) -> bool:
    if isinstance(a, Quantity) and isinstance(b, Quantity):
        return a.same_amount(b)
    if isinstance(a, QuantityRange) and isinstance(b, QuantityRange):
        return a.low.same_amount(b.low) and a.high.same_amount(b.high)
    return a is None and b is None


@attrs.frozen(kw_only=True)
class ComparisonEntry:
    """One campaign's target for one indicator.

    One row of :class:`Comparison` (long form); the indicator as found is kept whole, so its
    unit, comparator and phrase stay at hand.

    .. versionadded:: 0.1.0
    """

    #: Id of the campaign.
    campaign: str
    #: Canonical name (see :func:`normalise_name`).
    indicator: str
    #: The indicator's kind (``growth_rate``, ``level`` …): with the name, what makes it one row.
    kind: IndicatorKind
    #: The indicator as found in the campaign.
    source: Indicator
    #: ``headline`` or the id of the battle whose objectives state it.
    where: str

    @property
    def text(self) -> str:
        """The target as the documents print it: 7%以上, 力争3%左右."""
        return _target_text(self.source) or ""


@attrs.frozen(kw_only=True)
class Comparison(_Tabular):
    """The same indicators across campaigns; :meth:`to_rows` is long, :meth:`wide_rows` wide.

    Places are compared on what they print: each campaign's first statement of an indicator.

    .. versionadded:: 0.1.0
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "indicator",
        "kind",
        "campaign",
        "name",
        "where",
        "target",
        "value",
        "unit",
        "comparator",
        "modality",
        "phrase",
    )

    #: Ids of the campaigns compared, in the order given (the columns of :meth:`wide_rows`).
    campaigns: tuple[str, ...]
    #: One entry per campaign and indicator: campaigns in the order given, each's headline
    #: objectives first, then its battle objectives.
    entries: tuple[ComparisonEntry, ...]

    def indicators(self, min_campaigns: int = 1) -> list[tuple[str, IndicatorKind]]:
        """(indicator, kind) stated by at least *min_campaigns* campaigns.

        Most widely stated first, then in order of first appearance.
        """
        seen: dict[tuple[str, IndicatorKind], set[str]] = {}
        for entry in self.entries:
            seen.setdefault((entry.indicator, entry.kind), set()).add(entry.campaign)
        order = {key: i for i, key in enumerate(seen)}
        chosen = [key for key, found in seen.items() if len(found) >= min_campaigns]
        return sorted(chosen, key=lambda key: (-len(seen[key]), order[key]))

    def wide_columns(self) -> tuple[str, ...]:
        """Columns of :meth:`wide_rows`: indicator, kind, then one per campaign."""
        return ("indicator", "kind", *self.campaigns)

    def wide_rows(self, min_campaigns: int = 1) -> list[Row]:
        """One row per indicator, one column per campaign holding its target text (or None)."""
        cells = {(e.indicator, e.kind, e.campaign): e.text for e in self.entries}
        return [
            {
                "indicator": name,
                "kind": kind.value,
                **{c: cells.get((name, kind, c)) for c in self.campaigns},
            }
            for name, kind in self.indicators(min_campaigns)
        ]

    def to_rows(self) -> list[Row]:
        """One row per campaign and indicator (long format)."""
        rows = []
        for e in self.entries:
            target = e.source.target
            rows.append(
                {
                    "indicator": e.indicator,
                    "kind": e.kind.value,
                    "campaign": e.campaign,
                    "name": e.source.name,
                    "where": e.where,
                    "target": e.text,
                    "value": target.value if isinstance(target, Quantity) else None,
                    "unit": target.unit if target is not None else None,
                    "comparator": e.source.comparator.value,
                    "modality": e.source.modality.value,
                    "phrase": e.source.phrase,
                }
            )
        return rows


def compare_indicators(
    campaigns: Campaign | Iterable[Campaign],
    *,
    name_map: Mapping[str, str] | None = None,
    kinds: Iterable[IndicatorKind] | None = None,
) -> Comparison:
    """Line up the quantified targets of several campaigns, indicator by indicator.

    Each campaign contributes its headline objectives, then its battle objectives for
    indicators the headline does not state; the first statement of an indicator wins.  An
    indicator is its normalised name (:func:`normalise_name` with *name_map*) and its kind, so
    地区生产总值 growth and 地区生产总值 level are two rows.  *kinds* keeps only those kinds.
    *campaigns* is one campaign or several.

    .. versionadded:: 0.1.0
    """
    wanted = set(kinds) if kinds is not None else None
    plans = _campaigns(campaigns)
    entries: list[ComparisonEntry] = []
    for campaign in plans:
        places: list[tuple[str, Indicator]] = [
            ("headline", i) for o in campaign.objectives for i in o.indicators
        ]
        places.extend(
            (b.id, i) for b in campaign.battles for o in b.objectives for i in o.indicators
        )
        seen: set[tuple[str, IndicatorKind]] = set()
        for where, indicator in places:
            if indicator.target is None or (wanted is not None and indicator.kind not in wanted):
                continue
            key = (normalise_name(indicator.name, name_map), indicator.kind)
            if key in seen:
                continue
            seen.add(key)
            entries.append(
                ComparisonEntry(
                    campaign=campaign.id,
                    indicator=key[0],
                    kind=indicator.kind,
                    source=indicator,
                    where=where,
                )
            )
    return Comparison(campaigns=tuple(c.id for c in plans), entries=tuple(entries))
