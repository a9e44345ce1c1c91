"""Every threshold of the pipeline in one typed, frozen settings object.

``Settings()`` holds the defaults, which are what the project measured its accuracy with.
Each stage reads its own section (``settings.layout``, ``settings.langid``...). Change one
from Python with :func:`dataclasses.replace` or :meth:`Settings.with_values`, from the CLI
with ``--set SECTION.NAME=VALUE``. The README's section "Components and settings" lists
them all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one document: past either, it becomes an error record instead of stalling a
    whole run; ``None`` lifts a bound."""

    max_chars: int | None = 20_000_000  # the most characters of one document
    time_limit: float | None = 120.0  # the most seconds spent on one document


@dataclass(frozen=True, slots=True)
class LayoutSettings:
    """How lines are told apart (``newsfacts.layout``)."""

    title_max_words: int = 30  # the most words of a title (a headline, not a paragraph)
    byline_max_words: int = 12  # the most words of a byline or dateline; longer is body text
    menu_max_words: int = 6  # the most words of a menu item, or of a byline after its cue
    body_min_words: int = 8  # a paragraph with this many words is body (menus follow the last)


@dataclass(frozen=True, slots=True)
class LangidSettings:
    """Language identification (``newsfacts.langid``)."""

    # below this share of words known to the best language, a Latin-script text is a
    # language the model never saw (0.05% of ms/id/en/vi dev texts of 4+ words fall below)
    min_known_share: float = 0.5
    min_tokens_for_coverage: int = 4  # a text with fewer letter tokens is never called unseen
    # a paragraph with fewer letter tokens (and every other kind of block) borrows the
    # document's language as a prior
    short_block_tokens: int = 8
    prior_weight: float = 0.8  # the weight of that prior
    # a paragraph longer than this is first judged by its first and last sample_chars / 2
    # characters, and read in full only when they are not decisive
    sample_chars: int = 240
    sampled_max: int = 2000  # a text longer than this (a whole document) is always read in full
    decisive: float = 0.999  # an answer from the sample at least this sure stands


@dataclass(frozen=True, slots=True)
class EntitySettings:
    """Named entities (``newsfacts.entities``)."""

    # a block's own language gives its cue words when identified at least this surely (else
    # the document's language does)
    min_block_score: float = 0.8


@dataclass(frozen=True, slots=True)
class LinkingSettings:
    """How far the linker looks for a figure's change cue and subject (``newsfacts.linking``):
    bounds far past what any cue or phrase needs, so that the cost per figure is bounded."""

    cue_window: int = 100  # characters searched before a figure for its *from* word
    phrase_window: int = 1000  # characters searched before a head word for its noun phrase
    phrase_max_words: int = 6  # the most words of a head-word noun phrase
    counted_max_words: int = 4  # the most words of a counted noun phrase
    # the blocks of an article's lead (its title and first paragraph), where it states the
    # period it reports on
    lead_blocks: int = 2


@dataclass(frozen=True, slots=True)
class DateSettings:
    """Dates (``newsfacts.dates``)."""

    # with no publication date or dateline, read relative dates from the latest day the text
    # names (a guess, so off by default; such dates say reference "latest")
    latest_reference: bool = False


@dataclass(frozen=True, slots=True)
class Settings:
    """All the thresholds, by stage."""

    limits: Limits = field(default_factory=Limits)
    layout: LayoutSettings = field(default_factory=LayoutSettings)
    langid: LangidSettings = field(default_factory=LangidSettings)
    entities: EntitySettings = field(default_factory=EntitySettings)
    linking: LinkingSettings = field(default_factory=LinkingSettings)
    dates: DateSettings = field(default_factory=DateSettings)

    def with_values(self, pairs: Iterable[tuple[str, str | int | float | None]]) -> Settings:
        """A copy with ``("section.name", value)`` pairs applied; a string value is converted
        to the field's type (``none`` for None). Unknown names raise ``ValueError``."""
        sections = {f.name: getattr(self, f.name) for f in fields(self)}
        for key, value in pairs:
            section, _, name = key.partition(".")
            if section not in sections or name not in _field_types(sections[section]):
                raise ValueError(f"unknown setting {key!r}; known: {', '.join(names())}")
            typed = _convert(key, value, _field_types(sections[section])[name])
            sections[section] = dataclasses.replace(sections[section], **{name: typed})
        return Settings(**sections)


def _field_types(section: Any) -> dict[str, str]:
    return {f.name: str(f.type) for f in fields(section)}


def _convert(key: str, value: str | int | float | None, kind: str) -> int | float | None:
    if kind == "bool":
        if isinstance(value, str) and value.lower() in ("true", "false", "yes", "no", "1", "0"):
            return value.lower() in ("true", "yes", "1")
        if isinstance(value, bool):
            return value
        raise ValueError(f"setting {key!r} needs true or false, not {value!r}")
    if isinstance(value, str):
        if value.lower() == "none":
            value = None
        else:
            try:
                value = float(value) if "float" in kind else int(value)
            except ValueError:
                raise ValueError(
                    f"setting {key!r} needs a number ({kind}), not {value!r}"
                ) from None
    if value is None and "None" not in kind:
        raise ValueError(f"setting {key!r} cannot be none")
    return value


def names() -> list[str]:
    """``section.name`` of every setting."""
    defaults = Settings()
    return [
        f"{section.name}.{f.name}"
        for section in fields(defaults)
        for f in fields(getattr(defaults, section.name))
    ]


DEFAULTS = Settings()
