"""newsfacts on Apache Spark: DataFrames of articles in, DataFrames of records out.

- :func:`extract_facts` / :func:`extract_documents` take a DataFrame of articles (column names
  configurable) and return the fact / document records as DataFrames with a declared schema
  (:func:`fact_schema`, :func:`document_schema`). :func:`extract_articles` returns both in one
  row per document (the document record plus a ``facts`` array), for jobs that need both from
  one pass.
- :func:`read_articles` distributes a listing of input files (WARC, JSONL, CSV, text, HTML)
  across the executors, each reading its files with :func:`newsfacts.io.readers.read_file`, as
  Common Crawl jobs do with a list of WARC paths.
- ``python -m newsfacts.io.spark INPUT... --output DIR`` (or ``spark-submit`` of this file)
  writes ``DIR/documents`` and ``DIR/facts`` as Parquet.

The work runs in ``mapInArrow``: each Python worker process builds one
:class:`~newsfacts.pipeline.Extractor` on its first batch and keeps it (Spark reuses its
Python workers), so resources load once per worker, not per row or per task. Records travel
as Arrow record batches, so the nested ``value``, ``time``, ``change`` and ``blocks`` need no
conversion through pandas.

The columns are those of the Parquet and DuckDB outputs
(:func:`newsfacts.io.tables.arrow_schemas`), less ``record`` (the DataFrame says which kind
it holds): amounts are exact decimal strings beside their ``DecimalType(38, 9)`` values, dates
are ``DateType``, offsets ``LongType``, names need no backticks in Spark SQL, and a fact's
``value`` is one struct with the fields of every kind of value (number: amount/min/max/unit/
qualifier; date: the fields of ``Period``; entity: label/canonical/entity_key), the fields of
other kinds null.
:func:`to_record` turns a row back into the JSON record of ``newsfacts schema``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import fields as dataclass_fields
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

if __name__ == "__main__":
    # spark-submit runs this file as a script, which puts its folder on sys.path, where
    # newsfacts/io/html.py would shadow the standard library's html module.
    _HERE = os.path.realpath(os.path.dirname(__file__))
    sys.path[:] = [p for p in sys.path if os.path.realpath(p or os.curdir) != _HERE]

from newsfacts.io.readers import ArticleReader, read_file
from newsfacts.io.tables import arrow_schemas, row_record, to_arrow
from newsfacts.model import Article, Entity, Number, Period, Source
from newsfacts.pipeline import Extractor
from newsfacts.text.normalize import decode

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, Row, SparkSession
    from pyspark.sql.types import StructType

# The article fields, in the order of the ARTICLE schema; ``columns`` maps them to the input
# DataFrame's column names. ``error`` marks a row that could not be read (the document record
# carries it and nothing is extracted).
ARTICLE_FIELDS: tuple[str, ...] = ("id", "text", "published", "url", "title", "lang", "error")
ARTICLE_DDL = ", ".join(f"{name} string" for name in ARTICLE_FIELDS)

# The value fields a fact of each type sets, for turning a row back into its record.
_VALUE_FIELDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("money", "percent", "quantity"), tuple(f.name for f in dataclass_fields(Number))
    ),
    "date": tuple(f.name for f in dataclass_fields(Period)),
    "entity": tuple(f.name for f in dataclass_fields(Entity)),
}
# Documents per output Arrow batch: bounds a worker's memory whatever the input batch size.
_BATCH_DOCUMENTS = 256


def _require_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise ImportError(
            "newsfacts.io.spark needs pyspark: pip install 'newsfacts[spark]'"
        ) from exc


@cache
def _arrow_schemas() -> dict[str, Any]:
    """Arrow schemas of the three DataFrames this module returns."""
    import pyarrow as pa

    schemas = arrow_schemas()
    facts = pa.struct(list(schemas["facts"]))
    return {
        "documents": schemas["documents"],
        "facts": schemas["facts"],
        "articles": schemas["documents"].append(pa.field("facts", pa.list_(facts))),
    }


def _spark_schema(name: str) -> StructType:
    _require_pyspark()
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(_arrow_schemas()[name])


def fact_schema() -> StructType:
    """The Spark schema of :func:`extract_facts`."""
    return _spark_schema("facts")


def document_schema() -> StructType:
    """The Spark schema of :func:`extract_documents`."""
    return _spark_schema("documents")


def article_schema() -> StructType:
    """The Spark schema of :func:`extract_articles`: a document and its ``facts``."""
    return _spark_schema("articles")


def extract_articles(articles: DataFrame, *, columns: Mapping[str, str] | None = None) -> DataFrame:
    """One row per input article: its document record and a ``facts`` array of its facts.

    ``columns`` maps the article fields (:data:`ARTICLE_FIELDS`) to column names of
    ``articles``, e.g. ``{"id": "guid", "text": "body"}``; a field without a column of its name
    is null (``text`` is required). ``published`` may be a string (any format
    :mod:`newsfacts.text.published` reads), date or timestamp column (an instant, whose day
    is the one in the session time zone; a ``TimestampNTZType`` value is kept as it is)."""
    _require_pyspark()
    from pyspark.sql import functions

    names = {field: (columns or {}).get(field, field) for field in ARTICLE_FIELDS}
    unknown = set(columns or ()) - set(ARTICLE_FIELDS)
    if unknown:
        raise ValueError(f"unknown field(s) {sorted(unknown)}; known: {list(ARTICLE_FIELDS)}")
    if names["text"] not in articles.columns:
        raise ValueError(f"no text column {names['text']!r} in {articles.columns}")
    selected = []
    for field in ARTICLE_FIELDS:
        if names[field] not in articles.columns:
            column = functions.lit(None).cast("string")
        elif field == "published":  # a string, date or timestamp: see _source
            column = functions.col(names[field])
        else:
            column = functions.col(names[field]).cast("string")
        selected.append(column.alias(field))
    return articles.select(*selected).mapInArrow(_extract_batches, article_schema())


def extract_facts(articles: DataFrame, *, columns: Mapping[str, str] | None = None) -> DataFrame:
    """The fact records of the articles (schema: :func:`fact_schema`)."""
    _require_pyspark()
    from pyspark.sql import functions

    exploded = extract_articles(articles, columns=columns).select(
        functions.explode("facts").alias("fact")
    )
    return exploded.select("fact.*")


def extract_documents(
    articles: DataFrame, *, columns: Mapping[str, str] | None = None
) -> DataFrame:
    """The document records of the articles (schema: :func:`document_schema`)."""
    return extract_articles(articles, columns=columns).drop("facts")


def read_articles(
    spark: SparkSession,
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    columns: Mapping[str, str] | None = None,
    partitions: int | None = None,
) -> DataFrame:
    """A DataFrame of articles (:data:`ARTICLE_FIELDS`, all strings) read on the executors.

    The driver lists the input files (folders are walked as by :func:`newsfacts.read_articles`);
    the listing is spread over ``partitions`` tasks (default: one per file) and each task reads
    its files. Executors open the paths themselves, so they must be on a file system every
    executor mounts. Document ids are those a single-machine run gives for the same paths.
    """
    listing = [(str(path), stem) for path, stem in ArticleReader(paths, columns=columns).inputs()]
    if not listing:
        raise ValueError("no input files with a known suffix under the given paths")
    files = spark.createDataFrame(listing, "path string, stem string", verifySchema=False)
    files = files.repartition(partitions or len(listing))
    reader_columns = dict(columns or {})
    return files.mapInArrow(
        lambda batches: _read_batches(batches, reader_columns),
        ARTICLE_DDL,
    )


def to_record(row: Row | Mapping[str, Any], kind: str | None = None) -> dict[str, Any]:
    """The JSON record (``newsfacts schema``) of a row of :func:`extract_facts` or
    :func:`extract_documents` (``kind``: ``"fact"`` or ``"document"``; found from the row's
    columns when None). Dates become ISO strings; a fact's value keeps only its kind's fields."""
    data = row if isinstance(row, Mapping) else row.asDict(recursive=True)
    kind = kind or ("fact" if "value" in data else "document")
    record = {"record": kind, **row_record(data)}
    record.pop("facts", None)
    if kind == "fact":
        value = record["value"]
        record["value"] = {key: value[key] for key in _VALUE_FIELDS[record["type"]]}
    return record


# --- on the executors -------------------------------------------------------------------

_EXTRACTOR: Extractor | None = None


def worker_extractor() -> Extractor:
    """The Extractor of this Python process, built on first use and kept for every later
    batch and task that the process runs."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    return _EXTRACTOR


