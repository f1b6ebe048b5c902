"""load_library: the real library loads; a damaged copy raises LibraryError naming file, entry and field."""

from __future__ import annotations

import shutil

import pytest

from app.library import Library, LibraryError, load_library
from app.library.model import LANGUAGES
from tests.library.conftest import edit_yaml, replace_text, requirement_file

MEETINGS = "requirements/accessibility/meetings.yml"  # UU-013 and UU-014
CHAT_CONDITION = "applies_when: {includes: {question: functions, value: chat_video}}"


def problems_of(root) -> list[str]:
    """The problems load_library reports; fails the test if it loads or crashes with anything else."""
    with pytest.raises(LibraryError) as info:
        load_library(root)
    assert info.value.problems, "LibraryError without problems"
    assert str(info.value) == "\n".join(info.value.problems)
    return info.value.problems


def the_problem(root, *needles: str) -> str:
    """The one problem mentioning every needle."""
    problems = problems_of(root)
    hits = [p for p in problems if all(n in p for n in needles)]
    assert len(hits) == 1, f"no single problem mentions {needles}: {problems}"
    return hits[0]


def _edit_requirement(root, key, change):
    path, index = requirement_file(root, key)
    edit_yaml(path, lambda data: change(data["requirements"][index]))
    return path.relative_to(root).as_posix()


# ----- the real library ----------------------------------------------------------------------------

def test_the_real_library_loads(real_library):
    assert isinstance(real_library, Library)
    assert real_library.version
    assert len(real_library.requirements) >= 50
    assert real_library.references and real_library.wizard.steps and real_library.categories


def test_loaded_requirements_are_complete_and_resolved(real_library):
    codes = {c.code for c in real_library.categories}
    for req in real_library.requirements.values():
        assert req.category in codes
        assert req.source.startswith("requirements/") and req.source.endswith(".yml")
        assert set(real_library.languages_for("requirements")) <= set(req.texts) <= set(LANGUAGES)
        for citation in req.citations:
            assert real_library.references[citation.reference.id] is citation.reference


def test_categories_come_in_their_declared_order(real_library):
    orders = [c.order for c in real_library.categories]
    assert orders == sorted(orders)


def test_a_faithful_copy_loads_the_same(library_copy, real_library):
    copy = load_library(library_copy)
    assert copy.version == real_library.version
    assert copy.requirements.keys() == real_library.requirements.keys()
    assert copy.requirements["UU-013"].texts == real_library.requirements["UU-013"].texts


def test_a_folder_without_library_yml_is_refused(tmp_path):
    problem, = problems_of(tmp_path)
    assert str(tmp_path) in problem and "library.yml" in problem


# ----- one kind of damage at a time ----------------------------------------------------------------

def test_missing_required_field(library_copy):
    file = _edit_requirement(library_copy, "UU-013", lambda raw: raw.pop("verification_methods"))
    problem = the_problem(library_copy, file, "UU-013")
    assert "verification_methods" in problem
    assert "required" in problem


def test_missing_text_in_one_language(library_copy):
    file = _edit_requirement(library_copy, "UU-014", lambda raw: raw["text"].pop("sv"))
    problem = the_problem(library_copy, file, "UU-014")
    assert "'sv' is a required property" in problem
    assert "text" in problem


def test_wrong_type(library_copy):
    replace_text(library_copy / MEETINGS, "key: UU-013\n    version: 2", "key: UU-013\n    version: two")
    problem = the_problem(library_copy, MEETINGS, "UU-013")
    assert "field 'requirements.version'" in problem
    assert "'two' is not of type 'integer'" in problem


def test_wrong_value(library_copy):
    file = _edit_requirement(library_copy, "UU-013", lambda raw: raw.update(obligation="could"))
    problem = the_problem(library_copy, file, "UU-013")
    assert "obligation" in problem and "'could'" in problem


def test_should_without_weight(library_copy, real_library):
    key = next(r.key for r in real_library.requirements.values() if r.obligation == "should")
    file = _edit_requirement(library_copy, key, lambda raw: raw.pop("weight"))
    problem = the_problem(library_copy, file, key)
    assert "'weight' is a required property" in problem


def test_duplicate_key(library_copy):
    path, index = requirement_file(library_copy, "UU-013")
    other, _ = requirement_file(library_copy, "UU-001")
    assert other != path

    def copy_uu013(data):
        data["requirements"].append(dict(data["requirements"][index]))
    edit_yaml(path, copy_uu013)
    problem = the_problem(library_copy, "UU-013", "already used")
    assert MEETINGS in problem
    assert "field 'key'" in problem


def test_duplicate_key_across_files(library_copy):
    src, index = requirement_file(library_copy, "UU-013")
    target, _ = requirement_file(library_copy, "UU-001")
    raw = {}
    edit_yaml(src, lambda data: raw.update(data["requirements"][index]))
    edit_yaml(target, lambda data: data["requirements"].append(raw))
    problem = the_problem(library_copy, "UU-013", "already used")
    assert "field 'key'" in problem
    # both files are named: the one with the second copy, and the one it clashes with
    assert target.relative_to(library_copy).as_posix() in problem and MEETINGS in problem


