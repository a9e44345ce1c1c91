"""Tokens and folding: the one tokenizer and the look-up keys every stage shares."""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
from functools import lru_cache

# Words, with inner hyphens and apostrophes (``Ma-lai-xi-a``, ``O'Brien``) but not a
# possessive ``'s``; ``a/l`` and ``a/p`` (Malay "son of"/"daughter of") are one token.
TOKEN = re.compile(
    r"[aA]/[lpLP](?![^\W_])"
    r"|[^\W\d_]+(?:-[^\W\d_]+)*(?:['’](?![sS](?![^\W\d_]))[^\W\d_]+)*"
    r"|\d+(?:[.,:/-]\d+)*"
    r"|\S"
)


def fold(text: str) -> str:
    """Lower case without diacritics: ``Trần Thanh Nhàn`` -> ``tran thanh nhan``."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Names repeat within and across documents, so the folded tokens are kept.
fold_token = lru_cache(maxsize=65536)(fold)


def norm(phrase: str) -> str:
    """A phrase as a look-up key: case folded, runs of white space as one space."""
    return " ".join(phrase.casefold().split())


# The same, as a ``re.split`` pattern: separators and tokens alternate, so their lengths give
# every offset without a Python step per token.
_SPLIT = re.compile(f"({TOKEN.pattern})")


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` for every word, number and punctuation mark.

    A lower-to-upper case change inside a word splits it: page furniture glues words
    (``Môi trườngBáo``) and the pieces are still one span when they join a name.
    """
    return list(zip(*token_columns(text), strict=True))


def token_columns(text: str) -> tuple[list[int], list[int], list[str]]:
    """:func:`tokenize` as three lists: starts, ends and tokens."""
    parts = _SPLIT.split(text)
    bounds = list(itertools.accumulate(map(len, parts)))
    starts, ends, words = bounds[0:-1:2], bounds[1::2], parts[1::2]
    # only a word in mixed case (neither lower, upper nor title case) can hold a case change;
    # most words are in lower case, and the first filter drops them without a Python step
    not_lower = itertools.compress(range(len(words)), map(operator.not_, map(str.islower, words)))
    mixed = [
        k
        for k in not_lower
        if words[k][0].isalpha() and not (words[k].isupper() or words[k].istitle())
    ]
    return _split_case_changes(starts, ends, words, mixed) if mixed else (starts, ends, words)


def _split_case_changes(
    starts: list[int], ends: list[int], words: list[str], mixed: list[int]
) -> tuple[list[int], list[int], list[str]]:
    """The columns with each of the ``mixed`` words cut where a lower-case letter is
    followed by a capital."""
    out: tuple[list[int], list[int], list[str]] = ([], [], [])
    done = 0
    for k in mixed:
        out[0].extend(starts[done:k])
        out[1].extend(ends[done:k])
        out[2].extend(words[done:k])
        word, start, cut = words[k], starts[k], 0
        for i in range(1, len(word)):
            if word[i].isupper() and word[i - 1].islower():
                out[0].append(start + cut)
                out[1].append(start + i)
                out[2].append(word[cut:i])
                cut = i
        out[0].append(start + cut)
        out[1].append(ends[k])
        out[2].append(word[cut:])
        done = k + 1
    out[0].extend(starts[done:])
    out[1].extend(ends[done:])
    out[2].extend(words[done:])
    return out
