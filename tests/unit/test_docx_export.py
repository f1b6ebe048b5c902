"""Word export: every document is read back with python-docx (and its XML) and checked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from app.exporters import docx as exporter
from app.exporters import vocabulary as V
from app.exporters.award_words import price_model_text
from app.exporters.award_words import words as award_words
from app.exporters.document import DocComment, DocScope
from app.exporters.docx import TemplateProblem, check_template, filename, render, render_review_copy
from tests.factories import make_document, make_docx

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("nb", "nn", "sv", "en")
NASTY = "A & B <C> {{ 7*7 }} {% for %} 😀 مرحبا"
W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


def _read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def _headings(document) -> list[tuple[int, str]]:
    """(level, text) of every Title (0) and Heading n paragraph, in order."""
    out = []
    for p in document.paragraphs:
        name = p.style.name
        if name == "Title":
            out.append((0, p.text))
        elif m := re.fullmatch(r"Heading (\d)", name):
            out.append((int(m.group(1)), p.text))
    return out


def _requirement_tables(document):
    return [t for t in document.tables if t.rows[0].cells[0].text == "ID"]


@pytest.fixture(scope="module")
def nb_doc():
    return make_document(24, "nb")


@pytest.fixture(scope="module")
def nb_bytes(nb_doc):
    return render(nb_doc)


# -- structure ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_headings_are_title_then_heading_1_and_2_in_order(lang):
    doc = make_document(12, lang)
    words = V.DOCUMENT[lang]
    award = award_words(lang)
    headings = _headings(_read(render(doc)))

    assert headings[0] == (0, doc.title)
    previous = 0
    for level, _text in headings:
        assert level <= previous + 1, f"heading level skipped: {headings}"
        previous = level
    expected = [
        (0, doc.title),
        (1, f"1\t{words['introduction']}"),
        (2, f"1.1\t{words['obligation_levels']}"),
        (1, f"2\t{words['scope']}"),
        (1, f"3\t{words['needs']}"),
        *[(2, f"3.{i}\t{t.topic}") for i, t in enumerate(doc.needs, start=1)],
        (1, f"4\t{words['requirements']}"),
        *[(2, f"4.{i}\t{s.name}") for i, s in enumerate(doc.specification_sections, start=1)],
        (1, f"5\t{words['award_criteria']}"),
        (2, f"5.1\t{award['should_weights']}"),
        (2, f"5.2\t{award['scale']}"),
        (2, f"5.3\t{award['price_model']}: {price_model_text(lang, 'linear', 10)[0]}"),
        (2, f"5.4\t{words['evaluation']}"),
        (1, f"{words['annex']}: {words['references']}"),
    ]
    assert headings == expected


def test_each_category_table_has_one_row_per_requirement(nb_doc, nb_bytes):
    tables = _requirement_tables(_read(nb_bytes))

    assert len(tables) == len(nb_doc.specification_sections)
    for table, section in zip(tables, nb_doc.specification_sections, strict=True):
        rows = table.rows[1:]
        assert len(rows) == len(section.requirements)
        assert [r.cells[0].text for r in rows] == [req.key for req in section.requirements]
        assert len(table.columns) == 3  # no empty answer column: the supplier answers in the matrix
        assert all(req.kind == "requirement" for req in section.requirements)


def test_requirement_row_shows_need_text_verification_and_evidence(nb_doc, nb_bytes):
    req = nb_doc.sections[0].requirements[0]
    row = _requirement_tables(_read(nb_bytes))[0].rows[1]
    title, need, text, verification, method, evidence, law, standard = (p.text for p in row.cells[1].paragraphs)

    assert title == req.title
    assert need == f"Behov: {req.need}"
    assert text == req.text
    assert verification == f"Slik verifiseres kravet: {req.verification}"
    assert method == "Verifiseringsmetode: Dokumentasjon, demonstrasjon"
    assert evidence == f"Dokumentasjon: {req.evidence}"
    assert (law, standard) == ("Hjemmel: GDPR art. 28", "Standard: ISO/IEC 27001:2022")


@pytest.mark.parametrize("lang", LANGS)
def test_obligation_words_are_in_the_document_language(lang):
    doc = make_document(12, lang)
    tables = _requirement_tables(_read(render(doc)))
    words = {row.cells[2].paragraphs[0].text for t in tables for row in t.rows[1:]}

    assert words == {V.OBLIGATION[lang]["must"], V.OBLIGATION[lang]["should"]}
    should = next(r for r in doc.requirements if r.obligation == "should")
    row = next(row for t in tables for row in t.rows[1:] if row.cells[0].text == should.key)
    assert row.cells[2].paragraphs[1].text == f"{V.DOCUMENT[lang]['weight']} {should.weight}"


def test_award_criteria_and_references_are_listed(nb_doc, nb_bytes):
    document = _read(nb_bytes)
    award = next(t for t in document.tables if t.rows[0].cells[0].text == "Tildelingskriterium")
    laws, standards = (t for t in document.tables if t.rows[0].cells[0].text == "Referanse")

    assert [(r.cells[0].text, r.cells[1].text) for r in award.rows[1:]] == [
        ("Pris", "40"), ("Kvalitet", "30"), ("Klima og miljø", "30"), ("Sum", "100")]
    assert [(r.cells[0].text, r.cells[2].text) for r in laws.rows[1:]] == [("GDPR", "EU/EØS")]
    assert [(r.cells[0].text, r.cells[2].text) for r in standards.rows[1:]] == [("ISO/IEC 27001:2022", "Internasjonal")]
    groups = [p.text for p in document.paragraphs if p.style.name == "Subheading"]
    assert groups[-2:] == ["Lover og forskrifter", "Standarder"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kommunen trenger e-post og kalender. Kommunen deler filer." in text
    assert V.rejection("nb") in text


def test_document_without_requirements_criteria_or_references_still_has_its_structure():
    doc = dataclasses.replace(make_document(0, "sv"), needs_summary=(), needs=(), award_criteria=(), references=(),
                              scope=DocScope())
    document = _read(render(doc))

    assert [level for level, _ in _headings(document)] == [0, 1, 2, 1, 1, 1, 1, 2, 1]
    text = "\n".join(p.text for p in document.paragraphs)
    for key in ("no_scope", "no_needs", "no_award_criteria", "no_references"):
        assert V.DOCUMENT["sv"][key] in text
    assert document.tables == []


def test_cover_shows_organisation_reference_version_status_and_date(nb_bytes):
    cover = {p.text.split("\t")[0]: p.text.split("\t")[1]
             for p in _read(nb_bytes).paragraphs if p.style.name == "Cover Fact"}

    assert cover["Oppdragsgiver"] == "Eksempel kommune"
    assert cover["Saksnummer"] == "2026/1234"
    assert cover["Versjon"] == "0.1"
    assert cover["Status"] == "Utkast"
    assert cover["Dato"] == "2026-11-23"
    assert "Organisasjonsnummer" not in cover  # empty optional facts are left out


def test_table_of_contents_has_a_page_reference_to_every_heading(nb_bytes):
    settings = _part(nb_bytes, "word/settings.xml")
    body = _part(nb_bytes, "word/document.xml")

    assert settings.find("w:updateFields", W).get(qn("w:val")) == "true"  # Word refreshes them on open
    targets = [t.text.split()[1] for t in body.iterfind(".//w:instrText", W) if t.text.strip().startswith("PAGEREF")]
    headings = [b.get(qn("w:name")) for p in body.iterfind(".//w:p", W)
                if p.find("w:pPr/w:pStyle", W) is not None
                and p.find("w:pPr/w:pStyle", W).get(qn("w:val")).startswith("Heading")
                for b in p.iterfind("w:bookmarkStart", W) if b.get(qn("w:name")).startswith("_Toc")]
    assert targets == headings
    assert len(targets) == 2 + 2 + 2 + 1 + 6 + 5 + 1


# -- accessibility -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_document_language_is_set_in_styles_and_properties(lang):
    data = render(make_document(6, lang))
    lang_el = _part(data, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", W)

    assert lang_el.get(qn("w:val")) == {"nb": "nb-NO", "nn": "nn-NO", "sv": "sv-SE", "en": "en-GB"}[lang]
    assert _read(data).core_properties.language == lang_el.get(qn("w:val"))


def test_core_properties_carry_title_author_and_fixed_dates(nb_doc, nb_bytes):
    props = _read(nb_bytes).core_properties
    generated = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)

    assert props.title == nb_doc.title
    assert props.author == nb_doc.organisation
    assert props.created == generated
    assert props.modified == generated
    assert props.identifier == nb_doc.reference


@pytest.mark.parametrize("lang", LANGS)
def test_draft_marker_in_header_only_for_drafts(lang):
    marker = V.DRAFT[lang]
    draft = _read(render(make_document(6, lang, status="in_review")))
    approved = _read(render(make_document(6, lang, status="approved")))

    def header_text(document):
        return "\n".join(p.text for s in document.sections for p in s.header.paragraphs)

    assert marker in header_text(draft)
    assert marker not in header_text(approved)
    assert "2026/1234" in header_text(approved)


def test_every_table_repeats_its_header_row_and_only_that_row(nb_bytes):
    tables = _read(nb_bytes).tables
    # users by group, six categories; criteria, should-requirements, point scale; two reference groups
    assert len(tables) == 1 + 6 + 3 + 2

    for table in tables:
        flags = [row._tr.find(qn("w:trPr")) is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
                 for row in table.rows]
        assert flags[0] is True
        assert not any(flags[1:])


def test_no_empty_paragraphs_outside_tables(nb_bytes):
    body = _read(nb_bytes).element.body
    empty = [p for p in body.iterchildren(qn("w:p")) if not "".join(p.itertext()).strip()]
    assert empty == []


def _contrast(fg: str, bg: str = "FFFFFF") -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_text_colours_have_sufficient_contrast(nb_bytes):
    styles = _part(nb_bytes, "word/styles.xml")
    by_id = {s.get(qn("w:styleId")): s for s in styles.iterfind("w:style", W)}
    parts = [_part(nb_bytes, n) for n in ("word/document.xml", "word/header1.xml", "word/footer1.xml")]
    used = {e.get(qn("w:val")) for part in parts for e in part.iter(qn("w:pStyle"), qn("w:rStyle"))}
    todo, seen = list(used), set()
    while todo:  # add the styles they are based on
        sid = todo.pop()
        if sid in seen or sid not in by_id:
            continue
        seen.add(sid)
        based = by_id[sid].find("w:basedOn", W)
        if based is not None:
            todo.append(based.get(qn("w:val")))
    colours = {(sid, c.get(qn("w:val"))) for sid in seen for c in by_id[sid].iter(qn("w:color"))}
    colours |= {("direct", c.get(qn("w:val"))) for part in parts for c in part.iter(qn("w:color"))
                if c.getparent().tag == qn("w:rPr")}
    fills = {s.get(qn("w:fill")) for part in parts for s in part.iter(qn("w:shd"))}

    for sid, colour in colours:
        if colour == "auto":
            continue
        if colour == "FFFFFF":  # white header text, only on dark table header cells
            assert sid == "TableHeading"
            assert all(_contrast(colour, fill) >= 7 for fill in fills)
        else:
            assert _contrast(colour) >= 4.5, (sid, colour)


# -- review copy ----------------------------------------------------------------------------------

def test_review_copy_attaches_every_comment_to_its_text():
    base = make_document(12, "nb", with_comments=True)
    reply = DocComment("Per Innkjøper", "PI", "Ja, se veilederen.", "2026-11-21T09:30:00+00:00")
    first = base.sections[0].requirements[0]
    first = dataclasses.replace(first, comments=(dataclasses.replace(first.comments[0], replies=(reply,)),))
    section = dataclasses.replace(base.sections[0], requirements=(first, *base.sections[0].requirements[1:]),
                                  comments=(DocComment("Ola Leder", "OL", "Mangler krav?", "2026-11-22T08:00:00+00:00"),))
    doc = dataclasses.replace(base, sections=(section, *base.sections[1:]))
    expected_req = [(r.text, c) for s in doc.specification_sections for r in s.requirements for c in r.comments]

    data = render_review_copy(doc)
    document = _read(data)
    comments = list(document.comments)

    assert len(comments) == len(expected_req) + 1 + 1
    body = _part(data, "word/document.xml")
    anchored = {}
    for start in body.iter(qn("w:commentRangeStart")):
        cid = start.get(qn("w:id"))
        texts, node = [], start.getnext()
        while node is not None and not (node.tag == qn("w:commentRangeEnd") and node.get(qn("w:id")) == cid):
            texts.append("".join(node.itertext()))
            node = node.getnext()
        anchored[int(cid)] = "".join(texts)
    by_body = {c.comment_id: c for c in comments}

    req_comments = [(anchored[cid], c) for cid, c in by_body.items() if c.author == "Liv Jurist"
                    and anchored[cid] != doc.title]
    assert sorted((t, c.paragraphs[0].text) for t, c in req_comments) == sorted(
        (t, c.body) for t, c in expected_req)
    first_comment = next(c for t, c in req_comments if t == first.text)
    assert first_comment.initials == "LJ"
    assert first_comment.timestamp == dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
    assert [p.text for p in first_comment.paragraphs] == [
        "Er krav 1 forholdsmessig?", "↳ Per Innkjøper: Ja, se veilederen."]
    section_comment = next(c for c in comments if c.author == "Ola Leder")
    assert anchored[section_comment.comment_id] == f"4.1\t{section.name}".replace("\t", "")
    doc_comment = next(c for c in comments if c.paragraphs[0].text == "Se over vektingen.")
    assert anchored[doc_comment.comment_id] == doc.title


def test_review_copy_without_comments_has_no_comments_part():
    data = render_review_copy(make_document(6, "en"))
    assert list(_read(data).comments) == []


# -- safety ---------------------------------------------------------------------------------------

def test_user_text_appears_literally(nb_doc):
    doc = dataclasses.replace(make_document(12, "nb", text=NASTY), title=NASTY, organisation=NASTY)
    document = _read(render(doc))

    texts = [p.text for t in _requirement_tables(document) for row in t.rows[1:]
             for p in row.cells[1].paragraphs if p.style.name == "Requirement"]
    assert texts == [NASTY] * len(doc.specification_sections[0].requirements + tuple(
        r for s in doc.specification_sections[1:] for r in s.requirements))
    assert document.paragraphs[0].text == NASTY
    assert document.core_properties.title == NASTY
    assert NASTY in document.sections[0].header.paragraphs[0].text
    assert "49" not in "".join(texts)


def test_ampersand_does_not_drop_the_rest_of_the_document():
    # python-docx-template #557: without autoescape an "&" silently truncates the document
    doc = make_document(12, "nb", text="Smith & Wesson")
    headings = _headings(_read(render(doc)))
    assert headings[-1] == (1, "Vedlegg A: Referanser")
    assert sum(len(t.rows) - 1 for t in _requirement_tables(_read(render(doc)))) == len(
        [r for s in doc.specification_sections for r in s.requirements])


def test_control_characters_are_removed():
    doc = make_document(6, "nb", text="bell\x07 form\x0c feed\x00")
    texts = [p.text for t in _requirement_tables(_read(render(doc)))
             for row in t.rows[1:] for p in row.cells[1].paragraphs if p.style.name == "Requirement"]
    assert texts == ["bell form feed"] * 5  # the fifth is a qualification requirement


@pytest.mark.parametrize("tag", [
    "{{ cycler.__init__.__globals__ }}",
    "{{ title.__class__.__mro__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ title|safe }}",
    "{{ 'a' * 100000000 }}",
])
def test_organisation_template_cannot_escape_the_sandbox(tag):
    template = make_docx("Tittel: {{ title }}", tag)

    with pytest.raises(TemplateProblem) as raised:
        render(make_document(3, "nb"), template)
    assert tag in raised.value.message
    assert raised.value.line == 2
    assert check_template(template)


def test_organisation_template_renders_user_text_literally():
    template = make_docx("{{ title }}", "{%p for r in requirements %}", "{{ r.key }}: {{ r.text }}",
                             "{%p endfor %}")
    doc = dataclasses.replace(make_document(2, "sv", text=NASTY), title=NASTY)

    assert check_template(template) == []
    texts = [p.text for p in _read(render(doc, template)).paragraphs]
    assert texts == [NASTY, f"API-001: {NASTY}", f"ARK-002: {NASTY}"]


def test_check_template_rejects_a_file_that_is_not_docx():
    assert check_template(b"%PDF-1.7 not a word file") == ["The file is not a Word document (.docx)."]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert check_template(buf.getvalue()) == ["The file is not a Word document (.docx)."]
    with pytest.raises(TemplateProblem):
        render(make_document(1), b"not a zip")


def test_check_template_rejects_a_file_over_5_mb():
    problems = check_template(b"PK\x03\x04" + b"\0" * (5 * 1024 * 1024))
    assert len(problems) == 1
    assert "5 MB" in problems[0]


def test_check_template_names_unknown_variables():
    problems = check_template(make_docx("{{ title }}", "{{ tender_owner }}"))
    assert problems == ["The template uses the variable “tender_owner”, which the document does not provide."]


def test_check_template_names_a_misspelt_attribute_with_tag_and_line():
    problems = check_template(make_docx("{{ title }}", "{%p for r in requirements %}", "{{ r.txt }}",
                                            "{%p endfor %}"))
    assert len(problems) == 1
    assert "{{ r.txt }}" in problems[0]
    assert "line 2" in problems[0]


def test_syntax_error_names_the_tag_and_line():
    template = make_docx("Intro", "{{ title }}", "{% if is_draft %}", "never closed")

    problems = check_template(template)
    assert len(problems) == 1
    assert "Syntax error" in problems[0] and "{% if is_draft %}" in problems[0] and "line 3" in problems[0]
    with pytest.raises(TemplateProblem) as raised:
        render(make_document(1), template)
    assert raised.value.tag == "{% if is_draft %}"
    assert raised.value.line == 3


def test_macro_enabled_documents_are_refused():
    data = make_docx("{{ title }}")
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            blob = src.read(item)
            if item.filename == "[Content_Types].xml":
                blob = blob.replace(b"document.main+xml", b"macroEnabled.main+xml")
            dst.writestr(item, blob)
    assert "macro" in check_template(buf.getvalue())[0]


# -- reproducibility ------------------------------------------------------------------------------

def test_same_document_renders_to_identical_bytes(nb_doc, nb_bytes):
    assert render(nb_doc) == nb_bytes
    with_comments = make_document(12, "sv", with_comments=True)
    assert render_review_copy(with_comments) == render_review_copy(with_comments)
    with zipfile.ZipFile(io.BytesIO(nb_bytes)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2026, 11, 23, 12, 0, 0)}
        assert zf.namelist()[0] == "[Content_Types].xml"


def test_built_in_templates_match_the_build_script():
    spec = importlib.util.spec_from_file_location("build_templates", ROOT / "exports" / "build_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed_files = sorted(p.name for p in (ROOT / "exports" / "templates").glob("*.docx"))
    assert committed_files == sorted([f"{part}_{lang}.docx" for part in exporter.PARTS for lang in V.LANGUAGES]
                                     + [f"evaluation_{lang}.docx" for lang in V.LANGUAGES])
    for part in exporter.PARTS:
        for lang in V.LANGUAGES:
            built = zipfile.ZipFile(io.BytesIO(module.build(part, lang)))
            committed = zipfile.ZipFile(ROOT / "exports" / "templates" / f"{part}_{lang}.docx")
            assert built.namelist() == committed.namelist()
            for name in built.namelist():
                assert built.read(name) == committed.read(name), (
                    f"exports/templates/{part}_{lang}.docx is out of date ({name}): "
                    "run .venv/bin/python exports/build_templates.py")


def test_every_built_in_template_passes_its_own_check():
    for part in exporter.PARTS:
        for lang in V.LANGUAGES:
            assert check_template(exporter.builtin_template(part, lang)) == []


# -- names ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "expected"), [
    ("nb", "2026-1234_Bilag1_Kravspesifikasjon_v0.1.docx"),
    ("sv", "2026-1234_Bilaga1_Kravspecifikation_v0.1.docx"),
    ("en", "2026-1234_Annex1_Requirement_specification_v0.1.docx"),
])
def test_filename(lang, expected):
    assert filename(make_document(1, lang)) == expected


def test_filename_is_ascii_safe():
    doc = dataclasses.replace(make_document(1), reference="Sak ÆØÅ/2026 «ny»", version_label="1.0")
    assert filename(doc) == "sak-aeoa-2026-ny_Bilag1_Kravspesifikasjon_v1.0.docx"
    assert filename(doc, review=True) == "sak-aeoa-2026-ny_Kravspesifikasjon_kommentarer_v1.0.docx"
    assert exporter.MEDIA_TYPE == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# -- LibreOffice ----------------------------------------------------------------------------------

@pytest.mark.slow
def test_libreoffice_converts_the_document_to_pdf(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed: `soffice` is needed to check that exported Word files "
                    "open (apt-get install libreoffice-writer).")
    source = tmp_path / "spec.docx"
    source.write_bytes(render_review_copy(make_document(30, "nb", with_comments=True, text=NASTY)))
    profile = tmp_path / "lo-profile"

    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=120, check=False)

    pdf = tmp_path / "spec.pdf"
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert pdf.exists(), result.stdout.decode(errors="replace") + result.stderr.decode(errors="replace")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 10_000
