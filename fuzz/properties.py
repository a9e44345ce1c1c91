"""The properties every entry point must keep, whatever the input; each raises
AssertionError with the reason when one is broken."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema

from newsfacts.io.readers import read_articles
from newsfacts.io.writers import jsonl_line
from newsfacts.langid.detect import detect_language
from newsfacts.model import Article, Source
from newsfacts.pipeline import Extractor
from newsfacts.schema import record_schema, validate

LANGS = {"ms", "id", "vi", "en", "other", None}
CROSS_CHECK = 50  # one article in this many is also validated by jsonschema, the reference
_checked = 0


@cache
def _fast_validator() -> Any:
    return fastjsonschema.compile(record_schema())


def check_article(article: Article, *, may_fail: bool = False) -> str:
    """Offsets, schema, and no error unless ``may_fail``; the JSONL of its records."""
    assert may_fail or article.error is None, f"error record: {article.error}"
    for fact in article.facts:
        assert article.text[fact.start : fact.end] == fact.text, f"offsets: {fact}"
    for block in article.blocks:
        assert article.text[block.start : block.end] == block.text, f"block offsets: {block}"
    global _checked
    _checked += 1
    lines = []
    for record in article.records():
        _fast_validator()(record)
        if _checked % CROSS_CHECK == 0:
            validate(record)
        lines.append(jsonl_line(record))
    return "".join(lines)


def check_extract(
    extractor: Extractor, text: str | bytes, *, twice: bool = True, **meta: str
) -> Article:
    """extract() gives valid, error-free records (``twice``: the same ones twice)."""
    first = extractor.extract(text, **meta)
    encoded = check_article(first)
    if twice:
        again = check_article(extractor.extract(text, **meta))
        assert encoded == again, "the same input gave different records"
    encoded.encode("utf-8")  # no lone surrogate reached the output
    return first


def check_detect(text: str) -> None:
    guess = detect_language(text)
    assert guess.lang in LANGS, guess
    assert guess.score is None or 0.0 <= guess.score <= 1.0, guess
    assert detect_language(text) == guess


def check_reader(extractor: Extractor, path: Path) -> list[Source]:
    """A file of any content: the reader does not raise, every source yields valid records
    (an error record at most), and reading twice gives the same sources."""
    sources = list(read_articles(path))
    assert sources == list(read_articles(path)), "reading twice differed"
    for source in sources:
        assert source.error is not None or source.text is not None
        check_article(extractor.process(source), may_fail=True)
    json.dumps([s.doc_id for s in sources])  # ids are plain strings
    return sources
