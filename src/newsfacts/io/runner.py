"""Runs the pipeline over many documents: in parallel, in input order, resumable.

Parallel: process workers, each building one :class:`~newsfacts.pipeline.Extractor` (its
resources load once per worker), take chunks of documents and send back their records
already encoded as JSONL, so the parent only writes bytes. Chunks are submitted through a
bounded window and collected in submission order: the output order is the input order for
any number of workers, and memory stays bounded however large the input is.

Resumable: records go to ``OUT.partial`` (JSONL) while ``OUT.journal`` records checkpoints
``documents bytes facts errors``, each written only after the partial file is flushed and
fsynced up to that point. ``--resume`` truncates the partial file to the last checkpoint and
skips that many documents of the input (read again in the same stable order; HTML of the
skipped ones is never parsed). At the end the partial file is renamed to ``OUT`` (JSONL) or
converted into it (Parquet, CSV, DuckDB: written to a temporary file, then renamed), and the
journal is removed. Whatever kills the run, ``OUT`` is either absent or complete.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

from newsfacts.io.html import Html, Item, to_source
from newsfacts.io.progress import Progress, RunStats
from newsfacts.io.readers import ArticleReader
from newsfacts.io.writers import format_for, jsonl_line, open_writer
from newsfacts.model import Article, LayoutMode, Source
from newsfacts.parallel import ordered_map
from newsfacts.pipeline import Extractor, died, extractor_factory
from newsfacts.repeats import RepeatedIds

# Raised whenever the records change (2: position, sentence, aliases), so that --resume never
# appends a new release's records to an old one's partial output.
JOURNAL_VERSION = "newsfacts-journal/2"
CHECKPOINT_SECONDS = 0.2  # at most this often an fsync of the partial output and journal


class UsageError(Exception):
    """The run cannot start as asked (unknown output format, bad option)."""


class ResumeError(UsageError):
    """The journal of an interrupted run does not match this run's inputs or options."""


class Interrupted(Exception):
    """The run was stopped (Ctrl-C); its progress is saved for ``--resume``."""

    def __init__(self, stats: RunStats) -> None:
        super().__init__(f"interrupted after {stats.documents} documents")
        self.stats = stats


@dataclass(frozen=True, slots=True)
class Encoded:
    """One processed document as the JSONL bytes of its records."""

    data: bytes
    facts: int
    error: bool


@dataclass(frozen=True, slots=True)
class Defaults:
    """What a run says of every document: a publication date and a language for those that
    carry none, how to read their lines, and which fact types to write (None: all)."""

    published: str | None = None
    lang: str | None = None
    layout: LayoutMode = "auto"
    types: tuple[str, ...] | None = None

    def apply(self, source: Source) -> Source:
        return dataclasses.replace(
            source,
            published=source.published if source.published is not None else self.published,
            lang=source.lang or self.lang,
            layout=self.layout if self.layout != "auto" else source.layout,
        )


def encode(
    article: Article, types: tuple[str, ...] | None = None, *, tabular: bool = False
) -> Encoded:
    """The JSONL bytes of an article's records (of ``types`` only, when given); ``tabular``
    (the run writes a table in the end) adds each fact's ``sentence_text``."""
    records = [
        r
        for r in article.records(sentence_text=tabular)
        if types is None or r["record"] != "fact" or r["type"] in types
    ]
    data = "".join(jsonl_line(record) for record in records).encode("utf-8")
    return Encoded(data, len(records) - 1, article.error is not None)


# --- workers -------------------------------------------------------------------------------


def _encode_chunk(
    extractor: Extractor, items: list[Item], defaults: Defaults = Defaults(), tabular: bool = False
) -> list[Encoded]:
    return [
        encode(extractor.process(defaults.apply(to_source(item))), defaults.types, tabular=tabular)
        for item in items
    ]


def _article_chunk(extractor: Extractor, items: list[Item]) -> list[Article]:
    return [extractor.process(to_source(item)) for item in items]


