"""docxtpl rendering: the built-in masters (cached patching and compilation, strict XML, autoescape)
and the Jinja environments, with errors that name the failing tag and its line.

Rules (DESIGN.md, "Lessons from the anchors"): always render with autoescape=True, so an `&` in user
text cannot drop the rest of the document (python-docx-template #557); uploaded templates run in a
SandboxedEnvironment with StrictUndefined.
"""

from __future__ import annotations

import io
import re
import threading
import traceback
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from docx.oxml.ns import nsmap
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from app.exporters import vocabulary as V
from app.exporters.document import TenderDocument
from app.exporters.sandbox import sandbox_env as _bounded_sandbox
from app.exporters.word.context import build_context, language
from app.exporters.word.package import set_core_properties
from app.exporters.word.problem import TemplateProblem

TEMPLATE_DIR = Path(__file__).resolve().parents[3] / "exports" / "templates"
PARTS = ("spec", "qualification", "contract", "rfi")


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


class Template(DocxTemplate):
    """DocxTemplate with cached template compilation, strict XML and errors that name the tag."""

    def __init__(self, data: bytes, *, sandboxed: bool) -> None:
        super().__init__(io.BytesIO(data))
        self._sandboxed = sandboxed

    def patch_xml(self, src_xml: str) -> str:
        if self._sandboxed:  # uploaded templates are rendered rarely: not worth pinning in memory
            return super().patch_xml(src_xml)
        return _PATCHED.get(src_xml, lambda: super(Template, self).patch_xml(src_xml))

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        source = numbered(src_xml)
        try:
            if self._sandboxed:
                template = jinja_env.from_string(source)
            else:
                template = _COMPILED.get(source, lambda: jinja_env.from_string(source))
            dst_xml = template.render(context)
        except Exception as exc:
            raise problem(exc, source, str(part.partname).lstrip("/")) from exc
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


def numbered(src_xml: str) -> str:
    """Template source with one line per paragraph, as docxtpl renders it (line numbers ~ paragraphs)."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)


def render_builtin(doc: TenderDocument, part: str = "spec") -> Template:
    """The built-in master of `part` (spec, qualification, contract, rfi) rendered for `doc`."""
    tpl = Template(builtin_template(part, language(doc)), sandboxed=False)
    tpl.render(build_context(doc), _builtin_env(), autoescape=True)
    set_core_properties(tpl.docx, doc, part)
    return tpl


@lru_cache(maxsize=4 * len(PARTS))
def builtin_template(part: str, lang: str) -> bytes:
    """The bytes of the built-in master of `part` in `lang`."""
    if part not in PARTS or lang not in V.LANGUAGES:
        raise ValueError(f"no built-in Word template {part!r} for language {lang!r}")
    return (TEMPLATE_DIR / f"{part}_{lang}.docx").read_bytes()


@lru_cache(maxsize=1)
def _builtin_env() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def sandbox_env() -> SandboxedEnvironment:
    """Organisation templates render in the bounded sandbox (app/exporters/sandbox.py)."""
    return _bounded_sandbox()


def problem(exc: BaseException, source: str, part: str) -> TemplateProblem:
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
    names = re.findall(r"'([^']+)'", describe(exc))  # 'txt' in "has no attribute 'txt'"
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
    message += f": {describe(exc)}"
    return TemplateProblem(message, tag=tag, line=line, part=part)


_PART_NAMES = {"word/document.xml": "the document body", "word/header.xml": "a page header",
               "word/footer.xml": "a page footer"}


def describe(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return str(text).splitlines()[0][:300]
