"""Step navigation, derived step status and effective answers of the needs wizard (services.wizard)."""

from __future__ import annotations

import pytest

from app.services import wizard
from tests.conftest import make_project, save


@pytest.fixture(autouse=True)
def request_context(app):
    """Validation messages are translated lazily, in the request's language."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def project(users):
    project = make_project(users["buyer"], title="Navigasjon", language="nb", answers={"title": "Navigasjon"})
    save()
    return project


def ids(steps):
    return [s.id for s in steps]


def test_neighbours_skip_hidden_steps(project):
    assert "chat" not in ids(wizard.visible_steps(project))
    previous, following = wizard.neighbours(project, "functions")
    assert (previous.id, following.id) == ("scope", "information")
    project.answers = {**project.answers, "functions": ["chat_video"]}
    previous, following = wizard.neighbours(project, "functions")
    assert following.id == "chat"
    assert wizard.neighbours(project, "procurement")[0] is None
    assert wizard.neighbours(project, "evaluation")[1] is None
    assert wizard.neighbours(project, "no-such-step") == (None, None)


def test_status_is_derived_from_answers(project):
    step = wizard.find_step(project, "exit")
    assert wizard.status_of(project, step) == wizard.NOT_STARTED
    project.step_state = {"exit": "saved"}
    project.answers = {**project.answers, "migration_in": True}
    assert wizard.status_of(project, step) == wizard.IN_PROGRESS
    project.answers = {**project.answers, "exit_assistance": False}
    assert wizard.status_of(project, step) == wizard.DONE
    # A step already done goes back to in progress when an earlier answer makes a new question required.
    info = wizard.find_step(project, "information")
    project.step_state = {**project.step_state, "information": "saved"}
    project.answers = {**project.answers, "personal_data": False, "confidential": False, "classified": False}
    assert wizard.status_of(project, info) == wizard.DONE
    project.answers = {**project.answers, "personal_data": True}
    assert wizard.status_of(project, info) == wizard.IN_PROGRESS


def test_effective_answers_drop_answers_to_hidden_questions(project):
    project.answers = {"functions": ["documents"], "meeting_recording": True, "personal_data": False,
                       "special_categories": True}
    effective = wizard.effective_answers(project)
    assert "meeting_recording" not in effective and "special_categories" not in effective
    assert effective["country"] == "NO" and effective["functions"] == ["documents"]
    assert project.answers["meeting_recording"] is True  # kept, for when chat is chosen again


@pytest.mark.parametrize("country, approach, climate, ok", [
    ("NO", "award_criterion", 30, True), ("NO", "award_criterion", 29, False),
    ("NO", "requirements", 0, True), ("SE", "award_criterion", 0, True),
])
def test_norwegian_climate_rule(country, approach, climate, ok):
    message = wizard.climate_rule({"country": country, "climate_approach": approach,
                                   "award_weights": {"price": 100 - climate, "climate": climate}})
    assert (message is None) == ok
