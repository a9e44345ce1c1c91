"""Trains the CRF entity taggers (``src/newsfacts/models/ner-<lang>.crfsuite``).

Usage::

    python models/ner/train.py ../shared/corpora [--langs ms vi id en] [--out DIR]

Data (``corpus.py``): for ms, vi and id the ``train`` split of the annotated sentences of
``models/ner/data/<lang>.jsonl`` (picked by ``pick.py``, corrected by reading,
``ANNOTATION.md``; for en, British news sentences) and for en also the MEN-Dataset training
articles (MIT licence) flattened to our conventions, every sixth held out. The features
(``newsfacts.entities.backends.features``) include the shipped word clusters (``clusters.py``
builds them: run it first when the corpora change) and the rules' mentions, computed in the
whole document as the pipeline does. The held-out scores come from
``benchmarks/entities_heldout.py``, never from this script.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corpus import SETS, Gold, documents

import newsfacts
from newsfacts.entities.backends.crf import CrfEntities, TaggerInput
from newsfacts.model import Block, Context, Fact

HERE = Path(__file__).parent
MODELS = HERE.parents[1] / "src" / "newsfacts" / "models"
PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}


def bio(inp: TaggerInput, gold: Gold, lo: int, hi: int) -> tuple[list[Any], list[str]] | None:
    """The features and BIO labels of the tokens of ``inp`` within ``[lo, hi)``."""
    offset = inp.block.start
    idx = [k for k, (s, e) in enumerate(inp.spans) if lo <= s + offset and e + offset <= hi]
    if not idx:
        return None
    labels = ["O"] * len(idx)
    for gs, ge, label in gold:
        inside = [
            n
            for n, k in enumerate(idx)
            if gs <= inp.spans[k][0] + offset and inp.spans[k][1] + offset <= ge
        ]
        for m, n in enumerate(inside):
            labels[n] = f"{'B' if m == 0 else 'I'}-{label}"
    return [inp.features[k] for k in idx], labels


class _Recorder:
    """An entity backend that keeps the tagger input of every block and finds nothing."""

    name = "recorder"

    def __init__(self, crf: CrfEntities) -> None:
        self.crf = crf
        self.lang = ""  # the language of the tagger being trained: its clusters are read
        self.inputs: list[TaggerInput] = []

    def entities(self, ctx: Context, blocks: Sequence[Block]) -> list[Fact]:
        self.inputs = list(self.crf.sequences(ctx, blocks, boilerplate=True, clusters_of=self.lang))
        return []


def main() -> None:
    import pycrfsuite

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path)
    parser.add_argument("--langs", nargs="+", default=["ms", "vi", "id", "en"])
    parser.add_argument("--out", type=Path, default=MODELS)
    parser.add_argument(
        "--dev", action="store_true", help="leave the dev split out (to compare designs on it)"
    )
    args = parser.parse_args()
    recorder = _Recorder(CrfEntities(str(args.out)))
    features = newsfacts.Extractor(entities=[recorder], scanners=[], linkers=[])
    for lang in args.langs:
        recorder.lang = lang
        trainer = pycrfsuite.Trainer(verbose=False)
        trainer.set_params(PARAMS)
        sequences = tokens = 0
        for doc_id, text, split, parts in (
            doc for name in SETS[lang] for doc in documents(args.corpora, name, dev=args.dev)
        ):
            if split != "train":
                continue
            features.extract(text, doc_id=doc_id, lang=lang)
            for lo, hi, gold in parts:
                for inp in recorder.inputs:
                    pair = bio(inp, gold, lo, hi)
                    if pair is not None:
                        trainer.append(*pair)
                        sequences, tokens = sequences + 1, tokens + len(pair[1])
        started = time.monotonic()
        args.out.mkdir(parents=True, exist_ok=True)
        path = args.out / f"ner-{lang}.crfsuite"
        trainer.train(str(path))
        print(
            f"{lang}: {sequences} sequences, {tokens} tokens, trained in "
            f"{time.monotonic() - started:.0f} s -> {path} ({path.stat().st_size // 1024} KB)"
        )


if __name__ == "__main__":
    main()
