"""Start-up and the project page (not a test): `python -m tests.bench.bench_structure`.

- `create_app()` with the full library, each run in a fresh process (imports measured apart): first
  with no validated library kept (the YAML is parsed with libyaml's CSafeLoader and validated against
  the JSON Schemas), then with the data kept by an earlier start (read back as JSON; the cross-reference
  checks run). Bytecode is cached, as on a deployed server. Target: under 0.5 s (wall clock, median
  of 9 processes; this machine's speed varies by up to half between minutes, so the import time of
  the same run is beside it for scale, and the process's CPU time). Beside it, the
  library's YAML parsed with PyYAML's pure-Python SafeLoader and with CSafeLoader.
- The project page with 150 requirements against a bare Flask + Flask-SQLAlchemy + Jinja page listing
  the same 150 rows (key, title, a 60-word text), both through Flask's test client in this process,
  run alternately.
  The ratio is the project page's throughput as a share of the bare page's (target >= 25 %), and the
  HTML per requirement row is the growth of the page from 30 to 150 requirements (target <= 600 bytes).
- SQL queries of the project page, the review page and a wizard step, for 30 and 150 requirements.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from flask import Flask, render_template_string
from flask_sqlalchemy import SQLAlchemy

from app.extensions import db
from app.models import TenderProject
from app.services import catalog, tailoring
from tests.bench import timing
from tests.bench.bench_web import signed_in_buyer

ROOT = Path(__file__).resolve().parents[2]
RUNS = 40
START = """
import json, sys, time
t0 = time.perf_counter()
from app import create_app
t1, c1 = time.perf_counter(), time.process_time()
create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "bench", "LIBRARY_CACHE_DIR": sys.argv[1]})
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({"imports": t1 - t0, "create_app": t2 - t1, "cpu": c2 - c1}))
"""


def _start(cache_dir: Path) -> dict:
    # As a deployed server starts: with the modules' bytecode cached (pip compiles the packages; Python
    # writes the app's own on the first start). This sandbox sets PYTHONDONTWRITEBYTECODE, which would
    # add compiling every app module to every start measured.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run([sys.executable, "-c", START, str(cache_dir)], cwd=ROOT, capture_output=True, text=True,
                         check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def startup() -> list[dict]:
    rows = []
    for case, fresh in (("create_app(), library validated (first start)", True),
                        ("create_app(), validated library kept by an earlier start", False)):
        runs = []
        for _ in range(9):
            cache = Path(tempfile.mkdtemp(prefix="kravbygger-cache-"))
            if not fresh:
                _start(cache)  # the first start keeps the validated library's data
            runs.append(_start(cache))
        median = statistics.median(r["create_app"] for r in runs)
        row = {"case": case, "median_s": round(median, 3), "runs": len(runs),
               "cpu_s": round(statistics.median(r["cpu"] for r in runs), 3),
               "imports_s": round(statistics.median(r["imports"] for r in runs), 3)}
        if not fresh:  # the target is every start; the first start after a library change validates once
            row |= {"target": "create_app < 0.5 s", "within_target": median < 0.5}
        rows.append(row)
    files = sorted((ROOT / "requirement_library").rglob("*.yml"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    pure = timing.median(lambda: [yaml.load(t, Loader=yaml.SafeLoader) for t in texts], 3)  # noqa: S506
    fast = timing.median(lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts], 3)  # noqa: S506
    rows.append({"case": f"parse the library's {len(files)} YAML files, CSafeLoader", "median_s": round(fast, 3),
                 "baseline_median_s": round(pure, 3), "ratio": round(fast / pure, 3),
                 "baseline": "the same files with PyYAML's pure-Python SafeLoader"})
    return rows


BARE_PAGE = """<!doctype html><html lang="en"><head><title>Requirements</title></head><body><main>
<h1>Requirements</h1><table><thead><tr><th>ID</th><th>Title</th><th>Text</th></tr></thead><tbody>
{% for r in rows %}<tr><td>{{ r.key }}</td><td>{{ r.title }}</td><td>{{ r.text }}</td></tr>{% endfor %}
</tbody></table></main></body></html>"""


def bare_app(rows: list[tuple[str, str, str]]) -> Flask:
    """Flask + Flask-SQLAlchemy + Jinja listing `rows` from a table: the floor the project page is held to."""
    app = Flask("bare")
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tempfile.mkdtemp(prefix='kravbygger-bare-')}/bare.sqlite"
    bare_db = SQLAlchemy()

    class Row(bare_db.Model):
        id = bare_db.Column(bare_db.Integer, primary_key=True)
        key = bare_db.Column(bare_db.String(20))
        title = bare_db.Column(bare_db.String(200))
        text = bare_db.Column(bare_db.Text)

    bare_db.init_app(app)
    with app.app_context():
        bare_db.create_all()
        bare_db.session.add_all(Row(key=k, title=t, text=x) for k, t, x in rows)
        bare_db.session.commit()

    @app.route("/")
    def page():
        return render_template_string(BARE_PAGE, rows=bare_db.session.scalars(bare_db.select(Row)).all())

    return app


def pages() -> list[dict]:
    results: list[dict] = []
    with signed_in_buyer() as bench:
        client, org, user, counter = bench.client, bench.org, bench.user, bench.counter
        library = catalog.library()
        keys = [r.key for r in library.active() if r.available_in("NO")]
        ids, sizes = {}, {}
        for n in (30, 150):
            project = TenderProject(organisation_id=org.id, title=f"Benk {n}", reference="", language="nb",
                                    country="NO", status="draft", created_by_id=user.id, answers={}, step_state={})
            db.session.add(project)
            db.session.flush()
            for i in range(n):
                row = tailoring.copy_from_library(project, library.requirement(keys[i % len(keys)]))
                if i >= len(keys):
                    row.key = f"{row.key}-{i}"
            db.session.commit()
            ids[n] = project.id
            sizes[n] = len(client.get(f"/projects/{project.id}").data)
        db.session.remove()
        project = db.session.get(TenderProject, ids[150])
        rows = [(r.key, r.title, " ".join((r.text.split() * 3)[:60])) for r in tailoring.active(project)]
        db.session.remove()
        bare = bare_app(rows).test_client()
        url = f"/projects/{ids[150]}"
        page_times, bare_times = timing.paired_times(lambda: client.get(url), lambda: bare.get("/"), RUNS)
        page_median, bare_median = statistics.median(page_times), statistics.median(bare_times)
        share = bare_median / page_median
        per_row = (sizes[150] - sizes[30]) / 120
        results.append({"case": "project page, 150 requirements", "median_s": round(page_median, 5),
                        "baseline_median_s": round(bare_median, 5), "ratio": round(page_median / bare_median, 2),
                        "throughput_share": f"{share:.0%}", "html_bytes": sizes[150],
                        "bytes_per_row": round(per_row), "queries": counter.during(lambda: client.get(url)),
                        "baseline": "bare Flask + Flask-SQLAlchemy + Jinja page with the same 150 rows "
                                    "(key, title, 60-word text), both through the test client",
                        "target": "throughput share >= 25 %, <= 600 bytes per row",
                        "within_target": share >= 0.25 and per_row <= 600})
        for n in (30, 150):
            for name, path in (("project page", ""), ("review page", "/review"),
                               ("wizard step", "/wizard/procurement")):
                target = f"/projects/{ids[n]}{path}"
                client.get(target)
                results.append({"case": f"queries: {name}, {n} requirements",
                                "queries": counter.during(lambda: client.get(target))})  # noqa: B023
    return results


def run() -> list[dict]:
    started = time.perf_counter()
    rows = startup() + pages()
    print(f"   (bench_structure took {time.perf_counter() - started:.0f} s)")
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)
