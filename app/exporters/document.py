"""The assembled tender document: the one object every exporter renders.

`app.services.assembly.assemble()` builds it from a project; frozen versions store it as JSON
(`to_dict` / `from_dict`) so a frozen version renders the same bytes years later. Plain
dataclasses: no Flask, no ORM.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class DocComment:
    author: str
    initials: str
    body: str
    created_at: str  # ISO 8601
    replies: tuple[DocComment, ...] = ()


@dataclass(frozen=True)
class DocRequirement:
    key: str  # as shown in the document, e.g. "ARK-001" or "LOK-002"
    category: str
    title: str
    need: str
    text: str
    obligation: str  # must | should
    verification: str
    evidence: str
    kind: str = "requirement"  # requirement | contract_condition | qualification
    weight: int | None = None  # relative weight of a should-requirement within its award criterion
    verification_methods: tuple[str, ...] = ()
    answer_type: str = "yes_no"  # yes_no | number | text | attachment
    answer_min: float | None = None
    answer_max: float | None = None
    answer_expected: Any = None
    answer_unit: str | None = None
    references: tuple[str, ...] = ()  # citation texts, e.g. "GDPR art. 28"
    source_key: str | None = None  # library key; None for the buyer's own requirements
    source_version: int | None = None
    local: bool = False  # the buyer's or organisation's own requirement
    comments: tuple[DocComment, ...] = ()  # open review comments (review copy only)
    criterion: str | None = None  # code of the award criterion a should-requirement is evaluated under


@dataclass(frozen=True)
class DocSection:
    code: str
    name: str
    intro: str
    requirements: tuple[DocRequirement, ...]
    comments: tuple[DocComment, ...] = ()


@dataclass(frozen=True)
class AwardCriterion:
    code: str  # price | quality | climate
    name: str
    weight: int  # whole per cent OF THE TOTAL; all criteria total 100
    documentation: str = ""  # what the supplier documents for this criterion


@dataclass(frozen=True)
class ScaleLevel:
    points: int
    meaning: str


@dataclass(frozen=True)
class AwardModel:
    """How tenders are evaluated. Criterion weights are per cent of the total (AwardCriterion.weight);
    a should-requirement's weight (DocRequirement.weight) is points inside its criterion."""

    scale_max: int = 10  # the point scale runs from 0 to scale_max
    levels: tuple[ScaleLevel, ...] = ()  # what some points on the scale mean, highest first
    price_model: str = "linear"  # linear | proportional (DFØ's evaluation guide)
    price_note: str = ""  # the buyer's own words on the price evaluation


@dataclass(frozen=True)
class PriceLine:
    code: str  # licence:<group> | implementation | training | exit | options
    label: str
    unit: str
    kind: str  # per_user_year | one_off | option_years
    quantity: int = 1  # users for a licence line; 1 otherwise
    years: int = 1  # years a licence is paid for; option years for the option line


@dataclass(frozen=True)
class PriceForm:
    currency: str
    contract_years: int
    option_years: int
    lines: tuple[PriceLine, ...] = ()


@dataclass(frozen=True)
class DocReference:
    citation: str
    title: str
    country: str  # EU, NO, SE or INT


@dataclass(frozen=True)
class TenderDocument:
    language: str  # nb | sv | en
    country: str  # NO | SE
    organisation: str
    title: str
    reference: str
    version_label: str  # "0.3" for the third draft, "1.0" for the first approval
    status: str  # draft | in_review | changes_requested | approved | published
    date: str  # ISO date shown on the cover
    generated_at: str  # ISO 8601 timestamp, fixed for frozen versions (reproducible files)
    library_version: str
    organisation_number: str = ""  # national register number (NO: Enhetsregisteret, SE: organisationsnummer)
    procedure: str = ""  # label in the document's language
    estimated_value: str = ""  # formatted, with currency
    contract_period: str = ""
    needs_summary: tuple[str, ...] = ()  # one sentence per answered need
    sections: tuple[DocSection, ...] = ()
    award_criteria: tuple[AwardCriterion, ...] = ()
    award_model: AwardModel | None = None
    price_form: PriceForm | None = None
    # Norway, FOA § 7-9 (4)/(5): why climate is handled by requirements (or exempt) instead of a 30 % weight
    climate_justification: str = ""
    references: tuple[DocReference, ...] = ()
    comments: tuple[DocComment, ...] = ()  # comments on the document as a whole (review copy)
    project_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_draft(self) -> bool:
        return self.status not in ("approved", "published")

    @property
    def requirements(self) -> list[DocRequirement]:
        return [r for s in self.sections for r in s.requirements]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TenderDocument:
        return _build(cls, data)


def _build(cls: type, data: Any) -> Any:
    """Rebuild nested frozen dataclasses from `asdict` output (lists become tuples)."""
    hints = {f.name: f for f in fields(cls)}
    kwargs = {}
    for name, value in data.items():
        if name not in hints:
            continue
        kwargs[name] = _coerce(name, value)
    return cls(**kwargs)


_NESTED = {
    "comments": DocComment, "replies": DocComment, "requirements": DocRequirement,
    "sections": DocSection, "award_criteria": AwardCriterion, "references": None,
    "levels": ScaleLevel, "lines": PriceLine,
}
_OBJECTS = {"award_model": AwardModel, "price_form": PriceForm}


def _coerce(name: str, value: Any) -> Any:
    if isinstance(value, dict) and name in _OBJECTS:
        return _build(_OBJECTS[name], value)
    if isinstance(value, list | tuple):
        target = _NESTED.get(name)
        if name == "references" and value and isinstance(value[0], dict):
            target = DocReference
        if target is not None:
            return tuple(_build(target, v) for v in value)
        return tuple(value)
    return value
