"""Build a WTForms form class from a wizard step definition (requirement_library/wizard.yml).

Each question's field, and how its posted data becomes an answer, comes from its type in the
registry (forms/question_types.py).
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import ValidationError

from ..library.model import Question, WizardStep, pick
from . import question_types
from .fields import parse_date, parse_number

__all__ = ["StepForm", "answer_value", "build_form_class", "form_data", "parse_date", "parse_number", "step_form"]


class StepForm(FlaskForm):
    """Base class of generated step forms; `questions` maps field name -> Question."""

    questions: dict[str, Question] = {}
    version_id = HiddenField()

    def parse(self, shown: set[str]) -> tuple[dict[str, Any], dict[str, str]]:
        """(answers, invalid): the parsed answer of every shown question, and a message for each
        question whose input could not be understood. Whether an answer is *required* is the
        wizard service's decision, not the form's."""
        values: dict[str, Any] = {}
        invalid: dict[str, str] = {}
        for qid, question in self.questions.items():
            if qid not in shown:
                continue
            problem = self._problem(self[qid])
            if problem:
                invalid[qid] = problem
            else:
                values[qid] = answer_value(question, self[qid].data)
        return values, invalid

    def _problem(self, f) -> str | None:
        f.errors = []
        problems = list(f.process_errors)
        try:
            f.pre_validate(self)
        except (ValidationError, ValueError) as exc:
            if exc.args and exc.args[0]:
                problems.append(exc.args[0])
        return str(problems[0]) if problems else None



def step_form(step: WizardStep, lang: str, *, posted: bool, answers: dict[str, Any], version_id: int) -> StepForm:
    """The step's form: the posted data on a POST, else the stored answers (or option defaults)."""
    form_class = build_form_class(step, lang)
    if posted:
        return form_class()
    form = form_class(formdata=None, data={q.id: form_data(q, answers.get(q.id)) for q in step.questions})
    form.version_id.data = version_id
    return form


def build_form_class(step: WizardStep, lang: str) -> type[StepForm]:
    """A form class with one field per question of `step`, labels and hints in `lang`.

    `required` is not a WTForms validator here: whether a question is required depends on whether it
    is shown, which the wizard service decides from the answers.
    """
    attrs: dict[str, Any] = {"questions": {q.id: q for q in step.questions}}
    for q in step.questions:
        attrs[q.id] = question_types.of(q).field(q, pick(q.label, lang), pick(q.hint, lang), lang)
    return type(f"Step_{step.id}_{lang}", (StepForm,), attrs)


def form_data(question: Question, value: Any) -> Any:
    """A stored answer as the field's `data`."""
    return question_types.of(question).form_data(question, value)


def answer_value(question: Question, data: Any) -> Any:
    """A field's parsed `data` as the answer to store (option values keep their YAML type)."""
    return question_types.of(question).answer(question, data)
