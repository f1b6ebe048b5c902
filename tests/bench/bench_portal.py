"""Benchmark of the tender-portal exporters (not a test): `python -m tests.bench.bench_portal`.

Each export of a 300-requirement document is timed (median of several runs) next to a baseline
measured in the same run on the same document, so the ratio means something on any machine:
- xlsx and zip: a bare openpyxl workbook with the same cell values, saved (no styles,
  protection, validation or extra sheets);
- csv: `csv.writer` writing the same values with no escaping;
- ocds: `json.dumps(doc.to_dict())`;
- zip: every file of the package rendered on its own (the Word documents, XLSX, CSV, OCDS), so the
  ratio is what packaging adds (fixed ZIP entry times, checksums, manifest, the archive).
Target: the whole package (every Word document, XLSX, CSV, OCDS, manifest) under 0.5 s for 300
requirements.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import replace

from openpyxl import Workbook

from app.exporters import EXPORTERS, csv_export, ocds, package, parts, xlsx
from app.exporters.matrix import ALL_COLUMNS, headings, rows
from tests.bench import timing
from tests.factories import make_document

N_REQUIREMENTS = 300
RUNS = 7
ZIP_TARGET_S = 0.5


def _median(fn: Callable[[], object]) -> float:
    return timing.median(fn, RUNS)


def _bare_workbook(doc) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headings(doc.language))
    for row in rows(doc):
        ws.append([row.values[key] for key in ALL_COLUMNS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _bare_csv(doc) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings(doc.language))
    for row in rows(doc):
        writer.writerow(["" if row.values[k] is None else row.values[k] for k in ALL_COLUMNS])
    return out.getvalue().encode("utf-8")


def _with_every_kind(doc):
    """Some requirements as qualification requirements and contract conditions, so the package
    holds every Word document."""
    def kind(i: int) -> str:
        return "qualification" if i % 10 == 0 else "contract_condition" if i % 7 == 0 else "requirement"
    counter = iter(range(len(doc.requirements)))
    sections = tuple(replace(s, requirements=tuple(replace(r, kind=kind(next(counter))) for r in s.requirements))
                     for s in doc.sections)
    return replace(doc, sections=sections)


def _files_alone(doc) -> list[bytes]:
    words = [EXPORTERS[p.fmt].render(doc) for p in parts.word_parts(doc)]
    return [*words, xlsx.render(doc), csv_export.render(doc), ocds.render(doc)]


def run() -> list[dict]:
    doc = _with_every_kind(make_document(N_REQUIREMENTS, "nb", status="approved"))
    bare_xlsx = _median(lambda: _bare_workbook(doc))
    cases = [
        ("xlsx", lambda: xlsx.render(doc), bare_xlsx, "bare openpyxl workbook, same values"),
        ("csv", lambda: csv_export.render(doc, delimiter=";"), _median(lambda: _bare_csv(doc)),
         "csv.writer, same values, no escaping"),
        ("ocds", lambda: ocds.render(doc), _median(lambda: json.dumps(doc.to_dict())), "json.dumps(doc.to_dict())"),
        ("zip", lambda: package.render(doc), _median(lambda: _files_alone(doc)),
         "every file of the package rendered on its own"),
    ]
    results = []
    for name, fn, baseline, baseline_name in cases:
        median = _median(fn)
        result = {"case": f"{name} {N_REQUIREMENTS}", "median_s": round(median, 4),
                  "baseline_median_s": round(baseline, 4), "ratio": round(median / baseline, 2) if baseline else None,
                  "baseline": baseline_name, "runs": RUNS}
        if name == "zip":
            result["target_s"] = ZIP_TARGET_S
            result["within_target"] = median < ZIP_TARGET_S
        results.append(result)
    return results


if __name__ == "__main__":
    for row in run():
        print(json.dumps(row, ensure_ascii=False))
