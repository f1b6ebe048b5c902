"""Word export: a TenderDocument rendered through a docxtpl template.

Pure Python (no Flask). The built-in masters are `exports/templates/spec_<lang>.docx`, built by
`exports/build_templates.py`; an organisation may upload its own template, which is checked with
`check_template` and rendered in a Jinja sandbox. The context a template sees is `build_context(doc)`
(every variable is listed in exports/README.md).

Rules (DESIGN.md, "Lessons from the anchors"):
- always render with autoescape=True, so an `&` in user text cannot drop the rest of the document
  (python-docx-template #557); uploaded templates run in a SandboxedEnvironment with StrictUndefined;
- the table of contents is a TOC field that Word refreshes on open (`w:updateFields`);
- every requirement text is its own paragraph (style "Requirement") so the review copy can anchor a
  Word comment on it after rendering;
- the same TenderDocument gives byte-identical files: core property dates come from
  `doc.generated_at` and the ZIP is written with fixed entry times in a fixed order.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
import traceback
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import nsmap
from docx.oxml.parser import parse_xml
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from app.exporters import vocabulary as V
from app.exporters.award_context import award_context
from app.exporters.common import file_stem, zip_date_time, zip_info
from app.exporters.document import (
    AwardCriterion,
    DocComment,
    DocReference,
    DocRequirement,
    DocSection,
    TenderDocument,
)
from app.exporters.sandbox import sandbox_env
from app.library import upload_guard

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "exports" / "templates"
LANGUAGES = ("nb", "nn", "sv", "en")
# A document language without its own master template and document words (vocabulary.DOCUMENT) yet
# is rendered with a sibling's master: nynorsk with bokmål's until exports/build_templates.py builds
# spec_nn.docx. Requirement texts, obligation words and the language tag are still nynorsk.
MASTER_FALLBACK = {"nn": "nb"}
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # zip bombs: total size of the entries once inflated

# Style ids and bookmark names the built-in templates use; the review copy finds its anchors by them.
REQUIREMENT_STYLE = "Requirement"
SECTION_BOOKMARK = "_Toc_kb_sec_"

_MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


class TemplateProblem(Exception):
    """A Word template that cannot be used, with a message fit to show its author."""

    def __init__(self, message: str, *, tag: str | None = None, line: int | None = None,
                 part: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.tag = tag
        self.line = line
        self.part = part


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------

def render(doc: TenderDocument, template: bytes | None = None) -> bytes:
    """The document as .docx bytes, from the built-in master of its language or from `template`.

    An organisation template that cannot be rendered raises TemplateProblem, never anything else.
    """
    if template is None:
        tpl = _render_builtin(doc)
        return save_package(tpl.docx, zip_date_time(doc))
    problems = _container_problems(template)
    if problems:
        raise TemplateProblem(problems[0])
    try:
        tpl = _Template(template, sandboxed=True)
        tpl.render(build_context(doc), _sandbox_env(), autoescape=True)
        _set_core_properties(tpl.docx, doc)
        return save_package(tpl.docx, zip_date_time(doc))
    except TemplateProblem:
        raise
    except Exception as exc:  # anything an uploaded file can provoke becomes a TemplateProblem
        raise TemplateProblem(f"The template could not be rendered: {_describe(exc)}") from exc


def render_review_copy(doc: TenderDocument) -> bytes:
    """The built-in document with every open review comment attached as a Word comment.

    Requirement comments are anchored on the requirement text, section comments on the section
    heading, document comments on the title; replies follow in the comment as "↳ Name: reply".
    """
    tpl = _render_builtin(doc)
    document = tpl.docx
    body = document.element.body

    def paragraphs(xpath: str) -> list[Paragraph]:
        return [Paragraph(p, document._body) for p in body.xpath(xpath)]

    requirement_paras = paragraphs(f".//w:p[w:pPr/w:pStyle/@w:val='{REQUIREMENT_STYLE}']")
    requirements = doc.requirements
    if len(requirement_paras) != len(requirements):  # pragma: no cover - guards template edits
        raise RuntimeError("the built-in template lost its requirement paragraphs")
    for req, para in zip(requirements, requirement_paras, strict=True):
        _attach(document, para, req.comments)
    for i, section in enumerate(doc.sections, start=1):
        found = paragraphs(f".//w:p[w:bookmarkStart/@w:name='{SECTION_BOOKMARK}{i}']")
        if found:
            _attach(document, found[0], section.comments)
    if doc.comments:
        title = paragraphs(".//w:p[w:pPr/w:pStyle/@w:val='Title']")
        if title:
            _attach(document, title[0], doc.comments)
    return save_package(document, zip_date_time(doc))


def check_template(data: bytes) -> list[str]:
    """Problems that stop `data` from being used as a Word template; an empty list means usable."""
    problems = _container_problems(data)
    if problems:
        return problems
    try:
        tpl = _Template(data, sandboxed=True)
        document = tpl.get_docx()
    except Exception as exc:
        return [f"The file is not a Word document that can be read: {_describe(exc)}"]
    env = _sandbox_env()
    parts = [("word/document.xml", tpl.xml_to_string(document.element.body))]
    for uri in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
        for _rel, part in tpl.get_headers_footers(uri):
            parts.append((str(part.partname).lstrip("/"), tpl.get_part_xml(part)))
    for name, xml in parts:
        source = _numbered(tpl.patch_xml(xml))
        try:
            env.compile(source)  # parse and compile: also finds unknown filters and tests
        except jinja2.TemplateSyntaxError as exc:
            problems.append(_problem(exc, source, name).message)
    if problems:
        return problems
    try:
        unknown = tpl.get_undeclared_template_variables(jinja_env=env, context=_sample_context())
    except Exception as exc:  # pragma: no cover - parse errors are caught above
        return [f"The template could not be read: {_describe(exc)}"]
    problems.extend(
        f"The template uses the variable “{name}”, which the document does not provide."
        for name in sorted(unknown)
    )
    if problems:
        return problems
    try:  # a trial render finds misspelt attributes such as {{ r.txt }} and sandbox violations
        render(_sample_document(), data)
    except TemplateProblem as exc:
        problems.append(exc.message)
    return problems


def filename(doc: TenderDocument, *, review: bool = False) -> str:
    """ASCII file name, e.g. "kravspesifikasjon-2026-1234-v0.1.docx" (review copy: "...-kommentarer")."""
    stems = V.FILENAME_STEM.get(doc.language, V.FILENAME_STEM["en"])
    stem = file_stem(doc, stems["spec"])
    return f"{stem}-{stems['review']}.docx" if review else f"{stem}.docx"


# --------------------------------------------------------------------------------------------------
# Context
# --------------------------------------------------------------------------------------------------

def build_context(doc: TenderDocument) -> dict[str, Any]:
    """Everything a template may use: plain strings, numbers, booleans, lists and dicts."""
    lang = doc.language if doc.language in LANGUAGES else "en"
    sections = [_section_context(s, i, lang) for i, s in enumerate(doc.sections, start=1)]
    return {
        "language": lang,
        "language_tag": V.LANGUAGE_TAG[lang],
        "country": _clean(doc.country),
        "organisation": _clean(doc.organisation),
        "organisation_number": _clean(doc.organisation_number),
        "title": _clean(doc.title),
        "reference": _clean(doc.reference),
        "version": _clean(doc.version_label),
        "status": doc.status,
        "status_label": V.word(V.STATUS, lang, doc.status),
        "is_draft": doc.is_draft,
        "draft_marker": V.DRAFT[lang] if doc.is_draft else "",
        "date": _clean(doc.date),
        "generated_at": _clean(doc.generated_at),
        "library_version": _clean(doc.library_version),
        "procedure": _clean(doc.procedure),
        "estimated_value": _clean(doc.estimated_value),
        "contract_period": _clean(doc.contract_period),
        "document_type": _words(lang)["document_type"],
        "needs": [_clean(n) for n in doc.needs_summary],
        "sections": sections,
        "requirements": [r for s in sections for r in s["requirements"]],
        "requirement_count": sum(s["count"] for s in sections),
        "award_criteria": [_award_context(a) for a in doc.award_criteria],
        "award_total": sum(a.weight for a in doc.award_criteria),
        **award_context(doc, lang),
        "references": [_reference_context(r, lang) for r in doc.references],
    }


def _section_context(section: DocSection, index: int, lang: str) -> dict[str, Any]:
    requirements = [_requirement_context(r, lang) for r in section.requirements]
    return {"index": index, "code": _clean(section.code), "name": _clean(section.name),
            "intro": _clean(section.intro), "requirements": requirements, "count": len(requirements)}


def _requirement_context(req: DocRequirement, lang: str) -> dict[str, Any]:
    words = _words(lang)
    notes = []
    if req.kind != "requirement":
        notes.append(V.word(V.KIND, lang, req.kind))
    if req.weight is not None:
        notes.append(f"{words['weight']} {req.weight}")
    methods = [V.word(V.VERIFICATION_METHOD, lang, m) for m in req.verification_methods]
    references = [_clean(r) for r in req.references]
    return {
        "key": _clean(req.key),
        "category": _clean(req.category),
        "title": _clean(req.title),
        "need": _clean(req.need),
        "text": _clean(req.text),
        "obligation": req.obligation,
        "obligation_word": V.word(V.OBLIGATION, lang, req.obligation),
        "obligation_name": V.word(V.OBLIGATION_NAME, lang, req.obligation),
        "obligation_note": ", ".join(notes),
        "kind": req.kind,
        "kind_label": V.word(V.KIND, lang, req.kind),
        "weight": req.weight,
        "verification": _clean(req.verification),
        "verification_methods": methods,
        "methods_text": ", ".join(m if i == 0 else m.lower() for i, m in enumerate(methods)),
        "evidence": _clean(req.evidence),
        "answer_type": req.answer_type,
        "answer_type_label": V.word(V.ANSWER_TYPE, lang, req.answer_type),
        "answer_expected": _format_value(req.answer_expected, lang),
        "answer_min": _format_value(req.answer_min, lang),
        "answer_max": _format_value(req.answer_max, lang),
        "answer_unit": _clean(req.answer_unit or ""),
        "references": references,
        "references_text": "; ".join(references),
        "source_key": _clean(req.source_key or ""),
        "source_version": req.source_version,
        "local": req.local,
    }


def _award_context(a: AwardCriterion) -> dict[str, Any]:
    return {"code": a.code, "name": _clean(a.name), "weight": a.weight, "documentation": _clean(a.documentation)}


def _reference_context(r: DocReference, lang: str) -> dict[str, Any]:
    return {"citation": _clean(r.citation), "title": _clean(r.title), "country": r.country,
            "country_label": V.word(V.JURISDICTION, lang, r.country)}


# XML 1.0 cannot carry most control characters; \a and \f would also become paragraph and page
# breaks in docxtpl. Tabs and newlines stay (docxtpl turns them into w:tab and w:br).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(value: Any) -> str:
    text = "" if value is None else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", text)


def _format_value(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return V.YES_NO[lang][0 if value else 1]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | float) and lang in ("nb", "nn", "sv"):
        return str(value).replace(".", ",")
    return _clean(value)


# --------------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------------

class _LRU:
    """A small thread-safe cache for patched template XML and compiled Jinja templates."""

    def __init__(self, size: int) -> None:
        self._data: OrderedDict[Any, Any] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Any, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = make()
        with self._lock:
            self._data[key] = value
            while len(self._data) > self._size:
                self._data.popitem(last=False)
        return value


_PATCHED = _LRU(16)  # built-in templates only: body, header and footer of three languages
_COMPILED = _LRU(16)


class _Template(DocxTemplate):
    """DocxTemplate with cached template compilation, strict XML and errors that name the tag."""

    def __init__(self, data: bytes, *, sandboxed: bool) -> None:
        super().__init__(io.BytesIO(data))
        self._sandboxed = sandboxed

    def patch_xml(self, src_xml: str) -> str:
        if self._sandboxed:  # uploaded templates are rendered rarely: not worth pinning in memory
            return super().patch_xml(src_xml)
        return _PATCHED.get(src_xml, lambda: super(_Template, self).patch_xml(src_xml))

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        source = _numbered(src_xml)
        try:
            if self._sandboxed:
                template = jinja_env.from_string(source)
            else:
                template = _COMPILED.get(source, lambda: jinja_env.from_string(source))
            dst_xml = template.render(context)
        except Exception as exc:
            raise _problem(exc, source, str(part.partname).lstrip("/")) from exc
        dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
        dst_xml = dst_xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return self.resolve_listing(dst_xml)

    def resolve_listing(self, xml: str) -> str:
        # docxtpl turns \t \n \a \f in text into runs and breaks; skip its regex walk when there are none
        if "\t" in xml or "\n" in xml or "\a" in xml or "\f" in xml:
            return super().resolve_listing(xml)
        return xml

    def fix_tables(self, xml: str):
        try:
            tree = parse_xml(xml)  # strict: broken XML is an error, never silently truncated (#557)
        except etree.XMLSyntaxError as exc:
            raise TemplateProblem(f"The template produced invalid Word XML: {exc}") from exc
        if self._sandboxed:  # organisation templates may loop over columns ({%tc %}): fix the grid
            return super().fix_tables(xml)
        return tree

    def fix_docpr_ids(self, tree) -> None:
        # python-docx elements override xpath(); use lxml's own, as docxtpl expects
        for elt in etree._Element.xpath(tree, "//wp:docPr", namespaces=nsmap):
            self.docx_ids_index += 1
            elt.attrib["id"] = str(self.docx_ids_index)

    def render_properties(self, context, jinja_env=None) -> None:
        """Not rendered: the exporter sets the core properties itself (_set_core_properties)."""


def _numbered(src_xml: str) -> str:
    """Template source with one line per paragraph, as docxtpl renders it (line numbers ~ paragraphs)."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)


