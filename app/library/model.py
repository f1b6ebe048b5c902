"""Immutable objects the loaded library is made of. Plain dataclasses, no Flask, no database."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..domain import LANGUAGES  # noqa: F401  (the library's text languages are the document languages)
from . import conditions

# Where a text missing in a language is taken from: nynorsk falls back to bokmål before English.
FALLBACKS = {"nn": ("nb", "en"), "nb": ("en",), "sv": ("en",), "en": ("nb",)}
# Parts of the library whose translation library.yml can mark as still in progress for a language.
TRANSLATED_PARTS = ("library", "references", "requirements", "wizard")

EU_COUNTRIES = ("EU", "INT")  # references that apply in every country

I18n = Mapping[str, str]


def pick(texts: I18n | None, lang: str) -> str:
    """The text in `lang`; if missing, nynorsk falls back to bokmål, other languages to English, then bokmål."""
    if not texts:
        return ""
    for code in (lang, *FALLBACKS.get(lang, ("en", "nb"))):
        if texts.get(code):
            return texts[code]
    return ""


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _drop_combining(match: re.Match) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def fold(text: str) -> str:
    """Lower-case and strip accents so "Tilgjengelighet" finds "tilgjengelighet" and "åpen" finds "apen".

    Only non-ASCII characters are looked at one by one (no ASCII character is a combining mark): the
    search index folds the whole library at the first search."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _NON_ASCII.sub(_drop_combining, decomposed).replace("ø", "o").replace("æ", "ae")


@dataclass(frozen=True)
class Reference:
    id: str
    country: str  # EU, NO, SE or INT
    kind: str
    citation: str
    title: I18n
    url: str | None = None
    note: str | None = None

    def applies_in(self, country: str | None) -> bool:
        return country is None or self.country in EU_COUNTRIES or self.country == country


@dataclass(frozen=True)
class Citation:
    reference: Reference
    pinpoint: str | None = None
    countries: tuple[str, ...] = ()  # empty: wherever the reference applies

    def applies_in(self, country: str | None) -> bool:
        """An EU act that is not national law (NIS2 in Norway) is cited only where it is."""
        if not self.reference.applies_in(country):
            return False
        return country is None or not self.countries or country in self.countries

    @property
    def text(self) -> str:
        return f"{self.reference.citation} {self.pinpoint}" if self.pinpoint else self.reference.citation


@dataclass(frozen=True)
class RequirementText:
    title: str
    need: str
    requirement: str
    verification: str
    evidence: str
    guidance: str


@dataclass(frozen=True)
class AnswerSpec:
    """How a supplier answers the requirement in a response matrix."""

    type: str = "yes_no"  # yes_no | number | text | attachment
    min: float | None = None
    max: float | None = None
    expected: Any = None
    unit: str | None = None


@dataclass(frozen=True)
class Requirement:
    key: str
    version: int
    category: str
    obligation: str  # must | should
    verification_methods: tuple[str, ...]
    answer: AnswerSpec
    texts: Mapping[str, RequirementText]
    citations: tuple[Citation, ...] = ()
    kind: str = "requirement"  # requirement | qualification | contract_condition | award_criterion
    weight: int | None = None
    countries: tuple[str, ...] = ()  # empty: every country
    applies_when: Mapping[str, Any] | None = None
    must_when: Mapping[str, Any] | None = None  # a should the wizard proposes as a must when this holds
    changes: tuple[Mapping[str, Any], ...] = ()
    retired: bool = False
    source: str = ""  # file the requirement was read from

    def text(self, lang: str) -> RequirementText:
        for code in (lang, *FALLBACKS.get(lang, ("en",))):
            if code in self.texts:
                return self.texts[code]
        return self.texts["en"]

    def applies(self, answers: Mapping[str, Any]) -> bool:
        if self.retired:
            return False
        country = answers.get("country")
        if self.countries and country and country not in self.countries:
            return False
        return conditions.evaluate(self.applies_when, answers)

    def citations_for(self, country: str | None) -> tuple[Citation, ...]:
        """References shown for a project in `country`: national ones only in their own country."""
        return tuple(c for c in self.citations if c.applies_in(country))

    def obligation_for(self, answers: Mapping[str, Any]) -> str:
        """The obligation the wizard proposes: `must` when `must_when` holds, else the library's."""
        if self.must_when is not None and conditions.evaluate(self.must_when, answers):
            return "must"
        return self.obligation

    def available_in(self, country: str | None) -> bool:
        return not self.countries or country is None or country in self.countries


@dataclass(frozen=True)
class Category:
    code: str
    order: int
    name: I18n
    intro: I18n


@dataclass(frozen=True)
class Option:
    value: Any
    label: I18n
    reason: I18n | None = None
    default: int | None = None
    need: I18n | None = None  # the need this answer expresses, about the municipality in the third person


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    label: I18n
    required: bool = False
    hint: I18n | None = None
    unit: I18n | None = None
    options: tuple[Option, ...] = ()
    min: float | None = None
    max: float | None = None
    integer: bool = False
    max_length: int | None = None
    binds_to: str | None = None
    show_when: Mapping[str, Any] | None = None
    step_id: str | None = None  # None for built-in context questions

    def option(self, value: Any) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def visible(self, answers: Mapping[str, Any]) -> bool:
        return conditions.evaluate(self.show_when, answers)


@dataclass(frozen=True)
class WizardStep:
    id: str
    title: I18n
    questions: tuple[Question, ...]
    intro: I18n | None = None
    show_when: Mapping[str, Any] | None = None
    topic: I18n | None = None  # the step's name in the documents' needs chapter (default: its title)

    def visible(self, answers: Mapping[str, Any]) -> bool:
        return conditions.evaluate(self.show_when, answers)

    def visible_questions(self, answers: Mapping[str, Any]) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.visible(answers))


