"""The fixed rule that picked the held-out date paragraphs (decided before annotation).

    python benchmarks/heldout/dates/selection.py ../shared/corpora OUT_DIR

Per language file: split each row's text at line breaks, strip, keep the paragraphs of at
least 30 characters; with ``step = len(eligible) // 150``, keep ``eligible[i]`` for
``i % step == 0``, the first 150. The publication date is the row's ``meta.date`` (its date
part) if it has one, else the language's fallback below. Writes ``OUT_DIR/<lang>_todo.jsonl``
worksheets (with the text: keep them outside the repository).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

FILES = {"ms": "news_ms", "vi": "news_vi", "en": "news_en_bbc", "id": "news_id"}
FALLBACK = {"en": "2005-03-01", "id": "2019-07-01", "vi": "2020-10-01", "ms": "2023-01-15"}


def published(meta: dict[str, Any] | None) -> str | None:
    d = str((meta or {}).get("date") or "")
    if len(d) >= 10 and d[4] == "-":
        return d[:10]
    if len(d) == 8 and d.isdigit():
        return f"{d[:4]}-{d[4:6]}-{d[6:]}"
    return None


def main() -> None:
    corpora, out = Path(sys.argv[1]), Path(sys.argv[2])
    for lang, name in FILES.items():
        eligible = []
        with open(corpora / f"{name}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                paras = [p.strip() for p in row["text"].split("\n") if p.strip()]
                for k, p in enumerate(paras):
                    if len(p) >= 30:
                        pub = published(row.get("meta")) or FALLBACK[lang]
                        eligible.append({"doc": row["id"], "para": k, "published": pub, "text": p})
        step = len(eligible) // 150
        chosen = [e for i, e in enumerate(eligible) if i % step == 0][:150]
        with open(out / f"{lang}_todo.jsonl", "w", encoding="utf-8") as fh:
            for n, e in enumerate(chosen):
                fh.write(json.dumps({"n": n, **e}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
