"""Flask commands: `flask library check|export|diff`, `flask seed-demo`, `flask create-user`, `flask export`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from .domain import ROLES
from .extensions import db
from .library import LibraryError, load_library
from .library.content import content_problems
from .library.diff import diff_libraries
from .library.export import library_to_json
from .library.lint import lint_library
from .models import Organisation, TenderProject, User
from .services import ServiceError, accounts, catalog, projects, proposal

library_cli = AppGroup("library", help="Check, export and compare the requirement library.")

DEMO_PASSWORD = "demo-passord-2026"
DEMO_USERS = (
    ("innkjoper@eksempel.kommune.no", "Ingrid Innkjøper", "buyer"),
    ("jurist@eksempel.kommune.no", "Jon Jurist", "reviewer"),
    ("evaluator@eksempel.kommune.no", "Eva Evaluator", "evaluator"),
    ("admin@eksempel.kommune.no", "Ada Administrator", "admin"),
)


def _load_or_exit(path: str):
    try:
        return load_library(path)
    except LibraryError as exc:
        click.echo(f"The library in {path} has {len(exc.problems)} problem(s):", err=True)
        for problem in exc.problems:
            click.echo(f"  - {problem}", err=True)
        sys.exit(1)


def _library_at(spec: str):
    """A library from a folder, or from a git revision of this repository's requirement_library/."""
    if Path(spec).is_dir():
        return _load_or_exit(spec)
    root = Path(current_app.root_path).parent
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(root), "archive", spec, "requirement_library"],
                                 capture_output=True, check=False)
        if archive.returncode != 0:
            click.echo(f"'{spec}' is neither a library folder nor a git revision: "
                       f"{archive.stderr.decode().strip()}", err=True)
            sys.exit(2)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        return _load_or_exit(str(Path(tmp) / "requirement_library"))


@library_cli.command("check")
@click.option("--path", default=None, help="Library folder (default: the app's).")
def library_check(path: str | None) -> None:
    """Validate every file against its schema and lint every requirement."""
    path = path or current_app.config["LIBRARY_PATH"]
    library = _load_or_exit(path)
    findings = lint_library(library, "en")
    errors = [f for f in findings if f.severity == "error"]
    for f in findings:
        click.echo(f"  {f.severity:7} {f.key} [{f.lang}] {f.rule}: {f.message}")
    short = content_problems(library)
    for problem in short:
        click.echo(f"  error   content: {problem}")
    click.echo(f"Library {library.version}: {len(library.requirements)} requirements in "
               f"{len(library.categories)} categories, {len(library.references)} references; "
               f"{len(errors)} lint error(s), {len(findings) - len(errors)} warning(s), "
               f"{len(short)} content problem(s).")
    sys.exit(1 if errors or short else 0)


@library_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "xlsx"]), default="json")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="-", help="File (default: stdout).")
def library_export(fmt: str, output: str) -> None:
    """Write the whole library as one document (open data for other municipalities)."""
    library = _load_or_exit(current_app.config["LIBRARY_PATH"])
    if fmt == "json":
        data = json.dumps(library_to_json(library), ensure_ascii=False, indent=2).encode("utf-8")
    else:
        from .library.spreadsheet import library_to_xlsx
        data = library_to_xlsx(library)
    if output == "-":
        sys.stdout.buffer.write(data)
    else:
        Path(output).write_bytes(data)
        click.echo(f"Wrote {output} ({len(data)} bytes).", err=True)


@library_cli.command("diff")
@click.argument("old")
@click.argument("new")
def library_diff(old: str, new: str) -> None:
    """List what changed between two libraries (folders or git revisions, e.g. HEAD~3 HEAD)."""
    result = diff_libraries(_library_at(old), _library_at(new))
    for line in result.lines():
        click.echo(line)


