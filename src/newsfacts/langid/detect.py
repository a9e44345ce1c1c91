"""Language identification per text, per block and per document.

Answers are ``ms``, ``id``, ``vi``, ``en``, ``other``, or None when the text has no letters,
each with a probability in [0, 1]. Every backend yields a distribution over
:data:`~newsfacts.langid.model.CLASSES`; any Malay or Indonesian mass is re-split by the
project's own Malay/Indonesian discriminator (:mod:`newsfacts.langid.msid`), because no
off-the-shelf detector separates the two reliably.

Backends: ``newsfacts`` (default; the trained linear model of :mod:`newsfacts.langid.model`),
``langdetect`` (seeded, so repeatable), ``lingua`` and ``lingua-low`` (the ``lingua`` extra).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from newsfacts import registry
from newsfacts.langid.model import (
    CLASSES,
    KNOWN,
    LETTERS,
    NON_LATIN,
    TOKENS,
    LinearModel,
    clean,
    default_model,
)
from newsfacts.langid.msid import logistic, split_malay_indonesian
from newsfacts.model import Block
from newsfacts.settings import DEFAULTS, LangidSettings

# Probabilities in the order of CLASSES.
Distribution = tuple[float, ...]

_N = len(CLASSES)
NAME_LIST_SHARE = 0.5  # capitalised words beyond this share: a list of names
_MS, _ID, _OTHER = CLASSES.index("ms"), CLASSES.index("id"), CLASSES.index("other")


@dataclass(frozen=True, slots=True)
class Guess:
    """A language (``ms``, ``id``, ``vi``, ``en``, ``other``) or None, and a score in [0, 1]."""

    lang: str | None
    score: float | None


def detect_language(
    text: str, *, backend: str = "newsfacts", settings: LangidSettings = DEFAULTS.langid
) -> Guess:
    """The language of ``text`` and its probability; ``Guess(None, None)`` without letters.

    A paragraph of 240-2,000 characters whose first and last words are decisive is answered
    from them alone (``settings.sample_chars``); anything else is read in full.
    """
    return _guess(distribution(text, backend=backend, settings=settings))


def distribution(
    text: str, *, backend: str = "newsfacts", settings: LangidSettings = DEFAULTS.langid
) -> Distribution | None:
    """Probabilities over :data:`~newsfacts.langid.model.CLASSES`, or None without letters."""
    registry.check("langid", backend)
    return _scored([text], backend, settings)[0][0]


def label_blocks(
    blocks: Sequence[Block],
    *,
    backend: str = "newsfacts",
    settings: LangidSettings = DEFAULTS.langid,
) -> tuple[list[Block], Guess]:
    """Each block with its language, and the document's language.

    The document language is that of its main content: paragraph blocks weighted by their
    length (titles and captions only when there are no paragraphs; furniture only when there
    is nothing else). Every other block, and a short paragraph, then reads the document
    distribution as a prior: a menu line or a caption full of names leans on the page's
    language, while a caption that is clearly Vietnamese stays ``vi``.
    """
    registry.check("langid", backend)
    dists, features = _scored([b.text for b in blocks], backend, settings)
    prior = settings.prior_weight
    doc = _document(blocks, dists)
    labelled = []
    for block, dist, feats in zip(blocks, dists, features, strict=True):
        leans = block.kind != "paragraph" or feats[TOKENS] < settings.short_block_tokens
        if dist is not None and doc is not None and leans:
            joint = [p * (prior * d + (1 - prior) / _N) for p, d in zip(dist, doc, strict=True)]
            dist = tuple(p / sum(joint) for p in joint)
        guess = _guess(dist)
        labelled.append(replace(block, lang=guess.lang, lang_score=guess.score))
    return labelled, _guess(doc)


def _scored(
    texts: Sequence[str], backend: str, settings: LangidSettings
) -> tuple[list[Distribution | None], list[list[float]]]:
    """The answer of ``backend`` for each text, and the model features it was judged on.

    All texts are scored by the model in one pass.

    A paragraph-sized text longer than ``settings.sample_chars`` is first judged by its opening
    and closing words alone, and read in full only when they are not decisive: a long
    paragraph then costs about as much as a short one. A paragraph that opens in one language
    and ends in another is not decisive, and so read in full; one that has another language
    only in its middle is judged by its ends. A text over ``settings.sampled_max`` characters (a
    whole document) is always read in full.
    """
    model = default_model()
    samples = [_sample(t, settings) for t in texts] if backend == "newsfacts" else list(texts)
    features = model.features_many(samples).tolist()
    dists = [_distribution(t, f, backend, settings) for t, f in zip(texts, features, strict=True)]
    again = [
        i
        for i, (text, sample, dist) in enumerate(zip(texts, samples, dists, strict=True))
        if sample is not text and (dist is None or max(dist) < settings.decisive)
    ]
    if again:
        full = model.features_many([texts[i] for i in again]).tolist()
        for i, feats in zip(again, full, strict=True):
            features[i] = feats
            dists[i] = _distribution(texts[i], feats, backend, settings)
    return dists, features


def _sample(text: str, settings: LangidSettings) -> str:
    """A paragraph's first and last words within ``settings.sample_chars``; other texts
    whole."""
    if not settings.sample_chars < len(text) <= settings.sampled_max:
        return text
    half = settings.sample_chars // 2
    # Words cut in two are dropped: a piece of a word would score as some other word.
    head = text[:half].rpartition(" ")[0]
    tail = text[-half:].partition(" ")[2]
    return f"{head}\n{tail}"


def _distribution(
    text: str, feats: list[float], backend: str, settings: LangidSettings
) -> Distribution | None:
    """The answer of ``backend`` for ``text``, whose model features are ``feats``."""
    if not feats[TOKENS]:
        return None
    non_latin = feats[NON_LATIN] / feats[LETTERS]
    if non_latin > 0.5:
        return one_hot("other", non_latin)
    if backend == "newsfacts":
        return _newsfacts(default_model(), feats, settings, _name_share(text))
    return _peer(backend)(clean(text))


@cache
def _peer(backend: str) -> Callable[[str], Distribution]:
    detect: Callable[[str], Distribution] = registry.factory("langid", backend)()
    return detect


def own_model() -> Callable[[str], Distribution]:
    """The project's own model as a registered backend: one text at a time (the pipeline
    scores a document's blocks in one batch instead)."""

    def detect(text: str) -> Distribution:
        dist = distribution(text)
        return one_hot("other", 1.0) if dist is None else dist

    return detect