def test_key_with_another_categorys_prefix(library_copy):
    file = _edit_requirement(library_copy, "UU-013", lambda raw: raw.update(key="SEC-913"))
    problem = the_problem(library_copy, file, "SEC-913")
    assert "field 'key'" in problem and "'UU-'" in problem


def test_unknown_reference_id(library_copy):
    def damage(raw):
        raw["references"][1]["ref"] = "no-such-law"
    file = _edit_requirement(library_copy, "UU-013", damage)
    problem = the_problem(library_copy, file, "UU-013", "no-such-law")
    assert "field 'references.1.ref'" in problem
    assert "unknown reference" in problem


def test_duplicate_reference_id(library_copy):
    path = library_copy / "references" / "core.yml"
    first = {}

    def duplicate_first(data):
        first.update(data["references"][0])
        data["references"].append(dict(first))
    edit_yaml(path, duplicate_first)
    problem = the_problem(library_copy, "references/core.yml", "is used by another reference")
    assert first["id"] in problem and "field 'id'" in problem


def test_applies_when_naming_an_unknown_question(library_copy):
    replace_text(library_copy / MEETINGS, CHAT_CONDITION,
                 "applies_when: {includes: {question: telepathy, value: chat_video}}")
    problem = the_problem(library_copy, MEETINGS, "UU-013")
    assert "field 'applies_when'" in problem
    assert "unknown question 'telepathy'" in problem


def test_applies_when_naming_an_unknown_option(library_copy):
    replace_text(library_copy / MEETINGS, CHAT_CONDITION,
                 "applies_when: {includes: {question: functions, value: carrier_pigeon}}")
    problem = the_problem(library_copy, MEETINGS, "UU-013", "field 'applies_when'")
    assert "'carrier_pigeon'" in problem and "chat_video" in problem  # lists the valid options


def test_includes_on_a_single_choice_question(library_copy):
    replace_text(library_copy / MEETINGS, CHAT_CONDITION,
                 "applies_when: {includes: {question: procedure, value: open}}")
    problem = the_problem(library_copy, MEETINGS, "UU-013", "field 'applies_when'")
    assert "multi-choice" in problem


def test_applies_when_with_an_unknown_operator(library_copy):
    replace_text(library_copy / MEETINGS, CHAT_CONDITION,
                 "applies_when: {contains: {question: functions, value: chat_video}}")
    problem = the_problem(library_copy, MEETINGS, "UU-013")
    assert "applies_when" in problem


def test_show_when_naming_an_unknown_question(library_copy):
    replace_text(library_copy / "wizard.yml", "show_when: {includes: {question: functions, value: chat_video}}",
                 "show_when: {includes: {question: fnctions, value: chat_video}}")
    problem = the_problem(library_copy, "wizard.yml", "chat")
    assert "field 'show_when'" in problem and "unknown question 'fnctions'" in problem


def test_invalid_yaml_syntax(library_copy):
    replace_text(library_copy / MEETINGS, "category: UU\n", "category: [UU\n")
    problem = the_problem(library_copy, MEETINGS)
    assert "not valid YAML" in problem
    assert "line " in problem


def test_unknown_category(library_copy):
    replace_text(library_copy / MEETINGS, "category: UU\n", "category: XYZ\n")
    problems = problems_of(library_copy)
    category = [p for p in problems if MEETINGS in p and "field 'category'" in p]
    assert len(category) == 1 and "'XYZ' is not a category in library.yml" in category[0]
    # the keys no longer match the file's category either, and each is named
    assert any("UU-013" in p and "field 'key'" in p for p in problems)


def test_problems_in_several_files_are_all_reported(library_copy):
    replace_text(library_copy / MEETINGS, "key: UU-013\n    version: 2", "key: UU-013\n    version: two")
    other = _edit_requirement(library_copy, "ARK-001", lambda raw: raw.pop("answer"))
    problems = problems_of(library_copy)
    assert any(MEETINGS in p and "UU-013" in p for p in problems)
    assert any(other in p and "ARK-001" in p and "answer" in p for p in problems)


# ----- damage that must not crash the loader -------------------------------------------------------

@pytest.mark.parametrize("content", ["", "- a\n- b\n", "just a string\n", "category: UU\nrequirements:\n  - text\n"],
                         ids=["empty", "list", "scalar", "entry-not-a-mapping"])
def test_a_file_of_the_wrong_shape_is_a_problem_not_a_crash(library_copy, content):
    (library_copy / MEETINGS).write_text(content, encoding="utf-8")
    assert any(MEETINGS in p for p in problems_of(library_copy))


def test_a_file_not_in_utf8_is_a_problem_not_a_crash(library_copy):
    path = library_copy / MEETINGS
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", "replace"))
    problem = the_problem(library_copy, MEETINGS)
    assert "UTF-8" in problem


