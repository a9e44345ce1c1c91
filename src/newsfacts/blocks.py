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
from dataclasses import dataclass
from datetime import date
from functools import cache

from . import langdata
from .normalize import parse_date
from .records import Block, BlockKind

CONTENT_KINDS: frozenset[str] = frozenset({"title", "paragraph", "caption"})

# A title is a headline, not a paragraph: at most this many words.
_TITLE_MAX_WORDS = 30
# Bylines and menu items are short; a line this long is body text whatever it starts with.
_BYLINE_MAX_WORDS = 12
_MENU_MAX_WORDS = 6
# A paragraph with at least this many words counts as article body for the tail rule.
_BODY_MIN_WORDS = 8

_LINE = re.compile(r"[^\n]+")
_URL = re.compile(r"https?://[^\s<>\"')\]]+|www\.[^\s<>\"')\]]+")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:vn|my|id|sg|com|net|org|gov|edu|co)\b", re.IGNORECASE)
_DATE_TOKEN = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:+.Z-]+)?|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")
_MENU_SEPARATORS = re.compile(r"\s[|»›>·•]\s")
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


def _alternation(words: set[str]) -> str:
    # Longest first, so "Ảnh minh họa" wins over "Ảnh".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _cues() -> _Cues:
    merged: dict[str, set[str]] = {}
    for code in langdata.available("blocks"):
        for key, words in langdata.load(code, "blocks").items():
            if not key.startswith("_"):
                merged.setdefault(key, set()).update(words)
    credit = _alternation(merged["photo_credit"])
    return _Cues(
        # "… Ảnh: Khương Trung." / "(Foto: Bernama)" at the end of the line.
        caption=re.compile(rf"(?:^|[\s.(])(?:{credit})\s*:\s*[^.:\n]{{1,80}}[.)]?\s*$"),
        source=re.compile(rf"^(?:{_alternation(merged['source'])})\s*:", re.IGNORECASE),
        comments=re.compile(
            rf"^(?:{_alternation(merged['comments'])})\s*(?:\(\d+\))?\s*$", re.IGNORECASE
        ),
        end_marker=re.compile(
            rf"^(?:{_alternation(merged['end_markers'])})\s*:?\s*$", re.IGNORECASE
        ),
        byline=re.compile(rf"^(?:{_alternation(merged['byline'])})\s+\S", re.IGNORECASE),
    )


def _word_count(text: str) -> int:
    return len(text.split())


def _dateline(text: str) -> date | None:
    """The date of a short line that is mostly a date (a byline glued to its date)."""
    if _word_count(text) > _BYLINE_MAX_WORDS:
        return None
    m = _DATE_TOKEN.search(text)
    return parse_date(m.group(0)) if m else None


def segment(text: str) -> Layout:
    """Blocks (one per non-empty line, offsets trimmed of spaces) with their kinds."""
    cues = _cues()
    spans: list[tuple[int, int, str]] = []
    for m in _LINE.finditer(text):
        line = m.group(0)
        stripped = line.strip()
        if stripped:
            start = m.start() + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped), stripped))

    kinds: list[BlockKind | None] = [None] * len(spans)
    published: date | None = None
    url: str | None = None
    end = len(spans)
    for i, (_, _, line) in enumerate(spans):
        if cues.caption.search(line):
            kinds[i] = "caption"
        elif cues.source.match(line):
            kinds[i] = "boilerplate"
            found = _URL.search(line)
            if found and url is None:
                url = found.group(0).rstrip(".,;")
            if i >= len(spans) // 2:
                end = min(end, i + 1)
        elif cues.comments.match(line) or cues.end_marker.match(line):
            kinds[i] = "boilerplate"
            if i >= len(spans) // 2:
                end = min(end, i)
        elif _MENU_SEPARATORS.search(line) and not _SENTENCE_END.search(line):
            kinds[i] = "boilerplate"
        elif (day := _dateline(line)) is not None and _word_count(line) <= _BYLINE_MAX_WORDS:
            kinds[i] = "byline"
            published = published or day
        elif (
            cues.byline.match(line)
            and _word_count(line) <= _MENU_MAX_WORDS
            and not (_SENTENCE_END.search(line))
        ):
            kinds[i] = "byline"

    # Everything after the end of the article (source line, comment widget, related menus).
    for i in range(end, len(spans)):
        kinds[i] = "boilerplate"

    # Short unpunctuated lines after the last body paragraph are menus.
    last_body = max(
        (
            i
            for i, (_, _, line) in enumerate(spans[:end])
            if kinds[i] is None and _word_count(line) >= _BODY_MIN_WORDS
        ),
        default=-1,
    )
    for i in range(last_body + 1, end):
        line = spans[i][2]
        if kinds[i] is None and _word_count(line) <= _MENU_MAX_WORDS:
            kinds[i] = "boilerplate"

    title = _find_title(spans, kinds)
    blocks = tuple(
        Block(i=i, start=s, end=e, kind=kinds[i] or "paragraph", text=line)
        for i, (s, e, line) in enumerate(spans)
    )
    return Layout(blocks=blocks, title=title, published=published, url=url)


def _find_title(spans: list[tuple[int, int, str]], kinds: list[BlockKind | None]) -> str | None:
    """Marks the headline: the first unclassified line, if short and unpunctuated.

    Site-name lines before it (a domain name, or a short line followed by the real headline)
    become boilerplate.
    """
    candidates = [i for i, kind in enumerate(kinds) if kind is None]
    if not candidates:
        return None
    first = candidates[0]
    line = spans[first][2]
    if _DOMAIN.search(line) and _word_count(line) <= _BYLINE_MAX_WORDS and len(candidates) > 1:
        kinds[first] = "boilerplate"
        first = candidates[1]
        line = spans[first][2]
    if _word_count(line) > _TITLE_MAX_WORDS or line.endswith("."):
        return None
    kinds[first] = "title"
    return line
