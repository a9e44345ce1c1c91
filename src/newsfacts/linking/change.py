"""Changes among a block's figures (rules in :mod:`newsfacts.linking.linker`): the values a
change moved *from* and *to* and *by* how much, and the period it is measured against."""

from __future__ import annotations

import bisect
import re
from itertools import pairwise
from typing import Literal

from newsfacts.linking.clauses import Clauses
from newsfacts.linking.cues import Cues, code_of, cues
from newsfacts.model import Change, Context, Fact, Number
from newsfacts.settings import LinkingSettings

Direction = Literal["up", "down", "unknown"]
_JUST_BEFORE = re.compile(r"\s*,?\s*")
# between an amount and the same amount in another currency: ``$1.13bn (£600m)``
CONVERSION = re.compile(r"\s*[(;]\s*")


class Changes:
    """Finds the changes among one block's figures and dates (both sorted by position)."""

    def __init__(
        self,
        ctx: Context,
        spans: Clauses,
        figures: list[Fact],
        dates: list[Fact],
        settings: LinkingSettings,
    ) -> None:
        self.ctx = ctx
        self.window = settings.cue_window
        self.text = ctx.text
        self.spans = spans
        self.figures = figures
        self.dates = dates
        self.date_starts = [d.start for d in dates]  # sorted: bisected, never scanned
        self.figure_starts = [f.start for f in figures]
        self.verbs: dict[str, tuple[list[int], list[re.Match[str]]]] = {}  # per language
        # Dates after a comparison word (``so với cùng kỳ năm trước``): a change's baseline,
        # the time of no other figure.
        self.baseline_dates: set[str] = set()
        self.compared: dict[tuple[str, ...], list[Fact]] = {}  # per change's members

    def find(self) -> dict[str, Change]:
        """Each linked figure's id with its change (the figures of a change share one)."""
        found = self.from_to()
        for code in {c for f in self.figures if (c := code_of(f, self.ctx)) is not None}:
            for change in self.verb_led(code):
                if not any(i in found for i in change.members):
                    for i in change.members:
                        found[i] = change
        heads: dict[str, Fact] = {}  # a converted amount's first amount (``A ($B; £C)``)
        for a, b in pairwise(self.figures):
            head = heads.get(a.id, a)
            if a.type == b.type == "money" and CONVERSION.fullmatch(self.text, a.end, b.start):
                heads[b.id] = head
            elif head.id not in found and b.id not in found and self.compared_pair(head, a, b):
                found[head.id] = found[b.id] = Change(_moved(b, head), b.id, head.id)
        return found

    def compared_pair(self, head: Fact, a: Fact, b: Fact) -> bool:
        """``A berbanding B`` (``RM52.1 juta pada suku pertama berbanding RM42.6 juta pada
        suku yang sama tahun lalu``, ``47% so với 60%``, ``400m euros ($527.61m), compared
        with a loss of 984m euros``): two figures of one type and unit in one sentence (``a``
        the last of ``head``'s conversions) with only their dates, cue words and a comparison
        word between, and at most three lower-case words after it: a change from B to A."""
        code = code_of(head, self.ctx)
        if code is None or head.type != b.type or _unit(head) != _unit(b):
            return False
        if self.spans.sentence(head.start) != self.spans.sentence(b.start):
            return False
        words = cues(code)
        gap = self._gap(a.end, b.start)
        m = words.compare_word.search(gap)
        between = gap[m.end() :].split() if m is not None else []
        if m is None or len(between) > 3 or not all(w.isalpha() and w.islower() for w in between):
            return False  # ``compared with a loss of``, not a clause of its own
        return bool(words.explicit_gap.fullmatch(re.sub(r"[,;()]", " ", gap[: m.start()])))

    def _gap(self, start: int, end: int) -> str:
        """The text between two figures with the dates in it blanked."""
        gap = self.text[start:end]
        for d in _starting(self.dates, self.date_starts, start, end):
            if d.end <= end:
                gap = gap.replace(d.text, " ", 1)
        return gap

    def from_to(self) -> dict[str, Change]:
        """``from A to B`` (``menurun daripada 12.2% kepada 3.36%``, ``giảm từ 12,2% xuống
        3,36%``): two figures of one type in one sentence, a *from* word before the first, a
        *to* word before the second, and a change verb before or a *to* word with a direction."""
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
            if words.ends_with_to.search(self.text[a.end : b.start]) is None:
                continue
            directed = [
                words.to_direction[w.lower()]
                for w in re.findall(r"[^\W\d_]+", self.text[a.end : b.start])
                if words.to_direction.get(w.lower(), "unknown") != "unknown"
            ]
            verb = self.last_verb(code, cs, a.start)
            if not directed and verb is None:
                continue  # "from 10% to 20%" with no verb is a range, not a change
            direction: Direction
            if directed:
                direction = "up" if directed[-1] == "up" else "down"
            else:
                direction = _direction(words, verb)
            found[a.id] = found[b.id] = Change(direction, a.id, b.id)
        return found

    def verb_led(self, code: str) -> list[Change]:
        """After a change verb, up to the next verb or the sentence's end: a figure right
        after it is *by* how much (``rose 12%``, ``naik 20 sen``, ``tăng 15%``), one after a
        *to* word the value it reached, one after a *from* or comparison word the baseline
        (``to $5.2bn from $4.6bn``, ``kepada RM1.2 bilion berbanding RM1.1 bilion``), and a
        date after a comparison word the period compared against (``so với cùng kỳ năm
        trước``)."""
        words = cues(code)
        self.last_verb(code, 0, 0)  # fills the verb index
        _, verbs = self.verbs[code]
        out = []
        for k, verb in enumerate(verbs):
            _, s_end = self.spans.sentence(verb.start())
            end = min(s_end, verbs[k + 1].start() if k + 1 < len(verbs) else s_end)
            after = _starting(self.figures, self.figure_starts, verb.end(), end)
            figs = [f for f in after if f.end <= end]
            by = to = base = None
            at = verb.end()
            for f in figs:
                gap = self.text[at : f.start]
                if CONVERSION.fullmatch(gap) and (by or to or base):
                    at = f.end  # ``$1.13bn (£600m)``: the same amount in another currency
                    continue
                # a comparison word first: ``compared to`` ends in a to-word
                if words.ends_with_from.search(gap) or words.ends_with_compare.search(gap):
                    base = base or f
                elif words.ends_with_to.search(gap):
                    to = to or f
                elif by is None and to is None and base is None and words.by_gap.fullmatch(gap):
                    by = f
                else:
                    break
                at = f.end
            if to is None and by is not None:
                to = self._value_before(words, verb.start(), by)
            if to is not None and base is not None and to.type != base.type:
                base = None
            if by is None and (to is None or base is None):
                continue  # "rose to $5bn" alone says no more than the figure does
            change = Change(
                _direction(words, verb.group(0)),
                base.id if base else None,
                to.id if to else None,
                by.id if by else None,
            )
            compared = self._compared_dates(words, verb.end(), end)
            self.baseline_dates.update(d.id for d in compared)
            self.compared[change.members] = compared
            out.append(change)
        return out

    def _value_before(self, words: Cues, verb: int, by: Fact) -> Fact | None:
        """The value a change reached when it stands right before the verb, its own date
        aside (``đạt 12.500 tỷ đồng, tăng 15%``, ``RM1.2 bilion, meningkat 8.5 peratus``,
        ``$5m in 2024, up 12%``)."""
        s, _ = self.spans.sentence(verb)
        near = _starting(self.figures, self.figure_starts, s, verb)
        before = [f for f in near if f.end <= verb and f.id != by.id]
        if not before:
            return None
        gap = self._gap(before[-1].end, verb)
        if not (_JUST_BEFORE.fullmatch(gap) or words.explicit_gap.fullmatch(gap.replace(",", " "))):
            return None
        value = before[-1]
        # a share moving by points stays a share; an amount may move by a share of it
        return value if value.type == by.type or by.type == "percent" else None

    def _compared_dates(self, words: Cues, start: int, end: int) -> list[Fact]:
        i = bisect.bisect_left(self.date_starts, start)
        found = []
        for d in self.dates[i:]:
            if d.end > end:
                break
            if words.compares(self.text, d.start, self.window):
                found.append(d)  # ``so với cùng kỳ năm trước``, ``from a year earlier``
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


def _starting(facts: list[Fact], starts: list[int], lo: int, hi: int) -> list[Fact]:
    """The facts (sorted, ``starts`` their starts) that start within ``[lo, hi)``: found by
    bisection, so that a long block costs no scan per verb or figure."""
    return facts[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]


def _unit(f: Fact) -> str | None:
    return f.value.unit if isinstance(f.value, Number) else None


def _moved(start: Fact, end: Fact) -> Direction:
    """Which way a value went from ``start`` to ``end``, read off the two amounts."""
    a, b = start.value, end.value
    if not isinstance(a, Number) or not isinstance(b, Number):
        return "unknown"
    if a.amount is None or b.amount is None or a.amount == b.amount:
        return "unknown"
    return "up" if b.amount > a.amount else "down"


def _direction(words: Cues, verb: str | None) -> Direction:
    if verb is None:
        return "unknown"
    return "up" if verb.lower() in words.up else "down"
