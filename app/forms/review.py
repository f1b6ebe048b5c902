"""Forms of the legal review: comments and the review transitions."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from .. import domain

COMMENT_LENGTH = Length(max=domain.COMMENT.max, message=domain.COMMENT.message())
SUMMARY_LENGTH = Length(max=domain.REVIEW_SUMMARY.max, message=domain.REVIEW_SUMMARY.message())


class CommentForm(FlaskForm):
    anchor = SelectField(_l("What is the comment about?"), validators=[Optional()], validate_choice=False)
    body = TextAreaField(_l("Comment"), validators=[
        DataRequired(_l("Write a comment.")),
        COMMENT_LENGTH],
        description=_l("Plain text. Line breaks and web addresses are kept."))


class ReplyForm(FlaskForm):
    body = TextAreaField(_l("Reply"), validators=[
        DataRequired(_l("Write a reply.")),
        COMMENT_LENGTH])


class EditCommentForm(FlaskForm):
    body = TextAreaField(_l("Comment"), validators=[
        DataRequired(_l("Write a comment.")),
        COMMENT_LENGTH])


class ActionForm(FlaskForm):
    """A button that changes something (resolve, reopen, delete, withdraw, publish)."""


class SubmitForm(FlaskForm):
    summary = TextAreaField(_l("Message to the reviewer"), validators=[
        Optional(), SUMMARY_LENGTH],
        description=_l("What you want the reviewer to look at, or what you changed."))


class RequestChangesForm(FlaskForm):
    summary = TextAreaField(_l("What must change?"), validators=[
        DataRequired(_l("Summarise what must change, so the buyer knows where to start.")),
        SUMMARY_LENGTH])


class ApproveForm(FlaskForm):
    summary = TextAreaField(_l("Note with the approval"), validators=[
        Optional(), SUMMARY_LENGTH])


class CompareForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: it changes nothing

    a = SelectField(_l("Older version"), coerce=int, validate_choice=True)
    b = SelectField(_l("Newer version"), coerce=int, validate_choice=True)
