"""Picks the sentences to annotate for the entity model, by a rule fixed before annotation.

Usage::

    python models/ner/pick.py ../shared/corpora /work/ner_annot

For ms, vi and id (``news_<lang>.jsonl``) and en (``news_en_bbc.jsonl``: British news, so that
the English tagger learns more than the Malaysian English of the MEN-Dataset), in file order:
every sentence (the project's sentence spans, closing stop included) of every line of the
normalised text with 5 to 60 words is eligible; every ``len(eligible) // 1650``-th is picked,
the first 1,650. Picked sentences numbered ``n % 11 == 10`` (150) are the held-out test set,
the rest (1,500) the training set. Each goes to ``OUT/<lang>/batch_NN.jsonl`` (75 sentences a
batch) with the rule backend's entities as pre-labels, offsets relative to the sentence, for an
annotator to correct by reading (conventions: ``models/ner/ANNOTATION.md``). Worksheets hold
corpus text: they stay outside the repository; ``store.py`` keeps only ids, offsets, labels and
hashes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from corpus import CORPORA

import newsfacts
from newsfacts.model import Block, Entity
from newsfacts.text.normalize import normalize
from newsfacts.text.sentences import sentences

SIZE = 1650
BATCH = 75
TEST_EVERY = 11  # n % 11 == 10: the held-out test sentences


def eligible(path: Path) -> list[dict[str, Any]]:
    found = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text = normalize(row["text"])
            offset = 0
            for i, para in enumerate(text.split("\n")):
                block = Block(i, offset, offset + len(para), "paragraph", para)
                for start, end in sentences(block, closed=True):
                    sentence = text[start:end]
                    if 5 <= len(sentence.split()) <= 60:
                        found.append({"doc": row["id"], "start": start, "end": end})
                offset += len(para) + 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--langs", nargs="+", choices=sorted(CORPORA), default=sorted(CORPORA))
    args = parser.parse_args()
    for lang in args.langs:
        path = args.corpora / CORPORA[lang]
        pool = eligible(path)
        step = max(1, len(pool) // SIZE)
        picked = [e for i, e in enumerate(pool) if i % step == 0][:SIZE]
        texts = {}
        wanted = {p["doc"] for p in picked}
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row["id"] in wanted:
                    texts[row["id"]] = row["text"]
        articles = {}
        batches: dict[int, list[str]] = {}
        for n, p in enumerate(picked):
            if p["doc"] not in articles:
                articles[p["doc"]] = newsfacts.extract(texts[p["doc"]], doc_id=p["doc"], lang=lang)
            article = articles[p["doc"]]
            sentence = article.text[p["start"] : p["end"]]
            pre = [
                {
                    "start": f.start - p["start"],
                    "end": f.end - p["start"],
                    "label": f.value.label,
                    "text": f.text,
                }
                for f in article.facts_of("entity")
                if isinstance(f.value, Entity) and p["start"] <= f.start and f.end <= p["end"]
            ]
            record = {
                "n": n,
                "split": "test" if n % TEST_EVERY == TEST_EVERY - 1 else "train",
                **p,
                "sha1": hashlib.sha1(sentence.encode()).hexdigest(),
                "text": sentence,
                "pre": pre,
            }
            batches.setdefault(n // BATCH, []).append(json.dumps(record, ensure_ascii=False))
        folder = args.out / lang
        folder.mkdir(parents=True, exist_ok=True)
        for k, lines in batches.items():  # a rerun replaces the worksheets, never appends
            (folder / f"batch_{k:02d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(lang, len(pool), "eligible,", len(picked), "picked, step", step)


if __name__ == "__main__":
    main()
