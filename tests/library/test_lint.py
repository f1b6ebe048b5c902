"""The requirement linter (app/library/lint.py) and its data (requirement_library/lint.yml). No Flask."""

from __future__ import annotations

import ast
import shutil
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from app.library import load_library
from app.library.lint import (
    BRAND,
    DEFAULT_PATH,
    MULTI,
    RULE_IDS,
    STANDARD,
    TRANSLATION,
    VAGUE,
    VERIFY,
    WEIGHT,
    Finding,
    LintRulesError,
    lint_library,
    lint_requirement,
    lint_text,
    load_rules,
    split_sentences,
    validate_rules_data,
)

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "requirement_library"
LANGS = ("nb", "nn", "sv", "en")

# A clean requirement text in each language: one demand, verifiable, no brands or standards.
CLEAN = {
    "nb": "Løsningen skal logge alle innlogginger med tidspunkt, bruker og IP-adresse i minst 12 måneder.",
    "nn": "Løysinga skal logge alle innloggingar med tidspunkt, brukar og IP-adresse i minst 12 månader.",
    "sv": "Lösningen ska logga alla inloggningar med tidpunkt, användare och IP-adress i minst 12 månader.",
    "en": "The service must log every sign-in with time, user and IP address for at least 12 months.",
}


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def one(findings: list[Finding], rule: str) -> Finding:
    hits = only(findings, rule)
    assert len(hits) == 1, f"expected one {rule}, got {findings}"
    return hits[0]


def requirement(lang: str, **overrides) -> list[Finding]:
    """lint_requirement on a requirement written only in `lang`, messages in `lang`."""
    args = dict(key="SEC-001", obligation="must", weight=None, verification_methods=("documentation",),
                texts={lang: CLEAN[lang]}, languages=(lang,), ui_lang=lang)
    args.update(overrides)
    return lint_requirement(**args)


# ----- the data --------------------------------------------------------------------------------------

def test_lint_yml_passes_its_schema():
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert validate_rules_data(data, LIBRARY / "schemas") == []
    rules = load_rules()
    assert set(rules.severities) == set(RULE_IDS)


def test_lint_schema_has_the_project_id():
    import json

    schema = json.loads((LIBRARY / "schemas" / "lint.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == "https://kravbygger.no/schemas/lint.schema.json"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("breakage, field", [
    (lambda d: d["rules"]["LINT-BRAND"].update(severity="fatal"), "rules.LINT-BRAND.severity"),
    (lambda d: d["rules"]["LINT-VAGUE"]["message"].pop("sv"), "rules.LINT-VAGUE.message"),
    (lambda d: d["brands"].pop("browsers"), "brands"),
    (lambda d: d["brands"]["office_suites"].append({"name": "Word", "case_sensitive": "yes"}), "brands.office_suites"),
    (lambda d: d["standards"].append({"name": "broken", "pattern": "ISO("}), "standards"),
    (lambda d: d["rules"]["LINT-BRAND"]["message"].update(en="'{brand}' is a product"), "rules.LINT-BRAND.message.en"),
])
def test_broken_lint_yml_is_rejected_naming_the_field(breakage, field):
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    breakage(data)
    problems = validate_rules_data(data, LIBRARY / "schemas")
    assert problems and any(field.split(".")[0] in p for p in problems), problems


def test_load_rules_validates_the_file(tmp_path):
    shutil.copytree(LIBRARY / "schemas", tmp_path / "schemas")
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["vague"].pop("nb")
    (tmp_path / "lint.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LintRulesError) as exc:
        load_rules(tmp_path / "lint.yml")
    assert "vague" in str(exc.value)


def test_load_rules_is_cached():
    assert load_rules() is load_rules(DEFAULT_PATH)


def test_every_rule_has_a_message_in_every_language_and_severity_as_designed():
    rules = load_rules()
    expected = {BRAND: "error", STANDARD: "error", VAGUE: "error", VERIFY: "error", WEIGHT: "error",
                MULTI: "warning", TRANSLATION: "error"}
    assert dict(rules.severities) == expected
    for rule in RULE_IDS:
        assert set(rules.messages[rule]) == set(LANGS)


def test_brand_groups_cover_the_required_kinds():
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    for group in ("office_suites", "mail_services", "chat_and_meetings", "cloud_providers",
                  "operating_systems", "browsers", "archive_products"):
        assert data["brands"][group], group


def test_lint_module_imports_nothing_from_flask():
    for path in (ROOT / "app" / "library").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0].startswith("flask") for n in names), f"{path.name} imports {names}"


