"""The number engine: digits in each language's conventions, scale words and number words.

:mod:`.lexicon` merges every language's ``numbers.yaml``; :mod:`.digits` reads digit strings
with ``.``/``,`` marks; :mod:`.words` reads numbers written in words.
"""

from newsfacts.numbers.digits import is_ambiguous, parse_digits
from newsfacts.numbers.lexicon import Lexicon, lexicon
from newsfacts.numbers.words import WordNumber, parse_words

__all__ = ["Lexicon", "WordNumber", "is_ambiguous", "lexicon", "parse_digits", "parse_words"]
