"""The library as one JSON document: open data other municipalities can reuse."""

from __future__ import annotations

from typing import Any

from .model import Library


def library_to_json(library: Library) -> dict[str, Any]:
    return {
        "version": library.version,
        "released": library.released,
        "languages": list(library.languages),
        "countries": list(library.countries),
        "license": "CC BY 4.0",
        "categories": [{"code": c.code, "name": dict(c.name), "intro": dict(c.intro)} for c in library.categories],
        "references": [
            {"id": r.id, "country": r.country, "kind": r.kind, "citation": r.citation, "title": dict(r.title),
             **({"url": r.url} if r.url else {})}
            for r in library.references.values()
        ],
        "requirements": [
            {
                "key": r.key, "version": r.version, "category": r.category, "kind": r.kind,
                "obligation": r.obligation, "weight": r.weight, "retired": r.retired,
                "verification_methods": list(r.verification_methods),
                "answer": {k: v for k, v in vars(r.answer).items() if v is not None},
                "countries": list(r.countries),
                "references": [{"ref": c.reference.id, "citation": c.text, "country": c.reference.country}
                               for c in r.citations],
                "applies_when": r.applies_when,
                "text": {lang: vars(t) for lang, t in r.texts.items()},
            }
            for r in library.requirements.values()
        ],
    }
