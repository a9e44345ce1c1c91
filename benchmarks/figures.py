"""newsfacts' figure scanner against price-parser, quantulum3 and spaCy on the same input.

    python benchmarks/figures.py CORPUS.jsonl [CORPUS.jsonl ...] [--limit 800] [--repeat 3]
        [--specs tests/specs]

Each corpus row is ``{"id", "lang", "text", ...}``; every tool sees the same paragraphs (the
text split at line breaks). Prints, per language:

- throughput of each tool in MB/s of UTF-8 text on one core (process CPU time, so other
  load on the machine does not count against a tool; the fastest of ``--repeat`` runs, since
  on a shared machine a run also pays for caches and cores it shares; a tool slower than 10 s
  a run is timed once);
- agreement with newsfacts where the tools are comparable: price-parser reports one price
  per paragraph (is it one of newsfacts' money amounts?); quantulum3 reports currency and
  percentage quantities (English only; the share of its values that newsfacts also found,
  and the other way round).

``--specs`` also scores every tool on the hand-written English money and percent spec cases:
the share of expected amounts each tool finds (recall on values; newsfacts also matches
span, unit and qualifier in the spec suite itself).

spaCy's English MONEY/PERCENT entities need the ``en_core_web_sm`` model, which is not on
PyPI (it is downloaded from GitHub by ``spacy download``, which the offline rule forbids);
the script says so when the model is absent and compares it when it is installed.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from corpus import paragraphs

from newsfacts.figures.scanner import FigureScanner

Finder = Callable[[str], list[tuple[str, Decimal]]]


def newsfacts_finder() -> Callable[[str, str | None], list[tuple[str, Decimal]]]:
    scanner = FigureScanner()

    def find(text: str, lang: str | None) -> list[tuple[str, Decimal]]:
        return [
            (kind, value.amount)
            for kind, _, _, value, _ in scanner.figures(text, lang)
            if kind != "quantity" and value.amount is not None
        ]

    return find


def price_parser_finder() -> Finder | None:
    try:
        from price_parser import Price
    except ImportError:
        return None

    def find(text: str) -> list[tuple[str, Decimal]]:
        price = Price.fromstring(text)
        if price.amount is None or price.currency is None:
            return []
        return [("money", price.amount)]

    return find


def quantulum_finder() -> Finder | None:
    try:
        warnings.simplefilter("ignore")
        from quantulum3 import parser
    except ImportError:
        return None

    def find(text: str) -> list[tuple[str, Decimal]]:
        found = []
        for q in parser.parse(text):
            if q.unit.entity.name == "currency":
                found.append(("money", Decimal(str(q.value))))
            elif q.unit.name == "percentage":
                found.append(("percent", Decimal(str(q.value))))
        return found

    return find


def spacy_finder() -> Finder | None:
    try:
        import spacy

        nlp = spacy.load("en_core_web_sm", disable=["parser", "lemmatizer"])
    except (ImportError, OSError):
        return None
    number = re.compile(r"\d[\d,]*(?:\.\d+)?")

    def find(text: str) -> list[tuple[str, Decimal]]:
        found = []
        for ent in nlp(text).ents:
            if ent.label_ in ("MONEY", "PERCENT"):
                m = number.search(ent.text)
                if m:
                    try:
                        value = Decimal(m.group(0).replace(",", ""))
                    except InvalidOperation:
                        continue
                    found.append(("money" if ent.label_ == "MONEY" else "percent", value))
        return found

    return find


def timed(find: Callable[[str], Any], texts: list[str], repeat: int) -> tuple[list[Any], float]:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        out = [find(t) for t in texts]
        best = min(best, time.process_time() - start)
        if best > 10:
            break
    return out, best


def normal(value: Decimal) -> Decimal:
    return value.normalize()


def agreement(
    ours: list[list[tuple[str, Decimal]]], theirs: list[list[tuple[str, Decimal]]]
) -> str:
    """Share of their values we also found, and of ours they also found (by paragraph)."""
    both = their_total = our_total = 0
    for a, b in zip(ours, theirs, strict=True):
        mine = {(k, normal(v)) for k, v in a}
        other = {(k, normal(v)) for k, v in b}
        both += len(mine & other)
        their_total += len(other)
        our_total += len(mine)
    if not their_total or not our_total:
        return "n/a"
    return f"{both / their_total:.2f} of theirs, {both / our_total:.2f} of ours"


def price_agreement(
    ours: list[list[tuple[str, Decimal]]], theirs: list[list[tuple[str, Decimal]]]
) -> str:
    hits = total = 0
    for a, b in zip(ours, theirs, strict=True):
        if b:
            total += 1
            amounts = {normal(v) for k, v in a if k == "money"}
            hits += normal(b[0][1]) in amounts
    return f"{hits}/{total} of its prices are newsfacts money amounts" if total else "n/a"


def spec_scores(specs: Path, finders: dict[str, Finder]) -> None:
    cases = []
    for kind in ("money", "percent"):
        path = specs / "en" / f"{kind}.jsonl"
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                case = json.loads(line)
                if not case.get("xfail"):
                    cases.append((kind, case))
    print(f"\nEnglish spec cases (money, percent): {len(cases)} cases")
    for name, find in finders.items():
        hit = want = spurious = 0
        for kind, case in cases:
            expected = {
                normal(Decimal(e["value"]["amount"]))
                for e in case["expect"]
                if e["value"].get("amount") is not None
            }
            got = {normal(v) for k, v in find(case["text"]) if k == kind}
            hit += len(expected & got)
            want += len(expected)
            spurious += len(got - expected)
        print(
            f"  {name:<12} values found {hit}/{want} ({hit / max(want, 1):.2f}), extra {spurious}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--limit", type=int, default=800, help="rows per file")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the fastest counts")
    parser.add_argument("--specs", type=Path, default=None, help="score tools on en spec cases")
    args = parser.parse_args()

    ours = newsfacts_finder()
    peers: dict[str, Finder | None] = {
        "price-parser": price_parser_finder(),
        "quantulum3": quantulum_finder(),
        "spaCy": spacy_finder(),
    }
    for name, finder in peers.items():
        if finder is None:
            why = (
                "en_core_web_sm is not installed (not on PyPI; offline rule)"
                if name == "spaCy"
                else "not installed"
            )
            print(f"{name}: skipped, {why}")

    by_lang: dict[str, list[str]] = defaultdict(list)
    for lang, para in paragraphs(args.paths, args.limit):
        by_lang[lang].append(para)
    for lang, texts in sorted(by_lang.items()):
        size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        print(f"\n{lang}: {len(texts)} paragraphs, {size:.2f} MB")
        mine, seconds = timed(lambda t, lang=lang: ours(t, lang), texts, args.repeat)
        found = sum(len(m) for m in mine)
        print(f"  {'newsfacts':<12} {size / seconds:7.2f} MB/s  {found} money+percent figures")
        for name, finder in peers.items():
            if finder is None or (name != "price-parser" and lang != "en"):
                continue
            theirs, seconds = timed(finder, texts, args.repeat)
            ratio = size / seconds
            score = (
                price_agreement(mine, theirs) if name == "price-parser" else agreement(mine, theirs)
            )
            print(f"  {name:<12} {ratio:7.2f} MB/s  {sum(len(t) for t in theirs)} found; {score}")
    if args.specs is not None:
        finders: dict[str, Finder] = {"newsfacts": lambda t: ours(t, "en")}
        finders.update((k, v) for k, v in peers.items() if v is not None)
        spec_scores(args.specs, finders)


if __name__ == "__main__":
    main()
