"""Named entities: the offline rule backend (cue words, name shapes, a gazetteer), keys
across spellings, and the optional statistical backends (:mod:`newsfacts.entities.backends`)."""

from newsfacts.entities.gazetteer import gazetteer
from newsfacts.entities.keys import assign_keys
from newsfacts.entities.lexicon import lexicon
from newsfacts.entities.rules import RuleEntities, block_language, find_mentions, to_facts
from newsfacts.entities.view import Mention

__all__ = [
    "Mention",
    "RuleEntities",
    "assign_keys",
    "block_language",
    "find_mentions",
    "gazetteer",
    "lexicon",
    "to_facts",
]
