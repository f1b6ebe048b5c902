"""The requirement library: load, validate and query `requirement_library/`.

Pure Python: nothing in this package imports Flask, so the library can be checked, exported and
tested on its own (`python -m app.library check requirement_library`).
"""

from .loader import LibraryError, load_library
from .model import Category, Library, Question, Reference, Requirement, WizardStep

__all__ = [
    "Category",
    "Library",
    "LibraryError",
    "Question",
    "Reference",
    "Requirement",
    "WizardStep",
    "load_library",
]
