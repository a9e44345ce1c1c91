"""Spark ``local[2]`` against the plain pipeline with 2 worker processes, on the same corpus.

Usage::

    python benchmarks/spark.py ../shared/corpora/news_ms.jsonl --limit 2000

Both sides read the same JSONL file with the same reader and extract every article; neither
writes output (Spark aggregates the counts, the plain runner counts what it gets back), so
the difference is the cost of running on Spark. Reported: documents, facts, seconds and
documents per second for the plain pipeline (1 process, then 2 worker processes) and for
Spark (session start-up, then a first run that also starts the Python workers and a second,
warm run), with each time's ratio to the 2-worker plain run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path


def _subset(corpus: Path, limit: int | None, folder: Path) -> Path:
    if limit is None:
        return corpus
    target = folder / corpus.name
    with corpus.open("rb") as src, target.open("wb") as dst:
        dst.writelines(islice(src, limit))
    return target


Counts = tuple[int, int, int]  # documents, facts, errors


def _timed(run: Callable[[], Counts]) -> tuple[int, int, int, float]:
    start = time.perf_counter()
    documents, facts, errors = run()
    return documents, facts, errors, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="a JSONL file of articles")
    parser.add_argument("--limit", type=int, help="only the first N lines")
    args = parser.parse_args()

    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from newsfacts.io import spark as nspark
    from newsfacts.io.readers import read_articles
    from newsfacts.io.runner import pipe
    from newsfacts.pipeline import Extractor

    with tempfile.TemporaryDirectory() as tmp:
        path = _subset(args.corpus, args.limit, Path(tmp))

        def plain(workers: int) -> Counts:
            if workers == 1:
                articles = Extractor().pipe(read_articles(path))
            else:
                articles = pipe(read_articles(path), workers=workers)
            documents = facts = errors = 0
            for article in articles:
                documents += 1
                facts += len(article.facts)
                errors += article.error is not None
            return documents, facts, errors

        rows: list[tuple[str, int, int, int, float]] = []
        for workers in (1, 2):
            rows.append((f"plain, {workers} process(es)", *_timed(lambda w=workers: plain(w))))

        os.environ["PYSPARK_PYTHON"] = sys.executable
        start = time.perf_counter()
        spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        startup = time.perf_counter() - start

        def on_spark() -> Counts:
            # As ``python -m newsfacts.io.spark`` does: one file is read by one task, then the
            # articles are spread over both cores for extraction.
            articles = nspark.read_articles(spark, [path]).repartition(2)
            totals = (
                nspark.extract_articles(articles)
                .agg(
                    F.count("*").alias("documents"),
                    F.sum(F.size("facts")).alias("facts"),
                    F.count("error").alias("errors"),
                )
                .first()
            )
            assert totals is not None
            return int(totals["documents"]), int(totals["facts"] or 0), int(totals["errors"])

        rows.append(("spark local[2], first run", *_timed(on_spark)))
        rows.append(("spark local[2], warm run", *_timed(on_spark)))
        spark.stop()

    base = rows[1][4]
    print(f"corpus: {args.corpus} ({rows[0][1]} documents); spark session start-up {startup:.1f} s")
    header = ("documents", "facts", "errors", "seconds", "docs/s", "vs plain-2")
    print(f"{'run':<28}" + "".join(f"{h:>11}" for h in header))
    for name, documents, facts, errors, seconds in rows:
        print(
            f"{name:<28}{documents:>11}{facts:>11}{errors:>11}{seconds:>11.1f}"
            f"{documents / seconds:>11.1f}{seconds / base:>10.2f}x"
        )
    if len({row[1:4] for row in rows}) != 1:
        print("warning: the runs disagree on the counts", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
