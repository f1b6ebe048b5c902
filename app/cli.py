"""Flask commands: `flask library check|export|diff`, `flask seed-demo`, `flask create-user`, `flask export`."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

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
    "estimated_value": 6_500_000, "contract_start": "2027-09-01", "contract_years": 4, "user_count": 2300,
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
    """The demo municipality, its three users and a demo project; running it again changes nothing."""
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
    """Create the demo municipality with a buyer, a legal reviewer and an admin (demo only)."""
    seed_demo_data()
    db.session.commit()
    click.echo("Demo municipality 'Eksempel kommune' is ready. Sign in at http://127.0.0.1:5000 with "
               f"(password for all three: {DEMO_PASSWORD}):")
    for email, _name, role in DEMO_USERS:
        click.echo(f"  {role:9} {email}")


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(["buyer", "reviewer", "admin"]), default="admin", show_default=True)
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
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True)
def export_project(project_id: int, fmt: str, output: str) -> None:
    """Export a project's current draft (docx, xlsx, csv, ocds or zip)."""
    from .exporters import EXPORTERS
    from .services import assembly

    project = db.session.get(TenderProject, project_id)
    if project is None:
        click.echo(f"No project {project_id}.", err=True)
        sys.exit(1)
    if fmt not in EXPORTERS:
        click.echo(f"Unknown format {fmt}; choose one of {', '.join(EXPORTERS)}.", err=True)
        sys.exit(2)
    data = EXPORTERS[fmt].render(assembly.assemble(project))
    Path(output).write_bytes(data)
    click.echo(f"Wrote {output} ({len(data)} bytes).")


def register_cli(app: Flask) -> None:
    app.cli.add_command(library_cli)
    app.cli.add_command(seed_demo)
    app.cli.add_command(create_user)
    app.cli.add_command(export_project)
    from .cli_evaluation import evaluation_cli

    app.cli.add_command(evaluation_cli)