def _died(item: Item) -> Article:
    """The error record of a document that killed a worker process twice."""
    if isinstance(item, Source):
        return died(item)
    return died(Source("", doc_id=item.doc_id, url=item.url, position=item.position))


def _salvage_encoded(item: Item) -> list[Encoded]:
    return [encode(_died(item))]


def _salvage_article(item: Item) -> list[Article]:
    return [_died(item)]


def pipe(
    sources: Iterable[Source | Html | str],
    *,
    workers: int | None = None,
    extractor: Extractor | None = None,
) -> Iterator[Article]:
    """Articles of ``sources`` in input order, extracted by ``workers`` processes (default:
    all cores). ``extractor`` (pickled to each worker) replaces the default pipeline."""
    items = RepeatedIds().marked(Source(s) if isinstance(s, str) else s for s in sources)
    return ordered_map(
        _article_chunk,
        items,
        workers=workers or os.cpu_count() or 1,
        make_state=extractor_factory(extractor),
        salvage=_salvage_article,
    )


# --- progress ------------------------------------------------------------------------------


# --- resumable runs ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Checkpoint:
    documents: int = 0
    size: int = 0
    facts: int = 0
    errors: int = 0


class Journal:
    """``OUT.journal``: a header naming the run, then one checkpoint per line."""

    def __init__(self, path: Path, header: dict[str, Any]) -> None:
        self.path = path
        self.header = header

    def last(self) -> Checkpoint | None:
        """The last checkpoint of a run with the same header; None when there is no journal.

        A torn last line (killed while appending) is ignored: every complete line was
        written after the data it describes was on disk.
        """
        try:
            lines = self.path.read_bytes().split(b"\n")
        except FileNotFoundError:
            return None
        try:
            header = json.loads(lines[0])
        except ValueError:
            header = None
        if header != self.header:
            raise ResumeError(
                f"{self.path} belongs to a run with other inputs or options; "
                "rerun without --resume to start over"
            )
        complete = [line for line in lines[1:-1] if line]
        if not complete:
            return Checkpoint()
        return Checkpoint(*(int(n) for n in complete[-1].split()))

    def start(self) -> IO[bytes]:
        fh = self.path.open("wb")
        fh.write(json.dumps(self.header).encode() + b"\n")
        _sync(fh)
        return fh

    def reopen(self) -> IO[bytes]:
        return self.path.open("ab")


def _sync(fh: IO[bytes]) -> None:
    fh.flush()
    os.fsync(fh.fileno())


def fingerprint(
    reader: ArticleReader,
    columns: Mapping[str, str] | None,
    fmt: str,
    options: Mapping[str, Any] | None = None,
    defaults: Defaults = Defaults(),
) -> dict[str, Any]:
    """What must not change between an interrupted run and its resumption."""
    files = []
    for path, _ in reader.inputs():
        stat = path.stat()
        files.append([str(path.resolve()), stat.st_size, stat.st_mtime_ns])
    return {
        "journal": JOURNAL_VERSION,
        "paths": reader.paths,
        "files": files,
        "columns": dict(columns or {}),
        "format": fmt,
        "extractor": _describe_options(options or {}),
        "defaults": dataclasses.asdict(defaults),
    }


def _describe_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """The extractor options as JSON: a resumed run must extract as the first one did."""
    return {
        key: dataclasses.asdict(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type)
        else value
        for key, value in sorted(options.items())
    }


