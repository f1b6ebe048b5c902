"""Tailoring a project's requirements: wording with diff and lint, obligation and weight, own
requirements, order, library updates and conflicts."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.services import catalog, tailoring
from tests.conftest import dom, error_summary, field_errors, login, make_project, post_form, save, text_of


@pytest.fixture
def project(users):
    project = make_project(users["buyer"], keys=("EXIT-001", "EXIT-002", "EXIT-003", "ARK-001"))
    save()
    return project


@pytest.fixture
def buyer(client, users):
    login(client, users["buyer"])
    return users["buyer"]


def row(project, key):
    return next(r for r in project.requirements if r.key == key)


def edit_url(project, key):
    return f"/projects/{project.id}/requirements/{row(project, key).id}/edit"


def form_of(r, **changes):
    data = {"title": r.title, "text": r.text, "obligation": r.obligation, "weight": r.weight or "",
            "verification": r.verification}
    return {**data, **changes}


def test_edit_wording_shows_the_difference_from_the_library(client, buyer, project):
    r = row(project, "EXIT-002")
    new_text = r.text.replace("at any time during the contract", "every working day")
    response = post_form(client, edit_url(project, "EXIT-002"), form_of(r, text=new_text))
    assert response.status_code == 302
    db.session.refresh(r)
    assert r.text == new_text and r.is_edited and r.original_text != new_text
    page = dom(client.get(edit_url(project, "EXIT-002")))
    assert "every working day" in " ".join(text_of(page, ".diff ins"))
    assert "at any time during the contract" in " ".join(text_of(page, ".diff del"))
    shown = dom(client.get(f"/projects/{project.id}"))
    assert "Edited" in " ".join(text_of(shown, f"#req-{r.id} .ds-tag"))


def test_should_needs_a_weight_from_1_to_100(client, buyer, project):
    r = row(project, "EXIT-003")
    response = post_form(client, edit_url(project, "EXIT-003"), form_of(r, obligation="should", weight=""))
    assert field_errors(response, "weight") == ["Give a should-requirement a weight from 1 to 100."]
    response = post_form(client, edit_url(project, "EXIT-003"), form_of(r, obligation="should", weight="101"))
    assert field_errors(response, "weight") == ["The weight must be a whole number from 1 to 100."]
    response = post_form(client, edit_url(project, "EXIT-003"), form_of(r, obligation="should", weight="15"))
    assert response.status_code == 302
    db.session.refresh(r)
    assert (r.obligation, r.weight) == ("should", 15)
    post_form(client, edit_url(project, "EXIT-003"), form_of(r, obligation="must", weight="15"))
    db.session.refresh(r)
    assert (r.obligation, r.weight) == ("must", None)  # a must carries no weight


def test_brand_names_are_refused_next_to_the_field_and_nothing_is_saved(client, buyer, project):
    r = row(project, "EXIT-001")
    before = r.text
    response = post_form(client, edit_url(project, "EXIT-001"),
                         form_of(r, text="The service must work with Microsoft Teams."))
    assert response.status_code == 422
    assert field_errors(response, "text") and "equivalent" in field_errors(response, "text")[0]
    assert error_summary(response)
    db.session.refresh(r)
    assert r.text == before


def test_lint_warnings_are_shown_but_the_edit_is_saved(client, buyer, project):
    r = row(project, "EXIT-001")
    text = "The supplier must deliver a monthly report and must also give the municipality training."
    response = post_form(client, edit_url(project, "EXIT-001"), form_of(r, text=text))
    assert response.status_code == 200
    assert "LINT-MULTI" in " ".join(text_of(dom(response), "#lint-findings li"))
    db.session.refresh(r)
    assert r.text == text


def test_empty_and_over_long_fields(client, buyer, project):
    r = row(project, "EXIT-001")
    response = post_form(client, edit_url(project, "EXIT-001"), form_of(r, title="", text="x" * 5001))
    assert field_errors(response, "title") == ["Enter a short title."]
    assert field_errors(response, "text") == ["The requirement can be at most 5000 characters."]
    assert len(error_summary(response)) == 2


def test_own_requirement_is_linted_keyed_and_listed_in_its_category(client, buyer, project):
    url = f"/projects/{project.id}/requirements/new"
    response = post_form(client, url, {"category": "", "title": "", "text": "", "obligation": "must"})
    assert field_errors(response, "category") == ["Choose a category."]
    assert field_errors(response, "title") == ["Enter a short title."]
    response = post_form(client, url, {"category": "OPS", "title": "Opplæring", "obligation": "must",
                                       "text": "The supplier must train 20 super users before go-live."})
    assert field_errors(response, "verification_methods") == ["Choose how a bid is verified."]
    response = post_form(client, url, {"category": "OPS", "title": "Training", "obligation": "must",
                                       "need": "Staff must be able to help colleagues.",
                                       "text": "The supplier must train 20 super users before go-live.",
                                       "verification_methods": ["documentation"]})
    assert response.status_code == 302
    db.session.refresh(project)
    own = next(r for r in project.requirements if r.is_own)
    assert own.key == "TST-P01" and own.category == "OPS"
    page = dom(client.get(f"/projects/{project.id}"))
    assert "TST-P01" in text_of(page, "#cat-OPS + table td:first-child")
    assert text_of(page, f"#req-{own.id} .ds-tag") == ["Own"]
    library_rows = [r for r in project.requirements if not r.is_own]
    assert library_rows and all("Own" not in text_of(page, f"#req-{r.id} .ds-tag") for r in library_rows)


def test_move_reorders_within_the_category(client, buyer, project):
    def order():
        page = dom(client.get(f"/projects/{project.id}"))
        return text_of(page, "#cat-EXIT + table td:first-child")

    assert order() == ["EXIT-001", "EXIT-002", "EXIT-003"]
    r = row(project, "EXIT-003")
    page_url = f"/projects/{project.id}/requirements/{r.id}"  # the one move form is on the requirement's page
    url = f"{page_url}/move"
    page = dom(client.get(page_url))
    assert text_of(page, ".move-form button") == ["Move up"] and "Place 3 of 3" in text_of(page, ".move-form p")[0]
    response = post_form(client, url, {"direction": "up"}, form_url=page_url)
    assert response.status_code == 302 and response.location.endswith(page_url)
    assert order() == ["EXIT-001", "EXIT-003", "EXIT-002"]
    assert text_of(dom(client.get(page_url)), ".move-form button") == ["Move up", "Move down"]
    post_form(client, url, {"direction": "up"}, form_url=page_url)
    post_form(client, url, {"direction": "up"}, form_url=page_url)  # already first
    assert order() == ["EXIT-003", "EXIT-001", "EXIT-002"]
    bad = post_form(client, url, {"direction": "sideways"}, form_url=page_url)
    assert bad.status_code == 400


def test_library_update_can_be_taken_or_declined(client, buyer, project):
    old = row(project, "EXIT-001")
    current_text = old.text
    # The project holds an older library version than the library now has.
    for r in (old, row(project, "EXIT-002")):
        r.source_version = 0
        r.text = r.original_text = "Old wording of the requirement."
    save()
    page = dom(client.get(f"/projects/{project.id}"))
    assert "Library update" in " ".join(text_of(page, f"#req-{old.id} .ds-tag"))
    update_url = f"/projects/{project.id}/requirements/{old.id}/library-update"
    compare = dom(client.get(update_url))
    assert "Old wording of" in " ".join(text_of(compare, ".diff del"))
    response = post_form(client, update_url, {"choice": "take"})
    assert response.status_code == 302
    db.session.refresh(old)
    assert old.text == current_text and old.source_version == catalog.library().requirement("EXIT-001").version

    other = row(project, "EXIT-002")
    response = post_form(client, f"/projects/{project.id}/requirements/{other.id}/library-update", {"choice": "keep"})
    db.session.refresh(other)
    assert other.text == "Old wording of the requirement." and tailoring.newer_version(other) is None
    page = dom(client.get(f"/projects/{project.id}"))
    assert "Library update" not in " ".join(text_of(page, f"#req-{other.id} .ds-tag"))


def test_a_stale_edit_gets_a_conflict_page_with_both_versions(client, buyer, project):
    r = row(project, "EXIT-001")
    url = edit_url(project, "EXIT-001")
    page = dom(client.get(url))
    stale = page.cssselect("input[name=version_id]")[0].get("value")
    token = page.cssselect("input[name=csrf_token]")[0].get("value")
    assert post_form(client, url, form_of(r, title="Saved first")).status_code == 302
    response = client.post(url, data={"csrf_token": token, "version_id": stale, **form_of(r, title="Mine")})
    assert response.status_code == 409
    assert text_of(dom(response), "tbody tr:first-child > *") == ["Title", "Mine", "Saved first"]
    db.session.refresh(r)
    assert r.title == "Saved first"


def test_reviewers_and_other_organisations_cannot_tailor(client, users, project):
    login(client, users["reviewer"])
    assert client.get(edit_url(project, "EXIT-001")).status_code == 403
    assert client.get(f"/projects/{project.id}/requirements/new").status_code == 403
    client.post("/logout", data={"csrf_token": dom(client.get("/")).cssselect("input[name=csrf_token]")[0].get("value")})
    login(client, users["outsider"])
    assert client.get(edit_url(project, "EXIT-001")).status_code == 404


def test_organisation_requirements_can_be_added_to_a_project(client, users, project):
    from app.models import OrgRequirement

    local = OrgRequirement(organisation_id=project.organisation_id, key="TST-001", version=2, category="OPS",
                           obligation="must", verification_methods=["documentation"], answer={"type": "yes_no"},
                           texts={"en": {"title": "Local support desk", "requirement": "The supplier must answer "
                                         "the municipality's support desk within one hour."}})
    db.session.add(local)
    save()
    login(client, users["buyer"])
    page = dom(client.get(f"/projects/{project.id}/requirements/add"))
    assert page.cssselect(f"input[name=local][value='{local.id}']")
    response = post_form(client, f"/projects/{project.id}/requirements/add", {"local": [str(local.id)]})
    assert response.status_code == 302
    db.session.refresh(project)
    added = row(project, "TST-001")
    assert (added.source_org_requirement_id, added.source_version, added.title) == (local.id, 2, "Local support desk")
    bad = post_form(client, f"/projects/{project.id}/requirements/add", {"local": ["999999"]})
    assert bad.status_code == 400 and error_summary(bad) == ["That organisation requirement is not available."]
