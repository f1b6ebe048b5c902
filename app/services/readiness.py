"""The readiness check before a draft is sent for review, approved or published.

One list for everyone: the buyer sees it on the readiness page before submitting, the reviewer on
the approve page, and submitting, approving and publishing are refused while it has a blocker
(`require_ready` raises `NotReady` carrying the list).

Blockers: award weights that do not total 100; Norway's FOA § 7-9 rule on climate and environment
unmet; a linter error in a requirement the buyer wrote or edited (library texts are linted in CI);
open review comments; a must-requirement without verification. Open comments block approving and
publishing; when the buyer sends a draft (back) for review they only warn, because answering the
reviewer's comments and letting the reviewer resolve them is how a review round works.
Warnings: no universal-design requirement; personal data without a data-processing requirement;
archive duties from the wizard without archive requirements; scope facts not answered.

Each finding names where it is fixed as an endpoint and its arguments; the page turns that into a
link. Pure reads: nothing here changes the project.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l

from ..domain import Invalid
from ..library.lint import VERIFY
from ..library.model import pick
from ..models import ProjectRequirement, TenderProject
from . import catalog, tailoring
from . import wizard as wizard_service

BLOCK, WARN = "block", "warn"
EVALUATION_STEP = "evaluation"
# Wizard answers that describe the municipality (issue 12's scope chapter); checked when the
# wizard asks them.
SCOPE_FACTS = ("users_by_group", "user_count", "locations", "current_situation", "goals", "contract_start",
               "contract_years", "option_years", "data_volume_gb")
UNIVERSAL_DESIGN, PRIVACY, ARCHIVE, CLIMATE = "UU", "PRIV", "ARK", "CLIM"


@dataclass(frozen=True)
class Finding:
    code: str  # weights | climate | lint | open_comments | unverified | universal_design | ...
    level: str  # block | warn
    message: Any  # a (lazily) translated text
    endpoint: str  # where it is fixed (a Flask endpoint) ...
    values: Mapping[str, Any] = field(default_factory=dict)  # ... and its arguments besides project_id
    items: tuple[str, ...] = ()  # what it is about, e.g. requirement keys

    @property
    def blocking(self) -> bool:
        return self.level == BLOCK


@dataclass(frozen=True)
class Readiness:
    findings: tuple[Finding, ...]

    @property
    def blockers(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.blocking]

    @property
    def ready(self) -> bool:
        return not self.blockers


class NotReady(Invalid):
    """Refused because the readiness check has blockers; `readiness` holds the list."""

    def __init__(self, readiness: Readiness):
        super().__init__(_l("This cannot be done yet: first fix what the readiness check lists as "
                            "problems (%(num)d).", num=len(readiness.blockers)))
        self.readiness = readiness


SUBMIT, APPROVE, PUBLISH = "submit", "approve", "publish"


def stage_of(project: TenderProject) -> str:
    """The next step the project's status leads to."""
    return {"in_review": APPROVE, "approved": PUBLISH, "published": PUBLISH}.get(project.status, SUBMIT)


def check(project: TenderProject, ui_lang: str = "en", stage: str | None = None) -> Readiness:
    """The list for `stage` (submit, approve or publish; by default the project's next step)."""
    stage = stage or stage_of(project)
    answers = wizard_service.effective_answers(project)
    rows = tailoring.active(project)
    findings = [*_evaluation(answers), *_climate(answers, rows), *_requirements(project, rows, ui_lang),
                *_comments(project, stage),
                *_coverage(answers, rows), *_scope(project, answers, ui_lang)]
    return Readiness(tuple(sorted(findings, key=lambda f: f.level != BLOCK)))


def require_ready(project: TenderProject, stage: str) -> None:
    readiness = check(project, stage=stage)
    if not readiness.ready:
        raise NotReady(readiness)


# ----- blockers ----------------------------------------------------------------------------------
def _step(step_id: str) -> dict[str, str]:
    return {"step_id": step_id}


def _category(code: str) -> dict[str, str]:
    return {"category": code, "_anchor": f"cat-{code}"}


def _evaluation(answers: Mapping[str, Any]) -> list[Finding]:
    weights = answers.get("award_weights")
    total = sum(int(v or 0) for v in weights.values()) if isinstance(weights, Mapping) else 0
    if total == 100:
        return []
    return [Finding("weights", BLOCK, _l("The award criteria weigh %(total)d %% in all; they must total 100 %%.",
                                        total=total), "wizard.step", _step(EVALUATION_STEP))]


