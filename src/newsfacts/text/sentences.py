"""Sentence spans: where the sentences of a block begin and end."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from newsfacts.model import Block, Fact

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[^\W\d_])")
_ABBREVIATION = re.compile(r"(?:^|[\s.])[A-Z][a-z]{0,2}\.$")
_ABBREVIATION_MAX = 5  # characters in the longest match: only a sentence end's last ones
_OPENERS = re.compile(r"[\"“‘(]*")


def skip(run: re.Pattern[str], text: str, pos: int, end: int) -> int:
    """Where the run of ``run`` (a pattern that may match nothing) starting at ``pos`` ends."""
    m = run.match(text, pos, end)
    return m.end() if m else pos


def sentences(block: Block, *, closed: bool = False) -> list[tuple[int, int]]:
    """The sentence spans of a block, in document offsets: each ends before its final stop,
    or, ``closed``, after it and any closing quote or bracket."""
    return [(block.start + s, block.start + e) for s, e in text_sentences(block.text, closed)]


def text_sentences(text: str, closed: bool = False) -> list[tuple[int, int]]:
    """:func:`sentences` of a text, in its own offsets."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        k = skip(_OPENERS, text, m.end(), len(text))
        following = text[k : k + 1]  # not ``text[k:]``: a copy of the rest at every stop
        end = m.start() + 1
        if not following.isupper() or _ABBREVIATION.search(
            text, max(0, end - _ABBREVIATION_MAX), end
        ):
            continue
        stop = m.start() + len(m.group().rstrip()) if closed else m.start()
        spans.append((start, stop))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def with_sentences(facts: Sequence[Fact], blocks: Sequence[Block]) -> list[Fact]:
    """The facts with the (closed) span of the sentence each is in; one that crosses a
    sentence end gets the sentences it spans."""
    spans = {block.i: sentences(block, closed=True) for block in blocks}
    ends_of = {i: [end for _, end in found] for i, found in spans.items()}
    out = []
    for fact in facts:
        found = spans.get(fact.block)
        if not found:
            out.append(fact)
            continue
        ends = ends_of[fact.block]
        first = min(bisect_left(ends, fact.start + 1), len(found) - 1)
        last = min(bisect_left(ends, fact.end), len(found) - 1)
        out.append(replace(fact, sentence=(found[first][0], found[last][1])))
    return out
