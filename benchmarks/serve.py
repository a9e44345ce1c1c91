"""Load on the fact service, side by side with the pipeline in process.

    python benchmarks/serve.py                      # 50 clients for 60 s, 2 workers
    python benchmarks/serve.py --clients 20 --seconds 15 --max-requests 5000

Starts ``newsfacts serve`` on a free loopback port (a subprocess; nothing leaves the machine),
then ``--clients`` concurrent keep-alive clients each POST the sample articles of
``examples/`` (the eight texts and the JSONL archive's rows, in turn) to ``/extract`` until
``--seconds`` have passed or ``--max-requests`` were sent, and reports requests/s, latency
percentiles and errors (any answer but 200, or a broken connection). Before that, the same
articles are extracted in this process for ``--seconds`` / 4 seconds, one at a time, which
is the in-process rate the service's rate is compared with. The clients are a minimal
HTTP/1.1 client on asyncio streams: a full client library would take a large share of the
cores the server is measured on.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def articles() -> list[dict[str, str]]:
    """The sample articles as ``/extract`` bodies."""
    found = [
        {"doc_id": p.stem, "text": p.read_text(encoding="utf-8")}
        for p in sorted((ROOT / "examples" / "articles").glob("*.txt"))
    ]
    for n, line in enumerate((ROOT / "examples" / "archive.jsonl").open(encoding="utf-8")):
        row = json.loads(line)
        found.append({"doc_id": f"archive-{n}", "text": row.get("text") or row["maintext"]})
    return found


def in_process(bodies: list[dict[str, str]], seconds: float) -> tuple[int, float, float]:
    """Articles extracted one at a time in this process for ``seconds``: (count, elapsed,
    CPU seconds)."""
    from newsfacts.pipeline import Extractor

    extractor = Extractor()
    extractor.extract(bodies[0]["text"])  # resources loaded before the clock starts
    count, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        body = bodies[count % len(bodies)]
        extractor.extract(body["text"], doc_id=body["doc_id"])
        count += 1
    return count, time.perf_counter() - start, time.process_time() - cpu


def cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU seconds so far of a process, and of its children (Linux ``/proc``)."""
    children = [
        int(c)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for c in (task / "children").read_text().split()
    ]
    return _cpu(pid), sum(_cpu(c) for c in children)


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(port: int, workers: int, queue: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "newsfacts.cli", "serve", "--port", str(port)]
    command += ["--workers", str(workers), "--queue", str(queue)]
    server = subprocess.Popen(command, cwd=ROOT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 180 s")


def _request(body: bytes) -> bytes:
    head = (
        "POST /extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _answer(reader: asyncio.StreamReader) -> int:
    """The status of one response, its body read (uvicorn sends a Content-Length)."""
    status = int((await reader.readline()).split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def _client(
    port: int,
    requests: list[bytes],
    offset: int,
    stop: float,
    budget: list[int],
    latencies: list[float],
    errors: list[str],
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    n = offset
    try:
        while time.perf_counter() < stop and budget[0] > 0:
            budget[0] -= 1
            start = time.perf_counter()
            writer.write(requests[n % len(requests)])
            n += 1
            try:
                status = await _answer(reader)
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
                errors.append(type(exc).__name__)
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors.append(str(status))
    finally:
        writer.close()


async def load(
    port: int, bodies: list[dict[str, str]], clients: int, seconds: float, max_requests: int
) -> tuple[list[float], list[str], float]:
    requests = [_request(json.dumps(b).encode()) for b in bodies]
    latencies: list[float] = []
    errors: list[str] = []
    budget = [max_requests]
    start = time.perf_counter()
    stop = start + seconds
    await asyncio.gather(
        *(_client(port, requests, i, stop, budget, latencies, errors) for i in range(clients))
    )
    return latencies, errors, time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--queue", type=int, default=64, help="the server's --queue")
    args = parser.parse_args()
    bodies = articles()
    count, elapsed, local_cpu = in_process(bodies, args.seconds / 4)
    local_rate = count / elapsed
    port = free_port()
    server = start_server(port, args.workers, args.queue)
    try:
        asyncio.run(load(port, bodies, args.workers, 2.0, 200))  # warm connections and workers
        before, client_cpu = cpu_seconds(server.pid), time.process_time()
        latencies, errors, took = asyncio.run(
            load(port, bodies, args.clients, args.seconds, args.max_requests)
        )
        after = cpu_seconds(server.pid)
        client_cpu = time.process_time() - client_cpu
        server_cpu, workers_cpu = after[0] - before[0], after[1] - before[1]
    finally:
        server.terminate()
        server.wait(timeout=60)
    rate = len(latencies) / took
    load_avg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{len(bodies)} sample articles, {sum(len(b['text']) for b in bodies):,} characters;")
    print(f"{os.cpu_count()} cores, load average {load_avg} at the end\n")
    print("| run | requests | errors | req/s | p50 ms | p95 ms | p99 ms | per CPU-s | rate |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| in process, one at a time | {count:,} | 0 | {local_rate:.1f} | | | "
        f"| {count / local_cpu:.1f} | 1.00x |"
    )
    ms = [1000 * percentile(latencies, p) for p in (0.50, 0.95, 0.99)]
    print(
        f"| service, {args.clients} clients, {args.workers} workers | {len(latencies):,} "
        f"| {len(errors)} | {rate:.1f} | {ms[0]:.0f} | {ms[1]:.0f} | {ms[2]:.0f} "
        f"| {len(latencies) / (server_cpu + workers_cpu):.1f} | {rate / local_rate:.2f}x |"
    )
    print(
        f"\nCPU seconds during the load ({took:.1f} s): server process {server_cpu:.1f}, "
        f"workers {workers_cpu:.1f}, clients {client_cpu:.1f}; per CPU-s: articles or "
        "requests per CPU-second of the processes doing the work (server and workers)"
    )
    if errors:
        print(f"\nerrors: {sorted(set(errors))}")


if __name__ == "__main__":
    main()
