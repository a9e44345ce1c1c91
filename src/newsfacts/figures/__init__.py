"""Money, percentages and counts: every figure of a block, with exact offsets and values.

One precompiled pattern, built at first use from the data of every language, finds the number
cores of a block in a single pass (digits, number words, vague amounts such as ``puluhan
ribu``); for each core a few anchored patterns read what follows (scale words, currency,
percent sign, counted noun) and a short look back reads what precedes (qualifier, range
opener, currency symbol, words that make the number an identifier). All repetition in the
patterns is bounded, so the scan is linear in the length of the block.

The rules for what is *not* a figure (dates, times, phone numbers, legal references, URLs,
versions, scores, bare years, page furniture like ``Komen (0)``) and for reading ``1.149`` are
in the README section "figures".

:mod:`.grammar` compiles the patterns and tables; :mod:`.digits` and :mod:`.number_words`
read each number core, :mod:`.pieces` what stands before and after it; :mod:`.assembly` turns
the pieces into figures, with the counted nouns of :mod:`.nouns`; :mod:`.scanner` composes
them into the stage.
"""

from newsfacts.figures.scanner import FigureScanner

__all__ = ["FigureScanner"]