# ----- LINT-BRAND ------------------------------------------------------------------------------------

BRAND_POSITIVE = {
    "nb": ("Løsningen skal kunne holde videomøter i Teams med opptil 300 deltakere.", "Teams"),
    "nn": ("Løysinga skal kunne halde videomøte i Teams med opptil 300 deltakarar.", "Teams"),
    "sv": ("Lösningen ska kunna dela filer från Google Drive med externa mottagare.", "Google Drive"),
    "en": ("Users must be able to edit documents in Word in the browser.", "Word"),
}
BRAND_NEGATIVE = {
    "nb": ["Løsningen skal kunne holde videomøter i Teams eller tilsvarende med opptil 300 deltakere.",
           "Løsningen skal kunne holde videomøter med opptil 300 deltakere."],
    "nn": ["Løysinga skal kunne halde videomøte i Teams eller tilsvarande med opptil 300 deltakarar.",
           "Løysinga skal kunne halde videomøte med opptil 300 deltakarar."],
    "sv": ["Lösningen ska kunna dela filer från Google Drive eller likvärdigt med externa mottagare.",
           "Lösningen ska kunna dela filer med externa mottagare via en länk."],
    "en": ["Users must be able to edit documents in Word, or equivalent, in the browser.",
           "Users must be able to edit word-processing documents in the browser."],
}


@pytest.mark.parametrize("lang", LANGS)
def test_brand_positive(lang):
    text, word = BRAND_POSITIVE[lang]
    finding = one(lint_text(text, lang, lang), BRAND)
    assert finding.severity == "error"
    assert finding.lang == lang
    assert word in finding.message
    assert load_rules().phrase(lang) in finding.message  # the phrase to add, in the text's language


@pytest.mark.parametrize("lang", LANGS)
def test_brand_negative(lang):
    for text in BRAND_NEGATIVE[lang]:
        assert only(lint_text(text, lang, lang), BRAND) == [], text


@pytest.mark.parametrize("lang, text", [
    ("nb", "Løsningen skal støtte Teams. Eller tilsvarende løsning for møter."),
    ("nn", "Løysinga skal støtte Teams. Eller tilsvarande løysing for møte."),
    ("sv", "Lösningen ska stödja Teams. Eller likvärdigt verktyg för möten."),
    ("en", "The service must integrate with Teams. Or equivalent tools for meetings."),
])
def test_or_equivalent_in_the_next_sentence_does_not_count(lang, text):
    assert "Teams" in one(lint_text(text, lang), BRAND).message


@pytest.mark.parametrize("lang, text", [
    ("nb", "Løsningen skal kunne åpne filer fra OneDrive (or equivalent)."),
    ("nn", "Løysinga skal kunne opne filer frå OneDrive (or equivalent)."),
    ("sv", "Lösningen ska kunna öppna filer från OneDrive (or equivalent)."),
])
def test_english_or_equivalent_is_accepted_in_any_language(lang, text):
    assert only(lint_text(text, lang), BRAND) == []


@pytest.mark.parametrize("text, brand", [
    ("Documents must open in Word.", "Word"),
    ("Meetings must be held in Teams.", "Teams"),
    ("Reports must be exported to Excel.", "Excel"),
    ("The client must run on Windows.", "Windows"),
    ("Files created in Office must open without loss.", "Office"),
    ("Mail must be readable in Outlook.", "Outlook"),
    ("Calls must be possible through Zoom.", "Zoom"),
    ("The service must work in Edge.", "Edge"),
])
def test_ambiguous_brands_are_flagged_when_capitalised(text, brand):
    assert f"'{brand}'" in one(lint_text(text, "en"), BRAND).message


