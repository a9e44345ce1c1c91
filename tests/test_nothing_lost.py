"""Nothing lost: for every reader, documents in = document records out (error records
included), decompression bombs become error records, and a worker process killed mid-run does
not take its documents with it."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import signal
from collections.abc import Iterable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfacts.io import readers
from newsfacts.io.runner import pipe, run
from newsfacts.model import Block, Context, Fact, Source
from newsfacts.pipeline import Extractor

# Written for these tests: one sentence per language, with figures and dates.
TEXTS = [
    "Kerajaan negeri memperuntukkan RM{n} juta untuk membaiki jalan pada tahun 2024.",
    "Ủy ban tỉnh đã chi {n} tỷ đồng để xây nhà cho hộ nghèo trong năm 2022.",
    "The council approved a budget of ${n} million for new schools in March 2023.",
]


def text(n: int) -> str:
    return TEXTS[n % len(TEXTS)].format(n=n + 1)


def documents(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        return [r for r in map(json.loads, fh) if r["record"] == "document"]


def write_warc(path: Path, bodies: Iterable[bytes], *, gz: bool = True) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for n, body in enumerate(bodies):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://akhbar.example/{n}",
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=headers,
                )
            )


# --- every reader: documents in = document records out ---------------------------------------


def test_every_reader_gives_one_document_record_per_document(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    expected = 0  # documents written, good and broken
    (src / "plain.txt").write_text(text(0), encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 4)  # not text at all
    (src / "page.html").write_text(f"<html><body><p>{text(1)}</p></body></html>", "utf-8")
    (src / "broken.html").write_bytes(b"<html><body><p>\xff\xfe<<<</div></p")
    expected += 5
    rows = [json.dumps({"id": f"j{n}", "text": text(n)}) for n in range(6)]
    rows += ["not json", "[1, 2]", '{"id": "no-text"}', '{"id": "html", "html": "<p>x</p>"}']
    (src / "rows.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    expected += len(rows)
    with gzip.open(src / "zipped.jsonl.gz", "wt", encoding="utf-8") as gz:
        gz.write("\n".join(rows).replace('"id": "', '"id": "z-') + "\n")
    expected += len(rows)
    with (src / "table.csv").open("w", encoding="utf-8", newline="") as fh:
        table = csv.writer(fh)
        table.writerow(["id", "text", "published"])
        for n in range(4):
            table.writerow([f"c{n}", text(n), "2024-05-01" if n % 2 else "not a date"])
        table.writerow(["c-empty", "", ""])
    expected += 5
    write_warc(src / "crawl.warc.gz", [text(n).encode() for n in range(3)])
    write_warc(src / "crawl.warc", [text(n).encode() for n in range(2)], gz=False)
    expected += 5
    out = tmp_path / "out.jsonl"
    stats = run([str(src)], str(out), workers=1)
    records = documents(out)
    assert stats.documents == len(records) == expected
    ids = [str(r["doc_id"]) for r in records]
    assert len(set(ids)) == expected, sorted(i for i in ids if ids.count(i) > 1)
    broken = {r["doc_id"] for r in records if r["error"]}
    assert {"rows:7", "rows:8", "no-text", "c-empty", "z-no-text"} <= broken


def test_damaged_archives_still_report_what_they_lost(tmp_path: Path) -> None:
    rows = "".join(json.dumps({"id": f"j{n}", "text": text(n)}) + "\n" for n in range(3000))
    whole = gzip.compress(rows.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "garbage.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(300))
    write_warc(tmp_path / "full.warc.gz", [text(n).encode() for n in range(4)])
    warc = (tmp_path / "full.warc.gz").read_bytes()
    (tmp_path / "torn.warc.gz").write_bytes(warc[: len(warc) - 40])

    def read(name: str) -> list[Source]:
        return list(readers.read_articles(tmp_path / name))

    # Every document before the damage is read; the damage itself is one error record.
    cut = read("cut.jsonl.gz")
    assert [s.doc_id for s in cut[:-1]] == [f"j{n}" for n in range(len(cut) - 1)]
    assert len(cut) > 100 and all(s.error is None for s in cut[:-1]) and cut[-1].error
    garbage = read("garbage.jsonl.gz")
    assert len(garbage) == 1 and garbage[0].error
    full, torn = read("full.warc.gz"), read("torn.warc.gz")
    assert len(full) == 4 and all(s.error is None for s in full)
    assert len(torn) == 4 and [s.error is None for s in torn] == [True, True, True, False]


# --- decompression limits ----------------------------------------------------------------------


def test_a_gzip_bomb_line_is_an_error_record_not_an_oom(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "MAX_RECORD_BYTES", 2**20)
    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as gz:
        gz.write(json.dumps({"id": "before", "text": text(0)}).encode() + b"\n")
        gz.write(b'{"id": "bomb", "text": "')
        for _ in range(16):  # 16 MiB of one line, 16 times the limit
            gz.write(b"0" * 2**20)
        gz.write(b'"}\n')
        gz.write(json.dumps({"id": "after", "text": text(1)}).encode() + b"\n")
    assert bomb.stat().st_size < 2**17
    sources = list(readers.read_articles(bomb))
    assert [s.doc_id for s in sources] == ["before", "bomb:2", "after"]
    assert sources[1].error is not None and "longer than" in sources[1].error
    assert sources[0].error is None and sources[2].error is None


def test_an_oversized_warc_record_is_an_error_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "MAX_RECORD_BYTES", 2**16)
    write_warc(tmp_path / "c.warc.gz", [text(0).encode(), b"7 " * 2**17, text(1).encode()])
    sources = list(readers.read_articles(tmp_path / "c.warc.gz"))
    assert [s.error is None for s in sources] == [True, False, True]
    assert "longer than" in (sources[1].error or "")


def test_an_oversized_document_is_an_error_record_whatever_the_reader(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("Harga naik 5%. " * 2000, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(text(0), encoding="utf-8")
    articles = list(
        pipe(readers.read_articles(tmp_path), workers=1, extractor=Extractor(max_chars=10_000))
    )
    assert [(a.doc_id, a.error is None) for a in articles] == [("big", False), ("ok", True)]


# --- a worker killed mid-run -------------------------------------------------------------------

MARKER = "KILL-THE-WORKER"


class KillOnMarker:
    """A test-only scanner that kills its own worker process (SIGKILL: no cleanup, no
    exception) on the document holding the marker; with ``once_flag``, only the first time."""

    name = "test.kill"

    def __init__(self, once_flag: str | None = None) -> None:
        self.once_flag = once_flag

    def scan(self, ctx: Context, block: Block) -> Iterable[Fact]:
        first = self.once_flag is None or not os.path.exists(self.once_flag)
        if MARKER in block.text and first:
            if self.once_flag is not None:
                Path(self.once_flag).touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return []


def marked(count: int, victim: int) -> list[Source]:
    return [
        Source(text(n) + (f" {MARKER}" if n == victim else ""), doc_id=f"d{n}")
        for n in range(count)
    ]


def test_a_document_that_kills_its_worker_becomes_an_error_record(tmp_path: Path) -> None:
    extractor = Extractor(scanners=[KillOnMarker()], entities=[], linkers=[])
    articles = list(pipe(marked(70, victim=37), workers=2, extractor=extractor))
    assert [a.doc_id for a in articles] == [f"d{n}" for n in range(70)]  # all, in order
    failed = [a for a in articles if a.error is not None]
    assert [a.doc_id for a in failed] == ["d37"]
    assert "worker process died" in (failed[0].error or "")
    # The error record keeps the document's hash: it can be found in the input.
    assert failed[0].text_sha1 == Extractor().process(marked(38, victim=37)[37]).text_sha1


def test_a_worker_killed_once_loses_nothing(tmp_path: Path) -> None:
    flag = str(tmp_path / "killed-once")
    extractor = Extractor(scanners=[KillOnMarker(flag)], entities=[], linkers=[])
    articles = list(pipe(marked(70, victim=5), workers=2, extractor=extractor))
    assert os.path.exists(flag)  # a worker did die
    assert [a.doc_id for a in articles] == [f"d{n}" for n in range(70)]
    assert all(a.error is None for a in articles)  # the retry processed the victim
