"""Text folding shared by the checks, the upgrader and the extractor.

The documents reach govplan as web pages copied to text: ASCII or full-width punctuation, stray
spaces, markdown ``*`` markers, now and then traditional characters.  :func:`fold` and
:func:`squeeze` make two printings of the same words compare equal; the core (checks, upgrade,
the reading rules) and the extractor use this one copy.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import unicodedata

# Full-width ASCII forms (！ to ～) to ASCII, ideographic and no-break spaces to a space.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x200B: 0x20})
_FOLD.update({ord("﹙"): ord("("), ord("﹚"): ord(")"), ord("︰"): ord(":")})
# Small form variants (﹐ ﹑ ﹔ ﹕ …) as their ordinary forms, one character for one.
_FOLD.update(
    {
        code: ord(unicodedata.normalize("NFKC", chr(code)))
        for code in range(0xFE50, 0xFE6C)
        if len(unicodedata.normalize("NFKC", chr(code))) == 1
    }
)
# Corner brackets, the quotation marks of traditional printings, as the mainland's quotes.
_FOLD.update({ord("「"): ord("“"), ord("」"): ord("”"), ord("『"): ord("‘"), ord("』"): ord("’")})

_CHARMAP = "ts-characters.txt"


@functools.cache
def traditional_pairs() -> dict[str, str]:
    """Traditional characters and their simplified forms, one for one (``data/ts-characters.txt``).

    The map is generated from OpenCC's TSCharacters dictionary by ``scripts/build_charmap.py``
    (never typed in); read once.
    """
    table = importlib.resources.files("govplan").joinpath("data").joinpath(_CHARMAP)
    pairs: dict[str, str] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("\t")
            pairs[key] = value
    return pairs


@functools.cache
def _table() -> dict[int, int]:
    table = dict(_FOLD)
    table.update({ord(key): ord(value) for key, value in traditional_pairs().items()})
    return table


_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Map full-width punctuation to ASCII and traditional characters to simplified.

    One character for one, so that a position in the folded text is the same position in the
    text as printed.  Simplified text keeps its characters.
    """
    return text.translate(_table())


def squeeze(text: str) -> str:
    """The folded text without ``*`` markers and without whitespace (for comparing)."""
    return _SPACE.sub("", fold(text).replace("*", ""))
