"""Train the newsfacts language model: ms / id / en / vi / other, and the Malay/Indonesian head.

Usage (from the repository root, with the package installed)::

    python models/msid/train.py ../shared/corpora
    python models/msid/train.py ../shared/corpora --heldout /tmp/langid-heldout

Reads the JSONL corpora of ``../shared/corpora`` (see SOURCES.md there), cuts them into
headlines, sentences and paragraphs, and splits every source BY DOCUMENT (FLORES: by parallel
sentence, so one sentence's Malay and Indonesian versions fall in the same split) into
train 70% / dev 10% / test 20%. Train fits the weights; dev picks the temperatures; test is
never looked at here except to print the final numbers (and, with ``--heldout``, to be written
out for ``benchmarks/langid.py``). Writes ``src/newsfacts/models/langid.npz``.

Method: multinomial logistic regression (``lang`` head) and NB-SVM binary logistic regression
(``msid`` head, Malay and Indonesian rows only, FLORES sentences weighted up) over the
bag-of-tokens features of ``newsfacts.langid.model`` (each token: its word + the mean of its
character 1-4-grams + its lexicon bin: how strongly wordfreq's Malay or Indonesian word list
prefers it), L2 regularised, full-batch Adam in numpy, classes weighted equally, then
temperature scaling. Needs ``pip install 'newsfacts[train]'`` (wordfreq).
Pure numpy: the sparse products are ``np.bincount`` over (row, column, value) triples.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from newsfacts.lang import loader
from newsfacts.langid.model import CLASSES, MODEL_FILE, ngrams, tokens, word_vectors

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "src" / "newsfacts" / "models" / MODEL_FILE

MIN_WORD_COUNT = 3
MAX_WORDS = 60_000
MIN_GRAM_COUNT = 5
MAX_GRAMS = 40_000
L2 = 3e-6
STEPS = 350
LEARNING_RATE = 0.08
KNOWN_WORD_COUNT = 2  # a word seen this often in a class's training text is "known" to it
MSID_L2 = 3e-5  # on the NB-scaled features of the msid head
NB_ALPHA = 1e-5  # smoothing of the msid head's Naive Bayes ratios (feature mass sums to 1)
FLORES_MSID_WEIGHT = 10.0  # a FLORES sentence weighs this many news units in the msid head
OTHER_WEIGHT = 0.3  # "other" is only Javanese and Banjar: let it claim less of the space
FLORES_OTHER = {"jv", "bjn"}  # Javanese and Banjar: close relatives that must stay "other"
# Word-frequency lexicon bins (wordfreq's Malay and Indonesian lists): a word whose frequency
# differs by under MIN_LEXICON_RATIO (log10) between the two lists gets no bin.
MIN_LEXICON_RATIO = 0.3
LEXICON_STEPS = (0.75, 1.5)  # log10 ratios that start the 2nd and 3rd bin of each side
LEXICON_BINS = 2 * (2 + len(LEXICON_STEPS))  # per side: only in that list, then by ratio
# Source names in the text would teach "which crawl", not "which language".
SOURCE_WORDS = re.compile(r"(?i)\b(liputan6(\.com)?|majoriti|bernama|dantri|bbc)\b")

Unit = dict[str, Any]  # {"text", "lang", "kind", "source", "split"}


def split_of(key: str) -> str:
    bucket = int(hashlib.md5(key.encode()).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 80 else "test"


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(]?[A-ZÀ-Ỹ])")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def chunks(items: list[str], size: int = 3) -> list[str]:
    return [" ".join(items[i : i + size]) for i in range(0, len(items), size)]


def read(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def units(corpora: Path) -> Iterator[Unit]:
    """Every labelled unit of the corpora, with its source and split."""

    def emit(text: str, lang: str, kind: str, source: str, key: str) -> Iterator[Unit]:
        text = SOURCE_WORDS.sub(" ", text).strip()
        if text:
            yield {
                "text": text,
                "lang": lang,
                "kind": kind,
                "source": source,
                "split": split_of(key),
            }

    for row in read(corpora / "news_ms.jsonl"):
        if row["id"].startswith("majoriti"):
            title, _, body = row["text"].partition("\n\n")
            body = body.split("— Majoriti")[0].split("Boleh follow media sosial")[0]
            sents = sentences(body)
            yield from emit(title, "ms", "headline", "majoriti", row["id"])
            for s in sents:
                yield from emit(s, "ms", "sentence", "majoriti", row["id"])
            for p in chunks(sents):
                yield from emit(p, "ms", "paragraph", "majoriti", row["id"])
        else:
            # Known label noise (some Indonesian inside): evaluation only, reported apart.
            yield from emit(row["text"], "ms", "paragraph", "malaya-noisy", row["id"])
    for row in read(corpora / "news_id.jsonl"):
        paras = [p.strip() for p in row["text"].split("\n\n") if p.strip()]
        if paras:
            paras[0] = re.sub(r"^\S*\.com,\s*[^-–]{1,40}\s[-–]\s*", "", paras[0])
        for p in paras:
            yield from emit(p, "id", "paragraph", "liputan6", row["id"])
            for s in sentences(p):
                yield from emit(s, "id", "sentence", "liputan6", row["id"])
    for row in read(corpora / "news_en_bbc.jsonl"):
        title, _, body = row["text"].partition("\n\n")
        yield from emit(title, "en", "headline", "bbc", row["id"])
        for p in (p.strip() for p in body.split("\n\n")):
            if p:
                yield from emit(p, "en", "paragraph", "bbc", row["id"])
                for s in sentences(p):
                    yield from emit(s, "en", "sentence", "bbc", row["id"])
    for row in read(corpora / "news_vi.jsonl"):
        lines = [x.strip() for x in row["text"].split("\n") if x.strip()]
        if row["id"].startswith("unc"):
            yield from emit(lines[0], "vi", "headline", "dantri", row["id"])
            for s in lines[1:]:
                yield from emit(s, "vi", "sentence", "dantri", row["id"])
            for p in chunks(lines[1:]):
                yield from emit(p, "vi", "paragraph", "dantri", row["id"])
        else:
            kind = "headline" if "headline" in row.get("meta", {}).get("kind", "") else "paragraph"
            for x in lines:
                yield from emit(x, "vi", kind, "binhvq", row["id"])
    for row in read(corpora / "headlines_bernama_ms_en.jsonl"):
        yield from emit(row["text"], row["lang"], "headline", "bernama", row["id"])
    for row in read(corpora / "langid_flores200_dev.jsonl"):
        lang = "other" if row["lang"] in FLORES_OTHER else row["lang"]
        key = f"flores-{row['labels']['parallel_index']}"
        yield from emit(row["text"], lang, "sentence", "flores", key)


def lexicon() -> dict[str, int]:
    """Word -> lexicon bin, from the word frequencies of Malay and Indonesian in ``wordfreq``.

    Our Malay news is one site and one month; wordfreq's lists (subtitles, Wikipedia, web text)
    know the everyday words of both languages (motosikal/motor, tayar/ban, kewangan/keuangan).
    A word's bin says which list prefers it and how strongly; the model learns how much each
    bin is worth, and the shipped vocabulary includes every lexicon word, so the bins cost
    nothing at run time.
    """
    try:
        import wordfreq
    except ImportError as exc:
        raise SystemExit("training needs wordfreq: pip install 'newsfacts[train]'") from exc
    ms, id_ = (wordfreq.get_frequency_dict(code, wordlist="small") for code in ("ms", "id"))
    bins = {}
    for word in sorted(set(ms) | set(id_)):
        if tokens(word) != [word]:
            continue
        a, b = ms.get(word), id_.get(word)
        side = 0 if b is None or (a is not None and a > b) else LEXICON_BINS // 2
        if a is None or b is None:
            bins[word] = side
            continue
        ratio = abs(math.log10(a / b))
        if ratio >= MIN_LEXICON_RATIO:
            bins[word] = side + 1 + sum(ratio >= step for step in LEXICON_STEPS)
    return bins


class Features:
    """Vocabulary and the sparse (sample x token) and (token x feature) matrices."""

    def __init__(self, train: list[Unit], bins: dict[str, int]) -> None:
        self.bins = bins
        word_counts: Counter[str] = Counter()
        class_counts: dict[str, Counter[str]] = {c: Counter() for c in CLASSES}
        for u in train:
            toks = tokens(u["text"])
            word_counts.update(toks)
            class_counts[u["lang"]].update(toks)
        gram_counts: Counter[str] = Counter()
        for w, c in word_counts.items():
            for g in ngrams(w):
                gram_counts[g] += c
        self.words = [w for w, c in word_counts.most_common(MAX_WORDS) if c >= MIN_WORD_COUNT]
        self.grams = [g for g, c in gram_counts.most_common(MAX_GRAMS) if c >= MIN_GRAM_COUNT]
        self.word_classes = np.array(
            [
                sum(
                    1 << c
                    for c, code in enumerate(CLASSES)
                    if class_counts[code][w] >= KNOWN_WORD_COUNT
                )
                for w in self.words
            ],
            dtype=np.uint8,
        )
        self.word_index = {w: i for i, w in enumerate(self.words)}
        self.gram_index = {g: len(self.words) + i for i, g in enumerate(self.grams)}
        self.bin_base = len(self.words) + len(self.grams)
        self.size = self.bin_base + LEXICON_BINS
        self.token_index: dict[str, int] = {}
        self.t_rows: list[int] = []
        self.t_cols: list[int] = []
        self.t_vals: list[float] = []

    def _token(self, tok: str) -> int:
        row = self.token_index.get(tok)
        if row is None:
            row = self.token_index[tok] = len(self.token_index)
            if tok in self.word_index:
                self.t_rows.append(row)
                self.t_cols.append(self.word_index[tok])
                self.t_vals.append(1.0)
            grams = ngrams(tok)
            for g, c in Counter(grams).items():
                if g in self.gram_index:
                    self.t_rows.append(row)
                    self.t_cols.append(self.gram_index[g])
                    self.t_vals.append(c / len(grams))
            if tok in self.bins:
                self.t_rows.append(row)
                self.t_cols.append(self.bin_base + self.bins[tok])
                self.t_vals.append(1.0)
        return row

    def matrix(self, texts: list[str]) -> Sparse:
        rows, cols, vals = [], [], []
        for i, text in enumerate(texts):
            for tok, c in Counter(tokens(text)).items():
                rows.append(i)
                cols.append(self._token(tok))
                vals.append(float(c))
        return Sparse(np.array(rows), np.array(cols), np.array(vals), len(texts))

    def token_matrix(self) -> Sparse:
        return Sparse(
            np.array(self.t_rows),
            np.array(self.t_cols),
            np.array(self.t_vals),
            len(self.token_index),
        )


class Sparse:
    """A (rows x columns) matrix as COO triples; products by bincount."""

    def __init__(self, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, n: int) -> None:
        self.rows, self.cols, self.vals, self.n = rows, cols, vals, n

    def dot(self, dense: np.ndarray) -> np.ndarray:
        """self @ dense."""
        out = np.empty((self.n, dense.shape[1]))
        for k in range(dense.shape[1]):
            out[:, k] = np.bincount(self.rows, self.vals * dense[self.cols, k], minlength=self.n)
        return out

    def tdot(self, dense: np.ndarray, width: int) -> np.ndarray:
        """self.T @ dense."""
        out = np.empty((width, dense.shape[1]))
        for k in range(dense.shape[1]):
            out[:, k] = np.bincount(self.cols, self.vals * dense[self.rows, k], minlength=width)
        return out


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def adam(
    loss_grad: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray, str]],
    w: np.ndarray,
    b: np.ndarray,
) -> None:
    """Full-batch Adam, in place: ``loss_grad(w, b)`` gives (grad w, grad b, progress line)."""
    m_w, v_w = np.zeros_like(w), np.zeros_like(w)
    m_b, v_b = np.zeros_like(b), np.zeros_like(b)
    lr, beta1, beta2 = LEARNING_RATE, 0.9, 0.999
    for step in range(1, STEPS + 1):
        grad_w, grad_b, progress = loss_grad(w, b)
        for param, grad, m, v in ((w, grad_w, m_w, v_w), (b, grad_b, m_b, v_b)):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            param -= lr * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
        if step % 50 == 0 or step == 1:
            print(f"  step {step}: {progress}", flush=True)


def train_lang(
    feats: Features, x: Sparse, y: np.ndarray, weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The ``lang`` head: multinomial logistic regression; returns (weights F x C, bias C)."""
    tm = feats.token_matrix()
    w = np.zeros((feats.size, len(CLASSES)))
    b = np.zeros(len(CLASSES))
    onehot = np.eye(len(CLASSES))[y]
    wl = weight / weight.sum()

    def loss_grad(w: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, str]:
        p = softmax(x.dot(tm.dot(w)) + b)
        g = (p - onehot) * wl[:, None]
        nll = -(wl * np.log(p[np.arange(len(y)), y] + 1e-12)).sum()
        return tm.tdot(x.tdot(g, tm.n), feats.size) + L2 * w, g.sum(axis=0), f"lang loss {nll:.4f}"

    adam(loss_grad, w, b)
    return w, b


