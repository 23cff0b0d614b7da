"""Summing quantities and indicators exactly, refusing what must never be added up."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from govplan.errors import QuantityError
from govplan.model import Indicator, IndicatorKind
from govplan.quantity import Quantity, QuantityRange


class NotSummableError(QuantityError):
    """Values that must never be added up were summed: percentages, 个百分点, rates (元/人).

    A sum of such values has no meaning (two growth rates of 8% are not a growth of 16%), so
    it is refused rather than computed.  A :class:`~govplan.QuantityError`, code ``not-summable``.

    .. versionadded:: 0.1.0
    """

    default_code = "not-summable"


_NOT_SUMMABLE_KINDS = {
    IndicatorKind.GROWTH_RATE,
    IndicatorKind.SHARE,
    IndicatorKind.PERCENTAGE_POINT_CHANGE,
    IndicatorKind.RANK,
    IndicatorKind.QUALITATIVE,
}


def _quantity_not_summable(quantity: Quantity) -> str | None:
    """Why *quantity* may not be added up (a percentage, 个百分点, a rate), or None."""
    dimension = quantity.dimensionality
    if dimension == "dimensionless":
        return f"{quantity} is a ratio (% or ‰); percentages are never added up"
    if "[percentage_point]" in dimension:
        return f"{quantity} is a change of a ratio (个百分点); it is never added up"
    if "/" in quantity.unit:
        return f"{quantity} is a rate ({quantity.unit}); rates are never added up"
    return None


def _indicator_not_summable(indicator: Indicator) -> str | None:
    target = indicator.target
    if target is None:
        return f"{indicator.name!r} states no quantity to add"
    ends = [target.low, target.high] if isinstance(target, QuantityRange) else [target]
    for quantity in ends:
        reason = _quantity_not_summable(quantity)
        if reason:
            return f"{indicator.name!r}: {reason}"
    if indicator.kind in _NOT_SUMMABLE_KINDS:
        return f"{indicator.name!r} is a {indicator.kind} indicator; it is never added up"
    if not indicator.summable:
        return f"{indicator.name!r} is marked summable: false"
    return None


def sum_quantities(quantities: Iterable[Quantity], *, unit: str | None = None) -> Quantity:
    """Add quantities exactly, converting to *unit* (default: the first quantity's unit).

    Raises :class:`NotSummableError` for percentages, 个百分点 and rates (元/人), which are never
    added up, and :class:`~govplan.UnitMismatchError` for quantities of different dimensions
    (亿元 + 万亩, 家 + 所).  With no quantities, *unit* is required and the sum is zero.

    .. versionadded:: 0.1.0
    """
    items = list(quantities)
    for quantity in items:
        reason = _quantity_not_summable(quantity)
        if reason:
            raise NotSummableError(f"cannot sum: {reason}", text=str(quantity))
    if unit is None:
        if not items:
            raise QuantityError("nothing to sum: give the unit of the (zero) sum")
        unit = items[0].unit
    total = Quantity(value=Decimal(0), unit=unit)
    for quantity in items:
        total = total + quantity
    return total


def sum_indicators(
    indicators: Iterable[Indicator], *, unit: str | None = None
) -> Quantity | QuantityRange:
    """Add the targets of summable indicators; ranges add end by end.

    Raises :class:`NotSummableError` for any indicator that may not be summed: no target, a
    growth rate, share, 个百分点 change or rank, a target in % or a rate, or ``summable: false``.
    The sum is in *unit* (default: the unit of the first target, of its upper end for a range).

    .. versionadded:: 0.1.0
    """
    items = list(indicators)
    for indicator in items:
        reason = _indicator_not_summable(indicator)
        if reason:
            raise NotSummableError(f"cannot sum: {reason}", text=indicator.phrase)
    lows: list[Quantity] = []
    highs: list[Quantity] = []
    ranged = False
    for indicator in items:
        target = indicator.target
        if isinstance(target, QuantityRange):
            ranged = True
            lows.append(target.low)
            highs.append(target.high)
        elif target is not None:
            lows.append(target)
            highs.append(target)
    if unit is None and highs:
        unit = highs[0].unit
    high = sum_quantities(highs, unit=unit)
    if not ranged:
        return high
    return QuantityRange(low=sum_quantities(lows, unit=high.unit), high=high)
