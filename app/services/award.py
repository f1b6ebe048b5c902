"""The award model of a project: criteria and their weights (% of the total), the criterion and
relative weight (points inside it) of every should-requirement, the point scale with what its
levels mean, the price model and the documentation asked for under each criterion; and the price
form built from the wizard's scope facts.

Criterion weights are the wizard's `award_weights` answer (so the wizard and this page show one
number) and obey the wizard's rules: a total of 100 and, in Norway, FOA § 7-9 (`wizard.climate_rule`).
The rest is in `AwardSettings`. `assembly` puts it all in the TenderDocument, so the Word chapter,
the XLSX award sheet and price form and OCDS awardCriteria state the same model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..exporters.award_words import DEFAULT_LEVELS, PRICE_LINES
from ..exporters.document import AwardCriterion, AwardModel, PriceForm, PriceLine, ScaleLevel
from ..extensions import db
from ..library.model import pick
from ..models import AwardSettings, ProjectRequirement, TenderProject, User
from ..models.evaluation import PRICE_MODELS
from ..policy import Action
from . import ServiceError, audit, catalog
from . import wizard as wizard_service
from .editing import begin_change, require_change

CURRENCY = {"NO": "NOK", "SE": "SEK"}
PRICE = "price"
SCALE_MAXIMA = (5, 10, 100)
MAX_TEXT = 4000
USER_GROUPS = ("employees", "pupils", "politicians", "external")
_GROUP_NAMES = {
    "nb": {"employees": "ansatte", "pupils": "elever", "politicians": "folkevalgte", "external": "eksterne"},
    "sv": {"employees": "anställda", "pupils": "elever", "politicians": "förtroendevalda", "external": "externa"},
    "en": {"employees": "employees", "pupils": "pupils", "politicians": "elected members", "external": "external users"},
}


class AwardInvalid(ServiceError):
    """The award model as sent has problems; `errors` maps form field names to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(next(iter(errors.values())))
        self.errors = errors


@dataclass
class AwardInput:
    weights: dict[str, int | None]
    documentation: dict[str, str]
    scale_max: int | None
    levels: list[tuple[int | None, str]]
    price_model: str
    price_note: str
    assignments: dict[str, tuple[str, int | None]] = field(default_factory=dict)  # key -> (criterion, points)


# ----- reading -----------------------------------------------------------------------------------
def settings_of(project: TenderProject) -> AwardSettings | None:
    return db.session.scalar(select(AwardSettings).where(AwardSettings.project_id == project.id))


def criterion_options(lang: str) -> list[tuple[str, str]]:
    """(code, name) of every criterion the wizard offers, in its order."""
    question = catalog.library().wizard.questions.get("award_weights")
    return [(o.value, pick(o.label, lang)) for o in question.options] if question else []


def weights_of(project: TenderProject) -> dict[str, int]:
    raw = (project.answers or {}).get("award_weights") or {}
    return {code: int(raw.get(code) or 0) for code, _name in criterion_options("en")}


def criteria(project: TenderProject, lang: str, settings: AwardSettings | None = None) -> tuple[AwardCriterion, ...]:
    """The criteria in use (weight > 0), with the documentation asked for under each."""
    weights = weights_of(project)
    docs = (settings.documentation or {}) if settings else {}
    return tuple(AwardCriterion(code, name, weights[code], (docs.get(code) or "").strip())
                 for code, name in criterion_options(lang) if weights.get(code, 0) > 0)


def default_criterion(used: tuple[AwardCriterion, ...]) -> str | None:
    """Where a should-requirement goes until the buyer says otherwise: quality if used, else the
    first criterion that is not price."""
    codes = [c.code for c in used if c.code != PRICE]
    return "quality" if "quality" in codes else (codes[0] if codes else None)


def criterion_of(row: ProjectRequirement, used: tuple[AwardCriterion, ...]) -> str | None:
    if row.obligation != "should":
        return None
    if row.award_criterion and row.award_criterion in {c.code for c in used if c.code != PRICE}:
        return row.award_criterion
    return default_criterion(used)