@pytest.mark.parametrize("text", [
    "Every word in a document must be searchable.",
    "Project teams must be able to share a calendar.",
    "The supplier must provide excellent support in Norwegian.",
    "Users must excel at nothing in particular to use the service.",
    "Pop-up windows must be operable by keyboard.",
    "The back office must receive a daily report.",
    "The outlook for the service must be described in a roadmap.",
    "Users must be able to zoom to 200 % without loss of content.",
    "Focus must be visible at the edge of every control.",
    "Every element of the interface must have an accessible name.",
])
def test_ambiguous_brands_are_not_flagged_as_ordinary_words(text):
    assert only(lint_text(text, "en"), BRAND) == []


@pytest.mark.parametrize("text, brand", [
    ("The service must replace microsoft 365.", "microsoft 365"),
    ("Mail must be migrated from GMAIL.", "GMAIL"),
    ("Løsningen skal ha en klient for android.", "android"),
])
def test_unambiguous_brands_match_in_any_case(text, brand):
    lang = "nb" if "skal" in text else "en"
    assert brand in one(lint_text(text, lang), BRAND).message


def test_nynorsk_needs_the_nynorsk_equivalence_phrase():
    # "tilsvarende" is bokmål: in a nynorsk text the linter asks for "eller tilsvarande".
    finding = one(lint_text("Løysinga skal kunne halde møte i Teams eller tilsvarende.", "nn", "nn"), BRAND)
    assert "«eller tilsvarande»" in finding.message
    assert finding.message.startswith("«Teams» er eit produkt- eller merkenamn")
    assert only(lint_text("Løysinga skal kunne halde møte i Teams eller tilsvarande.", "nn"), BRAND) == []


def test_brand_in_a_compound_word_is_flagged():
    assert "Teams" in one(lint_text("Løsningen skal kunne starte Teams-møter fra kalenderen.", "nb"), BRAND).message


def test_longest_name_wins_and_a_standard_hides_a_brand_inside_it():
    findings = lint_text("The service must include Microsoft Teams.", "en")
    assert [f.message.split("'")[1] for f in findings if f.rule == BRAND] == ["Microsoft Teams"]
    findings = lint_text("Documents must be saved as Office Open XML.", "en")
    assert only(findings, BRAND) == []
    assert "Office Open XML" in one(findings, STANDARD).message


def test_the_same_brand_twice_is_reported_once():
    findings = lint_text("Meetings must be held in Teams. Chat must be in Teams.", "en")
    assert len(only(findings, BRAND)) == 1


# ----- LINT-STANDARD ---------------------------------------------------------------------------------

STANDARD_POSITIVE = {
    "nb": ("Alle brukerfunksjoner skal oppfylle WCAG 2.1 AA.", "WCAG 2.1 AA"),
    "nn": ("Løysinga skal eksportere arkivuttrekk etter Noark 5.", "Noark 5"),
    "sv": ("Lösningen ska exportera arkivpaket enligt FGS Paketstruktur 2.0.", "FGS"),
    "en": ("The service must hold an ISO/IEC 27001:2022 certificate covering the service.", "ISO/IEC 27001:2022"),
}
STANDARD_NEGATIVE = {
    "nb": ["Alle brukerfunksjoner skal oppfylle WCAG 2.1 AA eller tilsvarende.",
           "Alle brukerfunksjoner skal kunne brukes med tastatur og skjermleser."],
    "nn": ["Løysinga skal eksportere arkivuttrekk etter Noark 5 eller tilsvarande.",
           "Løysinga skal eksportere arkivuttrekk med sjekksum for kvar fil."],
    "sv": ["Lösningen ska exportera arkivpaket enligt FGS Paketstruktur 2.0 eller likvärdigt.",
           "Lösningen ska exportera arkivpaket med checksumma för varje fil."],
    "en": ["The service must hold an ISO/IEC 27001:2022 certificate covering the service, or equivalent.",
           "The service must have a certified information security management system."],
}


@pytest.mark.parametrize("lang", LANGS)
def test_standard_positive(lang):
    text, word = STANDARD_POSITIVE[lang]
    finding = one(lint_text(text, lang, lang), STANDARD)
    assert finding.severity == "error"
    assert word in finding.message


@pytest.mark.parametrize("lang", LANGS)
def test_standard_negative(lang):
    for text in STANDARD_NEGATIVE[lang]:
        assert only(lint_text(text, lang, lang), STANDARD) == [], text


