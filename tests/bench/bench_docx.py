"""Benchmark of the Word export (not a test): `python -m tests.bench.bench_docx`.

Each case renders a document of 50, 300 and 1000 requirements with `app.exporters.docx.render`
(median of several runs) next to a baseline measured in the same run: a bare docxtpl render of the
same context with the same built-in template, `DocxTemplate(template).render(context,
autoescape=True)` saved to a BytesIO. Targets: 300 requirements under 0.3 s on a 2-core machine,
and the whole export within 1.5x the bare render.
"""

from __future__ import annotations

import io

from docxtpl import DocxTemplate

from app.exporters import docx
from tests.bench import timing
from tests.factories import make_document

SIZES = (50, 300, 1000)
RUNS = {50: 9, 300: 7, 1000: 5}
TARGET_S = {300: 0.3}
MAX_RATIO = 1.5


def _bare(template: bytes, context: dict) -> bytes:
    tpl = DocxTemplate(io.BytesIO(template))
    tpl.render(context, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def run() -> list[dict]:
    results = []
    for n in SIZES:
        doc = make_document(n, "nb", status="approved")
        template = docx.builtin_template("spec", doc.language)
        runs = RUNS[n]
        baseline = timing.median(lambda: _bare(template, docx.build_context(doc)), runs)  # noqa: B023
        median = timing.median(lambda: docx.render(doc), runs)  # noqa: B023
        row = {"case": f"docx {n}", "median_s": round(median, 4), "baseline_median_s": round(baseline, 4),
               "ratio": round(median / baseline, 2), "runs": runs,
               "baseline": "bare DocxTemplate render(autoescape=True) + save, same template and context"}
        if n in TARGET_S:
            row["target_s"] = TARGET_S[n]
            row["within_target"] = median < TARGET_S[n] and row["ratio"] <= MAX_RATIO
        results.append(row)
        if n == 300:
            for part in ("qualification", "contract", "rfi"):
                bare_part = docx.builtin_template(part, doc.language)
                base = timing.median(lambda: _bare(bare_part, docx.build_context(doc)), runs)  # noqa: B023
                took = timing.median(lambda: docx.render_part(doc, part), runs)  # noqa: B023
                results.append({"case": f"{part} {n}", "median_s": round(took, 4),
                                "baseline_median_s": round(base, 4), "ratio": round(took / base, 2), "runs": runs})
            older = make_document(n, "nb", status="approved", text="Løsningen skal støtte en eldre funksjon.")
            compared = timing.median(lambda: docx.render_comparison(older, doc), runs)  # noqa: B023
            results.append({"case": f"tracked changes {n}", "median_s": round(compared, 4),
                            "baseline_median_s": round(baseline, 4), "ratio": round(compared / baseline, 2),
                            "runs": runs})
            commented = make_document(n, "nb", with_comments=True)
            review = timing.median(lambda: docx.render_review_copy(commented), runs)  # noqa: B023
            results.append({"case": f"review copy {n}", "median_s": round(review, 4),
                            "baseline_median_s": round(baseline, 4), "ratio": round(review / baseline, 2),
                            "runs": runs, "comments": sum(len(r.comments) for r in commented.requirements)})
    return results


def main() -> None:
    rows = run()
    print(f"{'case':<18}{'median s':>10}{'bare s':>10}{'ratio':>8}  note")
    for r in rows:
        note = ""
        if "target_s" in r:
            note = f"target < {r['target_s']} s and ratio <= {MAX_RATIO}: {'ok' if r['within_target'] else 'MISSED'}"
        elif "comments" in r:
            note = f"{r['comments']} Word comments"
        print(f"{r['case']:<18}{r['median_s']:>10.4f}{r['baseline_median_s']:>10.4f}{r['ratio']:>8.2f}  {note}")


if __name__ == "__main__":
    main()
