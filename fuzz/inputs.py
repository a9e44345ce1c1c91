"""Adversarial inputs: the pieces news text is made of, and the ones that break parsers.

Shared by the bounded hypothesis suite (``tests/test_robustness.py``) and the long fuzz run
(``fuzz/run.py``), which draws from a seeded ``random.Random`` because it must be cheap enough
for a million inputs.
"""

from __future__ import annotations

import io
import random
import unicodedata

from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Words, figures, dates and separators of the four languages, with the characters that break
# naive code: controls, NUL, zero-width and bidi marks, lone surrogates, decomposed letters,
# other scripts' digits, exotic spaces and line breaks.
PIECES = [
    *"0123456789",
    *".,%$€£¥/-–—:;()[]{}!?'\"“”‘’«»*&#@+=<>\\|_~^`",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\r\n",
    "\r",
    "\x85",
    "\u2028",
    "\u2029",
    "\xa0",
    "\u202f",
    "\x00",
    "\x01",
    "\x1b",
    "\x7f",
    "\x9f",
    "\ufeff",
    "\ufffd",
    "\ud800",
    "\udfff",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u0301",
    "\u0303",
    "\u0323",
    "\u0309",
    unicodedata.normalize("NFD", "Việt Nam"),
    unicodedata.normalize("NFD", "Lạng Sơn"),
    "٣",
    "๓",
    "１２",
    "²",
    "½",
    "Ⅻ",
    "𝟙",
    "中国",
    "Москва",
    "العربية",
    "עברית",
    "😀",
    "🇻🇳",
    "RM",
    "USD",
    "VND",
    "Rp",
    "$",
    "đồng",
    "ringgit",
    "dollars",
    "tỷ",
    "triệu",
    "nghìn",
    "juta",
    "bilion",
    "trilion",
    "ribu",
    "million",
    "billion",
    "k",
    "m",
    "bn",
    "pp",
    "peratus",
    "phần trăm",
    "persen",
    "per cent",
    "percent",
    "lebih",
    "hơn",
    "more than",
    "about",
    "kira-kira",
    "khoảng",
    "hampir",
    "sekitar",
    "tahun",
    "năm",
    "pada",
    "ngày",
    "tháng",
    "quý",
    "suku",
    "Q3",
    "in",
    "since",
    "until",
    "hingga",
    "sehingga",
    "đến",
    "to",
    "from",
    "daripada",
    "kepada",
    "từ",
    "xuống",
    "lên",
    "naik",
    "turun",
    "tăng",
    "giảm",
    "rose",
    "fell",
    "Januari",
    "Disember",
    "Tháng Mười Hai",
    "March",
    "Jan",
    "Dis",
    "Ogos",
    "Thg",
    "2024",
    "2021-2025",
    "20/12/2025",
    "12.2",
    "1.149",
    "3,36",
    "12,465",
    "28/2022/ND-CP",
    "No.",
    "Số",
    "Bil.",
    "Dr.",
    "Mr",
    "Ông",
    "Bà",
    "Cik",
    "Datuk",
    "Encik",
    "Puan",
    "Nguyễn",
    "Văn",
    "Trần Thanh Nhàn",
    "Lạng Sơn",
    "Kuala Lumpur",
    "Bank Negara Malaysia",
    "UBND tỉnh",
    "Kementerian",
    "Polis Diraja Malaysia (PDRM)",
    "the",
    "and",
    "dan",
    "và",
    "Kadar kemiskinan",
    "tỷ lệ hộ nghèo",
    "poverty rate",
    "isi rumah",
    "ngôi nhà",
    "orang",
    "Setiap tahun",
    "hằng năm",
    "every year",
    "http://",
    "https://a.example/2024/05/",
    "www.",
    ".com",
    "<p>",
    "</p>",
    "<br>",
    "&amp;",
    "&#x0;",
    "<script>",
    "<!--",
]


def random_text(rng: random.Random, max_pieces: int = 40) -> str:
    """A string of pieces, random code points and repeats (runs stress every pattern)."""
    parts: list[str] = []
    for _ in range(rng.randrange(max_pieces + 1)):
        roll = rng.random()
        if roll < 0.7:
            parts.append(rng.choice(PIECES))
        elif roll < 0.85:
            parts.append(chr(rng.randrange(0x110000)))
        elif roll < 0.95:
            parts.append(str(rng.randrange(10 ** rng.randrange(1, 16))))
        else:
            parts.append(rng.choice(PIECES) * rng.randrange(2, 200))
    return "".join(parts)


def random_bytes(rng: random.Random, max_pieces: int = 40) -> bytes:
    """Text encoded as UTF-8 (surrogates passed through), then bytes flipped or inserted."""
    data = bytearray(random_text(rng, max_pieces).encode("utf-8", "surrogatepass"))
    for _ in range(rng.randrange(4)):
        pos = rng.randrange(len(data) + 1)
        data[pos:pos] = bytes([rng.randrange(256)])
    return bytes(data)


def texts(max_pieces: int = 40) -> st.SearchStrategy[str]:
    """The hypothesis version of :func:`random_text`, which also shrinks to a small case."""
    piece = st.one_of(
        st.sampled_from(PIECES),
        st.characters(codec=None),
        st.integers(min_value=0, max_value=10**15).map(str),
        st.tuples(st.sampled_from(PIECES), st.integers(2, 200)).map(lambda pn: pn[0] * pn[1]),
    )
    return st.lists(piece, max_size=max_pieces).map("".join)


# Every suffix a reader picks a format by.
SUFFIXES = [".txt", ".html", ".jsonl", ".jsonl.gz", ".csv", ".csv.gz", ".warc", ".warc.gz"]


def warc(body: bytes, mime: str) -> bytes:
    """One WARC response record holding ``body``."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", mime)], "HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://a.example/", "response", payload=io.BytesIO(body), http_headers=headers
        )
    )
    return out.getvalue()
