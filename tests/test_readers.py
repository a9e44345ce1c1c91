"""Readers: folders, JSONL(.gz), CSV, WARC(.gz) and HTML, and what they do with bad input."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfacts.io.html import Html, html_to_source
from newsfacts.io.readers import ArticleReader, from_row, read_articles
from newsfacts.model import Source

BODY_MS = (
    "Kerajaan negeri memperuntukkan RM{n} juta bagi membaiki jalan luar bandar tahun ini, "
    "kata pegawai kewangan dalam satu kenyataan kepada pemberita."
)
BODY_MS_2 = "Sebanyak {m} buah rumah mampu milik akan siap dibina sebelum hujung tahun hadapan."


def page(n: int, *, date: str | None = None) -> bytes:
    """A news page with a menu, a headline, two paragraphs and a footer."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return (
        f"<html><head><title>Jalan baharu {n} | Akhbar Contoh</title>{meta}</head><body>"
        "<nav><a href='/'>Utama</a> | <a href='/sukan'>Sukan</a> | <a href='/bisnes'>Bisnes</a>"
        f"</nav><article><h1>Jalan baharu {n}</h1><p>{BODY_MS.format(n=n)}</p>"
        f"<p>{BODY_MS_2.format(m=n * 10)}</p></article>"
        "<footer>Hak cipta terpelihara Akhbar Contoh</footer></body></html>"
    ).encode()


def write_warc(path: Path, pages: list[bytes], *, gz: bool = True) -> list[str]:
    """A WARC of HTML responses, plus a request and an image that are not articles; returns
    the WARC-Record-IDs of the HTML responses."""
    ids = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for n, html in enumerate(pages):
            url = f"https://akhbar.example/berita/{n}"
            request = StatusAndHeaders(
                f"GET /berita/{n} HTTP/1.1", [("Host", "akhbar.example")], is_http_request=True
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "request", payload=io.BytesIO(), http_headers=request
                )
            )
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html), http_headers=headers
            )
            ids.append(record.rec_headers.get_header("WARC-Record-ID"))
            writer.write_record(record)
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url + ".png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=image
                )
            )
    return ids


def test_folder_is_walked_recursively_in_sorted_order_with_relative_ids(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "nested.md").write_text("# Tajuk\n\nHarga naik 3%.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Giá điện tăng 3% từ tháng Năm.", encoding="utf-8")
    (tmp_path / "c.html").write_bytes(page(1))
    (tmp_path / "notes.docx").write_bytes(b"ignored")
    items = list(ArticleReader(tmp_path))
    assert [i.doc_id for i in items] == ["a", "b/nested", "c"]
    assert isinstance(items[2], Html)
    sources = list(read_articles(tmp_path))
    assert all(isinstance(s, Source) for s in sources)
    assert sources[1].text == b"# Tajuk\n\nHarga naik 3%."


def test_html_becomes_main_text_title_and_date(tmp_path: Path) -> None:
    source = html_to_source(Html(page(7, date="2024-05-02"), doc_id="p7"))
    assert isinstance(source.text, str)
    lines = source.text.split("\n")
    assert lines[0] == "Jalan baharu 7"  # the headline, once, first
    assert "RM7 juta" in source.text and "70 buah rumah" in source.text
    assert "Sukan" not in source.text and "Hak cipta" not in source.text  # menu and footer
    assert source.title == "Jalan baharu 7"
    assert source.published == "2024-05-02"
    assert source.error is None


def test_html_without_text_is_an_error_source() -> None:
    source = html_to_source(
        Html(b"<html><body><script>var a = 1;</script></body></html>", doc_id="e")
    )
    assert source.error is not None and source.doc_id == "e"


def test_jsonl_and_gzip_with_news_please_fields(tmp_path: Path) -> None:
    rows = [
        {"id": "ours", "text": "Harga beras naik 5%.", "published": "2024-01-02", "lang": "ms"},
        {
            "maintext": "The council spent $3 million on roads.",
            "date_publish": "2023-07-04 10:00:00",
            "url": "https://news.example/roads",
            "title": "Roads",
        },
        {"id": "page", "html": page(2).decode(), "url": "https://akhbar.example/2"},
    ]
    data = "".join(json.dumps(r) + "\n" for r in rows).encode()
    (tmp_path / "dump.jsonl.gz").write_bytes(gzip.compress(data))
    sources = list(read_articles(tmp_path / "dump.jsonl.gz"))
    assert [s.doc_id for s in sources] == ["ours", "dump:2", "page"]
    assert sources[0].lang == "ms" and sources[0].published == "2024-01-02"
    assert sources[1].text == rows[1]["maintext"]
    assert sources[1].published == "2023-07-04 10:00:00"
    assert sources[1].url == "https://news.example/roads" and sources[1].title == "Roads"
    assert "RM2 juta" in str(sources[2].text) and sources[2].url == "https://akhbar.example/2"