@pytest.mark.parametrize("text, standard", [
    ("Mail must be reachable over IMAP4rev2.", "IMAP4rev2"),
    ("Submission must use SMTP.", "SMTP"),
    ("Calendars must sync over CalDAV.", "CalDAV"),
    ("Contacts must sync over CardDAV.", "CardDAV"),
    ("Events must export as iCalendar.", "iCalendar"),
    ("Contacts must export as vCard 4.0.", "vCard 4.0"),
    ("Files must be reachable over WebDAV.", "WebDAV"),
    ("The archive must be reachable over CMIS 1.1.", "CMIS 1.1"),
    ("Editing must use WOPI.", "WOPI"),
    ("Mail must be reachable over JMAP.", "JMAP"),
    ("Sign-in must use SAML 2.0.", "SAML 2.0"),
    ("Sign-in must use OpenID Connect.", "OpenID Connect"),
    ("Sign-in must use OIDC.", "OIDC"),
    ("Accounts must be provisioned with SCIM 2.0.", "SCIM 2.0"),
    ("Tokens must follow OAuth 2.0.", "OAuth 2.0"),
    ("Traffic must use TLS 1.3.", "TLS 1.3"),
    ("Documents must be saved as ODF 1.3.", "ODF 1.3"),
    ("Documents must be saved as OpenDocument Format.", "OpenDocument Format"),
    ("Documents must open as OOXML.", "OOXML"),
    ("Exports must be PDF/A-2b.", "PDF/A-2b"),
    ("Exports must be PDF/UA-1.", "PDF/UA-1"),
    ("The archive export must follow Noark 5.", "Noark 5"),
    ("Packages must follow E-ARK CSIP.", "E-ARK CSIP"),
    ("The service must conform to EN 301 549 V3.2.1.", "EN 301 549 V3.2.1"),
    ("Archival PDF must follow ISO 19005.", "ISO 19005"),
    ("Mail must follow RFC 5321.", "RFC 5321"),
])
def test_standard_patterns(text, standard):
    assert f"'{standard}'" in one(lint_text(text, "en"), STANDARD).message


def test_titles_are_not_linted_for_standards_but_are_for_brands():
    findings = lint_requirement(key="ARK-001", obligation="must", weight=None, verification_methods=("test",),
                                texts={"en": CLEAN["en"]}, titles={"en": "Noark 5 export to Teams"},
                                languages=("en",))
    assert only(findings, STANDARD) == []
    brand = one(findings, BRAND)
    assert (brand.field, brand.key) == ("title", "ARK-001")


# ----- LINT-VAGUE ------------------------------------------------------------------------------------

VAGUE_POSITIVE = {
    "nb": ("Løsningen skal være brukervennlig for alle ansatte.", "brukervennlig"),
    "nn": ("Løysinga skal vere brukarvennleg for alle tilsette.", "brukarvennleg"),
    "sv": ("Lösningen ska ge support vid behov.", "vid behov"),
    "en": ("The service must have a modern user interface.", "modern"),
}
VAGUE_NEGATIVE = {
    "nb": ["Enkelte brukere skal kunne arkivere e-post med tre klikk eller færre.",
           "Løsningen skal ha enkel pålogging mot kommunens identitetsløsning."],
    "nn": ["Einskilde brukarar skal kunne arkivere e-post med tre klikk eller færre.",
           "Løysinga skal ha enkel pålogging mot identitetsløysinga til kommunen.",
           "Løysinga skal støtte moderniseringa av arkivet med ein eksportfunksjon."],
    "sv": ["Lösningen ska ha enkel inloggning mot kommunens identitetslösning.",
           "Lösningen ska stödja moderniseringen av kommunens arkiv med en exportfunktion."],
    "en": ["The service must support the modernisation of the archive with an export function.",
           "Mail must be submitted with the Simple Mail Transfer Protocol, or equivalent."],
}


@pytest.mark.parametrize("lang", LANGS)
def test_vague_positive(lang):
    text, word = VAGUE_POSITIVE[lang]
    finding = one(lint_text(text, lang, lang), VAGUE)
    assert finding.severity == "error"
    assert word in finding.message


