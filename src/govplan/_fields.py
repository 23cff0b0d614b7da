"""attrs field helpers that carry the schema text beside the field (one source of truth)."""

from __future__ import annotations

from typing import Any

import attrs

_NOTHING: Any = attrs.NOTHING


def field(
    description: str,
    *,
    default: Any = _NOTHING,
    factory: Any = None,
    examples: list[Any] | None = None,
    pattern: str | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
    min_length: int | None = None,
    validator: Any = None,
    converter: Any = None,
) -> Any:
    """An attrs field whose metadata becomes its JSON Schema annotations."""
    metadata: dict[str, Any] = {"description": description}
    if examples is not None:
        metadata["examples"] = examples
    if pattern is not None:
        metadata["pattern"] = pattern
    if minimum is not None:
        metadata["minimum"] = minimum
    if maximum is not None:
        metadata["maximum"] = maximum
    if min_length is not None:
        metadata["min_length"] = min_length
    kwargs: dict[str, Any] = {"metadata": metadata}
    if validator is not None:
        kwargs["validator"] = validator
    if converter is not None:
        kwargs["converter"] = converter
    if factory is not None:
        return attrs.field(factory=factory, **kwargs)
    return attrs.field(default=default, **kwargs)


def tuple_of(description: str, **kwargs: Any) -> Any:
    """A list-valued field, stored as a tuple (frozen models), empty by default."""
    return field(description, factory=tuple, converter=tuple, **kwargs)


#: Keys of a plan file that name an extension field: ``x_`` and a lowercase name.
EXTENSION_KEY = r"^x_[a-z0-9]+(?:_[a-z0-9]+)*$"


def extensions() -> Any:
    """The element's ``x_…`` extension fields, kept as read and written back.

    Publishers add their own data under ``x_`` keys (``x_source_page: 3``); govplan keeps them,
    reports them as info and never interprets them.  Not a schema property: the schema admits
    them through ``patternProperties``.
    """
    return attrs.field(factory=_no_extensions, hash=False, metadata={"extensions": True})


class _NoExtensions(dict[str, Any]):
    """The extension fields of an element that has none: one empty mapping, shared, unfillable.

    Most elements have no extension fields; one empty dict each would hold more memory than
    many of the elements themselves (a fifth of a loaded plan).  Give an element extension
    fields with ``attrs.evolve(element, extensions={...})``.
    """

    __slots__ = ()

    def _refuse(self, *_args: object, **_kwargs: object) -> Any:
        raise TypeError(
            "an element's empty extensions are shared: give it a dict of its own with "
            "attrs.evolve(element, extensions={...})"
        )

    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = _refuse
    __ior__ = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (_no_extensions, ())

    def __copy__(self) -> _NoExtensions:
        return self

    def __deepcopy__(self, _memo: object) -> _NoExtensions:
        return self


_NO_EXTENSIONS = _NoExtensions()


def _no_extensions() -> dict[str, Any]:
    return _NO_EXTENSIONS


def is_extensions(attribute: attrs.Attribute[Any]) -> bool:
    """Whether *attribute* is an element's extension fields (see :func:`extensions`)."""
    return bool(attribute.metadata.get("extensions"))
