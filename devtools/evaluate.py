"""Runs the hand-written spec cases and scores them: one engine for the tests and the gate.

A development tool, not part of the installed library: ``python -m devtools.evaluate
tests/specs`` (what ``make evaluate`` runs) prints the scores.

``tests/specs/<lang>/<kind>.jsonl`` holds the cases (format: ``tests/specs/README.md``).
:func:`check` says what one case got right and wrong; :func:`evaluate` sums that into
precision, recall and F1 per language and fact type (entities also per label, as rows
``entity:PER``...), which :func:`main` prints and the floor test compares against
``tests/floors.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from newsfacts.langid.detect import detect_language
from newsfacts.model import Article, Fact
from newsfacts.pipeline import Extractor

# Which fact types each kind of spec file compares; dated_figure checks listed figures only.
KIND_TYPES: dict[str, tuple[str, ...]] = {
    "money": ("money",),
    "percent": ("percent",),
    "quantity": ("quantity",),
    "date": ("date",),
    "entities": ("entity",),
    "dated_figure": ("money", "percent", "quantity"),
    "blocks": (),
    "langid": (),
}
_PARTIAL_KINDS = frozenset({"dated_figure"})


class SpecError(ValueError):
    """A spec case is malformed (an expected text not in the input, an unknown kind...)."""


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    lang: str
    kind: str
    text: str
    published: str | None = None
    expect: tuple[dict[str, Any], ...] = ()
    same_key: tuple[tuple[str, ...], ...] = ()
    expect_lang: str | None = None
    document: dict[str, Any] = field(default_factory=dict)
    xfail: str | None = None
    source: str = ""
    # the shape of number a figure case exercises (range, negative, suffix...), for
    # benchmarks/number_shapes.py; None for the other cases
    shape: str | None = None


@dataclass(slots=True)
class Outcome:
    """What one case found: matched spans, and everything that differs from the spec."""

    case: Case
    tp: dict[str, int] = field(default_factory=dict)
    fp: dict[str, int] = field(default_factory=dict)
    fn: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, table: dict[str, int], *rows: str) -> None:
        for row in rows:
            table[row] = table.get(row, 0) + 1


def _rows(type_: str, value: dict[str, Any]) -> tuple[str, ...]:
    """The score rows a fact counts in: its type and, for an entity, also ``entity:LABEL``, so
    a span found with the wrong label is a false positive of one label and a miss of another."""
    if type_ == "entity" and "label" in value:
        return type_, f"{type_}:{value['label']}"
    return (type_,)


def load_cases(root: str | Path) -> list[Case]:
    """Every case under ``root`` (a specs folder), in file and line order."""
    cases: list[Case] = []
    seen: set[str] = set()
    for path in sorted(Path(root).glob("*/*.jsonl")):
        lang, kind = path.parent.name, path.stem
        if kind not in KIND_TYPES:
            raise SpecError(f"{path}: unknown spec kind {kind!r}")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SpecError(f"{where}: not JSON: {exc}") from None
            case = _case(row, lang, kind, where)
            if case.id in seen:
                raise SpecError(f"{where}: duplicate case id {case.id!r}")
            seen.add(case.id)
            cases.append(case)
    return cases


def _case(row: dict[str, Any], lang: str, kind: str, where: str) -> Case:
    try:
        return Case(
            id=row["id"],
            lang=row.get("lang", lang),
            kind=kind,
            text=row["text"],
            published=row.get("published"),
            expect=tuple(row.get("expect", ())),
            same_key=tuple(tuple(group) for group in row.get("same_key", ())),
            expect_lang=row.get("expect_lang"),
            document=dict(row.get("document", {})),
            xfail=row.get("xfail"),
            source=where,
            shape=row.get("shape"),
        )
    except (KeyError, TypeError) as exc:
        raise SpecError(f"{where}: malformed case ({exc})") from None


def span_of(case: Case, item: dict[str, Any]) -> tuple[int, int]:
    """The expected span: ``start`` if given, else the ``occurrence``-th match of ``text``."""
    text = item["text"]
    if "start" in item:
        start = int(item["start"])
        if case.text[start : start + len(text)] != text:
            raise SpecError(f"{case.source}: {text!r} is not at {start} in case {case.id}")
        return start, start + len(text)
    start = -1
    for _ in range(int(item.get("occurrence", 0)) + 1):
        start = case.text.find(text, start + 1)
        if start < 0:
            raise SpecError(f"{case.source}: {text!r} not found in case {case.id}")
    return start, start + len(text)


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, str) and isinstance(actual, str):
        try:
            return Decimal(expected) == Decimal(actual)
        except InvalidOperation:
            return expected == actual
    return bool(expected == actual)


def _change(article: Article, record: dict[str, Any]) -> dict[str, Any]:
    """A figure's change with the figures it names by their text (a spec names them so)."""
    change = record["change"]
    if change is None:
        return {"none": True}
    texts = {f.id: f.text for f in article.facts}
    named = {k: texts.get(change[k]) if change[k] else None for k in ("from", "to", "by")}
    return {**change, **named}


