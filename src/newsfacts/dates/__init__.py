"""Date and period expressions (see :mod:`newsfacts.dates.scanner`)."""

from newsfacts.dates.scanner import DateScanner, find

__all__ = ["DateScanner", "find"]
