"""The language policy: which language's data applies to a block or a fact, in one place.

Language identification labels each block; the stages then read a block with some
language's words. The rules here say which language that is, so that every stage answers the
question the same way.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace

from newsfacts.model import Block

# Malay and Indonesian are close enough that one paragraph alone can look like either, while
# an outlet writes in one of them throughout: between the two, the document's language wins.
CLOSE: frozenset[str] = frozenset({"ms", "id"})


def close(a: str | None, b: str | None) -> bool:
    """Whether ``a`` and ``b`` are both languages of the close pair (or the same one)."""
    return a in CLOSE and b in CLOSE


def partners(code: str) -> list[str]:
    """The languages a block labelled ``code`` may really be in (the others of its close
    pair), whose data is read too."""
    return sorted(CLOSE - {code}) if code in CLOSE else []


def labelled_language(block_lang: str | None, doc_lang: str | None) -> str | None:
    """The language a block's figures are read and recorded in: its label, whatever it is
    (``other`` reads numbers as English does), else the document's."""
    return block_lang or doc_lang


def scanned_language(
    block_lang: str | None, doc_lang: str | None, known: Collection[str]
) -> str | None:
    """The language a block's dates are recorded in: its own when newsfacts reads it, else the
    document's (short blocks are often mislabelled)."""
    return block_lang if block_lang in known else doc_lang


def relabel(blocks: Sequence[Block], doc_lang: str | None) -> list[Block]:
    """The blocks, those that seem to be the other language of the close pair taking the
    document's (what their numbers, dates and names are then read by)."""
    if doc_lang not in CLOSE:
        return list(blocks)
    return [replace(b, lang=doc_lang) if b.lang in CLOSE else b for b in blocks]


def first_known(candidates: Iterable[str | None], known: Collection[str]) -> str | None:
    """The first of ``candidates`` that has data (is in ``known``), else None."""
    return next((c for c in candidates if c in known), None)


def cue_language(block: Block, doc_lang: str | None, known: Sequence[str], min_score: float) -> str:
    """The language whose cue words apply to a block: its own when detected with at least
    ``min_score``, else the document's, else English. Detectors confuse Malay and Indonesian,
    so between those two the document's language wins."""
    own = block.lang
    sure = (block.lang_score or 0.0) >= min_score
    if own is not None and own in known and sure and not close(own, doc_lang):
        return own
    return first_known((doc_lang, block.lang), known) or "en"
