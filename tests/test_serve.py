"""The fact service's endpoints, called over HTTP on a real server: records equal to the
Python API's and valid against the JSON Schema, the OpenAPI document, batches in order, and
errors as problem details."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

import newsfacts
from newsfacts.io.html import Html, html_to_source
from newsfacts.pipeline import Extractor
from newsfacts.schema import record_schema, validate
from newsfacts.service.duckling import DIMS
from newsfacts.service.models import ExtractRequest

from .conftest import ROOT
from .serving import raw_request

ARTICLES = sorted((ROOT / "examples" / "articles").glob("*.txt"))
PROBLEM_FIELDS = {"type", "title", "status", "detail"}


@pytest.fixture
def client(service: httpx.Client) -> httpx.Client:
    return service


def _records(answer: dict) -> list[dict]:  # type: ignore[type-arg]
    return [answer["document"], *answer["facts"]]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_extract_gives_the_python_api_records(client: httpx.Client, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    meta = {
        "doc_id": path.stem,
        "published": "2025-12-01",
        "url": f"https://example.my/{path.stem}",
    }
    response = client.post("/extract", json={"text": text, **meta})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    records = _records(response.json())
    assert records == list(newsfacts.extract(text, **meta).records())
    assert len(records) > 1
    for record in records:
        validate(record)


def test_html_is_read_as_the_readers_read_it(client: httpx.Client) -> None:
    html = (
        "<html><head><title>Harga beras naik</title></head><body><article>"
        "<h1>Harga beras naik</h1><p>Harga beras tempatan naik 5% kepada RM2.60 sekilogram "
        "pada tahun 2024, kata kementerian dalam satu kenyataan di Kuala Lumpur.</p>"
        "</article></body></html>"
    )
    response = client.post("/extract", json={"html": html, "doc_id": "page", "lang": "ms"})
    assert response.status_code == 200
    source = html_to_source(Html(html, doc_id="page", lang="ms"))
    assert _records(response.json()) == list(Extractor().process(source).records())
    assert any(f["type"] == "money" for f in response.json()["facts"])


def test_types_and_layout_options(client: httpx.Client) -> None:
    menu = "Utama\nSukan\nHarga minyak naik 5% kepada RM3.20 pada 2024"
    body = {"text": menu, "lang": "ms", "layout": "text", "types": ["percent", "date"]}
    answer = client.post("/extract", json=body).json()
    assert [b["kind"] for b in answer["document"]["blocks"]] == ["paragraph"] * 3
    assert {f["type"] for f in answer["facts"]} == {"percent", "date"}
    article = newsfacts.extract(menu, lang="ms", layout="text")
    assert answer["facts"] == [f.record() for f in article.facts_of("percent", "date")]


def test_batch_streams_ndjson_in_input_order(client: httpx.Client) -> None:
    texts = [p.read_text(encoding="utf-8") for p in ARTICLES] * 2
    lines = [json.dumps({"id": f"doc-{i}", "text": t}) for i, t in enumerate(texts)]
    lines[3] = "{not json"
    lines[5] = json.dumps({"id": "no-text"})
    body = "\n".join(lines).encode()
    with client.stream("POST", "/extract/batch", content=body) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/x-ndjson")
        records = [json.loads(line) for line in response.iter_lines() if line]
    documents = [r for r in records if r["record"] == "document"]
    ids = [f"doc-{i}" for i in range(len(texts))]
    ids[3], ids[5] = "line-4", "no-text"  # an unreadable line keeps the id it gives
    assert [d["doc_id"] for d in documents] == ids
    assert (
        "not JSON" in documents[3]["error"]
        and "exactly one of text and html" in documents[5]["error"]
    )
    for record in records:
        validate(record)
    expected = list(newsfacts.extract(texts[7], doc_id="doc-7").records())
    start = records.index(documents[7])
    assert records[start : start + len(expected)] == expected


def test_detect(client: httpx.Client) -> None:
    text = "Kerajaan akan membina lebih 500 buah rumah mampu milik tahun ini."
    answer = client.post("/detect", json={"text": text}).json()
    guess = newsfacts.detect_language(text)
    assert answer == {"lang": guess.lang, "score": guess.score} and guess.lang == "ms"


def test_schema_version_and_health(client: httpx.Client) -> None:
    assert client.get("/schema").json() == record_schema()
    assert client.get("/version").json() == {
        "newsfacts": newsfacts.__version__,
        "schema": "newsfacts/1",
    }
    assert client.get("/healthz").json() == {
        "status": "ok",
        "workers": 2,
        "busy": 0,
        "admitted": 0,
    }


def test_openapi_describes_the_records_with_their_json_schema(client: httpx.Client) -> None:
    document = client.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    for name, definition in record_schema()["$defs"].items():
        text = json.dumps(definition).replace("#/$defs/", "#/components/schemas/record.")
        assert schemas[f"record.{name}"] == json.loads(text)
    extract = document["paths"]["/extract"]["post"]
    assert extract["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ExtractResult"
    }
    assert set(document["paths"]) >= {"/extract", "/extract/batch", "/detect", "/parse"}
    parse = document["paths"]["/parse"]["post"]
    assert "application/x-www-form-urlencoded" in parse["requestBody"]["content"]
    assert schemas["DucklingEntity"]["properties"]["dim"]["enum"] == list(DIMS)
    # the request's fields are Source's (text or html), and its enums the model's
    fields = set(ExtractRequest.model_fields) - {"html", "types"}
    assert fields == {"text", "doc_id", "url", "title", "published", "lang", "layout"}
    assert schemas["ExtractRequest"]["properties"]["layout"]["enum"] == ["auto", "page", "text"]
    assert client.get("/docs").status_code == 404  # its page would load scripts from a CDN


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        (b'{"text": "Harga naik', 400, "not valid JSON"),
        (b'{"text": 5}', 422, "body.text"),
        (b'{"text": "a", "html": "<p>a</p>"}', 422, "exactly one of text and html"),
        (b'{"text": "a", "types": ["money", "weather"]}', 422, "body.types.1"),
        (b'{"text": "a", "lang": "fr"}', 422, "known languages"),
        (b'{"text": "a", "path": "/etc/passwd"}', 422, "body.path"),
        (b"[1, 2]", 422, "body"),
    ],
)
def test_bad_requests_are_problem_details(
    client: httpx.Client, body: bytes, status: int, detail: str
) -> None:
    response = client.post("/extract", content=body, headers={"content-type": "application/json"})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem.keys() >= PROBLEM_FIELDS and problem["status"] == status
    assert detail in problem["detail"]
    assert "Traceback" not in response.text


def test_a_10_mb_body_is_refused_with_413(client: httpx.Client) -> None:
    base = str(client.base_url).rstrip("/")
    body = json.dumps({"text": "Harga naik 5%. " * 700_000}).encode()
    assert len(body) > 10_000_000
    head = (
        b"POST /extract HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % len(body)
    )
    answer = raw_request(base, head, body[:1000])  # refused on its declared length
    assert answer.startswith(b"HTTP/1.1 413 ")
    problem = json.loads(answer.partition(b"\r\n\r\n")[2])
    assert problem["status"] == 413 and "8,388,608" in problem["detail"]
    assert client.get("/healthz").json()["status"] == "ok"


def test_unknown_paths_and_methods_are_problem_details(client: httpx.Client) -> None:
    missing = client.get("/etc/passwd")
    assert missing.status_code == 404 and missing.json()["title"] == "Not Found"
    wrong = client.get("/extract")
    assert wrong.status_code == 405 and wrong.json()["status"] == 405


def test_no_cors_unless_configured(client: httpx.Client) -> None:
    answer = client.get("/version", headers={"Origin": "https://elsewhere.example"})
    assert answer.status_code == 200 and "access-control-allow-origin" not in answer.headers
    preflight = {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"}
    assert client.options("/extract", headers=preflight).status_code == 405


def test_batch_reads_jsonl_dumps_as_the_cli_does(client: httpx.Client) -> None:
    dump = (ROOT / "examples" / "archive.jsonl").read_bytes()  # a news-please row among them
    rows = [json.loads(line) for line in dump.splitlines()]
    with client.stream("POST", "/extract/batch", content=dump) as response:
        records = [json.loads(line) for line in response.iter_lines() if line]
    documents = [r for r in records if r["record"] == "document"]
    assert [d["error"] for d in documents] == [None] * len(rows)
    newsplease = rows[-1]
    assert "maintext" in newsplease and "authors" in newsplease
    assert documents[-1]["title"] == newsplease["title"]
    assert documents[-1]["published"] == newsplease["date_publish"][:10]
    assert len(records) > len(documents)
