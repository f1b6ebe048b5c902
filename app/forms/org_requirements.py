"""Forms for curating the organisation's own requirements (administrators)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import (
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from ..services.org_requirements import LANGUAGE_NAMES

LANGUAGES = ("nb", "sv", "en")
TEXT_PARTS = ("title", "need", "requirement", "verification", "evidence", "guidance")
MAX_TITLE = 120
MAX_TEXT = 4000
MAX_IMPORT_BYTES = 2 * 1024 * 1024

PART_LABELS = {
    "title": _l("Title"),
    "need": _l("The need (why the municipality asks)"),
    "requirement": _l("The requirement"),
    "verification": _l("How a bid is verified"),
    "evidence": _l("What the supplier must submit"),
    "guidance": _l("Guidance for the buyer"),
}
PART_TOO_LONG = {
    "title": _l("The title can be at most %(max)d characters."),
    "need": _l("The need can be at most %(max)d characters."),
    "requirement": _l("The requirement can be at most %(max)d characters."),
    "verification": _l("The verification can be at most %(max)d characters."),
    "evidence": _l("The evidence can be at most %(max)d characters."),
    "guidance": _l("The guidance can be at most %(max)d characters."),
}


FIELD_LABELS = {
    "category": _l("Category"), "kind": _l("Kind"), "obligation": _l("Obligation"), "weight": _l("Suggested weight"),
    "verification_methods": _l("Verification methods"), "answer": _l("How the supplier answers"),
    "references": _l("Laws and standards"),
}


def field_label(name: str) -> str:
    """A readable name for a field of an organisation requirement ("requirement_sv" -> "The requirement (svenska)")."""
    part, _, lang = name.rpartition("_")
    if part in PART_LABELS and lang in LANGUAGE_NAMES:
        return f"{PART_LABELS[part]} ({LANGUAGE_NAMES[lang]})"
    return str(FIELD_LABELS.get(name, name))


class WholeNumberField(IntegerField):
    """An IntegerField whose "not a number" message is ours (and translated)."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = int(valuelist[0].strip())
        except ValueError:
            self.data = None
            raise ValueError(_l("The weight must be a whole number from 1 to 100.")) from None


class OrgRequirementForm(FlaskForm):
    """Choices for category and verification methods come from the library (set by the route).

    Choices are not validated here: the service checks them (the same rules as the XLSX import)."""

    key = StringField(_l("Key"), validators=[Optional(), Length(max=20, message=_l("The key can be at most 20 characters."))],
                      description=_l("Leave empty to get the next free key, for example LOK-004."))
    category = SelectField(_l("Category"), validate_choice=False)
    kind = RadioField(_l("Kind"), choices=[("requirement", _l("Requirement")),
                                           ("contract_condition", _l("Contract condition")),
                                           ("qualification", _l("Qualification requirement")),
                                           ("award_criterion", _l("Award criterion"))],
                      default="requirement", validate_choice=False,
                      validators=[DataRequired(_l("Choose the kind of requirement."))])
    obligation = RadioField(_l("Obligation"), choices=[("must", _l("Must (mandatory requirement)")),
                                                       ("should", _l("Should (award criterion)"))],
                            validate_choice=False, validators=[DataRequired(_l("Choose must or should."))])
    weight = WholeNumberField(_l("Suggested weight"), validators=[Optional()],  # range: the service
                              description=_l("Only for should-requirements: 1 to 100."))
    verification_methods = SelectMultipleField(_l("Verification methods"), validate_choice=False,
                                               description=_l("How the buyer checks that a bid meets the requirement."))
    answer_type = RadioField(_l("How the supplier answers"), choices=[
        ("yes_no", _l("Yes or no")), ("number", _l("A number")), ("text", _l("Text")),
        ("attachment", _l("An attachment"))], default="yes_no", validate_choice=False,
        validators=[DataRequired(_l("Choose how the supplier answers."))])
    references = TextAreaField(_l("Laws and standards"), validators=[
        Length(max=9000, message=_l("The references can be at most %(max)d characters."))],
        description=_l("One per line, with the exact article or clause, for example “GDPR art. 28 (3)”."))
    version = HiddenField()

    def __init__(self, *args, categories=(), methods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = [("", _l("Choose a category")), *categories]
        self.verification_methods.choices = list(methods)

    def text_fields(self, lang: str):
        return [getattr(self, f"{part}_{lang}") for part in TEXT_PARTS]

    def texts(self) -> dict[str, dict[str, str]]:
        return {lang: {part: getattr(self, f"{part}_{lang}").data or "" for part in TEXT_PARTS} for lang in LANGUAGES}

    def fill_texts(self, texts: dict) -> None:
        for lang in LANGUAGES:
            for part in TEXT_PARTS:
                getattr(self, f"{part}_{lang}").data = (texts.get(lang) or {}).get(part, "")


for _lang in LANGUAGES:
    for _part in TEXT_PARTS:
        _limit = MAX_TITLE if _part == "title" else MAX_TEXT
        _field_class = StringField if _part == "title" else TextAreaField
        setattr(OrgRequirementForm, f"{_part}_{_lang}", _field_class(
            PART_LABELS[_part], validators=[Optional(), Length(max=_limit, message=PART_TOO_LONG[_part])]))


class ConfirmForm(FlaskForm):
    """Retire / restore: only the CSRF token."""


class ImportForm(FlaskForm):
    file = FileField(_l("Excel workbook (.xlsx)"), validators=[
        FileRequired(_l("Choose an .xlsx file.")),
        FileAllowed(["xlsx"], _l("The file must be an Excel workbook (.xlsx).")),
        FileSize(max_size=MAX_IMPORT_BYTES, message=_l("The file can be at most 2 MB."))],
        description=_l("The layout of “Download your organisation's requirements”: one row per key and language."))