# A worked example the demo buyer can open: a mid-sized Norwegian municipality replacing its office suite.
DEMO_PROJECT_TITLE = "Nettbasert kontorstøtte 2027 (demo)"
DEMO_ANSWERS = {
    "title": DEMO_PROJECT_TITLE, "reference": "2026/1234", "document_language": "nb", "procedure": "open",
    "value_band": "above_eea",  # NOK 6.5 million over the contract period: above the EEA threshold
    "estimated_value": 6_500_000, "contract_start": "2027-09-01", "contract_years": 4, "user_count": 2300,
    "users_by_group": {"employees": 1450, "pupils": 780, "politicians": 45, "external": 25},
    "locations": "Rådhuset, 9 skoler, 4 sykehjem, hjemmetjenesten og teknisk drift (om lag 30 lokasjoner).",
    "current_situation": "E-post og kalender ligger på egne Exchange-servere fra 2013, og filer på lokale filservere "
                         "med delte mapper. Skolene bruker en egen skytjeneste for elevene. Videomøter holdes i flere "
                         "ulike verktøy. Serverne går ut av leverandørstøtte i 2027, og driften binder to årsverk.",
    "goals": "Én felles løsning for ansatte og elever, mindre egen drift, tryggere deling med eksterne "
             "samarbeidspartnere og arkivering av e-post og dokumenter direkte til sak-/arkivsystemet.",
    "option_years": 2, "data_volume_gb": 14000,
    "functions": ["email_calendar", "documents", "spreadsheets", "presentations", "chat_video", "file_storage"],
    "external_collaboration": True, "meeting_recording": True, "external_meetings": True,
    "personal_data": True, "special_categories": True, "confidential": True, "classified": False,
    "data_location": "eea", "third_country_access": "forbidden", "customer_keys": False,
    "archive_standard": "noark5", "archive_content": ["email", "documents"], "retention_rules": True,
    "identity_protocol": "saml", "provisioning": True, "integrations": ["case_management", "hr"],
    "default_format": "odf", "user_groups": ["staff", "pupils"], "assistive_technology": ["screen_reader"],
    "migration_in": True, "exit_assistance": True, "security_level": "high", "support_hours": "extended",
    "climate_approach": "award_criterion", "award_weights": {"price": 40, "quality": 30, "climate": 30},
}


def seed_demo_project(buyer: User) -> TenderProject | None:
    """The demo project with every wizard step answered and the proposal applied (once)."""
    exists = db.session.scalar(select(TenderProject).where(TenderProject.title == DEMO_PROJECT_TITLE,
                                                           TenderProject.organisation_id == buyer.organisation_id))
    if exists is not None:
        return None
    project = projects.create(buyer, title=DEMO_PROJECT_TITLE, reference="2026/1234", language="nb")
    project.answers = dict(DEMO_ANSWERS)
    project.step_state = {step.id: "saved" for step in catalog.library().wizard.steps}
    db.session.flush()
    proposal.apply_proposal(buyer, project)
    return project


def seed_demo_data() -> tuple[Organisation, list[User]]:
    """The demo municipality, its users and a demo project; running it again changes nothing."""
    org = db.session.scalar(select(Organisation).where(Organisation.name == "Eksempel kommune"))
    if org is None:
        org = accounts.create_organisation("Eksempel kommune", "NO", org_number="", key_prefix="EKS")
    users = []
    for email, name, role in DEMO_USERS:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = accounts.create_user(None, org, email=email, name=name, password=DEMO_PASSWORD, role=role)
        users.append(user)
    seed_demo_project(users[0])
    return org, users


@click.command("seed-demo")
def seed_demo() -> None:
    """Create the demo municipality with a buyer, a legal reviewer, an evaluator and an admin (demo only)."""
    seed_demo_data()
    db.session.commit()
    click.echo("Demo municipality 'Eksempel kommune' is ready. Sign in at http://127.0.0.1:5000 with "
               f"(password for all: {DEMO_PASSWORD}):")
    for email, _name, role in DEMO_USERS:
        click.echo(f"  {role:9} {email}")


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(list(ROLES)), default="admin", show_default=True)
@click.option("--organisation", "org_name", required=True, help="Created if it does not exist.")
@click.option("--country", type=click.Choice(["NO", "SE"]), default="NO", show_default=True)
@click.option("--org-number", default="", help="Organisation number (for new organisations).")
@click.password_option(help="At least 12 characters; asked for if not given.")
def create_user(email: str, name: str, role: str, org_name: str, country: str, org_number: str,
                password: str) -> None:
    """Create a user, typically the first administrator of a municipality."""
    org = db.session.scalar(select(Organisation).where(Organisation.name == org_name))
    if org is None:
        org = accounts.create_organisation(org_name, country, org_number=org_number)
    try:
        user = accounts.create_user(None, org, email=email, name=name, password=password, role=role)
    except ServiceError as exc:
        db.session.rollback()
        click.echo(f"Not created: {exc.message}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Created {user.role} {user.email} in {org.name}.")


