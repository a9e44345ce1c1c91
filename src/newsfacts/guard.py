"""A wall-clock limit for one document, so a runaway pattern costs an error record, not a run.

Every scanner is written to run in linear time; this is the backstop for what was missed. Two
mechanisms, because neither covers every case alone:

- a **cooperative deadline**, kept per thread (a context variable), which the pipeline checks
  between its stages and between blocks with :func:`checkpoint`: it works in any thread (a
  web server's, a notebook's), but cannot stop one stage that runs long on one block;
- ``SIGALRM``, which interrupts Python code anywhere, but only in the main thread of a process
  (where the CLI, its worker processes, the service's workers and Spark's Python workers run
  documents).

A hard limit on anything, native code included, needs a process that can be killed: the
service (``newsfacts.service.workers``) runs documents in such processes.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import FrameType

# The monotonic time past which the document being processed in this context is abandoned,
# and the limit it came from (for the message).
_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("newsfacts_deadline", default=None)


class DocumentTimeout(Exception):
    """Processing one document took longer than the extractor's ``time_limit``."""


def _expired(seconds: float) -> DocumentTimeout:
    return DocumentTimeout(f"document took longer than time_limit={seconds}s")


def checkpoint() -> None:
    """Raise :class:`DocumentTimeout` when the current document's time is up (a no-op
    outside :func:`time_limit`): cheap enough to call once per block."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise _expired(deadline[1])


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    if seconds is None:
        yield
        return
    token = _DEADLINE.set((time.monotonic() + seconds, seconds))
    try:
        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            with _alarm(seconds):
                yield
        else:
            yield
    finally:
        _DEADLINE.reset(token)


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise _expired(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
