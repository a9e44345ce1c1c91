"""The trained linear language model: features, loading and scoring.

The model is a bag of tokens. Each lower-cased letter run ("token") contributes a fixed
vector of logits: the weight of the word itself plus the mean weight of its character
1-4-grams (with ``^``/``$`` word boundaries, so unseen words and names still count). A text's
logits are the sum of its tokens' vectors, so a token's vector is computed once and cached:
scoring a paragraph is a regex pass, a dictionary lookup per token and one numpy sum.

Two heads share the features: ``lang`` (softmax over :data:`CLASSES`) and ``msid`` (one
logit, Malay positive, trained on Malay and Indonesian text only). Both are temperature
calibrated. ``models/msid/train.py`` writes the model file; the feature functions here are
the ones it trains with, so training and scoring cannot drift apart.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from importlib import resources
from typing import cast

import numpy as np
import numpy.typing as npt

CLASSES: tuple[str, ...] = ("ms", "id", "en", "vi", "other")
NGRAM_SIZES: tuple[int, ...] = (1, 2, 3, 4)
MAX_TOKEN = 24  # longer letter runs are glued words or garbage: cut into pieces this long
MODEL_FILE = "langid.npz"

# Letter runs; digits and underscore excluded so "RM2.3" gives "rm" and "Rp10" gives "rp".
_TOKEN = re.compile(rf"[^\W\d_]{{1,{MAX_TOKEN}}}")

Vector = npt.NDArray[np.float32]


def tokens(text: str) -> list[str]:
    """The lower-cased letter runs of ``text`` (runs over :data:`MAX_TOKEN` letters are split)."""
    return _TOKEN.findall(text.lower())


def ngrams(token: str) -> list[str]:
    """Character 1-4-grams of ``^token$`` (the boundary markers alone are not grams)."""
    padded = f"^{token}$"
    return [
        padded[i : i + n]
        for n in NGRAM_SIZES
        for i in range(len(padded) - n + 1)
        if padded[i : i + n] not in ("^", "$")
    ]


class LinearModel:
    """Word and n-gram weights for both heads; :meth:`totals` sums cached token vectors.

    Columns of a token vector: the ``lang`` logits (one per class), the ``msid`` logit, then
    one flag per class that is 1 when the word itself is a known word of that class, so a
    text's totals also say how many of its words each language knows.
    """

    CACHE_ROWS = 1 << 16

    def __init__(
        self,
        words: list[str],
        word_weights: Vector,
        word_classes: npt.NDArray[np.uint8],
        grams: list[str],
        gram_weights: Vector,
        bias: Vector,
        temperatures: Vector,
    ) -> None:
        self.word_index = {w: i for i, w in enumerate(words)}
        self.gram_index = {g: i for i, g in enumerate(grams)}
        self.word_weights = word_weights
        # Bit c of word_classes[i]: word i is a known word of CLASSES[c].
        bits = 1 << np.arange(len(CLASSES), dtype=np.uint8)
        self.word_known = ((word_classes[:, None] & bits) > 0).astype(np.float32)
        self.heads = word_weights.shape[1]
        self.gram_weights = gram_weights
        self.bias = bias
        self.temperatures = temperatures
        self.width = self.heads + len(CLASSES)
        self._rows: dict[str, int] = {}
        self._vectors: Vector = np.zeros((self.CACHE_ROWS, self.width), dtype=np.float32)
        # The cache is shared by every caller of the loaded model: one thread at a time.
        self._lock = threading.Lock()

    @classmethod
    def load(cls, data: dict[str, npt.NDArray[np.generic]]) -> LinearModel:
        words = bytes(data["words"]).decode("utf-8").split("\n")
        grams = bytes(data["grams"]).decode("utf-8").split("\n")
        return cls(
            words,
            data["word_weights"].astype(np.float32),
            data["word_classes"].astype(np.uint8),
            grams,
            data["gram_weights"].astype(np.float32),
            data["bias"].astype(np.float32),
            data["temperatures"].astype(np.float32),
        )

    def vector(self, token: str) -> Vector:
        """The (uncached) contribution of one token."""
        out = np.zeros(self.width, dtype=np.float32)
        word = self.word_index.get(token)
        if word is not None:
            out[: self.heads] += self.word_weights[word]
            out[self.heads :] = self.word_known[word]
        grams = ngrams(token)
        found = [i for i in map(self.gram_index.get, grams) if i is not None]
        if found:
            out[: self.heads] += self.gram_weights[found].sum(axis=0) / len(grams)
        return out

    def totals(self, toks: list[str]) -> Vector:
        """Sum of the token vectors: raw logits (no bias) and known-word counts per class."""
        with self._lock:
            return self._totals(toks)

    def _totals(self, toks: list[str]) -> Vector:
        found = list(map(self._rows.get, toks))
        if None not in found:  # the common case once the frequent words are cached
            total: Vector = self._vectors[cast("list[int]", found)].sum(axis=0)
            return total
        return self._totals_slow(toks)

    def _totals_slow(self, toks: list[str]) -> Vector:
        total = np.zeros(self.width, dtype=np.float32)
        rows = self._rows
        pending: list[int] = []
        for token in toks:
            row = rows.get(token)
            if row is None:
                if len(rows) == self.CACHE_ROWS:
                    # Cache full (huge or garbage input): flush what is summed so far, restart.
                    total += self._vectors[pending].sum(axis=0)
                    pending = []
                    rows.clear()
                row = len(rows)
                rows[token] = row
                self._vectors[row] = self.vector(token)
            pending.append(row)
        if pending:
            total += self._vectors[pending].sum(axis=0)
        return total


@cache
def default_model() -> LinearModel:
    """The model shipped in the package (loaded once)."""
    path = resources.files("newsfacts") / "models" / MODEL_FILE
    with path.open("rb") as fh, np.load(fh, allow_pickle=False) as data:
        return LinearModel.load(dict(data))
