"""Test data builders shared by unit tests, web tests and `make bench`."""

from __future__ import annotations

import io
from dataclasses import replace

import docx

from app.exporters.document import (
    AwardCriterion,
    DocComment,
    DocNeed,
    DocQuantity,
    DocReference,
    DocRequirement,
    DocScope,
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
        kind = "contract_condition" if i % 10 == 9 else "qualification" if i == 4 else "requirement"
        per_section[cat].append(DocRequirement(
            kind=kind,
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
            reference_kinds=("law", "standard"),
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
        needs=(DocNeed("Kontorfunksjoner", ("Kommunen trenger e-post og kalender.", "Kommunen deler filer.")),
               DocNeed("Informasjon", ("Kommunen behandler personopplysninger.",))),
        scope=DocScope(user_count=2300, users_by_group=(DocQuantity("employees", "Ansatte", 1800),
                                                        DocQuantity("pupils", "Elever", 450),
                                                        DocQuantity("politicians", "Folkevalgte", 50)),
                       locations="Rådhuset og 14 skoler.", current_situation="Lokale e-posttjenere fra 2012.",
                       goals="Mindre drift, bedre samarbeid.", contract_start="1. september 2027",
                       contract_years=4, option_years=2, data_volume_gb=12000),
        sections=sections,
        award_criteria=(AwardCriterion("price", "Pris", 40), AwardCriterion("quality", "Kvalitet", 30),
                        AwardCriterion("climate", "Klima og miljø", 30)),
        references=(DocReference("GDPR", "Personvernforordningen (EU) 2016/679", "EU", "law"),
                    DocReference("ISO/IEC 27001:2022", "Styringssystem for informasjonssikkerhet", "INT", "standard")),
        comments=(DocComment("Liv Jurist", "LJ", "Se over vektingen.", "2026-11-20T10:00:00+00:00"),) if with_comments else (),
        project_id=1,
    )


def make_portal_document(lang: str = "nb", *, status: str = "approved", country: str = "NO",
                         organisation_number: str = "964 338 531", texts: tuple[str, ...] = ()) -> TenderDocument:
    """A document exercising every answer type, obligation and kind, for the portal exporters.

    Numbers with min and max, only min, only max, none, negative and fractional bounds, units;
    an attachment; a text answer with an expected value; a qualification requirement and a
    contract condition. `texts` adds one extra yes/no requirement per text (bad-input tests).
    """
    base = make_document(6, lang, status=status)
    number = dict(answer_type="number", obligation="must", weight=None, answer_expected=None)
    extra = (
        DocRequirement(key="NUM-001", category="NUM", title="Oppetid", need="Tilgjengelighet.",
                       text="Tjenesten skal ha en oppetid på minst 99,5 prosent per måned.",
                       verification="SLA.", evidence="SLA-dokument.", answer_min=99.5, answer_max=100.0,
                       answer_unit="%", **number),
        DocRequirement(key="NUM-002", category="NUM", title="Lagring", need="Lagringsplass.",
                       text="Oppgi lagringsplass per bruker.", verification="Dokumentasjon.", evidence="",
                       answer_type="number", obligation="should", weight=20, answer_min=50,
                       answer_unit="GB"),
        DocRequirement(key="NUM-003", category="NUM", title="Svartid", need="Rask støtte.",
                       text="Oppgi svartid i timer.", verification="SLA.", evidence="SLA.",
                       answer_max=4, answer_unit="timer", **number),
        DocRequirement(key="NUM-004", category="NUM", title="Temperatur", need="Drift.",
                       text="Oppgi laveste driftstemperatur.", verification="Datablad.", evidence="Datablad.",
                       answer_min=-40.5, answer_max=-0.25, answer_expected=-10, answer_unit="°C",
                       answer_type="number", obligation="must"),
        DocRequirement(key="NUM-005", category="NUM", title="Antall", need="Lisenser.",
                       text="Oppgi antall lisenser.", verification="Tilbud.", evidence="Tilbud.", **number),
        DocRequirement(key="DOC-001", category="NUM", title="Databehandleravtale", need="Personvern.",
                       text="Legg ved utkast til databehandleravtale.", verification="Dokument.",
                       evidence="Databehandleravtale.", answer_type="attachment", obligation="must"),
        DocRequirement(key="TXT-001", category="NUM", title="Format", need="Eksport.",
                       text="Oppgi eksportformat for dokumenter.", verification="Demo.", evidence="Beskrivelse.",
                       answer_type="text", obligation="should", weight=15, answer_expected="ODF"),
        DocRequirement(key="KVAL-001", category="NUM", title="Omsetning", need="Økonomi.",
                       text="Leverandøren skal ha en årlig omsetning på minst 10 MNOK.", verification="Regnskap.",
                       evidence="Årsregnskap.", kind="qualification", answer_type="yes_no", obligation="must",
                       answer_expected=True),
        DocRequirement(key="KONT-001", category="NUM", title="Rapportering", need="Oppfølging.",
                       text="Leverandøren skal rapportere oppetid månedlig.", verification="Kontrakt.",
                       evidence="", kind="contract_condition", answer_type="yes_no", obligation="must",
                       answer_expected=False),
    )
    bad = tuple(
        DocRequirement(key=f"BAD-{i + 1:03d}", category="BAD", title=f"Krav {i + 1}", need="Test.", text=t,
                       verification="Test.", evidence="Test.", obligation="must", answer_expected=True)
        for i, t in enumerate(texts)
    )
    sections = base.sections + (DocSection(code="NUM", name="Tall og vedlegg", intro="Diverse svartyper.",
                                           requirements=extra),)
    if bad:
        sections += (DocSection(code="BAD", name="Vanskelig tekst", intro="", requirements=bad),)
    return replace(base, sections=sections, country=country, organisation_number=organisation_number)


def make_docx(*paragraphs: str) -> bytes:
    """A minimal Word file with one paragraph per text (e.g. an organisation's template)."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def make_workbook(rows: list[list], header: list[str] | tuple[str, ...], sheet: str) -> bytes:
    """An .xlsx file with one sheet: a header row and `rows` (e.g. an organisation requirement import)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
