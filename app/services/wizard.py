"""The needs wizard: saving step answers, step status and navigation, and turning answers into requirements.

Steps and questions are data (requirement_library/wizard.yml). Answers are kept in
`TenderProject.answers`, one key per question id, including answers to questions that are hidden
at the moment, so that going back and changing an answer never loses anything. Only the *effective*
answers (those of visible questions) count for validation, proposals and documents.

A step's status is derived, never stored: not started until the buyer has saved it once; done
when every visible required question on it is answered and its rules hold; in progress otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..library import conditions
from ..library.model import Library, Question, WizardStep
from ..models import ProjectRequirement, TenderProject, User
from ..models._types import utcnow
from . import ServiceError, audit, catalog, tailoring
from .projects import check_version, ensure_editable

NOT_STARTED, IN_PROGRESS, DONE = "not_started", "in_progress", "done"
ACTIONS = ("next", "save", "back")
# Anskaffelsesforskriften § 7-9 (2): climate and environment weighted at least 30 per cent.
CLIMATE_MIN_WEIGHT_NO = 30


# ----- answers -----------------------------------------------------------------------------------
def context(project: TenderProject) -> dict[str, Any]:
    """The built-in context questions: answered from the project, never asked."""
    return {"country": project.country}


def effective_answers(project: TenderProject, answers: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Answers of the questions that are visible given the other answers, plus the context.

    Hiding is evaluated step by step in order, so a question hidden because an earlier answer hides
    it cannot keep a later step visible.
    """
    stored = {**(project.answers if answers is None else answers), **context(project)}
    wizard = catalog.library().wizard
    effective: dict[str, Any] = dict(context(project))
    for step in wizard.steps:
        if not step.visible(stored):
            continue
        for q in step.questions:
            if q.id in stored and stored[q.id] is not None and q.visible(stored):
                effective[q.id] = stored[q.id]
    return effective


def _is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


# ----- validation --------------------------------------------------------------------------------
def step_errors(project: TenderProject, step: WizardStep, answers: Mapping[str, Any]) -> dict[str, str]:
    """Problems with the stored answers of one step: missing required answers and the step's rules.

    Keys are question ids; values are messages for the field.
    """
    full = {**answers, **context(project)}
    errors: dict[str, str] = {}
    for q in step.visible_questions(full):
        value = full.get(q.id)
        if q.required and _is_blank(value):
            errors[q.id] = str(_required_message(q))
        elif q.type == "weights" and isinstance(value, Mapping) and sum(value.values()) != 100:
            errors[q.id] = str(_l("The weights must total 100 %%. Now they total %(total)d %%.",
                                  total=sum(value.values())))
    if "award_weights" in {q.id for q in step.questions} and "award_weights" not in errors:
        message = climate_rule(full)
        if message:
            errors["award_weights"] = message
    return errors


def _required_message(q: Question):
    if q.type in ("single", "yes_no"):
        return _l("Choose an answer.")
    if q.type == "multi":
        return _l("Choose at least one option.")
    if q.type == "weights":
        return _l("Enter a weight for each award criterion.")
    if q.type == "date":
        return _l("Enter a date.")
    if q.type == "number":
        return _l("Enter a number.")
    return _l("Fill in this field.")


def climate_rule(answers: Mapping[str, Any]) -> str | None:
    """Norway, FOA § 7-9 (2): when climate is an award criterion, it weighs at least 30 per cent."""
    if answers.get("country") != "NO" or answers.get("climate_approach") != "award_criterion":
        return None
    weights = answers.get("award_weights")
    if not isinstance(weights, Mapping):
        return None
    climate = int(weights.get("climate", 0))
    if climate < CLIMATE_MIN_WEIGHT_NO:
        return str(_l("Climate and environment must weigh at least %(min)d %% when it is an award criterion "
                      "(FOA § 7-9). Now it weighs %(weight)d %%. Raise it, or choose to handle climate "
                      "through requirements.", min=CLIMATE_MIN_WEIGHT_NO, weight=climate))
    return None


def _check_lengths(step: WizardStep, values: Mapping[str, Any]) -> dict[str, str]:
    errors = {}
    for q in step.questions:
        value = values.get(q.id)
        if isinstance(value, str) and q.max_length and len(value) > q.max_length:
            errors[q.id] = str(_l("This can be at most %(max)d characters; it has %(n)d.",
                                  max=q.max_length, n=len(value)))
    return errors


