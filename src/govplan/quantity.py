"""Unit-aware, exact quantities: 21.78万亩, 2300万人次, 8%, 0.7个百分点, 3万元-5万元.

govplan keeps a quantity as the decimal number and the unit text the document printed, so that
formatting gives back the same text.  Arithmetic and conversion go through one pint registry
(:data:`registry`) whose units are defined in ``units.txt`` and which computes with
:class:`decimal.Decimal`, so 21.78万亩 converts to exactly 217800 亩.  A number is read with at most
:data:`MAX_DIGITS` digits and a unit text with at most :data:`MAX_UNIT_LENGTH` characters; the
arithmetic runs in a decimal context of its own, wide enough that sums and conversions of such
numbers are exact whatever context the caller has set.  Each counter (家, 所, 个 …)
is a dimension of its own, and ``%`` (a ratio) differs from 个百分点 (a difference of ratios):
adding across dimensions raises :class:`~govplan.UnitMismatchError`.

govplan's :class:`Quantity` is a small frozen value, not pint's ``Quantity``; ``.pint`` gives the
pint object when you need it.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import decimal
import functools
import importlib.resources
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TypeVar

import attrs
import pint

from govplan.errors import QuantityError, UnitMismatchError

__all__ = [
    "Quantity",
    "QuantityRange",
    "format_quantity",
    "known_units",
    "parse_quantity",
    "registry",
]


_N = TypeVar("_N", Decimal, Fraction)


def _registry_of(number: type[_N]) -> pint.UnitRegistry[_N]:
    """A fresh registry of ``units.txt`` whose magnitudes are *number* (Decimal, Fraction)."""
    reg: pint.UnitRegistry[_N] = pint.UnitRegistry(None, non_int_type=number, cache_folder=None)
    definitions = importlib.resources.files("govplan").joinpath("units.txt")
    with importlib.resources.as_file(definitions) as path:
        reg.load_definitions(str(path))
    return reg


def _load_registry() -> pint.UnitRegistry[Decimal]:
    return _registry_of(Decimal)


#: The one pint registry govplan uses; built from ``units.txt``, computing in Decimal.
registry: pint.UnitRegistry[Decimal] = _load_registry()

#: A number as the documents print it (also the schema's pattern).
NUMBER_PATTERN = r"[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
#: A unit text: words of CJK or Latin letters, % or ‰, joined by / or · (元/月·人).
#: Written with plain character ranges so that ECMA-262 validators read it the same way.
UNIT_PATTERN = r"[A-Za-z一-鿿%‰]+(?:[/·][A-Za-z一-鿿%‰]+)*"
_UNIT_RE = re.compile(rf"^{UNIT_PATTERN}$")

#: The most digits a quantity's number may have as printed, leading zeros aside (``1500``,
#: ``0.0015`` and ``15.00`` have 4): numbers of 28 digits (decimal's default precision) and
#: fewer are read, converted and added exactly; a longer one is refused (``invalid-quantity``).
MAX_DIGITS = 28
#: The most characters a unit text may have (the longest unit of ``units.txt`` has 4;
#: ``元/月·人`` has 5).  A longer text is refused before pint reads it: pint's parser takes
#: time quadratic in the length of what it reads.
MAX_UNIT_LENGTH = 32
#: Digits of the context quantities compute in: a sum or conversion of numbers of
#: :data:`MAX_DIGITS` digits, through the factors of ``units.txt`` (at most 亿 · 万 on either
#: side of a ``/``), is exact in it.  A :class:`Quantity` holds a number of at most this many
#: digits, so that its arithmetic never leaves the context.
_PRECISION = 4 * MAX_DIGITS
_CONTEXT = decimal.Context(
    prec=_PRECISION,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
#: Where an inexact result (a conversion through 1/24 天) is rounded: the default precision.
_ROUNDED = decimal.Context(prec=MAX_DIGITS, rounding=decimal.ROUND_HALF_EVEN)
_T = TypeVar("_T")


def _digits(value: Decimal) -> int:
    """How many digits *value* has written out in full, leading zeros aside (0.0015 has 4)."""
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # noqa: S101 - callers pass finite numbers only
    if exponent >= 0:
        return len(digits) + exponent if any(digits) else 1
    return max(len(digits), -exponent)


def _computing(operation: Callable[[], _T]) -> _T:
    """Run *operation* in govplan's decimal context; an arithmetic failure is a QuantityError."""
    with decimal.localcontext(_CONTEXT) as context:
        try:
            result = operation()
        except (ArithmeticError, ValueError) as exc:
            raise QuantityError(
                f"the arithmetic needs more than {_PRECISION} digits", code="invalid-quantity"
            ) from exc
        if isinstance(result, Decimal) and context.flags[decimal.Inexact]:
            return _ROUNDED.plus(result)  # type: ignore[return-value]
    return result


