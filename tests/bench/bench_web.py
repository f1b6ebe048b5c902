"""Benchmark of the web pages (not a test): `python -m tests.bench.bench_web`.

A real app on a fresh SQLite file (built by the migrations), driven through Flask's test client:
server time of a wizard step GET and POST, the tailoring page (the project page) with 30 and 150
requirements, and the Word export request for 300 requirements. The baseline, measured in the same
run, is GET /healthz (one trivial query, no template) for the pages, and a bare docxtpl render of
the same rows for the export request. SQL queries per page are counted with a SQLAlchemy event, to
show they do not grow with the number of requirements.
"""

from __future__ import annotations

import io
import statistics
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from docxtpl import DocxTemplate
from flask import Flask, request_started
from flask.testing import FlaskClient
from flask_migrate import upgrade
from lxml import html
from sqlalchemy import event

from app import create_app
from app.exporters import docx
from app.extensions import db
from app.models import Organisation, TenderProject, User
from app.services import accounts, assembly, catalog, tailoring
from tests.bench import timing
from tests.conftest import _fresh_g
from tests.wizard_helpers import complete_wizard, step_form

RUNS = 60
TARGETS_P95_S = {"wizard step GET": 0.050, "wizard step POST": 0.050, "tailoring page, 150 requirements": 0.150}
PASSWORD = "bench-passord-2026"


def _times(fn: Callable[[], object], runs: int = RUNS) -> list[float]:
    return timing.times(fn, runs)


class QueryCounter:
    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._hit)

    def _hit(self, *args, **kwargs):
        self.count += 1

    def during(self, fn: Callable[[], object]) -> int:
        before = self.count
        fn()
        return self.count - before


def _csrf(client, url: str) -> str:
    page = html.fromstring(client.get(url).get_data(as_text=True))
    return page.cssselect("input[name=csrf_token]")[0].get("value")


@dataclass
class Bench:
    app: Flask
    client: FlaskClient  # signed in as `user`
    org: Organisation
    user: User
    counter: QueryCounter


@contextmanager
def signed_in_buyer() -> Iterator[Bench]:
    """A real app on a fresh SQLite file (built by the migrations) with one organisation and a buyer
    signed in through the login form; yields inside the app's context."""
    tmp = Path(tempfile.mkdtemp(prefix="kravbygger-bench-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.sqlite'}", "SECRET_KEY": "bench",
                      "LOGIN_RATE_LIMIT": "100000 per minute"})
    with app.app_context():
        upgrade()
        org = accounts.create_organisation("Benk kommune", "NO", key_prefix="BNK")
        user = accounts.create_user(None, org, email="buyer@benk.example.no", name="Benk Buyer",
                                    password=PASSWORD, role="buyer", locale="nb")
        db.session.commit()
        counter = QueryCounter(db.engine)
        request_started.connect(_fresh_g, app)  # requests share this app context: give each a fresh g
        client = app.test_client()
        client.post("/login", data={"csrf_token": _csrf(client, "/login"), "email": user.email,
                                    "password": PASSWORD})
        yield Bench(app, client, org, user, counter)


