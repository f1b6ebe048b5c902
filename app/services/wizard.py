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

from .. import domain
from ..domain import Invalid
from ..forms import question_types
from ..library import conditions
from ..library.model import Question, WizardStep, WizardWarning, pick
from ..models import TenderProject, User
from ..policy import Action
from . import audit, catalog, flush_or_conflict, tailoring
from .editing import begin_change, require_change

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


def warnings(answers: Mapping[str, Any], step_id: str | None = None) -> list[WizardWarning]:
    """The wizard's warnings (wizard.yml `warnings`) that hold for these effective answers.

    `answers` should include the context (`country`); pass `step_id` for one step's warnings only.
    The readiness check and the answers page list them all."""
    return [w for w in catalog.library().wizard.warnings
            if (step_id is None or w.step == step_id) and w.applies(answers)]


def warning_texts(project: TenderProject, lang: str, step_id: str | None = None) -> list[str]:
    """The project's current warnings as text in `lang`."""
    return [pick(w.text, lang) for w in warnings(effective_answers(project), step_id)]


# ----- validation --------------------------------------------------------------------------------
def step_errors(project: TenderProject, step: WizardStep, answers: Mapping[str, Any]) -> dict[str, str]:
    """Problems with the stored answers of one step: missing required answers and the step's rules.

    Keys are question ids; values are messages for the field.
    """
    full = {**answers, **context(project)}
    errors: dict[str, str] = {}
    for q in step.visible_questions(full):
        kind = question_types.of(q)
        message = kind.missing(q, full.get(q.id)) or kind.problem(q, full.get(q.id))
        if message:
            errors[q.id] = message
    if "award_weights" in {q.id for q in step.questions} and "award_weights" not in errors:
        message = climate_rule(full)
        if message:
            errors["award_weights"] = message
    return errors


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
    errors: dict[str, str] = field(default_factory=dict)  # question id -> message, to show on the page
    saved: list[str] = field(default_factory=list)  # question ids whose answers were saved
    goto: str | None = None  # "step:<id>", "review" or "overview"; None: show the step again
    shown: set[str] = field(default_factory=set)  # the questions visible after the save
    more_questions: bool = False  # the answers brought up questions on this page, to answer now

    @property
    def ok(self) -> bool:
        return not self.errors


def save_step(actor: User, project: TenderProject, step: WizardStep, values: Mapping[str, Any], *,
              invalid: Mapping[str, str] | None = None, action: str = "next",
              seen_version: int | None = None, posted_shown: set[str] | None = None) -> SaveResult:
    """Save the answers of one step and decide where the buyer goes next.

    `values` holds the parsed answer of every question posted on the step; `invalid` the questions
    whose input could not be parsed (their message), which keep their previous answer. Every valid
    answer is saved whatever the action, so nothing typed is lost; "next" additionally requires the
    step to be complete and stays on the step otherwise. "save" goes to the task list, "back" to the
    previous step. `posted_shown` are the questions the page showed: a question that only appeared
    because of this post is asked, not reported as an error.
    """
    if action not in ACTIONS:
        raise Invalid(_l("Unknown action."))
    require_change(actor, project, Action.ANSWER_NEEDS, seen_version)
    shown_before = visible_on(project, step)
    begin_change(actor, project)
    invalid = dict(invalid or {})
    invalid.update({k: v for k, v in _check_lengths(step, values).items() if k not in invalid})
    saved = _store(actor, project, step, values, invalid)
    result = SaveResult(saved=saved, shown=visible_on(project, step))
    problems = {**step_errors(project, step, project.answers), **invalid} if action == "next" else invalid
    appeared = result.shown - shown_before - (posted_shown or set())
    result.errors = {qid: msg for qid, msg in problems.items() if qid not in appeared}
    if not problems or (not result.errors and action != "next"):
        result.goto = _destination(project, step, action)
    else:
        result.more_questions = not result.errors
    return result


def _store(actor: User, project: TenderProject, step: WizardStep, values: Mapping[str, Any],
           invalid: dict[str, str]) -> list[str]:
    """Write the valid answers (and their bindings) to the project; the ids that changed."""
    question_ids = {q.id for q in step.questions}
    answers = dict(project.answers or {})
    saved = []
    for qid, value in values.items():
        if qid not in question_ids or qid in invalid:
            continue
        value = value.strip() if isinstance(value, str) else value
        if answers.get(qid) != value:
            answers[qid] = value
            saved.append(qid)
    _apply_bindings(project, step, answers, invalid)
    before = dict(project.answers or {})
    project.answers = answers
    project.step_state = {**(project.step_state or {}), step.id: "saved"}
    if saved:
        audit.record(actor, "wizard.step_saved", project, step=step.id,
                     changed={q: [before.get(q), answers.get(q)] for q in saved})
    flush_or_conflict(project)
    return saved


def _destination(project: TenderProject, step: WizardStep, action: str) -> str:
    previous, following = neighbours(project, step.id)
    if action == "next":
        return f"step:{following.id}" if following else "review"
    if action == "back":
        return f"step:{previous.id}" if previous else "overview"
    return "overview"


def visible_on(project: TenderProject, step: WizardStep) -> set[str]:
    """The ids of the step's questions that are visible for the project's answers now."""
    return {q.id for q in step.visible_questions({**(project.answers or {}), **context(project)})}


def condition_answers(project: TenderProject) -> dict[str, Any]:
    """The answers as the condition language sees them (for the page's progressive enhancement)."""
    answers = {**(project.answers or {}), **context(project)}
    questions = catalog.library().wizard.questions
    return {qid: question_types.of(questions[qid]).condition_value(questions[qid], value)
            if qid in questions else value for qid, value in answers.items()}


@dataclass(frozen=True)
class StepPage:
    """What the step page shows besides the form."""

    questions: list[Question]
    visible: set[str]
    previous: WizardStep | None
    following: WizardStep | None
    number: int | None
    total: int
    answers: dict[str, Any]
    warnings: list[WizardWarning]  # wizard.yml warnings that hold for the answers, on this step


def step_page(project: TenderProject, step: WizardStep, shown: set[str] | None = None) -> StepPage:
    visible = visible_on(project, step) if shown is None else shown
    previous, following = neighbours(project, step.id)
    steps = visible_steps(project)
    number = next((i for i, s in enumerate(steps, start=1) if s.id == step.id), None)
    return StepPage(on_page(step, visible), visible, previous, following, number, len(steps),
                    condition_answers(project), warnings(effective_answers(project), step.id))


def _apply_bindings(project: TenderProject, step: WizardStep, answers: dict, invalid: dict) -> None:
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
        elif q.binds_to == "language" and value in domain.LANGUAGES and value != project.language:
            project.language = value
            tailoring.relanguage(project)
