"""The nb and sv interface catalogs are complete, in step with the code, and keep every placeholder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%|\{\{.*?\}\}")


def catalog(lang: str):
    with open(ROOT / "app" / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f)


def source_messages() -> set[str]:
    """Every message the code and templates use, extracted as `make messages` does (babel.cfg)."""
    found = set()
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "N_": None}
    for folder, method in (("app", "python"), ("templates", "jinja2")):
        for _file, _line, message, _comments, _context in extract_from_dir(
                ROOT / folder, method_map=[("**.py" if method == "python" else "**.html", method)],
                keywords=keywords):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("lang", ["nb", "nn", "sv"])
def test_every_message_is_translated_with_its_placeholders(lang):
    problems = []
    for m in catalog(lang):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if not all(strings) or m.fuzzy:
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for s in strings:
            have = set(PLACEHOLDER.findall(s))
            # A plural's singular form may leave out the number ("one comment"), nothing else.
            allowed_missing = {"%(num)d"} if len(ids) == 2 else set()
            if not (have <= wanted and wanted - have <= allowed_missing):
                problems.append(f"placeholders differ: {ids[0]!r} -> {s!r}")
    assert problems == []


def test_catalogs_are_in_step_with_the_code():
    """Run `make messages` (and translate) after adding or changing interface text."""
    used = source_messages()
    assert len(used) > 500  # the extraction found the interface text
    for lang in ("nb", "nn", "sv"):
        known = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog(lang) if m.id}
        assert sorted(used - known) == [], f"{lang}: messages missing from the catalog"
