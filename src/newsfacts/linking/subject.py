"""A figure's subject: a noun phrase around a head word before it, or for a count the noun
phrase right after its number (rules in :mod:`newsfacts.linking.linker`)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from newsfacts.linking.clauses import Clauses
from newsfacts.linking.cues import Cues
from newsfacts.model import Change, Fact
from newsfacts.settings import LinkingSettings
from newsfacts.text.sentences import skip

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SPACE = re.compile(r"\s*")


class Subjects:
    """Finds the subjects of one block's figures."""

    def __init__(
        self, text: str, spans: Clauses, figures: list[Fact], settings: LinkingSettings
    ) -> None:
        self.text = text
        self.settings = settings
        self.spans = spans
        self.figure_ends = sorted((g.end, g.id) for g in figures)

    def of(self, f: Fact, cues: Cues, changes: Mapping[str, Change]) -> str | None:
        cs, _ = self.spans.clause(f)
        change = changes.get(f.id)
        partners = set(change.members) - {f.id} if change is not None else set()
        # Another figure between the phrase and this one (another value of its change aside)
        # means the phrase measures that one.
        i = bisect.bisect_right(self.figure_ends, (f.start, "\U0010ffff")) - 1
        while i >= 0 and self.figure_ends[i][1] in partners:
            i -= 1
        floor = max(cs, self.figure_ends[i][0]) if i >= 0 else cs
        heads = list(cues.heads.finditer(self.text, floor, f.start))
        if heads:
            return self.head_phrase(heads[-1], cues, f.start)
        if f.type == "quantity":
            return self.counted(f, cues)
        return None

    def head_phrase(self, head: re.Match[str], cues: Cues, limit: int) -> str | None:
        side = cues.head_side.get(re.sub(r"\s+", " ", head.group(0).lower()), "start")
        if side == "start":
            words: list[re.Match[str]] = []
            for w in _WORD.finditer(self.text, head.end(), limit):
                gap = self.text[(words[-1].end() if words else head.end()) : w.start()]
                if w.group(0).lower() in cues.stops or gap.strip():
                    break
                words.append(w)
                if len(words) > self.settings.phrase_max_words:
                    return None
            if not words:
                return None
            return self.text[head.start() : words[-1].end()]
        window = max(0, head.start() - self.settings.phrase_window)
        before = list(_WORD.finditer(self.text, window, head.start()))[
            -self.settings.phrase_max_words :
        ]
        start = head.start()
        for w in reversed(before):
            if w.group(0).lower() in cues.stops or self.text[w.end() : start].strip():
                break
            start = w.start()
        if start == head.start():
            return None
        return self.text[start : head.end()]

    def counted(self, f: Fact, cues: Cues) -> str | None:
        digits = [i for i, ch in enumerate(f.text) if ch.isdigit()]
        if not digits:
            return None
        pos = f.start + digits[-1] + 1
        words: list[re.Match[str]] = []
        stop = self.spans.end
        # Each word must follow the last after white space only: matched in place, not
        # searched for (a search would scan the rest of the block for every figure).
        while w := _WORD.match(self.text, skip(_SPACE, self.text, pos, stop), stop):
            if w.group(0).lower() in cues.stops:
                break
            words.append(w)
            pos = w.end()
            if len(words) > self.settings.counted_max_words + 1:
                return None  # no boundary soon enough: not a clean noun phrase
        while words and words[0].group(0).lower() in cues.classifiers:
            words.pop(0)
        if not words or len(words) > self.settings.counted_max_words:
            return None
        end = words[-1].end()
        if end < f.end:
            return None
        return self.text[words[0].start() : end]
