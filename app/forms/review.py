"""Forms of the legal review: comments and the review transitions."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

MAX = 5000


class CommentForm(FlaskForm):
    anchor = SelectField(_l("What is the comment about?"), validators=[Optional()], validate_choice=False)
    body = TextAreaField(_l("Comment"), validators=[
        DataRequired(_l("Write a comment.")),
        Length(max=MAX, message=_l("A comment can be at most %(max)d characters.", max=MAX))],
        description=_l("Plain text. Line breaks and web addresses are kept."))


class ReplyForm(FlaskForm):
    body = TextAreaField(_l("Reply"), validators=[
        DataRequired(_l("Write a reply.")),
        Length(max=MAX, message=_l("A comment can be at most %(max)d characters.", max=MAX))])


class EditCommentForm(FlaskForm):
    body = TextAreaField(_l("Comment"), validators=[
        DataRequired(_l("Write a comment.")),
        Length(max=MAX, message=_l("A comment can be at most %(max)d characters.", max=MAX))])


class ActionForm(FlaskForm):
    """A button that changes something (resolve, reopen, delete, withdraw, publish)."""


class SubmitForm(FlaskForm):
    summary = TextAreaField(_l("Message to the reviewer"), validators=[
        Optional(), Length(max=MAX, message=_l("The summary can be at most %(max)d characters.", max=MAX))],
        description=_l("What you want the reviewer to look at, or what you changed."))


class RequestChangesForm(FlaskForm):
    summary = TextAreaField(_l("What must change?"), validators=[
        DataRequired(_l("Summarise what must change, so the buyer knows where to start.")),
        Length(max=MAX, message=_l("The summary can be at most %(max)d characters.", max=MAX))])


class ApproveForm(FlaskForm):
    summary = TextAreaField(_l("Note with the approval"), validators=[
        Optional(), Length(max=MAX, message=_l("The summary can be at most %(max)d characters.", max=MAX))])


class CompareForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: it changes nothing

    a = SelectField(_l("Older version"), coerce=int, validate_choice=True)
    b = SelectField(_l("Newer version"), coerce=int, validate_choice=True)
