"""Writes of the consultation: the lead opens and closes a round, consultees respond, and the
team records what it changed. Each checks the role first and leaves one audit record."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pairsight.assessments import access
from pairsight.assessments.audit import record_change
from pairsight.assessments.models import Assessment, Role
from pairsight.recommendations.consultation.models import (
    AGREEMENT,
    CHANGE_LIMIT,
    COMMENT_LIMIT,
    ConsultationChange,
    ConsultationResponse,
    ConsultationRound,
    day_text,
)
from pairsight.recommendations.models import Recommendation, Status

OBJECT = "consultation round"


def _open_round(assessment: Assessment) -> ConsultationRound | None:
    return next(
        (r for r in ConsultationRound.objects.filter(assessment=assessment) if r.is_open), None
    )


@transaction.atomic
def open_round(
    *,
    actor: User,
    assessment: Assessment,
    closes_on: datetime.date,
    recommendation_ids: Sequence[int] | None = None,
) -> ConsultationRound:
    """Put draft recommendations (all of them unless chosen) out for consultation."""
    access.require(actor, assessment, Role.LEAD)
    today = timezone.localdate()
    if closes_on < today:
        raise ValidationError({"closes_on": "The closing date must be today or later."})
    current = _open_round(assessment)
    if current is not None:
        raise ValidationError(
            {
                "closes_on": "A consultation is already open until "
                f"{day_text(current.closes_on)}: close it before opening another."
            }
        )
    drafts = Recommendation.objects.filter(assessment=assessment, status=Status.DRAFT)
    if recommendation_ids is not None:
        wanted = set(recommendation_ids)
        chosen = list(drafts.filter(pk__in=wanted))
        if len(chosen) != len(wanted):
            raise ValidationError(
                {"recommendations": "Choose only draft recommendations of this assessment."}
            )
    else:
        chosen = list(drafts)
    if not chosen:
        raise ValidationError(
            {"recommendations": "Choose at least one draft recommendation to consult on."}
        )
    consultation = ConsultationRound.objects.create(
        assessment=assessment, opened_by=actor, closes_on=closes_on
    )
    consultation.recommendations.set(chosen)
    record_change(
        actor=actor,
        assessment=assessment,
        action="consultation opened",
        object_type=OBJECT,
        object_id=consultation.pk,
        summary=(
            f"Opened a consultation on {len(chosen)} recommendations until {day_text(closes_on)}"
        ),
        after={"closes_on": closes_on.isoformat(), "recommendations": [r.pk for r in chosen]},
    )
    return consultation


@transaction.atomic
def close_round(*, actor: User, consultation: ConsultationRound) -> ConsultationRound:
    access.require(actor, consultation.assessment, Role.LEAD)
    if not consultation.is_open:
        raise ValidationError(
            {"round": f"This consultation closed on {day_text(consultation.closed_on)}."}
        )
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["closed_at"])
    record_change(
        actor=actor,
        assessment=consultation.assessment,
        action="consultation closed",
        object_type=OBJECT,
        object_id=consultation.pk,
        summary=f"Closed the consultation that was open until {day_text(consultation.closes_on)}",
        before={"closes_on": consultation.closes_on.isoformat()},
        after={"closed_at": consultation.closed_at.isoformat()},
    )
    return consultation


def _in_round(consultation: ConsultationRound, recommendation: Recommendation) -> None:
    if not consultation.recommendations.filter(pk=recommendation.pk).exists():
        raise ValidationError(
            {"recommendation": "That recommendation is not part of this consultation."}
        )


def _rating(value: Any) -> int:
    try:
        rating = int(str(value).strip())
    except ValueError:
        rating = 0
    if rating not in AGREEMENT:
        raise ValidationError(
            {"rating": "Choose how far you agree, from strongly disagree to strongly agree."}
        )
    return rating


@transaction.atomic
def respond(
    *,
    actor: User,
    consultation: ConsultationRound,
    recommendation: Recommendation,
    rating: int | str,
    comment: str = "",
) -> ConsultationResponse:
    """A consultee's agreement and comment; given again, it replaces their earlier one."""
    membership = access.require(actor, consultation.assessment, Role.CONSULTEE)
    # The team reads the responses; only the people consulted give them.
    if membership is None or membership.role != Role.CONSULTEE:
        raise PermissionDenied("Only consultees respond to a consultation")
    if not consultation.is_open:
        raise ValidationError(
            {
                "round": f"This consultation closed on {day_text(consultation.closed_on)}: "
                "responses can no longer be given or changed."
            }
        )
    _in_round(consultation, recommendation)
    chosen = _rating(rating)
    comment = comment.strip()
    if len(comment) > COMMENT_LIMIT:
        raise ValidationError(
            {
                "comment": f"Keep the comment to {COMMENT_LIMIT:,} characters "
                f"(it has {len(comment):,})."
            }
        )
    found = ConsultationResponse.objects.filter(
        round=consultation, recommendation=recommendation, person=actor
    ).first()
    before = {"rating": found.rating, "comment": found.comment} if found else None
    response, _ = ConsultationResponse.objects.update_or_create(
        round=consultation,
        recommendation=recommendation,
        person=actor,
        defaults={"rating": chosen, "comment": comment},
    )
    record_change(
        actor=actor,
        assessment=consultation.assessment,
        action="consultation response changed" if found else "consultation response given",
        object_type="consultation response",
        object_id=response.pk,
        summary=f"Responded to recommendation {recommendation.number}: {AGREEMENT[chosen]}",
        before=before,
        after={"rating": chosen, "comment": comment},
    )
    return response


@transaction.atomic
def record_change_made(
    *,
    actor: User,
    consultation: ConsultationRound,
    recommendation: Recommendation,
    note: str,
) -> ConsultationChange:
    """What the team changed in the recommendation after the consultation, and why."""
    access.require(actor, consultation.assessment, Role.EDITOR)
    _in_round(consultation, recommendation)
    note = note.strip()
    if not note:
        raise ValidationError({"note": "Say what was changed and why (or that nothing was)."})
    if len(note) > CHANGE_LIMIT:
        raise ValidationError(
            {"note": f"Keep the note to {CHANGE_LIMIT:,} characters (it has {len(note):,})."}
        )
    found = ConsultationChange.objects.filter(
        round=consultation, recommendation=recommendation
    ).first()
    before = {"note": found.note} if found else None
    change, _ = ConsultationChange.objects.update_or_create(
        round=consultation,
        recommendation=recommendation,
        defaults={"note": note, "recorded_by": actor},
    )
    record_change(
        actor=actor,
        assessment=consultation.assessment,
        action="consultation change recorded",
        object_type="consultation change",
        object_id=change.pk,
        summary=f"Recorded the change made to recommendation {recommendation.number}",
        before=before,
        after={"note": note},
    )
    return change
