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
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
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


def _retrieved(task: asyncio.Task[bytes]) -> None:
    """Marks a job's outcome as seen: nobody awaits the job of a request that was cancelled."""
    if not task.cancelled():
        task.exception()


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

    async def call(self, job: Any, timeout: float) -> bytes:
        """The job's answer. The pipe is waited on by the event loop itself (no thread, so
        no handing the GIL back and forth per request); sending blocks it only while the
        worker, idle and reading, takes the job."""
        with suppress(OSError):  # a dead worker: reading says so below
            self.conn.send(job)
        loop = asyncio.get_running_loop()
        readable = loop.create_future()

        def wake() -> None:
            if not readable.done():
                readable.set_result(None)

        fd = self.conn.fileno()
        loop.add_reader(fd, wake)
        try:
            await asyncio.wait_for(readable, timeout)
        except asyncio.TimeoutError:
            loop.remove_reader(fd)
            self.stop()
            raise WorkerLost(
                f"extraction did not end within its hard limit of {timeout:g}s"
            ) from None
        loop.remove_reader(fd)
        # uvloop leaves a watched descriptor non-blocking; recv and send need it blocking
        os.set_blocking(fd, True)
        try:
            status, payload = self.conn.recv()  # all sent at once: no long wait
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
        self._idle: list[_Worker] = []
        # requests waiting for a worker, first come first served (asyncio.Queue is not: a
        # request arriving as a worker frees takes it before those woken for it)
        self._waiting: deque[asyncio.Future[_Worker]] = deque()
        self._workers: set[_Worker] = set()
        self._closed = False
        self._loop: asyncio.AbstractEventLoop | None = None

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        started = await self._loop.run_in_executor(None, self._start_all)
        for worker in started:
            self._free(worker)

    def _start_all(self) -> list[_Worker]:
        workers = [_Worker(self._setup, self._handler) for _ in range(self.size)]
        for worker in workers:
            worker.wait_ready()
        self._workers.update(workers)
        return workers

    @property
    def busy(self) -> int:
        """Workers on a job now (a lost one, until its replacement is ready, is none)."""
        return len(self._workers) - len(self._idle)

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
        worker = await self._acquire(wait)
        # The job runs in a task of its own that gives the worker back (or replaces it), so
        # that a request cancelled meanwhile (its client gone) loses no worker.
        task = asyncio.ensure_future(self._call(worker, job, timeout))
        task.add_done_callback(_retrieved)
        return await asyncio.shield(task)

    async def _call(self, worker: _Worker, job: Any, timeout: float) -> bytes:
        try:
            result = await worker.call(job, timeout)
        except WorkerLost:
            self._replace(worker)
            raise
        except BaseException:
            self._free(worker)
            raise
        self._free(worker)
        return result

    async def _acquire(self, wait: float) -> _Worker:
        if self._idle and not self._waiting:
            return self._idle.pop()
        turn: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
        self._waiting.append(turn)
        try:
            return await asyncio.wait_for(asyncio.shield(turn), wait)
        except asyncio.TimeoutError:
            if turn.done():  # given a worker in the same instant
                return turn.result()
            raise Busy(f"no worker was free within {wait:g}s") from None
        except BaseException:  # cancelled: the request is gone, and so is its turn
            if turn.done() and not turn.cancelled():
                self._free(turn.result())
            raise
        finally:
            if not turn.done():
                turn.cancel()
                self._waiting.remove(turn)

    def _free(self, worker: _Worker) -> None:
        """A worker to the request waiting longest, else to the idle ones."""
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(worker)
                return
        self._idle.append(worker)

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
        self._free(worker)

    def close(self) -> None:
        self._closed = True
        for worker in list(self._workers):
            worker.stop()
        self._workers.clear()
