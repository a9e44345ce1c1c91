"""A run's counters (:class:`RunStats`, its summary line) and their one-line display on a
terminal (:class:`Progress`)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import IO

from newsfacts.io.readers import ArticleReader


@dataclass(slots=True)
class RunStats:
    documents: int = 0
    facts: int = 0
    errors: int = 0
    resumed: int = 0  # documents done by the interrupted run(s) this one continued
    seconds: float = 0.0
    skipped: dict[str, int] = field(default_factory=dict)  # unread files, by suffix

    def add(self, facts: int, error: bool) -> None:
        """One more document, with its facts and whether it failed."""
        self.documents += 1
        self.facts += facts
        self.errors += error

    def summary(self, output: str) -> str:
        rate = (self.documents - self.resumed) / self.seconds if self.seconds else 0.0
        resumed = f", {self.resumed} from the interrupted run" if self.resumed else ""
        skipped = ""
        if self.skipped:
            kinds = ", ".join(f"{n} {suffix}" for suffix, n in self.skipped.items())
            total = sum(self.skipped.values())
            skipped = f"; skipped {_plural(total, 'file')} of no known format ({kinds})"
        return (
            f"newsfacts: {_plural(self.documents, 'document')} "
            f"({_plural(self.errors, 'error')}{resumed}), {_plural(self.facts, 'fact')} in "
            f"{self.seconds:.1f} s ({rate:.1f} docs/s) -> {output}{skipped}"
        )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class Progress:
    """A one-line progress display on stderr, redrawn at most every 0.2 s."""

    def __init__(self, reader: ArticleReader, total: int | None, stream: IO[str]) -> None:
        self.reader, self.total, self.stream = reader, total, stream
        self.started = time.monotonic()
        self._drawn = 0.0
        self._base: tuple[float, int] | None = None  # (time, bytes) when processing began

    def update(self, stats: RunStats, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._drawn < 0.2:
            return
        self._drawn = now
        done = self.reader.bytes_read
        if self._base is None:
            self._base = (now, done)
        elapsed = max(now - self.started, 1e-9)
        parts = [
            f"{stats.documents:>8} docs",
            f"{(stats.documents - stats.resumed) / elapsed:7.1f} docs/s",
            f"{stats.facts} facts",
            f"{stats.errors} errors",
        ]
        if self.total:
            parts.append(f"{min(done / self.total, 1.0):4.0%}")
            base_time, base_bytes = self._base
            speed = (done - base_bytes) / max(now - base_time, 1e-9)
            if speed > 0:
                parts.append(f"ETA {_clock((self.total - done) / speed)}")
        self.stream.write("\r" + "  ".join(parts) + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(max(seconds, 0))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
