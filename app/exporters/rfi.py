"""The needs description for market dialogue (RFI): the needs, the scope and open questions to
suppliers, before the tender; no requirements."""

from __future__ import annotations

from app.exporters import docx
from app.exporters.document import TenderDocument

MEDIA_TYPE = docx.MEDIA_TYPE
PART = "rfi"


def render(doc: TenderDocument) -> bytes:
    return docx.render_part(doc, PART)


def filename(doc: TenderDocument) -> str:
    return docx.filename(doc, part=PART)
