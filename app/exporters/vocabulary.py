"""Fixed words of the tender documents, per document language.

Exporters are pure functions without Flask-Babel, and a document's language may differ from the
user's interface language, so the documents' own vocabulary lives here. Terms follow the
obligation vocabulary in DESIGN.md (SKAL/BØR, SKA/BÖR, MUST/SHOULD).
"""

from __future__ import annotations

from app.exporters.document_words import DOCUMENT as _DOCUMENT

# The document languages. Each table below has one block per language with the same keys; a test
# checks that every table covers every language. Nynorsk has its own block everywhere (the SSA annex
# title stays as the contract standard names it: a defined term, see document_words_nn.py).
LANGUAGES = ("nb", "nn", "sv", "en")


def document_language(lang: str) -> str:
    """The language whose words a document in `lang` is written with (English for one we lack)."""
    return lang if lang in LANGUAGES else "en"


def in_language(table: dict, lang: str):
    """`table[lang]`; English for a language that is not a document language."""
    return table[document_language(lang)]

OBLIGATION = {
    "nn": {"must": "SKAL", "should": "BØR"},
    "nb": {"must": "SKAL", "should": "BØR"},
    "sv": {"must": "SKA", "should": "BÖR"},
    "en": {"must": "MUST", "should": "SHOULD"},
}

OBLIGATION_NAME = {
    "nn": {"must": "Skal-krav (minstekrav)", "should": "Bør-krav (tildelingskriterium)"},
    "nb": {"must": "Skal-krav (minstekrav)", "should": "Bør-krav (tildelingskriterium)"},
    "sv": {"must": "Ska-krav", "should": "Bör-krav (tilldelningskriterium)"},
    "en": {"must": "Mandatory requirement", "should": "Award criterion"},
}

KIND = {
    "nn": {"requirement": "Krav", "contract_condition": "Kontraktsvilkår", "qualification": "Kvalifikasjonskrav",
           "award_criterion": "Tildelingskriterium"},
    "nb": {"requirement": "Krav", "contract_condition": "Kontraktsvilkår", "qualification": "Kvalifikasjonskrav",
           "award_criterion": "Tildelingskriterium"},
    "sv": {"requirement": "Krav", "contract_condition": "Särskilt kontraktsvillkor", "qualification": "Kvalificeringskrav",
           "award_criterion": "Tilldelningskriterium"},
    "en": {"requirement": "Requirement", "contract_condition": "Contract performance condition",
           "qualification": "Selection criterion", "award_criterion": "Award criterion"},
}

# How a missed mandatory requirement and a should-requirement are treated: worded once, used by the
# Word documents, the XLSX instructions and the CSV alike. `{must}`/`{should}` are the OBLIGATION words.
REJECTION = {
    "nn": "{must}-krav er minstekrav. Eit tilbod som ikkje oppfyller eit {must}-krav, blir lagt fram for "
          "avgjerda til oppdragsgivaren: avvising, eller ei avklaring der regelverket tillèt det.",
    "nb": "{must}-krav er minstekrav. Et tilbud som ikke oppfyller et {must}-krav, legges fram for "
          "oppdragsgiverens avgjørelse: avvisning, eller en avklaring der regelverket tillater det.",
    "sv": "{must}-krav är obligatoriska krav. Ett anbud som inte uppfyller ett {must}-krav läggs fram för "
          "myndighetens beslut: förkastande, eller ett förtydligande där regelverket tillåter det.",
    "en": "{must} requirements are mandatory. A tender that does not meet a {must} requirement is put to the "
          "contracting authority's decision: rejection, or clarification where the rules allow it.",
}
SCORING = {
    "nn": "{should}-krav er ikkje absolutte, men får poeng under tildelingskriteria; vekta er poeng "
          "innanfor kriteriet kravet høyrer til.",
    "nb": "{should}-krav er ikke absolutte, men gis poeng under tildelingskriteriene; vekten er poeng "
          "innenfor kriteriet kravet hører til.",
    "sv": "{should}-krav är inte obligatoriska men poängsätts inom tilldelningskriterierna; vikten är "
          "poäng inom det kriterium kravet hör till.",
    "en": "{should} requirements are not mandatory but are scored under the award criteria; the weight "
          "is points inside the criterion the requirement belongs to.",
}
# The answer channel: the supplier answers in the response matrix, nowhere else.
ANSWER_CHANNEL = {
    "nn": "Leverandøren svarer på krava i svarskjemaet (kravmatrisa). Ved motstrid gjeld kravspesifikasjonen.",
    "nb": "Leverandøren besvarer kravene i svarskjemaet (kravmatrisen). Ved motstrid gjelder kravspesifikasjonen.",
    "sv": "Leverantören besvarar kraven i svarsformuläret (kravmatrisen). Vid motstridighet gäller kravspecifikationen.",
    "en": "The supplier answers the requirements in the response matrix. In case of conflict the requirement "
          "specification prevails.",
}


