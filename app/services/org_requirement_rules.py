"""The rules an organisation's own requirement must hold, and the vocabulary they use.

See services/org_requirements.py for the rules in words. Everything here only checks: nothing is
changed. The web form and the XLSX import both get their messages from here, so they say the same.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import domain
from ..domain import LANGUAGES, OBLIGATIONS
from ..extensions import db
from ..library.lint import TRANSLATION, VERIFY, WEIGHT, lint_requirement
from ..library.spreadsheet import COLUMNS, KINDS, TEXT_PARTS, RowError
from ..models import Organisation, OrgRequirement, User
from . import Invalid as DomainInvalid
from . import catalog

LANGUAGE_NAMES = {"nb": _l("Norwegian bokmål"), "sv": _l("Swedish"), "en": _l("English")}
ORG_LANGUAGE = {"NO": "nb", "SE": "sv"}
ANSWER_TYPES = ("yes_no", "number", "text", "attachment")
KEY_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{1,7}-\d{1,4}$")
MAX_KEY = 20
MAX_TITLE = 120
MAX_TEXT = 4000
MAX_REFERENCES = 30
MAX_REFERENCE = 300

PART_LABELS = {"title": _l("title"), "need": _l("need"), "requirement": _l("requirement text"),
               "verification": _l("verification"), "evidence": _l("evidence"), "guidance": _l("guidance")}

Problem = tuple[str, str]  # (form field, message)
COLUMN_ORDER = {name: i for i, name in enumerate(COLUMNS)}


class Invalid(DomainInvalid):
    """The requirement was not saved. `errors` and `warnings` are (field, message) pairs."""

    def __init__(self, errors: Sequence[Problem], warnings: Sequence[Problem] = ()):
        field_name, message = errors[0]
        super().__init__(message, field=field_name or None)
        self.errors = list(errors)
        self.warnings = list(warnings)


class ImportRejected(DomainInvalid):
    """Nothing was imported. `errors` lists every problem by row and column."""

    def __init__(self, errors: Sequence[RowError]):
        super().__init__(_l("The file has %(n)d problem(s); nothing was imported.", n=len(errors)))
        self.errors = list(errors)


@dataclass
class RequirementData:
    """The editable content of an organisation requirement."""

    category: str
    obligation: str
    verification_methods: list[str]
    texts: dict[str, dict[str, str]]
    weight: int | None = None
    kind: str = "requirement"
    references: list[str] = field(default_factory=list)
    answer: dict[str, Any] = field(default_factory=lambda: {"type": "yes_no"})

    @classmethod
    def of(cls, req: OrgRequirement) -> RequirementData:
        return cls(category=req.category, obligation=req.obligation, weight=req.weight, kind=req.kind,
                   verification_methods=list(req.verification_methods or ()),
                   texts={lang: dict(t) for lang, t in (req.texts or {}).items()},
                   references=list(req.references or ()), answer=dict(req.answer or {"type": "yes_no"}))


# ----- vocabulary -----------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _schema_methods(library_path: str) -> tuple[str, ...]:
    schema = json.loads((Path(library_path) / "schemas" / "requirements.schema.json").read_text(encoding="utf-8"))
    return tuple(schema["$defs"]["requirement"]["properties"]["verification_methods"]["items"]["enum"])


def verification_methods() -> tuple[str, ...]:
    """The verification methods the national library allows (its schema's list)."""
    return _schema_methods(str(current_app.config["LIBRARY_PATH"]))


def categories() -> tuple[str, ...]:
    return tuple(c.code for c in catalog.library().categories)


def organisation_language(org: Organisation) -> str:
    return ORG_LANGUAGE.get(org.country, "nb")


# ----- validation -----------------------------------------------------------------------------------

def _clean(data: RequirementData) -> RequirementData:
    texts: dict[str, dict[str, str]] = {}
    for lang, parts in (data.texts or {}).items():
        cleaned = {part: (parts.get(part) or "").replace("\r\n", "\n").strip() for part in TEXT_PARTS}
        if any(cleaned.values()):
            texts[lang] = cleaned
    references = [r.strip() for r in data.references or () if r and r.strip()]
    methods = list(dict.fromkeys(m.strip() for m in data.verification_methods or () if m and m.strip()))
    obligation = (data.obligation or "").strip()
    answer = {k: v for k, v in (data.answer or {}).items() if v not in (None, "")} or {"type": "yes_no"}
    return RequirementData(
        category=(data.category or "").strip().upper(), obligation=obligation,
        weight=data.weight if obligation == "should" else None, kind=(data.kind or "requirement").strip(),
        verification_methods=methods, texts=texts, references=list(dict.fromkeys(references)), answer=answer)


def _check_codes(data: RequirementData) -> list[Problem]:
    """Category, kind, obligation and weight."""
    errors: list[Problem] = []
    if data.category not in categories():
        errors.append(("category", _l("Choose a category.")))
    if data.kind not in KINDS:
        errors.append(("kind", _l("Choose the kind of requirement.")))
    if data.obligation not in OBLIGATIONS:
        errors.append(("obligation", _l("Choose must or should.")))
    elif data.obligation == "should" and data.weight is None:
        errors.append(("weight", _l("A should-requirement needs a weight from 1 to 100.")))
    elif data.obligation == "should" and not domain.WEIGHT_MIN <= data.weight <= domain.WEIGHT_MAX:
        errors.append(("weight", _l(domain.WEIGHT_MESSAGE)))
    return errors


def _check_evidence(data: RequirementData) -> list[Problem]:
    """Verification methods, the answer type and the references."""
    errors: list[Problem] = []
    allowed = verification_methods()
    unknown = ", ".join(m for m in data.verification_methods if m not in allowed)
    if not data.verification_methods:
        errors.append(("verification_methods", _l("Choose at least one verification method.")))
    elif unknown:
        errors.append(("verification_methods", _l("Unknown verification method: %(m)s.", m=unknown)))
    if data.answer.get("type") not in ANSWER_TYPES:
        errors.append(("answer_type", _l("Choose how the supplier answers.")))
    if len(data.references) > MAX_REFERENCES:
        errors.append(("references", _l("At most %(n)d references.", n=MAX_REFERENCES)))
    if any(len(r) > MAX_REFERENCE for r in data.references):
        errors.append(("references", _l("Each reference can be at most %(n)d characters.", n=MAX_REFERENCE)))
    return errors


def _check_language(parts: Mapping[str, str], lang: str) -> list[Problem]:
    """Title and requirement given, and no text over its limit, in one language."""
    errors: list[Problem] = []
    name = LANGUAGE_NAMES[lang]
    if not parts.get("title"):
        errors.append((f"title_{lang}", _l("Enter the title in %(language)s.", language=name)))
    if not parts.get("requirement"):
        errors.append((f"requirement_{lang}", _l("Enter the requirement text in %(language)s.", language=name)))
    for part in TEXT_PARTS:
        limit = MAX_TITLE if part == "title" else MAX_TEXT
        if len(parts.get(part) or "") > limit:
            errors.append((f"{part}_{lang}", _l("The %(part)s in %(language)s can be at most %(n)d characters.",
                                                part=PART_LABELS[part], language=name, n=limit)))
    return errors


def _check_texts(data: RequirementData, own: str) -> list[Problem]:
    """Known languages; the organisation's language always, the others when they have any text."""
    errors: list[Problem] = [("", _l("Unknown language %(lang)s.", lang=lang)) for lang in data.texts
                             if lang not in LANGUAGES]
    for lang in LANGUAGES:
        if lang in data.texts or lang == own:
            errors += _check_language(data.texts.get(lang) or {}, lang)
    return errors


def _lint_problems(data: RequirementData, key: str, own: str, ui_lang: str) -> tuple[list[Problem], list[Problem]]:
    """The linter's errors and warnings, each on its form field (rules checked above are left out)."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    present = tuple(lang for lang in LANGUAGES if lang in data.texts)
    findings = lint_requirement(
        key=key, obligation=data.obligation, weight=data.weight, verification_methods=data.verification_methods,
        texts={lang: data.texts[lang]["requirement"] for lang in present},
        titles={lang: data.texts[lang]["title"] for lang in present},
        languages=present or (own,), ui_lang=ui_lang, require_all_languages=False)
    seen: set[tuple[str, str]] = set()
    for f in findings:
        name = f.field if f.field in ("verification_methods", "weight") else f"{f.field}_{f.lang or own}"
        if f.rule in (TRANSLATION, VERIFY, WEIGHT) or (name, f.message) in seen:
            continue
        seen.add((name, f.message))
        (errors if f.severity == "error" else warnings).append((name, f.message))
    return errors, warnings


def _check(data: RequirementData, org: Organisation, key: str, ui_lang: str) -> tuple[list[Problem], list[Problem]]:
    own = organisation_language(org)
    errors = _check_codes(data) + _check_evidence(data) + _check_texts(data, own)
    lint_errors, warnings = _lint_problems(data, key, own, ui_lang)
    return errors + lint_errors, warnings


def _check_key(org: Organisation, key: str, existing_id: int | None = None) -> list[Problem]:
    if len(key) > MAX_KEY or not KEY_PATTERN.match(key):
        example = (org.key_prefix or "LOK") + "-001"
        return [("key", _l("The key must be capital letters, a hyphen and a number, for example %(example)s.",
                               example=example))]
    if key in catalog.library().requirements:
        return [("key", _l("%(key)s is a national library requirement; choose another key.", key=key))]
    other = db.session.scalar(select(OrgRequirement.id).where(
        OrgRequirement.organisation_id == org.id, OrgRequirement.key == key))
    if other is not None and other != existing_id:
        return [("key", _l("The organisation already has a requirement %(key)s.", key=key))]
    return []


def validate(actor: User, data: RequirementData, *, key: str | None = None,
             existing: OrgRequirement | None = None) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) for saving `data`; nothing is changed."""
    org = actor.organisation
    data = _clean(data)
    key = (key or "").strip().upper() or None
    key_problems = _check_key(org, key, existing.id if existing else None) if key and existing is None else []
    errors, warnings = _check(data, org, key or (existing.key if existing else "NEW"), actor.locale)
    return key_problems + errors, warnings


