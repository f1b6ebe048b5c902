"""Organisation templates: an admin's own Word template, checked on upload and rendered in a Jinja
sandbox with StrictUndefined (open injection reports, python-docx-template #549, #632). Every problem
becomes a TemplateProblem whose message names the failing tag and its line."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from typing import Any

import jinja2
from docxtpl import DocxTemplate

from app.exporters.common import zip_date_time
from app.exporters.document import (
    AwardCriterion,
    DocComment,
    DocNeed,
    DocQuantity,
    DocReference,
    DocRequirement,
    DocScope,
    DocSection,
    TenderDocument,
)
from app.exporters.word.context import build_context
from app.exporters.word.engine import Template, TemplateProblem, describe, numbered, problem, sandbox_env
from app.exporters.word.package import save_package, set_core_properties
from app.library import upload_guard

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
_MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def render_org(doc: TenderDocument, template: bytes) -> bytes:
    """`doc` through an organisation's template; anything that fails raises TemplateProblem."""
    problems = _container_problems(template)
    if problems:
        raise TemplateProblem(problems[0])
    try:
        tpl = Template(template, sandboxed=True)
        tpl.render(build_context(doc), sandbox_env(), autoescape=True)
        set_core_properties(tpl.docx, doc)
        return save_package(tpl.docx, zip_date_time(doc))
    except TemplateProblem:
        raise
    except Exception as exc:  # anything an uploaded file can provoke becomes a TemplateProblem
        raise TemplateProblem(f"The template could not be rendered: {describe(exc)}") from exc


def check_template(data: bytes) -> list[str]:
    """Problems that stop `data` from being used as a Word template; an empty list means usable."""
    problems = _container_problems(data)
    if problems:
        return problems
    try:
        tpl = Template(data, sandboxed=True)
        document = tpl.get_docx()
    except Exception as exc:
        return [f"The file is not a Word document that can be read: {describe(exc)}"]
    env = sandbox_env()
    problems = _syntax_problems(tpl, document, env)
    if problems:
        return problems
    try:
        unknown = tpl.get_undeclared_template_variables(jinja_env=env, context=_sample_context())
    except Exception as exc:  # pragma: no cover - parse errors are caught above
        return [f"The template could not be read: {describe(exc)}"]
    problems.extend(
        f"The template uses the variable “{name}”, which the document does not provide."
        for name in sorted(unknown)
    )
    if problems:
        return problems
    try:  # a trial render finds misspelt attributes such as {{ r.txt }} and sandbox violations
        render_org(_sample_document(), data)
    except TemplateProblem as exc:
        problems.append(exc.message)
    return problems


def _syntax_problems(tpl: Template, document: Any, env: jinja2.Environment) -> list[str]:
    """Jinja syntax errors in the body, headers and footers, each naming its tag and line."""
    problems = []
    parts = [("word/document.xml", tpl.xml_to_string(document.element.body))]
    for uri in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
        for _rel, part in tpl.get_headers_footers(uri):
            parts.append((str(part.partname).lstrip("/"), tpl.get_part_xml(part)))
    for name, xml in parts:
        source = numbered(tpl.patch_xml(xml))
        try:
            env.compile(source)  # parse and compile: also finds unknown filters and tests
        except jinja2.TemplateSyntaxError as exc:
            problems.append(problem(exc, source, name).message)
    return problems


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
                       references=("r",), reference_kinds=("standard",), source_key="X-001", source_version=1, comments=(comment,))
        for i, (o, k, w, a) in enumerate((("must", "requirement", None, "yes_no"),
                                          ("should", "requirement", 10, "number"), ("must", "qualification", None, "attachment"),
                                          ("must", "contract_condition", None, "yes_no"),
                                          ("should", "award_criterion", 5, "text")), start=1)
    )
    return TenderDocument(
        language="nb", country="NO", organisation="o", title="t", reference="r", version_label="0.1",
        status="draft", date="2026-01-01", generated_at="2026-01-01T00:00:00+00:00", library_version="1",
        organisation_number="1", procedure="p", estimated_value="v", contract_period="c", needs_summary=("n",),
        needs=(DocNeed("t", ("n",)),), scope=DocScope(1, (DocQuantity("employees", "e", 1),), "l", "c", "g", "d", 1, 1, 1),
        sections=(DocSection("X", "x", "i", reqs),), award_criteria=(AwardCriterion("price", "p", 100),),
        references=(DocReference("r", "t", "EU", "law"),),
    )


def _sample_context() -> dict[str, Any]:
    return build_context(_sample_document())