def test_a_missing_wizard_is_a_problem_not_a_crash(library_copy):
    (library_copy / "wizard.yml").unlink()
    problems = problems_of(library_copy)
    assert any(p.startswith("wizard.yml") for p in problems)


def test_a_broken_library_yml_is_a_problem_not_a_crash(library_copy):
    (library_copy / "library.yml").write_text("- not a mapping\n", encoding="utf-8")
    problems = problems_of(library_copy)
    assert any(p.startswith("library.yml") for p in problems)


def test_a_missing_schema_is_a_problem_not_a_crash(library_copy):
    (library_copy / "schemas" / "requirements.schema.json").unlink()
    problem = the_problem(library_copy, "requirements.schema.json")
    assert "missing" in problem


def test_missing_schemas_folder_is_a_problem_not_a_crash(library_copy):
    shutil.rmtree(library_copy / "schemas")
    assert any("library.schema.json" in p for p in problems_of(library_copy))


def test_must_when_on_a_must_is_refused(library_copy):
    file = _edit_requirement(library_copy, "UU-013", lambda raw: raw.update(
        must_when={"equals": {"question": "confidential", "value": True}}))
    problem = the_problem(library_copy, file, "UU-013", "must_when")
    assert "only a should-requirement can become a must" in problem


def test_must_when_naming_an_unknown_question_is_refused(library_copy):
    file = _edit_requirement(library_copy, "IAM-005", lambda raw: raw.update(
        must_when={"equals": {"question": "no_such_question", "value": True}}))
    problem = the_problem(library_copy, file, "IAM-005", "must_when")
    assert "unknown question 'no_such_question'" in problem


def test_a_warning_on_an_unknown_step_is_refused(library_copy):
    def change(data):
        data["warnings"][0]["step"] = "no_such_step"
    edit_yaml(library_copy / "wizard.yml", change)
    problem = the_problem(library_copy, "wizard.yml", "no_such_step")
    assert "unknown step" in problem


# ----- every text in every language (library.yml: languages, translations_in_progress) ---------------

def _in_progress(root, parts: dict) -> None:
    edit_yaml(root / "library.yml", lambda meta: meta.update(translations_in_progress=parts))


def test_a_requirement_without_nynorsk_is_a_problem_once_nynorsk_is_complete(library_copy):
    _in_progress(library_copy, {"nn": ["wizard"]})
    file = _edit_requirement(library_copy, "UU-014", lambda raw: raw["text"].pop("nn", None))
    problem = the_problem(library_copy, file, "UU-014", "nynorsk")
    assert problem.endswith("field 'requirements.text': has no nynorsk (nn) text")


def test_a_wizard_text_without_nynorsk_is_a_problem(library_copy):
    def drop_need(wizard):
        step = next(s for s in wizard["steps"] if s["id"] == "functions")
        step["questions"][0]["options"][0]["need"].pop("nn")
    edit_yaml(library_copy / "wizard.yml", drop_need)
    problem = the_problem(library_copy, "wizard.yml", "nynorsk")
    assert problem.endswith("field 'steps.questions.options.need': has no nynorsk (nn) text")


def test_a_reference_or_category_without_nynorsk_is_a_problem(library_copy):
    _in_progress(library_copy, {"nn": ["requirements", "wizard"]})
    edit_yaml(library_copy / "references" / "core.yml",
              lambda data: next(r for r in data["references"] if r["id"] == "gdpr")["title"].pop("nn"))
    edit_yaml(library_copy / "library.yml", lambda meta: meta["categories"][0]["intro"].pop("nn"))
    assert the_problem(library_copy, "references/core.yml", "gdpr") == \
        "references/core.yml: gdpr: field 'references.title': has no nynorsk (nn) text"
    assert the_problem(library_copy, "library.yml", "FUN") == \
        "library.yml: FUN: field 'categories.intro': has no nynorsk (nn) text"


def test_parts_in_progress_may_lack_nynorsk_and_fall_back_to_bokmal(library_copy):
    _in_progress(library_copy, {"nn": ["references", "requirements", "wizard"]})
    _edit_requirement(library_copy, "UU-014", lambda raw: raw["text"].pop("nn", None))
    edit_yaml(library_copy / "references" / "core.yml",
              lambda data: next(r for r in data["references"] if r["id"] == "gdpr")["title"].pop("nn"))
    library = load_library(library_copy)
    req = library.requirement("UU-014")
    assert "nn" not in req.texts
    assert req.text("nn") == req.text("nb")
    assert library.languages_for("requirements") == ("nb", "sv", "en")
    assert library.languages_for("library") == ("nb", "nn", "sv", "en")
    from app.library.model import pick
    assert pick(library.references["gdpr"].title, "nn") == library.references["gdpr"].title["nb"]


def test_translations_in_progress_names_only_known_parts(library_copy):
    _in_progress(library_copy, {"nn": ["chapters"]})
    assert "'chapters' is not one of" in the_problem(library_copy, "library.yml", "translations_in_progress")
