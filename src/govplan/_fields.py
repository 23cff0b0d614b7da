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