def rejection(lang: str) -> str:
    return word_text(REJECTION, lang).format(must=word(OBLIGATION, lang, "must"))


def scoring(lang: str) -> str:
    return word_text(SCORING, lang).format(should=word(OBLIGATION, lang, "should"))


def word_text(table: dict[str, str], lang: str) -> str:
    """A text from a table with one string per language."""
    return in_language(table, lang)


# The label a requirement's references get, by the kind of source: "Hjemmel" only for laws and
# regulations, "Standard" for standards, guidance and case law apart.
CITATION_LABEL = {
    "nn": {"law": "Heimel", "regulation": "Heimel", "case": "Rettspraksis", "standard": "Standard",
           "guidance": "Rettleiing", "": "Referanse"},
    "nb": {"law": "Hjemmel", "regulation": "Hjemmel", "case": "Rettspraksis", "standard": "Standard",
           "guidance": "Veiledning", "": "Referanse"},
    "sv": {"law": "Rättslig grund", "regulation": "Rättslig grund", "case": "Rättspraxis", "standard": "Standard",
           "guidance": "Vägledning", "": "Referens"},
    "en": {"law": "Legal basis", "regulation": "Legal basis", "case": "Case law", "standard": "Standard",
           "guidance": "Guidance", "": "Reference"},
}
# Headings of the reference annex's groups, in this order.
CITATION_GROUP = {
    "nn": {"law": "Lover og forskrifter", "case": "Rettspraksis", "standard": "Standardar",
           "guidance": "Rettleiingar"},
    "nb": {"law": "Lover og forskrifter", "case": "Rettspraksis", "standard": "Standarder", "guidance": "Veiledere"},
    "sv": {"law": "Lagar och föreskrifter", "case": "Rättspraxis", "standard": "Standarder", "guidance": "Vägledningar"},
    "en": {"law": "Laws and regulations", "case": "Case law", "standard": "Standards", "guidance": "Guidance"},
}

# English words in the library's citation labels, in each document language (longest first).
CITATION_TERMS = {
    "nn": (("Commission Implementing Regulation", "Kommisjonens gjennomføringsforordning"),
           ("Delegated Regulation", "Delegert forordning"), ("Implementing Regulation", "Gjennomføringsforordning"),
           ("Regulation", "Forordning"), ("Directive", "Direktiv"), ("Decision", "Avgjerd"),
           ("Recommendations", "Tilrådingar"), ("Dir.", "Direktiv"), (" No ", " nr. "), (" and ", " og "),
           ("EU GPP criteria for data centres, server rooms and cloud services",
            "EU-kriteria for grøne offentlege anskaffingar av datasenter, serverrom og skytenester")),
    "nb": (("Commission Implementing Regulation", "Kommisjonens gjennomføringsforordning"),
           ("Delegated Regulation", "Delegert forordning"), ("Implementing Regulation", "Gjennomføringsforordning"),
           ("Regulation", "Forordning"), ("Directive", "Direktiv"), ("Decision", "Beslutning"),
           ("Recommendations", "Anbefalinger"), ("Dir.", "Direktiv"), (" No ", " nr. "), (" and ", " og "),
           ("EU GPP criteria for data centres, server rooms and cloud services",
            "EUs kriterier for grønne offentlige anskaffelser av datasentre, serverrom og skytjenester")),
    "sv": (("Commission Implementing Regulation", "Kommissionens genomförandeförordning"),
           ("Delegated Regulation", "Delegerad förordning"), ("Implementing Regulation", "Genomförandeförordning"),
           ("Regulation", "Förordning"), ("Directive", "Direktiv"), ("Decision", "Beslut"),
           ("Recommendations", "Rekommendationer"), ("Dir.", "Direktiv"), (" No ", " nr "), (" and ", " och "),
           ("EU GPP criteria for data centres, server rooms and cloud services",
            "EU:s kriterier för grön offentlig upphandling av datacenter, serverrum och molntjänster")),
    "en": (),
}


