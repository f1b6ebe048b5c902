"""Browsing and searching the requirement library, with the organisation's own requirements beside it."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_babel import get_locale
from flask_login import current_user

from ..forms.org_requirements import field_label
from ..services import catalog, org_requirement_search, org_requirements
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
    lang = str(get_locale())
    national = library.search(query, lang, all_languages=all_languages, **filters)
    local = org_requirement_search.search(current_user, query, lang, all_languages=all_languages, **filters)
    order = {c.code: c.order for c in library.categories}
    results = sorted([*national, *local], key=lambda r: (order.get(r.category, 999), getattr(r, "is_local", False),
                                                         r.key))
    return render_template("library/index.html", library=library, results=results, query=query,
                           filters=filters, all_languages=all_languages, local_count=len(local))


@bp.route("/library/<key>")
@signed_in()
def requirement(key: str):
    library = catalog.library()
    req = library.requirement(key)
    if req is None:
        abort(404)
    return render_template("library/requirement.html", library=library, req=req,
                           category=library.category(req.category))


@bp.route("/library/local/<key>")
@signed_in()
def local_requirement(key: str):
    """One of the organisation's own requirements (another organisation's key is not found)."""
    library = catalog.library()
    row = org_requirements.get_by_key(current_user, key)
    if row is None:
        abort(404)
    req = org_requirement_search.as_local(row, current_user.organisation)
    revisions = [(rev, [field_label(name) for name in changed]) for rev, changed in org_requirements.history(row)]
    return render_template("library/requirement.html", library=library, req=req, local=row,
                           category=library.category(req.category), revisions=revisions)
