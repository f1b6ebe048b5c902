"""Requirement quality rules: the linter the library, the tailoring view and organisation requirements share.

Rules (ids, severities and messages live in `requirement_library/lint.yml`, not here):

    LINT-BRAND        error    a product, service or vendor name without "or equivalent" in the same sentence
                               (Dir. 2014/24/EU art. 42(4); FOA § 15-1 (4); LOU 9 kap. 6 §)
    LINT-STANDARD     error    a standard named without "or equivalent" in the same sentence
                               (art. 42(3); FOA § 15-1 (3); LOU 9 kap. 4 §)
    LINT-VAGUE        error    a word that cannot be verified ("user-friendly", "ved behov", "osv.")
    LINT-VERIFY       error    a must-requirement without a verification method
    LINT-WEIGHT       error    a should-requirement without a weight
    LINT-MULTI        warning  more than one obligation verb in one sentence
    LINT-TRANSLATION  error    a language's text is missing

Brand, standard, vague and multi rules read the requirement text, which is what binds the supplier;
titles are checked for brand names only (they are printed in the tender, but promise nothing that is
verified). Matching is whole-word: case-insensitive, except brands that are also ordinary words
("Word", "Teams", "Windows"), which the data marks `case_sensitive`. Inflected forms are listed in the
data rather than guessed, so "modern" does not flag "modernisation" and nb "enkel" does not flag
"enkelte" ("some").

Pure Python: imports nothing from Flask.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..domain import LANGUAGES
from .loader import LibraryError

if TYPE_CHECKING:  # jsonschema is imported when lint.yml is validated, not by every start-up
    from jsonschema import Draft202012Validator

LIBRARY_DIR = Path(__file__).resolve().parents[2] / "requirement_library"
DEFAULT_PATH = LIBRARY_DIR / "lint.yml"
SCHEMA_NAME = "lint.schema.json"

BRAND = "LINT-BRAND"
STANDARD = "LINT-STANDARD"
VAGUE = "LINT-VAGUE"
VERIFY = "LINT-VERIFY"
WEIGHT = "LINT-WEIGHT"
MULTI = "LINT-MULTI"
TRANSLATION = "LINT-TRANSLATION"
RULE_IDS = (BRAND, STANDARD, VAGUE, VERIFY, WEIGHT, MULTI, TRANSLATION)

_TEXT_CHECKS = frozenset({BRAND, STANDARD, VAGUE, MULTI})
_TITLE_CHECKS = frozenset({BRAND})
_UI_ALIASES = {"no": "nb", "nob": "nb", "nno": "nn", "swe": "sv", "eng": "en"}
_FALLBACK_UI = "en"
# Values every message template may use; a template naming anything else is a data error.
_TEMPLATE_VALUES = {"word": "x", "phrase": "x", "count": 2, "words": "x", "language": "x", "code": "x"}


@dataclass(frozen=True)
class Finding:
    rule: str  # LINT-BRAND, ...
    severity: str  # "error" | "warning"
    message: str  # in the UI language
    lang: str  # language of the text checked; "" for findings about the whole requirement
    key: str = ""  # requirement key, when known
    field: str = ""  # requirement | title | verification_methods | weight


class LintRulesError(LibraryError):
    """`lint.yml` is missing, not YAML, or does not match its schema."""


# ----- compiled word lists -------------------------------------------------------------------------

_WORD = r"(?<!\w)", r"(?!\w)"
_VERB = r"(?<![\w-])", r"(?![\w-])"  # "skal-krav" is a noun, not a second "skal"


def _phrase_pattern(phrase: str) -> str:
    """A literal phrase whose spaces match any run of whitespace."""
    return r"\s+".join(re.escape(part) for part in phrase.split())


@dataclass(frozen=True)
class _Matcher:
    """Whole-word matcher for a list of phrases (longest first) or one regular expression."""

    regex: re.Pattern[str] | None

    @classmethod
    def phrases(cls, items: Iterable[tuple[str, bool]], bounds: tuple[str, str] = _WORD) -> _Matcher:
        """`items` are (phrase, case_sensitive) pairs."""
        alternatives = []
        for phrase, case_sensitive in sorted(set(items), key=lambda item: (-len(item[0]), item[0])):
            pattern = _phrase_pattern(phrase)
            alternatives.append(pattern if case_sensitive else f"(?i:{pattern})")
        if not alternatives:
            return cls(None)
        return cls(re.compile(f"{bounds[0]}(?:{'|'.join(alternatives)}){bounds[1]}"))

    @classmethod
    def pattern(cls, pattern: str, case_sensitive: bool = True) -> _Matcher:
        flags = 0 if case_sensitive else re.IGNORECASE
        return cls(re.compile(f"{_WORD[0]}(?:{pattern}){_WORD[1]}", flags))

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        if self.regex is None:
            return []
        return [(m.start(), m.end(), m.group(0)) for m in self.regex.finditer(text)]

    def found_in(self, text: str) -> bool:
        return self.regex is not None and self.regex.search(text) is not None


_NOTHING = _Matcher(None)


@dataclass(frozen=True)
class Rules:
    """`lint.yml`, compiled. Get it from `load_rules()`."""

    path: Path
    version: int
    severities: Mapping[str, str]
    messages: Mapping[str, Mapping[str, str]]
    language_names: Mapping[str, Mapping[str, str]]
    equivalence: Mapping[str, _Matcher]  # per language, "any" phrases included
    suggested_phrase: Mapping[str, str]
    brands: _Matcher
    standards: tuple[_Matcher, ...]
    vague: Mapping[str, _Matcher]
    vague_exceptions: Mapping[str, _Matcher]
    obligation_verbs: Mapping[str, _Matcher]
    abbreviations: frozenset[str]

    def ui(self, ui_lang: str) -> str:
        code = (ui_lang or "").replace("-", "_").split("_")[0].lower()
        code = _UI_ALIASES.get(code, code)
        return code if code in self.messages[BRAND] else _FALLBACK_UI

    def phrase(self, lang: str) -> str:
        return self.suggested_phrase.get(lang) or self.suggested_phrase["any"]

    def finding(self, rule: str, lang: str, ui_lang: str, **values: Any) -> Finding:
        message = self.messages[rule][self.ui(ui_lang)].format(**values)
        return Finding(rule=rule, severity=self.severities[rule], message=message, lang=lang)


def _schema_validator(schema_dir: Path) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource

    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in schema_dir.glob("*.schema.json")}
    if SCHEMA_NAME not in schemas:
        raise LintRulesError([f"{schema_dir}: no {SCHEMA_NAME} here"])
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return Draft202012Validator(schemas[SCHEMA_NAME], registry=registry, format_checker=FormatChecker())


def validate_rules_data(data: Any, schema_dir: Path | None = None, name: str = "lint.yml") -> list[str]:
    """Every problem in the parsed `lint.yml` (schema errors and unusable message templates)."""
    directory = schema_dir if schema_dir and (schema_dir / SCHEMA_NAME).is_file() else LIBRARY_DIR / "schemas"
    validator = _schema_validator(directory)
    problems = []
    for err in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        where = ".".join(str(p) for p in err.absolute_path)
        problems.append(f"{name}: field '{where}': {err.message}" if where else f"{name}: {err.message}")
    if problems:
        return problems
    for rule, spec in data["rules"].items():
        for lang, template in spec["message"].items():
            try:
                template.format(**_TEMPLATE_VALUES)
            except (KeyError, IndexError, ValueError) as exc:
                problems.append(f"{name}: field 'rules.{rule}.message.{lang}': bad placeholder {exc}")
    return problems


def _compile(data: Mapping[str, Any], path: Path) -> Rules:
    any_phrases = list(data["equivalence"].get("any", ()))
    equivalence = {
        lang: _Matcher.phrases((p, False) for p in [*phrases, *any_phrases])
        for lang, phrases in data["equivalence"].items()
    }
    suggested = {lang: phrases[0] for lang, phrases in data["equivalence"].items()}
    suggested.setdefault("any", any_phrases[0] if any_phrases else data["equivalence"]["en"][0])
    brand_items = []
    for group in data["brands"].values():
        for item in group:
            if isinstance(item, str):
                brand_items.append((item, False))
            else:
                brand_items.append((item["name"], bool(item.get("case_sensitive", False))))
    return Rules(
        path=path,
        version=data["version"],
        severities={rule: spec["severity"] for rule, spec in data["rules"].items()},
        messages={rule: dict(spec["message"]) for rule, spec in data["rules"].items()},
        language_names={lang: dict(names) for lang, names in data["language_names"].items()},
        equivalence=equivalence,
        suggested_phrase=suggested,
        brands=_Matcher.phrases(brand_items),
        standards=tuple(_Matcher.pattern(s["pattern"], s.get("case_sensitive", True)) for s in data["standards"]),
        vague={lang: _Matcher.phrases((w, False) for w in words) for lang, words in data["vague"].items()},
        vague_exceptions={lang: _Matcher.phrases((w, False) for w in words)
                          for lang, words in data.get("vague_exceptions", {}).items()},
        obligation_verbs={lang: _Matcher.phrases(((w, False) for w in words), _VERB)
                          for lang, words in data["obligation_verbs"].items()},
        abbreviations=frozenset(a.lower() for a in data["abbreviations"]),
    )


@lru_cache(maxsize=8)
def _load_rules(path: str) -> Rules:
    file = Path(path)
    try:
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise LintRulesError([f"{file}: cannot be read: {exc}"]) from exc
    except yaml.YAMLError as exc:
        raise LintRulesError([f"{file}: is not valid YAML: {exc}"]) from exc
    problems = validate_rules_data(data, file.parent / "schemas", file.name)
    if problems:
        raise LintRulesError(problems)
    return _compile(data, file)


def load_rules(path: str | Path | None = None) -> Rules:
    """The compiled rules from `path` (default `requirement_library/lint.yml`), cached per file."""
    return _load_rules(str(Path(path).resolve()) if path else str(DEFAULT_PATH))


load_rules.cache_clear = _load_rules.cache_clear  # type: ignore[attr-defined]


# ----- sentences -----------------------------------------------------------------------------------

_BLOCK_BREAK = re.compile(r"\n[ \t]*(?:\n\s*|(?=(?:[-*•–]|\d{1,2}[.)])\s))")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_OPENERS = "\"'“‘«([¿¡"


def split_sentences(text: str, abbreviations: Iterable[str] | None = None) -> list[str]:
    """Sentences of `text`. A full stop ends a sentence only when the next word starts with a capital
    letter and the token before it is not an abbreviation ("art. 28(3)", "f.eks. Teams", "e.g. Word");
    "99.5 %", "V3.2.1" and "ISO/IEC 27001:2022" have no space after the dot and never split. Blank lines
    and list items ("- ", "* ", "1. ") also end a sentence; a single line break does not."""
    abbrevs = load_rules().abbreviations if abbreviations is None else frozenset(a.lower() for a in abbreviations)
    sentences: list[str] = []
    for block in _BLOCK_BREAK.split(text):
        start = 0
        for m in _SENTENCE_END.finditer(block):
            rest = block[m.end():].lstrip()
            rest = rest.lstrip(_OPENERS)
            if not rest or not rest[0].isupper():
                continue
            punctuation = m.group(0).rstrip("\"'”’»)]")
            if punctuation == ".":
                token_start = max(block.rfind(c, 0, m.start()) for c in " \t\n") + 1
                token = block[token_start:m.start() + 1].lstrip(_OPENERS).lower()
                if token in abbrevs:
                    continue
            sentences.append(block[start:m.end()])
            start = m.end()
        sentences.append(block[start:])
    return [s.strip() for s in sentences if s.strip()]


# ----- rules on one text ---------------------------------------------------------------------------

def _without_overlaps(spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Keep the longest of overlapping matches: "Office Open XML" (a standard) hides "Office" (a brand),
    "Microsoft Teams" hides "Teams"."""
    kept: list[tuple[int, int, str, str]] = []
    end = -1
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if span[0] >= end:
            kept.append(span)
            end = span[1]
    return kept


