"""Fixed words of the tender documents, per document language.

Exporters are pure functions without Flask-Babel, and a document's language may differ from the
user's interface language, so the documents' own vocabulary lives here. Terms follow the
obligation vocabulary in DESIGN.md (SKAL/BØR, SKA/BÖR, MUST/SHOULD).
"""

from __future__ import annotations

OBLIGATION = {
    "nb": {"must": "SKAL", "should": "BØR"},
    "nn": {"must": "SKAL", "should": "BØR"},
    "sv": {"must": "SKA", "should": "BÖR"},
    "en": {"must": "MUST", "should": "SHOULD"},
}

OBLIGATION_NAME = {
    "nb": {"must": "Skal-krav (minstekrav)", "should": "Bør-krav (tildelingskriterium)"},
    "nn": {"must": "Skal-krav (minstekrav)", "should": "Bør-krav (tildelingskriterium)"},
    "sv": {"must": "Ska-krav", "should": "Bör-krav (tilldelningskriterium)"},
    "en": {"must": "Mandatory requirement", "should": "Award criterion"},
}

KIND = {
    "nb": {"requirement": "Krav", "contract_condition": "Kontraktsvilkår", "qualification": "Kvalifikasjonskrav"},
    "nn": {"requirement": "Krav", "contract_condition": "Kontraktsvilkår", "qualification": "Kvalifikasjonskrav"},
    "sv": {"requirement": "Krav", "contract_condition": "Särskilt kontraktsvillkor", "qualification": "Kvalificeringskrav"},
    "en": {"requirement": "Requirement", "contract_condition": "Contract performance condition",
           "qualification": "Selection criterion"},
}

ANSWER_TYPE = {
    "nb": {"yes_no": "Ja/nei", "number": "Tall", "text": "Tekst", "attachment": "Vedlegg"},
    "nn": {"yes_no": "Ja/nei", "number": "Tal", "text": "Tekst", "attachment": "Vedlegg"},
    "sv": {"yes_no": "Ja/nej", "number": "Tal", "text": "Text", "attachment": "Bilaga"},
    "en": {"yes_no": "Yes/no", "number": "Number", "text": "Text", "attachment": "Attachment"},
}

YES_NO = {"nb": ("Ja", "Nei"), "nn": ("Ja", "Nei"), "sv": ("Ja", "Nej"), "en": ("Yes", "No")}

VERIFICATION_METHOD = {
    "nb": {"documentation": "Dokumentasjon", "demonstration": "Demonstrasjon", "test": "Test",
           "reference_customer": "Referansekunde", "certificate": "Sertifikat", "contract_clause": "Kontraktsvilkår"},
    "nn": {"documentation": "Dokumentasjon", "demonstration": "Demonstrasjon", "test": "Test",
           "reference_customer": "Referansekunde", "certificate": "Sertifikat", "contract_clause": "Kontraktsvilkår"},
    "sv": {"documentation": "Dokumentation", "demonstration": "Demonstration", "test": "Test",
           "reference_customer": "Referenskund", "certificate": "Certifikat", "contract_clause": "Avtalsvillkor"},
    "en": {"documentation": "Documentation", "demonstration": "Demonstration", "test": "Test",
           "reference_customer": "Reference customer", "certificate": "Certificate", "contract_clause": "Contract clause"},
}

DRAFT = {"nb": "UTKAST", "nn": "UTKAST", "sv": "UTKAST", "en": "DRAFT"}

