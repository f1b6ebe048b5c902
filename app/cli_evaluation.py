"""`flask evaluation import|scores|report`: the evaluation for scripts and for checking.

    flask --app app evaluation import PROJECT_ID --supplier NAME FILE.xlsx [--user EMAIL]
    flask --app app evaluation scores PROJECT_ID --format json|text
    flask --app app evaluation report PROJECT_ID -o FILE.docx

`import` acts as --user (default: the project's creator) and is checked and audited like the web
upload; a refused file prints every problem and exits 1, storing nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale
from sqlalchemy import select

from .extensions import db
from .models import TenderProject, User
from .services import ServiceError, evaluation, evaluation_outputs

evaluation_cli = AppGroup("evaluation", help="Import tenders, print scores, write the evaluation report.")


def _project(project_id: int) -> TenderProject:
    project = db.session.get(TenderProject, project_id)
    if project is None:
        click.echo(f"No project {project_id}.", err=True)
        sys.exit(2)
    return project


@evaluation_cli.command("import")
@click.argument("project_id", type=int)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--supplier", required=True, help="The supplier's name.")
@click.option("--user", "email", default=None, help="Act as this user (default: the project's creator).")
def import_command(project_id: int, file: Path, supplier: str, email: str | None) -> None:
    """Read a supplier's filled response matrix into the evaluation."""
    project = _project(project_id)
    actor = (db.session.scalar(select(User).where(User.email == email.strip().lower())) if email
             else project.created_by)
    if actor is None:
        click.echo(f"No user {email}.", err=True)
        sys.exit(2)
    with current_app.test_request_context(), force_locale("en"):  # messages in English, for logs and scripts
        _import(actor, project, file, supplier)


def _import(actor: User, project: TenderProject, file: Path, supplier: str) -> None:
    try:
        tender = evaluation.import_tender(actor, project, supplier=supplier, filename=file.name,
                                          data=file.read_bytes()[:11 * 1024 * 1024])
    except evaluation.ImportRefused as refused:
        db.session.rollback()
        click.echo(f"{file.name} was not taken; nothing is stored:", err=True)
        for message in refused.messages:
            click.echo(f"  - {message}", err=True)
        sys.exit(1)
    except ServiceError as error:
        db.session.rollback()
        click.echo(str(error.message), err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"{tender.supplier_name}: read (price {tender.price_total}, "
               f"{len(tender.must_failures)} must-requirement(s) not met).")


@evaluation_cli.command("scores")
@click.argument("project_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
def scores_command(project_id: int, fmt: str) -> None:
    """Per supplier: must-requirements not met, price, price points, points per criterion, total, rank."""
    report = evaluation.report(_project(project_id))
    rows = report.as_rows() if report is not None else []
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in sorted(rows, key=lambda r: (r["rank"] is None, r["rank"] or 0, r["supplier"])):
        click.echo(f"{row['rank'] or '-':>3}  {row['supplier']}: total {row['weighted_total']}, "
                   f"price {row['price']} ({row['price_points']} points), "
                   f"must not met: {', '.join(row['must_not_met']) or 'none'}")


@evaluation_cli.command("report")
@click.argument("project_id", type=int)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def report_command(project_id: int, output: Path) -> None:
    """Write the evaluation report (Word; .xlsx writes the score sheet instead)."""
    report = evaluation.report(_project(project_id))
    if report is None:
        click.echo("The project has no approved version, so there is no evaluation.", err=True)
        sys.exit(1)
    fmt = "xlsx" if output.suffix.lower() == ".xlsx" else "docx"
    output.write_bytes(evaluation_outputs.render_report(report, fmt).data)
    click.echo(f"wrote {output}")
