"""Loads and validates the per-language data files under ``newsfacts/lang/<code>/``.

Engines never hard-code words: they ask for ``load(code, name)`` and get the parsed
``lang/<code>/<name>.yaml`` over the shared layer ``lang/_base/<name>.yaml`` (what every
language writes the same way, such as currency symbols), each checked against
``lang/schemas/<name>.schema.json``. A file that does not match its schema fails loudly on
first use rather than silently extracting less.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES: tuple[str, ...] = ("ms", "vi", "en", "id")


class LanguageDataError(ValueError):
    """A language data file is missing or does not match its schema."""


def _root() -> Any:
    return resources.files("newsfacts") / "lang"


@cache
def schema(name: str) -> dict[str, Any]:
    path = _root() / "schemas" / f"{name}.schema.json"
    if not path.is_file():
        raise LanguageDataError(f"no schema lang/schemas/{name}.schema.json for data kind {name!r}")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


BASE = "_base"


@cache
def available(name: str) -> tuple[str, ...]:
    """The language codes that have data of this kind: every language when the shared layer
    has it, else those that ship their own file."""
    if (_root() / BASE / f"{name}.yaml").is_file():
        return LANGUAGES
    return tuple(code for code in LANGUAGES if (_root() / code / f"{name}.yaml").is_file())


@cache
def _validator(name: str) -> Any:
    """The schema's validator, the schema itself checked once: ``jsonschema.validate`` would
    check it again for every file (a third of the time it takes to load the data)."""
    import jsonschema

    cls = jsonschema.validators.validator_for(schema(name))
    cls.check_schema(schema(name))
    return cls(schema(name))


@cache
def own(code: str, name: str) -> dict[str, Any] | None:
    """The validated contents of ``lang/<code>/<name>.yaml`` alone (``code`` may be
    :data:`BASE`), or None when there is no such file."""
    import jsonschema

    path = _root() / code / f"{name}.yaml"
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # the error jsonschema.validate would raise: the most relevant one
    error = jsonschema.exceptions.best_match(_validator(name).iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise LanguageDataError(f"lang/{code}/{name}.yaml at {where}: {error.message}")
    loaded: dict[str, Any] = data
    return loaded


@cache
def load(code: str, name: str) -> dict[str, Any]:
    """The data of ``name`` for language ``code`` (cached; treat as read-only): the shared
    layer ``lang/_base/<name>.yaml`` with ``lang/<code>/<name>.yaml`` over it, each checked
    against ``lang/schemas/<name>.schema.json``. Mappings merge key by key, lists add the
    language's items after the shared ones, and any other value of the language wins."""
    base, mine = own(BASE, name), own(code, name) if code != BASE else None
    if mine is None:
        if base is None:
            raise LanguageDataError(
                f"no {name} data for language {code!r} (lang/{code}/{name}.yaml)"
            )
        return base
    if base is None:
        return mine
    merged: dict[str, Any] = _merge(base, mine)
    return merged


def _merge(base: Any, mine: Any) -> Any:
    if isinstance(base, dict) and isinstance(mine, dict):
        out = dict(base)
        for key, value in mine.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(mine, list):
        return [*base, *(item for item in mine if item not in base)]
    return mine


def words(data: Any) -> list[str]:
    """Every word a data file lists: mapping keys and list items, at any depth.

    Values under keys that begin with ``_`` (notes, patterns) are not words. The data-drift
    test uses this to check that every entry is exercised by at least one spec case.
    """
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if str(key).startswith("_"):
                continue
            if isinstance(value, (dict, list)):
                found.extend(words(value))
            else:
                found.append(str(key))
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, str):
                found.append(item)
            else:
                found.extend(words(item))
    return found
