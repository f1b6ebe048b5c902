"""Build every Word master template: exports/templates/<part>_<lang>.docx for each document part
(spec, qualification, contract, rfi) and each document language.

    .venv/bin/python exports/build_templates.py

The masters are docxtpl templates made with python-docx from python-docx's blank document. The
fixed words come from app/exporters/vocabulary.py (and document_words.py) and are baked into each
language's master; the variable parts are Jinja tags whose context is described in
exports/README.md. Rerun this script after changing the vocabulary or the layout and commit the
.docx files; a unit test checks that they are up to date. The output depends only on this script
and its inputs (fixed dates, fixed ZIP entry times), so a rerun changes nothing.

The documents, as Norwegian and Swedish buyers publish them:
- spec: the specification, the annex to SSA-sky/SSA-L ("Bilag 1 – Kundens beskrivelse av behov og
  krav"; Sweden "Kravspecifikation"): cover, contents, introduction with obligation levels and the
  answer channel, background/current situation/scope, needs as prose, requirements in blocks of
  three columns (ID | title, need, requirement, verification, documentation, references |
  must/should), the evaluation chapter as one separable part (bookmark `kb_part_evaluation`), and
  the references annex;
- qualification: requirements on the supplier, each with the ESPD part where it is declared;
- contract: the contract conditions annex;
- rfi: the needs description for market dialogue: scope, needs, questions, no requirements.

The table of contents is static: one paragraph per heading with a PAGEREF field to the heading's
bookmark. LibreOffice computes PAGEREF when it lays the document out, and Word refreshes the fields
on open (w:updateFields), so both show page numbers without a manual update.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402

from app.exporters import vocabulary as V  # noqa: E402
from app.exporters.award_words import words as award_words  # noqa: E402
from app.exporters.docx import PARTS, REQUIREMENT_STYLE, SECTION_BOOKMARK, save_package  # noqa: E402
from exports import template_kit as K  # noqa: E402
from exports.evaluation_chapter import evaluation_chapter  # noqa: E402

OUT_DIR = ROOT / "exports" / "templates"
BUILT_AT = dt.datetime(2026, 1, 1)  # fixed, so rebuilding gives the same files
EVALUATION_PART = "kb_part_evaluation"  # bookmark around the evaluation chapter (issue 13 replaces it)

# ID | requirement (title, need, text, verification, documentation, references) | must/should
REQ_WIDTHS = (2.4, 12.0, 2.6)
ITEM_WIDTHS = (2.4, 14.6)  # qualification requirements and contract conditions
_TYPE = {"spec": "document_type", "qualification": "qualification_type", "contract": "contract_type",
         "rfi": "rfi_type"}
_SHORT = {"spec": "document_short", "qualification": "qualification_type", "contract": "contract_type",
          "rfi": "rfi_type"}


def build(part: str, lang: str) -> bytes:
    w = V.DOCUMENT[lang]
    doc = Document()
    K.clean_package(doc)
    K.page_setup(doc)
    K.styles(doc, lang)
    K.settings(doc, lang)
    K.header_footer(doc, lang, w[_SHORT[part]])
    body = K.Body(doc)
    _cover(body, w, w[_TYPE[part]])
    {"spec": _spec, "qualification": _qualification, "contract": _contract, "rfi": _rfi}[part](doc, body, w, lang)
    cp = doc.core_properties
    cp.title = cp.subject = w[_TYPE[part]]
    cp.author = cp.last_modified_by = "Kravbygger"
    cp.language = V.LANGUAGE_TAG[lang]
    cp.revision = 1
    cp.created = cp.modified = BUILT_AT
    return save_package(doc, BUILT_AT.timetuple()[:6])


# --------------------------------------------------------------------------------------------------
# The documents
# --------------------------------------------------------------------------------------------------

def _spec(doc, body: K.Body, w: dict, lang: str) -> None:
    _toc(body, w, [
        (1, "_Toc_kb_intro", f"1\t{w['introduction']}"),
        (2, "_Toc_kb_levels", f"1.1\t{w['obligation_levels']}"),
        (1, "_Toc_kb_scope", f"2\t{w['scope']}"),
        (1, "_Toc_kb_needs", f"3\t{w['needs']}"),
        ("loop", "{%p for t in need_topics %}", (2, "_Toc_kb_need_{{ loop.index }}", "3.{{ loop.index }}\t{{ t.topic }}")),
        (1, "_Toc_kb_requirements", f"4\t{w['requirements']}"),
        ("loop", "{%p for s in sections %}", (2, SECTION_BOOKMARK + "{{ loop.index }}", "4.{{ loop.index }}\t{{ s.name }}")),
        (1, "_Toc_kb_award", f"5\t{w['award_criteria']}"),
        ("if", "{%p if award_criteria %}", (2, "_Toc_kb_award_should", f"5.1\t{award_words(lang)['should_weights']}")),
        ("if", "{%p if award_criteria %}", (2, "_Toc_kb_award_scale", f"5.2\t{award_words(lang)['scale']}")),
        ("if", "{%p if award_criteria and award_model.has_price %}",
         (2, "_Toc_kb_award_price", f"5.3\t{award_words(lang)['price_model']}: {{{{ award_model.price_model_name }}}}")),
        (2, "_Toc_kb_evaluation", f"5.4\t{w['evaluation']}"),
        (1, "_Toc_kb_annex", f"{w['annex']}: {w['references']}"),
    ])
    body.heading(f"1\t{w['introduction']}", 1, "_Toc_kb_intro", page_break=True)
    body.para(K.with_vars(w["intro_text"]))
    body.para(w["answer_channel"])
    body.para(w["other_documents"])
    body.heading(f"1.1\t{w['obligation_levels']}", 2, "_Toc_kb_levels")
    body.para(w["obligation_intro"], keep_with_next=True)
    for explanation in ("{{ rejection }}", "{{ scoring }}"):
        body.para(explanation, style="List Bullet")
    _scope_chapter(doc, body, w, "2")
    _needs_chapter(body, w, "3")
    _requirements_chapter(doc, body, w, lang, "4")
    _evaluation_part(doc, body, w, lang, "5")
    _references_annex(doc, body, w)


def _qualification(doc, body: K.Body, w: dict, lang: str) -> None:
    body.heading(f"1\t{w['introduction']}", 1, "_Toc_kb_intro", page_break=True)
    body.para(K.with_vars(w["qualification_intro"]))
    body.para("{{ rejection }}")
    body.heading(f"2\t{w['qualification_type']}", 1, "_Toc_kb_items")
    _items_table(doc, body, w, lang, "qualification_requirements", w["qualification_type"], "no_qualification",
                 [(f"{w['espd']}: {{{{ r.espd }}}}", "Table Note", "r.espd")])


def _contract(doc, body: K.Body, w: dict, lang: str) -> None:
    body.heading(f"1\t{w['introduction']}", 1, "_Toc_kb_intro", page_break=True)
    body.para(K.with_vars(w["contract_intro"]))
    body.heading(f"2\t{V.KIND[lang]['contract_condition']}", 1, "_Toc_kb_items")
    _items_table(doc, body, w, lang, "contract_conditions", w["contract_type"], "no_contract", [])


def _rfi(doc, body: K.Body, w: dict, lang: str) -> None:
    _toc(body, w, [
        (1, "_Toc_kb_intro", f"1\t{w['introduction']}"),
        (1, "_Toc_kb_scope", f"2\t{w['scope']}"),
        (1, "_Toc_kb_needs", f"3\t{w['needs']}"),
        ("loop", "{%p for t in need_topics %}", (2, "_Toc_kb_need_{{ loop.index }}", "3.{{ loop.index }}\t{{ t.topic }}")),
        (1, "_Toc_kb_questions", f"4\t{w['rfi_questions']}"),
        (1, "_Toc_kb_answer", f"5\t{w['rfi_answer']}"),
    ])
    body.heading(f"1\t{w['introduction']}", 1, "_Toc_kb_intro", page_break=True)
    body.para(K.with_vars(w["rfi_intro"]))
    _scope_chapter(doc, body, w, "2")
    _needs_chapter(body, w, "3")
    body.heading(f"4\t{w['rfi_questions']}", 1, "_Toc_kb_questions", page_break=True)
    body.para(w["rfi_questions_intro"], keep_with_next=True)
    for question in w["rfi_question_list"]:
        body.para(question, style="List Number")
    body.heading(f"5\t{w['rfi_answer']}", 1, "_Toc_kb_answer")
    body.para(K.with_vars(w["rfi_answer_text"]))


# --------------------------------------------------------------------------------------------------
# Parts shared by the documents
# --------------------------------------------------------------------------------------------------

def _cover(body: K.Body, w: dict, document_type: str) -> None:
    body.para("{{ title }}", style="Title")
    body.para(document_type, style="Subtitle")
    facts = [
        ("organisation", "organisation"), ("organisation_number", "organisation_number"),
        ("reference", "reference"), ("version", "version"), ("status", "status_label"), ("date", "date"),
        ("procedure", "procedure"), ("estimated_value", "estimated_value"),
        ("contract_period", "contract_period"), ("library_version", "library_version"),
    ]
    optional = {"organisation_number", "reference", "procedure", "estimated_value", "contract_period"}
    for label, var in facts:
        if var in optional:
            body.control(f"{{%p if {var} %}}")
        p = body.para(style="Cover Fact")
        p.add_run(w[label]).bold = True
        p.add_run("\t{{ " + var + " }}")
        if var in optional:
            body.control("{%p endif %}")


def _toc(body: K.Body, w: dict, entries: list) -> None:
    """A static table of contents: a hyperlink and a PAGEREF field per heading."""
    body.para(w["contents"], style="TOC Heading", page_break=True)
    for entry in entries:
        if entry[0] in ("loop", "if"):
            body.control(entry[1])
            _toc_line(body, *entry[2])
            body.control("{%p endfor %}" if entry[0] == "loop" else "{%p endif %}")
        else:
            _toc_line(body, *entry)


def _toc_line(body: K.Body, level: int, anchor: str, text: str) -> None:
    p = body.para(style=f"toc {level}")
    K.hyperlink(p, anchor, text)
    p.add_run("\t")
    K.field_begin(p, f" PAGEREF {anchor} \\h ")
    K.field_end(p)


def _scope_chapter(doc, body: K.Body, w: dict, number: str) -> None:
    body.heading(f"{number}\t{w['scope']}", 1, "_Toc_kb_scope", page_break=True)
    body.control("{%p if scope.any %}")
    body.para(w["scope_intro"])
    body.control("{%p if scope.users_text or scope.user_groups %}")
    body.para(w["users"], style="Subheading")
    body.control("{%p if scope.users_text %}")
    body.para("{{ scope.users_text }}", keep_with_next=True)
    body.control("{%p endif %}")
    body.control("{%p if scope.user_groups %}")
    table = K.Table(doc, [w["user_group"], w["count"]], (11.0, 6.0), caption=w["users"])
    table.table.rows[0].cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    table.control("{%tr for g in scope.user_groups %}")
    cells = table.row()
    K.fill_cell(cells[0], [("{{ g.label }}", "Table Text", False)])
    K.fill_cell(cells[1], [("{{ g.count }}", "Table Text", False)], align=WD_ALIGN_PARAGRAPH.RIGHT)
    table.control("{%tr endfor %}")
    body.control("{%p endif %}")
    body.control("{%p endif %}")
    for key, var in (("locations", "scope.locations"), ("current_situation", "scope.current_situation"),
                     ("goals", "scope.goals"), ("contract", "scope.contract_text"),
                     ("migration", "scope.data_volume_text")):
        body.control(f"{{%p if {var} %}}")
        body.para(w[key], style="Subheading")
        body.para(f"{{{{ {var} }}}}")
        body.control("{%p endif %}")
    body.control("{%p else %}")
    body.para(w["no_scope"])
    body.control("{%p endif %}")


def _needs_chapter(body: K.Body, w: dict, number: str) -> None:
    body.heading(f"{number}\t{w['needs']}", 1, "_Toc_kb_needs", page_break=True)
    body.control("{%p if need_topics %}")
    body.para(w["needs_intro"])
    body.control("{%p for t in need_topics %}")
    body.heading(f"{number}.{{{{ loop.index }}}}\t{{{{ t.topic }}}}", 2, "_Toc_kb_need_{{ loop.index }}",
                 bookmark_id="{{ 200 + loop.index }}")
    body.para("{{ t.text }}")
    body.control("{%p endfor %}")
    body.control("{%p else %}")
    body.para(w["no_needs"])
    body.control("{%p endif %}")


def _requirement_paragraphs(w: dict) -> list[tuple[str, str, bool]]:
    """The requirement block: title, need, requirement, verification, method, documentation, references."""
    return [
        ("{{ r.title }}", "RequirementTitle", True),
        ("{%p if r.need %}", "Table Text", False),
        (f"{w['need']}: {{{{ r.need }}}}", "Motive", False),
        ("{%p endif %}", "Table Text", False),
        ("{{ r.text }}", REQUIREMENT_STYLE, False),
        ("{%p if r.verification %}", "Table Text", False),
        (f"{w['verification']}: {{{{ r.verification }}}}", "Verification", False),
        ("{%p endif %}", "Table Text", False),
        ("{%p if r.methods_text %}", "Table Text", False),
        (f"{w['method']}: {{{{ r.methods_text }}}}", "Table Note", False),
        ("{%p endif %}", "Table Text", False),
        ("{%p if r.evidence %}", "Table Text", False),
        (f"{w['evidence']}: {{{{ r.evidence }}}}", "Evidence", False),
        ("{%p endif %}", "Table Text", False),
        ("{%p for c in r.citation_lines %}", "Table Text", False),
        ("{{ c }}", "Table Note", False),
        ("{%p endfor %}", "Table Text", False),
    ]


def _requirements_chapter(doc, body: K.Body, w: dict, lang: str, number: str) -> None:
    body.heading(f"{number}\t{w['requirements']}", 1, "_Toc_kb_requirements", page_break=True)
    body.para(w["requirements_intro"])
    body.control("{%p for s in sections %}")
    body.heading(f"{number}.{{{{ loop.index }}}}\t{{{{ s.name }}}}", 2, SECTION_BOOKMARK + "{{ loop.index }}",
                 bookmark_id="{{ 100 + loop.index }}")
    body.control("{%p if s.intro %}")
    body.para("{{ s.intro }}", keep_with_next=True)
    body.control("{%p endif %}")
    lang_cols = V.COLUMNS[lang]
    table = K.Table(doc, [lang_cols["id"], lang_cols["requirement"], lang_cols["obligation"]], REQ_WIDTHS,
                    caption=f"{w['table_caption']} {{{{ s.name }}}}")
    table.control("{%tr for r in s.requirements %}")
    cells = table.row()
    K.fill_cell(cells[0], [("{{ r.key }}", "Table Text", True)])
    K.fill_cell(cells[1], _requirement_paragraphs(w))
    K.fill_cell(cells[2], [
        ("{{ r.obligation_word }}", "Obligation", True),
        ("{%p if r.obligation_note %}", "Table Text", False),
        ("{{ r.obligation_note }}", "Table Note", False),
        ("{%p endif %}", "Table Text", False),
    ])
    table.control("{%tr endfor %}")
    body.control("{%p endfor %}")


def _items_table(doc, body: K.Body, w: dict, lang: str, items: str, caption: str, empty: str, extra: list) -> None:
    """Qualification requirements or contract conditions: ID | the item's block."""
    cols = V.COLUMNS[lang]
    body.control(f"{{%p if {items} %}}")
    table = K.Table(doc, [cols["id"], caption], ITEM_WIDTHS, caption=caption)
    table.control(f"{{%tr for r in {items} %}}")
    cells = table.row()
    K.fill_cell(cells[0], [("{{ r.key }}", "Table Text", True)])
    paragraphs = _requirement_paragraphs(w)
    for text, style, condition in extra:
        paragraphs += [(f"{{%p if {condition} %}}", "Table Text", False), (text, style, False),
                       ("{%p endif %}", "Table Text", False)]
    K.fill_cell(cells[1], paragraphs)
    table.control("{%tr endfor %}")
    body.control("{%p else %}")
    body.para(w[empty])
    body.control("{%p endif %}")


