"""The organisation's own requirements on the library pages: read like national ones, and searched
with them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..library.model import RequirementText, fold
from ..library.spreadsheet import TEXT_PARTS
from ..models import Organisation, OrgRequirement, User
from . import catalog
from .org_requirement_rules import organisation_language
from .org_requirements import list_for

# ----- ----------------------------------------------------------------------------

@dataclass(frozen=True)
class LocalRequirement:
    """An organisation requirement shaped like a library `Requirement` for the library pages."""

    key: str
    version: int
    category: str
    obligation: str
    weight: int | None
    kind: str
    verification_methods: tuple[str, ...]
    references: tuple[str, ...]
    texts: Mapping[str, RequirementText]
    fallback: str
    retired: bool = False
    countries: tuple[str, ...] = ()
    is_local: bool = True

    def text(self, lang: str) -> RequirementText:
        return self.texts.get(lang) or self.texts.get(self.fallback) or next(iter(self.texts.values()))


def as_local(req: OrgRequirement, organisation: Organisation) -> LocalRequirement:
    texts = {lang: RequirementText(**{part: t.get(part, "") for part in TEXT_PARTS})
             for lang, t in (req.texts or {}).items() if t}
    if not texts:
        texts = {"nb": RequirementText(req.key, "", "", "", "", "")}
    return LocalRequirement(
        key=req.key, version=req.version, category=req.category, obligation=req.obligation, weight=req.weight,
        kind=req.kind, verification_methods=tuple(req.verification_methods or ()),
        references=tuple(req.references or ()), texts=texts, fallback=organisation_language(organisation),
        retired=req.retired_at is not None, countries=(organisation.country,))


def search(actor: User, query: str = "", lang: str = "nb", *, all_languages: bool = False,
           category: str | None = None, obligation: str | None = None, country: str | None = None,
           reference: str | None = None) -> list[LocalRequirement]:
    """The organisation's active requirements matching every word of `query` and the filters.

    Searched like the national library (key, title, need, requirement, guidance, references; accents
    and case ignored), in the text shown in `lang`, or in every language. They apply in the
    organisation's own country; `reference` is a national reference whose citation must appear in
    one of the requirement's reference texts."""
    words = fold(query).split()
    org = actor.organisation
    if country and country != org.country:
        return []
    citation = None
    if reference:
        ref = catalog.library().references.get(reference)
        citation = fold(ref.citation) if ref else None
    hits = []
    for req in list_for(actor, include_retired=False):
        if category and req.category != category:
            continue
        if obligation and req.obligation != obligation:
            continue
        if reference and (citation is None or not any(citation in fold(r) for r in req.references or ())):
            continue
        local = as_local(req, org)
        if words:
            texts = local.texts.values() if all_languages else [local.text(lang)]
            haystack = fold(" ".join([req.key, *(req.references or ()),
                                      *(" ".join((t.title, t.need, t.requirement, t.guidance)) for t in texts)]))
            if not all(w in haystack for w in words):
                continue
        hits.append(local)
    return hits


