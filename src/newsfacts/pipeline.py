"""The pipeline: text in, :class:`~newsfacts.model.Article` out."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import fields, replace
from datetime import date, datetime
from functools import partial
from types import EllipsisType
from typing import Any

from newsfacts import registry
from newsfacts.arbiter import settle
from newsfacts.dates import find as find_dates
from newsfacts.guard import checkpoint, time_limit
from newsfacts.lang import policy
from newsfacts.langid.detect import label_blocks
from newsfacts.layout import CONTENT_KINDS, segment
from newsfacts.model import (
    Article,
    Block,
    Context,
    EntityBackend,
    Fact,
    LayoutMode,
    Linker,
    PublishedFrom,
    Reference,
    Scanner,
    Source,
)
from newsfacts.parallel import ordered_map
from newsfacts.repeats import RepeatedIds
from newsfacts.settings import DEFAULTS, Settings
from newsfacts.text.normalize import normalize
from newsfacts.text.published import Published, UnreadableDate, read_published
from newsfacts.text.sentences import with_sentences

# The shipped taggers beat the rules on held-out news in every language (README "Named
# entities"); the rules are their features, and the answer where a language has no tagger.
DEFAULT_ENTITIES = ("crf",)


def entity_backends(names: Sequence[str], settings: Settings = DEFAULTS) -> list[EntityBackend]:
    """The entity backends named (``rules``, ``underthesea``, ``spacy:MODEL``,
    ``transformers:PATH``, or a plug-in's name). The rules and one statistical backend named
    together are merged (the statistical mentions, plus the rule mentions overlapping none).
    """
    from newsfacts.entities import RuleEntities
    from newsfacts.entities.backends import MergedEntities, StatisticalBackend

    backends = [registry.create("entities", name, settings) for name in names]
    statistical = [b for b in backends if isinstance(b, StatisticalBackend)]
    rules = [b for b in backends if isinstance(b, RuleEntities)]
    if rules and len(statistical) == 1:
        merged = MergedEntities(statistical[0], rules[0])
        return [merged, *(b for b in backends if b not in (rules[0], statistical[0]))]
    if rules and statistical:
        raise ValueError("the rules merge with one statistical entity backend, not several")
    return backends


class Extractor:
    """Holds loaded resources; call :meth:`extract` per document or :meth:`pipe` over many.

    Components by name (``newsfacts.registry``): ``langid`` picks the language
    identification (``newsfacts``, ``lingua``, ``langdetect``...), ``dates`` the date scanner
    and ``entities`` the entity backends (default ``DEFAULT_ENTITIES``, the shipped taggers;
    ``["rules"]``, ``["rules", "underthesea"]``...); objects can be passed
    instead of names. ``scanners``, ``entities`` or ``linkers`` replace the defaults (an empty
    list turns a stage off). ``settings`` holds every threshold (:class:`Settings`);
    ``max_chars`` and ``time_limit`` are shortcuts for its ``limits``: past either, a document
    becomes an error record instead of stalling a whole run (``None`` lifts a bound). The
    layout reads datelines with newsfacts' own date finder, whichever ``dates`` is chosen.
    """

    def __init__(
        self,
        *,
        scanners: Sequence[Scanner] | None = None,
        entities: Sequence[EntityBackend | str] | None = None,
        linkers: Sequence[Linker] | None = None,
        langid: str = "newsfacts",
        dates: str = "newsfacts",
        settings: Settings = DEFAULTS,
        max_chars: int | EllipsisType | None = ...,
        time_limit: float | EllipsisType | None = ...,
    ) -> None:
        limits = settings.limits
        if not isinstance(max_chars, EllipsisType):
            limits = replace(limits, max_chars=max_chars)
        if not isinstance(time_limit, EllipsisType):
            limits = replace(limits, time_limit=time_limit)
        self.settings = replace(settings, limits=limits)
        registry.check("langid", langid)
        self.langid = langid
        if scanners is None:
            from newsfacts.figures.scanner import FigureScanner

            scanners = [FigureScanner(), registry.create("dates", dates, self.settings)]
        self.scanners = list(scanners)
        named = [e for e in entities or () if isinstance(e, str)]
        given = [e for e in entities or () if not isinstance(e, str)]
        self.entities = given + entity_backends(
            DEFAULT_ENTITIES if entities is None else named, self.settings
        )
        if linkers is None:
            from newsfacts.linking import TimeLinker

            linkers = [TimeLinker(self.settings.linking)]
        self.linkers = list(linkers)

    def extract(
        self,
        text: str | bytes,
        *,
        doc_id: str | None = None,
        published: date | datetime | str | None = None,
        lang: str | None = None,
        url: str | None = None,
        title: str | None = None,
        layout: LayoutMode = "auto",
    ) -> Article:
        return self.process(
            Source(
                text,
                doc_id=doc_id,
                published=published,
                lang=lang,
                url=url,
                title=title,
                layout=layout,
            )
        )

    def process(self, source: Source) -> Article:
        """Extract one document; an error becomes the article's ``error``, never an exception."""
        max_chars = self.settings.limits.max_chars
        if max_chars is not None and len(source.text) > max_chars:
            error = f"document too large: {len(source.text)} > max_chars={max_chars}"
            source = replace(source, text="", error=source.error or error)
        text = _with_title(normalize(source.text), source.title)
        sha1 = hashlib.sha1(text.encode("utf-8")).hexdigest()
        doc_id = source.doc_id or sha1[:16]
        failed = partial(
            Article, doc_id=doc_id, text=text, text_sha1=sha1, position=source.position
        )
        if source.error is not None:
            return failed(error=source.error)
        try:
            with time_limit(self.settings.limits.time_limit):
                return self._process(source, text, sha1, doc_id)
        except Exception as exc:
            return failed(error=f"{type(exc).__name__}: {exc}")

    def _process(self, source: Source, text: str, sha1: str, doc_id: str) -> Article:
        # the layout reads datelines with the date stage's finder
        layout = segment(text, find_dates, self.settings.layout, source.layout)
        # checkpoint(): the time limit outside a main thread (newsfacts.guard), between stages
        checkpoint()
        blocks, guess = label_blocks(
            layout.blocks, backend=self.langid, settings=self.settings.langid
        )
        lang = source.lang or guess.lang
        lang_score = 1.0 if source.lang else guess.score
        blocks = policy.relabel(blocks, lang)
        given, origin, published_error = _publication(source.published, layout.published)
        published = None if given is None else given.day
        ref, how = _reference(published, origin, blocks, lang, self.settings)
        if published is None and how == "dateline":
            published, origin = ref, "dateline"
        ctx = Context(
            doc_id=doc_id,
            text=text,
            published=ref,
            lang=lang,
            reference=how,
            position=source.position,
        )
        facts: list[Fact] = []
        for block in blocks:
            if block.kind in CONTENT_KINDS:
                for scanner in self.scanners:
                    checkpoint()
                    facts.extend(scanner.scan(ctx, block))
        facts = settle(facts, text)
        for backend in self.entities:
            checkpoint()
            facts.extend(backend.entities(ctx, blocks))
        for linker in self.linkers:
            checkpoint()
            facts = linker.link(ctx, blocks, facts)
        facts.sort(key=lambda f: (f.start, f.end, f.type))
        facts = with_sentences(facts, blocks)
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
            published_at=None if given is None else given.at,
            published_from=origin,
            published_error=published_error,
            position=source.position,
        )

    def pipe(
        self, sources: Iterable[Source | str | Mapping[str, Any]], *, workers: int = 1
    ) -> Iterator[Article]:
        """Articles in input order, from sources, texts, or dicts with ``Source``'s field
        names (``{"text": ..., "published": ...}``). With ``workers`` > 1 they are extracted
        by that many processes, each with its own copy of this extractor (so it must be
        picklable)."""
        items = RepeatedIds().marked(_as_source(s) for s in sources)
        if workers > 1:
            return ordered_map(
                _process_chunk,
                items,
                workers=workers,
                make_state=extractor_factory(self),
                salvage=_salvage,
            )
        return (self.process(s) for s in items)


