"""The condition language (app/library/conditions.py), the wizard's proposal and step visibility."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.library.conditions import ConditionError, comparisons, evaluate, satisfied_leaves

CHAT = {"includes": {"question": "functions", "value": "chat_video"}}
DOCS = {"includes": {"question": "functions", "value": "documents"}}
PERSONAL = {"equals": {"question": "personal_data", "value": True}}
NORWAY = {"equals": {"question": "country", "value": "NO"}}


# ----- evaluate ------------------------------------------------------------------------------------

def test_no_condition_always_holds():
    assert evaluate(None, {}) is True
    assert evaluate(None, {"functions": []}) is True


@pytest.mark.parametrize(("answers", "expected"), [
    ({"personal_data": True}, True),
    ({"personal_data": False}, False),
    ({"personal_data": "true"}, False),  # no coercion: a string is not a yes
    ({}, False),
    ({"personal_data": None}, False),
])
def test_equals(answers, expected):
    assert evaluate(PERSONAL, answers) is expected


def test_equals_compares_strings_exactly():
    assert evaluate(NORWAY, {"country": "NO"})
    assert not evaluate(NORWAY, {"country": "no"})
    assert not evaluate(NORWAY, {"country": "SE"})


@pytest.mark.parametrize(("answers", "expected"), [
    ({"functions": ["documents", "chat_video"]}, True),
    ({"functions": ("chat_video",)}, True),
    ({"functions": {"chat_video"}}, True),
    ({"functions": ["documents"]}, False),
    ({"functions": []}, False),
    ({"functions": "chat_video"}, False),  # a single value is not a multi-choice answer
    ({"functions": "xx chat_video xx"}, False),  # and never a substring match
    ({"functions": None}, False),
    ({}, False),
])
def test_includes(answers, expected):
    assert evaluate(CHAT, answers) is expected


def test_all_any_not():
    both = {"all": [CHAT, DOCS]}
    either = {"any": [CHAT, DOCS]}
    assert evaluate(both, {"functions": ["chat_video", "documents"]})
    assert not evaluate(both, {"functions": ["chat_video"]})
    assert evaluate(either, {"functions": ["documents"]})
    assert not evaluate(either, {"functions": ["spreadsheets"]})
    assert not evaluate(either, {})
    assert evaluate({"not": CHAT}, {"functions": ["documents"]})
    assert evaluate({"not": CHAT}, {})  # nothing chosen: "not chat" holds
    assert not evaluate({"not": CHAT}, {"functions": ["chat_video"]})


def test_nested_conditions():
    cond = {"all": [CHAT, {"any": [PERSONAL, {"not": NORWAY}]}]}
    assert evaluate(cond, {"functions": ["chat_video"], "country": "SE"})
    assert evaluate(cond, {"functions": ["chat_video"], "country": "NO", "personal_data": True})
    assert not evaluate(cond, {"functions": ["chat_video"], "country": "NO", "personal_data": False})
    assert not evaluate(cond, {"functions": [], "country": "SE"})


@pytest.mark.parametrize(("value", "expected"), [
    ("Kontorstøtte", True),
    (0, True),  # zero is an answer
    (False, True),  # so is "no"
    (["documents"], True),
    ("", False),
    ([], False),
    ({}, False),
    (None, False),
])
def test_answered(value, expected):
    assert evaluate({"answered": "q"}, {"q": value}) is expected


def test_answered_with_the_question_missing():
    assert evaluate({"answered": "estimated_value"}, {"title": "x"}) is False


def test_unknown_operator_is_a_condition_error():
    with pytest.raises(ConditionError, match="unknown condition operator 'contains'"):
        evaluate({"contains": {"question": "functions", "value": "chat_video"}}, {})


def test_unknown_operator_inside_a_tree_is_a_condition_error():
    with pytest.raises(ConditionError):
        evaluate({"all": [PERSONAL, {"xor": [CHAT, DOCS]}]}, {"personal_data": True})
    with pytest.raises(ConditionError):
        evaluate({"not": {"maybe": "x"}}, {})


@pytest.mark.parametrize("condition", [{}, {"equals": {"question": "a", "value": 1}, "answered": "a"}])
def test_a_condition_needs_exactly_one_operator(condition):
    with pytest.raises(ConditionError, match="exactly one operator"):
        evaluate(condition, {})


def test_condition_error_is_a_value_error():
    assert issubclass(ConditionError, ValueError)


# ----- comparisons ---------------------------------------------------------------------------------

def test_comparisons_lists_every_leaf_in_order():
    cond = {"all": [CHAT, {"any": [PERSONAL, {"not": NORWAY}]}, {"answered": "estimated_value"}]}
    assert list(comparisons(cond)) == [
        ("includes", "functions", "chat_video"),
        ("equals", "personal_data", True),
        ("equals", "country", "NO"),
        ("answered", "estimated_value", None),
    ]


def test_comparisons_of_no_condition_is_empty():
    assert list(comparisons(None)) == []


def test_comparisons_of_a_single_leaf():
    assert list(comparisons(DOCS)) == [("includes", "functions", "documents")]


# ----- satisfied_leaves ----------------------------------------------------------------------------

def test_satisfied_leaves_of_a_false_or_missing_condition_are_empty():
    assert satisfied_leaves(CHAT, {"functions": ["documents"]}) == []
    assert satisfied_leaves(None, {"functions": ["documents"]}) == []


def test_satisfied_leaves_of_all_are_every_positive_leaf():
    cond = {"all": [CHAT, PERSONAL]}
    assert satisfied_leaves(cond, {"functions": ["chat_video"], "personal_data": True}) == [
        ("functions", "chat_video"), ("personal_data", True)]


def test_satisfied_leaves_of_any_come_from_the_first_true_branch_only():
    cond = {"any": [CHAT, DOCS, PERSONAL]}
    answers = {"functions": ["documents", "chat_video"], "personal_data": True}
    assert satisfied_leaves(cond, answers) == [("functions", "chat_video")]
    assert satisfied_leaves(cond, {"functions": ["documents"], "personal_data": True}) == [
        ("functions", "documents")]


def test_satisfied_leaves_leave_out_not_and_answered():
    cond = {"all": [CHAT, {"not": NORWAY}, {"answered": "title"}]}
    answers = {"functions": ["chat_video"], "country": "SE", "title": "x"}
    assert evaluate(cond, answers)
    assert satisfied_leaves(cond, answers) == [("functions", "chat_video")]


# ----- Library.propose / explain -------------------------------------------------------------------

def _everything_but_chat(library) -> dict:
    """Answers that choose every option of every choice question, except chat and video meetings."""
    answers: dict = {}
    for q in library.wizard.questions.values():
        values = [o.value for o in q.options]
        if q.type == "multi":
            answers[q.id] = [v for v in values if v != "chat_video"]
        elif q.type == "yes_no":
            answers[q.id] = True
        elif values and q.type == "single":
            answers[q.id] = values[0]
    answers["country"] = "NO"
    return answers


def proposed(library, answers, lang="en") -> dict[str, tuple[str, ...]]:
    return {p.requirement.key: p.reasons for p in library.propose(answers, lang)}


def test_requirements_about_chat_are_proposed_only_when_chat_is_chosen(real_library):
    on_chat = [r.key for r in real_library.active()
               if ("includes", "functions", "chat_video") in comparisons(r.applies_when)]
    assert {"UU-013", "UU-014"} <= set(on_chat)
    answers = _everything_but_chat(real_library)
    without = proposed(real_library, answers)
    with_chat = proposed(real_library, {**answers, "functions": [*answers["functions"], "chat_video"]})
    for key in on_chat:
        assert key not in without, key
        assert key in with_chat, key


def test_proposal_reasons_come_from_option_reasons_in_the_chosen_language(real_library):
    answers = {"country": "NO", "functions": ["chat_video"]}
    reasons = {lang: proposed(real_library, answers, lang)["UU-013"] for lang in ("nb", "sv", "en")}
    assert reasons == {
        "nb": ("dere trenger chat og videomøter",),
        "sv": ("ni behöver chatt och videomöten",),
        "en": ("you need chat and video meetings",),
    }


def test_explain_gives_one_reason_per_satisfied_leaf(real_library):
    uu014 = real_library.requirement("UU-014")
    answers = {"country": "NO", "functions": ["chat_video"], "user_groups": ["citizens"], "external_meetings": True}
    assert real_library.explain(uu014, answers, "en") == [
        "you need chat and video meetings", "citizens will use parts of the service"]
    answers["user_groups"] = ["staff"]
    assert real_library.explain(uu014, answers, "nb") == [
        "dere trenger chat og videomøter", "eksterne skal delta i møter uten konto"]


def test_explain_falls_back_to_question_and_option_label_without_a_reason(real_library):
    staff = real_library.wizard.questions["user_groups"].option("staff")
    assert staff is not None and staff.reason is None
    req = replace(real_library.requirement("UU-013"),
                  applies_when={"includes": {"question": "user_groups", "value": "staff"}})
    assert real_library.explain(req, {"user_groups": ["staff"]}, "en") == ["Who will use the service?: Staff"]
    assert real_library.explain(req, {"user_groups": ["staff"]}, "sv") == ["Vilka ska använda lösningen?: Medarbetare"]


def test_explain_repeats_no_reason_and_gives_none_for_unconditional_requirements(real_library):
    req = replace(real_library.requirement("UU-013"), applies_when={"all": [CHAT, {"any": [CHAT, DOCS]}]})
    assert real_library.explain(req, {"functions": ["chat_video"]}, "en") == ["you need chat and video meetings"]
    unconditional = next(r for r in real_library.active() if r.applies_when is None)
    assert real_library.explain(unconditional, {"functions": ["chat_video"]}, "en") == []


def test_country_reason(real_library):
    req = replace(real_library.requirement("UU-013"), applies_when=NORWAY)
    assert real_library.explain(req, {"country": "NO"}, "en") == ["the municipality is in Norway"]


def test_country_filtering(real_library):
    base = {"functions": ["documents"], "archive_standard": "fgs", "integrations": ["case_management"]}
    norway = proposed(real_library, {**base, "country": "NO"})
    sweden = proposed(real_library, {**base, "country": "SE"})
    only_no = {r.key for r in real_library.active() if r.countries == ("NO",)}
    only_se = {r.key for r in real_library.active() if r.countries == ("SE",)}
    assert only_no and only_se
    assert not only_se & set(norway)
    assert not only_no & set(sweden)
    # unconditional national requirements are proposed in their own country
    assert {"UU-007", "SEC-006"} <= set(norway)
    assert {"UU-008", "SEC-015"} <= set(sweden)
    # ARK-012 is Swedish and asks for FGS or case management: never in Norway, even with those answers
    assert "ARK-012" in sweden and "ARK-012" not in norway


def test_retired_requirements_are_never_proposed(real_library):
    req = real_library.requirement("UU-013")
    assert req.applies({"functions": ["chat_video"]})
    assert not replace(req, retired=True).applies({"functions": ["chat_video"]})


def test_proposals_are_in_category_then_key_order(real_library):
    order = {c.code: c.order for c in real_library.categories}
    keys = [(order[p.requirement.category], p.requirement.key)
            for p in real_library.propose(_everything_but_chat(real_library), "en")]
    assert len(keys) > 20
    assert keys == sorted(keys)


# ----- Wizard visibility ---------------------------------------------------------------------------

def step_ids(library, answers) -> list[str]:
    return [s.id for s in library.wizard.visible_steps(answers)]


def test_chat_step_is_shown_only_when_chat_is_chosen(real_library):
    all_steps = [s.id for s in real_library.wizard.steps]
    assert "chat" in all_steps
    assert "chat" not in step_ids(real_library, {})
    assert "chat" not in step_ids(real_library, {"functions": ["documents", "email_calendar"]})
    shown = step_ids(real_library, {"functions": ["documents", "chat_video"]})
    assert "chat" in shown
    assert shown == all_steps  # the other steps have no condition
    assert step_ids(real_library, {}) == [s for s in all_steps if s != "chat"]


def _question_ids(library, step_id, answers) -> list[str]:
    step = library.wizard.step(step_id)
    assert step is not None, step_id
    return [q.id for q in step.visible_questions(answers)]


def test_climate_question_is_asked_only_in_norway(real_library):
    climate_step = real_library.wizard.questions["climate_approach"].step_id
    assert "climate_approach" in _question_ids(real_library, climate_step, {"country": "NO"})
    assert "climate_approach" not in _question_ids(real_library, climate_step, {"country": "SE"})
    assert "climate_approach" not in _question_ids(real_library, climate_step, {})
    # the rest of the step stays
    assert "award_weights" in _question_ids(real_library, climate_step, {"country": "SE"})


def test_special_categories_are_asked_only_about_personal_data(real_library):
    step = real_library.wizard.questions["special_categories"].step_id
    assert "special_categories" in _question_ids(real_library, step, {"personal_data": True})
    assert "special_categories" not in _question_ids(real_library, step, {"personal_data": False})


# ----- number comparisons ---------------------------------------------------------------------------

def test_at_least_and_less_than_compare_number_answers():
    at_least = {"at_least": {"question": "estimated_value", "value": 2_300_000}}
    less_than = {"less_than": {"question": "estimated_value", "value": 2_300_000}}
    assert evaluate(at_least, {"estimated_value": 2_300_000})
    assert evaluate(at_least, {"estimated_value": 2_300_000.5})
    assert not evaluate(at_least, {"estimated_value": 2_299_999})
    assert evaluate(less_than, {"estimated_value": 0})
    assert not evaluate(less_than, {"estimated_value": 2_300_000})
    for blank in ({}, {"estimated_value": None}, {"estimated_value": "2300000"}, {"estimated_value": True}):
        assert not evaluate(at_least, blank) and not evaluate(less_than, blank), blank
    assert satisfied_leaves(at_least, {"estimated_value": 3_000_000}) == [("estimated_value", 2_300_000)]


def test_the_loader_refuses_a_number_comparison_on_a_choice_question(library_copy):
    import yaml

    from app.library import LibraryError, load_library
    path = library_copy / "wizard.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["warnings"][0]["when"] = {"at_least": {"question": "procedure", "value": 3}}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LibraryError) as exc:
        load_library(library_copy)
    assert any("'at_least' needs a number question, 'procedure' is single" in p for p in exc.value.problems)
