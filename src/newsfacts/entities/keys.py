"""Keys across spellings: every mention in the document gets a key, one per real-world entity.

Mentions join when they are the same name up to diacritics (``Trần Thanh Nhàn`` / ``Tran
Thanh Nhan``) and abbreviations (``UBND``), when a short mention is part of a person's full
name (``Cik Nhan``), when an organisation is named without its legal form or with its first
words only (``YTL Corp Bhd`` / ``YTL Corp``, ``YTL Power International Bhd`` / ``YTL Power``),
and when a caption and its translation in the next caption name the same things in the same
order (``UBND tỉnh Lạng Sơn`` / ``Jawatankuasa Rakyat wilayah Lang Son``). Every mention then
carries all the spellings of its entity (``aliases``).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Sequence

from newsfacts.entities.lexicon import lexicon
from newsfacts.entities.view import Mention
from newsfacts.model import Block, EntityLabel
from newsfacts.text.tokens import tokenize

_LABEL_ORDER: tuple[EntityLabel, ...] = ("PER", "ORG", "LOC", "MISC")


class _Clusters:
    """Union-find over mention indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _normal(m: Mention) -> tuple[str, ...]:
    lex = lexicon(m.lang)
    out: list[str] = []
    for token in m.tokens:
        out.extend(lex.abbreviations.get(token, (token,)))
    if m.label == "ORG" and lex.legal_forms:
        return without_legal_forms(tuple(out), lex.legal_forms)
    return tuple(out)


def without_legal_forms(
    tokens: tuple[str, ...], forms: tuple[tuple[str, ...], ...]
) -> tuple[str, ...]:
    """An organisation's words less those of its legal form (``sdn bhd``, ``tbk``), so that
    ``YTL Corp Bhd`` and ``YTL Corp`` have one key; the words themselves if nothing else."""
    kept: list[str] = []
    i = 0
    while i < len(tokens):
        form = next((f for f in forms if tokens[i : i + len(f)] == f), None)
        if form is None:
            kept.append(tokens[i])
            i += 1
        else:
            i += len(form)
    return tuple(kept) or tokens


def assign_keys(text: str, blocks: Sequence[Block], mentions: list[Mention]) -> list[Mention]:
    """Give every mention its entity's label, canonical name and key (in place)."""
    n = len(mentions)
    clusters = _Clusters(n)
    normals = [_normal(m) for m in mentions]
    first: dict[tuple[str, ...], int] = {}
    for idx, norm in enumerate(normals):
        clusters.union(first.setdefault(norm, idx), idx)
    _link_captions(blocks, mentions, clusters)
    _link_acronyms(text, mentions, normals, clusters)
    _link_partial_names(mentions, normals, clusters)
    _link_short_organisations(mentions, normals, clusters)
    _link_headed_names(text, mentions, normals, clusters)

    members: dict[int, list[int]] = {}
    for idx in range(n):
        members.setdefault(clusters.find(idx), []).append(idx)
    for group in members.values():
        score = dict.fromkeys(_LABEL_ORDER, 0)
        for idx in group:
            score[mentions[idx].label] += mentions[idx].strength ** 2
        label = max(_LABEL_ORDER, key=lambda lab: score[lab])
        best = max(
            group,
            key=lambda idx: (
                len(mentions[idx].tokens),
                not text[mentions[idx].start : mentions[idx].end].isascii(),
                -idx,
            ),
        )
        canonical = text[mentions[best].start : mentions[best].end]
        key = f"{label}:{'-'.join(normals[best])}"
        strength = max(mentions[idx].strength for idx in group)
        aliases = tuple(dict.fromkeys(text[mentions[i].start : mentions[i].end] for i in group))
        for idx in group:
            m = mentions[idx]
            m.label, m.canonical, m.key, m.strength = label, canonical, key, strength
            m.aliases = aliases
    return mentions


def _link_short_organisations(
    mentions: list[Mention], normals: list[tuple[str, ...]], clusters: _Clusters
) -> None:
    """``YTL Power`` after ``YTL Power International Bhd``: an organisation of two words or
    more that begins an earlier, longer organisation's name joins the nearest such one."""
    longer: dict[tuple[str, ...], int] = {}  # a name's first words -> the latest mention
    for idx, m in enumerate(mentions):
        if m.label != "ORG":
            continue
        name = normals[idx]
        if len(name) >= 2 and name in longer:
            clusters.union(idx, longer[name])
        for n in range(2, len(name)):
            longer[name[:n]] = idx


