"""The fact service's bounds on a real server: the bearer token, one worker and no queue (a
clear 503 when full), the per-document time limit, a slow client, CORS; and the worker pool's
hard limit, which kills and replaces a worker whatever its job does."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsfacts.cli import main
from newsfacts.service import ServiceConfig, read_token
from newsfacts.service.config import TOKEN_ENV
from newsfacts.service.workers import Busy, JobFailed, WorkerLost, WorkerPool

from . import serve_jobs
from .serving import raw_request, running

TOKEN = "a-long-random-token-for-the-tests"
ORIGIN = "https://newsroom.example"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# A single block of figures that takes the pipeline far longer than the server's limit.
SLOW = "1 " * 400_000


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    config = ServiceConfig(
        workers=1,
        queue=0,
        time_limit=2.0,
        grace=5.0,
        max_body_bytes=2_000_000,  # so that the bodies held at once stay under 2 MB
        body_timeout=6.0,  # room for a big body to be read and answered on a loaded machine
        token=TOKEN,
        cors_origins=(ORIGIN,),
    )
    with running(config) as url:
        yield url


def test_every_endpoint_but_healthz_needs_the_token(base: str) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            refused = client.get("/version", headers=headers)
            assert refused.status_code == 401
            assert refused.headers["www-authenticate"] == "Bearer"
            assert refused.json()["status"] == 401
        assert client.post("/extract", json={"text": "RM5 juta"}).status_code == 401
        assert client.get("/openapi.json").status_code == 401
        assert client.get("/version", headers=AUTH).json()["schema"] == "newsfacts/1"
        assert client.get("/healthz").json()["workers"] == 1


def test_the_token_comes_from_a_file_or_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert read_token(None) is None
    monkeypatch.setenv(TOKEN_ENV, "from-env")
    assert read_token(None) == "from-env"
    (tmp_path / "token").write_text("from-file\n", encoding="utf-8")
    assert read_token(str(tmp_path / "token")) == "from-file"
    with pytest.raises(ValueError, match="empty token"):
        ServiceConfig(token=" ")
    assert ServiceConfig().host == "127.0.0.1" and ServiceConfig().cors_origins == ()


def test_a_full_service_answers_503_and_a_slow_document_its_error(base: str) -> None:
    slow: list[httpx.Response] = []

    def post_slow() -> None:
        with httpx.Client(base_url=base, timeout=120, headers=AUTH) as client:
            slow.append(client.post("/extract", json={"text": SLOW, "doc_id": "slow"}))

    worker = threading.Thread(target=post_slow)
    worker.start()
    with httpx.Client(base_url=base, timeout=60, headers=AUTH) as client:
        seen_full = False
        while worker.is_alive() and not seen_full:
            seen_full = client.get("/healthz").json()["admitted"] == 1
        assert seen_full, "the slow request was never seen at work"
        refused = client.post("/extract", json={"text": "Harga naik 5%."})
        worker.join()
        assert refused.status_code == 503 and refused.headers["retry-after"] == "1"
        assert refused.headers["content-type"] == "application/problem+json"
        assert "busy" in refused.json()["detail"]
        (answer,) = slow
        assert answer.status_code == 200
        document = answer.json()["document"]
        assert document["doc_id"] == "slow" and "time_limit=2.0s" in document["error"]
        # the worker is free again, and the next request is served
        assert client.post("/extract", json={"text": "Harga naik 5%."}).status_code == 200


def test_a_slow_client_gets_408_and_holds_no_worker(base: str) -> None:
    head = (
        b"POST /detect HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        b"Authorization: Bearer " + TOKEN.encode() + b"\r\nContent-Length: 100\r\n\r\n"
    )
    stalled: list[bytes] = []
    client = threading.Thread(target=lambda: stalled.append(raw_request(base, head, b'{"text')))
    client.start()
    with httpx.Client(base_url=base, timeout=60, headers=AUTH) as other:
        assert other.post("/detect", json={"text": "Giá xăng tăng 5%."}).json()["lang"] == "vi"
    client.join()
    (answer,) = stalled
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert json.loads(answer.partition(b"\r\n\r\n")[2])["status"] == 408


def test_bodies_held_at_once_stay_under_the_budget(base: str) -> None:
    # one worker, no queue: 2 MB of bodies at once. One client stalls after 1.5 MB...
    head = (
        b"POST /detect HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        b"Authorization: Bearer " + TOKEN.encode() + b"\r\nContent-Length: 1900000\r\n\r\n"
    )
    stalled: list[bytes] = []
    client = threading.Thread(
        target=lambda: stalled.append(raw_request(base, head, b'{"text": "' + b"a" * 1_500_000))
    )
    client.start()
    # ...so the next 600 kB body is refused while it holds its part (once the server has it)
    statuses = []
    with httpx.Client(base_url=base, timeout=60, headers=AUTH) as other:
        while client.is_alive() and 503 not in statuses:
            answer = other.post("/detect", json={"text": "Harga naik 5%. " * 40_000})
            statuses.append(answer.status_code)
    client.join()
    assert 503 in statuses and set(statuses) <= {200, 503}
    assert "as many request bodies" in answer.json()["detail"]
    assert stalled[0].startswith(b"HTTP/1.1 408 ")
    with httpx.Client(base_url=base, timeout=60, headers=AUTH) as other:  # all given back
        assert other.post("/detect", json={"text": "Harga naik 5%. " * 40_000}).status_code == 200


def test_cors_only_for_the_configured_origin(base: str) -> None:
    preflight = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST"}
    with httpx.Client(base_url=base, timeout=60) as client:
        allowed = client.options("/extract", headers=preflight)
        assert allowed.headers["access-control-allow-origin"] == ORIGIN
        other = client.get("/version", headers={**AUTH, "Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_the_pool_kills_and_replaces_a_worker_past_the_hard_limit() -> None:
    async def scenario() -> None:
        pool = WorkerPool(1, 0, serve_jobs.setup, serve_jobs.handle)
        await pool.start()
        try:
            assert await pool.run(("echo", 0), 60, 60) == b"ready"
            stuck = asyncio.ensure_future(pool.run(("sleep", 600), 1.0, 60))
            while pool.busy == 0:  # until the stuck job has the only worker
                await asyncio.sleep(0.01)
            with pytest.raises(Busy, match="no worker was free"):
                await pool.run(("echo", 0), 60, 0.05)
            with pytest.raises(WorkerLost, match="hard limit"):
                await stuck
            assert await pool.run(("echo", 0), 60, 180) == b"ready"  # its replacement
            with pytest.raises(WorkerLost, match="died"):
                await pool.run(("exit", 0), 60, 60)
            with pytest.raises(JobFailed, match="a bad job"):
                await pool.run(("fail", 0), 60, 180)
            assert await pool.run(("echo", 0), 60, 60) == b"ready"
            # requests waiting for the worker get it in the order they came
            done: list[int] = []

            async def waiter(n: int) -> None:
                await pool.run(("sleep", 0.05), 60, 60)
                done.append(n)

            waiters = []
            for n in range(5):
                waiters.append(asyncio.ensure_future(waiter(n)))
                await asyncio.sleep(0)  # each in the line before the next
            await asyncio.gather(*waiters)
            assert done == [0, 1, 2, 3, 4]
            with pool.admit(), pytest.raises(Busy, match="busy"):
                pool.hold()
            assert pool.admitted == 0 and pool.alive == 1
        finally:
            pool.close()

    asyncio.run(scenario())


def test_serve_refuses_bad_options_before_starting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--workers", "0"]) == 2
    assert "workers must be at least 1" in capsys.readouterr().err
    assert main(["serve", "--token-file", str(tmp_path / "missing")]) == 2
    assert "missing" in capsys.readouterr().err
    (tmp_path / "empty").write_text("\n", encoding="utf-8")
    assert main(["serve", "--token-file", str(tmp_path / "empty")]) == 2
    assert "empty token" in capsys.readouterr().err
