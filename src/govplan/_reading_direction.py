"""The direction of change a target phrase states: 增长8% (rise), 减少30% (fall), 降至 (a value).

One reading shared by validation (``direction-mismatch``), the extractor and ``govplan upgrade``:
the change word that counts is the last one before the target's figure (the whole phrase when
the target has no figure), so that 工业增加值增长8% is read by 增长, not by the 增加 of its name,
and 增长率下降2个百分点 by 下降; a negation just before it (杜绝新增, 不减少, 零增长) leaves no
change stated.  A value word between that change word and the figure (下降至,
提高到, 恢复到, 达到, 控制在) makes the figure a value to reach (下降至13.8%以下), not the size of a
change; punctuation between them (巩固提升工程目标任务:800万元) leaves the figure unrelated to the
word.  A phrase without a figure is read by its last change word (持续降低安全事故起数、死亡人数).
"""

from __future__ import annotations

import enum
import re

from govplan.model import Direction, Indicator, IndicatorKind
from govplan.quantity import Quantity, QuantityRange

__all__ = [
    "CHANGE_KINDS",
    "FALL_WORDS",
    "RISE_WORDS",
    "VALUE_WORDS",
    "Stated",
    "direction_for",
    "indicator_change",
    "stated_change",
]

#: Words that state a rise: 增长8%, 提高0.7个百分点, 新增3家, 只增不减.
RISE_WORDS = (
    "增长",
    "增加",
    "提高",
    "提升",
    "新增",
    "上升",
    "净增",
    "增速",
    "增幅",
    "翻番",
    "只增不减",
)
#: Words that state a fall: 下降, 减少30%, 压减, 综合利率下降30BP, 持续下降.
FALL_WORDS = (
    "下降",
    "降低",
    "减少",
    "压减",
    "压降",
    "压缩",
    "缩减",
    "缩小",
    "削减",
    "回落",
    "下调",
    "降幅",
    "减幅",
    "负增长",
)


class Stated(enum.Enum):
    """What a phrase says about change besides rise and fall."""

    #: 下降至13.8%以下, 提高到65%: a change word naming a value to reach.
    VALUE = "value"


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


# 增加值 (value added) contains a change word but states no change.
_CHANGE = re.compile(
    rf"(?P<fall>{_alternation(FALL_WORDS)})|(?P<rise>{_alternation(RISE_WORDS)})(?!值)"
)
#: Words before a change word that deny it: 杜绝新增政府隐性债务, 不减少, 严禁新增 state no change.
NEGATIONS = ("杜绝", "严禁", "禁止", "防止", "避免", "遏制", "不再", "不", "无", "未", "零")
_NEGATED = re.compile(rf"(?:{_alternation(NEGATIONS)})$")

#: Words that make the figure after a change word a value to reach: 下降至, 恢复到, 达到.
VALUE_WORDS = ("至", "到", "为", "达", "保持", "稳定在", "控制在")
_VALUE = re.compile(_alternation(VALUE_WORDS))
#: A document's title (《…削减攻坚项目清单》) names it; its words state no change.
_TITLE = re.compile(r"《[^《》]*》")
_BREAK = re.compile(r"[,，、:：;；。]")
_FIGURE = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_DATE_AFTER = re.compile(r"\s*(?:年|月|日|季度)")


def _number_text(target: Quantity | QuantityRange) -> str:
    quantity = target.low if isinstance(target, QuantityRange) else target
    return format(abs(quantity.value), "f")


def _figure_start(phrase: str, target: Quantity | QuantityRange | None) -> int:
    """Where the target's figure starts in *phrase* (its length when there is none)."""
    if target is None:
        return len(phrase)
    number = _number_text(target)
    figures = list(_FIGURE.finditer(phrase))
    for match in figures:
        if match.group().translate(_FULL_WIDTH) == number:
            return match.start()
    for match in figures:
        if not _DATE_AFTER.match(phrase, match.end()):
            return match.start()
    return len(phrase)


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def stated_change(
    phrase: str, target: Quantity | QuantityRange | None = None
) -> Direction | Stated | None:
    """The change *phrase* states for *target*: a direction, a value to reach, or None."""
    end = _figure_start(phrase, target)
    titles = [m.span() for m in _TITLE.finditer(phrase)]
    last = None
    for match in _CHANGE.finditer(phrase, 0, end):
        if not any(start < match.start() < stop for start, stop in titles):
            last = match
    if last is None or _NEGATED.search(phrase, 0, last.start()):
        return None
    gap = phrase[last.end() : end]
    if target is not None and _BREAK.search(gap):
        return None
    if _VALUE.search(gap):
        return Stated.VALUE
    return Direction.FALL if last.group("fall") else Direction.RISE


def indicator_change(indicator: Indicator) -> Direction | Stated | None:
    """The change an indicator's phrase states (see :func:`stated_change`)."""
    return stated_change(indicator.phrase, indicator.target)


#: Kinds whose target is always a change, so that they always have a direction.
CHANGE_KINDS = frozenset({IndicatorKind.GROWTH_RATE, IndicatorKind.PERCENTAGE_POINT_CHANGE})


def direction_for(
    kind: IndicatorKind, phrase: str, target: Quantity | QuantityRange | None
) -> Direction | None:
    """The direction an indicator of *kind* stated by *phrase* has.

    Rise for a growth rate that names none (增速8%), none for a value to reach (下降至13.8%以下).
    """
    stated = stated_change(phrase, target)
    if isinstance(stated, Direction):
        return stated
    return Direction.RISE if kind in CHANGE_KINDS else None