def test_csv_with_column_options(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(
        'guid,body,when\nk1,"Harga gula naik 10 sen, kata menteri.",2024-02-01\nk2,,2024-02-02\n',
        encoding="utf-8",
    )
    columns = {"id": "guid", "text": "body", "published": "when"}
    sources = list(read_articles(path, columns=columns))
    assert [s.doc_id for s in sources] == ["k1", "k2"]
    assert sources[0].text == "Harga gula naik 10 sen, kata menteri."
    assert sources[0].published == "2024-02-01"
    assert sources[1].error == "record has no text"
    with pytest.raises(ValueError, match="unknown field"):
        ArticleReader(path, columns={"body": "text"})


def test_warc_keeps_record_id_url_and_date(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    ids = write_warc(path, [page(1), page(2, date="2024-03-09")])
    sources = list(read_articles(path))
    assert [s.doc_id for s in sources] == ids  # request and image records are skipped
    assert [s.url for s in sources] == [
        "https://akhbar.example/berita/0",
        "https://akhbar.example/berita/1",
    ]
    assert str(sources[0].published).startswith("20")  # no date in the page: the WARC-Date
    assert sources[1].published == "2024-03-09"  # the page's own date wins
    assert all(s.error is None for s in sources)
    assert "RM1 juta" in str(sources[0].text)


def test_reader_reports_its_progress_in_bytes(tmp_path: Path) -> None:
    write_warc(tmp_path / "a.warc.gz", [page(n) for n in range(3)])
    (tmp_path / "b.txt").write_text("Harga naik 2%.", encoding="utf-8")
    reader = ArticleReader(tmp_path)
    total = reader.total_bytes
    assert total == sum(p.stat().st_size for p in tmp_path.iterdir())
    seen = []
    for _ in reader:
        seen.append(reader.bytes_read)
    assert seen == sorted(seen) and reader.bytes_read == total


def test_truncated_and_corrupt_warc_give_error_records(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, [page(n) for n in range(4)], gz=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: len(data) * 2 // 3])
    sources = list(read_articles(cut))
    assert sources[-1].error is not None and "truncated" in sources[-1].error
    assert all(s.error is None for s in sources[:-1]) and len(sources) >= 2

    gz = tmp_path / "whole.warc.gz"
    write_warc(gz, [page(n) for n in range(4)])
    damaged = bytearray(gz.read_bytes())
    middle = len(damaged) // 2
    damaged[middle : middle + 64] = bytes(64)
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(bytes(damaged))
    sources = list(read_articles(bad))
    assert sources[-1].error is not None
    assert all(s.error is None for s in sources[:-1]) and len(sources) >= 1


def test_bad_jsonl_lines_and_corrupt_gzip_member(tmp_path: Path) -> None:
    good = json.dumps({"id": "g", "text": "Harga naik 1%."}).encode() + b"\n"
    lines = [
        good,
        b"this is not json\n",
        b'{"id": "latin", "text": "caf\xe9 naik 2%"}\n',  # not UTF-8
        b'{"id": "empty", "text": "  "}\n',
        b"[1, 2]\n",
    ]
    first = gzip.compress(b"".join(lines))
    second = bytearray(gzip.compress(good.replace(b'"g"', b'"h"')))
    second[12:20] = b"\xff" * 8  # a damaged second member
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(first + bytes(second))
    sources = list(read_articles(path))
    assert sources[0].doc_id == "g" and sources[0].error is None
    errors = [s.error for s in sources[1:]]
    assert all(errors), errors
    assert "not JSON" in str(errors[0]) and "not JSON" in str(errors[1])
    assert errors[2] == "record has no text" and "not a JSON object" in str(errors[3])
    assert "unreadable" in str(errors[4])  # the damaged member, one record
    assert len(sources) == 6


def test_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(read_articles(tmp_path / "absent"))


def test_from_row_accepts_html_and_columns() -> None:
    source = from_row(
        {"guid": "z", "body": "Harga naik 4%."},
        default_id="d",
        columns={
            "id": "guid",
            "text": "body",
        },
    )
    assert source.doc_id == "z" and source.text == "Harga naik 4%."
    assert from_row({}, default_id="d").error == "record has no text"


def test_csv_field_longer_than_the_csv_module_default_is_read(tmp_path: Path) -> None:
    long_text = "Harga beras naik 5% bulan ini. " * 10_000  # 310,000 characters in one field
    path = tmp_path / "long.csv"
    path.write_text(f'id,text\nlong,"{long_text}"\nnext,Satu ayat lagi.\n', encoding="utf-8")
    sources = list(read_articles(path))
    assert [s.doc_id for s in sources] == ["long", "next"]
    assert all(s.error is None for s in sources)
    assert sources[0].text == long_text


def test_news_please_language_field_is_the_language() -> None:
    source = from_row({"maintext": "Hello.", "language": "en"}, default_id="x")
    assert isinstance(source, Source) and source.lang == "en"
