"""Splits a normalised article into blocks and tells body text from page furniture.

A scraped page is the article plus what the site wrapped around it: the site name, a byline
glued to its date, photo captions, a source line, comment widgets and related-article menus.
Only ``title``, ``paragraph`` and ``caption`` blocks are scanned for figures; the byline gives
the publication date and the source line the URL when the caller did not pass them.

The cue words are per-language data (``lang/<code>/blocks.yaml``); a page mixes languages
(Vietnamese captions in a Malay article), so the cues of every language apply to every line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from newsfacts.lang import loader
from newsfacts.model import Block, BlockKind, LayoutMode, Period
from newsfacts.settings import DEFAULTS, LayoutSettings
from newsfacts.text.patterns import alternation
from newsfacts.text.published import parse_date
from newsfacts.text.shapes import LINK

_ALL_LANGUAGES: tuple[str | None, ...] = loader.LANGUAGES
CONTENT_KINDS: frozenset[str] = frozenset({"title", "paragraph", "caption"})
# The date stage's finder, passed in by the pipeline so that this stage does not import it:
# (text, languages, publication date) -> (start, end, period, confidence) in text order.
DateFinder = Callable[
    [str, tuple[str | None, ...], date | None], list[tuple[int, int, Period, float]]
]


_LINE = re.compile(r"[^\n]+")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:vn|my|id|sg|com|net|org|gov|edu|co)\b", re.IGNORECASE)
_DATE_TOKEN = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:+.Z-]+)?|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")
_DIGIT = re.compile(r"\d")
# What may follow the date of a dateline: a time of day and a time zone (`- 07:45`,
# `, 14:30 WIB`, `| 15:30 GMT+7`).
_AFTER_DATE = re.compile(
    r"[\s,|:–-]*(?:\d{1,2}[:hH]\d{2}(?::\d{2})?)?\s*(?:[A-Z]{2,4}(?:[+-]\d{1,2})?)?\s*"
)
_MENU_SEPARATORS = re.compile(r"\s[|»›>·•]\s")
# A site name line: `Harian Kita - Berita terkini`, `Tin tức | Báo X`.
_SITE_SEPARATOR = re.compile(r"\s[-|–—]\s")
_SENTENCE_END = re.compile(r"[.!?…:;\"”'’)]\s*$")


@dataclass(frozen=True, slots=True)
class Layout:
    """The blocks of a document and the metadata read off its furniture."""

    blocks: tuple[Block, ...]
    title: str | None
    published: date | None
    url: str | None


@dataclass(frozen=True, slots=True)
class _Cues:
    caption: re.Pattern[str]
    source: re.Pattern[str]
    comments: re.Pattern[str]
    end_marker: re.Pattern[str]
    byline: re.Pattern[str]


@cache
def _cues() -> _Cues:
    def alt(words: set[str]) -> str:
        # cue words are matched with their spaces as written: they begin a line of furniture
        return alternation(words, space=" ")

    merged: dict[str, set[str]] = {}
    for code in loader.available("blocks"):
        for key, words in loader.load(code, "blocks").items():
            if not key.startswith("_"):
                merged.setdefault(key, set()).update(words)
    # A credit needs its colon ("Foto: Bernama"), except after a cue that ends in a
    # preposition ("Photo by Mark Evans/PA"). It follows the end of the caption's sentence,
    # an opening parenthesis or a separator, and runs to the end of the line: "exhibition,
    # Picture: The Changing Face" is a title inside a sentence, not a credit.
    by = {w for w in merged["photo_credit"] if w.endswith(" by")}
    credit = rf"(?:{alt(merged['photo_credit'] - by)})\s*:"
    if by:
        credit = rf"(?:{credit}|(?:{alt(by)})\s)"
    return _Cues(
        caption=re.compile(
            rf"(?:^|[.!?”\"]\s+|\(|\s[|–-]\s)(?i:{credit})\s*[^:\n]{{1,80}}?[.)]?\s*$"
        ),
        source=re.compile(rf"^(?:{alt(merged['source'])})\s*:", re.IGNORECASE),
        comments=re.compile(rf"^(?:{alt(merged['comments'])})\s*(?:\(\d+\))?\s*$", re.IGNORECASE),
        # A header alone on its line ends the article; "Baca juga: <title>" inside the body
        # is one boilerplate line.
        end_marker=re.compile(rf"^(?:{alt(merged['end_markers'])})\s*(:?)\s*(.*)$", re.IGNORECASE),
        byline=re.compile(rf"^(?:{alt(merged['byline'])})\s*:?\s+(\w)"),
    )


def _word_count(text: str) -> int:
    return len(text.split())


def _dateline(text: str, find_dates: DateFinder, settings: LayoutSettings) -> date | None:
    """The date of a dateline: a short unpunctuated line that starts or ends with a date
    (``Minh Anh 03/10/2025``, a publisher name glued to its date). A sentence that merely
    mentions a date ends with punctuation and is not one."""
    if _word_count(text) > settings.byline_max_words or _SENTENCE_END.search(text):
        return None
    if not _DIGIT.search(text):
        return None  # every dated line has a day or a year in digits: no scan of the rest
    m = _DATE_TOKEN.search(text)
    if m is not None:
        start, end, day = m.start(), m.end(), parse_date(m.group(0))
    else:
        # A written date (``Oleh Ahmad Zaki - 12 Mac 2025``, ``Kamis, 13 Maret 2025``), in any
        # language, only after capitalised words (a name, a weekday): ``Hội nghị ngày 15
        # tháng 3 năm 2025`` is a headline.
        days = [
            (s, e, p) for s, e, p, _ in find_dates(text, _ALL_LANGUAGES, None) if p.grain == "day"
        ]
        if not days or any(w[:1].islower() for w in text[: days[0][0]].split()):
            return None
        start, end, day = days[0][0], days[0][1], days[0][2].start
    if start > 0 and not _AFTER_DATE.fullmatch(text, end):
        return None
    return day


@dataclass(frozen=True, slots=True)
class _Verdict:
    """What a rule says of one line: its kind, and what it tells of the page."""

    kind: BlockKind
    # the article may end here: (lines from this one to the first line of furniture, whether
    # it ends only when no body text follows)
    ends: tuple[int, bool] | None = None
    url: str | None = None
    published: date | None = None


_CAPTION = _Verdict("caption")
_FURNITURE = _Verdict("boilerplate")
_END = _Verdict("boilerplate", ends=(0, False))
_BYLINE = _Verdict("byline")


class _LineRules:
    """The rules that classify a line on its own, tried in :attr:`order`: the first that
    speaks decides. Lines no rule speaks of are body text, titles or menus (decided from the
    whole page in :func:`segment`)."""

    def __init__(self, cues: _Cues, find_dates: DateFinder, settings: LayoutSettings) -> None:
        self.cues, self.find_dates, self.settings = cues, find_dates, settings
        self.order = (
            self.caption,
            self.source,
            self.comments,
            self.end_marker,
            self.dateline,
            self.menu,
            self.byline,
        )

    def classify(self, line: str) -> _Verdict | None:
        for rule in self.order:
            if (verdict := rule(line)) is not None:
                return verdict
        return None

    def caption(self, line: str) -> _Verdict | None:
        return _CAPTION if self.cues.caption.search(line) else None

    def source(self, line: str) -> _Verdict | None:
        if not self.cues.source.match(line):
            return None
        found = LINK.search(line)
        # "Source: Department of Statistics" under a chart is not the end of the article; a
        # source line with a link, or one that no body text follows, is.
        url = found.group(0).rstrip(".,;") if found else None
        return _Verdict("boilerplate", ends=(1, found is None), url=url)

    def comments(self, line: str) -> _Verdict | None:
        return _END if self.cues.comments.match(line) else None

    def end_marker(self, line: str) -> _Verdict | None:
        marker = self.cues.end_marker.match(line)
        if not marker or not (marker[1] or not marker[2]):
            return None
        # a header alone on its line ends the article; "Baca juga: <title>" is one line
        return _FURNITURE if marker[2] else _END

    def dateline(self, line: str) -> _Verdict | None:
        day = _dateline(line, self.find_dates, self.settings)
        return None if day is None else _Verdict("byline", published=day)

    def menu(self, line: str) -> _Verdict | None:
        separated = len(_MENU_SEPARATORS.findall(line)) >= 2
        return _FURNITURE if separated and not _SENTENCE_END.search(line) else None

    def byline(self, line: str) -> _Verdict | None:
        # "Theo Thu Hà" is a byline, "Theo chân đại bàng" a headline: a name follows the cue.
        m = self.cues.byline.match(line)
        if (
            m
            and m.group(1).isupper()
            and _word_count(line) <= self.settings.menu_max_words
            and not _SENTENCE_END.search(line)
        ):
            return _BYLINE
        return None


@lru_cache(maxsize=8)
def _line_rules(find_dates: DateFinder, settings: LayoutSettings) -> _LineRules:
    # built once per finder and settings, not per document: most documents are short
    return _LineRules(_cues(), find_dates, settings)


def segment(
    text: str,
    find_dates: DateFinder,
    settings: LayoutSettings = DEFAULTS.layout,
    mode: LayoutMode = "auto",
) -> Layout:
    """Blocks (one per non-empty line, offsets trimmed of spaces) with their kinds.

    ``mode``: ``page`` classifies every line (titles, bylines, menus, boilerplate);
    ``text`` takes every line for content (a headline, a table cell, a message); ``auto``
    reads a page only where there is one: a single line is content.
    """
    spans: list[tuple[int, int, str]] = []
    for m in _LINE.finditer(text):
        line = m.group(0)
        stripped = line.strip()
        if stripped:
            start = m.start() + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped), stripped))
    if mode == "text" or (mode == "auto" and len(spans) == 1):
        blocks = tuple(
            Block(i=i, start=s, end=e, kind="paragraph", text=line)
            for i, (s, e, line) in enumerate(spans)
        )
        return Layout(blocks=blocks, title=None, published=None, url=None)

    kinds: list[BlockKind | None] = [None] * len(spans)
    published: date | None = None
    url: str | None = None
    # Lines that may end the article body: (index, first line of furniture, needs proof).
    ends: list[tuple[int, int, bool]] = []
    rules = _line_rules(find_dates, settings)
    for i, (_, _, line) in enumerate(spans):
        verdict = rules.classify(line)
        if verdict is None:
            continue
        kinds[i] = verdict.kind
        if verdict.ends is not None:
            ends.append((i, i + verdict.ends[0], verdict.ends[1]))
        url = url or verdict.url
        published = published or verdict.published

    body = [
        i for i, (_, _, line) in enumerate(spans) if kinds[i] is None and _is_body(line, settings)
    ]
    end = len(spans)
    for i, first, needs_proof in ends:
        if i >= len(spans) // 2 and not (needs_proof and any(j > i for j in body)):
            end = first
            break
    # Everything after the end of the article (source line, comment widget, related menus).
    for i in range(end, len(spans)):
        kinds[i] = "boilerplate"
    # Short unpunctuated lines after the last body paragraph are menus.
    last_body = max((i for i in body if i < end), default=-1)
    for i in range(last_body + 1, end):
        line = spans[i][2]
        if (
            kinds[i] is None
            and _word_count(line) <= settings.menu_max_words
            and not (_SENTENCE_END.search(line))
        ):
            kinds[i] = "boilerplate"

    title = _find_title(spans, kinds, settings)
    blocks = tuple(
        Block(i=i, start=s, end=e, kind=kinds[i] or "paragraph", text=line)
        for i, (s, e, line) in enumerate(spans)
    )
    return Layout(blocks=blocks, title=title, published=published, url=url)


def _is_body(line: str, settings: LayoutSettings) -> bool:
    return _word_count(line) >= settings.body_min_words and bool(_SENTENCE_END.search(line))


def _is_headline(line: str, settings: LayoutSettings) -> bool:
    return _word_count(line) <= settings.title_max_words and not line.endswith(".")


def _find_title(
    spans: list[tuple[int, int, str]], kinds: list[BlockKind | None], settings: LayoutSettings
) -> str | None:
    """Marks the headline: the first unclassified line, if short and unpunctuated.

    A site-name line before it (a domain, or `Name - tagline`) becomes boilerplate when
    another headline-like line follows it; alone, it is the title.
    """
    candidates = [i for i, kind in enumerate(kinds) if kind is None]
    if not candidates:
        return None
    first = candidates[0]
    line = spans[first][2]
    if (
        len(candidates) > 1
        and _word_count(line) <= settings.byline_max_words
        and (_DOMAIN.search(line) or _SITE_SEPARATOR.search(line))
        and _is_headline(line, settings)
        and _is_headline(spans[candidates[1]][2], settings)
    ):
        kinds[first] = "boilerplate"
        first = candidates[1]
        line = spans[first][2]
    if not _is_headline(line, settings):
        return None
    kinds[first] = "title"
    return line
