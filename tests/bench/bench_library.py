"""Benchmark of library search (not a test): `python -m tests.bench.bench_library`.

200 queries (one and two words taken from the library's own titles and texts, plus words that match
nothing, some with accents and capitals) are run one at a time against the whole national library
with `Library.search`, in bokmål and across all languages. Each query is timed; the rows give the
median and 95th percentile per query. The baseline, measured in the same run on the same queries, is
a plain linear scan: for every requirement, lower-case `in` tests over the same texts (key, title,
need, requirement, guidance, citations) joined per language and prepared once, with no accent
folding, filtering or sorting. The ratio (median / baseline median) is what carries across machines.

A second pair of rows times the curators' XLSX export of the whole library against a bare openpyxl
workbook with the same cell values (no styles, widths, filter or codes sheet).
"""

from __future__ import annotations

import io
import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl import Workbook

from app.library import Library, load_library
from app.library.spreadsheet import COLUMNS, library_to_xlsx, national_rows
from tests.bench import timing

ROOT = Path(__file__).resolve().parents[2]
N_QUERIES = 200
SEED = 2026
XLSX_RUNS = 5
NO_MATCH = ("blockchain", "kvantedatamaskin", "Zeppelin", "ångström", "xyzzy")


def _queries(library: Library, n: int = N_QUERIES) -> list[str]:
    rng = random.Random(SEED)
    words: list[str] = []
    for req in library.active():
        for lang in library.languages:
            text = req.texts[lang]
            words += [w.strip(".,;:()«»”\"'") for w in f"{text.title} {text.requirement}".split()]
    words = sorted({w for w in words if len(w) >= 4})
    queries = []
    for i in range(n):
        if i % 10 == 9:
            queries.append(rng.choice(NO_MATCH))
        elif i % 3 == 2:
            queries.append(" ".join(rng.sample(words, 2)))
        else:
            word = rng.choice(words)
            queries.append(word.upper() if i % 7 == 0 else word)
    return queries


def _baseline_index(library: Library) -> list[tuple[str, dict[str, str]]]:
    index = []
    for req in library.requirements.values():
        cites = " ".join(c.text for c in req.citations)
        index.append((req.key, {lang: " ".join((req.key, t.title, t.need, t.requirement, t.guidance, cites)).lower()
                                for lang, t in req.texts.items()}))
    return index


def _linear_scan(index, query: str, lang: str, all_languages: bool) -> list[str]:
    words = query.lower().split()
    hits = []
    for key, texts in index:
        haystack = " ".join(texts.values()) if all_languages else texts.get(lang, "")
        if all(w in haystack for w in words):
            hits.append(key)
    return hits


def _per_query(fn: Callable[[str], object], queries: Sequence[str]) -> list[float]:
    for q in queries[:10]:  # warm-up
        fn(q)
    times = []
    for q in queries:
        start = time.perf_counter()
        fn(q)
        times.append(time.perf_counter() - start)
    return times


def _bare_xlsx(library: Library) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(list(COLUMNS))
    for req in library.active():
        for row in national_rows(req, library.languages):
            ws.append([row.get(c) for c in COLUMNS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def run() -> list[dict]:
    library = load_library(ROOT / "requirement_library")
    queries = _queries(library)
    index = _baseline_index(library)
    results = []
    for name, all_languages in (("search nb", False), ("search all languages", True)):
        found = sum(bool(library.search(q, "nb", all_languages=all_languages)) for q in queries)
        times = _per_query(lambda q, a=all_languages: library.search(q, "nb", all_languages=a), queries)
        base = _per_query(lambda q, a=all_languages: _linear_scan(index, q, "nb", a), queries)
        median, base_median = statistics.median(times), statistics.median(base)
        results.append({
            "name": name, "seconds": round(median, 6), "p95_seconds": round(timing.p95(times), 6),
            "baseline_seconds": round(base_median, 6), "baseline_p95_seconds": round(timing.p95(base), 6),
            "ratio": round(median / base_median, 2), "queries": len(queries), "with_hits": found,
            "requirements": len(library.requirements),
            "baseline": "linear lower-case substring scan over the same prepared texts",
        })
    export = timing.median(lambda: library_to_xlsx(library), XLSX_RUNS)
    bare = timing.median(lambda: _bare_xlsx(library), XLSX_RUNS)
    results.append({"name": "library xlsx export", "seconds": round(export, 4), "baseline_seconds": round(bare, 4),
                    "ratio": round(export / bare, 2), "runs": XLSX_RUNS,
                    "rows": len(library.active()) * len(library.languages),
                    "baseline": "bare openpyxl workbook with the same values"})
    return results


def main() -> None:
    print(f"{'case':<24}{'median s':>12}{'p95 s':>12}{'baseline s':>12}{'ratio':>8}")
    for r in run():
        p95 = f"{r['p95_seconds']:>12.6f}" if "p95_seconds" in r else f"{'':>12}"
        print(f"{r['name']:<24}{r['seconds']:>12.6f}{p95}{r['baseline_seconds']:>12.6f}{r['ratio']:>8.2f}")


if __name__ == "__main__":
    main()
