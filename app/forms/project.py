from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from .auth import LANG_CHOICES


class ProjectForm(FlaskForm):
    title = StringField(_l("Title of the procurement"), validators=[
        DataRequired(_l("Enter a title for the procurement.")),
        Length(max=200, message=_l("The title can be at most 200 characters."))],
        description=_l("For example “Web-based office suite for Example Municipality”."))
    reference = StringField(_l("Case number / reference"), validators=[
        Optional(), Length(max=60, message=_l("The reference can be at most 60 characters."))])
    language = RadioField(_l("Language of the tender documents"), choices=LANG_CHOICES, default="nb",
                          validators=[DataRequired(_l("Choose the language of the tender documents."))])
    version_id = HiddenField()


class AddRequirementsForm(FlaskForm):
    """Checkbox values come from request.form.getlist('keys'): the list is the whole library."""


class RemoveRequirementForm(FlaskForm):
    reason = TextAreaField(_l("Why is the requirement removed?"), validators=[
        DataRequired(_l("Say why the requirement is removed; the reason is kept in the history.")),
        Length(max=1000, message=_l("The reason can be at most 1000 characters."))])


class VersionForm(FlaskForm):
    version_id = IntegerField(validators=[Optional()])
