"""The Word documents around the specification: tracked-change comparison, kinds kept apart, the
vocabulary in every document language, the wizard's need statements."""

from __future__ import annotations

import dataclasses
import io
import re

import docx
import pytest
from docx.oxml.ns import qn

from app.exporters import contract, qualification, rfi
from app.exporters import docx as spec
from app.exporters import vocabulary as V
from app.exporters.document import TenderDocument
from app.library.loader import load_library
from app.library.model import pick
from tests.factories import make_document

ROOT_LIBRARY = "requirement_library"


def _body(data: bytes):
    return docx.Document(io.BytesIO(data)).element.body


def _changed(doc: TenderDocument, key: str, **fields) -> TenderDocument:
    sections = tuple(dataclasses.replace(s, requirements=tuple(
        dataclasses.replace(r, **fields) if r.key == key else r for r in s.requirements)) for s in doc.sections)
    return dataclasses.replace(doc, sections=sections)


def test_comparison_is_tracked_changes_per_requirement_by_kravbygger_dated_with_the_later_version():
    old = make_document(12, "nb", status="approved")
    first, gone = old.sections[0].requirements[0], old.sections[1].requirements[0]
    new = _changed(old, first.key, text=first.text.replace("åpent grensesnitt", "dokumentert API"),
                   title="Ny tittel")
    new = dataclasses.replace(new, generated_at="2026-12-24T08:30:00+00:00", sections=(
        new.sections[0], dataclasses.replace(new.sections[1], requirements=new.sections[1].requirements[1:]),
        *new.sections[2:]))

    body = _body(spec.render_comparison(old, new))
    inserted = [t.text for t in body.iter(qn("w:t")) if t.getparent().getparent().tag == qn("w:ins")]
    deleted = [t.text for t in body.iter(qn("w:delText"))]
    marks = list(body.iter(qn("w:ins"), qn("w:del")))

    assert "dokumentert API" in "".join(inserted) and "Ny tittel" in "".join(inserted)
    assert "åpent grensesnitt" in "".join(deleted)
    assert any(gone.key in d and gone.text in d for d in deleted)  # the removed requirement, as deleted
    assert {m.get(qn("w:author")) for m in marks} == {"Kravbygger"}
    assert {m.get(qn("w:date")) for m in marks} == {"2026-12-24T08:30:00Z"}
    assert len({m.get(qn("w:id")) for m in marks}) == len(marks)


def test_comparison_of_identical_versions_has_no_changes():
    doc = make_document(6, "sv")
    body = _body(spec.render_comparison(doc, doc))
    assert list(body.iter(qn("w:ins"), qn("w:del"))) == []


def test_document_parts_keep_the_kinds_apart():
    doc = make_document(30, "nb")
    kinds = {r.kind for s in doc.specification_sections for r in s.requirements}
    assert kinds == {"requirement"}
    assert {r.kind for r in doc.qualification_requirements} == {"qualification"}
    assert {r.kind for r in doc.contract_conditions} == {"contract_condition"}
    assert len(doc.qualification_requirements) + len(doc.contract_conditions) + sum(
        len(s.requirements) for s in doc.specification_sections) == len(doc.requirements)


def test_a_frozen_document_with_scope_and_needs_survives_json():
    doc = make_document(6, "nb")
    again = TenderDocument.from_dict(doc.to_dict())
    assert again == doc
    old = {k: v for k, v in doc.to_dict().items() if k not in ("scope", "needs")}  # frozen before issue 12
    assert TenderDocument.from_dict(old).scope.empty


@pytest.mark.parametrize("render", [spec.render, qualification.render, contract.render, rfi.render])
@pytest.mark.parametrize("lang", V.LANGUAGES)
def test_every_document_renders_in_every_language(render, lang):
    document = docx.Document(io.BytesIO(render(make_document(12, lang))))
    assert document.paragraphs[0].text == "Nettbasert kontorstøtte"
    assert V.DOCUMENT[lang][{spec.render: "document_type", qualification.render: "qualification_type",
                             contract.render: "contract_type", rfi.render: "rfi_type"}[render]] in \
        document.paragraphs[1].text


def test_file_names_say_what_each_file_is():
    doc = make_document(1, "nb")
    assert [m.filename(doc) for m in (qualification, contract, rfi)] == [
        "2026-1234_Kvalifikasjonskrav_v0.1.docx", "2026-1234_Kontraktsvilkar_v0.1.docx",
        "2026-1234_Behovsbeskrivelse_markedsdialog_v0.1.docx"]
    assert spec.filename(doc, compare=True) == "2026-1234_Kravspesifikasjon_endringer_v0.1.docx"


