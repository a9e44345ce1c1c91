"""Word lists turned into regular expressions: the one builder every stage uses.

Per-language words are data (``lang/<code>/``); the stages match them with patterns built
here, so that inner spaces, case and the order of alternatives are handled one way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

# The spaces news text puts between the words of a phrase or a number and its unit.
SPACE = "[ \u00a0\u202f]"
SPACES = " \u00a0\u202f"


def alternation(words: Iterable[str], *, ignore_case: bool = True, space: str = f"{SPACE}+") -> str:
    """An alternation of the words as a prefix tree (:func:`trie`), longer words first
    (``suku tahun`` before ``suku``), each run of inner spaces matching ``space`` (by default
    any run of the spaces news prints); by default for use inside ``(?i:...)``. With no words,
    a pattern that never matches."""
    phrases = {" ".join(w.split()) for w in words}
    return trie(phrases, ignore_case=ignore_case, space=space) or "(?!)"


def caseless(words: Iterable[str], *, space: str = f"{SPACE}+") -> str:
    """An alternation of the words in any case, for use without ``(?i)``: each letter is a
    class of its two cases (``[dD]``). The regex engine skips a branch that starts with a
    class or a plain character after one test, but fully enters one that starts with a
    case-insensitive character, so a long list of words (every currency name) is several
    times faster matched this way. With no words, a pattern that never matches."""
    phrases = {" ".join(w.casefold().split()) for w in words}
    return trie(phrases, space=space, letter=_both_cases) or "(?!)"


def _both_cases(ch: str) -> str:
    upper = ch.upper()
    if len(upper) == 1 and upper != ch:
        return f"[{ch}{upper}]"
    return re.escape(ch)


def trie(
    words: Iterable[str],
    *,
    ignore_case: bool = False,
    space: str = f"{SPACE}+",
    letter: Callable[[str], str] = re.escape,
) -> str:
    """An alternation as a prefix tree (``b(?:a|ốn)``): the regex engine then rejects a
    position after one character test instead of one per word, which keeps the scan fast.

    Where words share a prefix, the longer is tried first, as in a longest-first alternation.
    That needs sibling branches that cannot match the same character, which ``ignore_case``
    (a tree for case-insensitive matching) checks: a few letters fold together (``i``, ``ı``).
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        chars = sorted(ch for ch in node if ch)
        if ignore_case:
            for i, a in enumerate(chars):
                if any(re.fullmatch(f"(?i:{re.escape(a)})", b) for b in chars[i + 1 :]):
                    raise ValueError(f"{a!r} and another letter fold together")
        alts = [(space if ch == " " else letter(ch)) + build(node[ch]) for ch in chars]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return build(root)


def cased(words: Iterable[str]) -> set[str]:
    """Each word as written in lower case, Capitalised and in CAPITALS."""
    return {v for w in words for v in (w, w[:1].upper() + w[1:], w.upper())}