@pytest.mark.parametrize("lang", LANGS)
def test_vague_negative(lang):
    for text in VAGUE_NEGATIVE[lang]:
        assert only(lint_text(text, lang, lang), VAGUE) == [], text


def _vague_cases():
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    frame = {"nb": "Løsningen skal være {} for brukerne.", "nn": "Løysinga skal vere {} for brukarane.", "sv": "Lösningen ska vara {} för användarna.",
             "en": "The service must be {} for users."}
    return [(lang, frame[lang].format(word), word) for lang in LANGS for word in data["vague"][lang]]


@pytest.mark.parametrize("lang, text, word", _vague_cases())
def test_every_listed_vague_word_is_flagged(lang, text, word):
    assert word in one(lint_text(text, lang), VAGUE).message


@pytest.mark.parametrize("lang, text", [
    ("en", "The service must be MODERN."),
    ("en", "User-Friendly menus must be offered."),
    ("nb", "Løsningen skal være Brukervennlig."),
    ("nn", "Løysinga skal vere Brukarvenleg."),
    ("sv", "Lösningen ska vara Användarvänlig."),
])
def test_vague_words_match_in_any_case(lang, text):
    assert only(lint_text(text, lang), VAGUE)


@pytest.mark.parametrize("lang, text", [
    ("en", "The service must support the modernisation of our archive."),
    ("en", "The service must support modernising our archive."),
    ("nb", "Enkelte ansatte skal kunne dele kalendere med eksterne."),
    ("nb", "Hver enkelt bruker skal få en egen postboks."),
    ("nn", "Kvar einskild brukar skal få ein eigen postboks."),
    ("nn", "Leverandøren skal levere lettlesne brukarrettleiingar."),
    ("sv", "Lösningen ska stödja moderniseringen av arkivet."),
    ("sv", "Varje enskild användare ska få en egen brevlåda."),
    ("en", "The service must offer simplex and duplex printing."),
])
def test_vague_words_are_whole_words(lang, text):
    assert only(lint_text(text, lang), VAGUE) == []


def test_vague_words_only_count_in_their_own_language():
    # "lett" is vague in bokmål; the English text about a lettering style is not.
    assert only(lint_text("The service must support lett as a font name.", "en"), VAGUE) == []
    assert only(lint_text("Løsningen skal være lett å bruke.", "nb"), VAGUE)


# ----- LINT-MULTI ------------------------------------------------------------------------------------

MULTI_POSITIVE = {
    "nb": ("Løsningen skal logge alle innlogginger og bør varsle administrator ved mistenkelig aktivitet.",
           ["skal", "bør"]),
    "nn": ("Løysinga skal logge alle innloggingar og bør varsle administrator ved mistenkeleg aktivitet.",
           ["skal", "bør"]),
    "sv": ("Lösningen ska logga alla inloggningar och ska larma administratören vid misstänkt aktivitet.",
           ["ska"]),
    "en": ("The service must log every sign-in and should alert the administrator of suspicious activity.",
           ["must", "should"]),
}
MULTI_NEGATIVE = {
    "nb": ["Løsningen skal logge alle innlogginger. Løsningen bør varsle administrator ved mistenkelig aktivitet.",
           "Dette er et skal-krav: løsningen skal logge alle innlogginger."],
    "nn": ["Løysinga skal logge alle innloggingar. Løysinga bør varsle administrator ved mistenkeleg aktivitet.",
           "Dette er eit skal-krav: løysinga skal logge alle innloggingar.",
           "Løysinga skal logge innloggingar, t.d. Teams eller tilsvarande. Loggen bør haldast i eitt år."],
    "sv": ["Lösningen ska logga alla inloggningar. Lösningen ska larma administratören vid misstänkt aktivitet.",
           "Detta är ett ska-krav: lösningen ska logga alla inloggningar."],
    "en": ["The service must log every sign-in. The service should alert the administrator of suspicious activity.",
           "The service must log every sign-in, e.g. Word or equivalent. It should keep the log for a year."],
}


@pytest.mark.parametrize("lang", LANGS)
def test_multi_positive(lang):
    text, words = MULTI_POSITIVE[lang]
    finding = one(lint_text(text, lang, lang), MULTI)
    assert finding.severity == "warning"
    assert "2" in finding.message
    for word in words:
        assert word in finding.message