def _extract_batches(batches: Iterable[Any]) -> Iterator[Any]:
    """mapInArrow function: article batches in, article-record batches out."""
    extractor = worker_extractor()
    schema = _arrow_schemas()["articles"]
    rows: list[dict[str, Any]] = []
    for batch in batches:
        for article in batch.to_pylist():
            rows.append(_article_row(extractor.process(_source(article))))
            if len(rows) == _BATCH_DOCUMENTS:
                yield from to_arrow(rows, schema).to_batches()
                rows = []
    if rows:
        yield from to_arrow(rows, schema).to_batches()


def _source(article: Mapping[str, Any]) -> Source:
    published = article["published"]  # str, date or datetime: the pipeline reads it
    text, error = article["text"], article["error"]
    if text is None:
        text, error = "", error or "record has no text"
    return Source(
        text,
        doc_id=article["id"],
        published=published,
        lang=article["lang"],
        url=article["url"],
        title=article["title"],
        error=error,
    )


def _article_row(article: Article) -> dict[str, Any]:
    row, *facts = article.records(sentence_text=True)
    row["facts"] = facts
    return row


def _read_batches(batches: Iterable[Any], columns: Mapping[str, str]) -> Iterator[Any]:
    """mapInArrow function: batches of (path, stem) in, batches of articles out."""
    import pyarrow as pa

    schema = pa.schema([(name, pa.string()) for name in ARTICLE_FIELDS])
    rows: list[dict[str, Any]] = []
    for batch in batches:
        for entry in batch.to_pylist():
            for source in read_file(entry["path"], entry["stem"], columns=columns or None):
                rows.append(_article_fields(source))
                if len(rows) == _BATCH_DOCUMENTS:
                    yield pa.RecordBatch.from_pylist(rows, schema=schema)
                    rows = []
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def _article_fields(source: Source) -> dict[str, str | None]:
    # Bytes (a text file, a plain-text WARC record) are decoded as the pipeline would; the
    # pipeline's normalisation then gives the same text as a single-machine run.
    text = source.text if isinstance(source.text, str) else decode(source.text)
    published = source.published
    return {
        "id": source.doc_id,
        "text": text,
        "published": published.isoformat() if isinstance(published, date) else published,
        "url": source.url,
        "title": source.title,
        "lang": source.lang,
        "error": source.error,
    }


