"""Chinese numerals as the documents print them: one reader for the core and the extractor.

Plans write numbers in Arabic digits (``3家``, ``1.5万人``), in Chinese numerals (``三家``,
``十二``, ``一百零五``, ``两千亿``, years digit by digit as ``二〇二四``), mixed (``3千``,
``1.5万``), as shares (``百分之八``, ``千分之三``) and as ordinals (``第十二``).  The banking forms
(壹贰叁…拾佰仟) and the traditional 萬 億 兩 read as their ordinary forms.
:func:`chinese_number` reads a whole numeral, :func:`to_chinese` writes one, and
:func:`chinese_quantities` finds the quantities a text states in Chinese numerals (``三家``,
``百分之八``, ``两个百分点``, ``突破千亿元``) with their position, for the target reader.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

#: The digits, with 〇/○ (years: 二〇二四) and the banking forms.
DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4}
DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
DIGITS.update({"壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6})
DIGITS.update({"柒": 7, "捌": 8, "玖": 9})
#: The multipliers within a group of four digits.
SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: The multipliers of groups.
LARGE = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

#: The longest numeral read (九千九百九十九万九千九百九十九亿… has 31 characters): a longer run
#: of numeral characters is no number, and reading it would only take time.
MAX_LENGTH = 40

_ARABIC = re.compile(r"(?P<number>\d+(?:\.\d+)?)(?P<scale>[十百千万亿萬億]*)")


#: The banking forms and traditional 萬 億 兩 as the ordinary forms, one character for one.
_ORDINARY = str.maketrans(
    "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億兩〇○", "一二二三三四五六六七八九十百千万亿两零零"
)
_YI, _WAN, _THOUSAND, _TEN = 10**8, 10**4, 1000, 10


def _integer(text: str) -> int | None:
    """The value of a numeral written with multipliers (十二, 三千零五, 一万亿), or None."""
    text = text.translate(_ORDINARY)
    if "亿" in text:
        head, _, tail = text.rpartition("亿")
        return _join(_integer(head) if head not in SMALL else SMALL[head], tail, _YI)
    if "万" in text:
        head, _, tail = text.partition("万")
        return _join(_section(head, leading=True), tail, _WAN)
    return _section(text)


def _join(high: int | None, tail: str, scale: int) -> int | None:
    """*high* groups of *scale* and the numeral *tail* below them (一万零五, 一万五)."""
    if not high:
        return None
    if not tail:
        return high * scale
    if len(tail) == 1 and DIGITS.get(tail):
        return high * scale + DIGITS[tail] * scale // _TEN  # 一万五 is 15000
    rest = tail.removeprefix("零")
    low = _integer(rest) if scale == _YI else _section(rest)
    return None if low is None or low >= scale else high * scale + low


def _section(text: str, *, leading: bool = False) -> int | None:
    """A group below 10000 (三千零二十, 十二, 三百五); *leading*: 百 and 千 alone before 万."""
    value, digit, last, zero = 0, None, _WAN, False
    for index, char in enumerate(text):
        if char in DIGITS:
            if digit is not None:
                return None  # 二三: two digits in a row is no positional numeral
            zero = zero or DIGITS[char] == 0
            digit = DIGITS[char] or None
            continue
        scale = SMALL.get(char)
        implied = index == 0 and (scale == _TEN or leading)
        if scale is None or scale >= last or (digit is None and (zero or not implied)):
            return None
        value += (digit or 1) * scale
        digit, last, zero = None, scale, False
    if digit is None:
        return value if text else None
    return value + digit * (last // _TEN if not zero and _TEN < last < _WAN else 1)


def chinese_number(text: str) -> int | None:
    """The value of a whole Chinese numeral, or None when *text* is none.

    Positional numerals (十二, 一百零五, 两千亿, 一万五), numerals digit by digit (二〇二四),
    Arabic digits (``12``) and the banking forms; not decimals (see :func:`read_number`).

    >>> chinese_number("一百零五"), chinese_number("二〇二四"), chinese_number("十二")
    (105, 2024, 12)
    """
    if not text or len(text) > MAX_LENGTH:
        return None
    if text.isdecimal():
        return int(text)
    if all(char in DIGITS for char in text):
        if len(text) == 1:
            return DIGITS[text]
        return int("".join(str(DIGITS[char]) for char in text))
    return _integer(text)


def read_number(text: str) -> Decimal | None:
    """The value of a number as printed: Chinese, Arabic, mixed (1.5万, 3千) or decimal (八点五).

    >>> read_number("1.5万"), read_number("三点五"), read_number("3千")
    (Decimal('15000.0'), Decimal('3.5'), Decimal('3000'))
    """
    match = _ARABIC.fullmatch(text)
    if match:
        return _scaled(Decimal(match["number"]), match["scale"])
    whole, dot, fraction = text.partition("点")
    value = chinese_number(whole) if whole else None
    if value is None or (dot and (not fraction or any(c not in DIGITS for c in fraction))):
        return None
    digits = "".join(str(DIGITS[char]) for char in fraction)
    return Decimal(f"{value}.{digits}") if digits else Decimal(value)


def _scaled(value: Decimal, scale: str) -> Decimal | None:
    """*value* times the multipliers *scale* (3千, 1.5万, 3千万); None when they fall (3万千)."""
    scales = [SMALL.get(char) or LARGE[char] for char in scale]
    if any(low >= high for low, high in itertools.pairwise(scales)):
        return None
    for factor in scales:
        value *= factor
    return value


def ordinal(text: str) -> int | None:
    """The value of an ordinal (第十二 → 12, 第3 → 3), or None."""
    return chinese_number(text[1:]) if text.startswith("第") else None


_PLACES = "千百十"


def _group(number: int) -> str:
    """A group of four digits (1-9999) in Chinese, with 零 for the places it skips."""
    out: list[str] = []
    pending_zero = False
    for place, scale in zip(_PLACES, (1000, 100, 10), strict=True):
        digit = number // scale % 10
        if digit:
            if pending_zero and out:
                out.append("零")
            out.append("一二三四五六七八九"[digit - 1] + place)
            pending_zero = False
        else:
            pending_zero = True
    if number % 10:
        if pending_zero and out:
            out.append("零")
        out.append("一二三四五六七八九"[number % 10 - 1])
    return "".join(out)


def to_chinese(number: int) -> str:
    """*number* (0 or more) as a Chinese numeral (十二, 一百零五, 三万零二十, 一万亿).

    >>> to_chinese(105), to_chinese(12), to_chinese(10**12)
    ('一百零五', '十二', '一万亿')
    """
    if number < 0:
        raise ValueError(f"no Chinese numeral for a negative number: {number}")
    if number == 0:
        return "零"
    parts: list[str] = []
    high, low = divmod(number, 10**8)
    if high:
        parts.append(to_chinese(high) + "亿")
    wan, rest = divmod(low, 10**4)
    if wan:
        if high and wan < _THOUSAND:
            parts.append("零")
        parts.append(_group(wan) + "万")
    if rest:
        if (high or wan) and rest < _THOUSAND:
            parts.append("零")
        parts.append(_group(rest))
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


# --- quantities in Chinese numerals, for the target reader ---------------------------------

#: A numeral as the scanner reads it: ordinary digits and multipliers only (the banking forms
#: 伍 陆 拾 are also ordinary words: 队伍, 内陆, 收拾).
_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_SHARE = re.compile(
    r"(?P<per>百分之|千分之)(?P<number>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?"
    r"|\d+(?:\.\d+)?)"
)
_RANGE_JOIN = frozenset("至到-~")
#: Units a Chinese numeral does not count: time (三年行动), and words where a numeral and the
#: unit are a word or a set phrase (三分之一, 一级, 三期, 三位一体, 三方, 一批, 三类, 前三名).
_NOT_COUNTED = frozenset(
    {"年", "月", "个月", "天", "日", "小时", "周", "季度", "度", "分", "级", "期", "位", "方"}
    | {"口", "部", "批", "类", "名", "头", "处", "单", "本", "块"}
)
#: What a count in Chinese numerals follows when it is a target: a verb of doing or a
#: comparator (新增三家, 培育十二个, 不超过两次, 突破千亿元).  Elsewhere such numerals name
#: things (三个环节, 十五条硬措施, 十二届八次全会, 百亿元产值死亡率): targets print digits.
_VERBS = (
    r"(?:新增|新建|新培育|新引进|新开工|新认定|新创建|净增|增加|减少|培育|引进|招引|建成|创建|"
    r"创成|争创|打造|认定|完成|达到|达|突破|超过|不少于|不低于|不超过|不高于|低于|高于|至少|"
    r"最少|控制在|提高|提升|降低|下降|增长|开展|举办|改造|培训|设立)"
)
_TARGET_VERB = re.compile(rf"{_VERBS}(?:累计|共|再|各|约)?$")
#: 为十万职工, 惠及百万群众: a verb of serving before a count of the multiplier only; the
#: extractor reads it as a target only when the people served are named after it.
_SERVING = re.compile(r"(?:为|向|给|惠及|覆盖|帮助|服务|救助|资助)$")
#: 新增规上工业企业三家, 城镇新增就业两千人: the count closes a clause that has such a verb.
_VERB_IN = re.compile(_VERBS)
_CLAUSE_START = re.compile(r"[^,;。:!?()]*$")
_CLOSES = re.compile(r"(?:以上|以下|以内|左右|多|余)?(?:[,;。、)!?]|$)")
#: Before a lone 一, the words of a floor (至少一次): elsewhere 一 begins words (一批, 一流).
_FLOOR = re.compile(r"(?:至少|最少|不少于|不低于)[\u4e00-\u9fff]{0,4}$")


@dataclass(frozen=True)
class NumeralQuantity:
    """A quantity printed in Chinese numerals: where it stands and what it reads as."""

    #: Its span in the text searched (the numeral and the unit, as printed).
    start: int
    end: int
    #: The quantity in Arabic digits, as govplan.quantity.parse_quantity reads it (3家, 8%).
    arabic: str
    #: The unit as printed (家, %, 亿元).
    unit: str


@functools.cache
def _units() -> tuple[str, ...]:
    from govplan.quantity import known_units  # noqa: PLC0415 - pint only when text is read

    return tuple(sorted((u for u in known_units() if not u.isascii()), key=len, reverse=True))


def _unit_at(text: str, index: int) -> str:
    """The longest unit *text* has at *index*, if a numeral counts it ('' for none)."""
    for unit in _units():
        if text.startswith(unit, index):
            return "" if unit in _NOT_COUNTED else unit
    return ""


def _format(value: Decimal) -> str:
    return format(value.normalize(), "f")


#: Multipliers printed as the unit itself, the thing counted unsaid (新增就业七十万).
_BARE = frozenset({"万", "亿", "万亿"})


def _split(text: str, start: int, end: int) -> tuple[int, str] | None:
    """Where the numeral ``text[start:end]`` ends and its unit, preferring 亿元 over 亿 + 元.

    A trailing 万, 亿 or 千 that begins a known unit (亿元, 万人, 千瓦) belongs to the unit, as in
    the Arabic 210亿元.
    """
    first = end
    while first - 1 > start and text[first - 1] in "万亿千百":
        first -= 1
    for cut in range(first, end):  # the longest unit first: 66万千瓦 is 66 万千瓦
        unit = _unit_at(text, cut)
        # (a multiplier that is a unit of its own closes the numeral: 超过五千亿规模 is 5000 亿)
        if unit and (cut + len(unit) > end or (cut + len(unit) == end and unit in _BARE)):
            return cut, unit
    unit = _unit_at(text, end)
    return (end, unit) if unit else None


def _shares(text: str, start: int) -> Iterator[NumeralQuantity]:
    for match in _SHARE.finditer(text, start):
        number = match["number"]
        value = Decimal(100) if number == "百" else read_number(number)  # 百分之百 is 100%
        if value is None:
            continue
        unit = "%" if match["per"] == "百分之" else "‰"
        yield NumeralQuantity(match.start(), match.end(), f"{_format(value)}{unit}", unit)


#: Digits with Chinese multipliers the unit does not hold: 3千人, 3千万元 (not 1.5万人: 万人 is
#: a unit, read as printed).
_MIXED = re.compile(r"(?<![\d.])\d{1,16}(?:\.\d{1,8})?[十百千万亿]{1,4}")


def _mixed(text: str, start: int) -> Iterator[NumeralQuantity]:
    for match in _MIXED.finditer(text, start):
        begin, end = match.span()
        split = _split(text, begin, end)
        if split is None:
            continue
        cut, unit = split
        value = read_number(text[begin:cut])
        if value is None or text[cut - 1].isdigit():
            continue  # no multiplier left outside the unit: the digits' own reading
        yield NumeralQuantity(begin, cut + len(unit), f"{_format(value)}{unit}", unit)


def _count_at(text: str, begin: int, end: int) -> tuple[int, str, int] | None:
    """The numeral ``text[begin:end]`` as a count: its value, unit and where the unit ends."""
    numeral = text[begin:end]
    before = text[begin - 1] if begin else ""
    if (
        len(numeral) > MAX_LENGTH
        # an ordinal (第三家), a fraction (三分之一), the multiplier of digits (3千)
        or (before and (before in "第之." or before.isdigit()))
        or (numeral == "一" and not _FLOOR.search(text[max(0, begin - 8) : begin]))
    ):
        return None
    split = _split(text, begin, end)
    if split is None:
        return None
    cut, unit = split
    head = text[begin:cut]
    # 千亿元, 百万人: a lone 百 or 千 before a unit of 万 or 亿 is one hundred, one thousand.
    value = SMALL[head] if head in {"百", "千"} and text[cut] in LARGE else chinese_number(head)
    if value is None or (len(head) > 1 and all(c in DIGITS for c in head)):
        return None  # 三四个 (about three or four) and digit strings are no count
    after = cut + len(unit)
    if after < len(text) and text[after] in DIGITS:
        return None  # 三个一批, 两个一百年: a slogan
    return value, unit, after


def _follows_verb(text: str, first: int, after: int) -> bool:
    """Whether the count from *first* to *after* sets a target (see ``_TARGET_VERB``)."""
    if _TARGET_VERB.search(text[max(0, first - 6) : first]):
        return True
    clause = _CLAUSE_START.search(text[max(0, first - 40) : first])
    closes = _CLOSES.match(text, after)
    return clause is not None and closes is not None and bool(_VERB_IN.search(clause.group(0)))


def _counts(text: str, start: int) -> Iterator[NumeralQuantity]:
    runs = list(_RUN.finditer(text, start))
    for index, match in enumerate(runs):
        begin, end = match.span()
        count = _count_at(text, begin, end)
        if count is None:
            continue
        value, unit, after = count
        low = _range_low(text, begin, runs[index - 1] if index else None)
        first = begin if low is None else low[0]
        served = unit in {"万", "亿"} and _SERVING.search(text, max(0, first - 2), first)
        if not served and not _follows_verb(text, first, after):
            continue
        arabic = f"{value}{unit}" if low is None else f"{low[1]}-{value}{unit}"
        yield NumeralQuantity(first, after, arabic, unit)


def _range_low(text: str, begin: int, previous: re.Match[str] | None) -> tuple[int, int] | None:
    """三至五家: the low end of a range printed just before the numeral at *begin*."""
    if previous is None or previous.end() != begin - 1 or text[begin - 1] not in _RANGE_JOIN:
        return None
    value = chinese_number(previous.group(0))
    return None if value is None else (previous.start(), value)


def chinese_quantities(text: str, start: int = 0) -> list[NumeralQuantity]:
    """The quantities *text* states in Chinese numerals from *start* on, in text order.

    A numeral followed by a unit govplan knows (三家 → 3家, 两个百分点, 突破千亿元 → 1000亿元,
    三至五家 → 3-5家), shares (百分之八 → 8%, 千分之三 → 3‰), and digits with multipliers the
    unit does not hold (3千人 → 3000人, 3千万元 → 3000万元).  *text* is the folded text
    (govplan._text.fold).  Left out: ordinals (第三家), time spans (三年行动), set phrases
    whose unit is part of a word (一批, 三方, 三分之一), a lone 一 but in a floor (至少一次), and a
    numeral a slogan goes on with (三个一批); and a count that follows no verb of doing or
    comparator (三个环节, 十五条硬措施), which names a thing rather than sets a target.
    """
    found = list(_shares(text, start))
    taken = [(q.start, q.end) for q in found]
    found.extend(
        quantity
        for quantity in itertools.chain(_counts(text, start), _mixed(text, start))
        if not any(a < quantity.end and quantity.start < b for a, b in taken)
    )
    return sorted(found, key=lambda q: q.start)