@dataclass(frozen=True)
class WizardWarning:
    """A warning the wizard shows on a step and on the answers page when `when` holds."""

    id: str
    step: str  # the step whose page shows it
    when: Mapping[str, Any]
    text: I18n

    def applies(self, answers: Mapping[str, Any]) -> bool:
        return conditions.evaluate(self.when, answers)


@dataclass(frozen=True)
class Wizard:
    version: int
    steps: tuple[WizardStep, ...]
    context: tuple[Question, ...] = ()
    warnings: tuple[WizardWarning, ...] = ()

    @property
    def questions(self) -> dict[str, Question]:
        found = {q.id: q for q in self.context}
        for step in self.steps:
            found.update({q.id: q for q in step.questions})
        return found

    def step(self, step_id: str) -> WizardStep | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def visible_steps(self, answers: Mapping[str, Any]) -> tuple[WizardStep, ...]:
        return tuple(s for s in self.steps if s.visible(answers))


@dataclass(frozen=True)
class Proposal:
    """A requirement the wizard proposes, with the answers that made it apply."""

    requirement: Requirement
    reasons: tuple[str, ...]
    obligation: str = ""  # as proposed for these answers (see Requirement.obligation_for)


@dataclass(frozen=True)
class Library:
    version: str
    languages: tuple[str, ...]
    countries: tuple[str, ...]
    categories: tuple[Category, ...]
    requirements: Mapping[str, Requirement]
    references: Mapping[str, Reference]
    wizard: Wizard
    changelog: tuple[Mapping[str, Any], ...] = ()
    released: str | None = None
    # language -> parts (TRANSLATED_PARTS) not yet complete in it; their missing texts fall back.
    translations_in_progress: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @cached_property
    def _search_index(self) -> Mapping[str, Mapping[str, str]]:
        """Folded texts per requirement and language, built at the first search (not at start-up)."""
        return build_search_index(self.requirements)

    def languages_for(self, part: str) -> tuple[str, ...]:
        """The languages every text of `part` (one of TRANSLATED_PARTS) must have."""
        return tuple(lang for lang in self.languages if part not in self.translations_in_progress.get(lang, ()))

    # ----- lookup --------------------------------------------------------------------------------
    def requirement(self, key: str) -> Requirement | None:
        return self.requirements.get(key)

    def category(self, code: str) -> Category | None:
        return next((c for c in self.categories if c.code == code), None)

    def active(self) -> list[Requirement]:
        return [r for r in self.requirements.values() if not r.retired]

    def by_category(self, requirements: Sequence[Requirement] | None = None) -> list[tuple[Category, list[Requirement]]]:
        reqs = self.active() if requirements is None else list(requirements)
        return [(c, [r for r in reqs if r.category == c.code]) for c in self.categories
                if any(r.category == c.code for r in reqs)]

    # ----- the wizard's proposal -----------------------------------------------------------------
    def propose(self, answers: Mapping[str, Any], lang: str) -> list[Proposal]:
        """Every active requirement whose `applies_when` holds, in category order, with reasons."""
        order = {c.code: c.order for c in self.categories}
        proposals = [Proposal(r, tuple(self.explain(r, answers, lang)), r.obligation_for(answers))
                     for r in self.active() if r.applies(answers)]
        proposals.sort(key=lambda p: (order.get(p.requirement.category, 999), p.requirement.key))
        return proposals

    def explain(self, requirement: Requirement, answers: Mapping[str, Any], lang: str) -> list[str]:
        """Plain-language reasons ("you need chat and video meetings") for a proposed requirement."""
        questions = self.wizard.questions
        reasons: list[str] = []
        leaves = conditions.satisfied_leaves(requirement.applies_when, answers)
        if requirement.obligation_for(answers) != requirement.obligation:
            leaves += conditions.satisfied_leaves(requirement.must_when, answers)
        for question_id, value in leaves:
            question = questions.get(question_id)
            option = question.option(value) if question else None
            if option and option.reason:
                text = pick(option.reason, lang)
            elif question and option:
                text = f"{pick(question.label, lang)}: {pick(option.label, lang)}"
            else:
                continue
            if text not in reasons:
                reasons.append(text)
        return reasons

    # ----- search --------------------------------------------------------------------------------
    def search(
        self,
        query: str = "",
        lang: str = "nb",
        *,
        all_languages: bool = False,
        category: str | None = None,
        obligation: str | None = None,
        country: str | None = None,
        reference: str | None = None,
        include_retired: bool = False,
    ) -> list[Requirement]:
        """Requirements matching every word of `query` (accent- and case-insensitive) and the filters."""
        words = fold(query).split()
        hits = []
        for req in self.requirements.values():
            if req.retired and not include_retired:
                continue
            if category and req.category != category:
                continue
            if obligation and req.obligation != obligation:
                continue
            if country and not req.available_in(country):
                continue
            if reference and all(c.reference.id != reference for c in req.citations):
                continue
            if words:
                index = self._search_index.get(req.key, {})
                haystack = " ".join(index.values()) if all_languages else index.get(lang, "")
                if not all(w in haystack for w in words):
                    continue
            hits.append(req)
        order = {c.code: c.order for c in self.categories}
        hits.sort(key=lambda r: (order.get(r.category, 999), r.key))
        return hits


def build_search_index(requirements: Mapping[str, Requirement]) -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for req in requirements.values():
        cites = " ".join(c.text for c in req.citations)
        index[req.key] = {
            lang: fold(" ".join((req.key, t.title, t.need, t.requirement, t.guidance, cites)))
            for lang, t in req.texts.items()
        }
    return index
