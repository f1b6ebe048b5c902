"""Build a WTForms form class from a wizard step definition (requirement_library/wizard.yml).

One field type per question type. Numbers and dates accept Norwegian and Swedish formats
("1 000 000", "1.000.000", "2,5"; "1.9.2027", "01.09.2027", "2027-09-01").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..library.model import Question, WizardStep, pick

_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_number(text: str) -> Decimal:
    """'1 000 000', '1.000.000', '1,000,000', '2,5', '2.5' and '-3' -> Decimal. Raises ValueError."""
    s = _SPACES.sub("", text.strip()).replace("kr", "").replace("NOK", "").replace("SEK", "")
    if not s:
        raise ValueError("empty")
    if s.count(",") and s.count("."):
        # Both separators: the last one is the decimal mark.
        decimal_mark = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        s = s.replace(thousands, "").replace(decimal_mark, ".")
    elif s.count(".") > 1 or (s.count(".") == 1 and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", s)):
        s = s.replace(".", "")  # 1.000.000 (Norwegian thousands)
    elif s.count(",") > 1 or (s.count(",") == 1 and re.fullmatch(r"-?\d{1,3}(,\d{3})+", s) and len(s) > 5):
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation as exc:
        raise ValueError(text) from exc


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y", "%d-%m-%Y")


def parse_date(text: str) -> dt.date:
    s = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


class NumberField(Field):
    """A number typed the Nordic way; stored as int or float."""

    def __init__(self, *args, integer: bool = False, minimum=None, maximum=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.integer, self.minimum, self.maximum = integer, minimum, maximum
        self.raw = ""

    def _value(self) -> str:
        if self.raw:
            return self.raw
        if self.data is None:
            return ""
        return f"{self.data:,}".replace(",", "\u00a0") if isinstance(self.data, int) else str(self.data).replace(".", ",")

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not self.raw:
            return
        try:
            number = parse_number(self.raw)
        except ValueError as exc:
            raise ValueError(_l("Enter a number, for example 2 500 000.")) from exc
        if self.integer and number != number.to_integral_value():
            raise ValueError(_l("Enter a whole number."))
        if self.minimum is not None and number < Decimal(str(self.minimum)):
            raise ValueError(_l("The number must be at least %(min)s.", min=_fmt(self.minimum)))
        if self.maximum is not None and number > Decimal(str(self.maximum)):
            raise ValueError(_l("The number can be at most %(max)s.", max=_fmt(self.maximum)))
        self.data = int(number) if number == number.to_integral_value() else float(number)


def _fmt(n) -> str:
    return f"{int(n):,}".replace(",", " ") if float(n).is_integer() else str(n)


class DateField(Field):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.raw = ""

    def _value(self) -> str:
        if self.raw:
            return self.raw
        return dt.date.fromisoformat(self.data).strftime("%d.%m.%Y") if self.data else ""

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if self.raw:
            try:
                self.data = parse_date(self.raw).isoformat()
            except ValueError as exc:
                raise ValueError(_l("Enter a date, for example 1.9.2027 or 2027-09-01.")) from exc


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        values = {str(v) for v, _ in self.choices}
        for item in self.data or ():
            if item not in values:
                raise ValidationError(_l("Choose from the options shown."))


class SingleChoiceField(RadioField):
    """One of the options; nothing chosen is allowed here (the service decides what is required)."""

    def pre_validate(self, form):
        if self.data not in (None, "") and self.data not in {str(v) for v, _ in self.choices}:
            raise ValidationError(_l("Choose from the options shown."))


class YesNoField(RadioField):
    """Stores True/False; the form posts 'true'/'false'."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = {"true": True, "false": False}.get(self.data) if isinstance(self.data, str) else self.data

    def pre_validate(self, form):
        if self.data not in (True, False, None):
            raise ValidationError(_l("Choose yes or no."))


class WeightsField(Field):
    """Whole percentages per option, posted as NAME-OPTION inputs; must total 100."""

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options  # (value, label) pairs
        self.raw: dict[str, str] = {}
        self.item_errors: dict[str, str] = {}

    def process(self, formdata, data=None, extra_filters=None):
        self.process_errors = []
        self.data = dict(data) if isinstance(data, Mapping) else None
        self.raw = {}
        if formdata is not None and any(f"{self.name}-{v}" in formdata for v, _ in self.options):
            self.data = {}
            for value, _label in self.options:
                text = (formdata.get(f"{self.name}-{value}") or "").strip()
                self.raw[value] = text
                if text == "":
                    self.data[value] = 0
                    continue
                try:
                    number = parse_number(text)
                except ValueError:
                    self.item_errors[value] = str(_l("Enter a whole percentage from 0 to 100."))
                    continue
                if number != number.to_integral_value() or not 0 <= number <= 100:
                    self.item_errors[value] = str(_l("Enter a whole percentage from 0 to 100."))
                    continue
                self.data[value] = int(number)

    def value_of(self, option: str) -> str:
        if option in self.raw:
            return self.raw[option]
        return str((self.data or {}).get(option, ""))

    def pre_validate(self, form):
        if self.item_errors:
            raise ValidationError(next(iter(self.item_errors.values())))
        if self.data:
            total = sum(self.data.values())
            if total != 100:
                raise ValidationError(_l("The weights must total 100 %%. Now they total %(total)d %%.", total=total))