def _checked_value(value: object) -> Decimal:
    """A quantity's number as a Decimal; QuantityError if it is none or too long to compute with."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise QuantityError(f"expected a number, found {value!r}", code="invalid-quantity")
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError) as exc:
        raise QuantityError(f"expected a number, found {value!r}", code="invalid-quantity") from exc
    if not number.is_finite():
        raise QuantityError(f"expected a finite number, found {value!r}", code="invalid-quantity")
    if _digits(number) > _PRECISION:
        raise QuantityError(
            f"a number of {_digits(number)} digits is more than govplan computes with "
            f"({_PRECISION})",
            code="invalid-quantity",
        )
    return number


def _number_problem(value: Decimal) -> str | None:
    """Why *value* is no number a document can state (not finite, too many digits), or None."""
    if not value.is_finite():
        return f"expected a finite number, found {value}"
    digits = _digits(value)
    if digits > MAX_DIGITS:
        return (
            f"the number has {digits} digits, more than the {MAX_DIGITS} govplan reads exactly "
            "(is it a misprint?)"
        )
    return None


def _shown(text: str, limit: int = 48) -> str:
    """*text* quoted, cut to *limit* characters with the full length said (for messages)."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text)} characters)"


_QUANTITY_RE = re.compile(rf"^\s*(?P<value>{NUMBER_PATTERN})\s*(?P<unit>{UNIT_PATTERN})\s*$")
_RANGE_RE = re.compile(
    rf"^\s*(?P<low>{NUMBER_PATTERN})\s*(?:(?P<low_unit>{UNIT_PATTERN})\s*)?[-~～—–至到]\s*"
    rf"(?P<high>{NUMBER_PATTERN})\s*(?P<high_unit>{UNIT_PATTERN})\s*$"
)


@functools.lru_cache(maxsize=1024)
def _pint_unit(unit: str) -> pint.Unit:
    """The pint unit for a unit text, or QuantityError naming the unit."""
    if not isinstance(unit, str):
        raise QuantityError(f"expected a unit text such as '万亩', found {unit!r}")
    if len(unit) > MAX_UNIT_LENGTH:
        raise QuantityError(
            f"unit {_shown(unit)} is too long: no unit has more than {MAX_UNIT_LENGTH} "
            "characters (see docs/units.md for the units govplan reads)",
            text=unit,
            code="unknown-unit",
        )
    if not _UNIT_RE.match(unit):
        raise QuantityError(
            f"invalid unit {_shown(unit)}: expected letters, % or ‰, joined by / or ·",
            text=unit,
            code="unknown-unit",
        )
    try:
        numerator, slash, denominator = unit.partition("/")
        # 元/月·人 reads "yuan per month per person": · binds inside the denominator.
        expression = f"{numerator}/({denominator.replace('·', '*')})" if slash else unit
        return registry.parse_units(expression.replace("·", "*"))
    except (pint.errors.PintError, SyntaxError, ValueError, TypeError, AttributeError) as exc:
        raise QuantityError(
            f"unknown unit {unit!r} (see docs/units.md for the units govplan reads)",
            text=unit,
            code="unknown-unit",
        ) from exc


def known_units() -> list[str]:
    """Names and aliases of every unit in the registry, sorted (e.g. ``亿元``, ``个百分点``)."""
    names: set[str] = set()
    for name, definition in registry._units.items():  # noqa: SLF001 - pint has no public listing
        names.add(name)
        names.update(a for a in getattr(definition, "aliases", ()) if a)
        symbol = getattr(definition, "symbol", None)
        if symbol:
            names.add(symbol)
    names.discard("percent")
    names.discard("permille")
    return sorted(names)


