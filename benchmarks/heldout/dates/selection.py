"""The fixed rule that picked the held-out date paragraphs (decided before annotation).

    python benchmarks/heldout/dates/selection.py ../shared/corpora OUT_DIR [--dev | --dev2 ...]

Per language file: split each row's text at line breaks, strip, keep the paragraphs of at
least 30 characters; with ``step = len(eligible) // 150``, keep ``eligible[i]`` for
``i % step == 0``, the first 150. The publication date is the row's ``meta.date`` (its date
part) if it has one, else the language's fallback below. Writes ``OUT_DIR/<lang>_todo.jsonl``
worksheets (with the text: keep them outside the repository).

With ``--dev``, the development set (``benchmarks/dev/dates/``, to tune on): 120 per
language, from the rows that hold no held-out paragraph, the middle item of each step
(``len // 120``) instead of the first. With ``--dev2``, its second batch (added when the
first had little left to learn from): 120 more, from the rows that hold neither a held-out
nor a first-batch paragraph, the item a quarter into each step (the development file holds
the first batch before the second is added to it). With ``--dev3``, a third batch the same
way: from the rows that hold none of the earlier ones, the item three quarters into each
step. With ``--dev4``, a fourth: from the rows that hold none of the earlier ones, the item
an eighth into each step; with ``--dev5``, a fifth, five eighths into each step; with
``--dev6``, a sixth, three eighths into each step. With ``--dev7``, a seventh for Malay and
Vietnamese only (the languages furthest from the targets), denser in dates: of the eligible
paragraphs, those with a digit or a word of the language's ``DATE_WORDS``, seven eighths into
each step; ``--dev8`` an eighth the same way, three eighths into each step, ``--dev9`` a
ninth, five eighths into each step, ``--dev10`` a tenth, an eighth into each step,
``--dev11`` an eleventh, half way into each step, ``--dev12`` a twelfth, a quarter into
each step, and ``--dev13`` a thirteenth, three quarters into each step. With ``--dev14``, a
fourteenth: the dense rule at the start of each step, for Malay and Vietnamese, and for
Indonesian too (its dense words below; the language furthest from the targets after them).
With ``--dev15``, a fifteenth the same way, nine sixteenths into each step; ``--dev16`` a
sixteenth, three sixteenths into each step; ``--dev17`` a seventeenth, thirteen sixteenths
into each step; ``--dev18`` an eighteenth, five sixteenths into each step; ``--dev19`` a
nineteenth, eleven sixteenths into each step.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

FILES = {"ms": "news_ms", "vi": "news_vi", "en": "news_en_bbc", "id": "news_id"}
HERE = Path(__file__).parent
DEV = HERE.parents[1] / "dev" / "dates"
FALLBACK = {"en": "2005-03-01", "id": "2019-07-01", "vi": "2020-10-01", "ms": "2023-01-15"}
# ``--dev7``: a paragraph with one of these words (or a digit) is more likely to hold a date
DATE_WORDS = {
    "ms": r"\b(?:tahun|bulan|minggu|hari|semalam|lalu|depan|Isnin|Selasa|Rabu|Khamis|Jumaat"
    r"|Sabtu|Ahad)\b",
    "vi": r"\b(?:năm|tháng|tuần|ngày|hôm|qua|tới|thứ|sáng|chiều|tối)\b",
    # ``--dev14`` only: the earlier dense batches were Malay and Vietnamese
    "id": r"\b(?:tahun|bulan|minggu|hari|kemarin|lalu|depan|Senin|Selasa|Rabu|Kamis|Jumat"
    r"|Sabtu|Minggu)\b",
}

# the corpora helpers of benchmarks/ (run as a script, this folder is the one on the path)
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from corpus import published, write_sample  # noqa: E402


def main() -> None:
    corpora, out = Path(sys.argv[1]), Path(sys.argv[2])
    flags = ("", *map(str, range(2, 20)))
    dev, *batches = (f"--dev{k}" in sys.argv[3:] for k in flags)
    dev2, dev3, dev4, dev5, dev6, dev7, dev8, dev9, dev10, dev11, dev12, dev13, *by_para = batches
    dev15, dev16, dev17, dev18, dev19 = by_para[1:]  # dev14: at the start of each step
    by_paragraph = any(by_para)  # dev14 and after
    later = any(batches)
    for lang, name in FILES.items():
        held: set[str] = set()
        # every Indonesian row holds a held-out or development paragraph by now: its
        # fourteenth batch excludes the held-out rows and the development paragraphs only
        rows_of = [HERE] * (dev or later) + [DEV] * (later and not (by_paragraph and lang == "id"))
        for folder in rows_of:
            with open(folder / f"{lang}.jsonl", encoding="utf-8") as fh:
                held |= {json.loads(line)["doc"] for line in fh}
        seen: set[tuple[str, int]] = set()
        if by_paragraph:
            with open(DEV / f"{lang}.jsonl", encoding="utf-8") as fh:
                seen = {(r["doc"], r["para"]) for r in map(json.loads, fh)}
        eligible = []
        with open(corpora / f"{name}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row["id"] in held:
                    continue
                paras = [p.strip() for p in row["text"].split("\n") if p.strip()]
                for k, p in enumerate(paras):
                    if len(p) >= 30 and (row["id"], k) not in seen:
                        pub = published(row.get("meta")) or FALLBACK[lang]
                        eligible.append({"doc": row["id"], "para": k, "published": pub, "text": p})
        if dev7 or dev8 or dev9 or dev10 or dev11 or dev12 or dev13 or by_paragraph:
            if lang in ("ms", "vi") or (by_paragraph and lang == "id"):
                dense = [e for e in eligible if re.search(rf"\d|{DATE_WORDS[lang]}", e["text"])]
                # in sixteenths of a step: dev14 at its start
                steps = {dev7: 14, dev8: 6, dev9: 10, dev10: 2, dev11: 8, dev12: 4, dev13: 12}
                steps.update({dev15: 9, dev16: 3, dev17: 13, dev18: 5, dev19: 11})
                sixteenths = steps.get(True, 0)
                write_sample(
                    out / f"{lang}_todo.jsonl", dense, 120, sixteenths * len(dense) // 1920
                )
        elif dev6:
            write_sample(out / f"{lang}_todo.jsonl", eligible, 120, 3 * len(eligible) // 960)
        elif dev5:
            write_sample(out / f"{lang}_todo.jsonl", eligible, 120, 5 * len(eligible) // 960)
        elif dev4:
            write_sample(out / f"{lang}_todo.jsonl", eligible, 120, len(eligible) // 960)
        elif dev3:
            write_sample(out / f"{lang}_todo.jsonl", eligible, 120, 3 * len(eligible) // 480)
        elif dev2:
            write_sample(out / f"{lang}_todo.jsonl", eligible, 120, len(eligible) // 480)
        elif dev:
            write_sample(out / f"{lang}_todo.jsonl", eligible, 120, len(eligible) // 240)
        else:
            write_sample(out / f"{lang}_todo.jsonl", eligible, 150)


if __name__ == "__main__":
    main()