class QuantitiesField(WeightsField):
    """One non-negative whole number per option (e.g. users by group), posted as NAME-OPTION
    inputs; no sum rule. An empty input counts as 0."""

    MAX = 10_000_000

    def process(self, formdata, data=None, extra_filters=None):
        self.process_errors = []
        self.data = dict(data) if isinstance(data, Mapping) else None
        self.raw = {}
        self.item_errors = {}
        if formdata is None or not any(f"{self.name}-{v}" in formdata for v, _ in self.options):
            return
        self.data = {}
        for value, _label in self.options:
            text = (formdata.get(f"{self.name}-{value}") or "").strip()
            self.raw[value] = text
            try:
                number = parse_number(text) if text else Decimal(0)
            except ValueError:
                number = None
            if number is None or number != number.to_integral_value() or not 0 <= number <= self.MAX:
                self.item_errors[value] = str(_l("Enter a whole number from 0 to %(max)s.", max="10 000 000"))
                continue
            self.data[value] = int(number)
        if not any(self.data.values()) and not self.item_errors:
            self.data = None  # nothing entered: the question is unanswered

    def pre_validate(self, form):
        if self.item_errors:
            raise ValidationError(next(iter(self.item_errors.values())))


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
            f = self[qid]
            f.errors = []
            problems = list(f.process_errors)
            try:
                f.pre_validate(self)
            except (ValidationError, ValueError) as exc:
                if exc.args and exc.args[0]:
                    problems.append(exc.args[0])
            if problems:
                invalid[qid] = str(problems[0])
            else:
                values[qid] = answer_value(question, f.data)
        return values, invalid


def _label(question: Question, lang: str) -> str:
    return pick(question.label, lang)


# One field type per question type: (question, label, hint, choices) -> unbound field.
_FIELDS = {
    "text": lambda q, label, hint, choices: StringField(label, description=hint),
    "textarea": lambda q, label, hint, choices: TextAreaField(label, description=hint),
    "number": lambda q, label, hint, choices: NumberField(label, description=hint, integer=q.integer,
                                                          minimum=q.min, maximum=q.max),
    "date": lambda q, label, hint, choices: DateField(label, description=hint),
    "single": lambda q, label, hint, choices: SingleChoiceField(label, description=hint, choices=choices),
    "multi": lambda q, label, hint, choices: CheckboxesField(label, description=hint, choices=choices),
    "yes_no": lambda q, label, hint, choices: YesNoField(label, description=hint, choices=choices,
                                                         validate_choice=False),
    "weights": lambda q, label, hint, choices: WeightsField(label, description=hint, options=choices),
    "quantities": lambda q, label, hint, choices: QuantitiesField(label, description=hint, options=choices),
}


def build_form_class(step: WizardStep, lang: str) -> type[StepForm]:
    """A form class with one field per question of `step`, labels and hints in `lang`.

    `required` is not a WTForms validator here: whether a question is required depends on whether it
    is shown, which the wizard service decides from the answers (see services.wizard.validate).
    """
    attrs: dict[str, Any] = {"questions": {q.id: q for q in step.questions}}
    for q in step.questions:
        label, hint = _label(q, lang), pick(q.hint, lang)
        choices = [("true" if o.value is True else "false" if o.value is False else str(o.value), pick(o.label, lang))
                   for o in q.options]
        make = _FIELDS.get(q.type)
        if make is None:  # the schema allows no other type
            raise ValueError(f"unknown question type {q.type}")
        field = make(q, label, hint, choices)
        attrs[q.id] = field
    return type(f"Step_{step.id}_{lang}", (StepForm,), attrs)


def form_data(question: Question, value: Any) -> Any:
    """A stored answer as the field's `data`."""
    if question.type == "multi":
        return [str(v) for v in value or []]
    if question.type == "weights" and value is None:
        return {o.value: o.default or 0 for o in question.options}
    return value


def answer_value(question: Question, data: Any) -> Any:
    """A field's parsed `data` as the answer to store (option values keep their YAML type)."""
    if question.type == "single":
        option = next((o for o in question.options if str(o.value) == data), None)
        return option.value if option else None
    if question.type == "multi":
        chosen = set(data or [])
        return [o.value for o in question.options if str(o.value) in chosen]
    if question.type in ("text", "textarea"):
        return (data or "").strip()
    return data
