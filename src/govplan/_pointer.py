"""RFC 6901 JSON pointers: ``/battles/0/groups/1`` with ``~0`` for ``~`` and ``~1`` for ``/``."""

from __future__ import annotations

import re

#: An array index as RFC 6901 spells it (no sign, no leading zero), short enough for any list.
_INDEX = re.compile(r"0|[1-9][0-9]{0,17}")

__all__ = ["array_index", "escape", "join", "split", "unescape"]


def escape(token: str | int) -> str:
    """Escape one reference token."""
    if isinstance(token, int):
        return str(token)
    if "~" in token or "/" in token:
        return token.replace("~", "~0").replace("/", "~1")
    return token


def unescape(token: str) -> str:
    """Undo :func:`escape`."""
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *tokens: str | int) -> str:
    """Append reference tokens to *pointer*.

    The checks join a pointer for every element they walk, so the common tokens (indices,
    names without ``~`` or ``/``) are appended without a call to :func:`escape`.
    """
    for token in tokens:
        if type(token) is int or (type(token) is str and "~" not in token and "/" not in token):
            pointer = f"{pointer}/{token}"
        else:
            pointer += "/" + escape(token)
    return pointer


def split(pointer: str) -> list[str]:
    """The unescaped reference tokens of *pointer* (``""`` gives ``[]``)."""
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"a JSON pointer starts with '/', found {pointer!r}")
    return [unescape(t) for t in pointer[1:].split("/")]


def array_index(token: str) -> int | None:
    """The list index *token* names, or None when it names none (``01``, ``-``, 4,000 digits)."""
    return int(token) if _INDEX.fullmatch(token) else None
