"""Build the Word masters of the evaluation report: exports/templates/evaluation_nb.docx, _sv, _en.

    .venv/bin/python exports/build_evaluation_templates.py

Same look and accessibility as the specification masters (styles, page set-up and table helpers
come from exports/build_templates.py); the fixed words come from app/exporters/evaluation_words.py
and app/exporters/award_words.py; the variable parts are docxtpl tags whose context is
`app.exporters.evaluation_docx.build_context` (listed in exports/README.md). Rerun after changing
the words or the layout and commit the three files; a unit test checks that they are up to date.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402

from app.exporters import vocabulary as V  # noqa: E402
from app.exporters.award_words import words as award_words  # noqa: E402
from app.exporters.docx import save_package  # noqa: E402
from app.exporters.evaluation_words import words  # noqa: E402
from exports.build_templates import BUILT_AT, OUT_DIR  # noqa: E402
from exports.template_kit import Body as _Body  # noqa: E402
from exports.template_kit import Table as _Table  # noqa: E402
from exports.template_kit import clean_package as _clean_package  # noqa: E402
from exports.template_kit import fill_cell as _cell  # noqa: E402
from exports.template_kit import page_setup as _page_setup  # noqa: E402
from exports.template_kit import settings as _settings  # noqa: E402
from exports.template_kit import simple_field as _simple_field  # noqa: E402
from exports.template_kit import styles as _styles  # noqa: E402

RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def _rows(table: _Table, loop: str, cells: list[str], *, right: tuple[int, ...] = ()) -> None:
    table.control(f"{{%tr for {loop} %}}")
    row = table.row()
    for i, text in enumerate(cells):
        _cell(row[i], [(text, "Table Text", False)], align=RIGHT if i in right else None)
    table.control("{%tr endfor %}")


def _header_footer(doc, w: dict[str, str]) -> None:
    section = doc.sections[0]
    p = section.header.paragraphs[0]
    p.style = doc.styles["Header"]
    p.add_run(f"{{{{ organisation }}}} – {w['report']} {{{{ reference }}}}")
    p.add_run("{% if preliminary %}\t" + w["preliminary"] + "{% endif %}")
    p = section.footer.paragraphs[0]
    p.style = doc.styles["Footer"]
    p.add_run("{{ title }}\t" + w["page"] + " ")
    _simple_field(p, "PAGE", "1")
    p.add_run(f" {w['of']} ")
    _simple_field(p, "NUMPAGES", "1")


def _model(body: _Body, doc, w: dict[str, str], a: dict[str, str]) -> None:
    body.heading(f"1\t{w['model']}", 1, "_Toc_kb_eval_model")
    table = _Table(doc, [w["criterion"], w["weight_pct"], a["documentation"]], (5.0, 3.0, 9.0), caption=w["model"])
    _rows(table, "c in criteria_table", ["{{ c.name }}", "{{ c.weight }}", "{{ c.documentation }}"], right=(1,))
    body.para("{{ scale_text }}")
    table = _Table(doc, [w["points"], w["meaning"]], (3.0, 14.0), caption=w["scale"])
    _rows(table, "lv in levels", ["{{ lv.points }}", "{{ lv.meaning }}"], right=(0,))
    body.control("{%p if has_price %}")
    body.para(f"{w['price_model']}: {{{{ price_model_name }}}}", style="Heading 2")
    body.para("{{ price_model_text }}")
    body.control("{%p if price_note %}")
    body.para("{{ price_note }}")
    body.control("{%p endif %}")
    body.control("{%p endif %}")


def _tenders(body: _Body, doc, w: dict[str, str]) -> None:
    body.heading(f"2\t{w['tenders']}", 1, "_Toc_kb_eval_tenders", page_break=True)
    table = _Table(doc, [w["supplier"], w["org_number"], w["price"], w["price_points"]], (6.0, 3.0, 4.5, 3.5),
                   caption=w["tenders"])
    _rows(table, "s in suppliers", ["{{ s.name }}", "{{ s.org_number }}", "{{ s.price }}", "{{ s.price_points }}"],
          right=(2, 3))
    body.para(w["must"], style="Heading 2")
    body.control("{%p if must_cases %}")
    body.para(w["must_intro"])
    table = _Table(doc, [w["supplier"], w["not_met"], w["decision"], w["reason"]], (4.0, 3.5, 3.5, 6.0),
                   caption=w["must"])
    _rows(table, "s in must_cases", ["{{ s.name }}", "{{ s.not_met }}", "{{ s.decision }}", "{{ s.reason }}"])
    body.control("{%p else %}")
    body.para(w["must_none"])
    body.control("{%p endif %}")


def _per_criterion(body: _Body, doc, w: dict[str, str], a: dict[str, str]) -> None:
    body.heading(f"3\t{w['per_criterion']}", 1, "_Toc_kb_eval_criteria", page_break=True)
    body.control("{%p for c in criteria %}")
    body.para(f"{{{{ c.name }}}} ({{{{ c.weight }}}} {w['pct_of_total']})", style="Heading 2")
    body.control("{%p if c.documentation %}")
    body.para(f"{a['documentation']}: {{{{ c.documentation }}}}")
    body.control("{%p endif %}")
    table = _Table(doc, [w["supplier"], w["points"]], (12.0, 5.0), caption=w["comparison"])
    _rows(table, "row in c.rows", ["{{ row.supplier }}", "{{ row.points }}"], right=(1,))
    body.control("{%p for r in c.requirements %}")
    body.para(f"{{{{ r.key }}}} {{{{ r.title }}}} – {w['weight_points']}: {{{{ r.weight }}}}", style="Heading 3")
    table = _Table(doc, [w["supplier"], w["mean"]], (12.0, 5.0), caption=w["comparison"])
    _rows(table, "m in r.means", ["{{ m.supplier }}", "{{ m.points }}"], right=(1,))
    table = _Table(doc, [w["supplier"], w["evaluator"], w["points"], w["justification"]], (3.5, 3.0, 1.5, 9.0),
                   caption=w["justification"])
    _rows(table, "j in r.rows", ["{{ j.supplier }}", "{{ j.evaluator }}", "{{ j.points }}", "{{ j.text }}"],
          right=(2,))
    body.control("{%p endfor %}")
    body.control("{%p endfor %}")


def build(lang: str) -> bytes:
    w, a = words(lang), award_words(lang)
    doc = Document()
    _clean_package(doc)
    _page_setup(doc)
    _styles(doc, lang)
    _settings(doc, lang)
    _header_footer(doc, w)
    body = _Body(doc)
    body.para(w["report"], style="Title")
    body.para("{{ title }}", style="Subtitle")
    for label, var in (("organisation", "organisation"), ("reference", "reference"), ("version", "version"),
                       ("evaluators", "evaluators")):
        body.para(f"{w[label]}: {{{{ {var} }}}}")
    body.control("{%p if preliminary %}")
    body.para(w["not_closed"])
    body.control("{%p else %}")
    body.para(f"{w['closed']}: {{{{ closed_at }}}}")
    body.control("{%p endif %}")
    body.para(w["basis"])
    _model(body, doc, w, a)
    _tenders(body, doc, w)
    _per_criterion(body, doc, w, a)
    body.heading(f"4\t{w['ranking']}", 1, "_Toc_kb_eval_ranking", page_break=True)
    table = _Table(doc, [w["rank"], w["supplier"], w["points"], w["total"]], (2.0, 4.5, 7.5, 3.0),
                   caption=w["ranking"])
    _rows(table, "s in ranking", ["{{ s.rank }}", "{{ s.supplier }}", "{{ s.points }}", "{{ s.total }}"],
          right=(0, 3))
    cp = doc.core_properties
    cp.title = w["report"]
    cp.author = cp.last_modified_by = "Kravbygger"
    cp.language = V.LANGUAGE_TAG[lang]
    cp.revision = 1
    cp.created = cp.modified = BUILT_AT
    return save_package(doc, BUILT_AT.timetuple()[:6])


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for lang in V.LANGUAGES:
        path = OUT_DIR / f"evaluation_{lang}.docx"
        path.write_bytes(build(lang))
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
