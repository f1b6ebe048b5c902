"""What the project page lists: a compact, filterable view of the project's requirements.

The page shows per requirement its ID, title, obligation (with weight), category (as the section it
sits in) and markers for edited, own, open comments and a newer library version; the full text is on
the requirement's own page. Filters: category, obligation, has open comments. The number of SQL
queries is the same whatever the number of requirements (tests/web/test_query_counts.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Row, and_, select

from ..domain import OBLIGATIONS
from ..extensions import db
from ..library.model import Category
from ..models import ProjectRequirement, TenderProject
from . import catalog, review, tailoring

R = ProjectRequirement
# The columns the list shows, as plain rows (no ORM objects: the page lists up to a few hundred). `edited`
# is ProjectRequirement.is_edited and `is_own` ProjectRequirement.is_own, in SQL: the list needs the
# flags, not the texts they compare.
_LISTED = (R.id, R.key, R.title, R.category, R.obligation, R.weight, R.source_key, R.source_version,
           R.declined_version,
           and_(R.original_text != "", R.text != R.original_text).label("edited"),
           and_(R.source_key.is_(None), R.source_org_requirement_id.is_(None)).label("is_own"))


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

    def keeps(self, row: Row, comments: Counter) -> bool:
        return ((not self.category or row.category == self.category)
                and (not self.obligation or row.obligation == self.obligation)
                and (not self.with_comments or comments[row.id] > 0))


@dataclass
class Listing:
    sections: list[tuple[Category, list[Row]]]  # rows of _LISTED, per category in library order
    total: int  # active requirements in the project
    shown: int  # after the filters
    updates: set[int]  # rows with a newer library version to take or decline
    edited: set[int]  # rows whose text the buyer changed
    comment_counts: Counter  # open threads per requirement id (and "total")
    categories: list[Category] = field(default_factory=list)  # the categories the project uses


def _rows(project: TenderProject) -> list[Row]:
    """The project's active requirements, with only the columns the list shows."""
    return list(db.session.execute(select(*_LISTED).where(R.project_id == project.id, R.removed_at.is_(None))
                                   .order_by(R.category, R.position)))


def listing(project: TenderProject, filters: Filters) -> Listing:
    rows = _rows(project)
    comments = review.open_counts(project)
    library = catalog.library()
    kept: dict[str, list[Row]] = {}
    for row in rows:
        if filters.keeps(row, comments):
            kept.setdefault(row.category, []).append(row)
    used = {r.category for r in rows}
    return Listing(sections=[(c, kept[c.code]) for c in library.categories if c.code in kept], total=len(rows),
                   shown=sum(len(k) for k in kept.values()),
                   updates={r.id for k in kept.values() for r in k if tailoring.newer_version(r, library)},
                   edited={r.id for r in rows if r.edited}, comment_counts=comments,
                   categories=[c for c in library.categories if c.code in used])
