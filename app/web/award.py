"""The award model page: criteria weights, the criterion and weight of each should-requirement, the
point scale, the price model and the documentation asked for under each criterion."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from .. import policy
from ..exporters.award_words import price_model_text
from ..policy import Action
from ..services import NotAllowed, ServiceError, award
from .access import project_route

bp = Blueprint("award", __name__, url_prefix="/projects/<int:project_id>")
LEVEL_ROWS = 6


def _int(name: str) -> int | None:
    text = (request.form.get(name) or "").strip()
    return int(text) if text.isdigit() else None


def _parse(project) -> award.AwardInput:
    codes = [code for code, _name in award.criterion_options("en")]
    should = [r for r in project.requirements if r.removed_at is None and r.obligation == "should"]
    return award.AwardInput(
        weights={code: _int(f"weight-{code}") for code in codes},
        documentation={code: request.form.get(f"doc-{code}", "") for code in codes},
        scale_max=_int("scale_max"),
        levels=[(_int(f"level-points-{i}"), request.form.get(f"level-meaning-{i}", "")) for i in range(LEVEL_ROWS)],
        price_model=request.form.get("price_model", ""), price_note=request.form.get("price_note", ""),
        assignments={r.key: (request.form.get(f"crit-{r.key}", ""), _int(f"w-{r.key}")) for r in should},
    )


def _page(project, errors: dict[str, str] | None = None, status: int = 200):
    lang = str(get_locale())
    settings = award.settings_of(project)
    model = award.model(project, project.language, settings)
    used = award.criteria(project, lang, settings)
    should = [r for r in project.requirements if r.removed_at is None and r.obligation == "should"]
    levels = list(model.levels) + [None] * max(LEVEL_ROWS - len(model.levels), 0)
    return render_template(
        "award/edit.html", project=project, errors=errors or {}, form=request.form if errors else None,
        options=award.criterion_options(lang), weights=award.weights_of(project),
        documentation=(settings.documentation if settings else {}) or {}, model=model, levels=levels[:LEVEL_ROWS],
        should=should, criterion_of={r.key: award.criterion_of(r, used) for r in should},
        scale_maxima=award.SCALE_MAXIMA, editable=policy.may(current_user, Action.TAILOR, project),
        price_models=[(m, *price_model_text(lang, m, model.scale_max)) for m in ("linear", "proportional")],
    ), status


@bp.route("/award")
@project_route()
def edit(project):
    return _page(project)


@bp.route("/award", methods=["POST"])
@project_route(Action.TAILOR)
def save(project):
    """Save the award model (the same address as the page, for those who may change the project)."""
    try:
        award.update(current_user, project, _parse(project), seen_version=_int("version_id"))
    except award.AwardInvalid as invalid:
        return _page(project, invalid.errors, 422)
    except NotAllowed as refused:
        flash(refused.message, "error")
        return _page(project)[0], 403
    except ServiceError as error:
        return _page(project, {"": error.message}, 409)
    flash(_("The award model is saved."), "success")
    return redirect(url_for("award.edit", project_id=project.id))