def _differences(want: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """The fields of ``want`` that ``got`` does not match; a nested object lists only the
    fields that matter, as the top level does."""
    found = []
    for key, value in want.items():
        other = got.get(key)
        if isinstance(value, dict) and isinstance(other, dict):
            found += [f"{key}.{d}" for d in _differences(value, other)]
        elif not _same(value, other):
            found.append(f"{key}: want {value!r}, got {other!r}")
    return found


def check(case: Case, extractor: Extractor) -> Outcome:
    """Runs one case through the pipeline and compares it with the spec."""
    outcome = Outcome(case)
    if case.kind == "langid":
        got = detect_language(case.text).lang
        if got == case.expect_lang:
            outcome.count(outcome.tp, "langid")
        else:
            outcome.count(outcome.fp, "langid")
            outcome.count(outcome.fn, "langid")
            outcome.problems.append(f"language: want {case.expect_lang!r}, got {got!r}")
        return outcome
    article = extractor.extract(case.text, doc_id=case.id, lang=case.lang, published=case.published)
    if article.error:
        outcome.problems.append(f"extraction failed: {article.error}")
        return outcome
    if case.kind == "blocks":
        _check_blocks(case, article, outcome)
        return outcome
    types = KIND_TYPES[case.kind]
    found = {(f.start, f.end, f.type): f for f in article.facts if f.type in types}
    for item in case.expect:
        start, end = span_of(case, item)
        type_ = item.get("type", types[0])
        fact = found.pop((start, end, type_), None)
        want = _rows(type_, item.get("value", {}))
        if fact is None:
            outcome.count(outcome.fn, *want)
            near = [
                f.text for f in article.facts if f.type == type_ and f.start < end and start < f.end
            ]
            outcome.problems.append(
                f"missing {type_} {item['text']!r}" + (f" (found {near})" if near else "")
            )
            continue
        record = fact.record()
        wrong = _differences(item.get("value", {}), record["value"])
        if "time" in item:
            wrong += ["time " + d for d in _differences(item["time"], record["time"] or {})]
        if "change" in item:
            wrong += ["change " + d for d in _differences(item["change"], _change(article, record))]
        if "subject" in item and item["subject"] != record["subject"]:
            wrong.append(f"subject: want {item['subject']!r}, got {record['subject']!r}")
        if wrong:
            outcome.count(outcome.fp, *_rows(type_, record["value"]))
            outcome.count(outcome.fn, *want)
            outcome.problems.append(f"{type_} {item['text']!r}: " + "; ".join(wrong))
        else:
            outcome.count(outcome.tp, *want)
    if case.kind not in _PARTIAL_KINDS:
        for fact in found.values():
            outcome.count(outcome.fp, *_rows(fact.type, fact.record()["value"]))
            outcome.problems.append(f"unexpected {fact.type} {fact.text!r}")
    _check_keys(case, article.facts, outcome)
    return outcome


def _check_blocks(case: Case, article: Article, outcome: Outcome) -> None:
    by_span = {(b.start, b.end): b for b in article.blocks}
    for item in case.expect:
        block = by_span.get(span_of(case, item))
        if block is None:
            outcome.problems.append(f"no block {item['text']!r}")
        elif block.kind != item["kind"]:
            outcome.problems.append(
                f"block {item['text']!r}: want {item['kind']}, got {block.kind}"
            )
    record = article.document_record()
    outcome.problems.extend(f"document {d}" for d in _differences(case.document, record))


def _check_keys(case: Case, facts: Sequence[Fact], outcome: Outcome) -> None:
    keys = {f.text: f.value.record().get("key") for f in facts if f.type == "entity"}
    for group in case.same_key:
        got = {keys.get(text) for text in group}
        if len(got) != 1 or None in got:
            outcome.problems.append(f"not one key for {list(group)}: {sorted(map(str, got))}")


@dataclass(frozen=True, slots=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(outcomes: Iterable[Outcome]) -> dict[tuple[str, str], Score]:
    """Precision/recall/F1 per (language, fact type) over the given outcomes."""
    sums: dict[tuple[str, str], list[int]] = {}
    for outcome in outcomes:
        for column, table in enumerate((outcome.tp, outcome.fp, outcome.fn)):
            for type_, n in table.items():
                sums.setdefault((outcome.case.lang, type_), [0, 0, 0])[column] += n
    return {key: Score(*counts) for key, counts in sorted(sums.items())}


def below_floors(
    scores: dict[tuple[str, str], Score], floors: dict[str, dict[str, dict[str, float]]]
) -> list[str]:
    """What falls short of ``floors`` ({lang: {type: {metric: minimum}}}, the format of
    ``tests/floors.json``): one line per metric under its floor or per floor nothing measures."""
    below: list[str] = []
    for lang, types in floors.items():
        for type_, floor in types.items():
            score = scores.get((lang, type_))
            if score is None:
                below.append(f"floor for {lang}/{type_} but no spec case measures it")
                continue
            for metric, minimum in floor.items():
                measured = getattr(score, metric)
                if measured < minimum:
                    below.append(f"{lang}/{type_} {metric} {measured:.3f} < floor {minimum}")
    return below


def report(scores: dict[tuple[str, str], Score]) -> str:
    """A plain-text table of the scores."""
    lines = [f"{'lang':<5} {'type':<11} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for (lang, type_), s in scores.items():
        lines.append(
            f"{lang:<5} {type_:<11} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
            f" {s.tp:5d} {s.fp:5d} {s.fn:5d}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m devtools.evaluate [SPECS] [--entities rules,crf]``: the scores of the
    default pipeline, or of the pipeline with the entity backends named."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m devtools.evaluate", description=main.__doc__)
    parser.add_argument("specs", nargs="?", default="tests/specs", help="the specs folder")
    parser.add_argument("--entities", help="entity backends, comma-separated (default: rules)")
    args = parser.parse_args(argv)
    if not Path(args.specs).is_dir():
        parser.error(f"no such specs folder: {args.specs}")
    extractor = Extractor(entities=args.entities.split(",") if args.entities else None)
    outcomes = [check(case, extractor) for case in load_cases(args.specs)]
    print(report(evaluate(outcomes)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
