"""Parallel, ordered, resumable runs; the CLI's exit status and progress display."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfacts.cli import main
from newsfacts.io.progress import Progress, RunStats
from newsfacts.io.readers import ArticleReader
from newsfacts.io.runner import Checkpoint, Interrupted, Journal, ResumeError, pipe, run
from newsfacts.pipeline import Extractor

# Sentences written for these tests, in the three languages, with figures and dates.
SENTENCES = [
    "Kerajaan negeri memperuntukkan RM{a} juta untuk membaiki {b} batang jalan pada tahun 2024.",
    "Kadar pengangguran turun daripada {a}.5% kepada {b}% dalam tempoh tiga tahun.",
    "The city council approved a budget of ${a} million for {b} new schools in March 2023.",
    "Ủy ban tỉnh đã chi {a} tỷ đồng để xây {b} ngôi nhà cho hộ nghèo trong năm 2022.",
    "Seramai {b} orang penduduk dipindahkan ke {a} pusat pemindahan sementara semalam.",
    "Exports rose {a}% to {b} billion dollars in the second quarter, the ministry said.",
]


def article(n: int) -> str:
    lines = [f"Berita nombor {n}"]
    for k in range(3):
        template = SENTENCES[(n + k) % len(SENTENCES)]
        lines.append(template.format(a=n % 97 + k, b=(n * 7 + k) % 500 + 2))
    return "\n\n".join(lines)


def write_archive(path: Path, count: int) -> None:
    """A gzipped WARC of ``count`` HTML news pages."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n in range(count):
            paragraphs = "".join(f"<p>{line}</p>" for line in article(n).split("\n\n")[1:])
            html = (
                f"<html><head><title>Berita nombor {n}</title></head><body><article>"
                f"<h1>Berita nombor {n}</h1>{paragraphs}</article></body></html>"
            ).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            record = writer.create_warc_record(
                f"https://akhbar.example/{n}",
                "response",
                payload=io.BytesIO(html),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-05-01T08:00:00Z"},
            )
            writer.write_record(record)


def write_texts(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"a{n:03d}.txt").write_text(article(n), encoding="utf-8")
    return folder


def doc_ids(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [r["doc_id"] for r in map(json.loads, fh) if r["record"] == "document"]


def test_output_order_is_input_order_whatever_the_workers(tmp_path: Path) -> None:
    folder = write_texts(tmp_path / "in", 40)  # three chunks: the pool is used
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    stats = run([str(folder)], str(one), workers=1)
    run([str(folder)], str(two), workers=2)
    assert one.read_bytes() == two.read_bytes()
    assert doc_ids(one) == [f"a{n:03d}" for n in range(40)]
    assert stats.documents == 40 and stats.errors == 0 and stats.facts > 40
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "one.jsonl", "two.jsonl"]


