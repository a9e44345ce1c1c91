"""Date and period expressions (see :mod:`newsfacts.dates.scanner`)."""

from newsfacts.dates.scanner import NAME, DateScanner, find, grammar

__all__ = ["NAME", "DateScanner", "find", "grammar"]
