"""The share of the figure spec cases of each shape of number that come out right, per language.

    python benchmarks/number_shapes.py [tests/specs] [--wrong]

A spec case names its shape (``"shape": "range"``, ``negative``, ``suffix``, ``word_decimal``...;
``tests/specs/README.md``); a case is right when every figure it expects is found with its
span and value and nothing else of its type is (what ``tests/test_specs.py`` checks, known
failures counted as wrong). Prints a Markdown table: one row per shape, one column per
language, ``right/cases`` and the share. ``--wrong`` also lists the cases that are not right.
The targets of issue #18: at least 95% of ranges, negatives, suffixes and word decimals per
language.
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from devtools.evaluate import check, load_cases

from newsfacts.lang.loader import LANGUAGES
from newsfacts.pipeline import Extractor

# The shapes in the order the table lists them; a shape not listed here comes after them.
SHAPES = (
    "range",
    "negative",
    "suffix",
    "word_decimal",
    "number_words",
    "compound",
    "fraction",
    "currency",
    "trap",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("specs", nargs="?", default="tests/specs")
    parser.add_argument("--wrong", action="store_true", help="list the cases that are not right")
    args = parser.parse_args()
    extractor = Extractor()
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    wrong: list[str] = []
    for case in load_cases(args.specs):
        if case.shape is None:
            continue
        outcome = check(case, extractor)
        counts = tally[(case.shape, case.lang)]
        counts[1] += 1
        if outcome.ok:
            counts[0] += 1
        else:
            wrong.append(f"{case.source} {case.id}: " + "; ".join(outcome.problems))
    shapes = [*SHAPES, *sorted({s for s, _ in tally} - set(SHAPES))]
    print("| shape | " + " | ".join(LANGUAGES) + " |")
    print("|---|" + "---|" * len(LANGUAGES))
    for shape in shapes:
        cells = []
        for lang in LANGUAGES:
            right, cases = tally.get((shape, lang), (0, 0))
            cells.append(f"{right}/{cases} ({100 * right / cases:.0f}%)" if cases else "-")
        print(f"| {shape} | " + " | ".join(cells) + " |")
    if args.wrong:
        print("\n".join(["", *wrong]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