@pytest.mark.parametrize("lang", LANGS)
def test_multi_negative(lang):
    for text in MULTI_NEGATIVE[lang]:
        assert only(lint_text(text, lang, lang), MULTI) == [], text


# ----- LINT-VERIFY and LINT-WEIGHT -------------------------------------------------------------------

VERIFY_WORD = {"nb": "verifikasjonsmetode", "nn": "verifikasjonsmetode", "sv": "verifieringsmetod", "en": "verification method"}
WEIGHT_WORD = {"nb": "vekt", "nn": "vekt", "sv": "vikt", "en": "weight"}


@pytest.mark.parametrize("lang", LANGS)
def test_verify_positive(lang):
    for methods in ((), None):
        finding = one(requirement(lang, verification_methods=methods), VERIFY)
        assert finding.severity == "error"
        assert (finding.key, finding.field) == ("SEC-001", "verification_methods")
        assert VERIFY_WORD[lang] in finding.message


@pytest.mark.parametrize("lang", LANGS)
def test_verify_negative(lang):
    assert requirement(lang) == []
    # a should-requirement is scored, not rejected: it needs a weight, not a verification method
    assert only(requirement(lang, obligation="should", weight=10, verification_methods=()), VERIFY) == []


@pytest.mark.parametrize("lang", LANGS)
def test_weight_positive(lang):
    for weight in (None, 0):
        finding = one(requirement(lang, obligation="should", weight=weight), WEIGHT)
        assert finding.severity == "error"
        assert (finding.key, finding.field) == ("SEC-001", "weight")
        assert WEIGHT_WORD[lang] in finding.message


@pytest.mark.parametrize("lang", LANGS)
def test_weight_negative(lang):
    assert requirement(lang, obligation="should", weight=15) == []
    assert only(requirement(lang, obligation="must", weight=None), WEIGHT) == []


# ----- LINT-TRANSLATION ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_translation_positive(lang):
    texts = {other: CLEAN[other] for other in LANGS if other != lang}
    for missing in ({}, {lang: "   "}):
        findings = lint_requirement(key="SEC-001", obligation="must", weight=None, verification_methods=("test",),
                                    texts={**texts, **missing}, ui_lang=lang)
        finding = one(findings, TRANSLATION)
        assert finding.severity == "error"
        assert (finding.lang, finding.field, finding.key) == (lang, "requirement", "SEC-001")
        assert f"({lang})" in finding.message


@pytest.mark.parametrize("lang", LANGS)
def test_translation_negative(lang):
    assert lint_requirement(key="SEC-001", obligation="must", weight=None, verification_methods=("test",),
                            texts=CLEAN, titles={x: "Logging" for x in LANGS}, ui_lang=lang) == []
    # a buyer's own requirement, written only in the document language
    assert lint_requirement(key="", obligation="must", weight=None, verification_methods=("test",),
                            texts={lang: CLEAN[lang]}, ui_lang=lang, require_all_languages=False) == []


def test_missing_title_translation_is_reported_on_the_title():
    findings = lint_requirement(key="SEC-001", obligation="must", weight=None, verification_methods=("test",),
                                texts=CLEAN, titles={"nb": "Logging", "nn": "Logging", "en": "Logging"})
    finding = one(findings, TRANSLATION)
    assert (finding.lang, finding.field) == ("sv", "title")


def test_a_requirement_with_no_text_at_all_is_reported_even_without_require_all_languages():
    findings = lint_requirement(key="", obligation="must", weight=None, verification_methods=("test",),
                                texts={}, languages=("sv",), require_all_languages=False)
    assert one(findings, TRANSLATION).lang == "sv"


# ----- sentences -------------------------------------------------------------------------------------

@pytest.mark.parametrize("abbreviation", ["art.", "nr.", "f.eks.", "bl.a.", "t.ex.", "e.g.", "i.e.", "kap.", "jf.",
                                          "dvs.", "inkl."])
def test_abbreviations_do_not_end_a_sentence(abbreviation):
    text = f"The service must integrate with Teams ({abbreviation} Teams Rooms and Teams Phone) or equivalent."
    assert len(split_sentences(text)) == 1
    assert only(lint_text(text, "en"), BRAND) == []


