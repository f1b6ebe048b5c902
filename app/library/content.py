"""The content bar the national library must meet (`flask library check` and the tests).

Pure Python: imports nothing from Flask.
"""

from __future__ import annotations

from collections import Counter

from .model import Library

MIN_REQUIREMENTS = 185
MIN_PER_CATEGORY = 8
REFERENCE_COUNTRIES = frozenset({"EU", "NO", "SE", "INT"})


def content_problems(library: Library) -> list[str]:
    """Why the library falls short of the bar, one line per problem; empty when it meets it.

    Unknown reference ids are already refused by the loader; this checks the counts, that every
    reference carries a known country, and that every category is large enough to be useful."""
    problems: list[str] = []
    active = library.active()
    if len(active) < MIN_REQUIREMENTS:
        problems.append(f"the library has {len(active)} active requirements; at least {MIN_REQUIREMENTS} are needed")
    counts = Counter(r.category for r in active)
    for category in library.categories:
        if counts[category.code] < MIN_PER_CATEGORY:
            problems.append(f"category {category.code} has {counts[category.code]} active requirements; "
                            f"at least {MIN_PER_CATEGORY} are needed")
    for ref in library.references.values():
        if ref.country not in REFERENCE_COUNTRIES:
            problems.append(f"reference {ref.id} has country {ref.country!r}; use one of {sorted(REFERENCE_COUNTRIES)}")
    return problems