def run() -> list[dict]:
    results: list[dict] = []
    with signed_in_buyer() as bench:
        client, user, counter = bench.client, bench.user, bench.counter

        def new_project(title: str) -> int:
            client.post("/projects/new", data={"csrf_token": _csrf(client, "/projects/new"), "title": title,
                                               "language": "nb"})
            return db.session.execute(db.select(TenderProject.id).filter_by(title=title)).scalar_one()

        # Baseline: the cheapest page the app has.
        health = _times(lambda: client.get("/healthz"))
        base_median = statistics.median(health)
        results.append({"case": "baseline GET /healthz", "median_s": round(base_median, 5),
                        "p95_s": round(timing.p95(health), 5), "ratio": 1.0,
                        "queries": counter.during(lambda: client.get("/healthz"))})

        def row(case: str, times: list[float], queries: int, extra: dict | None = None) -> dict:
            median = statistics.median(times)
            r = {"case": case, "median_s": round(median, 5), "p95_s": round(timing.p95(times), 5),
                 "ratio": round(median / base_median, 1), "queries": queries}
            if case in TARGETS_P95_S:
                r["target_p95_s"] = TARGETS_P95_S[case]
                r["within_target"] = r["p95_s"] < TARGETS_P95_S[case]
            r.update(extra or {})
            return r

        # Wizard step GET and POST (the procurement step: eight questions, bindings to the project).
        pid = new_project("Benk veiviser")
        complete_wizard(client, pid)
        step_url = f"/projects/{pid}/wizard/procurement"
        step = catalog.library().wizard.step("procurement")
        results.append(row("wizard step GET", _times(lambda: client.get(step_url)),
                           counter.during(lambda: client.get(step_url))))
        page = html.fromstring(client.get(step_url).get_data(as_text=True))
        token = page.cssselect("input[name=csrf_token]")[0].get("value")
        shown = [e.get("value") for e in page.cssselect("input[name=shown]")]

        def post_step():
            version = db.session.execute(db.select(TenderProject.version_id).filter_by(id=pid)).scalar_one()
            db.session.rollback()
            data = {**step_form(step, shown), "csrf_token": token, "version_id": version, "action": "save"}
            response = client.post(step_url, data=data)
            assert response.status_code == 302, response.status_code

        results.append(row("wizard step POST", _times(post_step), counter.during(post_step)))

        # The tailoring page with 30 and 150 requirements: the query count must not grow.
        keys = [r.key for r in catalog.library().active() if r.available_in("NO")]
        for n in (30, 150):
            pid_n = new_project(f"Benk {n}")
            project = db.session.get(TenderProject, pid_n)
            for key in keys[:n]:
                tailoring.copy_from_library(project, catalog.library().requirement(key))
            db.session.commit()
            count = len(tailoring.active(project))
            db.session.remove()
            url = f"/projects/{pid_n}"
            results.append(row(f"tailoring page, {n} requirements",
                               _times(lambda: client.get(url)), counter.during(lambda: client.get(url)),  # noqa: B023
                               {"requirements": count}))

        # The review page of the 150-requirement project with 40 comment threads (one reply each).
        from app.services import review as review_service
        project = db.session.get(TenderProject, pid_n)
        author = db.session.merge(user)
        rows = tailoring.active(project)
        for i in range(40):
            thread = review_service.add_comment(author, project, f"Merknad {i}", requirement_id=rows[i].id)
            review_service.add_comment(author, project, "Svar", parent=thread)
        db.session.commit()
        db.session.remove()
        review_url = f"/projects/{pid_n}/review"
        results.append(row("review page, 150 requirements, 40 threads", _times(lambda: client.get(review_url), 30),
                           counter.during(lambda: client.get(review_url))))

        # The Word export request (300 requirements) against a bare docxtpl render of the same rows.
        pid_300 = new_project("Benk eksport")
        project = db.session.get(TenderProject, pid_300)
        library = catalog.library()
        for i in range(300):
            req = library.requirement(keys[i % len(keys)])
            r = tailoring.copy_from_library(project, req)
            if i >= len(keys):  # repeat library rows under new keys to reach 300
                r.key = f"{req.key}-{i}"
        db.session.commit()
        doc = assembly.assemble(project)
        template = docx.builtin_template("spec", doc.language)
        context = docx.build_context(doc)
        db.session.remove()

        def bare():
            tpl = DocxTemplate(io.BytesIO(template))
            tpl.render(context, autoescape=True)
            tpl.save(io.BytesIO())

        bare_times = _times(bare, 7)
        export_url = f"/projects/{pid_300}/export/docx"
        export_times = _times(lambda: client.get(export_url), 7)
        median, bare_median = statistics.median(export_times), statistics.median(bare_times)
        results.append({"case": "Word export request, 300 requirements", "median_s": round(median, 4),
                        "p95_s": round(timing.p95(export_times), 4), "baseline_median_s": round(bare_median, 4),
                        "ratio": round(median / bare_median, 2),
                        "baseline": "bare DocxTemplate render + save of the same context and template",
                        "target": "ratio <= 1.5 and median < 0.3 s",
                        "within_target": median / bare_median <= 1.5 and median < 0.3,
                        "queries": counter.during(lambda: client.get(export_url))})
    return results


if __name__ == "__main__":
    for r in run():
        print(r)
