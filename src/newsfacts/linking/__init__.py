"""Linking figures to their time, subject and change (see :mod:`newsfacts.linking.linker`)."""

from newsfacts.linking.linker import FIGURE_TYPES, TimeLinker

__all__ = ["FIGURE_TYPES", "TimeLinker"]
