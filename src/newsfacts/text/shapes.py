"""The shapes of things that hold digits but are not figures or dates: links and web
addresses, phone numbers, numeric dates. Stages ask here instead of keeping their own."""

from __future__ import annotations

import re

# A link as a page prints it (``https://...``, ``www...``): what a source line points to.
LINK = re.compile(r"https?://[^\s<>\"')\]]+|www\.[^\s<>\"')\]]+")
# A link or a bare web address (``vietnamplus.vn``, ``page.html``): digits inside one are
# neither dates nor figures.
WEB_ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|vn|my|id|gov|html?)\S*"
)
# A phone number, matched where a number starts: international, a bracketed area code, or a
# national number starting with 0.
PHONE = re.compile(
    r"\+\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,4}"
    r"|\(0\d{1,3}\) ?\d{3,4}[ .-]?\d{3,4}"
    r"|0\d{1,3}[ .-]\d{3,4}[ .-]?\d{3,4}(?!\d)"
    r"|0\d{8,10}(?!\d)"
)
# Three numbers joined by the same mark: ``2025-12-20``, ``20.12.2025``, ``20/12/25``.
NUMERIC_DATE = re.compile(r"\d{1,4}([-./])\d{1,2}\1\d{1,4}(?!\d)")

_NOT_SPACE = re.compile(r"\S*")


def in_web_address(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` overlaps a web address. An address holds no white space,
    so only the words around the span are searched; they hold the same addresses a search of
    the whole text finds there."""
    left = start
    while left and not text[left - 1].isspace():
        left -= 1
    word = _NOT_SPACE.match(text, end)
    right = word.end() if word else end
    return any(
        s < end and start < e
        for s, e in (u.span() for u in WEB_ADDRESS.finditer(text, left, right))
    )
