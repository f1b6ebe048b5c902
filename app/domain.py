"""The one vocabulary of Kravbygger: roles, project statuses, languages, obligation levels, field
limits with their messages, and the domain errors.

Forms, services, templates, exporters and the command line read these names; nothing restates them.
The module imports nothing from Flask, so `app/library` and `app/exporters` may use it too: limit
messages are English message ids here, translated (lazily) only when a service or form asks for them.
Who may do what is not here but in `app/policy.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def N_(message: str) -> str:
    """Marks a message id for extraction (pybabel's default keywords); translated where it is shown."""
    return message


# ----- roles -------------------------------------------------------------------------------------
BUYER, REVIEWER, EVALUATOR, ADMIN = "buyer", "reviewer", "evaluator", "admin"
ROLES = (BUYER, REVIEWER, EVALUATOR, ADMIN)
ROLE_NAMES = {BUYER: N_("Buyer"), REVIEWER: N_("Legal reviewer"), EVALUATOR: N_("Evaluator"),
              ADMIN: N_("Administrator")}

# ----- project statuses (the review flow, see services/review.py) --------------------------------
DRAFT, IN_REVIEW, CHANGES_REQUESTED, APPROVED, PUBLISHED = (
    "draft", "in_review", "changes_requested", "approved", "published")
STATUSES = (DRAFT, IN_REVIEW, CHANGES_REQUESTED, APPROVED, PUBLISHED)
FROZEN_STATUSES = (APPROVED, PUBLISHED)  # a frozen, approved version exists and is current
STATUS_NAMES = {DRAFT: N_("Draft"), IN_REVIEW: N_("In review"), CHANGES_REQUESTED: N_("Changes requested"),
                APPROVED: N_("Approved"), PUBLISHED: N_("Published")}

# ----- languages -----------------------------------------------------------------------------------
# The languages of the tender documents, the library texts and the user interface (the same four).
# Names are in their own language, so they are never translated.
LANGUAGES = ("nb", "nn", "sv", "en")
UI_LANGUAGES = LANGUAGES
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "sv": "Svenska", "en": "English"}
DEFAULT_LANGUAGE = "nb"

# ----- requirements --------------------------------------------------------------------------------
MUST, SHOULD = "must", "should"
OBLIGATIONS = (MUST, SHOULD)
OBLIGATION_NAMES = {MUST: N_("Must (mandatory requirement)"), SHOULD: N_("Should (award criterion)")}
OBLIGATION_SHORT_NAMES = {MUST: N_("Must"), SHOULD: N_("Should")}
WEIGHT_MIN, WEIGHT_MAX = 1, 100


# ----- field limits --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Limit:
    """The longest text a field takes, with the message shown when a text is longer."""

    max: int
    message_id: str  # with %(max)d

    def message(self):
        """The message, translated when it is shown (needs Flask-Babel: forms and services only)."""
        from flask_babel import lazy_gettext

        return lazy_gettext(self.message_id, max=self.max)

    def too_long(self, text: str | None) -> bool:
        return len(text or "") > self.max


PROJECT_TITLE = Limit(200, N_("The title can be at most %(max)d characters."))
PROJECT_REFERENCE = Limit(60, N_("The reference can be at most %(max)d characters."))
REQUIREMENT_TITLE = Limit(200, N_("The title can be at most %(max)d characters."))
REQUIREMENT_TEXT = Limit(5000, N_("The requirement can be at most %(max)d characters."))
REQUIREMENT_NEED = Limit(2000, N_("The need can be at most %(max)d characters."))
VERIFICATION_TEXT = Limit(5000, N_("The text can be at most %(max)d characters."))
REMOVAL_REASON = Limit(1000, N_("The reason can be at most %(max)d characters."))
COMMENT = Limit(5000, N_("A comment can be at most %(max)d characters."))
REVIEW_SUMMARY = Limit(5000, N_("The summary can be at most %(max)d characters."))
WEIGHT_MESSAGE = N_("The weight must be a whole number from 1 to 100.")


def translated(names: dict[str, str]) -> dict[str, Any]:
    """`names` (code -> message id) with each name translated when shown (Flask-Babel lazy strings)."""
    from flask_babel import lazy_gettext

    return {code: lazy_gettext(name) for code, name in names.items()}


# ----- domain errors -------------------------------------------------------------------------------
class DomainError(Exception):
    """A refusal the user can act on. `field` names the form field it belongs to, if any.

    The web layer turns each kind into its response in one place (app/web/errors.py); a request that
    ends in a domain error commits nothing.
    """

    status = 400

    def __init__(self, message: Any, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Refused(DomainError):
    """This user may not do this now (role, organisation or the project's status): 403."""

    status = 403


class Conflict(DomainError):
    """Someone else saved the same object since this user loaded it: 409."""

    status = 409

    def __init__(self, message: Any, current: Any = None, field: str | None = None):
        super().__init__(message, field)
        self.current = current


class NotFound(DomainError):
    """No such thing, or not visible to this user (ids don't leak): 404."""

    status = 404


class Invalid(DomainError):
    """The input breaks a rule: the form is shown again with the message next to the field: 422."""

    status = 422
