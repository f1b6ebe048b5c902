"""The wizard's legal checks: warnings as data, conditional musts, procedures and the FOA § 7-9
justification, from the answers through the pages to the proposal and the assembled document."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.services import assembly, catalog
from app.services import proposal as proposal_service
from app.services import wizard as wizard_service
from tests.conftest import dom, login, make_org, make_project, make_user, post_form, save, text_of
from tests.wizard_helpers import complete_wizard

SAFE = {"classified": "false", "confidential": "false", "security_level": "normal", "customer_keys": "false",
        "data_location": "eea", "third_country_access": "forbidden", "value_band": "above_eea",
        "procedure": "open", "estimated_value": "4 500 000"}


@pytest.fixture
def ctx(app):
    """The library and lazily translated messages outside a client request."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def warning_ids(answers: dict) -> set[str]:
    return {w.id for w in wizard_service.warnings(answers)}


# ----- warnings(), straight from the data --------------------------------------------------------

@pytest.mark.parametrize(("answers", "expected"), [
    ({"country": "NO", "classified": True}, {"classified_not_covered"}),
    ({"country": "NO", "classified": False}, set()),
    ({"country": "NO", "data_location": "national", "third_country_access": "controlled"},
     {"national_storage_narrows_market", "national_storage_with_third_country_access"}),
    ({"country": "NO", "data_location": "national", "third_country_access": "forbidden"},
     {"national_storage_narrows_market"}),
    ({"country": "NO", "data_location": "eea", "third_country_access": "controlled"}, set()),
    ({"country": "SE", "customer_keys": True}, {"customer_keys_narrows_market"}),
    ({"country": "NO", "confidential": True, "security_level": "normal"}, {"confidential_high_musts"}),
    ({"country": "NO", "procedure": "framework_calloff"}, {"framework_calloff_limits"}),
])
def test_warnings_follow_the_answers(ctx, answers, expected):
    assert warning_ids(answers) == expected


@pytest.mark.parametrize(("country", "value", "answers", "warned"), [
    ("NO", 2_300_000, {"procedure": "below_threshold"}, True),
    ("NO", 2_299_999, {"procedure": "below_threshold"}, False),
    ("NO", 5_000_000, {"procedure": "open", "value_band": "national"}, True),
    ("NO", 5_000_000, {"procedure": "open", "value_band": "above_eea"}, False),
    ("SE", 2_389_585, {"procedure": "below_threshold"}, True),
    ("SE", 2_300_000, {"procedure": "below_threshold"}, False),
    ("SE", None, {"procedure": "below_threshold"}, False),
])
def test_below_threshold_contradicting_the_estimated_value_is_flagged(ctx, country, value, answers, warned):
    ids = warning_ids({"country": country, "estimated_value": value, **answers})
    assert bool(ids & {"below_threshold_value_no", "below_threshold_value_se"}) is warned


def test_above_threshold_band_with_a_low_value_is_flagged(ctx):
    assert "above_band_low_value" in warning_ids({"country": "NO", "value_band": "above_eea", "estimated_value": 900_000})
    assert "above_band_low_value" not in warning_ids({"country": "NO", "value_band": "above_eea",
                                                       "estimated_value": 3_000_000})


def test_every_warning_has_text_in_every_language_and_a_real_step(ctx):
    wizard = catalog.library().wizard
    steps = {s.id for s in wizard.steps}
    assert len(wizard.warnings) >= 8
    for w in wizard.warnings:
        assert w.step in steps
        assert all(w.text.get(lang) for lang in ("nb", "sv", "en")), w.id
    only_step = wizard_service.warnings({"country": "NO", "classified": True, "procedure": "framework_calloff"},
                                        "information")
    assert [w.id for w in only_step] == ["classified_not_covered"]