def _render_builtin(doc: TenderDocument) -> _Template:
    lang = doc.language if doc.language in LANGUAGES else "en"
    tpl = _Template(builtin_template(lang), sandboxed=False)
    tpl.render(build_context(doc), _builtin_env(), autoescape=True)
    _set_core_properties(tpl.docx, doc)
    if master_language(lang) != lang:
        _set_style_language(tpl.docx, V.LANGUAGE_TAG[lang])
    return tpl


def _set_style_language(document: Any, tag: str) -> None:
    """The default language of a sibling's master becomes the document's own (spell checking, screen readers)."""
    for el in document.styles.element.iterfind(f"{{{nsmap['w']}}}docDefaults//{{{nsmap['w']}}}lang"):
        el.set(f"{{{nsmap['w']}}}val", tag)


@lru_cache(maxsize=len(LANGUAGES))
def builtin_template(lang: str) -> bytes:
    """The bytes of the built-in master template for `lang`."""
    if lang not in LANGUAGES:
        raise ValueError(f"no built-in Word template for language {lang!r}")
    return (TEMPLATE_DIR / f"spec_{master_language(lang)}.docx").read_bytes()


def master_language(lang: str) -> str:
    """The language of the master template and document words used for a document in `lang`."""
    if lang in V.DOCUMENT:
        return lang
    return MASTER_FALLBACK.get(lang, "en")


