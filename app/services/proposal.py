"""From the wizard's answers to requirements: what the answers propose, and applying it.

The proposal is a diff against the project: requirements to add, requirements an earlier proposal
put there that the answers no longer call for, and those that stay.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l

from ..domain import Invalid
from ..extensions import db
from ..library.model import Library
from ..models import ProjectRequirement, TenderProject, User
from ..models._types import utcnow
from ..policy import Action
from . import audit, catalog, tailoring
from .editing import begin_change, require_change
from .wizard import effective_answers, is_complete


# ----- from answers to requirements --------------------------------------------------------------
@dataclass(frozen=True)
class ProposedChange:
    key: str
    title: str
    category: str
    reasons: tuple[str, ...]
    row: ProjectRequirement | None = None  # the project's row, for removals and restores
    obligation: str = ""  # as proposed for the answers (a `must_when` can make a should a must)


@dataclass
class ProposalDiff:
    """What applying the wizard's proposal would change in the project."""

    add: list[ProposedChange] = field(default_factory=list)
    remove: list[ProposedChange] = field(default_factory=list)
    keep: list[ProposedChange] = field(default_factory=list)
    first_time: bool = True

    @property
    def has_changes(self) -> bool:
        return bool(self.add or self.remove)


def _proposed(library: Library, answers: Mapping[str, Any], lang: str) -> dict[str, tuple]:
    return {p.requirement.key: (p.requirement, p.reasons, p.obligation) for p in library.propose(answers, lang)}


def proposal_diff(project: TenderProject, lang: str) -> ProposalDiff:
    """Compare what the answers propose now with what the project holds.

    - added: proposed now, not in the project. A requirement the buyer removed (with a reason) is not
      proposed again; one the wizard removed earlier because of an answer is.
    - removed: in the project because an earlier proposal put it there, and no longer proposed.
      Requirements the buyer added by hand are never removed by the wizard.
    """
    library = catalog.library()
    now = _proposed(library, effective_answers(project), lang)
    earlier = (_proposed(library, effective_answers(project, project.proposed_from), lang)
               if project.proposed_from is not None else {})
    rows = {r.key: r for r in project.requirements}
    diff = ProposalDiff(first_time=project.proposed_from is None)
    for key, (req, reasons, obligation) in now.items():
        row = rows.get(key)
        change = ProposedChange(key, req.text(lang).title, req.category, reasons, row, obligation)
        if row is None or (row.removed_at is not None and row.removed_reason is None):
            diff.add.append(change)
        elif row.removed_at is None:
            diff.keep.append(change)
    for key in earlier.keys() - now.keys():
        row = rows.get(key)
        if row is not None and row.removed_at is None:
            req = earlier[key][0]
            diff.remove.append(ProposedChange(key, row.title, req.category, (), row))
    order = {c.code: c.order for c in library.categories}
    for changes in (diff.add, diff.remove, diff.keep):
        changes.sort(key=lambda c: (order.get(c.category, 999), c.key))
    return diff


def apply_proposal(actor: User, project: TenderProject, *, seen_version: int | None = None) -> ProposalDiff:
    """Apply the proposal: add what the answers call for, retire what they no longer call for."""
    require_change(actor, project, Action.ANSWER_NEEDS, seen_version)
    if not is_complete(project):
        raise Invalid(_l("Answer every step of the wizard before you apply the proposal."))
    begin_change(actor, project)
    library = catalog.library()
    diff = proposal_diff(project, project.language)
    earlier = (_proposed(library, effective_answers(project, project.proposed_from), project.language)
               if project.proposed_from is not None else {})
    for change in diff.add:
        row = tailoring.copy_from_library(project, library.requirement(change.key), change.reasons)
        _set_obligation(row, change.obligation, library.requirement(change.key).weight)
    for change in diff.keep:  # refresh the reasons shown next to each requirement
        change.row.reasons = list(change.reasons)
        before = earlier.get(change.key)
        if before is not None and change.row.obligation == before[2]:  # not tailored by the buyer since
            _set_obligation(change.row, change.obligation, library.requirement(change.key).weight)
    now = utcnow()
    for change in diff.remove:
        change.row.removed_at = now
        change.row.removed_reason = None  # None marks "removed by the wizard", not by the buyer
    project.proposed_from = dict(project.answers)
    db.session.flush()
    audit.record(actor, "wizard.proposal_applied", project,
                 added=[c.key for c in diff.add], removed=[c.key for c in diff.remove])
    return diff


def _set_obligation(row: ProjectRequirement, obligation: str, library_weight: int | None) -> None:
    """A conditional must (`must_when`) drops the weight; back to should, it gets the library weight."""
    if not obligation or row.obligation == obligation:
        return
    row.obligation = obligation
    row.weight = None if obligation == "must" else (row.weight or library_weight)


def answers_changed_since_proposal(project: TenderProject) -> bool:
    if project.proposed_from is None:
        return False
    return effective_answers(project) != effective_answers(project, project.proposed_from)