def _evaluation_part(doc, body: K.Body, w: dict, lang: str, number: str) -> None:
    """The evaluation chapter (exports/evaluation_chapter.py, the award model of issue 13): one
    separable part between the bookmark EVALUATION_PART's start (in its heading) and end (after its
    last paragraph), so it can be replaced whole. Award-criterion items follow the criteria."""
    first = len(doc.element.body)
    evaluation_chapter(doc, body, lang, number)
    heading = next(p for p in doc.element.body[first - 1:] if p.tag == K.qn("w:p"))
    heading.insert(1, K.el("w:bookmarkStart", {"w:id": "90", "w:name": EVALUATION_PART}))
    body.control("{%p if award_requirements %}")
    body.para(w["award_items"], style="Subheading")
    body.control("{%p for r in award_requirements %}")
    p = body.para(style="List Bullet")
    p.add_run("{{ r.key }} {{ r.title }}").bold = True
    p.add_run(": {{ r.text }}")
    body.control("{%p endfor %}")
    last = body.control("{%p endif %}")
    last._p.addprevious(K.el("w:bookmarkEnd", {"w:id": "90"}))


def _references_annex(doc, body: K.Body, w: dict) -> None:
    body.heading(f"{w['annex']}: {w['references']}", 1, "_Toc_kb_annex", page_break=True)
    body.control("{%p if reference_groups %}")
    body.para(w["references_intro"])
    body.control("{%p for g in reference_groups %}")
    body.para("{{ g.name }}", style="Subheading")
    table = K.Table(doc, [w["citation"], w["reference_title"], w["jurisdiction"]], (6.0, 7.7, 3.3),
                    caption="{{ g.name }}")
    table.control("{%tr for ref in g.references %}")
    cells = table.row()
    K.fill_cell(cells[0], [("{{ ref.citation }}", "Table Text", True)])
    K.fill_cell(cells[1], [("{{ ref.title }}", "Table Text", False)])
    K.fill_cell(cells[2], [("{{ ref.country_label }}", "Table Text", False)])
    table.control("{%tr endfor %}")
    body.control("{%p endfor %}")
    body.control("{%p else %}")
    body.para(w["no_references"])
    body.control("{%p endif %}")


def main() -> None:
    """Every Word master: the tender documents here, the evaluation report's (issue 13) too."""
    from exports import build_evaluation_templates

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        for lang in V.LANGUAGES:
            path = OUT_DIR / f"{part}_{lang}.docx"
            path.write_bytes(build(part, lang))
            print(f"wrote {path.relative_to(ROOT)}")
    build_evaluation_templates.main()


if __name__ == "__main__":
    main()
