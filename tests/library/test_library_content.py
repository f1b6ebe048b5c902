"""The national library's content: schemas, ids, conditions, references, translations, categories.

These read the YAML directly (not only through the loader), so a loader bug cannot hide bad content.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from app.library.conditions import comparisons
from app.library.model import LANGUAGES, RequirementText
from tests.library.conftest import LIBRARY_DIR, read_yaml

SCHEMA_DIR = LIBRARY_DIR / "schemas"
REQUIREMENT_FILES = sorted((LIBRARY_DIR / "requirements").rglob("*.yml"))
REFERENCE_FILES = sorted((LIBRARY_DIR / "references").glob("*.yml"))
ALL_YAML = sorted(p for p in LIBRARY_DIR.rglob("*") if p.suffix in (".yml", ".yaml"))
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
NATIONAL = ("NO", "SE")
OPERATORS = {"all", "any", "not", "equals", "includes", "at_least", "less_than", "answered"}


def rel(path: Path) -> str:
    return str(path.relative_to(LIBRARY_DIR))


def schema_for(path: Path) -> str:
    """Which schema a YAML file must follow, by where it lives."""
    r = rel(path)
    if r in ("library.yml", "wizard.yml", "lint.yml"):
        return r.removesuffix(".yml")
    if r.startswith("references/"):
        return "references"
    if r.startswith("requirements/"):
        return "requirements"
    raise AssertionError(f"{r}: no schema is known for this file")


def plain(value: Any) -> Any:
    """YAML reads unquoted dates as dates; JSON Schema sees the ISO strings (as the loader does)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _schemas() -> dict[str, dict]:
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
            for p in SCHEMA_DIR.glob("*.schema.json")}


def _validator(name: str) -> Draft202012Validator:
    schemas = _schemas()
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return Draft202012Validator(schemas[name], registry=registry, format_checker=FormatChecker())


def raw_requirements() -> list[tuple[str, str, dict]]:
    """(file, category, raw requirement) for every requirement in every file."""
    found = []
    for path in REQUIREMENT_FILES:
        data = read_yaml(path)
        for raw in data["requirements"]:
            found.append((rel(path), data["category"], raw))
    return found


def wizard_questions() -> tuple[dict[str, dict], list[str]]:
    """Every question by id, and the order they are asked in (context first)."""
    wizard = read_yaml(LIBRARY_DIR / "wizard.yml")
    questions: dict[str, dict] = {}
    order: list[str] = []
    for q in wizard.get("context", []):
        questions[q["id"]] = q
        order.append(q["id"])
    for step in wizard["steps"]:
        for q in step["questions"]:
            questions[q["id"]] = q
            order.append(q["id"])
    return questions, order


def condition_problems(cond: Any, questions: dict[str, dict]) -> list[str]:
    """Own walker: every operator is known, every question exists, every value is one of its options."""
    problems: list[str] = []

    def walk(node: Any) -> None:
        if not isinstance(node, dict) or len(node) != 1:
            problems.append(f"not a one-operator condition: {node!r}")
            return
        (op, arg), = node.items()
        if op not in OPERATORS:
            problems.append(f"unknown operator {op!r}")
        elif op in ("all", "any"):
            for child in arg:
                walk(child)
        elif op == "not":
            walk(arg)
        elif op == "answered":
            if arg not in questions:
                problems.append(f"unknown question {arg!r}")
        else:
            question = questions.get(arg["question"])
            if question is None:
                problems.append(f"unknown question {arg['question']!r}")
                return
            if op in ("at_least", "less_than"):
                if question["type"] != "number" or not isinstance(arg["value"], int | float):
                    problems.append(f"{op!r} on {arg['question']!r} needs a number question and a number")
                return
            values = [o["value"] for o in question.get("options", [])]
            if values and arg["value"] not in values:
                problems.append(f"{arg['question']!r} has no option {arg['value']!r}")
            if op == "includes" and question["type"] != "multi":
                problems.append(f"'includes' on {arg['question']!r}, which is {question['type']}")

    walk(cond)
    return problems


