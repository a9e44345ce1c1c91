"""What the CRF taggers see of each token: crfsuite attribute names, built once per word.

The word and its shape, affixes, the words around it, its word cluster and its neighbours'
(``models/ner/clusters.py``: words used alike in the unlabelled news, shipped as
``models/clusters-<lang>.tsv.gz``), and what the rules say of it. The shipped taggers were
trained on exactly these attributes: a change here needs ``models/ner/train.py`` again.
"""

from __future__ import annotations

import gzip
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources

from newsfacts.entities import Mention
from newsfacts.text.tokens import fold_token

_OPENERS = frozenset('.!?:"“')  # a token after one of these starts a sentence
_EDGE = ("w-2:<edge>", "w-1:<edge>", "w+1:<edge>", "w+2:<edge>")


@cache
def clusters(lang: str) -> dict[str, tuple[str, str]]:
    """Each word's coarse and fine cluster (lower case; {} for a language without a file)."""
    path = resources.files("newsfacts") / "models" / f"clusters-{lang}.tsv.gz"
    if not path.is_file():
        return {}
    table: dict[str, tuple[str, str]] = {}
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        word, coarse, fine = line.split("\t")
        table[word] = (coarse, fine)
    return table


@lru_cache(maxsize=65536)  # words repeat: a document's names, every document's stop words
def shape(word: str) -> str:
    """``Xx``, ``X``, ``x``, ``d``, ``X.d``...: the word's classes of characters, runs joined."""
    out: list[str] = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:6]


WordFeatures = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=65536)
def _word_features(word: str, lang: str) -> WordFeatures:
    """The features a word gives its own token, and those it gives its
    neighbours (``w-2:``, ``w-1:``, ``w+1:``, ``w+2:``; ``shape-2:`` .. ``shape+2:``;
    ``c-1:``, ``c+1:``): built once per word, as the tagger's input is mostly the same words
    over and over."""
    low, kind = fold_token(word), shape(word)
    own = ["bias", f"w:{low}", f"shape:{kind}", f"suf3:{low[-3:]}", f"suf2:{low[-2:]}"]
    own.append(f"pre3:{low[:3]}")
    if word[:1].isupper():
        own.append("title")
    cluster = clusters(lang).get(word.lower())
    if cluster is not None:
        own += (f"c:{cluster[0]}", f"cf:{cluster[1]}")
    near = (f"w-2:{low}", f"w-1:{low}", f"w+1:{low}", f"w+2:{low}")
    shapes = (f"shape-2:{kind}", f"shape-1:{kind}", f"shape+1:{kind}", f"shape+2:{kind}")
    coarse = cluster[0] if cluster is not None else "-"
    return tuple(own), near, shapes, (f"c-1:{coarse}", f"c+1:{coarse}")


@lru_cache(maxsize=1024)  # a handful of tags: O, B-/I- of four labels, three strengths
def _rule_features(tag: str) -> tuple[str, str, str, str]:
    """A rule tag's features on its own token (two) and on the tokens before and after it."""
    label = tag.split(":")[0][2:] or "O"
    return f"rule:{tag}", f"rule.label:{label}", f"rule-1:{tag}", f"rule+1:{tag}"


def token_features(words: Sequence[str], rules: Sequence[str], lang: str) -> list[list[str]]:
    """The features of every token of a sequence, as crfsuite attribute names (``w:anwar``;
    a name alone weighs 1); ``rules`` is each token's rule tag (``B-ORG:3``, ``I-PER:2``,
    ``O``), ``lang`` the language whose clusters are read. Strings rather than dicts: the
    same attributes, tagged in two thirds the time."""
    n = len(words)
    # per word: own features, features as a neighbour (w-2, w-1, w+1, w+2), shape as a
    # neighbour (the same four positions), coarse cluster as a neighbour (-1, +1)
    cols = list(zip(*(_word_features(w, lang) for w in words), strict=True)) if words else []
    owns, near, shapes, cnear = cols if cols else ((),) * 4
    tags = [_rule_features(r) for r in rules]  # rule:, rule.label:, rule-1:, rule+1:
    feats: list[list[str]] = []
    for i, own in enumerate(owns):
        f = [
            *own,
            tags[i][0],
            tags[i][1],
            near[i - 2][0] if i >= 2 else _EDGE[0],
            near[i - 1][1] if i >= 1 else _EDGE[1],
            near[i + 1][2] if i + 1 < n else _EDGE[2],
            near[i + 2][3] if i + 2 < n else _EDGE[3],
        ]
        if i == 0 or words[i - 1] in _OPENERS:
            f.append("first")
        if i >= 2:
            f.append(shapes[i - 2][0])
        if i >= 1:
            f += (shapes[i - 1][1], tags[i - 1][2], cnear[i - 1][0])
        if i + 1 < n:
            f += (shapes[i + 1][2], tags[i + 1][3], cnear[i + 1][1])
        if i + 2 < n:
            f.append(shapes[i + 2][3])
        feats.append(f)
    return feats


def rule_tags(
    spans: Sequence[tuple[int, int]], mentions: Sequence[Mention], offset: int
) -> list[str]:
    """Each token's tag from the rule mentions (document offsets, ``offset`` the block's)."""
    tags = ["O"] * len(spans)
    starts = [s + offset for s, _ in spans]
    for m in mentions:
        k = bisect_left(starts, m.start)
        first = True
        while k < len(spans) and spans[k][1] + offset <= m.end:
            tags[k] = f"{'B' if first else 'I'}-{m.label}:{m.strength}"
            first = False
            k += 1
    return tags
