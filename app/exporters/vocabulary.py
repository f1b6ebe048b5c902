"""Fixed words of the tender documents, per document language.

Exporters are pure functions without Flask-Babel, and a document's language may differ from the
user's interface language, so the documents' own vocabulary lives here. Terms follow the
obligation vocabulary in DESIGN.md (SKAL/BØR, SKA/BÖR, MUST/SHOULD).
"""

from __future__ import annotations

OBLIGATION = {
    "nb": {"must": "SKAL", "should": "BØR"},
    "sv": {"must": "SKA", "should": "BÖR"},
    "en": {"must": "MUST", "should": "SHOULD"},
}

OBLIGATION_NAME = {
    "nb": {"must": "Skal-krav (minstekrav)", "should": "Bør-krav (tildelingskriterium)"},
    "sv": {"must": "Ska-krav", "should": "Bör-krav (tilldelningskriterium)"},
    "en": {"must": "Mandatory requirement", "should": "Award criterion"},
}

KIND = {
    "nb": {"requirement": "Krav", "contract_condition": "Kontraktsvilkår", "qualification": "Kvalifikasjonskrav"},
    "sv": {"requirement": "Krav", "contract_condition": "Särskilt kontraktsvillkor", "qualification": "Kvalificeringskrav"},
    "en": {"requirement": "Requirement", "contract_condition": "Contract performance condition",
           "qualification": "Selection criterion"},
}

ANSWER_TYPE = {
    "nb": {"yes_no": "Ja/nei", "number": "Tall", "text": "Tekst", "attachment": "Vedlegg"},
    "sv": {"yes_no": "Ja/nej", "number": "Tal", "text": "Text", "attachment": "Bilaga"},
    "en": {"yes_no": "Yes/no", "number": "Number", "text": "Text", "attachment": "Attachment"},
}

YES_NO = {"nb": ("Ja", "Nei"), "sv": ("Ja", "Nej"), "en": ("Yes", "No")}

VERIFICATION_METHOD = {
    "nb": {"documentation": "Dokumentasjon", "demonstration": "Demonstrasjon", "test": "Test",
           "reference_customer": "Referansekunde", "certificate": "Sertifikat", "contract_clause": "Kontraktsvilkår"},
    "sv": {"documentation": "Dokumentation", "demonstration": "Demonstration", "test": "Test",
           "reference_customer": "Referenskund", "certificate": "Certifikat", "contract_clause": "Avtalsvillkor"},
    "en": {"documentation": "Documentation", "demonstration": "Demonstration", "test": "Test",
           "reference_customer": "Reference customer", "certificate": "Certificate", "contract_clause": "Contract clause"},
}

DRAFT = {"nb": "UTKAST", "sv": "UTKAST", "en": "DRAFT"}

COLUMNS = {
    "nb": {"id": "ID", "category": "Kategori", "requirement": "Krav", "obligation": "Skal/bør",
           "verification": "Slik verifiseres kravet", "evidence": "Leverandøren skal dokumentere",
           "answer": "Leverandørens svar", "answer_type": "Svartype", "expected": "Forventet verdi",
           "min": "Min.", "max": "Maks.", "weight": "Vekt", "comment": "Kommentar",
           "documentation_ref": "Henvisning til dokumentasjon", "references": "Hjemmel og standarder"},
    "sv": {"id": "ID", "category": "Kategori", "requirement": "Krav", "obligation": "Ska/bör",
           "verification": "Så verifieras kravet", "evidence": "Leverantören ska redovisa",
           "answer": "Leverantörens svar", "answer_type": "Svarstyp", "expected": "Förväntat värde",
           "min": "Min.", "max": "Max.", "weight": "Vikt", "comment": "Kommentar",
           "documentation_ref": "Hänvisning till dokumentation", "references": "Rättslig grund och standarder"},
    "en": {"id": "ID", "category": "Category", "requirement": "Requirement", "obligation": "Must/should",
           "verification": "How it is verified", "evidence": "The supplier must submit",
           "answer": "Supplier's answer", "answer_type": "Answer type", "expected": "Expected value",
           "min": "Min.", "max": "Max.", "weight": "Weight", "comment": "Comment",
           "documentation_ref": "Reference to documentation", "references": "Legal basis and standards"},
}


def word(table: dict[str, dict[str, str]], lang: str, key: str) -> str:
    """A word from one of the tables above, in `lang` (English if the language is unknown)."""
    return table.get(lang, table["en"]).get(key, key)
