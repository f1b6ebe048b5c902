"""The wizard's question types: one class per type, and the registry the rest of the app asks.

Each type knows its form field, how a stored answer becomes field data and back (parsing), what a
required answer lacks and which rule an answer must hold (validation), how an answer reads in a
document (display text), and what the condition language sees of it (values for conditions). The
step template renders a question with the macro named by `widget` (templates/wizard/_questions.html).

Adding a type: a class here (registered with `@register`), the type name in
requirement_library/schemas/wizard.schema.json, and a macro only if no existing widget fits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from babel.dates import format_date
from babel.numbers import format_decimal
from flask_babel import lazy_gettext as _l
from wtforms import Field, StringField, TextAreaField

from ..library.model import Question, pick
from .fields import (
    CheckboxesField,
    DateField,
    NumberField,
    QuantitiesField,
    SingleChoiceField,
    WeightsField,
    YesNoField,
    total_message,
)

BABEL_LOCALE = {"nb": "nb_NO", "sv": "sv_SE", "en": "en_GB"}
REGISTRY: dict[str, QuestionType] = {}


def register(cls: type[QuestionType]) -> type[QuestionType]:
    REGISTRY[cls.name] = cls()
    return cls


def of(question: Question) -> QuestionType:
    """The type of `question` (the library schema admits only registered types)."""
    try:
        return REGISTRY[question.type]
    except KeyError:
        raise ValueError(f"unknown question type {question.type}") from None


def choices(question: Question, lang: str) -> list[tuple[str, str]]:
    """The options as (posted value, label): booleans post as "true"/"false"."""
    return [(_posted(o.value), pick(o.label, lang)) for o in question.options]


def _posted(value: Any) -> str:
    return "true" if value is True else "false" if value is False else str(value)


def is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


class QuestionType:
    name: ClassVar[str]
    widget: ClassVar[str] = "text_input"  # the macro in templates/wizard/_questions.html
    inputmode: ClassVar[str | None] = None
    width: ClassVar[str | None] = None
    required_message = _l("Fill in this field.")

    # form field and parsing
    def field(self, question: Question, label: str, hint: str, lang: str) -> Field:
        return StringField(label, description=hint)

    def form_data(self, question: Question, value: Any) -> Any:
        """A stored answer as the field's `data`."""
        return value

    def answer(self, question: Question, data: Any) -> Any:
        """A field's parsed `data` as the answer to store."""
        return data

    # validation
    def missing(self, question: Question, value: Any) -> str | None:
        """The message when a required answer is missing (None when it is given)."""
        return str(self.required_message) if question.required and is_blank(value) else None

    def problem(self, question: Question, value: Any) -> str | None:
        """A rule the stored answer breaks, beyond being required."""
        return None

    # display and conditions
    def text(self, question: Question, value: Any, lang: str) -> str:
        """The answer as text in `lang`, for documents and the wizard's review page."""
        return str(value) if value not in (None, "") else ""

    def summary_line(self, label: str, text: str) -> str:
        """One line of the needs summary in the document: the question and its answer."""
        return f"{label}: {text}."

    def condition_value(self, question: Question, value: Any) -> Any:
        """What the condition language (`equals`, `includes`, `answered`) compares."""
        return value


@register
class Text(QuestionType):
    name = "text"

    def answer(self, question, data):
        return (data or "").strip()


@register
class Textarea(Text):
    name = "textarea"
    widget = "textarea"

    def field(self, question, label, hint, lang):
        return TextAreaField(label, description=hint)


@register
class Number(QuestionType):
    name = "number"
    inputmode, width = "decimal", "md"
    required_message = _l("Enter a number.")

    def field(self, question, label, hint, lang):
        return NumberField(label, description=hint, integer=question.integer, minimum=question.min,
                           maximum=question.max)

    def text(self, question, value, lang):
        return format_decimal(value, locale=BABEL_LOCALE.get(lang, "en_GB")) if value is not None else ""


@register
class Date(QuestionType):
    name = "date"
    width = "md"
    required_message = _l("Enter a date.")

    def field(self, question, label, hint, lang):
        return DateField(label, description=hint)

    def text(self, question, value, lang):
        return format_date(dt.date.fromisoformat(value), "long", locale=BABEL_LOCALE.get(lang, "en_GB")) if value else ""


@register
class Single(QuestionType):
    name = "single"
    widget = "choices"
    required_message = _l("Choose an answer.")

    def field(self, question, label, hint, lang):
        return SingleChoiceField(label, description=hint, choices=choices(question, lang))

    def answer(self, question, data):
        option = next((o for o in question.options if _posted(o.value) == data), None)
        return option.value if option else None

    def text(self, question, value, lang):
        option = question.option(value)
        return pick(option.label, lang) if option else ""


@register
class YesNo(Single):
    name = "yes_no"

    def field(self, question, label, hint, lang):
        return YesNoField(label, description=hint, choices=choices(question, lang), validate_choice=False)

    def answer(self, question, data):
        return data

    def summary_line(self, label, text):
        return f"{label} {text}."  # "Do you process personal data? Yes."


@register
class Multi(QuestionType):
    name = "multi"
    widget = "checkboxes"
    required_message = _l("Choose at least one option.")

    def field(self, question, label, hint, lang):
        return CheckboxesField(label, description=hint, choices=choices(question, lang))

    def form_data(self, question, value):
        return [_posted(v) for v in value or []]

    def answer(self, question, data):
        chosen = set(data or [])
        return [o.value for o in question.options if _posted(o.value) in chosen]

    def text(self, question, value, lang):
        return ", ".join(pick(o.label, lang) for o in question.options if o.value in (value or []))


@register
class Weights(QuestionType):
    """Whole percentages per option (award criteria) that total 100."""

    name = "weights"
    widget = "per_option"
    unit = "%"
    required_message = _l("Enter a weight for each award criterion.")

    def field(self, question, label, hint, lang):
        return WeightsField(label, description=hint, options=choices(question, lang))

    def form_data(self, question, value):
        return {o.value: o.default or 0 for o in question.options} if value is None else value

    def problem(self, question, value):
        if isinstance(value, Mapping) and sum(value.values()) != 100:
            return str(total_message(sum(value.values())))
        return None

    def text(self, question, value, lang):
        if not isinstance(value, Mapping):
            return ""
        return ", ".join(f"{pick(o.label, lang)} {value.get(o.value, 0)} %" for o in question.options
                         if value.get(o.value))


@register
class Quantities(QuestionType):
    """A non-negative whole number per option (e.g. users by group); no rule on the sum."""

    name = "quantities"
    widget = "per_option"
    unit = ""
    required_message = _l("Enter a number for at least one group.")

    def field(self, question, label, hint, lang):
        return QuantitiesField(label, description=hint, options=choices(question, lang))

    def missing(self, question, value):
        empty = is_blank(value) or (isinstance(value, Mapping) and not any(value.values()))
        return str(self.required_message) if question.required and empty else None

    def text(self, question, value, lang):
        if not isinstance(value, Mapping):
            return ""
        locale = BABEL_LOCALE.get(lang, "en_GB")
        return ", ".join(f"{pick(o.label, lang)}: {format_decimal(value[o.value], locale=locale)}"
                         for o in question.options if value.get(o.value))

