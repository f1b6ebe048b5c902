"""The readiness check: one page listing what blocks and what only warns, each with a link to where
it is fixed; submitting, approving and publishing refused while something blocks; the reviewer sees
the same list on the approve page."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Comment
from app.services import readiness, review
from tests.conftest import READY_ANSWERS, dom, error_summary, login, make_project, post_form, save, text_of


def _codes(page, level: str) -> list[str]:
    return [li.get("data-code") for li in page.cssselect(f"#readiness ul[data-level={level}] > li")]


def _links(page, level: str) -> dict[str, str]:
    return {li.get("data-code"): li.cssselect("a")[0].get("href")
            for li in page.cssselect(f"#readiness ul[data-level={level}] > li")}


def _row(project, key):
    return next(r for r in project.requirements if r.key == key)


@pytest.fixture
def messy(users):
    """A Norwegian draft with every blocker and every warning."""
    answers = {"climate_approach": "award_criterion", "award_weights": {"price": 60, "quality": 20, "climate": 10},
               "personal_data": True, "archive_standard": "noark5"}
    project = make_project(users["buyer"], keys=("EXIT-001", "EXIT-002", "SEC-001"), answers=answers)
    edited = _row(project, "EXIT-001")
    edited.text = edited.text + " The export must be user-friendly."  # a linter error the buyer wrote
    _row(project, "EXIT-002").verification = ""  # a must-requirement nobody can verify
    db.session.add(Comment(project_id=project.id, author_id=users["reviewer"].id, body="Se over EXIT-001."))
    save()
    return project


def test_every_blocker_and_warning_is_listed_with_a_link_to_the_fix(client, users, messy):
    login(client, users["buyer"])
    page = dom(client.get(f"/projects/{messy.id}/readiness"))
    assert _codes(page, "blocker") == ["weights", "climate", "lint", "unverified"]
    # Sending a draft for review with open comments only warns: the reviewer resolves them.
    assert _codes(page, "warning") == ["open_comments", "universal_design", "data_processing", "archive", "scope"]
    blockers, warnings = _links(page, "blocker"), _links(page, "warning")
    assert blockers["weights"] == blockers["climate"] == f"/projects/{messy.id}/wizard/evaluation"
    assert blockers["lint"] == f"/projects/{messy.id}/requirements/{_row(messy, 'EXIT-001').id}/edit"
    assert blockers["unverified"] == f"/projects/{messy.id}/requirements/{_row(messy, 'EXIT-002').id}/edit"
    assert warnings["open_comments"] == f"/projects/{messy.id}/review"
    assert warnings["universal_design"] == f"/projects/{messy.id}/requirements/add?category=UU#cat-UU"
    assert warnings["data_processing"].endswith("category=PRIV#cat-PRIV")
    assert warnings["archive"].endswith("category=ARK#cat-ARK")
    assert warnings["scope"] == f"/projects/{messy.id}/wizard/procurement"
    text = " ".join(text_of(page, "#readiness li"))
    assert "90 %" in text and "FOA § 7-9" in text and "user-friendly" in text and "EXIT-002" in text
    assert "Number of users" in " ".join(text_of(page, "#readiness li[data-code=scope] .readiness-items"))
    # The link to the category opens it on the add page.
    add = dom(client.get(warnings["universal_design"]))
    assert add.cssselect("details#cat-UU")[0].get("open") is not None


def test_submitting_with_blockers_is_refused_with_the_list(client, users, messy):
    login(client, users["buyer"])
    response = post_form(client, f"/projects/{messy.id}/review/submit", {}, form_url=f"/projects/{messy.id}/review")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/projects/{messy.id}/readiness")
    page = dom(client.get(response.headers["Location"]))
    assert "readiness check lists as problems (4)" in " ".join(text_of(page, ".flashes"))
    assert len(_codes(page, "blocker")) == 4
    db.session.refresh(messy)
    assert messy.status == "draft"


def test_fixing_everything_lets_the_draft_through(client, users):
    project = make_project(users["buyer"], keys=("EXIT-001", "UU-001"), answers=READY_ANSWERS)
    save()
    login(client, users["buyer"])
    overview = dom(client.get(f"/projects/{project.id}/review"))
    assert "nothing blocks" in " ".join(text_of(overview, "#readiness-summary"))
    page = dom(client.get(f"/projects/{project.id}/readiness"))
    assert _codes(page, "blocker") == [] and page.cssselect("#readiness .ds-alert[data-color=success]")
    post_form(client, f"/projects/{project.id}/review/submit", {}, form_url=f"/projects/{project.id}/review")
    db.session.refresh(project)
    assert project.status == "in_review"


def test_reviewer_sees_the_same_list_and_cannot_approve_with_a_blocker(client, users):
    project = make_project(users["buyer"], keys=("EXIT-001", "UU-001"), answers=READY_ANSWERS)
    review.submit(users["buyer"], project)
    review.add_comment(users["reviewer"], project, "Er dette forholdsmessig?")
    save()
    login(client, users["reviewer"])
    approve_page = dom(client.get(f"/projects/{project.id}/review/approve"))
    readiness_page = dom(client.get(f"/projects/{project.id}/readiness"))
    assert _codes(approve_page, "blocker") == _codes(readiness_page, "blocker") == ["open_comments"]
    assert _codes(approve_page, "warning") == _codes(readiness_page, "warning")
    refused = post_form(client, f"/projects/{project.id}/review/approve", {"summary": "OK"})
    assert refused.status_code == 422
    summary_links = [a.get("href") for a in dom(refused).cssselect("#error-summary a")]
    assert summary_links == ["#blocker-1"] and dom(refused).cssselect("li#blocker-1[data-code=open_comments]")
    assert error_summary(refused) == [text_of(dom(refused), "li#blocker-1")[0].split(" See the comments")[0]]
    db.session.refresh(project)
    assert project.status == "in_review"


def test_publishing_is_refused_when_a_blocker_appears_after_approval(client, users):
    project = make_project(users["buyer"], keys=("EXIT-001", "UU-001"), answers=READY_ANSWERS)
    review.submit(users["buyer"], project)
    review.approve(users["reviewer"], project)
    review.add_comment(users["reviewer"], project, "Ett spørsmål til.")
    save()
    login(client, users["buyer"])
    response = post_form(client, f"/projects/{project.id}/review/publish", {}, form_url=f"/projects/{project.id}/review")
    assert response.headers["Location"].endswith("/readiness")
    db.session.refresh(project)
    assert project.status == "approved"
    with pytest.raises(readiness.NotReady) as refused:
        review.publish(users["buyer"], project)
    assert [f.code for f in refused.value.readiness.blockers] == ["open_comments"]


def test_climate_through_requirements_needs_a_justification_and_a_climate_requirement(users):
    answers = {"climate_approach": "requirements", "award_weights": {"price": 60, "quality": 40}}
    project = make_project(users["buyer"], keys=("EXIT-001",), answers=answers)
    blockers = readiness.check(project).blockers
    assert [(f.code, f.endpoint) for f in blockers] == [("climate", "wizard.step"), ("climate", "requirements.add")]
    project.answers = {**answers, "climate_justification": "Krav til datasentrene gir klart bedre effekt."}
    project.requirements.append(_copy(project, "CLIM-001"))
    assert readiness.check(project).blockers == []
    exempt = {"climate_approach": "negligible_footprint", "award_weights": {"price": 60, "quality": 40}}
    project.answers = exempt
    assert [f.code for f in readiness.check(project).blockers] == ["climate"]  # the exemption needs its reasons
    project.answers = {**exempt, "climate_justification": "Ubetydelig avtrykk."}
    assert readiness.check(project).blockers == []


def _copy(project, key):
    from app.services import catalog, tailoring
    return tailoring.copy_from_library(project, catalog.library().requirement(key))


def test_the_norwegian_climate_rule_does_not_apply_in_sweden(users):
    from tests.conftest import make_org, make_user
    swede = make_user(make_org("Exempel kommun", country="SE", prefix="SE"), "buyer")
    project = make_project(swede, keys=("EXIT-001",), answers={"award_weights": {"price": 80, "quality": 20}})
    assert readiness.check(project).blockers == []
    project.answers = {"award_weights": {"price": 80, "quality": 30}}
    assert [f.code for f in readiness.check(project).blockers] == ["weights"]
