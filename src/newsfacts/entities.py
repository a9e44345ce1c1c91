"""Named entities. (Interim: issue 6 replaces this.)"""

from __future__ import annotations

from collections.abc import Sequence

from .records import Block, Fact
from .stages import Context


class RuleEntities:
    name = "newsfacts.entities.rules/1"

    def entities(self, ctx: Context, blocks: Sequence[Block]) -> list[Fact]:
        return []