def _link_headed_names(
    text: str, mentions: list[Mention], normals: list[tuple[str, ...]], clusters: _Clusters
) -> None:
    """``Vietcombank`` and ``Ngân hàng Vietcombank``: an organisation named by one word joins
    the organisation named by a head word (``org_heads``) and that one word (not by more:
    ``Ngân hàng Quân đội`` is no ``Quân đội``)."""
    single = {
        normals[i][0]: i
        for i, m in enumerate(mentions)
        if m.label == "ORG" and len(normals[i]) == 1
    }
    for idx, m in enumerate(mentions):
        if m.label != "ORG" or len(normals[idx]) < 2 or normals[idx][-1] not in single:
            continue
        words = [w for _, _, w in tokenize(text[m.start : m.end]) if w[0].isalnum()]
        if lexicon(m.lang).is_phrase(words[:-1], "org_heads"):
            clusters.union(idx, single[normals[idx][-1]])


def _link_captions(blocks: Sequence[Block], mentions: list[Mention], clusters: _Clusters) -> None:
    """A caption followed by its translation names the same entities in the same order:
    pair them label by label when both captions name as many of that label."""
    by_block: dict[int, list[int]] = {}
    for idx, m in enumerate(mentions):
        by_block.setdefault(m.block, []).append(idx)
    content = [b for b in blocks if b.kind != "boilerplate"]
    for a, b in itertools.pairwise(content):
        if a.kind != "caption" or b.kind != "caption" or a.lang == b.lang:
            continue
        for label in _LABEL_ORDER:
            left = [i for i in by_block.get(a.i, ()) if mentions[i].label == label]
            right = [i for i in by_block.get(b.i, ()) if mentions[i].label == label]
            if len(left) == len(right):
                for x, y in zip(left, right, strict=True):
                    clusters.union(x, y)


def _link_acronyms(
    text: str, mentions: list[Mention], normals: list[tuple[str, ...]], clusters: _Clusters
) -> None:
    """``Polis Diraja Malaysia (PDRM)``: a name and the acronym in brackets after it; and an
    acronym elsewhere whose letters are the initials of an organisation's name."""
    orgs = [i for i, m in enumerate(mentions) if m.label == "ORG"]
    for idx in range(len(mentions) - 1):
        x, y = mentions[idx], mentions[idx + 1]
        between = text[x.end : y.start].strip()
        if between == "(" and text[y.end : y.end + 1] == ")" and len(y.tokens) == 1:
            clusters.union(idx, idx + 1)
    initials = {"".join(t[0] for t in normals[i] if len(t) > 2): i for i in orgs}
    for i in orgs:
        if len(mentions[i].tokens) == 1 and mentions[i].tokens[0] in initials:
            clusters.union(i, initials[mentions[i].tokens[0]])


def _link_partial_names(
    mentions: list[Mention], normals: list[tuple[str, ...]], clusters: _Clusters
) -> None:
    """``Cik Nhan`` or ``Nhan`` after ``Tran Thanh Nhan``: a shorter mention whose words are
    all in one person's longer name joins it (the nearest earlier one if several fit).

    A long article repeats the same few names thousands of times, so people are grouped by
    name: a mention is compared with each distinct name once, not with every mention of it.
    """
    by_name: dict[tuple[frozenset[str], int], list[int]] = {}
    for i, m in enumerate(mentions):
        if m.label == "PER":
            by_name.setdefault((frozenset(normals[i]), len(normals[i])), []).append(i)
    # One mention per cluster each name was in: clusters only merge later, so the current
    # roots of these are the current roots of every mention of the name.
    reps = {
        key: list({clusters.find(i): i for i in indices}.values())
        for key, indices in by_name.items()
    }
    names_with: dict[str, set[tuple[frozenset[str], int]]] = {}
    for key in by_name:
        for word in key[0]:
            names_with.setdefault(word, set()).add(key)
    for idx, m in enumerate(mentions):
        # a guess, or a city that may be a surname (``Lincoln`` after ``Abraham Lincoln``)
        if m.label not in ("PER", "MISC") and not (m.label == "LOC" and m.strength < 3):
            continue
        words = set(normals[idx])
        keys = (
            set(by_name)
            if not words
            else set.intersection(*(names_with.get(w, set()) for w in words))
        )
        keys = {key for key in keys if key[1] > len(words)}
        if not keys:
            continue
        roots = {clusters.find(r) for key in keys for r in reps[key]}
        if len(roots) == 1:
            clusters.union(idx, min(by_name[key][0] for key in keys))
            continue
        earlier = [
            by_name[key][pos - 1] for key in keys if (pos := bisect_left(by_name[key], idx)) > 0
        ]
        if earlier:
            clusters.union(idx, max(earlier))
