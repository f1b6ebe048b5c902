"""The needs wizard in the browser's place: steps, validation, navigation, proposal, conflicts."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.services import catalog
from app.services import wizard as wizard_service
from tests.conftest import dom, error_summary, field_errors, login, make_project, post_form, save, text_of
from tests.wizard_helpers import STEP_IDS, TYPICAL, answer_step, complete_wizard, step_form


@pytest.fixture
def project(users):
    project = make_project(users["buyer"], answers={"title": "Kontorstøtte 2027"})
    save()
    return project


@pytest.fixture
def buyer(client, users):
    login(client, users["buyer"])
    return users["buyer"]


def wizard():
    return catalog.library().wizard


def url(project, step_id=""):
    return f"/projects/{project.id}/wizard" + (f"/{step_id}" if step_id else "")


def statuses(client, project) -> dict[str, str]:
    page = dom(client.get(url(project)))
    return {e.get("id").removeprefix("status-"): " ".join(e.text_content().split())
            for e in page.cssselect(".task-status")}


def post_step(client, project, step_id, data):
    page = dom(client.get(url(project, step_id)))
    token = page.cssselect("input[name=csrf_token]")[0].get("value")
    version = page.cssselect("input[name=version_id]")[0].get("value")
    return client.post(url(project, step_id), data={"csrf_token": token, "version_id": version, **data})


# ----- the task list and the generic step routes ------------------------------------------------

def test_task_list_starts_not_started_and_hides_the_chat_step(client, buyer, project):
    steps = statuses(client, project)
    assert set(steps.values()) == {"Not started"}
    assert "chat" not in steps  # only when chat and video meetings are needed
    assert "procurement" in steps and "evaluation" in steps


def test_every_step_renders_every_visible_question_with_a_label(client, buyer, project):
    answers = {"country": "NO", "functions": ["chat_video"]}
    project.answers = {"functions": ["chat_video"]}
    save()
    for step in wizard().visible_steps(answers):
        page = dom(client.get(url(project, step.id)))
        shown = {e.get("value") for e in page.cssselect("input[name=shown]") if e.get("disabled") is None}
        assert shown == {q.id for q in step.visible_questions(answers)}, step.id
        hidden = {e.get("data-question") for e in page.cssselect(".question[hidden]")}
        assert hidden == {q.id for q in wizard_service.on_page(step, shown)} - shown, step.id
        for q in step.questions:
            if q.type in ("text", "textarea", "number", "date"):
                assert page.cssselect(f"label[for={q.id}]"), f"{step.id}.{q.id} has no label"
            else:
                assert page.cssselect(f"fieldset#{q.id} legend"), f"{step.id}.{q.id} has no legend"


@pytest.mark.parametrize("step_id", STEP_IDS)
def test_each_step_reports_every_missing_required_answer(client, buyer, project, step_id):
    """Empty 'Next' on any step: one message per required question, next to it and in the summary."""
    project.answers = {"functions": ["chat_video"], "title": project.title}
    save()
    step = wizard().step(step_id)
    answers = {"country": "NO", **project.answers}
    if not step.visible(answers):
        pytest.skip("step hidden for these answers")
    shown = [q.id for q in step.visible_questions(answers)]
    data = {"shown": shown, "action": "next"}
    if step_id == "procurement":
        data["title"] = project.title  # the title is bound to the project; tested separately
    response = post_step(client, project, step_id, data)
    required = [q for q in step.visible_questions(answers) if q.required and q.id not in data]
    if step_id == "functions":
        required = [q for q in required if q.id != "functions"] + [step.questions[0]]
    assert response.status_code == (200 if required else 302)
    summary = error_summary(response) if required else []
    for q in required:
        assert field_errors(response, q.id), f"no message next to {step_id}.{q.id}"
    assert len(summary) == len({q.id for q in required})


def test_numbers_and_dates_in_nordic_formats(client, buyer, project):
    step = wizard().step("procurement")
    shown = [q.id for q in step.questions]
    for typed, stored in (("2 500 000", 2500000), ("2.500.000", 2500000), ("2500000,50", 2500000.5)):
        data = step_form(step, shown, {"estimated_value": typed, "contract_start": "1.9.2027", "user_count": "1 200"})
        response = post_step(client, project, "procurement", data)
        assert response.status_code == 302, error_summary(response)
        db.session.refresh(project)
        assert project.answers["estimated_value"] == stored
    assert project.answers["contract_start"] == "2027-09-01"
    assert project.answers["user_count"] == 1200


def test_bad_numbers_and_dates_get_messages_and_keep_what_was_typed(client, buyer, project):
    step = wizard().step("procurement")
    data = step_form(step, [q.id for q in step.questions],
                     {"estimated_value": "fire millioner", "contract_start": "31.2.2027", "contract_years": "2,5"})
    response = post_step(client, project, "procurement", data)
    assert response.status_code == 200
    assert field_errors(response, "estimated_value") == ["Enter a number, for example 2 500 000."]
    assert field_errors(response, "contract_start") == ["Enter a date, for example 1.9.2027 or 2027-09-01."]
    assert field_errors(response, "contract_years") == ["Enter a whole number."]
    page = dom(response)
    assert page.cssselect("#estimated_value")[0].get("value") == "fire millioner"  # nothing typed is lost
    assert page.cssselect("#error-summary a[href='#estimated_value']")
    db.session.refresh(project)
    assert project.answers["procedure"] == "open"  # the valid answers on the step were saved
    assert "estimated_value" not in project.answers


def test_out_of_range_and_over_long_answers(client, buyer, project):
    step = wizard().step("procurement")
    data = step_form(step, [q.id for q in step.questions],
                     {"contract_years": "11", "reference": "x" * 61, "user_count": "0"})
    response = post_step(client, project, "procurement", data)
    assert response.status_code == 200
    assert field_errors(response, "contract_years") == ["The number can be at most 10."]
    assert field_errors(response, "user_count") == ["The number must be at least 1."]
    assert field_errors(response, "reference") == ["This can be at most 60 characters; it has 61."]


def test_title_is_bound_to_the_project_and_cannot_be_emptied(client, buyer, project):
    step = wizard().step("procurement")
    shown = [q.id for q in step.questions]
    response = post_step(client, project, "procurement", step_form(step, shown, {"title": "Ny tittel",
                                                                                  "document_language": "sv"}))
    assert response.status_code == 302
    db.session.refresh(project)
    assert (project.title, project.language, project.reference) == ("Ny tittel", "sv", "2026/123")
    response = post_step(client, project, "procurement", step_form(step, shown, {"title": "   "}))
    assert field_errors(response, "title") == ["Enter a title for the procurement."]
    db.session.refresh(project)
    assert project.title == "Ny tittel"


def test_nynorsk_is_a_document_language(client, buyer, project):
    step = wizard().step("procurement")
    question = step.questions[[q.id for q in step.questions].index("document_language")]
    assert question.option("nn").label["nb"] == "Norsk nynorsk"
    shown = [q.id for q in step.questions]
    response = post_step(client, project, "procurement", step_form(step, shown, {"document_language": "nn"}))
    assert response.status_code == 302
    db.session.refresh(project)
    assert project.language == "nn"


def test_a_nynorsk_user_sees_the_wizard_in_nynorsk(client, buyer, project):
    post_form(client, "/language", {"lang": "nn", "next": "/"}, form_url="/")
    page = dom(client.get(url(project, "functions")))
    assert page.get("lang") == "nn"
    text = " ".join(page.text_content().split())
    assert "Kva treng dei tilsette?" in text
    assert "Kva behov skal løysinga dekkje? Krava skildrar funksjonen, ikkje eit produkt." in text
    assert "Hva trenger de ansatte?" not in text


def test_save_and_leave_keeps_partial_answers_and_marks_the_step_in_progress(client, buyer, project):
    typo = post_step(client, project, "procurement", {"shown": ["title", "procedure", "estimated_value"],
                                                      "action": "save", "title": project.title,
                                                      "procedure": "restricted", "estimated_value": "abc"})
    assert field_errors(typo, "estimated_value")  # unreadable input is shown, not silently dropped
    response = post_step(client, project, "procurement",
                         {"shown": ["title", "procedure", "estimated_value"], "action": "save",
                          "title": project.title, "procedure": "restricted", "estimated_value": ""})
    assert response.status_code == 302 and response.headers["Location"].endswith(url(project))
    db.session.refresh(project)
    assert project.answers["procedure"] == "restricted"
    assert statuses(client, project)["procurement"].startswith("In progress")
    page = dom(client.get(url(project, "procurement")))
    assert page.cssselect("input[name=procedure][value=restricted][checked]")


def test_back_keeps_later_answers_and_changing_an_earlier_answer_loses_nothing(client, buyer, project):
    complete_wizard(client, project.id)
    db.session.refresh(project)
    before = dict(project.answers)
    assert statuses(client, project)["chat"] == "Done"
    # Drop chat: the chat step disappears, but its answers are kept...
    step = wizard().step("functions")
    response = post_step(client, project, "functions", step_form(step, ["functions", "external_collaboration"],
                                                                  {"functions": ["documents"]}))
    assert response.status_code == 302
    assert "chat" not in statuses(client, project)
    db.session.refresh(project)
    assert project.answers["meeting_recording"] == before["meeting_recording"]
    # ... and come back when chat is chosen again.
    post_step(client, project, "functions", step_form(step, ["functions", "external_collaboration"]))
    assert statuses(client, project)["chat"] == "Done"
    # Back from a step goes to the previous visible step and saves what was typed.
    response = post_step(client, project, "chat", {"shown": ["meeting_recording"], "action": "back",
                                                   "meeting_recording": "false"})
    assert response.headers["Location"].endswith(url(project, "functions"))
    db.session.refresh(project)
    assert project.answers["meeting_recording"] is False


def test_hidden_or_unknown_steps_are_404(client, buyer, project):
    assert client.get(url(project, "chat")).status_code == 404
    assert client.get(url(project, "no-such-step")).status_code == 404


def test_a_question_that_appears_on_the_same_page_is_asked_without_an_error(client, buyer, project):
    step = wizard().step("information")
    first = [q.id for q in step.visible_questions({"country": "NO"})]
    assert "special_categories" not in first
    response = post_step(client, project, "information", step_form(step, first, {"personal_data": "true"}))
    assert response.status_code == 200
    assert "brought up more questions" in " ".join(text_of(dom(response), ".ds-alert"))
    assert not error_summary(response)
    assert dom(response).cssselect(".question[data-question=special_categories]")[0].get("hidden") is None


def test_award_weights_must_total_100(client, buyer, project):
    step = wizard().step("evaluation")
    shown = [q.id for q in step.questions]
    response = post_step(client, project, "evaluation", step_form(step, shown, {
        "award_weights": {"price": "50", "quality": "30", "climate": "30"}}))
    assert field_errors(response, "award_weights") == ["The weights must total 100 %. Now they total 110 %."]
    response = post_step(client, project, "evaluation", step_form(step, shown, {
        "award_weights": {"price": "40,5", "quality": "29.5", "climate": "30"}}))
    assert field_errors(response, "award_weights") == ["Enter a whole percentage from 0 to 100."]


def test_norwegian_climate_weight_rule(client, buyer, project):
    step = wizard().step("evaluation")
    shown = [q.id for q in step.questions]
    low = {"price": "60", "quality": "20", "climate": "20"}
    response = post_step(client, project, "evaluation", step_form(step, shown, {"award_weights": low}))
    assert "FOA § 7-9" in field_errors(response, "award_weights")[0]
    response = post_step(client, project, "evaluation", step_form(step, shown, {
        "award_weights": {"price": "70", "quality": "30", "climate": "0"}, "climate_approach": "requirements"}))
    assert response.status_code == 302


def test_swedish_projects_have_no_climate_question(client, users):
    other = users["outsider"]
    project = make_project(other, title="Kontorsstöd", reference="", language="sv")
    save()
    login(client, other)
    page = dom(client.get(url(project, "evaluation")))
    assert not page.cssselect("fieldset#climate_approach")
    step = wizard().step("evaluation")
    response = post_step(client, project, "evaluation", step_form(step, ["award_weights"], {
        "award_weights": {"price": "80", "quality": "20", "climate": "0"}}))
    assert response.status_code == 302


# ----- review, proposal and later changes -------------------------------------------------------

def test_review_lists_every_answer_with_change_links(client, buyer, project):
    complete_wizard(client, project.id)
    page = dom(client.get(url(project, "review")))
    rows = page.cssselect(".summary-list__row")
    answers = {"country": "NO", **project.answers}
    expected = sum(len(s.visible_questions(answers)) for s in wizard().visible_steps(answers))
    assert len(rows) == expected
    links = [a.get("href") for a in page.cssselect(".summary-list__action a")]
    assert f"{url(project, 'procurement')}#estimated_value" in links
    assert "Not answered" not in page.text_content().replace("Not answered (optional)", "")


def test_finishing_proposes_requirements_with_reasons_and_applying_adds_them(client, buyer, project):
    steps = complete_wizard(client, project.id)
    assert steps[0] == "procurement" and "chat" in steps
    page = dom(client.get(url(project, "proposal")))
    items = text_of(page, ".proposal-list li")
    library = catalog.library()
    expected = library.propose({"country": "NO", **project.answers}, "en")
    assert len(items) == len(expected) > 40
    chat_only = [p for p in expected if "chat_video" in str(p.requirement.applies_when)]
    assert chat_only, "the library should have chat-dependent requirements"
    chat_item = next(i for i in items if i.startswith(chat_only[0].requirement.key))
    assert "Because you need chat and video meetings" in chat_item
    response = post_form(client, url(project, "proposal"), {"version_id": project.version_id})
    assert response.status_code == 302
    db.session.refresh(project)
    active = [r for r in project.requirements if r.removed_at is None]
    assert {r.key for r in active} == {p.requirement.key for p in expected}
    assert project.proposed_from == project.answers
    assert next(r for r in active if r.key == chat_only[0].requirement.key).reasons


def test_changing_an_answer_shows_additions_and_removals_before_applying(client, buyer, project):
    complete_wizard(client, project.id)
    post_form(client, url(project, "proposal"), {"version_id": project.version_id})
    db.session.refresh(project)
    library = catalog.library()
    chat_keys = {r.key for r in library.active() if "chat_video" in str(r.applies_when)}
    removed_by_buyer = sorted(chat_keys)[0]
    row = next(r for r in project.requirements if r.key == removed_by_buyer)
    post_form(client, f"/projects/{project.id}/requirements/{row.id}/remove", {"reason": "Egen avtale"})
    manual = next(r.key for r in library.active() if r.key not in {x.key for x in project.requirements}
                  and r.available_in("NO"))
    post_form(client, f"/projects/{project.id}/requirements/add", {"keys": [manual]})

    step = wizard().step("functions")
    without_chat = [f for f in TYPICAL["functions"] if f != "chat_video"]
    post_step(client, project, "functions", step_form(step, ["functions", "external_collaboration"],
                                                      {"functions": without_chat}))
    page = dom(client.get(url(project, "proposal")))
    removals = {t.split()[0] for t in text_of(page, "#remove-heading ~ ul li")}
    assert removals and removals <= chat_keys
    assert removed_by_buyer not in removals and manual not in removals
    db.session.refresh(project)
    assert all(r.removed_at is None for r in project.requirements if r.key in removals)  # nothing applied yet

    post_form(client, url(project, "proposal"), {"version_id": project.version_id})
    db.session.refresh(project)
    active = {r.key for r in project.requirements if r.removed_at is None}
    assert not (removals & active) and manual in active
    # Choosing chat again brings back what the wizard removed, but not what the buyer removed.
    post_step(client, project, "functions", step_form(step, ["functions", "external_collaboration"]))
    page = dom(client.get(url(project, "proposal")))
    additions = {t.split()[0] for t in text_of(page, ".proposal-list li")}
    assert removals <= additions and removed_by_buyer not in additions


def test_proposal_is_refused_until_the_wizard_is_complete(client, buyer, project):
    response = post_form(client, url(project, "proposal"), {"version_id": project.version_id})
    assert response.status_code == 302
    follow = client.get(response.headers["Location"])
    assert "Answer every step" in " ".join(text_of(dom(follow), ".ds-alert"))
    db.session.refresh(project)
    assert not project.requirements


# ----- concurrency, roles, organisations --------------------------------------------------------

def test_a_stale_save_gets_a_conflict_page_with_both_versions(client, buyer, project):
    step = wizard().step("procurement")
    shown = [q.id for q in step.questions]
    page = dom(client.get(url(project, "procurement")))
    token = page.cssselect("input[name=csrf_token]")[0].get("value")
    stale_version = page.cssselect("input[name=version_id]")[0].get("value")
    # Someone else saves first.
    assert post_step(client, project, "procurement", step_form(step, shown, {"user_count": "500"})).status_code == 302
    response = client.post(url(project, "procurement"), data={
        "csrf_token": token, "version_id": stale_version, **step_form(step, shown, {"user_count": "900"})})
    assert response.status_code == 409
    cells = text_of(dom(response), "tr.differs td")
    assert cells == ["900", "500"]
    db.session.refresh(project)
    assert project.answers["user_count"] == 500


def test_reviewer_sees_answers_but_cannot_change_them(client, users, project):
    login(client, users["reviewer"])
    assert client.get(url(project)).status_code == 200
    assert client.get(url(project, "review")).status_code == 200
    assert client.get(url(project, "procurement")).status_code == 403
    assert client.get(url(project, "proposal")).status_code == 200
    response = post_form(client, url(project, "proposal"), {"version_id": project.version_id},
                         form_url=url(project, "review"))
    assert response.status_code == 403


def test_other_organisations_get_404(client, users, project):
    login(client, users["outsider"])
    for path in ("", "/procurement", "/review", "/proposal"):
        assert client.get(url(project) + path).status_code == 404


def test_missing_csrf_token_is_refused_and_nothing_is_saved(client, buyer, project):
    response = client.post(url(project, "procurement"), data={"shown": ["procedure"], "procedure": "restricted"})
    assert response.status_code == 400
    assert "expired" in " ".join(text_of(dom(response), "h1"))
    db.session.refresh(project)
    assert "procedure" not in project.answers


def test_answering_every_step_marks_all_done(client, buyer, project):
    complete_wizard(client, project.id)
    assert set(statuses(client, project).values()) == {"Done"}
    response = answer_step(client, project.id, "security", {"security_level": "high"})
    assert response.status_code == 302


def test_a_required_question_left_out_of_the_post_is_still_reported(client, buyer, project):
    """A page that lost a field (old tab, edited HTML) still hears which answer is missing."""
    response = post_step(client, project, "exit", {"shown": ["migration_in"], "migration_in": "true"})
    assert response.status_code == 200
    assert field_errors(response, "exit_assistance") == ["Choose an answer."]