COLUMNS = {
    "nb": {"id": "ID", "category": "Kategori", "requirement": "Krav", "obligation": "Skal/bør",
           "verification": "Slik verifiseres kravet", "evidence": "Leverandøren skal dokumentere",
           "answer": "Leverandørens svar", "answer_type": "Svartype", "expected": "Forventet verdi",
           "min": "Min.", "max": "Maks.", "weight": "Vekt (poeng i kriteriet)", "comment": "Kommentar",
           "documentation_ref": "Henvisning til dokumentasjon", "references": "Hjemmel og standarder"},
    "nn": {"id": "ID", "category": "Kategori", "requirement": "Krav", "obligation": "Skal/bør",
           "verification": "Slik blir kravet verifisert", "evidence": "Leverandøren skal dokumentere",
           "answer": "Svaret frå leverandøren", "answer_type": "Svartype", "expected": "Forventa verdi",
           "min": "Min.", "max": "Maks.", "weight": "Vekt", "comment": "Kommentar",
           "documentation_ref": "Tilvising til dokumentasjon", "references": "Heimel og standardar"},
    "sv": {"id": "ID", "category": "Kategori", "requirement": "Krav", "obligation": "Ska/bör",
           "verification": "Så verifieras kravet", "evidence": "Leverantören ska redovisa",
           "answer": "Leverantörens svar", "answer_type": "Svarstyp", "expected": "Förväntat värde",
           "min": "Min.", "max": "Max.", "weight": "Vikt (poäng i kriteriet)", "comment": "Kommentar",
           "documentation_ref": "Hänvisning till dokumentation", "references": "Rättslig grund och standarder"},
    "en": {"id": "ID", "category": "Category", "requirement": "Requirement", "obligation": "Must/should",
           "verification": "How it is verified", "evidence": "The supplier must submit",
           "answer": "Supplier's answer", "answer_type": "Answer type", "expected": "Expected value",
           "min": "Min.", "max": "Max.", "weight": "Weight (points in criterion)", "comment": "Comment",
           "documentation_ref": "Reference to documentation", "references": "Legal basis and standards"},
}


# A document language whose words a table does not have yet borrows a sibling's: nynorsk bokmål's.
SIBLING = {"nn": "nb"}


def in_language(table: dict, lang: str):
    """`table[lang]`; for a language the table lacks, its sibling's (nn: nb), else English."""
    if lang in table:
        return table[lang]
    return table.get(SIBLING.get(lang, "en"), table["en"])


def word(table: dict[str, dict[str, str]], lang: str, key: str) -> str:
    """A word from one of the tables above, in `lang` (see `in_language` for a language it lacks)."""
    return in_language(table, lang).get(key, key)


STATUS = {
    "nb": {"draft": "Utkast", "in_review": "Til gjennomgang", "changes_requested": "Endringer etterspurt",
           "approved": "Godkjent", "published": "Publisert"},
    "nn": {"draft": "Utkast", "in_review": "Til gjennomgang", "changes_requested": "Endringar etterspurde",
           "approved": "Godkjend", "published": "Publisert"},
    "sv": {"draft": "Utkast", "in_review": "Under granskning", "changes_requested": "Ändringar begärda",
           "approved": "Godkänd", "published": "Publicerad"},
    "en": {"draft": "Draft", "in_review": "In review", "changes_requested": "Changes requested",
           "approved": "Approved", "published": "Published"},
}

JURISDICTION = {
    "nb": {"EU": "EU/EØS", "NO": "Norge", "SE": "Sverige", "INT": "Internasjonal"},
    "nn": {"EU": "EU/EØS", "NO": "Noreg", "SE": "Sverige", "INT": "Internasjonal"},
    "sv": {"EU": "EU", "NO": "Norge", "SE": "Sverige", "INT": "Internationell"},
    "en": {"EU": "EU", "NO": "Norway", "SE": "Sweden", "INT": "International"},
}

# BCP 47 tag written into the Word document (w:lang) and its core properties.
LANGUAGE_TAG = {"nb": "nb-NO", "nn": "nn-NO", "sv": "sv-SE", "en": "en-GB"}

# ASCII stems of exported file names ("kravspesifikasjon-2026-1234-v0.1.docx").
FILENAME_STEM = {
    "nb": {"spec": "kravspesifikasjon", "review": "kommentarer", "matrix": "kravmatrise"},
    "nn": {"spec": "kravspesifikasjon", "review": "kommentarar", "matrix": "kravmatrise"},
    "sv": {"spec": "kravspecifikation", "review": "kommentarer", "matrix": "kravmatris"},
    "en": {"spec": "requirement-specification", "review": "comments", "matrix": "requirement-matrix"},
}

