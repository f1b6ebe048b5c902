"""Machine endpoints: health check for load balancers, library as open data."""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import text

from ..extensions import db
from ..library.export import library_to_json
from ..services import catalog
from .access import public

bp = Blueprint("api", __name__)


@bp.route("/healthz")
@public
def healthz():
    """200 when the database answers and the library is loaded; 503 otherwise."""
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        database = "unavailable"
    library = catalog.library()
    status = 200 if database == "ok" else 503
    return jsonify(status="ok" if status == 200 else "unavailable", database=database,
                   library_version=library.version, requirements=len(library.requirements)), status


@bp.route("/api/library.json")
@public
def library_json():
    """The national library as open data (the same document as `flask library export`)."""
    return jsonify(library_to_json(catalog.library()))
