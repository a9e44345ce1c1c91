"""Compares the output and the speed of two newsfacts trees (or commits) in one run.

    python benchmarks/compare.py --old HEAD~1 ../shared/corpora/news_ms.jsonl \\
        ../shared/corpora/news_vi.jsonl ../shared/corpora/news_en_bbc.jsonl \\
        ../shared/corpora/news_id.jsonl --limit 500

``--old`` and ``--new`` are each a git commit of this repository (checked out into a temporary
folder) or the path of a tree with ``src/newsfacts`` (``--new`` defaults to this working tree).
Both trees run with the same Python, one fresh process per tree and run, over the same inputs:

- ``examples``: the files of ``examples/`` (as ``make demo`` reads them);
- ``specs``: the text of every case of ``tests/specs`` with its metadata;
- ``corpus``: the first ``--limit`` rows of each corpus file, every other one with a
  publication date (so relative dates are resolved in half of them).

Each input's records are written as JSON lines and compared byte for byte; the first
differing records are shown. Speed is the CPU time of the extraction inside the process
(the resources of every language loaded first and not counted; CPU time, so that other load
on the machine weighs less), the median of ``--runs`` runs alternating old and new, with the
ratio old/new (above 1: the new tree is faster). Exit status 1 when any output differs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run inside each tree's process: reads a JSONL of sources, writes one JSON line per record,
# prints the seconds spent extracting. Only the public API is used, so any tree can run it.
_WORKER = r"""
import json, sys, time
import newsfacts
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
extractor = newsfacts.Extractor()
# one text per language first, so that loading each language's resources is not timed
for warm in ("Kerajaan memperuntukkan RM5 juta pada 20 Disember 2025 di Kuala Lumpur.",
             "Ông Nguyễn Văn An nói doanh thu đạt 5 tỷ đồng năm 2024 tại Hà Nội.",
             "The Bank of England raised rates by 0.25% to 5.25% on Thursday in London.",
             "Presiden Joko Widodo meresmikan jalan tol senilai Rp2 triliun di Jakarta."):
    extractor.extract(warm, published="2025-12-20")
begin = time.process_time()
articles = [
    extractor.extract(r["text"], doc_id=r["id"], published=r.get("published"),
                      lang=r.get("lang"), url=r.get("url"), title=r.get("title"))
    for r in rows
]
seconds = time.process_time() - begin
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for article in articles:
        for record in article.records():
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
print(seconds)
"""


def _inputs(corpora: list[str], limit: int, folder: Path) -> dict[str, Path]:
    sets: dict[str, list[dict[str, object]]] = {"examples": [], "specs": [], "corpus": []}
    for path in sorted((ROOT / "examples").rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".md", ".html"):
            text = path.read_text(encoding="utf-8")
            sets["examples"].append({"id": str(path.relative_to(ROOT)), "text": text})
    for path in sorted((ROOT / "tests" / "specs").glob("*/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            row = {k: case.get(k) for k in ("id", "text", "published", "lang", "url", "title")}
            sets["specs"].append(row)
    for name in corpora:
        with open(name, encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n >= limit:
                    break
                row = json.loads(line)
                text = row.get("text") or row.get("maintext") or ""
                doc = {"id": f"{Path(name).stem}:{n}", "text": text}
                if n % 2:
                    doc["published"] = "2024-06-15"
                sets["corpus"].append(doc)
    files = {}
    for name, rows in sets.items():
        if rows:
            files[name] = folder / f"{name}.jsonl"
            with files[name].open("w", encoding="utf-8") as out:
                for row in rows:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return files


def _tree(spec: str, folder: Path) -> Path:
    """The tree for ``spec``: a folder as it is, or a commit checked out under ``folder``."""
    if (Path(spec) / "src" / "newsfacts").is_dir():
        return Path(spec).resolve()
    target = folder / spec.replace("/", "_").replace("~", "_")
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", spec], check=True, capture_output=True
    ).stdout
    target.mkdir()
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def _run(tree: Path, source: Path, output: Path) -> float:
    # One hash seed for both trees: the order of equal-length words in a pattern follows set
    # order, which changes the speed of some patterns a little from one process to the next.
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        [sys.executable, "-c", _WORKER, str(source), str(output)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def _first_difference(old: Path, new: Path, shown: int = 3) -> list[str]:
    a = old.read_text(encoding="utf-8").splitlines()
    b = new.read_text(encoding="utf-8").splitlines()
    out = [f"  {len(a)} records old, {len(b)} new"]
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            out += [f"  record {i}:", f"    old {x[:400]}", f"    new {y[:400]}"]
            shown -= 1
            if not shown:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", help="JSONL corpus files (text or maintext)")
    parser.add_argument("--old", required=True, help="git commit or tree path")
    parser.add_argument("--new", default=str(ROOT), help="git commit or tree path")
    parser.add_argument("--limit", type=int, default=500, help="rows per corpus file")
    parser.add_argument("--runs", type=int, default=1, help="timed runs per tree")
    args = parser.parse_args()
    differs = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old, new = _tree(args.old, folder), _tree(args.new, folder)
        inputs = _inputs(args.corpora, args.limit, folder)
        head = ("input", "docs", "output", "old cpu s", "new cpu s", "old/new")
        print("{:10} {:>6} {:10} {:>9} {:>9} {:>8}".format(*head))
        for name, source in inputs.items():
            docs = sum(1 for _ in source.open(encoding="utf-8"))
            times: dict[str, list[float]] = {"old": [], "new": []}
            for run in range(args.runs):
                for label, tree in (("old", old), ("new", new)):
                    out = folder / f"{name}.{label}.{run}.out"
                    times[label].append(_run(tree, source, out))
            a, b = folder / f"{name}.old.0.out", folder / f"{name}.new.0.out"
            same = a.read_bytes() == b.read_bytes()
            differs |= not same
            t_old, t_new = statistics.median(times["old"]), statistics.median(times["new"])
            verdict = "identical" if same else "DIFFERS"
            print(f"{name:10} {docs:6} {verdict:10} {t_old:9.2f} {t_new:9.2f} {t_old / t_new:8.2f}")
            if not same:
                print("\n".join(_first_difference(a, b)))
    sys.exit(1 if differs else 0)


if __name__ == "__main__":
    main()