# Words of the Word document (headings, cover labels, explanations). `{title}` and `{organisation}`
# are filled in by the template; the template builder (exports/build_templates.py) bakes these
# texts into one master template per language.
DOCUMENT = {
    "nb": {
        "document_type": "Kravspesifikasjon",
        "contents": "Innhold",
        "organisation": "Oppdragsgiver",
        "organisation_number": "Organisasjonsnummer",
        "reference": "Saksnummer",
        "version": "Versjon",
        "status": "Status",
        "date": "Dato",
        "procedure": "Anskaffelsesprosedyre",
        "estimated_value": "Anslått verdi",
        "contract_period": "Kontraktsperiode",
        "library_version": "Kravbibliotek",
        "introduction": "Innledning",
        "intro_text": "Dette dokumentet er kravspesifikasjonen i anskaffelsen «{title}» for {organisation}. "
                      "Kravene er valgt ut og tilpasset etter behovene som er beskrevet nedenfor, og hvert "
                      "krav viser hvilket behov det dekker.",
        "needs": "Behov",
        "needs_intro": "Anskaffelsen skal dekke disse behovene:",
        "no_needs": "Behovene er ikke beskrevet ennå.",
        "obligation_levels": "Kravnivåer",
        "obligation_intro": "Hvert krav er merket med et kravnivå:",
        "must_explained": "minstekrav. Tilbud som ikke oppfyller et skal-krav, blir avvist.",
        "should_explained": "ønsket egenskap. Bør-krav er ikke absolutte, men evalueres under "
                            "tildelingskriteriene, og vekten viser hvor mye kravet teller.",
        "contract_condition_explained": "plikter leverandøren må oppfylle i kontraktsperioden. De følges opp "
                                        "etter tildeling.",
        "qualification_explained": "krav til leverandøren selv, som må være oppfylt for at tilbudet skal "
                                   "bli vurdert.",
        "answer_instruction": "Leverandøren besvarer hvert krav i kolonnen «Leverandørens svar» og legger ved "
                              "dokumentasjonen kravet ber om.",
        "requirements": "Krav",
        "requirements_intro": "Kravene er ordnet etter kategori. Hver kategori begynner med behovet den dekker.",
        "need": "Behov",
        "basis": "Hjemmel",
        "weight": "vekt (poeng i kriteriet)",
        "table_caption": "Krav i kategorien",
        "award_criteria": "Tildelingskriterier",
        "award_intro": "Kontrakten tildeles tilbudet med best forhold mellom pris og kvalitet, vurdert etter "
                       "disse kriteriene:",
        "criterion": "Tildelingskriterium",
        "weight_percent": "Vekt (% av totalen)",
        "total": "Sum",
        "no_award_criteria": "Tildelingskriteriene er ikke fastsatt ennå.",
        "evaluation": "Slik evalueres tilbudene",
        "evaluation_steps": (
            "Kvalifikasjonskravene og alle skal-kravene kontrolleres først. Et tilbud som ikke oppfyller dem, "
            "legges fram for oppdragsgiverens avgjørelse: avvisning, eller en avklaring der regelverket tillater det.",
            "Svarene på bør-kravene gis poeng etter hvor godt de, sammen med dokumentasjonen, dekker behovet "
            "bak kravet, på poengskalaen nedenfor. Poengene vektes med kravets vekt (poeng innenfor kriteriet).",
            "Tilbudene rangeres etter tildelingskriteriene med vektene i tabellen over. Kontrakten tildeles "
            "tilbudet med høyest samlet poengsum.",
            "Oppdragsgiveren kan verifisere svarene med metoden som er oppgitt for hvert krav, for eksempel "
            "demonstrasjon, test eller referansekunde.",
        ),
        "annex": "Vedlegg A",
        "references": "Referanser",
        "references_intro": "Lover, forskrifter og standarder som kravene viser til.",
        "no_references": "Kravene viser ikke til lover eller standarder.",
        "citation": "Referanse",
        "reference_title": "Tittel",
        "jurisdiction": "Gjelder",
        "page": "Side",
        "of": "av",
    },
    "sv": {
        "document_type": "Kravspecifikation",
        "contents": "Innehåll",
        "organisation": "Upphandlande organisation",
        "organisation_number": "Organisationsnummer",
        "reference": "Diarienummer",
        "version": "Version",
        "status": "Status",
        "date": "Datum",
        "procedure": "Upphandlingsförfarande",
        "estimated_value": "Uppskattat värde",
        "contract_period": "Avtalsperiod",
        "library_version": "Kravbibliotek",
        "introduction": "Inledning",
        "intro_text": "Detta dokument är kravspecifikationen i upphandlingen ”{title}” för {organisation}. "
                      "Kraven har valts ut och anpassats efter de behov som beskrivs nedan, och varje krav "
                      "visar vilket behov det tillgodoser.",
        "needs": "Behov",
        "needs_intro": "Upphandlingen ska tillgodose följande behov:",
        "no_needs": "Behoven är inte beskrivna ännu.",
        "obligation_levels": "Kravnivåer",
        "obligation_intro": "Varje krav är märkt med en kravnivå:",
        "must_explained": "obligatoriskt krav. Ett anbud som inte uppfyller ett ska-krav förkastas.",
        "should_explained": "önskad egenskap. Bör-krav är inte obligatoriska men utvärderas enligt "
                            "tilldelningskriterierna, och vikten visar hur mycket kravet väger.",
        "contract_condition_explained": "skyldigheter som leverantören ska uppfylla under avtalstiden. De "
                                        "följs upp efter tilldelning.",
        "qualification_explained": "krav på leverantören själv som ska vara uppfyllda för att anbudet ska "
                                   "prövas.",
        "answer_instruction": "Leverantören besvarar varje krav i kolumnen ”Leverantörens svar” och bifogar "
                              "den dokumentation som kravet efterfrågar.",
        "requirements": "Krav",
        "requirements_intro": "Kraven är ordnade efter kategori. Varje kategori inleds med det behov den "
                              "tillgodoser.",
        "need": "Behov",
        "basis": "Rättslig grund",
        "weight": "vikt (poäng i kriteriet)",
        "table_caption": "Krav i kategorin",
        "award_criteria": "Tilldelningskriterier",
        "award_intro": "Kontraktet tilldelas det anbud som har bästa förhållandet mellan pris och kvalitet, "
                       "bedömt enligt följande kriterier:",
        "criterion": "Tilldelningskriterium",
        "weight_percent": "Vikt (% av totalen)",
        "total": "Summa",
        "no_award_criteria": "Tilldelningskriterierna är inte fastställda ännu.",
        "evaluation": "Så utvärderas anbuden",
        "evaluation_steps": (
            "Först kontrolleras kvalificeringskraven och alla ska-krav. Ett anbud som inte uppfyller dem läggs "
            "fram för myndighetens beslut: förkastande, eller ett förtydligande där regelverket tillåter det.",
            "Svaren på bör-kraven poängsätts efter hur väl de, tillsammans med dokumentationen, tillgodoser "
            "behovet bakom kravet, på poängskalan nedan. Poängen viktas med kravets vikt (poäng inom kriteriet).",
            "Anbuden rangordnas enligt tilldelningskriterierna med vikterna i tabellen ovan. Kontraktet "
            "tilldelas det anbud som får högst sammanlagd poäng.",
            "Den upphandlande organisationen kan verifiera svaren med den metod som anges för varje krav, "
            "till exempel demonstration, test eller referenskund.",
        ),
        "annex": "Bilaga A",
        "references": "Referenser",
        "references_intro": "Lagar, föreskrifter och standarder som kraven hänvisar till.",
        "no_references": "Kraven hänvisar inte till lagar eller standarder.",
        "citation": "Referens",
        "reference_title": "Titel",
        "jurisdiction": "Gäller",
        "page": "Sida",
        "of": "av",
    },
    "en": {
        "document_type": "Requirement specification",
        "contents": "Contents",
        "organisation": "Contracting authority",
        "organisation_number": "Organisation number",
        "reference": "Reference",
        "version": "Version",
        "status": "Status",
        "date": "Date",
        "procedure": "Procedure",
        "estimated_value": "Estimated value",
        "contract_period": "Contract period",
        "library_version": "Requirement library",
        "introduction": "Introduction",
        "intro_text": "This document is the requirement specification for the procurement “{title}” by "
                      "{organisation}. The requirements were selected and tailored to the needs described "
                      "below, and each requirement shows the need it serves.",
        "needs": "Needs",
        "needs_intro": "The procurement must meet these needs:",
        "no_needs": "The needs have not been described yet.",
        "obligation_levels": "Obligation levels",
        "obligation_intro": "Each requirement is marked with an obligation level:",
        "must_explained": "mandatory requirement. A tender that does not meet a MUST requirement is rejected.",
        "should_explained": "desired quality. SHOULD requirements are not mandatory but are evaluated under "
                            "the award criteria; the weight shows how much each one counts.",
        "contract_condition_explained": "obligations the supplier must meet during the contract. They are "
                                        "followed up after award.",
        "qualification_explained": "requirements on the supplier itself that must be met for the tender to "
                                   "be considered.",
        "answer_instruction": "The supplier answers each requirement in the column “Supplier's answer” and "
                              "attaches the documentation the requirement asks for.",
        "requirements": "Requirements",
        "requirements_intro": "The requirements are grouped by category. Each category begins with the need "
                              "it serves.",
        "need": "Need",
        "basis": "Basis",
        "weight": "weight (points in criterion)",
        "table_caption": "Requirements in the category",
        "award_criteria": "Award criteria",
        "award_intro": "The contract is awarded to the tender with the best price-quality ratio, assessed "
                       "against these criteria:",
        "criterion": "Award criterion",
        "weight_percent": "Weight (% of the total)",
        "total": "Total",
        "no_award_criteria": "The award criteria have not been set yet.",
        "evaluation": "How tenders are evaluated",
        "evaluation_steps": (
            "The selection criteria and all MUST requirements are checked first. A tender that does not meet "
            "them is put to the contracting authority's decision: rejection, or clarification where the rules "
            "allow it.",
            "Answers to SHOULD requirements are scored by how well they, with the documentation, meet the "
            "need behind the requirement, on the point scale below. Scores are weighted by the requirement's "
            "weight (points inside its criterion).",
            "Tenders are ranked against the award criteria using the weights in the table above. The "
            "contract is awarded to the tender with the highest total score.",
            "The contracting authority may verify answers by the method stated for each requirement, such "
            "as a demonstration, a test or a reference customer.",
        ),
        "annex": "Annex A",
        "references": "References",
        "references_intro": "Laws, regulations and standards the requirements refer to.",
        "no_references": "The requirements do not refer to laws or standards.",
        "citation": "Reference",
        "reference_title": "Title",
        "jurisdiction": "Applies in",
        "page": "Page",
        "of": "of",
    },
}

