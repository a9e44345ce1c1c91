"""What a worker process does with one job: the pipeline's records (or a Duckling answer, or
a language) as the response's JSON bytes, so that only bytes travel back to the server.

A job is ``(kind, fields)``; the server has validated ``fields`` already.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from newsfacts.io.html import Html, html_to_source
from newsfacts.langid.detect import detect_language
from newsfacts.model import Article, LayoutMode, Source
from newsfacts.pipeline import Extractor
from newsfacts.service import duckling

# A short text each worker extracts once before it takes jobs, so that the first request
# does not pay for loading the lexicons and the language model.
_WARM_UP = "KUALA LUMPUR, 20 Dis 2025 — Harga beras naik 5% kepada RM2.60 sekilo pada 2024."

Job = tuple[str, dict[str, Any]]


def setup(time_limit: float) -> Extractor:
    """The worker's extractor: the default pipeline, with the service's time limit."""
    extractor = Extractor(time_limit=time_limit)
    extractor.extract(_WARM_UP)
    return extractor


def handle(extractor: Extractor, job: Job) -> bytes:
    kind, fields = job
    if kind == "extract":
        result: Any = article_result(extractor.process(source_of(fields)), fields.get("types"))
    elif kind == "line":
        return _line(extractor, fields)
    elif kind == "detect":
        guess = detect_language(fields["text"])
        result = {"lang": guess.lang, "score": guess.score}
    elif kind == "parse":
        result = duckling.parse(extractor, **fields)
    else:
        raise ValueError(f"unknown job {kind!r}")
    return dumps(result)


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def source_of(fields: dict[str, Any]) -> Source:
    """The pipeline's input for a request's fields: an HTML page reduced to its main text the
    way the readers do it (``newsfacts.io.html``), else the text as it is."""
    meta = {k: fields.get(k) for k in ("url", "published", "title", "lang")}
    layout: LayoutMode = fields.get("layout") or "auto"
    if fields.get("html") is not None:
        page = Html(fields["html"], doc_id=fields.get("doc_id") or "", **meta)
        return replace(html_to_source(page), layout=layout)
    return Source(fields["text"], doc_id=fields.get("doc_id"), layout=layout, **meta)


def article_result(article: Article, types: list[str] | None) -> dict[str, Any]:
    """``{"document": record, "facts": [records]}``, the facts of ``types`` only when given."""
    facts = article.facts if types is None else [f for f in article.facts if f.type in types]
    return {"document": article.document_record(), "facts": [f.record() for f in facts]}


def _line(extractor: Extractor, fields: dict[str, Any]) -> bytes:
    """One batch line's NDJSON records: the document record, then its facts."""
    return _ndjson(article_result(extractor.process(source_of(fields)), fields.get("types")))


def _ndjson(result: dict[str, Any]) -> bytes:
    records = [result["document"], *result["facts"]]
    return b"".join(dumps(r) + b"\n" for r in records)


# Turns an error into its document record; loads no stage, so the server can use it.
_RECORDS_ONLY = Extractor(scanners=[], entities=[], linkers=[])


def error_lines(doc_id: str, error: str, text: str = "") -> bytes:
    """The document record of a batch line that gave no records of its own (``text`` kept
    for its default id and hash), as an NDJSON line."""
    article = _RECORDS_ONLY.process(Source(text, doc_id=doc_id or None, error=error))
    return _ndjson(article_result(article, None))