def _climate(answers: Mapping[str, Any], rows: list[ProjectRequirement]) -> list[Finding]:
    """Norway, FOA § 7-9: climate and environment weigh at least 30 % (2), or are handled by
    requirements in the specification (4), or are exempt for a negligible footprint (5); (4) and (5)
    must be justified in the procurement documents."""
    if answers.get("country") != "NO":
        return []
    approach = answers.get("climate_approach")
    fix = ("wizard.step", _step(EVALUATION_STEP))
    if not approach:
        return [Finding("climate", BLOCK, _l("Say how climate and environment are taken into account "
                                             "(FOA § 7-9)."), *fix)]
    findings = []
    climate = _climate_weight_too_low(answers)
    if climate is not None:
        findings.append(Finding("climate", BLOCK, _l(
            "Climate and environment must weigh at least %(min)d %% when it is an award criterion (FOA § 7-9). "
            "Now it weighs %(weight)d %%. Raise it, or choose to handle climate through requirements.",
            min=wizard_service.CLIMATE_MIN_WEIGHT_NO, weight=climate), *fix))
    if approach in ("requirements", "negligible_footprint") and not str(answers.get("climate_justification")
                                                                        or "").strip():
        findings.append(Finding("climate", BLOCK, _l("Justify in the tender documents why climate and "
                                                     "environment are not weighted (FOA § 7-9)."), *fix))
    if approach == "requirements" and not any(r.category == CLIMATE for r in rows):
        findings.append(Finding("climate", BLOCK, _l(
            "Climate and environment are to be handled through requirements (FOA § 7-9), but the specification "
            "has no climate and environment requirement. Add one, or make climate an award criterion."),
            "requirements.add", _category(CLIMATE)))
    return findings


def _climate_weight_too_low(answers: Mapping[str, Any]) -> int | None:
    """FOA § 7-9 (2): the climate weight when climate is an award criterion weighing too little
    (the wizard's own rule, `wizard.climate_rule`, words the same message for the step)."""
    weights = answers.get("award_weights")
    if answers.get("climate_approach") != "award_criterion" or not isinstance(weights, Mapping):
        return None
    climate = int(weights.get("climate", 0) or 0)
    return climate if climate < wizard_service.CLIMATE_MIN_WEIGHT_NO else None


def _requirements(project: TenderProject, rows: list[ProjectRequirement], ui_lang: str) -> list[Finding]:
    findings = []
    for row in rows:
        edit = {"requirement_id": row.id}
        if row.obligation == "must" and not ((row.verification or "").strip() and row.verification_methods):
            findings.append(Finding("unverified", BLOCK, _l("%(key)s is a must-requirement without a way to "
                                                                "verify it.", key=row.key),
                                    "requirements.edit", edit, (row.key,)))
        if not (row.is_edited or row.is_own):
            continue
        for finding in tailoring.lint(row, project.language, ui_lang):
            if finding.severity == "error" and finding.rule != VERIFY:
                findings.append(Finding("lint", BLOCK, f"{row.key}: {finding.message}", "requirements.edit",
                                        edit, (row.key,)))
    return findings


def _comments(project: TenderProject, stage: str) -> list[Finding]:
    from . import review

    n = review.open_counts(project)["total"]
    if not n:
        return []
    return [Finding("open_comments", WARN if stage == SUBMIT else BLOCK,
                    _l("Review comments are still open (%(num)d). Resolve them, or answer them and let the "
                       "reviewer resolve them.", num=n), "review.overview", {})]


# ----- warnings ----------------------------------------------------------------------------------
def _archive_duty(answers: Mapping[str, Any]) -> bool:
    return (answers.get("archive_standard") in ("noark5", "fgs") or bool(answers.get("archive_content"))
            or answers.get("retention_rules") is True)


def _coverage(answers: Mapping[str, Any], rows: list[ProjectRequirement]) -> list[Finding]:
    categories = {r.category for r in rows}
    add = "requirements.add"
    findings = []
    if UNIVERSAL_DESIGN not in categories:
        findings.append(Finding("universal_design", WARN, _l("The specification has no universal design "
                                                                 "requirement."), add,
                                _category(UNIVERSAL_DESIGN)))
    if answers.get("personal_data") is True and PRIVACY not in categories:
        findings.append(Finding("data_processing", WARN, _l("The service will hold personal data, but the "
                                                                "specification has no privacy and data "
                                                                "processing requirement."), add,
                                _category(PRIVACY)))
    if _archive_duty(answers) and ARCHIVE not in categories:
        findings.append(Finding("archive", WARN, _l("The wizard records what must be archived, but the "
                                                        "specification has no archiving requirement."), add,
                                _category(ARCHIVE)))
    return findings


def _scope(project: TenderProject, answers: Mapping[str, Any], ui_lang: str) -> list[Finding]:
    wizard = catalog.library().wizard
    missing = []
    for step in wizard_service.visible_steps(project):
        missing += [(step, q) for q in step.visible_questions(answers)
                    if q.id in SCOPE_FACTS and answers.get(q.id) in (None, "", [], {})]
    if not missing or wizard is None:
        return []
    labels = tuple(pick(q.label, ui_lang) for _step_, q in missing)
    return [Finding("scope", WARN, _l("Some facts about the scope are not answered; the documents will "
                                          "lack them."), "wizard.step", _step(missing[0][0].id), labels)]
