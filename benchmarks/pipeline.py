"""Throughput of the full default pipeline, as the CLI runs it, with 1 and 2 (or more) workers.

    python benchmarks/pipeline.py ../shared/corpora/news_ms.jsonl ../shared/corpora/news_vi.jsonl \\
        ../shared/corpora/news_en_bbc.jsonl --limit 400 --workers 1 2

Takes the first ``--limit`` rows of each JSONL file (``text``, or ``maintext``; the ``lang``
label is dropped so language identification is measured too), writes them to one temporary
JSONL file, and times ``newsfacts extract SAMPLE -o OUT.jsonl -w N`` in a fresh process per
worker count. Reports documents/s and input MB/s end to end (process start, resource loading
and worker start-up included, so short samples understate the steady rate), the speed-up over
the first worker count, documents per CPU-second (all processes of the run: the per-core rate,
which other load on the machine does not lower), and the peak resident memory of the largest
single process of the run (one worker, or the parent).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def sample(files: list[str], limit: int, target: Path) -> tuple[int, int]:
    """Writes the sample (JSONL, or a WARC of HTML pages for a ``.warc.gz`` target); returns
    (documents, bytes of text)."""
    if target.name.endswith(".warc.gz"):
        return sample_warc(files, limit, target)
    docs = size = 0
    with target.open("w", encoding="utf-8") as out:
        for name in files:
            taken = 0
            with open(name, encoding="utf-8") as fh:
                for line in fh:
                    row = json.loads(line)
                    text = row.get("text") or row.get("maintext")
                    if not text:
                        continue
                    out.write(json.dumps({"id": f"{Path(name).stem}:{taken}", "text": text}))
                    out.write("\n")
                    docs += 1
                    size += len(text.encode("utf-8"))
                    taken += 1
                    if taken == limit:
                        break
    return docs, size


def sample_warc(files: list[str], limit: int, target: Path) -> tuple[int, int]:
    """The sample as HTML pages (title, paragraphs, a menu and a footer) in a gzipped WARC."""
    import io
    from html import escape

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rows = target.with_suffix(".jsonl")
    docs, size = sample(files, limit, rows)
    with target.open("wb") as fh, rows.open(encoding="utf-8") as lines:
        writer = WARCWriter(fh, gzip=True)
        for n, line in enumerate(lines):
            title, *paragraphs = json.loads(line)["text"].split("\n")
            body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p.strip())
            html = (
                f"<html><head><title>{escape(title)}</title></head><body>"
                "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
                f"<article><h1>{escape(title)}</h1>{body}</article>"
                "<footer>Copyright</footer></body></html>"
            ).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://news.example/{n}",
                    "response",
                    payload=io.BytesIO(html),
                    http_headers=headers,
                )
            )
    rows.unlink()
    return docs, size


def timed_run(source: Path, workers: int, out: Path) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (all processes), peak RSS in MB of the largest process, and
    the CLI's summary line."""
    command = [sys.executable, "-m", "newsfacts.cli", "extract", str(source)]
    command += ["-o", str(out), "-w", str(workers)]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    # wait4 gives this child's resource use, its own waited-for workers included: ru_maxrss is
    # then the peak of the largest single process (KiB on Linux).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    assert proc.stderr is not None
    summary = proc.stderr.read().strip().splitlines()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"newsfacts failed: {summary}")
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, summary[-1] if summary else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", help="JSONL corpus files")
    parser.add_argument("--limit", type=int, default=400, help="rows per file (default 400)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--warc",
        action="store_true",
        help="feed the sample as HTML pages in a .warc.gz (warcio + trafilatura included)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / ("sample.warc.gz" if args.warc else "sample.jsonl")
        docs, size = sample(args.files, args.limit, source)
        print(
            f"sample: {docs} documents ({source.name}), {size / 1e6:.1f} MB of text, "
            f"{os.cpu_count()} cores"
        )
        print(
            f"{'workers':>7}  {'seconds':>8}  {'docs/s':>8}  {'MB/s':>6}  {'speed-up':>8}  "
            f"{'docs/CPU-s':>10}  {'peak MB/process':>15}"
        )
        first = None
        outputs = []
        for workers in args.workers:
            out = Path(tmp) / f"out{workers}.jsonl"
            wall, cpu, peak, summary = timed_run(source, workers, out)
            first = first or wall
            outputs.append(out.read_bytes())
            print(
                f"{workers:>7}  {wall:>8.1f}  {docs / wall:>8.1f}  {size / 1e6 / wall:>6.2f}  "
                f"{first / wall:>7.2f}x  {docs / cpu:>10.1f}  {peak:>15.0f}"
            )
            print(f"         {summary}")
        print("outputs identical across worker counts:", len(set(outputs)) == 1)


if __name__ == "__main__":
    main()
