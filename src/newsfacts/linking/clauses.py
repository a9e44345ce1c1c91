"""A block's sentences, clauses and quotations, looked up by position."""

from __future__ import annotations

import bisect
import re

from newsfacts.model import Block, Fact
from newsfacts.text.sentences import sentences

_MARK = re.compile('["“”]')
_REOPEN = re.compile(r"[.!?]\s+$")


class Clauses:
    """The sentence and clause spans of one block, in document offsets.

    Sorted positions, bisected per figure: no step of the linker scans a whole sentence or
    block per figure, so a block crowded with figures still costs linear time.
    """

    def __init__(self, block: Block) -> None:
        self.sentences = sentences(block)
        self.starts = [s for s, _ in self.sentences]
        self.start, self.end, self.text = block.start, block.end, block.text
        self.semicolons = [block.start + m.start() for m in re.finditer(";", block.text)]
        marks = list(_MARK.finditer(block.text))
        self.marks = [block.start + m.start() for m in marks]
        self.mark_kinds = [m.group() for m in marks]
        self.reopening = [self._reopens(pos) for pos in self.marks]
        # straight marks before each mark, less those that reopen a quotation: an odd count
        # before a position means it is quoted
        self.straight = [0]
        for kind, reopens in zip(self.mark_kinds, self.reopening, strict=True):
            self.straight.append(self.straight[-1] + (kind == '"' and not reopens))

    def sentence(self, pos: int) -> tuple[int, int]:
        return self.sentences[bisect.bisect_right(self.starts, pos) - 1]

    def quoted(self, pos: int) -> bool:
        """Whether ``pos`` is inside a quotation: after an opening curly mark, or after an
        odd number of straight ones."""
        i = bisect.bisect_left(self.marks, pos)
        if i == 0:
            return False
        if self.mark_kinds[i - 1] != '"':
            return self.mark_kinds[i - 1] == "“"
        return self.straight[i] % 2 == 1

    def closing(self, pos: int) -> int | None:
        """Where the quotation open at ``pos`` closes: the first mark after it that does not
        reopen a quoted sentence (``... 2.0 peratus. "Dengan ...," katanya``)."""
        for k in range(bisect.bisect_left(self.marks, pos), len(self.marks)):
            if self.mark_kinds[k] != "“" and not self.reopening[k]:
                return self.marks[k]
        return None

    def _reopens(self, mark: int) -> bool:
        """Whether the mark opens a quoted sentence after a stop (``peratus. "Dengan``)."""
        at = mark - self.start
        return _REOPEN.search(self.text, max(0, at - 3), at) is not None and (
            self.text[at + 1 : at + 2].isupper()
        )

    def clause(self, f: Fact) -> tuple[int, int]:
        """The figure's sentence, cut at semicolons."""
        s, e = self.sentence(f.start)
        i = bisect.bisect_left(self.semicolons, f.start) - 1
        j = bisect.bisect_left(self.semicolons, f.end)
        left = self.semicolons[i] if i >= 0 and self.semicolons[i] >= s else -1
        right = self.semicolons[j] if j < len(self.semicolons) and self.semicolons[j] < e else -1
        return (s if left < 0 else left + 1), (e if right < 0 else right)
