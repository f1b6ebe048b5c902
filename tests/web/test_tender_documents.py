"""The tender documents of a real project (the demo answers, the real library), read back as a buyer
and a supplier would: python-docx for the structure, LibreOffice + pdftotext for the layout."""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.oxml.ns import qn
from openpyxl import load_workbook

from app.cli import DEMO_ANSWERS
from app.exporters import contract, qualification, rfi, xlsx
from app.exporters import docx as spec
from app.exporters import vocabulary as V
from app.services import assembly, catalog, projects, proposal
from tests.conftest import save
from tests.pdfwords import broken_words, pdf_text, to_pdf


def _demo(app, buyer, lang: str):
    with app.test_request_context():
        return _assembled(buyer, lang)


def _assembled(buyer, lang: str):
    project = projects.create(buyer, title="Nettbasert kontorstøtte 2027", reference="2026/1234", language=lang)
    project.answers = {**DEMO_ANSWERS, "document_language": lang}
    project.step_state = {step.id: "saved" for step in catalog.library().wizard.steps}
    proposal.apply_proposal(buyer, project)
    save()
    return assembly.assemble(project)


@pytest.fixture
def demo(app, users):
    return _demo(app, users["buyer"], "nb")


def _read(data: bytes):
    return docx.Document(io.BytesIO(data))


def _keys(document) -> list[str]:
    """The requirement keys in the first column of the document's tables."""
    return [row.cells[0].text for t in document.tables if t.rows[0].cells[0].text == "ID" for row in t.rows[1:]]


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    parts += [p.text for s in document.sections for p in s.header.paragraphs]
    return "\n".join(parts).replace("\xa0", " ").replace("\u202f", " ")  # numbers group with no-break spaces


def test_each_kind_lands_in_its_own_document(demo):
    by_kind = {k: {r.key for r in demo.requirements if r.kind == k} for k in ("requirement", "qualification",
                                                                               "contract_condition")}
    assert {"SEC-001"} <= by_kind["qualification"]
    assert len(by_kind["contract_condition"]) >= 20
    documents = {"requirement": spec.render(demo), "qualification": qualification.render(demo),
                 "contract_condition": contract.render(demo)}
    for kind, data in documents.items():
        keys = _keys(_read(data))
        assert set(keys) == by_kind[kind], kind
        assert len(keys) == len(set(keys))
    assert _keys(_read(rfi.render(demo))) == []  # the RFI has no requirements


def test_no_table_has_more_than_four_columns_and_none_an_empty_answer_column(demo):
    for render in (spec.render, qualification.render, contract.render, rfi.render):
        document = _read(render(demo))
        for table in document.tables:
            assert len(table.columns) <= 4
            headers = [c.text for c in table.rows[0].cells]
            assert V.COLUMNS["nb"]["answer"] not in headers
    text = _text(_read(spec.render(demo)))
    assert V.DOCUMENT["nb"]["answer_channel"] in text  # and the text says where the supplier answers


def test_requirement_blocks_show_titles_and_sources_by_kind(demo):
    document = _read(spec.render(demo))
    titles = [p.text for p in document.element.body.iter(qn("w:p"))
              if p.xpath("./w:pPr/w:pStyle[@w:val='RequirementTitle']")]
    assert len(titles) == len([r for s in demo.specification_sections for r in s.requirements])
    text = _text(document)
    assert not re.search(r"Hjemmel: RFC", text)  # standards are "Standard", never a legal basis
    assert re.search(r"^Standard: .*RFC", text, re.M)
    assert re.search(r"^Hjemmel: ", text, re.M)


def test_needs_are_prose_about_the_municipality_and_scope_facts_are_present(demo):
    for data in (spec.render(demo), rfi.render(demo)):
        text = _text(_read(data))
        assert "?:" not in text and "Hva trenger" not in text
        assert not re.search(r"\bdere\b", text.split(V.DOCUMENT["nb"]["rfi_answer"])[0])
        for fact in ("1 450", "780", "Rådhuset, 9 skoler", "Exchange-servere", "mindre egen drift",
                     "1. september 2027", "inntil 2 år", "14 000 GB", "2 300"):
            assert fact in text, fact
        assert "Kommunen trenger e-post og kalender for alle brukere." in text
    assert "?" not in demo.summary and "2\xa0300" in demo.summary


def test_rfi_asks_suppliers_questions_and_states_no_requirements(demo):
    text = _text(_read(rfi.render(demo)))
    for question in V.DOCUMENT["nb"]["rfi_question_list"]:
        assert question in text
    assert V.DOCUMENT["nb"]["rfi_type"] in text
    assert not any(r.text in text for r in demo.requirements)


