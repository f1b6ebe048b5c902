from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from ..domain import LANGUAGE_NAMES, UI_LANGUAGES

LANG_CHOICES = [(code, LANGUAGE_NAMES[code]) for code in UI_LANGUAGES]


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[
        DataRequired(_l("Enter your e-mail address.")),
        Length(max=254, message=_l("The e-mail address can be at most 254 characters."))])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Enter your password.")),
        Length(max=200, message=_l("The password can be at most 200 characters."))])


class LanguageForm(FlaskForm):
    lang = RadioField(_l("Language"), choices=LANG_CHOICES, validators=[DataRequired()])


class UserForm(FlaskForm):
    name = StringField(_l("Name"), validators=[
        DataRequired(_l("Enter the person's name.")),
        Length(max=120, message=_l("The name can be at most 120 characters."))])
    email = EmailField(_l("E-mail address"), validators=[
        DataRequired(_l("Enter an e-mail address.")),
        Email(_l("Enter an e-mail address in the form name@example.no."), check_deliverability=False),
        Length(max=254, message=_l("The e-mail address can be at most 254 characters."))])
    role = RadioField(_l("Role"), choices=[
        ("buyer", _l("Buyer: writes specifications")),
        ("reviewer", _l("Legal reviewer: comments and approves")),
        ("evaluator", _l("Evaluator: scores tenders against an approved specification")),
        ("admin", _l("Administrator: users, organisation requirements and templates"))],
        validators=[DataRequired(_l("Choose a role."))])
    locale = SelectField(_l("Language"), choices=LANG_CHOICES, default="nb")
    password = PasswordField(_l("Temporary password"), description=_l("At least 12 characters. Give it to the person in a safe way."),
                             validators=[DataRequired(_l("Enter a temporary password.")),
                                         Length(min=12, max=200, message=_l("The password must be 12 to 200 characters."))])


class UserUpdateForm(FlaskForm):
    role = RadioField(_l("Role"), choices=UserForm.role.kwargs["choices"],
                      validators=[DataRequired(_l("Choose a role."))])
    active = RadioField(_l("Access"), choices=[("yes", _l("Active")), ("no", _l("Deactivated"))],
                        validators=[DataRequired(_l("Choose whether the user has access."))])


class TemplateUploadForm(FlaskForm):
    name = StringField(_l("Name"), validators=[
        Optional(), Length(max=120, message=_l("The name can be at most 120 characters."))],
        description=_l("For example “Eksempel kommune – letterhead 2027”. Without a name the file name is used."))
    file = FileField(_l("Word template (.docx)"), validators=[
        FileRequired(_l("Choose a Word file (.docx).")),
        FileAllowed(["docx"], _l("Choose a Word file (.docx).")),
        FileSize(max_size=5 * 1024 * 1024, message=_l("The file is too large: at most 5 MB."))],
        description=_l("Start from the built-in template and keep its {{ }} tags; the exports/README.md file lists every variable."))


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[
        DataRequired(_l("Enter your current password."))])
    new_password = PasswordField(_l("New password"), description=_l("At least 12 characters. A few random words are easy to remember."),
                                 validators=[DataRequired(_l("Enter a new password."))])
    repeat_password = PasswordField(_l("Repeat the new password"), validators=[
        DataRequired(_l("Repeat the new password."))])
