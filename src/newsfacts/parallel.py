"""An order-keeping process pool: work over chunks of items in worker processes, results in
input order, bounded memory, and recovery from a worker that dies.

It knows nothing of what the work is: each worker builds its state once (an extractor, say)
with ``make_state``, and ``work(state, chunk)`` runs there. The pipeline and the archive
runner both use it, so neither imports the other.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Generic, TypeVar

CHUNK = 16  # items per task sent to a worker
WINDOW = 4  # chunks in flight per worker: enough to keep workers busy, small enough for RAM

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

_STATE: Any = None  # the worker process's own state, built once


def _init_worker(make_state: Callable[[], Any]) -> None:
    # Ctrl-C goes to the whole process group: the parent alone decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _STATE
    _STATE = make_state()


def _in_worker(work: Callable[[Any, list[T]], list[R]], items: list[T]) -> list[R]:
    return work(_STATE, items)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _with_head(head: list[T], rest: Iterator[T]) -> Iterator[T]:
    yield from head
    yield from rest


def ordered_map(
    work: Callable[[S, list[T]], list[R]],
    items: Iterable[T],
    *,
    workers: int,
    make_state: Callable[[], S],
    salvage: Callable[[T], list[R]],
    chunk: int = CHUNK,
) -> Iterator[R]:
    """``work(state, chunk)`` over chunks of ``items`` in ``workers`` processes, results
    in input order.

    ``work`` and ``make_state`` must be picklable (module-level functions, or partials of
    them): workers are spawned, not forked, so nothing depends on the parent's threads or
    state. With one worker, or input that fits in one chunk per worker (starting processes
    would cost more than it saves), it runs in this process.

    A worker that dies (killed, out of memory, a crash in native code) breaks the whole pool
    and every chunk in flight with it; none is lost. A fresh pool takes over: the chunk being
    waited for is run again one item at a time, alone, so the item that kills a worker is
    found; it gets a second chance and, if it kills a worker again, ``salvage(item)`` gives
    its results instead.
    """
    chunks = _chunks(items, chunk)
    head = list(islice(chunks, workers))
    if workers <= 1 or len(head) < workers:
        local = make_state()
        for part in _with_head(head, chunks):
            yield from work(local, part)
        return
    pool: Pool[S, T, R] = Pool(workers, make_state, work)
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()
    try:
        for part in _with_head(head, chunks):
            pending.append((part, pool.submit(part)))
            if len(pending) >= workers * WINDOW:
                yield from _collect(pending, pool, salvage)
        while pending:
            yield from _collect(pending, pool, salvage)
    finally:
        pool.executor.shutdown(wait=not pending, cancel_futures=True)


class Pool(Generic[S, T, R]):
    """A process pool that can be replaced by a fresh one when a worker dies."""

    def __init__(
        self, workers: int, make_state: Callable[[], S], work: Callable[[S, list[T]], list[R]]
    ) -> None:
        self.workers, self.make_state, self.work = workers, make_state, work
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.make_state,),
        )

    def submit(self, part: list[T]) -> Future[list[R]]:
        """The chunk's future. A pool already broken (a chunk submitted a moment ago killed a
        worker) gives a failed future instead of raising, so that the chunk is recovered
        when its turn comes, like every other chunk in flight."""
        try:
            return self.executor.submit(_in_worker, self.work, part)
        except BrokenProcessPool as exc:
            failed: Future[list[R]] = Future()
            failed.set_exception(exc)
            return failed

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()


def _collect(
    pending: deque[tuple[list[T], Future[list[R]]]],
    pool: Pool[S, T, R],
    salvage: Callable[[T], list[R]],
) -> list[R]:
    """The results of the oldest chunk in flight, recovering from a dead worker."""
    part, future = pending.popleft()
    try:
        return future.result()
    except BrokenProcessPool:
        pass
    pool.restart()
    results = []
    for item in part:  # alone in the fresh pool: a worker that dies now died of this item
        for _ in range(2):
            try:
                results.extend(pool.submit([item]).result())
                break
            except BrokenProcessPool:
                pool.restart()
        else:
            results.extend(salvage(item))
    for i, (other, _) in enumerate(pending):
        pending[i] = (other, pool.submit(other))
    return results
