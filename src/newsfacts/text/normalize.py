"""Turns whatever arrives (str or bytes in any encoding) into the text all offsets refer to."""

from __future__ import annotations

import re
import unicodedata

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
