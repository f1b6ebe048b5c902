"""File names that say what each file is, in the document's language.

`{reference}_{what}_v{version}.{ext}`, e.g. "2026-77_Bilag1_Kravspesifikasjon_v1.0.docx": the
case reference first so a tender's files sort together in any folder or portal, then the part
(in Norway the specification is annex 1 to the SSA-sky/SSA-L contract), then the version.
ASCII only (portals and e-mail gateways mangle the rest); the letters æ, ø, å, ä, ö become ae,
o, a, a, o. Pure Python; the same document always gets the same names.
"""

from __future__ import annotations

import re
import unicodedata

from app.exporters.common import slug
from app.exporters.document import TenderDocument

# part -> language -> name. "spec" depends on the country: the Norwegian specification is the
# annex "Bilag 1" to SSA-sky/SSA-L (REFERENCES §7); the Swedish one is a kravspecifikation.
PARTS: dict[str, dict[str, str]] = {
    "spec_NO": {"nb": "Bilag1_Kravspesifikasjon", "nn": "Bilag1_Kravspesifikasjon", "sv": "Bilaga1_Kravspecifikation",
                "en": "Annex1_Requirement_specification"},
    "spec_SE": {"nb": "Kravspesifikasjon", "nn": "Kravspesifikasjon", "sv": "Kravspecifikation", "en": "Requirement_specification"},
    "review": {"nb": "Kravspesifikasjon_kommentarer", "nn": "Kravspesifikasjon_kommentarar",
               "sv": "Kravspecifikation_kommentarer",
               "en": "Requirement_specification_comments"},
    "compare": {"nb": "Kravspesifikasjon_endringer", "nn": "Kravspesifikasjon_endringar",
                "sv": "Kravspecifikation_andringar",
                "en": "Requirement_specification_changes"},
    "qualification": {"nb": "Kvalifikasjonskrav", "nn": "Kvalifikasjonskrav", "sv": "Kvalificeringskrav", "en": "Selection_criteria"},
    "contract": {"nb": "Kontraktsvilkar", "nn": "Kontraktsvilkar", "sv": "Sarskilda_kontraktsvillkor", "en": "Contract_conditions"},
    "rfi": {"nb": "Behovsbeskrivelse_markedsdialog", "nn": "Behovsskildring_marknadsdialog",
            "sv": "Behovsbeskrivning_marknadsdialog",
            "en": "Needs_description_market_dialogue"},
    "matrix": {"nb": "Svarskjema", "nn": "Svarskjema", "sv": "Svarsformular", "en": "Response_matrix"},
    "ocds": {"nb": "OCDS", "nn": "OCDS", "sv": "OCDS", "en": "OCDS"},
    "package": {"nb": "Konkurransegrunnlag", "nn": "Konkurransegrunnlag", "sv": "Upphandlingsdokument", "en": "Tender_documents"},
}
_ASCII = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A", "ä": "a", "Ä": "A",
                        "ö": "o", "Ö": "O", "ß": "ss"})


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_ASCII)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")


def part_name(doc: TenderDocument, part: str) -> str:
    """The name of a part in the document's language ("Bilag1_Kravspesifikasjon")."""
    if part == "spec":
        part = "spec_SE" if doc.country == "SE" else "spec_NO"
    names = PARTS[part]
    return _ascii(names.get(doc.language, names["en"]))


def filename(doc: TenderDocument, part: str, ext: str) -> str:
    """E.g. filename(doc, "spec", "docx") -> "2026-77_Bilag1_Kravspesifikasjon_v1.0.docx"."""
    reference = slug(doc.reference) or (str(doc.project_id) if doc.project_id is not None else "") or "tender"
    version = slug(doc.version_label, keep=".") or "0"
    return f"{reference}_{part_name(doc, part)}_v{version}.{ext}"
