"""Extraction in worker processes, each job under a hard time limit, and admission control.

Why processes and not the server's threads: a thread cannot be stopped from outside, and
``SIGALRM`` (the pipeline's time limit) fires only in a process's main thread. A worker runs
every job in its main thread, so the pipeline's own limit turns a slow document into an error
record there; and should a job still not come back ``grace`` seconds later (stuck in native
code, which no signal interrupts), the worker is killed and replaced: the one limit that holds
whatever the code does. Processes also let extraction use every core, which the GIL would not.

Each worker is spawned (not forked: the server has threads) and builds its state once with
``setup``; ``handler(state, job)`` runs one job and returns the response's bytes, so only bytes
cross the pipe back.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from typing import Any

Setup = Callable[[], Any]
Handler = Callable[[Any, Any], bytes]

START_TIMEOUT = 120.0  # seconds for a fresh worker to import and load the pipeline


class Busy(Exception):
    """Every worker is busy and the queue is full: the client should retry later."""


class WorkerLost(Exception):
    """A job outlived its hard limit (the worker was killed) or its worker died."""


class JobFailed(Exception):
    """The handler raised; the worker is fine."""


def _serve(conn: Connection, setup: Setup, handler: Handler) -> None:
    # Ctrl-C reaches the whole process group: the server alone decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    state = setup()
    conn.send(("ready", b""))
    while True:
        try:
            job = conn.recv()
        except EOFError:  # the server closed the pipe: it is shutting down
            return
        reply: tuple[str, bytes | str]
        try:
            reply = ("ok", handler(state, job))
        except Exception as exc:
            reply = ("error", f"{type(exc).__name__}: {exc}")
        conn.send(reply)


class _Worker:
    def __init__(self, setup: Setup, handler: Handler) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process: SpawnProcess = context.Process(
            target=_serve, args=(child, setup, handler), daemon=True, name="newsfacts-worker"
        )
        self.process.start()
        child.close()

    def wait_ready(self) -> None:
        if not self.conn.poll(START_TIMEOUT):
            self.stop()
            raise WorkerLost(f"a worker did not start within {START_TIMEOUT}s")
        try:
            self.conn.recv()
        except EOFError:
            self.stop()
            raise WorkerLost("a worker died while starting") from None

    def call(self, job: Any, timeout: float) -> bytes:
        try:
            self.conn.send(job)
            ready = self.conn.poll(timeout)
        except (BrokenPipeError, EOFError, OSError):
            ready = True  # dead already: recv says so below
        if not ready:
            self.stop()
            raise WorkerLost(f"extraction did not end within its hard limit of {timeout:g}s")
        try:
            status, payload = self.conn.recv()
        except (EOFError, OSError):
            self.stop()
            raise WorkerLost("the worker process died on this input") from None
        if status == "error":
            raise JobFailed(payload)
        assert isinstance(payload, bytes)
        return payload

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class WorkerPool:
    """``size`` workers and room for ``queue`` more admitted jobs; past that, :class:`Busy`."""

    def __init__(self, size: int, queue: int, setup: Setup, handler: Handler) -> None:
        self.size, self.capacity = size, size + queue
        self.admitted = 0
        self._setup, self._handler = setup, handler
        # one thread per worker waits on its pipe, so the event loop never blocks
        self._threads = ThreadPoolExecutor(max_workers=size, thread_name_prefix="newsfacts")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: set[_Worker] = set()
        self._closed = False
        self._loop: asyncio.AbstractEventLoop | None = None

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        started = await self._loop.run_in_executor(None, self._start_all)
        for worker in started:
            self._idle.put_nowait(worker)

    def _start_all(self) -> list[_Worker]:
        workers = [_Worker(self._setup, self._handler) for _ in range(self.size)]
        for worker in workers:
            worker.wait_ready()
        self._workers.update(workers)
        return workers

    @property
    def busy(self) -> int:
        """Workers on a job now (a lost one, until its replacement is ready, is none)."""
        return len(self._workers) - self._idle.qsize()

    @property
    def alive(self) -> int:
        return sum(w.process.is_alive() for w in self._workers)

    def hold(self) -> Callable[[], None]:
        """Room for one more request (its jobs then wait for a worker), or :class:`Busy`:
        the bound that turns overload into a quick 503 instead of a growing queue. The
        function returned gives the room back (once, however often it is called)."""
        if self.admitted >= self.capacity:
            waiting = self.capacity - self.size
            raise Busy(f"all {self.size} workers are busy and {waiting} requests are waiting")
        self.admitted += 1
        held = True

        def release() -> None:
            nonlocal held
            if held:
                held = False
                self.admitted -= 1

        return release

    @contextmanager
    def admit(self) -> Iterator[None]:
        """:meth:`hold` for the length of a ``with`` block."""
        release = self.hold()
        try:
            yield
        finally:
            release()

    async def run(self, job: Any, timeout: float, wait: float) -> bytes:
        """The handler's bytes for ``job``, from the next worker free within ``wait``
        seconds (else :class:`Busy`: a request never hangs on a pool that lost its workers)."""
        try:
            worker = await asyncio.wait_for(self._idle.get(), wait)
        except asyncio.TimeoutError:
            raise Busy(f"no worker was free within {wait:g}s") from None
        assert self._loop is not None
        # The thread hands the worker back (or replaces it) itself, so that a request
        # cancelled while it waits loses no worker.
        return await self._loop.run_in_executor(self._threads, self._call, worker, job, timeout)

    def _call(self, worker: _Worker, job: Any, timeout: float) -> bytes:
        assert self._loop is not None
        try:
            result = worker.call(job, timeout)
        except WorkerLost:
            self._loop.call_soon_threadsafe(self._replace, worker)
            raise
        except BaseException:
            self._loop.call_soon_threadsafe(self._idle.put_nowait, worker)
            raise
        self._loop.call_soon_threadsafe(self._idle.put_nowait, worker)
        return result

    def _replace(self, lost: _Worker) -> None:
        self._workers.discard(lost)
        threading.Thread(target=self._start_one, name="newsfacts-restart", daemon=True).start()

    def _start_one(self) -> None:
        assert self._loop is not None
        try:
            worker = _Worker(self._setup, self._handler)
            worker.wait_ready()
        except WorkerLost:  # one worker fewer (/healthz says how many are alive)
            return
        try:
            self._loop.call_soon_threadsafe(self._settle, worker)
        except RuntimeError:  # the server stopped meanwhile
            worker.stop()

    def _settle(self, worker: _Worker) -> None:
        if self._closed:
            worker.stop()
            return
        self._workers.add(worker)
        self._idle.put_nowait(worker)

    def close(self) -> None:
        self._closed = True
        for worker in list(self._workers):
            worker.stop()
        self._workers.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)