# ----- schemas -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(_schemas()))
def test_every_schema_is_a_valid_draft_2020_12_schema(name):
    Draft202012Validator.check_schema(_schemas()[name])


def test_the_library_has_files_of_every_kind():
    kinds = Counter(schema_for(p) for p in ALL_YAML)
    assert kinds["library"] == kinds["wizard"] == 1
    assert kinds["references"] >= 1
    assert kinds["requirements"] >= 1


@pytest.mark.parametrize("path", ALL_YAML, ids=rel)
def test_every_yaml_file_validates_against_its_schema(path):
    validator = _validator(schema_for(path))
    data = plain(read_yaml(path))
    errors = [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == [], f"{rel(path)}:\n" + "\n".join(errors)


def test_the_schema_check_rejects_a_broken_requirement():
    """The validator above is not vacuous: a requirement without text and with a bad key fails."""
    data = plain(read_yaml(REQUIREMENT_FILES[0]))
    broken = dict(data["requirements"][0])
    broken.pop("text")
    broken["key"] = "lower-1"
    errors = list(_validator("requirements").iter_errors({**data, "requirements": [broken]}))
    messages = " ".join(e.message for e in errors)
    assert "'text' is a required property" in messages
    assert "lower-1" in messages


# ----- keys and categories -------------------------------------------------------------------------

def test_requirement_keys_are_unique_across_files():
    where = defaultdict(list)
    for file, _category, raw in raw_requirements():
        where[raw["key"]].append(file)
    duplicates = {key: files for key, files in where.items() if len(files) > 1}
    assert duplicates == {}


def test_requirement_keys_start_with_their_files_category():
    wrong = [(file, raw["key"]) for file, category, raw in raw_requirements()
             if not raw["key"].startswith(f"{category}-")]
    assert wrong == []


def test_each_category_folder_holds_a_single_category():
    by_folder = defaultdict(set)
    for path in REQUIREMENT_FILES:
        by_folder[rel(path.parent)].add(read_yaml(path)["category"])
    mixed = {folder: cats for folder, cats in by_folder.items() if len(cats) > 1}
    assert mixed == {}


def test_every_file_category_is_declared_in_library_yml():
    declared = {c["code"] for c in read_yaml(LIBRARY_DIR / "library.yml")["categories"]}
    used = {read_yaml(p)["category"] for p in REQUIREMENT_FILES}
    assert used - declared == set()


def test_category_codes_and_orders_are_unique():
    categories = read_yaml(LIBRARY_DIR / "library.yml")["categories"]
    codes = [c["code"] for c in categories]
    orders = [c["order"] for c in categories]
    assert len(codes) == len(set(codes))
    assert len(orders) == len(set(orders))


# ----- conditions ----------------------------------------------------------------------------------

def test_the_condition_walker_finds_bad_conditions():
    questions, _ = wizard_questions()
    assert condition_problems({"includes": {"question": "functions", "value": "chat_video"}}, questions) == []
    bad = {"all": [{"equals": {"question": "nope", "value": True}},
                   {"includes": {"question": "functions", "value": "telepathy"}},
                   {"not": {"answered": "missing"}},
                   {"includes": {"question": "procedure", "value": "open"}},
                   {"contains": {"question": "functions", "value": "documents"}}]}
    problems = condition_problems(bad, questions)
    assert len(problems) == 5, problems


def test_every_applies_when_names_existing_questions_and_options():
    questions, _ = wizard_questions()
    problems = {raw["key"]: condition_problems(raw["applies_when"], questions)
                for _file, _cat, raw in raw_requirements() if "applies_when" in raw}
    assert {k: v for k, v in problems.items() if v} == {}
    assert problems, "no requirement has an applies_when: the check checked nothing"


def test_every_show_when_names_existing_questions_and_options():
    questions, _ = wizard_questions()
    wizard = read_yaml(LIBRARY_DIR / "wizard.yml")
    checked = 0
    bad = {}
    for step in wizard["steps"]:
        for owner in (step, *step["questions"]):
            if "show_when" in owner:
                checked += 1
                if problems := condition_problems(owner["show_when"], questions):
                    bad[owner["id"]] = problems
    assert bad == {}
    assert checked >= 2


def test_show_when_depends_only_on_questions_asked_before():
    """A step or question can only be shown or hidden by answers the buyer has already given."""
    _, order = wizard_questions()
    position = {qid: i for i, qid in enumerate(order)}
    wizard = read_yaml(LIBRARY_DIR / "wizard.yml")
    late = []
    for step in wizard["steps"]:
        first_of_step = position[step["questions"][0]["id"]]
        owners = [(step["id"], step.get("show_when"), first_of_step)]
        owners += [(q["id"], q.get("show_when"), position[q["id"]]) for q in step["questions"]]
        for owner_id, cond, pos in owners:
            for _op, qid, _value in comparisons(cond):
                if position.get(qid, -1) >= pos:
                    late.append((owner_id, qid))
    assert late == []


def test_loader_and_own_walker_agree_on_the_questions_conditions_use(real_library):
    loaded = {q for r in real_library.requirements.values() for _op, q, _v in comparisons(r.applies_when)}
    raw = {q for _f, _c, r in raw_requirements() for _op, q, _v in comparisons(r.get("applies_when"))}
    assert loaded == raw
    assert loaded <= set(real_library.wizard.questions)


# ----- references ----------------------------------------------------------------------------------

def test_reference_ids_are_unique_across_files():
    ids = Counter(ref["id"] for p in REFERENCE_FILES for ref in read_yaml(p)["references"])
    assert [i for i, n in ids.items() if n > 1] == []


def test_every_reference_used_exists():
    known = {ref["id"] for p in REFERENCE_FILES for ref in read_yaml(p)["references"]}
    unknown = sorted({(raw["key"], ref["ref"]) for _f, _c, raw in raw_requirements()
                      for ref in raw["references"] if ref["ref"] not in known})
    assert unknown == []


def test_a_requirement_cites_each_reference_at_most_once_per_pinpoint():
    repeated = []
    for _f, _c, raw in raw_requirements():
        cites = Counter((ref["ref"], ref.get("pinpoint")) for ref in raw["references"])
        repeated += [(raw["key"], cite) for cite, n in cites.items() if n > 1]
    assert repeated == []


@pytest.mark.parametrize("country", NATIONAL)
def test_national_references_are_shown_only_in_their_own_country(real_library, country):
    shown_somewhere = False
    for req in real_library.requirements.values():
        shown = req.citations_for(country)
        expected = tuple(c for c in req.citations if c.reference.country in ("EU", "INT", country)
                         and (not c.countries or country in c.countries))
        assert shown == expected, req.key
        assert all(c.reference.country != other for c in shown for other in NATIONAL if other != country)
        shown_somewhere |= any(c.reference.country == country for c in shown)
    assert shown_somewhere, f"no requirement cites a {country} reference"


def test_every_reference_is_shown_when_no_country_is_known(real_library):
    for req in real_library.requirements.values():
        assert req.citations_for(None) == req.citations


def test_country_restricted_requirements_cite_no_other_countrys_law(real_library):
    """A requirement only offered in Sweden has no business citing Norwegian law, and vice versa."""
    wrong = [(r.key, c.reference.id) for r in real_library.requirements.values() if r.countries
             for c in r.citations if c.reference.country in NATIONAL and c.reference.country not in r.countries]
    assert wrong == []
    assert any(r.countries for r in real_library.requirements.values())


def test_requirement_countries_are_library_countries(real_library):
    assert {c for r in real_library.requirements.values() for c in r.countries} <= set(real_library.countries)


# ----- texts and weights ---------------------------------------------------------------------------

def test_the_library_is_in_bokmal_nynorsk_swedish_and_english(real_library):
    assert tuple(real_library.languages) == LANGUAGES


def test_every_requirement_category_reference_and_wizard_text_is_in_every_language(real_library):
    """Content bar (issue 14): nb, nn, sv and en everywhere, the wizard included."""
    assert set(LANGUAGES) == {"nb", "nn", "sv", "en"}
    for part in ("library", "references", "requirements", "wizard"):
        assert real_library.languages_for(part) == LANGUAGES, part
    assert dict(real_library.translations_in_progress) == {}
    for c in real_library.categories:
        assert all(c.name.get(lang) and c.intro.get(lang) for lang in LANGUAGES), c.code
    for ref in real_library.references.values():
        assert all(ref.title.get(lang) for lang in LANGUAGES), ref.id
    for req in real_library.requirements.values():
        assert set(req.texts) == set(LANGUAGES), req.key


def test_every_wizard_text_is_in_every_language_and_the_nynorsk_is_its_own(real_library):
    wizard = real_library.wizard
    texts = [w.text for w in wizard.warnings]
    for step in wizard.steps:
        texts += [t for t in (step.title, step.intro, step.topic) if t]
    for q in wizard.questions.values():
        texts += [t for t in (q.label, q.hint, q.unit) if t]
        for o in q.options:
            texts += [t for t in (o.label, o.reason, o.need) if t]
    assert len(texts) > 300
    assert [t for t in texts if set(t) != set(LANGUAGES) or not all(t[lang].strip() for lang in LANGUAGES)] == []
    functions = wizard.questions["functions"]
    assert functions.option("email_calendar").need["nn"] == "Kommunen treng e-post og kalender for alle brukarar."
    assert wizard.step("procurement").title["nn"] == "Anskaffinga"
    # Nynorsk, not bokmål under another key: nearly every longer text differs from the bokmål (a few,
    # such as "Som tildelingskriterium med minst 30 % vekt", are the same in both; CPV labels stay English).
    prose = [t for t in texts if len(t["nb"]) > 40 and t["nb"] != t["en"]]
    assert sum(t["nn"] != t["nb"] for t in prose) >= 0.95 * len(prose) > 100


def test_every_requirement_has_every_text_in_every_language(real_library):
    fields = RequirementText.__dataclass_fields__
    missing = []
    for req in real_library.requirements.values():
        for lang in real_library.languages_for("requirements"):
            text = req.texts.get(lang)
            if text is None:
                missing.append((req.key, lang))
                continue
            missing += [(req.key, lang, name) for name in fields if not getattr(text, name).strip()]
    assert missing == []


def test_every_should_has_a_weight_and_no_must_has_one(real_library):
    shoulds = [r for r in real_library.requirements.values() if r.obligation == "should"]
    assert [r.key for r in shoulds if not r.weight] == []
    assert [r.key for r in real_library.requirements.values() if r.obligation == "must" and r.weight] == []
    assert shoulds, "the library has no should-requirements at all"


def test_every_category_has_at_least_eight_active_requirements(real_library):
    counts = Counter(r.category for r in real_library.active())
    thin = {c.code: counts[c.code] for c in real_library.categories if counts[c.code] < 8}
    assert thin == {}


def test_the_library_has_at_least_185_active_requirements(real_library):
    assert len(real_library.active()) >= 185


def test_the_content_bar_holds_and_catches_a_thin_library(real_library):
    from dataclasses import replace

    from app.library.content import content_problems
    assert content_problems(real_library) == []
    thin = replace(real_library, requirements={k: r for k, r in real_library.requirements.items()
                                               if not k.startswith(("COM-", "UU-"))})
    problems = content_problems(thin)
    assert any("category COM has 0" in p for p in problems)
    assert any("category UU has 0" in p for p in problems)
    assert any("at least 185" in p for p in problems)


def test_every_reference_carries_its_country():
    for path in REFERENCE_FILES:
        for ref in read_yaml(path)["references"]:
            assert ref.get("country") in ("EU", "NO", "SE", "INT"), (rel(path), ref["id"])


def test_nis2_pinpoints_are_never_shown_in_norway(real_library):
    """NIS2 is not Norwegian law: its pinpoints are scoped to Sweden (REFERENCES §7)."""
    cited = [(r, c) for r in real_library.requirements.values() for c in r.citations if c.reference.id == "nis2"]
    assert cited, "no requirement cites NIS2: the check checked nothing"
    assert [r.key for r, c in cited if r.available_in("NO") and c.applies_in("NO")] == []
    assert all(c.applies_in("SE") for _k, c in cited)


def test_must_when_is_only_on_shoulds_and_names_existing_questions(real_library):
    questions, _ = wizard_questions()
    conditional = [r for r in real_library.requirements.values() if r.must_when]
    assert {"IAM-005", "SEC-003", "RES-009"} <= {r.key for r in conditional}
    for req in conditional:
        assert req.obligation == "should" and req.weight, req.key
        assert condition_problems(req.must_when, questions) == [], req.key


def test_citations_the_legal_review_corrected(real_library):
    reqs = real_library.requirements
    refs = real_library.references
    assert refs["noark5-tjenestegrensesnitt"].citation == "Noark 5 tjenestegrensesnitt 1.1"
    assert refs["arkivlova-2025"].title["nb"].startswith("Lov om dokumentasjon og arkiv (arkivlova)")
    assert {(c.reference.id, c.pinpoint) for c in reqs["SEC-001"].citations} >= {("dir-2014-24", "art. 62(1)"), ("foa", "§ 16-7")}
    assert "art. 44" not in {c.pinpoint for c in reqs["SEC-001"].citations}
    assert reqs["ARK-010"].citations == ()
    assert "fgs-paketstruktur" not in {c.reference.id for c in reqs["ARK-005"].citations}
    assert {"itip", "imip", "mime-headers", "eai-headers"} <= {c.reference.id for c in reqs["STD-007"].citations}
    assert ("reg-2018-1807", "art. 4(1)") in {(c.reference.id, c.pinpoint) for c in reqs["RES-002"].citations}
    assert any(r.key == "SEC-014" and c.reference.id == "digitalsikkerhetsloven"
               for r in reqs.values() for c in r.citations)
    for key in ("ARK-001", "SEC-001", "CLIM-012", "FUN-008", "API-010"):
        assert reqs[key].version >= 2 and reqs[key].changes, key


# ----- version and changelog -----------------------------------------------------------------------

def _semver(text: str) -> tuple[int, int, int]:
    match = SEMVER.match(text)
    assert match, f"{text!r} is not MAJOR.MINOR.PATCH"
    return tuple(int(part) for part in match.groups())  # type: ignore[return-value]


def test_library_version_is_semver_and_the_newest_changelog_entry(real_library):
    meta = plain(read_yaml(LIBRARY_DIR / "library.yml"))
    assert meta["version"] == real_library.version
    current = _semver(meta["version"])
    entries = meta["changelog"]
    assert entries, "library.yml has no changelog"
    newest = max(entries, key=lambda e: _semver(e["version"]))
    assert _semver(newest["version"]) == current
    assert newest["date"] == max(e["date"] for e in entries), "the newest version has the latest date"
    if meta.get("released"):
        assert meta["released"] == newest["date"]


def test_changelog_versions_are_unique():
    entries = plain(read_yaml(LIBRARY_DIR / "library.yml"))["changelog"]
    versions = [_semver(e["version"]) for e in entries]
    assert len(versions) == len(set(versions))
