"""Read `requirement_library/`, validate every file against its JSON Schema and resolve ids.

`load_library(path)` returns an immutable `Library` or raises `LibraryError` listing every problem,
each naming the file, the entry (requirement key, step or question id) and the field.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from . import conditions, translations
from .model import (
    LANGUAGES,
    AnswerSpec,
    Category,
    Citation,
    Library,
    Option,
    Question,
    Reference,
    Requirement,
    RequirementText,
    Wizard,
    WizardStep,
    WizardWarning,
)

if TYPE_CHECKING:  # jsonschema is imported when a library is validated, not by every start-up
    from jsonschema import Draft202012Validator

# libyaml's C parser reads the library about 20 times faster than PyYAML's pure-Python one (start-up
# time of every app, worker and command); the pure-Python SafeLoader is the fallback without libyaml.
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LibraryError(Exception):
    """The library on disk is invalid. `problems` lists each one as a readable line."""

    def __init__(self, problems: Iterable[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class _Problems(list):
    def add(self, file: str, entry: str | None, field: str | None, message: str) -> None:
        where = file
        if entry:
            where += f": {entry}"
        if field:
            where += f": field '{field}'"
        self.append(f"{where}: {message}")


def _plain(value: Any) -> Any:
    """YAML turns unquoted dates into date objects; the schemas expect ISO strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _validators(schema_dir: Path) -> dict[str, Draft202012Validator]:
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource

    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in schema_dir.glob("*.schema.json")}
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values()
    )
    return {
        name.removesuffix(".schema.json"): Draft202012Validator(s, registry=registry, format_checker=FormatChecker())
        for name, s in schemas.items()
    }


def _entry_name(data: Any, path: list[Any]) -> str | None:
    """The key or id of the list item an error sits in, so messages say "ARK-003" not "[2]"."""
    node = data
    name = None
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and ("key" in node or "id" in node or "code" in node):
            name = str(node.get("key") or node.get("id") or node.get("code"))
    return name


class Files:
    """The library's files as data. Each file is parsed from YAML on first use, unless `parsed` already
    holds its data (relative path -> data: library.cache gives the data of these exact files, kept from
    a start that validated them). `parsed` collects every file read, for the cache to keep."""

    def __init__(self, root: Path, parsed: dict[str, Any] | None = None) -> None:
        self.root = root
        self.parsed: dict[str, Any] = dict(parsed or {})

    def data(self, path: Path) -> Any:
        """The file's data; raises yaml.YAMLError, UnicodeDecodeError or OSError."""
        rel = str(path.relative_to(self.root))
        if rel not in self.parsed:
            self.parsed[rel] = _plain(yaml.load(path.read_text(encoding="utf-8"), Loader=YamlLoader))
        return self.parsed[rel]


