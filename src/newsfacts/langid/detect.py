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

BACKENDS: tuple[str, ...] = ("newsfacts", "langdetect", "lingua", "lingua-low")

# Probabilities in the order of CLASSES.
Distribution = tuple[float, ...]

_N = len(CLASSES)
_MS, _ID, _OTHER = CLASSES.index("ms"), CLASSES.index("id"), CLASSES.index("other")
# Below this share of words known to the best language, a Latin-script text is some language
# the model never saw (on the dev split, 0.05% of ms/id/en/vi texts of 4+ words fall below).
MIN_KNOWN_SHARE = 0.5
MIN_TOKENS_FOR_COVERAGE = 4
# Paragraphs this short (in letter tokens), and every non-paragraph block, borrow the
# document's language as a prior.
SHORT_BLOCK_TOKENS = 8
PRIOR_WEIGHT = 0.8
# A paragraph-sized text longer than SAMPLE_CHARS (up to SAMPLED_MAX) is first judged by its
# first and last SAMPLE_CHARS / 2 characters; an answer that sure stands without reading the
# middle. Longer texts (whole documents) are always read in full.
SAMPLE_CHARS = 240
SAMPLED_MAX = 2000
DECISIVE = 0.999


@dataclass(frozen=True, slots=True)
class Guess:
    """A language (``ms``, ``id``, ``vi``, ``en``, ``other``) or None, and a score in [0, 1]."""

    lang: str | None
    score: float | None


def detect_language(text: str, *, backend: str = "newsfacts") -> Guess:
    """The language of ``text`` and its probability; ``Guess(None, None)`` without letters.

    A paragraph of 240-2,000 characters whose first and last words are decisive is answered
    from them alone (see :data:`SAMPLE_CHARS`); anything else is read in full.
    """
    return _guess(distribution(text, backend=backend))


def distribution(text: str, *, backend: str = "newsfacts") -> Distribution | None:
    """Probabilities over :data:`~newsfacts.langid.model.CLASSES`, or None without letters."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown language backend {backend!r}; choose from {BACKENDS}")
    return _scored([text], backend)[0][0]


def label_blocks(
    blocks: Sequence[Block], *, backend: str = "newsfacts"
) -> tuple[list[Block], Guess]:
    """Each block with its language, and the document's language.

    The document language is that of its main content: paragraph blocks weighted by their
    length (titles and captions only when there are no paragraphs; furniture only when there
    is nothing else). Every other block, and a short paragraph, then reads the document
    distribution as a prior: a menu line or a caption full of names leans on the page's
    language, while a caption that is clearly Vietnamese stays ``vi``.
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown language backend {backend!r}; choose from {BACKENDS}")
    dists, features = _scored([b.text for b in blocks], backend)
    doc = _document(blocks, dists)
    labelled = []
    for block, dist, feats in zip(blocks, dists, features, strict=True):
        leans = block.kind != "paragraph" or feats[TOKENS] < SHORT_BLOCK_TOKENS
        if dist is not None and doc is not None and leans:
            joint = [
                p * (PRIOR_WEIGHT * d + (1 - PRIOR_WEIGHT) / _N)
                for p, d in zip(dist, doc, strict=True)
            ]
            dist = tuple(p / sum(joint) for p in joint)
        guess = _guess(dist)
        labelled.append(replace(block, lang=guess.lang, lang_score=guess.score))
    return labelled, _guess(doc)


def _scored(
    texts: Sequence[str], backend: str
) -> tuple[list[Distribution | None], list[list[float]]]:
    """The answer of ``backend`` for each text, and the model features it was judged on.

    All texts are scored by the model in one pass.

    A paragraph-sized text longer than :data:`SAMPLE_CHARS` is first judged by its opening
    and closing words alone, and read in full only when they are not decisive: a long
    paragraph then costs about as much as a short one. A paragraph that opens in one language
    and ends in another is not decisive, and so read in full; one that has another language
    only in its middle is judged by its ends. A text over :data:`SAMPLED_MAX` characters (a
    whole document) is always read in full.
    """
    model = default_model()
    samples = [_sample(t) for t in texts] if backend == "newsfacts" else list(texts)
    features = model.features_many(samples).tolist()
    dists = [_distribution(t, f, backend) for t, f in zip(texts, features, strict=True)]
    again = [
        i
        for i, (text, sample, dist) in enumerate(zip(texts, samples, dists, strict=True))
        if sample is not text and (dist is None or max(dist) < DECISIVE)
    ]
    if again:
        full = model.features_many([texts[i] for i in again]).tolist()
        for i, feats in zip(again, full, strict=True):
            features[i] = feats
            dists[i] = _distribution(texts[i], feats, backend)
    return dists, features


