"""Time per document against its size, for news text and for adversarial text.

    python benchmarks/scaling.py [CORPUS.jsonl ...] [--sizes 10000,40000,160000,640000]

Normal text is the corpus articles (``text`` field of JSONL rows) joined with blank lines
until each size is reached; adversarial texts are long runs of the pieces that make pattern
matchers quadratic (digits, separators, figures, dates, change phrases, sentence ends, quotes,
white space). For every text and size it prints the seconds and the microseconds per
character; ``growth`` is the per-character cost at the largest size over the one before
(small sizes carry fixed costs), so linear time reads about 1 and quadratic time the ratio of
the two sizes (4 with the default sizes). The extractor runs without its time limit, so the
real cost shows.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from newsfacts.pipeline import Extractor

ADVERSARIAL: dict[str, str] = {
    "digits and spaces": "1 ",
    "digit dots": "1.",
    "digit commas": "1,",
    "percents": "5% ",
    "money": "RM5 juta ",
    "dates": "1/2/2024 ",
    "figure with date": "RM5 juta pada 2024, ",
    "changes": "turun daripada 1% kepada 2% ",
    "en changes": "rose from 1% to 2% and ",
    "head words": "the poverty rate was 5% and ",
    "sentence ends": ". A",
    "brackets": "(",
    "quotes": '"',
    "zero-width": "\u200b1",
    "dashes": "-",
    "one line of sentences": "Harga naik 5 peratus pada tahun 2024 kata Menteri Besar Johor. ",
    "vi names and figures": "Ông Nguyễn Văn An nói 5 tỷ đồng năm 2024. ",
    "capitalised words": "Kementerian Kesihatan Malaysia ",
    "firms and changes": "Syarikat Maju Jaya Bhd untung RM5 juta, naik 5% daripada Ahmad Zaki. ",
}


def repeat(piece: str) -> Callable[[int], str]:
    return lambda size: (piece * (size // len(piece) + 1))[:size]


def corpus(paths: list[Path]) -> Callable[[int], str]:
    articles: list[str] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            articles.extend(json.loads(line)["text"] for line in fh if line.strip())
    text = "\n\n".join(articles)

    def take(size: int) -> str:
        if len(text) < size:
            raise SystemExit(f"the corpus holds {len(text)} characters, fewer than {size}")
        return text[:size]

    return take


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path, help="JSONL files of news articles")
    parser.add_argument("--sizes", default="10000,40000,160000", help="characters, ascending")
    parser.add_argument("--only", help="comma-separated names of the texts to time")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    texts = {"news articles": corpus(args.corpus)} if args.corpus else {}
    texts.update({name: repeat(piece) for name, piece in ADVERSARIAL.items()})
    if args.only:
        texts = {k: v for k, v in texts.items() if k in args.only.split(",")}
    extractor = Extractor(max_chars=None, time_limit=None)
    extractor.extract("RM5 juta pada 2024, 3,5% năm 2023.")  # loads every resource
    header = "".join(f"{s:>12,} ch" for s in sizes)
    print(f"{'text':24}{header}   (seconds; µs per character)   growth")
    for name, make in texts.items():
        cells, per_char = [], []
        for size in sizes:
            text = make(size)
            started = time.perf_counter()
            article = extractor.extract(text)
            seconds = time.perf_counter() - started
            assert article.error is None, article.error
            per_char.append(seconds / size * 1e6)
            cells.append(f"{seconds:8.3f};{per_char[-1]:5.1f}")
        print(
            f"{name:24}"
            + "".join(f"{c:>15}" for c in cells)
            + f"   {per_char[-1] / per_char[-2]:5.2f}"
        )


if __name__ == "__main__":
    main()
