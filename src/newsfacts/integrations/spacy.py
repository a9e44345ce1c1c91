"""The ``newsfacts`` spaCy pipeline component.

Registered as a spaCy factory through the ``spacy_factories`` entry point, so once newsfacts
is installed ``nlp.add_pipe("newsfacts")`` works in any pipeline. The component runs the
newsfacts extractor on the ``Doc``'s text, sets ``doc.ents`` from the entity facts (longest
first where spans overlap; spans that do not fall on the pipeline's token boundaries are
widened to them) and puts the whole :class:`~newsfacts.model.Article` (all facts, blocks
and languages) in ``doc._.newsfacts``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from newsfacts.model import Entity
from newsfacts.pipeline import Extractor

if not Doc.has_extension("newsfacts"):
    Doc.set_extension("newsfacts", default=None)


class NewsfactsComponent:
    """Sets ``doc.ents`` and ``doc._.newsfacts``; ``lang`` overrides language detection."""

    def __init__(self, lang: str | None = None, extractor: Extractor | None = None) -> None:
        self.lang = lang
        self.extractor = extractor or Extractor()

    def __call__(self, doc: Doc) -> Doc:
        article = self.extractor.extract(doc.text, lang=self.lang)
        doc._.newsfacts = article
        if article.text != doc.text:  # normalisation changed the text: offsets differ
            return doc
        spans = []
        for fact in article.facts_of("entity"):
            entity = fact.value
            if not isinstance(entity, Entity):
                continue
            span = doc.char_span(fact.start, fact.end, label=entity.label, alignment_mode="expand")
            if span is not None:
                span.kb_id_ = entity.key  # the entity key, shared by all its spellings
                spans.append(span)
        doc.ents = filter_spans(spans)
        return doc


@Language.factory("newsfacts", default_config={"lang": None})
def make_newsfacts(nlp: Language, name: str, lang: str | None) -> NewsfactsComponent:
    """The factory spaCy calls for ``nlp.add_pipe("newsfacts", config={"lang": "ms"})``."""
    return NewsfactsComponent(lang=lang)


__all__ = ["NewsfactsComponent", "make_newsfacts"]
