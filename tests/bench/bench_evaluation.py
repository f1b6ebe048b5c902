"""Benchmark of the evaluation (not a test): `python -m tests.bench.bench_evaluation`.

Importing a supplier's filled 300-requirement response matrix: `read_tender` (container checks,
openpyxl in read-only mode, every buyer cell compared with the workbook rebuilt from the frozen
version, answers and prices read), against a bare openpyxl read-only pass over every cell of the same
file. Target: median under 1 s.

The scoring page for 5 suppliers x 150 should-requirements (GET, server time through Flask's test
client, a real app on a fresh SQLite file built by the migrations), against a bare Flask page (a
route returning a short string) measured in the same run. Target: p95 under 150 ms. SQL queries
are counted for 2 x 30 and 5 x 150 to show they do not grow with suppliers or requirements.
"""

from __future__ import annotations

import io
import statistics
import tempfile
from pathlib import Path

from flask import request_started
from flask_migrate import upgrade
from lxml import html
from openpyxl import load_workbook
from sqlalchemy import event

from app import create_app
from app.evaluation.reading import read_tender
from app.extensions import db
from app.models import Tender
from app.services import accounts
from tests.bench import timing
from tests.conftest import _fresh_g
from tests.evaluation_helpers import award_document, fill

PASSWORD = "bench-passord-2026"


def _bare_read(data: bytes) -> int:
    wb = load_workbook(io.BytesIO(data), read_only=True)
    n = sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for _v in row)
    wb.close()
    return n


def _import_rows() -> list[dict]:
    doc = award_document(300)
    data = fill(doc)
    bare = timing.times(lambda: _bare_read(data), 15)
    ours = timing.times(lambda: read_tender(data, doc, project_id=1), 15)
    median, base = statistics.median(ours), statistics.median(bare)
    return [{"case": "import a filled 300-requirement matrix", "median_s": round(median, 4),
             "p95_s": round(timing.p95(ours), 4), "baseline_median_s": round(base, 4),
             "ratio": round(median / base, 1), "baseline": "bare openpyxl read-only pass over every cell",
             "target": "median < 1 s", "within_target": median < 1.0, "file_kb": len(data) // 1024}]


class _Users:
    def __init__(self, org):
        self.by_role = {role: accounts.create_user(None, org, email=f"{role}@benk.example.no", name=f"Benk {role}",
                                                   password=PASSWORD, role=role, locale="nb")
                        for role in ("buyer", "reviewer", "evaluator")}

    def __getitem__(self, role):
        return self.by_role[role]


def _scoring_rows() -> list[dict]:
    from tests import conftest
    from tests.evaluation_fixtures import scoring_project

    tmp = Path(tempfile.mkdtemp(prefix="kravbygger-bench-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.sqlite'}", "SECRET_KEY": "bench",
                      "LOGIN_RATE_LIMIT": "100000 per minute"})
    app.add_url_rule("/bench-bare", "bench_bare", lambda: "ok")
    rows = []
    with app.app_context():
        upgrade()
        org = accounts.create_organisation("Benk kommune", "NO", key_prefix="BNK")
        users = _Users(org)
        db.session.commit()
        conftest.save = db.session.commit  # the fixtures' save() commits for real here
        small = scoring_project(users, 30, 2, title="Benk liten")
        large = scoring_project(users, 150, 5, title="Benk stor")
        urls = {}
        for label, project in (("2 x 30", small), ("5 x 150", large)):
            tender = db.session.query(Tender).filter_by(project_id=project.id).first()
            urls[label] = f"/projects/{project.id}/evaluation/tenders/{tender.id}/score"
        db.session.remove()
        request_started.connect(_fresh_g, app)
        client = app.test_client()
        page = html.fromstring(client.get("/login").get_data(as_text=True))
        token = page.cssselect("input[name=csrf_token]")[0].get("value")
        client.post("/login", data={"csrf_token": token, "email": "evaluator@benk.example.no", "password": PASSWORD})
        hits = []
        event.listen(db.engine, "before_cursor_execute", lambda *a, **k: hits.append(1))

        def queries(url):
            before = len(hits)
            assert client.get(url).status_code == 200
            return len(hits) - before

        bare = timing.times(lambda: client.get("/bench-bare"), 60)
        base = statistics.median(bare)
        rows.append({"case": "baseline: bare Flask page", "median_s": round(base, 5),
                     "p95_s": round(timing.p95(bare), 5), "ratio": 1.0})
        for label, url in urls.items():
            t = timing.times(lambda: client.get(url), 40)  # noqa: B023
            row = {"case": f"scoring page, {label} (suppliers x should-requirements)",
                   "median_s": round(statistics.median(t), 4), "p95_s": round(timing.p95(t), 4),
                   "ratio": round(statistics.median(t) / base, 1), "queries": queries(url)}
            if label == "5 x 150":
                row.update({"target_p95_s": 0.150, "within_target": row["p95_s"] < 0.150})
            rows.append(row)
    return rows


def run() -> list[dict]:
    return _import_rows() + _scoring_rows()


if __name__ == "__main__":
    for r in run():
        print(r)