def _format_decimal(value: Decimal) -> str:
    text = format(value, "f")
    return "0" if text in {"-0", "+0"} else text


@attrs.frozen(kw_only=True)
class Quantity:
    """An exact amount in a govplan unit, as a document prints it: ``Quantity.parse("21.78万亩")``.

    Equality is structural (same number, same unit text); use :meth:`same_amount` to compare
    across units.

    .. versionadded:: 0.1.0
    """

    #: The number exactly as printed (Decimal keeps "8.0" apart from "8"): finite, with at most
    #: 112 digits written out, the precision govplan computes in.
    value: Decimal = attrs.field(converter=_checked_value)
    #: The unit text as printed: ``万亩``, ``%``, ``个百分点``, ``元/人``.
    unit: str = attrs.field()

    @unit.validator
    def _check_unit(self, _attribute: attrs.Attribute[str], unit: str) -> None:
        _pint_unit(unit)

    @classmethod
    def parse(cls, text: str) -> Quantity:
        """Read ``"21.78万亩"``; raise :class:`~govplan.QuantityError` if it is not one quantity."""
        result = parse_quantity(text)
        if not isinstance(result, Quantity):
            raise QuantityError(f"expected one quantity, found the range {text!r}", text=text)
        return result

    @property
    def pint(self) -> pint.Quantity[Decimal]:
        """The same amount as a pint ``Quantity`` of :data:`registry`."""
        return registry.Quantity(self.value, _pint_unit(self.unit))

    @property
    def dimensionality(self) -> str:
        """The pint dimensionality, e.g. ``[area]`` or ``[count_5bb6]`` (家)."""
        return _dimensionality(self.unit)

    def is_compatible(self, other: Quantity | str) -> bool:
        """Whether this quantity converts to *other* (a quantity or a unit text)."""
        unit = other.unit if isinstance(other, Quantity) else other
        return _dimensionality(self.unit) == _dimensionality(unit)

    def to(self, unit: str) -> Quantity:
        """Convert exactly to *unit*: ``Quantity.parse("21.78万亩").to("亩")`` is 217800 亩."""
        target = _pint_unit(unit)
        if not self.is_compatible(unit):
            raise UnitMismatchError(
                f"cannot convert {self} ({self.dimensionality}) to {unit!r} "
                f"({target.dimensionality})",
                text=str(self),
            )
        return Quantity(value=_computing(lambda: _magnitude(self, target)), unit=unit)

    def same_amount(self, other: Quantity) -> bool:
        """Whether both are the same amount once converted (21.78万亩 and 217800亩 are)."""
        return self.is_compatible(other) and other.to(self.unit).value == self.value

    def __add__(self, other: object) -> Quantity:
        if not isinstance(other, Quantity):
            return NotImplemented
        if not self.is_compatible(other):
            raise UnitMismatchError(
                f"cannot add {other} ({other.dimensionality}) to {self} ({self.dimensionality})",
                text=f"{self} + {other}",
            )
        right = other.to(self.unit).value
        return Quantity(value=_computing(lambda: self.value + right), unit=self.unit)

    def __sub__(self, other: object) -> Quantity:
        if not isinstance(other, Quantity):
            return NotImplemented
        return self + Quantity(value=other.value.copy_negate(), unit=other.unit)

    def __str__(self) -> str:
        return format_quantity(self)


@functools.lru_cache(maxsize=1024)
def _dimensionality(unit: str) -> str:
    """The pint dimensionality of a unit text, formatted once per unit (pint's is slow)."""
    return str(_pint_unit(unit).dimensionality)


@functools.lru_cache(maxsize=4096)
def _factor(unit: str, target: pint.Unit) -> Decimal:
    """How many *target* one *unit* is: the number pint multiplies by to convert."""
    return Decimal(registry.Quantity(Decimal(1), _pint_unit(unit)).to(target).magnitude)


def _magnitude(quantity: Quantity, target: pint.Unit) -> Decimal:
    """The number of *quantity* in *target*: an integer without exponent, else normalised."""
    value = quantity.value * _factor(quantity.unit, target)
    if value == value.to_integral_value() and value.adjusted() < _PRECISION:
        return value.quantize(Decimal(1))
    return value.normalize()