def test_every_vocabulary_table_covers_every_language_with_the_same_keys():
    tables = {name: value for name, value in vars(V).items()
              if name.isupper() and isinstance(value, dict) and set(value) >= {"nb", "en"}}
    assert {"DOCUMENT", "OBLIGATION", "KIND", "CITATION_LABEL", "REJECTION", "SCORING", "FILENAME_STEM"} <= set(tables)
    for name, table in tables.items():
        assert set(table) >= set(V.LANGUAGES), name
        if isinstance(table["en"], dict):
            for lang in V.LANGUAGES:
                assert set(table[lang]) == set(table["en"]), (name, lang, set(table[lang]) ^ set(table["en"]))


@pytest.mark.parametrize("lang", V.LANGUAGES)
def test_rejection_and_scoring_are_worded_once_for_docx_and_xlsx(lang):
    from openpyxl import load_workbook

    from app.exporters import xlsx

    doc = make_document(6, lang)
    workbook = load_workbook(io.BytesIO(xlsx.render(doc)))
    sheet_text = " ".join(str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row
                          if c.value)
    word_text = " ".join(p.text for p in docx.Document(io.BytesIO(spec.render(doc))).paragraphs)
    for sentence in (V.rejection(lang), V.scoring(lang)):
        assert sentence in sheet_text and sentence in word_text


def test_citation_labels_and_units_are_translated():
    assert V.citation("Decision (EU) 2021/914", "nb") == "Beslutning (EU) 2021/914"
    assert V.citation("Regulation (EU) 2023/2854", "sv") == "Förordning (EU) 2023/2854"
    assert V.citation("Decision (EU) 2021/914", "en") == "Decision (EU) 2021/914"
    assert (V.unit("days", "nb"), V.unit("days", "sv"), V.unit("days", "en")) == ("dager", "dagar", "days")


NEED_STEPS_SKIPPED = ("procurement", "scope", "evaluation")  # cover facts, scope facts, award criteria


def test_every_answer_option_of_the_needs_steps_has_a_need_statement_in_every_language():
    wizard = load_library(ROOT_LIBRARY).wizard
    missing, wrong = [], []
    for step in wizard.steps:
        if step.id in NEED_STEPS_SKIPPED:
            continue
        for q in step.questions:
            for o in q.options:
                for lang in V.LANGUAGES:
                    text = (o.need or {}).get(lang, "")
                    if not text:
                        missing.append((q.id, o.value, lang))
                    elif "?" in text or re.search(r"\b(dere|dykk|dykkar|ni|you|your)\b", text) or pick_label(q, lang) in text:
                        wrong.append((q.id, o.value, lang, text))
    assert missing == [] and wrong == []


def pick_label(question, lang: str) -> str:
    return pick(question.label, lang)  # nn labels fall back to bokmål


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, tuple | list):
        return [s for v in value for s in _strings(v)]
    return []


WRONG_LANGUAGE = {  # words that give away the other Scandinavian language
    "nb": r"\b(Leverantör\w*|leverantör\w*|ska|och|inte|avtalet|upphandling\w*)\b|[äö]",
    "nn": r"\b(ikke|[Hh]jemmel|[Ii]nnhold|tilbud\w*|avvisning|dager|[Gg]odkjent|[Vv]eiledning\w*|brukere|"
          r"løsning\w*|hvordan|hvilke\w*|innenfor|nåsituasjon|avgjørelse|anskaffelse\w*|ska|och|inte)\b|[äö]",
    "sv": r"\b(Leverandør\w*|leverandør\w*|skal|og|ikke|avtalen|anskaffelse\w*)\b|[æø]",
    "en": r"\b(skal|ska|og|och|ikke|inte|kommunen)\b|[æøäöå]",
}


@pytest.mark.parametrize("lang", V.LANGUAGES)
def test_the_exporter_vocabulary_has_no_words_from_the_wrong_language(lang):
    tables = [value for name, value in vars(V).items() if name.isupper() and isinstance(value, dict) and lang in value]
    texts = [s for table in tables for s in _strings(table[lang])]
    assert texts
    assert [t for t in texts if re.search(WRONG_LANGUAGE[lang], t)] == []
