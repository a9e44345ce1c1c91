"""The date engine on the held-out date set: paragraphs of news written by others, annotated
by hand before newsfacts was run on them (``benchmarks/heldout/dates/``, its README).

    python benchmarks/dates_heldout.py [--corpora ../shared/corpora] [--peer] [--misses N] [--dev]

``--dev`` scores the development set instead (``benchmarks/dev/dates/``: picked by the same
rule between the held-out items, from other articles; the one to look at and tune on), and
``--misses`` then prints wrong values and extra dates too.

The set holds no text (nothing of the corpora is committed): each line names a corpus row and
paragraph, with the paragraph's SHA-1 and the gold expressions as character offsets. The text
is read from the corpora, so this needs them.

Scoring (fixed before the first run): a gold expression is *found* when a system date
overlaps it (each system date matched once, in text order); it is *correct* when, besides,
the system's start and end equal the gold ones (null ones included). Precision counts the
system dates that overlap a gold expression (found) or that are correct (value). Each
paragraph is scanned twice: with the row's publication date and without any (then only
spans are scored). ``--peer`` scores ``dateparser.search.search_dates`` the same way.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsfacts.dates.scanner import find

HERE = Path(__file__).parent / "heldout" / "dates"
DEV = Path(__file__).parent / "dev" / "dates"  # picked between the held-out items
FILES = {"ms": "news_ms", "vi": "news_vi", "en": "news_en_bbc", "id": "news_id"}

Span = tuple[int, int, str | None, str | None]  # start, end, value start, value end


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    found: int = 0  # gold expressions overlapped
    correct: int = 0  # ... with the right days
    hit: int = 0  # system dates that overlap a gold expression
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # found, with other days
    extra: list[str] = field(default_factory=list)  # system dates that overlap no gold one

    def add(self, text: str, gold: list[Span], system: list[Span]) -> None:
        self.gold += len(gold)
        self.system += len(system)
        used: set[int] = set()
        for g in gold:
            match = next(
                (i for i, s in enumerate(system) if i not in used and s[0] < g[1] and g[0] < s[1]),
                None,
            )
            if match is None:
                self.misses.append(
                    f"{text[g[0] : g[1]]!r} in ...{text[max(0, g[0] - 40) : g[1] + 20]!r}"
                )
                continue
            used.add(match)
            self.found += 1
            self.correct += system[match][2:] == g[2:]
            if system[match][2:] != g[2:]:
                got = system[match]
                self.wrong.append(f"{text[got[0] : got[1]]!r}: want {g[2:]}, got {got[2:]}")
        self.hit += len(used)
        self.extra += (
            f"{text[s[0] : s[1]]!r} in ...{text[max(0, s[0] - 40) : s[1] + 20]!r}"
            for i, s in enumerate(system)
            if i not in used
        )

    def row(self, values: bool) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.3f}" if b else "  -  "

        cells = [
            f"{self.gold:5d} {self.system:6d}",
            ratio(self.found, self.gold),
            ratio(self.hit, self.system),
        ]
        if values:
            cells += [ratio(self.correct, self.gold), ratio(self.correct, self.system)]
        return " | ".join(cells)


def _paragraphs(corpora: Path, lang: str) -> dict[tuple[str, int], str]:
    found = {}
    with open(corpora / f"{FILES[lang]}.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            paras = [p.strip() for p in row["text"].split("\n") if p.strip()]
            for k, p in enumerate(paras):
                found[row["id"], k] = p
    return found


def newsfacts(text: str, lang: str, pub: date | None) -> list[Span]:
    out = []
    for s, e, p, _ in find(text, lang, pub):
        out.append((s, e, p.start and p.start.isoformat(), p.end and p.end.isoformat()))
    return out


def dateparser(text: str, lang: str, pub: date | None) -> list[Span]:
    from dateparser.search import search_dates

    settings: dict[str, Any] = {}
    if pub is not None:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    try:
        found = search_dates(text, languages=[lang], settings=settings) or []
    except Exception:
        return []
    out: list[Span] = []
    at = 0
    for phrase, when in found:
        s = text.find(phrase, at)
        if s < 0:
            continue
        at = s + len(phrase)
        day = when.date().isoformat()
        out.append((s, at, day, day))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default="../shared/corpora")
    parser.add_argument("--peer", action="store_true", help="score dateparser's search_dates too")
    parser.add_argument(
        "--misses", type=int, default=0, help="print N missed expressions per language"
    )
    parser.add_argument(
        "--dev",
        action="store_true",
        help="score the development set (benchmarks/dev/dates/: to tune on) instead",
    )
    args = parser.parse_args()
    folder = DEV if args.dev else HERE
    warnings.filterwarnings("ignore")
    tools = {"newsfacts": newsfacts, **({"dateparser": dateparser} if args.peer else {})}
    head = f"{'lang':4} {'tool':10} {'pub':4} | {'gold':>5} {'system':>6}"
    print(f"{head} | found R | found P | value R | value P")
    for lang in FILES:
        paras = _paragraphs(Path(args.corpora), lang)
        with open(folder / f"{lang}.jsonl", encoding="utf-8") as fh:
            cases = [json.loads(line) for line in fh]
        for name, tool in tools.items():
            with_pub, without = Score(), Score()
            for c in cases:
                text = paras[c["doc"], c["para"]]
                if hashlib.sha1(text.encode()).hexdigest() != c["sha1"]:
                    raise SystemExit(f"{lang} {c['doc']}#{c['para']}: the corpus text changed")
                gold = [
                    (g["start"], g["end"], g["value"].get("start"), g["value"].get("end"))
                    for g in c["expect"]
                ]
                with_pub.add(text, gold, tool(text, lang, date.fromisoformat(c["published"])))
                without.add(text, gold, tool(text, lang, None))
            print(f"{lang:4} {name:10} {'yes':4} | {with_pub.row(True)}")
            print(f"{lang:4} {name:10} {'no':4} | {without.row(False)}")
            if name == "newsfacts":
                for miss in with_pub.misses[: args.misses]:
                    print("      missed:", miss)
                if args.dev:
                    for wrong in with_pub.wrong[: args.misses]:
                        print("      wrong:", wrong)
                    for extra in with_pub.extra[: args.misses]:
                        print("      extra:", extra)


if __name__ == "__main__":
    main()