def test_thresholds_in_the_wizard_are_dated_and_marked_unconfirmed(ctx):
    questions = catalog.library().wizard.questions
    for qid in ("value_band", "estimated_value"):
        hint = questions[qid].hint
        assert "14. mars 2024" in hint["nb"] and "ikke bekreftet" in hint["nb"], qid
        assert "2024–2025" in hint["sv"] and "inte bekräft" in hint["sv"], qid
        assert "not confirmed" in hint["en"], qid
    procedures = {o.value for o in questions["procedure"].options}
    assert {"framework_calloff", "below_threshold", "open"} <= procedures
    assert {o.value for o in questions["value_band"].options} == {"below_national", "national", "above_eea"}


def test_the_climate_hint_names_every_condition_of_foa_7_9(ctx):
    question = catalog.library().wizard.questions["climate_approach"]
    nb, sv = question.hint["nb"], question.hint["sv"]
    for part in ("30 prosent", "rangeres", "ikke bekreftet", "klart gir bedre", "begrunnes", "ubetydelig"):
        assert part in nb, part
    assert "klart ger bättre" in sv and "motiveras" in sv
    assert {o.value for o in question.options} == {"award_criterion", "requirements", "negligible_footprint"}
    hint = catalog.library().wizard.questions["contract_years"].hint["en"]
    assert "single SaaS contract" in hint and "framework agreements, not to a single contract" in hint


# ----- conditional musts ---------------------------------------------------------------------------

def proposed(answers: dict) -> dict[str, str]:
    return {p.requirement.key: p.obligation for p in catalog.library().propose({"country": "NO", **answers}, "en")}


def test_confidential_information_and_high_criticality_make_the_three_requirements_musts(ctx):
    base = {"customer_keys": False}
    plain = proposed({**base, "confidential": False, "security_level": "normal"})
    assert (plain["IAM-005"], plain["SEC-003"]) == ("should", "should") and "RES-009" not in plain
    confidential = proposed({**base, "confidential": True, "security_level": "normal"})
    assert (confidential["IAM-005"], confidential["SEC-003"], confidential["RES-009"]) == ("must", "must", "should")
    critical = proposed({**base, "confidential": False, "security_level": "high"})
    assert (critical["IAM-005"], critical["SEC-003"]) == ("should", "must")
    both = proposed({**base, "confidential": True, "security_level": "high"})
    assert (both["IAM-005"], both["SEC-003"], both["RES-009"]) == ("must", "must", "must")
    assert proposed({"customer_keys": True, "confidential": False})["RES-009"] == "must"


def test_a_conditional_must_explains_itself(ctx):
    library = catalog.library()
    req = library.requirement("IAM-005")
    reasons = library.explain(req, {"country": "NO", "confidential": True}, "en")
    assert "you handle confidential information" in reasons
    assert library.explain(req, {"country": "NO", "confidential": False}, "en") == []


# ----- through the pages ---------------------------------------------------------------------------

@pytest.fixture
def buyer(client, users):
    login(client, users["buyer"])
    return users["buyer"]


def test_warnings_appear_on_their_step_and_on_the_review_page(client, buyer, users):
    project = make_project(users["buyer"], answers={"title": "Advarsler"})
    save()
    complete_wizard(client, project.id, {**SAFE, "classified": "true", "data_location": "national",
                                         "third_country_access": "controlled"})
    step = dom(client.get(f"/projects/{project.id}/wizard/information"))
    assert [e.get("data-warning") for e in step.cssselect("[data-warning]")] == ["classified_not_covered"]
    assert "does not cover procurements for security-classified information" in " ".join(text_of(step, "[data-warning]"))
    review = dom(client.get(f"/projects/{project.id}/wizard/review"))
    shown = {e.get("data-warning") for e in review.cssselect("[data-warning]")}
    assert shown == {"classified_not_covered", "national_storage_narrows_market",
                     "national_storage_with_third_country_access"}
    residency = review.cssselect("#review-residency")[0].getparent()
    assert {e.get("data-warning") for e in residency.cssselect("[data-warning]")} == {
        "national_storage_narrows_market", "national_storage_with_third_country_access"}


