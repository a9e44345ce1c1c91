"""The annotated entity data: the sentences of ``models/ner/data/<lang>.jsonl`` with their text
rebuilt from ``../shared/corpora`` (hash checked), and the MEN-Dataset articles flattened to
our conventions. ``train.py`` trains on the ``train`` split, ``benchmarks/entities_heldout.py``
measures on the ``test`` split.

A *set* is one source of annotations: ``ms``, ``vi``, ``id`` and ``en`` (British news) are our
annotated sentences, ``en-my`` the MEN-Dataset's Malaysian English articles; a language's
tagger trains on all of its sets (``SETS``).
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsfacts.text.normalize import OffsetMap, normalize

HERE = Path(__file__).parent
MEN_TEST_EVERY = 6
# with ``dev``, part of the training data is set aside to choose between designs on, so that
# the test split is never looked at until the end: sentences n % 11 == 5, MEN articles n % 6 == 2
DEV = 5
MEN_DEV = 2
# MEN types as ours; ROLE and TITLE are not entities (they stay outside a person's span)
MEN_LABELS = {
    "PERSON": "PER",
    "ORGANIZATION": "ORG",
    "LOCATION": "LOC",
    "FACILITY": "LOC",
    "EVENT": "MISC",
    "NORP": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
}

SETS = {"ms": ("ms",), "vi": ("vi",), "id": ("id",), "en": ("en", "en-my")}
CORPORA = {
    "ms": "news_ms.jsonl",
    "vi": "news_vi.jsonl",
    "id": "news_id.jsonl",
    "en": "news_en_bbc.jsonl",
}

Gold = list[tuple[int, int, str]]  # document offsets


def men_spans(entities: Iterable[dict[str, Any]]) -> Gold:
    """MEN's nested spans flattened to ours: a person is its innermost PERSON span less the
    titles and roles it starts with; then the longest other spans that overlap nothing kept."""
    spans = [(e["start"], e["end"], e["type"]) for e in entities]
    titles = [(s, e) for s, e, t in spans if t in ("TITLE", "ROLE")]
    people = [(s, e) for s, e, t in spans if t == "PERSON"]
    kept: Gold = []
    for s, e in people:
        if any(s <= s2 and e2 <= e and (s2, e2) != (s, e) for s2, e2 in people):
            continue  # not the innermost
        moved = True
        while moved:
            moved = False
            for ts, te in titles:
                if ts == s and te < e:
                    s, moved = te + 1, True
        kept.append((s, e, "PER"))
    others = sorted(
        ((s, e, MEN_LABELS[t]) for s, e, t in spans if t in MEN_LABELS and t != "PERSON"),
        key=lambda x: (x[0] - x[1], x[0]),
    )
    for s, e, label in others:
        if not any(s < e2 and s2 < e for s2, e2, _ in kept):
            kept.append((s, e, label))
    return sorted(kept)


def normalized(raw: str, gold: Gold) -> tuple[str, Gold]:
    """The normalised text and the spans moved into it (MEN's offsets are into its raw text)."""
    mapping = OffsetMap(raw)
    starts = [mapping.span(j, j + 1)[0] for j in range(len(mapping.text))]

    def at(offset: int) -> int:
        return bisect_left(starts, offset)

    return mapping.text, [(at(s), at(e), label) for s, e, label in gold]


def documents(
    corpora: Path, name: str, *, dev: bool = False
) -> Iterable[tuple[str, str, str, list[tuple[int, int, Gold]]]]:
    """(doc id, text, split, [(start, end, gold)]) for every annotated document of a set;
    with ``dev``, the split ``dev`` is taken out of ``train``."""
    if name == "en-my":
        for n, line in enumerate((corpora / "ner_en_men_train.jsonl").open(encoding="utf-8")):
            row = json.loads(line)
            split = "test" if n % MEN_TEST_EVERY == MEN_TEST_EVERY - 1 else "train"
            if dev and split == "train" and n % MEN_TEST_EVERY == MEN_DEV:
                split = "dev"
            text, gold = normalized(row["text"], men_spans(row["labels"]["entities"]))
            yield row["id"], text, split, [(0, len(text), gold)]
        return
    items: dict[str, list[dict[str, Any]]] = {}
    for line in (HERE / "data" / f"{name}.jsonl").open(encoding="utf-8"):
        item = json.loads(line)
        if dev and item["split"] == "train" and item["n"] % 11 == DEV:
            item["split"] = "dev"
        items.setdefault(item["doc"], []).append(item)
    for line in (corpora / CORPORA[name]).open(encoding="utf-8"):
        row = json.loads(line)
        if row["id"] not in items:
            continue
        text = normalize(row["text"])
        for split in ("train", "dev", "test"):
            parts = []
            for it in items[row["id"]]:
                if it["split"] != split:
                    continue
                sentence = text[it["start"] : it["end"]]
                assert hashlib.sha1(sentence.encode()).hexdigest() == it["sha1"], it["n"]
                gold = [(it["start"] + s, it["start"] + e, label) for s, e, label in it["entities"]]
                parts.append((it["start"], it["end"], gold))
            if parts:
                yield row["id"], text, split, parts
