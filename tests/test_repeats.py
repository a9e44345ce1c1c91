"""Repeated doc_ids: a warning, unique fact ids, stable across runs, resumed runs included."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

import newsfacts
from newsfacts.cli import main
from newsfacts.io.readers import ArticleReader
from newsfacts.io.runner import Journal, fingerprint, run
from newsfacts.repeats import SHOWN, RepeatedDocIdWarning, RepeatedIds

ROWS = [
    {"id": "dup", "text": "Harga beras naik 5% pada 2024.", "published": "2024-06-01"},
    {"id": "other", "text": "Eksport meningkat 7% tahun lalu.", "published": "2024-06-01"},
    {"id": "dup", "text": "Harga beras naik 5% pada 2024.", "published": "2024-06-01"},
    {"id": "dup", "text": "Inflasi turun kepada 2% bulan lalu.", "published": "2024-06-01"},
]


def dump(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_repeats_get_unique_fact_ids_and_the_first_keeps_its_own(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.warns(RepeatedDocIdWarning, match="'dup' appears again at input position 2"):
        stats = run([str(dump(tmp_path / "in.jsonl", ROWS))], str(out), workers=1)
    assert stats.repeated == 2
    got = records(out)
    facts = [r for r in got if r["record"] == "fact"]
    assert len({f["id"] for f in facts}) == len(facts)
    assert [r["position"] for r in got if r["record"] == "document"] == [None, None, 2, 3]
    # The first document of an id has the ids it has alone; the same text again differs.
    alone = newsfacts.extract(ROWS[0]["text"], doc_id="dup", published="2024-06-01")
    first = [f["id"] for f in facts if f["doc_id"] == "dup"][: len(alone.facts)]
    assert first == [f.id for f in alone.facts]
    # Stable across runs: the same input, the same ids.
    again = tmp_path / "again.jsonl"
    with pytest.warns(RepeatedDocIdWarning):
        run([str(tmp_path / "in.jsonl")], str(again), workers=2)
    assert again.read_bytes() == out.read_bytes()


def test_the_cli_warns_in_one_line_and_counts_them_in_its_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = dump(tmp_path / "in.jsonl", ROWS)
    assert main(["extract", str(source), "-o", str(tmp_path / "o.jsonl"), "-w", "1"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("newsfacts: warning: doc_id 'dup' appears again at input position 2")
    assert "2 repeated doc_ids (their fact ids include the input position)" in err[-1]


def test_a_resumed_run_keeps_the_positions(tmp_path: Path) -> None:
    """The documents a resumed run skips are still counted, so a repeat after the checkpoint
    gets the position it had in the uninterrupted run."""
    source = dump(tmp_path / "in.jsonl", ROWS)
    reference = tmp_path / "reference.jsonl"
    with pytest.warns(RepeatedDocIdWarning):
        run([str(source)], str(reference), workers=1)
    out = tmp_path / "out.jsonl"
    with pytest.warns(RepeatedDocIdWarning):
        run([str(source)], str(out), workers=1)
    # Fake an interruption after the first three documents: keep their lines and a journal.
    lines = out.read_bytes().splitlines(keepends=True)
    docs = [i for i, line in enumerate(lines) if b'"record": "document"' in line]
    kept = b"".join(lines[: docs[3]])
    partial = tmp_path / "out.jsonl.partial"
    partial.write_bytes(kept)
    journal = Journal(
        tmp_path / "out.jsonl.journal", fingerprint(ArticleReader([str(source)]), None, "jsonl")
    )
    facts = sum(1 for line in lines[: docs[3]] if b'"record": "fact"' in line)
    with journal.start() as fh:
        fh.write(f"3 {len(kept)} {facts} 0\n".encode())
    out.unlink()
    with pytest.warns(RepeatedDocIdWarning):
        stats = run([str(source)], str(out), workers=1, resume=True)
    assert stats.resumed == 3
    assert out.read_bytes() == reference.read_bytes()


def test_pipe_marks_repeats_from_python() -> None:
    rows = [{"text": r["text"], "doc_id": r["id"]} for r in ROWS]
    with pytest.warns(RepeatedDocIdWarning):
        articles = list(newsfacts.Extractor().pipe(rows))
    assert [a.position for a in articles] == [None, None, 2, 3]
    ids = [f.id for a in articles for f in a.facts]
    assert len(ids) == len(set(ids))


def test_documents_without_an_id_are_not_tracked() -> None:
    repeats = RepeatedIds()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        marked = list(repeats.marked(newsfacts.Source("same text") for _ in range(3)))
    assert [s.position for s in marked] == [None, None, None] and repeats.count == 0


def test_only_the_first_few_repeats_are_shown() -> None:
    repeats = RepeatedIds()
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        list(repeats.marked(newsfacts.Source("x", doc_id="a") for _ in range(SHOWN + 4)))
    assert repeats.count == SHOWN + 3 and len(shown) == SHOWN
    assert "further repeats are counted, not shown" in str(shown[-1].message)