def _read(path: Path, files: Files, validator: Draft202012Validator | None, problems: _Problems) -> dict | None:
    """The file's data, or None with its problems added. Without a validator (the files validated before,
    see `library.cache`) the JSON-Schema check is skipped; the cross-reference checks always run."""
    rel = str(path.relative_to(files.root))
    try:
        data = files.data(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark else ""
        problems.add(rel, None, None, f"is not valid YAML{line}: {getattr(exc, 'problem', exc)}")
        return None
    except UnicodeDecodeError as exc:
        problems.add(rel, None, None, f"is not UTF-8 text (byte {exc.start}): save it as UTF-8")
        return None
    except OSError as exc:
        problems.add(rel, None, None, f"cannot be read: {exc}")
        return None
    if validator is None:
        return data
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    for err in errors:
        path_parts = list(err.absolute_path)
        field = ".".join(str(p) for p in path_parts if not isinstance(p, int)) or None
        problems.add(rel, _entry_name(data, path_parts), field, err.message)
    return None if errors else data


def _check_translations(rel: str, data: Any, languages: Iterable[str], problems: _Problems) -> None:
    """Every text in `data` has each of `languages` (library.yml: languages, translations_in_progress)."""
    for path, lang in translations.gaps(data, tuple(languages)):
        parts = list(path)
        field = ".".join(str(p) for p in parts if not isinstance(p, int)) or None
        problems.add(rel, _entry_name(data, parts), field, translations.describe(lang))


def _i18n(value: Mapping[str, str] | None) -> Mapping[str, str] | None:
    return dict(value) if value else None


def _question(raw: Mapping[str, Any], step_id: str | None) -> Question:
    return Question(
        id=raw["id"],
        type=raw["type"],
        label=dict(raw["label"]),
        required=raw.get("required", False),
        hint=_i18n(raw.get("hint")),
        unit=_i18n(raw.get("unit")),
        options=tuple(
            Option(o["value"], dict(o["label"]), _i18n(o.get("reason")), o.get("default"), _i18n(o.get("need")))
            for o in raw.get("options", ())
        ),
        min=raw.get("min"),
        max=raw.get("max"),
        integer=raw.get("integer", False),
        max_length=raw.get("max_length"),
        binds_to=raw.get("binds_to"),
        show_when=raw.get("show_when"),
        step_id=step_id,
    )


def _check_condition(cond: Any, questions: Mapping[str, Question], file: str, entry: str, field: str,
                     problems: _Problems) -> None:
    """Every question a condition names exists, and every value is one of its options."""
    for op, question_id, value in conditions.comparisons(cond):
        question = questions.get(question_id)
        if question is None:
            problems.add(file, entry, field, f"refers to unknown question '{question_id}'")
            continue
        if op == "includes" and question.type != "multi":
            problems.add(file, entry, field, f"'includes' needs a multi-choice question, '{question_id}' is {question.type}")
        if op in ("at_least", "less_than") and question.type != "number":
            problems.add(file, entry, field, f"'{op}' needs a number question, '{question_id}' is {question.type}")
        if op in ("equals", "includes") and question.options and question.option(value) is None:
            allowed = ", ".join(repr(o.value) for o in question.options)
            problems.add(file, entry, field, f"'{question_id}' has no option {value!r} (options: {allowed})")


def _check_requirement_conditions(raw: Mapping[str, Any], questions: Mapping[str, Question], file: str,
                                  problems: _Problems) -> None:
    """`applies_when` and `must_when` name real questions and options; only a should can become a must."""
    for cond_field in ("applies_when", "must_when"):
        _check_condition(raw.get(cond_field), questions, file, raw["key"], cond_field, problems)
    if raw.get("must_when") is not None and raw["obligation"] != "should":
        problems.add(file, raw["key"], "must_when", "only a should-requirement can become a must")


def _check_warnings(warnings: tuple[WizardWarning, ...], steps: set[str], questions: Mapping[str, Question],
                    problems: _Problems) -> None:
    seen: set[str] = set()
    for w in warnings:
        if w.id in seen:
            problems.add("wizard.yml", w.id, "id", "is used by another warning")
        seen.add(w.id)
        if w.step not in steps:
            problems.add("wizard.yml", w.id, "step", f"unknown step '{w.step}'")
        _check_condition(w.when, questions, "wizard.yml", w.id, "when", problems)


def _load_references(files: Files, validator: Draft202012Validator | None, languages: tuple[str, ...],
                     problems: _Problems) -> dict[str, Reference]:
    references: dict[str, Reference] = {}
    for file in sorted((files.root / "references").glob("*.yml")):
        data = _read(file, files, validator, problems)
        rel = str(file.relative_to(files.root))
        if data:
            _check_translations(rel, data, languages, problems)
        for raw in (data or {}).get("references", []):
            if raw["id"] in references:
                problems.add(rel, raw["id"], "id", "is used by another reference")
            references[raw["id"]] = Reference(
                id=raw["id"], country=raw["country"], kind=raw["kind"], citation=raw["citation"],
                title=dict(raw["title"]), url=raw.get("url"), note=raw.get("note"),
            )
    return references


def _load_wizard(wizard_raw: Mapping[str, Any] | None, problems: _Problems) -> tuple[Wizard, dict[str, Question]]:
    wizard = Wizard(version=0, steps=())
    questions: dict[str, Question] = {}
    if not wizard_raw:
        return wizard, questions
    context = tuple(_question(q, None) for q in wizard_raw.get("context", ()))
    steps = []
    seen_steps: set[str] = set()
    for s in wizard_raw["steps"]:
        if s["id"] in seen_steps:
            problems.add("wizard.yml", s["id"], "id", "is used by another step")
        seen_steps.add(s["id"])
        steps.append(WizardStep(
            id=s["id"], title=dict(s["title"]), intro=_i18n(s.get("intro")), show_when=s.get("show_when"),
            topic=_i18n(s.get("topic")), questions=tuple(_question(q, s["id"]) for q in s["questions"]),
        ))
    for q in (*context, *(q for s in steps for q in s.questions)):
        if q.id in questions:
            problems.add("wizard.yml", q.id, "id", "is used by another question")
        questions[q.id] = q
    warnings = tuple(WizardWarning(w["id"], w["step"], w["when"], dict(w["text"]))
                     for w in wizard_raw.get("warnings", ()))
    wizard = Wizard(version=wizard_raw["version"], steps=tuple(steps), context=context, warnings=warnings)
    for step in steps:
        _check_condition(step.show_when, questions, "wizard.yml", step.id, "show_when", problems)
        for q in step.questions:
            _check_condition(q.show_when, questions, "wizard.yml", q.id, "show_when", problems)
    _check_warnings(warnings, seen_steps, questions, problems)
    return wizard, questions


def _citations(raw: Mapping[str, Any], references: Mapping[str, Reference], rel: str,
               problems: _Problems) -> tuple[Citation, ...]:
    citations = []
    for i, ref in enumerate(raw["references"]):
        target = references.get(ref["ref"])
        if target is None:
            problems.add(rel, raw["key"], f"references.{i}.ref", f"unknown reference '{ref['ref']}'")
        else:
            citations.append(Citation(target, ref.get("pinpoint"), tuple(ref.get("countries", ()))))
    return tuple(citations)


def _requirement(raw: Mapping[str, Any], category: str, citations: tuple[Citation, ...], rel: str) -> Requirement:
    answer = raw["answer"]
    return Requirement(
        key=raw["key"],
        version=raw["version"],
        category=category,
        kind=raw.get("kind", "requirement"),
        obligation=raw["obligation"],
        weight=raw.get("weight"),
        verification_methods=tuple(raw["verification_methods"]),
        answer=AnswerSpec(answer["type"], answer.get("min"), answer.get("max"),
                          answer.get("expected"), answer.get("unit")),
        texts={lang: RequirementText(**raw["text"][lang]) for lang in LANGUAGES if lang in raw["text"]},
        citations=citations,
        countries=tuple(raw.get("countries", ())),
        applies_when=raw.get("applies_when"),
        must_when=raw.get("must_when"),
        changes=tuple(raw.get("changes", ())),
        retired=raw.get("retired", False),
        source=rel,
    )


def _load_requirements(files: Files, validator: Draft202012Validator | None, codes: set[str],
                       references: Mapping[str, Reference], questions: Mapping[str, Question],
                       languages: tuple[str, ...], problems: _Problems) -> dict[str, Requirement]:
    requirements: dict[str, Requirement] = {}
    for file in sorted((files.root / "requirements").rglob("*.yml")):
        rel = str(file.relative_to(files.root))
        data = _read(file, files, validator, problems)
        if not data:
            continue
        _check_translations(rel, data, languages, problems)
        category = data["category"]
        if category not in codes:
            problems.add(rel, None, "category", f"'{category}' is not a category in library.yml")
        for raw in data["requirements"]:
            key = raw["key"]
            if key in requirements:
                problems.add(rel, key, "key", f"is already used in {requirements[key].source}")
            if not key.startswith(category + "-"):
                problems.add(rel, key, "key", f"must start with the file's category '{category}-'")
            citations = _citations(raw, references, rel, problems)
            _check_requirement_conditions(raw, questions, rel, problems)
            requirements[key] = _requirement(raw, category, citations, rel)
    return requirements


def _validators_of(root: Path, validate: bool) -> dict[str, Draft202012Validator | None]:
    if not (root / "library.yml").is_file():
        raise LibraryError([f"{root}: no library.yml here"])
    if not validate:
        return dict.fromkeys(("library", "wizard", "references", "requirements"))
    validators = _validators(root / "schemas")
    missing = [f"schemas/{n}.schema.json" for n in ("library", "wizard", "references", "requirements")
               if n not in validators]
    if missing:
        raise LibraryError([f"{m}: schema file is missing" for m in missing])
    return validators


def load_library(path: str | Path, *, validate: bool = True, files: Files | None = None) -> Library:
    """The library at `path`. `validate=False` skips the JSON-Schema check of each file, and `files` may
    hold their parsed data: both only for files that passed it unchanged (app/library/cache.py decides)."""
    root = Path(path)
    files = files or Files(root)
    problems = _Problems()
    validators = _validators_of(root, validate)
    meta = _read(root / "library.yml", files, validators["library"], problems)
    required = translations.required_languages(meta)
    if meta:
        texts = {"categories": meta["categories"], "changelog": meta["changelog"]}
        _check_translations("library.yml", texts, required["library"], problems)
    wizard_raw = _read(root / "wizard.yml", files, validators["wizard"], problems)
    if wizard_raw:
        _check_translations("wizard.yml", wizard_raw, required["wizard"], problems)
    references = _load_references(files, validators["references"], required["references"], problems)
    wizard, questions = _load_wizard(wizard_raw, problems)
    categories = tuple(
        Category(c["code"], c["order"], dict(c["name"]), dict(c["intro"]))
        for c in sorted((meta or {}).get("categories", []), key=lambda c: c["order"])
    )
    requirements = _load_requirements(files, validators["requirements"], {c.code for c in categories}, references,
                                      questions, required["requirements"], problems)
    if problems:
        raise LibraryError(problems)
    assert meta is not None
    return Library(
        version=meta["version"],
        released=meta.get("released"),
        languages=tuple(meta["languages"]),
        countries=tuple(meta["countries"]),
        categories=categories,
        requirements=requirements,
        references=references,
        wizard=wizard,
        changelog=tuple(meta.get("changelog", ())),
        translations_in_progress={lang: tuple(parts) for lang, parts in
                                  (meta.get("translations_in_progress") or {}).items()},
    )