def _sample(text: str) -> str:
    """A paragraph's first and last words within :data:`SAMPLE_CHARS`; other texts whole."""
    if not SAMPLE_CHARS < len(text) <= SAMPLED_MAX:
        return text
    half = SAMPLE_CHARS // 2
    # Words cut in two are dropped: a piece of a word would score as some other word.
    head = text[:half].rpartition(" ")[0]
    tail = text[-half:].partition(" ")[2]
    return f"{head}\n{tail}"


def _distribution(text: str, feats: list[float], backend: str) -> Distribution | None:
    """The answer of ``backend`` for ``text``, whose model features are ``feats``."""
    if not feats[TOKENS]:
        return None
    non_latin = feats[NON_LATIN] / feats[LETTERS]
    if non_latin > 0.5:
        return _one_hot("other", non_latin)
    if backend == "newsfacts":
        return _newsfacts(default_model(), feats)
    return _peer(backend)(clean(text))


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


def _one_hot(lang: str, score: float) -> Distribution:
    rest = (1.0 - score) / (_N - 1)
    return tuple(score if code == lang else rest for code in CLASSES)


def _newsfacts(model: LinearModel, feats: list[float]) -> Distribution:
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
    if best != _OTHER and feats[TOKENS] >= MIN_TOKENS_FOR_COVERAGE and known < MIN_KNOWN_SHARE:
        # Mostly words the language has never shown: a Latin-script language the model was
        # not trained on (French, German, Tagalog...). "other", surer the fewer words known.
        unseen = 0.5 + 0.5 * (1.0 - known / MIN_KNOWN_SHARE)
        dist = [p * (1.0 - unseen) for p in dist]
        dist[_OTHER] += unseen
    return _resplit(dist, logistic(model.msid_logit(feats)))


def _resplit(dist: Sequence[float], malay: float) -> Distribution:
    """Give the Malay+Indonesian mass of ``dist`` to ms and id in the discriminator's ratio."""
    out = list(dist)
    both = out[_MS] + out[_ID]
    out[_MS], out[_ID] = both * malay, both * (1.0 - malay)
    return tuple(out)


def _from_codes(pairs: Sequence[tuple[str, float]], text: str) -> Distribution:
    """A distribution from a peer's (ISO 639-1 code, probability) answers."""
    dist = [0.0] * _N
    for code, prob in pairs:
        dist[CLASSES.index(code) if code in CLASSES else _OTHER] += prob
    mass = sum(dist)
    if mass <= 0:
        return _one_hot("other", 1.0)
    dist = [p / mass for p in dist]
    if dist[_MS] + dist[_ID] > 0:
        return _resplit(dist, split_malay_indonesian(text))
    return tuple(dist)


@cache
def _peer(backend: str) -> Callable[[str], Distribution]:
    if backend == "langdetect":
        return _langdetect()
    return _lingua(low_accuracy=backend == "lingua-low")


def _langdetect() -> Callable[[str], Distribution]:
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)  # langdetect samples n-grams at random; a fixed seed makes it repeatable

    def detect(text: str) -> Distribution:
        detector = factory.create()
        detector.append(text)
        try:
            found = detector.get_probabilities()
        except LangDetectException:  # no usable features (e.g. only URL-like text)
            return _one_hot("other", 1.0)
        return _from_codes([(str(f.lang), float(f.prob)) for f in found], text)

    return detect


def _lingua(*, low_accuracy: bool) -> Callable[[str], Distribution]:
    try:
        from lingua import LanguageDetectorBuilder
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the lingua backend needs: pip install 'newsfacts[lingua]'") from exc
    builder = LanguageDetectorBuilder.from_all_languages()
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()

    def detect(text: str) -> Distribution:
        found = detector.compute_language_confidence_values(text)
        pairs = [(c.language.iso_code_639_1.name.lower(), float(c.value)) for c in found]
        return _from_codes(pairs, text)

    return detect
