"""A wall-clock limit for one document, so a runaway pattern costs an error record, not a run.

Every scanner is written to run in linear time; this is the backstop for what was missed. It
uses ``SIGALRM`` and so works only in the main thread of a process (which is where the CLI,
its worker processes and Spark's Python workers run documents); elsewhere it is a no-op.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class DocumentTimeout(Exception):
    """Processing one document took longer than the extractor's ``time_limit``."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None

    def expire(signum: int, frame: FrameType | None) -> None:
        raise DocumentTimeout(f"document took longer than time_limit={seconds}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
