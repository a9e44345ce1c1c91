"""Sentence spans: where the sentences of a block begin and end."""

from __future__ import annotations

import re

from newsfacts.model import Block

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[^\W\d_])")
_ABBREVIATION = re.compile(r"(?:^|[\s.])[A-Z][a-z]{0,2}\.$")
_ABBREVIATION_MAX = 5  # characters in the longest match: only a sentence end's last ones
_OPENERS = re.compile(r"[\"“‘(]*")


def skip(run: re.Pattern[str], text: str, pos: int, end: int) -> int:
    """Where the run of ``run`` (a pattern that may match nothing) starting at ``pos`` ends."""
    m = run.match(text, pos, end)
    return m.end() if m else pos


def sentences(block: Block) -> list[tuple[int, int]]:
    """The sentence spans of a block, in document offsets."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(block.text):
        following = block.text[skip(_OPENERS, block.text, m.end(), len(block.text)) :][:1]
        end = m.start() + 1
        if not following.isupper() or _ABBREVIATION.search(
            block.text, max(0, end - _ABBREVIATION_MAX), end
        ):
            continue
        spans.append((block.start + start, block.start + m.start()))
        start = m.end()
    spans.append((block.start + start, block.end))
    return spans
