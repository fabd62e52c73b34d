"""Writes to the workspace: each one all-or-nothing, and each one in the audit trail."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pairsight.assessments import actions, audit, queries
from pairsight.assessments.models import (
    Area,
    Assessment,
    AuditEvent,
    Invitation,
    Membership,
    Progress,
    Role,
    Workstream,
    WorkstreamStatus,
)


def _add_new_person(team: Any, **extra: Any) -> actions.MemberAdded:
    return actions.add_member(
        actor=team.lead,
        assessment=team.assessment,
        email="new@example.nhs.uk",
        full_name="New Person",
        role=Role.VIEWER,
        **extra,
    )


def test_a_new_assessment_has_its_creator_as_lead_and_every_workstream_not_started(
    make_user: Any,
) -> None:
    user = make_user("lead@example.nhs.uk", name="Lena Lead")
    assessment = actions.create_assessment(
        user=user,
        title="Needs assessment 2025",
        area_name="Testshire",
        ons_code="e06000099",
        start_year=2025,
        end_year=2026,
    )
    assert assessment.area.ons_code == "E06000099"
    assert assessment.period == "2025 to 2026"
    assert Membership.objects.get(assessment=assessment).role == Role.LEAD
    statuses = WorkstreamStatus.objects.filter(assessment=assessment)
    assert {s.workstream for s in statuses} == set(Workstream.values)
    assert {s.progress for s in statuses} == {Progress.NOT_STARTED}
    event = AuditEvent.objects.get(assessment=assessment)
    assert event.actor == user
    assert event.actor_name == "Lena Lead (lead@example.nhs.uk)"
    assert event.summary == "Created the assessment Needs assessment 2025"
    assert event.after["ons_code"] == "E06000099"


def test_an_ons_code_already_used_for_another_area_is_refused_and_nothing_is_saved(
    make_user: Any,
) -> None:
    user = make_user("lead@example.nhs.uk")
    Area.objects.create(name="Birmingham", ons_code="E08000025")
    with pytest.raises(ValidationError) as error:
        actions.create_assessment(
            user=user, title="X", area_name="Solihull", ons_code="E08000025", start_year=2025
        )
    assert "already recorded for Birmingham" in str(error.value)
    assert Assessment.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_an_end_year_before_the_start_year_is_refused(make_user: Any) -> None:
    user = make_user("lead@example.nhs.uk")
    with pytest.raises(ValidationError):
        actions.create_assessment(
            user=user,
            title="X",
            area_name="Testshire",
            ons_code="E06000099",
            start_year=2025,
            end_year=2024,
        )
    assert Membership.objects.count() == 0


def test_adding_someone_new_makes_a_one_time_link(team: Any) -> None:
    added = actions.add_member(
        actor=team.lead,
        assessment=team.assessment,
        email="  New.Person@Example.NHS.uk ",
        full_name="New Person",
        role=Role.EDITOR,
    )
    assert added.token
    user = added.membership.user
    assert user.username == "new.person@example.nhs.uk"
    assert not user.is_active and not user.has_usable_password()
    assert added.membership.is_pending
    stored = Invitation.objects.get(user=user)
    assert stored.token_hash != added.token, "only a hash of the token is stored"
    assert stored.token_hash == queries.hash_token(added.token)
    event = AuditEvent.objects.filter(action="member added").latest("at")
    assert event.after == {
        "person": "New Person (new.person@example.nhs.uk)",
        "email": "new.person@example.nhs.uk",
        "role": "editor",
    }


def test_the_link_sets_a_password_once(team: Any) -> None:
    added = _add_new_person(team)
    invitation = queries.usable_invitation(added.token or "")
    assert invitation is not None
    user = actions.accept_invitation(invitation=invitation, password="a-long-password-1")
    assert user.is_active and user.check_password("a-long-password-1")
    assert queries.usable_invitation(added.token or "") is None
    with pytest.raises(ValidationError):
        actions.accept_invitation(invitation=invitation, password="another-password-2")


def test_an_expired_link_does_not_work(team: Any) -> None:
    added = _add_new_person(team)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert queries.usable_invitation(added.token or "") is None


def test_a_new_link_replaces_the_old_one(team: Any) -> None:
    added = _add_new_person(team)
    fresh = actions.new_link(actor=team.lead, membership=added.membership)
    assert queries.usable_invitation(added.token or "") is None
    assert queries.usable_invitation(fresh) is not None


def test_someone_with_an_account_is_added_without_a_link(team: Any, make_user: Any) -> None:
    other = make_user("known@example.nhs.uk", name="Known Person")
    added = actions.add_member(
        actor=team.lead,
        assessment=team.assessment,
        email="KNOWN@example.nhs.uk",
        full_name="Ignored",
        role=Role.VIEWER,
    )
    assert added.token is None
    assert added.membership.user == other
    with pytest.raises(ValidationError, match="already a member"):
        actions.add_member(
            actor=team.lead,
            assessment=team.assessment,
            email="known@example.nhs.uk",
            full_name="Known Person",
            role=Role.EDITOR,
        )


def test_the_last_lead_cannot_step_down_or_be_removed(team: Any) -> None:
    lead = Membership.objects.get(assessment=team.assessment, user=team.lead)
    with pytest.raises(ValidationError, match="at least one lead"):
        actions.change_role(actor=team.lead, membership=lead, role=Role.VIEWER)
    with pytest.raises(ValidationError, match="at least one lead"):
        actions.remove_member(actor=team.lead, membership=lead)
    lead.refresh_from_db()
    assert lead.role == Role.LEAD


def test_changing_a_role_records_before_and_after(team: Any) -> None:
    editor = Membership.objects.get(assessment=team.assessment, user=team.editor)
    actions.change_role(actor=team.lead, membership=editor, role=Role.LEAD)
    event = AuditEvent.objects.get(action="role changed")
    assert event.before["role"] == "editor"
    assert event.after["role"] == "lead"
    lead = Membership.objects.get(assessment=team.assessment, user=team.lead)
    actions.change_role(actor=team.editor, membership=lead, role=Role.VIEWER)
    assert Membership.objects.get(pk=lead.pk).role == Role.VIEWER


def test_removing_someone_keeps_their_name_in_the_audit_trail(team: Any) -> None:
    viewer = Membership.objects.get(assessment=team.assessment, user=team.viewer)
    actions.remove_member(actor=team.lead, membership=viewer)
    assert not Membership.objects.filter(pk=viewer.pk).exists()
    event = AuditEvent.objects.get(action="member removed")
    assert event.before["person"] == "Vera Viewer (viewer@example.nhs.uk)"


def test_progress_changes_are_audited(team: Any) -> None:
    actions.set_progress(
        actor=team.editor,
        assessment=team.assessment,
        workstream=Workstream.WORKFORCE,
        progress=Progress.READY_FOR_REVIEW,
    )
    event = AuditEvent.objects.get(action="progress changed")
    assert event.summary == "Marked workforce as ready for review"
    assert (event.before, event.after) == (
        {"progress": "not_started"},
        {"progress": "ready_for_review"},
    )


def test_exports_are_recorded(team: Any) -> None:
    event = audit.record_export(
        actor=team.viewer,
        assessment=team.assessment,
        what="the audit trail",
        file_format="CSV",
    )
    assert event.kind == AuditEvent.Kind.EXPORT
    assert event.summary == "Downloaded the audit trail as CSV"


def test_audit_events_cannot_be_changed(team: Any) -> None:
    event = AuditEvent.objects.first()
    assert event is not None
    event.summary = "Rewritten"
    with pytest.raises(ValueError, match="never changed"):
        event.save()


def test_the_link_is_emailed_when_email_is_set_up(
    team: Any, settings: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.PAIRSIGHT_EMAIL_ENABLED = True
    with django_capture_on_commit_callbacks(execute=True):
        added = _add_new_person(
            team, link_url=lambda token: f"https://pairsight.example.nhs.uk/set-password/{token}/"
        )
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["new@example.nhs.uk"]
    assert "Testshire needs assessment 2025" in message.subject
    assert f"/set-password/{added.token}/" in message.body


def test_no_email_is_sent_without_an_email_server(
    team: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _add_new_person(team, link_url=lambda token: token)
    assert mailoutbox == []
