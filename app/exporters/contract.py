"""The contract conditions annex ("Bilag – Kontraktsvilkår", "Bilaga – Särskilda kontraktsvillkor"):
obligations the supplier meets throughout the contract, followed up after award."""

from __future__ import annotations

from app.exporters import docx
from app.exporters.document import TenderDocument

MEDIA_TYPE = docx.MEDIA_TYPE
PART = "contract"


def render(doc: TenderDocument) -> bytes:
    return docx.render_part(doc, PART)


def filename(doc: TenderDocument) -> str:
    return docx.filename(doc, part=PART)
