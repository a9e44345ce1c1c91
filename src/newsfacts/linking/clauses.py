"""A block's sentences and clauses, looked up by position."""

from __future__ import annotations

import bisect
import re

from newsfacts.model import Block, Fact
from newsfacts.text.sentences import sentences


class Clauses:
    """The sentence and clause spans of one block, in document offsets.

    Sorted positions, bisected per figure: no step of the linker scans a whole sentence or
    block per figure, so a block crowded with figures still costs linear time.
    """

    def __init__(self, block: Block) -> None:
        self.sentences = sentences(block)
        self.starts = [s for s, _ in self.sentences]
        self.end = block.end
        self.semicolons = [block.start + m.start() for m in re.finditer(";", block.text)]

    def sentence(self, pos: int) -> tuple[int, int]:
        return self.sentences[bisect.bisect_right(self.starts, pos) - 1]

    def clause(self, f: Fact) -> tuple[int, int]:
        """The figure's sentence, cut at semicolons."""
        s, e = self.sentence(f.start)
        i = bisect.bisect_left(self.semicolons, f.start) - 1
        j = bisect.bisect_left(self.semicolons, f.end)
        left = self.semicolons[i] if i >= 0 and self.semicolons[i] >= s else -1
        right = self.semicolons[j] if j < len(self.semicolons) and self.semicolons[j] < e else -1
        return (s if left < 0 else left + 1), (e if right < 0 else right)