def test_qualification_requirements_point_to_the_espd(demo):
    text = _text(_read(qualification.render(demo)))
    assert "ESPD: Del IV D: Kvalitetssikringsordninger og miljøstyringsstandarder" in text
    assert V.rejection("nb") in text


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_labels_are_in_the_document_language(app, users, lang):
    doc = _demo(app, users["buyer"], lang)
    text = _text(_read(spec.render(doc)))
    words = V.DOCUMENT[lang]
    for key in ("document_type", "scope", "needs", "verification", "evidence"):
        assert words[key] in text
    for norwegian in ("Hjemmel", "Slik verifiseres", "Kravspesifikasjon", "Leverandøren", "Oppdragsgiver"):
        assert norwegian not in text
    assert "Decision (EU)" not in text if lang == "sv" else True
    assert V.citation("Decision (EU) 2021/914", "sv") == "Beslut (EU) 2021/914"


BOKMAL_ONLY = ("Hjemmel", "Innhold", "Innledning", "ikke", "Veiledning", "Oppdragsgiver", "tilbud", "Nåsituasjon",
               "Slik verifiseres", "brukere", "Behovsbeskrivelse", "avvisning", "Åpen", "Ansatte", "trenger")


def _nynorsk_words(text: str) -> list[str]:
    return [w for w in BOKMAL_ONLY if re.search(rf"\b{w}\b", text)]


def test_a_nynorsk_project_gets_nynorsk_documents_throughout(app, users):
    doc = _demo(app, users["buyer"], "nn")
    texts = {name: _text(_read(render(doc))) for name, render in (
        ("spec", spec.render), ("qualification", qualification.render), ("contract", contract.render),
        ("rfi", rfi.render))}
    for name, text in texts.items():  # the exporters' words and the wizard's need statements alike
        assert _nynorsk_words(text) == [], name
    # The SSA annex keeps its defined title; everything around it is nynorsk.
    assert "Bilag 1 – Kundens beskrivelse av behov og krav" in texts["spec"]
    assert "Open anbodskonkurranse" in texts["spec"]
    for word in ("Innhald", "Innleiing", "Heimel", "Bakgrunn, nosituasjon og omfang", "ikkje",
                 "Slik blir kravet verifisert", "Oppdragsgivar"):
        assert word in texts["spec"], word
    assert V.rejection("nn") in texts["spec"] and "ikkje" in V.rejection("nn")
    assert "Del IV" in texts["qualification"] and "krav til leverandøren sjølv" in texts["qualification"]
    assert "Kontraktsvilkår" in texts["contract"] and "heile avtaleperioden" in texts["contract"]
    assert "Spørsmål til leverandørane" in texts["rfi"]
    assert "Kommunen treng e-post og kalender for alle brukarar." in texts["rfi"]
    book = load_workbook(io.BytesIO(xlsx.render(doc)))
    cells = "\n".join(str(c.value) for ws in book.worksheets[:4] for row in ws.iter_rows() for c in row
                      if isinstance(c.value, str))
    assert book.sheetnames[:4] == ["Rettleiing", "Svarskjema", "Prisskjema", "Tildelingskriterium"]
    for word in ("Forventa verdi", "Eining", "Svaret til leverandøren", "ikkje", "Oppdragsgivar"):
        assert word in cells, word
    assert _nynorsk_words(cells) == []


@pytest.mark.slow
@pytest.mark.parametrize("font", [None, "DejaVu Sans"], ids=["carlito", "dejavu"])
def test_libreoffice_breaks_no_word_inside_itself(demo, tmp_path, font):
    for name, render in (("spec", spec.render), ("qualification", qualification.render),
                         ("contract", contract.render), ("rfi", rfi.render)):
        assert broken_words(render(demo), tmp_path, font=font, name=name) == [], name


@pytest.mark.slow
def test_table_of_contents_has_page_numbers_in_libreoffice(demo, tmp_path):
    pdf = to_pdf(spec.render(demo), tmp_path, "spec")
    pages = pdf_text(pdf).split("\f")
    contents = next(p for p in pages if V.DOCUMENT["nb"]["contents"] in p)
    entries = dict(re.findall(r"^\s*(\d+(?:\.\d+)?)\s+.*?\.{3,}\s*(\d+)\s*$", contents, re.M))
    assert {"1", "2", "3", "4", "5"} <= set(entries)
    for number, page in entries.items():
        if "." not in number:  # each chapter heading is on the page the contents name
            heading = re.compile(rf"^\s*{number}\s+\S", re.M)
            assert heading.search(pages[int(page) - 1]), (number, page)


@pytest.mark.slow
def test_the_check_finds_a_word_broken_in_a_narrow_column(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    layout = table._tbl.tblPr.makeelement(qn("w:tblLayout"), {qn("w:type"): "fixed"})
    table._tbl.tblPr.append(layout)
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), (680, 8500), strict=True):
        col.set(qn("w:w"), str(width))
    for cell, width in zip(table.rows[0].cells, (docx.shared.Twips(680), docx.shared.Twips(8500)), strict=True):
        cell.width = width
    table.rows[0].cells[0].text = "Kontraktsvilkår"
    out = io.BytesIO()
    document.save(out)
    assert broken_words(out.getvalue(), tmp_path, name="narrow") != []
