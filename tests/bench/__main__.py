"""`make bench`: run every benchmark and write BENCHMARKS.md (figures as ratios to a baseline
measured in the same run, so they mean something on any machine). Benchmarks are not tests: no
test asserts a time."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import platform
import sys
from pathlib import Path

MODULES = [
    ("bench_library", "Library search (issue: the requirement library)"),
    ("bench_web", "Wizard, tailoring page and Word export request (issues: wizard, Word)"),
    ("bench_docx", "Word rendering (issue: tender documents in Word)"),
    ("bench_portal", "Portal exports (issue: portals)"),
    ("bench_evaluation", "Evaluation: tender import and scoring page (issue 13)"),
    ("bench_structure", "Start-up and the project page (issue 11: structure)"),
    ("bench_load", "Load on gunicorn: 20 clients, SQLite and PostgreSQL (issue 15)"),
    ("bench_ops", "Sign-in, PDF and backup (issue: runs where a municipality runs it)"),
]
COLUMNS = ("case", "name", "requests", "errors", "req_per_s", "p99_s", "baseline_req_per_s", "baseline_p99_s",
           "median_s", "seconds", "p95_s", "p95_seconds", "baseline_median_s", "baseline_seconds",
           "ratio", "throughput_share", "bytes_per_row", "queries", "target", "target_s", "target_p95_s", "within_target")


def _table(rows: list[dict]) -> list[str]:
    extra = [k for r in rows for k in r if k not in COLUMNS and k != "baseline"]
    cols = [c for c in COLUMNS if any(c in r for r in rows)] + list(dict.fromkeys(extra))
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        lines.append("| " + " | ".join(str(r.get(c, "")) for c in cols) + " |")
    notes = sorted({r["baseline"] for r in rows if r.get("baseline")})
    return lines + [""] + [f"Baseline: {n}." for n in notes]


def _kept_sections(path: Path, rerun: set[str]) -> dict[str, str]:
    """The sections of an existing BENCHMARKS.md that this run does not redo, by title."""
    if not path.exists():
        return {}
    parts = path.read_text(encoding="utf-8").split("\n## ")[1:]
    kept = {}
    for part in parts:
        title = part.split("\n", 1)[0].strip()
        if title not in rerun:
            kept[title] = "## " + part.rstrip("\n") + "\n"
    return kept


def main(only: list[str]) -> int:
    """Every benchmark, or only the modules named (`python -m tests.bench bench_structure`): their sections
    in BENCHMARKS.md are replaced and the others kept as they were (each section says its own figures)."""
    root = Path(__file__).resolve().parents[2]
    chosen = [(n, t) for n, t in MODULES if not only or n in only]
    kept = _kept_sections(root / "BENCHMARKS.md", {t for _n, t in chosen}) if only else {}
    sections, raw, failed = [], {}, []
    for name, title in chosen:
        try:
            module = importlib.import_module(f"tests.bench.{name}")
        except ModuleNotFoundError:
            continue
        print(f"== {title}", flush=True)
        rows = module.run()
        raw[name] = rows
        for r in rows:
            print("  ", r, flush=True)
            if r.get("within_target") is False:
                failed.append(f"{name}: {r['case']}")
        doc = (module.__doc__ or "").strip()
        sections += [f"## {title}", "", doc, "", *_table(rows), ""]
    sections += list(kept.values())
    head = [
        "# Benchmarks", "",
        "Written by `make bench` (tests/bench/__main__.py); rerun it to refresh. Times are seconds of server",
        "or process time on the machine below; **ratio** is the case's median divided by the baseline",
        "measured in the same run, which is the figure to compare between machines.", "",
        f"- Run: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
        + (f" ({', '.join(n for n, _t in chosen)}; the other sections are from earlier runs)" if only else ""),
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()},"
        f" {platform.system()} {platform.release()}",
        f"- Outside target: {', '.join(failed) if failed else 'none'}", "",
    ]
    (root / "BENCHMARKS.md").write_text("\n".join(head + sections), encoding="utf-8")
    out = root / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(raw, indent=2, default=str), encoding="utf-8")
    print(f"Wrote BENCHMARKS.md; {len(failed)} case(s) outside target.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
