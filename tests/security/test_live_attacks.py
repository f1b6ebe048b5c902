"""The penetration test's uploads, replayed against a live gunicorn (2 workers): every one is refused with a
message, the app processes stay far under 1 GB, and /healthz keeps answering (p99 < 200 ms) while they run.

Run with `-s` to see the figures (peak memory per attack, /healthz p99).
"""

from __future__ import annotations

import statistics
import threading
import time

import pytest

from app.library.spreadsheet import COLUMNS, SHEET
from tests import live
from tests.conftest import fresh_database_url
from tests.factories import make_docx
from tests.security import bombs

GIB_KIB = 1024 * 1024
HEALTH_P99_S = 0.200
RENDER_BOMB = make_docx("{{ title }}", "{% if requirement_count > 2 %}{{ title.center(900000000) }}{% endif %}",
                        "{% for a in requirements %}{% for b in requirements %}{% for c in requirements %}"
                        "{{ a.text }}{{ b.text }}{{ c.text }}{% endfor %}{% endfor %}{% endfor %}")


class Watch:
    """Polls /healthz and samples the workers' memory while an attack runs."""

    def __init__(self, base: str, master: int) -> None:
        self.base, self.master = base, master
        self.latencies: list[float] = []
        self.failures = 0
        self.worker_peak_kib = 0
        self.child_peak_kib = 0
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._health), threading.Thread(target=self._memory)]

    def __enter__(self) -> Watch:
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for t in self._threads:
            t.join()

    def _health(self) -> None:
        client = live.Browser(self.base, timeout=10)
        while not self._stop.is_set():
            started = time.perf_counter()
            try:
                ok = client.get("/healthz").status == 200
            except OSError:
                ok = False
            self.latencies.append(time.perf_counter() - started)
            self.failures += 0 if ok else 1
            time.sleep(0.02)

    def _memory(self) -> None:
        while not self._stop.is_set():
            workers = set(live.children(self.master)) - set()
            direct = {int(p) for p in _direct_children(self.master)}
            for pid in workers:
                rss = live.memory_kib(pid)
                if pid in direct:
                    self.worker_peak_kib = max(self.worker_peak_kib, rss)
                else:
                    self.child_peak_kib = max(self.child_peak_kib, rss)
            time.sleep(0.02)

    @property
    def p99(self) -> float:
        if len(self.latencies) < 2:
            return max(self.latencies, default=0.0)
        return statistics.quantiles(self.latencies, n=100)[98]


def _direct_children(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return f.read().split()
    except OSError:
        return []


def _upload_template(admin: live.Browser, data: bytes) -> int:
    token = admin.get("/admin/templates").csrf()
    return admin.post("/admin/templates", {"csrf_token": token, "name": "Angrep"}, {"file": ("mal.docx", data)}).status


def _import_workbook(admin: live.Browser, data: bytes) -> int:
    token = admin.get("/admin/library").csrf()
    return admin.post("/admin/library/import", {"csrf_token": token}, {"file": ("krav.xlsx", data)}).status


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    url = fresh_database_url("live")
    seeded = live.seed(url, keys=("EXIT-001", "EXIT-002", "SEC-001", "IAM-001", "ARK-001"))
    from app import create_app
    from app.extensions import db
    from app.models import OrgTemplate, User

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "live"})
    with app.app_context():  # a template that passes the upload check and explodes on a real project
        admin = db.session.query(User).filter_by(email=seeded["admin"]).one()
        db.session.add(OrgTemplate(organisation_id=admin.organisation_id, name="Bombe", filename="b.docx",
                                   data=RENDER_BOMB, active=True, uploaded_by_id=admin.id))
        db.session.commit()
        db.engine.dispose()
    with live.server(url) as (base, process):
        yield base, process, seeded


ATTACKS = {
    "docx zip bomb (55 MB of XML in 90 KB)": (lambda: bombs.docx_bomb(), _upload_template, {422}),
    "template center(500000000)": (lambda: make_docx("{{ title.center(500000000) }}"), _upload_template, {422}),
    "template 'x' * 10**9": (lambda: make_docx("{{ title * 1000000000 }}"), _upload_template, {422}),
    "template nested loops 100000²": (lambda: make_docx(
        "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}"), _upload_template, {422}),
    "template with a false ZIP size": (lambda: bombs.false_size_zip(make_docx("{{ title }}")), _upload_template,
                                       {422}),
    "xlsx with a 200 MB string in 200 KB": (lambda: bombs.workbook_with_huge_string(COLUMNS, SHEET, 200 * bombs.MB),
                                            _import_workbook, {422}),
    "plain 55 MB XML as a template": (lambda: b"<w:document>" + b" " * (55 * bombs.MB) + b"</w:document>",
                                      _upload_template, {413}),
}


def test_uploads_are_bounded_and_the_site_keeps_answering(site):
    base, process, seeded = site
    admin = live.Browser(base).sign_in(seeded["admin"])
    buyer = live.Browser(base).sign_in(seeded["buyer"])
    figures = []
    everything = Watch(base, process.pid)
    with everything:
        for name, (build, send, expected) in ATTACKS.items():
            payload = build()
            with Watch(base, process.pid) as watch:
                statuses = [send(admin, payload) for _ in range(3)]
            figures.append((name, statuses, watch.worker_peak_kib, watch.child_peak_kib, watch.p99))
            assert set(statuses) <= expected, (name, statuses)
        with Watch(base, process.pid) as watch:
            project = seeded["projects"][0]
            statuses = [buyer.get(f"/projects/{project}/export/docx").status for _ in range(3)]
        figures.append(("buyer downloads through a template that explodes on render", statuses,
                        watch.worker_peak_kib, watch.child_peak_kib, watch.p99))
        assert set(statuses) == {422}
    print("\nattack | statuses | worker peak MB | render child peak MB | /healthz p99 ms")
    for name, statuses, worker, child, p99 in figures:
        print(f"{name} | {statuses} | {worker / 1024:.0f} | {child / 1024:.0f} | {p99 * 1000:.0f}")
    print(f"all attacks: /healthz p99 {everything.p99 * 1000:.0f} ms over {len(everything.latencies)} requests, "
          f"{everything.failures} failed; worker peak {everything.worker_peak_kib / 1024:.0f} MB")
    assert everything.failures == 0
    assert everything.worker_peak_kib < GIB_KIB
    assert everything.p99 < HEALTH_P99_S
    after = [live.memory_kib(pid) for pid in _direct_children(process.pid)]
    assert after and max(after) < GIB_KIB  # the memory is not kept after the attacks either
