"""Test data builders shared by unit tests, web tests and `make bench`."""

from __future__ import annotations

from app.exporters.document import (
    AwardCriterion,
    DocComment,
    DocReference,
    DocRequirement,
    DocSection,
    TenderDocument,
)

_WORDS = {
    "nb": ("Løsningen skal", "Behov", "Leverandøren dokumenterer"),
    "sv": ("Lösningen ska", "Behov", "Leverantören dokumenterar"),
    "en": ("The service must", "Need", "The supplier documents"),
}
_CATEGORIES = ("API", "ARK", "EXIT", "UU", "RES", "SEC")


def make_document(n_requirements: int = 12, lang: str = "nb", *, status: str = "draft",
                  with_comments: bool = False, text: str | None = None) -> TenderDocument:
    """A realistic document with `n_requirements` spread over six categories.

    `text` replaces every requirement text (for escaping and injection tests).
    """
    verb, need, proof = _WORDS[lang]
    per_section: dict[str, list[DocRequirement]] = {c: [] for c in _CATEGORIES}
    for i in range(n_requirements):
        cat = _CATEGORIES[i % len(_CATEGORIES)]
        should = i % 3 == 2
        comments = ()
        if with_comments and i % 4 == 0:
            comments = (DocComment("Liv Jurist", "LJ", f"Er krav {i + 1} forholdsmessig?", "2026-11-20T10:00:00+00:00"),)
        per_section[cat].append(DocRequirement(
            key=f"{cat}-{i + 1:03d}",
            category=cat,
            title=f"{need} {i + 1}",
            need=f"{need} {i + 1}: kommunen må kunne arbeide uten gjentasting.",
            text=text if text is not None else f"{verb} støtte funksjon {i + 1} gjennom et åpent grensesnitt, eller tilsvarende.",
            obligation="should" if should else "must",
            weight=10 if should else None,
            verification=f"{proof} funksjon {i + 1} og demonstrerer den.",
            evidence="Beskrivelse og API-dokumentasjon.",
            verification_methods=("documentation", "demonstration"),
            answer_type="text" if should else "yes_no",
            answer_expected=None if should else True,
            references=("GDPR art. 28", "ISO/IEC 27001:2022"),
            source_key=f"{cat}-{i + 1:03d}",
            source_version=1,
            comments=comments,
        ))
    sections = tuple(
        DocSection(code=c, name=f"Kategori {c}", intro=f"Innledning til {c}.", requirements=tuple(reqs))
        for c, reqs in per_section.items() if reqs
    )
    return TenderDocument(
        language=lang,
        country="NO",
        organisation="Eksempel kommune",
        title="Nettbasert kontorstøtte",
        reference="2026/1234",
        version_label="1.0" if status in ("approved", "published") else "0.1",
        status=status,
        date="2026-11-23",
        generated_at="2026-11-23T12:00:00+00:00",
        library_version="1.0.0",
        procedure="Åpen anbudskonkurranse",
        estimated_value="NOK 4 000 000",
        contract_period="4 år",
        needs_summary=("Kommunen trenger e-post og kalender.", "Kommunen behandler personopplysninger."),
        sections=sections,
        award_criteria=(AwardCriterion("price", "Pris", 40), AwardCriterion("quality", "Kvalitet", 30),
                        AwardCriterion("climate", "Klima og miljø", 30)),
        references=(DocReference("GDPR", "Personvernforordningen (EU) 2016/679", "EU"),
                    DocReference("ISO/IEC 27001:2022", "Styringssystem for informasjonssikkerhet", "INT")),
        comments=(DocComment("Liv Jurist", "LJ", "Se over vektingen.", "2026-11-20T10:00:00+00:00"),) if with_comments else (),
        project_id=1,
    )
