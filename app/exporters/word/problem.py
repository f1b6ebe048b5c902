"""The error an unusable Word template raises. Its own module, so the web layer and the services can
catch it without importing docxtpl and python-docx at start-up."""

from __future__ import annotations


class TemplateProblem(Exception):
    """A Word template that cannot be used, with a message fit to show its author."""

    def __init__(self, message: str, *, tag: str | None = None, line: int | None = None,
                 part: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.tag = tag
        self.line = line
        self.part = part
