"""What the project page lists: a compact, filterable view of the project's requirements.

The page shows per requirement its ID, title, obligation (with weight), category (as the section it
sits in) and markers for edited, own, open comments and a newer library version; the full text is on
the requirement's own page. Filters: category, obligation, has open comments. The number of SQL
queries is the same whatever the number of requirements (tests/web/test_query_counts.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import and_, select
from sqlalchemy.orm import load_only

from ..domain import OBLIGATIONS
from ..extensions import db
from ..library.model import Category
from ..models import ProjectRequirement, TenderProject
from . import catalog, review, tailoring

R = ProjectRequirement
_LISTED = (R.id, R.project_id, R.key, R.title, R.category, R.position, R.obligation, R.weight, R.source_key,
           R.source_version, R.source_org_requirement_id, R.declined_version, R.removed_at)
# ProjectRequirement.is_edited, in SQL: the list needs the flag, not the two texts it compares.
_EDITED = and_(R.original_text != "", R.text != R.original_text)


@dataclass(frozen=True)
class Filters:
    category: str = ""
    obligation: str = ""
    with_comments: bool = False

    @classmethod
    def of(cls, category: str | None, obligation: str | None, with_comments: bool) -> Filters:
        """Filters from request values; an unknown category or obligation filters nothing."""
        codes = {c.code for c in catalog.library().categories}
        return cls(category if category in codes else "", obligation if obligation in OBLIGATIONS else "",
                   bool(with_comments))

    @property
    def active(self) -> bool:
        return bool(self.category or self.obligation or self.with_comments)

    def keeps(self, row: ProjectRequirement, comments: Counter) -> bool:
        return ((not self.category or row.category == self.category)
                and (not self.obligation or row.obligation == self.obligation)
                and (not self.with_comments or comments[row.id] > 0))


@dataclass
class Listing:
    sections: list[tuple[Category, list[ProjectRequirement]]]
    total: int  # active requirements in the project
    shown: int  # after the filters
    updates: set[int]  # rows with a newer library version to take or decline
    edited: set[int]  # rows whose text the buyer changed
    comment_counts: Counter  # open threads per requirement id (and "total")
    categories: list[Category] = field(default_factory=list)  # the categories the project uses


def _rows(project: TenderProject) -> tuple[list[ProjectRequirement], set[int]]:
    """The project's active requirements with only the columns the list shows, and the edited ones."""
    found = db.session.execute(
        select(R, _EDITED).where(R.project_id == project.id, R.removed_at.is_(None))
        .options(load_only(*_LISTED)).order_by(R.category, R.position)).all()
    return [row for row, _edited in found], {row.id for row, edited in found if edited}


def listing(project: TenderProject, filters: Filters) -> Listing:
    rows, edited = _rows(project)
    comments = review.open_counts(project)
    library = catalog.library()
    kept = [r for r in rows if filters.keeps(r, comments)]
    sections = [(c, [r for r in kept if r.category == c.code]) for c in library.categories]
    used = {r.category for r in rows}
    return Listing(sections=[s for s in sections if s[1]], total=len(rows), shown=len(kept),
                   updates={r.id for r in kept if tailoring.newer_version(r) is not None}, edited=edited,
                   comment_counts=comments, categories=[c for c in library.categories if c.code in used])