def _publication(
    metadata: date | datetime | str | None, dateline: date | None
) -> tuple[Published | None, PublishedFrom | None, str | None]:
    """The publication date, where it came from, and why the metadata's could not be read:
    the input's date wins over a dateline; an unreadable one is reported, never fatal."""
    error: str | None = None
    try:
        given = read_published(metadata)
    except UnreadableDate as exc:
        given, error = None, str(exc)
    if given is not None:
        return given, "metadata", error
    if dateline is not None:
        return Published(dateline), "dateline", error
    return None, None, error


_SOURCE_FIELDS = frozenset(f.name for f in fields(Source))


def _as_source(item: Source | str | Mapping[str, Any]) -> Source:
    if isinstance(item, Source):
        return item
    if isinstance(item, str):
        return Source(item)
    unknown = set(item) - _SOURCE_FIELDS
    if unknown or "text" not in item:
        raise TypeError(
            f"a source dict needs 'text' and takes only {sorted(_SOURCE_FIELDS)}; "
            f"got {sorted(item)}"
        )
    return Source(**item)


def _with_title(text: str, title: str | None) -> str:
    """The text with a title given as metadata as its first line, so that the title's facts
    are found and have offsets (an HTML page's title is its first line already)."""
    if not title or not title.strip():
        return text
    title = normalize(title).strip()
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return text if first == title else f"{title}\n{text}"


