"""Ties every figure (money, percent, quantity) to its time, and where cheap and reliable to its
subject and to the other figure of a change.

Time, first rule that applies (``TimeRef.how``):

1. ``explicit``: a date inside the figure's phrase, or right after it with at most a
   parenthesis and cue words between (``12.2% (pada tahun 2021)``, ``RM5 bilion pada 2024``,
   ``3,36% năm 2024``, ``$5m in the third quarter``). Such a date is then *claimed*: it is the
   figure's own and governs no other figure.
2. ``sentence``: the nearest unclaimed date before the figure in its sentence, else the nearest
   one after it (``Dalam tempoh 2021-2025, ... lebih 1.149 trilion VND``) that is not yet to
   come nor compared against.
3. ``quote``: for a figure in a quotation, the first unclaimed date of the reporting clause
   after its close (``"... 1.8 peratus. "Dengan ...," katanya pada Khamis``: the quotation's
   first sentence has no date of its own).
4. ``paragraph``: the nearest unclaimed date in the sentence right before, in the same block;
   else, where the language says so (``_event_day: carried``), the story's event day: the
   last day an earlier block names, up to two days before publication (``pada Rabu``), kept
   across blocks with no dates, dropped at a block whose dates name none.
5. ``article``: the period the article reports on, the first date of its lead (title and first
   paragraph) that spans a quarter or more and ended before publication (``in 2004``), unless
   the figure's clause is a market quote (``shares closed at``).
6. ``published``: the article's publication date (grain ``day``); no time when there is none.

A stock (``stocks``: ``tổng tài sản``, ``total assets``, ``hutang``) tied to a month, quarter,
half or year takes its last day.

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

All words come from ``lang/<code>/linking.yaml``. The parts: ``time``, ``change`` and
``subject``, over a block's ``clauses``, with each language's ``cues``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from newsfacts.guard import checkpoint
from newsfacts.linking.change import CONVERSION, Changes
from newsfacts.linking.clauses import Clauses
from newsfacts.linking.cues import code_of, cues
from newsfacts.linking.subject import Subjects
from newsfacts.linking.time import Times, baseline_of, event_day, topic_of
from newsfacts.model import Block, Context, Fact, Period, TimeRef
from newsfacts.settings import DEFAULTS, LinkingSettings

FIGURE_TYPES = ("money", "percent", "quantity")


class TimeLinker:
    """Fills ``time``, ``subject`` and ``change`` on figures (see the module docstring)."""

    name = "newsfacts.linker/1"

    def __init__(self, settings: LinkingSettings = DEFAULTS.linking) -> None:
        self.settings = settings

    def link(self, ctx: Context, blocks: Sequence[Block], facts: Sequence[Fact]) -> list[Fact]:
        by_block: dict[int, list[Fact]] = {}
        for f in facts:
            # only a date whose days are known can date a figure
            if f.type in FIGURE_TYPES or (isinstance(f.value, Period) and f.value.bounded):
                by_block.setdefault(f.block, []).append(f)
        topic = topic_of(ctx, blocks, facts, self.settings)
        refined: dict[str, Fact] = {}
        event: Fact | None = None  # the last event day of the blocks before (time.event_day)
        for block in blocks:
            checkpoint()  # the time limit in any thread, block by block (newsfacts.guard)
            here = sorted(by_block.get(block.i, []), key=lambda f: (f.start, f.end))
            if any(f.type in FIGURE_TYPES for f in here):
                for f in _link_block(ctx, block, here, self.settings, topic, event):
                    refined[f.id] = f
            event = event_day(ctx, [f for f in here if f.type == "date"], event)
        return [refined.get(f.id, f) if f.type in FIGURE_TYPES else f for f in facts]


def _link_block(
    ctx: Context,
    block: Block,
    facts: list[Fact],
    settings: LinkingSettings,
    topic: Fact | None,
    event: Fact | None,
) -> list[Fact]:
    """The figures of one block (``facts``: its figures and dates, sorted), linked;
    ``topic``: the period the article reports on (``time.topic_of``), ``event``: the event
    day of the blocks before (``time.event_day``)."""
    dates = [f for f in facts if f.type == "date"]
    figures = [f for f in facts if f.type in FIGURE_TYPES]
    spans = Clauses(block)
    finder = Changes(ctx, spans, figures, dates, settings)
    changes = finder.find()
    baseline_values = {c.from_id for c in changes.values() if c.from_id is not None}
    times = Times(
        ctx,
        spans,
        dates,
        figures,
        finder.baseline_dates,
        baseline_values,
        topic,
        event,
        settings.cue_window,
    )
    subjects = Subjects(ctx.text, spans, figures, settings)
    timed: dict[str, TimeRef | None] = {}
    for f in figures:
        words = cues(code) if (code := code_of(f, ctx)) else None
        timed[f.id] = times.of(f, changes.get(f.id), words)
    for a, b in pairwise(figures):
        # ``$1.13bn (£600m)``: an amount converted into another currency shares its time
        if (
            a.type == b.type == "money"
            and CONVERSION.fullmatch(ctx.text, a.end, b.start)
            and timed.get(a.id) is not None
            and b.id not in changes
        ):
            timed[b.id] = timed[a.id]
    for change in set(changes.values()):
        # how much a change moved is of the period of the value it moved to
        to_time = timed.get(change.to_id) if change.to_id else None
        if change.by_id is not None and to_time is not None:
            timed[change.by_id] = replace(
                to_time, how="change", confidence=to_time.confidence * 0.95
            )
    known = {k: v for k, v in timed.items() if v is not None}
    settled = {
        change: replace(
            change,
            baseline=baseline_of(ctx, change, known, finder.compared.get(change.members, [])),
        )
        for change in set(changes.values())
    }
    for change in settled.values():
        # a baseline value without its own date is of the period it is compared against (not
        # when that is the period it moved within: its own time, baseline_of)
        base = timed.get(change.from_id) if change.from_id else None
        if (
            change.from_id
            and change.baseline
            and change.baseline != base
            and (base is None or base.how != "explicit")
        ):
            timed[change.from_id] = replace(change.baseline, how="baseline")
    out = []
    for f in figures:
        words = cues(code) if (code := code_of(f, ctx)) else None
        linked = settled[changes[f.id]] if f.id in changes else None
        subject = subjects.of(f, words, changes) if words is not None else None
        out.append(replace(f, time=timed[f.id], subject=subject, change=linked))
    return out
