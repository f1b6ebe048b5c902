"""The evaluation chapter of the specification masters: award criteria and evaluation (issue 13).

Called by exports/build_templates.py; kept apart so the chapter can change without touching the
rest of the document. It states the same award model as the XLSX award sheet and OCDS
awardCriteria: criteria with their weight in % of the total and the documentation asked for, the
should-requirements under each criterion with their weight in points inside it, the point scale and
what its levels mean, the price model with its formula, and the price form of the response matrix.
Context variables: `award_criteria`, `award_total`, `award_model`, `price_form` (exports/README.md).
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from app.exporters import vocabulary as V
from app.exporters.award_words import PRICE_SHEET
from app.exporters.award_words import words as award_words

RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def evaluation_chapter(doc, body, lang: str, number: str = "3") -> None:
    from exports.template_kit import Table as _Table
    from exports.template_kit import fill_cell as _cell

    w, a = V.DOCUMENT[lang], award_words(lang)
    p = PRICE_SHEET[lang]

    def rows(table, loop: str, cells: list[str], right: tuple[int, ...] = ()) -> None:
        table.control(f"{{%tr for {loop} %}}")
        row = table.row()
        for i, text in enumerate(cells):
            _cell(row[i], [(text, "Table Text", False)], align=RIGHT if i in right else None)
        table.control("{%tr endfor %}")

    body.heading(f"{number}\t{w['award_criteria']}", 1, "_Toc_kb_award", page_break=True)
    body.control("{%p if award_criteria %}")
    body.para(w["award_intro"], keep_with_next=True)
    table = _Table(doc, [w["criterion"], w["weight_percent"], a["documentation"]], (6.0, 3.5, 7.5),
                   caption=w["award_criteria"])
    rows(table, "c in award_criteria", ["{{ c.name }}", "{{ c.weight }}", "{{ c.documentation }}"], right=(1,))
    cells = table.row()
    _cell(cells[0], [(w["total"], "Table Text", True)])
    _cell(cells[1], [("{{ award_total }}", "Table Text", True)], align=RIGHT)

    body.heading(f"{number}.1\t{a['should_weights']}", 2, "_Toc_kb_award_should")
    table = _Table(doc, [a["criterion"], V.word(V.COLUMNS, lang, "id"), a["requirement"], a["weight_points"]],
                   (4.0, 2.5, 7.5, 3.0), caption=a["should_weights"])
    table.control("{%tr for c in award_model.criteria %}")
    table.control("{%tr for r in c.requirements %}")
    row = table.row()
    for i, text in enumerate(["{{ c.name }}", "{{ r.key }}", "{{ r.title }}", "{{ r.weight }}"]):
        _cell(row[i], [(text, "Table Text", False)], align=RIGHT if i == 3 else None)
    table.control("{%tr endfor %}")
    table.control("{%tr endfor %}")

    body.heading(f"{number}.2\t{a['scale']}", 2, "_Toc_kb_award_scale")
    body.para("{{ award_model.scale_text }}")
    table = _Table(doc, [a["points"], a["meaning"]], (3.0, 14.0), caption=a["scale"])
    rows(table, "lv in award_model.levels", ["{{ lv.points }}", "{{ lv.meaning }}"], right=(0,))

    body.control("{%p if award_model.has_price %}")
    body.heading(f"{number}.3\t{a['price_model']}: {{{{ award_model.price_model_name }}}}", 2, "_Toc_kb_award_price")
    body.para("{{ award_model.price_model_text }}")
    body.control("{%p if award_model.price_note %}")
    body.para("{{ award_model.price_note }}")
    body.control("{%p endif %}")
    body.control("{%p if price_form.lines %}")
    body.para(f"{a['price_form']}: {{{{ price_form.note }}}}", keep_with_next=True)
    table = _Table(doc, [p["element"], p["unit"], p["quantity"], p["years"]], (8.5, 4.5, 2.0, 2.0),
                   caption=a["price_form"])
    rows(table, "line in price_form.lines", ["{{ line.label }}", "{{ line.unit }}", "{{ line.quantity }}",
                                             "{{ line.years }}"], right=(2, 3))
    body.control("{%p endif %}")
    body.control("{%p endif %}")
    body.control("{%p else %}")
    body.para(w["no_award_criteria"])
    body.control("{%p endif %}")
    body.control("{%p if climate_justification %}")
    body.para(f"{a['climate']}: {{{{ climate_justification }}}}")
    body.control("{%p endif %}")
    body.heading(f"{number}.4\t{w['evaluation']}", 2, "_Toc_kb_evaluation")
    for step in w["evaluation_steps"]:
        body.para(step, style="List Number")
