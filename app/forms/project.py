from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional

from .. import domain
from .auth import LANG_CHOICES


def _max(limit: domain.Limit) -> Length:
    return Length(max=limit.max, message=limit.message())


class ProjectForm(FlaskForm):
    title = StringField(_l("Title of the procurement"), validators=[
        DataRequired(_l("Enter a title for the procurement.")),
        _max(domain.PROJECT_TITLE)],
        description=_l("For example “Web-based office suite for Example Municipality”."))
    reference = StringField(_l("Case number / reference"), validators=[
        Optional(), _max(domain.PROJECT_REFERENCE)])
    language = RadioField(_l("Language of the tender documents"), choices=LANG_CHOICES, default="nb",
                          validators=[DataRequired(_l("Choose the language of the tender documents."))])
    version_id = HiddenField()


class AddRequirementsForm(FlaskForm):
    """Checkbox values come from request.form.getlist('keys'): the list is the whole library."""


class RemoveRequirementForm(FlaskForm):
    reason = TextAreaField(_l("Why is the requirement removed?"), validators=[
        DataRequired(_l("Say why the requirement is removed; the reason is kept in the history.")),
        _max(domain.REMOVAL_REASON)])


class VersionForm(FlaskForm):
    version_id = IntegerField(validators=[Optional()])


def _weight_validators():
    return [Optional(), NumberRange(min=domain.WEIGHT_MIN, max=domain.WEIGHT_MAX, message=_l(domain.WEIGHT_MESSAGE))]


OBLIGATION_CHOICES = list(domain.translated(domain.OBLIGATION_NAMES).items())


class TailorForm(FlaskForm):
    title = StringField(_l("Title"), validators=[
        DataRequired(_l("Enter a short title.")), _max(domain.REQUIREMENT_TITLE)])
    text = TextAreaField(_l("Requirement"), validators=[
        DataRequired(_l("Enter the requirement text.")),
        _max(domain.REQUIREMENT_TEXT)])
    obligation = RadioField(_l("Obligation"), choices=OBLIGATION_CHOICES,
                            validators=[DataRequired(_l("Choose must or should."))])
    weight = IntegerField(_l("Weight (should-requirements)"), validators=_weight_validators(),
                          description=_l("1 to 100. Higher weight counts more in the quality evaluation."))
    verification = TextAreaField(_l("How the bid is verified"), validators=[
        Optional(), _max(domain.VERIFICATION_TEXT)])
    version_id = HiddenField()


class OwnRequirementForm(TailorForm):
    category = SelectField(_l("Category"), validators=[DataRequired(_l("Choose a category."))])
    need = TextAreaField(_l("The need it serves"), validators=[
        Optional(), _max(domain.REQUIREMENT_NEED)],
        description=_l("One or two sentences on why the municipality needs this."))
    verification_methods = SelectMultipleField(_l("Verification methods"), choices=[])


class MoveForm(FlaskForm):
    direction = HiddenField(validators=[AnyOf(("up", "down"))])


class LibraryUpdateForm(FlaskForm):
    choice = RadioField(_l("What do you want to do?"), choices=[
        ("take", _l("Use the new library text (replaces the text in the project)")),
        ("keep", _l("Keep the text in the project"))], validators=[DataRequired(_l("Choose one."))])


class DeleteProjectForm(FlaskForm):
    confirm_title = StringField(_l("Type the project's title to confirm"), validators=[
        DataRequired(_l("Type the project's title exactly as it is shown, to confirm.")),
        _max(domain.PROJECT_TITLE)])