def _words(lang: str) -> dict[str, Any]:
    return V.DOCUMENT[master_language(lang)]


@lru_cache(maxsize=1)
def _builtin_env() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def _sandbox_env() -> SandboxedEnvironment:
    """Organisation templates render in the bounded sandbox (app/exporters/sandbox.py)."""
    return sandbox_env()


def _problem(exc: BaseException, source: str, part: str) -> TemplateProblem:
    """A TemplateProblem naming the failing tag and its line in `source` (one line per paragraph)."""
    line = getattr(exc, "lineno", None)
    if line is None:
        frames = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
        line = frames[-1] if frames else None
    lines = source.splitlines()
    text = ""
    if line is not None and 0 < line <= len(lines):
        text = re.sub(r"<[^>]+>", "", lines[line - 1])
    tags = [t.strip() for t in re.findall(r"\{[{%#].*?[}%#]\}|\{[{%#].*", text)]
    names = re.findall(r"'([^']+)'", _describe(exc))  # 'txt' in "has no attribute 'txt'"
    tag = next((t for t in tags if any(re.search(rf"\b{re.escape(n)}\b", t) for n in names)),
               tags[0] if tags else None)
    if line is not None:  # line 1 opens the part (<w:body>); from line 2 on, one line per paragraph
        line = max(line - 1, 1)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        kind = "Syntax error"
    elif isinstance(exc, jinja2.sandbox.SecurityError):
        kind = "Not allowed"
    elif isinstance(exc, jinja2.UndefinedError):
        kind = "Unknown variable"
    else:
        kind = "Error"
    where = _PART_NAMES.get(re.sub(r"\d+", "", part), part)
    location = f"{where}, line {line}" if line else where
    message = f"{kind} in {location}"
    if tag:
        message += f" at the tag {tag[:120]}"
    message += f": {_describe(exc)}"
    return TemplateProblem(message, tag=tag, line=line, part=part)


