"""Blocks: a document split into paragraphs, titles, captions, bylines and page furniture."""

from newsfacts.layout.blocks import CONTENT_KINDS, Layout, segment

__all__ = ["CONTENT_KINDS", "Layout", "segment"]
