"""Words per second of the entity backends, side by side, on one core.

    python benchmarks/entities.py CORPUS.jsonl [CORPUS.jsonl ...] [--limit N] [--repeat N]
        [--transformers MODEL_DIR] [--underthesea]

Each corpus is JSONL with ``text`` and ``lang``. Documents are split into blocks once (not
timed); each backend is timed on the same blocks. As a reference point the script also
times spaCy's blank tokenizer alone (``spacy.blank("xx")``) on the same text: the rule
backend tokenises, matches cues and assigns keys, and still has to keep up with that. The
shipped taggers (the default backend) run the rules for their features, then the CRF.
Times are CPU seconds of this process (``time.process_time``), the best of ``--repeat``
passes, so other work on a shared machine disturbs them less.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from corpus import rows

from newsfacts.dates.scanner import find as find_dates
from newsfacts.entities import RuleEntities
from newsfacts.entities.backends import CrfEntities
from newsfacts.layout.blocks import segment
from newsfacts.model import Block, Context

_VI = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def load(paths: list[str], limit: int) -> list[tuple[Context, list[Block], int]]:
    docs = []
    for i, row in rows(paths, limit):
        text, lang = row["text"], row.get("lang")
        blocks = [
            replace(b, lang="vi" if _VI & set(b.text.lower()) else lang, lang_score=0.99)
            for b in segment(text, find_dates).blocks
        ]
        docs.append((Context(str(i), text, None, lang), blocks, len(text.split())))
    return docs


def best_of(repeat: int, run: Callable[[], int]) -> tuple[float, int]:
    """The fewest CPU seconds ``run`` took in ``repeat`` passes, and what it returned."""
    best, result = float("inf"), 0
    for _ in range(repeat):
        start = time.process_time()
        result = run()
        best = min(best, time.process_time() - start)
    return best, result


def time_backend(
    backend: Any, docs: list[tuple[Context, list[Block], int]], repeat: int
) -> tuple[float, int]:
    backend.entities(*docs[0][:2])  # load data and models before the clock starts
    return best_of(
        repeat, lambda: sum(len(backend.entities(ctx, blocks)) for ctx, blocks, _ in docs)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="+")
    parser.add_argument("--limit", type=int, default=500, help="documents per corpus")
    parser.add_argument("--repeat", type=int, default=3, help="passes; the fastest counts")
    parser.add_argument("--transformers", metavar="MODEL_DIR")
    parser.add_argument("--underthesea", action="store_true")
    args = parser.parse_args()
    docs = load(args.corpus, args.limit)
    words = sum(n for _, _, n in docs)
    rows: list[tuple[str, float, int | None]] = []

    seconds, found = time_backend(RuleEntities(), docs, args.repeat)
    rows.append(("newsfacts rules", seconds, found))
    seconds, found = time_backend(CrfEntities(), docs, args.repeat)
    rows.append(("newsfacts crf taggers (default; run the rules too)", seconds, found))
    try:
        import spacy

        nlp = spacy.blank("xx")
        seconds, _ = best_of(
            args.repeat, lambda: sum(len(nlp.make_doc(c.text)) for c, _, _ in docs)
        )
        rows.append(("spaCy blank('xx') tokenizer only", seconds, None))
    except ImportError:
        pass
    if args.underthesea:
        from newsfacts.entities.backends import UndertheseaEntities

        vi = [d for d in docs if d[0].lang == "vi"]
        seconds, found = time_backend(UndertheseaEntities(), vi, 1)
        vi_words = max(1, sum(n for *_, n in vi))
        # scaled to the time it would take on all the words, so the columns compare
        rows.append(("underthesea (vi documents only)", seconds * words / vi_words, found))
    if args.transformers:
        from newsfacts.entities.backends import TransformersEntities

        seconds, found = time_backend(TransformersEntities(args.transformers), docs, 1)
        rows.append((f"transformers {args.transformers}", seconds, found))

    base = rows[0][1]
    print(f"{len(docs)} documents, {words} words, one process, CPU time")
    print(f"{'backend':45} {'words/s':>10} {'time vs rules':>14} {'entities':>9}")
    for name, seconds, entities in rows:
        count = "-" if entities is None else str(entities)
        print(f"{name:45} {words / seconds:10,.0f} {seconds / base:13.2f}x {count:>9}")


if __name__ == "__main__":
    main()
