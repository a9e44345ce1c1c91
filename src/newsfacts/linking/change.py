"""Change links: two figures of one type in one sentence, the first after a *from* word, the
second after a *to* word (rules in :mod:`newsfacts.linking.linker`)."""

from __future__ import annotations

import bisect
import re
from typing import Literal

from newsfacts.linking.clauses import Clauses
from newsfacts.linking.cues import code_of, cues
from newsfacts.model import Change, Context, Fact
from newsfacts.settings import LinkingSettings


class Changes:
    """Finds the changes among one block's figures (sorted by position)."""

    def __init__(
        self, ctx: Context, spans: Clauses, figures: list[Fact], settings: LinkingSettings
    ) -> None:
        self.ctx = ctx
        self.window = settings.cue_window
        self.text = ctx.text
        self.spans = spans
        self.figures = figures
        self.verbs: dict[str, tuple[list[int], list[re.Match[str]]]] = {}  # per language

    def find(self) -> dict[str, Change]:
        """Each linked figure's id with its change (both figures of a change share one)."""
        found: dict[str, Change] = {}
        for a, b in zip(self.figures, self.figures[1:], strict=False):
            code = code_of(a, self.ctx)
            if a.type != b.type or code is None or a.id in found:
                continue
            words = cues(code)
            cs, _ = self.spans.clause(a)
            if self.spans.sentence(a.start) != self.spans.sentence(b.start) or cs > b.start:
                continue
            if not words.ends_with_from.search(self.text, max(cs, a.start - self.window), a.start):
                continue
            to = words.ends_with_to.search(self.text[a.end : b.start])
            if to is None:
                continue
            between = self.text[a.end : b.start]
            directed = [
                words.to_direction[w.lower()]
                for w in re.findall(r"[^\W\d_]+", between)
                if words.to_direction.get(w.lower(), "unknown") != "unknown"
            ]
            verb = self.last_verb(code, cs, a.start)
            if not directed and verb is None:
                continue  # "from 10% to 20%" with no verb is a range, not a change
            direction: Literal["up", "down", "unknown"]
            if directed:
                direction = "up" if directed[-1] == "up" else "down"
            elif verb is not None and verb.lower() in words.up:
                direction = "up"
            else:
                direction = "down"
            change = Change(direction, a.id, b.id)
            found[a.id] = found[b.id] = change
        return found

    def last_verb(self, code: str, start: int, end: int) -> str | None:
        """The last change verb within ``text[start:end]``; the block is searched once."""
        if code not in self.verbs:
            first = self.spans.sentences[0][0]
            found = list(cues(code).verb.finditer(self.text, first, self.spans.end))
            self.verbs[code] = ([m.end() for m in found], found)
        ends, verbs = self.verbs[code]
        i = bisect.bisect_right(ends, end) - 1
        if i >= 0 and verbs[i].start() >= start:
            return verbs[i].group(0)
        return None
