"""A run's counters (:class:`RunStats`, its summary line) and their progress bar on a
terminal (:class:`Progress`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any

from newsfacts.io.readers import HTML_SUFFIXES, TEXT_SUFFIXES, ArticleReader


@dataclass(slots=True)
class RunStats:
    documents: int = 0
    facts: int = 0
    errors: int = 0
    resumed: int = 0  # documents done by the interrupted run(s) this one continued
    seconds: float = 0.0
    skipped: dict[str, int] = field(default_factory=dict)  # unread files, by suffix
    repeated: int = 0  # documents whose doc_id an earlier one had (newsfacts.repeats)

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
        if self.repeated:
            skipped += (
                f"; {_plural(self.repeated, 'repeated doc_id')} "
                "(their fact ids include the input position)"
            )
        return (
            f"newsfacts: {_plural(self.documents, 'document')} "
            f"({_plural(self.errors, 'error')}{resumed}), {_plural(self.facts, 'fact')} in "
            f"{self.seconds:.1f} s ({rate:.1f} docs/s) -> {output}{skipped}"
        )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class Progress:
    """A progress bar on stderr (tqdm): documents of a known total (a folder of text and HTML
    files, one document each), else bytes of the input (dumps and archives, whose documents
    are not counted ahead); the documents, facts and errors so far beside it."""

    def __init__(self, reader: ArticleReader, stream: IO[str], *, resumed: int = 0) -> None:
        from tqdm import tqdm

        self.reader = reader
        documents = known_documents(reader)
        self.by_documents = documents is not None
        common: dict[str, Any] = {"file": stream, "mininterval": 0.2, "dynamic_ncols": True}
        if self.by_documents:
            self.bar = tqdm(total=documents, initial=resumed, unit="doc", **common)
        else:
            self.bar = tqdm(
                total=reader.total_bytes, unit="B", unit_scale=True, unit_divisor=1024, **common
            )

    def update(self, stats: RunStats, *, force: bool = False) -> None:
        done = stats.documents if self.by_documents else self.reader.bytes_read
        self.bar.set_postfix_str(
            f"{_plural(stats.documents, 'doc')}, {_plural(stats.facts, 'fact')}, "
            f"{_plural(stats.errors, 'error')}",
            refresh=False,
        )
        self.bar.update(done - self.bar.n)
        if force:
            self.bar.refresh()

    def close(self) -> None:
        self.bar.close()


def known_documents(reader: ArticleReader) -> int | None:
    """How many documents the input holds, when that is known before reading it: every input
    is a file of one document (text, HTML). None for dumps, archives and stdin."""
    if "-" in reader.paths:
        return None
    inputs = reader.inputs()
    single = TEXT_SUFFIXES + HTML_SUFFIXES
    if all(str(path).lower().endswith(single) for path, _ in inputs):
        return len(inputs)
    return None