def _document(blocks: Sequence[Block], dists: Sequence[Distribution | None]) -> Distribution | None:
    """Blocks' distributions weighted by their length, from the most central kinds found."""
    for kinds in (("paragraph",), ("title", "caption"), ("byline", "boilerplate")):
        total = [0.0] * _N
        for block, dist in zip(blocks, dists, strict=True):
            if dist is not None and block.kind in kinds:
                total = [t + p * len(block.text) for t, p in zip(total, dist, strict=True)]
        mass = sum(total)
        if mass > 0:
            return tuple(t / mass for t in total)
    return None


def _guess(dist: Distribution | None) -> Guess:
    if dist is None:
        return Guess(None, None)
    best = max(range(_N), key=dist.__getitem__)
    return Guess(CLASSES[best], min(1.0, max(0.0, dist[best])))


def one_hot(lang: str, score: float) -> Distribution:
    rest = (1.0 - score) / (_N - 1)
    return tuple(score if code == lang else rest for code in CLASSES)


def _name_share(text: str) -> float:
    """The share of a text's words after its first that are capitalised: the names of a
    line-up, a guest list or a results table."""
    words = [w for w in text.split()[1:] if w[:1].isalpha()]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def _newsfacts(
    model: LinearModel, feats: list[float], settings: LangidSettings, names: float = 0.0
) -> Distribution:
    z = [f + b for f, b in zip(feats[:_N], model.bias_lang, strict=True)]
    top = max(z)
    exps = [math.exp((v - top) / model.t_lang) for v in z]
    mass = sum(exps)
    dist = [e / mass for e in exps]
    best = max(range(_N), key=dist.__getitem__)
    known_counts = feats[KNOWN:TOKENS]
    # Malay and Indonesian share most words; either vocabulary vouches for both.
    known = (
        max(known_counts[_MS], known_counts[_ID]) if best in (_MS, _ID) else known_counts[best]
    ) / feats[TOKENS]
    # Names are unknown words in every language: a sentence that is mostly names (a line-up,
    # a guest list) needs that much less of the rest known, else it reads as an unseen
    # language. Only past half: German capitalises its nouns, a third of its words.
    share = settings.min_known_share * (1.0 - names if names > NAME_LIST_SHARE else 1.0)
    if best != _OTHER and feats[TOKENS] >= settings.min_tokens_for_coverage and known < share:
        # Mostly words the language has never shown: a Latin-script language the model was
        # not trained on (French, German, Tagalog...). "other", surer the fewer words known.
        unseen = 0.5 + 0.5 * (1.0 - known / share)
        dist = [p * (1.0 - unseen) for p in dist]
        dist[_OTHER] += unseen
    return _resplit(dist, logistic(model.msid_logit(feats)))


def _resplit(dist: Sequence[float], malay: float) -> Distribution:
    """Give the Malay+Indonesian mass of ``dist`` to ms and id in the discriminator's ratio."""
    out = list(dist)
    both = out[_MS] + out[_ID]
    out[_MS], out[_ID] = both * malay, both * (1.0 - malay)
    return tuple(out)


def from_codes(pairs: Sequence[tuple[str, float]], text: str) -> Distribution:
    """A distribution from a peer's (ISO 639-1 code, probability) answers."""
    dist = [0.0] * _N
    for code, prob in pairs:
        dist[CLASSES.index(code) if code in CLASSES else _OTHER] += prob
    mass = sum(dist)
    if mass <= 0:
        return one_hot("other", 1.0)
    dist = [p / mass for p in dist]
    if dist[_MS] + dist[_ID] > 0:
        return _resplit(dist, split_malay_indonesian(text))
    return tuple(dist)
