"""Extract a draft campaign from the text of a published plan.

``govplan.extract(text)`` reads a 总体方案 as it arrives from a web page copied to text (the
notice, headline objectives, battles and their attachments, groups, numbered tasks and items,
responsibility notes, targets, deadlines, task-decomposition and allocation tables) and returns a
schema-valid :class:`~govplan.Campaign` for a contributor to review and correct.  The other
kinds of the family (a battle's or field's own 实施方案, a 任务分解 or 责任分工方案, a 三年行动方案,
若干意见 and 实施细则, a 国民经济和社会发展计划) are read too: the kind comes from the title (else
the preamble or the structure), and a document without battles keeps its parts (一、 二、) as
the plan's top-level groups.

The extractor reads the language of these documents, never place names or line numbers.  Where
it is unsure (a parenthetical it cannot read, a table whose columns do not line up) it keeps the
text as printed and adds a review note to the element.  Text cut off mid-document gives a valid
partial campaign.

One private module per stage of the way the text travels:

- ``_text``: lines, the folded copy the patterns are matched on, joined paragraphs;
- ``_notice``: the title, 文号, dates, addressees and cited plans;
- ``_structure``: the layout (sections, battles and attachments, parts) and the document's
  kind, with ``_tasks`` (groups, numbered tasks and items in a section) and ``_tables``
  (task-decomposition and allocation tables, flattened one cell per line);
- ``_responsibilities``: the notes that say who leads, cooperates or is responsible;
- ``_indicators``: targets, and ``_deadlines``: deadlines;
- ``_organisation``: work teams and the leadership body (posts, members, office);
- ``_irregularities``: what the draft sees is irregular, proposed for review;
- ``_draft``: the campaign built from all of these.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from govplan._reader import refuse_surrogates
from govplan.dates import FIRST_YEAR, LAST_YEAR
from govplan.errors import DateError, LoadError
from govplan.extract._draft import MAX_INDICATORS as MAX_INDICATORS
from govplan.extract._draft import MAX_INLINE_ITEMS as MAX_INLINE_ITEMS
from govplan.extract._draft import MAX_MILESTONES as MAX_MILESTONES
from govplan.extract._draft import draft
from govplan.model import Campaign

__all__ = ["extract"]

#: The longest text :func:`extract` reads, in characters (8 Mi; the seed documents have about
#: 100 Ki).  A longer one is refused with a ``too-large`` :class:`~govplan.LoadError`.
MAX_TEXT_LENGTH = 8 * 1024 * 1024


def extract(text: str, *, source: str | None = None, year: int | None = None) -> Campaign:
    """Read a published plan's text into a draft :class:`~govplan.Campaign`.

    *source* names the file the text came from (kept in ``source.file`` and used for the draft's
    id).  *year* sets the plan year, against which deadlines such as 6月底前 are read; by
    default it is the year of the 文号, else of the signing date, else the year the text names
    most.  The result is schema-valid; review notes (``notes``) mark what the extractor was
    unsure of.

    >>> lines = ["某县实施“七大攻坚”总体方案", "一、攻坚目标", "——稳增长。地区生产总值增长6%。"]
    >>> plan = extract(chr(10).join(lines), year=2025)
    >>> plan.objectives[0].indicators[0].target
    Quantity(value=Decimal('6'), unit='%')

    Text that is no plan of any kind (no plan title, and no numbered parts or tasks in the words
    plans use) is refused with an :class:`~govplan.errors.ExtractError` saying what was looked
    for.  A text longer than :data:`MAX_TEXT_LENGTH` characters is refused with a ``too-large``
    :class:`~govplan.LoadError` naming *source*, a text holding a lone UTF-16 surrogate (which
    no plan file could hold) with an ``encoding`` one, and a *year* outside 1949-9999 with a
    :class:`~govplan.DateError`.  At most :data:`MAX_INDICATORS` targets,
    :data:`MAX_MILESTONES` deadlines and :data:`MAX_INLINE_ITEMS` inline sub-items are read from
    one text; a note on the element counts the rest, so that a draft's size follows the
    document's structure, not what one line repeats.

    .. versionadded:: 0.1.0
    """
    if len(text) > MAX_TEXT_LENGTH:
        raise LoadError(
            f"the document text has {len(text)} characters, more than the {MAX_TEXT_LENGTH} "
            "extract reads",
            source=source,
            code="too-large",
        )
    refuse_surrogates(text, source)
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateError(
            f"the plan year {year} is not one a plan can have ({FIRST_YEAR}-{LAST_YEAR})"
        )
    return draft(text, source=source, year=year)
