"""Checks the issue targets on the reference article, through the CLI as a user would run it.

    python benchmarks/reference.py ../shared/reference/lang_son_ms.txt

The article is third-party text, so it is not in the repository and the test suite cannot use
it; `.ci/run` runs this script when the shared folder is there. Exit status 1 when a target
is missed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

Record = dict[str, Any]


def run_cli(path: Path) -> tuple[Record, list[Record], str]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "facts.jsonl"
        subprocess.run(
            [sys.executable, "-m", "newsfacts.cli", "extract", str(path), "-o", str(out), "-q"],
            check=True,
        )
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    text = path.read_text(encoding="utf-8")
    return records[0], records[1:], text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", type=Path)
    args = parser.parse_args()
    doc, facts, raw = run_cli(args.article)
    from newsfacts.text.normalize import normalize

    text = normalize(raw)
    blocks = doc["blocks"]

    def block_text(b: Record) -> str:
        return str(text[b["start"] : b["end"]])

    def figure(type_: str, span: str) -> Record | None:
        return next((f for f in facts if f["type"] == type_ and f["text"] == span), None)

    def entity_key(span: str) -> str | None:
        return next(
            (f["value"]["key"] for f in facts if f["type"] == "entity" and f["text"] == span), None
        )

    def time_of(type_: str, span: str) -> tuple[str, str] | None:
        f = figure(type_, span)
        return (f["time"]["start"], f["time"]["end"]) if f and f["time"] else None

    captions = [b for b in blocks if b["kind"] == "caption"]
    after_source = [b for b in blocks if b["start"] > text.index("Sumber: https://")]
    checks: list[tuple[str, Callable[[], bool]]] = [
        ("title", lambda: doc["title"] == "Keajaiban Lang Son"),
        ("published", lambda: doc["published"] == "2025-12-20"),
        (
            "url",
            lambda: doc["url"] == "https://nongnghiepmoitruong.vn/ky-tich-lang-son-d790402.html",
        ),
        (
            "4 vi + 4 ms captions",
            lambda: sorted(b["lang"] for b in captions) == ["ms"] * 4 + ["vi"] * 4,
        ),
        (
            "closing menus are boilerplate",
            lambda: all(b["kind"] == "boilerplate" for b in after_source),
        ),
        ("document language ms", lambda: doc["lang"] == "ms"),
        (
            "every paragraph ms",
            lambda: all(b["lang"] == "ms" for b in blocks if b["kind"] == "paragraph"),
        ),
        (
            "lebih 1.149 trilion VND",
            lambda: (
                (figure("money", "lebih 1.149 trilion VND") or {}).get("value", {}).get("amount")
                == "1149000000000"
                and figure("money", "lebih 1.149 trilion VND")["value"]["qualifier"] == "more_than"
            ),  # type: ignore[index]
        ),
        (
            "lebih 300 juta VND",
            lambda: (
                (figure("money", "lebih 300 juta VND") or {}).get("value", {}).get("amount")
                == "300000000"
            ),
        ),
        ("12.2%", lambda: figure("percent", "12.2%") is not None),
        ("3.36%", lambda: figure("percent", "3.36%") is not None),
        (
            "no figure or date from the decree number or the URL",
            lambda: (
                not any(
                    "28/2022" in f["text"] or "2022" in f["text"] or "790402" in f["text"]
                    for f in facts
                    if f["type"] != "entity"
                )
            ),
        ),
        (
            "20 Disember -> 2025-12-20",
            lambda: any(
                f["type"] == "date"
                and f["text"].endswith("20 Disember")
                and f["value"]["start"] == "2025-12-20"
                for f in facts
            ),
        ),
        (
            "2021-2025 period",
            lambda: any(
                f["type"] == "date"
                and "2021-2025" in f["text"]
                and (f["value"]["start"], f["value"]["end"]) == ("2021-01-01", "2025-12-31")
                for f in facts
            ),
        ),
        ("12.2% tied to 2021", lambda: time_of("percent", "12.2%") == ("2021-01-01", "2021-12-31")),
        ("3.36% tied to 2024", lambda: time_of("percent", "3.36%") == ("2024-01-01", "2024-12-31")),
        (
            "1.149 trillion VND tied to 2021-2025",
            lambda: time_of("money", "lebih 1.149 trilion VND") == ("2021-01-01", "2025-12-31"),
        ),
        (
            "6,508 houses tied to 2025",
            lambda: time_of("quantity", "6,508 buah rumah") == ("2025-01-01", "2025-12-31"),
        ),
        (
            "Trần Thanh Nhàn = Tran Thanh Nhan",
            lambda: entity_key("Trần Thanh Nhàn") == entity_key("Tran Thanh Nhan") is not None,
        ),
        (
            "Lạng Sơn = Lang Son",
            lambda: entity_key("Lạng Sơn") == entity_key("Lang Son") is not None,
        ),
        (
            "Khương Trung = Khuong Trung",
            lambda: entity_key("Khương Trung") == entity_key("Khuong Trung") is not None,
        ),
        (
            "UBND tỉnh Lạng Sơn = Jawatankuasa Rakyat wilayah Lang Son",
            lambda: (
                entity_key("UBND tỉnh Lạng Sơn")
                == entity_key("Jawatankuasa Rakyat wilayah Lang Son")
                is not None
            ),
        ),
        (
            "Kementerian Pertanian dan Alam Sekitar",
            lambda: entity_key("Kementerian Pertanian dan Alam Sekitar") is not None,
        ),
    ]
    failed = 0
    for name, check in checks:
        try:
            ok = check()
        except (KeyError, TypeError, ValueError):
            ok = False
        failed += not ok
        print(f"{'ok ' if ok else 'MISS'}  {name}")
    print(f"{len(checks) - failed} of {len(checks)} reference targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
