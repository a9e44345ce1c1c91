"""What the CLI says of every document: --published, --lang, --layout, --types, checked up
front (one usage error, not an error record per document)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfacts.cli import main


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_published_lang_and_types_apply_to_every_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Harga minyak naik 5% semalam kepada RM2.05.\nPada 2024, eksport RM1.2 trilion.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    args = ["extract", str(tmp_path / "a.txt"), "-o", str(out), "-w", "1", "-q"]
    assert (
        main([*args, "--published", "20 Disember 2025", "--lang", "ms", "--types", "percent,date"])
        == 0
    )
    doc, *facts = _records(out)
    assert (doc["published"], doc["lang"]) == ("2025-12-20", "ms")
    assert [(f["type"], f["text"]) for f in facts] == [
        ("percent", "5%"),
        ("date", "semalam"),
        ("date", "2024"),
    ]
    assert facts[1]["value"]["start"] == "2025-12-19"  # resolved against --published


def test_a_document_s_own_date_wins_over_published(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text(
        json.dumps({"id": "x", "text": "Harga naik 5% semalam.", "published": "2024-01-10"}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert (
        main(["extract", str(dump), "-o", str(out), "-w", "1", "-q", "--published", "2025-12-20"])
        == 0
    )
    assert _records(out)[0]["published"] == "2024-01-10"


def test_layout_text_reads_every_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Utama\nSukan\nHarga naik 5%\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert (
        main(
            [
                "extract",
                str(tmp_path / "a.txt"),
                "-o",
                str(out),
                "-w",
                "1",
                "-q",
                "--layout",
                "text",
            ]
        )
        == 0
    )
    doc = _records(out)[0]
    assert [b["kind"] for b in doc["blocks"]] == ["paragraph"] * 3  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--types", "money,nope"], "--types: unknown ['nope']"),
        (["--lang", "xx"], "--lang 'xx'"),
        (["--published", "soonish"], "unreadable publication date"),
    ],
    ids=["unknown-type", "unknown-lang", "unreadable-date"],
)
def test_bad_values_are_one_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: list[str], message: str
) -> None:
    (tmp_path / "a.txt").write_text("Harga naik 5%.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path / "a.txt"), "-o", str(out), *option]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_missing_column_is_one_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    dump = tmp_path / f"d{suffix}"
    if suffix == ".csv":
        dump.write_text("id,body\n1,Harga naik 5%\n2,Harga turun 3%\n", encoding="utf-8")
    else:
        dump.write_text('{"id": "1", "body": "Harga naik 5%"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(dump), "-o", str(out), "--column", "text=nope", "-q"]) == 2
    assert "--column text=nope: not in" in capsys.readouterr().err and not out.exists()
    assert (
        main(["extract", str(dump), "-o", str(out), "--column", "text=body", "-q", "-w", "1"]) == 0
    )
    assert next(r["type"] for r in _records(out) if r["record"] == "fact") == "percent"
