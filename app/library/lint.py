"""Requirement quality rules. Placeholder interface; the full rule set is written separately."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    key: str
    lang: str
    message: str


def lint_library(library, lang):
    return []
