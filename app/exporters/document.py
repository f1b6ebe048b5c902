"""The assembled tender document: the one object every exporter renders.

`app.services.assembly.assemble()` builds it from a project; frozen versions store it as JSON
(`to_dict` / `from_dict`) so a frozen version renders the same bytes years later. Plain
dataclasses: no Flask, no ORM.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
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
    kind: str = "requirement"  # requirement | qualification | contract_condition | award_criterion
    weight: int | None = None  # relative weight of a should-requirement within its award criterion
    verification_methods: tuple[str, ...] = ()
    answer_type: str = "yes_no"  # yes_no | number | text | attachment
    answer_min: float | None = None
    answer_max: float | None = None
    answer_expected: Any = None
    answer_unit: str | None = None
    references: tuple[str, ...] = ()  # citation texts, e.g. "GDPR art. 28"
    reference_kinds: tuple[str, ...] = ()  # law | regulation | case | standard | guidance, one per reference
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
class DocClassification:
    """A code from a classification scheme, e.g. CPV "48000000-8" with its official label."""
    scheme: str  # "CPV"
    code: str  # with the check digit, e.g. "48000000-8"
    description: str


@dataclass(frozen=True)
class DocReference:
    citation: str
    title: str
    country: str  # EU, NO, SE or INT
    kind: str = ""  # law | regulation | case | standard | guidance ("" in versions frozen before kinds)


@dataclass(frozen=True)
class DocQuantity:
    code: str  # e.g. employees
    label: str  # in the document's language
    count: int


@dataclass(frozen=True)
class DocScope:
    """Facts about the municipality and the contract, from the wizard (the scope chapter)."""

    user_count: int | None = None
    users_by_group: tuple[DocQuantity, ...] = ()
    locations: str = ""
    current_situation: str = ""
    goals: str = ""
    contract_start: str = ""  # formatted in the document's language
    contract_years: int | None = None  # base term
    option_years: int | None = None  # options to extend
    data_volume_gb: int | None = None  # data to migrate

    @property
    def empty(self) -> bool:
        return self == DocScope()


@dataclass(frozen=True)
class DocNeed:
    """The needs of one topic (a wizard step), as prose about the municipality."""

    topic: str
    statements: tuple[str, ...]


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
    needs: tuple[DocNeed, ...] = ()  # the needs chapter: statements grouped by topic
    scope: DocScope = field(default_factory=DocScope)
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
    # Facts in machine form for OCDS (the texts above are for people):
    procedure_code: str = ""  # wizard value: open | restricted | competitive_negotiation | ...
    contract_start: str = ""  # ISO date
    contract_years: int | None = None  # base term in years
    option_years: int | None = None  # options to extend, in years
    user_count: int | None = None
    classifications: tuple[DocClassification, ...] = ()  # CPV codes chosen in the wizard

    @property
    def is_draft(self) -> bool:
        return self.status not in ("approved", "published")

    @property
    def requirements(self) -> list[DocRequirement]:
        return [r for s in self.sections for r in s.requirements]

    # The parts: a library item's kind decides the document it lands in.
    def sections_of(self, kind: str) -> tuple[DocSection, ...]:
        """The sections holding items of `kind`, each with only those items (empty sections dropped)."""
        out = []
        for s in self.sections:
            items = tuple(r for r in s.requirements if r.kind == kind)
            if items:
                out.append(s if len(items) == len(s.requirements) else replace(s, requirements=items))
        return tuple(out)

    @property
    def specification_sections(self) -> tuple[DocSection, ...]:
        """The requirement specification (the annex to SSA-sky/SSA-L, the kravspecifikation)."""
        return self.sections_of("requirement")

    @property
    def qualification_requirements(self) -> tuple[DocRequirement, ...]:
        return tuple(r for r in self.requirements if r.kind == "qualification")

    @property
    def contract_conditions(self) -> tuple[DocRequirement, ...]:
        return tuple(r for r in self.requirements if r.kind == "contract_condition")

    @property
    def award_requirements(self) -> tuple[DocRequirement, ...]:
        """Library items that are award criteria themselves (the evaluation chapter)."""
        return tuple(r for r in self.requirements if r.kind == "award_criterion")

    @property
    def summary(self) -> str:
        """A short summary of the procurement for notices (OCDS tender.description): what is
        bought, for whom and how large, in the document's language."""
        from app.exporters.summary import summary

        return summary(self)

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
    "needs": DocNeed, "users_by_group": DocQuantity,
    "levels": ScaleLevel, "lines": PriceLine, "classifications": DocClassification,
}
_OBJECTS = {"award_model": AwardModel, "price_form": PriceForm, "scope": DocScope}


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