_PART_NAMES = {"word/document.xml": "the document body", "word/header.xml": "a page header",
               "word/footer.xml": "a page footer"}


def _describe(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return str(text).splitlines()[0][:300]


def _container_problems(data: bytes) -> list[str]:
    if not isinstance(data, bytes | bytearray):
        return ["The template must be uploaded as a file."]
    if len(data) > MAX_TEMPLATE_BYTES:
        return [f"The file is {len(data) / 1024 / 1024:.1f} MB; a template may be at most "
                f"{MAX_TEMPLATE_BYTES // 1024 // 1024} MB."]
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return ["The file is not a Word document (.docx)."]
    try:  # sizes, ratios and the honesty of the ZIP headers, before any parser sees the file
        infos = upload_guard.check_zip(bytes(data), upload_guard.DOCX_LIMITS)
    except upload_guard.ZipRefused as refused:
        return [upload_guard.describe(refused)]
    names = {i.filename for i in infos}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                return ["The file is not a Word document (.docx)."]
            types = zf.read("[Content_Types].xml").decode("utf-8", "replace")
    # zipfile raises NotImplementedError for compression methods it cannot read: also not a usable .docx.
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return ["The file is not a Word document (.docx)."]
    if _MAIN_CONTENT_TYPE not in types:
        return ["The file is not a plain Word document (.docx); macro-enabled documents and "
                "Word templates (.dotx) cannot be used."]
    return []


@lru_cache(maxsize=1)
def _sample_document() -> TenderDocument:
    """A small document with every field filled, for checking uploaded templates."""
    comment = DocComment("A", "A", "x", "2026-01-01T00:00:00+00:00")
    reqs = tuple(
        DocRequirement(key=f"X-00{i}", category="X", title="t", need="n", text="t", obligation=o,
                       verification="v", evidence="e", kind=k, weight=w, verification_methods=("test",),
                       answer_type=a, answer_min=1.5, answer_max=2, answer_expected=True, answer_unit="u",
                       references=("r",), source_key="X-001", source_version=1, comments=(comment,))
        for i, (o, k, w, a) in enumerate((("must", "requirement", None, "yes_no"),
                                          ("should", "contract_condition", 10, "number")), start=1)
    )
    return TenderDocument(
        language="nb", country="NO", organisation="o", title="t", reference="r", version_label="0.1",
        status="draft", date="2026-01-01", generated_at="2026-01-01T00:00:00+00:00", library_version="1",
        organisation_number="1", procedure="p", estimated_value="v", contract_period="c", needs_summary=("n",),
        sections=(DocSection("X", "x", "i", reqs),), award_criteria=(AwardCriterion("price", "p", 100),),
        references=(DocReference("r", "t", "EU"),),
    )


def _sample_context() -> dict[str, Any]:
    return build_context(_sample_document())


# --------------------------------------------------------------------------------------------------
# Review comments
# --------------------------------------------------------------------------------------------------

def _attach(document: Any, paragraph: Paragraph, comments: Iterable[DocComment]) -> None:
    if not comments:
        return
    runs = paragraph.runs
    if not runs:
        runs = [paragraph.add_run("")]
    for c in comments:
        comment = document.add_comment(runs, text=_clean(c.body), author=_clean(c.author) or "?",
                                       initials=_clean(c.initials))
        for reply in _flatten(c.replies):
            comment.add_paragraph(f"↳ {_clean(reply.author)}: {_clean(reply.body)}")
        comment._comment_elm.date = _parse_time(c.created_at)


def _flatten(replies: Iterable[DocComment]) -> list[DocComment]:
    out: list[DocComment] = []
    for r in replies:
        out.append(r)
        out.extend(_flatten(r.replies))
    return out


# --------------------------------------------------------------------------------------------------
# Reproducible files
# --------------------------------------------------------------------------------------------------

def _parse_time(value: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return _EPOCH.replace(tzinfo=None)
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return max(when, _EPOCH.replace(tzinfo=None)).replace(microsecond=0)


def _timestamp(doc: TenderDocument) -> dt.datetime:
    return _parse_time(doc.generated_at)


def _set_core_properties(document: Any, doc: TenderDocument) -> None:
    lang = doc.language if doc.language in LANGUAGES else "en"
    cp = document.core_properties
    when = _timestamp(doc)
    cp.title = _clean(doc.title)[:255]
    cp.author = _clean(doc.organisation)[:255]
    cp.last_modified_by = _clean(doc.organisation)[:255]
    cp.subject = _words(lang)["document_type"]
    cp.language = V.LANGUAGE_TAG[lang]
    cp.identifier = _clean(doc.reference)[:255]
    cp.version = _clean(doc.version_label)[:255]
    cp.content_status = V.word(V.STATUS, lang, doc.status)
    cp.keywords = ""
    cp.comments = ""
    cp.revision = 1
    cp.created = when
    cp.modified = when


class _FixedZipWriter:
    """The PhysPkgWriter interface over a ZipFile whose entries all carry one fixed timestamp."""

    def __init__(self, date_time: tuple[int, int, int, int, int, int]) -> None:
        self.buffer = io.BytesIO()
        self._zip = zipfile.ZipFile(self.buffer, "w", compression=zipfile.ZIP_DEFLATED)
        self._date_time = date_time

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self._zip.writestr(zip_info(pack_uri.membername, self._date_time), blob)

    def close(self) -> None:
        self._zip.close()


def save_package(document: Any, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """Serialise a python-docx Document to bytes that depend only on its content and `date_time`
    (the ZIP entry time; parts in python-docx's fixed order)."""
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    writer = _FixedZipWriter(date_time)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)
    writer.close()
    return writer.buffer.getvalue()
