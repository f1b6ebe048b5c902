"""Every text of the library in every language it promises.

`library.yml` lists the library's `languages`. A language still being translated can be marked in
`translations_in_progress` with the parts of the library (`model.TRANSLATED_PARTS`) not yet complete in
it; in those parts a missing text falls back (nynorsk to bokmål, see `model.FALLBACKS`). Everywhere
else a text missing in any language is a problem the loader reports, naming file, entry and field.

A text is any mapping whose keys are all language codes: a label `{nb: ..., sv: ..., en: ...}` or a
requirement's `text` block. Finding them by shape keeps new wizard or library fields covered without
listing them here. Pure Python: imports nothing from Flask.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .model import LANGUAGES, TRANSLATED_PARTS

LANGUAGE_NAMES = {"nb": "bokmål", "nn": "nynorsk", "sv": "Swedish", "en": "English"}


def required_languages(meta: Mapping[str, Any] | None) -> dict[str, tuple[str, ...]]:
    """Part -> the languages every text of that part must have, from the parsed library.yml."""
    if not meta:
        return {part: () for part in TRANSLATED_PARTS}
    languages = tuple(meta.get("languages", ()))
    in_progress = meta.get("translations_in_progress") or {}
    return {part: tuple(lang for lang in languages if part not in in_progress.get(lang, ()))
            for part in TRANSLATED_PARTS}


def _texts(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Mapping[str, Any]]]:
    if isinstance(node, Mapping):
        if node and all(k in LANGUAGES for k in node):
            yield path, node
            return
        for key, value in node.items():
            yield from _texts(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, (*path, i))


def gaps(data: Any, languages: Sequence[str]) -> list[tuple[tuple[Any, ...], str]]:
    """(path, language) of every text in `data` that lacks one of `languages`."""
    found = []
    for path, texts in _texts(data):
        for lang in languages:
            value = texts.get(lang)
            if not value or (isinstance(value, str) and not value.strip()):
                found.append((path, lang))
    return found


def describe(lang: str) -> str:
    return f"has no {LANGUAGE_NAMES.get(lang, lang)} ({lang}) text"
