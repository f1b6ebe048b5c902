"""The qualification requirements ("Kvalifikasjonskrav", "Kvalificeringskrav", "Selection criteria"):
requirements on the supplier itself, each with the part of the ESPD where it is declared."""

from __future__ import annotations

from app.exporters import docx
from app.exporters.document import TenderDocument

MEDIA_TYPE = docx.MEDIA_TYPE
PART = "qualification"


def render(doc: TenderDocument) -> bytes:
    return docx.render_part(doc, PART)


def filename(doc: TenderDocument) -> str:
    return docx.filename(doc, part=PART)
