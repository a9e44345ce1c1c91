"""Linking figures to their time, subject and change (see :mod:`newsfacts.linking.linker`)."""

from newsfacts.linking.linker import TimeLinker

__all__ = ["TimeLinker"]
