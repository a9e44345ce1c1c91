"""Prints the README's table of settings from ``newsfacts.settings`` (names, defaults and the
comment beside each field), so that the table cannot drift from the code:
``python -m devtools.settings_table``; ``tests/test_settings.py`` compares the two."""

from __future__ import annotations

import ast
import inspect
from dataclasses import fields

from newsfacts import settings


def _comments() -> dict[tuple[str, str], str]:
    """The comment of each field (the ``#`` comment on its line, or the lines just above)."""
    source = inspect.getsource(settings)
    lines = source.splitlines()
    found: dict[tuple[str, str], str] = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        for item in node.body:
            if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
                continue
            line = lines[item.lineno - 1]
            text = line.partition("#")[2].strip() if "#" in line else ""
            above, k = [], item.lineno - 2
            while not text and lines[k].strip().startswith("#"):
                above.insert(0, lines[k].strip().removeprefix("#").strip())
                k -= 1
            note = text or " ".join(above)
            found[(node.name, item.target.id)] = note[:1].upper() + note[1:]
    return found


def table() -> str:
    comments = _comments()
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    defaults = settings.DEFAULTS
    for section in fields(defaults):
        group = getattr(defaults, section.name)
        for f in fields(group):
            note = comments.get((type(group).__name__, f.name), "")
            value = getattr(group, f.name)
            if isinstance(value, bool):
                shown = str(value).lower()
            elif isinstance(value, int):
                shown = f"{value:_}".replace("_", ",")
            else:
                shown = repr(value)
            rows.append(f"| `{section.name}.{f.name}` | {shown} | {note} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
