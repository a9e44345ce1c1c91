"""The command line as a user meets it: real subprocesses, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from newsfacts.schema import validate

MALAY = "Kadar pengangguran turun kepada 3.2% tahun ini, kata menteri itu.\n"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsfacts.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_text_file_and_folder(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(MALAY, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("Giá xăng tăng 2,5% trong tháng này.\n", "utf-8")
    out = tmp_path / "out.jsonl"
    done = run("extract", str(tmp_path / "in"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    recs = records(out)
    for rec in recs:
        validate(rec)
    docs = [r for r in recs if r["record"] == "document"]
    assert [d["doc_id"] for d in docs] == ["a", "b"]
    percents = [r["text"] for r in recs if r.get("type") == "percent"]
    assert "3.2%" in percents and "2,5%" in percents


def test_malformed_jsonl_line_becomes_an_error_record_and_the_run_goes_on(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    rows = [
        json.dumps({"id": "good", "text": MALAY, "published": "2025-01-02"}),
        "{not json",
        json.dumps({"id": "empty", "text": ""}),
        json.dumps({"id": "np", "maintext": MALAY, "date_publish": "2025-03-04 10:00:00"}),
    ]
    dump.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = run("extract", str(dump), "-o", str(out))
    assert done.returncode == 0, done.stderr
    docs = {r["doc_id"]: r for r in records(out) if r["record"] == "document"}
    assert len(docs) == 4
    assert docs["good"]["error"] is None and docs["good"]["published"] == "2025-01-02"
    assert docs["dump:2"]["error"] and "not JSON" in docs["dump:2"]["error"]
    assert docs["empty"]["error"] == "record has no text"
    assert docs["np"]["published"] == "2025-03-04"


def test_exit_status_is_non_zero_only_when_nothing_could_be_processed(tmp_path: Path) -> None:
    dump = tmp_path / "bad.jsonl"
    dump.write_text("{oops\n[1, 2]\n", encoding="utf-8")
    done = run("extract", str(dump), "-o", str(tmp_path / "out.jsonl"))
    assert done.returncode == 1
    assert len(records(tmp_path / "out.jsonl")) == 2


def test_missing_path_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    done = run("extract", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.jsonl"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and "nope.txt" in done.stderr


def test_unknown_flag_is_a_usage_error() -> None:
    done = run("extract", "--frobnicate", "x")
    assert done.returncode == 2 and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["--lang", "xx"], "--lang 'xx': known: ms, vi, en, id"),
    ],
    ids=["unknown-flag", "bad-value"],
)
def test_a_usage_error_shows_the_commands_own_usage(
    tmp_path: Path, args: list[str], message: str
) -> None:
    done = run("extract", "x.txt", "-o", str(tmp_path / "o.jsonl"), *args)
    assert done.returncode == 2
    assert done.stderr.startswith("usage: newsfacts extract ")
    assert done.stderr.rstrip().endswith(f"newsfacts extract: error: {message}")


def test_stdin_to_stdout() -> None:
    done = run("extract", "-", "-o", "-", stdin=MALAY)
    assert done.returncode == 0, done.stderr
    recs = [json.loads(line) for line in done.stdout.splitlines()]
    assert recs[0]["record"] == "document" and recs[0]["doc_id"] == "stdin"
    assert any(r.get("text") == "3.2%" for r in recs[1:])


def test_schema_command_prints_a_valid_json_schema() -> None:
    done = run("schema")
    schema = json.loads(done.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["$defs"]) >= {"document", "fact"}


def test_detect_command() -> None:
    done = run("detect", "Chính phủ sẽ xây dựng thêm nhiều trường học mới ở nông thôn.")
    assert json.loads(done.stdout)["lang"] == "vi"


def test_summary_counts_documents_and_facts(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(MALAY, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert run("extract", str(src), "-o", str(out)).returncode == 0
    table = run("summary", str(out)).stdout.splitlines()
    header, row = table[0].split(), table[1].split()
    assert dict(zip(header, row, strict=True))["documents"] == "1"
    assert int(dict(zip(header, row, strict=True))["percent"]) >= 1


def test_help_explains_the_commands() -> None:
    done = run("--help")
    assert done.returncode == 0
    for word in ("extract", "detect", "schema", "examples:"):
        assert word in done.stdout


def test_schema_rejects_a_broken_record() -> None:
    good = {
        "record": "document",
        "schema": "newsfacts/1",
        "doc_id": "x",
        "lang": None,
        "lang_score": None,
        "title": None,
        "published": None,
        "url": None,
        "text_sha1": "0" * 40,
        "blocks": [],
        "error": None,
    }
    validate(good)
    bad = {**good, "published": "20/12/2025"}
    try:
        validate(bad)
    except jsonschema.ValidationError:
        return
    raise AssertionError("a non-ISO published date passed the schema")


def test_summary_reads_every_output_format(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(MALAY, encoding="utf-8")
    tables = []
    for suffix in (".jsonl", ".parquet", ".csv", ".duckdb"):
        out = tmp_path / f"o{suffix}"
        assert run("extract", str(src), "-o", str(out), "-w", "1").returncode == 0
        done = run("summary", str(out))
        assert done.returncode == 0, done.stderr
        tables.append(done.stdout)
    assert len(set(tables)) == 1  # the same counts, whatever the format


def test_summary_says_when_a_file_is_no_output(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text('{"id": "a", "text": "Harga naik 5%."}\n', encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("Harga naik 5%.\n", encoding="utf-8")
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"garbage\x80\n")
    for path in (dump, text, binary):
        done = run("summary", str(path))
        assert done.returncode == 2
        assert "is not a newsfacts output" in done.stderr and "Traceback" not in done.stderr