# Word comments on a comparison copy (services.versions.comparison_copy).
COMPARISON = {
    "nb": {"added": "Nytt siden versjon {label}", "changed": "Endret siden versjon {label}: {fields}",
           "before": "Før", "summary": "Sammenlignet med versjon {label}: {added} nye, {changed} endret, {removed} fjernet.",
           "removed": "fjernet"},
    "nn": {"added": "Nytt sidan versjon {label}", "changed": "Endra sidan versjon {label}: {fields}",
           "before": "Før", "summary": "Samanlikna med versjon {label}: {added} nye, {changed} endra, {removed} fjerna.",
           "removed": "fjerna"},
    "sv": {"added": "Nytt sedan version {label}", "changed": "Ändrat sedan version {label}: {fields}",
           "before": "Före", "summary": "Jämfört med version {label}: {added} nya, {changed} ändrade, {removed} borttagna.",
           "removed": "borttaget"},
    "en": {"added": "New since version {label}", "changed": "Changed since version {label}: {fields}",
           "before": "Before", "summary": "Compared with version {label}: {added} added, {changed} changed, {removed} removed.",
           "removed": "removed"},
}
COMPARED_FIELD_NAME = {
    "nb": {"title": "tittel", "text": "kravtekst", "obligation": "kravtype", "weight": "vekt",
           "verification": "verifisering", "evidence": "dokumentasjon", "need": "behov"},
    "nn": {"title": "tittel", "text": "kravtekst", "obligation": "kravtype", "weight": "vekt",
           "verification": "verifisering", "evidence": "dokumentasjon", "need": "behov"},
    "sv": {"title": "rubrik", "text": "kravtext", "obligation": "kravtyp", "weight": "vikt",
           "verification": "verifiering", "evidence": "dokumentation", "need": "behov"},
    "en": {"title": "title", "text": "requirement text", "obligation": "obligation", "weight": "weight",
           "verification": "verification", "evidence": "evidence", "need": "need"},
}
