"""Browsing and searching the requirement library."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_babel import get_locale

from ..services import catalog
from .access import signed_in

bp = Blueprint("library", __name__)


@bp.route("/library")
@signed_in()
def index():
    library = catalog.library()
    args = request.args
    query = args.get("q", "").strip()[:200]
    filters = {
        "category": args.get("category") if library.category(args.get("category", "")) else None,
        "obligation": args.get("obligation") if args.get("obligation") in ("must", "should") else None,
        "country": args.get("country") if args.get("country") in library.countries else None,
        "reference": args.get("reference") if args.get("reference") in library.references else None,
    }
    all_languages = args.get("all_languages") == "1"
    results = library.search(query, str(get_locale()), all_languages=all_languages, **filters)
    return render_template("library/index.html", library=library, results=results, query=query,
                           filters=filters, all_languages=all_languages)


@bp.route("/library/<key>")
@signed_in()
def requirement(key: str):
    library = catalog.library()
    req = library.requirement(key)
    if req is None:
        abort(404)
    return render_template("library/requirement.html", library=library, req=req,
                           category=library.category(req.category))
