"""Review copies: the specification with every open review comment as a Word comment, and the
comparison of two versions as real tracked changes (w:ins / w:del) authored "Kravbygger" and dated
with the later version."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from app.exporters.common import zip_date_time
from app.exporters.document import DocComment, DocRequirement, TenderDocument
from app.exporters.word.context import build_context, clean, requirement_context
from app.exporters.word.engine import render_builtin
from app.exporters.word.package import parse_time, save_package
from app.library.diff import word_diff

REQUIREMENT_STYLE = "Requirement"
SECTION_BOOKMARK = "_Toc_kb_sec_"
AUTHOR = "Kravbygger"
# Paragraph styles of a requirement's fields in the specification's requirement blocks.
FIELD_STYLES = {"title": "RequirementTitle", "need": "Motive", "text": REQUIREMENT_STYLE,
                "verification": "Verification", "evidence": "Evidence", "obligation": "Obligation"}


def render_review_copy(doc: TenderDocument) -> bytes:
    """The specification with every open review comment attached as a Word comment.

    Requirement comments are anchored on the requirement text, section comments on the section
    heading, document comments on the title; replies follow in the comment as "↳ Name: reply".
    """
    document = render_builtin(doc).docx
    body = document.element.body

    def paragraphs(xpath: str) -> list[Paragraph]:
        return [Paragraph(p, document._body) for p in body.xpath(xpath)]

    requirement_paras = paragraphs(f".//w:p[w:pPr/w:pStyle/@w:val='{REQUIREMENT_STYLE}']")
    requirements = [r for s in doc.specification_sections for r in s.requirements]
    if len(requirement_paras) != len(requirements):  # pragma: no cover - guards template edits
        raise RuntimeError("the built-in template lost its requirement paragraphs")
    for req, para in zip(requirements, requirement_paras, strict=True):
        _attach(document, para, req.comments)
    for i, section in enumerate(doc.specification_sections, start=1):
        found = paragraphs(f".//w:p[w:bookmarkStart/@w:name='{SECTION_BOOKMARK}{i}']")
        if found:
            _attach(document, found[0], section.comments)
    if doc.comments:
        title = paragraphs(".//w:p[w:pPr/w:pStyle/@w:val='Title']")
        if title:
            _attach(document, title[0], doc.comments)
    return save_package(document, zip_date_time(doc))


def _attach(document: Any, paragraph: Paragraph, comments: Iterable[DocComment]) -> None:
    if not comments:
        return
    runs = paragraph.runs or [paragraph.add_run("")]
    for c in comments:
        comment = document.add_comment(runs, text=clean(c.body), author=clean(c.author) or "?",
                                       initials=clean(c.initials))
        for reply in _flatten(c.replies):
            comment.add_paragraph(f"↳ {clean(reply.author)}: {clean(reply.body)}")
        comment._comment_elm.date = parse_time(c.created_at)


def _flatten(replies: Iterable[DocComment]) -> list[DocComment]:
    out: list[DocComment] = []
    for r in replies:
        out.append(r)
        out.extend(_flatten(r.replies))
    return out


# ----- comparison as tracked changes -------------------------------------------------------------

class _Tracker:
    """Writes w:ins / w:del revisions with increasing ids, one author and one date."""

    def __init__(self, date: str) -> None:
        self.date = parse_time(date).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = 9000

    def mark(self, tag: str) -> Any:
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), AUTHOR)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        return el

    def run(self, template_run: Any, text: str, op: str) -> Any:
        r = copy.deepcopy(template_run) if template_run is not None else OxmlElement("w:r")
        for child in list(r):
            if child.tag != qn("w:rPr"):
                r.remove(child)
        t = OxmlElement("w:delText" if op == "delete" else "w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
        if op == "equal":
            return r
        wrapper = self.mark("w:del" if op == "delete" else "w:ins")
        wrapper.append(r)
        return wrapper

    def rewrite(self, p: Any, old: str, new: str) -> bool:
        """Replace the text of paragraph `p` (whose text ends with `new`) by the word diff old -> new."""
        runs = p.findall(qn("w:r"))
        text = "".join(t.text or "" for r in runs for t in r.iter(qn("w:t")))
        if not runs or not text.endswith(new):
            return False
        prefix = text[: len(text) - len(new)]
        first, last = runs[0], runs[-1]
        for r in runs:
            p.remove(r)
        if prefix:
            p.append(self.run(first, prefix, "equal"))
        for op, piece in word_diff(old, new):
            p.append(self.run(last, piece, op))
        return True

    def insert_all(self, p: Any) -> None:
        """Mark every run of `p` as inserted."""
        for r in p.findall(qn("w:r")):
            wrapper = self.mark("w:ins")
            r.addprevious(wrapper)
            wrapper.append(r)


def _field_value(req: DocRequirement, field: str, lang: str) -> str:
    """A field as the specification shows it (cleaned; the obligation as its word)."""
    ctx = requirement_context(req, lang)
    return ctx["obligation_word"] if field == "obligation" else ctx[field]


def render_comparison(old: TenderDocument, new: TenderDocument) -> bytes:
    """The newer specification with every difference from `old` as a tracked change: changed
    fields word by word, added requirements as insertions, removed ones as deleted paragraphs."""
    document = render_builtin(new).docx
    body = document.element.body
    tracker = _Tracker(new.generated_at)
    before = {r.key: r for s in old.specification_sections for r in s.requirements}
    after = {r.key: r for s in new.specification_sections for r in s.requirements}
    lang = build_context(new)["language"]
    for row in body.iter(qn("w:tr")):
        cells = row.findall(qn("w:tc"))
        key = "".join(t.text or "" for t in cells[0].iter(qn("w:t"))).strip() if cells else ""
        if key not in after:
            continue
        if key not in before:
            for p in row.iter(qn("w:p")):
                tracker.insert_all(p)
            continue
        _track_fields(tracker, row, before[key], after[key], lang)
    _track_removed(tracker, body, [r for k, r in before.items() if k not in after], lang)
    return save_package(document, zip_date_time(new))


def _track_fields(tracker: _Tracker, row: Any, old: DocRequirement, new: DocRequirement, lang: str) -> None:
    for field, style in FIELD_STYLES.items():
        was, now = _field_value(old, field, lang), _field_value(new, field, lang)
        if was == now:
            continue
        for p in row.iter(qn("w:p")):
            if p.xpath(f"./w:pPr/w:pStyle[@w:val='{style}']"):
                tracker.rewrite(p, was, now)
                break


def _track_removed(tracker: _Tracker, body: Any, removed: list[DocRequirement], lang: str) -> None:
    """Each removed requirement as a deleted paragraph at the start of the requirements chapter."""
    anchor = body.xpath(".//w:p[w:bookmarkStart/@w:name='_Toc_kb_requirements']")
    if not removed or not anchor:
        return
    at = anchor[0]
    for req in reversed(removed):
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), REQUIREMENT_STYLE)
        ppr.append(style)
        rpr = OxmlElement("w:rPr")
        rpr.append(tracker.mark("w:del"))  # the paragraph mark goes too when the change is accepted
        ppr.append(rpr)
        p.append(ppr)
        p.append(tracker.run(None, f"{req.key} {req.title}: {req.text}", "delete"))
        at.addnext(p)
