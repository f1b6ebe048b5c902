"""Legal review pages: the review overview with comments, the transitions, frozen versions, comparison."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..forms.review import (
    ActionForm,
    ApproveForm,
    CommentForm,
    CompareForm,
    EditCommentForm,
    ReplyForm,
    RequestChangesForm,
    SubmitForm,
)
from ..library.model import pick
from ..models import Comment
from ..policy import Action
from ..services import NotAllowed, ServiceError, catalog, exports, readiness, review, tailoring, versions
from .access import project_route
from .errors import discard_changes
from .forms import attach_error, flash_error
from .labels import VERSION_EVENT

bp = Blueprint("review", __name__, url_prefix="/projects/<int:project_id>")


def _comment(project, comment_id: int) -> Comment:
    comment = review.find_comment(project, comment_id)
    if comment is None:
        abort(404)
    return comment


def _back(project, anchor: str | None = None):
    return redirect(url_for("review.overview", project_id=project.id, _anchor=anchor))


def _check(project) -> readiness.Readiness:
    return readiness.check(project, str(get_locale()))


def _not_ready(project, refusal: readiness.NotReady):
    flash(refusal.message, "error")
    return redirect(url_for("review.readiness_page", project_id=project.id))


def _thread_anchor(comment: Comment) -> str:
    root = comment if comment.parent_id is None else comment.parent_id
    return f"comment-{root.id if isinstance(root, Comment) else root}"


# ----- overview ----------------------------------------------------------------------------------
@bp.route("/review")
@project_route()
def overview(project):
    return _overview(project)


def _overview(project, *, submit_form=None, reply_form=None, reply_to: int | None = None, errors=()):
    """The review page; after a refused reply or submission it shows the message with the text kept."""
    library = catalog.library()
    threads = review.comments(project)
    by_anchor: dict = {}
    for c in threads:
        by_anchor.setdefault(review.anchor_of(c), []).append(c)
    rows = tailoring.active(project)
    sections = [(c, [r for r in rows if r.category == c.code]) for c in library.categories]
    return render_template(
        "review/overview.html", project=project, sections=[s for s in sections if s[1]], by_anchor=by_anchor,
        counts=review.open_counts(project, threads), actions=review.allowed_actions(current_user, project),
        readiness=_check(project),
        timeline=review.timeline(project), versions=review.project_versions(project),
        removed={r.id: r for r in project.requirements if r.removed_at is not None},
        submit_form=submit_form or SubmitForm(formdata=None), action_form=ActionForm(),
        reply_form=reply_form or ReplyForm(formdata=None), reply_to=reply_to, page_errors=list(errors)), \
        (422 if errors else 200)


@bp.route("/readiness")
@project_route()
def readiness_page(project):
    return render_template("review/readiness.html", project=project, readiness=_check(project))


# ----- comments ----------------------------------------------------------------------------------
def _anchor_choices(project) -> list[tuple[str, str]]:
    library = catalog.library()
    choices = [("document", _("The document as a whole"))]
    rows = tailoring.active(project)
    for category in library.categories:
        in_cat = [r for r in rows if r.category == category.code]
        if not in_cat:
            continue
        choices.append((f"section:{category.code}", _("Section: %(name)s", name=pick(category.name, str(get_locale())))))
        choices += [(f"req:{r.id}", f"{r.key} {r.title}") for r in in_cat]
    return choices


@bp.route("/comments/new", methods=["GET", "POST"])
@project_route(Action.COMMENT)
def new_comment(project):
    form = CommentForm()
    form.anchor.choices = _anchor_choices(project)
    if request.method == "GET":
        form.anchor.data = request.args.get("anchor", "document")
    if form.validate_on_submit():
        anchor = form.anchor.data or "document"
        if anchor not in {value for value, _label in form.anchor.choices}:
            form.anchor.errors = [_("Choose what the comment is about.")]
        else:
            requirement_id = int(anchor[4:]) if anchor.startswith("req:") else None
            section = anchor[8:] if anchor.startswith("section:") else None
            try:
                comment = review.add_comment(current_user, project, form.body.data,
                                             requirement_id=requirement_id, section=section)
            except ServiceError as exc:
                attach_error(form, exc)
            else:
                flash(_("Your comment is added."), "success")
                return _back(project, f"comment-{comment.id}")
    return render_template("review/comment_form.html", project=project, form=form), (422 if form.errors else 200)


@bp.route("/comments/<int:comment_id>/reply", methods=["POST"])
@project_route(Action.REPLY)
def reply(project, comment_id: int):
    parent = _comment(project, comment_id)
    form = ReplyForm()
    if form.validate_on_submit():
        try:
            review.add_comment(current_user, project, form.body.data, parent=parent)
        except ServiceError as exc:
            discard_changes()
            message = exc.message
        else:
            flash(_("Your reply is added."), "success")
            return _back(project, f"comment-{parent.id}")
    else:
        message = next(iter(form.body.errors), _("Write a reply."))
    form.body.errors = [message]  # shown at the reply box, with the typed text kept
    return _overview(project, reply_form=form, reply_to=parent.id, errors=[(f"reply-{parent.id}", message)])


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@project_route(Action.COMMENT)
def edit_comment(project, comment_id: int):
    comment = _comment(project, comment_id)
    if comment.author_id != current_user.id:
        abort(403)
    form = EditCommentForm(obj=comment)
    if form.validate_on_submit():
        try:
            review.edit_comment(current_user, comment, form.body.data)
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            flash(_("Your comment is saved."), "success")
            return _back(project, _thread_anchor(comment))
    return render_template("review/comment_edit.html", project=project, form=form, comment=comment), \
        (422 if form.errors else 200)


def _comment_action(project, comment_id: int, action, done: str):
    comment = _comment(project, comment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        action(current_user, comment)
    except NotAllowed:
        abort(403)
    except ServiceError as exc:
        flash_error(exc)
    else:
        flash(done, "success")
    return _back(project, _thread_anchor(comment))


@bp.route("/comments/<int:comment_id>/delete", methods=["POST"])
@project_route(Action.COMMENT)
def delete_comment(project, comment_id: int):
    return _comment_action(project, comment_id, review.delete_comment, _("The comment is deleted."))


@bp.route("/comments/<int:comment_id>/resolve", methods=["POST"])
@project_route(Action.RESOLVE_COMMENT)
def resolve(project, comment_id: int):
    return _comment_action(project, comment_id, review.resolve, _("The comment is marked as resolved."))


@bp.route("/comments/<int:comment_id>/reopen", methods=["POST"])
@project_route(Action.RESOLVE_COMMENT)
def reopen(project, comment_id: int):
    return _comment_action(project, comment_id, review.reopen, _("The comment is open again."))


# ----- transitions -------------------------------------------------------------------------------
@bp.route("/review/submit", methods=["POST"])
@project_route(Action.SUBMIT)
def submit(project):
    form = SubmitForm()
    if form.validate_on_submit():
        try:
            version = review.submit(current_user, project, form.summary.data or "")
        except readiness.NotReady as refusal:
            return _not_ready(project, refusal)
        except ServiceError as exc:
            discard_changes()
            message = exc.message
        else:
            flash(_("Version %(label)s is sent for legal review.", label=version.label), "success")
            return _back(project)
    else:
        message = next(iter(form.summary.errors), _("The form had expired. Send it again."))
    form.summary.errors = [message]
    return _overview(project, submit_form=form, errors=[("summary", message)])


@bp.route("/review/withdraw", methods=["POST"])
@project_route(Action.WITHDRAW)
def withdraw(project):
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        review.withdraw(current_user, project)
    except ServiceError as exc:
        flash_error(exc)
    else:
        flash(_("The draft is withdrawn from review. You can edit it again."), "success")
    return _back(project)


@bp.route("/review/publish", methods=["POST"])
@project_route(Action.PUBLISH)
def publish(project):
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        version = review.publish(current_user, project)
    except readiness.NotReady as refusal:
        return _not_ready(project, refusal)
    except ServiceError as exc:
        flash_error(exc)
    else:
        flash(_("Version %(label)s is published. Its documents are frozen.", label=version.label), "success")
    return _back(project)


@bp.route("/review/request-changes", methods=["GET", "POST"])
@project_route(Action.REQUEST_CHANGES)
def request_changes(project):
    form = RequestChangesForm()
    if form.validate_on_submit():
        try:
            review.request_changes(current_user, project, form.summary.data)
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            flash(_("The buyer is asked to make changes."), "success")
            return _back(project)
    return render_template("review/decision.html", project=project, form=form, decision="changes",
                           open_count=review.open_counts(project)["total"]), (422 if form.errors or form.form_errors else 200)


@bp.route("/review/approve", methods=["GET", "POST"])
@project_route(Action.APPROVE)
def approve(project):
    form = ApproveForm()
    blocked = False
    if form.validate_on_submit():
        try:
            version = review.approve(current_user, project, summary=form.summary.data or "")
        except readiness.NotReady:
            blocked = True
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            flash(_("Version %(label)s is approved.", label=version.label), "success")
            return _back(project)
    failed = blocked or form.errors or form.form_errors
    return render_template("review/decision.html", project=project, form=form, decision="approve",
                           open_count=review.open_counts(project)["total"], readiness=_check(project),
                           blocked=blocked), (422 if failed else 200)


# ----- frozen versions ---------------------------------------------------------------------------
@bp.route("/versions/<int:number>")
@project_route()
def version(project, number: int):
    v = review.version(project, number)
    if v is None:
        abort(404)
    doc = review.document_of(v)
    return render_template("review/version.html", project=project, version=v, doc=doc, offers=exports.offers(doc),
                           versions=review.project_versions(project))


def _compare_form(project):
    all_versions = review.project_versions(project)
    form = CompareForm(request.args)
    choices = [(v.number, f"{v.label} ({VERSION_EVENT.get(v.event, v.event)})") for v in all_versions]
    form.a.choices, form.b.choices = choices, choices
    return form, all_versions


@bp.route("/versions/compare")
@project_route()
def compare(project):
    form, all_versions = _compare_form(project)
    if len(all_versions) < 2:
        flash(_("There is only one frozen version so far; there is nothing to compare it with."), "info")
        return _back(project)
    if not request.args:
        form.a.data, form.b.data = all_versions[-2].number, all_versions[-1].number
    elif not form.validate():
        return render_template("review/compare.html", project=project, form=form, diff=None), 422
    old, new = review.version(project, form.a.data), review.version(project, form.b.data)
    diff = versions.compare(review.document_of(old), review.document_of(new))
    return render_template("review/compare.html", project=project, form=form, diff=diff, old=old, new=new)
