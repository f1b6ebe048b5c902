"""Administrators curate the organisation's own requirements; buyers find them in the library."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from app.extensions import db
from app.library.spreadsheet import COLUMNS, SHEET
from app.models import AuditEvent, OrgRequirement, OrgRequirementRevision
from app.services import NotAllowed, org_requirements
from tests.conftest import (
    dom,
    error_summary,
    field_errors,
    login,
    make_project,
    make_user,
    post_form,
    save,
    text_of,
)
from tests.factories import make_workbook

CLEAN_NB = "Løsningen skal logge alle innlogginger med tidspunkt, bruker og IP-adresse i minst 12 måneder."
CLEAN_EN = "The service must log every sign-in with time, user and IP address for at least 12 months."
VALID = {
    "category": "SEC", "kind": "requirement", "obligation": "must", "weight": "",
    "verification_methods": ["documentation", "test"], "answer_type": "yes_no",
    "references": "GDPR art. 32\n\nISO/IEC 27001:2022 or equivalent",
    "title_nb": "Logging av innlogginger", "need_nb": "Kommunen må kunne spore hvem som logget inn.",
    "requirement_nb": CLEAN_NB, "title_en": "Logging of sign-ins", "requirement_en": CLEAN_EN,
}


def data(**overrides) -> org_requirements.RequirementData:
    texts = {"nb": {"title": "Logging", "requirement": CLEAN_NB}}
    base = dict(category="SEC", obligation="must", verification_methods=["documentation"], texts=texts)
    base.update(overrides)
    return org_requirements.RequirementData(**base)


@pytest.fixture
def local(users):
    result = org_requirements.create(users["admin"], data(), key=None)
    save()
    return result.requirement


def row(**values) -> list:
    base = {"key": "LOK-101", "category": "SEC", "language": "nb", "obligation": "must", "kind": "requirement",
            "verification_methods": "documentation", "title": "Tittel", "requirement": CLEAN_NB}
    base.update(values)
    return [base.get(c) for c in COLUMNS]


def workbook(rows: list[list]) -> bytes:
    return make_workbook(rows, COLUMNS, SHEET)


def upload(client, content: bytes, name: str = "krav.xlsx"):
    return post_form(client, "/admin/library/import", {"file": (io.BytesIO(content), name)},
                     form_url="/admin/library", content_type="multipart/form-data")


# ----- create, edit, retire, restore ----------------------------------------------------------------

def test_admin_creates_a_requirement_with_the_next_free_key(client, users):
    login(client, users["admin"])
    response = post_form(client, "/admin/library/new", VALID)
    assert response.status_code == 302
    req = OrgRequirement.query.one()
    assert (req.key, req.version, req.organisation_id) == ("TST-001", 1, users["admin"].organisation_id)
    assert req.verification_methods == ["documentation", "test"]
    assert req.references == ["GDPR art. 32", "ISO/IEC 27001:2022 or equivalent"]
    assert set(req.texts) == {"nb", "en"}
    assert req.texts["nb"]["need"] == VALID["need_nb"]
    assert [r.version for r in req.revisions] == [1]
    assert req.revisions[0].data["texts"]["en"]["requirement"] == CLEAN_EN
    page = client.get(response.headers["Location"])
    assert "TST-001 is saved as version 1." in text_of(dom(page), ".flashes .ds-alert")
    second = post_form(client, "/admin/library/new", VALID)
    assert second.status_code == 302
    assert sorted(r.key for r in OrgRequirement.query.all()) == ["TST-001", "TST-002"]
    listing = dom(client.get("/admin/library"))
    assert text_of(listing, "#active-heading") == ["Active requirements (2)"]
    assert AuditEvent.query.filter_by(action="org_requirement.created").count() == 2


def test_admin_edits_and_each_save_is_a_new_version(client, users, local):
    login(client, users["admin"])
    url = f"/admin/library/{local.id}"
    form = dom(client.get(url))
    assert form.cssselect("input[name=version]")[0].get("value") == "1"
    assert form.cssselect("#title_nb")[0].get("value") == "Logging"
    changed = {**VALID, "version": "1", "title_nb": "Sporbar innlogging", "obligation": "should", "weight": "30"}
    assert post_form(client, url, changed).status_code == 302
    assert (local.version, local.obligation, local.weight) == (2, "should", 30)
    assert local.texts["nb"]["title"] == "Sporbar innlogging"
    revisions = OrgRequirementRevision.query.filter_by(org_requirement_id=local.id).order_by("version").all()
    assert [r.data["texts"]["nb"]["title"] for r in revisions] == ["Logging", "Sporbar innlogging"]
    history = dom(client.get(f"{url}/history"))
    assert text_of(history, "li h2") == ["Version 2", "Version 1"]
    note = next(p for p in text_of(history, "#version-2 p") if p.startswith("Changed:"))
    assert note.startswith("Changed: Obligation, Suggested weight, Verification methods")
    assert "Title (Norwegian bokmål)" in note and "Title (English)" in note
    same = post_form(client, url, {**changed, "version": "2"})
    assert same.status_code == 302
    assert local.version == 2  # nothing changed, no new version


def test_a_stale_version_is_not_saved_and_says_so(client, users, local):
    login(client, users["admin"])
    url = f"/admin/library/{local.id}"
    org_requirements.update(users["admin"], local, data(texts={"nb": {"title": "Endret av kollega", "requirement": CLEAN_NB}}),
                       seen_version=1)
    save()
    response = post_form(client, url, {**VALID, "version": "1", "title_nb": "Min endring"})
    assert response.status_code == 409
    assert text_of(dom(response), "h1") == [f"Someone else saved {local.key} first"]
    rows = text_of(dom(response), "tbody tr")
    assert any("Min endring" in r and "Endret av kollega" in r for r in rows)
    db.session.refresh(local)
    assert (local.version, local.texts["nb"]["title"]) == (2, "Endret av kollega")


def test_admin_retires_and_restores(client, users, local):
    login(client, users["admin"])
    response = post_form(client, f"/admin/library/{local.id}/retire", form_url="/admin/library")
    assert response.status_code == 302
    assert local.retired_at is not None
    listing = dom(client.get("/admin/library"))
    assert text_of(listing, "#retired-heading") == ["Retired requirements (1)"]
    assert OrgRequirement.query.count() == 1  # never deleted
    assert local.key not in " ".join(text_of(dom(client.get("/library")), "tbody td"))
    assert post_form(client, f"/admin/library/{local.id}/restore", form_url="/admin/library").status_code == 302
    assert local.retired_at is None
    actions = [e.action for e in AuditEvent.query.order_by(AuditEvent.id).all()]
    assert actions[-2:] == ["org_requirement.retired", "org_requirement.restored"]


# ----- validation -----------------------------------------------------------------------------------

def test_lint_error_blocks_the_save_with_a_field_message(client, users):
    login(client, users["admin"])
    brand = "Løsningen skal fungere sammen med Microsoft Teams."
    response = post_form(client, "/admin/library/new", {**VALID, "requirement_nb": brand})
    assert response.status_code == 200
    messages = field_errors(response, "requirement_nb")
    assert len(messages) == 1 and messages[0].startswith("'Microsoft Teams' is a product name")
    assert messages[0] in error_summary(response)
    link = dom(response).cssselect(".ds-error-summary a")[0]
    assert link.get("href") == "#requirement_nb"
    assert dom(response).cssselect("#requirement_nb")[0].get("aria-invalid") == "true"
    assert OrgRequirement.query.count() == 0


def test_rule_errors_appear_next_to_their_fields(client, users):
    login(client, users["admin"])
    response = post_form(client, "/admin/library/new", {
        **VALID, "obligation": "should", "weight": "", "verification_methods": [], "category": "",
        "title_nb": "", "requirement_en": "", "key": "SEC-001"})
    assert field_errors(response, "weight") == ["A should-requirement needs a weight from 1 to 100."]
    assert field_errors(response, "verification_methods") == ["Choose at least one verification method."]
    assert field_errors(response, "category") == ["Choose a category."]
    assert field_errors(response, "title_nb") == ["Enter the title in Norwegian bokmål."]
    assert field_errors(response, "requirement_en") == ["Enter the requirement text in English."]
    assert field_errors(response, "key") == ["SEC-001 is a national library requirement; choose another key."]
    assert len(error_summary(response)) == 6
    weight = post_form(client, "/admin/library/new", {**VALID, "obligation": "should", "weight": "abc"})
    assert field_errors(weight, "weight") == ["The weight must be a whole number from 1 to 100."]
    assert OrgRequirement.query.count() == 0


def test_lint_warning_is_shown_but_the_requirement_is_saved(client, users):
    login(client, users["admin"])
    multi = "Løsningen skal logge innlogginger og bør lagre loggen i 12 måneder."
    response = post_form(client, "/admin/library/new", {**VALID, "requirement_nb": multi})
    assert response.status_code == 302
    assert OrgRequirement.query.one().texts["nb"]["requirement"] == multi
    page = dom(client.get(response.headers["Location"]))
    flashed = " ".join(text_of(page, ".flashes .ds-alert[data-color=warning]"))
    assert "skal" in flashed and "bør" in flashed
    assert text_of(page, "#lint-warnings li a")  # shown on the edit page too, linked to the field
    assert page.cssselect("#lint-warnings a")[0].get("href") == "#requirement_nb"


def test_over_long_fields_get_messages(client, users):
    login(client, users["admin"])
    response = post_form(client, "/admin/library/new", {**VALID, "title_nb": "x" * 121, "guidance_sv": "y" * 4001,
                                                        "key": "K" * 21})
    assert field_errors(response, "title_nb") == ["The title can be at most 120 characters."]
    assert field_errors(response, "guidance_sv") == ["The guidance can be at most 4000 characters."]
    assert field_errors(response, "key") == ["The key can be at most 20 characters."]
    assert OrgRequirement.query.count() == 0


def test_a_post_without_csrf_token_is_a_400_with_a_message(client, users):
    login(client, users["admin"])
    response = client.post("/admin/library/new", data=VALID)
    assert response.status_code == 400
    assert text_of(dom(response), "h1") == ["The form had expired"]
    assert OrgRequirement.query.count() == 0


# ----- access -------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["buyer", "reviewer"])
def test_buyers_and_reviewers_may_not_curate(client, users, local, role):
    login(client, users[role])
    for url in ("/admin/library", "/admin/library/new", f"/admin/library/{local.id}",
                f"/admin/library/{local.id}/history", "/admin/library/export.xlsx"):
        assert client.get(url).status_code == 403, url
    for url in (f"/admin/library/{local.id}/retire", "/admin/library/new", "/admin/library/import"):
        assert post_form(client, url, VALID, form_url="/library").status_code == 403, url
    assert local.retired_at is None
    assert client.get(f"/library/local/{local.key}").status_code == 200  # but they can read it


def test_another_organisations_requirement_is_not_found(client, users):
    other_admin = make_user(users["outsider"].organisation, "admin")
    swedish = {"sv": {"title": "Loggning", "requirement": "Lösningen ska logga alla inloggningar i minst 12 månader."}}
    other = org_requirements.create(other_admin, data(texts=swedish), key="ANN-001")
    save()
    req = other.requirement
    login(client, users["admin"])
    for url in (f"/admin/library/{req.id}", f"/admin/library/{req.id}/history", "/library/local/ANN-001"):
        assert client.get(url).status_code == 404, url
    assert post_form(client, f"/admin/library/{req.id}/retire", form_url="/admin/library").status_code == 404
    assert req.retired_at is None
    with pytest.raises(NotAllowed):
        org_requirements.retire(users["admin"], req)


# ----- XLSX ---------------------------------------------------------------------------------------

def test_import_with_errors_saves_nothing_and_lists_every_error(client, users, local):
    login(client, users["admin"])
    before = (local.version, OrgRequirement.query.count())
    content = workbook([
        row(key=local.key, title="Ny tittel"),  # would be a new version of an existing key
        row(key="LOK-102", category="NOPE"),
        row(key="LOK-103", requirement="Løsningen skal fungere med Microsoft Teams."),  # lint error
        row(key="LOK-104", obligation="should", weight=300),
    ])
    response = upload(client, content)
    assert response.status_code == 422
    assert error_summary(response) == ["The file has 3 problems; nothing was imported."]
    problems = [tuple(r) for r in (text_of(tr, "td") for tr in dom(response).cssselect("#import-errors tbody tr"))]
    assert [(p[0], p[1]) for p in problems] == [("3", "category"), ("4", "requirement"), ("5", "weight")]
    assert problems[1][2].startswith("'Microsoft Teams' is a product name")
    db.session.refresh(local)
    assert (local.version, OrgRequirement.query.count()) == before
    assert local.texts["nb"]["title"] == "Logging"


def test_a_file_that_is_not_xlsx_is_refused(client, users):
    login(client, users["admin"])
    wrong_type = upload(client, b"key;title\n", name="krav.csv")
    assert field_errors(wrong_type, "file") == ["The file must be an Excel workbook (.xlsx)."]
    broken = upload(client, b"not really a workbook")
    problems = [text_of(tr, "td") for tr in dom(broken).cssselect("#import-errors tbody tr")]
    assert problems == [["The file", "", "The file is not an Excel workbook (.xlsx)."]]
    assert OrgRequirement.query.count() == 0


def test_import_creates_requirements_and_new_versions(client, users, local):
    login(client, users["admin"])
    content = workbook([
        row(key=local.key, title="Ny tittel"),
        row(key="LOK-102", obligation="should", weight=25, verification_methods="documentation, demonstration"),
        row(key="LOK-102", language="en", obligation="should", weight=25,
            verification_methods="documentation, demonstration", title="Title", requirement=CLEAN_EN),
    ])
    response = upload(client, content)
    assert response.status_code == 302
    db.session.refresh(local)
    assert (local.version, local.texts["nb"]["title"]) == (2, "Ny tittel")
    new = OrgRequirement.query.filter_by(key="LOK-102").one()
    assert (new.version, new.obligation, new.weight) == (1, "should", 25)
    assert new.verification_methods == ["documentation", "demonstration"]
    assert set(new.texts) == {"nb", "en"}
    page = dom(client.get("/admin/library"))
    assert "Imported: 1 new, 1 new versions, 0 unchanged." in text_of(page, ".flashes .ds-alert")


def test_downloads_open_in_openpyxl(client, users, local):
    login(client, users["admin"])
    full = client.get("/admin/library/export.xlsx")
    assert full.status_code == 200
    assert full.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = list(load_workbook(io.BytesIO(full.data))[SHEET].iter_rows(values_only=True))
    assert rows[-1][0] == local.key and len(rows) > 100
    own = client.get("/admin/library/export.xlsx?scope=organisation")
    keys = [r[0] for r in load_workbook(io.BytesIO(own.data))[SHEET].iter_rows(min_row=2, values_only=True)]
    assert keys == [local.key]
    again = upload(client, own.data)  # the organisation's own file imports again unchanged
    assert again.status_code == 302
    db.session.refresh(local)
    assert local.version == 1


# ----- the library pages --------------------------------------------------------------------------

def test_buyers_find_local_requirements_in_the_library(client, users, local):
    login(client, users["buyer"])
    page = dom(client.get("/library?q=innlogginger"))
    rows = [" ".join(text_of(tr, "td")) for tr in page.cssselect("tbody tr")]
    mine = [r for r in rows if r.startswith(local.key)]
    assert mine and "Local" in mine[0]
    assert not dom(client.get("/library?q=innlogginger&obligation=should")).cssselect("tr.local-requirement")
    assert not dom(client.get("/library?country=SE")).cssselect("tr.local-requirement")
    assert dom(client.get("/library?category=SEC")).cssselect("tr.local-requirement")
    detail = dom(client.get(f"/library/local/{local.key}"))
    assert text_of(detail, "h1") == ["Logging"]
    assert "Local" in text_of(detail, ".ds-tag")
    assert text_of(detail, "#version-history li")[0].startswith("Version 1")


def test_national_requirement_page_shows_its_version_history(client, users):
    login(client, users["buyer"])
    page = dom(client.get("/library/SEC-001"))
    history = text_of(page, "#version-history li")
    assert history and history[-1].startswith("Version ")
    assert not page.cssselect(".ds-tag")


# ----- services -----------------------------------------------------------------------------------

def test_copy_to_project_takes_the_project_language_or_falls_back(users, local):
    project = make_project(users["buyer"], title="Kontor", language="sv")
    row = org_requirements.copy_to_project(project, local)
    db.session.flush()
    assert (row.key, row.source_org_requirement_id, row.source_version, row.source_key) == (local.key, local.id, 1, None)
    assert (row.title, row.text, row.original_text) == ("Logging", CLEAN_NB, CLEAN_NB)  # no sv text: nb
    assert row.verification_methods == ["documentation"] and row.obligation == "must"
    assert row in project.requirements


def test_keys_continue_after_the_highest_number(app, users):
    admin = users["admin"]
    org_requirements.create(admin, data(), key="TST-007")
    assert org_requirements.create(admin, data()).requirement.key == "TST-008"
    with pytest.raises(org_requirements.Invalid) as refused:
        org_requirements.create(admin, data(), key="TST-007")
    with app.test_request_context(headers={"Accept-Language": "en"}):  # messages are translated lazily
        assert [(f, str(m)) for f, m in refused.value.errors] == [
            ("key", "The organisation already has a requirement TST-007.")]
    with pytest.raises(NotAllowed):
        org_requirements.create(users["buyer"], data())


def test_form_and_rule_problems_are_shown_together(client, users):
    login(client, users["admin"])
    response = post_form(client, "/admin/library/new", {
        **VALID, "obligation": "should", "weight": "x", "title_en": "t" * 121,
        "requirement_nb": "Løsningen skal fungere med Microsoft Teams."})
    assert field_errors(response, "weight") == ["The weight must be a whole number from 1 to 100."]
    assert field_errors(response, "title_en") == ["The title can be at most 120 characters."]
    assert field_errors(response, "requirement_nb")[0].startswith("'Microsoft Teams' is a product name")
    assert len(error_summary(response)) == 3
