"""Adding a member never lets the adder act as that person (issue 9, item 1).

The attack: the lead of one assessment adds the e-mail address of someone who already has an
account (in any letter case) to their own assessment, hoping for a set-password link to that
account. A link exists only for an account that has never had a password, only for the
assessment whose lead created the account, and no other assessment can replace or cancel it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pairsight.assessments import actions, queries
from pairsight.assessments.models import AuditEvent, Invitation, Membership, Role


@pytest.fixture
def other(make_user: Any) -> Any:
    """A second assessment whose lead is a stranger to the first one."""
    mallory = make_user("mallory@example.org", name="Mallory Other")
    assessment = actions.create_assessment(
        user=mallory,
        title="Elsewhere needs assessment",
        area_name="Elsewhere",
        ons_code="E06000098",
        start_year=2025,
    )
    return type("Other", (), {"lead": mallory, "assessment": assessment})


def _invite_pat(team: Any) -> actions.MemberAdded:
    return actions.add_member(
        actor=team.lead,
        assessment=team.assessment,
        email="pat@example.org",
        full_name="Pat Pending",
        role=Role.EDITOR,
    )


@pytest.mark.parametrize("typed", ["PAT@example.org", "pat@EXAMPLE.ORG", " Pat@Example.Org "])
def test_adding_a_pending_person_elsewhere_gives_no_link_and_keeps_theirs(
    team: Any, other: Any, typed: str
) -> None:
    first = _invite_pat(team)
    added = actions.add_member(
        actor=other.lead, assessment=other.assessment, email=typed, full_name="X", role="viewer"
    )
    assert added.token is None
    assert added.membership.user == first.membership.user
    assert queries.usable_invitation(first.token or "") is not None, "the first link still works"
    assert Invitation.objects.filter(user=first.membership.user).count() == 1


def test_another_assessment_cannot_make_a_new_link_for_a_person_it_did_not_create(
    team: Any, other: Any
) -> None:
    first = _invite_pat(team)
    added = actions.add_member(
        actor=other.lead,
        assessment=other.assessment,
        email="pat@example.org",
        full_name="",
        role="lead",
    )
    with pytest.raises(ValidationError):
        actions.new_link(actor=other.lead, membership=added.membership)
    assert queries.usable_invitation(first.token or "") is not None
    # Removing the person from the other assessment does not cancel the first link either.
    actions.remove_member(actor=other.lead, membership=added.membership)
    assert queries.usable_invitation(first.token or "") is not None


def test_an_account_that_once_had_a_password_never_gets_a_link(team: Any) -> None:
    added = _invite_pat(team)
    invitation = queries.usable_invitation(added.token or "")
    assert invitation is not None
    user = actions.accept_invitation(invitation=invitation, password="a-long-password-1")
    # Someone later makes the password unusable (an administrator disabling the account).
    user.set_unusable_password()
    user.save()
    with pytest.raises(ValidationError):
        actions.new_link(actor=team.lead, membership=added.membership)
    assert not Invitation.objects.filter(user=user, used_at__isnull=True).exists()


def test_a_link_for_a_person_who_has_set_a_password_is_refused(team: Any) -> None:
    added = _invite_pat(team)
    stale = Invitation.objects.get(user=added.membership.user)
    user = added.membership.user
    user.set_password("set-some-other-way-1")
    user.save()
    with pytest.raises(ValidationError):
        actions.accept_invitation(invitation=stale, password="attacker-password-1")
    user.refresh_from_db()
    assert user.check_password("set-some-other-way-1")


def test_adding_someone_leaves_a_trace_in_their_other_assessments(team: Any, other: Any) -> None:
    actions.add_member(
        actor=other.lead,
        assessment=other.assessment,
        email="VIEWER@example.nhs.uk",
        full_name="",
        role="viewer",
    )
    trace = AuditEvent.objects.filter(assessment=team.assessment).latest("at", "id")
    assert trace.actor == other.lead
    assert trace.action == "member added elsewhere"
    assert "Vera Viewer (viewer@example.nhs.uk)" in trace.summary
    assert "another assessment" in trace.summary


def _add_page(client: Any, team: Any, email: str, name: str) -> Any:
    url = reverse("assessments:member_add", kwargs={"assessment_id": team.assessment.pk})
    return client.post(url, {"full_name": name, "email": email, "role": "viewer"})


def test_the_add_page_does_not_reveal_whether_an_account_exists(
    team: Any, other: Any, client_for: Any
) -> None:
    _invite_pat(team)
    client = client_for(other.lead)
    known = _add_page(client, other, "PAT@example.org", "Someone")
    known_message = [str(m) for m in client.get(known["Location"]).context["messages"]]
    new = _add_page(client, other, "nobody@example.org", "Someone")
    new_message = [str(m) for m in client.get(new["Location"]).context["messages"]]
    assert (known.status_code, known["Location"]) == (new.status_code, new["Location"])
    assert known.content == new.content == b""
    assert known_message == ["PAT@example.org has been added as viewer"]
    assert new_message == ["nobody@example.org has been added as viewer"]


def test_the_audit_trail_of_the_adder_does_not_name_the_existing_account(
    team: Any, other: Any
) -> None:
    _invite_pat(team)
    actions.add_member(
        actor=other.lead,
        assessment=other.assessment,
        email="PAT@example.org",
        full_name="",
        role="viewer",
    )
    event = AuditEvent.objects.filter(assessment=other.assessment).latest("at", "id")
    assert event.summary == "Added pat@example.org as viewer"
    assert "Pat Pending" not in str(event.after)


def test_a_lead_makes_the_link_for_a_new_person_from_the_team_page(
    team: Any, client_for: Any
) -> None:
    added = _invite_pat(team)
    member = Membership.objects.get(pk=added.membership.pk)
    client = client_for(team.lead)
    url = reverse(
        "assessments:member_link",
        kwargs={"assessment_id": team.assessment.pk, "membership_id": member.pk},
    )
    response = client.post(url)
    assert "/set-password/" in response.content.decode()


def test_someone_with_an_account_is_told_by_email_without_a_link(
    team: Any, other: Any, settings: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.PAIRSIGHT_EMAIL_ENABLED = True
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_member(
            actor=other.lead,
            assessment=other.assessment,
            email="Viewer@Example.nhs.uk",
            full_name="",
            role="viewer",
            link_url=lambda token: f"https://pairsight.example.nhs.uk/set-password/{token}/",
            sign_in_url="https://pairsight.example.nhs.uk/sign-in/",
        )
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["viewer@example.nhs.uk"]
    assert "set-password" not in mailoutbox[0].body
    assert "https://pairsight.example.nhs.uk/sign-in/" in mailoutbox[0].body


def test_a_link_another_assessment_made_before_the_fix_does_not_work(team: Any, other: Any) -> None:
    # Data from before the fix: the other assessment's lead got a link to Pat's account.
    first = _invite_pat(team)
    token = "left-over-from-the-old-code"
    Invitation.objects.create(
        user=first.membership.user,
        assessment=other.assessment,
        token_hash=queries.hash_token(token),
        expires_at=Invitation.objects.get().expires_at,
        created_by=other.lead,
    )
    assert queries.usable_invitation(token) is None
    stale = Invitation.objects.get(assessment=other.assessment)
    with pytest.raises(ValidationError):
        actions.accept_invitation(invitation=stale, password="attacker-password-1")
    assert queries.usable_invitation(first.token or "") is not None