def test_every_format_holds_the_same_records(tmp_path: Path) -> None:
    folder = write_texts(tmp_path / "in", 5)
    (folder / "bad.jsonl").write_text("not json\n", encoding="utf-8")
    stats = {}
    for suffix in (".jsonl", ".csv", ".parquet", ".duckdb"):
        stats[suffix] = run([str(folder)], str(tmp_path / f"out{suffix}"), workers=1)
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").open(encoding="utf-8")]
    facts = sum(r["record"] == "fact" for r in records)
    assert stats[".jsonl"].documents == 6 and stats[".jsonl"].errors == 1
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as fh:
        assert [r["id"] or r["doc_id"] for r in csv.DictReader(fh)] == [
            r.get("id") or r["doc_id"] for r in records
        ]
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column("record").to_pylist() == [r["record"] for r in records]
    with duckdb.connect(str(tmp_path / "out.duckdb"), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone() == (6,)
        assert db.execute("SELECT count(*) FROM facts").fetchone() == (facts,)
        # the tables carry each fact's sentence; JSONL its offsets only
        sentences = db.execute("SELECT text, sentence_text FROM facts").fetchall()
    assert all(text in sentence for text, sentence in sentences)
    assert table.column("sentence_text").null_count == len(records) - facts
    assert all("sentence_text" not in r and r["sentence"] for r in records if r["record"] == "fact")
    leftovers = [p.name for p in tmp_path.iterdir() if ".partial" in p.name or "journal" in p.name]
    assert leftovers == []


def test_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_texts(tmp_path / "in", 2)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('not json\n{"id": "x"}\n', encoding="utf-8")
    out = str(tmp_path / "o.jsonl")
    assert main(["extract", str(folder), "-o", out, "-w", "1"]) == 0
    assert "2 documents (0 errors)" in capsys.readouterr().err
    assert main(["extract", str(bad), "-o", out, "-w", "1"]) == 1
    assert "2 documents (2 errors)" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "absent"), "-o", out]) == 2
    assert main(["extract", str(folder), "-o", str(tmp_path / "o.xlsx")]) == 2
    assert main(["extract", str(folder), "-o", out, "--column", "body"]) == 2
    assert main(["extract", str(folder), "-o", out, "--column", "body=text"]) == 2
    assert main(["extract", str(folder), "-o", "-", "--resume"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert "no such file or folder" in err[0]
    # each usage error: extract's usage, then one line that says what is wrong
    errors = [line for line in err if line.startswith("newsfacts extract: error: ")]
    assert len(errors) == 4 and err.count(err[1]) == 4 and err[1].startswith("usage: ")
    assert main(["extract", str(folder), "-o", out, "-q", "-w", "1"]) == 0
    assert capsys.readouterr().err == ""


def _cli(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsfacts.cli", "extract", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: a signal reaches its workers too
        **kwargs,  # type: ignore[call-overload]
    )


# Enough documents that a run is still going when its second checkpoint is seen, even on a fast
# idle machine (a shorter run can finish before the test gets to interrupt it).
KILLED_RUN_DOCUMENTS = 1000


def _wait_for_checkpoint(journal: Path, proc: subprocess.Popen[bytes]) -> int:
    """Documents in the run's first checkpoints, once there are two of them."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail("the run ended before it could be interrupted")
        lines = journal.read_bytes().split(b"\n")[1:-1] if journal.exists() else []
        if len(lines) >= 2 and int(lines[-1].split()[0]) > 0:
            return int(lines[-1].split()[0])
        time.sleep(0.02)
    pytest.fail("no checkpoint within two minutes")


def test_kill_9_then_resume_gives_exactly_the_uninterrupted_output(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    write_archive(archive, KILLED_RUN_DOCUMENTS)
    reference = tmp_path / "reference.jsonl"
    done = _cli(str(archive), "-o", str(reference), "-w", "1", "-q")
    assert done.wait() == 0

    out = tmp_path / "out.jsonl"
    killed = _cli(str(archive), "-o", str(out), "-w", "2")
    saved = _wait_for_checkpoint(tmp_path / "out.jsonl.journal", killed)
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait()
    assert not out.exists()  # never a half-written output
    assert 0 < saved < KILLED_RUN_DOCUMENTS

    resumed = _cli(str(archive), "-o", str(out), "-w", "2", "--resume")
    _, err = resumed.communicate()
    assert resumed.returncode == 0, err
    assert b"from the interrupted run" in err
    assert out.read_bytes() == reference.read_bytes()
    assert len(doc_ids(out)) == KILLED_RUN_DOCUMENTS == len(set(doc_ids(out)))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "crawl.warc.gz",
        "out.jsonl",
        "reference.jsonl",
    ]


def test_ctrl_c_saves_progress_and_resume_finishes_a_csv(tmp_path: Path) -> None:
    folder = write_texts(tmp_path / "in", KILLED_RUN_DOCUMENTS)
    reference = tmp_path / "reference.csv"
    assert _cli(str(folder), "-o", str(reference), "-w", "1", "-q").wait() == 0

    out = tmp_path / "out.csv"
    stopped = _cli(str(folder), "-o", str(out), "-w", "1")
    _wait_for_checkpoint(tmp_path / "out.csv.journal", stopped)
    os.killpg(stopped.pid, signal.SIGINT)
    _, err = stopped.communicate()
    assert stopped.returncode == 130 and b"--resume" in err
    assert not out.exists()

    resumed = _cli(str(folder), "-o", str(out), "-w", "1", "--resume", "-q")
    assert resumed.wait() == 0
    assert out.read_bytes() == reference.read_bytes()


def test_ctrl_c_between_writing_and_counting_a_document_resumes_without_a_repeat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl-C lands where a signal can: here right after a document's records are written,
    # before the run has counted it (the journal must not name that document's bytes)
    folder = write_texts(tmp_path / "in", 30)
    reference = tmp_path / "reference.jsonl"
    run([str(folder)], str(reference), workers=1)
    out = tmp_path / "out.jsonl"
    count = RunStats.add

    def interrupted_at_the_tenth(self: RunStats, facts: int, error: bool) -> None:
        if self.documents == 9:
            raise KeyboardInterrupt
        count(self, facts, error)

    monkeypatch.setattr(RunStats, "add", interrupted_at_the_tenth)
    with pytest.raises(Interrupted) as stopped:
        run([str(folder)], str(out), workers=1)
    assert stopped.value.stats.documents == 9
    monkeypatch.undo()
    resumed = run([str(folder)], str(out), workers=1, resume=True)
    assert resumed.resumed == 9
    assert out.read_bytes() == reference.read_bytes()
    assert len(doc_ids(out)) == 30 == len(set(doc_ids(out)))


def test_resume_refuses_the_journal_of_other_inputs(tmp_path: Path) -> None:
    folder = write_texts(tmp_path / "in", 3)
    out = tmp_path / "o.jsonl"
    journal = Journal(tmp_path / "o.jsonl.journal", {"journal": "other"})
    journal.start().close()
    (tmp_path / "o.jsonl.partial").write_bytes(b"")
    with pytest.raises(ResumeError):
        run([str(folder)], str(out), workers=1, resume=True)
    # Without --resume the old progress is simply replaced.
    assert run([str(folder)], str(out), workers=1).documents == 3


def test_a_torn_journal_line_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "j"
    journal = Journal(path, {"journal": "x"})
    with journal.start() as fh:
        fh.write(b"10 2048 30 1\n20 40")  # killed while appending the second checkpoint
    assert journal.last() == Checkpoint(10, 2048, 30, 1)


def test_progress_counts_documents_when_their_number_is_known(tmp_path: Path) -> None:
    folder = write_texts(tmp_path / "in", 4)
    reader = ArticleReader(folder)
    stream = io.StringIO()
    progress = Progress(reader, stream)
    for n, _ in enumerate(reader, start=1):
        progress.update(RunStats(documents=n, facts=4 * n, errors=n // 4), force=True)
    progress.close()
    lines = stream.getvalue().split("\r")
    assert "2/4" in "".join(lines) and "doc/s" in "".join(lines)
    last = lines[-1]
    assert "100%" in last and "4/4" in last and "4 docs, 16 facts, 1 error" in last
    assert last.endswith("\n") and "ETA" not in last


def test_progress_of_a_dump_is_in_bytes(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text(
        "".join(json.dumps({"id": str(n), "text": article(n)}) + "\n" for n in range(3)),
        encoding="utf-8",
    )
    reader = ArticleReader([str(dump)])
    stream = io.StringIO()
    progress = Progress(reader, stream)
    for n, _ in enumerate(reader, start=1):
        progress.update(RunStats(documents=n), force=True)
    progress.close()
    last = stream.getvalue().split("\r")[-1]
    assert "100%" in last and "B/s" in last and "3 docs" in last


def test_pipe_yields_articles_in_order_with_the_given_extractor() -> None:
    bare = Extractor(scanners=[], entities=[], linkers=[])
    texts = [article(n) for n in range(3)]
    articles = list(pipe(texts, workers=1, extractor=bare))
    assert [a.text for a in articles] == texts
    assert all(a.facts == () and a.error is None for a in articles)


def test_files_of_no_known_format_are_counted_not_hidden(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Harga minyak naik 5% pada 2024.\n", encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4 not read")
    (folder / "notes.text").write_text("Harga naik 3%.\n", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    assert ArticleReader([str(folder)]).skipped() == {".pdf": 2, ".text": 1}
    out = str(tmp_path / "o.jsonl")
    assert main(["extract", str(folder), "-o", out, "-w", "1"]) == 0
    err = capsys.readouterr().err
    assert "1 document (0 errors)" in err
    assert "skipped 3 files of no known format (2 .pdf, 1 .text)" in err
