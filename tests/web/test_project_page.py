"""The project page is a compact list people can scan: ID, title, obligation with weight, category
(the section), markers; filters by category, obligation and open comments; the full text on the
requirement's own page; no form per row."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Comment
from tests.conftest import dom, login, make_project, save, text_of

KEYS = ("UU-013", "EXIT-001", "EXIT-002", "EXIT-003")


@pytest.fixture
def project(users):
    project = make_project(users["buyer"], title="Kompakt", keys=KEYS)
    rows = {r.key: r for r in project.requirements}
    rows["EXIT-002"].obligation, rows["EXIT-002"].weight = "should", 15
    rows["EXIT-003"].text = rows["EXIT-003"].text + " Endret av innkjøper."
    db.session.add(Comment(project_id=project.id, requirement_id=rows["EXIT-001"].id, author_id=users["reviewer"].id,
                           body="Er dette nødvendig?"))
    save()
    return project


def _row(project, key):
    return next(r for r in project.requirements if r.key == key)


def keys_on(client, project, **query) -> list[str]:
    page = dom(client.get(f"/projects/{project.id}", query_string=query))
    return text_of(page, ".requirement-table tbody td:first-child")


def test_rows_show_id_title_obligation_and_markers_but_not_the_text(client, users, project):
    login(client, users["buyer"])
    page = dom(client.get(f"/projects/{project.id}"))
    exit2, exit3, exit1 = (_row(project, k) for k in ("EXIT-002", "EXIT-003", "EXIT-001"))
    cells = text_of(page, f"#req-{exit2.id} td")
    assert cells[0] == "EXIT-002" and exit2.title in cells[1] and cells[2] == "Should (15)"
    assert "Edited" in text_of(page, f"#req-{exit3.id} .ds-tag")
    assert "1 open comment" in text_of(page, f"#req-{exit1.id} .ds-tag")
    assert exit1.text not in page.text_content()  # the full text is one step away
    link = page.cssselect(f"#req-{exit1.id} td:nth-child(2) a")[0].get("href")
    assert link == f"/projects/{project.id}/requirements/{exit1.id}"
    assert not page.cssselect(".requirement-table form")  # no form on any row
    assert len(page.cssselect("form[method=post]")) <= 2  # page-level forms only (e.g. signing out)


def test_the_requirements_own_page_has_the_full_text(client, users, project):
    login(client, users["reviewer"])
    r = _row(project, "EXIT-001")
    page = dom(client.get(f"/projects/{project.id}/requirements/{r.id}"))
    assert text_of(page, "h1") == [r.title]
    assert r.text in " ".join(text_of(page, ".requirement-text"))
    assert "1 open comment" in text_of(page, "a.ds-link")
    assert not page.cssselect(".move-form")  # reviewers read, they do not reorder


@pytest.mark.parametrize(("query", "expected"), [
    ({}, ["UU-013", "EXIT-001", "EXIT-002", "EXIT-003"]),
    ({"category": "EXIT"}, ["EXIT-001", "EXIT-002", "EXIT-003"]),
    ({"obligation": "should"}, ["EXIT-002"]),
    ({"comments": "1"}, ["EXIT-001"]),
    ({"category": "EXIT", "obligation": "must"}, ["EXIT-001", "EXIT-003"]),
    ({"category": "NOPE", "obligation": "maybe"}, ["UU-013", "EXIT-001", "EXIT-002", "EXIT-003"]),
])
def test_filters(client, users, project, query, expected):
    login(client, users["buyer"])
    assert sorted(keys_on(client, project, **query)) == sorted(expected)


def test_filter_form_keeps_its_choices_and_says_how_many_are_shown(client, users, project):
    login(client, users["buyer"])
    page = dom(client.get(f"/projects/{project.id}", query_string={"obligation": "should", "comments": "1"}))
    assert page.cssselect("#filter-obligation option[value=should][selected]")
    assert page.cssselect("#filter-comments[checked]")
    for field_id in ("filter-category", "filter-obligation", "filter-comments"):
        assert page.cssselect(f"label[for={field_id}]"), field_id
    assert text_of(page, ".filter-count") == ["0 of 4 requirements shown."]
    assert "No requirement matches the filters." in page.text_content()


def test_html_per_row_is_small(client, users, project):
    """The page grows by well under 600 bytes per requirement row (the bench measures 150 rows)."""
    login(client, users["buyer"])
    before = len(client.get(f"/projects/{project.id}").data)
    more = make_project(users["buyer"], title="Kompakt", keys=KEYS + ("UU-001", "UU-002", "UU-003", "UU-004",
                                                                         "UU-005", "UU-006", "UU-007", "UU-008"))
    save()
    after = len(client.get(f"/projects/{more.id}").data)
    assert (after - before) / 8 <= 600
