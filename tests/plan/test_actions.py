"""Writing the plan: each change is audited; a bad input names its field and stores nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pairsight.assessments.models import AuditEvent
from pairsight.plan import actions
from pairsight.plan.models import Decision, Dissemination, Meeting, Milestone, SteeringMember

START = datetime.date(2026, 1, 5)


def _stored(assessment: Any) -> list[tuple[Any, ...]]:
    return [
        *Milestone.objects.filter(assessment=assessment).values_list(),
        *SteeringMember.objects.filter(assessment=assessment).values_list(),
        *Meeting.objects.filter(assessment=assessment).values_list(),
        *Decision.objects.filter(assessment=assessment).values_list(),
        *Dissemination.objects.filter(assessment=assessment).values_list(),
    ]


def test_starting_from_the_template_makes_fifteen_milestones_and_one_audit_record(
    team: Any,
) -> None:
    made = actions.start_plan_from_template(
        actor=team.lead, assessment=team.assessment, start=START
    )
    assert len(made) == Milestone.objects.filter(assessment=team.assessment).count() == 15
    assert AuditEvent.objects.filter(action="plan started from the template").count() == 1
    with pytest.raises(ValidationError) as refused:
        actions.start_plan_from_template(actor=team.lead, assessment=team.assessment, start=START)
    assert "start" in refused.value.message_dict
    assert Milestone.objects.filter(assessment=team.assessment).count() == 15


def test_a_milestone_is_changed_and_marked_done_with_its_state_audited(team: Any) -> None:
    milestone = actions.add_milestone(
        actor=team.editor,
        assessment=team.assessment,
        title="Surveys open",
        workstream="surveys",
        due=START,
        owner="Sam",
    )
    actions.change_milestone(
        actor=team.editor,
        milestone=milestone,
        title="Surveys open",
        workstream="surveys",
        due=START,
        owner="Sam",
        done=True,
    )
    milestone.refresh_from_db()
    assert milestone.done
    event = AuditEvent.objects.get(action="milestone changed")
    assert event.before["done"] is False and event.after["done"] is True
    assert event.after["due"] == "2026-01-05"


@pytest.mark.parametrize(
    ("use_case", "arguments", "field"),
    [
        ("add_milestone", {"title": " ", "workstream": "surveys", "due": START}, "title"),
        ("add_milestone", {"title": "A", "workstream": "gardening", "due": START}, "workstream"),
        ("add_milestone", {"title": "A", "workstream": "surveys", "due": None}, "due"),
        ("add_milestone", {"title": "A" * 301, "workstream": "surveys", "due": START}, "title"),
        ("add_steering_member", {"name": "Ann", "role": ""}, "role"),
        ("add_meeting", {"date": "next week"}, "date"),
        ("record_decision", {"date": START, "decision": "  "}, "decision"),
        ("add_dissemination", {"audience": "", "channel": "Board", "date": START}, "audience"),
        ("start_plan_from_template", {"start": None}, "start"),
    ],
)
def test_a_bad_input_names_its_field_and_stores_nothing(
    team: Any, use_case: str, arguments: dict[str, Any], field: str
) -> None:
    actions.add_steering_member(
        actor=team.lead, assessment=team.assessment, name="Dr Ada", role="Chair, ICB"
    )
    actions.add_milestone(
        actor=team.lead,
        assessment=team.assessment,
        title="Kick-off",
        workstream="governance",
        due=START,
    )
    before, audited = _stored(team.assessment), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        getattr(actions, use_case)(actor=team.lead, assessment=team.assessment, **arguments)
    assert field in refused.value.message_dict
    assert _stored(team.assessment) == before
    assert AuditEvent.objects.count() == audited


def test_a_meeting_with_decisions_cannot_be_removed_and_a_decision_needs_its_own_meeting(
    team: Any, make_user: Any
) -> None:
    meeting = actions.add_meeting(actor=team.lead, assessment=team.assessment, date=START)
    actions.record_decision(
        actor=team.lead, assessment=team.assessment, date=START, decision="Go", meeting=meeting
    )
    with pytest.raises(ValidationError) as refused:
        actions.remove_plan_item(actor=team.lead, item=meeting)
    assert "meeting" in refused.value.message_dict
    assert Meeting.objects.filter(pk=meeting.pk).exists()

    from pairsight.assessments import actions as assessment_actions

    other = assessment_actions.create_assessment(
        user=team.lead, title="Other", area_name="Elsewhere", ons_code="E06000098", start_year=2025
    )
    with pytest.raises(ValidationError) as refused:
        actions.record_decision(
            actor=team.lead, assessment=other, date=START, decision="Go", meeting=meeting
        )
    assert "meeting" in refused.value.message_dict


def test_removing_is_audited_and_viewers_cannot_change_the_plan(team: Any) -> None:
    member = actions.add_steering_member(
        actor=team.lead, assessment=team.assessment, name="Dr Ada", role="Chair, ICB"
    )
    with pytest.raises(PermissionDenied):
        actions.remove_plan_item(actor=team.viewer, item=member)
    actions.remove_plan_item(actor=team.lead, item=member)
    assert not SteeringMember.objects.exists()
    event = AuditEvent.objects.get(action="steering group member removed")
    assert event.before["name"] == "Dr Ada" and event.after is None