# --- the spark-submit entry point -------------------------------------------------------


def session(master: str | None = None, app_name: str = "newsfacts") -> SparkSession:
    """A SparkSession (the running one under spark-submit). Python workers use this
    interpreter unless ``PYSPARK_PYTHON`` or ``spark.pyspark.python`` says otherwise."""
    _require_pyspark()
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def run(
    spark: SparkSession,
    inputs: Sequence[str],
    output: str,
    *,
    partitions: int | None = None,
    mode: str = "errorifexists",
) -> dict[str, int]:
    """Extract the articles under ``inputs`` into ``output/documents`` and ``output/facts``
    (Parquet); returns the counts of documents, errors and facts.

    Articles are extracted once: the article rows are persisted while both outputs are
    written. When the input files are fewer than ``partitions`` (default: Spark's default
    parallelism), the articles are spread over that many partitions after reading, so that a
    single large dump is still extracted in parallel.
    """
    _require_pyspark()
    from pyspark.sql import functions

    target = partitions or spark.sparkContext.defaultParallelism
    articles = read_articles(spark, inputs)
    if articles.rdd.getNumPartitions() < target:
        articles = articles.repartition(target)
    extracted = extract_articles(articles).persist()
    try:
        totals = extracted.agg(
            functions.count("*").alias("documents"),
            functions.count("error").alias("errors"),
            functions.coalesce(functions.sum(functions.size("facts")), functions.lit(0)).alias(
                "facts"
            ),
        ).first()
        assert totals is not None  # an aggregate without grouping has one row
        extracted.drop("facts").write.mode(mode).parquet(f"{output}/documents")
        facts = extracted.select(functions.explode("facts").alias("fact")).select("fact.*")
        facts.write.mode(mode).parquet(f"{output}/facts")
    finally:
        extracted.unpersist()
    return {name: int(totals[name]) for name in ("documents", "errors", "facts")}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsfacts.io.spark",
        description="Extract facts from WARC, JSONL, CSV, text or HTML files on Spark; write "
        "OUT/documents and OUT/facts as Parquet.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="input files or folders")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="output folder")
    parser.add_argument(
        "--partitions", type=int, help="extraction tasks (default: Spark's default parallelism)"
    )
    parser.add_argument("--master", help="Spark master when not run by spark-submit")
    parser.add_argument(
        "--overwrite", action="store_true", help="replace OUT/documents and OUT/facts"
    )
    args = parser.parse_args(argv)
    spark = session(args.master)
    try:
        counts = run(
            spark,
            args.inputs,
            args.output,
            partitions=args.partitions,
            mode="overwrite" if args.overwrite else "errorifexists",
        )
    finally:
        spark.stop()
    print(
        f"newsfacts: {counts['documents']} documents, {counts['facts']} facts, "
        f"{counts['errors']} errors",
        file=sys.stderr,
    )
    return 1 if counts["documents"] == counts["errors"] else 0


if __name__ == "__main__":
    # Run the imported module's main, not this script's copy: Spark pickles the functions of
    # ``__main__`` by value (a fresh module state and Extractor for every task), while those of
    # ``newsfacts.io.spark`` are imported once per Python worker.
    from newsfacts.io.spark import main as _main

    sys.exit(_main())