def model(project: TenderProject, lang: str, settings: AwardSettings | None = None) -> AwardModel:
    levels = settings.levels if settings and settings.levels else [
        {"points": p, "meaning": m} for p, m in DEFAULT_LEVELS.get(lang, DEFAULT_LEVELS["en"])]
    return AwardModel(scale_max=settings.scale_max if settings else 10,
                      levels=tuple(ScaleLevel(int(lv["points"]), str(lv["meaning"])) for lv in levels),
                      price_model=settings.price_model if settings else "linear",
                      price_note=(settings.price_note or "") if settings else "")


def _int(value: Any) -> int:
    try:
        return max(int(value or 0), 0)
    except (TypeError, ValueError):
        return 0


def price_form(project: TenderProject, lang: str) -> PriceForm:
    """Price elements from the wizard's scope facts; volumes filled in."""
    answers = project.answers or {}
    words = PRICE_LINES.get(lang, PRICE_LINES["en"])
    years = _int(answers.get("contract_years")) or 1
    option_years = _int(answers.get("option_years"))
    groups = answers.get("users_by_group") if isinstance(answers.get("users_by_group"), Mapping) else {}
    lines = []
    for code, count in _user_groups(groups, lang):
        if count > 0:
            lines.append(PriceLine(f"licence:{code}", f"{words['licence']} – {_group_name(code, lang)}",
                                   words["per_user_year"], "per_user_year", count, years))
    if not lines:  # users by group unanswered: one line for all users
        lines.append(PriceLine("licence:all", f"{words['licence']} – {words['all_users']}", words["per_user_year"],
                               "per_user_year", _int(answers.get("user_count")), years))
    for code in ("implementation", "training", "exit"):
        lines.append(PriceLine(code, words[code], words["one_off"], "one_off", 1, 1))
    if option_years:
        lines.append(PriceLine("options", words["options"].format(years=option_years), words["option_years"],
                               "option_years", 1, option_years))
    return PriceForm(CURRENCY.get(project.country, "EUR"), years, option_years, tuple(lines))


def _user_groups(groups: Mapping[str, Any], lang: str) -> list[tuple[str, int]]:
    question = catalog.library().wizard.questions.get("users_by_group")
    order = [o.value for o in question.options] if question else list(USER_GROUPS)
    order += [code for code in groups if code not in order]
    return [(code, _int(groups.get(code))) for code in order]


def _group_name(code: str, lang: str) -> str:
    question = catalog.library().wizard.questions.get("users_by_group")
    option = question.option(code) if question else None
    if option is not None:
        return pick(option.label, lang)
    return _GROUP_NAMES.get(lang, _GROUP_NAMES["en"]).get(code, code)


# ----- changing ----------------------------------------------------------------------------------
def _check_weights(project: TenderProject, data: AwardInput, errors: dict[str, str]) -> dict[str, int]:
    weights: dict[str, int] = {}
    for code, _name in criterion_options("en"):
        value = data.weights.get(code)
        if value is None or not 0 <= value <= 100:
            errors[f"weight-{code}"] = str(_l("Enter a whole per cent from 0 to 100."))
        else:
            weights[code] = value
    if len(weights) == len(criterion_options("en")):
        total = sum(weights.values())
        if total != 100:
            errors[f"weight-{criterion_options('en')[0][0]}"] = str(
                _l("The weights must total 100 %%. Now they total %(total)d %%.", total=total))
        else:
            answers = {**(project.answers or {}), **wizard_service.context(project), "award_weights": weights}
            message = wizard_service.climate_rule(answers)
            if message:
                errors["weight-climate"] = message
    return weights


