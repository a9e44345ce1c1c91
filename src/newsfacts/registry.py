"""Components chosen by name, as spaCy's registries: the built-in ones, and any another
package declares as an entry point in the group ``newsfacts.<kind>``.

Kinds:

- ``langid``: a language-identification peer, ``factory() -> (text -> distribution over
  newsfacts.langid.model.CLASSES)``; ``newsfacts``, the project's own model, is the default
  and always there.
- ``entities``: an entity backend, ``factory()`` or ``factory(argument)`` for a name written
  ``name:argument`` (``spacy:en_core_web_sm``, ``transformers:/path/to/model``).
- ``dates``: a date scanner, ``factory()`` (a :class:`newsfacts.model.Scanner`).

A factory that takes a ``settings`` keyword gets the extractor's
:class:`newsfacts.settings.Settings`.

A third-party package adds one in its ``pyproject.toml``::

    [project.entry-points."newsfacts.entities"]
    mytagger = "mypackage.ner:MyTagger"

Factories are imported only when chosen, so an optional dependency is needed only by whoever
picks the component that uses it.
"""

from __future__ import annotations

import importlib
import inspect
from functools import cache
from importlib.metadata import entry_points
from typing import Any

KINDS: tuple[str, ...] = ("langid", "entities", "dates")

_BUILT_IN: dict[str, dict[str, str]] = {
    "langid": {
        "newsfacts": "newsfacts.langid.detect:own_model",
        "langdetect": "newsfacts.langid.peers:langdetect",
        "lingua": "newsfacts.langid.peers:lingua",
        "lingua-low": "newsfacts.langid.peers:lingua_low",
    },
    "entities": {
        "rules": "newsfacts.entities.rules:RuleEntities",
        "crf": "newsfacts.entities.backends:CrfEntities",
        "underthesea": "newsfacts.entities.backends:UndertheseaEntities",
        "spacy": "newsfacts.entities.backends:SpacyEntities",
        "transformers": "newsfacts.entities.backends:TransformersEntities",
    },
    "dates": {"newsfacts": "newsfacts.dates.scanner:DateScanner"},
}


@cache
def _table(kind: str) -> dict[str, str]:
    if kind not in KINDS:
        raise ValueError(f"unknown kind of component {kind!r}; kinds: {', '.join(KINDS)}")
    table = dict(_BUILT_IN[kind])
    for point in entry_points(group=f"newsfacts.{kind}"):
        table.setdefault(point.name, point.value)  # a plug-in cannot hide a built-in
    return table


def refresh() -> None:
    """Read the entry points again (after a plug-in was installed into a running process)."""
    _table.cache_clear()


def names(kind: str) -> list[str]:
    """The names that can be chosen for ``kind``, built-in ones first."""
    return list(_table(kind))


def check(kind: str, name: str) -> None:
    """``ValueError`` naming the choices when nothing is registered as ``name`` for ``kind``
    (nothing is imported)."""
    table = _table(kind)
    if name not in table:
        raise ValueError(f"unknown {kind} backend {name!r}; choose from: {', '.join(table)}")


def factory(kind: str, name: str) -> Any:
    """The factory registered as ``name`` for ``kind`` (see :func:`check` for an unknown
    one)."""
    check(kind, name)
    module, _, attr = _table(kind)[name].partition(":")
    return getattr(importlib.import_module(module), attr)


def create(kind: str, spec: str, settings: Any = None) -> Any:
    """A component from ``name`` or ``name:argument``; ``settings`` (a
    :class:`newsfacts.settings.Settings`) is passed to a factory that takes a ``settings``
    keyword."""
    name, sep, argument = spec.partition(":")
    made = factory(kind, name)
    takes = settings is not None and "settings" in inspect.signature(made).parameters
    options = {"settings": settings} if takes else {}
    return made(argument, **options) if sep else made(**options)