def run(
    paths: Iterable[str],
    output: str,
    *,
    workers: int | None = None,
    resume: bool = False,
    columns: Mapping[str, str] | None = None,
    progress: IO[str] | None = None,
    extractor: Mapping[str, Any] | None = None,
    defaults: Defaults = Defaults(),
) -> RunStats:
    """Extract every document under ``paths`` into ``output`` (format from its suffix, ``-``
    for JSONL on stdout). Raises FileNotFoundError for a missing path, UsageError for an
    unknown output format or column field (ResumeError: ``resume`` found another run's
    journal), and :class:`Interrupted` on Ctrl-C, after saving a checkpoint. ``extractor``
    holds the keyword arguments of each worker's :class:`Extractor` (``langid``, ``entities``,
    ``settings``...), ``defaults`` what the run says of every document (:class:`Defaults`)."""
    make_state = functools.partial(Extractor, **(extractor or {}))
    repeats = RepeatedIds()  # repeated doc_ids of the whole input, resumed part included
    processes = workers or os.cpu_count() or 1
    try:
        reader = ArticleReader(list(paths), columns=columns)
        reader.check_columns(dict(columns or {}))
        fmt = "jsonl" if output == "-" else format_for(output)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    work = functools.partial(_encode_chunk, defaults=defaults, tabular=fmt != "jsonl")

    def extracted(items: Iterable[Item]) -> Iterator[Encoded]:
        return ordered_map(
            work, items, workers=processes, make_state=make_state, salvage=_salvage_encoded
        )

    if output == "-":
        if resume:
            raise UsageError("--resume needs an output file, not stdout")
        reader.inputs()  # a missing path fails before anything is written
        stats = RunStats(skipped=reader.skipped())
        started = time.monotonic()
        display = Progress(reader, progress) if progress else None
        out = sys.stdout.buffer
        for done in extracted(repeats.marked(reader)):
            out.write(done.data)
            stats.add(done.facts, done.error)
            if display:
                display.update(stats)
        out.flush()
        stats.seconds, stats.repeated = time.monotonic() - started, repeats.count
        if display:
            display.update(stats, force=True)
            display.close()
        return stats

    target = Path(output)
    partial = target.with_name(target.name + ".partial")
    journal = Journal(
        target.with_name(target.name + ".journal"),
        fingerprint(reader, columns, fmt, extractor, defaults),
    )
    start = journal.last() if resume and partial.exists() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    data: IO[bytes]
    if start is None:
        start = Checkpoint()
        data = partial.open("wb")
        log = journal.start()
    else:
        data = partial.open("r+b")
        data.truncate(start.size)
        data.seek(start.size)
        log = journal.reopen()

    stats = RunStats(
        start.documents,
        start.facts,
        start.errors,
        resumed=start.documents,
        skipped=reader.skipped(),
    )
    display = Progress(reader, progress, resumed=start.documents) if progress else None
    started = time.monotonic()
    last_sync = started
    # What the partial file holds, whole documents only: replaced in one step after each
    # document, so that a Ctrl-C between writing a document and counting it (the journal
    # would then name a size that holds one document more than its count, and the resumed
    # run would write that document twice) saves the state before it.
    saved = start

    def checkpoint() -> None:
        _sync(data)
        log.write(f"{saved.documents} {saved.size} {saved.facts} {saved.errors}\n".encode())
        _sync(log)

    try:
        items = islice(repeats.marked(reader), start.documents, None)
        for done in extracted(items):
            data.write(done.data)
            stats.add(done.facts, done.error)
            saved = Checkpoint(stats.documents, data.tell(), stats.facts, stats.errors)
            now = time.monotonic()
            if now - last_sync >= CHECKPOINT_SECONDS:
                checkpoint()
                last_sync = now
            if display:
                display.update(stats)
        checkpoint()
    except KeyboardInterrupt:
        # The documents written and counted so far are complete: save them for --resume.
        checkpoint()
        stats.documents, stats.facts, stats.errors = saved.documents, saved.facts, saved.errors
        stats.seconds = time.monotonic() - started
        raise Interrupted(stats) from None
    finally:
        data.close()
        log.close()
        if display:
            display.update(stats, force=True)
            display.close()

    try:
        if fmt == "jsonl":
            os.replace(partial, target)
        else:
            # Writers write to a temporary file and rename it at the end, so a Ctrl-C here
            # leaves no output, and the journal still says every document is done.
            with open_writer(target, fmt) as writer, partial.open("rb") as staged:
                for line in staged:
                    writer.write(json.loads(line))
            partial.unlink()
    except KeyboardInterrupt:
        stats.seconds = time.monotonic() - started
        raise Interrupted(stats) from None
    journal.path.unlink()
    stats.seconds, stats.repeated = time.monotonic() - started, repeats.count
    return stats
