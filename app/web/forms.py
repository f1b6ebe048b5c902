"""Small helpers that carry a service refusal back to its form field (see web/errors.py)."""

from __future__ import annotations

from .errors import attach_error, flash_error

__all__ = ["attach_error", "flash_error"]
