"""Money, percentages and counts. (Interim: digit percentages only; issue 4 extends this.)"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from .records import Block, Fact, Number
from .stages import Context

_PERCENT = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d{1,4})?)\s?%")


class FigureScanner:
    name = "newsfacts.figures/1"

    def scan(self, ctx: Context, block: Block) -> Iterable[Fact]:
        for m in _PERCENT.finditer(block.text):
            start = block.start + m.start()
            yield Fact(
                doc_id=ctx.doc_id,
                type="percent",
                text=m.group(0),
                start=start,
                end=block.start + m.end(),
                lang=block.lang,
                block=block.i,
                value=Number(amount=Decimal(m.group(1).replace(",", ".")), unit="%"),
                extractor="newsfacts.percent/1",
            )
