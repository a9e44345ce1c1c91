"""The trained linear language model: features, loading and scoring.

The model is a bag of tokens. Each lower-cased letter run ("token") contributes a fixed
vector of logits: the weight of the word itself plus the mean weight of its character
1-4-grams (with ``^``/``$`` word boundaries, so unseen words and names still count). A text's
logits are the sum of its tokens' vectors. The vocabulary is the training text's words plus
the words of a Malay and an Indonesian frequency list; a word's weight includes what its
place in those lists taught (see the model card).

Scoring is built for speed, because every block of every article goes through it: the vector
of each vocabulary word is precomputed by training and shipped in the model file, and the
text is cut at whitespace into chunks ("kerajaan", "itu,", "rm2.3") whose summed vectors are
cached, first seeded with the vocabulary itself. A paragraph is then one ``lower``, one
``split``, a dictionary lookup per chunk and one numpy sum; only a chunk never seen before
goes through the tokeniser and, for the tokens outside the vocabulary, their n-grams (once:
the tokens are cached too). Tokens never cross whitespace, so the sum over chunks equals the
sum over the text's tokens.

Two heads share the features: ``lang`` (softmax over :data:`CLASSES`) and ``msid`` (one
logit, Malay positive, trained on Malay and Indonesian text only). Both are temperature
calibrated. ``models/msid/train.py`` writes the model file; the feature functions here are
the ones it trains with, so training and scoring cannot drift apart.
"""

from __future__ import annotations

import re
import string
import threading
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib import resources
from itertools import accumulate, repeat
from operator import add
from typing import cast

import numpy as np
import numpy.typing as npt

CLASSES: tuple[str, ...] = ("ms", "id", "en", "vi", "other")
MAX_TOKEN = 24  # longer letter runs are glued words or garbage: cut into pieces this long
MODEL_FILE = "langid.npz"
# A text longer than this many characters is judged on WINDOWS evenly spaced windows of it.
MAX_CHARS = 100_000
WINDOWS = 100

# Columns of a feature vector (a token's, a chunk's or a text's: all of them are sums).
HEADS = len(CLASSES) + 1  # the lang logits, then the msid logit
MSID = len(CLASSES)
_MS, _ID = CLASSES.index("ms"), CLASSES.index("id")
KNOWN = HEADS  # one flag per class: the token is a known word of that class (a count in sums)
TOKENS = KNOWN + len(CLASSES)  # number of tokens
LETTERS = TOKENS + 1  # number of letters
NON_LATIN = LETTERS + 1  # letters outside the Latin script
WIDTH = NON_LATIN + 1

