"""Frozen versions of a project: labels, freezing, and comparing two versions."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from ..exporters.document import DocRequirement, TenderDocument
from ..extensions import db
from ..library.diff import word_diff
from ..models import ProjectVersion, TenderProject


def _versions(project: TenderProject) -> list[ProjectVersion]:
    return list(db.session.scalars(select(ProjectVersion).where(ProjectVersion.project_id == project.id)
                                   .order_by(ProjectVersion.number)))


def next_label(project: TenderProject, event: str) -> str:
    """Submissions count 0.1, 0.2 ...; an approval makes the next whole number (1.0); after it 1.1 ..."""
    major, minor = 0, 0
    for v in _versions(project):
        a, b = (int(x) for x in v.label.split("."))
        major, minor = a, b
    if event == "approved":
        return f"{major + 1}.0"
    if event == "published":
        return f"{major}.{minor}"
    return f"{major}.{minor + 1}"


def draft_label(project: TenderProject) -> str:
    """The label a document gets if exported now: while a version is under review, that version's
    label (the review copy names the version under review); otherwise the number its next
    submission will have."""
    if project.status in ("approved", "published"):
        return next_label(project, "published")
    if project.status == "in_review":
        frozen = _versions(project)
        if frozen:
            return frozen[-1].label
    return next_label(project, "submitted")


# ----- comparing two frozen versions -------------------------------------------------------------
@dataclass(frozen=True)
class RequirementChange:
    key: str
    title: str
    old: DocRequirement | None
    new: DocRequirement | None
    text_diff: list[tuple[str, str]] = field(default_factory=list)
    fields: tuple[str, ...] = ()  # which of COMPARED_FIELDS changed


@dataclass
class VersionDiff:
    added: list[RequirementChange] = field(default_factory=list)
    removed: list[RequirementChange] = field(default_factory=list)
    changed: list[RequirementChange] = field(default_factory=list)
    award_changed: bool = False

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.award_changed)


COMPARED_FIELDS = ("title", "text", "obligation", "weight", "verification", "evidence", "need")


def compare(old: TenderDocument, new: TenderDocument) -> VersionDiff:
    """Requirements added, removed and changed between two frozen documents, with word diffs."""
    before = {r.key: r for r in old.requirements}
    after = {r.key: r for r in new.requirements}
    diff = VersionDiff(award_changed=old.award_criteria != new.award_criteria)
    for key, r in after.items():
        if key not in before:
            diff.added.append(RequirementChange(key, r.title, None, r))
            continue
        o = before[key]
        changed = tuple(f for f in COMPARED_FIELDS if getattr(o, f) != getattr(r, f))
        if changed:
            diff.changed.append(RequirementChange(key, r.title, o, r, word_diff(o.text, r.text), changed))
    diff.removed = [RequirementChange(k, r.title, r, None) for k, r in before.items() if k not in after]
    return diff