@pytest.mark.parametrize("lang, text", [
    ("nb", "Databehandleravtalen skal oppfylle GDPR art. 28(3) og nevne Teams eller tilsvarende."),
    ("nb", "Løsningen skal, jf. FOA § 15-1 (4), støtte Teams eller tilsvarende."),
    ("sv", "Lösningen ska enligt LOU 9 kap. 6 § stödja Teams eller likvärdigt."),
    ("en", "The service must be available 99.5 % of the time, meet ISO/IEC 27001:2022 and Teams or equivalent."),
    ("en", "The service must conform to EN 301 549 V3.2.1 and WCAG 2.1 AA or equivalent."),
])
def test_numbers_and_abbreviations_keep_or_equivalent_in_the_sentence(lang, text):
    assert len(split_sentences(text)) == 1, split_sentences(text)
    assert only(lint_text(text, lang), BRAND) == only(lint_text(text, lang), STANDARD) == []


def test_sentences_split_on_full_stops_blank_lines_and_list_items():
    assert split_sentences("One must. Two should! Three? four.") == ["One must.", "Two should!", "Three? four."]
    assert split_sentences("Support:\n- Teams\n- Zoom or equivalent\n\nNext part") == [
        "Support:", "- Teams", "- Zoom or equivalent", "Next part"]
    assert split_sentences("A sentence wrapped\nover two lines.") == ["A sentence wrapped\nover two lines."]


# ----- messages --------------------------------------------------------------------------------------

@pytest.mark.parametrize("ui", LANGS)
def test_messages_are_in_the_ui_language_whatever_the_text_language(ui):
    rules = load_rules()
    finding = one(lint_text("The service must integrate with Teams.", "en", ui), BRAND)
    assert finding.message == rules.messages[BRAND][ui].format(word="Teams", phrase="or equivalent")
    assert finding.lang == "en"


@pytest.mark.parametrize("ui, expected", [("nb_NO", "nb"), ("nn_NO", "nn"), ("nn", "nn"),
                                          ("sv-SE", "sv"), ("no", "nb"), ("de", "en"), ("", "en")])
def test_ui_language_is_normalised_with_english_fallback(ui, expected):
    rules = load_rules()
    finding = one(lint_text("Løsningen skal støtte Teams.", "nb", ui), BRAND)
    assert finding.message == rules.messages[BRAND][expected].format(word="Teams", phrase="eller tilsvarende")


# ----- lint_library ----------------------------------------------------------------------------------

def _fake_library(*requirements):
    return SimpleNamespace(languages=LANGS, languages_for=lambda part: LANGS,
                           active=lambda: [r for r in requirements if not r.retired])


def _fake_requirement(key, obligation="must", weight=None, methods=("test",), retired=False, **texts):
    text = {lang: SimpleNamespace(requirement=texts.get(lang, CLEAN[lang]), title="Logging") for lang in LANGS}
    return SimpleNamespace(key=key, obligation=obligation, weight=weight, verification_methods=methods,
                           texts=text, retired=retired)


def test_lint_library_names_key_language_and_field():
    library = _fake_library(
        _fake_requirement("SEC-001"),
        _fake_requirement("SEC-002", obligation="should", sv="Lösningen ska vara användarvänlig."),
        _fake_requirement("SEC-003", retired=True, en="The service must run on Windows."),
    )
    findings = lint_library(library, "en")
    assert [(f.key, f.rule, f.lang, f.field) for f in findings] == [
        ("SEC-002", WEIGHT, "", "weight"),
        ("SEC-002", VAGUE, "sv", "requirement"),
    ]


def test_national_library_has_no_lint_errors():
    library = load_library(LIBRARY)
    errors = [f for f in lint_library(library, "en") if f.severity == "error"]
    grouped: dict[str, list[str]] = defaultdict(list)
    for f in errors:
        grouped[f.key].append(f"[{f.lang or '-'}] {f.field} {f.rule}: {f.message}")
    report = "\n".join(f"{key}:\n  " + "\n  ".join(lines) for key, lines in grouped.items())
    assert not errors, f"{len(errors)} lint error(s) in the national library:\n{report}"