def train_msid(
    feats: Features, x: Sparse, is_ms: np.ndarray, weight: np.ndarray
) -> tuple[np.ndarray, float]:
    """The ``msid`` head (Malay and Indonesian rows only); returns (weights F, bias).

    NB-SVM style (Wang & Manning 2012): each feature is first scaled by the size of its
    Naive Bayes log-count ratio between the two languages, then a logistic regression is fit
    on the scaled features. The product is again one weight per feature (the file format and
    the scoring do not change), but a feature that rarely separates the two languages has to
    earn a large weight against a small scale, so topic words and names of one crawl count
    less, and words whose spelling always differs (bahawa/bahwa) count more.
    """
    tm = feats.token_matrix()
    wn = weight / weight.sum()
    ms_counts, id_counts = (
        tm.tdot(x.tdot((wn * (is_ms == c))[:, None], tm.n), feats.size)[:, 0] for c in (1, 0)
    )
    ratio = np.log((ms_counts + NB_ALPHA) / (ms_counts.sum() + NB_ALPHA * feats.size)) - np.log(
        (id_counts + NB_ALPHA) / (id_counts.sum() + NB_ALPHA * feats.size)
    )
    scale = np.abs(ratio)
    scaled = Sparse(tm.rows, tm.cols, tm.vals * scale[tm.cols], tm.n)
    w = np.zeros((feats.size, 1))
    b = np.zeros(1)

    def loss_grad(w: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, str]:
        q = 1 / (1 + np.exp(-np.clip(x.dot(scaled.dot(w))[:, 0] + b[0], -50, 50)))
        g = ((q - is_ms) * wn)[:, None]
        nll = -(wn * np.log(np.where(is_ms == 1, q, 1 - q) + 1e-12)).sum()
        grad_w = scaled.tdot(x.tdot(g, scaled.n), feats.size) + MSID_L2 * w
        return grad_w, g.sum(axis=0), f"msid loss {nll:.4f}"

    adam(loss_grad, w, b)
    return w[:, 0] * scale, float(b[0])


