"""The needs wizard: task list, one generic pair of routes for every step, answer review, proposal."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from .. import policy
from ..forms.builder import step_form
from ..forms.project import VersionForm
from ..library.model import WizardStep
from ..policy import Action
from ..services import Conflict, ServiceError, assembly, catalog
from ..services import proposal as proposal_service
from ..services import wizard as wizard_service
from .access import project_route
from .forms import flash_error

bp = Blueprint("wizard", __name__, url_prefix="/projects/<int:project_id>/wizard")


def _lang() -> str:
    return str(get_locale())


def _goto(project, target: str):
    if target.startswith("step:"):
        return redirect(url_for("wizard.step", project_id=project.id, step_id=target[5:]))
    if target == "review":
        return redirect(url_for("wizard.review", project_id=project.id))
    return redirect(url_for("wizard.overview", project_id=project.id))


@bp.route("")
@project_route()
def overview(project):
    return render_template("wizard/overview.html", project=project, tasks=wizard_service.task_list(project),
                           complete=wizard_service.is_complete(project),
                           next_step=wizard_service.next_unfinished(project),
                           changed=proposal_service.answers_changed_since_proposal(project))


@bp.route("/<step_id>", methods=["GET", "POST"])
@project_route(Action.ANSWER_NEEDS)
def step(project, step_id: str):
    current = wizard_service.find_step(project, step_id)
    if current is None:
        abort(404)
    posted = request.method == "POST"
    form = step_form(current, _lang(), posted=posted, answers=project.answers or {}, version_id=project.version_id)
    locked = _needs_locked(project)
    if not posted:
        return _step_page(project, current, form, locked=locked)
    if locked:  # refused, but the page says why and keeps what was typed (re-rendered from the post)
        form.form_errors.append(locked)
        return _step_page(project, current, form, locked=locked), 422
    values, invalid = form.parse(set(request.form.getlist("shown")))
    action = request.form.get("action", "next")
    try:
        result = wizard_service.save_step(current_user, project, current, values, invalid=invalid, action=action,
                                          seen_version=_int(form.version_id.data),
                                          posted_shown=set(request.form.getlist("shown")))
    except Conflict:
        return _conflict(project, current, values), 409
    except ServiceError as exc:
        flash_error(exc)
        return redirect(url_for("wizard.overview", project_id=project.id))
    if result.goto:
        if action == "save":
            flash(_("Your answers are saved. You can continue where you left off at any time."), "success")
        return _goto(project, result.goto)
    for qid, message in result.errors.items():
        form[qid].errors = [message]
    form.version_id.data = project.version_id
    notice = _("Your answers brought up more questions on this page. Answer them, then continue.") \
        if result.more_questions else None
    # 200 even with errors: the valid answers were saved and are committed.
    return _step_page(project, current, form, result.shown, notice)


def _needs_locked(project) -> str | None:
    """Why the needs cannot be changed now (the policy decides), or None."""
    if policy.may(current_user, Action.ANSWER_NEEDS, project):
        return None
    return _("The needs cannot be changed while the project is in legal review. "
             "Withdraw it from review on the review page if you need to change them.")


def _step_page(project, current: WizardStep, form, shown: set[str] | None = None, notice: str | None = None,
               locked: str | None = None):
    # Questions that an answer on this page can bring up are rendered `hidden`; app.js shows them as soon
    # as the answer is given. The server decides again on every save.
    page = wizard_service.step_page(project, current, shown)
    return render_template("wizard/step.html", project=project, step=current, form=form, questions=page.questions,
                           visible=page.visible, answers=page.answers, previous=page.previous,
                           following=page.following, number=page.number, total=page.total, notice=notice,
                           warnings=page.warnings, locked=locked)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _conflict(project, step: WizardStep, values: dict):
    lang = _lang()
    rows = []
    for q in step.questions:
        if q.id not in values:
            continue
        mine = assembly.answer_text(q, values[q.id], lang)
        saved = assembly.answer_text(q, (project.answers or {}).get(q.id), lang)
        rows.append((q, mine, saved, mine != saved))
    return render_template("wizard/conflict.html", project=project, step=step, rows=rows)


@bp.route("/review")
@project_route()
def review(project):
    lang = _lang()
    answers = wizard_service.effective_answers(project)
    steps = []
    for row in wizard_service.task_list(project):
        items = [(q, assembly.answer_text(q, answers.get(q.id), lang)) for q in row.step.visible_questions(answers)]
        steps.append((row, items))
    return render_template("wizard/review.html", project=project, steps=steps,
                           complete=wizard_service.is_complete(project),
                           warnings=wizard_service.warnings(answers))


@bp.route("/proposal")
@project_route()
def proposal(project):
    return _proposal_page(project, VersionForm())


def _proposal_page(project, form: VersionForm):
    form.version_id.data = project.version_id
    diff = proposal_service.proposal_diff(project, _lang())
    library = catalog.library()
    return render_template("wizard/proposal.html", project=project, diff=diff, form=form,
                           complete=wizard_service.is_complete(project),
                           categories={c.code: c for c in library.categories})


@bp.route("/proposal", methods=["POST"])
@project_route(Action.ANSWER_NEEDS)
def apply_proposal(project):
    """Apply the proposal (the same address as the page, for editors only)."""
    form = VersionForm()
    if not form.validate_on_submit():
        return _proposal_page(project, form)
    try:
        diff = proposal_service.apply_proposal(current_user, project, seen_version=_int(form.version_id.data))
    except Conflict:
        flash(_("Someone else changed this project while you were looking at the proposal. "
                "Check the proposal again before you apply it."), "warning")
        return redirect(url_for("wizard.proposal", project_id=project.id))
    except ServiceError as exc:
        flash_error(exc)
        return redirect(url_for("wizard.overview", project_id=project.id))
    flash(_("The proposal is applied: %(added)d requirements added and %(removed)d removed. "
            "Now tailor them to your needs.", added=len(diff.add), removed=len(diff.remove)), "success")
    return redirect(url_for("projects.show", project_id=project.id))
