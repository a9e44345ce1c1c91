"""Entities from the project's own CRF taggers, one per language, shipped in the package.

A linear-chain CRF (python-crfsuite) over the project's tokens labels each token ``B-``/``I-``
PER, ORG, LOC or MISC, or ``O``. Its features are the word and its shape, affixes, the words
around it, and what the rules say of it: the label and strength of the rule mention the
token is in (cue words, head words, gazetteer entries, capitalised runs), so the rules are
evidence the model weighs, not the only source. ``models/ner/train.py`` trains the taggers
(``models/ner/MODEL_CARD.md``: data, features, scores); a language without its own tagger
uses the one of its closest language (Indonesian: Malay's) or finds nothing.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsfacts.entities import Mention, block_language, find_mentions, lexicon
from newsfacts.entities.backends.base import Span, StatisticalBackend, missing_extra, to_mention
from newsfacts.model import Block, Context
from newsfacts.settings import DEFAULTS, Settings
from newsfacts.text.tokens import fold_token, tokenize

FALLBACK = {"id": "ms"}  # a language with no tagger of its own uses this one's
_OPENERS = frozenset('.!?:"“')  # a token after one of these starts a sentence
_LABELS: frozenset[str] = frozenset({"PER", "ORG", "LOC", "MISC"})


@dataclass(frozen=True, slots=True)
class TaggerInput:
    """One block as the tagger sees it: token offsets in the block, and their features."""

    block: Block
    lang: str
    spans: list[tuple[int, int]]
    features: list[dict[str, float | str]]


@lru_cache(maxsize=65536)  # words repeat: a document's names, every document's stop words
def shape(word: str) -> str:
    """``Xx``, ``X``, ``x``, ``d``, ``X.d``...: the word's classes of characters, runs joined."""
    out: list[str] = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:6]


def token_features(words: Sequence[str], rules: Sequence[str]) -> list[dict[str, float | str]]:
    """The features of every token of a sequence; ``rules`` is each token's rule tag
    (``B-ORG:3``, ``I-PER:2``, ``O``)."""
    n = len(words)
    lower = [fold_token(w) for w in words]
    shapes = [shape(w) for w in words]
    labels = [r.split(":")[0][2:] or "O" for r in rules]
    # every token's neighbours, padded so that each has two on either side
    pad_lower = ["<edge>", "<edge>", *lower, "<edge>", "<edge>"]
    feats: list[dict[str, float | str]] = []
    for i, word in enumerate(words):
        low = lower[i]
        f: dict[str, float | str] = {
            "bias": 1.0,
            "w": low,
            "shape": shapes[i],
            "suf3": low[-3:],
            "suf2": low[-2:],
            "pre3": low[:3],
            "rule": rules[i],
            "rule.label": labels[i],
            "w-2": pad_lower[i],
            "w-1": pad_lower[i + 1],
            "w+1": pad_lower[i + 3],
            "w+2": pad_lower[i + 4],
        }
        if word[:1].isupper():
            f["title"] = 1.0
        if i == 0 or words[i - 1] in _OPENERS:
            f["first"] = 1.0
        if i >= 2:
            f["shape-2"] = shapes[i - 2]
        if i >= 1:
            f["shape-1"] = shapes[i - 1]
            f["rule-1"] = rules[i - 1]
            f["bigram-1"] = f"{lower[i - 1]}|{low}"
        if i + 1 < n:
            f["shape+1"] = shapes[i + 1]
            f["rule+1"] = rules[i + 1]
            f["bigram+1"] = f"{low}|{lower[i + 1]}"
        if i + 2 < n:
            f["shape+2"] = shapes[i + 2]
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
    """What the rules know for certain, applied to the tagger's spans: a person's name goes on
    across a connector (``Ahmad Zahid bin Hamidi``), and a day, a month or another word the
    data says is no name (``not_names``) is no entity."""
    out: list[Span] = []
    for span in spans:
        start, end, label, score = span
        if out and label == "PER" and out[-1][2] == "PER":
            gap = text[out[-1][1] : start].strip().lower()
            if gap in lexicon(lang).person_connectors:
                out[-1] = (out[-1][0], end, label, score)
                continue
        out.append(span)
    return [s for s in out if _phrase(text[s[0] : s[1]]) not in _not_names(lang)]


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(t[2].lower() for t in tokenize(text))


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
    use instead)."""

    name = "newsfacts.entities.crf/1"

    def __init__(self, models_dir: str | None = None, *, settings: Settings = DEFAULTS) -> None:
        self.use_settings(settings)
        try:
            import pycrfsuite
        except ImportError as exc:
            raise missing_extra("crf", "python-crfsuite") from exc
        self._crfsuite = pycrfsuite
        self._dir = models_dir
        self._taggers: dict[str, Any] = {}

    def tagger(self, lang: str) -> Any | None:
        """The tagger of a language (or of its fallback), loaded once; None if there is none."""
        if lang not in self._taggers:
            self._taggers[lang] = None
            for code in (lang, FALLBACK.get(lang)):
                path = self._path(code) if code else None
                if path is not None:
                    tagger = self._crfsuite.Tagger()
                    tagger.open(path)
                    self._taggers[lang] = tagger
                    break
        return self._taggers[lang]

    def _path(self, lang: str) -> str | None:
        if self._dir is not None:
            path = Path(self._dir) / f"ner-{lang}.crfsuite"
        else:
            path = Path(str(resources.files("newsfacts") / "models" / f"ner-{lang}.crfsuite"))
        return str(path) if path.is_file() else None

    def sequences(
        self, ctx: Context, blocks: Sequence[Block], *, boilerplate: bool = False
    ) -> Iterator[TaggerInput]:
        """The blocks as tagger input (with ``boilerplate``, those blocks too: training)."""
        rules = find_mentions(ctx, blocks, self.min_block_score)
        by_block: dict[int, list[Mention]] = {}
        for m in rules:
            by_block.setdefault(m.block, []).append(m)
        for block in blocks:
            if block.kind == "boilerplate" and not boilerplate:
                continue
            tokens = tokenize(block.text)
            spans = [(s, e) for s, e, _ in tokens]
            tags = rule_tags(spans, by_block.get(block.i, []), block.start)
            lang = block_language(ctx, block, self.min_block_score)
            yield TaggerInput(block, lang, spans, token_features([t for _, _, t in tokens], tags))

    def mentions(self, ctx: Context, blocks: Sequence[Block]) -> list[Mention]:
        found: list[Mention] = []
        for seq in self.sequences(ctx, blocks):
            tagger = self.tagger(seq.lang)
            if tagger is None or not seq.spans:
                continue
            labels = tagger.tag(seq.features)
            spans = refine(decode(seq.spans, labels), seq.block.text, seq.lang)
            for start, end, label, _ in spans:
                mention = to_mention(seq.block, seq.lang, start, end, label)
                if mention is not None:
                    found.append(mention)
        return found