def _sentence_findings(rules: Rules, sentence: str, lang: str, ui_lang: str,
                       checks: frozenset[str]) -> list[tuple[int, Finding]]:
    found: list[tuple[int, Finding]] = []
    if checks & {BRAND, STANDARD}:
        spans = [(a, b, word, BRAND) for a, b, word in rules.brands.spans(sentence)] if BRAND in checks else []
        if STANDARD in checks:
            spans += [(a, b, word, STANDARD) for matcher in rules.standards for a, b, word in matcher.spans(sentence)]
        spans = _without_overlaps(spans)
        equivalence = rules.equivalence.get(lang) or rules.equivalence.get("any", _NOTHING)
        if spans and not equivalence.found_in(sentence):
            phrase = rules.phrase(lang)
            found += [(a, rules.finding(rule, lang, ui_lang, word=word, phrase=phrase))
                      for a, _, word, rule in spans if rule in checks]
    if VAGUE in checks:
        excepted = rules.vague_exceptions.get(lang, _NOTHING).spans(sentence)
        for a, b, word in rules.vague.get(lang, _NOTHING).spans(sentence):
            if not any(x <= a and b <= y for x, y, _ in excepted):
                found.append((a, rules.finding(VAGUE, lang, ui_lang, word=word)))
    if MULTI in checks:
        verbs = rules.obligation_verbs.get(lang, _NOTHING).spans(sentence)
        if len(verbs) > 1:
            quote = {"nb": "«{}»", "nn": "«{}»", "sv": "”{}”"}.get(rules.ui(ui_lang), "'{}'")
            words = ", ".join(quote.format(v) for _, _, v in verbs)
            found.append((verbs[1][0], rules.finding(MULTI, lang, ui_lang, count=len(verbs), words=words)))
    return found


