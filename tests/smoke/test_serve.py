"""Production smoke test: `flask serve` (gunicorn from gunicorn.conf.py plus the RQ worker) against a real
PostgreSQL and Redis; sign in, get a PDF through the queue, stop cleanly.

It runs once, in the PostgreSQL pass of `make test` (KRAVBYGGER_TEST_DB=postgres), not in the SQLite pass.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
import requests
from lxml import html
from redis import Redis

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("TEST_DATABASE_URL", "")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("KRAVBYGGER_TEST_DB") != "postgres" or not PG,
                       reason="runs once, in the PostgreSQL pass (KRAVBYGGER_TEST_DB=postgres)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def environment(tmp_path):
    schema, queue = f"kb_smoke_{uuid.uuid4().hex[:8]}", f"kravbygger-smoke-{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"{PG}{'&' if '?' in PG else '?'}options={quote(f'-csearch_path={schema}')}",
           "SECRET_KEY": uuid.uuid4().hex, "REDIS_URL": REDIS_URL, "KRAVBYGGER_JOB_QUEUE": queue,
           "KRAVBYGGER_BIND": f"127.0.0.1:{port}", "KRAVBYGGER_WEB_WORKERS": "2", "KRAVBYGGER_JOB_WORKERS": "1",
           "TMPDIR": str(tmp_path)}
    for name in ("KRAVBYGGER_TEST_DB", "FLASK_APP"):
        env.pop(name, None)
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    for step in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run(flask + step, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    yield env, f"http://127.0.0.1:{port}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    redis = Redis.from_url(REDIS_URL)
    for key in redis.scan_iter(f"*{queue}*"):
        redis.delete(key)


def wait_for(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def ready(base: str) -> bool:
    try:
        return requests.get(f"{base}/readyz", timeout=10).status_code == 200
    except requests.RequestException:  # not listening yet, or its workers still booting
        return False


def form_token(session: requests.Session, url: str) -> str:
    return html.fromstring(session.get(url, timeout=30).text).cssselect("input[name=csrf_token]")[0].get("value")


def test_gunicorn_and_worker_serve_a_pdf_and_stop_cleanly(environment, tmp_path):
    env, base = environment
    out, err = open(tmp_path / "serve.out", "w+"), open(tmp_path / "serve.err", "w+")  # noqa: SIM115 - the server's
    server = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "serve"], cwd=ROOT, env=env,
                              stdout=out, stderr=err, start_new_session=True)
    try:
        wait_for(lambda: server.poll() is not None or ready(base), 90, "/readyz")
        assert server.poll() is None, (tmp_path / "serve.err").read_text()[-3000:]
        checks = requests.get(f"{base}/readyz", timeout=5).json()["checks"]
        assert checks == {"database": "ok", "redis": "ok"}

        session = requests.Session()
        signed_in = session.post(f"{base}/login", data={"csrf_token": form_token(session, f"{base}/login"),
                                                        "email": "innkjoper@eksempel.kommune.no",
                                                        "password": "demo-passord-2026"}, timeout=30)
        assert signed_in.status_code == 200 and signed_in.url == f"{base}/"  # on the projects page, not /login
        project = re.search(r'href="/projects/(\d+)"', session.get(f"{base}/", timeout=30).text).group(1)
        asked = session.post(f"{base}/projects/{project}/export/pdf",
                             data={"csrf_token": form_token(session, f"{base}/projects/{project}/export")},
                             allow_redirects=False, timeout=60)
        assert asked.status_code == 302 and "/jobs/" in asked.headers["Location"], asked.text[:500]
        assert asked.headers["X-Request-ID"]
        status_url = f"{base}{asked.headers['Location']}?format=json"
        job = wait_for(lambda: (j := session.get(status_url, timeout=10).json())["status"] in ("done", "failed") and j,
                       180, "the PDF job")
        assert job["status"] == "done", (tmp_path / "serve.err").read_text()[-3000:]
        pdf = session.get(f"{base}{job['download']}", timeout=30)
        assert pdf.headers["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
        assert b"<pdfaid:part>2</pdfaid:part>" in pdf.content
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=90)
    assert code == 0, (tmp_path / "serve.err").read_text()[-3000:]
    time.sleep(0.5)
    leftovers = subprocess.run(["pgrep", "-g", str(server.pid)], capture_output=True, text=True).stdout.split()
    assert leftovers == []  # gunicorn, its workers and the job worker are all gone
    out.seek(0)
    access = [json.loads(line) for line in out if line.startswith("{")]
    assert any(e.get("path") == f"/projects/{project}/export/pdf" and e.get("request_id") for e in access)
    err.seek(0)
    assert any('"logger": "rq.worker"' in line for line in err)