# Letter runs; digits and underscore excluded so "RM2.3" gives "rm" and "Rp10" gives "rp".
_TOKEN = re.compile(rf"[^\W\d_]{{1,{MAX_TOKEN}}}")
# Lower-case letters outside Latin (basic, Latin-1, Extended-A/B, Extended Additional).
_NON_LATIN = re.compile(r"[^a-z\u00c0-\u024f\u1e00-\u1eff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Longer chunks (glued garbage, base64...) are scored, but not kept in the cache.
_MAX_CACHED_CHUNK = 64
# Punctuation and digits around a word ("itu,", "(2023)", "“kerana"): never part of a token,
# so "itu," scores exactly as "itu" and shares its cached row.
_EDGE = string.punctuation + string.digits + "“”‘’„«»‹›–—…•·°€£¥₫"

Vector = npt.NDArray[np.float32]


def tokens(text: str) -> list[str]:
    """The lower-cased letter runs of ``text`` (runs over :data:`MAX_TOKEN` letters are split)."""
    return _TOKEN.findall(text.lower())


def ngrams(token: str) -> list[str]:
    """Character 1-4-grams of ``^token$`` (the boundary markers alone are not grams).

    A token of ``L`` letters has ``4 * L`` of them.
    """
    padded = f"^{token}$"
    # Each size from the one below it, one character longer, by C-level string concatenation.
    bigrams = list(map(add, padded, padded[1:]))
    trigrams = list(map(add, bigrams, padded[2:]))
    return [*token, *bigrams, *trigrams, *map(add, trigrams, padded[3:])]


def _counts(token: str) -> tuple[int, int, int]:
    """The count columns of a token: one token, its letters, its non-Latin letters."""
    return 1, len(token), 0 if token.isascii() else len(_NON_LATIN.findall(token))


class GramTable:
    """Character n-gram weights, and the n-gram part of the vectors of new tokens."""

    def __init__(self, grams: Sequence[str], weights: Vector) -> None:
        self.index = {g: i for i, g in enumerate(grams)}
        # A zero row last, for grams outside the table.
        self.weights: Vector = np.vstack([weights, np.zeros((1, weights.shape[1]))]).astype(
            np.float32
        )
        self.missing = len(grams)

    def means(self, toks: Sequence[str]) -> Vector:
        """The n-gram part of each token's head vector: the mean weight of its grams.

        All tokens in one gather: a cold run over new text meets a few new tokens per
        paragraph, and one numpy pass over all of their grams is cheaper than a loop per token.
        """
        grams = [g for t in toks for g in ngrams(t)]
        rows = self.weights.take(list(map(self.index.get, grams, repeat(self.missing))), axis=0)
        sizes = [4 * len(t) for t in toks]  # a token of L letters has 4L grams
        starts = list(accumulate(sizes[:-1], initial=0))
        out: Vector = np.add.reduceat(rows, starts, axis=0)
        out /= np.array(sizes, dtype=np.float32)[:, None]
        return out


def word_vectors(
    words: Sequence[str], word_weights: Vector, grams: Sequence[str], gram_weights: Vector
) -> Vector:
    """Each vocabulary word's full head vector: its own weight plus its n-gram mean.

    Training calls this to write the vectors into the model file, so loading the model needs
    no n-gram work at all.
    """
    out: Vector = (word_weights + GramTable(grams, gram_weights).means(words)).astype(np.float32)
    return out


class LinearModel:
    """Head vectors of the vocabulary and the n-gram weights, with the cache.

    ``table`` holds one :data:`WIDTH`-column row per vocabulary word (its head vector, its
    known-word flags and its counts), then a zero row (for chunks without letters), then rows
    for the tokens and chunks met since.
    """

    CACHE_ROWS = 1 << 17  # tokens and chunks cached (each row 56 bytes); >= MAX_CHARS + WINDOWS

    def __init__(
        self,
        words: list[str],
        vectors: Vector,
        word_classes: npt.NDArray[np.uint8],
        grams: list[str],
        gram_weights: Vector,
        bias: Vector,
        temperatures: Vector,
    ) -> None:
        self.word_index = {w: i for i, w in enumerate(words)}
        self.grams = GramTable(grams, gram_weights)
        self.bias = bias
        self.temperatures = temperatures
        # The same as plain floats, for scoring one text without numpy overhead.
        self.bias_lang: list[float] = bias[: len(CLASSES)].tolist()
        self.bias_msid = float(bias[MSID])
        self.t_lang, self.t_msid = map(float, temperatures)
        n = len(words)
        table = np.zeros((n + 1 + self.CACHE_ROWS, WIDTH), dtype=np.float32)
        table[:n, :HEADS] = vectors
        # Bit c of word_classes[i]: word i is a known word of CLASSES[c].
        bits = 1 << np.arange(len(CLASSES), dtype=np.uint8)
        table[:n, KNOWN:TOKENS] = (word_classes[:, None] & bits) > 0
        table[:n, TOKENS:] = [_counts(w) for w in words]
        self.table = table
        # Text (a token or a whole chunk) -> its row of table: the vocabulary and the empty
        # chunk (row n stays zero: "2023," stripped) first, then whatever was met since.
        self._zero = n
        self._seed = {**self.word_index, "": self._zero}
        self._rows = dict(self._seed)
        self._free = self._zero + 1
        # The cache is shared by every caller of the loaded model: one thread at a time.
        self._lock = threading.Lock()

    @classmethod
    def load(cls, data: dict[str, npt.NDArray[np.generic]]) -> LinearModel:
        words = bytes(data["words"]).decode("utf-8").split("\n")
        grams = bytes(data["grams"]).decode("utf-8").split("\n")
        return cls(
            words,
            data["word_vectors"].astype(np.float32),
            data["word_classes"].astype(np.uint8),
            grams,
            data["gram_weights"].astype(np.float32),
            data["bias"].astype(np.float32),
            data["temperatures"].astype(np.float32),
        )

    def msid_logit(self, feats: Sequence[float]) -> float:
        """The calibrated Malay-vs-Indonesian logit of a text's features (Malay positive).

        The ``msid`` head's logit plus the ``lang`` head's Malay-minus-Indonesian margin: two
        views of the same features, whose sum separated the two languages better on the dev
        split than either alone (the temperature is fitted to the sum).
        """
        margin = feats[_MS] + self.bias_lang[_MS] - feats[_ID] - self.bias_lang[_ID]
        return float(feats[MSID] + self.bias_msid + margin) / self.t_msid

    def vector(self, token: str) -> Vector:
        """The feature vector (:data:`WIDTH` columns) of one token."""
        word = self.word_index.get(token)
        row: Vector = self.table[word].copy() if word is not None else self._unknown([token])[0]
        return row

    def _unknown(self, toks: Sequence[str]) -> Vector:
        """The feature vectors of tokens outside the vocabulary: n-grams and counts only."""
        out = np.zeros((len(toks), WIDTH), dtype=np.float32)  # known to no class
        out[:, :HEADS] = self.grams.means(toks)
        out[:, TOKENS:] = [_counts(t) for t in toks]
        return out

    def features(self, text: str) -> Vector:
        """The text's summed feature vector: raw logits (no bias), known-word and other counts.

        Equal to the sum of :meth:`vector` over the tokens of the NFC-normalised text with lone
        surrogates removed (over :data:`WINDOWS` windows of a text above :data:`MAX_CHARS`).
        """
        features: Vector = self.features_many([text])[0]
        return features

    def features_many(self, texts: Sequence[str]) -> Vector:
        """:meth:`features` of each text (one row each), scored together: faster than one by one."""
        if len(texts) == 1 and len(texts[0]) <= MAX_CHARS:  # detect_language: one group
            return self._sums([texts[0].lower().split()], len(texts[0]))
        out = np.zeros((len(texts), WIDTH), dtype=np.float32)
        group: list[list[str]] = []
        chars = 0
        for i, text in enumerate(texts):
            if len(text) > MAX_CHARS:
                step, size = len(text) // WINDOWS, MAX_CHARS // WINDOWS
                text = "\n".join(text[k : k + size] for k in range(0, step * WINDOWS, step))
            group.append(text.lower().split())
            chars += len(text)
            # A group's new rows must fit in the cache: at most one per character.
            if i + 1 == len(texts) or chars + len(texts[i + 1]) > MAX_CHARS + WINDOWS:
                out[i + 1 - len(group) : i + 1] = self._sums(group, chars)
                group, chars = [], 0
        return out

    def _sums(self, texts: list[list[str]], chars: int) -> Vector:
        """The summed rows of each text's chunks (``chars`` characters in all)."""
        # Each text starts with the zero row, so that no text is an empty segment.
        chunks = [c for text in texts for c in ("", *text)]
        with self._lock:
            rows = list(map(self._rows.get, chunks))
            if None in rows:
                self._fill(chunks, rows, chars)
            starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
            found = cast("list[int]", rows)  # all filled in now
            sums: Vector = np.add.reduceat(self.table.take(found, axis=0), starts, axis=0)
        return sums

    def _fill(self, chunks: list[str], rows: list[int | None], chars: int) -> None:
        """Fill in the missing ``rows`` of ``chunks`` (``chars`` characters in all)."""
        if len(self._rows) + chars > len(self.table):
            # Cache full (a long run over varied text): forget all but the vocabulary. Each
            # character adds at most one row and one key, so these chunks fit.
            self._rows = dict(self._seed)
            self._free = self._zero + 1
            rows[:] = map(self._rows.get, chunks)
        cache = self._rows
        pending: dict[str, list[int]] = {}  # new chunk -> where it stands in chunks
        for i in [i for i, row in enumerate(rows) if row is None]:
            chunk = chunks[i]
            row = cache.get(chunk.strip(_EDGE))  # "itu," is "itu"; "(2023)" is ""
            if row is None:
                pending.setdefault(chunk, []).append(i)
                continue
            if len(chunk) <= _MAX_CACHED_CHUNK:
                cache[chunk] = row
            rows[i] = row
        if not pending:
            return
        split = {c: tokens(c if c.isascii() else clean(c)) for c in pending}
        # Tokens never met: a row each.
        unseen = list(dict.fromkeys(t for toks in split.values() for t in toks if t not in cache))
        if unseen:
            start, self._free = self._free, self._free + len(unseen)
            self.table[start : self._free] = self._unknown(unseen)
            cache.update(zip(unseen, range(start, self._free), strict=True))
        # "undang-undang", "pm2.5": a new row each, the sum of its tokens' rows.
        multi = [toks for toks in split.values() if len(toks) > 1]
        start, self._free = self._free, self._free + len(multi)
        if multi:
            parts = [cache[t] for toks in multi for t in toks]
            starts = list(accumulate(map(len, multi[:-1]), initial=0))
            self.table[start : self._free] = np.add.reduceat(
                self.table.take(parts, axis=0), starts, axis=0
            )
        multi_rows = iter(range(start, self._free))
        for chunk, where in pending.items():
            toks = split[chunk]
            row = next(multi_rows) if len(toks) > 1 else cache[toks[0]] if toks else self._zero
            if len(chunk) <= _MAX_CACHED_CHUNK:  # longer ones keep their row only until a flush
                cache[chunk] = row
            for i in where:
                rows[i] = row


def clean(text: str) -> str:
    """``text`` in NFC, lone surrogates removed: what every detector is given to read."""
    return unicodedata.normalize("NFC", _SURROGATE.sub("", text))


@cache
def default_model() -> LinearModel:
    """The model shipped in the package (loaded once)."""
    path = resources.files("newsfacts") / "models" / MODEL_FILE
    with path.open("rb") as fh, np.load(fh, allow_pickle=False) as data:
        return LinearModel.load(dict(data))
