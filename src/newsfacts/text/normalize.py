"""Turns whatever arrives (str or bytes in any encoding) into the text all offsets refer to."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# C0/C1 controls except tab and newline, and lone surrogates (which cannot be encoded and would
# break every writer downstream).
_STRIP = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\x85\u2028\u2029]")


def decode(data: bytes) -> str:
    """UTF-8 when it is valid or nearly so, else the encoding charset-normalizer finds; never
    raises."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few stray bytes (a cut page, a bad byte from a crawl): more valid multibyte
    # characters than invalid bytes cannot happen by chance in a legacy encoding, and guessing
    # one would turn every accented letter of the page into mojibake.
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    if sum(not ch.isascii() for ch in text) - invalid > invalid:
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("utf-8", errors="replace")


def normalize(text: str | bytes) -> str:
    """NFC, one kind of line break, no control characters.

    Vietnamese often arrives decomposed (a base letter plus combining marks); composing it
    first means every later pattern and offset sees one code point per letter.
    """
    if isinstance(text, bytes):
        text = decode(text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _STRIP.sub("", text)
    return unicodedata.normalize("NFC", text)


class OffsetMap:
    """Where the characters of :func:`normalize`'s output came from in its input (a ``str``):
    ``span(start, end)`` is the input span of the output's ``[start, end)``, so that facts
    found in normalised text point into the text a caller holds (CRLF line breaks, NFD
    Vietnamese). A character that normalisation made from several (``\\r\\n``, a letter and
    its combining marks) covers all of them."""

    __slots__ = ("_ends", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = normalize(text)
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        if self.text != text:
            self._starts, self._ends = _origins(text, self.text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self._starts is None or self._ends is None:
            return start, end
        if start >= end:
            at = self._starts[start] if start < len(self._starts) else self._ends[-1]
            return at, at
        return self._starts[start], self._ends[end - 1]


def _origins(text: str, expected: str) -> tuple[list[int], list[int]]:
    """The input start and end of every output character of ``normalize(text)``."""
    # Line breaks and controls first, character by character: each kept one remembers its
    # input span.
    kept: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _LINE_BREAKS.finditer(text):
        _keep(text, pos, m.start(), kept, starts, ends)
        kept.append("\n")
        starts.append(m.start())
        ends.append(m.end())
        pos = m.end()
    _keep(text, pos, len(text), kept, starts, ends)
    # Then NFC, one run at a time, a run starting at each character with no combining class.
    # Runs compose independently but for rare scripts (Hangul jamo, some Indic vowel signs),
    # and never across an ASCII character: if the finer runs disagree with the whole text's
    # NFC, the coarser ones are used.
    for boundary in (_is_starter, str.isascii):
        out_starts, out_ends, pieces = _compose(kept, starts, ends, boundary)
        if "".join(pieces) == expected:
            return out_starts, out_ends
    raise AssertionError("unreachable: runs between ASCII characters compose on their own")


def _keep(
    text: str, start: int, end: int, kept: list[str], starts: list[int], ends: list[int]
) -> None:
    for i in range(start, end):
        if not _STRIP.match(text, i):
            kept.append(text[i])
            starts.append(i)
            ends.append(i + 1)


def _is_starter(ch: str) -> bool:
    return unicodedata.combining(ch) == 0


def _compose(
    kept: list[str], starts: list[int], ends: list[int], boundary: Callable[[str], bool]
) -> tuple[list[int], list[int], list[str]]:
    out_starts: list[int] = []
    out_ends: list[int] = []
    pieces: list[str] = []
    run = 0
    for i in range(1, len(kept) + 1):
        if i < len(kept) and not boundary(kept[i]):
            continue
        raw = "".join(kept[run:i])
        piece = unicodedata.normalize("NFC", raw)
        if piece == raw:  # unchanged: each keeps its own origin
            out_starts.extend(starts[run:i])
            out_ends.extend(ends[run:i])
        else:  # composed, reordered or split: every character covers the whole run
            out_starts.extend([starts[run]] * len(piece))
            out_ends.extend([ends[i - 1]] * len(piece))
        pieces.append(piece)
        run = i
    return out_starts, out_ends, pieces