def test_applying_the_proposal_stores_conditional_musts_and_follows_a_changed_answer(client, buyer, users):
    project = make_project(users["buyer"], answers={"title": "Vilkår"})
    save()
    complete_wizard(client, project.id, {**SAFE, "confidential": "true", "security_level": "high"})
    assert post_form(client, f"/projects/{project.id}/wizard/proposal", {"version_id": project.version_id}).status_code == 302
    db.session.refresh(project)
    rows = {r.key: r for r in project.requirements if r.removed_at is None}
    assert [(rows[k].obligation, rows[k].weight) for k in ("IAM-005", "SEC-003", "RES-009")] == [("must", None)] * 3
    # Back to normal criticality: RES-009 returns to a weighted should; confidential information keeps the others.
    project.answers = {**project.answers, "security_level": "normal"}
    save()
    proposal_service.apply_proposal(users["buyer"], project)
    rows = {r.key: r for r in project.requirements if r.removed_at is None}
    assert (rows["IAM-005"].obligation, rows["SEC-003"].obligation) == ("must", "must")
    assert (rows["RES-009"].obligation, rows["RES-009"].weight) == ("should", 15)
    # No confidential information either: IAM-005 and SEC-003 are shoulds with the library's weight again.
    project.answers = {**project.answers, "confidential": False}
    save()
    proposal_service.apply_proposal(users["buyer"], project)
    rows = {r.key: r for r in project.requirements if r.removed_at is None}
    assert (rows["IAM-005"].obligation, rows["IAM-005"].weight) == ("should", 10)
    assert (rows["SEC-003"].obligation, rows["SEC-003"].weight) == ("should", 10)
    assert "RES-009" not in rows


def test_a_buyers_own_obligation_is_not_overridden_by_a_later_proposal(client, buyer, users):
    project = make_project(users["buyer"], answers={"title": "Egne valg"})
    save()
    complete_wizard(client, project.id, {**SAFE, "confidential": "false", "security_level": "normal"})
    proposal_service.apply_proposal(users["buyer"], project)
    row = next(r for r in project.requirements if r.key == "SEC-003")
    row.obligation, row.weight = "must", None  # tailored by hand, against the wizard's should
    project.answers = {**project.answers, "support_hours": "always", "exit_assistance": False}
    save()
    proposal_service.apply_proposal(users["buyer"], project)
    assert (row.obligation, row.weight) == ("must", None)  # the wizard only moves obligations it proposed itself


def test_choosing_requirements_asks_for_the_justification_and_puts_it_in_the_document(client, buyer, users):
    project = make_project(users["buyer"], answers={"title": "Klima"})
    save()
    justification = "Krav til fornybar energi og PUE gir klart bedre effekt enn vekting i dette markedet."
    complete_wizard(client, project.id, {**SAFE, "climate_approach": "requirements",
                                         "climate_justification": justification,
                                         "award_weights": {"price": "60", "quality": "40", "climate": "0"}})
    db.session.refresh(project)
    assert project.answers["climate_justification"] == justification
    assert assembly.assemble(project).climate_justification == justification
    project.answers = {**project.answers, "climate_approach": "award_criterion"}
    assert assembly.assemble(project).climate_justification == ""


def test_the_justification_is_required_when_requirements_replace_the_weighting(users, ctx):
    project = make_project(users["buyer"], answers={"title": "Klima uten begrunnelse"})
    save()
    project.step_state = {"evaluation": "saved"}
    project.answers = {**project.answers, "climate_approach": "requirements",
                       "award_weights": {"price": 60, "quality": 40, "climate": 0}}
    save()
    step = catalog.library().wizard.step("evaluation")
    errors = wizard_service.step_errors(project, step, project.answers)
    assert set(errors) == {"climate_justification"}


def test_swedish_projects_get_no_climate_justification(users):
    se = make_org("Exempel kommun", country="SE", prefix="SE1")
    buyer = make_user(se, "buyer")
    project = make_project(buyer, answers={"climate_approach": "requirements", "climate_justification": "x"})
    save()
    assert assembly.climate_justification(project) == ""
