"""Load on a live server (not a test): gunicorn with 2 workers (gthread, 4 threads each), 20 concurrent
clients for 20 s, on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.

Each client signs in (before the window) and loops: the project page (GET), a wizard step (GET), and the step saved
(POST, with its CSRF token and version, on the client's own project). An error is a 5xx, a refused
connection or a timeout; a 409 (two saves of one project) cannot happen with one project per client.
The baseline is GET /healthz under the same 20 clients in the same run; the ratio is the mixed
load's p99 over the baseline's p99.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from contextlib import contextmanager

from lxml import html

from tests import live
from tests.wizard_helpers import step_form

CLIENTS = 20
SECONDS = 20
BASELINE_SECONDS = 8
STEP = "procurement"


@contextmanager
def _database(kind: str):
    from tests.conftest import fresh_database_url

    saved = os.environ.get("KRAVBYGGER_TEST_DB")
    os.environ["KRAVBYGGER_TEST_DB"] = kind
    try:
        yield fresh_database_url("bench_load")
    finally:
        if saved is None:
            os.environ.pop("KRAVBYGGER_TEST_DB", None)
        else:
            os.environ["KRAVBYGGER_TEST_DB"] = saved


class Load:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def record(self, started: float, status: int | None, expected: set[int], what: str) -> None:
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latencies.append(elapsed)
            if status not in expected:
                self.errors.append(f"{what}: {status}")


def _timed(load: Load, what: str, expected: set[int], call):
    started = time.perf_counter()
    try:
        reply = call()
    except OSError as exc:
        load.record(started, None, expected, f"{what} {type(exc).__name__}")
        return None
    load.record(started, reply.status, expected, what)
    return reply


def _client_loop(browser: live.Browser, project: int, until: list[float], load: Load, step) -> None:
    url = f"/projects/{project}/wizard/{STEP}"
    while time.monotonic() < until[0]:
        _timed(load, "project page", {200}, lambda: browser.get(f"/projects/{project}"))
        page = _timed(load, "wizard GET", {200}, lambda: browser.get(url))
        if page is None or page.status != 200:
            continue
        tree = html.fromstring(page.text)
        shown = [e.get("value") for e in tree.cssselect("input[name=shown]") if e.get("disabled") is None]
        data = {**step_form(step, shown), "csrf_token": tree.cssselect("input[name=csrf_token]")[0].get("value"),
                "version_id": tree.cssselect("input[name=version_id]")[0].get("value")}
        fields = {k: v for k, v in data.items() if not isinstance(v, list)}
        for k, v in data.items():
            if isinstance(v, list):
                fields[k] = v
        _timed(load, "wizard POST", {302, 200}, lambda fields=fields: browser.post(url, fields))


def _baseline_loop(base: str, until: float, load: Load) -> None:
    browser = live.Browser(base, timeout=30)
    while time.monotonic() < until:
        _timed(load, "healthz", {200}, lambda: browser.get("/healthz"))


def _run_clients(target, args_for) -> None:
    threads = [threading.Thread(target=target, args=args_for(i)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) > 1 else max(values, default=0.0)


def _measure(kind: str) -> dict:
    from tests.wizard_helpers import wizard

    with _database(kind) as url:
        seeded = live.seed(url, projects=CLIENTS)
        from app import create_app

        with create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "live"}).app_context():
            step = wizard().step(STEP)
        with live.server(url, workers=2, threads=4) as (base, _process):
            baseline = Load()
            until = time.monotonic() + BASELINE_SECONDS
            _run_clients(_baseline_loop, lambda i: (base, until, baseline))
            # Sign-ins first (argon2 is slow on purpose), so the window measures pages and saves only.
            browsers = [live.Browser(base, timeout=60).sign_in(seeded["buyer"]) for _ in range(CLIENTS)]
            load = Load()
            started = time.monotonic()
            until = [started + SECONDS]
            _run_clients(_client_loop, lambda i: (browsers[i], seeded["projects"][i], until, load, step))
            elapsed = time.monotonic() - started
    p99, base_p99 = _p99(load.latencies), _p99(baseline.latencies)
    return {
        "case": f"{'SQLite' if kind == 'sqlite' else 'PostgreSQL'}: project page + wizard GET/POST, "
                f"{CLIENTS} clients, {SECONDS} s",
        "requests": len(load.latencies), "errors": len(load.errors),
        "req_per_s": round(len(load.latencies) / elapsed, 1), "p99_s": round(p99, 3),
        "median_s": round(statistics.median(load.latencies), 4),
        "baseline_req_per_s": round(len(baseline.latencies) / BASELINE_SECONDS, 1),
        "baseline_p99_s": round(base_p99, 3), "ratio": round(p99 / base_p99, 1) if base_p99 else "",
        "baseline": "GET /healthz with the same 20 clients",
        "within_target": not load.errors, "first_errors": "; ".join(load.errors[:3]),
    }


def run() -> list[dict]:
    rows = [_measure("sqlite")]
    if os.environ.get("TEST_DATABASE_URL"):
        rows.append(_measure("postgres"))
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