@attrs.frozen(kw_only=True)
class QuantityRange:
    """A range such as ``3万元-5万元`` or ``2-3家`` (unit written once: ``unit_once``).

    .. versionadded:: 0.1.0
    """

    #: The lower end (``3万元`` of ``3万元-5万元``; ``2家`` of ``2-3家``).
    low: Quantity
    #: The upper end, never below the lower one.
    high: Quantity
    #: True when the document wrote the unit once, after the high end ("2-3家").
    unit_once: bool = False

    def __attrs_post_init__(self) -> None:
        if not self.low.is_compatible(self.high):
            raise UnitMismatchError(
                f"the ends of a range must be in the same dimension, found {self.low} and "
                f"{self.high}",
                text=format_quantity(self),
                # As a value in a file, such a range is no quantity at all.
                code="invalid-quantity",
            )
        if self.unit_once and self.low.unit != self.high.unit:
            raise QuantityError("a range written with one unit has the same unit at both ends")
        if self.low.to(self.high.unit).value > self.high.value:
            raise QuantityError(
                f"a range goes from low to high, found {self.low} > {self.high}",
                text=format_quantity(self),
            )

    @property
    def unit(self) -> str:
        """The unit of the high end (the one a reader sees last)."""
        return self.high.unit

    def __str__(self) -> str:
        return format_quantity(self)


def parse_quantity(text: str) -> Quantity | QuantityRange:
    """Read a quantity or a range as the documents print them.

    ``"21.78万亩"``, ``"8%"``, ``"0.7个百分点"`` give a :class:`Quantity`; ``"3万元-5万元"`` and
    ``"2-3家"`` give a :class:`QuantityRange`.  Raises :class:`~govplan.QuantityError` with the
    text and, for an unknown unit, code ``unknown-unit``; a number of more than
    :data:`MAX_DIGITS` digits or a unit of more than :data:`MAX_UNIT_LENGTH` characters is
    refused (``invalid-quantity``, ``unknown-unit``).

    .. versionadded:: 0.1.0
    """
    if not isinstance(text, str):
        raise QuantityError(f"expected a quantity text such as '8%', found {text!r}")
    match = _QUANTITY_RE.match(text)
    if match:
        return Quantity(value=_decimal(match["value"], text), unit=_unit(match["unit"], text))
    match = _RANGE_RE.match(text)
    if match:
        high_unit = _unit(match["high_unit"], text)
        low_unit = _unit(match["low_unit"], text) if match["low_unit"] else high_unit
        return QuantityRange(
            low=Quantity(value=_decimal(match["low"], text), unit=low_unit),
            high=Quantity(value=_decimal(match["high"], text), unit=high_unit),
            unit_once=not match["low_unit"],
        )
    raise QuantityError(
        f"{_shown(text)}: expected a number and a unit, such as '21.78万亩' or '3万元-5万元'",
        text=text,
    )


def _decimal(number: str, text: str) -> Decimal:
    """The number *number* of *text*; QuantityError if it has more than MAX_DIGITS digits."""
    try:
        value = Decimal(number)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise QuantityError(f"{_shown(text)}: invalid number", text=text) from exc
    problem = _number_problem(value)
    if problem:
        raise QuantityError(f"{_shown(text)}: {problem}", text=text, code="invalid-quantity")
    return value


def _unit(unit: str, text: str) -> str:
    """The unit text *unit* of *text*, checked; the error says the text first, the hint last."""
    try:
        _pint_unit(unit)
    except QuantityError as exc:
        raise QuantityError(f"{_shown(text)}: {exc.message}", text=text, code=exc.code) from exc
    return unit


def format_quantity(quantity: Quantity | QuantityRange) -> str:
    """Write a quantity back as printed: ``21.78万亩``, ``3万元-5万元``, ``2-3家``.

    .. versionadded:: 0.1.0
    """
    if isinstance(quantity, QuantityRange):
        low = (
            _format_decimal(quantity.low.value)
            if quantity.unit_once
            else format_quantity(quantity.low)
        )
        return f"{low}-{format_quantity(quantity.high)}"
    return f"{_format_decimal(quantity.value)}{quantity.unit}"
