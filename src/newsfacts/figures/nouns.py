"""The words after a number: counting words (classifiers), listed counted nouns and the
counted noun a quantity takes as its unit."""

from __future__ import annotations

import re

from newsfacts.figures.grammar import Grammar
from newsfacts.text.patterns import SPACE

Words = list[tuple[str, int]]

NEXT_WORD = re.compile(rf"{SPACE}{{1,3}}([^\W\d_]{{1,40}}(?:-[^\W\d_]{{1,40}})?)")
_WORD = r"([^\W\d_]{1,40}(?:-[^\W\d_]{1,40})?)"
_NEXT_WORDS = re.compile(
    rf"{SPACE}{{1,3}}{_WORD}(?:{SPACE}{{1,3}}{_WORD}(?:{SPACE}{{1,3}}{_WORD}(?:{SPACE}{{1,3}}{_WORD})?)?)?"
)


def counted_by_classifier(g: Grammar, found: Words) -> bool:
    """Whether a counting word, or a listed counted noun of up to three words, comes
    first in ``found`` (the words after a number)."""
    return bool(found) and (found[0][0] in g.classifiers or _phrase_at(g, found[:3], 0) is not None)


def next_words(g: Grammar, text: str, pos: int) -> Words:
    """Up to four words after ``pos`` (casefolded), each with where it ends; only the
    first when it can start no counting word, counted noun or connector, because then
    the others are never looked at."""
    first = NEXT_WORD.match(text, pos)
    if first is None:
        return []
    word = first.group(1).casefold()
    if word not in g.lead_words:
        return [(word, first.end())]
    m = _NEXT_WORDS.match(text, pos)
    assert m is not None  # it starts with NEXT_WORD
    return [(text[s:e].casefold(), e) for s, e in m.regs[1:] if s >= 0]


def noun(g: Grammar, found: Words, pos: int, vague: bool) -> tuple[str | None, int]:
    """The counted noun in ``found``, the words after a number at ``pos`` (skipping
    classifiers), and where it ends."""
    i = 0
    if vague and found and found[0][0] in g.connectors:
        i = 1
    phrase = _phrase_at(g, found, i)
    if phrase is not None:
        return phrase
    if i >= len(found):
        return None, pos
    word, word_end = found[i]
    mode = g.classifiers.get(word)
    if mode is not None:
        after = _phrase_at(g, found, i + 1)
        if after is not None:
            return after
        if mode == "any" and i + 1 < len(found) and _content(g, found[i + 1][0]):
            return found[i + 1]
        return word, word_end
    if not _content(g, word):
        return None, pos
    return word, word_end


def _content(g: Grammar, word: str) -> bool:
    # a range word is no noun either: 21 hingga 13 tahun (a fall, two figures) counts tahun
    return word not in g.function_words and word not in g.qualifiers and word not in g.joiners


def _phrase_at(g: Grammar, found: Words, i: int) -> tuple[str, int] | None:
    if i >= len(found):
        return None
    for parts in g.unit_phrases.get(found[i][0], ()):
        words = [w for w, _ in found[i : i + len(parts)]]
        if tuple(words) == parts:
            return " ".join(parts), found[i + len(parts) - 1][1]
    return None
