"""Dated figures on the held-out set: business paragraphs written by others, every money and
percent figure annotated by hand with its period and its comparisons before newsfacts was run
on them (``benchmarks/heldout/dated_figures/``, its README).

    python benchmarks/dated_figures_heldout.py [--corpora ../shared/corpora] [--misses N] [--dev]

``--dev`` scores the development set instead (``benchmarks/dev/dated_figures/``: picked by the
same rule between the held-out items, from other articles; the one to look at and tune on).

The set holds no text: each line names a corpus row and paragraph (rebuilt by the selection
module's rule), with SHA-1s and the gold figures as character offsets. Each paragraph is
extracted as the last block of a document made of the paragraphs before it (up to three, as
the annotators saw them) and itself, with the row's publication date.

Scoring (fixed before the first run): a gold figure is *found* when a system figure of its
type overlaps it; its *period is right* when the system's time has the gold start and end.
A gold change with a baseline has the *right baseline* when the system figures matched to its
``by``/``to``/``from`` carry one change whose baseline has the gold start and end.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from newsfacts import Extractor
from newsfacts.model import Fact

HERE = Path(__file__).parent / "heldout" / "dated_figures"
DEV = Path(__file__).parent / "dev" / "dated_figures"  # picked between the held-out items
sys.path.insert(0, str(HERE))
import selection  # noqa: E402  (the selection rule, beside the set)

FIGURES = ("money", "percent")


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def _match(gold: list[dict[str, Any]], system: list[Fact]) -> list[Fact | None]:
    used: set[str] = set()
    out: list[Fact | None] = []
    for g in gold:
        hit = next(
            (
                f
                for f in system
                if f.id not in used
                and f.type == g["type"]
                and f.start < g["end"]
                and g["start"] < f.end
            ),
            None,
        )
        if hit is not None:
            used.add(hit.id)
        out.append(hit)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default="../shared/corpora")
    parser.add_argument("--misses", type=int, default=0, help="wrong periods to print per language")
    parser.add_argument(
        "--dev",
        action="store_true",
        help="score the development set (benchmarks/dev/dated_figures/: to tune on) instead",
    )
    args = parser.parse_args()
    folder = DEV if args.dev else HERE
    extractor = Extractor()
    print(f"{'lang':4} | figures found period | right/gold right/found | changes baseline right")
    for lang in selection.FILES:
        # the development set's third batch takes Malay rows of other sections too
        texts = {
            row["id"]: selection.paragraphs(lang, row)
            for elsewhere in (False, args.dev)
            for row in selection.rows(Path(args.corpora), lang, elsewhere)
        }
        with open(folder / f"{lang}.jsonl", encoding="utf-8") as fh:
            cases = [json.loads(line) for line in fh]
        gold_n = found = right = changes = baseline_right = 0
        misses: list[str] = []
        for c in cases:
            paras = texts[c["doc"]]
            text, before = paras[c["para"]], paras[max(0, c["para"] - c["context"]) : c["para"]]
            if _sha1(text) != c["sha1"] or _sha1("\n".join(before)) != c["context_sha1"]:
                raise SystemExit(f"{lang} {c['doc']}#{c['para']}: the corpus text changed")
            offset = sum(len(p) + 1 for p in before)
            article = extractor.extract(
                "\n".join([*before, text]), lang=lang, published=c["published"], doc_id=c["doc"]
            )
            system = [f for f in article.facts if f.type in FIGURES and f.start >= offset]
            gold = [
                {**g, "start": g["start"] + offset, "end": g["end"] + offset} for g in c["figures"]
            ]
            matched = _match(gold, system)
            for g, f in zip(gold, matched, strict=True):
                gold_n += 1
                if f is None:
                    continue
                found += 1
                want = (g["period"] or {}).get("start"), (g["period"] or {}).get("end")
                got = (f.time.start.isoformat(), f.time.end.isoformat()) if f.time else (None, None)
                if got == want:
                    right += 1
                elif len(misses) < args.misses:
                    misses.append(f"{f.text!r}: want {want}, got {got} ({f.time and f.time.how})")
            for ch in c["changes"]:
                if ch["baseline"] is None:
                    continue
                changes += 1
                members = [matched[ch[k]] for k in ("by", "to", "from") if ch[k] is not None]
                links = {m.change for m in members if m is not None and m.change is not None}
                if len(links) == 1 and None not in members:
                    base = next(iter(links)).baseline
                    want = ch["baseline"]["start"], ch["baseline"]["end"]
                    if base is not None and (base.start.isoformat(), base.end.isoformat()) == want:
                        baseline_right += 1

        def ratio(a: int, b: int) -> str:
            return f"{a / b:.3f}" if b else "  -  "

        print(
            f"{lang:4} | {gold_n:7d} {found:5d} {right:6d} | {ratio(right, gold_n):>10} "
            f"{ratio(right, found):>11} | {changes:7d} {baseline_right:8d} "
            f"{ratio(baseline_right, changes)}"
        )
        for m in misses:
            print("      ", m)


if __name__ == "__main__":
    main()
