"""The long fuzz run: generated inputs through every entry point, properties checked on each.

    python -m fuzz.run --inputs 500000 --seed 1 [--findings fuzz-1.jsonl] [--seconds N]

Mix per input: ``extract()`` of text (45%) and of bytes (10%), ``detect_language()`` (44%),
and one in 200 inputs a file through every reader in turn (text, HTML, JSONL(.gz), CSV(.gz),
WARC(.gz): valid containers and random or cut bytes), one in 500 the spaCy component, one in
5,000 a long run of one piece (100,000 characters). A finding is an exception, a broken
property (:mod:`fuzz.properties`: offsets, schema, an error record for input that should not
fail; determinism, checked on one extraction in four) or an input slower than ``--slow``
seconds; each is written to ``--findings`` as a JSON line with the input, and the run goes
on. Prints one JSON summary.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from fuzz.inputs import PIECES, SUFFIXES, random_bytes, random_text, warc
from fuzz.properties import check_article, check_detect, check_extract, check_reader
from newsfacts.pipeline import Extractor


def file_content(rng: random.Random, suffix: str) -> bytes:
    """Random bytes, or a valid container of random content; maybe compressed, maybe cut."""
    if rng.random() < 0.3:
        data = random_bytes(rng)
    elif suffix.startswith(".warc"):
        data = warc(random_bytes(rng), rng.choice(["text/html", "text/plain"]))
    elif suffix.startswith(".jsonl"):
        rows = [
            {"id": random_text(rng, 3), "text": random_text(rng), "published": random_text(rng, 3)}
            for _ in range(rng.randrange(4))
        ]
        data = "\n".join(json.dumps(r) for r in rows).encode("utf-8", "surrogatepass")
    elif suffix == ".html":
        depth = rng.randrange(0, 400)
        data = ("<div>" * depth + f"<p>{random_text(rng)}</p>").encode("utf-8", "surrogatepass")
    else:
        data = random_bytes(rng)
    if suffix.endswith(".gz") and rng.random() < 0.8:
        data = gzip.compress(data)
    if rng.random() < 0.2:
        data = data[: rng.randrange(len(data) + 1)]
    return data


class Fuzzer:
    def __init__(self, seed: int, findings: Path | None, slow: float) -> None:
        self.rng = random.Random(seed)
        # The time limit turns a hang into an error record, which is itself a finding.
        self.extractor = Extractor(time_limit=slow * 4)
        self.findings = findings.open("w", encoding="utf-8") if findings else None
        self.slow = slow
        self.counts: Counter[str] = Counter()
        self.found: Counter[str] = Counter()
        self.tmp = Path(tempfile.mkdtemp(prefix="newsfacts-fuzz-"))
        # Loaded before the clock runs, so that loading is not taken for a slow input.
        import spacy
        import trafilatura  # noqa: F401

        self.nlp = spacy.blank("xx")
        self.nlp.add_pipe("newsfacts")
        self.extractor.extract("RM5 juta pada 2024, 3,5% năm 2023.")

    def one(self, i: int) -> None:
        rng = self.rng
        if i % 5000 == 4999:
            kind, value = "extract-long-run", rng.choice(PIECES) * (100_000 // 2)
            value = value[:100_000]
        elif i % 500 == 499:
            kind, value = "spacy", random_text(rng).encode("utf-8", "replace").decode()
        elif i % 200 == 199:
            suffix = SUFFIXES[(i // 200) % len(SUFFIXES)]
            kind, value = f"reader{suffix}", file_content(rng, suffix)
        else:
            roll = rng.random()
            if roll < 0.45:
                kind, value = "extract-text", random_text(rng, 16)
            elif roll < 0.55:
                kind, value = "extract-bytes", random_bytes(rng, 16)
            else:
                kind, value = "detect_language", random_text(rng)
        self.counts[kind] += 1
        started = time.perf_counter()
        try:
            self.check(kind, value)
        except Exception as exc:  # every failure is recorded, and the run goes on
            self.report(kind, value, f"{type(exc).__name__}: {exc}", traceback.format_exc())
        seconds = time.perf_counter() - started
        if seconds > self.slow:
            self.report(kind, value, f"slow: {seconds:.1f} s", "")

    def check(self, kind: str, value: str | bytes) -> None:
        if kind.startswith("extract"):
            # Determinism is checked on one input in four: a second extraction costs as much
            # as the first.
            check_extract(self.extractor, value, twice=self.counts[kind] % 4 == 0)
        elif kind == "detect_language":
            assert isinstance(value, str)
            check_detect(value)
        elif kind == "spacy":
            assert isinstance(value, str)
            check_article(self.nlp(value)._.newsfacts)
        else:
            assert isinstance(value, bytes)
            path = self.tmp / f"input{kind.removeprefix('reader')}"
            path.write_bytes(value)
            check_reader(self.extractor, path)

    def report(self, kind: str, value: str | bytes, what: str, trace: str) -> None:
        self.found[what.split(":")[0]] += 1
        if self.findings:
            shown = value.decode("latin-1") if isinstance(value, bytes) else value
            record = {"kind": kind, "finding": what, "input": shown[:5000], "trace": trace}
            self.findings.write(json.dumps(record, ensure_ascii=True) + "\n")
            self.findings.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="inputs to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, help="stop after this long, whatever --inputs")
    parser.add_argument("--slow", type=float, default=5.0, help="seconds that make a finding")
    parser.add_argument("--findings", type=Path, help="JSONL file for the findings")
    args = parser.parse_args(argv)
    fuzzer = Fuzzer(args.seed, args.findings, args.slow)
    started = time.monotonic()
    done = 0
    for done in range(1, args.inputs + 1):
        fuzzer.one(done - 1)
        if args.seconds and time.monotonic() - started > args.seconds:
            break
    summary = {
        "seed": args.seed,
        "inputs": done,
        "seconds": round(time.monotonic() - started, 1),
        "by_entry_point": dict(sorted(fuzzer.counts.items())),
        "findings": dict(fuzzer.found),
    }
    print(json.dumps(summary))
    return 1 if fuzzer.found else 0


if __name__ == "__main__":
    sys.exit(main())