def citation(text: str, lang: str) -> str:
    """A citation label in the document's language: "Decision (EU) 2021/914" -> "Beslutning (EU) 2021/914"."""
    for english, local in CITATION_TERMS.get(lang, ()):
        text = text.replace(english, local)
    return text


# Units of answers, as the library writes them, in each document language.
UNIT = {
    "nn": {"days": "dagar", "day": "dag", "h": "timar", "hours": "timar"},
    "nb": {"days": "dager", "day": "dag", "h": "timer", "hours": "timer"},
    "sv": {"days": "dagar", "day": "dag", "h": "timmar", "hours": "timmar"},
    "en": {"days": "days", "day": "day", "h": "hours", "hours": "hours"},
}


def unit(value: str | None, lang: str) -> str:
    if not value:
        return ""
    return in_language(UNIT, lang).get(value, value)


# Where a qualification requirement is declared in the ESPD: certificates (quality and environmental
# management) in part IV D, other evidence of ability in part IV C.
def espd_part(verification_methods: tuple[str, ...]) -> str:
    return "espd_certificate" if "certificate" in verification_methods else "espd_ability"


ANSWER_TYPE = {
    "nn": {"yes_no": "Ja/nei", "number": "Tal", "text": "Tekst", "attachment": "Vedlegg"},
    "nb": {"yes_no": "Ja/nei", "number": "Tall", "text": "Tekst", "attachment": "Vedlegg"},
    "sv": {"yes_no": "Ja/nej", "number": "Tal", "text": "Text", "attachment": "Bilaga"},
    "en": {"yes_no": "Yes/no", "number": "Number", "text": "Text", "attachment": "Attachment"},
}

YES_NO = {"nn": ("Ja", "Nei"), "nb": ("Ja", "Nei"), "sv": ("Ja", "Nej"), "en": ("Yes", "No")}

VERIFICATION_METHOD = {
    "nn": {"documentation": "Dokumentasjon", "demonstration": "Demonstrasjon", "test": "Test",
           "reference_customer": "Referansekunde", "certificate": "Sertifikat", "contract_clause": "Kontraktsvilkår"},
    "nb": {"documentation": "Dokumentasjon", "demonstration": "Demonstrasjon", "test": "Test",
           "reference_customer": "Referansekunde", "certificate": "Sertifikat", "contract_clause": "Kontraktsvilkår"},
    "sv": {"documentation": "Dokumentation", "demonstration": "Demonstration", "test": "Test",
           "reference_customer": "Referenskund", "certificate": "Certifikat", "contract_clause": "Avtalsvillkor"},
    "en": {"documentation": "Documentation", "demonstration": "Demonstration", "test": "Test",
           "reference_customer": "Reference customer", "certificate": "Certificate", "contract_clause": "Contract clause"},
}

DRAFT = {"nn": "UTKAST", "nb": "UTKAST", "sv": "UTKAST", "en": "DRAFT"}

