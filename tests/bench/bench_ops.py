"""Benchmark of running the service (not a test): `python -m tests.bench.bench_ops`.

On a fresh SQLite database with the demo municipality (`seed-demo`):

- **OIDC sign-in**: the whole single sign-on round trip against the test provider (oidc-provider-mock,
  an Authlib server in a thread): start at /login/sso/<org>, the provider's authorization form, the
  callback (code exchange, ID token checked against the provider's keys, user found). p95 of 30 runs;
  target under 0.3 s. Baseline in the same run: the same provider round trip without Kravbygger (a bare
  Authlib client: authorization request, form, token request, ID token decode).
- **PDF of the demo specification**: one job as the worker runs it (`jobs.perform`: assemble, Word,
  LibreOffice to tagged PDF/A-2, store), cache emptied before each run; target under 10 s. Baseline: a
  bare `soffice --convert-to pdf` of the same Word file with the same profile.
- **Backup of the demo organisation**: `backup.backup(org)`; target under 2 s. Baseline: a bare
  `json.dumps` of the same rows selected the same way.
"""

from __future__ import annotations

import json
import os
import secrets
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests
from authlib.integrations.requests_client import OAuth2Session
from flask import request_started
from flask_migrate import upgrade
from joserfc import jwt
from joserfc.jwk import KeySet
from sqlalchemy import select

from app import create_app, jobs
from app.cli import seed_demo_data
from app.exporters import pdf
from app.extensions import db
from app.models import Job, Rendition, TenderProject
from app.services import backup, renditions, sso, sso_settings
from tests.bench import timing
from tests.conftest import _fresh_g
from tests.ops.oidc_provider import provider, set_claims, sign_in_at_provider

SIGN_INS, PDF_RUNS, BACKUP_RUNS = 30, 3, 7
TARGETS = {"oidc": 0.3, "pdf": 10.0, "backup": 2.0}


def _sign_in(client, org_id: int, sub: str) -> None:
    start = client.get(f"/login/sso/{org_id}")
    callback = urlsplit(sign_in_at_provider(start.location, sub))
    done = client.get(f"{callback.path}?{callback.query}")
    assert done.status_code == 302 and done.location == "/", done.status_code


def _sign_ins(client, org_id: int, sub: str, runs: int) -> list[float]:
    """Times of the sign-in alone; each is followed by an untimed sign-out."""
    out = []
    for i in range(runs + 1):
        start = time.perf_counter()
        _sign_in(client, org_id, sub)
        if i:  # the first is a warm-up
            out.append(time.perf_counter() - start)
        client.post("/logout", data={})  # CSRF is off in this app
        client.delete_cookie("session")
    return out


def _bare_flow(issuer: str, sub: str) -> None:
    meta = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=5).json()
    client = OAuth2Session("bench", "secret", scope="openid email profile", redirect_uri="http://localhost/cb")
    nonce = secrets.token_urlsafe(16)
    url, _state = client.create_authorization_url(meta["authorization_endpoint"], nonce=nonce)
    code = parse_qs(urlsplit(sign_in_at_provider(url, sub)).query)["code"][0]
    token = client.fetch_token(meta["token_endpoint"], code=code)
    keys = KeySet.import_key_set(requests.get(meta["jwks_uri"], timeout=5).json())
    assert jwt.decode(token["id_token"], keys).claims["nonce"] == nonce


def bench_oidc(app, org_id: int, admin) -> dict:
    with provider() as issuer:
        sso_settings.save(admin, sso_settings.Settings(
            enabled=True, display_name="", issuer=issuer, client_id="bench", client_secret="secret",
            scopes="openid email profile", email_claim="email", name_claim="name", groups_claim="groups",
            role_map="", default_role="buyer", email_domains="", passwords_enabled=True))
        db.session.commit()
        set_claims(issuer, "bench-user", {"email": "sso@eksempel.kommune.no", "name": "SSO Benk"})
        client = app.test_client()
        ours = _sign_ins(client, org_id, "bench-user", SIGN_INS)
        bare = timing.times(lambda: _bare_flow(issuer, "bench-user"), SIGN_INS)
    p95, base = timing.p95(ours), timing.p95(bare)
    return {"case": "OIDC sign-in round trip", "median_s": round(statistics.median(ours), 4), "p95_s": round(p95, 4),
            "baseline_median_s": round(statistics.median(bare), 4), "ratio": round(p95 / timing.p95(bare), 2),
            "runs": SIGN_INS, "target_p95_s": TARGETS["oidc"], "within_target": p95 < TARGETS["oidc"],
            "baseline": f"bare Authlib client against the same provider (p95 {base:.4f} s)"}


def bench_pdf(project: TenderProject) -> dict:
    src = renditions.source(project, None)
    profile = pdf.profile_dir()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "spec.docx").write_bytes(src.docx)

        def bare():
            subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                            "pdf", "--outdir", tmp, str(Path(tmp) / "spec.docx")], check=True, capture_output=True)
        baseline = timing.median(bare, PDF_RUNS)

    def job():
        db.session.query(Rendition).delete()
        with_job = jobs.enqueue("pdf", project.id, None, src.sha256, organisation_id=project.organisation_id,
                                project_id=project.id)
        db.session().info.pop("kravbygger.after_commit", None)  # run it here, as the worker would
        db.session.commit()
        jobs.perform(with_job.id)
        assert db.session.get(Job, with_job.id).status == "done"
    median = timing.median(job, PDF_RUNS)
    return {"case": f"PDF of the demo specification ({len(project.requirements)} requirements)",
            "median_s": round(median, 3), "baseline_median_s": round(baseline, 3), "ratio": round(median / baseline, 2),
            "runs": PDF_RUNS, "target_s": TARGETS["pdf"], "within_target": median < TARGETS["pdf"],
            "baseline": "bare soffice --convert-to pdf of the same Word file, same profile"}


def _bare_dump(org_id: int) -> bytes:
    rows = {}
    for spec in backup.TABLES:
        table = backup._table(spec.table)
        rows[spec.table] = [dict(r._mapping) for r in db.session.execute(
            select(table).where(backup._where(spec, org_id)).order_by(*table.primary_key.columns))]
    return json.dumps(rows, default=str).encode()


def bench_backup(org_id: int) -> dict:
    baseline = timing.median(lambda: _bare_dump(org_id), BACKUP_RUNS)
    median = timing.median(lambda: backup.backup(org_id), BACKUP_RUNS)
    size = len(backup.backup(org_id)[0])
    return {"case": "backup of the demo organisation", "median_s": round(median, 4),
            "baseline_median_s": round(baseline, 4), "ratio": round(median / baseline, 2), "runs": BACKUP_RUNS,
            "archive_bytes": size, "target_s": TARGETS["backup"], "within_target": median < TARGETS["backup"],
            "baseline": "bare json.dumps of the same rows, selected the same way"}


def run() -> list[dict]:
    tmp = Path(tempfile.mkdtemp(prefix="kravbygger-bench-ops-"))
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.sqlite'}", "SECRET_KEY": "bench",
                      "WTF_CSRF_ENABLED": False, "SERVER_NAME": "localhost", "TESTING": True})
    with app.app_context():
        upgrade()
        org, users = seed_demo_data()
        db.session.commit()
        project = db.session.scalar(select(TenderProject).where(TenderProject.organisation_id == org.id))
        request_started.connect(_fresh_g, app)
        sso._cache.clear()
        admin = next(u for u in users if u.role == "admin")
        results = [bench_oidc(app, org.id, admin), bench_pdf(project), bench_backup(org.id)]
    return results


if __name__ == "__main__":
    for row in run():
        print(row)
