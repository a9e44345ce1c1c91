"""Builds the word clusters the entity taggers read (``models/clusters-<lang>.tsv.gz``).

Usage::

    python models/ner/clusters.py ../shared/corpora [--langs ms vi id en] [--out DIR]

A word's cluster says which words are used like it: names of people, of places, of companies,
months, verbs of saying. The tagger sees that for words no annotated sentence holds, which is
where its recall and precision on others' news are lost. Built from the unlabelled news of
the corpora (``CORPORA`` and the Bernama headlines of the language), leaving out every
document that holds a held-out sentence of ``models/ner/data/<lang>.jsonl``, so no held-out
text shapes a feature. Each word of the ``VOCABULARY`` most frequent (seen ``MIN_COUNT``
times at least), in lower case, gets a vector of its neighbours (the word before and after
among the ``CONTEXTS`` most frequent tokens, and two before and after among a quarter of
them), weighted by positive pointwise mutual information (context counts smoothed by
``ALPHA``), reduced to ``DIMENSIONS`` by a truncated SVD; k-means (cosine, seeded, so the file
is the same on every run) then cuts them into ``COARSE`` and ``FINE`` clusters. The file has
one line per word: ``word<TAB>coarse<TAB>fine``.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import torch
from corpus import CORPORA

from newsfacts.text.tokens import tokenize

HERE = Path(__file__).parent
MODELS = HERE.parents[1] / "src" / "newsfacts" / "models"
HEADLINES = "headlines_bernama_ms_en.jsonl"
VOCABULARY, MIN_COUNT, CONTEXTS = 40_000, 3, 2_000
# Indonesian reads the Malay news too: its own corpus is small (a fifth of the tokens; the
# model card has the dev-split comparison)
SOURCES = {"id": ("id", "ms")}
ALPHA, DIMENSIONS, COARSE, FINE, SEED = 0.75, 100, 64, 512, 0


def texts(corpora: Path, lang: str) -> Iterator[str]:
    """The unlabelled news of the language (and of its ``SOURCES``), less the documents of
    held-out sentences."""
    for code in SOURCES.get(lang, (lang,)):
        held_out = {
            row["doc"]
            for line in (HERE / "data" / f"{code}.jsonl").read_text(encoding="utf-8").splitlines()
            if (row := json.loads(line))["split"] == "test"
        }
        for name in (CORPORA[code], HEADLINES):
            with (corpora / name).open(encoding="utf-8") as fh:
                for line in fh:
                    row = json.loads(line)
                    if row.get("lang", code) == code and row["id"] not in held_out:
                        yield row.get("text") or ""


def embeddings(docs: list[list[str]]) -> tuple[list[str], np.ndarray]:
    """The vocabulary and one unit vector per word."""
    counts = Counter(t for doc in docs for t in doc)
    vocab = [w for w, c in counts.most_common(VOCABULARY) if c >= MIN_COUNT and w.isalpha()]
    contexts = [w for w, _ in counts.most_common(CONTEXTS)]
    index = {w: k for k, w in enumerate(vocab)}
    ctx = {w: k for k, w in enumerate(contexts)}
    near, far = len(contexts), len(contexts) // 4
    # columns: left neighbour, right neighbour, two left, two right
    blocks = [(-1, 0, near), (1, near, near), (-2, 2 * near, far), (2, 2 * near + far, far)]
    width = 2 * near + 2 * far
    found: list[np.ndarray] = []
    for doc in docs:
        rows = np.array([index.get(t, -1) for t in doc])
        cols = np.array([ctx.get(t, CONTEXTS) for t in doc])
        for shift, base, size in blocks:
            w = rows[max(0, -shift) : len(doc) - max(0, shift)]
            c = cols[max(0, shift) : len(doc) - max(0, -shift)]
            keep = (w >= 0) & (c < size)
            found.append(w[keep] * width + base + c[keep])
    cells = np.bincount(np.concatenate(found), minlength=len(vocab) * width)
    matrix = cells.reshape(len(vocab), width).astype(np.float64)
    total = matrix.sum()
    word_p = matrix.sum(axis=1, keepdims=True) / total
    ctx_mass = matrix.sum(axis=0, keepdims=True) ** ALPHA
    ctx_p = ctx_mass / ctx_mass.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(matrix / total) - np.log(word_p) - np.log(ctx_p)
    ppmi = torch.from_numpy(np.maximum(np.nan_to_num(pmi, neginf=0.0), 0.0).astype(np.float32))
    torch.manual_seed(SEED)
    u, s, _ = torch.svd_lowrank(ppmi, q=DIMENSIONS, niter=4)
    vectors = (u * s.sqrt()).numpy()
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return vocab, vectors


def kmeans(vectors: np.ndarray, k: int, iterations: int = 30) -> np.ndarray:
    """Each vector's cluster (cosine k-means, centres seeded from the vectors)."""
    rng = np.random.default_rng(SEED)
    centres = vectors[rng.choice(len(vectors), size=k, replace=False)]
    for _ in range(iterations):
        assign = (vectors @ centres.T).argmax(axis=1)
        for j in range(k):
            members = vectors[assign == j]
            if len(members):
                centre = members.sum(axis=0)
                centres[j] = centre / (np.linalg.norm(centre) + 1e-9)
    return (vectors @ centres.T).argmax(axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path)
    parser.add_argument("--langs", nargs="+", default=["ms", "vi", "id", "en"])
    parser.add_argument("--out", type=Path, default=MODELS)
    args = parser.parse_args()
    for lang in args.langs:
        docs = [[t.lower() for _, _, t in tokenize(text)] for text in texts(args.corpora, lang)]
        vocab, vectors = embeddings(docs)
        coarse, fine = kmeans(vectors, COARSE), kmeans(vectors, FINE)
        args.out.mkdir(parents=True, exist_ok=True)
        path = args.out / f"clusters-{lang}.tsv.gz"
        lines = "".join(f"{w}\t{c}\t{f}\n" for w, c, f in zip(vocab, coarse, fine, strict=True))
        path.write_bytes(gzip.compress(lines.encode("utf-8"), mtime=0))
        tokens = sum(map(len, docs))
        print(f"{lang}: {len(docs)} documents, {tokens} tokens, {len(vocab)} words -> {path}")


if __name__ == "__main__":
    main()
