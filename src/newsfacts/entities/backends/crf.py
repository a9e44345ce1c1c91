"""Entities from the project's own CRF taggers, one per language, shipped in the package.

A linear-chain CRF (python-crfsuite) over the project's tokens labels each token ``B-``/``I-``
PER, ORG, LOC or MISC, or ``O``. Its features (``features.py``) are the word and its shape,
affixes, the words around it, word clusters, and what the rules say of it: the label and
strength of the rule mention the token is in (cue words, head words, gazetteer entries,
capitalised runs), so the rules are evidence the model weighs, not the only source.
``models/ner/train.py`` trains the taggers (``models/ner/MODEL_CARD.md``: data, features,
scores). All four languages have their own; one without (or whose ``models_dir`` lacks it)
uses its closest language's tagger (``FALLBACK``) or else the rules' mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from newsfacts.entities import Mention, block_language, find_mentions, lexicon
from newsfacts.entities.backends.base import (
    Span,
    StatisticalBackend,
    merge,
    missing_extra,
    to_mention,
)
from newsfacts.entities.backends.features import rule_tags, token_features
from newsfacts.entities.lexicon import PERSON_CUES, phrase_tokens
from newsfacts.guard import checkpoint
from newsfacts.model import Block, Context
from newsfacts.settings import DEFAULTS, Settings
from newsfacts.text.tokens import tokenize

FALLBACK = {"id": "ms"}  # a language with no tagger of its own uses this one's
# The least probability (crfsuite's marginal) of every token's label for a tagged name to be
# kept, per shipped tagger: the bar of 0.3 to 0.8 with the best F1 on the dev split
# (models/ner/MODEL_CARD.md; English on its two sets together).
MIN_CONFIDENCE = {"ms": 0.6, "vi": 0.7, "id": 0.5, "en": 0.5}
_LABELS: frozenset[str] = frozenset({"PER", "ORG", "LOC", "MISC"})


@dataclass(frozen=True, slots=True)
class TaggerInput:
    """One block as the tagger sees it: token offsets in the block, and their features (and
    the rules' mentions, which are the answer where a language has no tagger)."""

    block: Block
    lang: str
    spans: list[tuple[int, int]]
    features: list[list[str]]
    rules: list[Mention]


def decode(spans: Sequence[tuple[int, int]], labels: Sequence[str]) -> list[Span]:
    """Entity spans (block offsets) from BIO labels; an ``I-`` that continues nothing opens."""
    out: list[Span] = []
    current: list[Any] | None = None
    for (start, end), tag in zip(spans, labels, strict=True):
        kind = tag[2:]
        if tag.startswith("I-") and current is not None and current[2] == kind:
            current[1] = end
        elif kind in _LABELS:
            current = [start, end, kind]
            out.append((start, end, kind, 1.0))  # type: ignore[arg-type]
            continue
        else:
            current = None
            continue
        out[-1] = (current[0], current[1], current[2], 1.0)
    return out


def refine(spans: list[Span], text: str, lang: str) -> list[Span]:
    """What the rules know for certain, applied to the tagger's spans: titles and roles stay
    outside a person's name (``Saksi Muthu a/l Ramasamy``: ``Muthu a/l Ramasamy``), a person's
    name goes on across a connector (``Ahmad Zahid bin Hamidi``), and a day, a month or another
    word the data says is no name (``not_names``) is no entity."""
    out: list[Span] = []
    for span in spans:
        if span[2] == "PER":
            name_start = _after_titles(text, span[0], span[1], lang)
            if name_start is None:
                continue  # a title or role alone is nobody's name
            span = (name_start, *span[1:])
        start, end, label, score = span
        if out and label == "PER" and out[-1][2] == "PER":
            gap = text[out[-1][1] : start].strip().lower()
            if gap in lexicon(lang).person_connectors:
                out[-1] = (out[-1][0], end, label, score)
                continue
        out.append(span)
    return [s for s in out if phrase_tokens(text[s[0] : s[1]]) not in _not_names(lang)]


def _after_titles(text: str, start: int, end: int, lang: str) -> int | None:
    """Where a person's name starts once the titles and roles before it are left out (None
    if nothing else is left)."""
    tokens = tokenize(text[start:end])
    lows = [t[2].lower() for t in tokens]
    caps = [t[2][:1].isupper() for t in tokens]
    i = 0
    while i < len(tokens):
        phrase = lexicon(lang).phrase_at(lows, caps, i)
        if phrase is None or phrase.kinds.isdisjoint(PERSON_CUES):
            return start + tokens[i][0]
        i += len(phrase.tokens)
    return None


@cache
def _not_names(lang: str) -> frozenset[tuple[str, ...]]:
    return frozenset(
        p.tokens
        for phrases in lexicon(lang).phrases.values()
        for p in phrases
        if "not_names" in p.kinds
    )


class CrfEntities(StatisticalBackend):
    """The shipped CRF taggers (``models_dir``: a folder of ``ner-<lang>.crfsuite`` files to
    use instead, trained by ``models/ner/train.py`` on the same features, the shipped word
    clusters included; ``min_confidence``: the least probability of each token's label for a
    name to be kept, instead of each shipped tagger's own)."""

    name = "newsfacts.entities.crf/1"

    def __init__(
        self,
        models_dir: str | None = None,
        *,
        min_confidence: float | None = None,
        settings: Settings = DEFAULTS,
    ) -> None:
        self.use_settings(settings)
        # None: each shipped tagger's own (MIN_CONFIDENCE); taggers of a models_dir keep all
        self.min_confidence = min_confidence
        try:
            import pycrfsuite
        except ImportError as exc:
            raise missing_extra("crf", "python-crfsuite") from exc
        self._crfsuite = pycrfsuite
        self._dir = models_dir
        self._taggers: dict[str, tuple[str, Any | None]] = {}

    def tagger(self, lang: str) -> Any | None:
        """The tagger of a language (or of its fallback), loaded once; None if there is none."""
        return self._load(lang)[1]

    def tagger_language(self, lang: str) -> str:
        """The language whose tagger tags ``lang`` (its fallback's where it has none)."""
        return self._load(lang)[0]

    def _load(self, lang: str) -> tuple[str, Any | None]:
        if lang not in self._taggers:
            self._taggers[lang] = (lang, None)
            for code in (lang, FALLBACK.get(lang)):
                path = self._path(code) if code else None
                if code and path is not None:
                    tagger = self._crfsuite.Tagger()
                    tagger.open(path)
                    self._taggers[lang] = (code, tagger)
                    break
        return self._taggers[lang]

    def _path(self, lang: str) -> str | None:
        if self._dir is not None:
            path = Path(self._dir) / f"ner-{lang}.crfsuite"
        else:
            path = Path(str(resources.files("newsfacts") / "models" / f"ner-{lang}.crfsuite"))
        return str(path) if path.is_file() else None

    def _confident(
        self, tagger: Any, seq: TaggerInput, labels: list[str], spans: list[Span]
    ) -> list[Span]:
        """The spans whose every token's label the tagger is sure enough of."""
        least = self.min_confidence
        if least is None:
            least = MIN_CONFIDENCE.get(
                self.tagger_language(seq.lang) if self._dir is None else "", 0.0
            )
        if not least:
            return spans
        first = {start: k for k, (start, _) in enumerate(seq.spans)}
        last = {end: k for k, (_, end) in enumerate(seq.spans)}
        return [
            span
            for span in spans
            if all(
                tagger.marginal(labels[k], k) >= least
                for k in range(first[span[0]], last[span[1]] + 1)
            )
        ]

    def sequences(
        self,
        ctx: Context,
        blocks: Sequence[Block],
        *,
        boilerplate: bool = False,
        clusters_of: str | None = None,
    ) -> Iterator[TaggerInput]:
        """The blocks as tagger input (with ``boilerplate``, those blocks too; ``clusters_of``:
        the language whose word clusters the features read, instead of that of the tagger of
        each block's language: training, where the tagger is the one being trained)."""
        rules = find_mentions(ctx, blocks, self.min_block_score)
        by_block: dict[int, list[Mention]] = {}
        for m in rules:
            by_block.setdefault(m.block, []).append(m)
        for block in blocks:
            if block.kind == "boilerplate" and not boilerplate:
                continue
            tokens = tokenize(block.text)
            spans = [(s, e) for s, e, _ in tokens]
            mentions = by_block.get(block.i, [])
            tags = rule_tags(spans, mentions, block.start)
            lang = block_language(ctx, block, self.min_block_score)
            # the clusters of the language whose tagger reads them
            clusters = clusters_of or self.tagger_language(lang)
            features = token_features([t for _, _, t in tokens], tags, clusters)
            yield TaggerInput(block, lang, spans, features, mentions)

    def mentions(self, ctx: Context, blocks: Sequence[Block]) -> list[Mention]:
        found: list[Mention] = []
        for seq in self.sequences(ctx, blocks):
            checkpoint()  # the time limit in any thread, block by block (newsfacts.guard)
            tagger = self.tagger(seq.lang)
            if tagger is None:
                found.extend(seq.rules)
                continue
            if not seq.spans:
                continue
            labels = tagger.tag(seq.features)
            spans = self._confident(tagger, seq, labels, decode(seq.spans, labels))
            spans = refine(spans, seq.block.text, seq.lang)
            tagged = [
                m
                for start, end, label, _ in spans
                if (m := to_mention(seq.block, seq.lang, start, end, label)) is not None
            ]
            # the rules as a high-precision override: their lists split a tagged span, a head
            # word left out and a bracketed acronym join, and a name they are sure of (a cue,
            # a head word, a gazetteer entry) is kept where the tagger found nothing
            # (each measured neutral on the dev split, right on the specs)
            tagged = split_lists(tagged, seq.rules, seq.block, seq.lang)
            tagged = with_heads(tagged, seq.block, seq.lang)
            tagged = bracketed_acronyms(tagged, seq.block, seq.lang)
            found.extend(merge([m for m in seq.rules if m.strength == 3], tagged))
        return found


def with_heads(tagged: list[Mention], block: Block, lang: str) -> list[Mention]:
    """``Ngân hàng Vietcombank``: a capitalised head word right before a tagged organisation
    (``org_heads``) is part of its name."""
    out: list[Mention] = []
    for t in tagged:
        start = _head_before(t, block, lang) if t.label == "ORG" else None
        if start is not None and not (out and out[-1].end > block.start + start):
            t = to_mention(block, lang, start, t.end - block.start, "ORG") or t
        out.append(t)
    return out


def _head_before(t: Mention, block: Block, lang: str) -> int | None:
    """Where the head word written right before ``t`` starts (block offset), if there is one."""
    at = t.start - block.start
    window = max(0, at - 40)
    words = tokenize(block.text[window:at])
    if not words or block.text[window + words[-1][1] : at].strip():
        return None  # nothing before, or something between the head and the name
    for n in (3, 2, 1):
        names = [w for _, _, w in words[-n:]]
        if (
            len(words) >= n
            and names[0][:1].isupper()
            and lexicon(lang).is_phrase(names, "org_heads")
        ):
            return window + words[-n][0]
    return None


def bracketed_acronyms(tagged: list[Mention], block: Block, lang: str) -> list[Mention]:
    """``Ngân hàng TMCP Quân đội (MBB)``: the short name in brackets right after a tagged
    organisation is an organisation too (and the keys join the two), tagged or not."""
    out: list[Mention] = []
    for k, t in enumerate(tagged):
        out.append(t)
        m = _BRACKETED.match(block.text, t.end - block.start) if t.label == "ORG" else None
        following = tagged[k + 1].start - block.start if k + 1 < len(tagged) else len(block.text)
        if m is not None and m.start(1) < following:  # not tagged already
            mention = to_mention(block, lang, m.start(1), m.end(1), "ORG")
            if mention is not None:
                out.append(mention)
    return out


# an acronym's shape only: ``(TP.HCM)`` after an organisation is its place
_BRACKETED = re.compile(r" ?\(([A-Z][A-Z0-9&]{1,9})\)")


def split_lists(
    tagged: list[Mention], rules: list[Mention], block: Block, lang: str
) -> list[Mention]:
    """A tagged span over two or more of the rules' names joined by a coordinator (``British
    Airways and Malaysia Airlines``) is those names."""
    out: list[Mention] = []
    words = lexicon(lang).coordinators
    starts = [r.start for r in rules]  # sorted: a span's rule names by bisection
    for t in tagged:
        within = rules[bisect_left(starts, t.start) : bisect_left(starts, t.end)]
        inner = [r for r in within if r.end <= t.end]
        gaps = [
            block.text[a.end - block.start : b.start - block.start].strip(" ,").lower()
            for a, b in pairwise(inner)
        ]
        if len(inner) >= 2 and any(g in words for g in gaps):
            out.extend(inner)
        else:
            out.append(t)
    return out
