"""What a stated figure and the sum of its cells say together, for allocation sums and checks."""

from __future__ import annotations

from decimal import Decimal

from govplan.quantity import _computing

__all__ = ["_StatedAndSummed"]


class _StatedAndSummed:
    """``agrees`` and ``difference`` of a result holding a ``stated`` and a ``summed`` figure.

    A mixin for attrs classes that declare both fields; ``summed`` is None when the cells
    cannot be added, and then neither is known.
    """

    stated: Decimal
    summed: Decimal | None

    @property
    def agrees(self) -> bool | None:
        """Whether the cells add up to the stated figure (None when they cannot be added)."""
        return None if self.summed is None else self.summed == self.stated

    @property
    def difference(self) -> Decimal | None:
        """``summed - stated`` (None when the cells cannot be added)."""
        summed = self.summed
        if summed is None:
            return None
        # In the quantities' own context: exact for any two numbers a Quantity can hold.
        return _computing(lambda: summed - self.stated)
