"""Machine endpoints: liveness and readiness for load balancers, the library as open data."""

from __future__ import annotations

from flask import Blueprint, jsonify

from ..library.export import library_to_json
from ..services import catalog, health
from .access import public

bp = Blueprint("api", __name__)


@bp.route("/healthz")
@public
def healthz():
    """Liveness: the process answers (a load balancer restarts it if not). Touches nothing outside it."""
    library = catalog.library()
    return jsonify(status="ok", library_version=library.version, requirements=len(library.requirements))


@bp.route("/readyz")
@public
def readyz():
    """Readiness: 200 when the database and, if configured, Redis answer; 503 (and which failed) otherwise."""
    checks = health.readiness()
    ok = all(value == "ok" for value in checks.values())
    return jsonify(status="ok" if ok else "unavailable", checks=checks), 200 if ok else 503


@bp.route("/api/library.json")
@public
def library_json():
    """The national library as open data (the same document as `flask library export`)."""
    return jsonify(library_to_json(catalog.library()))