def fit_temperature(logits: np.ndarray, target: np.ndarray, binary: bool) -> float:
    """The temperature that minimises the dev-set log loss (grid search)."""
    best, best_t = np.inf, 1.0
    for t in np.exp(np.linspace(np.log(0.2), np.log(20), 200)):
        if binary:
            q = 1 / (1 + np.exp(-logits / t))
            loss = -np.log(np.where(target == 1, q, 1 - q) + 1e-12).mean()
        else:
            p = softmax(logits / t)
            loss = -np.log(p[np.arange(len(target)), target] + 1e-12).mean()
        if loss < best:
            best, best_t = loss, float(t)
    return best_t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("corpora", type=Path, help="folder with the corpora JSONL files")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--heldout", type=Path, help="write the test split here as JSONL")
    args = ap.parse_args(argv)

    t0 = time.time()
    data = list(units(args.corpora))
    by_split: dict[str, list[Unit]] = {"train": [], "dev": [], "test": []}
    for u in data:
        # The noisy Malay paragraphs are never trained on (evaluation only).
        split = "test" if u["source"] == "malaya-noisy" and u["split"] == "train" else u["split"]
        by_split[split].append(u)
    print({k: len(v) for k, v in by_split.items()}, flush=True)
    train_units = by_split["train"]
    feats = Features(train_units, lexicon())
    print(f"{len(feats.words)} words, {len(feats.grams)} grams, {len(feats.bins)} lexicon words")
    x = feats.matrix([u["text"] for u in train_units])
    y = np.array([CLASSES.index(u["lang"]) for u in train_units])
    counts = np.bincount(y, minlength=len(CLASSES))
    weight = np.where(y == CLASSES.index("other"), OTHER_WEIGHT, 1.0) / counts[y]
    w_lang, b_lang = train_lang(feats, x, y, weight)
    # The msid head: Malay and Indonesian rows, each language weighing the same in all,
    # FLORES sentences (parallel, so free of topic) FLORES_MSID_WEIGHT times a news unit.
    pair = [i for i, u in enumerate(train_units) if u["lang"] in ("ms", "id")]
    x_pair = feats.matrix([train_units[i]["text"] for i in pair])
    is_ms = np.array([train_units[i]["lang"] == "ms" for i in pair], dtype=float)
    unit_weight = np.array(
        [FLORES_MSID_WEIGHT if train_units[i]["source"] == "flores" else 1.0 for i in pair]
    )
    for lang in (0, 1):
        unit_weight[is_ms == lang] /= unit_weight[is_ms == lang].sum()
    w_msid, b_msid = train_msid(feats, x_pair, is_ms, unit_weight)
    w = np.column_stack([w_lang, w_msid])
    b = np.append(b_lang, b_msid)

    # Temperatures on dev only, without the noisy Malay paragraphs: their wrong labels would
    # teach the model to doubt its right answers (on dev they doubled the msid temperature).
    dev = [u for u in by_split["dev"] if u["source"] != "malaya-noisy"]
    xd = feats.matrix([u["text"] for u in dev])
    zd = xd.dot(feats.token_matrix().dot(w)) + b
    yd = np.array([CLASSES.index(u["lang"]) for u in dev])
    n = len(CLASSES)
    t_lang = fit_temperature(zd[:, :n], yd, binary=False)
    msid_dev = np.isin(yd, [0, 1])
    # The discriminator's logit: the msid head plus the lang head's ms-minus-id margin
    # (LinearModel.msid_logit); on dev the sum beat either head alone.
    malay = zd[msid_dev, n] + zd[msid_dev, 0] - zd[msid_dev, 1]
    t_msid = fit_temperature(malay, (yd[msid_dev] == 0).astype(int), binary=True)
    print(f"temperatures: lang {t_lang:.3f}, msid {t_msid:.3f}", flush=True)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    # As shipped: the training vocabulary, then the lexicon words outside it; float16 weights
    # (the file stays small).
    words = feats.words + [t for t in feats.bins if t not in feats.word_index]
    own = np.zeros((len(words), w.shape[1]))
    own[: len(feats.words)] = w[: len(feats.words)]
    bin_w = w[feats.bin_base :]
    for i, t in enumerate(words):
        if t in feats.bins:
            own[i] += bin_w[feats.bins[t]]
    word_w = own.astype(np.float16).astype(np.float32)
    gram_w = w[len(feats.words) : feats.bin_base].astype(np.float16).astype(np.float32)
    classes = np.zeros(len(words), dtype=np.uint8)
    classes[: len(feats.words)] = feats.word_classes
    # Each word's full vector (its weights + its n-gram mean), so loading does no n-gram work.
    vectors = word_vectors(words, word_w, feats.grams, gram_w)
    np.savez_compressed(
        args.out,
        words=np.frombuffer("\n".join(words).encode(), dtype=np.uint8),
        grams=np.frombuffer("\n".join(feats.grams).encode(), dtype=np.uint8),
        word_vectors=vectors.astype(np.float16),
        word_classes=classes,
        gram_weights=gram_w.astype(np.float16),
        bias=b.astype(np.float32),
        temperatures=np.array([t_lang, t_msid], dtype=np.float32),
    )
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) in {time.time() - t0:.0f} s")
    print("learned msid weights of the lexicon bins (Malay side, then Indonesian side):")
    print("  " + " ".join(f"{v:+.2f}" for v in w[feats.bin_base :, len(CLASSES)]))
    print("msid logit of each marker word, all its features (positive: Malay):")
    index = {t: i for i, t in enumerate(words)}
    for code in ("ms", "id"):
        for word in loader.load(code, "langid")["markers"]:
            logit = "absent" if word not in index else f"{vectors[index[word], len(CLASSES)]:+.2f}"
            print(f"  {code} {word:12} {logit}")
    if args.heldout:
        args.heldout.mkdir(parents=True, exist_ok=True)
        with (args.heldout / "test.jsonl").open("w", encoding="utf-8") as fh:
            for u in by_split["test"]:
                fh.write(json.dumps(u, ensure_ascii=False) + "\n")
        with (args.heldout / "dev.jsonl").open("w", encoding="utf-8") as fh:
            for u in by_split["dev"]:
                fh.write(json.dumps(u, ensure_ascii=False) + "\n")
        print(f"wrote held-out test and dev units to {args.heldout}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
