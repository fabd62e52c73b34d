"""The consultation's use cases: a round on the drafts, one response per person, the change
made, and bad inputs that name the field and store nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pairsight.assessments.models import AuditEvent
from pairsight.recommendations.consultation import actions, queries
from pairsight.recommendations.models import (
    ConsultationChange,
    ConsultationResponse,
    ConsultationRound,
)

from .conftest import in_a_fortnight


def _stored() -> tuple[list[Any], list[Any], list[Any], int]:
    return (
        list(ConsultationRound.objects.values().order_by("pk")),
        list(ConsultationResponse.objects.values().order_by("pk")),
        list(ConsultationChange.objects.values().order_by("pk")),
        AuditEvent.objects.count(),
    )


def _open(team: Any, **more: Any) -> Any:
    return actions.open_round(
        actor=team.lead, assessment=team.assessment, closes_on=in_a_fortnight(), **more
    )


def test_a_round_takes_every_draft_unless_the_lead_chooses(team: Any, drafts: list[Any]) -> None:
    consultation = _open(team)
    assert set(consultation.recommendations.all()) == {drafts[0], drafts[1]}
    assert consultation.is_open
    event = AuditEvent.objects.filter(action="consultation opened").get()
    assert event.actor == team.lead and event.after["recommendations"] == [
        drafts[0].pk,
        drafts[1].pk,
    ]

    actions.close_round(actor=team.lead, consultation=consultation)
    chosen = _open(team, recommendation_ids=[drafts[1].pk])
    assert list(chosen.recommendations.all()) == [drafts[1]]


def test_a_consultee_has_one_response_per_recommendation_changed_in_place(
    team: Any, drafts: list[Any]
) -> None:
    consultation = _open(team)
    actions.respond(
        actor=team.consultee,
        consultation=consultation,
        recommendation=drafts[0],
        rating=2,
        comment="Too vague",
    )
    actions.respond(
        actor=team.consultee,
        consultation=consultation,
        recommendation=drafts[0],
        rating="5",
        comment="  Clearer now  ",
    )
    [response] = ConsultationResponse.objects.all()
    assert (response.rating, response.comment, response.agreement) == (
        5,
        "Clearer now",
        "Strongly agree",
    )
    changed = AuditEvent.objects.filter(action="consultation response changed").get()
    assert changed.before == {"rating": 2, "comment": "Too vague"}
    assert changed.after == {"rating": 5, "comment": "Clearer now"}


def test_the_team_sees_counts_per_rating_and_who_commented(
    team: Any, drafts: list[Any], make_user: Any
) -> None:
    from pairsight.assessments.actions import add_member

    second = make_user("second@example.org", name="Sam Second")
    add_member(
        actor=team.lead,
        assessment=team.assessment,
        email=second.email,
        full_name="Sam Second",
        role="consultee",
    )
    consultation = _open(team)
    for person, recommendation, rating, comment in (
        (team.consultee, drafts[0], 4, "Yes"),
        (second, drafts[0], 4, ""),
        (second, drafts[1], 1, ""),
    ):
        actions.respond(
            actor=person,
            consultation=consultation,
            recommendation=recommendation,
            rating=rating,
            comment=comment,
        )
    first, other = queries.responses_by_recommendation(consultation)
    # By hand: two "agree" on the first; one "strongly disagree" on the second.
    assert first.counts == (0, 0, 0, 2, 0) and first.total == 2 and first.agreeing == 2
    assert other.counts == (1, 0, 0, 0, 0)
    assert [(c.who, c.agreement, c.text) for c in first.comments] == [
        ("Cora Consultee (consultee@example.org)", "Agree", "Yes")
    ]
    assert queries.respondents(consultation) == 2


@pytest.mark.parametrize(
    ("rating", "comment", "field"),
    [
        (0, "", "rating"),
        (6, "", "rating"),
        ("agree", "", "rating"),
        (3, "x" * 2001, "comment"),
    ],
)
def test_a_bad_response_names_the_field_and_stores_nothing(
    team: Any, drafts: list[Any], rating: Any, comment: str, field: str
) -> None:
    consultation = _open(team)
    actions.respond(
        actor=team.consultee, consultation=consultation, recommendation=drafts[0], rating=3
    )
    before = _stored()
    with pytest.raises(ValidationError) as caught:
        actions.respond(
            actor=team.consultee,
            consultation=consultation,
            recommendation=drafts[0],
            rating=rating,
            comment=comment,
        )
    assert list(caught.value.message_dict) == [field]
    assert _stored() == before


def test_after_closing_a_response_is_refused_with_the_date(team: Any, drafts: list[Any]) -> None:
    consultation = _open(team)
    actions.respond(
        actor=team.consultee, consultation=consultation, recommendation=drafts[0], rating=3
    )
    actions.close_round(actor=team.lead, consultation=consultation)
    before = _stored()
    with pytest.raises(ValidationError) as caught:
        actions.respond(
            actor=team.consultee, consultation=consultation, recommendation=drafts[0], rating=5
        )
    today = timezone.localdate()
    assert caught.value.message_dict["round"] == [
        f"This consultation closed on {today.day} {today:%B %Y}: "
        "responses can no longer be given or changed."
    ]
    assert _stored() == before


def test_a_round_closes_by_itself_after_its_closing_date(team: Any, drafts: list[Any]) -> None:
    consultation = _open(team)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ConsultationRound.objects.filter(pk=consultation.pk).update(closes_on=yesterday)
    consultation.refresh_from_db()
    assert not consultation.is_open
    with pytest.raises(ValidationError) as caught:
        actions.respond(
            actor=team.consultee, consultation=consultation, recommendation=drafts[0], rating=5
        )
    assert "round" in caught.value.message_dict
    # With that round over, the lead may open the next one.
    assert _open(team).is_open


def test_a_recommendation_outside_the_round_is_refused(team: Any, drafts: list[Any]) -> None:
    consultation = _open(team, recommendation_ids=[drafts[0].pk])
    before = _stored()
    with pytest.raises(ValidationError) as caught:
        actions.respond(
            actor=team.consultee, consultation=consultation, recommendation=drafts[1], rating=4
        )
    assert "recommendation" in caught.value.message_dict
    assert _stored() == before


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"closes_on": datetime.date(2020, 1, 1)}, "closes_on"),
        ({"recommendation_ids": []}, "recommendations"),
        ({"recommendation_ids": [999_999]}, "recommendations"),
    ],
)
def test_a_bad_round_names_the_field_and_stores_nothing(
    team: Any, drafts: list[Any], arguments: dict[str, Any], field: str
) -> None:
    before = _stored()
    with pytest.raises(ValidationError) as caught:
        actions.open_round(
            actor=team.lead,
            assessment=team.assessment,
            **({"closes_on": in_a_fortnight()} | arguments),
        )
    assert list(caught.value.message_dict) == [field]
    assert _stored() == before


def test_an_agreed_recommendation_and_a_second_open_round_are_refused(
    team: Any, drafts: list[Any]
) -> None:
    with pytest.raises(ValidationError) as caught:
        _open(team, recommendation_ids=[drafts[2].pk])
    assert "recommendations" in caught.value.message_dict
    _open(team)
    before = _stored()
    with pytest.raises(ValidationError) as caught:
        _open(team)
    assert "already open" in caught.value.message_dict["closes_on"][0]
    assert _stored() == before


def test_the_team_does_not_respond_and_consultees_do_not_record_changes(
    team: Any, drafts: list[Any]
) -> None:
    consultation = _open(team)
    before = _stored()
    for who in (team.viewer, team.editor, team.lead):
        with pytest.raises(PermissionDenied):
            actions.respond(
                actor=who, consultation=consultation, recommendation=drafts[0], rating=5
            )
    with pytest.raises(PermissionDenied):
        actions.record_change_made(
            actor=team.consultee,
            consultation=consultation,
            recommendation=drafts[0],
            note="Mine",
        )
    assert _stored() == before


def test_the_change_made_is_one_note_per_recommendation_and_audited(
    team: Any, drafts: list[Any]
) -> None:
    consultation = _open(team)
    for note in ("Reworded", "Reworded to name health visitors"):
        actions.record_change_made(
            actor=team.editor, consultation=consultation, recommendation=drafts[0], note=note
        )
    [change] = ConsultationChange.objects.all()
    assert change.note == "Reworded to name health visitors"
    events = AuditEvent.objects.filter(action="consultation change recorded")
    assert [e.after["note"] for e in events.order_by("pk")] == [
        "Reworded",
        "Reworded to name health visitors",
    ]
    before = _stored()
    for bad in ("   ", "x" * 2001):
        with pytest.raises(ValidationError) as caught:
            actions.record_change_made(
                actor=team.editor, consultation=consultation, recommendation=drafts[0], note=bad
            )
        assert list(caught.value.message_dict) == ["note"]
    assert _stored() == before