# ----- status and navigation ---------------------------------------------------------------------
@dataclass(frozen=True)
class StepStatus:
    step: WizardStep
    number: int
    status: str
    problems: int = 0


def visible_steps(project: TenderProject) -> tuple[WizardStep, ...]:
    return catalog.library().wizard.visible_steps({**project.answers, **context(project)})


def status_of(project: TenderProject, step: WizardStep) -> str:
    if (project.step_state or {}).get(step.id) is None:
        return NOT_STARTED
    return IN_PROGRESS if step_errors(project, step, project.answers) else DONE


def task_list(project: TenderProject) -> list[StepStatus]:
    rows = []
    for number, step in enumerate(visible_steps(project), start=1):
        errors = step_errors(project, step, project.answers)
        started = (project.step_state or {}).get(step.id) is not None
        status = NOT_STARTED if not started else IN_PROGRESS if errors else DONE
        rows.append(StepStatus(step, number, status, len(errors)))
    return rows


def is_complete(project: TenderProject) -> bool:
    return all(row.status == DONE for row in task_list(project))


def on_page(step: WizardStep, visible: set[str]) -> list[Question]:
    """The questions a step page renders: the visible ones, plus hidden ones that an answer on this
    same page can bring up (the page shows those as soon as the answer is given)."""
    own = {q.id for q in step.questions}
    return [q for q in step.questions
            if q.id in visible or any(qid in own for _op, qid, _v in conditions.comparisons(q.show_when))]


def find_step(project: TenderProject, step_id: str) -> WizardStep | None:
    """The step if it exists and is visible for this project's answers."""
    return next((s for s in visible_steps(project) if s.id == step_id), None)


def neighbours(project: TenderProject, step_id: str) -> tuple[WizardStep | None, WizardStep | None]:
    steps = visible_steps(project)
    ids = [s.id for s in steps]
    if step_id not in ids:
        return None, None
    i = ids.index(step_id)
    return (steps[i - 1] if i > 0 else None), (steps[i + 1] if i + 1 < len(steps) else None)


def next_unfinished(project: TenderProject) -> WizardStep | None:
    return next((row.step for row in task_list(project) if row.status != DONE), None)


# ----- saving a step -----------------------------------------------------------------------------
@dataclass
class SaveResult:
    errors: dict[str, str] = field(default_factory=dict)  # question id -> message
    saved: list[str] = field(default_factory=list)  # question ids whose answers were saved
    goto: str | None = None  # "step:<id>", "review" or "overview"

    @property
    def ok(self) -> bool:
        return not self.errors


def save_step(actor: User, project: TenderProject, step: WizardStep, values: Mapping[str, Any], *,
              invalid: Mapping[str, str] | None = None, action: str = "next",
              seen_version: int | None = None) -> SaveResult:
    """Save the answers of one step and decide where the buyer goes next.

    `values` holds the parsed answer of every question posted on the step; `invalid` the questions
    whose input could not be parsed (their message), which keep their previous answer. Every valid
    answer is saved whatever the action, so nothing typed is lost; "next" additionally requires the
    step to be complete and stays on the step otherwise. "save" goes to the task list, "back" to the
    previous step.
    """
    if action not in ACTIONS:
        raise ServiceError(_l("Unknown action."))
    check_version(project, seen_version)
    ensure_editable(actor, project)
    invalid = dict(invalid or {})
    invalid.update({k: v for k, v in _check_lengths(step, values).items() if k not in invalid})

    question_ids = {q.id for q in step.questions}
    answers = dict(project.answers or {})
    saved = []
    for qid, value in values.items():
        if qid not in question_ids or qid in invalid:
            continue
        if isinstance(value, str):
            value = value.strip()
        if answers.get(qid) != value:
            answers[qid] = value
            saved.append(qid)
    _apply_bindings(actor, project, step, answers, invalid)

    before = dict(project.answers or {})
    project.answers = answers
    state = dict(project.step_state or {})
    state[step.id] = "saved"
    project.step_state = state
    if saved:
        audit.record(actor, "wizard.step_saved", project, step=step.id,
                     changed={q: [before.get(q), answers.get(q)] for q in saved})
    db.session.flush()

    result = SaveResult(saved=saved)
    if action == "next":
        result.errors = {**step_errors(project, step, answers), **invalid}
        if not result.errors:
            _, following = neighbours(project, step.id)
            result.goto = f"step:{following.id}" if following else "review"
        return result
    result.errors = invalid
    if action == "back":
        previous, _ = neighbours(project, step.id)
        result.goto = f"step:{previous.id}" if previous else "overview"
    else:
        result.goto = "overview"
    return result


