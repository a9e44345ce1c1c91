"""The pipeline: text in, :class:`~newsfacts.model.Article` out."""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date

from newsfacts.guard import time_limit
from newsfacts.langid.detect import label_blocks
from newsfacts.layout.blocks import CONTENT_KINDS, segment
from newsfacts.model import Article, Context, EntityBackend, Fact, Linker, Scanner, Source
from newsfacts.text.normalize import normalize, parse_date

# Malay and Indonesian are close enough that one paragraph alone can look like either, while an
# outlet writes in one of them throughout: a block that seems to be the other one of the pair
# takes the document's language (what its numbers, dates and names are read by).
_CLOSE_LANGUAGES = frozenset({"ms", "id"})


def default_scanners() -> list[Scanner]:
    from newsfacts.dates.scanner import DateScanner
    from newsfacts.figures.scanner import FigureScanner

    return [FigureScanner(), DateScanner()]


def default_entities() -> list[EntityBackend]:
    from newsfacts.entities.rules import RuleEntities

    return [RuleEntities()]


def default_linkers() -> list[Linker]:
    from newsfacts.linking.linker import TimeLinker

    return [TimeLinker()]


class Extractor:
    """Holds loaded resources; call :meth:`extract` per document or :meth:`pipe` over many.

    Pass ``scanners``, ``entities`` or ``linkers`` to replace the defaults (an empty list turns
    a stage off). ``max_chars`` bounds the size of one document and ``time_limit`` (seconds)
    the time spent on it; past either, the document becomes an error record instead of
    stalling a whole run. ``None`` lifts a bound.
    """

    def __init__(
        self,
        *,
        scanners: Sequence[Scanner] | None = None,
        entities: Sequence[EntityBackend] | None = None,
        linkers: Sequence[Linker] | None = None,
        max_chars: int | None = 20_000_000,
        time_limit: float | None = 120.0,
    ) -> None:
        self.scanners = list(default_scanners() if scanners is None else scanners)
        self.entities = list(default_entities() if entities is None else entities)
        self.linkers = list(default_linkers() if linkers is None else linkers)
        self.max_chars = max_chars
        self.time_limit = time_limit

    def extract(
        self,
        text: str | bytes,
        *,
        doc_id: str | None = None,
        published: date | str | None = None,
        lang: str | None = None,
        url: str | None = None,
        title: str | None = None,
    ) -> Article:
        return self.process(
            Source(text, doc_id=doc_id, published=published, lang=lang, url=url, title=title)
        )

    def process(self, source: Source) -> Article:
        """Extract one document; an error becomes the article's ``error``, never an exception."""
        if self.max_chars is not None and len(source.text) > self.max_chars:
            error = f"document too large: {len(source.text)} > max_chars={self.max_chars}"
            source = replace(source, text="", error=source.error or error)
        text = normalize(source.text)
        sha1 = hashlib.sha1(text.encode("utf-8")).hexdigest()
        doc_id = source.doc_id or sha1[:16]
        if source.error is not None:
            return Article(doc_id=doc_id, text=text, text_sha1=sha1, error=source.error)
        try:
            with time_limit(self.time_limit):
                return self._process(source, text, sha1, doc_id)
        except Exception as exc:
            return Article(
                doc_id=doc_id, text=text, text_sha1=sha1, error=f"{type(exc).__name__}: {exc}"
            )

    def _process(self, source: Source, text: str, sha1: str, doc_id: str) -> Article:
        layout = segment(text)
        blocks, guess = label_blocks(layout.blocks)
        lang = source.lang or guess.lang
        lang_score = 1.0 if source.lang else guess.score
        if lang in _CLOSE_LANGUAGES:
            blocks = [replace(b, lang=lang) if b.lang in _CLOSE_LANGUAGES else b for b in blocks]
        published = _as_date(source.published) or layout.published
        ctx = Context(doc_id=doc_id, text=text, published=published, lang=lang)
        facts: list[Fact] = []
        for block in blocks:
            if block.kind in CONTENT_KINDS:
                for scanner in self.scanners:
                    facts.extend(scanner.scan(ctx, block))
        facts = _drop_counts_inside_dates(facts)
        for backend in self.entities:
            facts.extend(backend.entities(ctx, blocks))
        for linker in self.linkers:
            facts = linker.link(ctx, blocks, facts)
        facts.sort(key=lambda f: (f.start, f.end, f.type))
        return Article(
            doc_id=doc_id,
            text=text,
            text_sha1=sha1,
            lang=lang,
            lang_score=lang_score,
            title=source.title or layout.title,
            published=published,
            url=source.url or layout.url,
            blocks=tuple(blocks),
            facts=tuple(facts),
        )

    def pipe(self, sources: Iterable[Source | str], *, workers: int = 1) -> Iterator[Article]:
        """Articles in input order. With ``workers`` > 1 they are extracted by that many
        processes, each with its own copy of this extractor (so it must be picklable)."""
        if workers > 1:
            from newsfacts.io.runner import pipe

            return pipe(sources, workers=workers, extractor=self)
        return (self.process(s if isinstance(s, Source) else Source(s)) for s in sources)


def _drop_counts_inside_dates(facts: list[Fact]) -> list[Fact]:
    """A number the date scanner read as a year (``dalam tempoh 2021-2025``, ``between 2021 and
    2025``) is not also a count: the date scanner only takes a year with a cue, so it wins."""
    dates = sorted((f.start, f.end) for f in facts if f.type == "date")
    if not dates:
        return facts
    starts = [start for start, _ in dates]

    def inside_a_date(fact: Fact) -> bool:
        i = bisect_left(starts, fact.end) - 1
        return i >= 0 and dates[i][1] > fact.start

    return [f for f in facts if f.type != "quantity" or not inside_a_date(f)]


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return parse_date(value)


_DEFAULT: Extractor | None = None


def extract(
    text: str | bytes,
    *,
    doc_id: str | None = None,
    published: date | str | None = None,
    lang: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """Extract the facts of one article with the default pipeline (loaded once, then reused)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract(
        text, doc_id=doc_id, published=published, lang=lang, url=url, title=title
    )
