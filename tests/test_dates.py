"""Date scanner and time linker, on their own: a stub figure scanner stands in for figures.py so
these tests pin the linker's rules whatever the figure scanner finds."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from newsfacts.dates.plan import plan_for
from newsfacts.dates.scanner import DateScanner, find
from newsfacts.lang import loader
from newsfacts.linking.linker import TimeLinker
from newsfacts.model import Block, Context, Fact, Number, Period
from newsfacts.pipeline import Extractor
from newsfacts.text.sentences import sentences

PUB = date(2025, 12, 20)

# Written for these tests, after the shape of the reference article's poverty paragraphs.
ARTICLE = (
    "Keajaiban Lang Son\n\n"
    "Pada 20 Disember, kementerian menganjurkan acara untuk golongan miskin di Lang Son.\n\n"
    "Dalam tempoh 2021-2025, wilayah itu memperuntukkan lebih 1.149 trilion VND untuk "
    "program pengurangan kemiskinan.\n\n"
    "Setiap tahun, lebih 40,000 orang menerima sokongan; 861 rumah dibaiki di bawah "
    "Dekri No. 28/2022/ND-CP.\n\n"
    "Program itu pada tahun 2025 telah menyiapkan 6,508 buah rumah (termasuk 3,840 rumah "
    "baharu) untuk isi rumah miskin.\n\n"
    "Kadar kemiskinan di wilayah Lang Son menurun daripada 12.2% (pada tahun 2021) kepada "
    "3.36% (pada tahun 2024), menduduki tempat ketiga.\n"
)

_FIGURE = re.compile(
    r"(?P<money>lebih \d[\d.]* trilion VND)|(?P<percent>\d+(?:[.,]\d+)?%)"
    r"|(?P<quantity>(?:lebih )?\d[\d,]* (?:buah rumah|rumah|orang))"
)


class StubFigures:
    """Just enough figures for the linker: the shapes used in these tests."""

    name = "test.figures"

    def scan(self, ctx: Context, block: Block) -> Iterable[Fact]:
        for m in _FIGURE.finditer(block.text):
            kind = m.lastgroup
            assert kind in ("money", "percent", "quantity")
            digits = re.sub(r"[^\d]", "", m.group(0))
            yield Fact(
                doc_id=ctx.doc_id,
                type=kind,
                text=m.group(0),
                start=block.start + m.start(),
                end=block.start + m.end(),
                lang=block.lang,
                block=block.i,
                value=Number(amount=Decimal(digits)),
                extractor="test",
            )


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(scanners=[StubFigures(), DateScanner()], entities=[], linkers=[TimeLinker()])


def _fact(facts: Iterable[Fact], text: str) -> Fact:
    return next(f for f in facts if f.text == text)


def test_reference_shapes(extractor: Extractor) -> None:
    article = extractor.extract(ARTICLE, lang="ms", published=PUB, doc_id="ref")
    dates = {f.text: f.value for f in article.facts_of("date")}
    assert dates["20 Disember"] == Period(PUB, PUB, "day", relative=True, reference="published")
    assert dates["2021-2025"] == Period(date(2021, 1, 1), date(2025, 12, 31), "year")
    assert not any("2022" in text for text in dates)  # the decree number

    money = _fact(article.facts, "lebih 1.149 trilion VND")
    assert money.time is not None
    assert (money.time.start, money.time.end, money.time.how) == (
        date(2021, 1, 1),
        date(2025, 12, 31),
        "sentence",
    )
    houses = _fact(article.facts, "6,508 buah rumah")
    assert houses.time is not None and houses.time.text == "tahun 2025"
    assert houses.time.how == "sentence"

    old, new = _fact(article.facts, "12.2%"), _fact(article.facts, "3.36%")
    assert old.time is not None and new.time is not None
    assert (old.time.start.year, old.time.how) == (2021, "explicit")
    assert (new.time.start.year, new.time.how) == (2024, "explicit")
    assert old.change == new.change
    assert old.change is not None
    assert (old.change.direction, old.change.from_id, old.change.to_id) == ("down", old.id, new.id)
    assert old.subject == new.subject == "Kadar kemiskinan"


def test_recurring_stays_in_its_clause(extractor: Extractor) -> None:
    article = extractor.extract(ARTICLE, lang="ms", published=PUB, doc_id="ref")
    people = _fact(article.facts, "lebih 40,000 orang")
    houses = _fact(article.facts, "861 rumah")
    assert people.time is not None and people.time.recurring
    assert houses.time is not None and not houses.time.recurring
    assert people.time.how == "published"


def test_without_publication_date(extractor: Extractor) -> None:
    article = extractor.extract(ARTICLE, lang="ms", doc_id="ref")
    dates = {f.text: f.value for f in article.facts_of("date")}
    # still a fact, kept with its grain, but its days cannot be placed without a year
    unplaced = dates["20 Disember"]
    assert isinstance(unplaced, Period)
    assert (unplaced.start, unplaced.end, unplaced.grain) == (None, None, "day")
    assert unplaced.unresolved == "no reference date"
    assert _fact(article.facts, "861 rumah").time is None


def test_change_needs_a_verb_or_directed_word(extractor: Extractor) -> None:
    text = "Anggaran itu daripada 3% kepada 5% sahaja.\n"
    article = extractor.extract(text, lang="ms", published=PUB)
    assert all(f.change is None for f in article.facts)


def test_ids_survive_linking() -> None:
    text = "Kadar itu menurun daripada 12.2% kepada 3.36% pada tahun 2024."
    ctx = Context(doc_id="d", text=text, published=PUB, lang="ms")
    block = Block(i=0, start=0, end=len(text), kind="paragraph", text=text, lang="ms")
    facts = [*StubFigures().scan(ctx, block), *DateScanner().scan(ctx, block)]
    linked = TimeLinker().link(ctx, [block], facts)
    assert [f.id for f in linked] == [f.id for f in facts]
    first = _fact(linked, "12.2%")
    assert first.change is not None and first.change.to_id == _fact(linked, "3.36%").id


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Dekri No. 28/2022/ND-CP", "ms", []),
        ("Nghị định số 12/2023/NĐ-CP ngày 20/12/2024", "vi", ["20/12/2024"]),
        ("skor 2-1 pada pukul 10.30", "ms", []),
        ("seramai 2,025 orang", "ms", []),
        ("https://x.vn/2024/12/20/a.html", "vi", []),
        ("quý III/2025 và 6 tháng đầu năm", "vi", ["quý III/2025", "6 tháng đầu năm"]),
        ("from 2021 to 2025, Q3 2025", "en", ["from 2021 to 2025", "Q3 2025"]),
    ],
)
def test_find_spans(text: str, lang: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e, _, _ in find(text, lang, PUB)] == expected


def test_unknown_language_uses_every_grammar() -> None:
    spans = [(s, e) for s, e, _, _ in find("20 Disember 2025 và tháng 12/2025", None, PUB)]
    assert len(spans) == 2


def test_sentences_skip_abbreviations() -> None:
    text = "Rujuk Dekri No. 28 untuk butiran. Kadar itu naik. Dr. Ali setuju."
    block = Block(i=0, start=10, end=10 + len(text), kind="paragraph", text=text)
    spans = [text[s - 10 : e - 10] for s, e in sentences(block)]
    assert spans == ["Rujuk Dekri No. 28 untuk butiran", "Kadar itu naik", "Dr. Ali setuju."]


def _spec_texts(lang: str) -> list[str]:
    texts = []
    for path in sorted((Path(__file__).parent / "specs" / lang).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


@pytest.mark.parametrize("lang", loader.available("dates"))
def test_scanner_tries_every_rule_where_it_matches(lang: str) -> None:
    """The scanner tries a rule only where the trigger says one can begin; it must find what
    running every rule over the whole text finds, in any case and punctuation."""
    plan = plan_for((lang,))
    for text in _spec_texts(lang):
        for variant in (text, text.upper(), text.title(), re.sub(r" ", "(", text)):
            expected = sorted(
                (i, m.span()) for i, p in enumerate(plan.patterns) for m in p.finditer(variant)
            )
            assert sorted((i, m.span()) for i, m in plan.matches(variant)) == expected, variant


def test_words_folded_by_the_regex_engine() -> None:
    # The regex engine matches "ı" for "i" while str.lower keeps them apart.
    found = find("Kemarın harga naik.", "id", PUB)
    assert [p.start for _, _, p, _ in found] == [PUB - timedelta(days=1)]