COLUMNS = {
    "nn": {"id": "ID", "category": "Kategori", "requirement": "Krav", "obligation": "Skal/bør",
           "verification": "Slik blir kravet verifisert", "evidence": "Leverandøren skal dokumentere",
           "answer": "Svaret til leverandøren", "answer_type": "Svartype", "expected": "Forventa verdi",
           "min": "Min.", "max": "Maks.", "weight": "Vekt (poeng i kriteriet)", "comment": "Kommentar",
           "documentation_ref": "Tilvising til dokumentasjon", "references": "Heimel og standardar"},
    "nb": {"id": "ID", "category": "Kategori", "requirement": "Krav", "obligation": "Skal/bør",
           "verification": "Slik verifiseres kravet", "evidence": "Leverandøren skal dokumentere",
           "answer": "Leverandørens svar", "answer_type": "Svartype", "expected": "Forventet verdi",
           "min": "Min.", "max": "Maks.", "weight": "Vekt (poeng i kriteriet)", "comment": "Kommentar",
           "documentation_ref": "Henvisning til dokumentasjon", "references": "Hjemmel og standarder"},
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


def word(table: dict[str, dict[str, str]], lang: str, key: str) -> str:
    """A word from one of the tables above, in `lang`."""
    return in_language(table, lang).get(key, key)


STATUS = {
    "nn": {"draft": "Utkast", "in_review": "Til gjennomgang", "changes_requested": "Endringar etterspurde",
           "approved": "Godkjend", "published": "Publisert"},
    "nb": {"draft": "Utkast", "in_review": "Til gjennomgang", "changes_requested": "Endringer etterspurt",
           "approved": "Godkjent", "published": "Publisert"},
    "sv": {"draft": "Utkast", "in_review": "Under granskning", "changes_requested": "Ändringar begärda",
           "approved": "Godkänd", "published": "Publicerad"},
    "en": {"draft": "Draft", "in_review": "In review", "changes_requested": "Changes requested",
           "approved": "Approved", "published": "Published"},
}

JURISDICTION = {
    "nn": {"EU": "EU/EØS", "NO": "Noreg", "SE": "Sverige", "INT": "Internasjonal"},
    "nb": {"EU": "EU/EØS", "NO": "Norge", "SE": "Sverige", "INT": "Internasjonal"},
    "sv": {"EU": "EU", "NO": "Norge", "SE": "Sverige", "INT": "Internationell"},
    "en": {"EU": "EU", "NO": "Norway", "SE": "Sweden", "INT": "International"},
}

# BCP 47 tag written into the Word document (w:lang) and its core properties.
LANGUAGE_TAG = {"nn": "nn-NO", "nb": "nb-NO", "sv": "sv-SE", "en": "en-GB"}

# ASCII stems of exported file names ("kravspesifikasjon-2026-1234-v0.1.docx").
FILENAME_STEM = {
    "nn": {"spec": "kravspesifikasjon", "review": "kommentarar", "compare": "endringar",
           "matrix": "kravmatrise", "qualification": "kvalifikasjonskrav", "contract": "bilag-kontraktsvilkar",
           "rfi": "behovsskildring-marknadsdialog"},
    "nb": {"spec": "kravspesifikasjon", "review": "kommentarer", "compare": "endringer",
           "matrix": "kravmatrise", "qualification": "kvalifikasjonskrav", "contract": "bilag-kontraktsvilkar",
           "rfi": "behovsbeskrivelse-markedsdialog"},
    "sv": {"spec": "kravspecifikation", "review": "kommentarer", "compare": "andringar", "matrix": "kravmatris",
           "qualification": "kvalificeringskrav", "contract": "bilaga-sarskilda-kontraktsvillkor",
           "rfi": "behovsbeskrivning-marknadsdialog"},
    "en": {"spec": "requirement-specification", "review": "comments", "compare": "changes",
           "matrix": "requirement-matrix", "qualification": "selection-criteria",
           "contract": "annex-contract-conditions", "rfi": "needs-description-market-dialogue"},
}

# Words of the Word documents: headings, cover labels, explanations (document_words.py).
DOCUMENT = _DOCUMENT
