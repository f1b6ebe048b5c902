"""Text in: control characters are removed from every posted form value the same way the exports
remove them (library/text.py), and the person is told when that happened.

Passwords are left exactly as typed. Files are not touched (their checks are elsewhere).
"""

from __future__ import annotations

from flask import Flask, flash, request
from flask import Request as FlaskRequest
from flask_babel import gettext as _
from werkzeug.datastructures import ImmutableMultiDict

from ..extensions import MUTATING
from ..library.text import clean_text


class CleanTextRequest(FlaskRequest):
    """A request whose form values carry no control characters; `text_was_cleaned` says if any did."""

    text_was_cleaned = False

    def _load_form_data(self) -> None:
        super()._load_form_data()
        form = self.__dict__.get("form")
        if not form:
            return
        items, changed = [], False
        for key, value in form.items(multi=True):
            if isinstance(value, str) and "password" not in key:
                cleaned = clean_text(value)
                changed = changed or cleaned != value
                value = cleaned
            items.append((key, value))
        if changed:
            self.__dict__["form"] = ImmutableMultiDict(items)
            self.text_was_cleaned = True


def _note() -> None:
    if request.method in MUTATING and request.form is not None and request.text_was_cleaned:
        flash(_("Invisible control characters were removed from what you typed; check the text before you go on."),
              "warning")


def init_app(app: Flask) -> None:
    app.request_class = CleanTextRequest
    app.before_request(_note)
