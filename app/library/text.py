"""One rule for control characters, used where text comes in (every form post) and where it goes out
(every export, through the assembled document).

Pure Python, no Flask. XML 1.0 (Word, Excel, OCDS consumers) cannot carry most C0 control
characters, and NUL or ESC in a file name, sheet name, header or property breaks the file. So:
CR LF and CR become LF; vertical tab and form feed (Word's manual line and page breaks) become LF;
tab and LF stay; every other C0 and C1 control character, DEL, lone surrogates and the non-characters
U+FFFE/U+FFFF are removed.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_REMOVED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """`text` with line breaks normalised and control characters removed (see the module doc)."""
    if text.isprintable():  # the usual case: nothing to do
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _REMOVED.sub("", text.translate(_BREAKS))


def needs_cleaning(text: str) -> bool:
    return not text.isprintable() and clean_text(text) != text


def clean_value(value: Any) -> Any:
    """`value` with every string inside it cleaned: strings, lists, tuples, dicts and frozen dataclasses.
    What needs no cleaning is returned as it is (the same object)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        cleaned = [clean_value(v) for v in value]
        if all(a is b for a, b in zip(cleaned, value, strict=True)):
            return value
        return cleaned if isinstance(value, list) else tuple(cleaned)
    if isinstance(value, dict):
        items = {clean_value(k): clean_value(v) for k, v in value.items()}
        return value if all(items.get(k) is v for k, v in value.items()) else items
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: clean_value(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        changed = {k: v for k, v in changes.items() if v is not getattr(value, k)}
        return dataclasses.replace(value, **changed) if changed else value
    return value