def _lint(text: str, lang: str, ui_lang: str, checks: frozenset[str], rules: Rules) -> list[Finding]:
    findings: list[Finding] = []
    for sentence in split_sentences(text or "", rules.abbreviations):
        for _, finding in sorted(_sentence_findings(rules, sentence, lang, ui_lang, checks), key=lambda f: f[0]):
            if finding not in findings:
                findings.append(finding)
    return findings


def lint_text(text: str, lang: str, ui_lang: str = "en") -> list[Finding]:
    """Brand, standard, vague-word and one-demand-per-sentence rules on one text in language `lang`."""
    return _lint(text, lang, ui_lang, _TEXT_CHECKS, load_rules())


# ----- rules on a requirement ----------------------------------------------------------------------

def _present(values: Mapping[str, str] | None, lang: str) -> bool:
    return bool(values and (values.get(lang) or "").strip())


def _missing(rules: Rules, lang: str, ui_lang: str) -> Finding:
    name = rules.language_names.get(lang, {}).get(rules.ui(ui_lang), lang)
    return rules.finding(TRANSLATION, lang, ui_lang, language=name, code=lang)


def _obligation_findings(rules: Rules, obligation: str, weight: int | None,
                         verification_methods: Iterable[str] | None, ui_lang: str) -> list[tuple[Finding, str]]:
    found = []
    if obligation == "must" and not tuple(verification_methods or ()):
        found.append((rules.finding(VERIFY, "", ui_lang), "verification_methods"))
    if obligation == "should" and not weight:
        found.append((rules.finding(WEIGHT, "", ui_lang), "weight"))
    return found