def _check_scale(data: AwardInput, errors: dict[str, str]) -> list[dict[str, Any]]:
    if data.scale_max not in SCALE_MAXIMA:
        errors["scale_max"] = str(_l("Choose the top of the point scale."))
        return []
    levels = []
    for i, (points, meaning) in enumerate(data.levels):
        meaning = meaning.strip()
        if points is None and not meaning:
            continue
        if points is None or not 0 <= points <= data.scale_max:
            errors[f"level-points-{i}"] = str(_l("Enter points from 0 to %(max)d.", max=data.scale_max))
        elif not meaning:
            errors[f"level-meaning-{i}"] = str(_l("Say what %(points)d points mean.", points=points))
        elif len(meaning) > 500:
            errors[f"level-meaning-{i}"] = str(_l("This can be at most %(max)d characters; it has %(n)d.",
                                                  max=500, n=len(meaning)))
        else:
            levels.append({"points": points, "meaning": meaning})
    if not levels and "scale_max" not in errors and not any(k.startswith("level-") for k in errors):
        errors["level-points-0"] = str(_l("Say what at least one level of the scale means."))
    return sorted(levels, key=lambda lv: -lv["points"])


def _check_texts(data: AwardInput, errors: dict[str, str]) -> None:
    if data.price_model not in PRICE_MODELS:
        errors["price_model"] = str(_l("Choose a price model."))
    for name, text in (("price_note", data.price_note),
                       *((f"doc-{code}", text) for code, text in data.documentation.items())):
        if len(text or "") > MAX_TEXT:
            errors[name] = str(_l("This can be at most %(max)d characters; it has %(n)d.", max=MAX_TEXT, n=len(text)))


def _check_assignments(project: TenderProject, weights: dict[str, int], data: AwardInput,
                       errors: dict[str, str]) -> dict[str, tuple[str, int]]:
    usable = {code for code, w in weights.items() if w > 0 and code != PRICE}
    result = {}
    for row in project.requirements:
        if row.removed_at is not None or row.obligation != "should" or row.key not in data.assignments:
            continue
        code, points = data.assignments[row.key]
        if code not in usable:
            errors[f"crit-{row.key}"] = str(_l("Choose a criterion with a weight above 0 that is not price."))
        if points is None or not 1 <= points <= 100:
            errors[f"w-{row.key}"] = str(_l("The weight must be a whole number from 1 to 100."))
        if f"crit-{row.key}" not in errors and f"w-{row.key}" not in errors:
            result[row.key] = (code, points)
    return result


def update(actor: User, project: TenderProject, data: AwardInput, *, seen_version: int | None = None) -> None:
    """Save the award model. All or nothing: any problem raises AwardInvalid and changes nothing."""
    require_change(actor, project, Action.TAILOR, seen_version)
    errors: dict[str, str] = {}
    weights = _check_weights(project, data, errors)
    levels = _check_scale(data, errors)
    _check_texts(data, errors)
    assignments = _check_assignments(project, weights, data, errors)
    if errors:
        raise AwardInvalid(errors)
    begin_change(actor, project)
    settings = settings_of(project) or AwardSettings(project_id=project.id)
    before = _snapshot(project, settings)
    project.answers = {**(project.answers or {}), "award_weights": weights}
    settings.scale_max, settings.levels = data.scale_max, levels
    settings.price_model, settings.price_note = data.price_model, data.price_note.strip()
    settings.documentation = {code: text.strip() for code, text in data.documentation.items() if text.strip()}
    db.session.add(settings)
    for row in project.requirements:
        if row.key in assignments:
            row.award_criterion, row.weight = assignments[row.key]
    after = _snapshot(project, settings)
    changed = sorted(k for k in after if after[k] != before.get(k))
    audit.record(actor, "award_model.updated", project, changed=changed or None)


def _snapshot(project: TenderProject, settings: AwardSettings) -> dict[str, Any]:
    return {"weights": dict((project.answers or {}).get("award_weights") or {}), "scale_max": settings.scale_max,
            "levels": list(settings.levels or []), "price_model": settings.price_model,
            "price_note": settings.price_note, "documentation": dict(settings.documentation or {}),
            "assignments": sorted((r.key, r.award_criterion, r.weight) for r in project.requirements
                                  if r.obligation == "should" and r.removed_at is None)}
