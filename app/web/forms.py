"""Small helpers that carry a service refusal back to its form field."""

from __future__ import annotations

from flask_wtf import FlaskForm

from ..services import ServiceError


def attach_error(form: FlaskForm, error: ServiceError) -> None:
    """Show a service's refusal next to its field (or in the error summary if it has none)."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message] if isinstance(field.errors, list) else [error.message]
    else:
        form.form_errors.append(error.message)