def _translation_findings(rules: Rules, texts: Mapping[str, str], titles: Mapping[str, str] | None,
                          languages: tuple[str, ...], ui_lang: str, require_all: bool) -> list[tuple[Finding, str]]:
    if not require_all:
        if languages and not any(_present(texts, lang) for lang in languages):
            return [(_missing(rules, languages[0], ui_lang), "requirement")]
        return []
    found = []
    for lang in languages:
        if not _present(texts, lang):
            found.append((_missing(rules, lang, ui_lang), "requirement"))
        if titles is not None and not _present(titles, lang):
            found.append((_missing(rules, lang, ui_lang), "title"))
    return found


def lint_requirement(
    *,
    key: str,
    obligation: str,
    weight: int | None,
    verification_methods: Iterable[str] | None,
    texts: Mapping[str, str],
    titles: Mapping[str, str] | None = None,
    languages: Iterable[str] = LANGUAGES,
    ui_lang: str = "en",
    require_all_languages: bool = True,
) -> list[Finding]:
    """Every rule on one requirement. `texts` maps language -> requirement text.

    With `require_all_languages` each of `languages` needs a text (and a title, when `titles` is given);
    without it a text in one of them is enough, so a buyer's own requirement written only in the
    document language passes. Every non-empty text and title is linted in its own language."""
    rules = load_rules()
    languages = tuple(languages)
    found = _obligation_findings(rules, obligation, weight, verification_methods, ui_lang)
    found += _translation_findings(rules, texts, titles, languages, ui_lang, require_all_languages)
    for lang in [*languages, *(lang for lang in texts if lang not in languages)]:
        if titles is not None and _present(titles, lang):
            found += [(f, "title") for f in _lint(titles[lang], lang, ui_lang, _TITLE_CHECKS, rules)]
        if _present(texts, lang):
            found += [(f, "requirement") for f in _lint(texts[lang], lang, ui_lang, _TEXT_CHECKS, rules)]
    return [replace(f, key=key, field=field) for f, field in found]


def lint_library(library: Any, ui_lang: str) -> list[Finding]:
    """Every rule on every active requirement of a loaded `Library`, in library order."""
    return [finding for req in library.active() for finding in lint_requirement(
        key=req.key, obligation=req.obligation, weight=req.weight, verification_methods=req.verification_methods,
        texts={lang: t.requirement for lang, t in req.texts.items()},
        titles={lang: t.title for lang, t in req.texts.items()}, languages=library.languages_for("requirements"),
        ui_lang=ui_lang)]
