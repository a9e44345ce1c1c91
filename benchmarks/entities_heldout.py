"""The entity backends side by side on held-out annotated news: P/R/F1 per label, words per
second, load time and memory, in one run.

    python benchmarks/entities_heldout.py ../shared/corpora [--sets ms vi id en en-my] [--check]

The text: the ``test`` split of ``models/ner/data/<lang>.jsonl`` (sentences picked by a fixed
rule and annotated by reading before any model was trained; never trained or tuned on; en:
British news) and, as ``en-my``, every sixth MEN-Dataset article (Malaysian English,
``models/ner/corpus.py``). Backends: the rules, the
shipped CRF taggers, the two merged, underthesea's CRF (vi, with the ``underthesea`` extra),
and every installed spaCy pipeline (``spacy.util.get_installed_models()``). Scores are exact
spans and labels in the annotated sentences; ``PER+ORG+LOC`` sums those three. Speed is
words per CPU second of this process over the test documents (entities only: the other
stages are off), load time the first document's, memory the growth of peak RSS while the
backend was built and run, each backend in its own process. With ``--check`` the run fails
(exit status 1) when a score falls below its floor in ``FLOORS`` (the measured values rounded
down: the gate for these scores, which needs the corpora and so is not part of the tests).
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models" / "ner"))
from corpus import SETS, Gold, documents

LABELS = ("PER", "ORG", "LOC", "MISC")
FLOORS = Path(__file__).resolve().parents[1] / "models" / "ner" / "floors.json"


def backend_names(lang: str) -> list[str]:
    names = ["rules", "crf", "rules+crf"]
    try:
        import underthesea  # noqa: F401

        if lang == "vi":
            names += ["underthesea", "rules+underthesea"]
    except ImportError:
        pass
    try:
        import spacy

        names += [f"spacy:{name}" for name in spacy.util.get_installed_models()]
    except ImportError:
        pass
    return names


def _measure(name: str, lang: str, docs: list[Any], models: str | None, queue: Any) -> None:
    import newsfacts
    from newsfacts.entities.backends import CrfEntities

    before = peak_kb()
    started = time.process_time()
    backends = [CrfEntities(models) if b == "crf" else b for b in name.split("+")]
    extractor = newsfacts.Extractor(entities=backends, scanners=[], linkers=[])
    counts: Counter[str] = Counter()
    load = words = 0.0
    for n, (doc_id, text, parts) in enumerate(docs):
        article = extractor.extract(text, doc_id=doc_id, lang=lang)
        if n == 0:
            load = time.process_time() - started
        words += len(text.split())
        for lo, hi, gold in parts:
            got = [
                (f.start, f.end, f.value.label)
                for f in article.facts_of("entity")
                if lo <= f.start and f.end <= hi
            ]
            score(counts, gold, got)
    seconds = time.process_time() - started - load
    grown = peak_kb() - before
    queue.put((counts, words / seconds if seconds else 0.0, load, grown / 1024))


def peak_kb() -> int:
    """This process's peak resident memory in KB: VmHWM, which starts anew at exec (the
    rusage peak of a spawned child would start at its parent's)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def score(counts: Counter[str], gold: Gold, got: Gold) -> None:
    g, p = set(gold), set(got)
    for label in LABELS:
        gl = {x for x in g if x[2] == label}
        pl = {x for x in p if x[2] == label}
        counts[f"{label}.tp"] += len(gl & pl)
        counts[f"{label}.fp"] += len(pl - gl)
        counts[f"{label}.fn"] += len(gl - pl)


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def scores(counts: Counter[str]) -> dict[str, float]:
    """Precision, recall and F1 of PER+ORG+LOC."""
    tp = sum(counts[f"{label}.tp"] for label in LABELS[:3])
    fp = sum(counts[f"{label}.fp"] for label in LABELS[:3])
    fn = sum(counts[f"{label}.fn"] for label in LABELS[:3])
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": f1(tp, fp, fn),
    }


def short_of(floor: dict[str, float], counts: Counter[str], *names: str) -> list[str]:
    """The scores under their floor, one line each (and a note where a floor can rise)."""
    measured, below = scores(counts), []
    for metric, least in floor.items():
        label = f"{' '.join(names)} {metric} {measured[metric]:.3f}"
        if measured[metric] < least:
            below.append(f"{label} < floor {least}")
        elif math.floor(measured[metric] * 100) / 100 > least:
            print(f"<!-- {label}: floor {least} can rise -->")
    return below


def row(lang: str, name: str, counts: Counter[str], wps: float, load: float, mem: float) -> str:
    p, r, f = scores(counts).values()
    labels = " | ".join(
        f"{f1(counts[f'{x}.tp'], counts[f'{x}.fp'], counts[f'{x}.fn']):.2f}" for x in LABELS
    )
    return (
        f"| {lang} | {name} | {p:.2f} | {r:.2f} | **{f:.2f}** | {labels} | "
        f"{wps:,.0f} | {load:.2f} s | {mem:.0f} MB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path)
    sets = [name for names in SETS.values() for name in names]
    parser.add_argument("--sets", nargs="+", choices=sets, default=sets)
    parser.add_argument(
        "--dev",
        metavar="MODELS",
        help="score the dev split instead, with the taggers that train.py --dev wrote to MODELS",
    )
    parser.add_argument("--check", action="store_true", help=f"fail below the floors of {FLOORS}")
    args = parser.parse_args()
    floors = {} if args.dev else json.loads(FLOORS.read_text(encoding="utf-8"))
    below: list[str] = []
    print(
        "| lang | backend | P | R | F1 PER+ORG+LOC | PER F1 | ORG F1 | LOC F1 | MISC F1 "
        "| words/s | load | memory |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    context = multiprocessing.get_context("spawn")
    for name in args.sets:
        lang = next(code for code, names in SETS.items() if name in names)
        docs = [
            (doc_id, text, parts)
            for doc_id, text, split, parts in documents(args.corpora, name, dev=bool(args.dev))
            if split == ("dev" if args.dev else "test")
        ]
        sentences = sum(len(parts) for _, _, parts in docs)
        for backend in backend_names(lang):
            queue = context.Queue()
            proc = context.Process(target=_measure, args=(backend, lang, docs, args.dev, queue))
            proc.start()
            result = queue.get()
            proc.join()
            print(row(name, backend, *result))
            below += short_of(floors.get(name, {}).get(backend, {}), result[0], name, backend)
        print(f"<!-- {name}: {len(docs)} documents, {sentences} annotated parts -->")
    for line in below:
        print(f"below its floor: {line}", file=sys.stderr)
    if args.check and below:
        sys.exit(1)


if __name__ == "__main__":
    main()