@click.command("export")
@click.argument("project_id", type=int)
@click.option("--format", "fmt", default="docx", show_default=True)
@click.option("--version", "version_number", type=int, default=None, help="With --format pdf: a frozen version's number (default: the draft).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True)
def export_project(project_id: int, fmt: str, version_number: int | None, output: str) -> None:
    """Export a project's current draft or a frozen version (docx, rfi, qualification, contract, xlsx, csv, ocds, zip or pdf)."""
    from .exporters import EXPORTERS
    from .exporters.pdf import ConversionFailed
    from .services import assembly, exports, renditions

    project = db.session.get(TenderProject, project_id)
    if project is None:
        click.echo(f"No project {project_id}.", err=True)
        sys.exit(1)
    if version_number is not None and fmt != "pdf":
        click.echo("--version is for --format pdf; a frozen version's other files download from its export page.",
                   err=True)
        sys.exit(2)
    if fmt == "pdf":  # the same Word file and conversion as the job queue's (and its cache)
        try:
            data, _name = renditions.pdf_bytes(project, version_number)
        except (ServiceError, ConversionFailed) as exc:
            click.echo(f"No PDF: {getattr(exc, 'message', exc)}", err=True)
            sys.exit(1)
    elif fmt not in EXPORTERS:
        click.echo(f"Unknown format {fmt}; choose one of {', '.join([*EXPORTERS, 'pdf'])}.", err=True)
        sys.exit(2)
    else:
        data = exports.render(assembly.assemble(project), fmt, project.organisation).data
    Path(output).write_bytes(data)
    click.echo(f"Wrote {output} ({len(data)} bytes).")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (for tests and one-off runs).")
def worker(burst: bool) -> None:
    """Run the job worker (needs REDIS_URL): e-mail, PDF conversion, large imports and exports."""
    from . import jobs

    if not current_app.config.get("REDIS_URL"):
        click.echo("REDIS_URL is not set: jobs run inside the web process, no worker is needed.", err=True)
        sys.exit(2)
    jobs.run_worker(burst=burst)


@click.command("serve")
@click.option("--job-workers", type=int, default=lambda: int(os.environ.get("KRAVBYGGER_JOB_WORKERS", "1")),
              show_default="KRAVBYGGER_JOB_WORKERS or 1", help="Job worker processes (with REDIS_URL).")
def serve_command(job_workers: int) -> None:
    """Production: gunicorn (gunicorn.conf.py) plus the job worker(s) when REDIS_URL is set, on PostgreSQL."""
    from .serve import run

    config = current_app.config
    if not config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        click.echo("`serve` runs on PostgreSQL: set DATABASE_URL=postgresql://... (use `make run` to try it "
                   "out on SQLite).", err=True)
        sys.exit(2)
    if not os.environ.get("SECRET_KEY"):
        click.echo("Set SECRET_KEY (the same value on every app server).", err=True)
        sys.exit(2)
    sys.exit(run(config.get("REDIS_URL", ""), job_workers))


@click.command("backup")
@click.option("--organisation", "organisation_id", type=int, required=True, help="The organisation's id.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True)
def backup_command(organisation_id: int, output: str) -> None:
    """Write one organisation's backup archive (JSON plus files, checksummed; see app/services/backup.py)."""
    from .services import backup

    try:
        data, summary = backup.backup(organisation_id)
    except backup.BackupError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    Path(output).write_bytes(data)
    rows = ", ".join(f"{n} {name}" for name, n in summary.rows.items() if n)
    click.echo(f"Wrote {output} ({len(data)} bytes): {summary.organisation}: {rows}; {summary.files} file(s).")


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
def restore_command(archive: str) -> None:
    """Restore one organisation from a backup archive into this (migrated) database."""
    from .services import backup

    try:
        summary = backup.restore(Path(archive).read_bytes())
    except backup.BackupError as exc:
        db.session.rollback()
        click.echo(f"Nothing restored: {exc}", err=True)
        sys.exit(1)
    db.session.commit()
    rows = ", ".join(f"{n} {name}" for name, n in summary.rows.items() if n)
    click.echo(f"Restored {summary.organisation}: {rows}; {summary.files} file(s). "
               "Enter the sign-in client secret again if the organisation uses single sign-on.")


@click.command("allow-passwords")
@click.option("--organisation", "organisation_id", type=int, required=True, help="The organisation's id.")
def allow_passwords(organisation_id: int) -> None:
    """Switch passwords on again for an organisation (when its identity provider is broken)."""
    from .models import SignInConfig
    from .services import audit

    config = db.session.scalar(select(SignInConfig).where(SignInConfig.organisation_id == organisation_id))
    if config is None or config.passwords_enabled:
        click.echo("Passwords are already allowed for this organisation.")
        return
    config.passwords_enabled = True
    audit.record(None, "organisation.passwords_allowed", config, organisation_id=organisation_id, via="command line")
    db.session.commit()
    click.echo("Passwords are allowed again; switch them off under Administration → Sign-in when sign-on works.")


def register_cli(app: Flask) -> None:
    app.cli.add_command(library_cli)
    app.cli.add_command(seed_demo)
    app.cli.add_command(create_user)
    app.cli.add_command(export_project)
    app.cli.add_command(worker)
    app.cli.add_command(backup_command)
    app.cli.add_command(serve_command)
    app.cli.add_command(allow_passwords)
    app.cli.add_command(restore_command)
    from .cli_evaluation import evaluation_cli

    app.cli.add_command(evaluation_cli)
