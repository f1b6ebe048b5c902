"""The documents of a tender package and how open data describes each.

A library item's kind decides the document it lands in; the package carries the Word documents
that have content (the specification and the needs description always, the qualification
requirements and the contract conditions when the tender has any), the response matrix as XLSX
and CSV, and the OCDS file. The OCDS export lists the same documents, so a consumer can find each
file of the package by name. Pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.exporters import EXPORTERS, filenames
from app.exporters.document import TenderDocument

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Part:
    fmt: str  # exporter format in the registry
    name: str  # part name in exporters.filenames
    ocds_id: str  # the OCDS document id
    document_type: str  # OCDS documentType codelist
    kind: str | None = None  # the library kind the document needs at least one item of


WORD_PARTS = (
    Part("docx", "spec", "specification", "technicalSpecifications"),
    Part("qualification", "qualification", "qualification-requirements", "eligibilityCriteria", "qualification"),
    Part("contract", "contract", "contract-conditions", "contractDraft", "contract_condition"),
    Part("rfi", "rfi", "needs-description", "needsAssessment"),
)


def word_parts(doc: TenderDocument) -> list[Part]:
    """The Word documents of `doc`'s package, in order (formats not registered are left out)."""
    kinds = {r.kind for r in doc.requirements}
    return [p for p in WORD_PARTS if p.fmt in EXPORTERS and (p.kind is None or p.kind in kinds)]


def word_filename(doc: TenderDocument, part: Part) -> str:
    return filenames.filename(doc, part.name, "docx")
