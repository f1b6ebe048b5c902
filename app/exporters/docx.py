"""Word export of the specification: "Bilag 1 – Kundens beskrivelse av behov og krav" (Norway, the
annex to SSA-sky/SSA-L), "Kravspecifikation" (Sweden), "Annex 1 – The Customer's description of
needs and requirements" (English).

Pure Python (no Flask). The built-in masters are `exports/templates/<part>_<lang>.docx`, built by
`exports/build_templates.py`; an organisation may upload its own template, which is checked with
`check_template` and rendered in a Jinja sandbox. The context a template sees is `build_context(doc)`
(every variable is listed in exports/README.md). The qualification requirements, the contract
conditions and the RFI are their own exporters (qualification.py, contract.py, rfi.py) on the same
machinery (app/exporters/word/).

Rules (DESIGN.md, "Lessons from the anchors"):
- always render with autoescape=True (python-docx-template #557); uploaded templates run in a
  SandboxedEnvironment with StrictUndefined;
- the table of contents is static: one entry per heading with a PAGEREF field, which LibreOffice
  lays out with the right page numbers and Word refreshes on open (`w:updateFields`);
- every requirement text is its own paragraph (style "Requirement") so the review copy can anchor a
  Word comment on it after rendering;
- the same TenderDocument gives byte-identical files.
"""

from __future__ import annotations

from app.exporters import vocabulary as V
from app.exporters.common import zip_date_time
from app.exporters.document import TenderDocument
from app.exporters.word.context import build_context
from app.exporters.word.engine import PARTS, TemplateProblem, builtin_template, render_builtin
from app.exporters.word.package import save_package
from app.exporters.word.review import (
    REQUIREMENT_STYLE,
    SECTION_BOOKMARK,
    render_comparison,
    render_review_copy,
)
from app.exporters.word.templates import MAX_TEMPLATE_BYTES, check_template, render_org

__all__ = ["MEDIA_TYPE", "LANGUAGES", "PARTS", "REQUIREMENT_STYLE", "SECTION_BOOKMARK", "MAX_TEMPLATE_BYTES",
           "TemplateProblem", "build_context", "builtin_template", "check_template", "filename", "render",
           "render_comparison", "render_part", "render_review_copy", "save_package"]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LANGUAGES = V.LANGUAGES


def render(doc: TenderDocument, template: bytes | None = None) -> bytes:
    """The specification as .docx bytes, from the built-in master of its language or from `template`.

    An organisation template that cannot be rendered raises TemplateProblem, never anything else.
    """
    if template is not None:
        return render_org(doc, template)
    return render_part(doc, "spec")


def render_part(doc: TenderDocument, part: str) -> bytes:
    """One of the built-in documents (spec, qualification, contract, rfi) as .docx bytes."""
    return save_package(render_builtin(doc, part).docx, zip_date_time(doc))


def filename(doc: TenderDocument, *, review: bool = False, part: str = "spec", compare: bool = False) -> str:
    """ASCII file name saying what the file is, e.g. "2026-1234_Bilag1_Kravspesifikasjon_v0.1.docx",
    "2026-1234_Kvalifikasjonskrav_v0.1.docx" (see exporters.filenames)."""
    from app.exporters import filenames

    return filenames.filename(doc, "compare" if compare else "review" if review else part, "docx")
