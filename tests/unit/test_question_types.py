"""The question-type registry: every type the library schema allows has one class, and each class
parses, validates and displays its answers. The new `quantities` type in detail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from app.forms import question_types
from app.forms.builder import build_form_class, step_form
from app.library.model import Option, Question, WizardStep

ROOT = Path(__file__).resolve().parents[2]
EN = {"Accept-Language": "en"}
GROUPS = (Option("employees", {"en": "Employees", "nb": "Ansatte"}),
          Option("pupils", {"en": "Pupils", "nb": "Elever"}),
          Option("politicians", {"en": "Politicians", "nb": "Politikere"}))


def schema_types() -> set[str]:
    schema = json.loads((ROOT / "requirement_library" / "schemas" / "wizard.schema.json").read_text("utf-8"))
    return set(schema["$defs"]["question"]["properties"]["type"]["enum"])


def test_every_schema_type_has_a_class_and_no_more():
    assert set(question_types.REGISTRY) == schema_types()
    assert "quantities" in question_types.REGISTRY


def test_an_unknown_type_is_an_error():
    with pytest.raises(ValueError, match="unknown question type"):
        question_types.of(Question("x", "slider", {"en": "X"}))


def _users_by_group(required=True):
    return Question("users_by_group", "quantities", {"en": "Users by group", "nb": "Brukere per gruppe"},
                    required=required, options=GROUPS)


def _post(app, question, data):
    step = WizardStep("scope", {"en": "Scope"}, (question,))
    with app.test_request_context(method="POST", data=MultiDict(data), headers=EN):
        form = build_form_class(step, "en")(meta={"csrf": False})
        return form.parse({question.id})


def test_quantities_parse_nordic_numbers_and_keep_blanks_as_zero(app):
    values, invalid = _post(app, _users_by_group(), {"users_by_group-employees": "1 250",
                                                     "users_by_group-pupils": "3.400",
                                                     "users_by_group-politicians": ""})
    assert invalid == {}
    assert values == {"users_by_group": {"employees": 1250, "pupils": 3400, "politicians": 0}}


@pytest.mark.parametrize("bad", ["-3", "2,5", "mange"])
def test_quantities_refuse_what_is_not_a_whole_number_of_0_or_more(app, bad):
    values, invalid = _post(app, _users_by_group(), {"users_by_group-employees": bad})
    assert values == {} and invalid == {"users_by_group": "Enter a whole number of 0 or more."}


def test_quantities_have_no_sum_rule_but_need_one_number_when_required(app):
    q = _users_by_group()
    kind = question_types.of(q)
    assert kind.problem(q, {"employees": 7, "pupils": 0, "politicians": 0}) is None
    with app.test_request_context(headers=EN):
        assert kind.missing(q, None) == "Enter a number for at least one group."
        assert kind.missing(q, {"employees": 0, "pupils": 0, "politicians": 0})
        assert kind.missing(_users_by_group(required=False), None) is None
    values, _ = _post(app, q, {"users_by_group-employees": "", "users_by_group-pupils": ""})
    assert values == {"users_by_group": None}  # nothing typed: no answer


def test_quantities_read_as_text_in_the_document_language():
    q = _users_by_group()
    text = question_types.of(q).text(q, {"employees": 1250, "pupils": 0, "politicians": 31}, "nb")
    assert text == "Ansatte: 1\xa0250, Politikere: 31"


def test_a_stored_quantities_answer_fills_the_form_again(app):
    q = _users_by_group()
    step = WizardStep("scope", {"en": "Scope"}, (q,))
    with app.test_request_context(headers=EN):
        form = step_form(step, "en", posted=False, answers={"users_by_group": {"employees": 12}}, version_id=3)
        assert form["users_by_group"].value_of("employees") == "12"
        assert form.version_id.data == 3


def test_weights_keep_their_total_rule(app):
    weights = Question("award_weights", "weights", {"en": "Weights"}, required=True,
                       options=(Option("price", {"en": "Price"}), Option("quality", {"en": "Quality"})))
    values, invalid = _post(app, weights, {"award_weights-price": "40", "award_weights-quality": "50"})
    assert values == {} and "must total 100" in invalid["award_weights"]
    with app.test_request_context(headers=EN):
        assert "Now they total 90" in question_types.of(weights).problem(weights, {"price": 40, "quality": 50})


def test_yes_no_reads_as_a_sentence_in_the_needs_summary():
    q = Question("personal_data", "yes_no", {"en": "Personal data?"},
                 options=(Option(True, {"en": "Yes"}), Option(False, {"en": "No"})))
    kind = question_types.of(q)
    assert kind.summary_line("Personal data?", kind.text(q, True, "en")) == "Personal data? Yes."
    other = question_types.REGISTRY["text"]
    assert other.summary_line("Name", "Oslo") == "Name: Oslo."
