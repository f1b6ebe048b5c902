"""The policy as a table: every action × role × status, written out here independently of
app/policy.py, so a change to who may do what shows up as a failing row."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app import domain, policy
from app.policy import Action

B, R, E, A = "buyer", "reviewer", "evaluator", "admin"
D, IR, CR, AP, PU = "draft", "in_review", "changes_requested", "approved", "published"

# action: {status: roles allowed}
EXPECTED = {
    "view": dict.fromkeys((D, IR, CR, AP, PU), {B, R, E, A}),
    "export": dict.fromkeys((D, IR, CR, AP, PU), {B, R, E, A}),
    "create_project": dict.fromkeys((D, IR, CR, AP, PU), {B, A}),
    "answer_needs": {D: {B, A}, IR: set(), CR: {B, A}, AP: {B, A}, PU: {B, A}},
    "tailor": {D: {B, A}, IR: set(), CR: {B, A}, AP: {B, A}, PU: {B, A}},
    "delete_project": {D: {B, A}, IR: set(), CR: set(), AP: set(), PU: set()},
    "comment": dict.fromkeys((D, IR, CR, AP, PU), {B, R, A}),
    "reply": dict.fromkeys((D, IR, CR, AP, PU), {B, R, A}),
    "resolve_comment": dict.fromkeys((D, IR, CR, AP, PU), {B, R, A}),
    "submit": {D: {B, A}, IR: set(), CR: {B, A}, AP: set(), PU: set()},
    "withdraw": {D: set(), IR: {B, A}, CR: set(), AP: set(), PU: set()},
    "request_changes": {D: set(), IR: {R}, CR: set(), AP: set(), PU: set()},
    "approve": {D: set(), IR: {R}, CR: set(), AP: set(), PU: set()},
    "publish": {D: set(), IR: set(), CR: set(), AP: {B, A}, PU: set()},
    "read_audit": dict.fromkeys((D, IR, CR, AP, PU), {R, A}),
    "administer": dict.fromkeys((D, IR, CR, AP, PU), {A}),
    "evaluate_manage": {D: set(), IR: set(), CR: set(), AP: {B, A}, PU: {B, A}},
    "evaluate_score": {D: set(), IR: set(), CR: set(), AP: {E, R}, PU: {E, R}},
    "evaluate_view": {D: set(), IR: set(), CR: set(), AP: {B, R, E, A}, PU: {B, R, E, A}},
}


def user(role: str, org: int = 1, uid: int = 10):
    return SimpleNamespace(id=uid, role=role, organisation_id=org, is_authenticated=True)


def project(status: str, org: int = 1):
    return SimpleNamespace(status=status, organisation_id=org)


def test_the_table_covers_every_action_role_and_status():
    assert set(EXPECTED) == {a.value for a in Action}
    assert set(domain.ROLES) == {B, R, E, A}
    for action, by_status in EXPECTED.items():
        assert set(by_status) == set(domain.STATUSES), action


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("status", domain.STATUSES)
@pytest.mark.parametrize("role", domain.ROLES)
def test_policy_table(action, status, role):
    allowed = role in EXPECTED[action][status]
    assert policy.may(user(role), action, project(status)) is allowed


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_without_a_project_only_the_role_is_asked(action):
    for role in domain.ROLES:
        some_status = any(role in roles for roles in EXPECTED[action].values())
        assert policy.may(user(role), action) is some_status, role
        assert set(policy.roles_for(action)) == {r for r in domain.ROLES
                                                 if any(r in s for s in EXPECTED[action].values())}


def test_nobody_acts_on_another_organisations_project():
    for action in Action:
        for role in domain.ROLES:
            assert not policy.may(user(role, org=2), action, project(AP, org=1))


def test_signed_out_users_may_do_nothing():
    anonymous = SimpleNamespace(is_authenticated=False)
    assert not any(policy.may(anonymous, action) for action in Action)


def _thread(author_role: str, author_id: int = 99):
    return SimpleNamespace(author_id=author_id, author=SimpleNamespace(role=author_role))


@pytest.mark.parametrize(("actor", "author", "allowed"), [
    (B, R, False),  # a buyer replies to a reviewer's remark but cannot close it
    (A, R, False),
    (R, R, True),  # any reviewer may close a reviewer's remark
    (R, B, True),
    (B, B, True),  # buyers and administrators settle their own side's threads
    (A, B, True),
    (B, A, True),
    (E, B, False),  # evaluators do not take part in the review
])
def test_who_may_resolve_a_thread(actor, author, allowed):
    assert policy.may(user(actor), Action.RESOLVE_COMMENT, project(IR), comment=_thread(author)) is allowed


def test_the_author_of_a_thread_may_always_resolve_it():
    reviewer_thread_by_me = _thread(R, author_id=10)
    me = user(R, uid=10)
    assert policy.may(me, Action.RESOLVE_COMMENT, project(D), comment=reviewer_thread_by_me)


def test_require_raises_refused_with_a_message(app):
    with app.test_request_context():
        with pytest.raises(domain.Refused) as refused:
            policy.require(user(B), Action.TAILOR, project(IR))
        assert "Trekk det tilbake" in str(refused.value.message)  # the nb catalog (the default locale)
        with pytest.raises(domain.Refused) as refused:
            policy.require(user(B), Action.APPROVE, project(AP))
        assert str(refused.value.message)
        policy.require(user(R), Action.APPROVE, project(IR))  # no error
