"""The one cattrs converter between plan documents (JSON-ready data) and the model."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from govplan import dates, model, org
from govplan._fields import is_extensions
from govplan._pointer import join
from govplan.dates import parse_date
from govplan.errors import DateError, Problem, QuantityError
from govplan.quantity import Quantity, QuantityRange, format_quantity, parse_quantity

__all__ = ["converter", "structure_errors"]


def _structure_decimal(value: Any, _type: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f'expected a number written as a string, such as "53000", found {value!r}')
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(f"expected a decimal number, found {value!r}") from exc


def _structure_date(value: Any, _type: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return parse_date(value)


def _structure_quantity(value: Any, _type: Any) -> Quantity:
    return Quantity.parse(value)


def _structure_target(value: Any, _type: Any) -> Quantity | QuantityRange:
    return parse_quantity(value)


def _unstructure_target(value: Quantity | QuantityRange | None) -> str | None:
    return None if value is None else format_quantity(value)


def _structure_docnum(value: Any, _type: Any) -> model.DocumentNumber:
    if not isinstance(value, str):
        raise TypeError(f"expected a document number string, found {value!r}")
    return model.DocumentNumber.parse(value)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    # StrEnum members are str too, and cattrs passes str subclasses through unchanged: make
    # them plain strings, or YAML would write them as tagged objects.
    for module in (model, org, dates):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, enum.Enum):
                conv.register_unstructure_hook(value, lambda member: member.value)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, lambda d: format(d, "f"))
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_structure_hook(Quantity, _structure_quantity)
    conv.register_unstructure_hook(Quantity, format_quantity)
    conv.register_structure_hook(Quantity | QuantityRange, _structure_target)
    conv.register_structure_hook(
        Quantity | QuantityRange | None,
        lambda value, _type: None if value is None else _structure_target(value, _type),
    )
    conv.register_unstructure_hook(Quantity | QuantityRange | None, _unstructure_target)
    conv.register_unstructure_hook(QuantityRange, format_quantity)
    conv.register_unstructure_hook(Quantity | QuantityRange, format_quantity)
    conv.register_structure_hook(model.DocumentNumber, _structure_docnum)
    conv.register_unstructure_hook(model.DocumentNumber, str)

    def is_model(cls: Any) -> bool:
        return attrs.has(cls) and cls not in {Quantity, QuantityRange, model.DocumentNumber}

    conv.register_structure_hook_factory(is_model, lambda cls: _structure_fn(conv, cls))
    conv.register_unstructure_hook_factory(is_model, lambda cls: _unstructure_fn(conv, cls))
    conv.register_structure_hook(org.Responsibility, _shared_responsibility(conv))
    return conv


#: Distinct (unit, role) pairs kept for sharing: a county's plans name a few hundred.
_SHARED_PAIRS = 4096


def _shared_responsibility(conv: cattrs.Converter) -> Any:
    """Structure a (unit, role) pair as one shared object per distinct pair.

    A plan names the same unit in the same role again and again (718 pairs of 179 distinct
    ones in one county plan); the objects are frozen, so equal ones can be one.
    """
    inner = _structure_fn(conv, org.Responsibility)

    @functools.lru_cache(maxsize=_SHARED_PAIRS)
    def shared(unit: str, role: str) -> org.Responsibility:
        return inner({"unit": unit, "role": role}, org.Responsibility)  # type: ignore[no-any-return]

    def structure(data: Any, _type: Any) -> org.Responsibility:
        if (
            isinstance(data, dict)
            and len(data) == 2  # noqa: PLR2004 - exactly unit and role, no extension fields
            and type(data.get("unit")) is str
            and type(data.get("role")) is str
        ):
            return shared(data["unit"], data["role"])
        return inner(data, org.Responsibility)  # type: ignore[no-any-return]

    return structure


def _extensions_field(cls: type) -> str | None:
    return next((a.name for a in attrs.fields(cls) if is_extensions(a)), None)


def _structure_fn(conv: cattrs.Converter, cls: type) -> Any:
    """Structure an element, setting its ``x_…`` keys aside as its extension fields."""
    name = _extensions_field(attrs.resolve_types(cls))
    overrides = {name: override(omit=True)} if name else {}
    make: Any = make_dict_structure_fn  # its **overrides are typed by position in cattrs
    inner = make(cls, conv, _cattrs_forbid_extra_keys=True, **overrides)
    if name is None:
        return inner

    def structure(data: Any, _type: Any) -> Any:
        if not isinstance(data, dict) or not any(_is_extension_key(k) for k in data):
            return inner(data, cls)
        fields = {k: v for k, v in data.items() if not _is_extension_key(k)}
        extra = {k: v for k, v in data.items() if _is_extension_key(k)}
        return attrs.evolve(inner(fields, cls), **{name: extra})

    return structure


def _unstructure_fn(conv: cattrs.Converter, cls: type) -> Any:
    """Unstructure an element, writing its extension fields back after its own."""
    name = _extensions_field(attrs.resolve_types(cls))
    overrides = {name: override(omit=True)} if name else {}
    make: Any = make_dict_unstructure_fn
    inner = make(cls, conv, _cattrs_omit_if_default=True, **overrides)
    if name is None:
        return inner

    def unstructure(value: Any) -> Any:
        data = inner(value)
        extra = getattr(value, name)
        if extra:
            data.update(extra)
        return data

    return unstructure


def _is_extension_key(key: object) -> bool:
    return isinstance(key, str) and key.startswith("x_")


#: The converter: ``converter.structure(data, Campaign)`` and ``converter.unstructure(campaign)``.
converter = _make_converter()


def _code_for(exc: BaseException) -> str:
    if isinstance(exc, (QuantityError, DateError)):
        return exc.code
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return "unknown-field"
    if isinstance(exc, KeyError):
        return "missing-field"
    if isinstance(exc, TypeError):
        return "wrong-type"
    return "invalid-value"


def _leaves(exc: BaseException, pointer: str) -> Iterator[tuple[str, BaseException]]:
    if isinstance(exc, BaseExceptionGroup):
        for sub in exc.exceptions:
            notes = getattr(sub, "__notes__", [])
            sub_pointer = pointer
            for note in notes:
                if isinstance(note, cattrs.AttributeValidationNote):
                    sub_pointer = join(pointer, note.name)
                elif isinstance(note, cattrs.IterableValidationNote):
                    sub_pointer = join(pointer, note.index)
            yield from _leaves(sub, sub_pointer)
    else:
        yield pointer, exc


def structure_errors(exc: BaseException) -> list[Problem]:
    """Turn cattrs' grouped structuring errors into problems with JSON pointers."""
    problems: list[Problem] = []
    for pointer, leaf in _leaves(exc, ""):
        if isinstance(leaf, cattrs.ForbiddenExtraKeysError):
            problems.extend(
                Problem(
                    code="unknown-field",
                    message=f"unknown field {key!r} in {leaf.cl.__name__}",
                    pointer=join(pointer, key),
                )
                for key in sorted(leaf.extra_fields)
            )
            continue
        where = pointer
        if isinstance(leaf, KeyError):
            message = f"missing required field {leaf.args[0]!r}"
            where = pointer.rpartition("/")[0]
        else:
            message = str(getattr(leaf, "message", None) or leaf)
        problems.append(Problem(code=_code_for(leaf), message=message, pointer=where))
    return problems
