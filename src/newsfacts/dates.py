"""Date and period expressions. (Interim: issue 5 replaces this.)"""

from __future__ import annotations

from collections.abc import Iterable

from .records import Block, Fact
from .stages import Context


class DateScanner:
    name = "newsfacts.date/1"

    def scan(self, ctx: Context, block: Block) -> Iterable[Fact]:
        return []
