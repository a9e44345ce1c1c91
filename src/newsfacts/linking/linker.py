"""Ties every figure (money, percent, quantity) to its time, and where cheap and reliable to its
subject and to the other figure of a change.

Time, first rule that applies (``TimeRef.how``):

1. ``explicit``: a date inside the figure's phrase, or right after it with at most a
   parenthesis and cue words between (``12.2% (pada tahun 2021)``, ``RM5 bilion pada 2024``,
   ``3,36% năm 2024``, ``$5m in the third quarter``). Such a date is then *claimed*: it is the
   figure's own and governs no other figure.
2. ``sentence``: the nearest unclaimed date before the figure in its sentence, else the nearest
   one after it (``Dalam tempoh 2021-2025, ... lebih 1.149 trilion VND``).
3. ``paragraph``: the nearest unclaimed date in an earlier sentence of the same block.
4. ``published``: the article's publication date (grain ``day``); no time when there is none.

``recurring`` is set when the figure's clause (its sentence up to ``;``) holds a recurring cue
(``Setiap tahun``, ``hằng năm``, ``every year``): the figure is then a per-period amount.

A change (``menurun daripada 12.2% ... kepada 3.36%``, ``giảm từ 12,2% xuống 3,36%``, ``fell
from 12.2% to 3.36%``) is two figures of one type in one sentence, a *from* word right before
the first, a *to* word right before the second, and either a change verb before the first or a
*to* word that carries a direction (``xuống``, ``lên``). Both figures get the same
:class:`~newsfacts.model.Change`.

Subject, null unless one of two narrow patterns holds (precision over recall):

- a noun phrase opened (``Kadar kemiskinan``, ``tỷ lệ hộ nghèo``) or closed (``poverty rate``)
  by a head word from the data, ending at a stop word or verb, in the figure's clause before
  it with no other figure between (a change's partner aside);
- for a count, the noun phrase right after the number (``12,465 isi rumah miskin``), classifier
  words dropped, accepted only if it ends at a stop word or punctuation within four words.

All words come from ``lang/<code>/dates.yaml`` (``linker``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

from newsfacts.lang import loader
from newsfacts.model import Block, Change, Context, Fact, Period, TimeRef
from newsfacts.text.patterns import longest_first
from newsfacts.text.sentences import sentences, skip

FIGURE_TYPES = ("money", "percent", "quantity")

# A sentence ends at . ! ? (plus closing quotes) before a capital letter, possibly quoted;
# not after a short capitalised abbreviation (``No.``, ``Dr.``, ``Bil.``) or an initial.
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SPACE = re.compile(r"\s*")
# Characters searched before a figure for its *from* word and before a closing head word for
# its noun phrase: far more than any cue or phrase needs, so that cost per figure is bounded.
_CUE_WINDOW = 100
_NP_WINDOW = 1000
_NP_MAX = 6  # words in a head-word noun phrase
_COUNTED_MAX = 4  # words in a counted noun phrase


def _words(words: Sequence[str]) -> str:
    return f"(?i:(?<!\\w)(?:{longest_first(words)})(?!\\w))" if words else "(?!)"


@dataclass(frozen=True, slots=True)
class _Cues:
    """The compiled linker words of one language."""

    recurring: re.Pattern[str]
    verb: re.Pattern[str]
    up: frozenset[str]
    ends_with_from: re.Pattern[str]
    ends_with_to: re.Pattern[str]
    to_direction: Mapping[str, str]
    heads: re.Pattern[str]
    head_side: Mapping[str, str]
    stops: frozenset[str]
    classifiers: frozenset[str]
    explicit_gap: re.Pattern[str]


@cache
def _cues(code: str) -> _Cues:
    d: Mapping[str, Any] = loader.load(code, "dates")["linker"]
    to_words = {k.lower(): v for k, v in d["change_to"].items()}
    heads = {k.lower(): v for k, v in d["subject_heads"].items()}
    verbs = [*d["up"], *d["down"]]
    return _Cues(
        recurring=re.compile(_words(d["recurring"])),
        verb=re.compile(_words(verbs)),
        up=frozenset(w.lower() for w in d["up"]),
        ends_with_from=re.compile(_words(d["change_from"]) + r"\s*$"),
        ends_with_to=re.compile(rf"({_words(list(to_words))})\s*$"),
        to_direction=to_words,
        heads=re.compile(_words(list(heads))),
        head_side=heads,
        stops=frozenset(w.lower() for w in [*d["subject_stops"], *verbs]),
        classifiers=frozenset(w.lower() for w in d.get("classifiers", [])),
        # Between a figure and its own date: spaces, an opening parenthesis, cue words.
        explicit_gap=re.compile(
            rf"\s*\(?\s*(?:{_words(d.get('explicit_cues', []))}\s+)*\s*", re.IGNORECASE
        ),
    )


@cache
def _available() -> tuple[str, ...]:
    return loader.available("dates")  # looks for files: once, not per figure


def _code(fact: Fact, ctx: Context) -> str | None:
    available = _available()
    for code in (fact.lang, ctx.lang, "en"):
        if code in available:
            return code
    return None


class TimeLinker:
    """Fills ``time``, ``subject`` and ``change`` on figures (see the module docstring)."""

    name = "newsfacts.linker/1"

    def link(self, ctx: Context, blocks: Sequence[Block], facts: Sequence[Fact]) -> list[Fact]:
        by_block: dict[int, list[Fact]] = {}
        for f in facts:
            if f.type in FIGURE_TYPES or f.type == "date":
                by_block.setdefault(f.block, []).append(f)
        refined: dict[str, Fact] = {}
        for block in blocks:
            here = sorted(by_block.get(block.i, []), key=lambda f: (f.start, f.end))
            if any(f.type in FIGURE_TYPES for f in here):
                for f in _BlockLinker(ctx, block, here).run():
                    refined[f.id] = f
        return [refined.get(f.id, f) if f.type in FIGURE_TYPES else f for f in facts]


class _BlockLinker:
    def __init__(self, ctx: Context, block: Block, facts: list[Fact]) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.dates = [f for f in facts if f.type == "date"]
        self.figures = [f for f in facts if f.type in FIGURE_TYPES]
        self.sentences = sentences(block)
        self.starts = [s for s, _ in self.sentences]
        self.end = block.end
        # Sorted positions, bisected per figure: no step below scans a whole sentence or
        # block per figure, so a block crowded with figures still costs linear time.
        self.date_starts = [d.start for d in self.dates]
        self.figure_ends = sorted((g.end, g.id) for g in self.figures)
        self.semicolons = [block.start + m.start() for m in re.finditer(";", block.text)]
        self.verbs: dict[str, tuple[list[int], list[re.Match[str]]]] = {}  # per language

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

    def run(self) -> list[Fact]:
        explicit = {f.id: d for f in self.figures if (d := self.explicit(f)) is not None}
        claimed = {d.id for d in explicit.values()}
        free = [d for d in self.dates if d.id not in claimed]
        # Dates never overlap, so sorted by start they are sorted by end too.
        free_starts, free_ends = [d.start for d in free], [d.end for d in free]
        changes = self.changes()
        recurring: dict[tuple[int, int], bool] = {}  # per clause
        out = []
        for f in self.figures:
            cues = _cues(code) if (code := _code(f, self.ctx)) else None
            # The first value of a change shares the sentence's time even when the date sits
            # right after the second value ("fell from 6% to 5% last week").
            change = changes.get(f.id)
            partner = explicit.get(change.to_id) if change and change.from_id == f.id else None
            # Only the nearest free dates on either side of the figure and of its sentence's
            # start can be chosen: those, not every date, are weighed.
            s, _ = self.sentence(f.start)
            near = {
                bisect.bisect_right(free_ends, f.start) - 1,
                bisect.bisect_left(free_starts, f.end),
                bisect.bisect_right(free_ends, s) - 1,
            }
            time = self.time(
                f,
                explicit.get(f.id),
                sorted(
                    [
                        *(free[i] for i in sorted(near) if 0 <= i < len(free)),
                        *([partner] if partner else []),
                    ],
                    key=lambda d: d.start,
                ),
            )
            if time is not None and cues is not None:
                cs, ce = self.clause(f)
                if (cs, ce) not in recurring:
                    recurring[cs, ce] = cues.recurring.search(self.text, cs, ce) is not None
                if recurring[cs, ce]:
                    time = replace(time, recurring=True)
            subject = self.subject(f, cues, changes) if cues is not None else None
            out.append(replace(f, time=time, subject=subject, change=changes.get(f.id)))
        return out

    # --- time ---------------------------------------------------------------------------

    def explicit(self, f: Fact) -> Fact | None:
        code = _code(f, self.ctx)
        for d in self.dates[bisect.bisect_left(self.date_starts, f.start) :]:
            if f.start <= d.start and d.end <= f.end:
                return d
            if d.start >= f.end and code is not None:
                if _cues(code).explicit_gap.fullmatch(self.text, f.end, d.start):
                    return d
                break  # only the first date after the figure can be its own
        return None

    def time(self, f: Fact, own: Fact | None, free: list[Fact]) -> TimeRef | None:
        if own is not None:
            return _ref(own, "explicit")
        s, e = self.sentence(f.start)
        before = [d for d in free if s <= d.start and d.end <= f.start]
        after = [d for d in free if f.end <= d.start and d.end <= e]
        if before:
            return _ref(before[-1], "sentence")
        if after:
            return _ref(after[0], "sentence")
        earlier = [d for d in free if d.end <= s]
        if earlier:
            return _ref(earlier[-1], "paragraph")
        pub = self.ctx.published
        if pub is None:
            return None
        return TimeRef(pub, pub, "day", None, "published")

    # --- changes ------------------------------------------------------------------------

    def changes(self) -> dict[str, Change]:
        found: dict[str, Change] = {}
        for a, b in zip(self.figures, self.figures[1:], strict=False):
            code = _code(a, self.ctx)
            if a.type != b.type or code is None or a.id in found:
                continue
            cues = _cues(code)
            cs, _ = self.clause(a)
            if self.sentence(a.start) != self.sentence(b.start) or cs > b.start:
                continue
            if not cues.ends_with_from.search(self.text, max(cs, a.start - _CUE_WINDOW), a.start):
                continue
            to = cues.ends_with_to.search(self.text[a.end : b.start])
            if to is None:
                continue
            between = self.text[a.end : b.start]
            directed = [
                cues.to_direction[w.lower()]
                for w in re.findall(r"[^\W\d_]+", between)
                if cues.to_direction.get(w.lower(), "unknown") != "unknown"
            ]
            verb = self.last_verb(code, cs, a.start)
            if not directed and verb is None:
                continue  # "from 10% to 20%" with no verb is a range, not a change
            direction: Literal["up", "down", "unknown"]
            if directed:
                direction = "up" if directed[-1] == "up" else "down"
            elif verb is not None and verb.lower() in cues.up:
                direction = "up"
            else:
                direction = "down"
            change = Change(direction, a.id, b.id)
            found[a.id] = found[b.id] = change
        return found

    def last_verb(self, code: str, start: int, end: int) -> str | None:
        """The last change verb within ``text[start:end]``; the block is searched once."""
        if code not in self.verbs:
            found = list(_cues(code).verb.finditer(self.text, self.sentences[0][0], self.end))
            self.verbs[code] = ([m.end() for m in found], found)
        ends, verbs = self.verbs[code]
        i = bisect.bisect_right(ends, end) - 1
        if i >= 0 and verbs[i].start() >= start:
            return verbs[i].group(0)
        return None

    # --- subject ------------------------------------------------------------------------

    def subject(self, f: Fact, cues: _Cues, changes: Mapping[str, Change]) -> str | None:
        cs, _ = self.clause(f)
        change = changes.get(f.id)
        partner = change.from_id if change is not None and change.to_id == f.id else None
        # Another figure between the phrase and this one (a change's first value aside) means
        # the phrase measures that one.
        i = bisect.bisect_right(self.figure_ends, (f.start, "\U0010ffff")) - 1
        if i >= 0 and self.figure_ends[i][1] == partner:
            i -= 1
        floor = max(cs, self.figure_ends[i][0]) if i >= 0 else cs
        heads = list(cues.heads.finditer(self.text, floor, f.start))
        if heads:
            return self.head_phrase(heads[-1], cues, f.start)
        if f.type == "quantity":
            return self.counted(f, cues)
        return None

    def head_phrase(self, head: re.Match[str], cues: _Cues, limit: int) -> str | None:
        side = cues.head_side.get(re.sub(r"\s+", " ", head.group(0).lower()), "start")
        if side == "start":
            words: list[re.Match[str]] = []
            for w in _WORD.finditer(self.text, head.end(), limit):
                gap = self.text[(words[-1].end() if words else head.end()) : w.start()]
                if w.group(0).lower() in cues.stops or gap.strip():
                    break
                words.append(w)
                if len(words) > _NP_MAX:
                    return None
            if not words:
                return None
            return self.text[head.start() : words[-1].end()]
        window = max(0, head.start() - _NP_WINDOW)
        before = list(_WORD.finditer(self.text, window, head.start()))[-_NP_MAX:]
        start = head.start()
        for w in reversed(before):
            if w.group(0).lower() in cues.stops or self.text[w.end() : start].strip():
                break
            start = w.start()
        if start == head.start():
            return None
        return self.text[start : head.end()]

    def counted(self, f: Fact, cues: _Cues) -> str | None:
        digits = [i for i, ch in enumerate(f.text) if ch.isdigit()]
        if not digits:
            return None
        pos = f.start + digits[-1] + 1
        words: list[re.Match[str]] = []
        # Each word must follow the last after white space only: matched in place, not
        # searched for (a search would scan the rest of the block for every figure).
        while w := _WORD.match(self.text, skip(_SPACE, self.text, pos, self.end), self.end):
            if w.group(0).lower() in cues.stops:
                break
            words.append(w)
            pos = w.end()
            if len(words) > _COUNTED_MAX + 1:
                return None  # no boundary soon enough: not a clean noun phrase
        while words and words[0].group(0).lower() in cues.classifiers:
            words.pop(0)
        if not words or len(words) > _COUNTED_MAX:
            return None
        end = words[-1].end()
        if end < f.end:
            return None
        return self.text[words[0].start() : end]


def _ref(d: Fact, how: Literal["explicit", "sentence", "paragraph"]) -> TimeRef:
    assert isinstance(d.value, Period)
    return TimeRef(d.value.start, d.value.end, d.value.grain, d.text, how)
