"""newsfacts' date scanner against ``dateparser.search.search_dates`` on the same paragraphs.

    python benchmarks/dates.py CORPUS.jsonl [CORPUS.jsonl ...] [--limit 200] [--sample 40]

Each corpus row is ``{"id", "lang", "text", ...}``. Both tools see the same paragraphs (the
text split at line breaks), restricted to the row's language, with the same base date
(``--base``; the corpora carry no publication dates). Prints, per language: paragraphs,
expressions found, throughput, and the speed ratio; ``--sample N`` then prints N random
found expressions of each tool, with context, for checking by hand (precision).

Time is this process's CPU time (``time.process_time``), the best of ``--repeat`` runs per
tool, so that other work on a shared machine does not count.
"""

from __future__ import annotations

import argparse
import gc
import random
import time
import warnings
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Any

from corpus import paragraphs

from newsfacts.dates.scanner import find


def newsfacts(paras: list[str], lang: str, base: date) -> list[list[Any]]:
    return [find(p, lang, base) for p in paras]


def dateparser(paras: list[str], lang: str, base: date) -> list[list[Any]]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime(base.year, base.month, base.day)}
    found = []
    for p in paras:
        try:
            found.append(search_dates(p, languages=[lang], settings=settings) or [])
        except Exception:
            found.append([])
    return found


def timed(run: Callable[[], list[list[Any]]], repeat: int) -> tuple[list[list[Any]], float]:
    """What ``run`` returns, and its best CPU time over ``repeat`` runs, each with the garbage
    collector off (as ``timeit`` times code: a collection would fall on one tool's runs or
    the other's by chance)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t0 = time.process_time()
            found = run()
            best = min(best, time.process_time() - t0)
        finally:
            gc.enable()
    return found, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--limit", type=int, default=200, help="rows per file")
    parser.add_argument("--sample", type=int, default=0, help="found expressions to print")
    parser.add_argument("--base", default="2025-12-20", help="base date for both tools")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool; the best counts")
    args = parser.parse_args()

    warnings.filterwarnings("ignore")
    base = date.fromisoformat(args.base)
    by_lang: dict[str, list[str]] = {}
    for lang, para in paragraphs(args.paths, args.limit):
        by_lang.setdefault(lang, []).append(para)

    print(
        f"{'lang':5} {'paras':>6} {'chars':>9} | {'newsfacts':>10} {'para/s':>9} | "
        f"{'dateparser':>10} {'para/s':>9} | {'speed x':>7}"
    )
    samples: dict[str, list[tuple[str, str, str]]] = {"newsfacts": [], "dateparser": []}
    for lang, paras in sorted(by_lang.items()):
        chars = sum(len(p) for p in paras)
        find(paras[0], lang, base)  # compile the grammar outside the timing

        ours, t_ours = timed(partial(newsfacts, paras, lang, base), args.repeat)
        theirs, t_theirs = timed(partial(dateparser, paras, lang, base), args.repeat)

        n_ours = sum(len(x) for x in ours)
        n_theirs = sum(len(x) for x in theirs)
        print(
            f"{lang:5} {len(paras):6d} {chars:9d} | {n_ours:10d} {len(paras) / t_ours:9.0f} | "
            f"{n_theirs:10d} {len(paras) / t_theirs:9.1f} | {t_theirs / t_ours:7.0f}"
        )
        for p, hits in zip(paras, ours, strict=False):
            for s, e, period, _ in hits:
                samples["newsfacts"].append(
                    (lang, p[max(0, s - 30) : e + 30], p[s:e] + f" -> {period.start}..{period.end}")
                )
        for p, hits in zip(paras, theirs, strict=False):
            for text, when in hits:
                i = p.find(text)
                samples["dateparser"].append(
                    (lang, p[max(0, i - 30) : i + len(text) + 30], f"{text} -> {when.date()}")
                )

    if args.sample:
        rng = random.Random(args.seed)
        for tool, found in samples.items():
            print(f"\n# {tool}: {args.sample} random found expressions")
            for lang, context, what in rng.sample(found, min(args.sample, len(found))):
                print(f"[{lang}] {what!r}  in  …{context!r}…")


if __name__ == "__main__":
    main()