def _apply_bindings(actor: User, project: TenderProject, step: WizardStep, answers: dict, invalid: dict) -> None:
    """Questions with `binds_to` also set the project's own title, reference or language."""
    for q in step.questions:
        if not q.binds_to or q.id in invalid or q.id not in answers:
            continue
        value = answers[q.id]
        if q.binds_to == "title":
            if isinstance(value, str) and value.strip():
                project.title = value.strip()
            else:
                answers[q.id] = project.title  # a project always keeps a title
                invalid.setdefault(q.id, str(_l("Enter a title for the procurement.")))
        elif q.binds_to == "reference":
            project.reference = value or ""
        elif q.binds_to == "language" and value in ("nb", "nn", "sv", "en") and value != project.language:
            project.language = value
            tailoring.relanguage(project)


# ----- from answers to requirements --------------------------------------------------------------
@dataclass(frozen=True)
class ProposedChange:
    key: str
    title: str
    category: str
    reasons: tuple[str, ...]
    row: ProjectRequirement | None = None  # the project's row, for removals and restores


@dataclass
class ProposalDiff:
    """What applying the wizard's proposal would change in the project."""

    add: list[ProposedChange] = field(default_factory=list)
    remove: list[ProposedChange] = field(default_factory=list)
    keep: list[ProposedChange] = field(default_factory=list)
    first_time: bool = True

    @property
    def has_changes(self) -> bool:
        return bool(self.add or self.remove)


def _proposed(library: Library, answers: Mapping[str, Any], lang: str) -> dict[str, tuple]:
    return {p.requirement.key: (p.requirement, p.reasons) for p in library.propose(answers, lang)}


def proposal_diff(project: TenderProject, lang: str) -> ProposalDiff:
    """Compare what the answers propose now with what the project holds.

    - added: proposed now, not in the project. A requirement the buyer removed (with a reason) is not
      proposed again; one the wizard removed earlier because of an answer is.
    - removed: in the project because an earlier proposal put it there, and no longer proposed.
      Requirements the buyer added by hand are never removed by the wizard.
    """
    library = catalog.library()
    now = _proposed(library, effective_answers(project), lang)
    earlier = (_proposed(library, effective_answers(project, project.proposed_from), lang)
               if project.proposed_from is not None else {})
    rows = {r.key: r for r in project.requirements}
    diff = ProposalDiff(first_time=project.proposed_from is None)
    for key, (req, reasons) in now.items():
        row = rows.get(key)
        change = ProposedChange(key, req.text(lang).title, req.category, reasons, row)
        if row is None or (row.removed_at is not None and row.removed_reason is None):
            diff.add.append(change)
        elif row.removed_at is None:
            diff.keep.append(change)
    for key in earlier.keys() - now.keys():
        row = rows.get(key)
        if row is not None and row.removed_at is None:
            req = earlier[key][0]
            diff.remove.append(ProposedChange(key, row.title, req.category, (), row))
    order = {c.code: c.order for c in library.categories}
    for changes in (diff.add, diff.remove, diff.keep):
        changes.sort(key=lambda c: (order.get(c.category, 999), c.key))
    return diff


def apply_proposal(actor: User, project: TenderProject, *, seen_version: int | None = None) -> ProposalDiff:
    """Apply the proposal: add what the answers call for, retire what they no longer call for."""
    check_version(project, seen_version)
    ensure_editable(actor, project)
    if not is_complete(project):
        raise ServiceError(_l("Answer every step of the wizard before you apply the proposal."))
    library = catalog.library()
    diff = proposal_diff(project, project.language)
    for change in diff.add:
        tailoring.copy_from_library(project, library.requirement(change.key), change.reasons)
    for change in diff.keep:  # refresh the reasons shown next to each requirement
        change.row.reasons = list(change.reasons)
    now = utcnow()
    for change in diff.remove:
        change.row.removed_at = now
        change.row.removed_reason = None  # None marks "removed by the wizard", not by the buyer
    project.proposed_from = dict(project.answers)
    db.session.flush()
    audit.record(actor, "wizard.proposal_applied", project,
                 added=[c.key for c in diff.add], removed=[c.key for c in diff.remove])
    return diff


def answers_changed_since_proposal(project: TenderProject) -> bool:
    if project.proposed_from is None:
        return False
    return effective_answers(project) != effective_answers(project, project.proposed_from)
