"""A live Kravbygger under gunicorn, for the attack tests (tests/security/test_live_attacks.py) and the
load benchmark (tests/bench/bench_load.py): a fresh database built by the migrations, seeded users, a
real server on a random port, a small cookie-keeping HTTP client, and memory readings from /proc.

gunicorn reads `gunicorn.conf.py` from the repository root when there is one; the command line here
sets only what the tests need (address, workers, threads, the app factory).
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager, suppress
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "live-server-passord-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(database_url: str, *, projects: int = 1, keys: tuple[str, ...] = ("EXIT-001", "EXIT-002")) -> dict:
    """Migrate `database_url` and add an organisation with an admin and a buyer owning `projects` drafts."""
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from app.models import TenderProject
    from app.services import accounts, catalog, tailoring

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "live"})
    with app.app_context():
        upgrade()
        org = accounts.create_organisation("Levende kommune", "NO", key_prefix="LEV")
        admin = accounts.create_user(None, org, email="admin@lev.example.no", name="Admin", password=PASSWORD,
                                     role="admin", locale="en")
        buyer = accounts.create_user(None, org, email="kjoper@lev.example.no", name="Kjøper", password=PASSWORD,
                                     role="buyer", locale="en")
        ids = []
        for i in range(projects):
            project = TenderProject(organisation_id=org.id, title=f"Prosjekt {i}", reference=f"2026/{i}",
                                    language="nb", country="NO", status="draft", answers={}, step_state={},
                                    created_by=buyer)
            db.session.add(project)
            db.session.flush()
            for key in keys:
                tailoring.copy_from_library(project, catalog.library().requirement(key))
            ids.append(project.id)
        db.session.commit()
        result = {"admin": admin.email, "buyer": buyer.email, "projects": ids}
        db.engine.dispose()
    return result


@contextmanager
def server(database_url: str, *, workers: int = 2, threads: int = 4, env: dict | None = None):
    """gunicorn serving the app on a free port; yields (base_url, master process)."""
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "live",
                   "KRAVBYGGER_LOGIN_LIMIT": "100000 per minute", "KRAVBYGGER_LOGIN_ACCOUNT_LIMIT": "100000 per minute",
                   "KRAVBYGGER_LOGIN_ACCOUNT_ADDRESS_LIMIT": "100000 per minute", "KRAVBYGGER_ACCESS_LOG": "",
                   "KRAVBYGGER_LOG_LEVEL": "WARNING", **(env or {})}
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
               "--worker-class", "gthread", "--threads", str(threads), "--timeout", "120",
               "--access-logfile", "/dev/null", "--error-logfile", "-", "app:create_app()"]
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=False)
    base = f"127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:  # pragma: no cover
            process.kill()
            process.wait()


def _wait_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {process.stderr.read().decode()[-2000:]}")
        try:
            if Browser(base).get("/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


class Reply:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def csrf(self) -> str:
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', self.text)
        if not match:
            raise AssertionError("no CSRF token on the page")
        return match.group(1)


class Browser:
    """Enough of a browser for the tests: one connection per request, the session cookie kept."""

    def __init__(self, base: str, timeout: float = 120) -> None:
        self.host, self.port = base.split(":")
        self.cookies: dict[str, str] = {}
        self.timeout = timeout

    def request(self, method: str, path: str, body: bytes | None = None, content_type: str | None = None) -> Reply:
        connection = http.client.HTTPConnection(self.host, int(self.port), timeout=self.timeout)
        headers = {"Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        try:
            # The server may answer (413) before reading the whole body: then read that answer.
            with suppress(BrokenPipeError, ConnectionResetError):
                connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            for value in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value
            return Reply(response.status, dict(response.headers), data)
        finally:
            connection.close()

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None) -> Reply:
        if not files:
            return self.request("POST", path, urlencode(fields, doseq=True).encode(),
                                "application/x-www-form-urlencoded")
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, data) in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                         f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, b"".join(parts), f"multipart/form-data; boundary={boundary}")

    def sign_in(self, email: str, password: str = PASSWORD) -> Browser:
        token = self.get("/login").csrf()
        reply = self.post("/login", {"csrf_token": token, "email": email, "password": password})
        if reply.status != 302:
            raise AssertionError(f"sign-in failed for {email}: {reply.status}")
        return self


def children(pid: int) -> list[int]:
    """The worker processes of a gunicorn master (and any processes they started)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            kids = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for kid in map(int, kids):
            found.append(kid)
            todo.append(kid)
    return found


def memory_kib(pid: int, field: str = "VmRSS") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
