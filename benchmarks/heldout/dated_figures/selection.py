"""The fixed rule that picked the held-out dated-figure paragraphs (decided before annotation).

    python benchmarks/heldout/dated_figures/selection.py ../shared/corpora OUT_DIR [--dev]

Business and economy text with a money or percent figure: English BBC rows of category
``business``, Vietnamese rows of category ``news_business``, Malay majoriti rows of section
``Bizz`` (whole articles on one line, cut into units of three sentences). Of each row's
paragraphs (lines, stripped; the Malay units), those of at least 60 characters with a digit
and a figure word (``FIGURE``); with ``step = len(eligible) // 45``, ``eligible[i]`` for
``i % step == 0``, the first 45. Writes ``OUT_DIR/<lang>_todo.jsonl`` worksheets with the text
and up to three paragraphs before it (keep them outside the repository).

With ``--dev``, the development set (``benchmarks/dev/dated_figures/``, to tune on): 30 per
language, the item in the middle of each step instead of the first, from articles that hold
no held-out paragraph. With ``--dev2``, its second batch (added when the first proved too
small to choose between rules): 40 per language, the item a quarter into each step of
``len // 40``, from articles that hold no held-out or first-batch paragraph. With ``--dev3``,
a third batch (added when the Malay business rows were used up): 40 per language, three
quarters into each step of ``len // 40``, from articles that hold none of the earlier
paragraphs; the Malay ones from the rows of the other sections and sites, paragraphs with an
economy word too (``ECONOMY``).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FILES = {"ms": "news_ms", "vi": "news_vi", "en": "news_en_bbc"}
FALLBACK = {"en": "2005-03-01", "vi": "2020-10-01", "ms": "2023-01-15"}

# the corpora helpers of benchmarks/ (run as a script, this folder is the one on the path)
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from corpus import published, write_sample  # noqa: E402

FIGURE = re.compile(
    r"%|\bperatus\b|\bphần trăm\b|\bRM\s?\d|\$|£|€|\d\s*tỷ\b|\d\s*triệu\b|\bbilion\b|\bjuta\b"
    r"|\bbillion\b|\bmillion\b|\bbn\b|\d[\d.,]*\s*(?:tỷ|triệu|nghìn)?\s*đồng\b|\d\s*ringgit\b"
    r"|\d\s*sen\b"
)
# ``--dev3``, Malay: a paragraph outside the business section that speaks of the economy
ECONOMY = re.compile(
    r"\b(?:ekonomi|jualan|keuntungan|pendapatan|eksport|import|KDNK|inflasi|pelaburan|hasil"
    r"|perdagangan|harga)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")


def chosen_rows(lang: str, row: dict[str, Any], elsewhere: bool = False) -> bool:
    meta = row.get("meta") or {}
    bizz = row["id"].startswith("majoriti-") and meta.get("section") == "Bizz"
    if elsewhere:  # ``--dev3``: the Malay rows outside the business section
        return lang == "ms" and not bizz
    if lang == "en":
        return bool(meta.get("category") == "business")
    if lang == "vi":
        return bool(meta.get("category") == "news_business")
    return bool(bizz)


def paragraphs(lang: str, row: dict[str, Any]) -> list[str]:
    """A row's paragraphs as the set counts them (the scorer rebuilds them the same way)."""
    paras = [p.strip() for p in row["text"].split("\n") if p.strip()]
    if lang == "ms":
        sentences = _SENTENCE.split(" ".join(paras))
        paras = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return paras


def rows(corpora: Path, lang: str, elsewhere: bool = False) -> Iterator[dict[str, Any]]:
    with open(corpora / f"{FILES[lang]}.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if chosen_rows(lang, row, elsewhere):
                yield row


HERE = Path(__file__).parent
DEV = HERE.parents[1] / "dev" / "dated_figures"


def main() -> None:
    corpora, out = Path(sys.argv[1]), Path(sys.argv[2])
    dev, dev2, dev3 = ("--dev" + k in sys.argv[3:] for k in ("", "2", "3"))
    for lang in FILES:
        held: set[str] = set()
        # the held-out set's articles, and for the later batches the earlier ones' (the
        # development file holds the first batch before the second is added to it)
        for folder in [HERE] * (dev or dev2 or dev3) + [DEV] * (dev2 or dev3):
            with open(folder / f"{lang}.jsonl", encoding="utf-8") as fh:
                held |= {json.loads(line)["doc"] for line in fh}
        elsewhere = dev3 and lang == "ms"
        eligible = []
        for row in rows(corpora, lang, elsewhere):
            if row["id"] in held:
                continue
            paras = paragraphs(lang, row)
            for k, p in enumerate(paras):
                economy = not elsewhere or ECONOMY.search(p)
                if len(p) >= 60 and re.search(r"\d", p) and FIGURE.search(p) and economy:
                    pub = published(row.get("meta")) or FALLBACK[lang]
                    before = paras[max(0, k - 3) : k]
                    eligible.append(
                        {
                            "doc": row["id"],
                            "para": k,
                            "published": pub,
                            "text": p,
                            "context_before": before,
                        }
                    )
        if dev3:
            write_sample(out / f"{lang}_todo.jsonl", eligible, 40, 3 * len(eligible) // 160)
        elif dev2:
            write_sample(out / f"{lang}_todo.jsonl", eligible, 40, len(eligible) // 160)
        elif dev:
            write_sample(out / f"{lang}_todo.jsonl", eligible, 30, len(eligible) // 60)
        else:
            write_sample(out / f"{lang}_todo.jsonl", eligible, 45)


if __name__ == "__main__":
    main()
