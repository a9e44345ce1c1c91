"""Every figure that changes between two newsfacts trees on the same corpus paragraphs, and
the figure scanner's throughput in each, measured in one run.

    python benchmarks/figure_changes.py --old /tmp/base ../shared/corpora/news_ms.jsonl \\
        ../shared/corpora/news_vi.jsonl ../shared/corpora/news_en_bbc.jsonl \\
        ../shared/corpora/news_id.jsonl --docs 2000 --out /tmp/changes.jsonl

``--old`` and ``--new`` are trees with ``src/newsfacts`` (a ``git worktree add`` of another
commit; ``--new`` defaults to this one). The first ``--docs`` documents, shared evenly among
the files, are split into paragraphs (as ``benchmarks/corpus.py`` does) and scanned by
``FigureScanner.figures(paragraph, lang)`` of each tree in a fresh process.

Prints the number of figures of each tree, how many were added, removed or changed (the same
span read differently), and the throughput of each tree in MB/s of UTF-8 text (process CPU
time of the scan alone, the fastest of ``--repeat`` runs in each of ``--rounds`` fresh
processes per tree, old and new in turn, so that a change in the load of a shared machine
weighs on both). ``--out``
gets one JSON line per paragraph whose figures differ, with both readings: a worksheet for
checking the changes by hand. It holds corpus text, so it belongs outside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from corpus import rows

ROOT = Path(__file__).resolve().parent.parent

# Run inside each tree's process: scans the paragraphs of a JSONL, writes their figures,
# prints the fastest scan's CPU seconds. Only FigureScanner.figures is used, which every
# tree since the figures stage has.
_WORKER = r"""
import json, sys, time
from newsfacts.figures.scanner import FigureScanner
paras = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
scanner = FigureScanner()
for p in paras[:50]:
    list(scanner.figures(p["text"], p["lang"]))  # loading the data is not timed
best = None
for _ in range(int(sys.argv[3])):
    begin = time.process_time()
    found = [list(scanner.figures(p["text"], p["lang"])) for p in paras]
    spent = time.process_time() - begin
    best = spent if best is None else min(best, spent)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for figures in found:
        out.write(json.dumps([[k, s, e, v.record()] for k, s, e, v, _ in figures]) + "\n")
print(best)
"""


def _paragraphs(paths: list[str], docs: int) -> list[dict[str, Any]]:
    per_file = max(1, docs // len(paths))
    found = []
    for path in paths:
        for n, row in rows([path], per_file):
            doc = f"{Path(path).stem}:{n}"
            for i, para in enumerate(p.strip() for p in row["text"].split("\n")):
                if para:
                    found.append({"doc": doc, "i": i, "lang": row["lang"], "text": para})
    return found


def _scan(tree: Path, paras_path: str, out_path: str, repeat: int) -> float:
    # one BLAS thread: numpy's idle threads (the package imports it) spin on process time
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _WORKER, paras_path, out_path, str(repeat)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def _figures(path: str) -> list[dict[tuple[int, int], tuple[str, dict[str, Any]]]]:
    with open(path, encoding="utf-8") as fh:
        return [{(s, e): (k, v) for k, s, e, v in json.loads(line)} for line in fh]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+")
    parser.add_argument("--old", type=Path, required=True, help="the tree to compare against")
    parser.add_argument("--new", type=Path, default=ROOT, help="the tree measured (this one)")
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3, help="scans per process")
    parser.add_argument("--rounds", type=int, default=3, help="processes per tree")
    parser.add_argument("--out", help="write the paragraphs whose figures differ here")
    args = parser.parse_args()
    paras = _paragraphs(args.corpora, args.docs)
    size = sum(len(p["text"].encode("utf-8")) for p in paras) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        paras_path = str(Path(tmp) / "paras.jsonl")
        with open(paras_path, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in paras)
        seconds = {"old": float("inf"), "new": float("inf")}
        for _ in range(args.rounds):
            for name, tree in (("old", args.old), ("new", args.new)):
                spent = _scan(tree, paras_path, str(Path(tmp) / name), args.repeat)
                seconds[name] = min(seconds[name], spent)
        old, new = _figures(str(Path(tmp) / "old")), _figures(str(Path(tmp) / "new"))
    counts = {"added": 0, "removed": 0, "changed": 0}
    changes = []
    for para, before, after in zip(paras, old, new, strict=True):
        if before == after:
            continue
        counts["removed"] += len(before.keys() - after.keys())
        counts["added"] += len(after.keys() - before.keys())
        counts["changed"] += sum(before[k] != after[k] for k in before.keys() & after.keys())
        changes.append({**para, "old": _listed(para, before), "new": _listed(para, after)})
    print(f"{len({p['doc'] for p in paras})} documents, {len(paras)} paragraphs, {size:.2f} MB")
    print(f"figures: old {sum(map(len, old))}, new {sum(map(len, new))}")
    print(", ".join(f"{k} {v}" for k, v in counts.items()), f"in {len(changes)} paragraphs")
    for name in ("old", "new"):
        print(f"{name}: {size / seconds[name]:.2f} MB/s ({seconds[name]:.2f} s CPU)")
    print(f"new / old throughput: {seconds['old'] / seconds['new']:.3f}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(c, ensure_ascii=False) + "\n" for c in changes)
    return 0


def _listed(para: dict[str, Any], figures: dict[tuple[int, int], Any]) -> list[Any]:
    """The figures of a paragraph as ``[kind, text, value]``, in order."""
    return [[k, para["text"][s:e], v] for (s, e), (k, v) in sorted(figures.items())]


if __name__ == "__main__":
    raise SystemExit(main())