def _itself(extractor: Extractor) -> Extractor:
    return extractor


def extractor_factory(extractor: Extractor | None) -> Callable[[], Extractor]:
    """What builds each worker's extractor: a copy of ``extractor`` (pickled to it), or the
    default pipeline built in the worker."""
    return Extractor if extractor is None else partial(_itself, extractor)


def _process_chunk(extractor: Extractor, sources: list[Source]) -> list[Article]:
    return [extractor.process(s) for s in sources]


def died(source: Source) -> Article:
    """The error record of a document that killed a worker process twice. Its text is kept
    for its default id and hash; bytes are not decoded here, in the parent, where a crash
    would take the whole run down."""
    text = source.text if isinstance(source.text, str) else ""
    return _SALVAGE.process(replace(source, text=text, error=WORKER_DIED))


def _salvage(source: Source) -> list[Article]:
    return [died(source)]


def _reference(
    published: date | None,
    origin: PublishedFrom | None,
    blocks: list[Block],
    lang: str | None,
    s: Settings,
) -> tuple[date | None, Reference]:
    """The date that relative dates are resolved against, and where it came from: the
    publication date given, else a dateline the layout read, else (only when the settings
    ask for it) the latest day the text names."""
    if published is not None:
        return published, "published" if origin == "metadata" else "dateline"
    dateline = _dateline(blocks, lang)
    if dateline is not None:
        return dateline, "dateline"
    if not s.dates.latest_reference:
        return None, "published"
    days = [
        p.end
        for b in blocks
        if b.kind in CONTENT_KINDS
        for _, _, p, _ in find_dates(b.text, (b.lang, lang), None)
        if p.grain == "day" and not p.relative and p.end is not None
    ]
    return (max(days), "latest") if days else (None, "published")


# What may stand before a dateline's date (a place in capitals and a comma) and right after
# it (a dash, a colon, a bracket, a comma before the time, or the end of its line).
_BEFORE_DATELINE = re.compile(r"(?:[^\W\d_][^\W\d_ .'-]*(?:[ .'-]+[^\W\d_]+)*\s*,\s*)?")
_AFTER_DATELINE = re.compile(r"\s*(?:[-\u2013\u2014:(|,]|$)")


def _dateline(blocks: list[Block], lang: str | None) -> date | None:
    """The day a dateline opening one of the first blocks names (``KUALA LUMPUR, 21 Nov
    2024 —``, ``Thứ năm, 21/11/2024, 08:30 (GMT+7)``), read when the layout found none."""
    for b in blocks[:3]:
        for start, end, p, _ in find_dates(b.text[:120], (b.lang, lang), None)[:1]:
            prefix = b.text[:start]
            if (
                p.grain == "day"
                and p.start is not None
                and not p.relative
                and _BEFORE_DATELINE.fullmatch(prefix)
                and (prefix.upper() == prefix or len(prefix.split()) <= 3)
                and _AFTER_DATELINE.match(b.text, end)
            ):
                return p.start
    return None


WORKER_DIED = "a worker process died twice on this document (killed or crashed)"
# Turns an error Source into its document record; loads no stage.
_SALVAGE = Extractor(scanners=[], entities=[], linkers=[])
_DEFAULT: Extractor | None = None


def extract(
    text: str | bytes,
    *,
    doc_id: str | None = None,
    published: date | datetime | str | None = None,
    lang: str | None = None,
    url: str | None = None,
    title: str | None = None,
    layout: LayoutMode = "auto",
) -> Article:
    """Extract the facts of one article with the default pipeline (loaded once, then reused).

    ``published`` is a date, a datetime (naive or with a zone) or a string in any common
    format (ISO 8601, RSS, ``20 Disember 2025``...: :mod:`newsfacts.text.published`); one that
    cannot be read is reported as the record's ``published_error``. ``layout``: ``page``
    reads titles, bylines and menus off the lines, ``text`` takes every line for content,
    ``auto`` (the default) reads a page only where there is one: a single line is content."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract(
        text, doc_id=doc_id, published=published, lang=lang, url=url, title=title, layout=layout
    )
