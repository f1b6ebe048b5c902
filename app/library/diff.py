"""Compare two loaded libraries (what a curator changed between two releases), and two texts."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .model import Library, Requirement

COMPARED = ("obligation", "weight", "kind", "verification_methods", "answer", "countries", "applies_when",
            "retired")


@dataclass
class LibraryDiff:
    old_version: str
    new_version: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # key -> changed field names
    unversioned: list[str] = field(default_factory=list)  # changed without a new version number

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def lines(self) -> list[str]:
        out = [f"Library {self.old_version} -> {self.new_version}"]
        out += [f"  + {k} added" for k in self.added]
        out += [f"  - {k} removed" for k in self.removed]
        out += [f"  ~ {k} changed: {', '.join(f)}" for k, f in self.changed.items()]
        out += [f"  ! {k} changed but kept its version number" for k in self.unversioned]
        if self.empty:
            out.append("  no requirement changed")
        return out


def changed_fields(old: Requirement, new: Requirement) -> list[str]:
    fields = [name for name in COMPARED if getattr(old, name) != getattr(new, name)]
    if [c.text for c in old.citations] != [c.text for c in new.citations]:
        fields.append("references")
    for lang in sorted(set(old.texts) | set(new.texts)):
        o, n = old.texts.get(lang), new.texts.get(lang)
        for name in ("title", "need", "requirement", "verification", "evidence", "guidance"):
            if getattr(o, name, None) != getattr(n, name, None):
                fields.append(f"{name}.{lang}")
    return fields


def diff_libraries(old: Library, new: Library) -> LibraryDiff:
    result = LibraryDiff(old.version, new.version)
    result.added = sorted(set(new.requirements) - set(old.requirements))
    result.removed = sorted(set(old.requirements) - set(new.requirements))
    for key in sorted(set(old.requirements) & set(new.requirements)):
        o, n = old.requirements[key], new.requirements[key]
        fields = changed_fields(o, n)
        if fields:
            result.changed[key] = fields
            if o.version == n.version:
                result.unversioned.append(key)
    return result


_TOKENS = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")  # words and marks, each with the space after it


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level difference of two texts as (op, text) pieces, op in equal | insert | delete.

    Used to show a buyer's edits against the library text, and a library update against the copy."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(("insert", "".join(b[j1:j2])))
    return pieces
