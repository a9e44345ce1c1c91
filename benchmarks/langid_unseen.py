"""Unseen languages and name-heavy sentences: what newsfacts calls ``other``.

Usage::

    python benchmarks/langid_unseen.py ../shared/corpora/langid_flores200_dev.jsonl
    python benchmarks/langid_unseen.py ../shared/corpora/news_{ms,id}.jsonl --sentences

Input rows: ``{"text", "lang"}``. For each gold language, the share of texts answered with
each label: a language the model knows should get its own label (``ms`` and ``id`` each
other's counted apart), one it does not (Banjar ``bjn``, Javanese ``jv``, Iban) ``other``.
``--sentences`` splits each text into sentences of 4+ words first (every 7th kept, at most
3,000 per file), the unit on which name-heavy lines (line-ups, guest lists) turn ``other``.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from newsfacts import detect_language

KNOWN = ("ms", "id", "en", "vi")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def units(path: Path, sentences: bool) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    if not sentences:
        return [(r["lang"], r["text"]) for r in rows]
    found = [
        (r["lang"], s)
        for r in rows
        for para in r["text"].split("\n")
        for s in _SENTENCE.split(para)
        if len(s.split()) >= 4
    ]
    return found[::7][:3000]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--sentences", action="store_true")
    args = parser.parse_args()
    answers: dict[str, Counter[str]] = defaultdict(Counter)
    for path in args.inputs:
        for lang, text in units(path, args.sentences):
            answers[lang][str(detect_language(text).lang)] += 1
    print("| gold | texts | right | other | answers |")
    print("|---|---|---|---|---|")
    for lang, got in sorted(answers.items()):
        total = sum(got.values())
        right = got[lang] if lang in KNOWN else got["other"]
        spread = ", ".join(f"{label} {n}" for label, n in got.most_common())
        print(f"| {lang} | {total} | {right / total:.1%} | {got['other'] / total:.1%} | {spread} |")


if __name__ == "__main__":
    main()
