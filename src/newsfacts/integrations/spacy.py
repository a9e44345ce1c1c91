"""The ``newsfacts`` spaCy pipeline component.

Registered as a spaCy factory through the ``spacy_factories`` entry point, so once newsfacts
is installed ``nlp.add_pipe("newsfacts")`` works in any pipeline. The component runs the
newsfacts extractor on the ``Doc``'s text and sets:

- ``doc.spans["newsfacts"]``: every fact as a span labelled ``MONEY``, ``PERCENT``,
  ``QUANTITY``, ``DATE`` or the entity's ``PER``/``ORG``/``LOC``/``MISC``, with the fact
  itself in ``span._.fact``;
- ``doc.ents``: the entities (and, with ``figure_ents``, the figures and dates), merged with
  the entities earlier components set: theirs are kept and ours fill the gaps, or, with
  ``overwrite_ents``, ours win where the two overlap; each span's ``kb_id_`` is the entity key;
- ``doc._.newsfacts``: the whole :class:`~newsfacts.model.Article`.

The publication date is ``doc._.published`` when set (a date or any string the pipeline
reads), else the component's ``published``. Where normalisation changes the text (CRLF line
breaks, decomposed Vietnamese), spans are mapped back to the Doc's characters
(:class:`~newsfacts.text.normalize.OffsetMap`); a span that does not fall on the pipeline's
token boundaries is widened to them.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsfacts.model import Article, Entity, Fact
from newsfacts.pipeline import Extractor
from newsfacts.text.normalize import OffsetMap

# user_data key of the facts by (start_char, end_char, label), which span._.fact reads: an
# extension's own storage is keyed by offsets alone, and two facts may share a span.
_INDEX = "newsfacts.facts"

if not Doc.has_extension("newsfacts"):
    Doc.set_extension("newsfacts", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
if not Span.has_extension("fact"):
    Span.set_extension(
        "fact",
        getter=lambda span: span.doc.user_data.get(_INDEX, {}).get(
            (span.start_char, span.end_char, span.label_)
        ),
    )


def label_of(fact: Fact) -> str:
    """The span label of a fact: the entity's label, or its type in capitals."""
    return fact.value.label if isinstance(fact.value, Entity) else fact.type.upper()


class NewsfactsComponent:
    """Sets ``doc.spans[spans_key]``, ``doc.ents`` and ``doc._.newsfacts``; ``lang``
    overrides language detection."""

    def __init__(
        self,
        lang: str | None = None,
        extractor: Extractor | None = None,
        *,
        published: str | None = None,
        figure_ents: bool = False,
        overwrite_ents: bool = False,
        spans_key: str = "newsfacts",
    ) -> None:
        self.lang = lang
        self.extractor = extractor or Extractor()
        self.published = published
        self.figure_ents = figure_ents
        self.overwrite_ents = overwrite_ents
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published if doc._.published is not None else self.published
        article = self.extractor.extract(doc.text, lang=self.lang, published=published)
        doc._.newsfacts = article
        spans, index = self._spans(doc, article)
        doc.user_data[_INDEX] = index
        doc.spans[self.spans_key] = spans
        ours = [s for s in spans if self.figure_ents or isinstance(index[_key(s)].value, Entity)]
        earlier = list(doc.ents)
        first, second = (ours, earlier) if self.overwrite_ents else (earlier, ours)
        doc.ents = _merge(first, second)
        return doc

    def _spans(
        self, doc: Doc, article: Article
    ) -> tuple[list[Span], dict[tuple[int, int, str], Fact]]:
        offsets = OffsetMap(doc.text)
        spans: list[Span] = []
        index: dict[tuple[int, int, str], Fact] = {}
        for fact in article.facts:
            start, end = offsets.span(fact.start, fact.end)
            span = doc.char_span(start, end, label=label_of(fact), alignment_mode="expand")
            if span is None or _key(span) in index:
                continue
            if isinstance(fact.value, Entity):
                span.kb_id_ = fact.value.key  # the entity key, shared by all its spellings
            spans.append(span)
            index[_key(span)] = fact
        return spans, index


def _key(span: Span) -> tuple[int, int, str]:
    return span.start_char, span.end_char, span.label_


def _merge(first: Iterable[Span], second: Iterable[Span]) -> list[Span]:
    """The spans of ``first`` without overlaps (longest first), then those of ``second``
    that overlap none of them."""
    kept = filter_spans(first)
    taken = {i for span in kept for i in range(span.start, span.end)}
    for span in filter_spans(second):
        if not taken.intersection(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


@Language.factory(
    "newsfacts",
    default_config={
        "lang": None,
        "published": None,
        "figure_ents": False,
        "overwrite_ents": False,
        "spans_key": "newsfacts",
    },
)
def make_newsfacts(
    nlp: Language,
    name: str,
    lang: str | None,
    published: str | None,
    figure_ents: bool,
    overwrite_ents: bool,
    spans_key: str,
) -> NewsfactsComponent:
    """The factory spaCy calls for ``nlp.add_pipe("newsfacts", config={"lang": "ms"})``."""
    return NewsfactsComponent(
        lang=lang,
        published=published,
        figure_ents=figure_ents,
        overwrite_ents=overwrite_ents,
        spans_key=spans_key,
    )


__all__ = ["NewsfactsComponent", "label_of", "make_newsfacts"]
